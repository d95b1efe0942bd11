/**
 * A question of several parts (issue 12): "När startade X, och hur många …?" has no single passage
 * that answers it whole, so its coverage and confidence were split and it was shown as the closest
 * passages. Each part is asked on its own, the other parts as its context, and the answer gives each
 * part under its own question, saying so of a part the sources do not answer. Also: a question for a
 * count looks deeper for the passage that states it. Through the real assistant on the real corpus,
 * with wordings that are not the dev questions'.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, type CoreAssistant } from '../../src/assistant.js';
import { loadConfig } from '../../src/config.js';
import { subQuestions } from '../../src/query/analysis.js';
import { composeParts, quantityFirst, type Composed } from '../../src/answer/extractive.js';
import { analyzeQuestion } from '../../src/query/analysis.js';
import { KNOWLEDGE, rmrf, tempDir } from './helpers.js';

describe('subQuestions', () => {
  it('splits asking sentences and "…, och <question word> …" into parts', () => {
    expect(subQuestions('När startade projektet, och hur många deltog?')).toEqual(['När startade projektet', 'hur många deltog?']);
    expect(subQuestions('Vad är ett IOP? Vem tar initiativet till det?')).toEqual(['Vad är ett IOP?', 'Vem tar initiativet till det?']);
    expect(subQuestions('Where did they go, and why that country?')).toEqual(['Where did they go', 'why that country?']);
  });
  it('keeps one question whole: a follow-on without a question of its own, a list joined by "och", a short tag', () => {
    expect(subQuestions('Hur många bor i Laxå? Runt femtusen?')).toEqual(['Hur många bor i Laxå? Runt femtusen?']);
    expect(subQuestions('Var kom metoden ifrån? Vilket land?')).toEqual(['Var kom metoden ifrån? Vilket land?']);
    expect(subQuestions('Vilka kommuner och vilka företag deltog?')).toEqual(['Vilka kommuner och vilka företag deltog?']);
    expect(subQuestions('Vad hände sen?')).toEqual(['Vad hände sen?']);
  });
});

describe('composeParts', () => {
  const cite = (n: number, line: number) => ({ n, docId: 'd', chunkId: 'd#1', title: 'T', section: 'S', page: null, lines: [line, line] as [number, number], quote: `Mening ${line}.` });
  const answer = (lines: number[], confidence: number): Composed => ({ outcome: 'answer', answered: true, answer: '', citations: lines.map((l, i) => cite(i + 1, l)), confidence });
  const none: Composed = { outcome: 'passages', answered: false, answer: '', citations: [cite(1, 99)], confidence: 0.3 };

  it('gives each part under its question, numbers citations across parts and says which part has no answer', () => {
    const r = composeParts([{ question: 'när startade det', composed: none }, { question: 'hur många deltog', composed: answer([4, 7], 0.8) }], 'sv')!;
    expect(r.answered).toBe(true);
    expect(r.citations.map((c) => [c.n, c.lines[0]])).toEqual([[1, 4], [2, 7]]);
    expect(r.answer).toContain('När startade det?\nPå den delen hittar jag inget säkert svar i underlagen.');
    expect(r.answer).toContain('Hur många deltog?\n”Mening 4.” [1]');
    // a part without an answer shows none of its closest passages: the answer holds only quotes that answer
    expect(r.answer).not.toContain('Mening 99');
    expect(r.confidence).toBe(0.8);
  });
  it('a quote two parts share is shown once and referred to after; the confidence is the lowest part\'s', () => {
    const r = composeParts([{ question: 'a?', composed: answer([4], 0.9) }, { question: 'b?', composed: answer([4, 5], 0.7) }], 'en')!;
    expect(r.citations.map((c) => c.n)).toEqual([1, 2]);
    expect(r.answer.match(/\[1\]/g)).toHaveLength(3);
    expect(r.answer).toContain('See [1] above.');
    expect(r.answer.match(/Mening 4/g)).toHaveLength(1);
    expect(r.confidence).toBe(0.7);
    expect(r.answer).toContain('According to the sources');
  });
  it('a part that refers back by a pronoun to a part without an answer has none either', () => {
    expect(composeParts([{ question: 'vem äger projektet', composed: none }, { question: 'vad gör de med metoden nu', composed: answer([4], 0.8) }], 'sv')).toBeNull();
    // … but stands when the part it refers to is answered, and a part that names its own subject stands alone
    expect(composeParts([{ question: 'vem äger projektet', composed: answer([2], 0.9) }, { question: 'vad gör de med metoden nu', composed: answer([4], 0.8) }], 'sv')?.citations).toHaveLength(2);
    expect(composeParts([{ question: 'vem äger projektet', composed: none }, { question: 'vad gör Arbetsförmedlingen med metoden', composed: answer([4], 0.8) }], 'sv')?.citations).toHaveLength(1);
  });
  it('is null when no part has a direct answer', () => {
    expect(composeParts([{ question: 'a', composed: none }, { question: 'b', composed: none }], 'sv')).toBeNull();
  });
});

describe('asking a question of several parts', () => {
  const dataDir = tempDir();
  let assistant: CoreAssistant;
  beforeAll(async () => {
    assistant = await createAssistant(loadConfig({ BRYGGA_DATA_DIR: dataDir, BRYGGA_KNOWLEDGE_DIR: KNOWLEDGE }));
  });
  afterAll(() => rmrf(dataDir));

  it('answers the parts the sources answer, each under its own question', async () => {
    const r = await assistant.ask({ question: 'Vilket år kom regeringens strategi för sociala företag, och hur många prioriterade områden hade den?', audience: 'public' });
    expect(r.answered).toBe(true);
    const quotes = r.citations.map((c) => c.quote).join(' ');
    expect(quotes).toContain('Under 2018 presenterade regeringen en nationell strategi');
    expect(quotes).toContain('fem prioriterade områden');
    expect(r.answer).toContain('Hur många prioriterade områden hade den?');
  });
  it('says which part it has no definite answer to instead of withholding the part it has', async () => {
    const r = await assistant.ask({ question: 'När startade Hela familjen 2.0, och hur mycket kostade lokalerna?', audience: 'public' });
    expect(r.answered).toBe(true);
    expect(r.citations.map((c) => c.quote).join(' ')).toContain("okt '16–feb '19");
    expect(r.answer).toContain('Hur mycket kostade lokalerna?\nPå den delen hittar jag inget säkert svar i underlagen.');
  });
  it('answers a period and a count asked together, each from its own passage', async () => {
    const r = await assistant.ask({ question: 'När startade Hela familjen 2.0 och hur många blev självförsörjande?', audience: 'public' });
    const quotes = r.citations.map((c) => c.quote).join(' ');
    expect(quotes).toContain("okt '16–feb '19");
    expect(quotes).toContain('185');
  });
  it('a whole answer that answers only some parts gives way when every part has its own answer', async () => {
    const r = await assistant.ask({ question: 'Varifrån kommer Bostad först ursprungligen, och vem inspirerade Helsingborg att testa det?', audience: 'public' });
    expect(r.answer).toContain('Varifrån kommer Bostad först ursprungligen?\n');
    expect(r.answer).toContain('Vem inspirerade Helsingborg att testa det?\n');
    expect(r.citations.map((c) => c.quote).join(' ')).toContain('Lunds universitet');
  });
  it('a part is answered only from a passage with the names the question has', async () => {
    // no passage gives what Crossroads cost: a sum for another project is no answer to either part
    const r = await assistant.ask({ question: 'Hur mycket kostade Crossroads per år, och hur stor andel av det betalade kommunen?', audience: 'public' });
    expect(r.answered).toBe(false);
  });
});

describe('a question for a count looks deeper for a passage that states it (quantityFirst)', () => {
  const dataDir = tempDir();
  let assistant: CoreAssistant;
  beforeAll(async () => {
    assistant = await createAssistant(loadConfig({ BRYGGA_DATA_DIR: dataDir, BRYGGA_KNOWLEDGE_DIR: KNOWLEDGE }));
  });
  afterAll(() => rmrf(dataDir));

  it('"hur många intervjuer …": the passage with "16 intervjuer" is read, not only those with "intervjupersoner"', async () => {
    const r = await assistant.ask({ question: 'Hur många intervjuer genomfördes i studien om samskapande yta?', audience: 'public' });
    expect(r.answered).toBe(true);
    expect(r.citations.map((c) => c.quote).join(' ')).toContain('16 intervjuer');
  });
  it('moves no passage without the names the question has, nor for a question that is not a count', async () => {
    const r = assistant.retriever;
    const a = analyzeQuestion('Hur många intervjuer gjordes i Tillit 2.3?', r);
    const hits = await r.search(a.text, { audience: 'public', k: 20, terms: a.terms });
    expect(quantityFirst(hits, a, r).map((h) => h.chunk.id)).toEqual(hits.map((h) => h.chunk.id));
    const b = analyzeQuestion('Vad handlade intervjuerna om?', r);
    const other = await r.search(b.text, { audience: 'public', k: 20, terms: b.terms });
    expect(quantityFirst(other, b, r)).toBe(other);
  });
});

describe("a case study's period from its fact box", () => {
  const dataDir = tempDir();
  let assistant: CoreAssistant;
  beforeAll(async () => {
    assistant = await createAssistant(loadConfig({ BRYGGA_DATA_DIR: dataDir, BRYGGA_KNOWLEDGE_DIR: KNOWLEDGE }));
  });
  afterAll(() => rmrf(dataDir));

  it('"När startade …?", "When did … run?" about a named case quote its "Genomförandeperiod" line', async () => {
    const sv = await assistant.ask({ question: 'När drog Boost by FC Rosengård igång?', audience: 'public' });
    expect(sv.answered).toBe(true);
    expect(sv.citations).toHaveLength(1);
    expect(sv.citations[0]!.quote).toContain("Genomförandeperiod: jan '15–dec '19");
    expect(sv.citations[0]!.lines[0]).toBe(sv.citations[0]!.lines[1]);
    const en = await assistant.ask({ question: 'When did the Tillit 2.3 project run?', audience: 'public' });
    expect(en.citations[0]?.quote).toContain('Genomförandeperiod');
  });
  it('not for a question about how long participants took part, nor without a named case', async () => {
    const r = await assistant.ask({ question: 'Hur länge höll deltagarna på i Hassela Empowerment?', audience: 'public' });
    expect(r.citations.map((c) => c.quote).join(' ')).not.toMatch(/^\W*Genomförandeperiod/);
    const none = await assistant.ask({ question: 'När startade projekten?', audience: 'public' });
    expect(none.citations.every((c) => !/Genomförandeperiod/.test(c.quote)) || none.answered === false).toBe(true);
  });
});
