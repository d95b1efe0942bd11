/**
 * Needs as people write them (issue 14, seventh round): the repair verb decides the service, reserved-contract
 * wording, staff counts that are no guests, more spoken languages, cuisines as food, English output.
 * Each kind fails without its mechanism.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { matcherFromRegistry, needReader } from '../../src/match/index.js';
import { loadRegistry } from '../../src/registry/load.js';

const reg = loadRegistry(path.resolve('knowledge/enterprises'));
const { parse } = needReader(reg);
const matcher = matcherFromRegistry(reg, {}, new Date('2026-10-01'));

describe('the repair verb decides the service', () => {
  it.each([
    'Laga dörrar och fönster på fritidsgården i Helsingborg',
    'Vi behöver någon som kan fixa trasiga dörrar, lås och fönster på tre förskolor i Lund',
    'Fönstren på skolan i Lund behöver lagas',
    'Repair doors and windows at a school in Helsingborg',
  ])('%s is crafts and building work, not window cleaning', (need) => {
    expect(parse(need).categories).toEqual(['hantverk-bygg']);
  });
  it.each([
    ['Putsa fönster på skolan i Lund', 'fonsterputs'],
    ['Laga cyklar i Malmö', 'cykelverkstad'],
    ['Laga arbetsbyxor i Lund', 'textil'],
    ['Laga 20 stolar i Lund', 'mobelrenovering'],
  ])('%s stays %s', (need, category) => {
    expect(parse(need).categories).toEqual([category]);
  });
  it('proposes no window cleaner for broken doors and windows', async () => {
    const r = await matcher.match('Laga dörrar och fönster på fritidsgården i Helsingborg');
    for (const m of r.matches) expect(reg.enterprises.find((e) => e.id === m.enterpriseId)!.categories).toContain('hantverk-bygg');
  });
});

describe('reserved-contract wording is a requirement', () => {
  it.each([
    'Flytthjälp i Helsingborg, förbehållen upphandling',
    'Städning i Lund, det blir ett reserverat kontrakt',
    'Catering i Lund, vi kör förbehållet kontrakt enligt 4 kap. 18 § LOU',
    'Flytthjälp i Helsingborg, upphandlingen är förbehållen sociala företag',
  ])('%s', (need) => {
    const p = parse(need);
    expect(p.reservedContract).toBe(true);
    expect(p.route).toBe('reserverad upphandling');
  });
  it('refused, it is not asked for', () => {
    expect(parse('Flytt i Helsingborg, förbehållen upphandling är inte aktuellt').reservedContract).toBe(false);
  });
  it('its words are no service', () => {
    expect(parse('Flytthjälp i Helsingborg, förbehållen upphandling').categories).toEqual(['flytt']);
  });
});

describe('a count of staff is the crew, not the guests', () => {
  it.each([
    ['Flytt i Helsingborg med 4 personal', 4],
    ['Städning i Lund, 3 personal behövs', 3],
    ['Moving help in Helsingborg, we need 4 staff', 4],
    ['Moving help in Helsingborg, staff of 4 needed', 4],
  ])('%s', (need, value) => {
    expect(parse(need).minCapacity).toEqual({ field: 'crewSize', value });
  });
  it('the people served stay the capacity, before a crew said with them', () => {
    expect(parse('Catering för 80 gäster i Lund med en crew på 6').minCapacity).toEqual({ field: 'maxPeoplePerEvent', value: 80 });
    expect(parse('Catering i Lund för 60 gäster, de behöver ha 4 personal på plats').minCapacity).toEqual({ field: 'maxPeoplePerEvent', value: 60 });
  });
  it('staff served are guests', () => {
    expect(parse('Julbord för 60 personal i Lund').minCapacity).toEqual({ field: 'maxPeoplePerEvent', value: 60 });
    expect(parse('Christmas lunch for 80 staff in Lund').minCapacity).toEqual({ field: 'maxPeoplePerEvent', value: 80 });
  });
});

describe('more spoken languages are a language wish, not a service', () => {
  it.each([
    ['Catering i Lund för 40 gäster, personal som talar tigrinja och dari', ['tigrinja', 'dari']],
    ['Tolkar som talar thailändska och vietnamesiska i Malmö', ['thailändska', 'vietnamesiska']],
    ['Städning i Malmö, personalen ska kunna romani, polska, bosniska, ryska, finska och engelska', ['romani', 'polska', 'bosniska', 'ryska', 'finska', 'engelska']],
    ['Catering in Lund for 40 guests with staff who speak Chinese', ['kinesiska']],
    ['Thai-speaking staff for cleaning in Lund', ['thailändska']],
  ])('%s', (need, languages) => {
    expect(parse(need).languages).toEqual(languages);
  });
  it('a wish clause keeps them wishes ("gärna … farsi eller ukrainska")', () => {
    const p = parse('Städning i Lund, gärna personal som pratar farsi eller ukrainska');
    expect(p.languagesWished).toEqual(['persiska', 'ukrainska']);
    expect(p.categories).toEqual(['stad']);
  });
  it('a cuisine is no language ("thailändska rätter", "Thai food")', () => {
    expect(parse('Catering i Lund med thailändska rätter för 40').languages).toEqual([]);
    expect(parse('Thai food for 30 people in Malmö').languages).toEqual([]);
  });
});

describe('food named by its cuisine is catering', () => {
  it.each(['Thaimat till 30 personer i Malmö', 'Thai food for 30 people in Malmö', 'Indisk buffé för 50 i Lund', 'Vi vill ha fingerfood till 60 gäster i Helsingborg'])('%s', (need) => {
    expect(parse(need).categories).toEqual(['catering']);
  });
  it('finds caterers for it', async () => {
    const r = await matcher.match('Thaimat till 30 personer i Malmö');
    expect(r.noMatch).toBe(false);
  });
  it('an -mat word that is no food names nothing ("automat")', () => {
    expect(parse('Automat för kaffe i Lund').categories).not.toContain('catering');
  });
});

describe('a need in English is answered in English', () => {
  const swedishValue = /arabiska|kinesiska|tigrinja|direktupphandling|ramavtal|reserverad upphandling|underleverantör|saknar|betjänar|målgrupp|språk:/;
  it('reasons and warnings name languages and contract experience in English', async () => {
    const r = await matcher.match('We need catering for 40 guests in Helsingborg with staff who speak Arabic, reserved contract');
    expect(r.matches.length).toBeGreaterThan(0);
    for (const m of r.matches) {
      for (const line of [...m.reasons, ...m.warnings]) expect(line).not.toMatch(swedishValue);
      expect(m.reasons).toContain('language: Arabic');
    }
  });
  it('a need nobody meets says why, with the verb agreeing with the count', async () => {
    const r = await matcher.match('We need catering for 40 guests in Lund with staff who speak Chinese');
    expect(r.noMatch).toBe(true);
    expect(r.advice).toMatch(/\b1 does not speak Chinese\b/);
    expect(r.advice).toMatch(/\b\d{2,} do not serve Lund\b/);
    expect(r.advice).not.toMatch(/\b1 do not\b/);
  });
  it('the route advice headings are English', async () => {
    const r = await matcher.match('We need catering for 40 guests in Lund with staff who speak Chinese');
    const headings = r.advice.split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2).split(':')[0]);
    expect(headings.length).toBeGreaterThan(0);
    for (const h of headings) expect(h).toMatch(/^(Dialogue first|Intermediaries|Split the contract|Subcontracting|Reserved contract|Direct award|IOP)/);
  });
  it('Swedish needs keep Swedish words', async () => {
    const r = await matcher.match('Catering för 40 gäster i Helsingborg, personal som talar arabiska, reserverad upphandling');
    expect(r.matches[0]!.reasons).toContain('språk: arabiska');
  });
});

describe('everyday English and question forms', () => {
  it.each([
    ['Thai-speaking cleaners in Lund', 'stad'],
    ['We need movers in Helsingborg', 'flytt'],
    ['Caterers for 50 guests in Malmö', 'catering'],
    ['Could someone paint a classroom in Lund?', 'hantverk-bygg'],
    ['We need a crew of 5 for moving in Helsingborg', 'flytt'],
    ['Kan någon måla om ett klassrum i Lund?', 'hantverk-bygg'],
    ['Kan ni laga cyklar i Malmö?', 'cykelverkstad'],
  ])('%s is %s', (need, category) => {
    expect(parse(need).categories).toEqual([category]);
  });
});

describe('a room hired is a venue; a room worked on is not', () => {
  it.each(['We want to hire a room for a workshop for 40 people in Landskrona', 'Vi vill hyra ett rum för en workshop för 40 personer i Landskrona', 'Boka en sal för 100 personer i Lund'])('%s', async (need) => {
    expect(parse(need).categories).toEqual(['event']);
    expect((await matcher.match(need)).noMatch).toBe(false);
  });
  it.each([
    ['Cleaning of the rooms at the school in Lund', 'stad'],
    ['Paint two rooms at the youth centre in Lund', 'hantverk-bygg'],
    ["We'd like someone to look after the flower beds at the library in Lund", 'gronyteskotsel'],
  ])('%s is %s', (need, category) => {
    expect(parse(need).categories).toEqual([category]);
  });
});

describe('the people a service is for', () => {
  it('are no second service ("promenadgrupper för seniorer")', () => {
    expect(parse('Promenadgrupper för seniorer i Lund').categories).toEqual(['halsa-idrott']);
  });
  it('name the service when nothing else does ("stöd för seniorer")', () => {
    expect(parse('Vi söker stöd för seniorer i Lund').categories).toEqual(['hushallsnara']);
  });
});
