/**
 * Retrieval for questions as people type them (issue 12, second round): attributions that name a
 * document, English stems that conflate words, the report words of one everyday line as each
 * other's alternatives, introductions that go on to say what the asker means to do, and general
 * English phrases. Own wordings, not the eval questions'.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, rankedScores, type CoreAssistant } from '../../src/assistant.js';
import { loadConfig } from '../../src/config.js';
import { analyze, definiteBase, genitiveBase, Lexicon, stem } from '../../src/retrieval/analyzer.js';
import { analyzeQuestion, namedDocument, stripPreamble } from '../../src/query/analysis.js';
import { translateEnglish } from '../../src/lexicon/bilingual.js';
import { expandEveryday } from '../../src/lexicon/everyday.js';
import { KNOWLEDGE, rmrf, tempDir } from './helpers.js';

describe('word lists', () => {
  it('an English word is not translated as another word Snowball gives the same stem', () => {
    const internal = translateEnglish('an internal meeting').flatMap((t) => t.terms);
    expect(internal).toContain(stem('intern'));
    expect(internal).not.toContain(stem('internationell'));
    // inflections of one word still meet
    expect(translateEnglish('barriers').flatMap((t) => t.terms)).toContain(stem('hinder'));
  });

  it('an everyday word is not read as another one Snowball gives the same stem ("jobbade" is not "jobbigt")', () => {
    const worked = expandEveryday('Var jobbade hon förra året?').flatMap((m) => m.terms);
    expect(worked).toContain(stem('arbete'));
    expect(worked).not.toContain(stem('svår'));
    expect(expandEveryday('Det var jobbigt i början').flatMap((m) => m.terms)).toContain(stem('svår'));
  });

  it('everyday English idioms and words have their report words', () => {
    expect(translateEnglish('what stands in the way of this').flatMap((t) => t.terms)).toContain(stem('hämmar'));
    expect(translateEnglish('their dreams for the village').flatMap((t) => t.terms)).toContain(stem('drömmer'));
  });

  it('everyday Swedish words have the report words for them ("liten" also finds "mindre", "hjälpa" finds "stöd")', () => {
    const small = expandEveryday('Är det lättare i en liten förening?').flatMap((m) => m.terms);
    expect(small).toContain(stem('mindre'));
    const help = expandEveryday('Vem kan hjälpa föreningen?').flatMap((m) => m.terms);
    expect(help).toContain(stem('stöd'));
  });
});

describe('analyzer', () => {
  it('"zero" is the number 0, as "noll" is', () => {
    expect(analyze('zero projects')[0]).toBe('0');
    expect(analyze('zero')).toEqual(analyze('0'));
  });

  it('a definite neuter form ("-et", "-ets") is the same term as its word', () => {
    const lex = new Lexicon([['avtal', 9], ['ställe', 5], ['hyres', 4], ['kontrakt', 6], ['avtalet', 2], ['stället', 3]]);
    expect(analyze('avtalet', { lexicon: lex })).toEqual(analyze('avtal', { lexicon: lex }));
    expect(analyze('avtalets', { lexicon: lex })).toEqual(analyze('avtal', { lexicon: lex }));
    expect(analyze('stället', { lexicon: lex })).toEqual(analyze('ställe', { lexicon: lex }));
    // a compound of known words whose whole form the corpus never has
    expect(definiteBase('hyreskontraktet', lex)).toBe('hyreskontrakt');
    expect(analyze('hyreskontraktet', { lexicon: lex })).toEqual(analyze('hyreskontrakt', { lexicon: lex }));
    // a word that only ends in "et" is left as it is
    expect(definiteBase('kvalitet', lex)).toBeNull();
    expect(definiteBase('budget', lex)).toBeNull();
  });

  it('a genitive "-s" that Snowball keeps after å, ä, ö, i or u is taken off a known word', () => {
    const lex = new Lexicon([['umeå', 12], ['malmö', 30], ['laxå', 8], ['laxås', 2], ['hus', 5]]);
    expect(stem('umeås')).toBe('umeås'); // what Snowball alone does
    expect(analyze('Umeås', { lexicon: lex })).toEqual(analyze('Umeå', { lexicon: lex }));
    expect(analyze('malmös', { lexicon: lex })).toEqual(analyze('malmö', { lexicon: lex }));
    expect(genitiveBase('laxås', lex)).toBe('laxå');
    // no known bare word, or the "-s" form itself is the more frequent: left as it is
    expect(genitiveBase('hus', lex)).toBeNull();
    expect(genitiveBase('göteborgs', lex)).toBeNull();
    expect(genitiveBase('kinas', new Lexicon([['kina', 1]]))).toBeNull();
  });
});

describe('reported retrieval', () => {
  it('scores never rise down the list, also when a passage was moved ahead of better-scored ones', () => {
    const moved = [{ score: 0.4 }, { score: 0.9 }, { score: 0.7 }, { score: 0.2 }];
    expect(rankedScores(moved).map((x) => x.score)).toEqual([0.9, 0.9, 0.7, 0.2]);
    expect(rankedScores(moved).map((x) => x.h)).toEqual(moved);
  });
});

describe('the question as typed', () => {
  it('an introduction that goes on to say what the asker means to do keeps that part', () => {
    expect(stripPreamble('Hej! Jag är rektor på en skola och funderar på att anlita ett städbolag. Vad säger riktlinjen?')).toBe(
      'Funderar på att anlita ett städbolag. Vad säger riktlinjen?',
    );
    expect(stripPreamble("Hi, I've just started as a coordinator in Lund. Who pays for the network?")).toBe('Who pays for the network?');
    // an introduction alone is still left out
    expect(stripPreamble('Hej! Jag jobbar på kulturförvaltningen. Vad är IOP?')).toBe('Vad är IOP?');
  });

  it('a document named by an attribution: the unique best fit by its manifest name', () => {
    const names = new Map([
      ['a', new Set(['helsingborg', 'innovation'])],
      ['b', new Set(['helsingborg', 'rekryter'])],
    ]);
    expect(namedDocument(['helsingborg', 'innovation'], names)).toBe('a');
    // a term two documents share does not choose between them
    expect(namedDocument(['helsingborg'], names)).toBeNull();
    expect(namedDocument(['cykel'], names)).toBeNull();
  });
});

describe('through the assistant', () => {
  let assistant: CoreAssistant;
  const dataDir = tempDir('brygga-typed-');
  beforeAll(async () => {
    assistant = await createAssistant(loadConfig({ BRYGGA_DATA_DIR: dataDir, BRYGGA_KNOWLEDGE_DIR: KNOWLEDGE }));
  }, 120_000);
  afterAll(() => rmrf(dataDir));

  it('a name an attribution cites beside the document keeps its weight; the document words do not', () => {
    const a = analyzeQuestion('Vilka typer av tjänsteinnovationer finns enligt Den Hertog i insiktsrapporten?', assistant.retriever);
    expect(a.terms.emphasis?.get('hertog') ?? 1).toBe(1);
    expect(a.terms.emphasis?.get(analyze('insiktsrapporten')[0])).toBeLessThan(0.5);
  });

  it('passages of the document an attribution names come first', async () => {
    const q = 'Hur ska uppföljningen gå till enligt riktlinjen?';
    const a = analyzeQuestion(q, assistant.retriever);
    expect(a.terms.documents).toEqual(['riktlinje-sociala-foretag-exempelkommun']);
    const r = await assistant.ask({ question: q, audience: 'internal' });
    // (without the preference the reports' passages on follow-up come second and third)
    expect(r.retrieved.slice(0, 3).map((x) => x.docId)).toEqual(Array(3).fill('riktlinje-sociala-foretag-exempelkommun'));
  });
});
