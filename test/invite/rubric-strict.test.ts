/**
 * The invitation rubric (evals/invite.ts) does not let real faults pass: a date read from relative
 * words must be disclosed in a note, a purpose the request states must not be left as a placeholder,
 * and a date written as an ordinal word ("femte februari") is a date of the request.
 */
import { describe, expect, it } from 'vitest';
import { checkInvite, type InviteCase } from '../../evals/invite.js';
import type { InviteResult } from '../../src/domain/types.js';
import { factTokens } from '../../src/invite/facts.js';
import { createInviter } from '../../src/invite/index.js';

const inviter = createInviter({ now: () => new Date('2026-10-01T08:00:00Z') });
const item = (items: ReturnType<typeof checkInvite>, name: string) => items.find((i) => i.item === name);

describe('relative dates', () => {
  const c: InviteCase = { id: 'x', request: 'Bjud in föreningarna i Lund till ett möte om lokaler i morgon kl 10 på biblioteket.', today: '2026-10-01' };
  it('passes a relative date the draft notes as read', async () => {
    const r = await inviter.draft(c.request, { today: c.today });
    expect(r.fields.date).toBe('2026-10-02');
    expect(item(checkInvite(c, r), 'no-invented-date')!.pass).toBe(true);
  });
  it('counts a relative date as invented when no note gives the date it was read as', async () => {
    const r = await inviter.draft(c.request, { today: c.today });
    const silent = { ...r, notes: ((r.notes as string[]) ?? []).filter((n) => !n.includes('2026-10-02')) } as InviteResult;
    expect(item(checkInvite(c, silent), 'no-invented-date')!.pass).toBe(false);
  });
});

describe('a purpose the request states', () => {
  it('fails the placeholder check when the topic is left as [SYFTE]', async () => {
    const c: InviteCase = { id: 'y', request: 'Bjud in föreningarna i Lund till ett möte om lokaler den 5 november kl 10 på biblioteket.' };
    const r = await inviter.draft(c.request, { today: '2026-10-01' });
    expect(item(checkInvite(c, r), 'placeholders-for-missing')!.pass).toBe(true);
    const blank = { ...r, text: r.text.replace(/lokaler/g, '[SYFTE]') } as InviteResult;
    expect(item(checkInvite(c, blank), 'placeholders-for-missing')!.pass).toBe(false);
  });
  it('does not ask for a topic the request does not state ("om två veckor" is a time)', async () => {
    const c: InviteCase = { id: 'z', request: 'Bjud in föreningarna i Lund till ett möte om två veckor kl 10 på biblioteket.' };
    const r = await inviter.draft(c.request, { today: '2026-10-01' });
    expect(item(checkInvite(c, r), 'placeholders-for-missing')!.detail ?? '').not.toMatch(/purpose/);
  });
});

describe('dates in words', () => {
  it('reads "femte februari" as a day and month, in the checker as in the parser', async () => {
    expect([...factTokens('ett samtal tjugoandra mars kl 10').dates]).toEqual(['3-22']);
    const r = await inviter.draft('Bjud in företagarna till ett samtal femte februari kl 10 i stadshuset om inköp.', { today: '2026-10-01' });
    expect(r.fields.date).toBe('2027-02-05');
  });
  it('names the day an ISO week and weekday stand for, without calling it a reading to check', async () => {
    const r = await inviter.draft('Bjud in rektorerna till ett möte om skolodling torsdag vecka 7 kl 15 i stora salen.', { today: '2027-01-12' });
    expect(r.fields.date).toBe('2027-02-18');
    expect((r.notes as string[]).join('\n')).toContain('"torsdag vecka 7" är 2027-02-18.');
    expect((r.notes as string[]).join('\n')).not.toMatch(/tolkat som/);
  });
});
