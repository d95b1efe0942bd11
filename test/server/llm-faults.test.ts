/**
 * LLM mode through the real server (`buildServer` creating the real assistant with the server's
 * own pino logger, as `brygga serve` does): every fault of the model endpoint gives the offline
 * answer with a notice, over JSON and SSE, and retries and the circuit breaker run.
 * The endpoint is the local OpenAI-compatible fake (test/support/openai-server.ts).
 */
import { Writable } from 'node:stream';
import fs from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Assistant } from '../../src/assistant-types.js';
import { createAssistant } from '../../src/assistant.js';
import { loadConfig } from '../../src/config.js';
import type { AskResult } from '../../src/domain/types.js';
import { NOTICES } from '../../src/llm/index.js';
import { createLogger } from '../../src/logger.js';
import { composeFromPassages, startOpenAiServer, type ChatBehavior, type FakeOpenAiServer } from '../support/openai-server.js';
import { freshDataDir, parseSse, postJson, sharedIndex, startBrygga, type Running } from './fixture.js';

const QUESTION = 'Vem är projektägare för Projekt Rekrytera?';

let model: FakeOpenAiServer;
let srv: Running;
let offline: Assistant;
let offlineDir: string;
const logs: string[] = [];
const extra: Running[] = [];

function captureLogger() {
  // level info: the levels the LLM client logs at (retries at info, failures at warn) are live
  return createLogger(
    { logLevel: 'info' },
    new Writable({
      write(chunk, _e, cb) {
        logs.push(String(chunk));
        cb();
      },
    }),
  );
}

const llmEnv = (baseURL: string) => ({
  OPENAI_BASE_URL: baseURL,
  OPENAI_API_KEY: 'test-key',
  BRYGGA_CHAT_MODEL: 'test-chat',
  BRYGGA_LLM_TIMEOUT_MS: '1500',
});

async function startWithModel(baseURL: string): Promise<Running> {
  const s = await startBrygga({ logger: captureLogger(), rateLimits: false, env: llmEnv(baseURL) });
  await s.ready;
  return s;
}

beforeAll(async () => {
  model = await startOpenAiServer();
  srv = await startWithModel(model.url);
  const { knowledgeDir } = await sharedIndex();
  offlineDir = await freshDataDir();
  offline = await createAssistant(loadConfig({ BRYGGA_DATA_DIR: offlineDir, BRYGGA_KNOWLEDGE_DIR: knowledgeDir, LOG_LEVEL: 'silent' }));
});
afterAll(async () => {
  await Promise.all(extra.map((s) => s.stop()));
  await srv?.stop();
  await model?.close();
  fs.rmSync(offlineDir, { recursive: true, force: true });
});

const goodModel: ChatBehavior = { kind: 'reply', text: (r) => composeFromPassages(r, 2) };

beforeEach(async () => {
  // every case starts with a healthy model and a closed breaker (a success closes it)
  model.chat.setDefault(goodModel);
  const r = await postJson(`${srv.url}/api/chat`, { message: QUESTION });
  expect(r.status).toBe(200);
  expect(r.json.mode).toBe('llm');
  logs.length = 0;
});

async function offlineAnswer(question = QUESTION): Promise<AskResult> {
  return offline.ask({ question, audience: 'public' });
}

async function chatJson(base: string, message = QUESTION) {
  return postJson(`${base}/api/chat`, { message });
}

