/** Shared helpers of the core tests: the repository's reports, temp dirs and small knowledge dirs. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildVocabulary, type Vocabulary } from '../../src/ingest/clean.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const KNOWLEDGE = path.join(REPO, 'knowledge');
export const REPORTS = path.join(KNOWLEDGE, 'reports');

/** The raw text of a report by its number prefix ("002"). */
export function report(prefix: string): { file: string; text: string; lines: string[] } {
  const file = fs.readdirSync(REPORTS).find((f) => f.startsWith(prefix + '_') && f.endsWith('.txt'));
  if (!file) throw new Error(`no report ${prefix}`);
  const text = fs.readFileSync(path.join(REPORTS, file), 'utf8');
  return { file, text, lines: text.replace(/\r\n?/g, '\n').split('\n') };
}

let vocab: Vocabulary | null = null;
/** The vocabulary of all reports, as ingest builds it. */
export function corpusVocabulary(): Vocabulary {
  vocab ??= buildVocabulary(
    fs
      .readdirSync(REPORTS)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => fs.readFileSync(path.join(REPORTS, f), 'utf8')),
  );
  return vocab;
}

export function tempDir(prefix = 'brygga-core-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface SmallDoc {
  file: string;
  text: string | Buffer;
  title?: string;
  access?: 'public' | 'internal' | 'restricted';
  /** leave the file out of the manifest */
  unlisted?: boolean;
}

/** A knowledge dir with the given documents and a manifest for those listed. */
export function smallKnowledge(docs: SmallDoc[]): string {
  const dir = tempDir('brygga-knowledge-');
  const listed = docs.filter((d) => !d.unlisted);
  for (const d of docs) fs.writeFileSync(path.join(dir, d.file), d.text);
  fs.writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({
      documents: listed.map((d) => ({ file: d.file, title: d.title ?? d.file, kind: 'report', language: 'sv', access: d.access ?? 'public' })),
    }),
  );
  return dir;
}

/** A knowledge dir holding copies of reports (by prefix) with their manifest entries. */
export function knowledgeWithReports(prefixes: string[]): string {
  const dir = tempDir('brygga-knowledge-');
  const manifest = JSON.parse(fs.readFileSync(path.join(REPORTS, 'manifest.json'), 'utf8')) as { documents: Array<{ file: string }> };
  const files = prefixes.map((p) => report(p).file);
  for (const f of files) fs.copyFileSync(path.join(REPORTS, f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ documents: manifest.documents.filter((d) => files.includes(d.file)) }));
  return dir;
}

export function rmrf(...dirs: string[]): void {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
}
