/**
 * Staff sign-in to /admin with OpenID Connect (openid-client 6): the authorization code flow with
 * PKCE (S256), state and nonce (OpenID Connect Core 1.0 §3.1; RFC 7636). A user is an admin when
 * the configured claim (BRYGGA_OIDC_ADMIN_CLAIM, default "groups"; Entra ID app roles: "roles")
 * of the ID token, or else of the UserInfo response, holds BRYGGA_OIDC_ADMIN_VALUE.
 *
 * The session is a signed cookie (@fastify/cookie, HMAC-SHA256 with BRYGGA_SESSION_SECRET):
 * `brygga_admin` = base64url JSON {sub, name, exp}, HttpOnly, SameSite=Lax (it must come back on
 * the redirect from the provider), Secure when served over https, Path=/admin, 8 hours. A cookie
 * whose signature does not verify, or whose exp has passed, is no session. The login state
 * (state, nonce, PKCE verifier) lives in its own signed cookie for 10 minutes.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import * as client from 'openid-client';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { AdminPrincipal } from './auth.js';
import type { AdminSessions } from './routes.js';

export const SESSION_COOKIE = 'brygga_admin';
const LOGIN_COOKIE = 'brygga_oidc';
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
const LOGIN_TTL_S = 600;

type OidcConfig = NonNullable<Config['admin']['oidc']>;

/** Plain HTTP to the provider is allowed only on loopback (a provider in a test); fail closed elsewhere. */
export function insecureAllowed(issuer: string): boolean {
  const u = new URL(issuer);
  return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
}

/** Whether a claim value holds the admin group or role (a list, or one string). */
export function claimGrants(value: unknown, wanted: string): boolean {
  if (Array.isArray(value)) return value.some((v) => v === wanted);
  if (typeof value === 'string') return value === wanted || value.split(' ').includes(wanted);
  return false;
}

export interface SessionPayload {
  sub: string;
  name: string | null;
  /** expiry, Unix ms */
  exp: number;
}

export function encodeSession(p: SessionPayload): string {
  return Buffer.from(JSON.stringify(p)).toString('base64url');
}

function decodeSession(raw: string): SessionPayload | null {
  try {
    const p = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<SessionPayload>;
    if (typeof p.sub !== 'string' || typeof p.exp !== 'number') return null;
    return { sub: p.sub, name: typeof p.name === 'string' ? p.name : null, exp: p.exp };
  } catch {
    return null;
  }
}

export function isHttps(req: FastifyRequest, config: Config): boolean {
  return req.protocol === 'https' || Boolean(config.publicUrl?.startsWith('https:'));
}

/** The server's own base URL as the browser sees it (BRYGGA_PUBLIC_URL when set). */
function baseUrl(req: FastifyRequest, config: Config): string {
  return config.publicUrl ?? `${req.protocol}://${req.host}`;
}

export interface OidcDeps {
  config: Config;
  logger: Logger;
  /** renders a small Swedish page (title, message, HTTP status) */
  page(reply: FastifyReply, status: number, title: string, message: string): FastifyReply;
}

/**
 * Registers /admin/login, /admin/oidc/callback and /admin/logout in `scope` (which must have
 * @fastify/cookie with the session secret) and returns the session lookup for the guards.
 */
