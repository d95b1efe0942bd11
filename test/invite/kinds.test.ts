/**
 * The invitation failure kinds of issue 14, through createInviter().draft with wording of our own:
 * each fact once, instructions to the assistant not pasted in, the audience as given, one form of
 * address, no promise the request does not support, and dates (invalid, relative, holidays, weekends).
 */
import { describe, expect, it } from 'vitest';
import { addressForms, agendaOf, checkInvite, repeatedSentences } from '../../evals/invite.js';
import { createInviter } from '../../src/invite/index.js';

const inviter = createInviter({ now: () => new Date('2026-10-01T08:00:00Z') });
const draft = (r: string, today = '2026-10-01') => inviter.draft(r, { today });

describe('each fact once', () => {
  it('does not say the purpose twice when the request gives it as topic and goal', async () => {
    const r = await draft('Bjud in föreningar i Lund till ett samtal om läxhjälp för nyanlända den 12 november kl 18 på Stadsbiblioteket. Vi vill prata om läxhjälp för nyanlända.');
    expect(repeatedSentences(r.text)).toEqual([]);
    expect(r.text.match(/läxhjälp för nyanlända/g)?.length).toBe(1);
  });
});

describe("the request's instructions are not pasted in", () => {
  it('turns "vi vill att X är med" into a line about who takes part, not the purpose', async () => {
    const r = await draft('Inbjudan till skolledare i Malmö till ett möte om skolmåltider den 10 november kl 14 i Rådhuset. Vi vill att en kostchef och någon från miljöförvaltningen är med.');
    expect(r.text).toMatch(/Med på mötet finns också en kostchef och någon från miljöförvaltningen\./);
    expect(r.text).not.toMatch(/Vi vill att en kostchef/);
  });
  it('writes a requested agenda from the request’s own topics and the method, with no times or speakers', async () => {
    const r = await draft('Skriv en inbjudan till föreningar i Umeå till en träff om lokaler, bidrag och samarbete den 20 november kl 17 i Folkets hus. Lägg till ett förslag på dagordning.');
    const agenda = agendaOf(r.text);
    expect(agenda).not.toBeNull();
    expect(agenda!.join('\n')).toMatch(/Lokaler/);
    expect(agenda!.join('\n')).toMatch(/Bidrag/);
    expect(agenda!.join('\n')).toMatch(/Samarbete/);
    expect(agenda!.join('\n')).not.toMatch(/\d/);
    expect(r.text).not.toMatch(/förslag på dagordning\./i);
  });
});

describe('the audience as given, one form of address', () => {
  it('keeps the audience phrase without the meeting word or the date around it', async () => {
    const r = await draft('Inbjudan till träff med hyresgästföreningar tisdag 3 november kl 18');
    expect(r.audience).toBe('hyresgästföreningar');
    expect(r.text).toMatch(/för hyresgästföreningar!/);
    expect(r.text).not.toMatch(/träff med hyresgästföreningar tisdag/);
  });
  it('addresses a group with ni throughout and one named person with du throughout', async () => {
    const group = await draft('Bjud in invånare i Oxie till ett möte om nya lekplatser den 4 november kl 18 i Oxie kyrka. Anmälan till Eva Nord.');
    expect(addressForms(group.text).du).toBe(0);
    expect(addressForms(group.text).ni).toBeGreaterThan(0);
    const one = await draft('Bjud in rektor Sara Ek på Ängskolan att tala på vårt föräldramöte den 4 november kl 18. Hon får gärna ta med elevrådet.');
    expect(addressForms(one.text).ni).toBe(0);
    expect(addressForms(one.text).du).toBeGreaterThan(0);
  });
});

describe('no promise the request does not support', () => {
  it('leaves out "inget är bestämt" and the open-ended method lines for an announced procurement', async () => {
    const r = await draft('Bjud in sociala företag i Tierp till ett informationsmöte om den utlysta upphandlingen av fönsterputs, 9 november kl 10 i kommunhuset.');
    expect(r.text).not.toMatch(/Inget är bestämt|färdig lösning|påverka utvecklingen/i);
    expect(r.text).toMatch(/tid för era frågor/);
  });
});

