/**
 * Ingestion: knowledge files → cleaned, chunked passages → lexical and dense indexes, written
 * atomically into the data dir. Incremental: a file whose bytes have not changed is not loaded
 * or chunked again (its result is cached by content hash), and its passages' token streams and
 * vectors are copied from the previous index instead of being analysed again (src/ingest/build.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, open, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AudienceSchema, DocumentMetaSchema, type Audience, type Chunk, type DocumentMeta } from '../domain/types.js';
import { Lexicon } from '../retrieval/analyzer.js';
import { Bm25Index } from '../retrieval/bm25.js';
import { DenseIndex, HashingEmbedder, QuantizedVectors, type DenseVectors } from '../retrieval/dense.js';
import type { Embedder } from '../retrieval/embedder.js';
import { buildIndex, DENSE_DIM, lexiconOf, type OfflineDense, type TokenStreams } from './build.js';
import { arraysOf, fileIn, readArrays, readChunks, readWords, storedArrays, writeArrays, writeChunks, writeWords, type Layout } from './store.js';
import { chunkDocument } from './chunk.js';
import { buildVocabulary, cleanText, type CleanLine } from './clean.js';
import { loadFile, LoadError, SUPPORTED_EXTENSIONS, type LoadedText } from './loaders.js';

/**
 * Bump when cleaning, chunking or the analyzer changes, so cached results are rebuilt (18: definite neuter
 * "-et" forms meet their word; 19: unmarked subheadings, section paths by heading level; 20: footnotes and
 * captions as sentences of their own; 21: both branches together; 22: an English possessive is its word; 23: a genitive "-s" Snowball keeps after å, ä, ö, i, u is taken off a known word; 24: an excerpt's source with years, "Ur … 2022–2026", is a box heading; 25: a slide's list item wrapped over a blank line is one item; 26: a link ends the sentence before it and starts none after it; 27: in a table whose rows hold sentences, each row starts one; 28: a word and a pronoun or article after it are not joined into one word).
 */
export const PIPELINE_VERSION = 28;

/** Bump when the index dir's files change shape (2: token streams and typed arrays, issue 17). */
export const INDEX_FORMAT = 3;

/**
 * A document of the index; its `chunks` passages follow those of the documents before it. `digest`
 * hashes its passages' text and context (what the token streams are made of); `chunkFile` names the
 * file of its passages in the index dir (a hash of everything its passages hold).
 */
export type DocInfo = DocumentMeta & { docId: string; path: string; sha: string; chunks: number; digest?: string; chunkFile?: string; chunkBytes?: number };

/** What index.json holds (the passages and arrays are in the files beside it; src/ingest/store.ts). */
export interface IndexMeta {
  /** PIPELINE_VERSION and INDEX_FORMAT of the build */
  version: number;
  format: number;
  builtAt: string;
  docs: DocInfo[];
  /** the offline embedder (`docCount`: chunks of its fit, `changedSinceFit`: chunks embedded since) or an external model */
  embedder: { id: string; dim: number; offline: boolean; docCount?: number; changedSinceFit?: number };
  bm25: { k1: number; b: number; avgLen: number };
  counts: { chunks: number; vocab: number; terms: number };
  layout: Layout;
  /** the warnings of the ingest that built this index, by file (relative to the knowledge dir); shown in /admin */
  warnings?: IngestWarning[];
  /** manifestsDigest() of the knowledge dir the index was built from */
  manifests?: string;
}

export interface IndexData extends IndexMeta {
  chunks: Chunk[];
}

/** One warning of an ingest: a file skipped (unreadable, empty), missing from the manifests, or a bad manifest. */
export interface IngestWarning {
  file: string;
  message: string;
}

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
}

export interface IngestOptions {
  knowledgeDir: string;
  dataDir: string;
  /** an external embedder (OpenAI-compatible); default: the offline hashing embedder */
  embedder?: Embedder;
  logger?: Logger;
  /** build the offline hashing vectors too (default false: measured in docs/architecture.md) */
  offlineDense?: boolean;
  /** analyse every document again instead of copying from the previous index (when that index could not be loaded) */
  fresh?: boolean;
  /** progress callback: done, total, what */
  progress?: (done: number, total: number, what: string) => void;
}

