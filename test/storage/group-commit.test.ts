/**
 * The SQLite store's writes of one turn of the event loop share one commit (issue 17): what has
 * resolved is visible on the store's own connection at once, durable once `committed()` resolves
 * or the store is closed, and a write that fails does not take the others of its turn with it; the
 * log is checkpointed by a worker. A database made before the follow-up memory lost its rowid is moved over with its turns.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/domain/types.js';
import { todayInStockholm } from '../../src/invite/dates.js';
import { idText, openStore, storeFile } from '../../src/storage/store.js';

let dir = '';
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-commit-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** the rows another process would see: a second connection to the file */
function outside<T>(sql: string, ...args: unknown[]): T[] {
  const db = new Database(storeFile(dir), { readonly: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}

describe('group commit', () => {
  it('commits the writes of one turn together: visible to the store at once, to others once committed', async () => {
    const store = openStore(dir);
    try {
      const s = await store.createSession('web');
      expect(store.committed()).toBeInstanceOf(Promise);
      const q = await store.appendMessage({ sessionId: s, role: 'user', text: 'Vad är IOP?' });
      const a = await store.appendMessage({ sessionId: s, role: 'assistant', text: 'Ett partnerskap [1].' });
      await store.turns.remember(s, [{ role: 'user', text: 'Vad är IOP?', subjects: ['IOP'] }], 4);
      // the store's own reads see them before the commit
      expect((await store.history(s)).map((m) => m.messageId)).toEqual([q, a]);
      expect(await store.turns.recall(s, 4)).toEqual([{ role: 'user', text: 'Vad är IOP?', subjects: ['IOP'] }]);
      // another connection sees nothing of the open batch
      expect(outside('SELECT id FROM messages')).toEqual([]);
      await store.committed();
      expect(outside<{ id: Buffer }>('SELECT id FROM messages ORDER BY seq').map((r) => idText(r.id))).toEqual([q, a]);
      expect(outside('SELECT session_id FROM memory_turns')).toHaveLength(1);
      // nothing waiting: nothing to wait for
      expect(store.committed()).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('a clean shutdown stores what was waiting for its commit', async () => {
    const store = openStore(dir);
    const s = await store.createSession('web');
    const id = await store.appendMessage({ sessionId: s, role: 'user', text: 'Hej' });
    await store.close();
    expect(outside<{ id: Buffer }>('SELECT id FROM messages').map((r) => idText(r.id))).toEqual([id]);
    const again = openStore(dir);
    try {
      expect(await again.history(s)).toHaveLength(1);
    } finally {
      await again.close();
    }
  });

  it('a write that fails leaves the others of its turn', async () => {
    const store = openStore(dir);
    try {
      const s = await store.createSession('web');
      const ok = store.appendMessage({ sessionId: s, role: 'user', text: 'ett' });
      const bad = store.appendMessage({ sessionId: 'ingen-sådan', role: 'user', text: 'två' });
      const ok2 = store.appendMessage({ sessionId: s, role: 'assistant', text: 'tre' });
      await expect(bad).rejects.toBeInstanceOf(InputError);
      await expect(bad).rejects.toMatchObject({ code: 'unknown_session' });
      await Promise.all([ok, ok2]);
      await store.committed();
      expect(outside<{ text: string }>('SELECT text FROM messages ORDER BY seq').map((r) => r.text)).toEqual(['ett', 'tre']);
      // the session was touched by the stored ones only
      expect(outside('SELECT 1 FROM sessions')).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('deleting a session commits what is waiting first and leaves the others', async () => {
    const store = openStore(dir);
    try {
      const a = await store.createSession('web');
      const b = await store.createSession('web');
      await store.appendMessage({ sessionId: a, role: 'user', text: 'radera mig' });
      await store.appendMessage({ sessionId: b, role: 'user', text: 'behåll mig' });
      expect(await store.deleteSession(a)).toBe(true);
      expect(outside<{ text: string }>('SELECT text FROM messages').map((r) => r.text)).toEqual(['behåll mig']);
    } finally {
      await store.close();
    }
  });
});

describe('checkpoints', () => {
  it('copies the log into the database file from a worker while the writer goes on', async () => {
    const store = openStore(dir);
    try {
      const before = fs.statSync(storeFile(dir)).size;
      const s = await store.createSession('web');
      // 70 commits of one answer each: the writer's own checkpoint (thousands of pages) never comes
      for (let i = 0; i < 70; i++) {
        await store.appendMessage({ sessionId: s, role: 'assistant', text: `svar ${i} `.repeat(300) });
        await store.committed();
      }
      const end = Date.now() + 10_000;
      while (fs.statSync(storeFile(dir)).size <= before && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      expect(fs.statSync(storeFile(dir)).size).toBeGreaterThan(before);
      expect(await store.history(s, 100)).toHaveLength(70);
    } finally {
      await store.close();
    }
  });
});

describe('ids', () => {
  it('sort in the order they were made (text order, as SQLite compares them) and stay random', async () => {
    const store = openStore(dir);
    try {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        ids.push(await store.createSession('web'));
        await new Promise((r) => setTimeout(r, 2));
      }
      expect([...ids].sort()).toEqual(ids);
      for (const id of ids) expect(id).toMatch(/^[0-9a-z]{9}[A-Za-z0-9_-]{22}$/);
      expect(new Set(ids.map((id) => id.slice(9))).size).toBe(5);
    } finally {
      await store.close();
    }
  });
});

describe('schema', () => {
  it('a new database has 8 kB pages and follow-up memory without a rowid', async () => {
    const store = openStore(dir);
    await store.close();
    const db = new Database(storeFile(dir), { readonly: true });
    try {
      expect(db.pragma('page_size', { simple: true })).toBe(8192);
      const sql = (db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'memory_turns'").get() as { sql: string }).sql;
      expect(sql).toMatch(/WITHOUT ROWID/);
      expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'memory_turns_at'").all()).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('moves the follow-up memory of a database made before over, turns and order kept', async () => {
    fs.mkdirSync(dir, { recursive: true });
    const old = new Database(storeFile(dir));
    old.exec(`
      CREATE TABLE memory_turns (
        session_id TEXT NOT NULL, seq INTEGER NOT NULL, role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
        text TEXT NOT NULL, subjects TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (session_id, seq));
      CREATE INDEX memory_turns_at ON memory_turns(at);
      INSERT INTO memory_turns VALUES ('s1', 1, 'user', 'Vad gjorde Crossroads?', '["Crossroads"]', '2026-01-01T00:00:00.000Z');
      INSERT INTO memory_turns VALUES ('s1', 2, 'assistant', 'Stöd till EU-migranter.', '["EU-migranter"]', '2026-01-01T00:00:01.000Z');`);
    old.close();
    const store = openStore(dir);
    try {
      expect(await store.turns.recall('s1', 10)).toEqual([
        { role: 'user', text: 'Vad gjorde Crossroads?', subjects: ['Crossroads'] },
        { role: 'assistant', text: 'Stöd till EU-migranter.', subjects: ['EU-migranter'] },
      ]);
      await store.turns.remember('s1', [{ role: 'user', text: 'och sen?', subjects: [] }], 10);
      expect((await store.turns.recall('s1', 10)).map((t) => t.text)).toEqual(['Vad gjorde Crossroads?', 'Stöd till EU-migranter.', 'och sen?']);
    } finally {
      await store.close();
    }
    expect(outside<{ sql: string }>("SELECT sql FROM sqlite_schema WHERE name = 'memory_turns'")[0]!.sql).toMatch(/WITHOUT ROWID/);
    expect(outside("SELECT name FROM sqlite_schema WHERE name LIKE 'memory_turns_%'")).toEqual([]);
  });
});

describe('todayInStockholm', () => {
  it('turns at Stockholm midnight, also when asked again within the minute before', () => {
    // 2026-06-01: summer time, UTC+2
    expect(todayInStockholm(new Date('2026-06-01T21:59:00.000Z'))).toBe('2026-06-01');
    expect(todayInStockholm(new Date('2026-06-01T21:59:59.999Z'))).toBe('2026-06-01');
    expect(todayInStockholm(new Date('2026-06-01T22:00:00.000Z'))).toBe('2026-06-02');
    // winter time, UTC+1
    expect(todayInStockholm(new Date('2026-12-31T22:59:59.000Z'))).toBe('2026-12-31');
    expect(todayInStockholm(new Date('2026-12-31T23:00:00.000Z'))).toBe('2027-01-01');
  });
});
