/**
 * Readiness means "can answer": damage to the database or the index, through the real server.
 * - a database with a broken header, a damaged page or marked read-only: /readyz is 503 with the
 *   reason and the file, the log names the file, and /api/chat goes on answering (not kept);
 * - an inconsistent index (its parts disagree): it is rebuilt at start, then /readyz is 200 and
 *   /api/chat answers with citations.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { buildServer, type BryggaServer } from '../../src/server/app.js';
import { openStore } from '../../src/storage/store.js';
import { freshDataDir, postJson, testConfig } from './fixture.js';

const QUESTION = 'Vem är projektägare för Projekt Rekrytera?';
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

async function serve(dataDir: string): Promise<{ server: BryggaServer; url: string; logs: string[] }> {
  const logs: string[] = [];
  const logger = createLogger({ logLevel: 'info' }, new Writable({ write: (c, _e, cb) => (logs.push(String(c)), cb()) }));
  const server = await buildServer({ config: testConfig(dataDir), logger, channels: [], rateLimits: false });
  const url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  cleanup.push(async () => {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return { server, url, logs };
}

/** A data dir (with the shared index) whose database holds some conversations, checkpointed into the file. */
async function dataDirWithDatabase(): Promise<string> {
  const dir = await freshDataDir();
  const store = openStore(dir);
  for (let i = 0; i < 40; i++) {
    const s = await store.createSession('web');
    await store.appendMessage({ sessionId: s, role: 'user', text: `fråga ${i} ${'text '.repeat(40)}` });
  }
  await store.close();
  return dir;
}

function patch(file: string, offset: number, bytes: Buffer) {
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, bytes, 0, bytes.length, offset);
  fs.closeSync(fd);
}

const DB_DAMAGE: Array<{ name: string; damage(file: string): void; reason: RegExp }> = [
  { name: 'a broken header', damage: (f) => patch(f, 0, Buffer.from('inte en databas')), reason: /inte en SQLite-databas|skadat huvud/ },
  {
    name: 'a damaged page',
    damage: (f) => {
      const pageSize = fs.readFileSync(f).readUInt16BE(16);
      patch(f, pageSize, Buffer.alloc(64, 0xff));
    },
    reason: /skadad/,
  },
  // the file format's write version above 2 makes SQLite open the file read-only (even for root)
  { name: 'a read-only database', damage: (f) => patch(f, 18, Buffer.from([3])), reason: /skrivskydd/ },
];

describe('a database that cannot be used', () => {
  for (const d of DB_DAMAGE) {
    it(`${d.name}: /readyz says why, the log names the file, chats are still answered`, async () => {
      const dataDir = await dataDirWithDatabase();
      const file = path.join(dataDir, 'brygga.sqlite');
      d.damage(file);
      const { server, url, logs } = await serve(dataDir);
      await server.ready;

      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as { status: string; error: string; file: string; reason: string };
      expect(body).toMatchObject({ status: 'degraded', file: 'brygga.sqlite' });
      expect(body.reason).toMatch(d.reason);
      expect(body.error).toMatch(/databasen/);
      expect(logs.join('')).toContain(file);

      const a = await postJson(`${url}/api/chat`, { message: QUESTION });
      expect(a.status).toBe(200);
      expect(a.json.answered).toBe(true);
      const b = await postJson(`${url}/api/chat`, { message: 'Vilka fler var med?', sessionId: a.json.sessionId });
      expect(b.status).toBe(200);
      expect((await postJson(`${url}/api/feedback`, { sessionId: a.json.sessionId, messageId: a.json.messageId, rating: 'up' })).status).toBe(200);
    });
  }
});

function currentIndexDir(dataDir: string): string {
  return path.join(dataDir, fs.readFileSync(path.join(dataDir, 'CURRENT'), 'utf8').trim());
}

/** the index dir's description of its arrays (index.json) */
function meta(dir: string) {
  return JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8'));
}

const INDEX_DAMAGE: Array<{ name: string; damage(dir: string): Promise<void> }> = [
  {
    name: 'token streams of another index',
    damage: async (dir) => {
      const m = meta(dir);
      m.layout.tokenOffsets[2] = 5;
      fs.writeFileSync(path.join(dir, 'index.json'), JSON.stringify(m));
    },
  },
  {
    name: 'passages missing from a document\'s file',
    damage: async (dir) => {
      const file = path.join(dir, 'chunks', meta(dir).docs[0].chunkFile);
      const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
      fs.writeFileSync(file, lines.slice(0, Math.floor(lines.length / 2)).join('\n') + '\n');
    },
  },
  {
    name: 'BM25 postings pointing past the passages',
    damage: async (dir) => {
      const [, at, length] = meta(dir).layout.postingDocs;
      const file = path.join(dir, 'arrays.bin');
      const bytes = fs.readFileSync(file);
      const last = at + 4 * (length - 1);
      bytes.writeInt32LE(bytes.readInt32LE(last) + 100_000, last);
      fs.writeFileSync(file, bytes);
    },
  },
];

describe('an inconsistent index', () => {
  for (const d of INDEX_DAMAGE) {
    it(`${d.name}: is rebuilt at start, then the server is ready and answers`, async () => {
      const dataDir = await freshDataDir();
      const before = currentIndexDir(dataDir);
      await d.damage(before);
      const { server, url, logs } = await serve(dataDir);
      await server.ready;
      expect(currentIndexDir(dataDir)).not.toBe(before);
      expect(logs.join('')).toMatch(/inkonsekvent/);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      const r = await postJson(`${url}/api/chat`, { message: QUESTION });
      expect(r.status).toBe(200);
      expect(r.json.citations.length).toBeGreaterThan(0);
    });
  }
});
