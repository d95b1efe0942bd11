/**
 * Overload answered, not queued (issue 17): when the event loop lags behind, the real server answers
 * /api/chat at once with 503, Retry-After and a Swedish reason, while /healthz and /readyz still
 * answer; when the lag is gone it answers questions again. The lag is made by keeping this process's
 * event loop (which the server shares in the test) busy: 25 ms of work per turn of the loop.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startOpenAiServer } from '../support/openai-server.js';
import { postJson, startBrygga, type Running } from './fixture.js';

const QUESTION = 'Vem är projektägare för Projekt Rekrytera?';
const running: Running[] = [];
let hogging = false;
afterEach(async () => {
  hogging = false;
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

/** keeps the event loop busy until `hogging` is false: 25 ms of work in every turn, I/O in between */
function hog(): void {
  hogging = true;
  const spin = () => {
    if (!hogging) return;
    const until = performance.now() + 25;
    while (performance.now() < until) {
      /* busy */
    }
    setImmediate(spin);
  };
  setImmediate(spin);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(50);
  }
}

describe('overload', () => {
  it('answers 503 with Retry-After and a Swedish reason at once while the event loop lags, and recovers', async () => {
    const srv = await startBrygga({ overload: { maxEventLoopDelayMs: 8, sampleIntervalMs: 100, retryAfterS: 7 } });
    running.push(srv);
    await srv.ready;
    // the first two samples after readiness still measure the loading of the index: never shed then
    await sleep(250);

    hog();
    await until('the server notices the lag', () => srv.app.isUnderPressure());
    const shed = await postJson(`${srv.url}/api/chat`, { message: QUESTION });
    expect(shed.status).toBe(503);
    expect(shed.headers.get('retry-after')).toBe('7');
    expect(shed.json).toMatchObject({ code: 'overloaded', retryAfter: 7, error: expect.stringMatching(/många frågor just nu/) });
    const en = await postJson(`${srv.url}/api/chat`, { message: QUESTION }, { 'accept-language': 'en' });
    expect(en.status).toBe(503);
    expect(en.json.error).toMatch(/many questions right now/);
    // liveness and readiness stay observable
    expect((await fetch(`${srv.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${srv.url}/readyz`)).status).toBe(200);
    // only the chat is shed: the widget itself still loads
    expect((await fetch(`${srv.url}/widget.js`)).status).toBe(200);
    // nothing is kept of a question that was not answered
    expect(await srv.store.exchanges()).toEqual([]);

    hogging = false;
    let answer: Awaited<ReturnType<typeof postJson>> | null = null;
    await until('answers again when the lag is gone', async () => (answer = await postJson(`${srv.url}/api/chat`, { message: QUESTION })).status === 200);
    expect(answer!.json.answered).toBe(true);
    expect(await srv.store.exchanges()).toHaveLength(1);
  });

  it('is off with BRYGGA_MAX_EVENT_LOOP_DELAY_MS=0, and the variable is validated', async () => {
    expect(loadConfig({}).maxEventLoopDelayMs).toBe(200);
    expect(loadConfig({ BRYGGA_MAX_EVENT_LOOP_DELAY_MS: '0' }).maxEventLoopDelayMs).toBe(0);
    expect(() => loadConfig({ BRYGGA_MAX_EVENT_LOOP_DELAY_MS: 'snabbt' })).toThrow(/BRYGGA_MAX_EVENT_LOOP_DELAY_MS/);
    const srv = await startBrygga({ env: { BRYGGA_MAX_EVENT_LOOP_DELAY_MS: '0' } });
    running.push(srv);
    await srv.ready;
    expect(srv.app.hasDecorator('isUnderPressure')).toBe(false);
    hog();
    await sleep(300);
    expect((await postJson(`${srv.url}/api/chat`, { message: QUESTION })).status).toBe(200);
  });

  it('a question whose answer is kept (asked before, offline, opening a conversation) is no work: it is answered however many are in flight', async () => {
    const srv = await startBrygga({ rateLimits: false, env: { BRYGGA_MAX_CHAT_IN_FLIGHT: '1' } });
    running.push(srv);
    await srv.ready;
    expect((await postJson(`${srv.url}/api/chat`, { message: QUESTION })).status).toBe(200);
    // 30 at once with a limit of 1: each would be 503 but for the kept answer
    const again = await Promise.all(Array.from({ length: 30 }, () => postJson(`${srv.url}/api/chat`, { message: QUESTION })));
    expect(again.map((r) => r.status)).toEqual(again.map(() => 200));
    expect(again.every((r) => r.json.answered === true)).toBe(true);
    // new questions at once still meet the limit: some are answered 503
    const fresh = await Promise.all(Array.from({ length: 30 }, (_, i) => postJson(`${srv.url}/api/chat`, { message: `Vilka projekt finns i region ${i}?` })));
    expect(fresh.some((r) => r.status === 503)).toBe(true);
    expect(fresh.some((r) => r.status === 200)).toBe(true);
  });

  it('works on at most BRYGGA_MAX_CHAT_IN_FLIGHT questions at once: one more gets 503 at once, not a place in line', async () => {
    expect(loadConfig({}).maxChatInFlight).toBe(16);
    expect(loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:9', BRYGGA_CHAT_MODEL: 'm' }).maxChatInFlight).toBe(256);
    expect(() => loadConfig({ BRYGGA_MAX_CHAT_IN_FLIGHT: '-1' })).toThrow(/BRYGGA_MAX_CHAT_IN_FLIGHT/);
    // a model that never answers keeps the first question in flight until the LLM deadline
    const model = await startOpenAiServer();
    model.chat.setDefault({ kind: 'hang' });
    try {
      const srv = await startBrygga({
        rateLimits: false,
        env: { BRYGGA_MAX_CHAT_IN_FLIGHT: '1', OPENAI_BASE_URL: model.url, OPENAI_API_KEY: 'k', BRYGGA_CHAT_MODEL: 'm', BRYGGA_LLM_TIMEOUT_MS: '1500' },
      });
      running.push(srv);
      await srv.ready;
      const first = postJson(`${srv.url}/api/chat`, { message: QUESTION });
      await until('the first question reaches the model', () => model.chatRequests().length > 0);
      // while the first is still in flight (a queued one would get 200 after it)
      const second = await postJson(`${srv.url}/api/chat`, { message: 'Vad är IOP?' });
      expect(second.status).toBe(503);
      expect(second.headers.get('retry-after')).toBe('1');
      expect(second.json).toMatchObject({ code: 'overloaded', error: expect.stringMatching(/många frågor/) });
      // health still answers, and once the first is done the next question is worked on
      expect((await fetch(`${srv.url}/healthz`)).status).toBe(200);
      expect((await first).status).toBe(200);
      expect((await postJson(`${srv.url}/api/chat`, { message: 'Vad är IOP?' })).status).toBe(200);
    } finally {
      await model.close();
    }
  });
});
