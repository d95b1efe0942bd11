/**
 * Kinds of request-reading failure found by a fourth newcomer trial of `brygga invite` (a helper who saw no code wrote
 * 40 requests, evals/invite-fresh-7.jsonl; kinds from its tune part and invite-fresh-6's), tested through
 * createInviter().draft with wording of our own: a participant the request asks the drafter to check is not promised;
 * "inbj" is "inbjudan"; a compound or a municipality typed without å/ä/ö is read with them, a name is not; a room
 * named in two words or after a floor, and a part of a venue after a comma, stay with the venue; "nästa vecka
 * torsdag" is a date; an English invitation words a Swedish request's room in English.
 */
import { describe, expect, it } from 'vitest';
import { createInviter } from '../../src/invite/index.js';
import { placeInEnglish } from '../../src/invite/compose.js';
import { withDiacriticsRestored } from '../../src/text/diacritics.js';

const inviter = createInviter({ now: () => new Date('2026-12-03T08:00:00Z') });
const draft = (r: string, today = '2026-12-03') => inviter.draft(r, { today });

describe('a participant someone still has to ask', () => {
  it('"… är med, kan du kolla det?" is hoped for, not promised, and the note says to check', async () => {
    const r = await draft('Inbjudan till workshop med fastighetsägare om tomma lokaler, 14 januari kl 9 i Stadshuset. Vi vill att någon från Länsstyrelsen är med, kan du kolla det?');
    expect(r.text).toMatch(/hoppas att också någon från Länsstyrelsen/);
    expect(r.text).not.toMatch(/finns också någon från Länsstyrelsen/);
    expect((r.notes as string[]).join(' ')).toMatch(/Länsstyrelsen kan vara med är inte bekräftat/);
  });
  it('a check asked for in the next sentence counts too, in English', async () => {
    const r = await draft('Invitation for local employers to a breakfast meeting on 14 January at 8 am in the Town Hall. We would like someone from the job centre to attend. Could you check with them?');
    expect(r.text).not.toMatch(/job centre will also|also there/i);
    expect((r.notes as string[]).join(' ')).toMatch(/not confirmed/);
  });
  it('a participant the request states is still promised', async () => {
    const r = await draft('Inbjudan till workshop med fastighetsägare om tomma lokaler, 14 januari kl 9 i Stadshuset. Vi vill att någon från Länsstyrelsen är med.');
    expect(r.text).toMatch(/finns också någon från Länsstyrelsen/);
  });
});

describe('"inbj" for "inbjudan"', () => {
  it('finds the audience after it', async () => {
    const r = await draft('kan du skriva en inbj till kollegorna på miljöförvaltningen och gatukontoret. vi vill prata om skötsel av grönytor. 14 januari kl 9-10, Stadshuset.');
    expect(r.text).toMatch(/för kollegorna på miljöförvaltningen och gatukontoret/);
    expect(r.text).not.toMatch(/sociala företag/);
  });
});

describe('words typed without å/ä/ö', () => {
  it('a compound the dictionary lacks is read by its parts', () => {
    expect(withDiacriticsRestored('kollegor pa arbetsmarknadsforvaltningen och aterbruksverkstaden', new Set())).toBe('kollegor pa arbetsmarknadsförvaltningen och återbruksverkstaden');
  });
  it('a compound typed right is left alone', () => {
    expect(withDiacriticsRestored('samverkansgrupp', new Set())).toBe('samverkansgrupp');
  });
  it("a municipality is spelled as SCB spells it, and one without å/ä/ö stays", () => {
    expect(withDiacriticsRestored('i Hoganas och Laxa, inte Oskarshamn', new Set())).toBe('i Höganäs och Laxå, inte Oskarshamn');
  });
  it('a capitalised name is not made a word\'s inflection or a compound', () => {
    expect(withDiacriticsRestored('Cafe Fontana på Oskarsgatan', new Set())).toBe('Cafe Fontana på Oskarsgatan');
  });
});

