import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InputError } from '../../src/domain/types.js';
import { openStore, type Store } from '../../src/storage/store.js';

let dir: string;
let store: Store;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-store-'));
  store = openStore(dir);
});
afterEach(() => {
  vi.useRealTimers();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('store', () => {
  it('creates sessions with random ids and finds them', () => {
    const a = store.createSession('web');
    const b = store.createSession('web');
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(20);
    expect(store.getSession(a)).toMatchObject({ id: a, channel: 'web' });
    expect(store.getSession('nope')).toBeNull();
    expect(fs.existsSync(path.join(dir, 'brygga.sqlite'))).toBe(true);
  });

  it('keeps one session per (channel, externalId)', () => {
    const a = store.createSession('slack', 'C1:1700000000.1');
    expect(store.createSession('slack', 'C1:1700000000.1')).toBe(a);
    expect(store.createSession('teams', 'C1:1700000000.1')).not.toBe(a);
  });

  it('stores a question and its answer together, redacted, after what the session holds', () => {
    const s = store.createSession('web');
    store.appendMessage({ sessionId: s, role: 'user', text: 'Hej' });
    const ids = store.appendExchange({ sessionId: s, question: 'Ring mig på 070-123 45 67', answer: 'Svar [1]', meta: { answered: true, note: 'eva.s@example.se' } });
    const h = store.history(s);
    expect(h.map((m) => [m.role, m.text])).toEqual([
      ['user', 'Hej'],
      ['user', 'Ring mig på [TELEFON]'],
      ['assistant', 'Svar [1]'],
    ]);
    expect(h[1]!.messageId).toBe(ids.questionId);
    expect(h[2]!.messageId).toBe(ids.answerId);
    expect(store.message(s, ids.answerId)?.meta).toEqual({ answered: true, note: '[E-POST]' });
    // feedback finds the answer
    store.saveFeedback({ sessionId: s, messageId: ids.answerId, rating: 'up' });
    expect(() => store.appendExchange({ sessionId: 'nope', question: 'a', answer: 'b' })).toThrow(InputError);
  });

  it('redacts text and meta before storing, and returns history in order', () => {
    const s = store.createSession('web');
    store.appendMessage({ sessionId: s, role: 'user', text: 'Jag är 811218-9876, ring 070-123 45 67', meta: { email: 'a@b.se', n: 3 } });
    store.appendMessage({ sessionId: s, role: 'assistant', text: 'Svar om 2024 [1]' });
    const h = store.history(s);
    expect(h.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(h[0]!.text).toBe('Jag är [PERSONNUMMER], ring [TELEFON]');
    expect(h[1]!.text).toBe('Svar om 2024 [1]');
    expect(store.history(s, 1).map((m) => m.text)).toEqual(['Svar om 2024 [1]']);
    // nothing personal on disk, meta included
    store.close();
    const db = new Database(path.join(dir, 'brygga.sqlite'), { readonly: true });
    const dump = JSON.stringify(db.prepare('SELECT * FROM messages').all());
    db.close();
    expect(dump).not.toContain('9876');
    expect(dump).not.toContain('a@b.se');
    expect(dump).toContain('[E-POST]');
    store = openStore(dir);
  });

  it('rejects messages for an unknown session', () => {
    expect(() => store.appendMessage({ sessionId: 'x', role: 'user', text: 'hej' })).toThrow(InputError);
  });

  it('saves feedback and rejects unknown session or message', () => {
    const s = store.createSession('web');
    const other = store.createSession('web');
    const m = store.appendMessage({ sessionId: s, role: 'assistant', text: 'svar' });
    expect(() => store.saveFeedback({ sessionId: s, messageId: m, rating: 'up', comment: 'bra, mejla a@b.se' })).not.toThrow();
    expect(() => store.saveFeedback({ sessionId: 'nope', messageId: m, rating: 'up' })).toThrow(InputError);
    expect(() => store.saveFeedback({ sessionId: s, messageId: 'nope', rating: 'down' })).toThrow(InputError);
    expect(() => store.saveFeedback({ sessionId: other, messageId: m, rating: 'down' })).toThrow(InputError);
  });

  it('deletes a session with its messages', () => {
    const s = store.createSession('web');
    const m = store.appendMessage({ sessionId: s, role: 'user', text: 'hej' });
    store.saveFeedback({ sessionId: s, messageId: m, rating: 'down' });
    expect(store.deleteSession(s)).toBe(true);
    expect(store.getSession(s)).toBeNull();
    expect(store.history(s)).toEqual([]);
    expect(store.deleteSession(s)).toBe(false);
  });

  it('purges sessions idle for longer than the retention period', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-01-01T10:00:00Z'));
    const old = store.createSession('web');
    store.appendMessage({ sessionId: old, role: 'user', text: 'gammal' });
    vi.setSystemTime(new Date('2025-01-25T10:00:00Z'));
    const fresh = store.createSession('web');
    vi.setSystemTime(new Date('2025-02-05T10:00:00Z'));
    expect(store.purgeOlderThan(30)).toBe(1);
    expect(store.getSession(old)).toBeNull();
    expect(store.history(old)).toEqual([]);
    expect(store.getSession(fresh)).not.toBeNull();
  });

  it('dedup.seen is insert-if-absent with expiry, and survives a restart', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-01-01T10:00:00Z'));
    expect(await store.dedup.seen('slack:event:Ev1', 60_000)).toBe(false);
    expect(await store.dedup.seen('slack:event:Ev1', 60_000)).toBe(true);
    expect(await store.dedup.seen('slack:event:Ev2', 60_000)).toBe(false);
    store.close();
    store = openStore(dir);
    expect(await store.dedup.seen('slack:event:Ev1', 60_000)).toBe(true);
    vi.setSystemTime(new Date('2025-01-01T10:01:00.001Z'));
    expect(await store.dedup.seen('slack:event:Ev1', 60_000)).toBe(false);
    expect(await store.dedup.seen('slack:event:Ev1', 60_000)).toBe(true);
    await expect(store.dedup.seen('x'.repeat(513), 1000)).rejects.toThrow(RangeError);
  });

  it('message() returns one message with its meta; linkMessage survives a restart and goes with its session', () => {
    const s = store.createSession('teams', 'conv-1');
    const m = store.appendMessage({ sessionId: s, role: 'assistant', text: 'svar', meta: { draft: { date: '2026-11-05' } } });
    expect(store.message(s, m)).toMatchObject({ messageId: m, sessionId: s, role: 'assistant', text: 'svar', meta: { draft: { date: '2026-11-05' } } });
    expect(store.message('annan', m)).toBeNull();
    store.linkMessage('teams:sent:conv-1:act-1', { sessionId: s, messageId: m });
    expect(() => store.linkMessage('k', { sessionId: s, messageId: 'finns-inte' })).toThrow(/Okänt meddelande/);
    store.close();
    store = openStore(dir);
    expect(store.linkedMessage('teams:sent:conv-1:act-1')).toMatchObject({ sessionId: s, messageId: m });
    expect(store.linkedMessage('teams:sent:conv-1:act-2')).toBeNull();
    store.deleteSession(s);
    expect(store.linkedMessage('teams:sent:conv-1:act-1')).toBeNull();
  });

  it('persists across reopen', () => {
    const s = store.createSession('cli');
    store.appendMessage({ sessionId: s, role: 'user', text: 'hej' });
    store.close();
    store = openStore(dir);
    expect(store.history(s).map((m) => m.text)).toEqual(['hej']);
  });
});