describe('dates', () => {
  it('notes a date that does not exist and leaves it as a placeholder', async () => {
    const r = await draft('Möte med föreningar i Lund 31 april kl 10 i Stadshallen.');
    expect(r.fields.date).toBeNull();
    expect(r.text).toContain('[DATUM]');
    expect((r.notes as string[]).join(' ')).toMatch(/"31 april" finns inte/);
  });
  it('notes every relative date it resolves, "i morgon" as well as "om tre veckor"', async () => {
    const a = await draft('Träff med företagare i morgon kl 8 på Kafé Torget.');
    expect(a.fields.date).toBe('2026-10-02');
    expect((a.notes as string[]).join(' ')).toMatch(/tolkat som 2026-10-02/);
    const b = await draft('Träff med företagare om tre veckor kl 8 på Kafé Torget.');
    expect(b.fields.date).toBe('2026-10-22');
    expect((b.notes as string[]).join(' ')).toMatch(/tolkat som 2026-10-22/);
  });
  it('flags a Swedish public holiday and a weekend, and reads a holiday by its name', async () => {
    const holiday = await draft('Dialogmöte med sociala företag på trettondedag jul kl 10 i Rådhuset.', '2026-11-01');
    expect(holiday.fields.date).toBe('2027-01-06');
    expect((holiday.notes as string[]).join(' ')).toMatch(/2027-01-06 är en helgdag.*Trettondedag jul/);
    const weekend = await draft('Dialogmöte med sociala företag 7 november kl 10 i Rådhuset.');
    expect((weekend.notes as string[]).join(' ')).toMatch(/2026-11-07 är en lördag/);
    const weekday = await draft('Dialogmöte med sociala företag 5 november kl 10 i Rådhuset.');
    expect((weekday.notes as string[]).join(' ')).not.toMatch(/helgdag|lördag|söndag/);
  });
});

describe('registers', () => {
  it('writes lätt svenska, formal Swedish and English on request', async () => {
    const easy = await draft('Skriv enkelt. Bjud in boende i Rosengård till en träff om parken 12 november kl 17 i Rosengårds bibliotek.');
    expect(easy.tone).toBe('easy');
    const formal = await draft('Skriv formellt. Bjud in ledamöterna i nämnden till ett seminarium 12 november kl 17 i Rådhuset.');
    expect(formal.text).toMatch(/Härmed inbjuds ledamöterna i nämnden/);
    const en = await draft('Write an English invitation for local employers to a breakfast meeting on 12 November at 8:00 at the Town Hall.');
    expect(en.language).toBe('en');
    expect(en.text).toMatch(/for local employers/);
  });
});

describe('audience, topic and place as people write them', () => {
  it('finds the audience of a request that ends in a question mark, and keeps the weekday out of the topic', async () => {
    const a = await draft('Kan du göra en inbjudan till hyresgästerna på Kvarngatan? Vi ses torsdag 12 november kl 18 och pratar om soprummet.');
    expect(a.audience).toBe('hyresgästerna på Kvarngatan');
    const b = await draft('Invite tenants of Kvarngatan to a talk about the bike room on Thursday 12 November, 18:00, starting at Kvarngatan station.');
    expect(b.text).toMatch(/about the bike room\./);
    expect(b.fields.place).toBe('Kvarngatan station');
  });
});

describe('names and instructions in English and Swedish', () => {
  it('takes the contact name without the word after it, and reads "make sure X also attends" as who takes part', async () => {
    const a = await draft('Workshop om matsvinn 3 december kl 13–15 i Kulturhuset. Anmälan till Kim Berg senast 20 november.');
    expect(a.fields.contact).toBe('Kim Berg');
    const b = await draft('Write an invitation to the board of the Tenants Association in Lund for a meeting on 10 December at 14:00 in the City Hall. Make sure a lawyer from the city also attends.');
    expect(b.audience).toBe('the board of the Tenants Association in Lund');
    expect(b.text).toMatch(/Also taking part: a lawyer from the city\./);
    expect(b.text).not.toMatch(/Make sure/i);
  });
});

