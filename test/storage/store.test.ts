import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InputError } from '../../src/domain/types.js';
import { NeedsRegister } from '../../src/needs/register.js';
import { MIGRATIONS_DIR, openPostgresStore } from '../../src/storage/postgres.js';
import { unpackText } from '../../src/storage/compact.js';
import { openStore, type Store } from '../../src/storage/store.js';
import { freshSchema, postgresTests } from '../support/postgres.js';

/** One implementation of the Store under test: how to open it, reopen it (a restart) and read a table raw. */
interface Impl {
  name: 'sqlite' | 'postgres';
  setup(): Promise<void>;
  open(): Promise<Store>;
  /** every row of a table as JSON text, straight from the database */
  dump(table: string): Promise<string>;
  /** bytes the database holds for each value of a column (in insertion order) beside the length of the text in UTF-8 */
  stored(table: string, column: string): Promise<Array<{ stored: number; text: number }>>;
  teardown(): Promise<void>;
}

function sqliteImpl(): Impl {
  let dir = '';
  return {
    name: 'sqlite',
    async setup() {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-store-'));
    },
    async open() {
      return openStore(dir);
    },
    async dump(table) {
      expect(fs.existsSync(path.join(dir, 'brygga.sqlite'))).toBe(true);
      const db = new Database(path.join(dir, 'brygga.sqlite'), { readonly: true });
      try {
        return JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all());
      } finally {
        db.close();
      }
    },
    async stored(table, column) {
      const db = new Database(path.join(dir, 'brygga.sqlite'), { readonly: true });
      try {
        const rows = db.prepare(`SELECT ${column} AS v FROM ${table} ORDER BY seq`).all() as Array<{ v: string | Buffer }>;
        return rows.map(({ v }) => ({ stored: typeof v === 'string' ? Buffer.byteLength(v) : v.length, text: Buffer.byteLength(unpackText(v)) }));
      } finally {
        db.close();
      }
    },
    async teardown() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresImpl(): Impl {
  let schema: Awaited<ReturnType<typeof freshSchema>> | null = null;
  return {
    name: 'postgres',
    async setup() {
      schema = await freshSchema();
    },
    async open() {
      return openPostgresStore({ url: schema!.url });
    },
    async dump(table) {
      return JSON.stringify((await schema!.query(`SELECT * FROM ${table}`)).rows);
    },
    async stored(table, column) {
      const rows = (await schema!.query(`SELECT pg_column_size(${column}) AS stored, octet_length(${column}::text) AS text FROM ${table} ORDER BY seq`)).rows;
      return rows.map((r) => ({ stored: Number(r.stored), text: Number(r.text) }));
    },
    async teardown() {
      await schema?.drop();
    },
  };
}

const impls: Impl[] = [sqliteImpl()];
if (await postgresTests('store.test')) impls.push(postgresImpl());

describe.each(impls)('store on $name', (impl) => {
let store: Store;

beforeEach(async () => {
  await impl.setup();
  store = await impl.open();
});
afterEach(async () => {
  vi.useRealTimers();
  await store.close();
  await impl.teardown();
});

describe('contract', () => {
  it('creates sessions with random ids and finds them', async () => {
    const a = await store.createSession('web');
    const b = await store.createSession('web');
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(20);
    expect(await store.getSession(a)).toMatchObject({ id: a, channel: 'web' });
    expect(await store.getSession('nope')).toBeNull();
  });

  it('keeps one session per (channel, externalId)', async () => {
    const a = await store.createSession('slack', 'C1:1700000000.1');
    expect(await store.createSession('slack', 'C1:1700000000.1')).toBe(a);
    expect(await store.createSession('teams', 'C1:1700000000.1')).not.toBe(a);
  });

  it('redacts text and meta before storing, and returns history in order', async () => {
    const s = await store.createSession('web');
    await store.appendMessage({ sessionId: s, role: 'user', text: 'Jag är 811218-9876, ring 070-123 45 67', meta: { email: 'a@b.se', n: 3 } });
    await store.appendMessage({ sessionId: s, role: 'assistant', text: 'Svar om 2024 [1]' });
    const h = await store.history(s);
    expect(h.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(h[0]!.text).toBe('Jag är [PERSONNUMMER], ring [TELEFON]');
    expect(h[1]!.text).toBe('Svar om 2024 [1]');
    expect((await store.history(s, 1)).map((m) => m.text)).toEqual(['Svar om 2024 [1]']);
    // nothing personal in the database, meta included
    await store.close();
    const dump = await impl.dump('messages');
    expect(dump).not.toContain('9876');
    expect(dump).not.toContain('a@b.se');
    expect(dump).toContain('[E-POST]');
    store = await impl.open();
  });

  it('rejects messages for an unknown session', async () => {
    await expect(store.appendMessage({ sessionId: 'x', role: 'user', text: 'hej' })).rejects.toThrow(InputError);
  });

  it('saves feedback and rejects unknown session or message', async () => {
    const s = await store.createSession('web');
    const other = await store.createSession('web');
    const m = await store.appendMessage({ sessionId: s, role: 'assistant', text: 'svar' });
    await expect(store.saveFeedback({ sessionId: s, messageId: m, rating: 'up', comment: 'bra, mejla a@b.se' })).resolves.toBeUndefined();
    await expect(store.saveFeedback({ sessionId: 'nope', messageId: m, rating: 'up' })).rejects.toThrow(InputError);
    await expect(store.saveFeedback({ sessionId: s, messageId: 'nope', rating: 'down' })).rejects.toThrow(InputError);
    await expect(store.saveFeedback({ sessionId: other, messageId: m, rating: 'down' })).rejects.toThrow(InputError);
  });

  it('deletes a session with its messages', async () => {
    const s = await store.createSession('web');
    const m = await store.appendMessage({ sessionId: s, role: 'user', text: 'hej' });
    await store.saveFeedback({ sessionId: s, messageId: m, rating: 'down' });
    expect(await store.deleteSession(s)).toBe(true);
    expect(await store.getSession(s)).toBeNull();
    expect(await store.history(s)).toEqual([]);
    expect(await store.deleteSession(s)).toBe(false);
  });

  it('purges sessions idle for longer than the retention period', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-01-01T10:00:00Z'));
    const old = await store.createSession('web');
    await store.appendMessage({ sessionId: old, role: 'user', text: 'gammal' });
    vi.setSystemTime(new Date('2025-01-25T10:00:00Z'));
    const fresh = await store.createSession('web');
    vi.setSystemTime(new Date('2025-02-05T10:00:00Z'));
    expect(await store.purgeOlderThan(30)).toBe(1);
    expect(await store.getSession(old)).toBeNull();
    expect(await store.history(old)).toEqual([]);
    expect(await store.getSession(fresh)).not.toBeNull();
  });

  it('dedup.seen is insert-if-absent with expiry, and survives a restart', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-01-01T10:00:00Z'));
    expect(await store.dedup.seen('slack:event:Ev1', 60_000)).toBe(false);
    expect(await store.dedup.seen('slack:event:Ev1', 60_000)).toBe(true);
    expect(await store.dedup.seen('slack:event:Ev2', 60_000)).toBe(false);
    await store.close();
    store = await impl.open();
    expect(await store.dedup.seen('slack:event:Ev1', 60_000)).toBe(true);
    vi.setSystemTime(new Date('2025-01-01T10:01:00.001Z'));
    expect(await store.dedup.seen('slack:event:Ev1', 60_000)).toBe(false);
    expect(await store.dedup.seen('slack:event:Ev1', 60_000)).toBe(true);
    await expect(store.dedup.seen('x'.repeat(513), 1000)).rejects.toThrow(RangeError);
  });

  it('message() returns one message with its meta; linkMessage survives a restart and goes with its session', async () => {
    const s = await store.createSession('teams', 'conv-1');
    const m = await store.appendMessage({ sessionId: s, role: 'assistant', text: 'svar', meta: { draft: { date: '2026-11-05' } } });
    expect(await store.message(s, m)).toMatchObject({ messageId: m, sessionId: s, role: 'assistant', text: 'svar', meta: { draft: { date: '2026-11-05' } } });
    expect(await store.message('annan', m)).toBeNull();
    await store.linkMessage('teams:sent:conv-1:act-1', { sessionId: s, messageId: m });
    await expect(store.linkMessage('k', { sessionId: s, messageId: 'finns-inte' })).rejects.toThrow(/Okänt meddelande/);
    await store.close();
    store = await impl.open();
    expect(await store.linkedMessage('teams:sent:conv-1:act-1')).toMatchObject({ sessionId: s, messageId: m });
    expect(await store.linkedMessage('teams:sent:conv-1:act-2')).toBeNull();
    await store.deleteSession(s);
    expect(await store.linkedMessage('teams:sent:conv-1:act-1')).toBeNull();
  });

  it('persists across reopen', async () => {
    const s = await store.createSession('cli');
    await store.appendMessage({ sessionId: s, role: 'user', text: 'hej' });
    await store.close();
    store = await impl.open();
    expect((await store.history(s)).map((m) => m.text)).toEqual(['hej']);
  });

  it('keeps follow-up memory per session: the last turns, redacted, gone with the session and by retention', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-01-01T10:00:00Z'));
    const s = await store.createSession('web');
    await store.turns.remember(s, [{ role: 'user', text: 'Vad gjorde Social Trade? ring 070-123 45 67', subjects: ['Social Trade'] }], 3);
    await store.turns.remember(s, [{ role: 'assistant', text: 'svar ett', subjects: [] }, { role: 'user', text: 'fråga två', subjects: [] }, { role: 'assistant', text: 'svar två', subjects: ['X'] }], 3);
    expect((await store.turns.recall(s, 10)).map((t) => t.text)).toEqual(['svar ett', 'fråga två', 'svar två']);
    expect(await store.turns.recall(s, 1)).toEqual([{ role: 'assistant', text: 'svar två', subjects: ['X'] }]);
    const other = 'cli-session-utan-rad';
    await store.turns.remember(other, [{ role: 'user', text: 'mejla a@b.se', subjects: [] }], 5);
    expect(await impl.dump('memory_turns')).not.toContain('a@b.se');
    expect((await store.turns.recall(other, 5))[0]!.text).toBe('mejla [E-POST]');
    expect(await store.deleteSession(s)).toBe(true);
    expect(await store.turns.recall(s, 10)).toEqual([]);
    // retention: memory idle beyond the period goes even without a session row
    vi.setSystemTime(new Date('2025-03-01T10:00:00Z'));
    await store.purgeOlderThan(30);
    expect(await store.turns.recall(other, 5)).toEqual([]);
    expect(await impl.dump('memory_turns')).toBe('[]');
  });

  it('counts rate-limit hits in fixed windows that survive a restart', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-01-01T10:00:00Z'));
    expect(await store.counters.hit('chat-ip:1.2.3.4', 60_000)).toEqual({ count: 1, resetMs: 60_000 });
    vi.setSystemTime(new Date('2025-01-01T10:00:10Z'));
    expect(await store.counters.hit('chat-ip:1.2.3.4', 60_000)).toEqual({ count: 2, resetMs: 50_000 });
    expect((await store.counters.hit('chat-ip:5.6.7.8', 60_000)).count).toBe(1);
    await store.close();
    store = await impl.open();
    expect((await store.counters.hit('chat-ip:1.2.3.4', 60_000)).count).toBe(3);
    vi.setSystemTime(new Date('2025-01-01T10:01:00Z'));
    expect(await store.counters.hit('chat-ip:1.2.3.4', 60_000)).toEqual({ count: 1, resetMs: 60_000 });
    await expect(store.counters.hit('', 1000)).rejects.toThrow(RangeError);
  });

  it('keeps the needs register: numbered ids, updates, persisted', async () => {
    const a = new NeedsRegister(store.needs);
    const [n1, n2] = await Promise.all([a.save({ text: 'Catering till 120 personer' }), a.save({ text: 'Fönsterputs i Lund' })]);
    expect(new Set([n1.id, n2.id])).toEqual(new Set(['B-0001', 'B-0002']));
    await a.update(n1.id, { note: 'Ringde Kvarnbackens Kök' });
    await a.close(n2.id, { contacted: ['se-001'] });
    await store.close();
    store = await impl.open();
    const b = new NeedsRegister(store.needs);
    expect((await b.list()).map((n) => n.id).sort()).toEqual(['B-0001', 'B-0002']);
    expect(await b.get(n1.id)).toMatchObject({ status: 'open', notes: [{ text: 'Ringde Kvarnbackens Kök' }] });
    expect((await b.list({ status: 'closed' })).map((n) => n.id)).toEqual([n2.id]);
    await expect(b.update('B-9999', { note: 'x' })).rejects.toThrow(/finns inte/);
  });

  it('stores a long answer, its meta and remembered turns compactly, and gives them back as written', async () => {
    // an answer as the composer writes it: an intro, quotes and the sources, about 1.5 kB
    const quote = 'Samverkan mellan kommunen och den idéburna sektorn bygger på förtroende, tydliga roller och långsiktighet – något som tar tid att utveckla.';
    const answer = `Enligt underlagen:\n\n”${quote}” [1]\n\n”${quote.replace('tid', 'år')} Därför behövs uthålliga former för dialog.” [2]\n\n”${quote.slice(0, 90)}…” [3]\n\nKällor:\n[1] Rapport om samskapande, 2.1 Samverkan, rad 120–131\n[2] Rapport om samskapande, 2.2 Former, rad 140–152\n[3] Lokal policy, 1 Inledning, rad 3–9`;
    const meta = { answered: true, language: 'sv', mode: 'extractive', citations: [1, 2, 3].map((n) => ({ n, docId: `00${n}_533d367f4a9da622`, lines: [120 + n, 131 + n] })) };
    const s = await store.createSession('web');
    await store.appendMessage({ sessionId: s, role: 'user', text: 'Hur bygger man förtroende mellan kommunen och föreningar?' });
    const m = await store.appendMessage({ sessionId: s, role: 'assistant', text: answer, meta });
    const typed = `Hur bygger man förtroende? ${quote}`;
    await store.turns.remember(s, [{ role: 'user', text: typed, subjects: [] }, { role: 'assistant', text: quote.repeat(3), subjects: ['Samverkan'] }], 12);

    expect((await store.history(s)).map((x) => x.text)).toEqual(['Hur bygger man förtroende mellan kommunen och föreningar?', answer]);
    expect(await store.message(s, m)).toMatchObject({ text: answer, meta });
    expect((await store.exchanges())[0]).toMatchObject({ answer, answerMeta: meta, question: 'Hur bygger man förtroende mellan kommunen och föreningar?' });
    await store.markFollowUp({ sessionId: s, messageId: m });
    expect((await store.followUps())[0]).toMatchObject({ answer });
    expect((await store.turns.recall(s, 12)).map((t) => t.text)).toEqual([typed, quote.repeat(3)]);

    // SQLite: the answer and the remembered answer take less room than their text; what the user typed is kept as it is
    // (PostgreSQL compresses only rows over 2 kB itself, whatever toast_tuple_target says, so there they are as long as their text)
    if (impl.name !== 'sqlite') return;
    await store.close();
    const [question, stored] = await impl.stored('messages', 'text');
    expect(stored!.stored).toBeLessThan(stored!.text * 0.7);
    expect(question!.stored).toBe(question!.text);
    const turns = await impl.stored('memory_turns', 'text');
    expect(turns[0]!.stored).toBe(turns[0]!.text);
    expect(turns[1]!.stored).toBeLessThan(turns[1]!.text * 0.7);
    store = await impl.open();
  });

  it('lists exchanges with feedback and follow-ups for the admin view', async () => {
    const s = await store.createSession('web');
    await store.appendMessage({ sessionId: s, role: 'user', text: 'Vad är IOP?' });
    const m = await store.appendMessage({ sessionId: s, role: 'assistant', text: 'Ett partnerskap [1]', meta: { answered: true } });
    await store.saveFeedback({ sessionId: s, messageId: m, rating: 'down', comment: 'för kort' });
    const [ex] = await store.exchanges({ channel: 'web' });
    expect(ex).toMatchObject({ sessionId: s, channel: 'web', question: 'Vad är IOP?', answerId: m, answer: 'Ett partnerskap [1]', answerMeta: { answered: true } });
    expect(ex!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(ex!.feedback).toEqual([{ rating: 'down', comment: 'för kort', at: expect.stringMatching(/Z$/) }]);
    expect(await store.exchanges({ channel: 'slack' })).toEqual([]);
    expect(await store.exchanges({ from: '2999-01-01' })).toEqual([]);
    expect(await store.markFollowUp({ sessionId: s, messageId: m, link: null })).toBe(true);
    expect(await store.markFollowUp({ sessionId: s, messageId: m, link: null })).toBe(false);
    expect(await store.followUps()).toMatchObject([{ sessionId: s, answerId: m, question: 'Vad är IOP?', link: null }]);
    await store.unmarkFollowUp(m);
    expect(await store.followUps()).toEqual([]);
    expect(await store.health()).toBeNull();
  });
});
});