export function registerOidc(scope: FastifyInstance, oidc: OidcConfig, deps: OidcDeps): AdminSessions {
  const { config, logger } = deps;
  let discovered: Promise<client.Configuration> | null = null;
  const provider = () => {
    discovered ??= client
      .discovery(new URL(oidc.issuer), oidc.clientId, oidc.clientSecret, undefined, insecureAllowed(oidc.issuer) ? { execute: [client.allowInsecureRequests] } : undefined)
      .catch((err: unknown) => {
        discovered = null; // try again at the next sign-in
        throw err;
      });
    return discovered;
  };

  const cookieBase = (req: FastifyRequest) => ({ path: '/admin', httpOnly: true, sameSite: 'lax' as const, secure: isHttps(req, config), signed: true });

  const sessions: AdminSessions = {
    principal(req): AdminPrincipal | null {
      const raw = req.cookies?.[SESSION_COOKIE];
      if (!raw) return null;
      const unsigned = req.unsignCookie(raw);
      if (!unsigned.valid || unsigned.value === null) return null;
      const p = decodeSession(unsigned.value);
      if (!p || p.exp <= Date.now()) return null;
      return { via: 'oidc', sub: p.sub, name: p.name };
    },
  };

  scope.get('/admin/login', async (req, reply) => {
    if (sessions.principal(req)) return reply.redirect('/admin', 303);
    let cfg: client.Configuration;
    try {
      cfg = await provider();
    } catch (err) {
      logger.error({ err: (err as Error).message, issuer: oidc.issuer }, 'admin: OIDC-leverantören svarar inte');
      return deps.page(reply, 503, 'Inloggningen fungerar inte just nu', 'Inloggningstjänsten svarar inte. Försök igen om en stund, eller kontakta den som driver Brygga.');
    }
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(cfg, {
      redirect_uri: `${baseUrl(req, config)}/admin/oidc/callback`,
      scope: 'openid profile email',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    reply.setCookie(LOGIN_COOKIE, Buffer.from(JSON.stringify({ verifier, state, nonce })).toString('base64url'), { ...cookieBase(req), maxAge: LOGIN_TTL_S });
    reply.header('cache-control', 'no-store');
    return reply.redirect(url.href, 303);
  });

  scope.get('/admin/oidc/callback', async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const raw = req.cookies?.[LOGIN_COOKIE];
    const unsigned = raw ? req.unsignCookie(raw) : null;
    reply.clearCookie(LOGIN_COOKIE, { path: '/admin' });
    let login: { verifier: string; state: string; nonce: string } | null = null;
    try {
      login = unsigned?.valid && unsigned.value ? JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')) : null;
    } catch {
      login = null;
    }
    if (!login) return deps.page(reply, 400, 'Inloggningen gick inte att slutföra', 'Inloggningen tog för lång tid eller startades inte här. Börja om från inloggningssidan.');
    let claims: Record<string, unknown>;
    try {
      const cfg = await provider();
      const current = new URL(req.url, `${baseUrl(req, config)}/`);
      const tokens = await client.authorizationCodeGrant(cfg, current, { pkceCodeVerifier: login.verifier, expectedState: login.state, expectedNonce: login.nonce, idTokenExpected: true });
      claims = { ...(tokens.claims() ?? {}) };
      if (claims[oidc.adminClaim] === undefined || claims.name === undefined) {
        const info = await client.fetchUserInfo(cfg, tokens.access_token, String(claims.sub));
        claims = { ...info, ...claims, [oidc.adminClaim]: claims[oidc.adminClaim] ?? info[oidc.adminClaim] };
      }
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'admin: OIDC-inloggningen misslyckades');
      return deps.page(reply, 401, 'Inloggningen misslyckades', 'Inloggningen kunde inte bekräftas. Börja om från inloggningssidan.');
    }
    const sub = String(claims.sub);
    // logs name the user only by a short hash of the subject (no personal data in logs)
    const who = createHash('sha256').update(sub).digest('hex').slice(0, 12);
    if (!claimGrants(claims[oidc.adminClaim], oidc.adminValue)) {
      logger.warn({ user: who }, 'admin: inloggad användare saknar administratörsbehörighet');
      return deps.page(reply, 403, 'Ingen behörighet', 'Du är inloggad men har inte behörighet till Bryggas administration. Kontakta den som driver Brygga om du behöver det.');
    }
    const name = typeof claims.name === 'string' ? claims.name : typeof claims.preferred_username === 'string' ? claims.preferred_username : null;
    reply.setCookie(SESSION_COOKIE, encodeSession({ sub, name, exp: Date.now() + SESSION_TTL_MS }), { ...cookieBase(req), maxAge: SESSION_TTL_MS / 1000 });
    logger.info({ user: who }, 'admin: inloggad');
    return reply.redirect('/admin', 303);
  });

  return sessions;
}

/** A random secret for signing cookies when BRYGGA_SESSION_SECRET is not set (sessions end at restart). */
export function ephemeralSecret(): string {
  return randomBytes(32).toString('base64url');
}