describe('places and pronouns as the request gives them', () => {
  it('keeps "de" as an article ("de nya reglerna") and turns only the pronoun into the form of address', async () => {
    const r = await draft('Möte med föreningar i Lund den 12 november kl 18 i Folkets hus. Vi vill gå igenom de nya reglerna för lokalbidrag och höra vad de behöver.');
    expect(r.text).toMatch(/de nya reglerna/);
    expect(r.text).not.toMatch(/ni nya reglerna/);
  });
  it('keeps a room after the venue ("i rådhuset, rum 204") and says a hybrid meeting is on site and online', async () => {
    const r = await draft('Möte för sociala företag i Umeå den 12 november kl 10 i rådhuset, rum 204, och via Zoom om lokalhyror.');
    expect(r.fields.place).toBe('rådhuset, rum 204');
    expect(r.text).toMatch(/Plats: rådhuset, rum 204, och Zoom/);
  });
  it('gives as the place field a name the request holds when "hos dem" is resolved to the organisation', async () => {
    const r = await draft('Skriv en personlig inbjudan till Eva Lund, verksamhetschef på Gröna Verkstan Ideell Förening, till ett samtal om en verktygspool. Förslag: tisdag 13 oktober kl 14 hos dem.');
    expect(r.fields.place).toBe('Gröna Verkstan Ideell Förening');
    expect(r.text).toMatch(/Plats: hos Gröna Verkstan Ideell Förening/);
  });
  it('holds an opening at the premises it opens, says what is opened, and calls it an opening, not a workshop', async () => {
    const r = await draft('Öppning av det nya caféet vid torget 14/11 kl 13 – bjud in grannar och föreningar i området.');
    expect(r.fields.place).toBe('caféet vid torget');
    expect(r.text).toMatch(/Plats: caféet vid torget/);
    expect(r.text).toMatch(/Vi inviger det nya caféet vid torget\./);
    expect(r.subject).not.toMatch(/workshop/i);
    const w = await draft('Invigning av den nya snickeriverkstaden på Norra gatan 12/11 kl 15 för boende i området.');
    expect(w.subject).toMatch(/invigning/i);
  });
});

describe('the topic without the logistics around it', () => {
  it('ends the topic before a bare weekday, a date and a named venue', async () => {
    for (const [req, topic] of [
      ['Kan du skriva en inbjudan till alla rektorer i Lunds kommun om ett möte om skolmåltider torsdag 22 oktober kl 15 i Stadshusets sal B?', 'skolmåltider'],
      ['Träff om matsvinn fredag i Folkets hus kl 14 för föreningar i Lund.', 'matsvinn'],
      ['Möte om trygghet i stadsdelen i rådhuset den 4 november kl 18 för boende.', 'trygghet i stadsdelen'],
    ] as const) {
      const r = await draft(req);
      expect(r.text).toContain(`om ${topic}.`);
      expect(r.subject).not.toMatch(/(torsdag|fredag) \1|Folkets hus|rådhuset/);
    }
  });
});

describe('the audience phrase and its grammar', () => {
  it('ends the audience at "till <the occasion>" when no article comes between', async () => {
    const r = await draft('Bjud in företagare i Höganäs till frukostmöte 12 november kl 7.30 på Hotell Strand om lokala inköp.');
    expect(r.text).toMatch(/för företagare i Höganäs!/);
    expect(r.text).not.toMatch(/Höganäs till frukostmöte/);
  });
  it('finds the audience of "inbjudan på lätt svenska till …" and writes ni-forms of själv', async () => {
    const r = await draft('Skriv en inbjudan på lätt svenska till föräldrar i Rosengård. Vi ses imorgon kl 17 på fritidsgården och pratar om sommarlovet.');
    expect(r.text).toMatch(/för föräldrar i Rosengård/);
    expect(r.text).not.toMatch(/\bni vet själv\b/i);
  });
});

describe('a numbered room as the place', () => {
  it('keeps the room number and the street of "i rum 3 på Storgatan 2"', async () => {
    const r = await draft('Bjud in föreningar i Lund till ett möte om lokalbidrag onsdag 14 oktober kl 13-15 i rum 3 på Storgatan 2.');
    expect(r.fields.place).toBe('rum 3 på Storgatan 2');
    const s = await draft('Möte för föreningar i Lund om städning i sal 2 kl 14 den 5 november.');
    expect(s.fields.place).toBe('sal 2');
  });
});

