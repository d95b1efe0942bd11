/**
 * A compact BM25 index over analyzed terms. Documents are arrays of terms; a query is an array
 * of weighted terms (expansions from the glossary carry lower weights).
 */
export interface Bm25Options {
  k1: number;
  b: number;
}

export interface Bm25Data {
  k1: number;
  b: number;
  avgLen: number;
  lengths: number[];
  /** term → [docIndex, tf, docIndex, tf, …] */
  postings: Record<string, number[]>;
}

export class Bm25Index {
  private constructor(private readonly d: Bm25Data) {}

  static build(docs: string[][], opts: Bm25Options = { k1: 1.2, b: 0.6 }): Bm25Index {
    const postings: Record<string, number[]> = Object.create(null);
    const lengths = docs.map((d) => d.length);
    docs.forEach((terms, i) => {
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, n] of tf) (postings[t] ??= []).push(i, n);
    });
    const avgLen = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length);
    return new Bm25Index({ k1: opts.k1, b: opts.b, avgLen, lengths, postings });
  }

  static fromJSON(d: Bm25Data): Bm25Index {
    return new Bm25Index(d);
  }

  toJSON(): Bm25Data {
    return this.d;
  }

  /** the distinct terms of each document (a forward index inverted from the postings, built once) */
  forward(): Array<Set<string>> {
    if (!this.fwd) {
      const fwd: Array<Set<string>> = this.d.lengths.map(() => new Set<string>());
      for (const term in this.d.postings) {
        const post = this.d.postings[term];
        for (let j = 0; j < post.length; j += 2) fwd[post[j]].add(term);
      }
      this.fwd = fwd;
    }
    return this.fwd;
  }
  private fwd: Array<Set<string>> | null = null;

  get size(): number {
    return this.d.lengths.length;
  }

  /** document frequency of a term */
  df(term: string): number {
    return (this.d.postings[term]?.length ?? 0) / 2;
  }

  idf(term: string): number {
    const n = this.size;
    const df = this.df(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Scores all documents for weighted query terms; `allow` filters documents (access control). */
  search(query: Array<{ term: string; weight: number }>, k: number, allow?: (i: number) => boolean): Array<{ index: number; score: number }> {
    const scores = new Map<number, number>();
    const { k1, b, avgLen, lengths } = this.d;
    const seen = new Map<string, number>();
    for (const q of query) seen.set(q.term, Math.max(seen.get(q.term) ?? 0, q.weight));
    for (const [term, weight] of seen) {
      const post = this.d.postings[term];
      if (!post) continue;
      const idf = this.idf(term);
      for (let j = 0; j < post.length; j += 2) {
        const i = post[j];
        const tf = post[j + 1];
        const norm = tf + k1 * (1 - b + (b * lengths[i]) / avgLen);
        scores.set(i, (scores.get(i) ?? 0) + weight * idf * ((tf * (k1 + 1)) / norm));
      }
    }
    const out: Array<{ index: number; score: number }> = [];
    for (const [index, score] of scores) if (!allow || allow(index)) out.push({ index, score });
    out.sort((a, b) => b.score - a.score);
    return out.slice(0, k);
  }
}
