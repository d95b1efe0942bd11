/**
 * Rate limits of the web API through `@fastify/rate-limit`, counting in the Store's RateCounter
 * (storage/counters.ts): on PostgreSQL every replica counts into the same row, so a client's limit
 * holds across replicas; on SQLite it holds across restarts. Fixed windows: a bucket of `capacity`
 * requests refilled at `perMinute` becomes at most `capacity` requests per `capacity / perMinute`
 * minutes (the same sustained rate and burst as the token buckets these replaced).
 *
 * Routes call a Limiter with the key they limit by (`request.ip` — the server's trustProxy setting
 * decides what that is behind a load balancer — or a session id). A counter that cannot be reached
 * fails closed: the request gets the store's error (503 on PostgreSQL), never an unlimited pass.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RateCounter } from '../storage/counters.js';
import { HttpError } from './messages.js';

export interface BucketOptions {
  /** requests allowed at once */
  capacity: number;
  /** requests per minute sustained */
  perMinute: number;
}

/** `@fastify/rate-limit`'s max and timeWindow (ms) for a bucket. */
export function windowOf(b: BucketOptions): { max: number; timeWindow: number } {
  const max = Math.max(1, Math.floor(b.capacity));
  return { max, timeWindow: Math.max(1000, Math.round((max / b.perMinute) * 60_000)) };
}

/** Takes one request for `key`; throws HttpError 429 with `retryAfter` (seconds) when the limit is reached. */
export type Limiter = (req: FastifyRequest, key: string) => Promise<void>;

const keys = new WeakMap<FastifyRequest, string>();

/** Registers `@fastify/rate-limit` once on the root instance (no global limit), counting in `counters`. */
export async function registerRateLimiting(app: FastifyInstance, counters: RateCounter): Promise<void> {
  if (app.hasDecorator('createRateLimit')) return;
  /** `@fastify/rate-limit`'s custom store contract: incr(key, cb, timeWindow) and child(routeOptions) */
  class CounterStore {
    incr(key: string, cb: (err: Error | null, res?: { current: number; ttl: number }) => void, timeWindow: number): void {
      counters.hit(key, timeWindow).then(
        (r) => cb(null, { current: r.count, ttl: r.resetMs }),
        (err: unknown) => cb(err instanceof Error ? err : new Error(String(err))),
      );
    }
    child(): CounterStore {
      return this;
    }
  }
  await app.register(rateLimit, { global: false, store: CounterStore as never, skipOnError: false });
}

/**
 * A limiter named `name` (part of the counter key, so limits never share counters) with the bucket's
 * window. Requires registerRateLimiting on the same instance first.
 */
export function limiter(app: FastifyInstance, name: string, bucket: BucketOptions): Limiter {
  const { max, timeWindow } = windowOf(bucket);
  const check = app.createRateLimit({ max, timeWindow, keyGenerator: (req: FastifyRequest) => `${name}:${keys.get(req) ?? ''}` });
  return async (req, key) => {
    keys.set(req, key);
    const r = await check(req);
    if (!r.isAllowed && r.isExceeded) throw new HttpError(429, 'rateLimited', { retryAfter: Math.max(1, r.ttlInSeconds) });
  };
}
