/**
 * The needs register: municipal needs saved, listed, updated and closed with the enterprises that
 * were contacted. Persisted as one JSON file in the data dir, written atomically (temporary file +
 * rename) so a crash never leaves half a file, or in PostgreSQL when Brygga runs as several replicas
 * (the Store's `needs` backend). This is what the Slack adapter drives.
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

/**
 * Where the register's records live. `change` runs `fn` on all records under the backend's lock (a
 * temporary file + rename for the file, a transaction with an advisory lock on PostgreSQL), so two
 * replicas saving at once get different ids and neither save is lost; `fn` returns the records to
 * write (null: nothing changed) and the result.
 */
export interface NeedsBackend {
  /** every record, in the order they were saved */
  read(): Promise<NeedRecord[]>;
  change<T>(fn: (needs: NeedRecord[]) => { write: NeedRecord[] | null; result: T }): Promise<T>;
}

/** One JSON file (`<dataDir>/needs.json`), written atomically (temporary file + rename). One process at a time. */
export function fileNeedsBackend(dataDir: string): NeedsBackend & { file: string } {
  const file = path.join(dataDir, 'needs.json');
  const read = (): NeedRecord[] => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return [];
    }
    return FileSchema.parse(JSON.parse(text)).needs;
  };
  const write = (needs: NeedRecord[]) => {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: 1, needs }, null, 2) + '\n');
    renameSync(tmp, file);
  };
  return {
    file,
    async read() {
      return read();
    },
    async change(fn) {
      const { write: next, result } = fn(read());
      if (next) write(next);
      return result;
    },
  };
}

/** In process memory (a store without a data dir). */
export function memoryNeedsBackend(): NeedsBackend {
  let needs: NeedRecord[] = [];
  const copy = (xs: NeedRecord[]) => xs.map((n) => structuredClone(n));
  return {
    async read() {
      return copy(needs);
    },
    async change(fn) {
      const { write, result } = fn(copy(needs));
      if (write) needs = copy(write);
      return result;
    },
  };
}

/** The next free id "B-0001", "B-0002", … after the highest in `needs`. */
export function nextNeedId(needs: NeedRecord[]): string {
  const max = needs.reduce((m, n) => Math.max(m, Number(/^B-(\d+)$/.exec(n.id)?.[1] ?? 0)), 0);
  return `B-${String(max + 1).padStart(4, '0')}`;
}

export class NeedsRegister {
  private readonly backend: NeedsBackend;
  /** the JSON file when the register is kept in a data dir, else null */
  readonly file: string | null;

  /** `source`: a data dir (its needs.json) or a backend (the Store's `needs`) */
  constructor(source: string | NeedsBackend, private readonly now: () => Date = () => new Date()) {
    if (typeof source === 'string') {
      const b = fileNeedsBackend(source);
      this.backend = b;
      this.file = b.file;
    } else {
      this.backend = source;
      this.file = null;
    }
  }

  async save(input: z.input<typeof SaveNeedSchema>): Promise<NeedRecord> {
    const data = parseOrThrow(SaveNeedSchema, input);
    return this.backend.change((needs) => {
      const at = this.now().toISOString();
      const rec: NeedRecord = {
        id: nextNeedId(needs),
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
      return { write: [...needs, rec], result: rec };
    });
  }

  async list(filter: { status?: 'open' | 'closed' } = {}): Promise<NeedRecord[]> {
    return (await this.backend.read()).filter((n) => !filter.status || n.status === filter.status);
  }

  async get(id: string): Promise<NeedRecord | null> {
    return (await this.backend.read()).find((n) => n.id === id) ?? null;
  }

  private change(id: string, fn: (n: NeedRecord, at: string) => NeedRecord): Promise<NeedRecord> {
    return this.backend.change((needs) => {
      const i = needs.findIndex((n) => n.id === id);
      if (i < 0) throw new InputError(`behovet ${id} finns inte`, 'not_found');
      const updated = fn(needs[i]!, this.now().toISOString());
      needs[i] = updated;
      return { write: needs, result: updated };
    });
  }

  update(id: string, input: z.input<typeof UpdateNeedSchema>): Promise<NeedRecord> {
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

  close(id: string, input: z.input<typeof CloseNeedSchema> = {}): Promise<NeedRecord> {
    const data = parseOrThrow(CloseNeedSchema, input);
    return this.change(id, (n, at) => {
      if (n.status === 'closed') throw new InputError(`behovet ${id} är redan stängt`, 'closed');
      return { ...n, status: 'closed', contacted: data.contacted, ...(data.outcome ? { outcome: data.outcome } : {}), closedAt: at, updatedAt: at };
    });
  }
}

/** The register of a data dir (its needs.json) or of a Store's backend. */
export function openNeedsRegister(source: string | NeedsBackend): NeedsRegister {
  return new NeedsRegister(source);
}
