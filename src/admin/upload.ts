/**
 * Uploading a document from the admin area: the file is checked (a supported format, readable,
 * not empty), its fields are validated with the manifest's own schema (DocumentMetaSchema), and the
 * access level must be chosen explicitly — the schema's default never applies here, so nothing
 * becomes public by omission. The file goes to `<knowledgeDir>/uppladdat/` and its entry into that
 * folder's manifest.json (written atomically); an existing file is never overwritten.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { AudienceSchema, DocumentMetaSchema, ManifestSchema, type DocumentMeta } from '../domain/types.js';
import { writeAtomic } from '../ingest/ingest.js';
import { loadFile, SUPPORTED_EXTENSIONS } from '../ingest/loaders.js';

export const UPLOAD_DIR = 'uppladdat';
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export interface UploadInput {
  fileName: string | null;
  bytes: Buffer | null;
  /** the form fields as strings (empty = not given) */
  fields: Record<string, string | undefined>;
}

export type UploadResult = { ok: true; meta: DocumentMeta; path: string } | { ok: false; errors: Record<string, string> };

/** A safe file name: the base name, letters, digits, dot, dash and underscore; null when nothing is left. */
export function safeFileName(name: string): string | null {
  const base = path.basename(name.replace(/\\/g, '/')).normalize('NFC');
  const cleaned = base.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[.-]+/, '');
  return cleaned && cleaned !== '.' ? cleaned : null;
}

const FIELD_NAMES: Record<string, string> = {
  title: 'Titel',
  kind: 'Typ',
  language: 'Språk',
  access: 'Åtkomst',
  author: 'Författare',
  publisher: 'Utgivare',
  year: 'År',
  decisionDate: 'Beslutsdatum',
  validUntil: 'Gäller till',
};

/** Validates and stores an upload; returns the errors by field when anything is wrong (nothing is written then). */
export async function saveUpload(knowledgeDir: string, input: UploadInput): Promise<UploadResult> {
  const errors: Record<string, string> = {};
  const f = Object.fromEntries(Object.entries(input.fields).map(([k, v]) => [k, v?.trim() ? v.trim() : undefined]));

  // the access level: an explicit, known choice (fail closed)
  if (!f.access) errors.access = 'Välj vem som får läsa dokumentet.';
  else if (!AudienceSchema.safeParse(f.access).success) errors.access = 'Okänd åtkomstnivå: välj offentlig, intern eller begränsad.';

  const fileName = input.fileName ? safeFileName(input.fileName) : null;
  if (!input.bytes || !input.bytes.length || !fileName) errors.file = 'Välj en fil att ladda upp.';
  else if (!SUPPORTED_EXTENSIONS.includes(path.extname(fileName).toLowerCase()))
    errors.file = `Filformatet stöds inte. Använd ${SUPPORTED_EXTENSIONS.join(', ')}.`;
  else if (input.bytes.length > MAX_UPLOAD_BYTES) errors.file = 'Filen är för stor (högst 20 MB).';
  else if (existsSync(path.join(knowledgeDir, UPLOAD_DIR, fileName))) errors.file = `Det finns redan en fil som heter ${fileName}. Byt namn på filen eller ta bort den gamla först.`;

  // the same rules as manifest.json
  const year = f.year === undefined ? undefined : Number(f.year);
  const candidate = {
    file: fileName ?? 'fil',
    title: f.title,
    kind: f.kind,
    language: f.language,
    access: f.access,
    author: f.author,
    publisher: f.publisher,
    year: Number.isNaN(year) ? f.year : year,
    decisionDate: f.decisionDate,
    validUntil: f.validUntil,
  };
  const parsed = DocumentMetaSchema.safeParse(Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const k = String(issue.path[0] ?? 'file');
      if (errors[k]) continue;
      errors[k] = k === 'title' && candidate.title === undefined ? 'Skriv dokumentets titel.' : `${FIELD_NAMES[k] ?? k}: ${swedishIssue(issue)}`;
    }
  }
  for (const k of ['decisionDate', 'validUntil'] as const) {
    if (f[k] && !errors[k] && !/^\d{4}-\d{2}-\d{2}$/.test(f[k]!)) errors[k] = `${FIELD_NAMES[k]}: skriv datumet som ÅÅÅÅ-MM-DD.`;
  }
  if (Object.keys(errors).length || !parsed.success) return { ok: false, errors };

  // the file must be readable as a document (checked on a temporary copy)
  const tmp = path.join(os.tmpdir(), `brygga-upload-${process.pid}-${Date.now()}-${fileName}`);
  await writeFile(tmp, input.bytes!);
  try {
    const loaded = await loadFile(tmp);
    if (!loaded.text.trim()) return { ok: false, errors: { file: 'Filen innehåller ingen text att indexera.' } };
  } catch (err) {
    return { ok: false, errors: { file: `Filen kunde inte läsas: ${(err as Error).message.replace(tmp, fileName!)}` } };
  } finally {
    await rm(tmp, { force: true });
  }

  const dir = path.join(knowledgeDir, UPLOAD_DIR);
  await mkdir(dir, { recursive: true });
  const manifestPath = path.join(dir, 'manifest.json');
  let manifest: z.infer<typeof ManifestSchema> = { description: 'Dokument uppladdade i Bryggas administration.', documents: [] };
  if (existsSync(manifestPath)) manifest = ManifestSchema.parse(JSON.parse(await readFile(manifestPath, 'utf8')));
  const meta: DocumentMeta = { ...parsed.data, file: fileName! };
  manifest.documents = [...manifest.documents.filter((d) => d.file !== fileName), meta];
  await writeFile(path.join(dir, fileName!), input.bytes!, { flag: 'wx' });
  await writeAtomic(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return { ok: true, meta, path: path.join(UPLOAD_DIR, fileName!) };
}

function swedishIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return 'ogiltigt värde';
    case 'too_small':
      return 'får inte vara tomt';
    case 'invalid_value':
      return 'ogiltigt val';
    default:
      return 'ogiltigt värde';
  }
}
