/** Signed source links: what they bind, when they expire, where the secret comes from. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import type { Assistant } from '../../src/assistant-types.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { buildServer } from '../../src/server/app.js';
import { createSourceLinks, LINK_SECRET_FILE, loadLinkSecret } from '../../src/server/signed-links.js';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-links-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const query = (p: string) => Object.fromEntries(new URL(p, 'https://x.se').searchParams) as Record<string, string>;

describe('signed source links', () => {
  const links = createSourceLinks(Buffer.from('k'.repeat(32)), 60_000);
  const now = Date.UTC(2026, 10, 30, 12);

  it('open the passage they were made for, for the audience they grant, until they expire', () => {
    const p = links.sourcePath('policies/riktlinje.md', [3, 7], 'internal', now);
    expect(p).toMatch(/^\/sources\/policies%2Friktlinje\.md\?lines=3-7&aud=internal&exp=\d+&sig=[\w-]+$/);
    expect(links.check('policies/riktlinje.md', query(p), now + 59_000)).toEqual({ ok: true, audience: 'internal' });
    expect(links.check('policies/riktlinje.md', query(p), now + 61_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuse any change: document, lines, audience, expiry, signature, another secret', () => {
    const p = links.sourcePath('a.md', [3, 7], 'internal', now);
    const q = query(p);
    expect(links.check('b.md', q, now).ok).toBe(false);
    expect(links.check('a.md', { ...q, lines: '1-99' }, now).ok).toBe(false);
    expect(links.check('a.md', { ...q, aud: 'restricted' }, now).ok).toBe(false);
    expect(links.check('a.md', { ...q, exp: String(Number(q.exp) + 3600) }, now).ok).toBe(false);
    expect(links.check('a.md', { ...q, sig: q.sig.slice(0, -2) + 'AA' }, now).ok).toBe(false);
    expect(links.check('a.md', { ...q, sig: undefined }, now).ok).toBe(false);
    expect(createSourceLinks(Buffer.from('o'.repeat(32)), 60_000).check('a.md', q, now).ok).toBe(false);
  });

  it('never grant public or an unknown audience', () => {
    for (const aud of ['public', 'admin', '']) {
      const signed = query(links.sourcePath('a.md', [1, 2], aud as never, now));
      expect(links.check('a.md', signed, now)).toEqual({ ok: false, reason: 'invalid' });
    }
  });
});

describe('the link secret', () => {
  it('is generated once into the data dir (mode 0600) and read back after a restart', () => {
    const dir = tmp();
    const first = loadLinkSecret(undefined, dir);
    const file = path.join(dir, LINK_SECRET_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadLinkSecret(undefined, dir).equals(first)).toBe(true);
    expect(loadLinkSecret(undefined, tmp()).equals(first)).toBe(false);
  });

  it('comes from BRYGGA_LINK_SECRET when set (at least 32 characters), and a damaged file is named', () => {
    expect(loadLinkSecret('s'.repeat(40), tmp()).toString()).toBe('s'.repeat(40));
    expect(() => loadConfig({ BRYGGA_LINK_SECRET: 'kort' })).toThrow(/BRYGGA_LINK_SECRET/);
    const dir = tmp();
    fs.writeFileSync(path.join(dir, LINK_SECRET_FILE), 'abc');
    expect(() => loadLinkSecret(undefined, dir)).toThrow(new RegExp(LINK_SECRET_FILE));
  });
});

describe('the server and the link secret', () => {
  it('generates the secret at start when none is configured and never logs it', async () => {
    const dir = tmp();
    let log = '';
    const sink = new Writable({ write: (c, _e, done) => ((log += String(c)), done()) });
    const config = loadConfig({ BRYGGA_DATA_DIR: dir, BRYGGA_KNOWLEDGE_DIR: path.resolve('knowledge'), LOG_LEVEL: 'debug' });
    const server = await buildServer({ config, assistant: {} as Assistant, logger: createLogger({ logLevel: 'debug' }, sink), rateLimits: false });
    await server.app.ready();
    await server.close();
    const secret = fs.readFileSync(path.join(dir, LINK_SECRET_FILE), 'utf8').trim();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(secret);
  });
});
