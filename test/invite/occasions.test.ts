/**
 * Occasions that are no meetings (issue 14): "julbord", "afterwork", "kickoff", a party, a fair, "julfika". The
 * invitation names the occasion as the request does, and the group it is for is the audience, not "julbord för …".
 */
import { describe, expect, it } from 'vitest';
import { createInviter } from '../../src/invite/index.js';
import { meetingFormat } from '../../src/invite/parse.js';

const inviter = createInviter({ now: () => new Date('2026-10-01T08:00:00Z') });
const draft = (r: string) => inviter.draft(r, { today: '2026-10-01' });

describe('an occasion invited to', () => {
  it.each([
    ['Inbjudan till julbord för kollegorna på fastighetskontoret fredag 11 december kl 12 i Matsalen', 'ett julbord', 'kollegorna på fastighetskontoret'],
    ['Vi ska ha en kickoff för upphandlarna den 14 januari kl 14–16 i Konferensrum Ek', 'en kickoff', 'upphandlarna'],
    ['Personalfest för enheten fredag 20 november kl 18 i Matsalen', 'en personalfest', 'enheten'],
    ['Inbjudan till mässa för sociala företag i Göteborg fredag 27 november kl 10–15 på Eriksbergshallen', 'en mässa', 'sociala företag i Göteborg'],
    ['Julfika för sociala företag i Landskrona 15 december kl. 14 i Stadshuset', 'en julfika', 'sociala företag i Landskrona'],
  ])('%s', async (request, occasion, audience) => {
    const r = await draft(request);
    expect(r.audience).toBe(audience);
    expect(r.text).toContain(`Välkommen till ${occasion} för ${audience}!`);
    expect(r.text).not.toMatch(/ett möte för (julbord|kickoff|personalfest|mässa|julfika)/);
  });
  it('an occasion served at a meeting is not the event ("dialogmöte …, vi bjuder på fika")', () => {
    expect(meetingFormat('Dialogmöte med sociala företag den 2 december kl 15, vi bjuder på fika')?.sv).toBe('dialogmöte');
  });
  it('an English party keeps its name', () => {
    expect(meetingFormat('Invite the team to our Christmas party on 11 December at 6 pm')?.en).toBe('christmas party');
  });
});
