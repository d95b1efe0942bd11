/**
 * The storage interface (`Store`) and its embedded implementation: conversations, feedback, button
 * state, follow-up memory, delivery deduplication and rate counters in SQLite
 * (`<dataDir>/brygga.sqlite`, WAL), the default for one replica. `postgres.ts` implements the same
 * interface for several replicas (BRYGGA_DATABASE_URL). Every text is passed through
 * redactPersonalData before it is written, so personnummer, phone numbers and e-mail addresses
 * never reach the disk. Answers, their metadata and remembered answers are stored packed (compact.ts)
 * and unpacked when read; what users typed is stored as plain text.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { InputError } from '../domain/types.js';
import { subjectsOf, type Turn, type TurnStore } from '../conversation/memory.js';
import { fileNeedsBackend, memoryNeedsBackend, type NeedsBackend } from '../needs/register.js';
import { BACKSTOP_PAGES, walCheckpointer } from './checkpointer.js';
import { sqliteRateCounter, type RateCounter } from './counters.js';
import { type Deduplicator, sqliteDeduplicator } from './dedup.js';
import { packNullable, packText, unpackText } from './compact.js';
import { redactDeep, redactPersonalData } from './redact.js';

export type Channel = 'web' | 'slack' | 'teams' | 'cli';

/** One answer with the question before it, for the admin view. Texts are as stored: already redacted. */
export interface Exchange {
  sessionId: string;
  channel: Channel;
  /** the user's message just before the answer (null when there was none) */
  question: string | null;
  questionMeta: Record<string, unknown> | null;
  answerId: string;
  answer: string;
  answerMeta: Record<string, unknown> | null;
  /** ISO 8601 UTC */
  at: string;
  feedback: Array<{ rating: 'up' | 'down'; comment: string | null; at: string }>;
}

export interface ExchangeFilter {
  /** ISO 8601 lower bound (inclusive) of the answer's time */
  from?: string;
  /** ISO 8601 upper bound (exclusive) */
  to?: string;
  channel?: Channel;
  /** at most this many, newest first (default 5000) */
  limit?: number;
}

/** An answer a user asked a person to follow up ("Behöver mer hjälp" in Slack and Teams). */
export interface FollowUp {
  sessionId: string;
  channel: Channel;
  answerId: string;
  answer: string;
  /** the user's message just before the answer (null when there was none) */
  question: string | null;
  /** the link to the thread or conversation that was posted to the colleagues (null when none could be made) */
  link: string | null;
  /** ISO 8601 UTC of the press */
  at: string;
}

export interface StoredMessage {
  messageId: string;
  sessionId: string;
  role: 'user' | 'assistant';
  text: string;
  meta: Record<string, unknown> | null;
  at: string;
}

export interface Store {
  /** which implementation: the embedded SQLite database (one replica) or PostgreSQL (shared by replicas) */
  readonly kind: 'sqlite' | 'postgres';
  /**
   * A new session with a server-issued random id. With an externalId (a Slack thread, a Teams
   * conversation) the same id is returned for the same (channel, externalId) pair, so a platform
   * conversation keeps one session.
   */
  createSession(channel: Channel, externalId?: string): Promise<string>;
  getSession(sessionId: string): Promise<{ id: string; channel: Channel; createdAt: string } | null>;
  /** returns the messageId; text and meta are redacted before storing; InputError for an unknown session */
  appendMessage(m: { sessionId: string; role: 'user' | 'assistant'; text: string; meta?: Record<string, unknown> }): Promise<string>;
  /** the last `limit` messages (default 50), oldest first */
  history(sessionId: string, limit?: number): Promise<Array<{ messageId: string; role: 'user' | 'assistant'; text: string; at: string }>>;
  /** throws InputError for an unknown session or a message not in that session */
  saveFeedback(f: { sessionId: string; messageId: string; rating: 'up' | 'down'; comment?: string }): Promise<void>;
  /**
   * deletes a session with its messages, feedback and follow-up memory, leaving no trace of their
   * text in the database (SQLite: file and WAL; PostgreSQL: the tables are vacuumed); false when it did not exist
   */
  deleteSession(sessionId: string): Promise<boolean>;
  /**
   * deletes sessions without activity for `days` days (with their messages, feedback and memory);
   * returns how many. On PostgreSQL one replica at a time purges (an advisory lock); the others get 0.
   */
  purgeOlderThan(days: number): Promise<number>;
  /**
   * null when every write that has resolved so far is durable, else a promise that resolves when
   * they are (SQLite commits the writes of one turn of the event loop together; PostgreSQL has
   * committed each when it resolved, so it is always null) and rejects when that commit failed.
   * The server sends no response before it (src/server/app.ts).
   */
  committed(): Promise<void> | null;
  /** null when the database can be read and written, else the reason (Swedish) */
  health(): Promise<string | null>;
  /** answers with their questions and feedback, newest first (the admin view) */
  exchanges(filter?: ExchangeFilter): Promise<Exchange[]>;
  /** one stored message with its (redacted) meta; null when it is not in that session */
  message(sessionId: string, messageId: string): Promise<StoredMessage | null>;
  /**
   * Remembers which stored message a platform object refers to (a Teams activity id, a link
   * token), so that a button or reaction on it finds the message after a restart. The link is
   * deleted with its message (and so with its session). A key already linked is overwritten.
   */
  linkMessage(key: string, ids: { sessionId: string; messageId: string }): Promise<void>;
  /** the message a key was linked to, or null */
  linkedMessage(key: string): Promise<{ sessionId: string; messageId: string; at: string } | null>;
  /**
   * Marks a stored answer for follow-up by a person. Resolves true the first time, false when it was
   * already marked (so a second press notifies nobody). Throws InputError for a message not in
   * that session. The mark is deleted with the message (and so with its session).
   */
  markFollowUp(f: { sessionId: string; messageId: string; link?: string | null }): Promise<boolean>;
  /** takes a mark back (when the colleagues could not be notified, so that a new press tries again) */
  unmarkFollowUp(messageId: string): Promise<void>;
  /** answers marked for follow-up, newest first, filtered like exchanges() by the time of the press */
  followUps(filter?: ExchangeFilter): Promise<FollowUp[]>;
  /** platform deliveries seen (Slack retries and replays, Teams redeliveries); see dedup.ts */
  dedup: Deduplicator;
  /** the follow-up memory of sessions (see conversation/memory.ts); texts are redacted before storing */
  turns: TurnStore;
  /** fixed-window request counters shared by every replica using this store (rate limits; see counters.ts) */
  counters: RateCounter;
  /** the needs register's records (see needs/register.ts) */
  needs: NeedsBackend;
  close(): Promise<void>;
}

