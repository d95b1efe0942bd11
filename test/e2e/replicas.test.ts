/**
 * Two `brygga serve` processes (replicas A and B, each with its own data dir holding the same
 * index) on different ports sharing one PostgreSQL schema, as behind a load balancer. Slack and the
 * Bot Connector are fakes on loopback (the far side of the wire); everything else is real.
 *
 * Under CI a missing PostgreSQL fails these tests; elsewhere they are skipped with a one-line hint.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../adapters/slack/blocks.js';
import { FakeSlack } from '../slack/fake-slack.js';
import { buttons, clickPayload, sendCommand, sendEvent, sendInteraction, SIGNING_SECRET, type Harness as SlackHarness } from '../slack/harness.js';
import { FakeConnector } from '../teams/fake-connector.js';
import { BOT, USER } from '../teams/harness.js';
import { fromRoot } from '../../src/root.js';
import { freshDataDir, postJson, REPO, sharedIndex } from '../server/fixture.js';
import { freshSchema, postgresTests } from '../support/postgres.js';

const RUN = await postgresTests('replicas.test');
/** the per-IP chat limit both replicas enforce, as requests per 10 minutes */
const CHAT_LIMIT = 14;

interface Replica {
  name: string;
  url: string;
  child: ChildProcess;
  dataDir: string;
  log: string[];
}

const ADMIN_TOKEN = 'replik-admin-token-0123456789abcdef';

async function serve(name: string, knowledgeDir: string, env: Record<string, string>): Promise<Replica> {
  const dataDir = await freshDataDir();
  const child = spawn(process.execPath, [path.join(REPO, 'bin/brygga.js'), 'serve'], {
    cwd: REPO,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', BRYGGA_DATA_DIR: dataDir, BRYGGA_KNOWLEDGE_DIR: knowledgeDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stderr!.on('data', (b: Buffer) => log.push(b.toString()));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: no ready line in 90 s; stdout: ${out} stderr: ${log.join('')}`)), 90_000);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /Brygga är redo: (http:\/\/\S+)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!.replace('localhost', '127.0.0.1'));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited ${code}: ${out} ${log.join('')}`));
    });
  });
  return { name, url, child, dataDir, log };
}

