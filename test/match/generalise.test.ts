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
