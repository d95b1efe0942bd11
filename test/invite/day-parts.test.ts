/**
 * Clock times with their day part, as coordinators write them (issue 14): "kl 2 på eftermiddagen",
 * "eftermiddag kl 2–4", "at 2 in the afternoon" are after noon; hour words ending in å/ä/ö ("halv två",
 * "klockan två") are times; a span's end in words ("halv åtta–nio"). The parser and the fact checker
 * share the reading (wordTimes), so a draft that says 14.00 for "kl 2 på eftermiddagen" invents nothing.
 */
import { describe, expect, it } from 'vitest';
import { createInviter } from '../../src/invite/index.js';
import { parseInviteRequest } from '../../src/invite/parse.js';
import { addedFacts, factTokens } from '../../src/invite/facts.js';

const inviter = createInviter({ now: () => new Date('2026-10-01T08:00:00Z') });
const parse = (r: string) => parseInviteRequest(r, '2026-10-01');

describe('a day part sets the half of the day', () => {
  it.each([
    ['Dialogmöte med sociala företag i Malmö den 18 november kl 2 på eftermiddagen i Stadshuset', '14:00', null],
    ['Kickoff för upphandlarna den 14 januari eftermiddag kl 2–4 i Konferensrum Ek', '14:00', '16:00'],
    ['Kväll om återbruk tisdag 1 december kl 7 på kvällen i Landskrona stadshus', '19:00', null],
    ['Workshop on reserved contracts on 3 December at 2 in the afternoon at Malmö City Hall', '14:00', null],
    ['Träff med företagare i Umeå 19 november kl 9 på förmiddagen', '09:00', null],
  ])('%s', (request, start, end) => {
    const p = parse(request);
    expect(p.start).toBe(start);
    expect(p.end).toBe(end);
  });
  it('keeps a morning hour said in words before noon ("klockan sex på morgonen")', () => {
    expect(parse('Frukostträff 12 november klockan sex på morgonen i Väven').start).toBe('06:00');
  });
  it('the fact checker reads the request as the parser does: the draft invents no time', async () => {
    const request = 'Bjud in sociala företag i Lund till ett möte den 18 november kl 2 på eftermiddagen i Stadshuset';
    expect([...factTokens(request).times]).toEqual(['14:00']);
    const r = await inviter.draft(request, { today: '2026-10-01' });
    expect(r.text).toContain('14.00');
    expect(addedFacts(request, r.text).filter((f) => f.startsWith('time'))).toEqual([]);
  });
});

describe('hour words ending in å, ä or ö', () => {
  it('reads "klockan två" and "halv två" (no \\b after å)', () => {
    expect(parse('Dialogmöte onsdag 25 november klockan två på eftermiddagen i Karlstad').start).toBe('14:00');
    expect(parse('Möte med sociala företag om snöröjning i Hudiksvall den 5 november kl halv två').start).toBe('13:30');
  });
  it('reads the end of a span in words ("halv åtta–nio")', () => {
    const p = parse('Frukostmöte torsdag 12 november kl halv åtta–nio på Dunkers kulturhus');
    expect(p.start).toBe('07:30');
    expect(p.end).toBe('09:00');
  });
});
