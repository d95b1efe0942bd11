/**
 * Audience and place as requests give them in passing (issue 14, sixth round): a preposition left before the cut
 * date, a meeting "via Teams" before its group, an occasion held at a place ("studiebesök hos …") and its group
 * after the logistics, a venue after a day part or a time in words, a hall after ", in the", and a weekday with
 * "nästa vecka" read without the "no day given" note.
 */
import { describe, expect, it } from 'vitest';
import { parseInviteRequest } from '../../src/invite/parse.js';
import { createInviter } from '../../src/invite/index.js';

const parse = (r: string) => parseInviteRequest(r, '2026-10-01');
const inviter = createInviter({ now: () => new Date('2026-10-01T08:00:00Z') });

describe('the audience as given', () => {
  it.each([
    ['Kan du fixa en inbjudan till ett frukostmöte för sociala företag i Lund på tisdag nästa vecka kl 8', 'sociala företag i Lund'],
    ['Inbjudan till digitalt möte via Teams med sociala företag i Söderhamn den 9 december kl 10–11', 'sociala företag i Söderhamn'],
    ['Inbjudan till studiebesök hos Tygbrons sömnadsverkstad i Malmö fredag 13 november kl 10–12 för politiker i socialnämnden', 'politiker i socialnämnden'],
    ['Bjud in till frukost för företagare i Höganäs 10 november halv åtta, Höganäs museum', 'företagare i Höganäs'],
  ])('%s → %s', async (request, audience) => {
    const r = await inviter.draft(request, { today: '2026-10-01' });
    expect(r.audience).toBe(audience);
  });
});

describe('the place as given', () => {
  it.each([
    ['Invite our colleagues in the procurement team to a lunch seminar on Wednesday 18 November, 12–1 pm, in the staff canteen', 'the staff canteen'],
    ['Please write an invitation for social enterprises in Karlstad to a dialogue meeting on 17 November at 9 in the morning, Karlstad library', 'Karlstad library'],
    ['Bjud in till frukost för företagare i Höganäs 10 november halv åtta, Höganäs museum', 'Höganäs museum'],
  ])('%s → %s', (request, place) => {
    expect(parse(request).place).toBe(place);
  });
});

describe('a weekday with "nästa vecka"', () => {
  it('is a date, with no note that no day was given', async () => {
    const r = await inviter.draft('Frukostmöte för sociala företag i Lund på tisdag nästa vecka kl 8 i Stadshallen', { today: '2026-10-01' });
    expect(r.fields.date).toBe('2026-10-06');
    expect((r.notes as string[]).join(' ')).not.toMatch(/ingen dag är angiven/);
  });
});

describe('a month without a day ("om en månad", "nästa månad", "in two months")', () => {
  it.each([
    ['Skriv en inbjudan till ett dialogmöte med sociala företag om en månad i stadshuset', /"om en månad" tolkat som omkring 2026-11-30; ingen dag är angiven/],
    ['Inbjudan till frukostmöte för sociala företag nästa månad om upphandling', /"nästa månad" tolkat som november 2026; ingen dag är angiven/],
    ['Invite social enterprises to a meeting in two months about catering', /"in two months" read as around 2026-12-31; no day is given/],
  ])('%s: no date, and a note saying how it was read', async (request, note) => {
    const r = await inviter.draft(request, { today: '2026-10-31' });
    expect(r.fields.date).toBeNull();
    expect((r.notes as string[]).join(' ')).toMatch(note);
  });
  it('says nothing of it when the request gives the date too', async () => {
    const r = await inviter.draft('Inbjudan till möte med sociala företag om en månad, den 3 december kl 9', { today: '2026-10-31' });
    expect(r.fields.date).toBe('2026-12-03');
    expect((r.notes as string[]).join(' ')).not.toMatch(/ingen dag är angiven/);
  });
});

describe('the municipality after a comma is part of the place', () => {
  it.each([
    ['Bjud in sociala företag till dialogmöte den 12 december kl 9 i Rådhuset, Helsingborg', 'Rådhuset, Helsingborg'],
    ['Dialogmöte 12 december kl 9 i stadshuset, sal Oscar, Lund, för sociala företag', 'stadshuset, sal Oscar, Lund'],
  ])('%s', (request, place) => {
    expect(parse(request).place).toBe(place);
  });
});