describe.runIf(impls.some((i) => i.name === 'postgres'))('two stores on one PostgreSQL schema (two replicas)', () => {
  it('migrate once when opened together, and agree on dedup, message order, memory, needs ids and who purges', async () => {
    const schema = await freshSchema();
    const [a, b] = [openPostgresStore({ url: schema.url }), openPostgresStore({ url: schema.url })];
    try {
      // first use migrates; both at once: one waits on node-pg-migrate's advisory lock
      const [s] = await Promise.all([a.createSession('web'), b.createSession('web')]);
      expect((await schema.query('SELECT name FROM pgmigrations')).rows.map((r) => r.name)).toEqual(fs.readdirSync(MIGRATIONS_DIR).map((f) => f.replace(/\.sql$/, '')).sort());
      // issue 17: the sessions' and the memory's times are not indexed (the purge reads the tables through)
      expect((await schema.query("SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND indexname IN ('sessions_updated', 'memory_turns_at')", [schema.schema])).rows).toEqual([]);

      const seen = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).dedup.seen('slack:event:A0:EvRACE', 60_000)));
      expect(seen.filter((x) => !x)).toHaveLength(1);

      await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).appendMessage({ sessionId: s!, role: 'user', text: `m${i}` })));
      const seqs = (await schema.query('SELECT seq FROM messages WHERE session_id = $1 ORDER BY seq', [s])).rows.map((r) => r.seq as number);
      expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));

      await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).turns.remember(s!, [{ role: 'user', text: `t${i}`, subjects: [] }], 4)));
      const kept = await a.turns.recall(s!, 10);
      expect(kept).toHaveLength(4);
      expect(new Set(kept.map((t) => t.text)).size).toBe(4);

      const saved = await Promise.all(Array.from({ length: 6 }, (_, i) => new NeedsRegister((i % 2 ? a : b).needs).save({ text: `behov ${i}` })));
      expect(new Set(saved.map((n) => n.id)).size).toBe(6);

      // both purge at once: one does the work under the advisory lock, the other skips this round
      await schema.query("UPDATE sessions SET updated_at = now() - interval '40 days'");
      const purged = await Promise.all([a.purgeOlderThan(30), b.purgeOlderThan(30)]);
      expect(purged.sort()).toEqual([0, 2]);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await schema.drop();
    }
  });
});
