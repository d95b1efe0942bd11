/**
 * Dense retrieval. Offline, no pretrained model can be had, so the embedder is trained on the
 * corpus at ingest: signed feature hashing of character 3–5-grams of each word and of its analyzed
 * terms (stems, compound parts), weighted by the corpus' inverse document frequency (a random
 * projection of a TF-IDF space). Character n-grams survive PDF damage ("fnns"), inflection and
 * cognates across Swedish and English ("koordinering"/"coordination").
 *
 * Cost (issue 17): features depend only on the word, so an index build computes them once per
 * distinct word (`wordFeatures`), counts document frequencies into a fixed table of 2^21 buckets
 * (`FeatureTable`, 8 MB, no strings) and stores each chunk's vector as 384 signed bytes
 * (`QuantizedVectors`). The offline vectors are not searched on their own: they rescore the BM25
 * candidates (an exact cosine of some 60 vectors per question), which is where their measured
 * contribution came from (docs/architecture.md). An external embedding model
 * (`BRYGGA_EMBEDDING_MODEL`) is semantic and keeps an HNSW graph (hnswlib-node, `DenseIndex`).
 */
import hnswlib from 'hnswlib-node';
import { analyzeToken, BASE_LEXICON, tokenize, type Lexicon } from './analyzer.js';
import type { Embedder } from './embedder.js';

/** log2 of the buckets of each feature kind (n-grams, word terms) in the document-frequency table */
export const FEATURE_BITS = 20;
const MASK = (1 << FEATURE_BITS) - 1;
/** word-term features live in the upper half of the table */
const WORD = 1 << FEATURE_BITS;
export const TABLE_SIZE = WORD * 2;

function fnv1a(s: string, from = 0, to = s.length, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's finalizer: a bucket → a well-mixed 32-bit value (where it projects, with which sign) */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * The feature buckets of one token of `tokenize`: its character 3–5-grams (of "<word>", for words of
 * three or more letters and digits) and its analyzed terms (the same terms BM25 indexes), as table
 * buckets. Computed once per distinct word by an index build.
 */
export function wordFeatures(token: string, terms: readonly string[]): Int32Array {
  const out: number[] = [];
  if (token.length >= 3 && /^[\p{L}\p{N}]+$/u.test(token)) {
    const padded = `<${token}>`;
    for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= padded.length; i++) out.push(fnv1a(padded, i, i + n) & MASK);
  }
  for (const t of terms) out.push(WORD | (fnv1a(t, 0, t.length, 0x9747b28c) & MASK));
  return Int32Array.from(out);
}

/** Document frequencies of feature buckets, counted over a corpus one chunk at a time. */
export class FeatureTable {
  readonly df = new Uint32Array(TABLE_SIZE);
  private readonly stamp = new Int32Array(TABLE_SIZE).fill(-1);
  docCount = 0;
  /** counts each bucket once for the chunk whose token features are given */
  addChunk(features: Iterable<Int32Array>): void {
    const chunk = this.docCount++;
    const { df, stamp } = this;
    for (const fs of features)
      for (let j = 0; j < fs.length; j++) {
        const b = fs[j];
        if (stamp[b] !== chunk) {
          stamp[b] = chunk;
          df[b]++;
        }
      }
  }
}

export interface HashingEmbedderState {
  dim: number;
  docCount: number;
}

/**
 * The offline embedder: a chunk's or question's words → their features → one L2-normalized vector of
 * `dim` numbers. `df` is the document-frequency table of the corpus it was fitted on; `lexicon` splits
 * compounds as the index did.
 */
export class HashingEmbedder implements Embedder {
  readonly id: string;
  private readonly counts: Uint16Array;
  private readonly touched: Int32Array;
  private readonly out: Float64Array;
  constructor(
    readonly df: Uint32Array,
    readonly docCount: number,
    readonly dim = 384,
    private readonly lexicon: Lexicon = BASE_LEXICON,
  ) {
    this.id = `hashing-ngram-${dim}-v2`;
    this.counts = new Uint16Array(TABLE_SIZE);
    this.touched = new Int32Array(1 << 16);
    this.out = new Float64Array(dim);
  }

  /** fits document frequencies on a few texts (tests, tools; an index build uses FeatureTable) */
  static fit(texts: string[], dim = 384, lexicon: Lexicon = BASE_LEXICON): HashingEmbedder {
    const table = new FeatureTable();
    for (const t of texts) table.addChunk(tokenize(t).map((tok) => wordFeatures(tok, analyzeToken(tok, lexicon))));
    return new HashingEmbedder(table.df, table.docCount, dim, lexicon);
  }

  toJSON(): HashingEmbedderState {
    return { dim: this.dim, docCount: this.docCount };
  }

  /**
   * The normalized vector of a chunk given its words' features, written into `into` (length `dim`).
   * Each feature weighs (1 + ln tf) · ln((N + 1) / (df + 0.5)), word terms twice, projected to two
   * signed dimensions.
   */
  embedFeatures(features: Iterable<Int32Array>, into: Float64Array = this.out): Float64Array {
    const { counts, touched, df, dim } = this;
    let nt = 0;
    for (const fs of features)
      for (let j = 0; j < fs.length; j++) {
        const b = fs[j];
        if (counts[b] === 0 && nt < touched.length) touched[nt++] = b;
        if (counts[b] < 65535) counts[b]++;
      }
    into.fill(0);
    const n = this.docCount;
    for (let j = 0; j < nt; j++) {
      const b = touched[j];
      const c = counts[b];
      counts[b] = 0;
      const idf = Math.log((n + 1) / ((df[b] || 1) + 0.5));
      if (idf <= 0) continue;
      const w = (1 + Math.log(c)) * idf * (b & WORD ? 2 : 1);
      const h = mix(b);
      into[h % dim] += h & 0x80000000 ? -w : w;
      const h2 = mix(b ^ 0x5bd1e995);
      into[h2 % dim] += h2 & 0x80000000 ? -w : w;
    }
    let norm = 0;
    for (let i = 0; i < dim; i++) norm += into[i] * into[i];
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < dim; i++) into[i] /= norm;
    return into;
  }

  embed(text: string): number[] {
    const feats = tokenize(text).map((tok) => wordFeatures(tok, analyzeToken(tok, this.lexicon)));
    return Array.from(this.embedFeatures(feats));
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embed(t));
  }
  async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }
}

