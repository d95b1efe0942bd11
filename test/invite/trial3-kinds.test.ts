/**
 * Kinds of request-reading failure found by a third newcomer trial of `brygga invite` (a helper who saw no code wrote
 * 40 requests, evals/invite-fresh-6.jsonl), tested through createInviter().draft with wording of our own: a year
 * written after a day/month date ("29/2 2027") is that year, so a day the year lacks is flagged, not moved to a leap
 * year; an agenda asked for in passing ("gärna en kort dagordning") is given; a venue's own name before ", rum X" or
 * ", room X" is kept with the room; a request typed without å/ä/ö but for a word or two ("om två veckor") is read with them;
 * a weekday beside "om två veckor" is that day of that week; "Dagordning behövs inte" declines the agenda; an audience
 * named by none of the kinds (politicians of a nämnd) is not addressed as the kind its topic speaks of.
 */
import { describe, expect, it } from 'vitest';
import { createInviter } from '../../src/invite/index.js';
import { requestWithDiacritics } from '../../src/text/diacritics.js';

const inviter = createInviter({ now: () => new Date('2026-12-03T08:00:00Z') });
const draft = (r: string, today = '2026-12-03') => inviter.draft(r, { today });

describe('a year after a day/month date', () => {
  it('is the year of the date', async () => {
    const r = await draft('Inbjudan till samtal med föreningar om lokaler, 14/1 2028 kl 18 i Folkets hus.');
    expect(r.fields.date).toBe('2028-01-14');
  });
  it('a 29 February the year lacks is left open and noted, never moved to another year', async () => {
    const r = await draft('Inbjudan till dialog med arbetsgivare om språkstöd, 29/2 2027 kl 13 i Stadshuset.');
    expect(r.fields.date).toBeNull();
    expect(r.text).not.toMatch(/29 februari/);
    expect((r.notes as string[]).join(' ')).toMatch(/29\/2 2027.*finns inte/);
  });
});

describe('an agenda asked for in passing', () => {
  it('"gärna en kort dagordning" gives a proposed agenda', async () => {
    const r = await draft('Inbjudan till frukostmöte med handlare i centrum torsdag 14 januari kl 8 på Stadshotellet. Ämne: julhandeln. Gärna en kort dagordning.');
    expect(r.text).toMatch(/dagordning/i);
  });
});

describe('a venue named before its room', () => {
  it('keeps the venue with the room in English and in Swedish', async () => {
    const en = await draft('Please write an invitation in English for local start-ups, Tuesday 19 January, 4-6 pm, Kvarnen, room Loftet. Topic: shared office space.');
    expect(en.text).toMatch(/Kvarnen, room Loftet/);
    const sv = await draft('Inbjudan till möte med sociala företag tisdag 19 januari kl 13-15, Väven, rum Kasern. Ämne: upphandling.');
    expect(sv.text).toMatch(/Väven, rum Kasern/);
  });
});

describe('a request typed without å/ä/ö but for a word or two', () => {
  it('is read with them, so the invitation spells the topic right', async () => {
    const r = await draft('skriv en inbjudan till foreningarna i Norrby, mote om hur vi kan anvanda skolans lokaler på kvallar. onsdag 20 januari kl 18 i Norrby bibliotek');
    expect(r.text).toMatch(/använda skolans lokaler på kvällar/);
    expect(r.text).not.toMatch(/anvanda|kvallar/);
  });
  it('a request typed with them is left as typed, names and all', () => {
    const typed = 'Möte med Moran och Dalaberg om sociala företag på torsdag, kollegor från förvaltningen, lokal Salong';
    expect(requestWithDiacritics(typed)).toBe(typed);
  });
});

describe('a weekday with "om N veckor"', () => {
  it('is that weekday of the week N weeks ahead, one date with one note', async () => {
    // 2026-12-03 is a Thursday: the Tuesday of the week two weeks ahead is 2026-12-15
    const en = await draft('Please write an invitation in English for local employers, in two weeks, on Tuesday, 9-11 am at the City Hall. Topic: summer jobs.');
    expect(en.fields.date).toBe('2026-12-15');
    expect((en.notes as string[]).filter((n) => /read as/.test(n))).toHaveLength(1);
    const sv = await draft('Inbjudan till föreningar, tisdag om två veckor kl 18 i Folkets hus, om lokaler.');
    expect(sv.fields.date).toBe('2026-12-15');
  });
});

describe('an agenda said not to be needed', () => {
  it('"Dagordning behövs inte" gives none', async () => {
    const r = await draft('Inbjudan till samtal med boende om gården, lördag 16 januari kl 10 i gemensamhetslokalen. Dagordning behövs inte.');
    expect(r.text).not.toMatch(/dagordning/i);
  });
});

describe('an audience named by no kind', () => {
  it('is not addressed as the kind the topic speaks of', async () => {
    const r = await draft('Inbjudan till ledamöterna i kultur- och fritidsnämnden, samtal om hur kommunen kan samarbeta med sociala företag, 14 januari kl 15 i Rådhuset');
    expect(r.text).toMatch(/ledamöterna i kultur- och fritidsnämnden/);
    // the social enterprises' own lines ("vilka varor och tjänster ni erbjuder") are for social enterprises invited
    expect(r.text).not.toMatch(/tjänster ni erbjuder|er verksamhet, vad ni erbjuder/);
  });
});
