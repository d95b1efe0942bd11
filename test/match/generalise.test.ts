/**
 * Mechanisms that make need parsing generalise beyond the words it was tuned on (issue 14, second
 * round): verbs of the registry's nominal synonyms, a whole-word term beating a part of the word,
 * an article between an asking verb and its preposition, and the object of a service verb. Every
 * wording here is our own, not taken from the eval sets.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { buildCategoryIndex, derivedVerbs, parseNeed } from '../../src/match/parse.js';
import { loadRegistry } from '../../src/registry/load.js';

const reg = loadRegistry(path.resolve('knowledge/enterprises'));
const index = buildCategoryIndex(reg.categories);
const parse = (t: string) => parseNeed(t, index);

describe('verbs of nominal synonyms', () => {
  it('derives the verb of a -ning/-ering noun and leaves general verbs out', () => {
    expect(derivedVerbs('körning')).toEqual(['köra']);
    expect(derivedVerbs('radering')).toEqual(['radera']);
    expect(derivedVerbs('lagning')).toEqual([]);
  });
  it('reads the verb as the service (ploga ← plogning, köra ← körning)', () => {
    expect(parse('Någon som kan ploga parkeringen vid vårdcentralen i Karlstad?').categories).toEqual(['snorojning']);
    expect(parse('Vem kan köra paket mellan skolorna i Hudiksvall?').categories).toEqual(['transport']);
  });
});

describe('a whole-word term beats a term that only matches part of the word', () => {
  it('reads arbetsträning as work training, not as training (träning) for health', () => {
    expect(parse('Vi söker arbetsträning åt två deltagare i Höganäs').categories).toEqual(['arbetstraning']);
  });
});

describe('an asking verb with its preposition and an article', () => {
  it('"letar efter en X": X is what is asked for, not an occasion', () => {
    expect(parse('Jag letar efter en möbelsnickare i Mölndal').categories).toContain('mobelrenovering');
  });
});

describe('the object of a service verb', () => {
  it('"flytta datorer": the computers are moved, no IT reuse is asked for', () => {
    expect(parse('Vi behöver någon som kan flytta datorer mellan två kontor i Lund').categories).toEqual(['flytt']);
  });
  it('a word naming the same service as its verb keeps its weight', () => {
    expect(parse('Vem kan tvätta arbetskläder åt hemtjänsten i Malmö?').categories).toEqual(['tvatteri']);
  });
});

describe('vocabulary kept to what the words say', () => {
  it('"sy" is the sewing service', () => {
    expect(parse('Vem kan sy förkläden åt skolköket i Söderhamn?').categories).toEqual(['textil']);
  });
  it('a phrase synonym keeps its Swedish content words ("begagnad IT" is not any "begagnad")', () => {
    expect(parse('Vi vill köpa begagnade bokhyllor till skolan i Malmö').categories).not.toContain('it-aterbruk');
  });
  it('an asking verb in another inflection ("fixar", "ordnade") is not a service word', () => {
    expect(parse('Någon som fixar middag till 40 gäster i Lund?').categories).toEqual(['catering']);
  });
  it('"servering" ends a compound without naming the service (lunch|servering is lunch)', () => {
    expect(parse('Lunchservering på en träffpunkt i Lund').categories).toEqual(['catering']);
  });
});

describe('volumes counted in people with a describing word', () => {
  it('"6 nyanlända kvinnor" in work training are trainee places; "120 äldre varje dag" are portions per day', () => {
    expect(parse('Arbetsträning för 6 nyanlända kvinnor i Malmö').minCapacity).toEqual({ field: 'traineePlaces', value: 6 });
    expect(parse('Matlådor till 120 äldre varje dag i Lund').minCapacity).toEqual({ field: 'maxPortionsPerDay', value: 120 });
  });
  it('"N personer i flyttgänget" is a team size', () => {
    expect(parse('Skolflytt i Lund med 9 personer i bärgänget').minCapacity).toEqual({ field: 'crewSize', value: 9 });
  });
});

describe('work integration asked for in other words', () => {
  it('"personer som står långt från arbetsmarknaden" is a wish for a work-integrating enterprise', () => {
    const n = parse('Fönsterputs i Lund av ett företag som anställer personer som står långt från arbetsmarknaden');
    expect(n.workIntegratingWished || n.workIntegratingRequired).toBe(true);
    expect(n.categories).toEqual(['fonsterputs']);
  });
});

describe('an occasion or an object is not a second service', () => {
  it('"städning efter en konferens" is cleaning only', () => {
    expect(parse('Städning av salen efter en konferens i Lund').categories).toEqual(['stad']);
  });
});

describe('more ways to say team size and trainee places', () => {
  it('"arbetslag om minst 4" is a team size', () => {
    expect(parse('Snöskottning vid skolan i Laxå, arbetslag om minst 4 personer').minCapacity).toEqual({ field: 'crewSize', value: 4 });
  });
  it('summer jobs are work training, counted in trainee places', () => {
    const n = parse('Tolv gymnasieelever behöver feriejobb i Lund i sommar');
    expect(n.categories).toEqual(['arbetstraning']);
    expect(n.minCapacity).toEqual({ field: 'traineePlaces', value: 12 });
  });
});

describe('a phrase synonym written out owns its words', () => {
  it('"window cleaning" is window cleaning, not cleaning as well', () => {
    expect(parse('Window cleaning at the town hall in Lund').categoryScores.stad).toBeUndefined();
  });
});

describe('a derived verb outside a verb position', () => {
  it('"vi kör reserverat kontrakt" does not ask for transport', () => {
    expect(parse('Kontorsstäd i Lund, och vi kör reserverat kontrakt').categories).toEqual(['stad']);
  });
});

describe('local as an adjective', () => {
  it('"lokal förening" asks for someone local, not for a venue', () => {
    expect(parse('Gräsklippning i Laxå, finns det någon lokal förening?').categoryScores.event).toBeUndefined();
  });
});

describe('particle verbs and occasions', () => {
  it('"bjuda på fika": the coffee is what is asked for', () => {
    expect(parse('Vi vill bjuda på fika på en träff i Karlstad').categories).toEqual(['cafe']);
  });
  it('"after a renovation" is the occasion', () => {
    expect(parse('Construction cleaning in Lund after a renovation').categories).toEqual(['byggstadning']);
  });
});

describe('a bare infinitive after "behöver"', () => {
  it('"behöver ploga" uses the derived verb as a verb', () => {
    expect(parse('Vi behöver ploga infarten vid skolan i Karlstad').categories).toEqual(['snorojning']);
  });
});

describe('a count without a unit', () => {
  it('"lunch för 45 i Lund" counts people; a year or the end of a time span does not', () => {
    expect(parse('Lunch för 45 i Lund nästa vecka').minCapacity).toEqual({ field: 'maxPeoplePerEvent', value: 45 });
    expect(parse('Catering i Lund, planer för 2027.').minCapacity).toBeNull();
    expect(parse('Fika i Lund kl 13 till 15.').minCapacity).toBeNull();
  });
});
