/**
 * Start-up, readiness, rate limits, allowed origins and retention of the real server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAssistant } from '../../src/assistant.js';
import type { Assistant } from '../../src/assistant-types.js';
import { createLogger } from '../../src/logger.js';
import { openStore } from '../../src/storage/store.js';
import { freshDataDir, postJson, startBrygga, testConfig, type Running } from './fixture.js';

const QUESTION = 'Vem är projektägare för Projekt Rekrytera?';
const running: Running[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(running.splice(0).map((s) => s.stop()));
});
async function start(...args: Parameters<typeof startBrygga>) {
  const s = await startBrygga(...args);
  running.push(s);
  return s;
}

describe('readiness', () => {
  it('listens at once: /readyz and /api/chat are 503 with a Swedish reason until the assistant is ready', async () => {
    let release!: (a: Assistant) => void;
    const later = new Promise<Assistant>((r) => (release = r));
    const srv = await start({ assistant: later });
    expect((await fetch(`${srv.url}/healthz`)).status).toBe(200);
    const r = await fetch(`${srv.url}/readyz`);
    expect(r.status).toBe(503);
    expect(await r.json()).toMatchObject({ status: 'starting', error: expect.stringMatching(/startar/) });
    const chat = await postJson(`${srv.url}/api/chat`, { message: QUESTION });
    expect(chat.status).toBe(503);
    expect(chat.json.error).toMatch(/startar fortfarande/);
    expect(chat.headers.get('retry-after')).toBe('5');
    expect((await fetch(`${srv.url}/sources/x?lines=1-2`)).status).toBe(503);

    release(await createAssistant(srv.config, { logger: createLogger({ logLevel: 'silent' }) }));
    await srv.ready;
    expect((await fetch(`${srv.url}/readyz`)).status).toBe(200);
    expect((await postJson(`${srv.url}/api/chat`, { message: QUESTION })).status).toBe(200);
  });

  it('builds the index itself on first start when it is missing', async () => {
    const srv = await start({ withIndex: false });
    // the port is open while the index is being built
    expect((await fetch(`${srv.url}/readyz`)).status).toBe(503);
    await srv.ready;
    expect((await fetch(`${srv.url}/readyz`)).status).toBe(200);
    const r = await postJson(`${srv.url}/api/chat`, { message: QUESTION });
    expect(r.status).toBe(200);
    expect(r.json.citations.length).toBeGreaterThan(0);
  });

  it('becomes ready without listening too (for inject-based tests)', async () => {
    const { buildServer } = await import('../../src/server/app.js');
    const dataDir = await freshDataDir();
    const srv = await buildServer({ config: testConfig(dataDir), channels: [] });
    try {
      await srv.ready;
      const r = await srv.app.inject({ method: 'GET', url: '/readyz' });
      expect(r.statusCode).toBe(200);
    } finally {
      await srv.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('stays 503 with a reason when the index cannot be loaded', async () => {
    const srv = await start({ withIndex: false, env: { BRYGGA_KNOWLEDGE_DIR: path.join(os.tmpdir(), 'brygga-no-such-dir') } });
    await expect(srv.ready).rejects.toBeTruthy();
    const r = await fetch(`${srv.url}/readyz`);
    expect(r.status).toBe(503);
    expect(await r.json()).toMatchObject({ status: 'failed', error: expect.stringMatching(/kunde inte/) });
  });
});

describe('rate limits', () => {
  it('limits per IP with a friendly message and Retry-After', async () => {
    const srv = await start({ rateLimits: { chatPerIp: { capacity: 2, perMinute: 1 } } });
    await srv.ready;
    expect((await postJson(`${srv.url}/api/chat`, { message: QUESTION })).status).toBe(200);
    expect((await postJson(`${srv.url}/api/chat`, { message: QUESTION })).status).toBe(200);
    const third = await postJson(`${srv.url}/api/chat`, { message: QUESTION });
    expect(third.status).toBe(429);
    expect(third.json.error).toMatch(/lite för snabbt/);
    const wait = Number(third.headers.get('retry-after') ?? third.json.retryAfter);
    expect(wait).toBeGreaterThan(0);
    // the message says how long, in seconds, as the header does
    expect(third.json.error).toContain(`Vänta ${wait} sekund`);
    // an English question is refused in English (no lang field, no Accept-Language)
    const en = await postJson(`${srv.url}/api/chat`, { message: 'How many municipalities took part in the network?' });
    expect(en.status).toBe(429);
    expect(en.json.error).toMatch(/^You are sending questions a little too fast\. Please wait \d+ seconds?/);
  });

  it('limits per session while a new session may still ask', async () => {
    const srv = await start({ rateLimits: { chatPerSession: { capacity: 1, perMinute: 1 } } });
    await srv.ready;
    const a = await postJson(`${srv.url}/api/chat`, { message: QUESTION });
    expect(a.status).toBe(200);
    const again = await postJson(`${srv.url}/api/chat`, { message: QUESTION, sessionId: a.json.sessionId });
    expect(again.status).toBe(429);
    expect((await postJson(`${srv.url}/api/chat`, { message: QUESTION })).status).toBe(200);
  });
});

describe('allowed origins (BRYGGA_ALLOWED_ORIGINS)', () => {
  it('answers CORS for listed origins only, preflight included', async () => {
    const srv = await start({ env: { BRYGGA_ALLOWED_ORIGINS: 'https://kommun.example, https://www.kommun.example' } });
    await srv.ready;
    const ok = await postJson(`${srv.url}/api/chat`, { message: QUESTION }, { origin: 'https://kommun.example' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://kommun.example');
    const bad = await postJson(`${srv.url}/api/chat`, { message: QUESTION }, { origin: 'https://other.example' });
    expect(bad.status).toBe(403);
    expect(bad.headers.get('access-control-allow-origin')).toBeNull();

    const pre = await fetch(`${srv.url}/api/chat`, {
      method: 'OPTIONS',
      headers: { origin: 'https://www.kommun.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://www.kommun.example');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/content-type/);
    const preBad = await fetch(`${srv.url}/api/feedback`, { method: 'OPTIONS', headers: { origin: 'https://other.example' } });
    expect(preBad.status).toBe(403);
  });
});

describe('retention', () => {
  it('purges conversations older than the retention period at start', async () => {
    const dataDir = await freshDataDir();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - 40 * 24 * 3600 * 1000);
    const store = openStore(dataDir);
    const old = await store.createSession('web');
    await store.appendMessage({ sessionId: old, role: 'user', text: 'gammal fråga' });
    vi.setSystemTime(Date.now() + 35 * 24 * 3600 * 1000);
    const recent = await store.createSession('web');
    await store.close();
    vi.useRealTimers();

    const { buildServer } = await import('../../src/server/app.js');
    const srv = await buildServer({ config: testConfig(dataDir, { BRYGGA_RETENTION_DAYS: '30' }), channels: [] });
    try {
      expect(await srv.store.getSession(old)).toBeNull();
      expect(await srv.store.history(old)).toEqual([]);
      expect(await srv.store.getSession(recent)).not.toBeNull();
    } finally {
      await srv.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
