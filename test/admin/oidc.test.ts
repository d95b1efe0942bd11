/**
 * Staff sign-in through a real OpenID Connect provider on loopback: the whole authorization code
 * flow with PKCE, the session cookie's attributes, CSRF on POSTs, and refusals: a user outside the
 * admin group, an expired session, a forged cookie, a login that was not started here.
 */
import { sign } from '@fastify/cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrygga, type Running } from '../server/fixture.js';
import { ADMIN_GROUP, Browser, CLIENT, startProvider, type TestProvider } from './oidc-provider.js';

const SECRET = 'session-secret-for-tests-0123456789abcdef';
let idp: TestProvider;
let srv: Running;

beforeAll(async () => {
  idp = await startProvider();
  srv = await startBrygga({
    env: {
      BRYGGA_OIDC_ISSUER: idp.issuer,
      BRYGGA_OIDC_CLIENT_ID: CLIENT.id,
      BRYGGA_OIDC_CLIENT_SECRET: CLIENT.secret,
      BRYGGA_OIDC_ADMIN_VALUE: ADMIN_GROUP,
      BRYGGA_SESSION_SECRET: SECRET,
    },
    rateLimits: false,
  });
  idp.start(`${srv.url}/admin/oidc/callback`);
  await srv.ready;
});
afterAll(async () => {
  await srv?.stop();
  await idp?.close();
});

const session = (payload: object, secret = SECRET) => sign(Buffer.from(JSON.stringify(payload)).toString('base64url'), secret);

describe('OIDC sign-in', () => {
  it('an admin signs in through the provider (code + PKCE) and reaches the admin pages and API', async () => {
    const b = new Browser();
    const start = await b.request(`${srv.url}/admin/aterkoppling`);
    expect(start.status).toBe(303);
    expect(start.headers.get('location')).toBe('/admin/login');

    const login = await b.request(`${srv.url}/admin/login`);
    expect(login.status).toBe(303);
    const auth = new URL(login.headers.get('location')!);
    expect(auth.origin).toBe(idp.issuer);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(auth.searchParams.get('state')).toBeTruthy();
    expect(auth.searchParams.get('nonce')).toBeTruthy();
    expect(auth.searchParams.get('redirect_uri')).toBe(`${srv.url}/admin/oidc/callback`);

    const done = await b.signIn(auth.href, 'anna');
    expect(done.response.status).toBe(200);
    expect(new URL(done.url).pathname).toBe('/admin');
    expect(done.body).toContain('<h1>Obesvarade frågor</h1>');
    expect(done.body).toContain('Inloggad som Anna Admin');

    const cookie = b.setCookies.find((c) => c.startsWith('brygga_admin='))!;
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\/admin/i);
    expect(cookie).not.toMatch(/; Secure/i); // plain http on loopback
    expect(decodeURIComponent(b.cookie('brygga_admin')!)).toMatch(/^[\w-]+\.[\w+/-]{43}$/); // payload.HMAC-SHA256

    const api = await b.request(`${srv.url}/admin/api/unanswered`);
    expect(api.status).toBe(200);

    // POSTs from a session need the CSRF token of a page
    const noToken = await b.request(`${srv.url}/admin/api/reindex`, { method: 'POST' });
    expect(noToken.status).toBe(403);
    const docs = await (await b.request(`${srv.url}/admin/dokument`)).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(docs)![1]!;
    const withToken = await b.request(`${srv.url}/admin/api/reindex`, { method: 'POST', headers: { 'x-csrf-token': token } });
    expect(withToken.status).toBe(202);
    const form = await b.request(`${srv.url}/admin/reindex`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${encodeURIComponent(token)}` });
    expect(form.status).toBe(303);
    const forged = await b.request(`${srv.url}/admin/reindex`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '_csrf=forged' });
    expect(forged.status).toBe(403);
    await srv.admin!.reindexer.wait();

    // signing out ends the session
    const out = await b.request(`${srv.url}/admin/logout`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${encodeURIComponent(token)}` });
    expect(out.status).toBe(200);
    expect((await b.request(`${srv.url}/admin`)).status).toBe(303);
  });

  it('refuses a signed-in user outside the admin group: 403, no session', async () => {
    const b = new Browser();
    const done = await b.signIn(`${srv.url}/admin/login`, 'bertil');
    expect(done.response.status).toBe(403);
    expect(done.body).toContain('Ingen behörighet');
    expect(b.cookie('brygga_admin')).toBeUndefined();
    expect((await b.request(`${srv.url}/admin`)).status).toBe(303);
    expect((await b.request(`${srv.url}/admin/api/feedback`)).status).toBe(401);
  });

  it('refuses an expired session', async () => {
    const b = new Browser();
    b.setCookie('brygga_admin', session({ sub: 'anna', name: 'Anna', exp: Date.now() - 1000 }), '/admin');
    expect((await b.request(`${srv.url}/admin`)).status).toBe(303);
    expect((await b.request(`${srv.url}/admin/api/unanswered`)).status).toBe(401);
    // the same cookie, unexpired, is accepted: the refusal above is the expiry
    b.setCookie('brygga_admin', session({ sub: 'anna', name: 'Anna', exp: Date.now() + 60_000 }), '/admin');
    expect((await b.request(`${srv.url}/admin/api/unanswered`)).status).toBe(200);
  });

  it('refuses a forged cookie: another key, an altered payload, no signature', async () => {
    const payload = Buffer.from(JSON.stringify({ sub: 'mallory', name: 'M', exp: Date.now() + 3600_000 })).toString('base64url');
    const valid = session({ sub: 'anna', name: 'Anna', exp: Date.now() + 3600_000 });
    for (const forged of [session({ sub: 'mallory', exp: Date.now() + 3600_000 }, 'another-secret-0123456789abcdefghij'), `${payload}.${valid.split('.').pop()}`, payload]) {
      const b = new Browser();
      b.setCookie('brygga_admin', forged, '/admin');
      expect((await b.request(`${srv.url}/admin`)).status).toBe(303);
      expect((await b.request(`${srv.url}/admin/api/unanswered`)).status).toBe(401);
    }
  });

  it('refuses a callback that was not started here (no login state)', async () => {
    const b = new Browser();
    const r = await b.request(`${srv.url}/admin/oidc/callback?code=abc&state=xyz`);
    expect(r.status).toBe(400);
    expect(b.cookie('brygga_admin')).toBeUndefined();
  });
});
