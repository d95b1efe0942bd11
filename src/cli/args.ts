/** Small helpers shared by the command modules: argument parsing and JSONL batches. */
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Bad usage of a command: exit status 2 with a one-line reason. */
export class UsageError extends Error {}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(swedishParseError(err));
  }
}

/** node:util parseArgs' errors (English) in Swedish, by their error code; an unknown code keeps its text. */
function swedishParseError(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const option = /'(--?[\w-]+)/.exec(e.message ?? '')?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `okänd flagga ${option ?? ''}`.trim();
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return option ? `flaggan ${option} har fel värde (saknas det ett värde efter den?)` : 'en flagga har fel värde';
    default:
      return e.message ?? String(err);
  }
}

/** Reads a JSONL file: one entry per non-empty line, with the parse error kept per line. */
export function readJsonl(file: string): Array<{ line: number; value?: unknown; error?: string }> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`kan inte läsa filen ${file}`);
  }
  const out: Array<{ line: number; value?: unknown; error?: string }> = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    try {
      out.push({ line: i + 1, value: JSON.parse(raw) });
    } catch {
      out.push({ line: i + 1, error: `rad ${i + 1}: ogiltig JSON` });
    }
  });
  return out;
}

/**
 * Runs a batch: one output line per input line, same order; a bad line gets {"id", "error"}
 * and never stops the batch.
 */
export async function runBatch(
  file: string,
  handle: (value: Record<string, unknown>) => Promise<Record<string, unknown>>,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  for (const entry of readJsonl(file)) {
    const value = entry.value as Record<string, unknown> | undefined;
    const id = value && typeof value === 'object' && typeof value.id === 'string' ? value.id : undefined;
    let result: Record<string, unknown>;
    if (entry.error || !value || typeof value !== 'object' || Array.isArray(value)) {
      result = { ...(id ? { id } : {}), error: entry.error ?? `rad ${entry.line}: förväntade ett JSON-objekt` };
    } else {
      try {
        result = { ...(id !== undefined ? { id } : {}), ...(await handle(value)) };
      } catch (err) {
        result = { ...(id !== undefined ? { id } : {}), error: err instanceof Error ? err.message : String(err) };
      }
    }
    out.write(JSON.stringify(result) + '\n');
  }
  return 0;
}
