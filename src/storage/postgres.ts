/**
 * The Store on PostgreSQL (`BRYGGA_DATABASE_URL=postgres://…`), so that several Brygga replicas
 * share conversations, feedback, button state, follow-up memory, delivery deduplication, rate
 * counters and the needs register. Same contract as the SQLite Store (store.ts); the differences:
 *
 * - The schema is created and changed by versioned migrations (`migrations/*.sql`, node-pg-migrate),
 *   applied on first use under node-pg-migrate's advisory lock, so replicas starting together
 *   apply each migration once.
 * - A database that cannot be reached, refuses connections or answers too slowly makes a call reject
 *   with StorageUnavailable (the server answers 503 with Retry-After); the pool reconnects by itself,
 *   so the next call after the database is back succeeds. Nothing is kept in memory instead: a write
 *   either reaches the database or its caller gets the error.
 * - Retention purges run under an advisory lock: one replica at a time, the others skip.
 * - Deleting a session deletes its rows and vacuums the tables, so the rows are gone from tables and
 *   indexes. PostgreSQL does not zero freed space (SQLite's secure_delete has no equivalent): the bytes
 *   of a deleted row can remain in a page's free space until reused (measured: the last row written to
 *   a page stays readable in the data file after VACUUM), and in the WAL and backups.
 */
import { fromRoot } from '../root.js';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Turn, TurnStore } from '../conversation/memory.js';
import { InputError } from '../domain/types.js';
import { NeedRecordSchema, type NeedRecord, type NeedsBackend } from '../needs/register.js';
import { checkCounter, type RateCounter } from './counters.js';
import { checkDedupKey, sweepAtMostEveryMinute, type Deduplicator } from './dedup.js';
import { redactDeep, redactPersonalData } from './redact.js';
import type { Channel, Exchange, FollowUp, Store, StoredMessage } from './store.js';

export const MIGRATIONS_DIR = fromRoot('migrations');

/** The database cannot be used right now (down, refusing, too slow); the request may be retried later. */
export class StorageUnavailable extends Error {
  /** seconds a client should wait before trying again */
  readonly retryAfter = 5;
  constructor(readonly reason: string) {
    super(`databasen går inte att nå: ${reason}`);
    this.name = 'StorageUnavailable';
  }
}

/** connection-level failures: node's socket errors, SQLSTATE class 08, shutdowns, too many clients, statement timeout */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN', '57P01', '57P02', '57P03', '53300', '57014']);
const UNAVAILABLE_TEXT = /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client was closed|connection error|Connection closed/i;

/** True for an error that says the database cannot be reached now (not that a statement was wrong). */
export function isUnavailable(err: unknown): boolean {
  if (err instanceof StorageUnavailable) return true;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  if (err instanceof AggregateError) return err.errors.some(isUnavailable);
  return err instanceof Error && UNAVAILABLE_TEXT.test(err.message);
}

function classify(err: unknown): unknown {
  if (err instanceof StorageUnavailable || !isUnavailable(err)) return err;
  const code = (err as { code?: unknown }).code;
  return new StorageUnavailable(`${typeof code === 'string' ? `${code}: ` : ''}${err instanceof Error ? err.message || err.name : String(err)}`);
}

export interface PostgresStoreOptions {
  /** postgres://user@host:port/database (BRYGGA_DATABASE_URL) */
  url: string;
  /** connections per replica (default 10) */
  poolSize?: number;
  /** how long to wait for a connection before StorageUnavailable (default 2000 ms) */
  connectTimeoutMs?: number;
  /** the longest a statement may run before StorageUnavailable (default 5000 ms) */
  statementTimeoutMs?: number;
  /** called with errors of idle connections (the pool replaces them) */
  onError?(err: Error): void;
}

