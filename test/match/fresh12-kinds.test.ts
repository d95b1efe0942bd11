/**
 * Kinds of need-parsing failure seen on the tune part of evals/match-fresh-12.jsonl, tested with wording
 * of our own: people counted by a noun outside the old list ("grannar", "members") are guests at one
 * event; a procurement denied after a dash or a comma sets IOP against it and does not deny IOP; an
 * English passive ("the contract will be reserved") is a reserved contract.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { matcherFromRegistry, needReader } from '../../src/match/index.js';
import { loadRegistry } from '../../src/registry/load.js';

const reg = loadRegistry(path.resolve('knowledge/enterprises'));
const reader = needReader(reg);
const matcher = matcherFromRegistry(reg, {}, new Date('2026-12-03T12:00:00Z'));
const byId = new Map(reg.enterprises.map((e) => [e.id, e]));

describe('people counted by everyday nouns', () => {
  it.each([
    ['Fika för 90 grannar på gårdsfesten i Malmö', 90],
    ['Catering for about 120 members at our annual meeting in Lund', 120],
    ['Lunch till 45 lärare på studiedagen i Umeå', 45],
    ['Dinner for 70 volunteers in Karlstad', 70],
  ])('%s: guests at one event', (need, value) => {
    expect(reader.parse(need).minCapacity).toEqual({ field: 'maxPeoplePerEvent', value });
  });
  it('no enterprise with room for fewer guests is proposed', async () => {
    const r = await matcher.match('Vi ska bjuda 150 grannar på middag i Helsingborg, vem kan laga maten?');
    expect(r.matches.length).toBeGreaterThan(0);
    for (const m of r.matches) expect(byId.get(m.enterpriseId)?.capacity.maxPeoplePerEvent ?? 0, m.enterpriseId).toBeGreaterThanOrEqual(150);
  });
});

describe('IOP set against a procurement', () => {
  it.each([
    'Vi behöver hjälp med snöskottning i Härjedalen, vi tänker IOP – det ska inte upphandlas.',
    'Snöskottning i Härjedalen via IOP, vi vill inte upphandla det här.',
    'Snow clearing in Härjedalen through an IOP — it will not be put out to tender.',
  ])('%s: IOP is required', (need) => {
    const n = reader.parse(need);
    expect(n.iop).toBe(true);
    expect(n.route).toBe('IOP');
  });
  it('a denial of IOP itself still denies it', () => {
    expect(reader.parse('Snöskottning i Härjedalen, IOP – inte aktuellt').iop).toBe(false);
    expect(reader.parse('Snöskottning i Härjedalen. IOP är inte aktuellt.').iop).toBe(false);
  });
  it('only IOP partners are proposed', async () => {
    const r = await matcher.match('Vi behöver hjälp med snöskottning i Härjedalen, vi tänker IOP – det ska inte upphandlas.');
    for (const m of r.matches) expect(byId.get(m.enterpriseId)?.procurement.iop, m.enterpriseId).toBe(true);
  });
});

describe('a reserved contract said in the passive, in English', () => {
  it.each([
    'We need internal mail rounds in Malmö. The contract will be reserved, so the supplier must qualify.',
    'Cleaning of two offices in Lund; the procurement is reserved.',
    'Moving help in Helsingborg — the tender has to be reserved.',
  ])('%s', (need) => {
    expect(reader.parse(need).reservedContract).toBe(true);
  });
  it('reserved seats are no reserved contract', () => {
    expect(reader.parse('Catering for 40 in Lund, some seats are reserved for guests').reservedContract).toBe(false);
  });
  it('only enterprises eligible for reserved contracts are proposed', async () => {
    const r = await matcher.match('We need internal mail rounds between city offices in Malmö. The contract will be reserved, so the supplier must qualify.');
    expect(r.matches.length).toBeGreaterThan(0);
    for (const m of r.matches) expect(byId.get(m.enterpriseId)?.procurement.reservedContractEligible, m.enterpriseId).toBe(true);
  });
});
