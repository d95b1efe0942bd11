/**
 * Ranking within one service (issue 14): which of several enterprises of the same category comes first
 * follows from the need's own words and from what the registry records. Enterprises of a fictional
 * municipality (Norrvik) are added to the sample registry, identical but for the field under test.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { matcherFromRegistry } from '../../src/match/index.js';
import { hangingModifiers, sharedModifierTerms, buildTextIndex } from '../../src/match/rank.js';
import { buildCategoryIndex } from '../../src/match/parse.js';
import { loadRegistry } from '../../src/registry/load.js';
import type { Enterprise, Registry } from '../../src/registry/schema.js';

const sample = loadRegistry(path.resolve('knowledge/enterprises'));
const base = sample.enterprises.find((e) => e.categories.includes('stad') && e.status === 'aktiv')!;

function cleaner(id: string, over: Omit<Partial<Enterprise>, 'procurement'> & { procurement?: Partial<Enterprise['procurement']> }): Enterprise {
  return {
    ...base,
    id,
    name: `Norrviks ${id}`,
    municipality: 'Norrvik',
    serviceArea: ['Norrvik'],
    categories: ['stad'],
    description: 'Lokalvård åt kommunen och föreningar. Anställer personer som stått långt från arbetsmarknaden.',
    offerings: ['daglig städning', 'storstädning'],
    capacity: { crewSize: 6 },
    languages: ['svenska'],
    ...over,
    procurement: { ...base.procurement, reservedContractEligible: false, ...over.procurement },
  } as Enterprise;
}

function withExtra(extra: Enterprise[]): Registry {
  return { ...sample, enterprises: [...sample.enterprises, ...extra] };
}

describe('a compound written apart with a hyphen', () => {
  it('adds the first part without its linking s', () => {
    expect(hangingModifiers('kontors- och skolflyttar')).toBe('kontors- kontor och skolflyttar');
    expect(hangingModifiers('ESF-rådet')).toBe('ESF-rådet');
  });
  it('lets a need word meet the first part: "kontor" finds "kontors- och lagerflyttar"', async () => {
    const a = cleaner('x-a', { categories: ['flytt'], offerings: ['kontors- och lagerflyttar'], description: 'Flyttar åt kommunen.' });
    const b = cleaner('x-b', { categories: ['flytt'], offerings: ['bohagsflyttar'], description: 'Flyttar åt kommunen.' });
    const r = await matcherFromRegistry(withExtra([b, a])).match('Vi ska flytta ett kontor i Norrvik');
    expect(r.matches.map((m) => m.enterpriseId)).toEqual(['x-a', 'x-b']);
  });
});

describe('compounds of the same first part', () => {
  it('meet when both heads are words (trapphus ~ trappstädning), not when only letters are shared', () => {
    const reg = withExtra([cleaner('x-a', { offerings: ['trappstädning'] })]);
    const ti = buildTextIndex(reg.enterprises, buildCategoryIndex(reg.categories));
    expect(sharedModifierTerms(ti, ['trapphus'])).toContain('trappstädning');
    expect(sharedModifierTerms(ti, ['kontor'])).toEqual([]);
  });
  it('rank the enterprise offering the stairwell cleaning first, above a local one that does not', async () => {
    const stairs = cleaner('x-a', { municipality: 'Sörby', serviceArea: ['Sörby', 'Norrvik'], offerings: ['daglig städning', 'trappstädning'] });
    const local = cleaner('x-b', {});
    const r = await matcherFromRegistry(withExtra([local, stairs])).match('Trapphusen i våra hyreshus i Norrvik behöver städas varje vecka');
    expect(r.matches[0]!.enterpriseId).toBe('x-a');
  });
});

describe('an enterprise the registry marks as eligible for reserved contracts', () => {
  it('ranks above one with the same service and texts that is not, when the need names no route', async () => {
    const a = cleaner('x-a', {});
    const b = cleaner('x-b', { procurement: { reservedContractEligible: true } });
    const r = await matcherFromRegistry(withExtra([a, b])).match('Storstädning av fritidsgården i Norrvik');
    expect(r.matches.map((m) => m.enterpriseId)).toEqual(['x-b', 'x-a']);
  });
});

describe('languages named as alternatives', () => {
  const index = buildCategoryIndex(sample.categories);
  it('are parsed as one group, required or wished for', async () => {
    const { parseNeed } = await import('../../src/match/parse.js');
    expect(parseNeed('Städning i Norrvik, personalen måste tala tigrinja eller dari', index).languageAlternatives).toEqual([['tigrinja', 'dari']]);
    expect(parseNeed('Städning i Norrvik, gärna någon som pratar dari alternativt persiska', index).languageAlternatives).toEqual([['dari', 'persiska']]);
    expect(parseNeed('Städning i Norrvik, personalen ska tala tigrinja och dari', index).languageAlternatives).toBeUndefined();
  });
  it('are met by any one of them: a requirement does not rule out an enterprise speaking one', async () => {
    const a = cleaner('x-a', { languages: ['svenska', 'dari'] });
    const b = cleaner('x-b', { languages: ['svenska', 'tigrinja'] });
    const c = cleaner('x-c', { languages: ['svenska'] });
    const m = matcherFromRegistry(withExtra([a, b, c]));
    const r = await m.match('Städning av en lokal i Norrvik, personalen måste tala tigrinja eller dari');
    expect(r.matches.map((x) => x.enterpriseId).sort()).toEqual(['x-a', 'x-b']);
    const both = await m.match('Städning av en lokal i Norrvik, personalen måste tala tigrinja och dari');
    expect(both.matches).toEqual([]);
  });
  it('as a wish, rank an enterprise speaking one of them up with no warning about the other', async () => {
    const a = cleaner('x-a', { languages: ['svenska'] });
    const b = cleaner('x-b', { languages: ['svenska', 'dari'] });
    const r = await matcherFromRegistry(withExtra([a, b])).match('Storstädning i Norrvik, gärna personal som talar tigrinja alternativt dari');
    expect(r.matches[0]!.enterpriseId).toBe('x-b');
    expect(r.matches[0]!.warnings.join(' ')).not.toMatch(/tala/);
    expect(r.matches[1]!.warnings.join(' ')).toContain('tigrinja eller dari');
  });
});

describe('everyday words and washing verbs', () => {
  const index = buildCategoryIndex(sample.categories);
  it('reads everyday words for cleaning, graffiti, caretaking, sewing and grazing', async () => {
    const { parseNeed } = await import('../../src/match/parse.js');
    const cats = (t: string) => parseNeed(t, index).categories;
    expect(cats('Kan någon hålla rent i personalrummen på badhuset i Norrvik?')).toEqual(['stad']);
    expect(cats('Busshållplatsen i Norrvik är nedklottrad igen')).toEqual(['klotter']);
    expect(cats('Vi saknar en vaktmästare till två skolor i Norrvik')).toEqual(['fastighetsskotsel']);
    expect(cats('Scenridåerna i aulan i Norrvik behöver sys om')).toContain('textil');
    expect(cats('Vi vill att några får betar av ängen vid skolan i Norrvik')).toEqual(['djur']);
  });
  it('reads a washing verb as the method when a noun names the service', async () => {
    const { parseNeed } = await import('../../src/match/parse.js');
    const cats = (t: string) => parseNeed(t, index).categories;
    expect(cats('Vem kan tvätta fönstren på vårdcentralen i Norrvik?')).toEqual(['fonsterputs']);
    expect(cats('Någon behöver tvätta bort klottret på förskolans vägg i Norrvik')).toEqual(['klotter']);
    expect(cats('Vem kan tvätta handdukarna från simhallen i Norrvik?')).toEqual(['tvatteri']);
  });
});

describe('meals per day said before the count', () => {
  const index = buildCategoryIndex(sample.categories);
  it('checks "lunch varje dag till 150 elever" against portions per day, a conference day against places', async () => {
    const { parseNeed } = await import('../../src/match/parse.js');
    expect(parseNeed('Frukost varje dag till 70 boende på ett HVB-hem i Norrvik', index).minCapacity).toEqual({ field: 'maxPortionsPerDay', value: 70 });
    expect(parseNeed('Middag för 70 gäster på en fest i Norrvik', index).minCapacity).toEqual({ field: 'maxPeoplePerEvent', value: 70 });
    expect(parseNeed('Mötesrum i Norrvik varje dag i en vecka, plats för 70 personer', index).minCapacity).toEqual({ field: 'maxPeoplePerEvent', value: 70 });
  });
});

describe('a traineeship at a workplace of another service', () => {
  const index = buildCategoryIndex(sample.categories);
  it('makes that service the one asked for, with the trainees as its capacity', async () => {
    const { parseNeed } = await import('../../src/match/parse.js');
    expect(parseNeed('Praktik för 4 personer på ett tvätteri i Norrvik', index)).toMatchObject({ categories: ['tvatteri'], minCapacity: { field: 'traineePlaces', value: 4 } });
    expect(parseNeed('Arbetsträning i en cykelverkstad i Norrvik för en deltagare', index)).toMatchObject({ categories: ['cykelverkstad'], minCapacity: { field: 'traineePlaces', value: 1 } });
    // no workplace named: the training itself is the service
    expect(parseNeed('Vi behöver praktikplatser i Norrvik', index).categories).toEqual(['arbetstraning']);
  });
});

describe('a requirement said as a double negation', () => {
  const index = buildCategoryIndex(sample.categories);
  it('reads "utan X går det inte" / "without X it won\'t work" as requiring X, a plain "utan X" as refusing it', async () => {
    const { parseNeed } = await import('../../src/match/parse.js');
    expect(parseNeed('Fönsterputs i Norrvik, utan F-skatt går det inte', index).fSkatt).toBe(true);
    expect(parseNeed('Window cleaning in Norrvik; without a reserved contract it will not work', index).reservedContract).toBe(true);
    expect(parseNeed('Fönsterputs i Norrvik, utan reserverad upphandling den här gången', index).reservedContract).toBe(false);
  });
});

describe('how many, in other words', () => {
  const index = buildCategoryIndex(sample.categories);
  it('reads "vi blir runt N" as people, "N personer behövs i laget" as the crew, "conference guests" as the occasion', async () => {
    const { parseNeed } = await import('../../src/match/parse.js');
    expect(parseNeed('Mat till personalfesten i Norrvik, vi blir ungefär 90.', index).minCapacity).toEqual({ field: 'maxPeoplePerEvent', value: 90 });
    expect(parseNeed('Snöskottning i Norrvik, 6 personer krävs i arbetslaget', index).minCapacity).toEqual({ field: 'crewSize', value: 6 });
    expect(parseNeed('Dinner for 90 festival visitors in Norrvik', index).categories).toEqual(['catering']);
    expect(parseNeed('Lunch for 90 conference guests in Norrvik', index).categories).toEqual(['catering']);
  });
});

describe('the asking verb is not searched in the texts', () => {
  it('proposes nobody for a service no category names when only "sköta" is shared with the texts', async () => {
    const r = await matcherFromRegistry(sample).match('Vem kan sköta vårt nyhetsbrev i Malmö?');
    expect(r.noMatch).toBe(true);
    expect(r.matches).toEqual([]);
  });
});

describe('who is asking, and what is done', () => {
  const index = buildCategoryIndex(sample.categories);
  it('reads "we are/vi är" + article as the asker, "we are moving …" as the need', async () => {
    const { parseNeed } = await import('../../src/match/parse.js');
    expect(parseNeed('We are moving our library in Norrvik and need help carrying boxes', index).categories).toEqual(['flytt']);
    expect(parseNeed('Vi är en förskola i Norrvik och behöver fönsterputs', index).categories).toEqual(['fonsterputs']);
  });
});

describe('cleaning after building work', () => {
  const index = buildCategoryIndex(sample.categories);
  it('is construction cleaning, in either order; cleaning after a holiday is cleaning', async () => {
    const { parseNeed } = await import('../../src/match/parse.js');
    expect(parseNeed('Efter renoveringen av sporthallen i Norrvik måste allt städas', index).categories).toEqual(['byggstadning']);
    expect(parseNeed('Cleaning of the clinic in Norrvik after the construction work', index).categories).toEqual(['byggstadning']);
    expect(parseNeed('Städning av förskolan i Norrvik efter sommarlovet', index).categories).toEqual(['stad']);
  });
});
