/**
 * Teams traffic as the Bot Connector really sends it: split @mentions (botframework-sdk#6617),
 * invokes Brygga does not support, redelivered activities, client locales, unauthenticated and
 * uncheckable requests, and buttons pressed after a restart. Real server, real botbuilder, real
 * assistant; only the Bot Connector (and an unreachable key server) is on the far side.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { unpackText } from '../../src/storage/compact.js';
import { activity, BOT, cardOf, realAssistant, removeSharedIndex, startHarness, textsOf, type Harness, USER } from './harness.js';

const QUESTION = 'Vad är syftet med Projekt Rekrytera?';
const NEED = 'catering till ett dialogmöte för 120 personer i Helsingborg';
const INVITE = 'frukostmöte med företagare i Nordöstra staden den 5 november kl. 07.30–09.00 på Drottninghögs bibliotek';
const APP_ID = '11111111-2222-3333-4444-555555555555';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
  removeSharedIndex();
});

/** a channel message that mentions the bot, its name split into one <at> tag per word (each an entity) */
function splitMention(text: string) {
  const parts = ['Brygga', 'Assistent'];
  return activity(h, {
    conversationType: 'channel',
    text: `${parts.map((p) => `<at>${p}</at>`).join(' ')} ${text}`,
    entities: [
      ...parts.map((p) => ({ type: 'mention', text: `<at>${p}</at>`, mentioned: { id: BOT.id, name: p } })),
      { type: 'clientInfo', locale: 'sv-SE', country: 'SE', platform: 'Web', timezone: 'Europe/Stockholm' },
    ],
  });
}

describe('@mentions', () => {
  it('strips every mention of the bot when Teams splits its name into several <at> tags', async () => {
    const m = splitMention(`matcha: ${NEED}`);
    expect((await h.post(m)).status).toBe(200);
    const [reply] = h.connector.for(m.conversation.id, 'message');
    expect(textsOf(cardOf(reply.activity))[0]).toBe('Förslag på sociala företag');

    const help = splitMention('hjälp');
    await h.post(help);
    const [helpReply] = h.connector.for(help.conversation.id, 'message');
    expect(textsOf(cardOf(helpReply.activity)).join('\n')).toMatch(/matcha:/);

    const q = splitMention(QUESTION);
    await h.post(q);
    expect(h.asked.at(-1)?.question).toBe(QUESTION);
  });

  it('keeps the names of other people mentioned in the question', async () => {
    const a = activity(h, {
      conversationType: 'channel',
      text: `<at>Brygga</at> <at>Assistent</at> vad har <at>Anna</at> skrivit om ${QUESTION}`,
      entities: [
        { type: 'mention', text: '<at>Brygga</at>', mentioned: { id: BOT.id, name: 'Brygga' } },
        { type: 'mention', text: '<at>Assistent</at>', mentioned: { id: BOT.id, name: 'Assistent' } },
        { type: 'mention', text: '<at>Anna</at>', mentioned: { id: USER.id, name: 'Anna' } },
      ],
    });
    await h.post(a);
    expect(h.asked.at(-1)?.question).toBe(`vad har Anna skrivit om ${QUESTION}`);
  });
});

