/**
 * Reading registry files: the JSON shape and a flat CSV layout (documented in
 * knowledge/enterprises/README.md). Every bad row is reported by file, line and field; good rows load.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  CategorySchema,
  EnterpriseSchema,
  RegistryFileSchema,
  type Category,
  type Enterprise,
  type Registry,
  type RowIssue,
} from './schema.js';

export interface ParsedFile {
  categories: Category[];
  /** valid rows with the line each starts on */
  rows: Array<{ line: number; enterprise: Enterprise }>;
  issues: RowIssue[];
}

/** The CSV columns, in order. Lists are separated by `|`; booleans are true/false (ja/nej, 1/0 accepted). */
export const CSV_COLUMNS = [
  'id', 'name', 'sample', 'legalForm', 'municipality', 'region', 'serviceArea', 'categories', 'description',
  'offerings', 'targetGroups', 'workIntegrating', 'employees', 'traineePlaces', 'maxPeoplePerEvent',
  'maxPortionsPerDay', 'crewSize', 'capacityNote', 'fSkatt', 'reservedContractEligible',
  'publicContractsExperience', 'iop', 'maxContractValueSek', 'certifications', 'languages', 'contactName',
  'contactEmail', 'status', 'lastVerified',
] as const;

const LIST_COLUMNS = new Set(['serviceArea', 'categories', 'offerings', 'targetGroups', 'certifications', 'languages']);

function zodIssues(err: z.ZodError, file: string, line: number, id?: string): RowIssue[] {
  return err.issues.map((i) => ({
    file,
    line,
    ...(id ? { id } : {}),
    field: i.path.map(String).join('.') || '(rad)',
    message: i.message,
  }));
}

/** Validates enterprise records against the schema and the known category ids. */
function validateRows(
  records: Array<{ line: number; value: unknown }>,
  file: string,
  categoryIds: Set<string> | null,
): { rows: ParsedFile['rows']; issues: RowIssue[] } {
  const rows: ParsedFile['rows'] = [];
  const issues: RowIssue[] = [];
  for (const { line, value } of records) {
    const id = value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : undefined;
    const parsed = EnterpriseSchema.safeParse(value);
    if (!parsed.success) {
      issues.push(...zodIssues(parsed.error, file, line, id));
      continue;
    }
    if (categoryIds) {
      const unknown = parsed.data.categories.filter((c) => !categoryIds.has(c));
      if (unknown.length) {
        issues.push({ file, line, id, field: 'categories', message: `okänd kategori: ${unknown.join(', ')}` });
        continue;
      }
    }
    rows.push({ line, enterprise: parsed.data });
  }
  return { rows, issues };
}

/** Line numbers (1-based) where each element of the top-level `enterprises` array starts. */
export function enterpriseStartLines(text: string): number[] {
  const key = text.search(/"enterprises"\s*:\s*\[/);
  if (key < 0) return [];
  let i = text.indexOf('[', key) + 1;
  let line = text.slice(0, i).split('\n').length;
  let depth = 0;
  let inString = false;
  const starts: number[] = [];
  for (; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') {
      if (depth === 0) starts.push(line);
      depth++;
    } else if (ch === '}' || ch === ']') {
      if (depth === 0) break;
      depth--;
    }
  }
  return starts;
}

export function parseJsonRegistry(text: string, file: string, knownCategories: Category[] = []): ParsedFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const m = /position (\d+)/.exec(String(err));
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : 1;
    return { categories: [], rows: [], issues: [{ file, line, field: '(fil)', message: 'ogiltig JSON' }] };
  }
  // a bare array of enterprises is accepted too
  if (Array.isArray(raw)) raw = { enterprises: raw };
  const top = RegistryFileSchema.safeParse(raw);
  if (!top.success) return { categories: [], rows: [], issues: zodIssues(top.error, file, 1) };
  const categories = top.data.categories ?? [];
  const all = mergeCategories(knownCategories, categories);
  const lines = enterpriseStartLines(text);
  const records = top.data.enterprises.map((value, i) => ({ line: lines[i] ?? 1, value }));
  const { rows, issues } = validateRows(records, file, all.length ? new Set(all.map((c) => c.id)) : null);
  return { categories, rows, issues };
}

