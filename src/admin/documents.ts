/**
 * What the index holds, read from the data dir's current index (`CURRENT` names the index folder, whose `index.json` describes it):
 * every document with title, access level, kind, when it was last indexed, its chunk count and
 * the warnings of the ingest that built the index; files the ingest skipped are listed too.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { IndexMeta, IngestWarning } from '../ingest/ingest.js';

export interface DocumentRow {
  docId: string | null;
  file: string;
  title: string;
  access: string | null;
  kind: string | null;
  /** policies: the decision date and how long it is valid (YYYY-MM-DD as in the manifest) */
  decisionDate: string | null;
  validUntil: string | null;
  /** ISO time of the index build that holds the document; null when it is not indexed */
  lastIndexed: string | null;
  chunks: number;
  indexed: boolean;
  warnings: string[];
}

export interface IndexSummary {
  builtAt: string | null;
  documents: number;
  chunks: number;
  /** bytes of the index dir's files */
  bytes: number;
}

let cache: { key: string; data: IndexMeta; bytes: number } | null = null;

/** The current index's description, documents and warnings (cached until CURRENT changes); null when there is no index. */
export async function readCurrentIndex(dataDir: string): Promise<{ data: IndexMeta; bytes: number } | null> {
  let name: string;
  try {
    name = (await readFile(path.join(dataDir, 'CURRENT'), 'utf8')).trim();
  } catch {
    return null;
  }
  const key = path.join(dataDir, name);
  if (cache?.key === key) return cache;
  try {
    const file = path.join(key, 'index.json');
    const data = JSON.parse(await readFile(file, 'utf8')) as IndexMeta;
    let bytes = 0;
    for (const f of await readdir(key)) bytes += await stat(path.join(key, f)).then((s) => s.size, () => 0);
    cache = { key, data, bytes };
    return cache;
  } catch {
    return null;
  }
}

export async function indexSummary(dataDir: string): Promise<IndexSummary> {
  const idx = await readCurrentIndex(dataDir);
  if (!idx) return { builtAt: null, documents: 0, chunks: 0, bytes: 0 };
  return { builtAt: idx.data.builtAt, documents: idx.data.docs.length, chunks: idx.data.counts?.chunks ?? 0, bytes: idx.bytes };
}

/** Every document of the current index, then the files its ingest skipped; sorted by title. */
export async function listDocuments(dataDir: string): Promise<DocumentRow[]> {
  const idx = await readCurrentIndex(dataDir);
  if (!idx) return [];
  const { data } = idx;
  const warnings = new Map<string, string[]>();
  for (const w of data.warnings ?? ([] as IngestWarning[])) warnings.set(w.file, [...(warnings.get(w.file) ?? []), w.message]);
  const rows: DocumentRow[] = data.docs.map((d) => ({
    docId: d.docId,
    file: d.path,
    title: d.title,
    access: d.access,
    kind: d.kind ?? null,
    decisionDate: d.decisionDate ?? null,
    validUntil: d.validUntil ?? null,
    lastIndexed: data.builtAt,
    chunks: d.chunks ?? 0,
    indexed: true,
    warnings: warnings.get(d.path) ?? [],
  }));
  const indexed = new Set(rows.map((r) => r.file));
  for (const [file, msgs] of warnings) {
    if (indexed.has(file)) continue;
    rows.push({ docId: null, file, title: path.basename(file), access: null, kind: null, decisionDate: null, validUntil: null, lastIndexed: null, chunks: 0, indexed: false, warnings: msgs });
  }
  return rows.sort((a, b) => Number(b.indexed === false) - Number(a.indexed === false) || a.title.localeCompare(b.title, 'sv'));
}
