/** The BM25 index: scores as the formula says, top k as a full sort would give, synonym groups, filtering. */
import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/retrieval/bm25.js';

function bruteForce(docs: string[][], query: Array<{ term: string; weight: number }>, k1 = 1.2, b = 0.6) {
  const n = docs.length;
  const avg = docs.reduce((s, d) => s + d.length, 0) / n;
  return docs
    .map((d, index) => {
      let score = 0;
      for (const { term, weight } of query) {
        const tf = d.filter((t) => t === term).length;
        if (!tf) continue;
        const df = docs.filter((x) => x.includes(term)).length;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        score += weight * idf * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * d.length) / avg)));
      }
      return { index, score };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index);
}

function randomDocs(count: number, seed = 7): string[][] {
  const vocab = ['kommun', 'företag', 'social', 'upphandl', 'samverk', 'projekt', 'stöd', 'fas', 'mål', 'region', 'dialog', 'arbet'];
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: count }, () => Array.from({ length: 3 + Math.floor(rnd() * 30) }, () => vocab[Math.floor(rnd() * vocab.length)]));
}

describe('Bm25Index', () => {
  const docs = randomDocs(500);
  const index = Bm25Index.build(docs);
  const query = [
    { term: 'fas', weight: 1 },
    { term: 'upphandl', weight: 1 },
    { term: 'dialog', weight: 0.7 },
  ];

  it('gives the top k of a full BM25 ranking, scores included', () => {
    const got = index.search(query, 20);
    const want = bruteForce(docs, query).slice(0, 20);
    expect(got.map((h) => h.index)).toEqual(want.map((h) => h.index));
    got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i].score, 4));
  });

  it('gives the same answer to the same query twice (its buffers are reset)', () => {
    const first = index.search(query, 10);
    index.search([{ term: 'kommun', weight: 1 }], 10);
    expect(index.search(query, 10)).toEqual(first);
  });

  it('applies the filter to every hit and still fills k', () => {
    const even = index.search(query, 15, (i) => i % 2 === 0);
    expect(even).toHaveLength(15);
    expect(even.every((h) => h.index % 2 === 0)).toBe(true);
    const want = bruteForce(docs, query).filter((h) => h.index % 2 === 0).slice(0, 15);
    expect(even.map((h) => h.index)).toEqual(want.map((h) => h.index));
  });

  it('scores a group of alternatives by its best term, not their sum', () => {
    const d = [['fas', 'fas', 'etapp'], ['fas'], ['etapp'], ['annat']];
    const small = Bm25Index.build(d);
    const grouped = small.search(
      [
        { term: 'fas', weight: 1, group: 0 },
        { term: 'etapp', weight: 1, group: 0 },
      ],
      4,
    );
    const summed = small.search([{ term: 'fas', weight: 1 }, { term: 'etapp', weight: 1 }], 4);
    const only = (hits: typeof grouped, i: number) => hits.find((h) => h.index === i)!.score;
    // doc 0 holds both alternatives: the group counts the better one only
    expect(only(grouped, 0)).toBeLessThan(only(summed, 0));
    const alone = Math.max(small.search([{ term: 'fas', weight: 1 }], 4).find((h) => h.index === 0)!.score, small.search([{ term: 'etapp', weight: 1 }], 4).find((h) => h.index === 0)!.score);
    expect(only(grouped, 0)).toBeCloseTo(alone, 6);
    expect(grouped.map((h) => h.index)).not.toContain(3);
  });

  it('does not count a question word twice when a group repeats it', () => {
    const small = Bm25Index.build([['fas', 'x'], ['y']]);
    const once = small.search([{ term: 'fas', weight: 1 }], 2);
    const both = small.search([{ term: 'fas', weight: 1 }, { term: 'fas', weight: 0.7, group: 0 }], 2);
    expect(both).toEqual(once);
  });

  it('answers membership from its postings and survives a JSON round trip', () => {
    const i = docs.findIndex((d) => d.includes('fas'));
    const j = docs.findIndex((d) => !d.includes('fas'));
    expect(index.has('fas', i)).toBe(true);
    expect(index.has('fas', j)).toBe(false);
    expect(index.has('okänd', i)).toBe(false);
    const again = Bm25Index.fromJSON(JSON.parse(JSON.stringify(index.toJSON())));
    expect(again.search(query, 10)).toEqual(index.search(query, 10));
    expect(again.idf('fas')).toBeCloseTo(index.idf('fas'), 12);
    expect(index.idf('okänd')).toBeGreaterThan(index.idf('fas'));
  });
});