/**
 * The tables, each as a function of its name (the migration builds a table under a new name first).
 * Times are integers, milliseconds since 1970-01-01 UTC (6 bytes in a row against 24 for ISO 8601
 * text; issue 17), turned into ISO 8601 strings when read. Sessions have no index on updated_at: the
 * daily purge reads the sessions table through (a few dozen bytes a session), instead of every
 * message rewriting an index entry.
 */
const TABLES: Record<string, (name: string) => string> = {
  // kept in id order itself: no rowid, and no second copy of the id in an index
  sessions: (t) => `CREATE TABLE IF NOT EXISTS ${t} (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  external_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID`,
  messages: (t) => `CREATE TABLE IF NOT EXISTS ${t} (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
  text TEXT NOT NULL,
  meta TEXT,
  at INTEGER NOT NULL
)`,
  feedback: (t) => `CREATE TABLE IF NOT EXISTS ${t} (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
  comment TEXT,
  at INTEGER NOT NULL
)`,
  message_links: (t) => `CREATE TABLE IF NOT EXISTS ${t} (
  key TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  at INTEGER NOT NULL
)`,
  follow_ups: (t) => `CREATE TABLE IF NOT EXISTS ${t} (
  message_id TEXT PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  link TEXT,
  at INTEGER NOT NULL
)`,
  memory_turns: (t) => `CREATE TABLE IF NOT EXISTS ${t} (
  session_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
  text TEXT NOT NULL,
  subjects TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (session_id, seq)
) WITHOUT ROWID`,
};

/** the time columns of each table, ISO 8601 text in databases made before the times became integers */
const TIME_COLUMNS: Record<string, string[]> = {
  sessions: ['created_at', 'updated_at'],
  messages: ['at'],
  feedback: ['at'],
  message_links: ['at'],
  follow_ups: ['at'],
  memory_turns: ['at'],
};

const SCHEMA = `
${Object.entries(TABLES)
  .map(([name, ddl]) => ddl(name) + ';')
  .join('\n')}
CREATE UNIQUE INDEX IF NOT EXISTS sessions_external ON sessions(channel, external_id) WHERE external_id IS NOT NULL;
DROP INDEX IF EXISTS sessions_updated;
CREATE INDEX IF NOT EXISTS messages_session ON messages(session_id, seq);
CREATE INDEX IF NOT EXISTS message_links_message ON message_links(message_id);
DROP INDEX IF EXISTS memory_turns_at;
DROP TABLE IF EXISTS processed;
`;

/** the id columns of each table: their ids are moved to their stored form (storedId) with the times */
const ID_COLUMNS: Record<string, string[]> = {
  sessions: ['id'],
  messages: ['id', 'session_id'],
  feedback: ['id', 'session_id', 'message_id'],
  message_links: ['session_id', 'message_id'],
  follow_ups: ['message_id', 'session_id'],
  memory_turns: ['session_id'],
};

/** an ISO 8601 text time (as written before) as milliseconds since 1970 UTC, in SQL */
const isoToMs = (col: string) => `CAST(ROUND((julianday(${col}) - 2440587.5) * 86400000.0) AS INTEGER)`;

/**
 * Moves a database made before the times became integers (ISO 8601 text) over, once, in one
 * transaction: each table is rebuilt with its times converted (SQLite cannot change a column's
 * type) and its ids in their stored form (storedId), texts as they are. Foreign keys are off while the tables are swapped (SQLite's
 * documented way to rebuild a table that others refer to) and checked before the commit.
 */
