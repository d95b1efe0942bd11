import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadRegistry } from '../../src/registry/load.js';
import { buildCategoryIndex, parseNeed, parsePeriod, parseQuantities } from '../../src/match/parse.js';
import { findPlace } from '../../src/match/places.js';

const reg = loadRegistry(path.resolve('knowledge/enterprises'));
const index = buildCategoryIndex(reg.categories);
const parse = (t: string) => parseNeed(t, index);

describe('need parsing', () => {
  it('finds categories through synonyms, stems and compound heads', () => {
    expect(parse('Vi behöver någon som tvättar arbetskläderna åt hemtjänsten').categories).toEqual(['tvatteri']);
    // eftermiddagsfika → fika (head of the compound)
    expect(parse('Behöver eftermiddagsfika till 30 personer').categories).toContain('cafe');
    expect(parse('Kontorsflytt i Umeå nästa månad').categories).toEqual(['flytt']);
    // inflected forms the stemmer leaves apart: cyklar/cykel, klottret/klotter (first part of klottersanering)
    const withVocabulary = buildCategoryIndex(reg.categories, reg.enterprises.flatMap((e) => e.description.toLowerCase().split(/[^\p{L}]+/u)));
    expect(parseNeed('Kan någon laga cyklar åt skolan?', withVocabulary).categories).toEqual(['cykelverkstad']);
    expect(parseNeed('Vem tar hand om klottret på skolan?', withVocabulary).categories).toEqual(['klotter']);
  });

  it('prefers the service asked for over the occasion it is for', () => {
    const n = parse('Dialogmöte med föräldrar i Malmö – vi behöver tolkar på plats.');
    expect(n.categories).toEqual(['tolk-oversattning']);
    expect(parse('Transport av matlådor mellan köken i Umeå').categories).toEqual(['transport']);
  });

  it('does not read categories out of ordinary words (företag ≠ tags, föräldrar ≠ äldre)', () => {
    const n = parse('Finns det något socialt företag för föräldrar?');
    expect(n.categories).toEqual([]);
  });

  it('understands English needs', () => {
    const n = parse('We need bike repairs for 30 pool bikes in Lund before May, through a reserved contract.');
    expect(n.language).toBe('en');
    expect(n.categories).toEqual(['cykelverkstad']);
    expect(n.municipality).toBe('Lund');
    expect(n.reservedContract).toBe(true);
    expect(n.period).toMatch(/May/);
  });

  it('maps districts and inflected names to their municipality', () => {
    expect(findPlace('dialogmöte på Drottninghög')?.municipality).toBe('Helsingborg');
    expect(findPlace('en skola i Rosengård')?.municipality).toBe('Malmö');
    expect(findPlace('Helsingborgs stad vill')?.municipality).toBe('Helsingborg');
    expect(findPlace('in Malmo next week')?.municipality).toBe('Malmö');
    expect(findPlace('ingen plats här')).toBeNull();
    // short names only when capitalised ("kil" is also a word)
    expect(findPlace('en kil i dörren')).toBeNull();
  });

  it('reads capacity fields and free volumes', () => {
    expect(parseQuantities('räknar med ca 120 pers').minCapacity).toEqual({ field: 'maxPeoplePerEvent', value: 120 });
    expect(parseQuantities('200 portioner om dagen').minCapacity).toEqual({ field: 'maxPortionsPerDay', value: 200 });
    expect(parseQuantities('tio arbetsträningsplatser').minCapacity).toEqual({ field: 'traineePlaces', value: 10 });
    const v = parseQuantities('gårdarna runt tre förskolor i Höganäs');
    expect(v.minCapacity).toBeNull();
    expect(v.volume).toMatchObject({ value: 3, unit: 'förskolor' });
    // dates and years are not volumes
    expect(parseQuantities('den 18 mars 2026').volume).toBeNull();
  });

  it('reads periods', () => {
    expect(parsePeriod('april–oktober')).toBe('april–oktober');
    expect(parsePeriod('runt vecka 20')).toMatch(/vecka 20/);
    expect(parsePeriod('workshoppar i höst')).toMatch(/i höst/);
    expect(parsePeriod('inget datum')).toBeNull();
  });

  it('reads procurement route, F-skatt, IOP, languages, target group and wishes', () => {
    const a = parse('Det blir direktupphandling (F-skatt krävs). Helst någon lokal.');
    expect(a).toMatchObject({ route: 'direktupphandling', fSkatt: true, localWished: true, reservedContract: false });
    const b = parse('Vi tänker IOP snarare än upphandling, gärna ett arbetsintegrerande företag för unga vuxna');
    expect(b).toMatchObject({ iop: true, route: 'IOP', workIntegratingWished: true, workIntegratingRequired: false, targetGroup: 'unga vuxna' });
    expect(parse('Det ska inte vara ett IOP').iop).toBe(false);
    expect(parse('F-skatt behövs inte').fSkatt).toBe(false);
    expect(parse('tolkar för arabiska och tigrinja').languages).toEqual(['arabiska', 'tigrinja']);
    expect(parse('vi vill reservera upphandlingen för sociala företag').reservedContract).toBe(true);
    expect(parse('Kan ett socialt företag vara underleverantör?').route).toBe('underleverantör');
    expect(parse('Vilka tröskelvärden gäller?').asksThresholds).toBe(true);
  });
});
