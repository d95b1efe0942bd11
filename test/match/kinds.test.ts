/**
 * The failure kinds of issue 14, each through the public functions (parseNeed, match) with wording
 * of our own: everyday service words, wishes that must not take over the need, spoken languages,
 * the capacity field of each volume unit, requirement vs wish wording, and advice that cites only
 * passages that say what the line claims.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Chunk } from '../../src/domain/types.js';
import { matcherFromRegistry } from '../../src/match/index.js';
import { buildCategoryIndex, parseNeed } from '../../src/match/parse.js';
import { loadRegistry } from '../../src/registry/load.js';

const reg = loadRegistry(path.resolve('knowledge/enterprises'));
const index = buildCategoryIndex(reg.categories);
const parse = (t: string) => parseNeed(t, index);
const today = new Date('2026-11-22T12:00:00Z');
const byId = new Map(reg.enterprises.map((e) => [e.id, e]));

describe('everyday words for a service', () => {
  it('reads a compound of a service word and a generic head (städ|hjälp, klotter|jobbet) as that service', () => {
    expect(parse('Vi letar efter städhjälp till tre förskolor i Lund').categories).toEqual(['stad']);
    expect(parse('Vem kan ta klotterjobbet vid simhallen i Mölndal?').categories).toEqual(['klotter']);
  });
  it('knows the first part of a synonym compound (klotter in klottersanering) without a word list from the texts', () => {
    expect(parse('Det är mycket klotter på fritidsgården i Mölndal').categories).toEqual(['klotter']);
  });
  it('finds the enterprises for an everyday word', async () => {
    const m = matcherFromRegistry(reg, {}, today);
    const r = await m.match('Vi behöver flyttgubbar till socialkontoret i Landskrona');
    expect(r.need.categories).toEqual(['flytt']);
    expect(r.matches.length).toBeGreaterThan(0);
    for (const x of r.matches) expect(byId.get(x.enterpriseId)!.categories).toContain('flytt');
  });
});

describe('a wish does not take over the need', () => {
  it('keeps the service of the main clause when a wish names another service', () => {
    const n = parse('Vi behöver fönsterputs på stadshuset i Lund, helst med praktikplatser för unga');
    expect(n.categories).toEqual(['fonsterputs']);
  });
  it('still reads the service when the whole need is worded as a wish', () => {
    expect(parse('Gärna någon som kan sköta gräsmattorna vid biblioteket i Höganäs').categories).toEqual(['gronyteskotsel']);
  });
  it('ranks with the wish instead of filtering on it', async () => {
    const m = matcherFromRegistry(reg, {}, today);
    const r = await m.match('Fönsterputs i Lund, helst via IOP');
    expect(r.need.iop).toBe(false);
    expect(r.need.wished).toMatchObject({ iop: true });
    expect(r.matches.length).toBeGreaterThan(0);
  });
});

describe('spoken languages are a language wish, not a service', () => {
  it('reads "-språkig", "-talande" and "som talar X" as languages and keeps the service', () => {
    const a = parse('Vi behöver bärhjälp i Landskrona av somaliskspråkig personal');
    expect(a.categories).toEqual(['flytt']);
    expect(a.languages).toEqual(['somaliska']);
    const b = parse('Söker tolkar som talar dari till ett möte i Helsingborg');
    expect(b.categories).toEqual(['tolk-oversattning']);
    expect(b.languages).toEqual(['dari']);
    const c = parse('Städning av förskolor i Malmö, gärna persisktalande personal');
    expect(c.categories).toEqual(['stad']);
    expect(c.languages).toEqual([]);
    expect(c.languagesWished).toEqual(['persiska']);
  });
  it('proposes only enterprises of the service whose staff speak a required language', async () => {
    const m = matcherFromRegistry(reg, {}, today);
    const r = await m.match('Bärhjälp i Helsingborg med somaliskspråkig personal');
    expect(r.matches.length).toBeGreaterThan(0);
    for (const x of r.matches) {
      const e = byId.get(x.enterpriseId)!;
      expect(e.categories).toContain('flytt');
      expect(e.languages).toContain('somaliska');
    }
  });
});

describe('each volume unit has its own capacity field', () => {
  it('maps trainees, meals per day and people at one event to their fields', () => {
    expect(parse('Arbetsträning för 8 deltagare i Umeå').minCapacity).toEqual({ field: 'traineePlaces', value: 8 });
    expect(parse('Vi vill erbjuda praktik åt 12 ungdomar i Malmö i sommar').minCapacity).toEqual({ field: 'traineePlaces', value: 12 });
    expect(parse('Frukost till 60 barn varje dag på fritids i Lund').minCapacity).toEqual({ field: 'maxPortionsPerDay', value: 60 });
    expect(parse('Middag för 150 gäster på jubileet i Malmö').minCapacity).toEqual({ field: 'maxPeoplePerEvent', value: 150 });
    // a unit with no field of its own is a volume compared with the capacity note
    const v = parse('Flytt av 35 arbetsplatser i Helsingborg');
    expect(v.minCapacity).toBeNull();
    expect(v.volume).toMatchObject({ value: 35, unit: 'arbetsplatser' });
  });
  it('checks trainee places, not event capacity', async () => {
    const m = matcherFromRegistry(reg, {}, today);
    const r = await m.match('Arbetsträningsplatser för 12 personer i Malmö');
    for (const x of r.matches) expect(byId.get(x.enterpriseId)!.traineePlaces).toBeGreaterThanOrEqual(12);
    for (const x of r.matches) expect(x.reasons.join(' ')).toMatch(/praktikplatser: \d+ ≥ 12/);
  });
  it('never passes an unknown capacity: the enterprise is left out and named in a warning', async () => {
    const kitchens = reg.enterprises.filter((e) => e.status === 'aktiv' && e.categories.includes('catering') && e.serviceArea.includes('Malmö'));
    expect(kitchens.length).toBeGreaterThan(1);
    const unknown = kitchens[0]!;
    const copy = { ...reg, enterprises: reg.enterprises.map((e) => (e.id === unknown.id ? { ...e, capacity: { note: e.capacity.note } } : e)) };
    const m = matcherFromRegistry(copy, {}, today);
    const r = await m.match('Luncher till 40 elever om dagen i Malmö');
    expect(r.need.minCapacity).toEqual({ field: 'maxPortionsPerDay', value: 40 });
    expect(r.matches.map((x) => x.enterpriseId)).not.toContain(unknown.id);
    expect(r.advice).toContain(unknown.name);
    expect(r.advice).toMatch(/har inte angett kapacitet/);
  });
});

describe('requirements worded as wishes', () => {
  it('reads "vi vill att det blir …", "det är ett krav" and "måste" as requirements, "gärna" as a wish', () => {
    expect(parse('Städning i Lund; vi vill att leverantören är arbetsintegrerande')).toMatchObject({ workIntegratingRequired: true });
    expect(parse('Det är ett krav att det är ett arbetsintegrerande företag som sköter cyklarna i Malmö')).toMatchObject({ workIntegratingRequired: true });
    expect(parse('Cykelservice i Malmö, gärna ett arbetsintegrerande företag')).toMatchObject({ workIntegratingRequired: false, workIntegratingWished: true });
  });
  it('filters on a requirement', async () => {
    const m = matcherFromRegistry(reg, {}, today);
    const r = await m.match('Lokalvård i Uddevalla och vi vill att det blir ett arbetsintegrerande socialt företag');
    expect(r.matches.length).toBeGreaterThan(0);
    for (const x of r.matches) expect(byId.get(x.enterpriseId)!.workIntegrating).toBe(true);
  });
});

describe('advice: the route that fits, grounded in passages that say it', () => {
  const chunk = (id: string, title: string, text: string): Chunk => ({
    id, docId: id, title, section: 's', lines: [1, 2], page: null, access: 'public', text, context: '', spans: [],
  });
  const policy = chunk('policy', 'Riktlinje – Exempelkommun (fiktivt exempel)', 'Upphandlingsenheten ger stöd när en förvaltning överväger reserverad upphandling eller ett idéburet offentligt partnerskap (IOP) med sociala företag.');
  const moving = chunk('r1', 'Rapport', 'Direktupphandling med kriterier för reserverad upphandling avseende flyttservice.');
  const reserved = chunk('r2', 'Rapport', 'Det mest riktade verktyget är reserverade upphandlingar, som möjliggör upphandlingar med sociala företag.');
  const iopVague = chunk('r3', 'Rapport', 'Ett komplement kan vara att ingå idéburna offentliga partnerskap (IOP) med föreningar i staden.');
  const retrieve = async () => [policy, moving, iopVague, reserved].map((c, i) => ({ chunk: c, score: 1 - i / 10 }));

  it('cites for a reserved contract only a report passage that says it, never the fictional policy or a moving line', async () => {
    const m = matcherFromRegistry(reg, { retrieve }, today);
    const r = await m.match('Städning av skolor i Hudiksvall genom reserverad upphandling');
    expect(r.advice).toMatch(/Reserverad upphandling: .*reserveras/);
    expect(r.citations.map((c) => c.docId)).toEqual(['r2']);
  });
  it('gives the IOP caveat without a citation when no passage says it', async () => {
    const m = matcherFromRegistry(reg, { retrieve }, today);
    const r = await m.match('Vi vill göra ett IOP om en klädbank i Malmö');
    expect(r.advice).toMatch(/IOP passar bara om samarbetet/);
    expect(r.citations.map((c) => c.docId)).not.toContain('r3');
    expect(r.citations.map((c) => c.docId)).not.toContain('policy');
  });
  it('explains dialogue first when the need names no route', async () => {
    const m = matcherFromRegistry(reg, { retrieve }, today);
    const r = await m.match('Cykelservice för 20 cyklar i Lund');
    expect(r.advice).toMatch(/Dialog först: .*innan ni väljer/);
  });
});

describe('how people really type', () => {
  it('reads a misspelt service word or municipality one edit away', () => {
    const n = parse('Lokalvåd på två skolor i Mölndall');
    expect(n.categories).toEqual(['stad']);
    expect(n.municipality).toBe('Mölndal');
  });
  it('reads a team size as crewSize and who the work is for as a target group, not a service', () => {
    expect(parse('Vi behöver ett arbetslag på minst 4 för snöskottning i Tierp').minCapacity).toEqual({ field: 'crewSize', value: 4 });
    const n = parse('Parkskötsel i Malmö där långtidsarbetslösa får jobb');
    expect(n.categories).toEqual(['gronyteskotsel']);
    expect(n.targetGroup).toBe('långtidsarbetslösa');
  });
  it('does not read a hedged negation ("krävs nog inte") as a requirement', () => {
    expect(parse('F-skatt krävs nog inte, det gäller fönsterputs i Lund').fSkatt).toBe(false);
  });
});

describe('compound synonyms written apart', () => {
  it('reads "fönstren … tvättas" as fönstertvätt (window cleaning), not laundry', () => {
    expect(parse('Fönstren behöver tvättas på tre skolor i Lund').categories).toEqual(['fonsterputs']);
  });
  it('reads "second hand" written as two words as the hyphenated synonym', () => {
    expect(parse('Någon som kan driva second hand i Sölvesborg').categories).toEqual(['second-hand']);
  });
});

describe('capacity in English', () => {
  it('reads people fed every day as portions per day', () => {
    expect(parse('Our school in Malmö needs lunch delivered for 90 pupils every day').minCapacity).toEqual({ field: 'maxPortionsPerDay', value: 90 });
    expect(parse('Dinner for 90 guests at the gala in Malmö').minCapacity).toEqual({ field: 'maxPeoplePerEvent', value: 90 });
  });
});

describe('a place the gazetteer does not know', () => {
  it('is still the place of the need, so nothing from elsewhere is proposed', async () => {
    const m = matcherFromRegistry(reg, {}, today);
    const r = await m.match('Fönsterputs på två skolor i Kalmar');
    expect(r.need.municipality).toBe('Kalmar');
    expect(r.noMatch).toBe(true);
    expect(r.matches).toEqual([]);
  });
});

describe('a requirement that is said not to be one', () => {
  it('ranks with "would be fine but isn\'t required" instead of filtering', () => {
    const n = parse('Window cleaning for the town hall in Lund. A reserved contract would be fine but isn\'t required.');
    expect(n.reservedContract).toBe(false);
    expect(n.wished.reservedContract).toBe(true);
  });
});

describe('people who do the work', () => {
  it('reads "N personer som kan bära" as a team size, and carrying as moving help', () => {
    const n = parse('Vi behöver 4 personer som kan bära möbler vid en flytt i Malmö');
    expect(n.minCapacity).toEqual({ field: 'crewSize', value: 4 });
    expect(n.categories).toEqual(['flytt']);
  });
});

describe('a venue is not a place the gazetteer lacks', () => {
  it('keeps "i Stadshuset" from becoming a municipality', () => {
    expect(parse('Catering till ett möte i Stadshuset').municipality).toBeNull();
  });
});
