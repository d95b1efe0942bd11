/**
 * Credentials for the admin area. The bearer token (BRYGGA_ADMIN_TOKEN) is compared in constant
 * time: both sides are hashed with SHA-256 and the digests compared with crypto.timingSafeEqual,
 * so neither the content nor the length of the token leaks through timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** true when `given` equals `expected`, in time independent of both values */
export function tokenMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header (RFC 6750 §2.1), or null. */
export function bearerToken(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return null;
  const m = /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(h);
  return m ? m[1]! : null;
}

/** Who is making an admin request. */
export type AdminPrincipal = { via: 'token' } | { via: 'oidc'; sub: string; name: string | null };

/** The result of checking a request's bearer token: none given, a wrong one, or the right one. */
export function checkBearer(req: FastifyRequest, expected: string | undefined): 'none' | 'wrong' | 'ok' {
  const given = bearerToken(req);
  if (given === null) return req.headers.authorization ? 'wrong' : 'none';
  if (!expected) return 'wrong';
  return tokenMatches(given, expected) ? 'ok' : 'wrong';
}