describe('a venue with its room', () => {
  it('a room named in two words stays whole', async () => {
    const r = await draft('Inbjudan till handlarna på Storgatan om julskyltning, 14 januari kl 13-15 i Rådhuset, rum Lilla rådsalen.');
    expect(r.fields.place).toBe('Rådhuset, rum Lilla rådsalen');
  });
  it('a room after the building and its floor, and after the building without a comma', async () => {
    const a = await draft('Inbjudan till kollegorna på kulturförvaltningen om sommarlovsaktiviteter, 14 januari kl 10-11, Kommunhuset plan 2, rum Ekan.');
    expect(a.fields.place).toBe('Kommunhuset plan 2, rum Ekan');
    const b = await draft('Inbjudan till föreningarna i Väster om lokalbidrag, 14 januari kl 18-20, Kommunhuset rum Ekan.');
    expect(b.fields.place).toBe('Kommunhuset rum Ekan');
  });
  it('a part of the venue after a comma stays with the venue, as the request words it', async () => {
    const a = await draft('Inbjudan till familjer i Norra om den nya parken. Lördag 16 januari kl 11-13 på Norra torget, vid fontänen.');
    expect(a.fields.place).toBe('Norra torget, vid fontänen');
    const b = await draft('Inbjudan till unga i Väster om en ny spontanidrottsplats. Onsdag 13 januari kl 15-17 på Västers fritidsgård, i stora salen.');
    expect(b.fields.place).toBe('Västers fritidsgård, i stora salen');
  });
  it('an English invitation from a Swedish request says room and floor in English', async () => {
    expect(placeInEnglish('Stadshuset, plan 3, rum Ekan')).toBe('Stadshuset, floor 3, room Ekan');
    const r = await draft('kan du skriva på engelska? inbjudan till de utländska doktoranderna om bostäder, 14 januari kl 15-17, Science Village, rum Atrium.');
    expect(r.text).toMatch(/Science Village, room Atrium/);
  });
});

describe('"nästa vecka torsdag"', () => {
  it('is Thursday of next week, noted', async () => {
    const r = await draft('Inbjudan till rektorerna om praktikplatser, nästa vecka torsdag kl 13-15 i Stadshuset.');
    expect(r.fields.date).toBe('2026-12-10');
    expect((r.notes as string[]).join(' ')).toMatch(/tolkat som 2026-12-10/);
  });
});

describe('the audience as the request names it', () => {
  it('brackets that name the members stay whole, though a comma stands inside them', async () => {
    const r = await draft('Kan du skriva en inbjudan till referensgruppen för Projekt Norr (Arbetsförmedlingen, Coompanion och två fastighetsbolag)? Vi ska gå igenom halvtidsrapporten. 14 januari kl 13-15 i Stadshuset.');
    expect(r.text).toMatch(/referensgruppen för Projekt Norr \(Arbetsförmedlingen, Coompanion och två fastighetsbolag\)/);
  });
  it('"inbjudan internt till X" is for X', async () => {
    const r = await draft('inbjudan internt till handläggarna på miljöförvaltningen och gatukontoret – vi vill prata om grönytor. 14 januari kl 9-10, Stadshuset.');
    expect(r.text).toMatch(/för handläggarna på miljöförvaltningen och gatukontoret/);
  });
  it('"för" in a relative clause after the meeting word is not its audience', async () => {
    const r = await draft('Vi vill bjuda in dem till en workshop där vi väljer vilka tjänster som passar för direktupphandling. 14 januari kl 9-12 i Kulturhuset.');
    expect(r.text).not.toMatch(/för direktupphandling!/);
  });
  it('"English invite please, for X: …" is for X', async () => {
    const r = await draft('English invite please, for the shop owners on the high street: dialogue on the Christmas market. Thursday 14 January 2027, 4-6 pm, Town Hall, room 2.');
    expect(r.text).toMatch(/for the shop owners on the high street/);
    expect(r.text).not.toMatch(/for residents/);
  });
});

