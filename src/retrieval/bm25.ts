/**
 * A compact BM25 index over analyzed terms. Documents are arrays of terms; a query is an array
 * of weighted terms (expansions from the glossary carry lower weights).
 *
 * The postings are flat typed arrays (`Bm25Arrays`, as an index build makes them and the index dir
 * stores them; `toJSON` gives term → [doc, tf, …] for tests and tools). Each term's posting is a view
 * of the documents (ascending) and each posting's saturated term frequency, so a query is a few tight loops over Float32Arrays into one reused accumulator,
 * followed by a heap for the top k. Measured in docs/architecture.md (100,000 chunks).
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
  /** term → [docIndex, tf, docIndex, tf, …], documents ascending */
  postings: Record<string, number[]>;
}

interface Posting {
  /** documents holding the term, ascending */
  docs: Int32Array;
  /** the term's frequency in each of them */
  tfs: Uint16Array;
  /** tf·(k1+1) / (tf + k1·(1 − b + b·len/avgLen)) for each of them */
  sat: Float32Array;
  idf: number;
}

export interface ScoredDoc {
  index: number;
  score: number;
}

/** Keeps the k best (index, score) pairs seen, in a binary min-heap on score. */
class TopK {
  private readonly idx: Int32Array;
  private readonly val: Float64Array;
  size = 0;
  constructor(readonly k: number) {
    this.idx = new Int32Array(k);
    this.val = new Float64Array(k);
  }
  /** the score a new entry must beat once the heap is full */
  get floor(): number {
    return this.size < this.k ? -Infinity : this.val[0];
  }
  push(index: number, score: number): void {
    const { idx, val } = this;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (val[p] <= score) break;
        idx[i] = idx[p];
        val[i] = val[p];
        i = p;
      }
      idx[i] = index;
      val[i] = score;
      return;
    }
    if (score <= val[0]) return;
    let i = 0;
    const n = this.size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && val[r] < val[l] ? r : l;
      if (val[c] >= score) break;
      idx[i] = idx[c];
      val[i] = val[c];
      i = c;
    }
    idx[i] = index;
    val[i] = score;
  }
  sorted(): ScoredDoc[] {
    const out: ScoredDoc[] = [];
    for (let i = 0; i < this.size; i++) out.push({ index: this.idx[i], score: this.val[i] });
    return out.sort((a, b) => b.score - a.score || a.index - b.index);
  }
}

/**
 * The postings of a BM25 index as flat typed arrays (compressed sparse rows: term i's postings are
 * `docs[offsets[i] .. offsets[i+1])`, documents ascending, with their term frequencies in `tfs`).
 * This is what an index build produces and what the index dir stores (src/ingest/store.ts).
 */
export interface Bm25Arrays {
  k1: number;
  b: number;
  avgLen: number;
  /** terms of each document */
  lengths: Uint32Array;
  terms: string[];
  /** length terms.length + 1 */
  offsets: Uint32Array;
  docs: Int32Array;
  tfs: Uint16Array;
}

export class Bm25Index {
  private readonly compiled = new Map<string, Posting>();
  private readonly acc: Float64Array;
  private readonly touched: Int32Array;

  private constructor(readonly arrays: Bm25Arrays) {
    const { k1, b, avgLen, lengths, terms, offsets, docs, tfs } = arrays;
    const n = lengths.length;
    // one saturated-tf array for all postings; each term's posting is a view into the shared arrays
    const sat = new Float32Array(docs.length);
    const norm = new Float64Array(n);
    for (let i = 0; i < n; i++) norm[i] = k1 * (1 - b + (b * lengths[i]) / avgLen);
    for (let j = 0; j < docs.length; j++) {
      const tf = tfs[j];
      sat[j] = (tf * (k1 + 1)) / (tf + norm[docs[j]]);
    }
    for (let t = 0; t < terms.length; t++) {
      const from = offsets[t];
      const to = offsets[t + 1];
      const m = to - from;
      if (!m) continue;
      this.compiled.set(terms[t], { docs: docs.subarray(from, to), tfs: tfs.subarray(from, to), sat: sat.subarray(from, to), idf: Math.log(1 + (n - m + 0.5) / (m + 0.5)) });
    }
    this.acc = new Float64Array(n);
    this.touched = new Int32Array(n);
  }

