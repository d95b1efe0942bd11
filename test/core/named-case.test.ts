/**
 * A question that names a case study ("Social innovation Skåne", "KoSaVa"): the case's passages are
 * preferred, and within the case the name no longer ranks the passages that repeat it (the fact box,
 * the introduction) above the one that answers (src/retrieval/search.ts, `Retriever.namedCases`).
 */
import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/domain/types.js';
import { analyze, Lexicon } from '../../src/retrieval/analyzer.js';
import { Bm25Index } from '../../src/retrieval/bm25.js';
import { Retriever } from '../../src/retrieval/search.js';
import { analyzeQuestion } from '../../src/query/analysis.js';

const CASES = 'Fallstudier – Strukturfondsprojekt';

function chunk(i: number, docId: string, text: string, caseName: string | null): Chunk {
  return {
    id: `c${i}`,
    docId,
    title: docId,
    section: caseName ?? 'Inledning',
    lines: [i * 10 + 1, i * 10 + 5],
    page: null,
    access: 'public',
    text,
    context: [docId === 'cases' ? CASES : 'Innovation i offentlig sektor', caseName ? `Projekt: ${caseName}` : '', caseName ?? 'Inledning'].filter(Boolean).join(' | '),
    spans: [[0, i * 10 + 1, i * 10 + 5]],
  };
}

function retrieverOf(chunks: Chunk[]): Retriever {
  const lexicon = new Lexicon();
  const bm25 = Bm25Index.build(chunks.map((c) => analyze(`${c.text}\n${c.context}`, { lexicon })));
  return new Retriever(chunks, bm25, null, null, lexicon);
}

const CHUNKS = [
  // the case's introduction and fact box repeat its name
  chunk(0, 'cases', 'Social innovation Skåne var ett projekt för sociala innovationer och samverkan i Skåne. Social innovation Skåne samlade fyra parter i Skåne, Social innovation Skåne, Social innovation Skåne.', 'Social innovation Skåne'),
  chunk(1, 'cases', 'Projektägare: Region Skåne. Social innovation Skåne: genomförandeperiod 2017–2020, sociala innovationer i hela Skåne.', 'Social innovation Skåne'),
  // the passage that answers names the case only through its context
  chunk(2, 'cases', 'Enligt slutrapporten var problemet att få de fyra projektparterna att arbeta ihop. Parterna hade olika mål, olika arbetssätt och olika tidsplaner under hela perioden, och byte av ledare två gånger.', 'Social innovation Skåne'),
  chunk(3, 'cases', 'Kommunal samordnad varudistribution (KoSaVa) samlade godset i Karlshamn.', 'Kommunal samordnad varudistribution (KoSaVa)'),
  chunk(4, 'cases', 'KoSaVa infördes i Karlshamn efter att de andra kommunerna hoppat av.', 'Kommunal samordnad varudistribution (KoSaVa)'),
  chunk(14, 'cases', 'Projektet stöttade kreativa företag i Sverige.', 'Southern Sweden Creatives'),
  // other documents that use the same words
  chunk(5, 'innovation', 'Social innovation i offentlig sektor: sociala innovationer löser samhällsproblem, och samverkan är ett problem för många.', null),
  chunk(6, 'innovation', 'Samverkan mellan kommuner i Skåne om social innovation möter ofta problem.', null),
  chunk(7, 'innovation', 'Innovation handlar om nya idéer som skapar värde.', null),
  // samverkan and its problems are everyday words of the reports
  ...['Göteborg', 'Umeå', 'Luleå', 'Malmö', 'Lund', 'Växjö'].map((town, i) => chunk(8 + i, 'network', `I ${town} tog samverkan mellan kommunerna tid${i < 2 ? " och var problemet" : ""}.`, null)),
];

describe('a question that names a case study', () => {
  const retriever = retrieverOf(CHUNKS);

  it('knows the case studies of the index from the passages\' context', () => {
    expect(retriever.cases().map((c) => c.name).sort()).toEqual(['Kommunal samordnad varudistribution (KoSaVa)', 'Social innovation Skåne', 'Southern Sweden Creatives']);
    expect(retriever.caseOf(CHUNKS.findIndex((c) => c.id === 'c2'))?.name).toBe('Social innovation Skåne');
    expect(retriever.caseOf(CHUNKS.findIndex((c) => c.id === 'c5'))).toBeUndefined();
  });

  it('names a case by most of its name, or by a word of the name only the case has', () => {
    expect(retriever.namedCases(retriever.queryTerms('Vad var problemet med samverkan i social innovation skåne?', 'sv'))).toEqual(['Social innovation Skåne']);
    expect(retriever.namedCases(retriever.queryTerms('Varför infördes KoSaVa bara i Karlshamn?', 'sv'))).toEqual(['Kommunal samordnad varudistribution (KoSaVa)']);
    // a word of a name that other passages use as much does not name the case
    expect(retriever.namedCases(retriever.queryTerms('Vad är social innovation?', 'sv'))).toEqual([]);
    // nor does a word the lexicon translates, though only the case's passages have it
    expect(retriever.namedCases(retriever.queryTerms('Which book introduced the social economy in Sweden?', 'en'))).toEqual([]);
    expect(retriever.namedCases(retriever.queryTerms('What did Southern Sweden Creatives do?', 'en'))).toEqual(['Southern Sweden Creatives']);
  });

  it('ranks the case\'s answering passage above the passages that repeat the name', async () => {
    const a = analyzeQuestion('Vad var problemet med samverkan i Social innovation Skåne?', retriever);
    expect(a.terms.cases).toEqual(['Social innovation Skåne']);
    const hits = await retriever.search(a.text, { audience: 'public', k: 5, terms: a.terms });
    expect(hits[0].chunk.id).toBe('c2');
    // without the case named, the passages that repeat its name come first
    const plain = await retriever.search(a.text, { audience: 'public', k: 5, terms: { ...a.terms, cases: undefined } });
    expect(plain[0].chunk.id).not.toBe('c2');
  });

  it('leaves a question that names no case as it was', async () => {
    const a = analyzeQuestion('Vad är innovation?', retriever);
    expect(a.terms.cases).toBeUndefined();
    const hits = await retriever.search(a.text, { audience: 'public', k: 5, terms: a.terms });
    const before = retriever.weights.case;
    retriever.weights.case = 0;
    try {
      const without = await retriever.search(a.text, { audience: 'public', k: 5, terms: a.terms });
      expect(hits.map((h) => [h.chunk.id, h.score])).toEqual(without.map((h) => [h.chunk.id, h.score]));
    } finally {
      retriever.weights.case = before;
    }
  });
});
