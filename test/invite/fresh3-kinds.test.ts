/**
 * Places and audiences of the kinds invite-fresh-3's tune part showed misread, in wording of our own:
 * a room or building after a comma, a meeting point "utanför …", a floor after a comma, a genitive
 * "mötesplats", an English venue of several words, a name and its town after the time; an audience
 * with a bracketed remark, a list of organisations before a dash, the occasion after a dash, the
 * language asked for, "inför …", a range of numbers, and a mistyped "inbjudan"; a theme or a purpose put as
 * a question, a participant only hoped for, and no offer to explore forms of working together when the
 * meeting is about one of them.
 */
import { describe, expect, it } from 'vitest';
import { createInviter } from '../../src/invite/index.js';
import { isOnePerson, parseInviteRequest, withAnchorWordsSpelled } from '../../src/invite/parse.js';

const TODAY = '2026-10-01';
const p = (t: string) => parseInviteRequest(t, TODAY);

describe('the place keeps what follows it after a comma', () => {
  it('a hall, a room or a building that ends the sentence', () => {
    expect(p('Bjud in föreningarna i Ljusdal till en träff onsdag 21 oktober kl 17 i Kulturhuset, stora salen. Vi bjuder på fika.').place).toBe('Kulturhuset, stora salen');
    expect(p('Inbjudan till handlarna – möte torsdag 22 oktober kl 8 i stadshuset, mötesrum Tornet. Kontakt Eva.').place).toBe('stadshuset, mötesrum Tornet');
    expect(p('Inbjudan till företagen i Åre – frukost 20 oktober kl 7.30 i Järpen, kommunhuset.').place).toBe('Järpen, kommunhuset');
    expect(p('Inbjudan till skolledarna, fredag 23 oktober kl 13 i Nova, aulan.').place).toBe('Nova, aulan');
  });
  it('but not a person named after the place', () => {
    expect(p('Inbjudan till föreningarna den 20 oktober kl 18 i Folkets hus, Karin Ek hälsar välkommen.').place).toBe('Folkets hus');
  });
  it('a meeting point outside a building, a floor after a comma, a genitive meeting place', () => {
    expect(p('Inbjudan till fastighetsägarna den 15 oktober kl 9 utanför Centralstationen för en promenad.').place).toBe('utanför Centralstationen');
    expect(p('invite the shop owners to a quick chat tomorrow at 10 at our office, Stadshuset floor 4, about signs.').place).toBe('Stadshuset floor 4');
    expect(p('Vi vill bjuda in boende i Kroksbäck. Det blir i Kroksbäcks träffpunkt. Datum kommer senare.').place).toBe('Kroksbäcks träffpunkt');
  });
  it('an English venue of several words and a name with its town after the time', () => {
    expect(p('Invitation for local employers, Tuesday 20 October 9:00–10:30 in the Ideon science park meeting room.').place).toBe('the Ideon science park meeting room');
    expect(p('Inbjudan till företagarna i Kalmar, tisdag 20 oktober kl 9–11, Ölandsbanken Kalmar.').place).toBe('Ölandsbanken Kalmar');
    // a preposition does not carry the venue on: "in Malmö's network on language cafés" is no place
    expect(p("An invitation for the partners in Malmö's network on language cafés, online via Teams on 8 October at 10.").place).toBeNull();
  });
});

