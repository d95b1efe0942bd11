/**
 * Ingestion: knowledge files → cleaned, chunked passages → lexical and dense indexes, written
 * atomically into the data dir. Incremental: a file whose bytes have not changed is not loaded
 * or chunked again (its result is cached by content hash).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AudienceSchema, DocumentMetaSchema, type Audience, type Chunk, type DocumentMeta } from '../domain/types.js';
import { analyze, Lexicon, tokenize } from '../retrieval/analyzer.js';
import { Bm25Index, type Bm25Data } from '../retrieval/bm25.js';
import { DenseIndex, HashingEmbedder, type HashingEmbedderState } from '../retrieval/dense.js';
import type { Embedder } from '../retrieval/embedder.js';
import { chunkDocument } from './chunk.js';
import { buildVocabulary, cleanText, type CleanLine } from './clean.js';
import { loadFile, LoadError, SUPPORTED_EXTENSIONS, type LoadedText } from './loaders.js';

/** Bump when cleaning or chunking changes, so cached results are rebuilt. */
export const PIPELINE_VERSION = 10;

export type DocInfo = DocumentMeta & { docId: string; path: string; sha: string };

export interface IndexData {
  version: number;
  builtAt: string;
  docs: DocInfo[];
  chunks: Chunk[];
  /** analyzed terms of each chunk, as indexed */
  bm25: Bm25Data;
  lexicon: Array<[string, number]>;
  embedder: { id: string; dim: number; state?: HashingEmbedderState };
  /** the warnings of the ingest that built this index, by file (relative to the knowledge dir); shown in /admin */
  warnings?: IngestWarning[];
  /** manifestsDigest() of the knowledge dir the index was built from */
  manifests?: string;
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
  /** progress callback: done, total, what */
  progress?: (done: number, total: number, what: string) => void;
}

export interface IngestSummary {
  documents: number;
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
    const chunks: Chunk[] = [];
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
      chunks.push(...docChunks);
      docs.push({ ...e.meta, docId: e.docId, path: rel, sha: e.sha });
    }
    opts.progress?.(done, done, 'bygger index');

    // 3. lexical index
    const lexicon = new Lexicon();
    for (const c of chunks) for (const t of tokenize(c.text)) if (t.length >= 4 && !/\d/.test(t)) lexicon.add(t);
    const termsOf = (c: Chunk) => analyze(`${c.text}\n${c.context}`, { lexicon });
    const bm25 = Bm25Index.build(chunks.map(termsOf));

    // 4. dense index
    const texts = chunks.map((c) => `${c.context}\n${c.text}`);
    let embedderInfo: IndexData['embedder'];
    let vectors: number[][];
    if (opts.embedder) {
      vectors = await opts.embedder.embedDocuments(texts);
      embedderInfo = { id: opts.embedder.id, dim: opts.embedder.dim };
    } else {
      const emb = HashingEmbedder.fit(texts);
      vectors = await emb.embedDocuments(texts);
      embedderInfo = { id: emb.id, dim: emb.dim, state: emb.toJSON() };
    }
    const dense = DenseIndex.build(vectors, embedderInfo.dim);

    // 5. write a new version and switch to it atomically
    const data: IndexData = {
      version: PIPELINE_VERSION,
      builtAt: new Date().toISOString(),
      docs,
      chunks,
      bm25: bm25.toJSON(),
      lexicon: lexicon.toJSON(),
      embedder: embedderInfo,
      warnings,
      manifests: manifestDigest,
    };
    const name = `index-${Date.now()}-${process.pid}`;
    const tmpDir = path.join(dataDir, `${name}.tmp`);
    await mkdir(tmpDir, { recursive: true });
    await writeFile(path.join(tmpDir, 'index.json'), JSON.stringify(data));
    await dense.write(path.join(tmpDir, 'vectors.hnsw'));
    await rename(tmpDir, path.join(dataDir, name));
    await writeAtomic(path.join(dataDir, 'CURRENT'), name + '\n');
    // remove older versions
    for (const e of await readdir(dataDir)) {
      if (e.startsWith('index-') && e !== name) await rm(path.join(dataDir, e), { recursive: true, force: true });
    }
    return {
      documents: docs.length,
      chunks: chunks.length,
      skipped,
      reused,
      processed: entries.length - reused,
      ms: performance.now() - t0,
      indexDir: path.join(dataDir, name),
    };
  } finally {
    await release();
  }
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
  dense: DenseIndex;
  lexicon: Lexicon;
  dir: string;
}

/**
 * Why a loaded index cannot answer, or null when its parts agree: the passages, the BM25 lengths
 * and postings and the HNSW vectors must describe the same chunks, and every chunk a known document.
 */
function inconsistency(data: IndexData, dense: DenseIndex): string | null {
  const n = data.chunks.length;
  if (!Array.isArray(data.chunks) || !Array.isArray(data.docs)) return 'chunks eller dokument saknas';
  if (data.bm25.lengths.length !== n) return `BM25 har ${data.bm25.lengths.length} avsnitt, indexet ${n}`;
  if (dense.stored !== n) return `vektorindexet har ${dense.stored} vektorer, indexet ${n} avsnitt`;
  for (const [term, post] of Object.entries(data.bm25.postings)) {
    for (let i = 0; i < post.length; i += 2) {
      if (!(post[i]! >= 0 && post[i]! < n)) return `BM25-termen "${term}" pekar på avsnitt ${post[i]} av ${n}`;
    }
  }
  const ids = new Set(data.docs.map((d) => d.docId));
  const orphan = data.chunks.find((c) => !ids.has(c.docId));
  return orphan ? `avsnittet ${orphan.id} hör till ett okänt dokument` : null;
}

/**
 * Loads the current index of a data dir, or null when there is none or it cannot be used
 * (unreadable or inconsistent: the reason goes to `logger.warn`; the caller rebuilds it).
 */
export async function loadIndex(dataDir: string, logger?: Pick<Logger, 'warn'>): Promise<LoadedIndex | null> {
  let name: string;
  try {
    name = (await readFile(path.join(dataDir, 'CURRENT'), 'utf8')).trim();
  } catch {
    return null;
  }
  const dir = path.join(dataDir, name);
  try {
    const data = JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8')) as IndexData;
    if (data.version !== PIPELINE_VERSION) return null;
    const dense = await DenseIndex.read(path.join(dir, 'vectors.hnsw'), data.embedder.dim, data.chunks.length);
    const problem = inconsistency(data, dense);
    if (problem) {
      logger?.warn(`indexet i ${dir} är inkonsekvent (${problem}): det byggs om`);
      return null;
    }
    return { data, bm25: Bm25Index.fromJSON(data.bm25), dense, lexicon: new Lexicon(data.lexicon), dir };
  } catch (err) {
    if (existsSync(dir)) logger?.warn(`indexet i ${dir} kan inte läsas (${(err as Error).message}): det byggs om`);
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
