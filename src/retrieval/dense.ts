/**
 * Dense retrieval. Offline, no pretrained model can be had, so the embedder is trained on the
 * corpus at ingest: signed feature hashing of character n-grams and stems, weighted by the
 * corpus' inverse document frequency (a random projection of a TF-IDF space). Character
 * n-grams survive PDF damage ("fnns"), inflection and cognates across Swedish and English
 * ("innovation", "social", "koordinering"/"coordination"). Vectors live in hnswlib-node.
 */
import hnswlib from 'hnswlib-node';
import { analyze, normalizeNumbers } from './analyzer.js';
import type { Embedder } from './embedder.js';

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function features(text: string): string[] {
  const out: string[] = [];
  const words = normalizeNumbers(text.toLowerCase()).match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const w of words) {
    if (w.length < 3) continue;
    const padded = `<${w}>`;
    for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
  }
  for (const t of analyze(text)) out.push('w:' + t);
  return out;
}

export interface HashingEmbedderState {
  dim: number;
  docCount: number;
  df: Record<string, number>;
}

export class HashingEmbedder implements Embedder {
  readonly id: string;
  private constructor(private readonly state: HashingEmbedderState) {
    this.id = `hashing-ngram-${state.dim}`;
  }
  get dim(): number {
    return this.state.dim;
  }

  /** learns document frequencies of the features from the corpus */
  static fit(texts: string[], dim = 384): HashingEmbedder {
    const df: Record<string, number> = Object.create(null);
    for (const t of texts) for (const f of new Set(features(t))) df[f] = (df[f] ?? 0) + 1;
    // keep the state small: features seen once carry the default (max) idf anyway
    for (const k of Object.keys(df)) if (df[k] < 2) delete df[k];
    return new HashingEmbedder({ dim, docCount: texts.length, df });
  }

  static fromJSON(state: HashingEmbedderState): HashingEmbedder {
    return new HashingEmbedder(state);
  }

  toJSON(): HashingEmbedderState {
    return this.state;
  }

  embed(text: string): number[] {
    const v = new Float64Array(this.state.dim);
    const tf = new Map<string, number>();
    for (const f of features(text)) tf.set(f, (tf.get(f) ?? 0) + 1);
    const n = this.state.docCount;
    for (const [f, c] of tf) {
      const idf = Math.log((n + 1) / ((this.state.df[f] ?? 1) + 0.5));
      if (idf <= 0) continue;
      const w = (1 + Math.log(c)) * idf * (f.startsWith('w:') ? 2 : 1);
      const h = fnv1a(f);
      v[h % this.state.dim] += h & 0x80000000 ? -w : w;
      const h2 = fnv1a('#' + f);
      v[h2 % this.state.dim] += h2 & 0x80000000 ? -w : w;
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    return Array.from(v, (x) => x / norm);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embed(t));
  }
  async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }
}

/** An HNSW index of chunk vectors (cosine), with an exact-scan fallback for tiny corpora. */
export class DenseIndex {
  private constructor(
    private readonly hnsw: InstanceType<typeof hnswlib.HierarchicalNSW>,
    readonly dim: number,
    readonly count: number,
  ) {}

  static build(vectors: number[][], dim: number): DenseIndex {
    const index = new hnswlib.HierarchicalNSW('cosine', dim);
    index.initIndex({ maxElements: Math.max(1, vectors.length), m: 16, efConstruction: 200, randomSeed: 42 });
    vectors.forEach((v, i) => index.addPoint(v, i));
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
}
