/**
 * Token buckets keyed by client IP or session id: `capacity` requests at once, refilled at
 * `perMinute` per minute. In memory, per process (a single Brygga instance per municipality).
 */
export interface BucketOptions {
  capacity: number;
  perMinute: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly refillPerMs: number;

  constructor(
    private readonly opts: BucketOptions,
    private readonly maxKeys = 100_000,
  ) {
    this.refillPerMs = opts.perMinute / 60_000;
  }

  /** takes one token; returns 0 when allowed, otherwise the seconds to wait */
  take(key: string, now = Date.now()): number {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.sweep(now);
      b = { tokens: this.opts.capacity, at: now };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(this.opts.capacity, b.tokens + (now - b.at) * this.refillPerMs);
      b.at = now;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.refillPerMs / 1000));
  }

  forget(key: string): void {
    this.buckets.delete(key);
  }

  /** drops buckets that have refilled completely (they hold no information) */
  sweep(now = Date.now()): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.at) * this.refillPerMs >= this.opts.capacity) this.buckets.delete(key);
    }
    if (this.buckets.size >= this.maxKeys) this.buckets.clear();
  }
}
