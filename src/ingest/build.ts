/**
 * The index build (issue 17): chunks → token streams → lexicon → BM25 postings and offline vectors,
 * every step over typed arrays, each chunk's text tokenized once.
 *
 * - **Analyse once.** A chunk is tokenized once into ids of distinct tokens (`vocab`). What the
 *   analyzer makes of a token (stem, compound parts, number value) depends only on the token and the
 *   corpus lexicon, so it is computed once per distinct token, not per occurrence; so are the
 *   embedder's features. The lexicon is counted from the token ids.
 * - **Per document.** The token streams are kept in the index, so a rebuild copies the streams of
 *   unchanged documents from the previous index (`reuse`) and tokenizes only new or changed ones; the
 *   postings are then recounted from the streams (a few tight passes; deterministic: the same
 *   documents give the same postings, whatever the history). The offline vectors of unchanged chunks
 *   are copied too, with the document frequencies of the last full fit (refitted when more than
 *   `REFIT_SHARE` of the chunks were embedded since).
 */
import type { Chunk } from '../domain/types.js';
import { analyzeToken, Lexicon, stem, tokenize } from '../retrieval/analyzer.js';
import type { Bm25Arrays } from '../retrieval/bm25.js';
import { FeatureTable, HashingEmbedder, QuantizedVectors, wordFeatures } from '../retrieval/dense.js';

/** BM25 parameters (measured; docs/architecture.md) */
export const BM25_PARAMS = { k1: 1.2, b: 0.6 };
/** share of chunks embedded with an older fit after which the offline embedder is fitted again */
export const REFIT_SHARE = 0.1;
export const DENSE_DIM = 384;

/** Every chunk's tokens (`tokenize` of its text, then of its context) as ids of distinct tokens. */
export interface TokenStreams {
  vocab: string[];
  /** chunk i's tokens are ids[offsets[i] .. offsets[i+1]); length chunks + 1 */
  offsets: Uint32Array;
  /** where chunk i's context tokens begin (its text's tokens come before) */
  ctxStart: Uint32Array;
  ids: Int32Array;
}

/** The offline embedder's fit and the chunks' vectors. */
export interface OfflineDense {
  dim: number;
  /** document frequencies of feature buckets and the chunk count of the fit */
  df: Uint32Array;
  docCount: number;
  /** chunks embedded since that fit (new or changed documents) */
  changedSinceFit: number;
  vectors: QuantizedVectors;
}

export interface BuiltIndex {
  tokens: TokenStreams;
  bm25: Bm25Arrays;
  lexicon: Lexicon;
  /** the stem of each distinct token in the lexicon, '' for the others (stored, so loading the index stems nothing) */
  stems: string[];
  dense: OfflineDense | null;
  /** chunks tokenized by this build (the others' streams were copied from the previous index) */
  tokenized: number;
  /** milliseconds per step */
  timings: Record<string, number>;
}

export interface BuildOptions {
  /** the previous index's streams and vectors, for `reuse` */
  previous?: { tokens: TokenStreams; dense: OfflineDense | null; stems?: readonly string[] };
  /** per document (in the order of `docs`): its chunk range in the previous index when it is unchanged */
  reuse?: Array<{ from: number; to: number } | undefined>;
  /** build the offline vectors (default true; false with an external embedding model) */
  dense?: boolean;
}

