/**
 * Structured logs (pino). Every message and every string field passes through
 * redactPersonalData, and secrets never reach a log line: fields named like tokens, passwords,
 * secrets, API keys, cookies or Authorization headers are replaced by "[HEMLIG]", and strings
 * that look like bearer tokens or Slack tokens are masked wherever they appear.
 */
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { Config } from './config.js';
import { redactPersonalData } from './storage/redact.js';

export type Logger = PinoLogger;

const SECRET_KEY = /(token|secret|password|passwd|authorization|api[-_]?key|cookie|credential|signature)/i;
const SECRET_VALUE = [
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi,
  /\bBasic\s+[A-Za-z0-9+/=]{8,}/g,
  /\bxox[abposr]-[A-Za-z0-9-]+/g,
  /\bxapp-[A-Za-z0-9-]+/g,
  /\bsk-[A-Za-z0-9_-]{16,}/g,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, // JWT
];

/** Redacts personal data and masks secret-looking values in one string. */
export function scrubString(s: string): string {
  let out = s;
  for (const re of SECRET_VALUE) out = out.replace(re, '[HEMLIG]');
  return redactPersonalData(out);
}

/** Copies a log object with secret fields masked and every string scrubbed. */
export function scrub(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6 || seen.has(value)) return '[…]';
  seen.add(value);
  if (value instanceof Error) {
    return { type: value.name, message: scrubString(value.message), stack: value.stack ? scrubString(value.stack) : undefined };
  }
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => scrub(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SECRET_KEY.test(k) && v !== undefined && v !== null && v !== '' ? '[HEMLIG]' : scrub(v, depth + 1, seen);
  }
  return out;
}

/**
 * A pino logger for Brygga. `destination` is for tests (defaults to stdout).
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { app: 'brygga' },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: {
        // request/response serialisers used by fastify: keep only what is safe
        req: (req: { method?: string; url?: string; ip?: string; id?: unknown }) => ({
          method: req.method,
          url: typeof req.url === 'string' ? scrubString(req.url) : req.url,
          id: req.id,
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        err: (err: unknown) => scrub(err),
      },
      formatters: {
        log: (obj) => scrub(obj) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubString(a) : a));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
