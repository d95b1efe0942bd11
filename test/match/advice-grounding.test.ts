/**
 * Advice (issue 14): of the passages that say a route's claim, the one about this need's service is
 * quoted; a passage telling what one municipality or supplier did is introduced as an example; a
 * footnote number left standing in the extract is not quoted.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/domain/types.js';
import { dropFootnoteNumbers, isExample } from '../../src/match/advice.js';
import { matcherFromRegistry } from '../../src/match/index.js';
import { loadRegistry } from '../../src/registry/load.js';

const reg = loadRegistry(path.resolve('knowledge/enterprises'));
const today = new Date('2026-11-22T12:00:00Z');
const chunk = (id: string, text: string): Chunk => ({
  id, docId: id, title: 'Rapport', section: 's', lines: [1, 2], page: null, access: 'public', text, context: '', spans: [],
});

describe('the quoted passage is the one about this need', () => {
  // both say the claim (a direct award "av"/"med"); the first retrieved is about another service
  const other = chunk('a', 'Direktupphandling av tjänster rörande tvätt av arbetskläder med leverantören Exempeltvätt.');
  const moving = chunk('b', 'Direktupphandling med kriterier för reserverade kontrakt avseende flyttjobb åt skolorna.');
  const retrieve = async () => [other, moving].map((c, i) => ({ chunk: c, score: 1 - i / 10 }));

  it('quotes, of every retrieved passage that says the claim, the one sharing the need’s service words', async () => {
    const m = matcherFromRegistry(reg, { retrieve }, today);
    const r = await m.match('Flytt av ett kontor i Helsingborg, det blir en direktupphandling');
    expect(r.advice).toMatch(/Direktupphandling: /);
    expect(r.citations.map((c) => c.docId)).toEqual(['b']);
  });
  it('introduces a passage about what one municipality or supplier did as an example', async () => {
    const m = matcherFromRegistry(reg, { retrieve: async () => [{ chunk: other, score: 1 }] }, today);
    const r = await m.match('Flytt av ett kontor i Helsingborg, det blir en direktupphandling');
    expect(r.advice).toMatch(/Exempel i rapporterna: ”Direktupphandling av tjänster rörande tvätt/);
  });
});

describe('examples and statements', () => {
  it('tells an account of one municipality, supplier or the writers from a statement of the route', () => {
    expect(isExample('I Norrvik har kommunen slutit tre reserverade kontrakt med sociala företag.')).toBe(true);
    expect(isExample('Norrviks kommun har en dialog med två kooperativ om upphandling.')).toBe(true);
    expect(isExample('Vi bjöd in leverantörer till en dialog om upphandling av städning.')).toBe(true);
    expect(isExample('Det mest riktade verktyget är reserverade upphandlingar, som möjliggör upphandlingar med sociala företag.')).toBe(false);
  });
});

describe('footnote numbers', () => {
  it('drops a number standing apart before a comma or full stop, keeps numbers in prose', () => {
    expect(dropFootnoteNumbers('Bolagen följer LOU 12 , men dialog går bra.')).toBe('Bolagen följer LOU, men dialog går bra.');
    expect(dropFootnoteNumbers('Kommunen slöt 6 kontrakt med 5 företag.')).toBe('Kommunen slöt 6 kontrakt med 5 företag.');
  });
});

describe('a need no enterprise meets', () => {
  it('says why the enterprises offering the service were left out, counted by reason', async () => {
    const m = matcherFromRegistry(reg, {}, today);
    const r = await m.match('Vi behöver 40 praktikplatser inom lokalvård i Malmö');
    expect(r.noMatch).toBe(true);
    expect(r.advice).toMatch(/bryter mot ett krav: \d+ betjänar inte Malmö, \d+ har för få praktikplatser\)/);
    const en = await m.match('Window cleaning at three schools in Kiruna');
    expect(en.advice).toMatch(/break a requirement: \d+ do not serve Kiruna\)/);
  });
});

describe('a quoted passage is cited by the lines it quotes', () => {
  it('two sentences of one passage are two citations, each with its own lines, not the passage twice', async () => {
    // a passage of three sentences on lines 10–15; spans give each sentence its lines
    const text = 'Reserverade kontrakt kan användas vid upphandling av städning från sociala företag. Lokalerna är många. Kommunen bjöd in sociala företag till en dialog om städning före upphandlingen.';
    const starts = [0, text.indexOf('Lokalerna'), text.indexOf('Kommunen')];
    const passage: Chunk = { ...chunk('p', text), lines: [10, 15], spans: [[starts[0]!, 10, 11], [starts[1]!, 12, 13], [starts[2]!, 14, 15]] };
    const retrieve = async () => [{ chunk: passage, score: 1 }];
    const m = matcherFromRegistry(reg, { retrieve }, today);
    const r = await m.match('Städning av kontor i Helsingborg, gärna reserverad upphandling');
    expect(r.citations.length).toBeGreaterThan(0);
    for (const c of r.citations) {
      // the lines of the sentence quoted, inside the passage's, not all of them
      expect(c.lines[0]).toBeGreaterThanOrEqual(10);
      expect(c.lines[1]).toBeLessThanOrEqual(15);
      expect(c.lines[1] - c.lines[0]).toBeLessThan(5);
    }
    const keys = r.citations.map((c) => `${c.docId}:${c.lines.join('-')}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
