/**
 * Test harness: the real server (buildServer) with the Teams channel, the real botbuilder
 * CloudAdapter and the real assistant; replies are captured by a fake Bot Connector at the
 * activity's serviceUrl. Activities are POSTed over HTTP to /api/messages.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { registerTeams } from '../../adapters/teams/plugin.js';
import type { Assistant } from '../../src/assistant-types.js';
import type { AskRequest } from '../../src/domain/types.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { Logger } from '../../src/logger.js';
import { buildServer, type BryggaServer } from '../../src/server/app.js';
import { FakeConnector } from './fake-connector.js';

export const BOT = { id: '28:brygga-bot-id', name: 'Brygga' };
export const USER = { id: '29:user-anna', name: 'Anna Andersson', aadObjectId: '00000000-0000-0000-0000-0000000000aa' };

export interface Harness {
  connector: FakeConnector;
  server: BryggaServer;
  base: string;
  config: Config;
  dataDir: string;
  /** every AskRequest the (real) assistant received, in order */
  asked: AskRequest[];
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: unknown; text: string }>;
  db(): Database.Database;
  /** stops the server and starts a new one on the same data dir (a restart of the app) */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  budgetMs?: number;
  typingEveryMs?: number;
  /** the server's logger (default: silent, from LOG_LEVEL) */
  logger?: Logger;
}

let sharedAssistant: Promise<Assistant> | null = null;
let sharedDataDir: string | null = null;

/** The real assistant, created once per test file (it builds its index on first start). */
export function realAssistant(): Promise<Assistant> {
  if (!sharedAssistant) {
    sharedDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-teams-index-'));
    const config = loadConfig({ BRYGGA_DATA_DIR: sharedDataDir, BRYGGA_KNOWLEDGE_DIR: path.resolve('knowledge'), LOG_LEVEL: 'silent' });
    const specifier = '../../src/assistant.js';
    sharedAssistant = import(specifier).then((m: { createAssistant(c: Config): Promise<Assistant> }) => m.createAssistant(config));
  }
  return sharedAssistant;
}

export function removeSharedIndex(): void {
  if (sharedDataDir) fs.rmSync(sharedDataDir, { recursive: true, force: true });
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const connector = new FakeConnector();
  await connector.start();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-teams-'));
  const config = loadConfig({
    BRYGGA_TEAMS_INSECURE_DEV: '1',
    BRYGGA_DATA_DIR: dataDir,
    BRYGGA_KNOWLEDGE_DIR: path.resolve('knowledge'),
    LOG_LEVEL: 'silent',
    ...opts.env,
  });
  const real = await realAssistant();
  const asked: AskRequest[] = [];
  // the real assistant, observed: every request is recorded and passed on unchanged
  const assistant: Assistant = {
    ...real,
    ask: (req) => {
      asked.push(req);
      return real.ask(req);
    },
    askStream: (req) => real.askStream(req),
    match: (need, o) => real.match(need, o),
    invite: (request, o) => real.invite(request, o),
    documents: (a) => real.documents(a),
    source: (d, a, l) => real.source(d, a, l),
  };
  const boot = async () => {
    const server = await buildServer({
      config,
      assistant,
      logger: opts.logger,
      rateLimits: false,
      channels: [
        {
          name: 'teams',
          register: (app, deps) => registerTeams(app, deps, { bot: { budgetMs: opts.budgetMs, typingEveryMs: opts.typingEveryMs } }),
        },
      ],
    });
    await server.ready;
    const base = await server.app.listen({ port: 0, host: '127.0.0.1' });
    return { server, base };
  };
  const first = await boot();
  let db: Database.Database | null = null;
  const h: Harness = {
    connector,
    server: first.server,
    base: first.base,
    config,
    dataDir,
    asked,
    async post(body, headers = {}) {
      const res = await fetch(`${h.base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, json, text };
    },
    db() {
      db ??= new Database(path.join(dataDir, 'brygga.sqlite'), { readonly: true });
      return db;
    },
    async restart() {
      db?.close();
      db = null;
      await h.server.close();
      const next = await boot();
      h.server = next.server;
      h.base = next.base;
    },
    async close() {
      db?.close();
      await h.server.close();
      await connector.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}

let seq = 0;

/** A Teams-shaped activity aimed at the harness' fake connector. */
export function activity(h: Harness, overrides: Record<string, unknown> = {}): Record<string, unknown> & { id: string; conversation: { id: string } } {
  seq++;
  const conversationType = (overrides.conversationType as string | undefined) ?? 'personal';
  delete overrides.conversationType;
  return {
    type: 'message',
    id: `1700000000${String(seq).padStart(3, '0')}`,
    timestamp: new Date().toISOString(),
    serviceUrl: h.connector.url,
    channelId: 'msteams',
    from: USER,
    recipient: BOT,
    conversation: {
      id: conversationType === 'channel' ? `19:kanal${seq}@thread.tacv2;messageid=1700000000${seq}` : `a:personlig-${seq}-${Date.now()}`,
      conversationType,
      tenantId: 'tenant-1',
      isGroup: conversationType !== 'personal',
    },
    locale: 'sv-SE',
    channelData: { tenant: { id: 'tenant-1' } },
    ...overrides,
  } as Record<string, unknown> & { id: string; conversation: { id: string } };
}

/** The Adaptive Card of a recorded message. */
export function cardOf(activity: Record<string, unknown>): Record<string, unknown> & { body: Array<Record<string, unknown>>; actions?: Array<Record<string, unknown>> } {
  const attachments = activity.attachments as Array<{ contentType: string; content: unknown }> | undefined;
  const card = attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
  if (!card) throw new Error('no Adaptive Card in the activity');
  return card as ReturnType<typeof cardOf>;
}

/** All TextBlock texts of a card, depth first. */
export function textsOf(node: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    for (const k of ['body', 'items', 'columns']) if (o[k]) walk(o[k]);
  };
  walk(node);
  return out;
}
