/**
 * Deduplication of platform deliveries: Slack event retries (same `event_id`), replays of signed
 * Slack requests within the signature window, Bot Framework activities delivered twice (same
 * activity id). One small interface, so that several replicas can later share it (PostgreSQL);
 * today it lives in Brygga's SQLite database (survives a restart) or in process memory (tests).
 */
import type Database from 'better-sqlite3';

export interface Deduplicator {
  /**
   * Insert-if-absent: records `key` for `ttlMs` milliseconds and resolves `false` the first time;
   * resolves `true` while an unexpired record of the same key exists (a duplicate). An expired
   * record counts as absent and is replaced. Keys are opaque strings (≤ 512 characters);
   * a longer key is an error (RangeError), never silently truncated into a collision.
   */
  seen(key: string, ttlMs: number): Promise<boolean>;
}

export const MAX_DEDUP_KEY = 512;

/** The arguments of `Deduplicator.seen`, checked alike by every implementation; RangeError otherwise. */
export function checkDedupKey(key: string, ttlMs: number): void {
  if (key.length === 0 || key.length > MAX_DEDUP_KEY) throw new RangeError(`dedup key must be 1–${MAX_DEDUP_KEY} characters`);
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new RangeError('dedup ttlMs must be a positive number of milliseconds');
}

export const DEDUP_SCHEMA = `
CREATE TABLE IF NOT EXISTS dedup (
  key TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS dedup_expires ON dedup(expires_at);
`;

/**
 * The SQLite implementation on an open database (the Store's). One statement decides: an upsert
 * that only overwrites an expired row, so two deliveries racing on one key cannot both win.
 * Expired rows are swept at most once a minute.
 */
export function sqliteDeduplicator(db: Database.Database, now: () => number = () => Date.now()): Deduplicator {
  db.exec(DEDUP_SCHEMA);
  const upsert = db.prepare(
    'INSERT INTO dedup (key, expires_at) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET expires_at = excluded.expires_at WHERE dedup.expires_at <= ?',
  );
  const sweep = db.prepare('DELETE FROM dedup WHERE expires_at <= ?');
  const sweepNow = sweepAtMostEveryMinute((t) => sweep.run(t));
  return {
    async seen(key, ttlMs) {
      checkDedupKey(key, ttlMs);
      const t = now();
      sweepNow(t);
      return upsert.run(key, t + ttlMs, t).changes === 0;
    },
  };
}

/** In process memory (one replica, forgotten on restart): for tests and tools without a data dir. */
export function memoryDeduplicator(now: () => number = () => Date.now()): Deduplicator {
  const keys = new Map<string, number>();
  return {
    async seen(key, ttlMs) {
      checkDedupKey(key, ttlMs);
      const t = now();
      const until = keys.get(key);
      if (until !== undefined && until > t) return true;
      keys.set(key, t + ttlMs);
      if (keys.size > 10_000) for (const [k, u] of keys) if (u <= t) keys.delete(k);
      return false;
    },
  };
}

/**
 * Calls `sweep(t)` when a minute has passed since the last call that swept: expired rows (dedup
 * keys, rate windows) cost nothing while they wait, so they are deleted at most once a minute.
 */
export function sweepAtMostEveryMinute<R>(sweep: (t: number) => R): (t: number) => R | undefined {
  let last = 0;
  return (t) => {
    if (t - last <= 60_000) return undefined;
    last = t;
    return sweep(t);
  };
}
