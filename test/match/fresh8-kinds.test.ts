/**
 * Kinds of need-parsing failure seen on the tune part of evals/match-fresh-8.jsonl, tested with wording
 * of our own: a unit of volume that is the head of a compound ("språkpraktikplatser", "skolluncher") is
 * that unit, checked against its own capacity field.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { matcherFromRegistry, needReader } from '../../src/match/index.js';
import { loadRegistry } from '../../src/registry/load.js';

const reg = loadRegistry(path.resolve('knowledge/enterprises'));
const reader = needReader(reg);
const matcher = matcherFromRegistry(reg, {}, new Date('2026-12-02T12:00:00Z'));

describe('a unit of volume inside a compound', () => {
  it('places of a kind of placement are trainee places', () => {
    expect(reader.parse('Vi söker 12 språkpraktikplatser i Malmö').minCapacity).toEqual({ field: 'traineePlaces', value: 12 });
    expect(reader.parse('Behöver 6 sommarpraktikplatser för unga i Helsingborg').minCapacity).toEqual({ field: 'traineePlaces', value: 6 });
  });
  it('meals of a kind are portions per day', () => {
    expect(reader.parse('vi behöver 120 skolluncher om dagen i Malmö').minCapacity).toEqual({ field: 'maxPortionsPerDay', value: 120 });
    expect(reader.parse('Behöver 90 lunchportioner per dag i Helsingborg').minCapacity).toEqual({ field: 'maxPortionsPerDay', value: 90 });
  });
  it('an enterprise with too few places is not proposed for more compound-named placements than it has', async () => {
    const need = 'Vi behöver 40 språkpraktikplatser i Malmö';
    const r = await matcher.match(need);
    const byId = new Map(reg.enterprises.map((e) => [e.id, e]));
    for (const m of r.matches) expect(byId.get(m.enterpriseId)?.traineePlaces ?? 0, m.enterpriseId).toBeGreaterThanOrEqual(40);
  });
});