export interface IngestSummary {
  documents: number;
  /** milliseconds of the index build's steps (tokenize, lexicon, analysis, bm25, dense …, write) */
  timings?: Record<string, number>;
  /** passages tokenized and analysed by this build; the others were copied from the previous index */
  tokenized?: number;
  chunks: number;
  skipped: Array<{ file: string; reason: string }>;
  reused: number;
  processed: number;
  ms: number;
  indexDir: string;
}

const silent: Logger = { info: () => {}, warn: () => {} };

/** Every file below the knowledge dir, sorted; the enterprise registry and hidden folders are not documents. */
async function walkKnowledge(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        // the registry of social enterprises is data for matching, not documents
        if (e.name !== 'enterprises' && !e.name.startsWith('.')) await walk(p);
      } else out.push(p);
    }
  };
  await walk(dir);
  return out;
}

async function listFiles(dir: string): Promise<string[]> {
  return (await walkKnowledge(dir)).filter(
    (p) => SUPPORTED_EXTENSIONS.includes(path.extname(p).toLowerCase()) && !/^readme\.md$/i.test(path.basename(p)),
  );
}

/** The manifest files below the knowledge dir, sorted. */
async function manifestFiles(dir: string): Promise<string[]> {
  return (await walkKnowledge(dir)).filter((f) => path.basename(f) === 'manifest.json');
}

/**
 * One digest of every manifest.json (paths and bytes): the index records it, and a changed, added
 * or removed manifest makes the index stale like a changed document (access changes must be honoured).
 */
export async function manifestsDigest(dir: string): Promise<string> {
  const h = createHash('sha256');
  for (const p of await manifestFiles(dir)) h.update(path.relative(dir, p)).update('\0').update(await readFile(p)).update('\0');
  return h.digest('hex').slice(0, 32);
}

/**
 * Reads manifest.json files: file name (relative to the manifest's folder) → metadata.
 * Entries are checked one by one, so one bad entry never costs the others their metadata.
 * Fail closed: a missing or unknown `access` means `internal`, with a warning naming the file;
 * an entry that is otherwise invalid is left out with a warning (its file is then indexed as
 * `internal`, as a file missing from every manifest is).
 * Every warning goes to `warn` with the file it concerns (the document's path relative to `dir`, or
 * the manifest's when no document is named), so /admin shows it on that document.
 */
async function readManifests(dir: string, warn: (w: IngestWarning) => void): Promise<Map<string, DocumentMeta>> {
  const out = new Map<string, DocumentMeta>();
  for (const p of await manifestFiles(dir)) {
    const rel = path.relative(dir, p);
    const logger = { warn: (file: string, message: string) => warn({ file, message }) };
    let entries: unknown[];
    try {
      const raw = JSON.parse(await readFile(p, 'utf8')) as unknown;
      const docs = raw && typeof raw === 'object' ? (raw as { documents?: unknown }).documents : undefined;
      if (!Array.isArray(docs)) throw new Error('"documents" ska vara en lista');
      entries = docs;
    } catch (err) {
      logger.warn(rel, `hoppar över manifestet ${rel}: ${(err as Error).message}`);
      continue;
    }
    entries.forEach((entry, i) => {
      const named = entry && typeof entry === 'object' && typeof (entry as { file?: unknown }).file === 'string' ? (entry as { file: string }).file : null;
      const where = `${rel}: ${named ?? `dokument ${i + 1}`}`;
      // the document the entry describes (as ingest names files: relative to the knowledge dir)
      const file = named ? path.join(path.dirname(rel), named) : rel;
      let candidate = entry;
      if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
        const access = (entry as { access?: unknown }).access;
        if (!AudienceSchema.safeParse(access).success) {
          logger.warn(
            file,
            access === undefined || access === null || access === ''
              ? `${where}: "access" saknas: indexeras som "internal"`
              : `${where}: okänd åtkomstnivå ${JSON.stringify(access)} (public, internal eller restricted): indexeras som "internal"`,
          );
          candidate = { ...entry, access: 'internal' };
        }
      }
      const parsed = DocumentMetaSchema.safeParse(candidate);
      if (!parsed.success) {
        const reason = parsed.error.issues.map((x) => `${x.path.join('.') || 'posten'}: ${x.message}`).join('; ');
        logger.warn(file, `${where}: ogiltig post i manifestet (${reason}): hoppar över posten`);
        return;
      }
      out.set(path.join(path.dirname(p), parsed.data.file), parsed.data);
    });
  }
  return out;
}

