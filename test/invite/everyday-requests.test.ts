/**
 * Requests as people write them (issue 14, seventh round): stray control characters, parties that are no
 * dialogue meetings, a bare clock hour of an evening event, a date already past, an organisation with its address.
 */
import { describe, expect, it } from 'vitest';
import { createInviter, validateInviteRequest } from '../../src/invite/index.js';
import { parseInviteRequest } from '../../src/invite/parse.js';
import { checkInvite } from '../../evals/invite.js';
import type { InviteResult } from '../../src/domain/types.js';

const inviter = createInviter({ now: () => new Date('2026-10-01T08:00:00Z') });
const draft = (r: string) => inviter.draft(r, { today: '2026-10-01' });

describe('control characters in a request', () => {
  it.each(['\u0007', '\u000b', '\u001f', '\u0000', '\u0085', '\u200b'])('%j is no part of a word, a time or the audience', (c) => {
    const p = parseInviteRequest(`Dialogmöte med sociala företag${c} den 5 november kl${c}9 på Stadshuset${c}. Kontakt: anna@x.se`, '2026-10-01');
    expect(p.audienceLabel).toBe('sociala företag');
    expect(p.start).toBe('09:00');
    expect(p.place).toBe('Stadshuset');
    expect(p.date?.iso).toBe('2026-11-05');
  });
  it('a request of control characters only is empty', () => {
    expect(() => validateInviteRequest('\u0007\u000b\u0001')).toThrow(/Beskriv/);
  });
  it('the drafted text carries none', async () => {
    const r = await draft('Möte med\u0007 föreningar i Lund\u0001 den 5 november kl 13 på Stadshuset');
    // eslint-disable-next-line no-control-regex
    expect(r.text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });
});

describe('a date already past', () => {
  it('a year given before today is noted, not used silently', () => {
    const p = parseInviteRequest('Dialogmöte 12 mars 2026 kl 10 på Stadshuset', '2026-10-01');
    expect(p.date?.iso).toBe('2026-03-12');
    expect(p.notes.join('\n')).toMatch(/2026-03-12, som redan har varit/);
  });
  it('in English too, and for the reply date', () => {
    expect(parseInviteRequest('Dialogue meeting on 2026-09-03 at 10 in the City Hall', '2026-10-01').notes.join('\n')).toMatch(/2026-09-03, which is already past/);
    expect(parseInviteRequest('Dialogmöte 6 november kl 10 på Stadshuset, OSA senast 2026-09-01', '2026-10-01').notes.join('\n')).toMatch(/2026-09-01, som redan har varit/);
  });
  it('a day and month alone are their next occurrence, not a past date (a weekday that fits only the past one is a mismatch)', () => {
    const notes = parseInviteRequest('Dialogmöte fredag 12 juni kl 10 på Stadshuset', '2026-10-01').notes.join('\n');
    expect(notes).not.toMatch(/redan har varit/);
    expect(notes).toMatch(/stämmer inte/);
  });
  it('a coming date is no past date', () => {
    expect(parseInviteRequest('Dialogmöte fredag 6 november kl 10 på Stadshuset', '2026-10-01').notes.join('\n')).not.toMatch(/redan har varit/);
  });
});

describe('a celebration is no dialogue meeting', () => {
  const requests = [
    'Bjud in kollegorna till sommarfest fredag 11 juni 2027 kl 17 på Stadsparken. OSA till anna@x.se',
    'Julfest för enheten den 11 december kl 18 i Matsalen',
    'Afterwork för nätverket torsdag 5 november kl 16 på Café Kronan',
    'Invite the team to our Christmas party on 11 December at 6 pm at the Town Hall',
    'Afterwork för nätverket torsdag 5 november kl 16 på Café Kronan, skriv på lätt svenska',
  ];
  it.each(requests)('%s: no method sections, no purpose or follow-up placeholders', async (request) => {
    const r = await draft(request);
    const c = { id: 'party', request };
    const item = checkInvite(c, r).find((i) => i.item === 'celebration-no-method');
    expect(item?.pass, item?.detail).toBe(true);
    expect(r.missing).not.toContain('purpose');
    expect(r.missing).not.toContain('followUp');
    expect(r.citations).toEqual([]);
    expect((r.notes as string[]).join('\n')).not.toMatch(/vad som händer efter mötet|what happens after/);
  });
  it('the party and who it is for are named as the request names them', async () => {
    const r = await draft(requests[0]!);
    expect(r.audience).toBe('kollegorna');
    expect(r.text).toContain('Välkommen till en sommarfest för kollegorna!');
    expect((await draft(requests[3]!)).text).toContain('a Christmas party for the team');
  });
  it('a dialogue meeting keeps the method, and the rubric does not ask a meeting with mingel to drop it', async () => {
    const request = 'Dialogmöte med sociala företag den 5 november kl 13 på Stadshuset, mingel efteråt';
    const r = await draft(request);
    expect(r.text).toMatch(/färdig lösning/);
    expect(checkInvite({ id: 'm', request }, r).some((i) => i.item === 'celebration-no-method')).toBe(false);
  });
  it('the rubric fails a party drafted as a dialogue meeting', () => {
    const items = checkInvite({ id: 'p', request: 'Julfest för enheten den 11 december kl 18 i Matsalen' }, {
      language: 'sv', subject: 'Julfest', text: 'Hej!\n\nVarför vi bjuder in\nVi kommer inte med en färdig lösning.\n', fields: { date: '2026-12-11', start: '18:00', end: null, place: 'Matsalen', online: false, rsvpBy: null, contact: null, link: null },
      missing: ['contact'], notes: [],
    } as unknown as InviteResult);
    expect(items.find((i) => i.item === 'celebration-no-method')?.pass).toBe(false);
  });
});

describe('a bare clock hour of an afternoon or evening event', () => {
  it.each([
    ['Bjud in kollegorna till sommarfest fredag 11 juni 2027 kl 5 på Stadsparken', '17:00', null],
    ['Julfest för enheten den 11 december kl 7–11 i Matsalen', '19:00', '23:00'],
    ['Informationskväll 5 november kl 6 på Stadshuset', '18:00', null],
    ['Dialogmöte med föreningar 5 november kl 3 på Stadshuset', '15:00', null],
    ['Invite the team to our Christmas party on 11 December at 7 at the Town Hall', '19:00', null],
  ])('%s is read as %s, with a note', async (request, start, end) => {
    const r = await draft(request);
    expect(r.fields.start).toBe(start);
    expect(r.fields.end).toBe(end);
    expect((r.notes as string[]).join('\n')).toMatch(new RegExp(`(tolkat som kl\\. ${start.replace(':', '\\.')}|read as ${start})`));
    // the rubric counts the noted reading as the given time, and as no invented one
    const items = checkInvite({ id: 'x', request }, r);
    for (const name of ['given-times-present', 'no-invented-time']) expect(items.find((i) => i.item === name)?.pass, name).toBe(true);
    // … and not as a date read from relative words
    const flagged = checkInvite({ id: 'x', request, expect: { flaggedDates: [] } }, r).find((i) => i.item === 'flagged-dates-noted');
    expect(flagged?.pass, flagged?.detail).toBe(true);
  });
  it.each([
    ['Frukostmöte 5 november kl 7 på Stadshuset', '07:00'],
    ['Dialogmöte 5 november kl 9 på Stadshuset', '09:00'],
    ['Sommarfest 5 juni kl 07.00 på Stadshuset', '07:00'],
  ])('%s stays %s, with no note', async (request, start) => {
    const r = await draft(request);
    expect(r.fields.start).toBe(start);
    expect((r.notes as string[]).join('\n')).not.toMatch(/tolkat som kl/);
  });
});

describe('an organisation and its address', () => {
  it.each([
    ['Träff hos Stadsmissionen på Kungsgatan 5, Lund den 5 november kl 10', 'Stadsmissionen på Kungsgatan 5, Lund', null],
    ['Dialogmöte den 5 november kl 10 hos Röda Korset, Storgatan 12, Lund', 'Röda Korset, Storgatan 12, Lund', null],
    ['Dialogmöte på Arbetsförmedlingen, Drottninggatan 3, den 5 november kl 10', 'Arbetsförmedlingen, Drottninggatan 3', null],
    ['Workshop 5 november kl 10 på Coompanion, Kungsgatan 5 i Lund', 'Coompanion, Kungsgatan 5 i Lund', null],
    ['Möte med Coompanion Skåne på Södra Förstadsgatan 2 i Malmö den 5 november kl 10', 'Södra Förstadsgatan 2 i Malmö', 'Coompanion Skåne'],
    ['Möte med Samhall Drottninggatan 14 5 november kl 10', 'Drottninggatan 14', 'Samhall'],
    ['Meeting with the Red Cross at Storgatan 12, Lund on 5 November at 10', 'Storgatan 12, Lund', 'the Red Cross'],
  ])('%s: the place keeps the address', async (request, place, audience) => {
    const r = await draft(request);
    expect(r.fields.place).toBe(place);
    expect(r.text).toContain(place);
    if (audience) expect(r.audience).toBe(audience);
  });
});

describe('whom a send-off is for', () => {
  it('is named with the occasion', async () => {
    const r = await draft('Vi ska ha avtackning av Karin fredag 18 december kl 15 i personalrummet, bjud in hela enheten');
    expect(r.text).toContain('Välkommen till en avtackning av Karin för hela enheten!');
    expect(r.text).not.toMatch(/färdig lösning|Vad får ni ut/);
  });
});

describe('audiences and venues said in passing', () => {
  it.each([
    ['Workshop om återbruk tisdagen den 10:e november 13.00-16.00 på Returhuset, för föreningar i Lund', 'föreningar i Lund', 'Returhuset'],
    ['Dialog med unga i Rosengård om fritidsutbudet, 2 december kl 17–19 på Rosengårds bibliotek', 'unga i Rosengård', 'Rosengårds bibliotek'],
    ['Behöver inbjudan: nätverksträff för sociala företag, tors 19/11 kl 8.30–10, Kulturhuset Gamla Teatern', 'sociala företag', 'Kulturhuset Gamla Teatern'],
  ])('%s', async (request, audience, place) => {
    const r = await draft(request);
    expect(r.audience).toBe(audience);
    expect(r.fields.place).toBe(place);
  });
});

describe('English events and rooms', () => {
  it('the event before "for" is no part of the audience', async () => {
    const r = await draft('Can you draft an invitation to a lunch seminar for HR managers on Wednesday, November 18th, 12-1pm at City Hall, room 3?');
    expect(r.audience).toBe('HR managers');
  });
  it('a room with a describing word is the place', async () => {
    expect((await draft('We are hosting an info session for parents next Tuesday at 6 in the school library')).fields.place).toBe('the school library');
  });
});

describe('an early bare hour with nothing saying morning or evening', () => {
  it('is kept as written, with a note that says how it was read', async () => {
    const r = await draft('Möte med föreningar 5 november kl 7 på Stadshuset');
    expect(r.fields.start).toBe('07:00');
    expect((r.notes as string[]).join('\n')).toMatch(/"kl 7" tolkat som kl\. 07\.00 på morgonen/);
    const flagged = checkInvite({ id: 'x', request: 'Möte med föreningar 5 november kl 7 på Stadshuset', expect: { flaggedDates: [] } }, r).find((i) => i.item === 'flagged-dates-noted');
    expect(flagged?.pass).toBe(true);
  });
  it('"kl 9" needs no note', async () => {
    expect(((await draft('Möte med föreningar 5 november kl 9 på Stadshuset')).notes as string[]).join('\n')).not.toMatch(/tolkat som kl/);
  });
});

describe('more everyday ways to give time and place', () => {
  it('"från 9 till 12" is a span', async () => {
    const r = await draft('Workshop den 3/12 från 9 till 12 på Dunkers');
    expect([r.fields.start, r.fields.end]).toEqual(['09:00', '12:00']);
  });
  it('a name after the time keeps its address and its town', async () => {
    expect((await draft('Lunchmöte med HR-chefer fredag 4 dec 11.30-13, Restaurang Sofia, Kungsgatan 7, Helsingborg')).fields.place).toBe('Restaurang Sofia, Kungsgatan 7, Helsingborg');
  });
  it('a part of the month is no part of the audience', async () => {
    expect((await draft('Möte med föreningar i mitten av november, förslagsvis tisdag 17/11 kl 13-15, Stadshuset')).audience).toBe('föreningar');
  });
});
