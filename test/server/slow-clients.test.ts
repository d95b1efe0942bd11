/**
 * One client cannot hold the server: a request body that arrives too slowly is cut off with 408,
 * and a rate-limited client is told how long to wait in the Retry-After header.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, startBrygga, type Running } from './fixture.js';

let srv: Running;
beforeAll(async () => {
  srv = await startBrygga({ requestTimeoutMs: 800, rateLimits: { chatPerIp: { capacity: 1, perMinute: 1 }, apiPerIp: { capacity: 1, perMinute: 1 } } });
  await srv.ready;
});
afterAll(async () => {
  await srv?.stop();
});

/** Sends the headers and part of the body, then nothing; resolves with what the server answered and when. */
function slowBody(path: string): Promise<{ text: string; closedAfterMs: number }> {
  const { port } = new URL(srv.url);
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    let text = '';
    const socket = net.connect(Number(port), '127.0.0.1', () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"message": "Vem`);
    });
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (text += d));
    socket.on('close', () => resolve({ text, closedAfterMs: Date.now() - t0 }));
    socket.on('error', reject);
    // give up long after the timeout: a server without one would keep the socket open
    setTimeout(() => {
      socket.destroy();
    }, 6000).unref();
  });
}

describe('slow request bodies', () => {
  it('are answered 408 and disconnected, and the server keeps answering others', async () => {
    const r = await slowBody('/api/chat');
    expect(r.text).toMatch(/^HTTP\/1\.1 408/);
    expect(r.closedAfterMs).toBeLessThan(5000);
    expect((await fetch(`${srv.url}/healthz`)).status).toBe(200);
  });
});

describe('429 answers', () => {
  it('carry Retry-After in seconds on every rate-limited route', async () => {
    const q = 'Vem är projektägare för Projekt Rekrytera?';
    expect((await postJson(`${srv.url}/api/chat`, { message: q })).status).toBe(200);
    const limited = await postJson(`${srv.url}/api/chat`, { message: q });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    const fb = { sessionId: 'x', messageId: 'y', rating: 'up' };
    await postJson(`${srv.url}/api/feedback`, fb);
    const limitedFb = await postJson(`${srv.url}/api/feedback`, fb);
    expect(limitedFb.status).toBe(429);
    expect(Number(limitedFb.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