function migrateTimes(db: Database.Database): void {
  const textTimes = () =>
    (db.prepare("SELECT type FROM pragma_table_info('sessions') WHERE name = 'created_at'").get() as { type: string } | undefined)?.type.toUpperCase() === 'TEXT';
  if (!textTimes()) return;
  db.function('brygga_stored_id', { deterministic: true }, (v: unknown) => (typeof v === 'string' ? storedId(v) : v) as string | Buffer);
  db.pragma('foreign_keys = OFF');
  try {
    db.exec('BEGIN IMMEDIATE');
    try {
      // another process may have moved it over while this one waited for the lock
      if (textTimes()) {
        for (const [name, ddl] of Object.entries(TABLES)) {
          const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name);
          if (!exists) continue;
          const cols = (db.prepare(`SELECT name FROM pragma_table_info('${name}') ORDER BY cid`).all() as Array<{ name: string }>).map((c) => c.name);
          const times = new Set(TIME_COLUMNS[name]);
          const ids = new Set(ID_COLUMNS[name]);
          db.exec(ddl(`${name}_new`));
          db.exec(
            `INSERT INTO ${name}_new (${cols.join(', ')}) SELECT ${cols.map((c) => (times.has(c) ? isoToMs(c) : ids.has(c) ? `brygga_stored_id(${c})` : c)).join(', ')} FROM ${name}`,
          );
          db.exec(`DROP TABLE ${name}`);
          db.exec(`ALTER TABLE ${name}_new RENAME TO ${name}`);
        }
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length) throw new Error(`${broken.length} rader pekar på rader som saknas efter flytten av tiderna`);
        db.exec(SCHEMA);
      }
      db.exec('COMMIT');
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

/** a stored time (ms since 1970 UTC) as ISO 8601 UTC */
const iso = (ms: number): string => new Date(ms).toISOString();

/** an ISO 8601 bound of a filter as ms; InputError when it is no time */
function boundMs(value: string | undefined, otherwise: number): number {
  if (value === undefined || value === '') return otherwise;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InputError(`Ogiltig tidpunkt: ${value}`, 'invalid_time');
  return ms;
}

const DAY_MS = 24 * 60 * 60 * 1000;

class RollbackProbe extends Error {}

/** random bytes drawn in blocks: one randomBytes call per 256 ids instead of one per id */
let idPool = Buffer.alloc(0);
let idAt = 0;

/**
 * An id: the time in ms in base 36 (9 characters, so that text order is time order) then 16 random
 * bytes (crypto.randomBytes) in base64url (22 characters). The random part makes it unguessable as
 * before; the time in front makes new rows sort after the old, so each index on an id (and the
 * follow-up memory, kept in session order) grows at its end instead of touching a random page per
 * row (issue 17: a batch's commit wrote about half the pages).
 */
function newId(): string {
  if (idAt + 16 > idPool.length) {
    idPool = randomBytes(16 * 256);
    idAt = 0;
  }
  idAt += 16;
  return Date.now().toString(36).padStart(9, '0') + idPool.toString('base64url', idAt - 16, idAt);
}

/** an id as newId() makes them: 9 characters of time in base 36, 22 of random bytes in base64url */
const ID_FORM = /^[0-9a-z]{9}[A-Za-z0-9_-]{21}[AQgw]$/;

/**
 * The stored form of an id (issue 17: a session's id is in about seven rows and index entries per
 * answer, a message's in four): one that newId() made is stored as 22 bytes (the time in 6, the
 * random bytes in 16) instead of 31 characters; any other (written before, or given by a tool) as
 * it is. One id has one stored form, and `idText` gives the id back from it.
 */
export function storedId(id: string): string | Buffer {
  if (!ID_FORM.test(id)) return id;
  const time = parseInt(id.slice(0, 9), 36);
  if (!(time < 2 ** 48) || time.toString(36).padStart(9, '0') !== id.slice(0, 9)) return id;
  const out = Buffer.allocUnsafe(22);
  out.writeUIntBE(time, 0, 6);
  if (out.write(id.slice(9), 6, 'base64url') !== 16) return id;
  return out;
}

/** the id of a stored form (see storedId) */
export function idText(value: string | Uint8Array): string {
  if (typeof value === 'string') return value;
  const b = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return b.readUIntBE(0, 6).toString(36).padStart(9, '0') + b.toString('base64url', 6, 22);
}

/** The database file of a data dir. */
export function storeFile(dataDir: string): string {
  return path.join(dataDir, 'brygga.sqlite');
}

/** A database that cannot be used (damaged, not a database, read-only); `file` names it. */
export class StorageError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`databasen ${file} kan inte användas: ${reason}`);
    this.name = 'StorageError';
  }
}

/** SQLite result codes that mean the database itself is unusable, not that one statement was wrong. */
const STORAGE_CODES = /^SQLITE_(CORRUPT|NOTADB|READONLY|IOERR|CANTOPEN|FULL|PERM|PROTOCOL)/;

