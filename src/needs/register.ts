/**
 * The needs register: municipal needs saved, listed, updated and closed with the enterprises that
 * were contacted. Persisted as one JSON file in the data dir, written atomically (temporary file +
 * rename) so a crash never leaves half a file. This is what the Slack adapter drives.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { InputError, MAX_QUESTION_CHARS } from '../domain/types.js';

export const NeedStatusSchema = z.enum(['open', 'closed']);

export const NeedRecordSchema = z.object({
  id: z.string(),
  text: z.string().min(1).max(MAX_QUESTION_CHARS),
  status: NeedStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** who registered it (e.g. a Slack user id), optional */
  createdBy: z.string().optional(),
  /** where it came from (e.g. a Slack channel), optional */
  channel: z.string().optional(),
  /** enterprise ids proposed by the matcher when saved or updated */
  proposed: z.array(z.string()).default([]),
  /** enterprise ids contacted, given when closing */
  contacted: z.array(z.string()).default([]),
  outcome: z.string().optional(),
  closedAt: z.string().optional(),
  notes: z.array(z.object({ at: z.string(), text: z.string() })).default([]),
});
export type NeedRecord = z.infer<typeof NeedRecordSchema>;

const FileSchema = z.object({ version: z.literal(1), needs: z.array(NeedRecordSchema) });

export const SaveNeedSchema = z.object({
  text: z.string().trim().min(1, 'behovet är tomt').max(MAX_QUESTION_CHARS, 'behovet är för långt'),
  createdBy: z.string().optional(),
  channel: z.string().optional(),
  proposed: z.array(z.string()).optional(),
});

export const UpdateNeedSchema = z.object({
  text: z.string().trim().min(1).max(MAX_QUESTION_CHARS).optional(),
  proposed: z.array(z.string()).optional(),
  note: z.string().trim().min(1).optional(),
});

export const CloseNeedSchema = z.object({
  contacted: z.array(z.string()).default([]),
  outcome: z.string().optional(),
});

function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new InputError(`${i.path.join('.') || 'indata'}: ${i.message}`);
  }
  return r.data;
}

export class NeedsRegister {
  readonly file: string;
  constructor(dataDir: string, private readonly now: () => Date = () => new Date()) {
    this.file = path.join(dataDir, 'needs.json');
  }

  private read(): NeedRecord[] {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return [];
    }
    return FileSchema.parse(JSON.parse(text)).needs;
  }

  private write(needs: NeedRecord[]): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.${randomUUID()}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: 1, needs }, null, 2) + '\n');
    renameSync(tmp, this.file);
  }

  private nextId(needs: NeedRecord[]): string {
    const max = needs.reduce((m, n) => Math.max(m, Number(/^B-(\d+)$/.exec(n.id)?.[1] ?? 0)), 0);
    return `B-${String(max + 1).padStart(4, '0')}`;
  }

  save(input: z.input<typeof SaveNeedSchema>): NeedRecord {
    const data = parseOrThrow(SaveNeedSchema, input);
    const needs = this.read();
    const at = this.now().toISOString();
    const rec: NeedRecord = {
      id: this.nextId(needs),
      text: data.text,
      status: 'open',
      createdAt: at,
      updatedAt: at,
      ...(data.createdBy ? { createdBy: data.createdBy } : {}),
      ...(data.channel ? { channel: data.channel } : {}),
      proposed: data.proposed ?? [],
      contacted: [],
      notes: [],
    };
    this.write([...needs, rec]);
    return rec;
  }

  list(filter: { status?: 'open' | 'closed' } = {}): NeedRecord[] {
    return this.read().filter((n) => !filter.status || n.status === filter.status);
  }

  get(id: string): NeedRecord | null {
    return this.read().find((n) => n.id === id) ?? null;
  }

  private change(id: string, fn: (n: NeedRecord, at: string) => NeedRecord): NeedRecord {
    const needs = this.read();
    const i = needs.findIndex((n) => n.id === id);
    if (i < 0) throw new InputError(`behovet ${id} finns inte`, 'not_found');
    const updated = fn(needs[i]!, this.now().toISOString());
    needs[i] = updated;
    this.write(needs);
    return updated;
  }

  update(id: string, input: z.input<typeof UpdateNeedSchema>): NeedRecord {
    const data = parseOrThrow(UpdateNeedSchema, input);
    return this.change(id, (n, at) => {
      if (n.status === 'closed') throw new InputError(`behovet ${id} är redan stängt`, 'closed');
      return {
        ...n,
        ...(data.text ? { text: data.text } : {}),
        ...(data.proposed ? { proposed: data.proposed } : {}),
        notes: data.note ? [...n.notes, { at, text: data.note }] : n.notes,
        updatedAt: at,
      };
    });
  }

  close(id: string, input: z.input<typeof CloseNeedSchema> = {}): NeedRecord {
    const data = parseOrThrow(CloseNeedSchema, input);
    return this.change(id, (n, at) => {
      if (n.status === 'closed') throw new InputError(`behovet ${id} är redan stängt`, 'closed');
      return { ...n, status: 'closed', contacted: data.contacted, ...(data.outcome ? { outcome: data.outcome } : {}), closedAt: at, updatedAt: at };
    });
  }
}

export function openNeedsRegister(dataDir: string): NeedsRegister {
  return new NeedsRegister(dataDir);
}