/** A growable Int32Array. */
class IntBuffer {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1 << 16) {
    this.data = new Int32Array(capacity);
  }
  reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    let cap = this.data.length * 2;
    while (cap < this.length + extra) cap *= 2;
    const next = new Int32Array(cap);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  push(v: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = v;
  }
  append(src: Int32Array): void {
    this.reserve(src.length);
    this.data.set(src, this.length);
    this.length += src.length;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** Flattened per-id lists: list i is items[off[i] .. off[i+1]). */
interface Lists {
  off: Uint32Array;
  items: Int32Array;
}

function lists(count: number, of: (i: number) => ArrayLike<number>): Lists {
  const off = new Uint32Array(count + 1);
  const buf = new IntBuffer();
  for (let i = 0; i < count; i++) {
    const xs = of(i);
    for (let j = 0; j < xs.length; j++) buf.push(xs[j]);
    off[i + 1] = buf.length;
  }
  return { off, items: buf.toArray() };
}

/**
 * Builds the lexical index and the offline vectors of the chunks of `docs` (in order; chunk numbers
 * are positions in the concatenation). Throws nothing of its own; memory: the token streams (4 bytes a
 * token), postings (10 bytes each) and vectors (dim + 4 bytes a chunk).
 */
export function buildIndex(docs: Chunk[][], opts: BuildOptions = {}): BuiltIndex {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = (timings[name] ?? 0) + now - t;
    t = now;
  };
  const prev = opts.previous;
  const reuse = prev ? (opts.reuse ?? []) : [];

  // 1. token streams: copied for unchanged documents, tokenized once for the others
  const { list: vocab, idOf } = interner(prev ? prev.tokens.vocab : []);
  const n = docs.reduce((s, d) => s + d.length, 0);
  const offsets = new Uint32Array(n + 1);
  const ctxStart = new Uint32Array(n);
  const ids = new IntBuffer(prev ? prev.tokens.ids.length + (1 << 16) : 1 << 20);
  /** chunks whose vectors are copied: chunk → chunk in the previous index */
  const copied = new Int32Array(n).fill(-1);
  let c = 0;
  let tokenized = 0;
  docs.forEach((chunks, d) => {
    const r = reuse[d];
    if (prev && r && r.to - r.from === chunks.length) {
      const p = prev.tokens;
      for (let i = r.from; i < r.to; i++, c++) {
        ids.append(p.ids.subarray(p.offsets[i], p.offsets[i + 1]));
        ctxStart[c] = offsets[c] + (p.ctxStart[i] - p.offsets[i]);
        offsets[c + 1] = ids.length;
        copied[c] = i;
      }
      return;
    }
    tokenized += chunks.length;
    for (const chunk of chunks) {
      for (const w of tokenize(chunk.text)) ids.push(idOf(w));
      ctxStart[c] = ids.length;
      for (const w of tokenize(chunk.context)) ids.push(idOf(w));
      offsets[++c] = ids.length;
    }
  });
  const tokIds = ids.toArray();
  const tokens: TokenStreams = { vocab, offsets, ctxStart, ids: tokIds };
  lap('tokenize');

  // 2. the lexicon (compound splitting, spelling): words of 4+ letters of the chunks' texts
  const { lexicon, stems } = lexiconOf(tokens, prev?.stems);
  lap('lexicon');

  // 3. what the analyzer makes of each distinct token
  const { list: terms, idOf: termIdOf } = interner();
  const analysis = lists(vocab.length, (v) => analyzeToken(vocab[v], lexicon).map(termIdOf));
  lap('analysis');

  // 4. BM25 postings (compressed sparse rows, documents ascending)
  const bm25 = postings(tokens, analysis, terms);
  lap('bm25');

  // 5. offline vectors
  let dense: OfflineDense | null = null;
  if (opts.dense !== false) {
    const features = lists(vocab.length, (v) => wordFeatures(vocab[v], termsOf(analysis, v, terms)));
    lap('features');
    const pd = prev?.dense ?? null;
    const embedded = n - copied.reduce((s, x) => s + (x >= 0 ? 1 : 0), 0);
    const refit = !pd || pd.dim !== DENSE_DIM || pd.vectors.stored !== prev!.tokens.offsets.length - 1 || pd.changedSinceFit + embedded > REFIT_SHARE * n;
    let df: Uint32Array;
    let docCount: number;
    if (refit) {
      const table = new FeatureTable();
      for (let i = 0; i < n; i++) table.addChunk(chunkFeatures(tokens, i, features));
      df = table.df;
      docCount = table.docCount;
    } else {
      df = pd.df;
      docCount = pd.docCount;
    }
    lap('dense fit');
    const embedder = new HashingEmbedder(df, docCount, DENSE_DIM);
    const vectors = QuantizedVectors.allocate(n, DENSE_DIM);
    const row = new Float64Array(DENSE_DIM);
    for (let i = 0; i < n; i++) {
      if (!refit && copied[i] >= 0) vectors.copyRow(pd!.vectors, copied[i], i);
      else vectors.set(i, embedder.embedFeatures(chunkFeatures(tokens, i, features), row));
    }
    dense = { dim: DENSE_DIM, df, docCount, changedSinceFit: refit ? 0 : pd!.changedSinceFit + embedded, vectors };
    lap('dense embed');
  }
  return { tokens, bm25, lexicon, stems, dense, tokenized, timings };
}

