/**
 * A volume is a hard capacity check only where the registry records that capacity for the service
 * (capacityAsRecorded): people at an event are checked for catering, but for printing they are the
 * occasion, compared with the capacity note and named as unknown (issue 14: unknown capacity is a
 * warning, never a pass, and never a reason to propose nothing for a service that has no such field).
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { capacityAsRecorded, matcherFromRegistry } from '../../src/match/index.js';
import { buildCategoryIndex, parseNeed } from '../../src/match/parse.js';
import { loadRegistry } from '../../src/registry/load.js';

const reg = loadRegistry(path.resolve('knowledge/enterprises'));
const index = buildCategoryIndex(reg.categories);

describe('capacityAsRecorded', () => {
  it('keeps the check where the service records the field', () => {
    const n = parseNeed('Middag för 500 personer i Lund', index);
    expect(capacityAsRecorded(n, reg.enterprises).minCapacity).toEqual({ field: 'maxPeoplePerEvent', value: 500 });
  });
  it('turns it into a volume where no enterprise of the service records it', () => {
    const n = parseNeed('Vi behöver trycka inbjudningar till en stämma med 400 deltagare i Lund', index);
    expect(n.categories).toEqual(['tryck-bokbinderi']);
    expect(n.minCapacity?.field).toBe('maxPeoplePerEvent');
    const c = capacityAsRecorded(n, reg.enterprises);
    expect(c.minCapacity).toBeNull();
    expect(c.volume?.value).toBe(400);
  });
  it('proposes the printers with a warning instead of nothing', async () => {
    const m = matcherFromRegistry(reg, {}, new Date('2026-11-22'));
    const r = await m.match('Vi behöver trycka inbjudningar till en stämma med 400 deltagare i Lund');
    expect(r.noMatch).toBe(false);
    expect(r.matches[0]!.warnings.join(' ')).toMatch(/400/);
  });
});
