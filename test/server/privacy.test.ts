/**
 * Personal data through the real server: what residents type is stored redacted, and
 * DELETE /api/session/:id leaves no trace of the session's text in the SQLite file or its WAL
 * (read as raw bytes while the server runs).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, startBrygga, type Running } from './fixture.js';

let srv: Running;
beforeAll(async () => {
  srv = await startBrygga({ rateLimits: false });
  await srv.ready;
});
afterAll(async () => {
  await srv?.stop();
});

/** Both files SQLite writes content to, as raw bytes. */
function rawDb(): Buffer {
  const parts = ['brygga.sqlite', 'brygga.sqlite-wal'].map((f) => path.join(srv.dataDir, f)).filter((f) => fs.existsSync(f));
  return Buffer.concat(parts.map((f) => fs.readFileSync(f)));
}

function storedTexts(): string[] {
  const db = new Database(path.join(srv.dataDir, 'brygga.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT text, meta FROM messages').all() as Array<{ text: string; meta: string | null }>;
    const fb = db.prepare('SELECT comment FROM feedback').all() as Array<{ comment: string | null }>;
    return [...rows.flatMap((r) => [r.text, r.meta ?? '']), ...fb.map((f) => f.comment ?? '')];
  } finally {
    db.close();
  }
}

describe('personal data typed into the web chat', () => {
  // the formats the issue found stored verbatim (the generated formats are in test/storage/redact-generated.test.ts)
  const personal: Array<[string, string]> = [
    ['811218 9876', 'PERSONNUMMER'],
    ['811218–9876', 'PERSONNUMMER'],
    ['070.123.45.67', 'TELEFON'],
    ['070/123 45 67', 'TELEFON'],
    ['46701234567', 'TELEFON'],
    ['+1 (555) 013-4567', 'TELEFON'],
    ['anna(at)example.se', 'E-POST'],
    ['åsa.öberg@exämple.se', 'E-POST'],
  ];

  it('is stored redacted, in messages and feedback comments', async () => {
    for (const [value, label] of personal) {
      const chat = await postJson(`${srv.url}/api/chat`, { message: `Hur söker jag bidrag? Nå mig på ${value} efter lunch.` });
      expect(chat.status).toBe(200);
      const fb = await postJson(`${srv.url}/api/feedback`, { sessionId: chat.json.sessionId, messageId: chat.json.messageId, rating: 'down', comment: `ring ${value}` });
      expect(fb.status).toBe(200);
      const history = await srv.store.history(chat.json.sessionId);
      expect(history[0]!.text).toBe(`Hur söker jag bidrag? Nå mig på [${label}] efter lunch.`);
    }
    const texts = storedTexts().join('\n');
    const bytes = rawDb();
    for (const [value] of personal) {
      expect(texts).not.toContain(value);
      expect(bytes.includes(Buffer.from(value, 'utf8')), value).toBe(false);
    }
  });
});

describe('DELETE /api/session/:id', () => {
  it('leaves no trace of the deleted text in the database file or the WAL', async () => {
    const marker = `Qwyxzorpel${Date.now()}`;
    const comment = `Kommentaren ${marker}-kommentar`;
    const a = await postJson(`${srv.url}/api/chat`, { message: `Vad betyder ${marker} för föreningar?` });
    expect(a.status).toBe(200);
    const b = await postJson(`${srv.url}/api/chat`, { message: `Och ${marker} igen?`, sessionId: a.json.sessionId });
    expect(b.status).toBe(200);
    expect((await postJson(`${srv.url}/api/feedback`, { sessionId: a.json.sessionId, messageId: a.json.messageId, rating: 'up', comment })).status).toBe(200);
    // another session that must survive
    const keep = await postJson(`${srv.url}/api/chat`, { message: 'Vad är ett idéburet offentligt partnerskap?' });

    // the test can see the text where SQLite put it
    expect(rawDb().includes(Buffer.from(marker, 'utf8'))).toBe(true);

    const del = await fetch(`${srv.url}/api/session/${a.json.sessionId}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(rawDb().includes(Buffer.from(marker, 'utf8'))).toBe(false);
    expect(await srv.store.history(a.json.sessionId)).toEqual([]);
    expect(await srv.store.history(keep.json.sessionId)).toHaveLength(2);
    // the server keeps working on the same files
    expect((await postJson(`${srv.url}/api/chat`, { message: 'Hej igen', sessionId: keep.json.sessionId })).status).toBe(200);
  });
});
