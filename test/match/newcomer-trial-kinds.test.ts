/**
 * Kinds of failure a newcomer trial of `brygga match` found (a helper who saw no code typed 50 needs; 38 were
 * handled well), each tested with wording of our own: an asking noun that heads a compound ("direktupphandling
 * av …"), everyday words for meals and outdoor sports, a locality whose name is also a word, a Sami variety named
 * in English, "vår" as "our" rather than spring, and an enterprise the need leaves out by name.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { matcherFromRegistry, needReader } from '../../src/match/index.js';
import { parsePeriod } from '../../src/match/parse.js';
import { loadRegistry } from '../../src/registry/load.js';

const reg = loadRegistry(path.resolve('knowledge/enterprises'));
const reader = needReader(reg);
const matcher = matcherFromRegistry(reg, {}, new Date('2026-12-02T12:00:00Z'));

describe('the service', () => {
  it('the service after "direktupphandling av" is the service asked for, as after "upphandling av"', () => {
    expect(reader.parse('Vi gör en direktupphandling av fönsterputs i Malmö').categories).toEqual(['fonsterputs']);
    expect(reader.parse('ramavtalsupphandling av städning i Lund').categories).toEqual(['stad']);
  });
  it('lunch boxes are meals, and skiing or outdoor activities are sport and outdoor life', () => {
    expect(reader.parse('Behöver lunchlådor till 30 personer varje dag i Malmö').categories).toContain('catering');
    expect(reader.parse('skidåkning för en skolklass i Härjedalen').categories).toContain('halsa-idrott');
  });
});

describe('the place', () => {
  it('a locality whose name is also a word counts when capitalised, and only then', () => {
    expect(reader.parse('Vi behöver snöskottning i Viken i vinter').municipality).toBe('Höganäs');
    expect(reader.parse('städning av båthuset vid viken i Malmö').municipality).toBe('Malmö');
  });
});

describe('a spoken language', () => {
  it('a Sami variety named in English is that variety, and "samiska" is met by any variety', async () => {
    expect(reader.parse('We need leaflets translated into Northern Sami in Umeå').languages).toEqual(['nordsamiska']);
    const r = await matcher.match('Vi behöver översätta en broschyr till samiska i Umeå');
    expect(r.matches.length).toBeGreaterThan(0);
    const byId = new Map(reg.enterprises.map((e) => [e.id, e]));
    for (const m of r.matches) expect(byId.get(m.enterpriseId)?.languages.some((l) => l.endsWith('samiska'))).toBe(true);
  });
});

describe('the period', () => {
  it('"vår" before a noun is "our", not spring; "i vår" alone is spring', () => {
    expect(parsePeriod('vi är underleverantör till vår entreprenör i Malmö')).toBeNull();
    expect(parsePeriod('städning i Malmö i vår')).toBe('i vår');
    expect(parsePeriod('städning till våren')).toBe('våren');
  });
});

describe('an enterprise the need leaves out by name', () => {
  it('is not proposed, and the advice says it was left out; without the exclusion it is', async () => {
    const plain = await matcher.match('Vi söker städning av kontor i Helsingborg');
    expect(plain.matches.map((m) => m.enterpriseId)).toContain('se-008');
    for (const need of ['Vi söker städning av kontor i Helsingborg, dock inte Salttornet, där har vi avtal', 'Office cleaning in Helsingborg, but not Salttornets Städkooperativ']) {
      const r = await matcher.match(need);
      expect(r.matches.map((m) => m.enterpriseId), need).not.toContain('se-008');
      expect(r.advice, need).toMatch(/Utelämnat enligt behovet: Salttornets|Left out as the need asks: Salttornets/);
    }
  });
  it('a service left out ("inte catering") leaves every enterprise in', async () => {
    const r = await matcher.match('Vi behöver en lokal för 40 personer i Tierp, inte catering');
    expect(r.advice).not.toMatch(/Utelämnat enligt behovet/);
  });
});

describe('leaving an enterprise out by name', () => {
  // the ranking reads its texts by registry index: leaving one out must not shift the others' texts (a need that left out
  // Kvarnbackens crashed, and one that left out another enterprise was ranked on its neighbours' descriptions)
  it('ranks the others as a registry without it would', async () => {
    for (const [id, need] of [
      ['se-001', 'We need catering in Helsingborg for 60 people, lunch and coffee. Please NOT Kvarnbackens this time.'],
      ['se-008', 'Vi söker städning av kontor i Helsingborg, dock inte Salttornet'],
    ] as const) {
      const name = reg.enterprises.find((e) => e.id === id)!.name;
      expect(need, id).toMatch(new RegExp(name.split(/\s+/)[0]!.slice(0, 8), 'i'));
      const without = matcherFromRegistry({ ...reg, enterprises: reg.enterprises.filter((e) => e.id !== id) }, {}, new Date('2026-12-02T12:00:00Z'));
      const left = await matcher.match(need);
      const gone = await without.match(need.replace(/,?\s*(?:Please NOT|dock inte)\s.*$/, '.'));
      // (the smaller registry's word statistics differ a little, so scores agree to about a hundredth)
      expect(left.matches.map((m) => m.enterpriseId), need).toEqual(gone.matches.map((m) => m.enterpriseId));
      left.matches.forEach((m, k) => expect(m.score, `${need} ${m.enterpriseId}`).toBeCloseTo(gone.matches[k]!.score, 1));
      expect(left.matches.length, need).toBeGreaterThan(0);
    }
  });
});

describe('an enumerated list of services', () => {
  it('asks for each item\'s service, however much more the other items say', () => {
    expect(reader.parse('For the fair in Malmö we need: (1) a pop-up bike repair stand with two mechanics and spare tubes, (2) coffee for 40 volunteers.').categories).toEqual(expect.arrayContaining(['cykelverkstad', 'cafe']));
    expect(reader.parse('Till vårfesten i Lund behöver vi\n- städning av skolgården och matsalen efter festen, både ute och inne\n- fika till 50 personer').categories).toEqual(expect.arrayContaining(['stad', 'cafe']));
  });
  it('an item that is a wish or is declined is not asked for', () => {
    expect(reader.parse('Vi behöver i Lund: (1) städning av matsalen efter festen (2) inte catering, det ordnar vi själva').categories).toEqual(['stad']);
    expect(reader.parse('Vi behöver i Lund: (1) städning av matsalen efter festen (2) gärna fika om det finns').categories).toEqual(['stad']);
  });
});
