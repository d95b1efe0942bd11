/**
 * Prompts are Markdown files in prompts/ with a small front-matter:
 *
 *   ---
 *   name: answer            (must equal the file name without .md)
 *   version: 1
 *   description: one line
 *   variables: [question, passages]
 *   ---
 *   body with {{question}} and {{passages}} placeholders
 *
 * loadPrompts validates every file at start (zod): a missing file, broken front-matter, a declared
 * variable the body never uses or a placeholder that is not declared stops the start with an error
 * naming the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fromRoot } from '../root.js';

/** The prompts Brygga needs; each is prompts/<name>.md. */
export const REQUIRED_PROMPTS = ['system', 'answer', 'rewrite', 'match-advice', 'invitation'] as const;
export type PromptName = (typeof REQUIRED_PROMPTS)[number];

const FrontMatterSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'name: lowercase letters, digits and dashes'),
  version: z.coerce.number().int().positive(),
  description: z.string().min(1).optional(),
  variables: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, 'variables: lowercase identifiers')),
});

export interface Prompt {
  name: string;
  version: number;
  description?: string;
  variables: string[];
  body: string;
  file: string;
}

export type Prompts = Record<PromptName, Prompt> & { [name: string]: Prompt };

/** prompts/ at the repository root (also when running from the build in dist/, see src/root.ts). */
export function defaultPromptsDir(): string {
  return fromRoot('prompts');
}

function parseFrontMatter(file: string, source: string): Prompt {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(source);
  if (!m) throw new Error(`Prompten ${file}: saknar front-matter (--- name/version/variables --- överst i filen)`);
  const fields: Record<string, unknown> = {};
  for (const line of m[1]!.split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const kv = /^([a-z_]+):\s*(.*)$/.exec(line.trim());
    if (!kv) throw new Error(`Prompten ${file}: ogiltig rad i front-matter: "${line.trim()}"`);
    const value = kv[2]!.trim();
    fields[kv[1]!] = /^\[.*\]$/.test(value)
      ? value
          .slice(1, -1)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : value;
  }
  const parsed = FrontMatterSchema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Prompten ${file}: ogiltig front-matter: ${issue?.path.join('.') || ''} ${issue?.message ?? ''}`.trim());
  }
  const body = m[2]!.trim();
  if (!body) throw new Error(`Prompten ${file}: texten är tom`);
  const used = new Set([...body.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((x) => x[1]!));
  for (const v of used) {
    if (!parsed.data.variables.includes(v)) throw new Error(`Prompten ${file}: platshållaren {{${v}}} är inte deklarerad i variables`);
  }
  for (const v of parsed.data.variables) {
    if (!used.has(v)) throw new Error(`Prompten ${file}: variabeln ${v} används inte i texten`);
  }
  return { ...parsed.data, body, file };
}

/** Loads and validates every prompt; throws an Error naming the file on any problem. */
export function loadPrompts(dir: string = defaultPromptsDir()): Prompts {
  const out: Record<string, Prompt> = {};
  if (!fs.existsSync(dir)) throw new Error(`Promptkatalogen saknas: ${dir}`);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.md') && f.toLowerCase() !== 'readme.md');
  for (const name of REQUIRED_PROMPTS) {
    if (!files.includes(`${name}.md`)) throw new Error(`Prompten ${path.join(dir, `${name}.md`)} saknas`);
  }
  for (const f of files) {
    const file = path.join(dir, f);
    const prompt = parseFrontMatter(file, fs.readFileSync(file, 'utf8'));
    if (prompt.name !== f.slice(0, -3)) throw new Error(`Prompten ${file}: name "${prompt.name}" ska vara "${f.slice(0, -3)}"`);
    out[prompt.name] = prompt;
  }
  return out as Prompts;
}

/** Fills {{placeholders}}; every declared variable must be given. */
export function renderPrompt(prompt: Prompt, vars: Record<string, string>): string {
  for (const v of prompt.variables) {
    if (typeof vars[v] !== 'string') throw new Error(`Prompten ${prompt.name}: variabeln ${v} saknas`);
  }
  return prompt.body.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_, v: string) => vars[v] ?? '');
}
