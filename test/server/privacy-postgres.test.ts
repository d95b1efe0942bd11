/**
 * Personal data on PostgreSQL behaves as on SQLite (privacy.test.ts): redacted before it is written,
 * in messages, feedback and follow-up memory; a deleted session leaves no row anywhere; retention
 * purges. Against a real PostgreSQL server, in a schema of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { buildServer, type BryggaServer } from '../../src/server/app.js';
import { freshSchema, postgresTests } from '../support/postgres.js';
import { freshDataDir, postJson, sharedIndex, testConfig } from './fixture.js';

const RUN = await postgresTests('privacy-postgres.test');

describe.runIf(RUN)('personal data on PostgreSQL', () => {
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  let server: BryggaServer;
  let url: string;

  /** every row of every table in the schema, as text */
  const everything = async () => {
    const tables = await schema.query('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema.schema]);
    const parts: string[] = [];
    for (const { table_name } of tables.rows as Array<{ table_name: string }>) {
      parts.push(JSON.stringify((await schema.query(`SELECT * FROM "${table_name}"`)).rows));
    }
    return parts.join('\n');
  };

  beforeAll(async () => {
    await sharedIndex();
    schema = await freshSchema();
    const config = testConfig(await freshDataDir(), { BRYGGA_DATABASE_URL: schema.url, BRYGGA_LINK_SECRET: 'y'.repeat(32) });
    server = await buildServer({ config, channels: [], rateLimits: false, logger: createLogger({ logLevel: 'silent' }) });
    url = await server.app.listen({ port: 0, host: '127.0.0.1' });
    await server.ready;
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await schema?.drop();
  });

  it('stores questions, comments and follow-up memory redacted', async () => {
    const a = await postJson(`${url}/api/chat`, { message: 'Jag heter Anna, 811218-9876, anna.a@example.se, 070-123 45 67: vad är IOP?' });
    expect(a.status).toBe(200);
    const fb = await postJson(`${url}/api/feedback`, { sessionId: a.json.sessionId, messageId: a.json.messageId, rating: 'down', comment: 'ring mig på 070-123 45 67' });
    expect(fb.status).toBe(200);
    const all = await everything();
    for (const value of ['811218-9876', 'anna.a@example.se', '070-123 45 67']) expect(all).not.toContain(value);
    expect(all).toContain('[PERSONNUMMER]');
    // the follow-up memory holds the (redacted) question too
    const turns = await schema.query('SELECT text FROM memory_turns WHERE session_id = $1', [a.json.sessionId]);
    expect(turns.rows[0]!.text).toMatch(/\[PERSONNUMMER\]/);
  });

  it('deletes a session so that no table holds a row of it, and keeps the others', async () => {
    const marker = `Qwyxzorpel${Date.now()}`;
    const a = await postJson(`${url}/api/chat`, { message: `Vad betyder ${marker} för föreningar?` });
    await postJson(`${url}/api/chat`, { message: `Och ${marker} igen?`, sessionId: a.json.sessionId });
    await postJson(`${url}/api/feedback`, { sessionId: a.json.sessionId, messageId: a.json.messageId, rating: 'up', comment: `om ${marker}` });
    const keep = await postJson(`${url}/api/chat`, { message: 'Vad är ett idéburet offentligt partnerskap?' });
    expect(await everything()).toContain(marker);

    expect((await fetch(`${url}/api/session/${a.json.sessionId}`, { method: 'DELETE' })).status).toBe(200);
    const all = await everything();
    expect(all).not.toContain(marker);
    expect(all).not.toContain(a.json.sessionId);
    expect(await server.store.history(keep.json.sessionId)).toHaveLength(2);
  });

  it('purges conversations idle beyond the retention period, memory included', async () => {
    const old = await postJson(`${url}/api/chat`, { message: 'En gammal fråga om IOP' });
    await schema.query("UPDATE sessions SET updated_at = now() - interval '40 days' WHERE id = $1", [old.json.sessionId]);
    await schema.query("UPDATE memory_turns SET at = now() - interval '40 days' WHERE session_id = $1", [old.json.sessionId]);
    expect(await server.store.purgeOlderThan(30)).toBe(1);
    const all = await everything();
    expect(all).not.toContain(old.json.sessionId);
    expect(all).not.toContain('En gammal fråga om IOP');
  });
});