describe('dates of other things than the meeting', () => {
  it('takes the date with the meeting’s weekday and time, not an earlier date of an announcement or a deadline, and keeps those facts', async () => {
    const r = await draft('Upphandlingen av skolskjutsar i Umeå publicerades den 5 oktober och anbudsfristen är 20 november. Vi håller ett informationsmöte för leverantörer tisdag 27 oktober kl 13–14 på Rådhuset. Frågor om upphandlingen ska ställas i upphandlingsverktyget.');
    expect(r.fields.date).toBe('2026-10-27');
    expect(r.text).toMatch(/5 oktober/);
    expect(r.text).toMatch(/20 november/);
    expect(r.subject).not.toMatch(/ställas/);
    expect((r.notes as string[]).join(' ')).not.toMatch(/flera datum/);
  });
});

describe('what the hosts offer', () => {
  it('says what is served as the request says it, once', async () => {
    const r = await draft('Träff för boende i Gottsunda om parken, 12 november kl 17 i Gottsunda bibliotek. Soppa och bröd serveras.');
    expect(r.text).toMatch(/Vi bjuder på soppa och bröd\./);
    const s = await draft('Inbjudan till föreningar i Tierp till en träff om föreningsbidrag 9 november kl 18 i Medborgarhuset. Vi bjuder på smörgås och kaffe.');
    expect(s.text.match(/smörgås/g)?.length).toBe(1);
    expect(s.text).not.toMatch(/Det blir fika/);
  });
});

describe('the kind of meeting, the place and the topic as the request gives them', () => {
  it('names a breakfast, a planning day and a consultation as such', async () => {
    expect((await draft('Bjud in kollegorna på IT-avdelningen till en frukost på fredag kl 8 i personalrummet.')).subject).toMatch(/frukostmöte/);
    expect((await draft('Bjud in medarbetarna på kulturförvaltningen till en planeringsdag 12 november i Stadshuset.')).subject).toMatch(/planeringsdag/);
    expect((await draft('Välkomna till samråd om översiktsplanen, 3 december kl 18, Stadshuset i Lund.')).subject).toMatch(/samråd/);
  });
  it('takes a venue named on its own after the time, and not the workplace of the one invited', async () => {
    expect((await draft('Välkomna till samråd om översiktsplanen, 3 december kl 18, Stadshuset i Lund.')).fields.place).toBe('Stadshuset i Lund');
    expect((await draft('Skicka en inbjudan till Anna Svensson, rektor på Västra skolan, om ett samtal om skolgården 7 oktober kl 15.')).fields.place).toBeNull();
  });
  it('ends the topic before a holiday named as the day', async () => {
    const r = await draft('Möte med boende i Norra Fäladen om den nya lekplatsen, på midsommarafton kl 14 vid lekplatsen');
    expect(r.text).toMatch(/om den nya lekplatsen\./);
    expect(r.fields.place).toBe('lekplatsen');
  });
});

describe('purpose and decided matters in other words', () => {
  it('reads "ett möte där de får träffa X" as the purpose', async () => {
    const r = await draft('Vi vill bjuda in sociala företag till ett möte där de får träffa våra upphandlare. Den 24 november kl 10 på Arbetsmarknadsförvaltningen, Skolgatan 3.');
    expect(r.text).toMatch(/Syftet är att träffa våra upphandlare\./);
    expect(r.missing).not.toContain('purpose');
  });
  it('promises nothing open when the request says it has already decided', async () => {
    const r = await draft('Bjud in civilsamhällets organisationer i Malmö till ett rundabordssamtal om IOP 19 november kl 13-16 i Rådhuset. Vi har redan bestämt att det blir ett IOP, nu ska vi diskutera formerna.');
    expect(r.text).not.toMatch(/Inget är bestämt|färdig lösning/);
    expect(r.text).toMatch(/gott om tid för era frågor/);
  });
});

