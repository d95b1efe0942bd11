/**
 * What the SQLite store keeps lean (issue 17: bytes per stored answer): follow-up memory subjects that
 * are the text's own are not stored, only recomputed; times are integer milliseconds. A
 * database written by the store before (ISO 8601 text times; fixtures/store-iso-times, made with
 * make.mts.txt by that store) is moved over when opened: everything it read back then is read back
 * the same now, and new writes, reports, deletion and retention work on the old rows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConversationMemory, subjectsOf } from '../../src/conversation/memory.js';
import { idText, openStore, storedId, storeFile, type Store } from '../../src/storage/store.js';

const FIXTURE = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', 'store-iso-times');
const expected = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'expected.json'), 'utf8')) as Record<string, any>;

let dir = '';
let store: Store | null = null;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-migrate-'));
  fs.copyFileSync(path.join(FIXTURE, 'brygga.sqlite'), path.join(dir, 'brygga.sqlite'));
});
afterEach(async () => {
  vi.useRealTimers();
  await store?.close();
  store = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

const raw = <T>(fn: (db: Database.Database) => T): T => {
  const db = new Database(path.join(dir, 'brygga.sqlite'), { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
};

describe('a database made when times were ISO 8601 text', () => {
  it('is text before it is opened (the fixture is what the old store wrote)', () => {
    expect(raw((db) => db.prepare('SELECT typeof(created_at) AS t FROM sessions').all())).toEqual([{ t: 'text' }, { t: 'text' }]);
  });

  it('reads back everything as the old store did: sessions, history, messages, reports, links, memory', async () => {
    store = openStore(dir);
    const e = expected;
    expect(await store.getSession(e.web)).toEqual(e.sessions.web);
    expect(await store.getSession(e.slack)).toEqual(e.sessions.slack);
    expect(await store.createSession('slack', 'C1:1700000000.0001')).toBe(e.slackAgain);
    expect(await store.history(e.web)).toEqual(e.history.web);
    expect(await store.history(e.slack)).toEqual(e.history.slack);
    expect(await store.message(e.web, e.a1)).toEqual(e.message);
    expect(await store.exchanges()).toEqual(e.exchanges);
    expect(await store.followUps()).toEqual(e.followUps);
    expect(await store.linkedMessage('teams:activity-1')).toEqual(e.linked);
    expect(await store.turns.recall(e.web, 12)).toEqual(e.turns.web);
    expect(await store.turns.recall('tool-only-session', 12)).toEqual(e.turns.tool);
    // every time is an integer now, and the old rows' times are the same instants
    const types = raw((db) =>
      ['sessions.created_at', 'sessions.updated_at', 'messages.at', 'feedback.at', 'message_links.at', 'follow_ups.at', 'memory_turns.at'].map((c) => {
        const [t, col] = c.split('.');
        return [c, (db.prepare(`SELECT DISTINCT typeof(${col}) AS t FROM ${t}`).all() as Array<{ t: string }>).map((r) => r.t)];
      }),
    );
    expect(Object.fromEntries(types)).toEqual({
      'sessions.created_at': ['integer'],
      'sessions.updated_at': ['integer'],
      'messages.at': ['integer'],
      'feedback.at': ['integer'],
      'message_links.at': ['integer'],
      'follow_ups.at': ['integer'],
      'memory_turns.at': ['integer'],
    });
    expect(raw((db) => db.pragma('foreign_key_check'))).toEqual([]);
    // the ids the old store made are kept in their 22-byte form now; a tool's own session key as it was
    expect(raw((db) => db.prepare('SELECT DISTINCT typeof(session_id) AS t, length(session_id) AS n FROM messages').all())).toEqual([{ t: 'blob', n: 22 }]);
    expect(raw((db) => db.prepare("SELECT DISTINCT typeof(session_id) AS t FROM memory_turns WHERE session_id = 'tool-only-session'").all())).toEqual([{ t: 'text' }]);
    expect(raw((db) => (db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'memory_turns'").get() as { sql: string }).sql)).toMatch(/WITHOUT ROWID/);
  });

  it('keeps working: new messages follow the old ones, the time filters and deletion cover old rows, reopening changes nothing', async () => {
    store = openStore(dir);
    const e = expected;
    await store.appendMessage({ sessionId: e.web, role: 'user', text: 'En till fråga' });
    const later = await store.appendMessage({ sessionId: e.web, role: 'assistant', text: 'Ett till svar', meta: { answered: true } });
    await store.saveFeedback({ sessionId: e.web, messageId: later, rating: 'up' });
    const history = await store.history(e.web);
    expect(history.map((m) => m.text).slice(-2)).toEqual(['En till fråga', 'Ett till svar']);
    expect(history.slice(0, -2)).toEqual(e.history.web);
    const oldAt = e.exchanges.at(-1).at as string;
    expect((await store.exchanges({ to: oldAt })).length).toBe(0);
    expect((await store.exchanges({ from: oldAt })).map((x) => x.answerId)).toContain(e.exchanges.at(-1).answerId);
    expect((await store.exchanges({ channel: 'slack' })).map((x) => x.answerId)).toEqual([e.a3]);
    await store.close();
    store = openStore(dir);
    expect((await store.history(e.web)).slice(0, -2)).toEqual(e.history.web);
    expect(await store.deleteSession(e.slack)).toBe(true);
    expect(await store.followUps()).toEqual([]);
    expect(await store.linkedMessage('teams:activity-1')).toBeNull();
  });

  it('purges the old sessions and memory by their converted times', async () => {
    store = openStore(dir);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse(expected.sessions.web.createdAt) + 31 * 86_400_000);
    expect(await store.purgeOlderThan(30)).toBe(2);
    expect(await store.getSession(expected.web)).toBeNull();
    expect(await store.turns.recall(expected.web, 12)).toEqual([]);
    expect(await store.turns.recall('tool-only-session', 12)).toEqual([]);
  });
});

describe('times in a new database', () => {
  it('are stored as integer milliseconds and read as ISO 8601 UTC; a time filter that is no time is an input error', async () => {
    store = openStore(fs.mkdtempSync(path.join(dir, 'new-')));
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-04T05:06:07.089Z'));
    const s = await store.createSession('web');
    await store.appendMessage({ sessionId: s, role: 'user', text: 'Fråga' });
    await store.appendMessage({ sessionId: s, role: 'assistant', text: 'Svar' });
    expect((await store.getSession(s))!.createdAt).toBe('2026-03-04T05:06:07.089Z');
    expect((await store.history(s)).map((m) => m.at)).toEqual(['2026-03-04T05:06:07.089Z', '2026-03-04T05:06:07.089Z']);
    expect(await store.exchanges({ from: '2026-03-04T05:06:07.089Z', to: '2026-03-04T05:06:07.090Z' })).toHaveLength(1);
    expect(await store.exchanges({ from: '2026-03-04T05:06:07.090Z' })).toHaveLength(0);
    await expect(store.exchanges({ from: 'igår' })).rejects.toMatchObject({ code: 'invalid_time' });
  });
});

describe('follow-up memory subjects', () => {
  it('are not stored when they are the text\'s own, and are given back the same; other subjects are kept as given', async () => {
    store = openStore(fs.mkdtempSync(path.join(dir, 'new-')));
    const memory = new ConversationMemory({ store: store.turns });
    const question = 'Hur arbetar Malmö stad med idéburet offentligt partnerskap (IOP)?';
    const answer = 'Malmö stad har ingått IOP med Stadsmissionen och FC Rosengård om arbetsintegrerande insatser.';
    await memory.add('s-1', { role: 'user', text: question }, { role: 'assistant', text: answer });
    await store.turns.remember('s-1', [{ role: 'user', text: 'Och Göteborg?', subjects: ['Göteborg', 'IOP'] }, { role: 'assistant', text: 'Ingen uppgift.' }], 12);
    await store.committed();
    expect(subjectsOf(question).length).toBeGreaterThan(0);
    expect(await memory.history('s-1')).toEqual([
      { role: 'user', text: question, subjects: [...subjectsOf(question)] },
      { role: 'assistant', text: answer, subjects: [...subjectsOf(answer)] },
      { role: 'user', text: 'Och Göteborg?', subjects: ['Göteborg', 'IOP'] },
      { role: 'assistant', text: 'Ingen uppgift.', subjects: [] },
    ]);
    const db = new Database(path.join(dir, fs.readdirSync(dir).find((f) => f.startsWith('new-'))!, 'brygga.sqlite'), { readonly: true });
    try {
      expect((db.prepare('SELECT subjects FROM memory_turns ORDER BY seq').all() as Array<{ subjects: string }>).map((r) => r.subjects)).toEqual([
        '',
        '',
        '["Göteborg","IOP"]',
        // given none, while the text has some of its own: kept as given
        subjectsOf('Ingen uppgift.').length ? '[]' : '',
      ]);
    } finally {
      db.close();
    }
  });
});

describe('stored ids', () => {
  it('keep an id the store made in 22 bytes and give it back exactly; any other id stays text', async () => {
    store = openStore(fs.mkdtempSync(path.join(dir, 'new-')));
    const ids = await Promise.all(Array.from({ length: 50 }, () => store!.createSession('web')));
    for (const id of ids) {
      const stored = storedId(id);
      expect(Buffer.isBuffer(stored) && stored.length).toBe(22);
      expect(idText(stored)).toBe(id);
    }
    for (const other of ['tool-only-session', 's1', '', 'ZZZZZZZZZaaaaaaaaaaaaaaaaaaaaaa', ids[0]!.slice(0, -1) + 'B', ids[0]!.toUpperCase()]) {
      expect(storedId(other)).toBe(other);
    }
    expect(await store.getSession(ids[0]!.slice(0, -1) + 'B')).toBeNull();
    expect((await store.getSession(ids[3]!))!.id).toBe(ids[3]);
  });
});

describe('file modes', () => {
  it('the database and its write-ahead log are readable by their owner only', async () => {
    // (the data dir holds a database made before, with the mode files get by default)
    fs.chmodSync(storeFile(dir), 0o644);
    const store = openStore(dir);
    const id = await store.createSession('web');
    await store.appendMessage({ sessionId: id, role: 'user', text: 'Vad är ett socialt företag?' });
    for (const f of [storeFile(dir), `${storeFile(dir)}-wal`]) if (fs.existsSync(f)) expect((fs.statSync(f).mode & 0o777).toString(8), f).toBe('600');
    expect(fs.existsSync(storeFile(dir))).toBe(true);
    await store.close();
  });
});
