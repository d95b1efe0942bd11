/**
 * Test harness: the real server (buildServer) with the Slack channel, the real assistant, and a
 * fake Slack Web API. Requests to /slack/events are signed exactly as Slack signs them (v0 HMAC).
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { registerSlack } from '../../adapters/slack/index.js';
import type { SlackBlock } from '../../adapters/slack/blocks.js';
import type { Assistant } from '../../src/assistant-types.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { Logger } from '../../src/logger.js';
import { buildServer, type BryggaServer } from '../../src/server/app.js';
import { FakeSlack } from './fake-slack.js';
import { idText, storedId } from '../../src/storage/store.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const PUBLIC_URL = 'https://brygga.example.se';

export interface Harness {
  fake: FakeSlack;
  server: BryggaServer;
  base: string;
  config: Config;
  assistant: Assistant;
  dataDir: string;
  /** stops the server and starts a new one (new assistant, same data dir and fake Slack), like a restart of the app */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export async function startHarness(
  makeAssistant: (config: Config) => Promise<Assistant>,
  opts: { ackDeadlineMs?: number; logger?: Logger; env?: Record<string, string> } = {},
): Promise<Harness> {
  const fake = new FakeSlack();
  await fake.start();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-slack-'));
  const config = loadConfig({
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: fake.token,
    SLACK_API_URL: `${fake.url}/api/`,
    BRYGGA_DATA_DIR: dataDir,
    BRYGGA_KNOWLEDGE_DIR: path.resolve('knowledge'),
    LOG_LEVEL: 'silent',
    ...opts.env,
  });
  // A public base URL makes sources links (see the report: BRYGGA_PUBLIC_URL is proposed for config).
  (config as Config & { publicUrl?: string }).publicUrl = PUBLIC_URL;
  const boot = async (assistant: Assistant) => {
    const server = await buildServer({
      config,
      assistant,
      logger: opts.logger,
      rateLimits: false,
      channels: [{ name: 'slack', register: (app, deps) => registerSlack(app, deps, { updateIntervalMs: 20, ackDeadlineMs: opts.ackDeadlineMs }) }],
    });
    await server.ready;
    const base = await server.app.listen({ port: 0, host: '127.0.0.1' });
    return { server, base };
  };
  const assistant = await makeAssistant(config);
  const first = await boot(assistant);
  const h: Harness = {
    fake,
    server: first.server,
    base: first.base,
    config,
    assistant,
    dataDir,
    async restart() {
      await h.server.close();
      h.assistant = await makeAssistant(config);
      const next = await boot(h.assistant);
      h.server = next.server;
      h.base = next.base;
    },
    async close() {
      await h.server.close();
      await fake.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}

export interface PostOptions {
  timestamp?: number;
  signature?: string;
  headers?: Record<string, string>;
}

export async function postSlack(
  h: Harness,
  body: string,
  contentType: string,
  opts: PostOptions = {},
): Promise<{ status: number; text: string; json: unknown }> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const res = await fetch(`${h.base}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': opts.signature ?? sign(body, timestamp),
      ...opts.headers,
    },
    body,
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, text, json };
}

let eventSeq = 0;

export function eventBody(event: Record<string, unknown>, eventId = `Ev${Date.now()}${++eventSeq}`): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: 'T0TEST',
    api_app_id: 'A0TEST',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0TEST', user_id: 'UBOT', is_bot: true }],
  });
}

export function sendEvent(h: Harness, event: Record<string, unknown>, eventId?: string, opts: PostOptions = {}) {
  return postSlack(h, eventBody(event, eventId), 'application/json', opts);
}

let triggerSeq = 0;

export function sendCommand(h: Harness, command: string, text: string, channel = 'C0CHAN') {
  const id = ++triggerSeq;
  const form = new URLSearchParams({
    token: 'legacy',
    team_id: 'T0TEST',
    team_domain: 'test',
    channel_id: channel,
    channel_name: 'samverkan',
    user_id: 'U0USER',
    user_name: 'koordinator',
    command,
    text,
    api_app_id: 'A0TEST',
    response_url: `${h.fake.url}/response/cmd${id}`,
    trigger_id: `trigger.cmd.${id}`,
  });
  return postSlack(h, form.toString(), 'application/x-www-form-urlencoded');
}

export function sendInteraction(h: Harness, payload: Record<string, unknown>) {
  const form = new URLSearchParams({ payload: JSON.stringify(payload) });
  return postSlack(h, form.toString(), 'application/x-www-form-urlencoded');
}

/** A block_actions payload as Slack sends it when a button in a message is clicked. */
export function clickPayload(
  h: Harness,
  button: { action_id: string; value?: string },
  message: { channel: string; ts: string; thread_ts?: string },
): Record<string, unknown> {
  const id = ++triggerSeq;
  return {
    type: 'block_actions',
    team: { id: 'T0TEST', domain: 'test' },
    user: { id: 'U0USER', username: 'koordinator', team_id: 'T0TEST' },
    api_app_id: 'A0TEST',
    token: 'legacy',
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    trigger_id: `trigger.click.${id}`,
    channel: { id: message.channel, name: 'samverkan' },
    message: { type: 'message', ts: message.ts, thread_ts: message.thread_ts, text: '', bot_id: 'BBOT' },
    response_url: `${h.fake.url}/response/click${id}`,
    actions: [
      {
        type: 'button',
        action_id: button.action_id,
        block_id: 'b',
        value: button.value,
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

/** Every button element in a list of blocks. */
export function buttons(blocks: unknown): Array<{ action_id: string; value?: string; text: { text: string } }> {
  const out: Array<{ action_id: string; value?: string; text: { text: string } }> = [];
  for (const b of (blocks as SlackBlock[] | undefined) ?? []) {
    if (b.type === 'actions') out.push(...((b.elements as typeof out) ?? []));
  }
  return out;
}

/** All visible text in blocks (sections, contexts, headers), joined by newlines. */
export function blockText(blocks: unknown): string {
  const parts: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.text === 'string') parts.push(o.text);
      for (const [k, val] of Object.entries(o)) if (k !== 'text' || typeof val !== 'string') walk(val);
    }
  };
  walk(blocks);
  return parts.join('\n');
}

/**
 * Reads rows straight from the server's SQLite database (what the Store wrote). Ids are passed and
 * given back as the Store's API has them (the database keeps them in their stored form, storedId).
 */
export function queryDb<T>(h: Harness, sql: string, ...params: unknown[]): T[] {
  const db = new Database(path.join(h.dataDir, 'brygga.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare(sql).all(...params.map((p) => (typeof p === 'string' ? storedId(p) : p))) as Array<Record<string, unknown>>;
    for (const row of rows) {
      for (const col of ['id', 'session_id', 'message_id']) if (Buffer.isBuffer(row[col])) row[col] = idText(row[col] as Buffer);
    }
    return rows as T[];
  } finally {
    db.close();
  }
}
