/**
 * The index build (issue 17): each chunk tokenized once, its terms the same as the analyzer gives
 * for its text, and a rebuild that copies unchanged documents gives the same index as a cold build.
 */
import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/domain/types.js';
import { buildIndex, REFIT_SHARE, type BuiltIndex } from '../../src/ingest/build.js';
import { analyze, Lexicon, tokenize } from '../../src/retrieval/analyzer.js';
import { Bm25Index } from '../../src/retrieval/bm25.js';
import { synthesize } from '../../src/bench/corpus.js';

function chunk(docId: string, i: number, text: string, context = `Rapport ${docId} | Avsnitt ${i}`): Chunk {
  return { id: `${docId}#${i}`, docId, title: `Rapport ${docId}`, section: `Avsnitt ${i}`, lines: [i + 1, i + 1], page: null, access: 'public', text, context, spans: [[0, i + 1, i + 1]] };
}

const A = [
  chunk('a', 0, 'Arbetsmarknadsförvaltningen upphandlade städtjänster av ett arbetsintegrerande socialt företag.'),
  chunk('a', 1, 'Sexton deltagare fick anställning; 79,8 procent var nöjda med samverkan. ESF-rådet bidrog.'),
];
const B = [chunk('b', 0, 'Kommunens upphandlingar ska ställa sociala krav, och företagen redovisar sina effektmål.')];
const B2 = [chunk('b', 0, 'Kommunens upphandlingar ska ställa sociala krav. Förvaltningen följer upp resultaten varje år.')];
const C = [chunk('c', 0, 'Ett nytt nätverk för sociala företag startade i stadsdelen, med träffar varje månad.'), chunk('c', 1, 'Nätverket leds av föreningar.')];

/** the index the analyzer gives chunk by chunk (what the build did before issue 17) */
function reference(chunks: Chunk[]) {
  const lexicon = new Lexicon();
  for (const c of chunks) for (const t of tokenize(c.text)) if (t.length >= 4 && !/\d/.test(t)) lexicon.add(t);
  return { lexicon, bm25: Bm25Index.build(chunks.map((c) => analyze(`${c.text}\n${c.context}`, { lexicon })), { k1: 1.2, b: 0.6 }) };
}

const tokensOf = (b: BuiltIndex) =>
  Array.from({ length: b.tokens.offsets.length - 1 }, (_, i) => Array.from(b.tokens.ids.subarray(b.tokens.offsets[i], b.tokens.offsets[i + 1]), (id) => b.tokens.vocab[id]));

describe('buildIndex', () => {
  it('indexes each chunk with the terms the analyzer gives its text and context (tokenized once)', () => {
    const docs = [A, B, C];
    const built = buildIndex(docs);
    const ref = reference(docs.flat());
    expect(built.tokenized).toBe(5);
    expect(Bm25Index.fromArrays(built.bm25).toJSON()).toEqual(ref.bm25.toJSON());
    expect(new Map(built.lexicon.entries())).toEqual(new Map(ref.lexicon.entries()));
    // compounds and numbers went through the analyzer: a part of a compound and a number word are terms
    const json = Bm25Index.fromArrays(built.bm25).toJSON();
    expect(json.postings['förvaltning']).toBeDefined();
    expect(json.postings['16']).toEqual([0 + 1, 1]);
  });

  it('on the synthetic corpus too (real sentences, 300 chunks)', () => {
    const seed = [...A, ...B, ...C];
    const chunks = synthesize(seed, 300);
    const docs = [chunks.slice(0, 100), chunks.slice(100, 200), chunks.slice(200)];
    expect(Bm25Index.fromArrays(buildIndex(docs).bm25).toJSON()).toEqual(reference(chunks).bm25.toJSON());
  });

  it('a rebuild copies unchanged documents and gives the same index as a cold build', () => {
    const first = buildIndex([A, B]);
    const next = buildIndex([A, B2, C], { previous: { tokens: first.tokens, dense: null }, reuse: [{ from: 0, to: 2 }, undefined, undefined] });
    const cold = buildIndex([A, B2, C]);
    expect(next.tokenized).toBe(B2.length + C.length);
    expect(tokensOf(next)).toEqual(tokensOf(cold));
    expect(Bm25Index.fromArrays(next.bm25).toJSON()).toEqual(Bm25Index.fromArrays(cold.bm25).toJSON());
    expect(new Map(next.lexicon.entries())).toEqual(new Map(cold.lexicon.entries()));
  });

  it('a range that does not match the document is tokenized again, not copied', () => {
    const first = buildIndex([A, B]);
    const next = buildIndex([A, B2], { previous: { tokens: first.tokens, dense: null }, reuse: [{ from: 0, to: 1 }, undefined] });
    expect(next.tokenized).toBe(A.length + B2.length);
    expect(tokensOf(next)).toEqual(tokensOf(buildIndex([A, B2])));
  });

  it('offline vectors: copied for unchanged chunks with the old fit, refitted when more than REFIT_SHARE changed', () => {
    const many = synthesize([...A, ...B, ...C], 400);
    const docs = Array.from({ length: 20 }, (_, d) => many.slice(d * 20, (d + 1) * 20));
    const ranges = docs.map((_, d) => ({ from: d * 20, to: (d + 1) * 20 }));
    const first = buildIndex(docs, { dense: true });
    expect(first.dense!.vectors.stored).toBe(400);
    expect(first.dense!.changedSinceFit).toBe(0);
    const row = (b: BuiltIndex, i: number) => Array.from(b.dense!.vectors.data.subarray(i * 384, (i + 1) * 384));
    // document 1 changed (20 of 400 chunks, under the share): the others' vectors are copied, the fit is kept
    const changed = docs.map((d, i) => (i === 1 ? [chunk('x', 0, 'Ett helt nytt stycke om upphandling av catering.'), ...d.slice(1)] : d));
    const next = buildIndex(changed, { previous: { tokens: first.tokens, dense: first.dense }, reuse: ranges.map((r, i) => (i === 1 ? undefined : r)), dense: true });
    expect(next.tokenized).toBe(20);
    expect(next.dense!.df).toBe(first.dense!.df);
    expect(next.dense!.changedSinceFit).toBe(20);
    expect(row(next, 250)).toEqual(row(first, 250));
    expect(row(next, 20)).not.toEqual(row(first, 20));
    // two more changed documents: 60 chunks embedded since the fit, over the share of 400: fitted again
    expect(60).toBeGreaterThan(REFIT_SHARE * 400);
    const later = changed.map((d, i) => (i === 2 || i === 3 ? [chunk(`y${i}`, 0, 'Föreningarna i stadsdelen odlar grönsaker tillsammans.'), ...d.slice(1)] : d));
    const again = buildIndex(later, { previous: { tokens: next.tokens, dense: next.dense }, reuse: ranges.map((r, i) => (i === 2 || i === 3 ? undefined : r)), dense: true });
    expect(again.dense!.changedSinceFit).toBe(0);
    expect(again.dense!.df).not.toBe(first.dense!.df);
  });
});
