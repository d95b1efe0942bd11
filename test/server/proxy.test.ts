/**
 * Behind a reverse proxy (issue 17): X-Forwarded-For decides the client address, and so the rate
 * limit's key, only when the connection comes from a proxy listed in BRYGGA_TRUSTED_PROXIES.
 * Through the real server on 127.0.0.1 (the test client is the "proxy").
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, validProxyEntry } from '../../src/config.js';
import { postJson, startBrygga, type Running } from './fixture.js';

const QUESTION = 'Vem är projektägare för Projekt Rekrytera?';
const running: Running[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});
async function start(...args: Parameters<typeof startBrygga>) {
  const s = await startBrygga(...args);
  running.push(s);
  return s;
}
const oneAnswerPerIp = { chatPerIp: { capacity: 1, perMinute: 1 } };
const from = (client: string) => ({ 'x-forwarded-for': client });

describe('BRYGGA_TRUSTED_PROXIES', () => {
  it('from a trusted proxy, each resident named in X-Forwarded-For has an allowance of their own', async () => {
    const srv = await start({ env: { BRYGGA_TRUSTED_PROXIES: '127.0.0.1' }, rateLimits: oneAnswerPerIp });
    await srv.ready;
    expect((await postJson(`${srv.url}/api/chat`, { message: QUESTION }, from('203.0.113.7'))).status).toBe(200);
    // another resident behind the same proxy is not limited by the first one's request
    expect((await postJson(`${srv.url}/api/chat`, { message: QUESTION }, from('203.0.113.8'))).status).toBe(200);
    // the first resident again: their own allowance is used up
    const again = await postJson(`${srv.url}/api/chat`, { message: QUESTION }, from('203.0.113.7'));
    expect(again.status).toBe(429);
    expect(again.headers.get('retry-after')).toMatch(/^\d+$/);
    // the client is the right-most address the trusted proxy did not add: a spoofed left part changes nothing
    expect((await postJson(`${srv.url}/api/chat`, { message: QUESTION }, from('198.51.100.1, 203.0.113.7'))).status).toBe(429);
  });

  it('a CIDR range is trusted like an address', async () => {
    const srv = await start({ env: { BRYGGA_TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.0/8' }, rateLimits: oneAnswerPerIp });
    await srv.ready;
    expect((await postJson(`${srv.url}/api/chat`, { message: QUESTION }, from('203.0.113.7'))).status).toBe(200);
    expect((await postJson(`${srv.url}/api/chat`, { message: QUESTION }, from('203.0.113.8'))).status).toBe(200);
  });

  it('without trusted proxies the header is ignored: the TCP peer is the client', async () => {
    const srv = await start({ rateLimits: oneAnswerPerIp });
    await srv.ready;
    expect((await postJson(`${srv.url}/api/chat`, { message: QUESTION }, from('203.0.113.7'))).status).toBe(200);
    // a forged header does not buy a new allowance
    expect((await postJson(`${srv.url}/api/chat`, { message: QUESTION }, from('203.0.113.8'))).status).toBe(429);
  });

  it('a proxy that is not the peer is not believed', async () => {
    const srv = await start({ env: { BRYGGA_TRUSTED_PROXIES: '10.1.2.3' }, rateLimits: oneAnswerPerIp });
    await srv.ready;
    expect((await postJson(`${srv.url}/api/chat`, { message: QUESTION }, from('203.0.113.7'))).status).toBe(200);
    expect((await postJson(`${srv.url}/api/chat`, { message: QUESTION }, from('203.0.113.8'))).status).toBe(429);
  });

  it('parses the list and stops the start on a wrong entry, naming the variable', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ BRYGGA_TRUSTED_PROXIES: ' 10.0.0.5, 10.1.0.0/16,fd00::/8 ,loopback' }).trustedProxies).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      'fd00::/8',
      'loopback',
    ]);
    for (const bad of ['10.0.0', '10.0.0.0/33', 'fd00::/129', 'proxy.kommun.se', '10.0.0.1/8/1', '*']) {
      expect(validProxyEntry(bad), bad).toBe(false);
      expect(() => loadConfig({ BRYGGA_TRUSTED_PROXIES: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ BRYGGA_TRUSTED_PROXIES: bad }), bad).toThrow(/BRYGGA_TRUSTED_PROXIES/);
    }
  });
});
