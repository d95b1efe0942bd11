import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { createMatcher, matcherFromRegistry } from '../../src/match/index.js';
import { loadRegistry } from '../../src/registry/load.js';
import type { Registry } from '../../src/registry/schema.js';
import { runMatchEval } from '../../evals/match.js';

const knowledgeDir = path.resolve('knowledge');
const reg = loadRegistry(path.join(knowledgeDir, 'enterprises'));
const today = new Date('2026-11-22T12:00:00Z');

describe('matcher: hard constraints', () => {
  it('never proposes an inactive enterprise or one outside the service area, for any category and municipality', async () => {
    const m = matcherFromRegistry(reg, {}, today);
    const munis = [...new Set(reg.enterprises.map((e) => e.municipality))];
    for (const c of reg.categories) {
      for (const muni of munis) {
        const r = await m.match(`Vi behöver ${c.synonyms[0]} i ${muni}`);
        for (const x of r.matches) {
          const e = reg.enterprises.find((y) => y.id === x.enterpriseId)!;
          expect(e.status).toBe('aktiv');
          expect(e.serviceArea).toContain(muni);
          expect(r.need.categories.some((k) => e.categories.includes(k))).toBe(true);
        }
        expect(r.noMatch).toBe(r.matches.length === 0);
      }
    }
  });

  it('applies capacity, reserved contract, IOP, F-skatt and language constraints when asked', async () => {
    const m = matcherFromRegistry(reg, {}, today);
    const byId = new Map(reg.enterprises.map((e) => [e.id, e]));
    const cases: Array<[string, (id: string) => boolean]> = [
      ['Catering för 150 personer i Helsingborg', (id) => (byId.get(id)!.capacity.maxPeoplePerEvent ?? 0) >= 150],
      ['Städning i Malmö via reserverad upphandling', (id) => byId.get(id)!.procurement.reservedContractEligible],
      ['Ett IOP om stadsodling i Malmö', (id) => byId.get(id)!.procurement.iop],
      ['Trädgårdsskötsel i Helsingborg, F-skatt krävs', (id) => byId.get(id)!.procurement.fSkatt],
      ['Tolkar på somaliska i Helsingborg', (id) => byId.get(id)!.languages.includes('somaliska')],
    ];
    for (const [need, ok] of cases) {
      const r = await m.match(need);
      for (const x of r.matches) expect(ok(x.enterpriseId), `${need}: ${x.enterpriseId}`).toBe(true);
    }
  });

  it('says noMatch with advice when nothing fits, and never invents thresholds', async () => {
    const m = matcherFromRegistry(reg, {}, today);
    const r = await m.match('Tvätt av arbetskläder i Laxå. Vilket tröskelvärde gäller för direktupphandling?');
    expect(r.noMatch).toBe(true);
    expect(r.matches).toEqual([]);
    expect(r.advice).toMatch(/dialogmöte/i);
    expect(r.advice).toMatch(/Upphandlingsmyndighet/);
    expect(r.advice).not.toMatch(/\d[\d ]*\s*(kr|kronor|SEK)/);
  });
});

describe('matcher: ranking and explanations', () => {
  it('prefers the local enterprise when two otherwise fit', async () => {
    const base = reg.enterprises.find((e) => e.id === 'se-025')!;
    const other = { ...base, id: 'x-2', name: 'Annan Trädgård', municipality: 'Helsingborg', serviceArea: ['Helsingborg', 'Höganäs'] };
    const local = { ...base, id: 'x-1', name: 'Lokal Trädgård' };
    const r = await matcherFromRegistry({ ...reg, enterprises: [other, local] } as Registry, {}, today).match('Skötsel av rabatter och gräsmattor i Höganäs');
    expect(r.matches.map((x) => x.enterpriseId)).toEqual(['x-1', 'x-2']);
    expect(r.matches[0]!.reasons.join(' ')).toMatch(/lokal/);
  });

  it('gives reasons in words (no field names) and warnings for stale data, no experience and sample data', async () => {
    const base = reg.enterprises.find((e) => e.id === 'se-026')!;
    const stale = { ...base, lastVerified: '2025-01-10', procurement: { ...base.procurement, publicContractsExperience: 'ingen' as const } };
    const r = await matcherFromRegistry({ ...reg, enterprises: [stale] } as Registry, {}, today).match('Keramikworkshop för äldre i Höganäs som IOP');
    expect(r.matches).toHaveLength(1);
    const w = r.matches[0]!.warnings.join(' | ');
    expect(w).toMatch(/2025-01-10/);
    expect(w).toMatch(/ingen erfarenhet av offentliga kontrakt/);
    expect(w).toMatch(/fiktiva exempeldata/);
    expect(r.matches[0]!.reasons.join(' ')).toMatch(/öppen för IOP/);
    expect(r.matches[0]!.reasons.join(' ')).not.toMatch(/procurement\.|capacity\.|workIntegrating/);
    // fresh data gets no staleness warning
    const fresh = await matcherFromRegistry({ ...reg, enterprises: [{ ...stale, lastVerified: '2026-10-01' }] } as Registry, {}, today).match('Keramikworkshop för äldre i Höganäs som IOP');
    expect(fresh.matches[0]!.warnings.join(' ')).not.toMatch(/12 månader/);
  });

  it('answers English needs in English', async () => {
    const r = await matcherFromRegistry(reg, {}, today).match('We need someone to move 20 desks between offices in Helsingborg');
    expect(r.need.language).toBe('en');
    expect(r.matches.length).toBeGreaterThan(0);
    expect(r.advice).toMatch(/contact/i);
  });

  it('rejects an empty need', async () => {
    await expect(matcherFromRegistry(reg).match('  ')).rejects.toThrow(/tomt/);
  });
});

describe('match eval', () => {
  it('meets the targets on the dev set and on our own cases', async () => {
    const m = await createMatcher({ knowledgeDir, dataDir: '/nonexistent', today });
    for (const file of [path.resolve('evals/match-dev.jsonl'), path.resolve('test/match/fixtures/extra-cases.jsonl')]) {
      const { metrics, table } = await runMatchEval({ match: (n) => m.match(n), file });
      expect(table).toMatch(/nDCG@5/);
      expect(metrics['nDCG@5']).toBeGreaterThanOrEqual(0.85);
      expect(metrics['P@1']).toBeGreaterThanOrEqual(0.8);
      expect(metrics.violationsTop5).toBe(0);
      expect(metrics.noMatchRecognised).toBe(1);
    }
  });
});
