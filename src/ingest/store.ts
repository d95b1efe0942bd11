/**
 * The files of one index dir (`.brygga/index-<time>-<pid>`), written before the dir is switched in:
 *
 * - `index.json`: documents, warnings, embedder, BM25 parameters, and the byte layout of `arrays.bin`;
 * - `chunks/<hash>.jsonl`: each document's passages, one a line (written and read a line at a time, so
 *   the passages are never one string of the whole corpus; an unchanged document's file is copied);
 * - `words.txt`: the distinct tokens, then the BM25 terms, then the stem of each distinct token in the
 *   lexicon ('' for the others) (one a line; none holds a line break);
 * - `arrays.bin`: the typed arrays (BM25 lengths and postings, token streams, the offline embedder's
 *   document frequencies and the quantized vectors), each section 8-byte aligned, little-endian as
 *   this machine (the index is local to the data dir);
 * - `vectors.hnsw`: only with an external embedding model.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { once } from 'node:events';
import type { Chunk } from '../domain/types.js';
import type { Bm25Arrays } from '../retrieval/bm25.js';
import { QuantizedVectors } from '../retrieval/dense.js';
import type { OfflineDense, TokenStreams } from './build.js';

type Typed = Uint32Array | Int32Array | Uint16Array | Int8Array | Float32Array;
const KINDS = { u32: Uint32Array, i32: Int32Array, u16: Uint16Array, i8: Int8Array, f32: Float32Array } as const;
type Kind = keyof typeof KINDS;

/** where each array lies in arrays.bin: name → [kind, byte offset, length] */
export type Layout = Record<string, [Kind, number, number]>;

export interface StoredArrays {
  bm25: Omit<Bm25Arrays, 'terms' | 'k1' | 'b' | 'avgLen'>;
  tokens: Omit<TokenStreams, 'vocab'>;
  dense: { df: Uint32Array; vectors: Int8Array; inv: Float32Array } | null;
}

function kindOf(a: Typed): Kind {
  if (a instanceof Uint32Array) return 'u32';
  if (a instanceof Int32Array) return 'i32';
  if (a instanceof Uint16Array) return 'u16';
  if (a instanceof Int8Array) return 'i8';
  return 'f32';
}

async function write(stream: NodeJS.WritableStream, data: string | Uint8Array): Promise<void> {
  if (!stream.write(data)) await once(stream, 'drain');
}

async function close(stream: import('node:fs').WriteStream): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.end(() => resolve());
  });
}

/** Writes arrays.bin; returns its layout. */
export async function writeArrays(file: string, arrays: Record<string, Typed>): Promise<Layout> {
  const out = createWriteStream(file);
  const layout: Layout = {};
  let at = 0;
  for (const [name, a] of Object.entries(arrays)) {
    const pad = (8 - (at % 8)) % 8;
    if (pad) await write(out, new Uint8Array(pad));
    at += pad;
    layout[name] = [kindOf(a), at, a.length];
    await write(out, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    at += a.byteLength;
  }
  await close(out);
  return layout;
}

/** Reads arrays.bin as views of one buffer. Throws when a section lies outside the file. */
export async function readArrays(file: string, layout: Layout): Promise<Record<string, Typed>> {
  const buf = await readFile(file);
  // views need an aligned offset: copy the rare buffer that does not start at one
  const bytes = buf.byteOffset % 8 ? new Uint8Array(buf) : buf;
  const out: Record<string, Typed> = {};
  for (const [name, [kind, at, length]] of Object.entries(layout)) {
    const T = KINDS[kind];
    if (!T || at % 8 || at + length * T.BYTES_PER_ELEMENT > bytes.byteLength) throw new Error(`arrays.bin: delen ${name} ligger utanför filen`);
    out[name] = new T(bytes.buffer, bytes.byteOffset + at, length);
  }
  return out;
}

/** Writes passages to a file, one a line; returns the bytes written. */
export async function writeChunks(file: string, chunks: Iterable<Chunk>): Promise<number> {
  const out = createWriteStream(file);
  let batch = '';
  let bytes = 0;
  for (const c of chunks) {
    batch += JSON.stringify(c) + '\n';
    if (batch.length > 1 << 20) {
      bytes += Buffer.byteLength(batch);
      await write(out, batch);
      batch = '';
    }
  }
  if (batch) {
    bytes += Buffer.byteLength(batch);
    await write(out, batch);
  }
  await close(out);
  return bytes;
}

export async function readChunks(file: string): Promise<Chunk[]> {
  const chunks: Chunk[] = [];
  const rl = readline.createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) if (line) chunks.push(JSON.parse(line) as Chunk);
  return chunks;
}

/** Writes the words file: the distinct tokens, then the BM25 terms, then the tokens' stems (`stems[i]` of `vocab[i]`). */
export async function writeWords(file: string, vocab: string[], terms: string[], stems: string[]): Promise<void> {
  const out = createWriteStream(file);
  for (const list of [vocab, terms, stems])
    for (let i = 0; i < list.length; i += 10_000) await write(out, list.slice(i, i + 10_000).join('\n') + '\n');
  await close(out);
}

export async function readWords(file: string, vocabSize: number, termCount: number): Promise<{ vocab: string[]; terms: string[]; stems: string[] }> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const expected = 2 * vocabSize + termCount;
  if (lines.length < expected) throw new Error(`words.txt har ${lines.length} rader, väntat ${expected}`);
  return { vocab: lines.slice(0, vocabSize), terms: lines.slice(vocabSize, vocabSize + termCount), stems: lines.slice(vocabSize + termCount, expected) };
}

/** The arrays of a built index, by the names arrays.bin stores them under. */
export function arraysOf(bm25: Bm25Arrays, tokens: TokenStreams, dense: OfflineDense | null): Record<string, Typed> {
  return {
    lengths: bm25.lengths,
    termOffsets: bm25.offsets,
    postingDocs: bm25.docs,
    postingTfs: bm25.tfs,
    tokenOffsets: tokens.offsets,
    contextStart: tokens.ctxStart,
    tokenIds: tokens.ids,
    ...(dense ? { df: dense.df, vectors: dense.vectors.data, vectorInv: dense.vectors.inv } : {}),
  };
}

/** The stored arrays back in their places; throws when one is missing. */
export function storedArrays(a: Record<string, Typed>): StoredArrays {
  const need = <T extends Typed>(name: string): T => {
    const x = a[name];
    if (!x) throw new Error(`arrays.bin saknar ${name}`);
    return x as T;
  };
  return {
    bm25: { lengths: need('lengths'), offsets: need('termOffsets'), docs: need('postingDocs'), tfs: need('postingTfs') },
    tokens: { offsets: need('tokenOffsets'), ctxStart: need('contextStart'), ids: need('tokenIds') },
    dense: a.vectors ? { df: need('df'), vectors: need('vectors'), inv: need('vectorInv') } : null,
  };
}

export function quantized(d: { vectors: Int8Array; inv: Float32Array }, dim: number): QuantizedVectors {
  return new QuantizedVectors(d.vectors, d.inv, dim);
}

export const FILES = { meta: 'index.json', words: 'words.txt', arrays: 'arrays.bin', hnsw: 'vectors.hnsw' } as const;

export const fileIn = (dir: string, name: keyof typeof FILES) => path.join(dir, FILES[name]);
