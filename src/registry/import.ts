/**
 * `brygga registry import FILE`: validates a municipality's file (JSON shape or CSV), reports every bad
 * row by line and field, reports duplicates (same name and municipality, or an id already used), and
 * writes the good rows into the knowledge folder atomically (temporary file + rename).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../domain/types.js';
import { loadRegistry, parseRegistryText } from './load.js';
import type { Enterprise, RowIssue } from './schema.js';

export interface ImportReport {
  file: string;
  /** where the good rows were written (null when none) */
  written: string | null;
  imported: number;
  /** rows that passed validation and are not duplicates */
  valid: number;
  rejected: RowIssue[];
  duplicates: Array<{ line: number; id: string; name: string; municipality: string; reason: string }>;
}

export function duplicateKey(e: Pick<Enterprise, 'name' | 'municipality'>): string {
  return `${e.name.trim().toLowerCase().replace(/\s+/g, ' ')}|${e.municipality.trim().toLowerCase()}`;
}

/** Writes a file atomically: a temporary file in the same folder, then rename. */
export function writeFileAtomic(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

export function importRegistryFile(file: string, enterprisesDir: string, opts: { dryRun?: boolean } = {}): ImportReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`kan inte läsa filen ${file}`);
  }
  if (!/\.(json|csv)$/i.test(file)) throw new InputError('filen måste sluta på .json eller .csv');
  const existing = loadRegistry(enterprisesDir);
  const base = path.basename(file);
  const parsed = parseRegistryText(text, base, existing.categories);
  const takenIds = new Set(existing.enterprises.map((e) => e.id));
  const takenKeys = new Map(existing.enterprises.map((e) => [duplicateKey(e), e.id]));
  const duplicates: ImportReport['duplicates'] = [];
  const good: Enterprise[] = [];
  for (const { line, enterprise: e } of parsed.rows) {
    const key = duplicateKey(e);
    const dupOf = takenKeys.get(key);
    if (dupOf !== undefined) {
      duplicates.push({ line, id: e.id, name: e.name, municipality: e.municipality, reason: `samma namn och kommun som ${dupOf}` });
      continue;
    }
    if (takenIds.has(e.id)) {
      duplicates.push({ line, id: e.id, name: e.name, municipality: e.municipality, reason: 'id finns redan i registret' });
      continue;
    }
    takenIds.add(e.id);
    takenKeys.set(key, e.id);
    good.push(e);
  }
  let written: string | null = null;
  if (good.length && !opts.dryRun) {
    const target = path.join(enterprisesDir, `imported-${base.replace(/\.(json|csv)$/i, '').replace(/[^\w.-]+/g, '_')}.json`);
    let previous: unknown[] = [];
    try {
      const old = JSON.parse(readFileSync(target, 'utf8')) as { enterprises?: unknown[] };
      if (Array.isArray(old.enterprises)) previous = old.enterprises;
    } catch {
      /* first import of this file */
    }
    const body = {
      version: 1,
      description: good.some((e) => e.sample)
        ? 'Importerat register; poster med sample=true är fiktiva exempeldata.'
        : `Importerat från ${base}.`,
      enterprises: [...previous, ...good],
    };
    writeFileAtomic(target, JSON.stringify(body, null, 2) + '\n');
    written = target;
  }
  return { file, written, imported: opts.dryRun ? 0 : good.length, valid: good.length, rejected: parsed.issues, duplicates };
}