function reasonOf(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  const msg = err instanceof Error ? err.message : String(err);
  if (typeof code === 'string' && /NOTADB/.test(code)) return `filen är inte en SQLite-databas eller har ett skadat huvud (${msg})`;
  if (typeof code === 'string' && /CORRUPT/.test(code)) return `databasen är skadad (${msg})`;
  if (typeof code === 'string' && /READONLY|PERM/.test(code)) return `databasen är skrivskyddad (${msg})`;
  return msg;
}

/** True for an error that says the database is unusable (see STORAGE_CODES). */
export function isStorageFailure(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return err instanceof StorageError || (typeof code === 'string' && STORAGE_CODES.test(code));
}

/**
 * Opens the store of a data dir and checks that it can be used: readable (`PRAGMA quick_check`)
 * and writable (a write that is rolled back). Rejects with StorageError naming the file otherwise.
 */
export async function openCheckedStore(dataDir: string): Promise<Store> {
  const file = storeFile(dataDir);
  let store: Store;
  try {
    store = openStore(dataDir);
  } catch (err) {
    throw new StorageError(file, reasonOf(err));
  }
  const problem = await store.health();
  if (problem) {
    await store.close();
    throw new StorageError(file, problem);
  }
  return store;
}

/** the Store's parts that are objects of methods; their calls fail over like the Store's own */
const PARTS = new Set(['dedup', 'turns', 'counters', 'needs']);

/**
 * A store that keeps the server answering when its database fails: the first storage failure (at
 * open or later: damaged, read-only, disk full) switches to an in-memory database for the rest of
 * the process and calls `onFailure` with the reason once. Conversations are then not persisted.
 */
export async function resilientStore(dataDir: string, onFailure: (err: StorageError) => void): Promise<Store & { dbTimeMs(): number }> {
  const file = storeFile(dataDir);
  let current: Store;
  let failed = false;
  const fail = (err: unknown) => {
    const e = err instanceof StorageError ? err : new StorageError(file, reasonOf(err));
    current = openStore(null);
    onFailure(e);
  };
  try {
    current = await openCheckedStore(dataDir);
  } catch (err) {
    if (!isStorageFailure(err)) throw err;
    failed = true;
    current = openStore(null);
    onFailure(err as StorageError);
  }
  // every method of the store and of its parts, present and future, goes through the same
  // failover: a call that fails on storage is retried once on the in-memory database that
  // replaces the broken one
  type Methods = Record<string, (...a: unknown[]) => unknown>;
  const target = (part: string | null) => (part ? (current as unknown as Record<string, Methods>)[part]! : (current as unknown as Methods));
  const call = (part: string | null, name: string, args: unknown[]) => {
    const obj = target(part);
    return obj[name]!.apply(obj, args);
  };
  // time spent in the database, for the benchmark's "database time per request": the calls' own
  // (synchronous) work plus the group commits (not the wait for a commit)
  let spentMs = 0;
  let closedCommitMs = 0;
  /** the first storage failure after opening: the broken database is closed (its commit time kept) and replaced in memory */
  const switchToMemory = async (err: unknown) => {
    failed = true;
    closedCommitMs += commitTime(current);
    try {
      await current.close();
    } catch {
      /* already unusable */
    }
    fail(err);
  };
  const guard = (part: string | null, name: string) => async (...args: unknown[]) => {
    const used = current;
    try {
      const t0 = performance.now();
      const pending = call(part, name, args);
      spentMs += performance.now() - t0;
      return await pending;
    } catch (err) {
      if (!isStorageFailure(err)) throw err;
      // a write that shared its commit with the one that failed first is retried where that one went
      if (used !== current) return call(part, name, args);
      if (failed) throw err;
      await switchToMemory(err);
      return call(part, name, args);
    }
  };
  // the commit barrier of every response: no promise when nothing waits; a commit that fails on
  // storage switches to the in-memory database like any other call (what it held is not kept)
  const committed = (): Promise<void> | null => {
    const used = current;
    const pending = used.committed();
    return (
      pending &&
      pending.catch(async (err: unknown) => {
        if (!isStorageFailure(err)) throw err;
        if (used !== current || failed) return;
        await switchToMemory(err);
      })
    );
  };
  const parts = new Map<string, unknown>();
  const guards = new Map<string, ReturnType<typeof guard>>();
  return new Proxy({} as Store & { dbTimeMs(): number }, {
    get(_target, name: string) {
      if (name === 'close') return () => current.close();
      if (name === 'committed') return committed;
      if (name === 'dbTimeMs') return () => spentMs + closedCommitMs + commitTime(current);
      if (PARTS.has(name)) {
        if (!parts.has(name)) {
          parts.set(
            name,
            new Proxy({}, { get: (_t, method: string) => (typeof Reflect.get(target(name), method) === 'function' ? guard(name, method) : Reflect.get(target(name), method)) }),
          );
        }
        return parts.get(name);
      }
      const value: unknown = Reflect.get(current, name);
      if (typeof value !== 'function') return value;
      let g = guards.get(name);
      if (!g) guards.set(name, (g = guard(null, name)));
      return g;
    },
  });
}