function docIdFor(file: string, used: Set<string>): string {
  let id = path.basename(file, path.extname(file)).replace(/[^\p{L}\p{N}_.-]+/gu, '-');
  let n = 2;
  while (used.has(id)) id = `${path.basename(file, path.extname(file))}-${n++}`;
  used.add(id);
  return id;
}

interface Cached {
  v: number;
  sha: string;
  loaded: LoadedText;
  lines: CleanLine[];
  chunks: Chunk[];
}

/** Builds the index. Never leaves a half-written index: a new version is switched in atomically. */
export async function ingest(opts: IngestOptions): Promise<IngestSummary> {
  const t0 = performance.now();
  const logger = opts.logger ?? silent;
  const { knowledgeDir, dataDir } = opts;
  if (!existsSync(knowledgeDir)) throw new Error(`kunskapsmappen finns inte: ${knowledgeDir}`);
  await mkdir(path.join(dataDir, 'cache'), { recursive: true });
  const release = await acquireLock(dataDir);
  try {
    const files = await listFiles(knowledgeDir);
    const manifestDigest = await manifestsDigest(knowledgeDir);
    const warnings: IngestWarning[] = [];
    const manifests = await readManifests(knowledgeDir, (w) => {
      warnings.push(w);
      logger.warn(w.message);
    });
    const skipped: IngestSummary['skipped'] = [];
    const usedIds = new Set<string>();

    // 1. load every file (cached by content hash)
    type Entry = { file: string; sha: string; loaded: LoadedText; cached?: Cached; meta: DocumentMeta; docId: string };
    const entries: Entry[] = [];
    let done = 0;
    for (const file of files) {
      const rel = path.relative(knowledgeDir, file);
      opts.progress?.(done, files.length * 2, `läser ${rel}`);
      done++;
      try {
        const bytes = await readFile(file);
        const sha = createHash('sha256').update(bytes).update(String(PIPELINE_VERSION)).digest('hex').slice(0, 32);
        const cacheFile = path.join(dataDir, 'cache', `${sha}.json`);
        let cached: Cached | undefined;
        if (existsSync(cacheFile)) {
          try {
            cached = JSON.parse(await readFile(cacheFile, 'utf8')) as Cached;
            if (cached.v !== PIPELINE_VERSION || cached.sha !== sha) cached = undefined;
          } catch {
            cached = undefined;
          }
        }
        const loaded = cached?.loaded ?? (await loadFile(file));
        if (!loaded.text.trim()) throw new LoadError(file, 'filen är tom');
        let meta = manifests.get(file);
        if (!meta) {
          meta = DocumentMetaSchema.parse({
            file: path.basename(file),
            title: loaded.title ?? path.basename(file, path.extname(file)),
            access: 'internal',
            kind: 'document',
          });
          const message = `${rel} saknas i manifest.json: indexeras som "internal" med titeln "${meta.title}"`;
          warnings.push({ file: rel, message });
          logger.warn(message);
        }
        entries.push({ file, sha, loaded, cached, meta, docId: docIdFor(file, usedIds) });
      } catch (err) {
        const reason = err instanceof LoadError ? err.message : `${path.basename(file)}: ${(err as Error).message}`;
        skipped.push({ file: rel, reason });
        warnings.push({ file: rel, message: `hoppar över ${reason}` });
        logger.warn(`hoppar över ${reason}`);
      }
    }

    // 2. clean and chunk (the vocabulary of all texts repairs ligatures and split words)
    const vocab = buildVocabulary(entries.map((e) => e.loaded.text));
    const perDoc: Chunk[][] = [];
    const docs: DocInfo[] = [];
    let reused = 0;
    for (const e of entries) {
      const rel = path.relative(knowledgeDir, e.file);
      opts.progress?.(done, files.length * 2, `delar upp ${rel}`);
      done++;
      let docChunks: Chunk[];
      const access: Audience = e.meta.access;
      const docMeta = { docId: e.docId, title: e.meta.title, kind: e.meta.kind, access };
      if (e.cached) {
        reused++;
        docChunks = e.cached.chunks.map((c, i) => ({ ...c, id: `${e.docId}#${i}`, docId: e.docId, title: e.meta.title, access }));
      } else {
        const lines = cleanText(e.loaded.text, vocab, { markedPages: e.meta.kind === 'slides' });
        if (e.loaded.pageOfLine) lines.forEach((l) => (l.page = e.loaded.pageOfLine![l.raw - 1] ?? null));
        docChunks = await chunkDocument(docMeta, lines, vocab);
        const cache: Cached = { v: PIPELINE_VERSION, sha: e.sha, loaded: e.loaded, lines, chunks: docChunks };
        await writeAtomic(path.join(dataDir, 'cache', `${e.sha}.json`), JSON.stringify(cache));
      }
      if (!docChunks.length) {
        skipped.push({ file: rel, reason: `${path.basename(e.file)}: ingen text att indexera` });
        warnings.push({ file: rel, message: `hoppar över ${path.basename(e.file)}: ingen text att indexera` });
        continue;
      }
      perDoc.push(docChunks);
      docs.push({ ...e.meta, docId: e.docId, path: rel, sha: e.sha, chunks: docChunks.length });
    }
    opts.progress?.(done, done, 'bygger index');

    const written = await writeIndex(dataDir, { docs, perDoc, warnings, manifests: manifestDigest, embedder: opts.embedder, offlineDense: opts.offlineDense, ...(opts.fresh ? { previous: null } : {}) });
    return {
      documents: docs.length,
      chunks: written.chunks,
      skipped,
      reused,
      processed: entries.length - reused,
      ms: performance.now() - t0,
      timings: written.timings,
      tokenized: written.tokenized,
      indexDir: written.dir,
    };
  } finally {
    await release();
  }
}