describe('invokes Brygga does not support', () => {
  const invoke = (name: string | undefined, value: unknown, locale = 'sv-SE') =>
    h.post(activity(h, { type: 'invoke', ...(name ? { name } : {}), value, locale, text: undefined }));

  it('answers Universal Actions (adaptiveCard/action) with an activity.message response, 200', async () => {
    const res = await invoke('adaptiveCard/action', { action: { type: 'Action.Execute', verb: 'okand', data: {} }, trigger: 'manual' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect((res.json as { value: string }).value).toMatch(/stöds inte/);
  });

  it('answers message/fetchTask and task/fetch with a task module message, 200', async () => {
    for (const name of ['message/fetchTask', 'task/fetch']) {
      const res = await invoke(name, { actionName: 'feedback', actionValue: { reaction: 'like' } });
      expect(res.status).toBe(200);
      expect((res.json as { task: { type: string; value: string } }).task).toMatchObject({ type: 'message' });
      expect((res.json as { task: { value: string } }).task.value).toMatch(/stöds inte/);
    }
  });

  it('answers a card invoke without a name, and a message extension query, with 200 and the text (English for an English client)', async () => {
    const nameless = await invoke(undefined, { data: { verb: 'okand' } }, 'en-US');
    expect(nameless.status).toBe(200);
    expect(JSON.stringify(nameless.json)).toMatch(/not support/);
    const query = await invoke('composeExtension/query', { commandId: 'search', parameters: [{ name: 'q', value: 'IOP' }] });
    expect(query.status).toBe(200);
    expect((query.json as { composeExtension: { type: string; text: string } }).composeExtension).toMatchObject({ type: 'message' });
    expect(JSON.stringify(query.json)).not.toMatch(/Internt fel/);
  });
});

describe('a card button sent as an invoke without a name', () => {
  it('stores our feedback data as feedback (and answers the invoke 200)', async () => {
    const a = activity(h, { text: QUESTION });
    await h.post(a);
    const [reply] = h.connector.for(a.conversation.id, 'message');
    const up = cardOf(reply.activity).actions!.find((x) => (x.data as { rating?: string }).rating === 'up')!;
    const res = await h.post(activity(h, { type: 'invoke', value: up.data, conversation: a.conversation, text: undefined }));
    expect(res.status).toBe(200);
    const rows = h
      .db()
      .prepare(`SELECT f.rating FROM feedback f JOIN sessions s ON s.id = f.session_id WHERE s.external_id = ?`)
      .all(a.conversation.id);
    expect(rows).toEqual([{ rating: 'up' }]);
  });
});

describe('redelivery and locale', () => {
  it('welcomes once when the same conversationUpdate is delivered again, also after a restart', async () => {
    const added = activity(h, { type: 'conversationUpdate', membersAdded: [{ id: BOT.id, name: BOT.name }], text: undefined });
    await h.post(added);
    await h.post(added);
    await h.restart();
    await h.post(added);
    expect(h.connector.for(added.conversation.id, 'message')).toHaveLength(1);
  });

  it('answers in English for an English client when the question does not say which language it is', async () => {
    const unclear = activity(h, { text: 'Projekt Rekrytera?', locale: 'en-GB' });
    await h.post(unclear);
    expect(h.asked.at(-1)).toMatchObject({ question: 'Projekt Rekrytera?', language: 'en' });
    const [reply] = h.connector.for(unclear.conversation.id, 'message');
    expect(cardOf(reply.activity).lang).toBe('en');

    // a clearly Swedish question stays Swedish whatever the client says
    const swedish = activity(h, { text: QUESTION, locale: 'en-GB' });
    await h.post(swedish);
    expect(h.asked.at(-1)?.language).toBeUndefined();
  });
});

describe('unauthenticated requests', () => {
  function captureLog() {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    return { lines, logger: createLogger({ logLevel: 'info' }, sink) };
  }

  it('refuses a request without a token with 401 and one structured log line, no raw stack trace', async () => {
    const { lines, logger } = captureLog();
    const secured = await startHarness({ env: { BRYGGA_TEAMS_INSECURE_DEV: '', MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'not-a-real-secret' }, logger });
    const errors = vi.spyOn(console, 'error');
    const warns = vi.spyOn(console, 'warn');
    try {
      for (const auth of [undefined, 'Bearer not-a-jwt']) {
        const res = await secured.post(activity(secured, { text: QUESTION }), auth ? { authorization: auth } : {});
        expect(res.status).toBe(401);
        expect((res.json as { error: string }).error).toMatch(/Obehörig/);
      }
      expect(errors).not.toHaveBeenCalled();
      expect(warns).not.toHaveBeenCalled();
      const refused = lines.filter((l) => l.msg === 'teams: refused an unauthenticated request');
      expect(refused).toHaveLength(2);
      expect(refused[0]).toMatchObject({ channel: 'teams', status: 401, level: 40 });
      expect(JSON.stringify(refused)).not.toMatch(/\bat .*\.js:\d+/);
      expect(secured.connector.posts).toHaveLength(0);
    } finally {
      errors.mockRestore();
      warns.mockRestore();
      await secured.close();
    }
  });

  /** a JWT Bot Framework would send (issuer and audience right); its signature is never reached */
  function botFrameworkToken(serviceUrl: string): string {
    const now = Math.floor(Date.now() / 1000);
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    return `${b64({ alg: 'RS256', typ: 'JWT', kid: 'brygga-test-key' })}.${b64({ iss: 'https://api.botframework.com', aud: APP_ID, nbf: now - 60, exp: now + 3600, serviceurl: serviceUrl })}.c2lnbmF0dXI`;
  }

  async function withKeyServer(metadataUrl: string, check: (secured: Harness, lines: Array<Record<string, unknown>>) => Promise<void>) {
    const { lines, logger } = captureLog();
    const secured = await startHarness({
      env: { BRYGGA_TEAMS_INSECURE_DEV: '', MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'not-a-real-secret', BRYGGA_TEAMS_OPENID_METADATA_URL: metadataUrl },
      logger,
    });
    try {
      await check(secured, lines);
    } finally {
      await secured.close();
    }
  }

  it('answers 503 with the reason when the token cannot be checked: key server unreachable, or failing', async () => {
    // a port that was open a moment ago and is closed now: connection refused
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((r) => probe.close(() => r()));
    await withKeyServer(`http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`, async (secured, lines) => {
      const res = await secured.post(activity(secured, { text: QUESTION }), { authorization: `Bearer ${botFrameworkToken(secured.connector.url)}` });
      expect(res.status).toBe(503);
      expect(res.json).toMatchObject({ reason: 'key_server_unreachable' });
      expect((res.json as { error: string }).error).toMatch(/nyckelserver/);
      expect(lines.some((l) => l.reason === 'key_server_unreachable')).toBe(true);
      expect(secured.connector.posts).toHaveLength(0);
    });

    // a key server that answers 500
    const failing = http.createServer((_req, res) => res.writeHead(500).end('fel'));
    await new Promise<void>((r) => failing.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(failing.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`;
      await withKeyServer(url, async (secured) => {
        const res = await secured.post(activity(secured, { text: QUESTION }), { authorization: `Bearer ${botFrameworkToken(secured.connector.url)}` });
        expect(res.status).toBe(503);
        expect(res.json).toMatchObject({ reason: 'key_server_unreachable' });
      });
    } finally {
      failing.closeAllConnections();
      await new Promise<void>((r) => failing.close(() => r()));
    }
  });
});

describe('source links', () => {
  it('a card links its sources; the link to an internal passage opens, for the conversation it was posted in', async () => {
    const question = 'Vem äger riktlinjen för samverkan med sociala företag i Exempelkommun?';
    const a = activity(h, { text: question, conversationType: 'channel', entities: [] });
    await h.post(a);
    const [reply] = h.connector.for(a.conversation.id, 'message');
    const texts = textsOf(cardOf(reply.activity));
    const urls = texts.flatMap((t) => [...t.matchAll(/\]\((http[^)\s]+)\)/g)].map((m) => new URL(m[1])));
    expect(urls.length).toBeGreaterThan(0);
    const opened: number[] = [];
    for (const u of urls) {
      expect(u.searchParams.get('aud')).toBe('internal'); // a channel: the internal audience, never restricted
      opened.push((await fetch(`${h.base}${u.pathname}${u.search}`)).status);
    }
    expect(opened.every((s) => s === 200)).toBe(true);
    const real = await realAssistant();
    expect(urls.some((u) => real.source(decodeURIComponent(u.pathname.slice('/sources/'.length)), 'public') === null)).toBe(true);
    // the AI entity's citations carry the same links
    const entity = (reply.activity.entities as Array<{ citation?: Array<{ appearance: { url?: string } }> }>).find((e) => e.citation)!;
    expect(entity.citation!.map((c) => c.appearance.url)).toEqual(urls.map((u) => u.toString()));
  });
});

// Last: restarts the app under the harness.
describe('after a restart', () => {
  it('stores Teams thumbs on an older answer against that answer, and the .ics link still works', async () => {
    const conversation = { id: `a:personlig-restart-${Date.now()}`, conversationType: 'personal', tenantId: 'tenant-1' };
    const first = activity(h, { text: QUESTION, conversation });
    await h.post(first);
    const second = activity(h, { text: 'Vem finansierade projektet?', conversation });
    await h.post(second);
    const invite = activity(h, { text: `inbjudan: ${INVITE}`, conversation });
    await h.post(invite);
    const replies = h.connector.for(conversation.id, 'message');
    expect(replies).toHaveLength(3);
    const firstAnswer = textsOf(cardOf(replies[0].activity))[0];
    const icsUrl = String((cardOf(replies[2].activity).actions ?? []).find((x) => x.type === 'Action.OpenUrl')!.url);

    await h.restart();

    const thumbs = activity(h, {
      type: 'invoke',
      name: 'message/submitAction',
      replyToId: replies[0].id,
      conversation,
      value: { actionName: 'feedback', actionValue: { reaction: 'like', feedback: '{"feedbackText":""}' } },
      text: undefined,
    });
    expect((await h.post(thumbs)).status).toBe(200);
    const rows = h
      .db()
      .prepare(`SELECT f.rating, m.text FROM feedback f JOIN messages m ON m.id = f.message_id JOIN sessions s ON s.id = f.session_id WHERE s.external_id = ?`)
      .all(conversation.id) as Array<{ rating: string; text: string | Buffer }>;
    // (a long answer is stored packed: src/storage/compact.ts)
    expect(rows.map((r) => ({ ...r, text: unpackText(r.text) }))).toEqual([{ rating: 'up', text: firstAnswer }]);

    // thumbs on a message Brygga never sent are refused, not pinned on the latest answer
    const unknown = await h.post(
      activity(h, {
        type: 'invoke',
        name: 'message/submitAction',
        replyToId: 'act-finns-inte',
        conversation,
        value: { actionName: 'feedback', actionValue: { reaction: 'dislike' } },
        text: undefined,
      }),
    );
    expect(unknown.status).toBe(404);

    const ics = await fetch(icsUrl.replace(/^http:\/\/127\.0\.0\.1:\d+/, h.base));
    expect(ics.status).toBe(200);
    expect(await ics.text()).toMatch(/DTSTART;TZID=Europe\/Stockholm:\d{4}1105T073000/);
  });
});

