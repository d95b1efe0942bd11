import { describe, expect, it } from 'vitest';
import { parseInviteRequest } from '../../src/invite/index.js';
import { addMonths, toIso } from '../../src/invite/dates.js';

const TODAY = '2026-09-15'; // a Tuesday

describe('parseInviteRequest: dates', () => {
  it('reads "5 november" with the year of the next occurrence, but marks the year as not given', () => {
    const p = parseInviteRequest('Frukostmöte den 5 november kl. 07.30–09.00', TODAY);
    expect(p.date?.iso).toBe('2026-11-05');
    expect(p.date?.yearGiven).toBe(false);
    expect(p.date?.weekday).toBeNull();
    expect(p.notes).toEqual([]);
  });
  it('moves a day already passed this year to next year', () => {
    expect(parseInviteRequest('möte 3 mars kl 10', TODAY).date?.iso).toBe('2027-03-03');
  });
  it('reads d/m and ISO dates, ISO with its year', () => {
    expect(parseInviteRequest('träff 5/11 kl 9', TODAY).date?.iso).toBe('2026-11-05');
    const iso = parseInviteRequest('träff 2027-01-20 kl 9', TODAY);
    expect(iso.date).toMatchObject({ iso: '2027-01-20', yearGiven: true });
  });
  it('reads "den 13:e" against today and notes the interpretation', () => {
    const p = parseInviteRequest('möte den 13:e kl 10', TODAY);
    expect(p.date?.iso).toBe('2026-10-13');
    expect(p.notes.join(' ')).toMatch(/2026-10-13/);
    expect(parseInviteRequest('möte den 20:e kl 10', TODAY).date?.iso).toBe('2026-09-20');
  });
  it('reads "nästa tisdag" as the Tuesday of next week, with the weekday implied', () => {
    const p = parseInviteRequest('träff nästa tisdag kl 17-19', TODAY);
    expect(p.date).toMatchObject({ iso: '2026-09-22', weekday: 1, inferred: true });
    const fri = parseInviteRequest('träff på fredag', TODAY);
    expect(fri.date?.iso).toBe('2026-09-18');
    expect(parseInviteRequest('meeting tomorrow at 9', TODAY).date?.iso).toBe('2026-09-16');
  });
  it('reads English dates: "on 12 March", "March 12th"', () => {
    expect(parseInviteRequest('Invite employers to a meeting on 12 March', TODAY).date?.iso).toBe('2027-03-12');
    expect(parseInviteRequest('Invite employers to a meeting on March 12th, 2027', TODAY).date).toMatchObject({ iso: '2027-03-12', yearGiven: true });
  });
  it('keeps the RSVP date apart from the meeting date, and before it', () => {
    const p = parseInviteRequest('Möte 5 februari kl. 9. OSA senast 20 januari till Sara Lind, sara@x.se', TODAY);
    expect(p.date?.iso).toBe('2027-02-05');
    expect(p.rsvp.by?.iso).toBe('2027-01-20');
    expect(p.rsvp.osa).toBe(true);
  });
  it('notes a stated weekday that does not fit the date', () => {
    const p = parseInviteRequest('möte onsdag den 5 november kl 9', TODAY); // 5 Nov 2026 is a Thursday
    expect(p.date?.weekday).toBe(2);
    expect(p.notes.join(' ')).toMatch(/stämmer inte/);
  });
});

describe('parseInviteRequest: times', () => {
  it.each([
    ['kl. 07.30–09.00', '07:30', '09:00', '.'],
    ['13:00–16:30', '13:00', '16:30', ':'],
    ['kl 9-11', '09:00', '11:00', '.'],
    ['1–3 pm', '13:00', '15:00', 'ampm'],
    ['11 am - 1 pm', '11:00', '13:00', 'ampm'],
    ['mellan 14 och 16', '14:00', '16:00', '.'],
  ])('%s', (t, start, end, style) => {
    const p = parseInviteRequest(`Möte den 5 november ${t} på Stadsbiblioteket`, TODAY);
    expect([p.start, p.end, p.timeStyle]).toEqual([start, end, style]);
  });
  it('computes the end from a stated duration and marks it as computed', () => {
    const p = parseInviteRequest('45 minuter, den 8 december kl. 08.00 i Stadshuset', TODAY);
    expect(p).toMatchObject({ start: '08:00', end: '08:45', endFromDuration: true, durationMinutes: 45 });
  });
  it('does not read a date range or a phone number as a time', () => {
    const p = parseInviteRequest('Konferens 5-7 november. Ring 042-10 50 00.', TODAY);
    expect(p.start).toBeNull();
    expect(p.contact.phone).toBe('042-10 50 00');
  });
});

