import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('database and rate-limit settings', () => {
  it('takes a PostgreSQL URL only with a shared link secret, and names the variable otherwise', () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    expect(() => loadConfig({ BRYGGA_DATABASE_URL: 'mysql://db/brygga' })).toThrow(/^Ogiltig konfiguration: BRYGGA_DATABASE_URL: /);
    expect(() => loadConfig({ BRYGGA_DATABASE_URL: 'postgres://db/brygga' })).toThrow(/BRYGGA_LINK_SECRET: saknas/);
    const c = loadConfig({ BRYGGA_DATABASE_URL: 'postgres://brygga@db:5432/brygga', BRYGGA_LINK_SECRET: 'z'.repeat(32) });
    expect(c.databaseUrl).toBe('postgres://brygga@db:5432/brygga');
  });

  it('turns rate limits off with BRYGGA_RATE_LIMIT=off and reads limits as requests/seconds', () => {
    expect(loadConfig({}).rateLimit).toEqual({ enabled: true, chatPerIp: undefined, chatPerSession: undefined, apiPerIp: undefined });
    expect(loadConfig({ BRYGGA_RATE_LIMIT: 'off' }).rateLimit.enabled).toBe(false);
    expect(loadConfig({ BRYGGA_RATE_LIMIT_CHAT_IP: '5/60', BRYGGA_RATE_LIMIT_API_IP: '30/15' }).rateLimit).toMatchObject({
      chatPerIp: { capacity: 5, perMinute: 5 },
      apiPerIp: { capacity: 30, perMinute: 120 },
    });
    expect(() => loadConfig({ BRYGGA_RATE_LIMIT_CHAT_SESSION: 'fem' })).toThrow(/BRYGGA_RATE_LIMIT_CHAT_SESSION/);
    expect(() => loadConfig({ BRYGGA_RATE_LIMIT_CHAT_IP: '0/60' })).toThrow(/större än 0/);
    expect(() => loadConfig({ BRYGGA_RATE_LIMIT: 'kanske' })).toThrow(/BRYGGA_RATE_LIMIT/);
  });
});