export interface PostgresStore extends Store {
  readonly kind: 'postgres';
  /** the pool (benchmarks read its counters; tests run SQL) */
  readonly pool: pg.Pool;
  /** milliseconds spent waiting for the database since the start (benchmarks: database time per request) */
  dbTimeMs(): number;
  /** sends a NOTIFY on `channel` with `payload` to every replica listening */
  notify(channel: string, payload: string): Promise<void>;
  /**
   * calls `fn` with every NOTIFY on `channel`, from this or another replica, for as long as the
   * store is open; a lost connection is re-established (with `onReconnect` called, since
   * notifications sent meanwhile are lost). Resolves when listening.
   */
  listen(channel: string, fn: (payload: string) => void, onReconnect?: () => void): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** advisory lock keys (pg_advisory_lock takes a bigint): retention, the needs register */
const PURGE_LOCK = 0x6272_7967_6701;
const NEEDS_LOCK = 0x6272_7967_6702;
/** the tables whose rows carry conversation text; vacuumed after a deletion */
const TEXT_TABLES = ['messages', 'feedback', 'message_links', 'follow_ups', 'memory_turns', 'sessions'];

/** ISO 8601 UTC text of a timestamptz column, the same form SQLite stores (`…T…:…:….mmmZ`) */
const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

function newId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * A filter bound as an ISO timestamp in UTC ('' and '9999' are SQLite's open ends); a date without a
 * time is midnight UTC, as it compares in SQLite. InputError for text that is not a date.
 */
function bound(value: string | undefined, open: '-infinity' | 'infinity'): string {
  if (value === undefined || value === '' || value === '9999') return open;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new InputError(`Ogiltigt datum: ${value.slice(0, 40)}`, 'invalid_date');
  return new Date(t).toISOString();
}

/** Applies the migrations in `migrations/` that this database lacks (node-pg-migrate, under its advisory lock). */
export async function migrate(client: pg.Client | pg.PoolClient, log: (msg: string) => void = () => undefined): Promise<void> {
  const { runner } = await import('node-pg-migrate');
  const { rows } = await client.query<{ schema: string }>('SELECT current_schema() AS schema');
  await runner({
    dbClient: client as pg.Client,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    schema: rows[0]?.schema ?? 'public',
    count: Infinity,
    noLock: false,
    // replicas starting together: the second waits for the first's migrations, then finds nothing to do
    advisoryLockMode: 'wait',
    checkOrder: true,
    logger: { debug: () => undefined, info: log, warn: log, error: log },
  });
}

/**
 * A Store on PostgreSQL. Returns at once; the schema is migrated on first use (and again on the next
 * call when the database was down), so a replica starts, and answers what needs no database, while
 * the database is away.
 */
export function openPostgresStore(opts: PostgresStoreOptions): PostgresStore {
  const statementTimeout = opts.statementTimeoutMs ?? 5000;
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 2000,
    idleTimeoutMillis: 30_000,
    statement_timeout: statementTimeout,
    query_timeout: statementTimeout + 1000,
    application_name: 'brygga',
  });
  // an idle connection that breaks (database restart) is dropped by the pool; never a crash
  pool.on('error', (err) => opts.onError?.(err));
  let dbMs = 0;
  let closed = false;

  let schema: Promise<void> | null = null;
  const schemaReady = () => {
    schema ??= (async () => {
      const client = await pool.connect();
      try {
        await migrate(client);
        client.release();
      } catch (err) {
        client.release(true);
        throw err;
      }
    })().catch((err: unknown) => {
      schema = null; // the next call tries again
      throw classify(err);
    });
    return schema;
  };

