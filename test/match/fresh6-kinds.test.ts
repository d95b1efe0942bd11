/**
 * Kinds of need-parsing failure seen on the tune part of evals/match-fresh-6.jsonl, each tested with
 * wording of our own: food served at an occasion and fruit for staff are meals; donated household goods
 * are second hand; "översatt" and English "tagging" name their services; a path named by what travels
 * on it is a place, not bicycle repair; a team size written as a word; "platser" after placements said
 * earlier in the sentence; a target group typed without å/ä/ö; and "do NOT need X" in English. At the end,
 * kinds from match-fresh-7's tune part: localities of the registry's municipalities, and more everyday words.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { matcherFromRegistry, needReader } from '../../src/match/index.js';
import { withDiacriticsRestored } from '../../src/match/text.js';
import { loadRegistry } from '../../src/registry/load.js';

const reg = loadRegistry(path.resolve('knowledge/enterprises'));
const reader = needReader(reg);
const matcher = matcherFromRegistry(reg, {}, new Date('2026-11-22T12:00:00Z'));

describe('everyday words for a service', () => {
  it('food to be served at an occasion is catering, even when it is also to be delivered', () => {
    expect(reader.parse('Föreningen har knytkalas-afton för 80 grannar i Malmö, vem kan laga och servera maten?').categories).toContain('catering');
    expect(reader.parse('Vi ordnar iftar i Malmö för 60 personer och behöver någon som levererar och serverar').categories[0]).toBe('catering');
  });
  it('fruit for the staff each week is a meal service, not transport', () => {
    expect(reader.parse('Vi vill ge personalen fruktkorgar varje måndag på kontoret i Söderhamn').categories).toContain('catering');
  });
  it('donated furniture and household goods to be picked up and taken care of are second hand', () => {
    expect(reader.parse('Vi rensar ut ett kontor i Söderhamn: husgeråd och hela möbler som någon kan ta vara på').categories).toContain('second-hand');
  });
  it('"översatt", "translated" and "tagging" name translation and graffiti removal', () => {
    expect(reader.parse('Vi vill ha vår folder översatt till arabiska, gäller Malmö').categories).toContain('tolk-oversattning');
    expect(reader.parse('We need our leaflet translated into Somali in Malmö').categories).toContain('tolk-oversattning');
    expect(reader.parse('Someone keeps tagging the school walls in Malmö, can anyone remove it?').categories).toEqual(['klotter']);
  });
  it('a path named by what travels on it is where the work is, not bicycle repair', () => {
    expect(reader.parse('Klotter på bullerplanket längs cykelvägen i Lund').categories).toEqual(['klotter']);
    expect(reader.parse('Graffiti along the cycle path in Lund needs removing').categories).toEqual(['klotter']);
    // a bicycle to repair is still one
    expect(reader.parse('Vi behöver laga tio cyklar i Lund').categories).toEqual(['cykelverkstad']);
  });
});

describe('volumes and requirements', () => {
  it('a team size written as a word is the crew, checked against the crew size', async () => {
    expect(reader.parse('Vi söker ett arbetslag på sex personer för gräsklippning i Sölvesborg').minCapacity).toEqual({ field: 'crewSize', value: 6 });
    // the only grounds team in Sölvesborg has three people: no match, rather than a team too small
    const r = await matcher.match('Vi söker ett lag på fem personer för gräsklippning i Sölvesborg');
    expect(r.matches.map((m) => m.enterpriseId)).toEqual([]);
  });
  it('"platser" are trainee places when placements were named earlier in the sentence', () => {
    expect(reader.parse('praktikplatser för nyanlända i Malmö som vill komma ut i arbetslivet, vi behöver åtta platser').minCapacity).toEqual({ field: 'traineePlaces', value: 8 });
  });
  it('a target group typed without å/ä/ö is read as the registry names it ("fran" is "från", not "frän")', () => {
    expect(withDiacriticsRestored('kvinnor langt fran arbetsmarknaden', reader.known)).toBe('kvinnor långt från arbetsmarknaden');
    const need = reader.parse('arbetstraning i Malmo, det ska vara en verksamhet for kvinnor langt fran arbetsmarknaden');
    expect(need.targetGroup).toBe('kvinnor långt från arbetsmarknaden');
    expect(need.targetGroupRequired).toBe(true);
  });
  it('"we do NOT need catering", "don\'t want food": what is not needed is not the service', () => {
    expect(reader.parse('We need a venue with sound for 120 people in Lund. We do NOT need catering.').categories).toEqual(['event']);
    expect(reader.parse("A venue for 50 people in Malmö, we don't need catering").categories).toEqual(['event']);
    // without the denial it is both
    expect(reader.parse('A venue for 50 people in Malmö, and we need catering').categories).toContain('catering');
  });
});

/** Kinds from the tune part of evals/match-fresh-7.jsonl, in wording of our own. */
describe('a locality names its municipality', () => {
  it('a tätort or district of a municipality the registry serves is that municipality', () => {
    expect(reader.parse('Förskolan i Landvetter behöver hjälp att tvätta arbetskläder').municipality).toBe('Härryda');
    expect(reader.parse('Vi behöver snöröjning vid äldreboendet i Skelleftehamn').municipality).toBe('Skellefteå');
    expect(reader.parse('Fritidsgården i Gårdskär vill ha hjälp med städning').municipality).toBe('Älvkarleby');
  });
});

describe('more everyday words for a service', () => {
  it('new fabric on sofas is furniture renovation; bound minutes and notebooks are bookbinding; reused timber is reuse', () => {
    expect(reader.parse('Tre soffor i personalrummet i Malmö behöver nytt tyg').categories).toContain('mobelrenovering');
    expect(reader.parse('Vi vill få protokollen från nämnden inbundna, gäller Göteborg').categories).toContain('tryck-bokbinderi');
    expect(reader.parse('Bänkar av återbrukat virke till skolgården i Mölndal').categories).toContain('aterbruk');
  });
});
