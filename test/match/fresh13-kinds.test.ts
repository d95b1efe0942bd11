/**
 * Kinds of need-parsing failure seen on the tune part of evals/match-fresh-13.jsonl, tested with wording of our own:
 * "ska ut på arbetsträning" goes to the service itself (not an occasion "på" something); ramps are carpentry, in
 * Swedish and English; language support the people served need at a placement is a wish on the host, not
 * interpreting bought of its own.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { matcherFromRegistry, needReader } from '../../src/match/index.js';
import { loadRegistry } from '../../src/registry/load.js';

const reg = loadRegistry(path.resolve('knowledge/enterprises'));
const reader = needReader(reg);
const matcher = matcherFromRegistry(reg, {}, new Date('2026-12-03T12:00:00Z'));

describe('going out on a placement', () => {
  it.each(['Fem deltagare ska ut på arbetsträning i Malmö i vår.', 'Vi har 4 ungdomar som ska ut på praktik i Lund.'])('%s asks for work training', (need) => {
    expect(reader.parse(need).categories).toEqual(['arbetstraning']);
  });
});

describe('ramps are carpentry', () => {
  it.each(['Vi behöver två rullstolsramper vid entrén till boendet i Karlskrona.', 'We need a wheelchair ramp built at the school in Karlskrona, and the lawn mowed later.'])('%s', (need) => {
    expect(reader.parse(need).categories[0]).toBe('hantverk-bygg');
  });
});

describe('language support for the people served', () => {
  it('at a placement, with the language named, is the host\'s language, not interpreting', async () => {
    const need = 'Sex deltagare ska ut på arbetsträning i Helsingborg i höst. Flera behöver språkstöd på arabiska.';
    const n = reader.parse(need);
    expect(n.categories).toEqual(['arbetstraning']);
    expect(n.languages).toContain('arabiska');
    const r = await matcher.match(need);
    const byId = new Map(reg.enterprises.map((e) => [e.id, e]));
    expect(r.matches.length).toBeGreaterThan(0);
    for (const m of r.matches) expect(byId.get(m.enterpriseId)?.categories, m.enterpriseId).toContain('arbetstraning');
  });
  it('at a placement, without a language, still asks for the placement', () => {
    expect(reader.parse('Vi söker arbetsträning för 5 personer i Malmö, some of them need an interpreter.').categories).toEqual(['arbetstraning']);
  });
  it('at a lunch, without a language, may ask for an interpreter too', () => {
    expect(reader.parse('Lunch för 40 i Malmö, några behöver tolk.').categories).toContain('tolk-oversattning');
  });
  it('interpreting asked for outright stays the need', () => {
    expect(reader.parse('Vi behöver tolk på arabiska till ett möte i Helsingborg.').categories).toEqual(['tolk-oversattning']);
  });
});