describe('time words are not the topic, a holiday named as the topic is not the date', () => {
  it('skips "om två veckor" for the topic and cuts ", i rum 4" from it', async () => {
    expect((await draft('Träff med föreningar i Lund om två veckor kl 18 på biblioteket om lokaler')).subject).toMatch(/om lokaler/);
    expect((await draft('Möte i övermorgon kl 9 för kollegor på socialförvaltningen om rutiner, i rum 4')).subject).not.toMatch(/rum 4/);
  });
  it('reads "om Valborg" as the topic, not a second date', async () => {
    const r = await draft('Träff för föreningar i Malmö 2 april 2027 kl 18 i Rådhuset om Valborg');
    expect(r.fields.date).toBe('2027-04-02');
    expect((r.notes as string[]).join(' ')).not.toMatch(/flera datum/);
  });
});

describe('the audience after the date', () => {
  it('finds "för X" when the date and time come between the meeting word and the audience', async () => {
    const r = await draft('Möte i övermorgon kl 9 för kollegor på socialförvaltningen om rutiner, i rum 4');
    expect(r.text).toMatch(/för kollegor på socialförvaltningen/);
  });
});

describe('English requests: the kind of meeting, the place and what is served', () => {
  it('names an information evening and a walk, takes a room at a building and a meeting point as the place', async () => {
    const a = await draft('Please draft an invitation for parents at Rosengård school to an information evening about the new school bus routes on 30 November at 6 pm.');
    expect(a.subject).toMatch(/Information evening/);
    expect(a.fields.place).toBeNull();
    const b = await draft('Invitation for our colleagues in the social services department: a workshop on partnerships, 3 December 9-12, room 2 at the town hall.');
    expect(b.fields.place).toBe('room 2 at the town hall');
    const c = await draft('Invite tenants in Gottsunda to a walk through the neighbourhood on Saturday 14 November at 11, meeting point outside the library. Soup will be served afterwards.');
    expect(c.subject).toMatch(/Walk/);
    expect(c.fields.place).toBe('outside the library');
    expect(c.text).toMatch(/We will serve soup/i);
  });
});

describe('relative days', () => {
  it('reads "nästa månad, den 12:e" as the 12th of next month, with a note', async () => {
    const r = await draft('Möte för föreningar nästa månad, den 12:e kl 10, i Folkets hus om bidrag');
    expect(r.fields.date).toBe('2026-11-12');
    expect((r.notes as string[]).join(' ')).toMatch(/tolkat som 2026-11-12/);
  });
  it('does not count a date resolved from "kommande fredag" or "this coming Friday" as invented', async () => {
    for (const req of ['Möte för föreningar kommande fredag kl 10 i Folkets hus om bidrag', 'Meeting for residents this coming Friday at 10 in the library about parks']) {
      const r = await draft(req);
      const items = checkInvite({ id: 'x', request: req, today: '2026-10-01' }, r);
      expect(items.find((i) => i.item === 'no-invented-date')?.pass).toBe(true);
    }
  });
});

describe('day.month dates and weekdays with å, ä, ö', () => {
  it('reads "12.11 kl 18" as 12 November at 18, and the rubric agrees nothing is invented', async () => {
    const req = 'Möte 12.11 kl 18 för föreningar i Folkets hus';
    const r = await draft(req);
    expect(r.fields.date).toBe('2026-11-12');
    expect(r.fields.start).toBe('18:00');
    expect(checkInvite({ id: 'x', request: req, today: '2026-10-01' }, r).filter((i) => !i.pass)).toEqual([]);
  });
  it('does not count a date resolved from "på lördag" as invented', async () => {
    const req = 'Träff på lördag förmiddag i Folkets hus för boende';
    const r = await draft(req);
    expect(checkInvite({ id: 'x', request: req, today: '2026-10-01' }, r).find((i) => i.item === 'no-invented-date')?.pass).toBe(true);
  });
});

describe('every date the request gives', () => {
  it('keeps a second session, a follow-up or a deadline in the text, and meets on the first of two joined dates', async () => {
    const a = await draft('Workshop för föreningar i två delar, 12 november och 19 november kl 18 i Folkets hus, om samverkan');
    expect(a.fields.date).toBe('2026-11-12');
    expect(a.text).toMatch(/19 november/);
    const b = await draft('Möte för föreningar 12 november kl 18 i Folkets hus. Uppföljning blir den 3 december.');
    expect(b.text).toMatch(/3 december/);
    const c = await draft('Möte 12 november kl 18 i Folkets hus om bidrag; ansökan ska vara inne 1 december');
    expect(c.text).toMatch(/1 december/);
  });
});
