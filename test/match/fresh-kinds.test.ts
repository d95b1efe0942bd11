/**
 * Kinds of need-parsing failure seen on the tune part of the fresh needs (evals/match-fresh.jsonl),
 * each tested with wording of our own: the client's name is not the service, a word that only starts
 * like a term names nothing, the object of a verb is not a second service, services joined by "och"
 * are both asked for, and a home setting makes household services the service.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { buildCategoryIndex, parseNeed, parseQuantities } from '../../src/match/parse.js';
import { matcherFromRegistry } from '../../src/match/index.js';
import { loadRegistry } from '../../src/registry/load.js';

const reg = loadRegistry(path.resolve('knowledge/enterprises'));
const index = buildCategoryIndex(reg.categories);
const parse = (t: string) => parseNeed(t, index);
const matcher = matcherFromRegistry(reg, {}, new Date('2026-11-22T12:00:00Z'));

describe('the client is not the service', () => {
  it('gives a municipal body’s name (kulturförvaltningen, parkförvaltningen) no service evidence', () => {
    expect(parse('Kan någon tvätta handdukar åt kulturförvaltningen i Malmö?').categoryScores).not.toHaveProperty('kultur');
    expect(parse('Vem kan lappa arbetsbyxor åt parkförvaltningen i Söderhamn?').categoryScores).not.toHaveProperty('gronyteskotsel');
  });
  it('lets the enterprises’ texts find the service when only a word’s first part looks like a term', async () => {
    // "arbets|byxor" starts like arbetsträning; that names no category, so the texts decide (lagning of clothes)
    for (const need of ['Vem kan lappa arbetsbyxor åt parkförvaltningen i Söderhamn?', 'Vi behöver hjälp att laga trasiga arbetsskor och tält i Söderhamn']) {
      const r = await matcher.match(need);
      expect(r.noMatch).toBe(false);
      const e = reg.enterprises.find((x) => x.id === r.matches[0]!.enterpriseId)!;
      expect(e.categories).toContain('textil');
    }
  });
});

describe('the object of a verb is not a second service', () => {
  it('reads what a named service makes or handles as its object (snickare … bygga pallkragar ≠ odling)', () => {
    expect(parse('Snickare som kan tillverka några pallkragar och en bänk till skolgården i Lund').categories).toEqual(['hantverk-bygg']);
    expect(parse('Vi söker en målare som kan fräscha upp väggarna och några cykelställ vid skolan i Lund').categories).toEqual(['hantverk-bygg']);
  });
  it('proposes no enterprise of the object’s service when no one offers the named service there', async () => {
    const r = await matcher.match('Snickare som kan tillverka några pallkragar och en bänk till förskolan i Helsingborg?');
    for (const m of r.matches) expect(reg.enterprises.find((e) => e.id === m.enterpriseId)!.categories).toContain('hantverk-bygg');
  });
});

describe('services joined by "och" are both asked for', () => {
  it('keeps the second of two coordinated services although the asking verb is further from it', () => {
    expect(parse('Vi vill ta in ett socialt företag som underleverantör för gräsklippning och plogning i Umeå').categories.sort()).toEqual(['gronyteskotsel', 'snorojning']);
  });
});

describe('a home setting makes the household service the service', () => {
  it('reads windows, curtains and cleaning in people’s homes as household services', () => {
    expect(parse('Fönsterputs hemma hos äldre i Helsingborg').categories).toEqual(['hushallsnara']);
    expect(parse('Vi behöver någon som kan städa och sätta upp gardiner i ett trettiotal hushåll i Lund').categories).toEqual(['hushallsnara']);
  });
  it('leaves services that are not household errands as they are', () => {
    expect(parse('Matlådor till äldre som bor hemma i Lund').categories).toEqual(['catering']);
    expect(parse('Snöskottning åt äldre som bor hemma i Umeå').categories).toEqual(['snorojning']);
    expect(parse('Fönsterputs på förskolorna i Lund').categories).toEqual(['fonsterputs']);
  });
});

describe('the past participle of a service verb', () => {
  it('is the service done ("200 stolar omklädda" = reupholstery), not a weak verb outside a verb position', () => {
    expect(parse('Behöver få 200 stolar omklädda till biblioteket i Malmö').categories).toEqual(['mobelrenovering']);
  });
});

describe('places to try out work are trainee places', () => {
  it('checks "15 platser" for young people to try out a job against trainee places', () => {
    const p = parse('Vi söker en förening som kan låta unga prova på jobb i sommar i Landskrona, 15 platser');
    expect(p.categories).toEqual(['arbetstraning']);
    expect(p.minCapacity).toEqual({ field: 'traineePlaces', value: 15 });
  });
});

describe('"för en <occasion>" is the occasion', () => {
  it('does not make the conference a second service of catering', () => {
    expect(parse('Catering för en konferens med 250 deltagare i Malmö').categories).toEqual(['catering']);
    expect(parse('Vi söker en leverantör för städning i Lund').categories).toEqual(['stad']);
  });
});

describe('a service the need rules out', () => {
  it('is no evidence and is not searched ("catering, inte fika"), while "inte bara" rules nothing out', async () => {
    expect(parse('Vi behöver catering, inte fika, till ett möte med 30 personer i Lund').categories).toEqual(['catering']);
    expect(parse('Vi behöver någon som kan städa, ingen catering, i Lund').categories).toEqual(['stad']);
    expect(parse('Vi behöver inte bara städning utan också fönsterputs i Lund').categories.sort()).toEqual(['fonsterputs', 'stad']);
    const r = await matcher.match('Vi behöver catering, inte fika, till ett möte med 30 personer i Malmö');
    for (const m of r.matches) expect(reg.enterprises.find((e) => e.id === m.enterpriseId)!.categories).toContain('catering');
  });
});

describe('an enterprise of a service that hosts trainees', () => {
  it('is that service, with trainee places as a capacity that must be recorded', async () => {
    const p = parse('Vi söker ett kafé som kan ta emot praktikanter i Malmö');
    expect(p.categories).toEqual(['cafe']);
    expect(p.minCapacity).toEqual({ field: 'traineePlaces', value: 1 });
    expect(parse('Vi behöver praktikplatser i Malmö').categories).toEqual(['arbetstraning']);
    const r = await matcher.match('Ett café i Malmö som kan ta emot praktikanter');
    for (const m of r.matches) {
      const e = reg.enterprises.find((x) => x.id === m.enterpriseId)!;
      expect(e.categories).toContain('cafe');
      expect(e.traineePlaces ?? 0).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('who is asking is not the service', () => {
  it('leaves "Vi är en förskola / ett café" out of the service and the search', async () => {
    expect(parse('Vi är ett café i Lund och behöver någon som tvättar våra dukar').categories).toEqual(['tvatteri']);
    const r = await matcher.match('Vi är en förskola på Söder i Helsingborg och vill ha hjälp med vår gård');
    for (const m of r.matches) expect(reg.enterprises.find((e) => e.id === m.enterpriseId)!.categories).toContain('gronyteskotsel');
  });
});

describe('a general service verb with an object that makes a compound of its category', () => {
  it('keeps the object’s service ("reparera cyklar" = cykelreparation), while "bära möbler" stays moving', () => {
    expect(parse('Någon som kan reparera cyklar åt skolan i Malmö').categories).toContain('cykelverkstad');
    expect(parse('Vi behöver någon som kan bära möbler i Lund').categories).toEqual(['flytt']);
  });
});

describe('a count in the years’ range', () => {
  it('is a volume when a plural noun follows it, and a year otherwise', () => {
    expect(parseQuantities('Vi behöver 2000 broschyrer tryckta i Lund').volume).toMatchObject({ value: 2000 });
    expect(parseQuantities('Hösten 2026 behöver vi städning i Lund').volume).toBeNull();
  });
});

describe('requirements, wishes and refusals worded in other ways', () => {
  it('reads "har bestämt att … ska gå till ett arbetsintegrerande företag" as a requirement', () => {
    const p = parse('Kommunstyrelsen har bestämt att städningen av stadshuset i Helsingborg ska gå till ett arbetsintegrerande företag');
    expect(p.workIntegratingRequired).toBe(true);
  });
  it('reads "Reserverad upphandling är inte aktuellt" as no reserved contract', () => {
    const p = parse('Flytthjälp i Landskrona. Reserverad upphandling är inte aktuellt den här gången.');
    expect(p.reservedContract).toBe(false);
    expect(p.wished.reservedContract).toBe(false);
  });
  it('reads a wish said after its subject ("IOP vore intressant men vi är öppna för annat") as a wish', () => {
    const p = parse('Vi söker någon för gräsklippning i Helsingborg – IOP vore intressant men vi är öppna för annat');
    expect(p.iop).toBe(false);
    expect(p.wished.iop).toBe(true);
  });
});

describe('wishes said after what is wished', () => {
  it('reads "… om möjligt" and "… är meriterande" as wishes for what comes before', () => {
    const a = parse('Städning i Malmö med personal som talar arabiska om möjligt');
    expect(a.languages).toEqual([]);
    expect(a.languagesWished).toEqual(['arabiska']);
    const b = parse('Fönsterputs i Lund, erfarenhet av reserverad upphandling är meriterande');
    expect(b.reservedContract).toBe(false);
    expect(b.wished.reservedContract).toBe(true);
  });
});

describe('a requirement said after what it requires', () => {
  it('makes the clause before "det är ett krav" / "that’s the point" a requirement', () => {
    const a = parse('Fönsterputs i Malmö av ett företag där unga vuxna jobbar, det är ett krav');
    expect(a.targetGroup).toBe('unga vuxna');
    expect(a.targetGroupRequired).toBe(true);
    const b = parse('Lunch for 30 in Malmö from a social enterprise that employs refugees, that’s the point');
    expect(b.targetGroupRequired).toBe(true);
  });
});

describe('everyday words of grounds care', () => {
  it('reads watering the flowers as grounds care', () => {
    expect(parse('Behöver någon som kan vattna blommorna i rondellerna i Höganäs i sommar').categories).toEqual(['gronyteskotsel']);
  });
});
