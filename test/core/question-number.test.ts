/**
 * A number the question states ("Gjordes det sexton intervjuer …?") counts `weights.number` in the
 * search: the reports are full of numbers (dates, pages, tables), so its idf alone is low, and the
 * passages that repeat the question's other words would rank above the one that states the number.
 */
import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/domain/types.js';
import { analyze, Lexicon } from '../../src/retrieval/analyzer.js';
import { Bm25Index } from '../../src/retrieval/bm25.js';
import { Retriever } from '../../src/retrieval/search.js';
import { analyzeQuestion } from '../../src/query/analysis.js';

function chunk(i: number, text: string): Chunk {
  return { id: `c${i}`, docId: 'studie', title: 'Studie', section: 'Resultat', lines: [i * 10 + 1, i * 10 + 5], page: null, access: 'public', text, context: 'Studie | Resultat', spans: [[0, i * 10 + 1, i * 10 + 5]] };
}

const CHUNKS = [
  chunk(0, 'Metod. Vi har genomfört 16 intervjuer med 17 representanter från näringsliv och offentlig sektor.'),
  chunk(1, 'I intervjuerna lyfts ytan fram, och intervjuerna visar att den behöver en tydlig funktion.'),
  chunk(2, 'Intervjuerna visar också att ytan behöver finansiering.'),
  // the number is common: dates and table rows
  ...['maj', 'juni'].map((m, i) => chunk(3 + i, `Mötet hölls den 16 ${m} och tog upp finansiering.`)),
  ...['Lund', 'Umeå', 'Växjö', 'Luleå'].map((town, i) => chunk(5 + i, `Workshoppen i ${town} tog upp finansiering och organisation.`)),
];

function retrieverOf(chunks: Chunk[]): Retriever {
  const lexicon = new Lexicon();
  return new Retriever(chunks, Bm25Index.build(chunks.map((c) => analyze(`${c.text}\n${c.context}`, { lexicon }))), null, null, lexicon);
}

describe('a number the question states', () => {
  const retriever = retrieverOf(CHUNKS);
  const a = analyzeQuestion('Gjordes det sexton intervjuer om ytan?', retriever);

  it('finds the passage that states it before those that only repeat the other words', async () => {
    expect(a.terms.core).toContain('16');
    const hits = await retriever.search(a.text, { audience: 'public', k: 5, terms: a.terms });
    expect(hits[0].chunk.id).toBe('c0');
  });

  it('is what moves it: with the number weighed as any word, the repeating passage is first', async () => {
    const before = retriever.weights.number;
    retriever.weights.number = 1;
    try {
      const hits = await retriever.search(a.text, { audience: 'public', k: 5, terms: a.terms });
      expect(hits[0].chunk.id).not.toBe('c0');
    } finally {
      retriever.weights.number = before;
    }
  });
});