function termsOf(analysis: Lists, v: number, terms: string[]): string[] {
  const out: string[] = [];
  for (let j = analysis.off[v]; j < analysis.off[v + 1]; j++) out.push(terms[analysis.items[j]]);
  return out;
}

/** the feature lists of chunk i's tokens (views, no copies) */
function* chunkFeatures(tokens: TokenStreams, i: number, features: Lists): Generator<Int32Array> {
  const { off, items } = features;
  for (let j = tokens.offsets[i]; j < tokens.offsets[i + 1]; j++) {
    const v = tokens.ids[j];
    if (off[v + 1] > off[v]) yield items.subarray(off[v], off[v + 1]);
  }
}

/**
 * The corpus lexicon of the token streams: every word of 4+ letters (no digits) of the chunks' texts,
 * with its count; and the stem of each distinct token in it ('' for tokens not in it). `stored`: those
 * stems as an index stores them, so that loading it stems nothing (about 0.14 s of Snowball for the
 * knowledge base's 20,000 words on every start, issue 17).
 */
export function lexiconOf(tokens: TokenStreams, stored?: readonly string[]): { lexicon: Lexicon; stems: string[] } {
  const counts = new Uint32Array(tokens.vocab.length);
  const { offsets, ctxStart, ids } = tokens;
  for (let i = 0; i + 1 < offsets.length; i++) for (let j = offsets[i]; j < ctxStart[i]; j++) counts[ids[j]]++;
  const stems = new Array<string>(tokens.vocab.length).fill('');
  const entries: Array<[string, number, string]> = [];
  tokens.vocab.forEach((w, v) => {
    if (!(counts[v] && w.length >= 4 && !/\d/.test(w))) return;
    stems[v] = stored?.[v] || stem(w);
    entries.push([w, counts[v], stems[v]]);
  });
  return { lexicon: new Lexicon(entries), stems };
}

function postings(tokens: TokenStreams, analysis: Lists, terms: string[]): Bm25Arrays {
  const { offsets: tokOff, ids } = tokens;
  const n = tokOff.length - 1;
  const T = terms.length;
  const tf = new Uint32Array(T);
  const touched = new Int32Array(T);
  const df = new Uint32Array(T);
  const lengths = new Uint32Array(n);
  const { off: aOff, items: aItems } = analysis;
  /** counts chunk i's terms into `tf`, listing the distinct ones in `touched`; returns how many there are */
  const countTerms = (i: number): number => {
    let nt = 0;
    for (let j = tokOff[i]; j < tokOff[i + 1]; j++) {
      const v = ids[j];
      for (let a = aOff[v]; a < aOff[v + 1]; a++) {
        const term = aItems[a];
        if (tf[term] === 0) touched[nt++] = term;
        tf[term]++;
      }
    }
    return nt;
  };
  // two passes over the chunks' tokens: document frequencies and lengths, then the postings in place
  let total = 0;
  for (let i = 0; i < n; i++) {
    const nt = countTerms(i);
    let len = 0;
    for (let k = 0; k < nt; k++) {
      len += tf[touched[k]];
      df[touched[k]]++;
      tf[touched[k]] = 0;
    }
    lengths[i] = len;
    total += len;
  }
  const offsets = new Uint32Array(T + 1);
  for (let k = 0; k < T; k++) offsets[k + 1] = offsets[k] + df[k];
  const cursor = offsets.slice(0, T);
  const docs = new Int32Array(offsets[T]);
  const tfs = new Uint16Array(offsets[T]);
  for (let i = 0; i < n; i++) {
    const nt = countTerms(i);
    for (let k = 0; k < nt; k++) {
      const term = touched[k];
      const at = cursor[term]++;
      docs[at] = i;
      tfs[at] = Math.min(tf[term], 65535);
      tf[term] = 0;
    }
  }
  return { ...BM25_PARAMS, avgLen: total / Math.max(1, n), lengths, terms, offsets, docs, tfs };
}

/** Strings numbered in order of first appearance (after `seed`, which keeps its numbers). */
function interner(seed: readonly string[] = []): { list: string[]; idOf: (s: string) => number } {
  const list = [...seed];
  const ids = new Map<string, number>();
  list.forEach((w, i) => ids.set(w, i));
  return {
    list,
    idOf(w: string): number {
      let id = ids.get(w);
      if (id === undefined) {
        id = list.length;
        list.push(w);
        ids.set(w, id);
      }
      return id;
    },
  };
}
