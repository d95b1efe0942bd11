/**
 * Fixed-window request counters for rate limits (`@fastify/rate-limit` counts through them, see
 * server/rate-limit.ts). Behind the Store, so that on PostgreSQL every replica counts into the same
 * row and a client's limit holds across replicas; SQLite (one replica) and process memory (tests,
 * tools) implement the same contract.
 */
import type Database from 'better-sqlite3';
import { sweepAtMostEveryMinute } from './dedup.js';

export interface RateCounter {
  /**
   * Counts one hit on `key` in the current window of `windowMs` milliseconds and returns the hits in
   * that window (this one included) and the milliseconds until it ends. A window starts with the
   * first hit after the previous one ended. Keys are opaque (≤ 512 characters; longer is a RangeError).
   */
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
}

export const MAX_COUNTER_KEY = 512;

export function checkCounter(key: string, windowMs: number): void {
  if (key.length === 0 || key.length > MAX_COUNTER_KEY) throw new RangeError(`rate counter key must be 1–${MAX_COUNTER_KEY} characters`);
  if (!Number.isFinite(windowMs) || windowMs <= 0) throw new RangeError('rate counter windowMs must be a positive number of milliseconds');
}

export const COUNTERS_SCHEMA = `
CREATE TABLE IF NOT EXISTS rate_counters (
  key TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  reset_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS rate_counters_reset ON rate_counters(reset_at);
`;

/** On the Store's SQLite database: one upsert decides, so concurrent hits cannot both start a window. */
export function sqliteRateCounter(db: Database.Database, now: () => number = () => Date.now()): RateCounter {
  db.exec(COUNTERS_SCHEMA);
  const upsert = db.prepare(`
    INSERT INTO rate_counters (key, count, reset_at) VALUES (@key, 1, @until)
    ON CONFLICT(key) DO UPDATE SET
      count = CASE WHEN rate_counters.reset_at <= @now THEN 1 ELSE rate_counters.count + 1 END,
      reset_at = CASE WHEN rate_counters.reset_at <= @now THEN @until ELSE rate_counters.reset_at END
    RETURNING count, reset_at AS resetAt`);
  const sweep = db.prepare('DELETE FROM rate_counters WHERE reset_at <= ?');
  const sweepNow = sweepAtMostEveryMinute((t) => sweep.run(t));
  return {
    async hit(key, windowMs) {
      checkCounter(key, windowMs);
      const t = now();
      sweepNow(t);
      const row = upsert.get({ key, now: t, until: t + windowMs }) as { count: number; resetAt: number };
      return { count: row.count, resetMs: Math.max(0, row.resetAt - t) };
    },
  };
}

/** In process memory (one replica). */
export function memoryRateCounter(now: () => number = () => Date.now()): RateCounter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    async hit(key, windowMs) {
      checkCounter(key, windowMs);
      const t = now();
      let w = windows.get(key);
      if (!w || w.resetAt <= t) {
        w = { count: 0, resetAt: t + windowMs };
        windows.set(key, w);
      }
      w.count += 1;
      if (windows.size > 100_000) for (const [k, v] of windows) if (v.resetAt <= t) windows.delete(k);
      return { count: w.count, resetMs: w.resetAt - t };
    },
  };
}
