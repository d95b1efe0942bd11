/**
 * "Prata med en människa" through the real server: the widget's contact routes and examples, and
 * the redacted conversation sent by SMTP (to a local SMTP sink) only with the resident's consent.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { postJson, startBrygga, type Running } from '../server/fixture.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

let sink: SmtpSink;
let srv: Running;
const CONTACT = {
  BRYGGA_CONTACT_PHONE: '0771-00 00 00',
  BRYGGA_CONTACT_HOURS: 'vardagar 8–16',
  BRYGGA_CONTACT_EMAIL: 'kontaktcenter@kvarnbo.example',
  BRYGGA_CONTACT_URL: 'https://kvarnbo.example/kontakt',
};

beforeAll(async () => {
  sink = await startSmtpSink();
  srv = await startBrygga({
    env: { ...CONTACT, BRYGGA_HANDOVER_TO: 'arenden@kvarnbo.example', BRYGGA_SMTP_URL: sink.url, BRYGGA_MAIL_FROM: 'Brygga <brygga@kvarnbo.example>', BRYGGA_WIDGET_EXAMPLES: 'Fråga ett | Fråga två|Fråga tre|Fråga fyra' },
    rateLimits: false,
  });
  await srv.ready;
});
afterAll(async () => {
  await srv?.stop();
  await sink?.close();
});

describe('widget configuration', () => {
  it('gives the contact routes, three example questions and whether handover is on', async () => {
    const r = await (await fetch(`${srv.url}/api/widget-config`)).json();
    expect(r).toEqual({
      examples: ['Fråga ett', 'Fråga två', 'Fråga tre'],
      contact: { phone: '0771-00 00 00', hours: 'vardagar 8–16', email: 'kontaktcenter@kvarnbo.example', url: 'https://kvarnbo.example/kontakt' },
      handover: true,
    });
    const en = await (await fetch(`${srv.url}/api/widget-config?lang=en`)).json();
    expect(en.examples).toHaveLength(3);
    expect(en.examples[0]).toMatch(/^What/);
  });

  it('without contact settings: default examples, no routes, handover off (404)', async () => {
    const plain = await startBrygga({ rateLimits: false });
    try {
      const r = await (await fetch(`${plain.url}/api/widget-config`)).json();
      expect(r).toMatchObject({ contact: {}, handover: false });
      expect(r.examples).toHaveLength(3);
      expect((await postJson(`${plain.url}/api/handover`, { sessionId: 'x', consent: true })).status).toBe(404);
    } finally {
      await plain.stop();
    }
  });

  it('refuses half a mail configuration at start, naming the missing variable', () => {
    expect(() => loadConfig({ BRYGGA_HANDOVER_TO: 'a@b.se' })).toThrow(/BRYGGA_SMTP_URL: saknas/);
    expect(() => loadConfig({ BRYGGA_SMTP_URL: 'smtp://127.0.0.1:25' })).toThrow(/BRYGGA_HANDOVER_TO: saknas/);
    expect(() => loadConfig({ BRYGGA_HANDOVER_TO: 'a@b.se', BRYGGA_SMTP_URL: 'http://x' })).toThrow(/BRYGGA_SMTP_URL/);
  });
});

describe('POST /api/handover', () => {
  it('sends nothing without consent', async () => {
    const a = await postJson(`${srv.url}/api/chat`, { message: 'Vad är ett socialt företag?' });
    const before = sink.messages.length;
    for (const body of [{ sessionId: a.json.sessionId }, { sessionId: a.json.sessionId, consent: false }, { sessionId: a.json.sessionId, consent: 'ja' }]) {
      const r = await postJson(`${srv.url}/api/handover`, body);
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ code: 'consent_required', error: 'Konversationen skickas bara med ditt samtycke.' });
    }
    expect(sink.messages.length).toBe(before);
  });

  it('refuses an unknown session', async () => {
    const r = await postJson(`${srv.url}/api/handover`, { sessionId: 'finns-inte', consent: true });
    expect(r.status).toBe(404);
  });

  it('with consent, mails the redacted conversation to the contact address and gives the resident a reference', async () => {
    const a = await postJson(`${srv.url}/api/chat`, { message: 'Jag heter Eva, 811218-9876, ring 070-123 45 67. Vad är ett socialt företag?' });
    await postJson(`${srv.url}/api/chat`, { message: 'Hur söker man bidrag för att starta ett?', sessionId: a.json.sessionId });
    const r = await postJson(`${srv.url}/api/handover`, { sessionId: a.json.sessionId, consent: true });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ sent: true, reference: expect.stringMatching(/^[A-Z2-9]{8}$/) });
    const mail = sink.messages.at(-1)!;
    expect(mail.to).toEqual(['arenden@kvarnbo.example']);
    expect(mail.from).toBe('brygga@kvarnbo.example');
    const decoded = mail.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h) => String.fromCharCode(parseInt(h, 16)));
    const text = Buffer.from(decoded, 'latin1').toString('utf8');
    expect(text).toContain(r.json.reference);
    expect(text).toContain('Vad är ett socialt företag?');
    expect(text).toContain('Hur söker man bidrag för att starta ett?');
    expect(text).toContain('Brygga:');
    expect(text).not.toContain('811218-9876');
    expect(text).not.toContain('070-123 45 67');
    expect(text).toContain('[PERSONNUMMER]');
  });

  it('answers 502 with a Swedish reason when the mail server is down, and loses nothing', async () => {
    const down = await startBrygga({ env: { BRYGGA_HANDOVER_TO: 'a@kvarnbo.example', BRYGGA_SMTP_URL: 'smtp://127.0.0.1:1' }, rateLimits: false });
    try {
      await down.ready;
      const a = await postJson(`${down.url}/api/chat`, { message: 'Vad är ett socialt företag?' });
      const r = await postJson(`${down.url}/api/handover`, { sessionId: a.json.sessionId, consent: true });
      expect(r.status).toBe(502);
      expect(r.json.error).toMatch(/kunde inte skickas. Ring eller mejla/);
      expect(await down.store.history(a.json.sessionId)).toHaveLength(2);
    } finally {
      await down.stop();
    }
  });

  it('answers 502 when the mail server accepts the connection and then says nothing, instead of hanging', async () => {
    // (nodemailer's own greeting timeout is 30 s and a silent socket 10 min: this test's 25 s would run out)
    const silent = net.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    const slow = await startBrygga({ env: { BRYGGA_HANDOVER_TO: 'a@kvarnbo.example', BRYGGA_SMTP_URL: `smtp://127.0.0.1:${port}` }, rateLimits: false });
    try {
      await slow.ready;
      const a = await postJson(`${slow.url}/api/chat`, { message: 'Vad är ett socialt företag?' });
      const r = await postJson(`${slow.url}/api/handover`, { sessionId: a.json.sessionId, consent: true });
      expect(r.status).toBe(502);
      expect(r.json.error).toMatch(/kunde inte skickas/);
    } finally {
      await slow.stop();
      silent.close();
    }
  }, 25_000);
});
