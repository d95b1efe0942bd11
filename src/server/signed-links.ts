/**
 * Signed, expiring links to cited passages, for the people a Slack or Teams answer was posted to.
 *
 * The /sources page serves public documents to anyone. A link to a passage of an internal or
 * restricted document works only when it carries a valid signature: an HMAC-SHA256 (RFC 2104),
 * under a server secret, over the document id, the line range, the audience the link grants and
 * its expiry (Unix seconds). Changing any of them, or a link past its expiry, is refused.
 *
 *   /sources/<docId>?lines=12-20&aud=internal&exp=1767225600&sig=<base64url HMAC>
 *
 * The secret is BRYGGA_LINK_SECRET, or else 32 random bytes generated once and kept in
 * `<dataDir>/link-secret` (mode 0600), so links survive a restart. It is never logged.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LinkCheck, SourceLinks } from '../channel.js';
import type { Audience } from '../domain/types.js';

export type { LinkCheck, SourceLinks };

export const LINK_SECRET_FILE = 'link-secret';
/** the shortest secret accepted (characters of BRYGGA_LINK_SECRET, bytes of the file) */
export const MIN_SECRET_LENGTH = 32;

/** Audiences a link may grant: never `public` (public passages need no link), never an unknown one. */
const GRANTABLE = new Set<Audience>(['internal', 'restricted']);



/**
 * The server's link secret: BRYGGA_LINK_SECRET when set, else the one kept in the data dir,
 * created on first use. Throws with the file's name when that file is unreadable or too short.
 */
export function loadLinkSecret(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return Buffer.from(configured, 'utf8');
  const file = path.join(dataDir, LINK_SECRET_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`Länkhemligheten i ${file} är för kort (minst ${MIN_SECRET_LENGTH} tecken): ta bort filen så skapas en ny.`);
  }
  return Buffer.from(secret, 'utf8');
}

export function createSourceLinks(secret: Buffer, ttlMs: number): SourceLinks {
  const mac = (docId: string, lines: string, audience: string, exp: string) =>
    createHmac('sha256', secret).update(['brygga-source-v1', docId, lines, audience, exp].join('\n')).digest();
  return {
    sourcePath(docId, lines, audience, now = Date.now()) {
      const range = `${lines[0]}-${lines[1]}`;
      const exp = String(Math.floor((now + ttlMs) / 1000));
      const sig = mac(docId, range, audience, exp).toString('base64url');
      return `/sources/${encodeURIComponent(docId)}?lines=${range}&aud=${audience}&exp=${exp}&sig=${sig}`;
    },
    check(docId, q, now = Date.now()) {
      if (!q.sig || !q.exp || !q.aud || !/^\d{1,12}$/.test(q.exp) || !GRANTABLE.has(q.aud as Audience)) {
        return { ok: false, reason: 'invalid' };
      }
      const given = Buffer.from(q.sig, 'base64url');
      const expected = mac(docId, q.lines ?? '', q.aud, q.exp);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
      if (Number(q.exp) * 1000 < now) return { ok: false, reason: 'expired' };
      return { ok: true, audience: q.aud as Audience };
    },
  };
}