  const timed = async <T>(work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await work();
    } catch (err) {
      throw classify(err);
    } finally {
      dbMs += performance.now() - t0;
    }
  };

  const query = async <R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> => {
    if (closed) throw new StorageUnavailable('förrådet är stängt');
    await schemaReady();
    return timed(() => pool.query<R>(text, values));
  };

  const tx = async <T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> => {
    if (closed) throw new StorageUnavailable('förrådet är stängt');
    await schemaReady();
    return timed(async () => {
      const c = await pool.connect();
      let broken = false;
      try {
        await c.query('BEGIN');
        const result = await fn(c);
        await c.query('COMMIT');
        return result;
      } catch (err) {
        broken = isUnavailable(err);
        if (!broken) await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.release(broken);
      }
    });
  };

  /**
   * After a deletion (already committed): dead rows are removed from tables and indexes. VACUUM cannot
   * run in a transaction and may outlast the statement timeout on large tables; a failure is reported
   * through onError, not to the caller (the rows are deleted either way, and autovacuum follows).
   */
  const vacuum = async () => {
    try {
      await timed(async () => {
        const c = await pool.connect();
        let broken = false;
        try {
          await c.query("SET statement_timeout = '60s'");
          await c.query({ text: `VACUUM ${TEXT_TABLES.join(', ')}`, query_timeout: 61_000 } as pg.QueryConfig);
          await c.query('RESET statement_timeout');
        } catch (err) {
          broken = true;
          throw err;
        } finally {
          c.release(broken);
        }
      });
    } catch (err) {
      opts.onError?.(err instanceof Error ? err : new Error(String(err)));
    }
  };

  const now = () => new Date().toISOString();

  const messageInSession = async (messageId: string, sessionId: string) =>
    (await query('SELECT 1 FROM messages WHERE id = $1 AND session_id = $2', [messageId, sessionId])).rowCount! > 0;

  const touch = (sessionId: string, at: string) => query('UPDATE sessions SET updated_at = $2 WHERE id = $1', [sessionId, at]);

  const sweepNow = sweepAtMostEveryMinute(async (t) => {
    await query('DELETE FROM dedup WHERE expires_at <= $1', [t]);
    await query('DELETE FROM rate_counters WHERE reset_at <= $1', [t]);
  });
  const dedup: Deduplicator = {
    async seen(key, ttlMs) {
      checkDedupKey(key, ttlMs);
      const t = Date.now();
      await sweepNow(t);
      // one statement decides: only an expired row is overwritten, so of two racing deliveries one wins
      const r = await query(
        'INSERT INTO dedup (key, expires_at) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE dedup.expires_at <= $3',
        [key, t + ttlMs, t],
      );
      return r.rowCount === 0;
    },
  };

  const counters: RateCounter = {
    async hit(key, windowMs) {
      checkCounter(key, windowMs);
      const t = Date.now();
      const r = await query<{ count: number; reset_at: string }>(
        `INSERT INTO rate_counters (key, count, reset_at) VALUES ($1, 1, $3)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN rate_counters.reset_at <= $2 THEN 1 ELSE rate_counters.count + 1 END,
           reset_at = CASE WHEN rate_counters.reset_at <= $2 THEN $3 ELSE rate_counters.reset_at END
         RETURNING count, reset_at`,
        [key, t, t + windowMs],
      );
      const row = r.rows[0]!;
      return { count: row.count, resetMs: Math.max(0, Number(row.reset_at) - t) };
    },
  };

  const turns: TurnStore = {
    async recall(sessionId, max) {
      const r = await query<{ role: Turn['role']; text: string; subjects: string[] }>(
        'SELECT role, text, subjects FROM (SELECT * FROM memory_turns WHERE session_id = $1 ORDER BY seq DESC LIMIT $2) t ORDER BY seq ASC',
        [sessionId, Math.max(1, Math.floor(max))],
      );
      return r.rows.map((row) => ({ role: row.role, text: row.text, subjects: row.subjects }));
    },
    async remember(sessionId, add, max) {
      if (add.length) {
        // the identity column orders the turns; two statements, no lock: a concurrent writer only adds turns
        await query(
          `INSERT INTO memory_turns (session_id, role, text, subjects, at)
           SELECT $1, u.role, u.text, u.subjects::jsonb, $5 FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS u(role, text, subjects, n) ORDER BY u.n`,
          [
            sessionId,
            add.map((t) => t.role),
            add.map((t) => redactPersonalData(t.text)),
            add.map((t) => JSON.stringify((t.subjects ?? []).map(redactPersonalData))),
            now(),
          ],
        );
      }
      await query(
        `DELETE FROM memory_turns WHERE session_id = $1
           AND seq < (SELECT MIN(seq) FROM (SELECT seq FROM memory_turns WHERE session_id = $1 ORDER BY seq DESC LIMIT $2) k)`,
        [sessionId, Math.max(1, Math.floor(max))],
      );
    },
  };

  const needs: NeedsBackend = {
    async read() {
      const r = await query<{ record: unknown }>('SELECT record FROM needs ORDER BY n');
      return r.rows.map((row) => NeedRecordSchema.parse(row.record));
    },
    async change(fn) {
      return tx(async (c) => {
        // one change at a time across replicas: ids are numbered from what is stored
        await c.query('SELECT pg_advisory_xact_lock($1)', [NEEDS_LOCK]);
        const { rows } = await c.query<{ record: unknown }>('SELECT record FROM needs ORDER BY n');
        const before = rows.map((row) => NeedRecordSchema.parse(row.record));
        const old = new Map(before.map((n) => [n.id, JSON.stringify(n)]));
        const { write, result } = fn(before.map((n) => structuredClone(n)));
        if (write) {
          const keep = new Set(write.map((n) => n.id));
          for (const id of old.keys()) if (!keep.has(id)) await c.query('DELETE FROM needs WHERE id = $1', [id]);
          for (const n of write as NeedRecord[]) {
            const json = JSON.stringify(NeedRecordSchema.parse(n));
            if (old.get(n.id) === json) continue;
            await c.query('INSERT INTO needs (id, record) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record', [n.id, json]);
          }
        }
        return result;
      });
    },
  };

  const filterArgs = (filter: { from?: string; to?: string; channel?: Channel; limit?: number }) => [
    bound(filter.from, '-infinity'),
    bound(filter.to, 'infinity'),
    filter.channel ?? null,
    Math.max(1, Math.floor(filter.limit ?? 5000)),
  ];

  const listeners: pg.Client[] = [];

  const store: PostgresStore = {
    kind: 'postgres',
    pool,
    // every write is committed when its promise resolves
    committed: () => null,
    dbTimeMs: () => dbMs,

    async createSession(channel, externalId) {
      const at = now();
      if (externalId) {
        const r = await query<{ id: string }>(
          `INSERT INTO sessions (id, channel, external_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
           ON CONFLICT (channel, external_id) WHERE external_id IS NOT NULL DO NOTHING RETURNING id`,
          [newId(), channel, externalId, at],
        );
        if (r.rows[0]) return r.rows[0].id;
        const found = await query<{ id: string }>('SELECT id FROM sessions WHERE channel = $1 AND external_id = $2', [channel, externalId]);
        if (found.rows[0]) return found.rows[0].id;
        // deleted between the two statements: make it again
        return store.createSession(channel, externalId);
      }
      const id = newId();
      await query('INSERT INTO sessions (id, channel, external_id, created_at, updated_at) VALUES ($1, $2, NULL, $3, $3)', [id, channel, at]);
      return id;
    },

    async getSession(sessionId) {
      const r = await query<{ id: string; channel: Channel; createdAt: string }>(`SELECT id, channel, ${iso('created_at')} AS "createdAt" FROM sessions WHERE id = $1`, [sessionId]);
      return r.rows[0] ?? null;
    },

    async appendMessage(m) {
      const meta = m.meta === undefined ? null : JSON.stringify(redactDeep(m.meta));
      const at = now();
      // one statement: the session's row lock gives the next seq, so concurrent appends keep their order
      const r = await query<{ id: string }>(
        `WITH s AS (UPDATE sessions SET last_seq = last_seq + 1, updated_at = $2 WHERE id = $1 RETURNING last_seq)
         INSERT INTO messages (id, session_id, seq, role, text, meta, at) SELECT $3, $1, s.last_seq, $4, $5, $6::jsonb, $2 FROM s RETURNING id`,
        [m.sessionId, at, newId(), m.role, redactPersonalData(m.text), meta],
      );
      if (!r.rows[0]) throw new InputError('Okänd session.', 'unknown_session');
      return r.rows[0].id;
    },

    async history(sessionId, limit = 50) {
      const r = await query<{ messageId: string; role: 'user' | 'assistant'; text: string; at: string }>(
        `SELECT id AS "messageId", role, text, ${iso('at')} AS at FROM (SELECT * FROM messages WHERE session_id = $1 ORDER BY seq DESC LIMIT $2) m ORDER BY seq ASC`,
        [sessionId, Math.max(1, Math.floor(limit))],
      );
      return r.rows;
    },

    async saveFeedback(f) {
      if (!(await store.getSession(f.sessionId))) throw new InputError('Okänd session.', 'unknown_session');
      if (!(await messageInSession(f.messageId, f.sessionId))) throw new InputError('Okänt meddelande i den här sessionen.', 'unknown_message');
      const at = now();
      const comment = f.comment === undefined || f.comment.trim() === '' ? null : redactPersonalData(f.comment);
      await query('INSERT INTO feedback (id, session_id, message_id, rating, comment, at) VALUES ($1, $2, $3, $4, $5, $6)', [
        newId(),
        f.sessionId,
        f.messageId,
        f.rating,
        comment,
        at,
      ]);
      await touch(f.sessionId, at);
    },

    async deleteSession(sessionId) {
      const deleted = await tx(async (c) => {
        const n = (await c.query('DELETE FROM sessions WHERE id = $1', [sessionId])).rowCount!;
        const t = (await c.query('DELETE FROM memory_turns WHERE session_id = $1', [sessionId])).rowCount!;
        return { session: n > 0, any: n + t > 0 };
      });
      if (deleted.any) await vacuum();
      return deleted.session;
    },

    async purgeOlderThan(days) {
      const cutoff = new Date(Date.now() - days * DAY_MS).toISOString();
      const n = await tx(async (c) => {
        // one replica at a time; the others skip this round
        const { rows } = await c.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [PURGE_LOCK]);
        if (!rows[0]?.locked) return { sessions: 0, rows: 0 };
        const sessions = (await c.query('DELETE FROM sessions WHERE updated_at < $1', [cutoff])).rowCount!;
        const turnRows = (
          await c.query('DELETE FROM memory_turns WHERE session_id IN (SELECT session_id FROM memory_turns GROUP BY session_id HAVING MAX(at) < $1)', [cutoff])
        ).rowCount!;
        return { sessions, rows: sessions + turnRows };
      });
      if (n.rows > 0) await vacuum();
      return n.sessions;
    },

    async health() {
      try {
        const r = await query<{ ro: string }>("SELECT current_setting('transaction_read_only') AS ro");
        if (r.rows[0]?.ro === 'on') return 'databasen är skrivskyddad (transaction_read_only)';
        return null;
      } catch (err) {
        const e = classify(err);
        return e instanceof Error ? e.message : String(e);
      }
    },

    async exchanges(filter = {}) {
      const r = await query<Record<string, unknown>>(
        `SELECT a.session_id AS "sessionId", s.channel AS channel, u.text AS question, u.meta AS "questionMeta",
                a.id AS "answerId", a.text AS answer, a.meta AS "answerMeta", ${iso('a.at')} AS at,
                COALESCE((SELECT json_agg(json_build_object('rating', f.rating, 'comment', f.comment, 'at', ${iso('f.at')}) ORDER BY f.at)
                            FROM feedback f WHERE f.message_id = a.id), '[]'::json) AS feedback
           FROM messages a
           JOIN sessions s ON s.id = a.session_id
           LEFT JOIN messages u ON u.session_id = a.session_id AND u.seq = a.seq - 1 AND u.role = 'user'
          WHERE a.role = 'assistant' AND a.at >= $1::timestamptz AND a.at < $2::timestamptz AND ($3::text IS NULL OR s.channel = $3)
          ORDER BY a.at DESC, a.seq DESC
          LIMIT $4`,
        filterArgs(filter),
      );
      return r.rows.map((row) => ({
        sessionId: row.sessionId as string,
        channel: row.channel as Channel,
        question: (row.question as string | null) ?? null,
        questionMeta: (row.questionMeta as Record<string, unknown> | null) ?? null,
        answerId: row.answerId as string,
        answer: row.answer as string,
        answerMeta: (row.answerMeta as Record<string, unknown> | null) ?? null,
        at: row.at as string,
        feedback: row.feedback as Exchange['feedback'],
      }));
    },

    async message(sessionId, messageId) {
      const r = await query<StoredMessage>(
        `SELECT id AS "messageId", session_id AS "sessionId", role, text, meta, ${iso('at')} AS at FROM messages WHERE id = $1 AND session_id = $2`,
        [messageId, sessionId],
      );
      const row = r.rows[0];
      return row ? { ...row, meta: row.meta ?? null } : null;
    },

    async linkMessage(key, ids) {
      if (!(await messageInSession(ids.messageId, ids.sessionId))) throw new InputError('Okänt meddelande i den här sessionen.', 'unknown_message');
      await query(
        `INSERT INTO message_links (key, session_id, message_id, at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET session_id = EXCLUDED.session_id, message_id = EXCLUDED.message_id, at = EXCLUDED.at`,
        [key, ids.sessionId, ids.messageId, now()],
      );
    },

    async linkedMessage(key) {
      const r = await query<{ sessionId: string; messageId: string; at: string }>(
        `SELECT session_id AS "sessionId", message_id AS "messageId", ${iso('at')} AS at FROM message_links WHERE key = $1`,
        [key],
      );
      return r.rows[0] ?? null;
    },

    async markFollowUp(f) {
      if (!(await messageInSession(f.messageId, f.sessionId))) throw new InputError('Okänt meddelande i den här sessionen.', 'unknown_message');
      const at = now();
      const link = f.link ? redactPersonalData(f.link) : null;
      const r = await query('INSERT INTO follow_ups (message_id, session_id, link, at) VALUES ($1, $2, $3, $4) ON CONFLICT (message_id) DO NOTHING', [
        f.messageId,
        f.sessionId,
        link,
        at,
      ]);
      const marked = r.rowCount! > 0;
      if (marked) await touch(f.sessionId, at);
      return marked;
    },

    async unmarkFollowUp(messageId) {
      await query('DELETE FROM follow_ups WHERE message_id = $1', [messageId]);
    },

    async followUps(filter = {}) {
      const r = await query<FollowUp>(
        `SELECT f.session_id AS "sessionId", s.channel AS channel, a.id AS "answerId", a.text AS answer, u.text AS question,
                f.link AS link, ${iso('f.at')} AS at
           FROM follow_ups f
           JOIN messages a ON a.id = f.message_id
           JOIN sessions s ON s.id = f.session_id
           LEFT JOIN messages u ON u.session_id = a.session_id AND u.seq = a.seq - 1 AND u.role = 'user'
          WHERE f.at >= $1::timestamptz AND f.at < $2::timestamptz AND ($3::text IS NULL OR s.channel = $3)
          ORDER BY f.at DESC
          LIMIT $4`,
        filterArgs(filter),
      );
      return r.rows.map((row) => ({ ...row, question: row.question ?? null, link: row.link ?? null }));
    },

    dedup,
    turns,
    counters,
    needs,

    async notify(channel, payload) {
      await query('SELECT pg_notify($1, $2)', [channel, payload]);
    },

    async listen(channel, fn, onReconnect) {
      // a lost connection (or a database that was down at start) is tried again every two seconds
      const retry = () => {
        if (closed) return;
        connect().then(
          () => onReconnect?.(),
          () => setTimeout(retry, 2000).unref(),
        );
      };
      const connect = async (): Promise<void> => {
        const client = new pg.Client({ connectionString: opts.url, connectionTimeoutMillis: opts.connectTimeoutMs ?? 2000 });
        client.on('notification', (msg) => {
          if (msg.channel === channel) fn(msg.payload ?? '');
        });
        client.on('error', () => undefined);
        try {
          await client.connect();
          await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        } catch (err) {
          await client.end().catch(() => undefined);
          throw err;
        }
        listeners.push(client);
        client.on('end', () => {
          const i = listeners.indexOf(client);
          if (i >= 0) listeners.splice(i, 1);
          if (!closed) setTimeout(retry, 1000).unref();
        });
      };
      try {
        await connect();
      } catch (err) {
        setTimeout(retry, 2000).unref();
        throw classify(err);
      }
    },

    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(listeners.splice(0).map((c) => c.end().catch(() => undefined)));
      await pool.end();
    },
  };
  return store;
}

/** The directory of the migrations, relative to the repository (for the README and tools). */
export const MIGRATIONS_RELATIVE = path.relative(fromRoot(), MIGRATIONS_DIR);