export interface WriteIndexInput {
  docs: DocInfo[];
  /** each document's passages, in the order of `docs` */
  perDoc: Chunk[][];
  warnings: IngestWarning[];
  manifests?: string;
  embedder?: Embedder;
  /** build the offline hashing vectors (off by default: measured in docs/architecture.md) */
  offlineDense?: boolean;
  /** the previous index to copy unchanged documents from (default: the data dir's current one; null: none) */
  previous?: IndexParts | null;
}

/** where the passages' files are in an index dir */
const CHUNKS_DIR = 'chunks';

/** a document with the digest of its passages' text and context, and the name of its passages' file */
function withDigests(d: DocInfo, chunks: Chunk[]): DocInfo {
  const h = createHash('sha256');
  for (const c of chunks) h.update(c.text).update('\0').update(c.context).update('\0');
  const digest = h.digest('hex').slice(0, 32);
  const chunkFile = createHash('sha256').update(JSON.stringify([PIPELINE_VERSION, digest, d.sha, d.docId, d.title, d.access, d.chunks])).digest('hex').slice(0, 32) + '.jsonl';
  return { ...d, digest, chunkFile };
}

/**
 * Links (or, where the file system cannot, copies) a document's passages file from the previous
 * index when it has the size that index recorded; otherwise (damaged, missing) returns false and the
 * caller writes the passages afresh. The previous index dir is removed after the switch, so the link
 * is the file's only name from then on.
 */
async function copyChunkFile(from: string, to: string, bytes: number | undefined): Promise<boolean> {
  const size = await stat(from).then((s) => s.size, () => -1);
  if (bytes === undefined || size !== bytes) return false;
  await link(from, to).catch(() => copyFile(from, to));
  return true;
}

/** the embedder id an index built with these options records */
function embedderId(input: Pick<WriteIndexInput, 'embedder' | 'offlineDense'>): string {
  return input.embedder ? input.embedder.id : input.offlineDense ? `hashing-ngram-${DENSE_DIM}-v2` : 'none';
}

/**
 * Builds the index of the given documents and switches the data dir to it atomically (the caller
 * holds the ingest lock). Unchanged documents of the previous index are copied, not analysed again.
 * Returns the new dir, its chunk count and the milliseconds of each step.
 */
