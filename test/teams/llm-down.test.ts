/**
 * Teams in LLM mode with the model endpoint down: the real server, real botbuilder, and the real
 * assistant created as `brygga serve` creates it (with a live pino logger); the user gets a card
 * with the offline answer and the notice, never the error card. Uses the Teams harness' helpers
 * and fake Bot Connector with a server of its own (the harness' shared assistant is offline).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerTeams } from '../../adapters/teams/plugin.js';
import { createAssistant } from '../../src/assistant.js';
import { loadConfig } from '../../src/config.js';
import { NOTICES } from '../../src/llm/index.js';
import { createLogger } from '../../src/logger.js';
import { buildServer, type BryggaServer } from '../../src/server/app.js';
import { startOpenAiServer } from '../support/openai-server.js';
import { FakeConnector } from './fake-connector.js';
import { activity, cardOf, textsOf, type Harness } from './harness.js';

const QUESTION = 'Vad är syftet med Projekt Rekrytera?';
let connector: FakeConnector;
let server: BryggaServer;
let base: string;
let dataDir: string;
const logs: string[] = [];

beforeAll(async () => {
  const gone = await startOpenAiServer();
  const downUrl = gone.url;
  await gone.close(); // nothing listens there any more
  connector = new FakeConnector();
  await connector.start();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-teams-llm-'));
  const config = loadConfig({
    BRYGGA_TEAMS_INSECURE_DEV: '1',
    BRYGGA_DATA_DIR: dataDir,
    BRYGGA_KNOWLEDGE_DIR: path.resolve('knowledge'),
    OPENAI_BASE_URL: downUrl,
    OPENAI_API_KEY: 'test-key',
    BRYGGA_CHAT_MODEL: 'test-chat',
    BRYGGA_LLM_TIMEOUT_MS: '1500',
    LOG_LEVEL: 'info',
  });
  const logger = createLogger(
    config,
    new Writable({
      write(chunk, _e, cb) {
        logs.push(String(chunk));
        cb();
      },
    }),
  );
  // no `assistant` option: the server creates the real one with its logger, as in production
  server = await buildServer({ config, logger, rateLimits: false, channels: [{ name: 'teams', register: (app, deps) => registerTeams(app, deps) }] });
  base = await server.app.listen({ port: 0, host: '127.0.0.1' });
  await server.ready;
});

afterAll(async () => {
  await server?.close();
  await connector?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('Teams with the language model down', () => {
  it('answers with the offline answer and the notice in the card', async () => {
    const a = activity({ connector } as unknown as Harness, { text: QUESTION });
    const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(a) });
    expect(res.status).toBe(200);
    const reply = connector.for(a.conversation.id).find((p) => p.activity.type === 'message');
    expect(reply).toBeDefined();
    const texts = textsOf(cardOf(reply!.activity));
    expect(texts.join('\n')).not.toMatch(/Något gick fel/);
    expect(texts).toContain(NOTICES.unavailable.sv);
    expect(texts[0]).toMatch(/\[1\]/);
    expect(logs.join('')).toMatch(/språkmodellen misslyckades/);
  });
});
