/**
 * Slack traffic as Slack really sends it: retries and replays on both transports (HTTP and Socket
 * Mode), timestamps, payloads without a listener, other apps' bots, files, the assistant pane's
 * suggested prompts and failing cosmetic calls. Real Bolt behind the real server and assistant;
 * only Slack's side (Web API, Socket Mode WebSocket) is faked. Payload shapes follow Slack's docs
 * (api.slack.com/apis/socket-mode envelopes, Events API callbacks, block_actions payloads).
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { slackChannel } from '../../adapters/slack/index.js';
import { ACTIONS } from '../../adapters/slack/blocks.js';
import { createAssistant } from '../../src/assistant.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { buildServer, type BryggaServer } from '../../src/server/app.js';
import {
  blockText,
  buttons,
  clickPayload,
  eventBody,
  type Harness,
  postSlack,
  queryDb,
  sendCommand,
  sendEvent,
  sendInteraction,
  sign,
  startHarness,
} from './harness.js';

const QUESTION = 'Vad syftar Projekt Rekrytera till?';
const NEED = 'catering för 60 personer till ett dialogmöte, gärna ett arbetsintegrerande socialt företag';
const INVITE = 'Frukostmöte med lokala företagare om sommarjobb den 5 november 2026 kl 07.30–09.00 på Stadsbiblioteket';

let h: Harness;
/** what the server logged, one parsed line each */
const logLines: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  // a fallback deadline far beyond any test: an unacknowledged payload would hang, not pass
  h = await startHarness((config) => createAssistant(config), { ackDeadlineMs: 50_000, logger: createLogger({ logLevel: 'info' }, sink) });
});

afterAll(async () => {
  await h?.close();
});

beforeEach(() => {
  h.fake.reset();
});

const finished = () => h.fake.ok('chat.update').some((c) => buttons(c.args.blocks).length > 0);
const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));