/** What the retriever needs of a dense index. */
export interface DenseVectors {
  /** vectors held (equals the chunk count of a consistent index) */
  readonly stored: number;
  readonly dim: number;
  /** nearest chunks of the whole index, when the index can search (HNSW); `allow` filters inside */
  search?(query: number[], k: number, allow?: (i: number) => boolean): Array<{ index: number; score: number }>;
  /** the cosine of the query with each of the given chunks */
  similarity(query: number[], indexes: readonly number[]): number[];
}

/**
 * Chunk vectors as signed bytes (dim per chunk, each vector scaled so its largest component is ±127)
 * with each vector's inverse norm: 384 bytes a chunk instead of an HNSW node of about 2 kB.
 */
export class QuantizedVectors implements DenseVectors {
  constructor(
    readonly data: Int8Array,
    readonly inv: Float32Array,
    readonly dim: number,
  ) {}
  get stored(): number {
    return this.inv.length;
  }
  /** quantizes normalized vectors (Float64Array each) into a new set of `count` rows */
  static allocate(count: number, dim: number): QuantizedVectors {
    return new QuantizedVectors(new Int8Array(count * dim), new Float32Array(count), dim);
  }
  /** writes the normalized vector `v` as row `i` */
  set(i: number, v: ArrayLike<number>): void {
    const { dim, data } = this;
    let max = 0;
    for (let d = 0; d < dim; d++) max = Math.max(max, Math.abs(v[d]));
    const scale = max ? 127 / max : 0;
    let norm = 0;
    for (let d = 0; d < dim; d++) {
      const q = Math.round(v[d] * scale);
      data[i * dim + d] = q;
      norm += q * q;
    }
    this.inv[i] = norm ? 1 / Math.sqrt(norm) : 0;
  }
  /** copies row `from` of another set into row `to` */
  copyRow(other: QuantizedVectors, from: number, to: number): void {
    this.data.set(other.data.subarray(from * this.dim, (from + 1) * this.dim), to * this.dim);
    this.inv[to] = other.inv[from];
  }
  similarity(query: number[], indexes: readonly number[]): number[] {
    const { dim, data, inv } = this;
    let qn = 0;
    for (let d = 0; d < dim; d++) qn += query[d] * query[d];
    qn = Math.sqrt(qn) || 1;
    return indexes.map((i) => {
      let s = 0;
      const o = i * dim;
      for (let d = 0; d < dim; d++) s += query[d] * data[o + d];
      return (s * inv[i]) / qn;
    });
  }
}

/** An HNSW index of chunk vectors (cosine), for an external embedding model. */
export class DenseIndex implements DenseVectors {
  private constructor(
    private readonly hnsw: InstanceType<typeof hnswlib.HierarchicalNSW>,
    readonly dim: number,
    readonly count: number,
  ) {}

  static build(vectors: ArrayLike<number>[], dim: number): DenseIndex {
    const index = new hnswlib.HierarchicalNSW('cosine', dim);
    index.initIndex({ maxElements: Math.max(1, vectors.length), m: 16, efConstruction: 200, randomSeed: 42 });
    vectors.forEach((v, i) => index.addPoint(Array.from(v), i));
    index.setEf(Math.min(400, Math.max(100, vectors.length)));
    return new DenseIndex(index, dim, vectors.length);
  }

  static async read(file: string, dim: number, count: number): Promise<DenseIndex> {
    const index = new hnswlib.HierarchicalNSW('cosine', dim);
    await index.readIndex(file);
    index.setEf(Math.min(400, Math.max(100, count)));
    return new DenseIndex(index, dim, count);
  }

  /** vectors actually held by the HNSW graph (may differ from `count` in a damaged index) */
  get stored(): number {
    return this.hnsw.getCurrentCount();
  }

  async write(file: string): Promise<void> {
    await this.hnsw.writeIndex(file);
  }

  /** nearest chunks; `allow` filters (access control) inside the search */
  search(query: number[], k: number, allow?: (i: number) => boolean): Array<{ index: number; score: number }> {
    if (this.count === 0) return [];
    const kk = Math.min(k, this.count);
    const res = allow ? this.hnsw.searchKnn(query, kk, (label: number) => allow(label)) : this.hnsw.searchKnn(query, kk);
    return res.neighbors.map((index: number, i: number) => ({ index, score: 1 - res.distances[i] }));
  }

  similarity(query: number[], indexes: readonly number[]): number[] {
    let qn = 0;
    for (const x of query) qn += x * x;
    qn = Math.sqrt(qn) || 1;
    return indexes.map((i) => {
      const v = this.hnsw.getPoint(i);
      let s = 0;
      let vn = 0;
      for (let d = 0; d < v.length; d++) {
        s += query[d] * v[d];
        vn += v[d] * v[d];
      }
      return s / (qn * (Math.sqrt(vn) || 1));
    });
  }
}