describe('the audience as the request names it', () => {
  it('without a remark in brackets or a bracket the label was cut inside; a name in brackets stays', () => {
    expect(p('Skriv en inbjudan till rektorerna på högstadiet (skriv i du-form) om ett möte 12 oktober kl 15.').audienceLabel).toBe('rektorerna på högstadiet');
    expect(p('Invitation for small firms in Lund (most of them don\'t speak Swedish) to join a breakfast on 8 October at 8.').audienceLabel).toBe('small firms in Lund');
    // (the label stops at the comma inside the brackets: the open bracket goes with what it cut)
    expect(p('Inbjudan till fastighetsbolagen (Wallenstam, Riksbyggen m.fl) till ett möte den 7 oktober kl 10.').audienceLabel).toBe('fastighetsbolagen');
    expect(p('invite the board of the tenants\' union (Hyresgästföreningen) to a short meeting tomorrow at 3pm.').audienceLabel).toBe("the board of the tenants' union (Hyresgästföreningen)");
  });
  it('a list of organisations before a dash is the audience, and the occasion after a dash is not', () => {
    const list = p('Inbjudan till Almi, Coompanion och Nyföretagarcentrum – frukostmöte tisdag 13 oktober kl 8 i rådhuset.');
    expect(list.audienceLabel).toBe('Almi, Coompanion och Nyföretagarcentrum');
    expect(isOnePerson(list.audienceLabel!)).toBe(false);
    expect(p('Inbjudan till fiskare och lokala rökerier – dialog om leveranser till skolköken. 14/10 kl 10 i hamnkontoret.').audienceLabel).toBe('fiskare och lokala rökerier');
  });
  it('not the language it is to be written in, nor what the meeting is ahead of', () => {
    expect(p('Please invite the parents of Rosengård, in English, to a planning meeting for the summer festival on 10 October at 18.').audienceLabel).toBe('the parents of Rosengård');
    expect(p('Inbjudan till handlarna på Järnvägsgatan inför ombyggnaden av torget. Tisdag 20 oktober kl 18.').audienceLabel).toBe('handlarna på Järnvägsgatan');
  });
  it('a range of numbers is no dash between the audience and the occasion', () => {
    expect(p('Utkast: inbjudan till 8–10 lokala arbetsgivare att vara med i en referensgrupp. Inget datum än.').audienceLabel).toBe('8–10 lokala arbetsgivare');
  });
  it('reads "inbjudan" typed wrong, and leaves its real forms alone', () => {
    expect(p('kan du skirva en inbjudn till företagen i hamnområdet om ett möte om parkering').audienceLabel).toBe('företagen i hamnområdet');
    expect(withAnchorWordsSpelled('Lärarna bjuds in och de inbjudna får skrivna underlag')).toBe('Lärarna bjuds in och de inbjudna får skrivna underlag');
    expect(withAnchorWordsSpelled('en inbjudnig till Bengt')).toBe('en inbjudning till Bengt');
  });
});

describe('what the meeting is about and who else comes', () => {
  const inviter = createInviter();
  const draft = (t: string) => inviter.draft(t, { today: TODAY });
  it('"Tema: …" and "Temat är …" are the topic', () => {
    expect(p('Inbjudan till caféägarna i Ystad – frukostmöte tisdag 13 oktober kl 8. Tema: sommarjobb för unga och hur vi hittar handledare.').topic).toBe('sommarjobb för unga och hur vi hittar handledare');
    expect(p('Inbjudan till föreningarna i Ronneby den 20 oktober kl 18. Temat är hur vi delar lokaler bättre.').topic).toBe('hur vi delar lokaler bättre');
  });
  it('a purpose put as a question is said as a topic, never "Syftet är att hur …"', async () => {
    const r = await draft('Inbjudan till församlingar och föreningar i Lund – dialogmöte 15 oktober kl 13–15 i Stadshallen. Syfte: hur vi tillsammans når unga som varken jobbar eller studerar.');
    expect(r.text).not.toMatch(/Syftet är att hur/);
    expect(r.text).toContain('hur vi tillsammans når unga som varken jobbar eller studerar');
  });
  it('a participant the request only hopes for is not promised', async () => {
    const hoped = await draft('Inbjudan till handlarna i Ystad – möte 14 oktober kl 8 i rådhuset. Vi vill gärna att någon från polisen är med, men det är inte bekräftat.');
    expect(hoped.text).not.toMatch(/Med på mötet finns också någon från polisen/);
    expect(hoped.text).toMatch(/hoppas att också någon från polisen kan vara med, men det är inte bekräftat/);
    const sure = await draft('Inbjudan till handlarna i Ystad – möte 14 oktober kl 8 i rådhuset. Vi vill att någon från polisen är med.');
    expect(sure.text).toMatch(/Med på mötet finns också någon från polisen/);
  });
  it('"samskapande yta" from the request is said in plain words once', async () => {
    const r = await draft('Skriv en inbjudan till kollegorna på kulturförvaltningen om att vara med och planera en samskapande yta i Kvarnby. Tisdag 3 november kl 13 i rum Ekan.');
    expect(r.text).toMatch(/samskapande yta[^.]*det vill säga/);
    expect(r.text.match(/det vill säga/g)!.length).toBe(1);
  });
  it('no offer to explore "upphandling eller IOP" when the meeting is about a procurement', async () => {
    const r = await draft('Inbjudan till sociala företag i Tomelilla: dialog om kommande upphandling av skolstädning. Onsdag 21 oktober kl 9–11 i kommunhuset.');
    expect(r.text).not.toMatch(/utforska vilka samarbetsformer/);
    const open = await draft('Inbjudan till sociala företag i Tomelilla: dialog om hur vi kan samarbeta kring skolgårdarna. Onsdag 21 oktober kl 9–11 i kommunhuset.');
    expect(open.text).toMatch(/utforska vilka samarbetsformer/);
  });
});