describe('a time of its own in the request', () => {
  it('a sentence with another time than the meeting\'s is said as the request says it', async () => {
    const r = await draft('Inbjudan till dialogdag med föreningar om lokaler. Torsdag 14 januari kl 9-12 i Folkets hus. Kaffe från 8.30. Minibuss går från Stationen 8.10 för den som vill.');
    expect(r.text).toMatch(/Kaffe från 8\.30\./);
    expect(r.text).toMatch(/Minibuss går från Stationen 8\.10/);
  });
  it('the sentence with the meeting\'s own time is not repeated', async () => {
    const r = await draft('Inbjudan till dialogdag med föreningar om lokaler. Torsdag 14 januari 09.00-12.00 i Folkets hus.');
    expect(r.text).not.toMatch(/Torsdag 14 januari 09\.00/);
  });
});

describe('what the meeting is for, said after its word', () => {
  it('"en workshop där vi tillsammans väljer …" is the purpose, not a placeholder', async () => {
    const r = await draft('Vi vill bjuda in föreningarna i Väster till en workshop där vi tillsammans väljer vilka lokaler som ska rustas. 14 januari kl 18-20 i Folkets hus.');
    expect(r.text).toMatch(/Syftet är att vi tillsammans väljer vilka lokaler som ska rustas\./);
    expect(r.text).not.toMatch(/\[SYFTE\]/);
  });
  it('"a workshop to test …" in English', async () => {
    const r = await draft('Invitation for the local start-ups: a workshop to test the new booking system for shared offices. Thursday 14 January 2027, 1-3 pm, Town Hall. Agenda please.');
    expect(r.text).toMatch(/The aim is to test the new booking system for shared offices\./);
    expect(r.text).toMatch(/Test the new booking system/);
  });
  it('"Agenda please." asks for an agenda, and a venue after "pm," is the place', async () => {
    const r = await draft('Invitation for the local start-ups: a workshop on shared offices. Thursday 14 January 2027, 1-3 pm, Town Hall. Agenda please.');
    expect(r.text).toMatch(/Proposed agenda/);
    expect(r.fields.place).toBe('Town Hall');
    const no = await draft('Invitation for the local start-ups: a workshop on shared offices. Thursday 14 January 2027, 1-3 pm, Town Hall. No agenda please.');
    expect(no.text).not.toMatch(/Proposed agenda/);
  });
});

describe('a clause about spreading the invitation', () => {
  it('is not part of the audience', async () => {
    const r = await draft('inbjudan till unga 13-17 år i Kvarnby, sprids på skolan och insta. de ska få vara med och bestämma hur nya skateparken ska se ut. ons 13/1 kl 15-17 på Kvarnby fritidsgård.');
    expect(r.text).toMatch(/för unga 13-17 år i Kvarnby!/);
    expect(r.text).not.toMatch(/sprids/);
  });
});

describe('an audience said in shorthand', () => {
  it('a group right after "inbjudan", before the meeting word, is the audience', async () => {
    const r = await draft('inbjudan seniorer i Väster samtal om trygghet 14/1 kl 14 i Folkets hus');
    expect(r.text).toMatch(/för seniorer i Väster!/);
  });
  it('a plus between groups is written out', async () => {
    const r = await draft('kan du skriva en inbjudan till föreningarna i Väster + hyresgästföreningen – träff om utemiljön 14/1 kl 18 i Folkets hus.');
    expect(r.text).toMatch(/föreningarna i Väster och hyresgästföreningen/);
    expect(r.text).not.toMatch(/\+ hyresgäst/);
  });
});

describe('a venue inside a larger place', () => {
  it('"i Atlas på Science Park" keeps both names', async () => {
    const r = await draft('Inbjudan till studenter om mentorskap 14/1 kl 15-17, i Atlas på Science Park.');
    expect(r.fields.place).toBe('Atlas på Science Park');
  });
});
