/**
 * Needs from a newcomer's trial on 2026-12-02 (issue 14, eighth round): each kind a mechanism, each failing without it.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { matcherFromRegistry, needReader } from '../../src/match/index.js';
import { parseContractValue } from '../../src/match/parse.js';
import { loadRegistry } from '../../src/registry/load.js';

const reg = loadRegistry(path.resolve('knowledge/enterprises'));
const { parse } = needReader(reg);
const matcher = matcherFromRegistry(reg, {}, new Date('2026-12-02'));

describe('a contract value', () => {
  it.each([
    ['avtalsvärde ca 2 miljoner kr per år', 2_000_000, true],
    ['budget ca 200 tkr', 200_000, false],
    ['värde 1,5 mkr', 1_500_000, false],
    ['högst 500 000 kronor', 500_000, false],
    ['about SEK 2 million a year', 2_000_000, true],
  ])('%s', (text, sek, perYear) => {
    expect(parseContractValue(text)).toMatchObject({ sek, perYear });
  });
  it('is no value without money ("3 skolor", "40 stolar", "kl 14")', () => {
    expect(parseContractValue('fönsterputs på 3 skolor kl 14, 40 stolar')).toBeNull();
  });
  it('is parsed from the need, is no volume, and the advice names the direct-award limit without a figure', async () => {
    const need = 'fönsterputs på 3 skolor i Göteborg, avtalsvärde ca 2 miljoner kr per år';
    const p = parse(need);
    expect(p.contractValue?.sek).toBe(2_000_000);
    expect(p.volume?.text).toBe('3 skolor');
    const r = await matcher.match(need);
    expect(r.advice).toMatch(/direktupphandlingsgränsen/);
    expect(r.advice).toMatch(/LOU/);
    expect(r.advice).not.toMatch(/\d{3} ?\d{3} kr(?! per år)/);
  });
  it('a capacity note about something else is not quoted as the capacity', async () => {
    const r = await matcher.match('fönsterputs på 3 skolor i Göteborg, avtalsvärde ca 2 miljoner kr per år');
    for (const m of r.matches) for (const w of m.warnings) expect(w).not.toMatch(/kapacitet för 3 skolor okänd \((?![^)]*(?:\d|skol))/);
  });
});

describe('an adjective before the counted noun', () => {
  it.each([
    ['Vi vill få ett 60-tal gamla stolar i Tierp omklädda', 'stolar', 'ett 60-tal gamla stolar'],
    ['Reparation av 12 trasiga cyklar i Lund', 'cyklar', '12 trasiga cyklar'],
    ['Repair of 20 used bikes in Lund', 'bikes', '20 used bikes'],
  ])('%s', (need, unit, text) => {
    const v = parse(need).volume;
    expect(v?.unit).toBe(unit);
    expect(v?.text).toBe(text);
  });
  it('the capacity warning names the whole count', async () => {
    const r = await matcher.match('Vi vill få ett 60-tal gamla stolar i tierp omklädda');
    expect(r.matches.flatMap((m) => m.warnings).join(' ')).toMatch(/för liten för ett 60-tal gamla stolar: Omkring 40 stolar/);
  });
});

describe('no-match advice and route citations', () => {
  it('a reserved contract wished for is a route in the no-match advice', async () => {
    const r = await matcher.match('snöröjning på skolgårdarna i Söderhamn, ca 200 tkr, gärna reserverat kontrakt');
    expect(r.noMatch).toBe(true);
    expect(r.advice).toMatch(/^- Reserverad upphandling: .*reserverad/m);
    expect(r.need.contractValue?.sek).toBe(200_000);
  });
  it.each(['catering till 80 personer i Lund', 'översättning av broschyrer till arabiska i Malmö', 'fönsterputs på 3 skolor i Göteborg'])(
    'the dialogue route of "%s" cites only a passage on dialogue with suppliers or social enterprises',
    async (need) => {
      const r = await matcher.match(need);
      const line = r.advice.split('\n').find((l) => l.startsWith('- Dialog först')) ?? '';
      expect(line).not.toMatch(/Kommunala bolag/);
      const quote = /”([^”]+)”/.exec(line)?.[1];
      if (quote) expect(quote).toMatch(/leverantör|sociala\s*före\s*tag|socialt\s*företag/i);
    },
  );
});
