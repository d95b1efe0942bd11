/**
 * The service is searched by the need's own service words (serviceQuery): wish clauses count less and
 * the words that say who does the work or how it is bought are not searched at all, so an enterprise
 * whose text repeats them does not outrank one that does the service (issue 14, second round).
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { matcherFromRegistry } from '../../src/match/index.js';
import { serviceQuery } from '../../src/match/parse.js';
import { loadRegistry } from '../../src/registry/load.js';
import type { Registry } from '../../src/registry/schema.js';

describe('serviceQuery', () => {
  it('keeps the service words apart from wishes, target groups, languages and routes', () => {
    const q = serviceQuery('Vi behöver lagning av tält i Umeå via reserverad upphandling, personal som talar somaliska, gärna med arbetsträning för långtidsarbetslösa');
    expect(q.main).toMatch(/lagning av tält/);
    expect(q.main).not.toMatch(/reserverad|somaliska/);
    expect(q.wish).toMatch(/arbetsträning/);
    expect(q.wish).not.toMatch(/långtidsarbetslösa/);
  });
  it('a need worded as a wish throughout is searched by its words', () => {
    expect(serviceQuery('Gärna någon som kan laga tält i Umeå').main).toMatch(/laga tält/);
  });
});

describe('ranking by the service, not by the words of a wish', () => {
  it('an enterprise whose text is about work integration does not outrank one whose text is about the service', async () => {
    const base = loadRegistry(path.resolve('knowledge/enterprises'));
    const tmpl = base.enterprises.find((e) => e.id === 'se-046')!;
    const reg: Registry = {
      ...base,
      enterprises: [
        { ...tmpl, id: 't-1', name: 'Tältlagarna', municipality: 'Umeå', serviceArea: ['Umeå'], categories: ['textil'], workIntegrating: true, description: 'Lagar tält, presenningar och tältdukar åt föreningar och kommuner.', offerings: ['lagning av tält', 'nya tältdukar'] },
        { ...tmpl, id: 't-2', name: 'Nålsticket', municipality: 'Umeå', serviceArea: ['Umeå'], categories: ['textil'], workIntegrating: true, description: 'Ett företag som anställer personer som står långt från arbetsmarknaden; arbetsträning för långtidsarbetslösa med handledare.', offerings: ['arbetsträning', 'sömnad'] },
      ],
    };
    const m = matcherFromRegistry(reg, {}, new Date('2026-11-22'));
    const r = await m.match('Lagning av tält i Umeå, av ett företag som anställer personer som står långt från arbetsmarknaden');
    expect(r.matches.map((x) => x.enterpriseId)[0]).toBe('t-1');
  });
});

describe('no service recognised: fail closed', () => {
  it('common words shared with an enterprise text ("bygga", "nytt") propose nothing', async () => {
    const reg = loadRegistry(path.resolve('knowledge/enterprises'));
    const m = matcherFromRegistry(reg, {}, new Date('2026-11-22'));
    const r = await m.match('Vi behöver IT-konsulter som kan bygga ett nytt ärendesystem i Malmö');
    expect(r.noMatch).toBe(true);
  });
});