describe('parseInviteRequest: audience, place, contact, wishes, language', () => {
  it('reads a full Swedish request', () => {
    const p = parseInviteRequest(
      'Kan du skriva en inbjudan till företagare i Nordöstra staden till ett frukostmöte den 5 november kl. 07.30–09.00 på Drottninghögs bibliotek? Vi vill höra vilka kompetensbehov de har. OSA senast 29 oktober till mig, Sara Lind, sara.lind@helsingborg.se.',
      TODAY,
    );
    expect(p.language).toBe('sv');
    expect(p.audiences).toEqual(['business']);
    expect(p.audienceLabel).toBe('företagare i Nordöstra staden');
    expect(p.place).toBe('Drottninghögs bibliotek');
    expect(p.format?.sv).toBe('frukostmöte');
    expect(p.goal).toMatch(/^Vi vill höra vilka kompetensbehov/);
    expect(p.contact).toEqual({ name: 'Sara Lind', email: 'sara.lind@helsingborg.se', phone: null });
  });
  it('does not take the district of the audience for the venue', () => {
    expect(parseInviteRequest('Bjud in boende i Dalhem till ett möte om parken', TODAY).place).toBeNull();
  });
  it('tells social enterprises from businesses, and reads online meetings', () => {
    const p = parseInviteRequest('Bjud in sociala företag till en dialog via Teams den 3 december kl 10–11', TODAY);
    expect(p.audiences).toEqual(['social']);
    expect(p).toMatchObject({ online: true, platform: 'Teams', link: null, place: null });
  });
  it('reads tone and wishes', () => {
    const p = parseInviteRequest('Lätt svenska. Bjud in boende till en träff, fika, barn välkomna, ingen anmälan.', TODAY);
    expect(p.tone).toBe('easy');
    expect(p.wishes).toEqual({ fika: true, childrenWelcome: true, noRegistration: true });
    expect(parseInviteRequest('Skriv en formell inbjudan till branschorganisationer', TODAY).tone).toBe('formal');
  });
  it('detects English, also when asked for in Swedish', () => {
    expect(parseInviteRequest('Draft an invitation for residents to a workshop', TODAY).language).toBe('en');
    expect(parseInviteRequest('Skriv en inbjudan på engelska till nyanlända invånare', TODAY).language).toBe('en');
  });
  it('reads a registration link to be added later, and a capacity', () => {
    const p = parseInviteRequest('Workshop on 27 January. Max 30 places, registration via a link I’ll add later.', TODAY);
    expect(p.registrationLink).toBe('later');
    expect(p.capacity).toBe(30);
  });
  it('is pure: the same input gives the same output', () => {
    const r = 'Bjud in företagare till möte nästa tisdag kl 9';
    expect(parseInviteRequest(r, TODAY)).toEqual(parseInviteRequest(r, TODAY));
  });
});

describe('addMonths', () => {
  it('keeps the day, clamped to the end of a shorter month, across years', () => {
    expect(toIso(addMonths({ y: 2026, m: 10, d: 31 }, 1))).toBe('2026-11-30');
    expect(toIso(addMonths({ y: 2027, m: 1, d: 31 }, 1))).toBe('2027-02-28');
    expect(toIso(addMonths({ y: 2028, m: 1, d: 31 }, 1))).toBe('2028-02-29');
    expect(toIso(addMonths({ y: 2026, m: 11, d: 15 }, 3))).toBe('2027-02-15');
  });
});