function commitTime(store: Store): number {
  return (store as Partial<ReturnType<typeof openStore>>).commitTimeMs?.() ?? 0;
}

/** Opens (creating) the database of a data dir; `null` opens an in-memory database. */
export function openStore(dataDir: string | null): Store & { commitTimeMs(): number } {
  if (dataDir !== null) fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(dataDir === null ? ':memory:' : storeFile(dataDir));
  // conversations are read by Brygga alone: the file is its owner's only, and SQLite gives its -wal and -shm files the
  // same mode when it makes them (a robustness trial found the database readable by every user of the machine)
  if (dataDir !== null) fs.chmodSync(storeFile(dataDir), 0o600);
  // a new database gets 8 kB pages: an answer's row (about 2.5 kB) left a third of each 4 kB page
  // empty (issue 17: 4.4 → 3.9 kB per answer); an existing one keeps its size (it is set at creation)
  db.pragma('page_size = 8192');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // the log is checkpointed by a worker (see checkpointer.ts); the writer's own checkpoint is the backstop
  const checkpointer = dataDir === null ? null : walCheckpointer(storeFile(dataDir));
  if (checkpointer) db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  // deleted rows are overwritten with zeros, not just unlinked (see forget())
  db.pragma('secure_delete = ON');
  // the follow-up memory is kept in (session, seq) order itself, without a rowid and a second copy
  // of the key (issue 17: about 90 bytes less per answer); a database made before is moved over once
  migrateTimes(db);
  const turnsSql = (db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'memory_turns'").get() as { sql: string } | undefined)?.sql;
  if (turnsSql && !/WITHOUT ROWID/i.test(turnsSql)) {
    db.transaction(() => {
      db.exec('ALTER TABLE memory_turns RENAME TO memory_turns_old; DROP INDEX IF EXISTS memory_turns_at');
      db.exec(SCHEMA);
      db.exec('INSERT INTO memory_turns SELECT session_id, seq, role, text, subjects, at FROM memory_turns_old; DROP TABLE memory_turns_old');
    })();
  }
  db.exec(SCHEMA);
  // before the statements: the health probe writes into its table
  const dedup = sqliteDeduplicator(db);

  const q = {
    insertSession: db.prepare('INSERT INTO sessions (id, channel, external_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)'),
    sessionByExternal: db.prepare('SELECT id FROM sessions WHERE channel = ? AND external_id = ?'),
    getSession: db.prepare('SELECT id, channel, created_at AS createdAt FROM sessions WHERE id = ?'),
    touchSession: db.prepare('UPDATE sessions SET updated_at = ? WHERE id = ?'),
    nextSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM messages WHERE session_id = ?'),
    insertMessage: db.prepare('INSERT INTO messages (id, session_id, seq, role, text, meta, at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    history: db.prepare(
      'SELECT id AS messageId, role, text, at FROM (SELECT * FROM messages WHERE session_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq ASC',
    ),
    messageInSession: db.prepare('SELECT 1 FROM messages WHERE id = ? AND session_id = ?'),
    insertFeedback: db.prepare('INSERT INTO feedback (id, session_id, message_id, rating, comment, at) VALUES (?, ?, ?, ?, ?, ?)'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id = ?'),
    purge: db.prepare('DELETE FROM sessions WHERE updated_at < ?'),
    exchanges: db.prepare(`
      SELECT a.session_id AS sessionId, s.channel AS channel, u.text AS question, u.meta AS questionMeta,
             a.id AS answerId, a.text AS answer, a.meta AS answerMeta, a.at AS at,
             (SELECT json_group_array(json_object('rating', f.rating, 'comment', f.comment, 'at', f.at))
                FROM feedback f WHERE f.message_id = a.id) AS feedback
        FROM messages a
        JOIN sessions s ON s.id = a.session_id
        LEFT JOIN messages u ON u.session_id = a.session_id AND u.seq = a.seq - 1 AND u.role = 'user'
       WHERE a.role = 'assistant' AND a.at >= @from AND a.at < @to AND (@channel IS NULL OR s.channel = @channel)
       ORDER BY a.at DESC, a.seq DESC
       LIMIT @limit`),
    message: db.prepare('SELECT id AS messageId, session_id AS sessionId, role, text, meta, at FROM messages WHERE id = ? AND session_id = ?'),
    link: db.prepare(
      'INSERT INTO message_links (key, session_id, message_id, at) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET session_id = excluded.session_id, message_id = excluded.message_id, at = excluded.at',
    ),
    linked: db.prepare('SELECT session_id AS sessionId, message_id AS messageId, at FROM message_links WHERE key = ?'),
    markFollowUp: db.prepare('INSERT INTO follow_ups (message_id, session_id, link, at) VALUES (?, ?, ?, ?) ON CONFLICT(message_id) DO NOTHING'),
    unmarkFollowUp: db.prepare('DELETE FROM follow_ups WHERE message_id = ?'),
    followUps: db.prepare(`
      SELECT f.session_id AS sessionId, s.channel AS channel, a.id AS answerId, a.text AS answer, u.text AS question,
             f.link AS link, f.at AS at
        FROM follow_ups f
        JOIN messages a ON a.id = f.message_id
        JOIN sessions s ON s.id = f.session_id
        LEFT JOIN messages u ON u.session_id = a.session_id AND u.seq = a.seq - 1 AND u.role = 'user'
       WHERE f.at >= @from AND f.at < @to AND (@channel IS NULL OR s.channel = @channel)
       ORDER BY f.at DESC
       LIMIT @limit`),
    healthProbe: db.prepare('INSERT INTO dedup (key, expires_at) VALUES (?, 0)'),
    deleteTurns: db.prepare('DELETE FROM memory_turns WHERE session_id = ?'),
    purgeTurns: db.prepare('DELETE FROM memory_turns WHERE session_id IN (SELECT session_id FROM memory_turns GROUP BY session_id HAVING MAX(at) < ?)'),
    recall: db.prepare('SELECT role, text, subjects FROM (SELECT * FROM memory_turns WHERE session_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq ASC'),
    nextTurn: db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM memory_turns WHERE session_id = ?'),
    insertTurn: db.prepare('INSERT INTO memory_turns (session_id, seq, role, text, subjects, at) VALUES (?, ?, ?, ?, ?, ?)'),
    trimTurns: db.prepare('DELETE FROM memory_turns WHERE session_id = ? AND seq <= ?'),
  };

  /** how often a busy WAL truncation after a delete is retried, 10 ms apart */
  const FORGET_ATTEMPTS = 50;

  /** the time of a write: ms since 1970 UTC (see TABLES) */
  const now = () => Date.now();

  /**
   * After a delete: copy the WAL (which still holds the old pages, text included) into the
   * database file, where secure_delete has zeroed the deleted cells, and truncate the WAL to zero
   * bytes, so the deleted text is in neither file. SQLite: PRAGMA secure_delete, wal_checkpoint(TRUNCATE).
   */
  const forget = async () => {
    // the WAL checkpointer's own connection (walCheckpointer) may be checkpointing at this moment:
    // SQLite then answers busy at once, so the truncation is tried again for up to about half a second
    // (a DELETE /api/session answered 500 when the two met under load)
    for (let attempt = 0; ; attempt++) {
      const [r] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number; checkpointed: number }>;
      if (!r || !r.busy) return;
      if (attempt >= FORGET_ATTEMPTS) throw new Error('the deleted data could not be checkpointed out of the WAL (database busy)');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  /*
   * Group commit (issue 17). The writes of one turn of the event loop share one transaction: the
   * first write opens it (BEGIN IMMEDIATE), a setImmediate commits it. A write's promise resolves
   * when it is done in that transaction (reads on this connection see it at once); `committed()`
   * resolves when it is in the database file (WAL), and the server sends no response before that
   * (src/server/app.ts), so nothing a client was told is stored can be lost by a crash; close()
   * commits what is waiting. Each write runs in a savepoint, so one that fails leaves the others of
   * its batch. Measured: the four commits of a chat answer
   * (session, memory, question, answer) were about 0.4 ms, most of the work of a repeated question.
   */
  let batch: { done: Promise<void>; resolve(): void; reject(err: unknown): void } | null = null;
  // each write in a savepoint of its own (prepared once; db.transaction(fn) per write cost more)
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commitStatement = db.prepare('COMMIT');
  const savepoint = db.prepare('SAVEPOINT write');
  const release = db.prepare('RELEASE write');
  const rollbackTo = db.prepare('ROLLBACK TO write');
  let commitMs = 0;
  const commit = () => {
    if (!batch) return;
    const current = batch;
    batch = null;
    const t0 = performance.now();
    try {
      commitStatement.run();
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      current.reject(err);
      return;
    } finally {
      commitMs += performance.now() - t0;
    }
    current.resolve();
    checkpointer?.committed();
  };
  const write = <T>(fn: () => T): T => {
    if (!batch) {
      begin.run();
      let resolve!: () => void;
      let reject!: (err: unknown) => void;
      const done = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      // a batch that fails rejects its waiters; without waiters that is no unhandled rejection
      done.catch(() => undefined);
      batch = { done, resolve, reject };
      setImmediate(commit);
    }
    savepoint.run();
    try {
      const value = fn();
      release.run();
      return value;
    } catch (err) {
      if (db.inTransaction) {
        rollbackTo.run();
        release.run();
      } else if (batch) {
        // SQLite rolled the whole batch back (disk full, I/O error): none of it is stored
        const lost = batch;
        batch = null;
        lost.reject(err);
      }
      throw err;
    }
  };

  /**
   * Sessions created by this process that have no follow-up memory yet: their recall is [] without
   * a query (a new web conversation asks for its history on its first question). Exact, since only
   * this store writes the turns of the sessions it created; bounded, oldest dropped.
   */
  const fresh = new Set<string>();
  const FRESH_MAX = 10_000;

  const appendTx = (sessionId: string, role: string, text: string | Buffer, meta: string | Buffer | null) => {
    const at = now();
    const id = newId();
    // the touch says whether the session exists (no separate lookup)
    if (q.touchSession.run(at, storedId(sessionId)).changes === 0) throw new InputError('Okänd session.', 'unknown_session');
    const { seq } = q.nextSeq.get(storedId(sessionId)) as { seq: number };
    q.insertMessage.run(storedId(id), storedId(sessionId), seq, role, text, meta, at);
    return id;
  };

  const rememberTx = (sessionId: string, add: Turn[], max: number) => {
    fresh.delete(sessionId);
    const at = now();
    const key = storedId(sessionId);
    let { seq } = q.nextTurn.get(key) as { seq: number };
    for (const t of add) {
      const plain = redactPersonalData(t.text);
      const text = t.role === 'assistant' ? packText(plain) : plain;
      const subjects = JSON.stringify((t.subjects ?? []).map(redactPersonalData));
      // subjects that are the stored text's own (as ConversationMemory computes them) are not stored
      // twice: '' says "the subjects of the text" and they are computed again when read (issue 17)
      q.insertTurn.run(key, seq++, t.role, text, subjects === JSON.stringify(subjectsOf(plain)) ? '' : subjects, at);
    }
    q.trimTurns.run(key, seq - 1 - Math.max(1, max));
  };
  const turns: TurnStore = {
    async recall(sessionId, max) {
      if (fresh.has(sessionId)) return [];
      const rows = q.recall.all(storedId(sessionId), Math.max(1, Math.floor(max))) as Array<{ role: Turn['role']; text: string | Buffer; subjects: string }>;
      return rows.map((r) => {
        const text = unpackText(r.text);
        return { role: r.role, text, subjects: r.subjects === '' ? [...subjectsOf(text)] : (JSON.parse(r.subjects) as string[]) };
      });
    },
    async remember(sessionId, add, max) {
      write(() => rememberTx(sessionId, add, max));
    },
  };

  return {
    async createSession(channel, externalId) {
      if (externalId) {
        const found = q.sessionByExternal.get(channel, externalId) as { id: string | Buffer } | undefined;
        if (found) return idText(found.id);
      }
      const id = newId();
      const at = now();
      write(() => q.insertSession.run(storedId(id), channel, externalId ?? null, at, at));
      if (fresh.size >= FRESH_MAX) fresh.delete(fresh.values().next().value as string);
      fresh.add(id);
      return id;
    },

    async getSession(sessionId) {
      const row = q.getSession.get(storedId(sessionId)) as { id: string | Buffer; channel: Channel; createdAt: number } | undefined;
      return row ? { ...row, id: idText(row.id), createdAt: iso(row.createdAt) } : null;
    },

    async appendMessage(m) {
      const meta = m.meta === undefined ? null : packNullable(JSON.stringify(redactDeep(m.meta)));
      // what the user typed stays plain text (short, and what an operator looks for); answers are packed
      const text = m.role === 'assistant' ? packText(redactPersonalData(m.text)) : redactPersonalData(m.text);
      return write(() => appendTx(m.sessionId, m.role, text, meta));
    },

    async history(sessionId, limit = 50) {
      const rows = q.history.all(storedId(sessionId), Math.max(1, Math.floor(limit))) as Array<{
        messageId: string | Buffer;
        role: 'user' | 'assistant';
        text: string | Buffer;
        at: number;
      }>;
      return rows.map((r) => ({ ...r, messageId: idText(r.messageId), text: unpackText(r.text), at: iso(r.at) }));
    },

    async saveFeedback(f) {
      if (!q.getSession.get(storedId(f.sessionId))) throw new InputError('Okänd session.', 'unknown_session');
      if (!q.messageInSession.get(storedId(f.messageId), storedId(f.sessionId))) {
        throw new InputError('Okänt meddelande i den här sessionen.', 'unknown_message');
      }
      const at = now();
      const comment = f.comment === undefined || f.comment.trim() === '' ? null : redactPersonalData(f.comment);
      write(() => {
        q.insertFeedback.run(storedId(newId()), storedId(f.sessionId), storedId(f.messageId), f.rating, comment, at);
        q.touchSession.run(at, storedId(f.sessionId));
      });
    },

    async deleteSession(sessionId) {
      // the deletion and the checkpoint after it are not batched: what is waiting is committed first
      commit();
      fresh.delete(sessionId);
      const deleted = q.deleteSession.run(storedId(sessionId)).changes > 0;
      // follow-up memory is kept apart from sessions (a tool may remember without a stored session)
      const turnsDeleted = q.deleteTurns.run(storedId(sessionId)).changes > 0;
      if (deleted || turnsDeleted) await forget();
      return deleted;
    },

    async purgeOlderThan(days) {
      const cutoff = Date.now() - days * DAY_MS;
      commit();
      const n = q.purge.run(cutoff).changes;
      const turns = q.purgeTurns.run(cutoff).changes;
      if (n > 0 || turns > 0) await forget();
      return n;
    },

    async message(sessionId, messageId) {
      const row = q.message.get(storedId(messageId), storedId(sessionId)) as
        | (Omit<StoredMessage, 'meta' | 'text' | 'at' | 'messageId' | 'sessionId'> & {
            messageId: string | Buffer;
            sessionId: string | Buffer;
            text: string | Buffer;
            meta: string | Buffer | null;
            at: number;
          })
        | undefined;
      if (!row) return null;
      return { ...row, messageId: idText(row.messageId), sessionId: idText(row.sessionId), at: iso(row.at), text: unpackText(row.text), meta: row.meta === null ? null : (JSON.parse(unpackText(row.meta)) as Record<string, unknown>) };
    },

    async exchanges(filter = {}) {
      const rows = q.exchanges.all({
        from: boundMs(filter.from, -8.64e15),
        to: boundMs(filter.to, 8.64e15),
        channel: filter.channel ?? null,
        limit: Math.max(1, Math.floor(filter.limit ?? 5000)),
      }) as Array<Record<string, string | number | Buffer | null>>;
      const json = (v: string | number | Buffer | null) => (v ? (JSON.parse(unpackText(v as string | Buffer)) as Record<string, unknown>) : null);
      return rows.map((r) => ({
        sessionId: idText(r.sessionId as string | Buffer),
        channel: r.channel as Channel,
        question: unpackText(r.question as string | Buffer | null),
        questionMeta: json(r.questionMeta),
        answerId: idText(r.answerId as string | Buffer),
        answer: unpackText(r.answer as string | Buffer),
        answerMeta: json(r.answerMeta),
        at: iso(r.at as number),
        feedback: (JSON.parse((r.feedback as string | null) ?? '[]') as Array<{ rating: 'up' | 'down'; comment: string | null; at: number }>)
          .sort((x, y) => x.at - y.at)
          .map((f) => ({ ...f, at: iso(f.at) })),
      }));
    },
    async health() {
      try {
        const rows = db.pragma('quick_check(1)') as Array<{ quick_check: string }>;
        if (rows[0]?.quick_check !== 'ok') return `databasen är skadad (quick_check: ${rows[0]?.quick_check ?? 'inget svar'})`;
        // a write that is rolled back: a read-only database fails here, not at the first chat
        db.transaction(() => {
          q.healthProbe.run('\u0000health');
          throw new RollbackProbe();
        })();
      } catch (err) {
        if (err instanceof RollbackProbe) return null;
        return reasonOf(err);
      }
      return null;
    },

    async linkMessage(key, ids) {
      if (!q.messageInSession.get(storedId(ids.messageId), storedId(ids.sessionId))) {
        throw new InputError('Okänt meddelande i den här sessionen.', 'unknown_message');
      }
      const at = now();
      write(() => q.link.run(key, storedId(ids.sessionId), storedId(ids.messageId), at));
    },

    async linkedMessage(key) {
      const row = q.linked.get(key) as { sessionId: string | Buffer; messageId: string | Buffer; at: number } | undefined;
      return row ? { sessionId: idText(row.sessionId), messageId: idText(row.messageId), at: iso(row.at) } : null;
    },

    async markFollowUp(f) {
      if (!q.messageInSession.get(storedId(f.messageId), storedId(f.sessionId))) {
        throw new InputError('Okänt meddelande i den här sessionen.', 'unknown_message');
      }
      const at = now();
      const link = f.link ? redactPersonalData(f.link) : null;
      return write(() => {
        const marked = q.markFollowUp.run(storedId(f.messageId), storedId(f.sessionId), link, at).changes > 0;
        if (marked) q.touchSession.run(at, storedId(f.sessionId));
        return marked;
      });
    },

    async unmarkFollowUp(messageId) {
      write(() => q.unmarkFollowUp.run(storedId(messageId)));
    },

    async followUps(filter = {}) {
      const rows = q.followUps.all({
        from: boundMs(filter.from, -8.64e15),
        to: boundMs(filter.to, 8.64e15),
        channel: filter.channel ?? null,
        limit: Math.max(1, Math.floor(filter.limit ?? 5000)),
      }) as Array<
        Omit<FollowUp, 'answer' | 'question' | 'at' | 'sessionId' | 'answerId'> & {
          sessionId: string | Buffer;
          answerId: string | Buffer;
          answer: string | Buffer;
          question: string | Buffer | null;
          at: number;
        }
      >;
      return rows.map((r) => ({
        ...r,
        sessionId: idText(r.sessionId),
        answerId: idText(r.answerId),
        at: iso(r.at),
        answer: unpackText(r.answer),
        question: unpackText(r.question),
      }));
    },

    dedup,
    turns,
    counters: sqliteRateCounter(db),
    needs: dataDir === null ? memoryNeedsBackend() : fileNeedsBackend(dataDir),

    kind: 'sqlite',

    commitTimeMs: () => commitMs,

    committed() {
      return batch ? batch.done : null;
    },

    async close() {
      // a clean shutdown stores what is waiting for its commit
      if (db.open) commit();
      await checkpointer?.close();
      if (db.open) db.close();
    },
  };
}