async function stop(r: Replica | undefined): Promise<void> {
  if (!r) return;
  if (r.child.exitCode === null && r.child.signalCode === null) {
    const exited = new Promise((resolve) => r.child.once('exit', resolve));
    r.child.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(r.dataDir, { recursive: true, force: true });
}

/** the index version a replica's /readyz names */
async function indexOf(r: Replica): Promise<string | null> {
  const body = (await (await fetch(`${r.url}/readyz`)).json()) as { index?: string | null };
  return body.index ?? null;
}

async function poll<T>(check: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== null) return v;
    if (Date.now() > until) throw new Error(`not reached in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.runIf(RUN)('two replicas on one PostgreSQL database', () => {
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  let slack: FakeSlack;
  let connector: FakeConnector;
  let a: Replica;
  let b: Replica;
  /** the replicas' shared knowledge folder: a copy of the test knowledge, so a re-index can change it */
  let knowledge: string;
  /** every /api/chat request this file sends, to either replica (they all come from 127.0.0.1) */
  let chats = 0;

  const chat = (r: Replica, body: Record<string, unknown>) => {
    chats++;
    return postJson(`${r.url}/api/chat`, body);
  };
  const slackAt = (r: Replica) => ({ base: r.url, fake: slack }) as unknown as SlackHarness;
  const rows = async <T>(sql: string, values: unknown[] = []) => (await schema.query(sql, values)).rows as T[];

  beforeAll(async () => {
    schema = await freshSchema();
    knowledge = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-replica-knowledge-'));
    fs.cpSync((await sharedIndex()).knowledgeDir, knowledge, { recursive: true });
    slack = new FakeSlack();
    await slack.start();
    connector = new FakeConnector();
    await connector.start();
    const env = {
      BRYGGA_DATABASE_URL: schema.url,
      BRYGGA_LINK_SECRET: 'replikornas-gemensamma-hemlighet-0123456789',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: slack.token,
      SLACK_API_URL: `${slack.url}/api/`,
      BRYGGA_TEAMS_INSECURE_DEV: '1',
      BRYGGA_RATE_LIMIT_CHAT_IP: `${CHAT_LIMIT}/600`,
      BRYGGA_ADMIN_TOKEN: ADMIN_TOKEN,
    };
    // both start at once: node-pg-migrate's advisory lock lets one migrate while the other waits
    [a, b] = await Promise.all([serve('A', knowledge, env), serve('B', knowledge, env)]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([stop(a), stop(b)]);
    await slack?.stop();
    await connector?.stop();
    await schema?.drop();
    if (knowledge) fs.rmSync(knowledge, { recursive: true, force: true });
  });

  it('migrated the schema once although both replicas started together', async () => {
    const applied = await rows<{ name: string }>('SELECT name FROM pgmigrations');
    // every migration in migrations/, each applied exactly once
    const expected = fs.readdirSync(fromRoot('migrations')).filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, '')).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(applied.map((m) => m.name).sort()).toEqual(expected);
    // each replica built nothing (the copied index matches the knowledge) and both serve the same version
    const versions = await Promise.all([a, b].map((r) => indexOf(r)));
    expect(versions[0]).toMatch(/^[0-9a-f]{12}$/);
    expect(versions[1]).toBe(versions[0]);
  });

  it('a re-index on A makes B load the new index too (LISTEN/NOTIFY), and /readyz says which version each serves', async () => {
    const before = await indexOf(b);
    fs.writeFileSync(path.join(knowledge, 'replikanteckning.txt'), '# Replikanteckning\n\nKvarnbo kommun införde delade databaser för Brygga i november 2026.\n');
    const started = await fetch(`${a.url}/admin/api/reindex`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(started.status).toBe(202);
    const after = await poll(async () => {
      const [va, vb] = await Promise.all([indexOf(a), indexOf(b)]);
      return va !== before && vb === va ? va : null;
    }, 60_000);
    expect(after).toMatch(/^[0-9a-f]{12}$/);
  }, 90_000);

  it('answers a Slack event sent to A and its retry sent to B exactly once', async () => {
    slack.reset();
    const event = { type: 'app_mention', user: 'U0USER', text: '<@UBOT> Vad syftar Projekt Rekrytera till?', ts: '1700000100.000100', channel: 'C0CHAN' };
    expect((await sendEvent(slackAt(a), event, 'EvREPLICA1')).status).toBe(200);
    const retry = await sendEvent(slackAt(b), event, 'EvREPLICA1', { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await slack.waitFor(() => slack.ok('chat.update').some((c) => buttons(c.args.blocks).length > 0));
    await new Promise((r) => setTimeout(r, 500));
    expect(slack.ok('chat.postMessage').filter((c) => c.args.thread_ts === '1700000100.000100')).toHaveLength(1);
    expect(await rows('SELECT key FROM dedup WHERE key LIKE $1', ['%EvREPLICA1'])).toHaveLength(1);
  });

  it('answers a Teams activity delivered to A and again to B once', async () => {
    const conversation = { id: `a:replikor-${Date.now()}`, conversationType: 'personal', tenantId: 'tenant-1', isGroup: false };
    const activity = {
      type: 'message',
      id: '1700000200001',
      timestamp: new Date().toISOString(),
      serviceUrl: connector.url,
      channelId: 'msteams',
      from: USER,
      recipient: BOT,
      conversation,
      locale: 'sv-SE',
      channelData: { tenant: { id: 'tenant-1' } },
      text: 'Vad syftar Projekt Rekrytera till?',
    };
    for (const r of [a, b]) expect((await postJson(`${r.url}/api/messages`, activity)).status).toBe(200);
    await connector.waitForMessages(conversation.id, 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(connector.for(conversation.id, 'message')).toHaveLength(1);
  });

  it('continues a widget conversation started on A on B, where the follow-up uses A’s turn; feedback through B lands on A’s answer', async () => {
    const first = await chat(a, { message: 'Vem är projektägare för Projekt Rekrytera?' });
    expect(first.status).toBe(200);
    const { sessionId } = first.json as { sessionId: string; messageId: string };
    const follow = await chat(b, { message: 'Vem finansierade det?', sessionId });
    expect(follow.status).toBe(200);
    expect(follow.json.sessionId).toBe(sessionId);
    // the follow-up was rewritten from A's turn (kept in PostgreSQL), not asked on its own
    expect(follow.json.query).toMatch(/Rekrytera/);

    const fb = await postJson(`${b.url}/api/feedback`, { sessionId, messageId: first.json.messageId, rating: 'down', comment: 'för kort, ring 070-123 45 67' });
    expect(fb.status).toBe(200);
    const stored = await rows<{ message_id: string; rating: string; comment: string }>('SELECT message_id, rating, comment FROM feedback WHERE session_id = $1', [sessionId]);
    expect(stored).toEqual([{ message_id: first.json.messageId, rating: 'down', comment: 'för kort, ring [TELEFON]' }]);
    const roles = await rows<{ role: string }>('SELECT role FROM messages WHERE session_id = $1 ORDER BY seq', [sessionId]);
    expect(roles.map((r) => r.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
  });

  it('a Slack button pressed on B works for a draft made on A', async () => {
    slack.reset();
    await sendCommand(slackAt(a), '/inbjudan', 'Frukostmöte med lokala företagare om sommarjobb den 5 november 2026 kl 07.30–09.00 på Stadsbiblioteket');
    await slack.waitFor(() => slack.calls.some((c) => c.method === 'response_url'));
    const reply = slack.calls.find((c) => c.method === 'response_url')!.args;
    const copy = buttons(reply.blocks).find((x) => x.action_id === ACTIONS.inviteCopy)!;
    expect(copy).toBeDefined();
    slack.reset();
    const res = await sendInteraction(slackAt(b), clickPayload(slackAt(b), copy, { channel: 'C0CHAN', ts: '1700000300.000100' }));
    expect(res.status).toBe(200);
    await slack.waitFor(() => slack.ok('chat.postMessage').length > 0);
    const text = String(slack.ok('chat.postMessage')[0]!.args.text);
    expect(text.startsWith('```')).toBe(true);
    expect(text).toMatch(/Stadsbiblioteket/);
  });

  it('counts one client’s rate limit across both replicas', async () => {
    const statuses: number[] = [];
    const replicas = [a, b];
    // alternate A, B, A, … until refused; with a limit per replica this would take twice as long
    for (let i = 0; chats < CHAT_LIMIT + 1 && i < 2 * CHAT_LIMIT; i++) {
      const r = await chat(replicas[i % 2]!, { message: `Vad är IOP? (${i})` });
      statuses.push(r.status);
    }
    expect(chats).toBe(CHAT_LIMIT + 1);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
    // and B refuses too now, with Retry-After
    const refused = await chat(b, { message: 'Vad är IOP?' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('carries on when A is killed mid-conversation: B answers, nothing stored before the kill is lost', async () => {
    // the chat limit of 127.0.0.1 was used up by the test before: start a new window
    await schema.query("DELETE FROM rate_counters WHERE key LIKE 'chat-ip:%'");
    const first = await chat(a, { message: 'Vem är projektägare för Projekt Rekrytera?' });
    expect(first.status).toBe(200);
    const sessionId = first.json.sessionId as string;
    const before = await rows<{ id: string; text: string }>('SELECT id, text FROM messages WHERE session_id = $1 ORDER BY seq', [sessionId]);
    expect(before).toHaveLength(2);
    // a second question is under way on A when it dies
    const dead = new Promise((resolve) => a.child.once('exit', resolve));
    const inFlight = chat(a, { message: 'Vem finansierade det?', sessionId }).catch((err: unknown) => err);
    a.child.kill('SIGKILL');
    await Promise.all([inFlight, dead]);
    expect(a.child.signalCode).toBe('SIGKILL');

    const next = await chat(b, { message: 'Vem finansierade det?', sessionId });
    expect(next.status).toBe(200);
    expect(next.json.query).toMatch(/Rekrytera/);
    const after = await rows<{ id: string; text: string }>('SELECT id, text FROM messages WHERE session_id = $1 ORDER BY seq', [sessionId]);
    expect(after.slice(0, 2)).toEqual(before);
    // whatever A wrote before it died stays; B's turn follows it
    expect(after.length).toBeGreaterThanOrEqual(4);
    expect(after.slice(-2).map((m) => m.text)[1]).toBe(next.json.answer);
  });
});