/** Splits CSV text into records of fields (RFC 4180 quoting), keeping the line each record starts on. */
export function parseCsv(text: string, delimiter: string): Array<{ line: number; fields: string[] }> {
  const out: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let startLine = 1;
  const t = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (inQuotes) {
      if (ch === '"' && t[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') inQuotes = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') inQuotes = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && t[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.some((f) => f.trim() !== '')) out.push({ line: startLine, fields });
      fields = [];
      field = '';
      line++;
      startLine = line;
    } else field += ch;
  }
  fields.push(field);
  if (fields.some((f) => f.trim() !== '')) out.push({ line: startLine, fields });
  return out;
}

function csvBool(v: string): unknown {
  const s = v.trim().toLowerCase();
  if (['true', 'ja', 'yes', '1', 'sant'].includes(s)) return true;
  if (['false', 'nej', 'no', '0', 'falskt', ''].includes(s)) return false;
  return v; // left for zod to reject
}

function csvNumber(v: string): unknown {
  const s = v.trim().replace(/\s/g, '');
  if (s === '') return undefined;
  const n = Number(s.replace(',', '.'));
  return Number.isFinite(n) ? n : v;
}

/** CSV row (by header name) → the JSON record shape. */
function csvRecord(row: Record<string, string>): Record<string, unknown> {
  const list = (k: string) => (row[k] ?? '').split('|').map((s) => s.trim()).filter(Boolean);
  const opt = (v: unknown) => (v === undefined ? {} : undefined);
  void opt;
  const capacity: Record<string, unknown> = {};
  for (const k of ['maxPeoplePerEvent', 'maxPortionsPerDay', 'crewSize'] as const) {
    const n = csvNumber(row[k] ?? '');
    if (n !== undefined) capacity[k] = n;
  }
  if ((row.capacityNote ?? '').trim()) capacity.note = row.capacityNote!.trim();
  const procurement: Record<string, unknown> = {
    fSkatt: csvBool(row.fSkatt ?? ''),
    reservedContractEligible: csvBool(row.reservedContractEligible ?? ''),
    publicContractsExperience: (row.publicContractsExperience ?? '').trim() || 'ingen',
    iop: csvBool(row.iop ?? ''),
  };
  const maxValue = csvNumber(row.maxContractValueSek ?? '');
  if (maxValue !== undefined) procurement.maxContractValueSek = maxValue;
  const rec: Record<string, unknown> = {
    id: row.id?.trim(),
    name: row.name?.trim(),
    sample: csvBool(row.sample ?? ''),
    legalForm: row.legalForm?.trim(),
    municipality: row.municipality?.trim(),
    region: row.region?.trim() ?? '',
    serviceArea: list('serviceArea'),
    categories: list('categories'),
    description: row.description?.trim(),
    offerings: list('offerings'),
    targetGroups: list('targetGroups'),
    workIntegrating: csvBool(row.workIntegrating ?? ''),
    traineePlaces: csvNumber(row.traineePlaces ?? '') ?? 0,
    capacity,
    procurement,
    certifications: list('certifications'),
    languages: list('languages').length ? list('languages') : ['svenska'],
    contact: { name: row.contactName?.trim() ?? '', email: row.contactEmail?.trim() },
    status: row.status?.trim(),
    lastVerified: row.lastVerified?.trim(),
  };
  const employees = csvNumber(row.employees ?? '');
  if (employees !== undefined) rec.employees = employees;
  return rec;
}

