/**
 * A real OpenID Connect provider (the `oidc-provider` package) on 127.0.0.1 for the sign-in tests,
 * with its development login and consent forms (any password). Accounts: `anna` is in the admin
 * group, `bertil` is staff but not an admin.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const ADMIN_GROUP = 'brygga-admins';
export const CLIENT = { id: 'brygga-test', secret: 'client-secret-for-tests-0123456789' };
const ACCOUNTS: Record<string, { name: string; groups: string[] }> = {
  anna: { name: 'Anna Admin', groups: ['staff', ADMIN_GROUP] },
  bertil: { name: 'Bertil Personal', groups: ['staff'] },
};

export interface TestProvider {
  issuer: string;
  /** registers the client once Brygga's URL is known */
  start(redirectUri: string): void;
  close(): Promise<void>;
}

export async function startProvider(): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    start(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: CLIENT.id,
            client_secret: CLIENT.secret,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        async findAccount(_ctx: unknown, id: string) {
          const a = ACCOUNTS[id];
          if (!a) return undefined;
          return { accountId: id, claims: async () => ({ sub: id, name: a.name, groups: a.groups }) };
        },
        claims: { openid: ['sub'], profile: ['name', 'groups'], email: ['email'] },
        features: { devInteractions: { enabled: true } },
        cookies: { keys: ['provider-cookie-key-for-tests'] },
      } as never);
      server.on('request', provider.callback());
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A minimal browser: a cookie jar (by name and path, shared by host as RFC 6265 says) and manual redirects. */
export class Browser {
  private jar = new Map<string, { value: string; path: string }>();
  /** the Set-Cookie headers seen, for attribute checks */
  readonly setCookies: string[] = [];

  cookie(name: string): string | undefined {
    return this.jar.get(name)?.value;
  }

  setCookie(name: string, value: string, path = '/') {
    this.jar.set(name, { value, path });
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const u = new URL(url);
    const cookies = [...this.jar.entries()].filter(([, c]) => u.pathname.startsWith(c.path)).map(([n, c]) => `${n}=${c.value}`);
    const headers = new Headers(init.headers);
    if (cookies.length) headers.set('cookie', cookies.join('; '));
    const r = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const sc of r.headers.getSetCookie()) {
      this.setCookies.push(sc);
      const [pair, ...attrs] = sc.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      const path = attrs.map((a) => a.trim()).find((a) => /^path=/i.test(a))?.slice(5) ?? '/';
      const expired = attrs.some((a) => /^\s*max-age=0$/i.test(a.trim()) || /^\s*expires=Thu, 01 Jan 1970/i.test(a.trim()));
      if (expired || value === '') this.jar.delete(name);
      else this.jar.set(name, { value, path });
    }
    return r;
  }

  /**
   * Follows redirects from `url`; on the provider's login form signs in as `login`, on its consent
   * form consents; stops at the first response that is not a redirect or a provider form.
   */
  async signIn(url: string, login: string): Promise<{ response: Response; url: string; body: string }> {
    let next = url;
    let init: RequestInit = {};
    for (let hops = 0; hops < 20; hops++) {
      const r = await this.request(next, init);
      init = {};
      const loc = r.headers.get('location');
      if (r.status >= 300 && r.status < 400 && loc) {
        next = new URL(loc, next).href;
        continue;
      }
      const body = await r.text();
      const form = /<form[^>]*action="([^"]+)"[^>]*method="post"[\s\S]*?name="prompt" value="(login|consent)"/.exec(body);
      if (form && r.status === 200) {
        const action = new URL(form[1]!.replace(/&amp;/g, '&'), next).href;
        const params: Record<string, string> = form[2] === 'login' ? { prompt: 'login', login, password: 'x' } : { prompt: 'consent' };
        next = action;
        init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() };
        continue;
      }
      return { response: r, url: next, body };
    }
    throw new Error('too many redirects');
  }
}
