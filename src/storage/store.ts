/**
 * Conversations, feedback and idempotency keys in an embedded SQLite database
 * (`<dataDir>/brygga.sqlite`, WAL). Every text is passed through redactPersonalData before it is
 * written, so personnummer, phone numbers and e-mail addresses never reach the disk.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { InputError } from '../domain/types.js';
import { type Deduplicator, sqliteDeduplicator } from './dedup.js';
import { redactDeep, redactPersonalData } from './redact.js';

export type Channel = 'web' | 'slack' | 'teams' | 'cli';

export interface StoredMessage {
  messageId: string;
  sessionId: string;
  role: 'user' | 'assistant';
  text: string;
  meta: Record<string, unknown> | null;
  at: string;
}

export interface Store {
  /**
   * A new session with a server-issued random id. With an externalId (a Slack thread, a Teams
   * conversation) the same id is returned for the same (channel, externalId) pair, so a platform
   * conversation keeps one session.
   */
  createSession(channel: Channel, externalId?: string): string;
  getSession(sessionId: string): { id: string; channel: Channel; createdAt: string } | null;
  /** returns the messageId; text and meta are redacted before storing */
  appendMessage(m: { sessionId: string; role: 'user' | 'assistant'; text: string; meta?: Record<string, unknown> }): string;
  /** the last `limit` messages (default 50), oldest first */
  history(sessionId: string, limit?: number): Array<{ messageId: string; role: 'user' | 'assistant'; text: string; at: string }>;
  /** throws InputError for an unknown session or a message not in that session */
  saveFeedback(f: { sessionId: string; messageId: string; rating: 'up' | 'down'; comment?: string }): void;
  /** deletes a session with its messages and feedback; false when it did not exist */
  deleteSession(sessionId: string): boolean;
  /** deletes sessions without activity for `days` days (with their messages and feedback); returns how many */
  purgeOlderThan(days: number): number;
  /** one stored message with its (redacted) meta; null when it is not in that session */
  message(sessionId: string, messageId: string): StoredMessage | null;
  /**
   * Remembers which stored message a platform object refers to (a Teams activity id, a link
   * token), so that a button or reaction on it finds the message after a restart. The link is
   * deleted with its message (and so with its session). A key already linked is overwritten.
   */
  linkMessage(key: string, ids: { sessionId: string; messageId: string }): void;
  /** the message a key was linked to, or null */
  linkedMessage(key: string): { sessionId: string; messageId: string; at: string } | null;
  /** platform deliveries seen (Slack retries and replays, Teams redeliveries); see dedup.ts */
  dedup: Deduplicator;
  close(): void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  external_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS sessions_external ON sessions(channel, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS sessions_updated ON sessions(updated_at);
CREATE TABLE IF NOT EXISTS messages (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
  text TEXT NOT NULL,
  meta TEXT,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_session ON messages(session_id, seq);
CREATE TABLE IF NOT EXISTS feedback (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
  comment TEXT,
  at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS message_links (
  key TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS message_links_message ON message_links(message_id);
DROP TABLE IF EXISTS processed;
`;

const DAY_MS = 24 * 60 * 60 * 1000;

function newId(): string {
  return randomBytes(16).toString('base64url');
}

export function openStore(dataDir: string): Store {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'brygga.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);

  const q = {
    insertSession: db.prepare('INSERT INTO sessions (id, channel, external_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)'),
    sessionByExternal: db.prepare('SELECT id FROM sessions WHERE channel = ? AND external_id = ?'),
    getSession: db.prepare('SELECT id, channel, created_at AS createdAt FROM sessions WHERE id = ?'),
    touchSession: db.prepare('UPDATE sessions SET updated_at = ? WHERE id = ?'),
    nextSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM messages WHERE session_id = ?'),
    insertMessage: db.prepare('INSERT INTO messages (id, session_id, seq, role, text, meta, at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    history: db.prepare(
      'SELECT id AS messageId, role, text, at FROM (SELECT * FROM messages WHERE session_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq ASC',
    ),
    messageInSession: db.prepare('SELECT 1 FROM messages WHERE id = ? AND session_id = ?'),
    insertFeedback: db.prepare('INSERT INTO feedback (id, session_id, message_id, rating, comment, at) VALUES (?, ?, ?, ?, ?, ?)'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id = ?'),
    purge: db.prepare('DELETE FROM sessions WHERE updated_at < ?'),
    message: db.prepare('SELECT id AS messageId, session_id AS sessionId, role, text, meta, at FROM messages WHERE id = ? AND session_id = ?'),
    link: db.prepare(
      'INSERT INTO message_links (key, session_id, message_id, at) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET session_id = excluded.session_id, message_id = excluded.message_id, at = excluded.at',
    ),
    linked: db.prepare('SELECT session_id AS sessionId, message_id AS messageId, at FROM message_links WHERE key = ?'),
  };

  const now = () => new Date().toISOString();
  const dedup = sqliteDeduplicator(db);

  const appendTx = db.transaction((sessionId: string, role: string, text: string, meta: string | null) => {
    const at = now();
    const id = newId();
    const { seq } = q.nextSeq.get(sessionId) as { seq: number };
    q.insertMessage.run(id, sessionId, seq, role, text, meta, at);
    q.touchSession.run(at, sessionId);
    return id;
  });

  return {
    createSession(channel, externalId) {
      if (externalId) {
        const found = q.sessionByExternal.get(channel, externalId) as { id: string } | undefined;
        if (found) return found.id;
      }
      const id = newId();
      const at = now();
      q.insertSession.run(id, channel, externalId ?? null, at, at);
      return id;
    },

    getSession(sessionId) {
      const row = q.getSession.get(sessionId) as { id: string; channel: Channel; createdAt: string } | undefined;
      return row ?? null;
    },

    appendMessage(m) {
      if (!q.getSession.get(m.sessionId)) throw new InputError('Okänd session.', 'unknown_session');
      const meta = m.meta === undefined ? null : JSON.stringify(redactDeep(m.meta));
      return appendTx(m.sessionId, m.role, redactPersonalData(m.text), meta);
    },

    history(sessionId, limit = 50) {
      return q.history.all(sessionId, Math.max(1, Math.floor(limit))) as Array<{
        messageId: string;
        role: 'user' | 'assistant';
        text: string;
        at: string;
      }>;
    },

    saveFeedback(f) {
      if (!q.getSession.get(f.sessionId)) throw new InputError('Okänd session.', 'unknown_session');
      if (!q.messageInSession.get(f.messageId, f.sessionId)) {
        throw new InputError('Okänt meddelande i den här sessionen.', 'unknown_message');
      }
      const at = now();
      const comment = f.comment === undefined || f.comment.trim() === '' ? null : redactPersonalData(f.comment);
      q.insertFeedback.run(newId(), f.sessionId, f.messageId, f.rating, comment, at);
      q.touchSession.run(at, f.sessionId);
    },

    deleteSession(sessionId) {
      return q.deleteSession.run(sessionId).changes > 0;
    },

    purgeOlderThan(days) {
      const cutoff = new Date(Date.now() - days * DAY_MS).toISOString();
      return q.purge.run(cutoff).changes;
    },

    message(sessionId, messageId) {
      const row = q.message.get(messageId, sessionId) as (Omit<StoredMessage, 'meta'> & { meta: string | null }) | undefined;
      if (!row) return null;
      return { ...row, meta: row.meta === null ? null : (JSON.parse(row.meta) as Record<string, unknown>) };
    },

    linkMessage(key, ids) {
      if (!q.messageInSession.get(ids.messageId, ids.sessionId)) {
        throw new InputError('Okänt meddelande i den här sessionen.', 'unknown_message');
      }
      q.link.run(key, ids.sessionId, ids.messageId, now());
    },

    linkedMessage(key) {
      return (q.linked.get(key) as { sessionId: string; messageId: string; at: string } | undefined) ?? null;
    },

    dedup,

    close() {
      if (db.open) db.close();
    },
  };
}