describe('HTTP: timestamps and replays', () => {
  it('refuses a timestamp more than 5 minutes in the future, like an old one', async () => {
    for (const offset of [6 * 60, 60 * 60 * 24]) {
      const ts = Math.floor(Date.now() / 1000) + offset;
      const body = eventBody({ type: 'app_mention', user: 'U0USER', text: `<@UBOT> ${QUESTION}`, ts: '1700000100.000100', channel: 'C0CHAN' });
      const res = await postSlack(h, body, 'application/json', { timestamp: ts, signature: sign(body, ts) });
      expect(res.status).toBe(401);
      expect(JSON.stringify(res.json)).toMatch(/fram i tiden/);
    }
    // a timestamp that is not whole seconds is refused too, whatever its signature
    const body = JSON.stringify({ type: 'url_verification', challenge: 'x' });
    const odd = `${Math.floor(Date.now() / 1000)}.5`;
    const res = await postSlack(h, body, 'application/json', { headers: { 'x-slack-request-timestamp': odd }, signature: sign(body, odd as unknown as number) });
    expect(res.status).toBe(401);
    await settle(200);
    expect(h.fake.ok('chat.postMessage')).toHaveLength(0);
  });

  it('accepts a timestamp a little in the future (clock skew within the window)', async () => {
    const ts = Math.floor(Date.now() / 1000) + 4 * 60;
    const body = JSON.stringify({ type: 'url_verification', challenge: 'skew' });
    const res = await postSlack(h, body, 'application/json', { timestamp: ts, signature: sign(body, ts) });
    expect(res.status).toBe(200);
  });

  it('answers a replayed slash command (same signed request) once', async () => {
    const form = new URLSearchParams({
      token: 'legacy', team_id: 'T0TEST', team_domain: 'test', channel_id: 'C0CHAN', channel_name: 'samverkan',
      user_id: 'U0USER', user_name: 'koordinator', command: '/brygga', text: QUESTION, api_app_id: 'A0TEST',
      response_url: `${h.fake.url}/response/replay1`, trigger_id: 'trigger.replay.1',
    }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const headers = { timestamp: ts, signature: sign(form, ts) };
    const first = await postSlack(h, form, 'application/x-www-form-urlencoded', headers);
    const replay = await postSlack(h, form, 'application/x-www-form-urlencoded', headers);
    expect([first.status, replay.status]).toEqual([200, 200]);
    await h.fake.waitFor((calls) => calls.some((c) => c.method === 'response_url'));
    await settle();
    expect(h.fake.calls.filter((c) => c.method === 'response_url')).toHaveLength(1);
  });

  it('stores a replayed button click once', async () => {
    await sendCommand(h, '/brygga', QUESTION);
    await h.fake.waitFor((calls) => calls.some((c) => c.method === 'response_url'));
    const reply = h.fake.calls.find((c) => c.method === 'response_url')!.args;
    const up = buttons(reply.blocks).find((b) => b.action_id === ACTIONS.feedbackUp)!;
    const form = new URLSearchParams({ payload: JSON.stringify(clickPayload(h, up, { channel: 'C0CHAN', ts: '1700000110.000100' })) }).toString();
    const ts = Math.floor(Date.now() / 1000);
    await postSlack(h, form, 'application/x-www-form-urlencoded', { timestamp: ts, signature: sign(form, ts) });
    await postSlack(h, form, 'application/x-www-form-urlencoded', { timestamp: ts, signature: sign(form, ts) });
    await h.fake.waitFor(() => h.fake.ok('chat.postEphemeral').length > 0);
    await settle();
    const [, messageId] = String(up.value).split(':');
    expect(queryDb(h, 'SELECT rating FROM feedback WHERE message_id = ?', messageId)).toHaveLength(1);
    expect(h.fake.ok('chat.postEphemeral')).toHaveLength(1);
  });

  it('acknowledges a payload no listener handles at once (not after the fallback deadline)', async () => {
    // a button Brygga does not know, a global shortcut and a closed modal: all answered 200 at once
    const unknownButton = clickPayload(h, { action_id: 'someone_elses_button', value: 'x' }, { channel: 'C0CHAN', ts: '1700000120.000100' });
    const shortcut = { type: 'shortcut', token: 'legacy', action_ts: '1700000120.000200', team: { id: 'T0TEST', domain: 'test' }, user: { id: 'U0USER', username: 'koordinator', team_id: 'T0TEST' }, callback_id: 'okand_genvag', trigger_id: 'trigger.shortcut.1' };
    const closed = { type: 'view_closed', team: { id: 'T0TEST', domain: 'test' }, user: { id: 'U0USER', team_id: 'T0TEST' }, api_app_id: 'A0TEST', view: { id: 'V0X', type: 'modal', callback_id: 'okand_vy' }, is_cleared: false };
    for (const payload of [unknownButton, shortcut, closed]) {
      const res = await sendInteraction(h, payload);
      expect(res.status).toBe(200);
    }
    // answered by the acknowledgement, not by the receiver's fallback deadline
    expect(logLines.filter((l) => /no acknowledgement in time/.test(String(l.msg)))).toEqual([]);
  });
});

describe('Socket Mode', () => {
  let server: BryggaServer;

  beforeAll(async () => {
    const config = loadConfig({
      SLACK_APP_TOKEN: h.fake.appToken,
      SLACK_BOT_TOKEN: h.fake.token,
      SLACK_API_URL: `${h.fake.url}/api/`,
      BRYGGA_DATA_DIR: `${h.dataDir}/socket`,
      BRYGGA_KNOWLEDGE_DIR: h.config.knowledgeDir,
      LOG_LEVEL: 'silent',
    });
    server = await buildServer({ config, assistant: h.assistant, rateLimits: false, channels: [slackChannel] });
    await server.ready;
    await server.app.ready();
    await h.fake.waitForSocket();
  });

  afterAll(async () => {
    await server?.close();
  });

  const acked = (envelopeId: string) => h.fake.socketReplies.some((r) => r.envelope_id === envelopeId);

  it('answers a redelivered event (retry_attempt, same event_id) once, and acknowledges every envelope', async () => {
    const payload = JSON.parse(
      eventBody({ type: 'app_mention', user: 'U0USER', text: `<@UBOT> ${QUESTION}`, ts: '1700000200.000100', channel: 'C0SOCK', event_ts: '1700000200.000100' }, 'EvSOCKET1'),
    ) as Record<string, unknown>;
    h.fake.socketSend({ envelope_id: 'env-1', payload, type: 'events_api', accepts_response_payload: false, retry_attempt: 0, retry_reason: '' });
    h.fake.socketSend({ envelope_id: 'env-2', payload, type: 'events_api', accepts_response_payload: false, retry_attempt: 1, retry_reason: 'timeout' });
    await h.fake.waitFor(finished);
    h.fake.socketSend({ envelope_id: 'env-3', payload, type: 'events_api', accepts_response_payload: false, retry_attempt: 2, retry_reason: 'timeout' });
    await h.fake.waitFor(() => ['env-1', 'env-2', 'env-3'].every(acked));
    await settle();
    expect(h.fake.ok('chat.postMessage')).toHaveLength(1);
  });

  it('runs a redelivered slash command once', async () => {
    const payload = {
      token: 'legacy', team_id: 'T0TEST', team_domain: 'test', channel_id: 'C0SOCK', channel_name: 'samverkan',
      user_id: 'U0USER', user_name: 'koordinator', command: '/brygga', text: QUESTION, api_app_id: 'A0TEST',
      is_enterprise_install: 'false', response_url: `${h.fake.url}/response/sock1`, trigger_id: 'trigger.sock.1',
    };
    h.fake.socketSend({ envelope_id: 'env-c1', payload, type: 'slash_commands', accepts_response_payload: true });
    h.fake.socketSend({ envelope_id: 'env-c2', payload, type: 'slash_commands', accepts_response_payload: true });
    await h.fake.waitFor((calls) => calls.some((c) => c.method === 'response_url'));
    await h.fake.waitFor(() => acked('env-c1') && acked('env-c2'));
    await settle();
    expect(h.fake.calls.filter((c) => c.method === 'response_url')).toHaveLength(1);
  });

  it('acknowledges an interactive payload no listener handles', async () => {
    const payload = clickPayload(h, { action_id: 'someone_elses_button', value: 'x' }, { channel: 'C0SOCK', ts: '1700000210.000100' });
    h.fake.socketSend({ envelope_id: 'env-i1', payload, type: 'interactive', accepts_response_payload: false });
    await h.fake.waitFor(() => acked('env-i1'));
  });
});

/** a user's message in an assistant-pane thread (a DM thread), as the Events API delivers it */
function paneMessage(text: string, ts: string, extra: Record<string, unknown> = {}) {
  return sendEvent(h, { type: 'message', channel_type: 'im', channel: 'D0AST', user: 'U0USER', text, ts, thread_ts: '1700000300.000100', ...extra });
}

describe('suggested prompts and prefixes route to matching and invitations', () => {
  it('"/matcha …" in the assistant pane matches, with the match buttons, instead of answering a question', async () => {
    await paneMessage(`/matcha ${NEED}`, '1700000301.000100');
    await h.fake.waitFor(() => h.fake.ok('chat.postMessage').some((c) => buttons(c.args.blocks).length > 0));
    const reply = h.fake.ok('chat.postMessage').find((c) => buttons(c.args.blocks).length > 0)!;
    expect(reply.args.thread_ts).toBe('1700000300.000100');
    expect(buttons(reply.args.blocks).map((b) => b.action_id)).toEqual(expect.arrayContaining([ACTIONS.needSave, ACTIONS.matchInvite]));
    const expected = await h.assistant.match(NEED, { limit: 3 });
    expect(blockText(reply.args.blocks)).toContain(expected.matches[0].name.replace(/&/g, '&amp;'));
    expect(h.fake.ok('chat.postMessage').some((c) => /tänker/.test(String(c.args.text)))).toBe(false);
  });

  it('"/inbjudan …" and "inbjudan: …" draft an invitation with the draft buttons; "matcha:" works after a mention', async () => {
    for (const [text, ts] of [[`/inbjudan ${INVITE}`, '1700000302.000100'], [`inbjudan: ${INVITE}`, '1700000303.000100']] as const) {
      h.fake.reset();
      await paneMessage(text, ts);
      await h.fake.waitFor(() => h.fake.ok('chat.postMessage').some((c) => buttons(c.args.blocks).length > 0));
      const reply = h.fake.ok('chat.postMessage').find((c) => buttons(c.args.blocks).length > 0)!;
      expect(buttons(reply.args.blocks).map((b) => b.action_id)).toEqual(expect.arrayContaining([ACTIONS.inviteIcs, ACTIONS.inviteCopy, ACTIONS.inviteEdit]));
    }
    h.fake.reset();
    await sendEvent(h, { type: 'app_mention', user: 'U0USER', text: `<@UBOT> matcha: ${NEED}`, ts: '1700000304.000100', channel: 'C0CHAN' });
    await h.fake.waitFor(() => h.fake.ok('chat.postMessage').some((c) => buttons(c.args.blocks).length > 0));
    const reply = h.fake.ok('chat.postMessage').find((c) => buttons(c.args.blocks).length > 0)!;
    expect(reply.args.thread_ts).toBe('1700000304.000100');
    expect(buttons(reply.args.blocks).map((b) => b.action_id)).toContain(ACTIONS.needSave);
  });
});

describe('a request in words', () => {
  it('"Kan du skriva en inbjudan …" without a prefix drafts an invitation, with the draft buttons', async () => {
    h.fake.reset();
    await paneMessage(`Kan du skriva en inbjudan till ett ${INVITE.charAt(0).toLowerCase()}${INVITE.slice(1)}?`, '1700000305.000100');
    await h.fake.waitFor(() => h.fake.ok('chat.postMessage').some((c) => buttons(c.args.blocks).length > 0));
    const reply = h.fake.ok('chat.postMessage').find((c) => buttons(c.args.blocks).length > 0)!;
    expect(buttons(reply.args.blocks).map((b) => b.action_id)).toEqual(expect.arrayContaining([ACTIONS.inviteIcs, ACTIONS.inviteCopy]));
    expect(blockText(reply.args.blocks)).toMatch(/5 november/);
  });
});

describe('prefixes after /brygga', () => {
  it('"/brygga matcha: …" matches and "/brygga inbjudan: …" drafts, like the messages', async () => {
    await sendCommand(h, '/brygga', `matcha: ${NEED}`);
    await h.fake.waitFor((calls) => calls.some((c) => c.method === 'response_url'));
    const match = h.fake.calls.find((c) => c.method === 'response_url')!.args;
    expect(buttons(match.blocks).map((b) => b.action_id)).toContain(ACTIONS.needSave);
    h.fake.reset();
    await sendCommand(h, '/brygga', `inbjudan: ${INVITE}`);
    await h.fake.waitFor((calls) => calls.some((c) => c.method === 'response_url'));
    const draft = h.fake.calls.find((c) => c.method === 'response_url')!.args;
    expect(buttons(draft.blocks).map((b) => b.action_id)).toContain(ACTIONS.inviteIcs);
  });
});

describe('session 12 matching and invitations through Bolt', () => {
  it('a match says its reasons in words and why a named dormant enterprise is not proposed; a draft marks a preliminary date', async () => {
    h.fake.reset();
    await sendCommand(h, '/brygga', 'matcha: Vi vill anlita Ankarlyktans Arbetslag for catering till 30 personer i Landskrona, reserverad upphandling');
    await h.fake.waitFor((calls) => calls.some((c) => c.method === 'response_url'));
    const match = blockText(h.fake.calls.find((c) => c.method === 'response_url')!.args.blocks);
    expect(match).toMatch(/som ni nämner, är vilande/);
    expect(match).not.toMatch(/procurement\.|capacity\.|workIntegrating/);
    h.fake.reset();
    await sendCommand(h, '/brygga', 'inbjudan: Inbjudan till företagare i Sjöbo, preliminärt torsdag 12 november kl 8-9 i kommunhuset om rekrytering (datumet är inte spikat än).');
    await h.fake.waitFor((calls) => calls.some((c) => c.method === 'response_url'));
    expect(blockText(h.fake.calls.find((c) => c.method === 'response_url')!.args.blocks)).toMatch(/12 november \(preliminärt\)/);
  });
});

describe('session 13 answers, matching and invitations through Bolt', () => {
  it('a question of several parts is answered part by part; a crew size in words is checked; a named sender signs the draft', async () => {
    h.fake.reset();
    await sendCommand(h, '/brygga', 'När startade Hela familjen 2.0, och hur mycket kostade lokalerna?');
    await h.fake.waitFor((calls) => calls.some((c) => c.method === 'response_url'));
    const answer = blockText(h.fake.calls.find((c) => c.method === 'response_url')!.args.blocks);
    expect(answer).toContain("okt '16–feb '19");
    expect(answer).toContain('På den delen hittar jag inget säkert svar i underlagen.');
    h.fake.reset();
    await sendCommand(h, '/brygga', 'matcha: Parkförvaltningen i Sölvesborg söker ett lag på fem personer för gräsklippning i stadsparken');
    await h.fake.waitFor((calls) => calls.some((c) => c.method === 'response_url'));
    // the one grounds team there has three people: no proposal rather than a team too small
    expect(blockText(h.fake.calls.find((c) => c.method === 'response_url')!.args.blocks)).not.toContain('Ängsmarkens Trädgård');
    h.fake.reset();
    await sendCommand(h, '/brygga', 'inbjudan: Inbjudan till föreningarna i Norrby den 12 november 2026 kl 18 i Norrby bibliotek om lokaler. Avsändare: Borås Stad, fritid.');
    await h.fake.waitFor((calls) => calls.some((c) => c.method === 'response_url'));
    const draft = blockText(h.fake.calls.find((c) => c.method === 'response_url')!.args.blocks);
    expect(draft).toContain('Borås Stad, fritid');
    expect(draft).not.toContain('[AVSÄNDARE]');
  });
});

describe('cosmetic calls never block the answer', () => {
  it('answers when assistant.threads.setStatus fails (invalid_thread_ts)', async () => {
    h.fake.failOnce.set('assistant.threads.setStatus', 'invalid_thread_ts');
    await paneMessage(QUESTION, '1700000310.000100');
    await h.fake.waitFor(finished);
    expect(h.fake.calls.find((c) => c.method === 'assistant.threads.setStatus')?.response).toMatchObject({ ok: false });
  });

  it('sets the suggested prompts when the greeting cannot be posted', async () => {
    h.fake.failOnce.set('chat.postMessage', 'not_in_channel');
    await sendEvent(h, {
      type: 'assistant_thread_started',
      assistant_thread: { user_id: 'U0USER', context: {}, channel_id: 'D0AST2', thread_ts: '1700000320.000100' },
      event_ts: '1700000320.000200',
    });
    await h.fake.waitFor(() => h.fake.ok('assistant.threads.setSuggestedPrompts').length > 0);
  });

  it('posts the answer as a new message when the "tänker…" placeholder cannot be posted', async () => {
    h.fake.failOnce.set('chat.postMessage', 'internal_error');
    await sendEvent(h, { type: 'app_mention', user: 'U0USER', text: `<@UBOT> ${QUESTION}`, ts: '1700000330.000100', channel: 'C0CHAN' });
    await h.fake.waitFor(() => h.fake.ok('chat.postMessage').some((c) => c.response?.ok && buttons(c.args.blocks).length > 0));
    const answer = h.fake.ok('chat.postMessage').find((c) => c.response?.ok && buttons(c.args.blocks).length > 0)!;
    expect(answer.args.thread_ts).toBe('1700000330.000100');
    expect(blockText(answer.args.blocks)).toContain('Källor');
  });
});

describe('a button whose Slack call fails tells the user', () => {
  it('Redigera when views.open fails (expired_trigger_id)', async () => {
    await sendCommand(h, '/inbjudan', INVITE);
    await h.fake.waitFor((calls) => calls.some((c) => c.method === 'response_url'));
    const draft = h.fake.calls.find((c) => c.method === 'response_url')!.args;
    h.fake.reset();
    h.fake.failOnce.set('views.open', 'expired_trigger_id');
    const edit = buttons(draft.blocks).find((b) => b.action_id === ACTIONS.inviteEdit)!;
    await sendInteraction(h, clickPayload(h, edit, { channel: 'C0CHAN', ts: '1700000370.000100' }));
    await h.fake.waitFor(() => h.fake.ok('chat.postEphemeral').length > 0);
    expect(String(h.fake.ok('chat.postEphemeral')[0].args.text)).toMatch(/Försök igen/);
  });
});

describe('who and what is answered', () => {
  it('ignores other apps\' bot messages in DM threads and mentions', async () => {
    const bot = { bot_id: 'B0OTHER', bot_profile: { id: 'B0OTHER', name: 'Annan app', app_id: 'A0OTHER' }, user: 'U0OTHERBOT' };
    await paneMessage(QUESTION, '1700000340.000100', bot);
    await sendEvent(h, { type: 'app_mention', text: `<@UBOT> ${QUESTION}`, ts: '1700000341.000100', channel: 'C0CHAN', ...bot });
    await sendEvent(h, { type: 'message', subtype: 'bot_message', channel_type: 'im', channel: 'D0DM', text: QUESTION, ts: '1700000342.000100', bot_id: 'B0OTHER' });
    await settle(800);
    expect(h.fake.ok('chat.postMessage')).toHaveLength(0);
    expect(h.fake.ok('assistant.threads.setStatus')).toHaveLength(0);
  });

  it('answers the question in a DM that comes with a file', async () => {
    await sendEvent(h, {
      type: 'message',
      subtype: 'file_share',
      channel_type: 'im',
      channel: 'D0DM',
      user: 'U0USER',
      text: QUESTION,
      ts: '1700000350.000100',
      files: [{ id: 'F0FILE', name: 'underlag.pdf', mimetype: 'application/pdf', filetype: 'pdf', size: 1024 }],
      upload: false,
    });
    await h.fake.waitFor(finished);
    expect(h.fake.ok('chat.postMessage')[0].args.channel).toBe('D0DM');
  });
});

describe('source links', () => {
  const INTERNAL_Q = 'Vem äger riktlinjen för samverkan med sociala företag i Exempelkommun?';

  it('a link to an internal passage posted in Slack opens; unsigned, tampered or expired links do not', async () => {
    const expected = await h.assistant.ask({ question: INTERNAL_Q, audience: 'internal' });
    const internal = expected.citations.find((c) => h.assistant.source(c.docId, 'public') === null);
    expect(internal).toBeDefined();
    await sendEvent(h, { type: 'app_mention', user: 'U0USER', text: `<@UBOT> ${INTERNAL_Q}`, ts: '1700000360.000100', channel: 'C0CHAN' });
    await h.fake.waitFor(finished);
    const text = blockText(h.fake.ok('chat.update').find((c) => buttons(c.args.blocks).length > 0)!.args.blocks);
    const hrefs = [...text.matchAll(/<(https:\/\/brygga\.example\.se\/sources\/[^|>]+)\|/g)].map((m) => new URL(m[1].replace(/&amp;/g, '&')));
    const url = hrefs.find((u) => decodeURIComponent(u.pathname) === `/sources/${internal!.docId}`)!;
    expect(url.searchParams.get('sig')).toBeTruthy();
    const local = (u: URL) => `${h.base}${u.pathname}${u.search}`;

    const open = await fetch(local(url));
    expect(open.status).toBe(200);
    expect(open.headers.get('cache-control')).toMatch(/no-store/);
    expect(await open.text()).toContain(internal!.quote.slice(0, 30).replace(/&/g, '&amp;'));

    const unsigned = new URL(url);
    for (const k of ['aud', 'exp', 'sig']) unsigned.searchParams.delete(k);
    expect((await fetch(local(unsigned))).status).toBe(404);

    const tampered = new URL(url);
    tampered.searchParams.set('aud', 'restricted');
    expect((await fetch(local(tampered))).status).toBe(403);

    const { createSourceLinks, loadLinkSecret } = await import('../../src/server/signed-links.js');
    const old = createSourceLinks(loadLinkSecret(undefined, h.dataDir), 60_000).sourcePath(internal!.docId, internal!.lines, 'internal', Date.now() - 120_000);
    const expired = await fetch(`${h.base}${old}`);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toMatch(/gått ut/);
  });

  it('a public passage stays open without a signature', async () => {
    const pub = (await h.assistant.ask({ question: QUESTION, audience: 'public' })).citations[0];
    const res = await fetch(`${h.base}/sources/${encodeURIComponent(pub.docId)}?lines=${pub.lines[0]}-${pub.lines[1]}`);
    expect(res.status).toBe(200);
  });
});

// Last in this file: it restarts the app under the harness.
describe('after a restart', () => {
  it('the buttons of a draft and an answer still work: .ics with date and time, Kopiera, Redigera, feedback on the right answer', async () => {
    await sendCommand(h, '/inbjudan', INVITE);
    await h.fake.waitFor((calls) => calls.some((c) => c.method === 'response_url'));
    const draft = h.fake.calls.find((c) => c.method === 'response_url')!.args;
    const expected = await h.assistant.invite(INVITE);
    expect(expected.ics).toMatch(/DTSTART;TZID=Europe\/Stockholm:20261105T073000/);
    h.fake.reset();
    await sendCommand(h, '/brygga', QUESTION);
    await h.fake.waitFor((calls) => calls.some((c) => c.method === 'response_url'));
    const answer = h.fake.calls.find((c) => c.method === 'response_url')!.args;

    await h.restart();
    const btn = (blocks: unknown, id: string) => buttons(blocks).find((b) => b.action_id === id)!;
    const msg = { channel: 'C0CHAN', ts: '1700000400.000100' };

    h.fake.reset();
    await sendInteraction(h, clickPayload(h, btn(draft.blocks, ACTIONS.inviteIcs), msg));
    await h.fake.waitFor(() => h.fake.ok('files.completeUploadExternal').length > 0 || h.fake.ok('chat.postEphemeral').length > 0);
    expect(h.fake.ok('chat.postEphemeral')).toHaveLength(0);
    const ics = h.fake.calls.find((c) => c.method === 'upload')?.raw ?? '';
    expect(ics).toMatch(/DTSTART;TZID=Europe\/Stockholm:20261105T073000/);
    expect(ics).toMatch(/DTEND;TZID=Europe\/Stockholm:20261105T090000/);

    h.fake.reset();
    await sendInteraction(h, clickPayload(h, btn(draft.blocks, ACTIONS.inviteEdit), msg));
    await h.fake.waitFor(() => h.fake.ok('views.open').length > 0);
    const view = h.fake.ok('views.open')[0].args.view as { blocks: Array<{ element?: { initial_value?: string } }> };
    expect(view.blocks[1].element?.initial_value).toContain(expected.text.slice(0, 40));

    h.fake.reset();
    const down = btn(answer.blocks, ACTIONS.feedbackDown);
    await sendInteraction(h, clickPayload(h, down, msg));
    await h.fake.waitFor(() => h.fake.ok('chat.postEphemeral').length > 0);
    const [, messageId] = String(down.value).split(':');
    expect(queryDb<{ rating: string }>(h, 'SELECT rating FROM feedback WHERE message_id = ?', messageId)).toEqual([{ rating: 'down' }]);
  });
});