export async function writeIndex(dataDir: string, input: WriteIndexInput): Promise<{ dir: string; chunks: number; tokenized: number; timings: Record<string, number> }> {
  // 3. the index: token streams, lexicon, BM25 and offline vectors, copied from the previous
  // index for documents whose passages are unchanged
  const tr = performance.now();
  const previous = input.previous !== undefined ? input.previous : await readIndexParts(dataDir, { chunks: false }).catch(() => null);
  const readMs = performance.now() - tr;
  const offline = !input.embedder;
  const { perDoc, warnings } = input;
  const docs = input.docs.map((d, i) => withDigests(d, perDoc[i]));
  const usable = previous && previous.meta.embedder.id === embedderId(input) ? previous : null;
  const reuse = usable ? reusableRanges(usable, docs) : [];
  const built = buildIndex(perDoc, { previous: usable ?? undefined, reuse, dense: offline && input.offlineDense === true });
  const chunks = perDoc.flat();
  built.timings['read previous'] = readMs;

  // 4. an external embedding model: its vectors in an HNSW graph
  let hnsw: DenseIndex | null = null;
  if (input.embedder) {
    const t = performance.now();
    const vectors = await input.embedder.embedDocuments(chunks.map((c) => `${c.context}\n${c.text}`));
    hnsw = DenseIndex.build(vectors, input.embedder.dim);
    built.timings['dense embed'] = performance.now() - t;
  }
  const embedderInfo: IndexMeta['embedder'] = input.embedder
    ? { id: input.embedder.id, dim: input.embedder.dim, offline: false }
    : built.dense
      ? { id: embedderId(input), dim: DENSE_DIM, offline: true, docCount: built.dense.docCount, changedSinceFit: built.dense.changedSinceFit }
      : { id: embedderId(input), dim: 0, offline: true };

  // 5. write a new version and switch to it atomically
  const tw = performance.now();
  const name = `index-${Date.now()}-${process.pid}`;
  const tmpDir = path.join(dataDir, `${name}.tmp`);
  await mkdir(tmpDir, { recursive: true });
  const { k1, b, avgLen, terms } = built.bm25;
  const layout = await writeArrays(fileIn(tmpDir, 'arrays'), arraysOf(built.bm25, built.tokens, built.dense));
  await writeWords(fileIn(tmpDir, 'words'), built.tokens.vocab, terms, built.stems);
  // each document's passages in a file of its own: an unchanged document's file is copied from the previous index
  await mkdir(path.join(tmpDir, CHUNKS_DIR));
  const prevFiles = new Map(usable?.meta.docs.map((d) => [d.chunkFile, d.chunkBytes]));
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i];
    const target = path.join(tmpDir, CHUNKS_DIR, d.chunkFile!);
    const before = usable ? prevFiles.get(d.chunkFile) : undefined;
    if (before !== undefined && (await copyChunkFile(path.join(usable!.dir, CHUNKS_DIR, d.chunkFile!), target, before))) d.chunkBytes = before;
    else d.chunkBytes = await writeChunks(target, perDoc[i]);
  }
  if (hnsw) await hnsw.write(fileIn(tmpDir, 'hnsw'));
  const meta: IndexMeta = {
    version: PIPELINE_VERSION,
    format: INDEX_FORMAT,
    builtAt: new Date().toISOString(),
    docs,
    embedder: embedderInfo,
    bm25: { k1, b, avgLen },
    counts: { chunks: chunks.length, vocab: built.tokens.vocab.length, terms: terms.length },
    layout,
    warnings,
    manifests: input.manifests,
  };
  await writeFile(fileIn(tmpDir, 'meta'), JSON.stringify(meta));
  await rename(tmpDir, path.join(dataDir, name));
  await writeAtomic(path.join(dataDir, 'CURRENT'), name + '\n');
  // remove older versions
  for (const e of await readdir(dataDir)) {
    if (e.startsWith('index-') && e !== name) await rm(path.join(dataDir, e), { recursive: true, force: true });
  }
  built.timings.write = performance.now() - tw;
  return { dir: path.join(dataDir, name), chunks: chunks.length, tokenized: built.tokenized, timings: built.timings };
}

export async function writeAtomic(file: string, content: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(tmp, content);
  await rename(tmp, file);
}