export function parseCsvRegistry(text: string, file: string, knownCategories: Category[] = []): ParsedFile {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records = parseCsv(text, delimiter);
  const header = records.shift();
  if (!header) return { categories: [], rows: [], issues: [{ file, line: 1, field: '(fil)', message: 'tom fil' }] };
  const names = header.fields.map((h) => h.trim());
  const missing = ['id', 'name', 'municipality', 'categories', 'description', 'status'].filter((c) => !names.includes(c));
  if (missing.length) {
    return { categories: [], rows: [], issues: [{ file, line: header.line, field: '(rubrikrad)', message: `kolumner saknas: ${missing.join(', ')}` }] };
  }
  const issues: RowIssue[] = [];
  const good: Array<{ line: number; value: unknown }> = [];
  for (const r of records) {
    if (r.fields.length !== names.length) {
      issues.push({ file, line: r.line, id: r.fields[0]?.trim() || undefined, field: '(rad)', message: `${r.fields.length} fält, väntade ${names.length}` });
      continue;
    }
    const row: Record<string, string> = {};
    names.forEach((n, i) => (row[n] = r.fields[i] ?? ''));
    good.push({ line: r.line, value: csvRecord(row) });
  }
  const ids = knownCategories.length ? new Set(knownCategories.map((c) => c.id)) : null;
  const v = validateRows(good, file, ids);
  return { categories: [], rows: v.rows, issues: [...issues, ...v.issues] };
}

/** Serializes enterprises to the CSV layout (semicolon-separated), e.g. for a template. */
export function toCsv(enterprises: Enterprise[]): string {
  const q = (v: unknown) => {
    const s = v === undefined || v === null ? '' : String(v);
    return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [CSV_COLUMNS.join(';')];
  for (const e of enterprises) {
    const flat: Record<string, unknown> = {
      ...e,
      maxPeoplePerEvent: e.capacity.maxPeoplePerEvent,
      maxPortionsPerDay: e.capacity.maxPortionsPerDay,
      crewSize: e.capacity.crewSize,
      capacityNote: e.capacity.note,
      ...e.procurement,
      contactName: e.contact.name,
      contactEmail: e.contact.email,
    };
    lines.push(CSV_COLUMNS.map((c) => q(LIST_COLUMNS.has(c) ? (flat[c] as string[]).join('|') : flat[c])).join(';'));
  }
  return lines.join('\n') + '\n';
}

export function mergeCategories(a: Category[], b: Category[]): Category[] {
  const byId = new Map<string, Category>();
  for (const c of [...a, ...b]) {
    const prev = byId.get(c.id);
    byId.set(c.id, prev ? { ...prev, synonyms: [...new Set([...prev.synonyms, ...c.synonyms])] } : CategorySchema.parse(c));
  }
  return [...byId.values()];
}

export function parseRegistryText(text: string, file: string, knownCategories: Category[] = []): ParsedFile {
  return file.toLowerCase().endsWith('.csv') ? parseCsvRegistry(text, file, knownCategories) : parseJsonRegistry(text, file, knownCategories);
}

/**
 * Loads every *.json and *.csv in the enterprises folder. Categories come from the JSON files;
 * a later file's enterprise with an id already loaded is skipped with an issue.
 */
export function loadRegistry(dir: string): Registry {
  let files: string[] = [];
  try {
    files = readdirSync(dir)
      .filter((f) => /\.(json|csv)$/i.test(f))
      .sort((a, b) => (a.endsWith('.csv') ? 1 : 0) - (b.endsWith('.csv') ? 1 : 0) || a.localeCompare(b));
  } catch {
    return { categories: [], enterprises: [], issues: [], hasSample: false };
  }
  // categories first, so every file's rows are checked against all of them
  let categories: Category[] = [];
  const texts = files.map((f) => ({ f, text: readFileSync(path.join(dir, f), 'utf8') }));
  for (const { f, text } of texts) {
    if (!f.toLowerCase().endsWith('.json')) continue;
    try {
      const raw = JSON.parse(text) as { categories?: unknown };
      const cats = z.array(CategorySchema).safeParse(raw.categories);
      if (cats.success) categories = mergeCategories(categories, cats.data);
    } catch {
      /* reported below */
    }
  }
  const enterprises: Enterprise[] = [];
  const issues: RowIssue[] = [];
  const seen = new Set<string>();
  for (const { f, text } of texts) {
    const parsed = parseRegistryText(text, f, categories);
    issues.push(...parsed.issues);
    for (const { line, enterprise } of parsed.rows) {
      if (seen.has(enterprise.id)) {
        issues.push({ file: f, line, id: enterprise.id, field: 'id', message: 'id finns redan i registret' });
        continue;
      }
      seen.add(enterprise.id);
      enterprises.push(enterprise);
    }
  }
  return { categories, enterprises, issues, hasSample: enterprises.some((e) => e.sample) };
}
