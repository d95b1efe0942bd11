/**
 * Kinds of request-reading failure found by a fifth set of requests written by a helper who saw no code
 * (evals/invite-fresh-8.jsonl, kinds from its tune part), tested through createInviter().draft with wording of our
 * own: the floor said after a room or a building ("…, plan 4", "(entréplan)", "(2nd floor)", ", en trappa upp", "on the
 * 3rd floor") and the building a floor is in ("plan 3 i kulturhuset") stay with the place; "the 3rd floor" is no date;
 * "vi vill nå X via Y" and "en uppföljning med X" name the audience.
 */
import { describe, expect, it } from 'vitest';
import { createInviter } from '../../src/invite/index.js';

const inviter = createInviter({ now: () => new Date('2026-12-03T08:00:00Z') });
const draft = (r: string, today = '2026-12-03') => inviter.draft(r, { today });
const placeOf = async (r: string) => (await draft(r)).fields?.place ?? null;

describe('the floor of a place', () => {
  it('after a room, with a comma or in brackets, stays with it', async () => {
    expect(await placeOf('Inbjudan till företagare i Ystad om sommarjobb, tisdag 19 januari kl 9–11 i rådhuset, sammanträdesrum Sandskogen, plan 4. Ingen agenda.')).toBe('rådhuset, sammanträdesrum Sandskogen, plan 4');
    expect(await placeOf('Inbjudan till föreningar i Kalmar om lokalbidrag, 20 januari kl 18 i Kulturhuset, rum Salongen (entréplan).')).toBe('Kulturhuset, rum Salongen (entréplan)');
    expect(await placeOf('Invite local employers in Växjö to a breakfast on 21 January, 8–9 am, at the Town Hall, room Linné (2nd floor).')).toBe('the Town Hall, room Linné (2nd floor)');
  });
  it('after a part of the venue, and in words, stays with it', async () => {
    expect(await placeOf('Inbjudan till boende i Gamlestan om trygghet, måndag 25 januari kl 18 i Medborgarhuset, Lillsalen (plan 2).')).toBe('Medborgarhuset, Lillsalen (plan 2)');
    expect(await placeOf('Inbjudan till seniorer i Mora om digital hjälp, 26 januari kl 14 i biblioteket, stora salen, en trappa upp.')).toBe('biblioteket, stora salen, en trappa upp');
  });
  it('the building a floor is in stays with the floor', async () => {
    expect(await placeOf('Skriv en inbjudan till kollegorna på kulturförvaltningen, avstämning torsdag 10 december kl 10–11 i rum Ljuset, plan 3 i kulturhuset.')).toBe('rum Ljuset, plan 3 i kulturhuset');
  });
  it('a number that is no floor is not taken', async () => {
    expect(await placeOf('Inbjudan till företagare i Ystad, tisdag 19 januari kl 9–11 i rådhuset, rum Sandskogen. Plan 2027 presenteras.')).toBe('rådhuset, rum Sandskogen');
  });
});

describe('an ordinal floor', () => {
  it('is not a date, and stays with the room', async () => {
    const r = await draft('Hi, please write an invite to the youth council in Lund for a meeting next Tuesday at 15:00 on summer jobs. We will be at Kulturhuset, room 4 on the 3rd floor.');
    expect(r.fields?.place).toBe('Kulturhuset, room 4 on the 3rd floor');
    expect(r.fields?.date).toBe('2026-12-08');
    expect((r.notes as string[]).join(' ')).not.toMatch(/the 3rd/);
  });
});

describe('who the invitation is for', () => {
  it('"vi vill nå X via Y" is for X, not for Y', async () => {
    const r = await draft('Vi vill nå idrottsföreningar med ungdomsverksamhet via RF-SISU – skriv en inbjudan som de kan skicka vidare. Träff om sommarlovsaktiviteter tisdag 16 februari kl 18–20 i Stadshuset, Rådssalen.');
    expect(r.text).toMatch(/idrottsföreningar med ungdomsverksamhet/);
  });
  it('"en uppföljning med X" is for X', async () => {
    const r = await draft('Boka en uppföljning med rektorerna på grundskolorna, tisdag 12 januari kl 9–10 i rum Ekorren. Skriv en kort kallelse.');
    expect(r.text).toMatch(/rektorerna på grundskolorna/);
  });
});