/** POSTs over SSE; returns the events and what a client finally shows (tokens, reset by a notice). */
async function chatSse(base: string, message = QUESTION) {
  const r = await fetch(`${base}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ message }),
  });
  const events = parseSse(await r.text());
  let shown = '';
  for (const e of events) {
    if (e.event === 'token') shown += e.data.text;
    if (e.event === 'notice') shown = '';
  }
  const done = events.find((e) => e.event === 'done')?.data;
  return { status: r.status, events, shown: shown.trim(), done };
}

function chatRequests(): number {
  return model.chatRequests().length;
}

/** The result is the offline answer with the notice, nothing else. */
async function expectFallback(result: any, kind: keyof typeof NOTICES = 'unavailable') {
  const expected = await offlineAnswer();
  expect(result.mode).toBe('extractive');
  expect(result.notice).toBe(NOTICES[kind].sv);
  expect(result.answer).toBe(expected.answer);
  expect(result.citations).toEqual(expected.citations);
}

const faults: Array<{ name: string; behavior: ChatBehavior[]; attempts: number }> = [
  { name: 'HTTP 500 on every attempt', behavior: [{ kind: 'status', status: 500 }, { kind: 'status', status: 500 }, { kind: 'status', status: 500 }], attempts: 3 },
  { name: 'HTTP 429 on every attempt', behavior: [{ kind: 'status', status: 429, retryAfter: '0.05' }, { kind: 'status', status: 429, retryAfter: '0.05' }, { kind: 'status', status: 429, retryAfter: '0.05' }], attempts: 3 },
  { name: 'a hanging endpoint', behavior: [{ kind: 'hang' }], attempts: 1 },
  { name: 'malformed JSON', behavior: [{ kind: 'malformed' }], attempts: 1 },
];

describe('/api/chat in LLM mode: model faults give the offline answer with a notice', () => {
  for (const f of faults) {
    it(`JSON: ${f.name}`, async () => {
      model.chat.queue(...f.behavior);
      const before = chatRequests();
      const r = await chatJson(srv.url);
      expect(r.status).toBe(200);
      await expectFallback(r.json);
      // retries ran (429/5xx are retried, a hang or malformed body is not)
      expect(chatRequests() - before).toBe(f.attempts);
      expect(logs.join('')).not.toMatch(/writeSym|TypeError/);
    });

    it(`SSE: ${f.name}`, async () => {
      model.chat.queue(...f.behavior);
      const before = chatRequests();
      const r = await chatSse(srv.url);
      expect(r.status).toBe(200);
      expect(r.events.map((e) => e.event)).not.toContain('error');
      await expectFallback(r.done);
      expect(r.shown).toBe(r.done.answer);
      expect(chatRequests() - before).toBe(f.attempts);
    });
  }

  it('SSE: a stream cut before its end gives the offline answer, never the truncated text', async () => {
    model.chat.queue({ kind: 'drop-mid-stream', text: 'Projekt Rekrytera ägdes av kommunen och arbetsförmedlingen tillsammans med flera lokala företag [1].' });
    const r = await chatSse(srv.url);
    expect(r.status).toBe(200);
    await expectFallback(r.done);
    expect(r.shown).toBe(r.done.answer);
  });

  it('a 429 with Retry-After is retried and then answered by the model', async () => {
    model.chat.queue({ kind: 'status', status: 429, retryAfter: '0.1' });
    const before = chatRequests();
    const r = await chatJson(srv.url);
    expect(r.status).toBe(200);
    expect(r.json.mode).toBe('llm');
    expect(r.json.notice).toBeUndefined();
    expect(chatRequests() - before).toBe(2);
    const times = model.requests.filter((q) => q.path === '/v1/chat/completions').slice(-2).map((q) => q.at);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(90);
    expect(logs.join('')).toMatch(/försöker igen/);
  });

  it('an answer whose citation check removes a sentence keeps the verified part (JSON and SSE)', async () => {
    const planted = (r: Parameters<typeof composeFromPassages>[0]) =>
      `${composeFromPassages(r, 1)} Zebrorna i Kolmården dansar tango på månen varje fredag [1].`;
    model.chat.queue({ kind: 'reply', text: planted });
    const j = await chatJson(srv.url);
    expect(j.status).toBe(200);
    expect(j.json.mode).toBe('llm');
    expect(j.json.answer).not.toMatch(/Zebror/);
    expect(j.json.citations.length).toBeGreaterThan(0);

    model.chat.queue({ kind: 'reply', text: planted, chunkChars: 5 });
    const s = await chatSse(srv.url);
    expect(s.status).toBe(200);
    expect(s.done.mode).toBe('llm');
    expect(s.done.answer).not.toMatch(/Zebror/);
    expect(s.events.filter((e) => e.event === 'token').map((e) => e.data.text).join('')).not.toMatch(/Zebror/);
    expect(logs.join('')).toMatch(/meningar utan stöd/);
  });
});

describe('/api/chat in LLM mode: endpoint down and circuit breaker', () => {
  it('an endpoint that is down gives the offline answer with a notice (JSON and SSE)', async () => {
    const gone = await startOpenAiServer();
    const url = gone.url;
    await gone.close(); // nothing listens there any more
    const s = await startWithModel(url);
    extra.push(s);
    const j = await chatJson(s.url);
    expect(j.status).toBe(200);
    await expectFallback(j.json);
    const e = await chatSse(s.url);
    expect(e.status).toBe(200);
    await expectFallback(e.done);
    expect(e.shown).toBe(e.done.answer);
  });

  it('opens the circuit after three failed calls: the next answer comes at once without calling the model', async () => {
    const failing = await startOpenAiServer();
    failing.chat.setDefault({ kind: 'status', status: 503 });
    const s = await startWithModel(failing.url);
    extra.push(s);
    try {
      for (let i = 0; i < 3; i++) {
        const r = await chatJson(s.url);
        expect(r.status).toBe(200);
        expect(r.json.notice).toBe(NOTICES.unavailable.sv);
      }
      const calls = failing.chatRequests().length;
      expect(calls).toBe(9); // three calls, each with two retries
      const r = await chatJson(s.url);
      expect(r.status).toBe(200);
      await expectFallback(r.json);
      expect(failing.chatRequests().length).toBe(calls);
    } finally {
      await failing.close();
    }
  });
});