/** One ingest at a time per data dir; a lock left by a dead process is taken over. */
async function acquireLock(dataDir: string): Promise<() => Promise<void>> {
  const lock = path.join(dataDir, 'ingest.lock');
  for (let attempt = 0; attempt < 600; attempt++) {
    try {
      const fh = await open(lock, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      return async () => {
        await rm(lock, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
      let alive = false;
      if (pid) {
        try {
          process.kill(pid, 0);
          alive = true;
        } catch {
          alive = false;
        }
      }
      if (!alive) {
        const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: 0 }))).mtimeMs;
        if (!pid && age < 2000) {
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        await rm(lock, { force: true });
        continue;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('en annan indexering pågår fortfarande');
}

export interface LoadedIndex {
  data: IndexData;
  bm25: Bm25Index;
  /** an external model's HNSW graph, or the offline vectors (rescoring BM25 candidates) when built; null without a dense stage */
  dense: DenseVectors | null;
  /** the offline embedder's fit, for the question side; null with an external model */
  offline: OfflineDense | null;
  lexicon: Lexicon;
  tokens: TokenStreams;
  dir: string;
}

/** The stored parts of an index dir, before the BM25 postings are compiled (what a rebuild reuses). */
export interface IndexParts {
  meta: IndexMeta;
  /** the passages (empty when read without them) */
  chunks: Chunk[];
  terms: string[];
  /** the stem of each distinct token in the lexicon ('' for the others), as `lexiconOf` gives them */
  stems: string[];
  bm25Arrays: ReturnType<typeof storedArrays>['bm25'];
  tokens: TokenStreams;
  dense: OfflineDense | null;
  dir: string;
}

/** Reads the current index dir's files; null when there is none or it is of another version. Throws when a file is damaged. */
export async function readIndexParts(dataDir: string, opts: { chunks?: boolean } = {}): Promise<IndexParts | null> {
  let name: string;
  try {
    name = (await readFile(path.join(dataDir, 'CURRENT'), 'utf8')).trim();
  } catch {
    return null;
  }
  const dir = path.join(dataDir, name);
  if (!existsSync(dir)) return null;
  const meta = JSON.parse(await readFile(fileIn(dir, 'meta'), 'utf8')) as IndexMeta;
  if (meta.version !== PIPELINE_VERSION || meta.format !== INDEX_FORMAT) return null;
  const stored = storedArrays(await readArrays(fileIn(dir, 'arrays'), meta.layout));
  const { vocab, terms, stems } = await readWords(fileIn(dir, 'words'), meta.counts.vocab, meta.counts.terms);
  const chunks: Chunk[] = [];
  if (opts.chunks !== false) for (const d of meta.docs) for (const c of await readChunks(path.join(dir, CHUNKS_DIR, d.chunkFile ?? ''))) chunks.push(c);
  const dense: OfflineDense | null = stored.dense
    ? {
        dim: meta.embedder.dim,
        df: stored.dense.df,
        docCount: meta.embedder.docCount ?? 0,
        changedSinceFit: meta.embedder.changedSinceFit ?? 0,
        vectors: new QuantizedVectors(stored.dense.vectors, stored.dense.inv, meta.embedder.dim),
      }
    : null;
  return { meta, chunks, terms, stems, bm25Arrays: stored.bm25, tokens: { vocab, ...stored.tokens }, dense, dir };
}

/**
 * For each document (in order), its chunk range in the previous index when its passages are the
 * same there (same file, bytes and passages' text and context, by digest), so a rebuild copies its
 * token streams and vectors instead of analysing it again.
 */
function reusableRanges(prev: IndexParts, docs: DocInfo[]): Array<{ from: number; to: number } | undefined> {
  const ranges = new Map<string, { doc: DocInfo; from: number; to: number }>();
  let at = 0;
  for (const d of prev.meta.docs) {
    ranges.set(d.path, { doc: d, from: at, to: at + d.chunks });
    at += d.chunks;
  }
  if (at !== prev.meta.counts.chunks || !streamsAgree(prev.tokens, at)) return [];
  return docs.map((d) => {
    const r = ranges.get(d.path);
    if (!r || !d.digest || r.doc.sha !== d.sha || r.doc.digest !== d.digest || r.to - r.from !== d.chunks) return undefined;
    return { from: r.from, to: r.to };
  });
}

/** whether token streams describe `n` chunks with ids of their own vocabulary (a damaged index is not copied from) */
function streamsAgree(t: TokenStreams, n: number): boolean {
  if (t.offsets.length !== n + 1 || t.ctxStart.length !== n || t.offsets[n] !== t.ids.length) return false;
  for (let i = 0; i < n; i++) if (t.offsets[i] > t.offsets[i + 1] || t.ctxStart[i] < t.offsets[i] || t.ctxStart[i] > t.offsets[i + 1]) return false;
  const v = t.vocab.length;
  for (let j = 0; j < t.ids.length; j++) if (!(t.ids[j] >= 0 && t.ids[j] < v)) return false;
  return true;
}

/**
 * Why a loaded index cannot answer, or null when its parts agree: the passages, the BM25 lengths
 * and postings, the token streams and the vectors must describe the same chunks, and every chunk a
 * known document.
 */
function inconsistency(parts: IndexParts, dense: DenseVectors | null): string | null {
  const { meta, chunks, bm25Arrays, tokens } = parts;
  const n = chunks.length;
  if (!Array.isArray(meta.docs)) return 'dokument saknas';
  if (meta.counts.chunks !== n) return `indexet har ${n} avsnitt av ${meta.counts.chunks}`;
  if (bm25Arrays.lengths.length !== n) return `BM25 har ${bm25Arrays.lengths.length} avsnitt, indexet ${n}`;
  if (!streamsAgree(tokens, n)) return `ordföljderna har ${tokens.offsets.length - 1} avsnitt, indexet ${n}`;
  if (dense && dense.stored !== n) return `vektorindexet har ${dense.stored} vektorer, indexet ${n} avsnitt`;
  if (meta.docs.reduce((s, d) => s + d.chunks, 0) !== n) return 'dokumentens avsnitt stämmer inte med indexets';
  const { docs, offsets } = bm25Arrays;
  if (offsets.length !== parts.terms.length + 1 || offsets[offsets.length - 1] !== docs.length) return 'BM25-termerna stämmer inte med posterna';
  for (let j = 0; j < docs.length; j++) if (!(docs[j] >= 0 && docs[j] < n)) return `BM25 pekar på avsnitt ${docs[j]} av ${n}`;
  const ids = new Set(meta.docs.map((d) => d.docId));
  const orphan = chunks.find((c) => !ids.has(c.docId));
  return orphan ? `avsnittet ${orphan.id} hör till ett okänt dokument` : null;
}

/**
 * Loads the current index of a data dir, or null when there is none or it cannot be used
 * (unreadable or inconsistent: the reason goes to `logger.warn`; the caller rebuilds it).
 */
export async function loadIndex(dataDir: string, logger?: Pick<Logger, 'warn'>): Promise<LoadedIndex | null> {
  let parts: IndexParts | null;
  try {
    parts = await readIndexParts(dataDir);
  } catch (err) {
    logger?.warn(`indexet i ${dataDir} kan inte läsas (${(err as Error).message}): det byggs om`);
    return null;
  }
  if (!parts) return null;
  const { meta, dir } = parts;
  try {
    const dense: DenseVectors | null = meta.embedder.offline ? (parts.dense?.vectors ?? null) : await DenseIndex.read(fileIn(dir, 'hnsw'), meta.embedder.dim, parts.chunks.length);
    if (meta.embedder.offline && meta.embedder.dim && !dense) return null;
    const problem = inconsistency(parts, dense);
    if (problem) {
      logger?.warn(`indexet i ${dir} är inkonsekvent (${problem}): det byggs om`);
      return null;
    }
    const bm25 = Bm25Index.fromArrays({ ...meta.bm25, terms: parts.terms, ...parts.bm25Arrays });
    return { data: { ...meta, chunks: parts.chunks }, bm25, dense, offline: parts.dense, lexicon: lexiconOf(parts.tokens, parts.stems).lexicon, tokens: parts.tokens, dir };
  } catch (err) {
    logger?.warn(`indexet i ${dir} kan inte läsas (${(err as Error).message}): det byggs om`);
    return null;
  }
}

/** True when the knowledge files or their manifests differ from the ones the index was built from. */
export async function indexIsStale(index: LoadedIndex, knowledgeDir: string): Promise<boolean> {
  if (index.data.manifests !== (await manifestsDigest(knowledgeDir))) return true;
  const files = await listFiles(knowledgeDir);
  const known = new Map(index.data.docs.map((d) => [d.path, d.sha]));
  if (files.length !== known.size) return true;
  for (const f of files) {
    const rel = path.relative(knowledgeDir, f);
    const sha = known.get(rel);
    if (!sha) return true;
    const bytes = await readFile(f);
    const now = createHash('sha256').update(bytes).update(String(PIPELINE_VERSION)).digest('hex').slice(0, 32);
    if (now !== sha) return true;
  }
  return false;
}