  static build(docs: string[][], opts: Bm25Options = { k1: 1.2, b: 0.6 }): Bm25Index {
    const postings: Record<string, number[]> = Object.create(null);
    const lengths = docs.map((d) => d.length);
    docs.forEach((terms, i) => {
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, n] of tf) (postings[t] ??= []).push(i, n);
    });
    const avgLen = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length);
    return Bm25Index.fromJSON({ k1: opts.k1, b: opts.b, avgLen, lengths, postings });
  }

  /** From the flat arrays of an index build or an index dir (they are kept, not copied). */
  static fromArrays(a: Bm25Arrays): Bm25Index {
    return new Bm25Index(a);
  }

  static fromJSON(d: Bm25Data): Bm25Index {
    const terms = Object.keys(d.postings);
    const offsets = new Uint32Array(terms.length + 1);
    terms.forEach((t, i) => (offsets[i + 1] = offsets[i] + d.postings[t].length / 2));
    const docs = new Int32Array(offsets[terms.length]);
    const tfs = new Uint16Array(docs.length);
    terms.forEach((t, i) => {
      const post = d.postings[t];
      for (let j = 0; j < post.length / 2; j++) {
        docs[offsets[i] + j] = post[2 * j];
        tfs[offsets[i] + j] = Math.min(post[2 * j + 1], 65535);
      }
    });
    return new Bm25Index({ k1: d.k1, b: d.b, avgLen: d.avgLen, lengths: Uint32Array.from(d.lengths), terms, offsets, docs, tfs });
  }

  toJSON(): Bm25Data {
    const postings: Record<string, number[]> = Object.create(null);
    for (const [term, { docs, tfs }] of this.compiled) {
      const post = new Array<number>(docs.length * 2);
      for (let j = 0; j < docs.length; j++) {
        post[2 * j] = docs[j];
        post[2 * j + 1] = tfs[j];
      }
      postings[term] = post;
    }
    const { k1, b, avgLen, lengths } = this.arrays;
    return { k1, b, avgLen, lengths: Array.from(lengths), postings };
  }

  get size(): number {
    return this.arrays.lengths.length;
  }

  /** document frequency of a term */
  df(term: string): number {
    return this.compiled.get(term)?.docs.length ?? 0;
  }

  idf(term: string): number {
    const p = this.compiled.get(term);
    if (p) return p.idf;
    const n = this.size;
    return Math.log(1 + (n + 0.5) / 0.5);
  }

  /** whether some document that `allow` lets through holds `term` (its posting list scanned until one does) */
  occursIn(term: string, allow: (index: number) => boolean): boolean {
    const docs = this.compiled.get(term)?.docs;
    if (!docs) return false;
    for (let j = 0; j < docs.length; j++) if (allow(docs[j])) return true;
    return false;
  }

  /** whether document `index` holds `term` (binary search in its posting list) */
  has(term: string, index: number): boolean {
    const p = this.compiled.get(term);
    if (!p) return false;
    const docs = p.docs;
    let lo = 0;
    let hi = docs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = docs[mid];
      if (v === index) return true;
      if (v < index) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /**
   * Scores all documents for weighted query terms; `allow` filters documents (access control).
   * Terms that share a `group` are alternatives (the forms and translations of one concept): a
   * document scores the best of them, not their sum, so a concept with many forms does not outweigh
   * a question's own words.
   */
  search(query: Array<{ term: string; weight: number; group?: number }>, k: number, allow?: (i: number) => boolean): ScoredDoc[] {
    const single = new Map<string, number>();
    const groups = new Map<number, Map<string, number>>();
    for (const q of query) {
      if (!(q.weight > 0) || !this.compiled.has(q.term)) continue;
      const into = q.group === undefined ? single : (groups.get(q.group) ?? groups.set(q.group, new Map()).get(q.group)!);
      into.set(q.term, Math.max(into.get(q.term) ?? 0, q.weight));
    }
    // a term asked for on its own is not also counted as an alternative
    for (const g of groups.values()) for (const t of single.keys()) g.delete(t);
    const { acc, touched } = this;
    let nt = 0;
    for (const [term, weight] of single) {
      const { docs, sat, idf } = this.compiled.get(term)!;
      const w = weight * idf;
      for (let j = 0; j < docs.length; j++) {
        const i = docs[j];
        if (acc[i] === 0) touched[nt++] = i;
        acc[i] += w * sat[j];
      }
    }
    if (groups.size) {
      const gacc = (this.gacc ??= new Float64Array(this.size));
      const gtouched = (this.gtouched ??= new Int32Array(this.size));
      for (const g of groups.values()) {
        let ng = 0;
        for (const [term, weight] of g) {
          const { docs, sat, idf } = this.compiled.get(term)!;
          const w = weight * idf;
          for (let j = 0; j < docs.length; j++) {
            const i = docs[j];
            const v = w * sat[j];
            if (gacc[i] === 0) gtouched[ng++] = i;
            if (v > gacc[i]) gacc[i] = v;
          }
        }
        for (let j = 0; j < ng; j++) {
          const i = gtouched[j];
          if (acc[i] === 0) touched[nt++] = i;
          acc[i] += gacc[i];
          gacc[i] = 0;
        }
      }
    }
    const top = new TopK(Math.max(1, k));
    for (let j = 0; j < nt; j++) {
      const i = touched[j];
      const s = acc[i];
      acc[i] = 0;
      if (s > top.floor && (!allow || allow(i))) top.push(i, s);
    }
    return top.sorted();
  }
  private gacc: Float64Array | null = null;
  private gtouched: Int32Array | null = null;
}
