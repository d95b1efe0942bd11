/**
 * PostgreSQL going away and coming back, with a real server and a real database: the server talks
 * to PostgreSQL through a TCP relay on loopback that the test can cut (connections reset, new ones
 * refused) and restore, which is what a database restart or a network failure looks like to Brygga.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDataDir, postJson, sharedIndex, testConfig } from './fixture.js';
import { buildServer, type BryggaServer } from '../../src/server/app.js';
import { createLogger } from '../../src/logger.js';
import { freshSchema, PG_URL, postgresTests, withSchema } from '../support/postgres.js';

const RUN = await postgresTests('database-down.test');

/** A TCP relay to the PostgreSQL server that can be cut and restored on the same port. */
class Relay {
  private server: net.Server | null = null;
  private sockets = new Set<net.Socket>();
  private stalled = false;
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  /** the database stops answering: connections stay open, but nothing goes through (new ones hang too) */
  stall(): void {
    this.stalled = true;
    for (const s of this.sockets) {
      s.unpipe();
      s.pause();
    }
  }

  /** the database answers again: the hung connections are reset, new ones go through */
  unstall(): void {
    this.stalled = false;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  async up(): Promise<void> {
    this.server = net.createServer((client) => {
      if (this.stalled) {
        this.sockets.add(client);
        client.on('error', () => undefined);
        client.pause();
        return;
      }
      const upstream = net.connect(this.target);
      this.sockets.add(client).add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** every open connection is reset and new ones are refused */
  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }
}

describe.runIf(RUN)('PostgreSQL down and back', () => {
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  let relay: Relay;
  let server: BryggaServer;
  let url: string;
  let dataDir: string;

  beforeAll(async () => {
    await sharedIndex();
    schema = await freshSchema();
    const target = new URL(PG_URL);
    relay = new Relay({ host: target.hostname, port: Number(target.port || 5432) });
    await relay.up();
    const viaRelay = new URL(withSchema(PG_URL, schema.schema));
    viaRelay.host = `127.0.0.1:${relay.port}`;
    dataDir = await freshDataDir();
    server = await buildServer({ config: testConfig(dataDir, { BRYGGA_DATABASE_URL: viaRelay.toString(), BRYGGA_LINK_SECRET: 'x'.repeat(32) }), channels: [], logger: createLogger({ logLevel: 'silent' }) });
    url = await server.app.listen({ port: 0, host: '127.0.0.1' });
    await server.ready;
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await relay?.down().catch(() => undefined);
    await schema?.drop();
  });

  it('answers what needs no database, refuses the rest with 503 and Retry-After, and recovers by itself', async () => {
    const first = await postJson(`${url}/api/chat`, { message: 'Vem är projektägare för Projekt Rekrytera?' });
    expect(first.status).toBe(200);
    const sessionId = first.json.sessionId as string;

    await relay.down();
    // needs no stored state: health, the widget, the demo page, public sources
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/widget.js`)).status).toBe(200);
    expect((await fetch(`${url}/`)).status).toBe(200);
    // needs the database: a clear 503 in Swedish with Retry-After, and nothing half-stored
    const refused = await postJson(`${url}/api/chat`, { message: 'Vem finansierade det?', sessionId });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.json).toMatchObject({ code: 'storage_unavailable', error: expect.stringMatching(/databas/) });
    const fb = await postJson(`${url}/api/feedback`, { sessionId, messageId: first.json.messageId, rating: 'up' });
    expect(fb.status).toBe(503);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'degraded', database: 'postgres' });

    await relay.up();
    // the pool reconnects on the next request; no restart of Brygga
    const again = await postJson(`${url}/api/chat`, { message: 'Vem finansierade det?', sessionId });
    expect(again.status).toBe(200);
    expect(again.json.sessionId).toBe(sessionId);
    expect((await postJson(`${url}/api/feedback`, { sessionId, messageId: first.json.messageId, rating: 'up' })).status).toBe(200);
    const stored = await schema.query('SELECT role FROM messages WHERE session_id = $1 ORDER BY seq', [sessionId]);
    // the refused turn left nothing behind: two turns, four messages
    expect(stored.rows.map((r) => r.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect((await schema.query('SELECT rating FROM feedback WHERE session_id = $1', [sessionId])).rows).toEqual([{ rating: 'up' }]);
  }, 60_000);

  it('a database that stops answering gives 503 after the statement timeout, not a hung request, and recovers', async () => {
    const first = await postJson(`${url}/api/chat`, { message: 'Vad är ett socialt företag?' });
    expect(first.status).toBe(200);
    relay.stall();
    const slow = await postJson(`${url}/api/chat`, { message: 'Vad är IOP?', sessionId: first.json.sessionId });
    expect(slow.status).toBe(503);
    expect(slow.headers.get('retry-after')).toBe('5');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    relay.unstall();
    const again = await postJson(`${url}/api/chat`, { message: 'Vad är IOP?', sessionId: first.json.sessionId });
    expect(again.status).toBe(200);
  }, 60_000);
});
