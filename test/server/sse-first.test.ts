/**
 * The first SSE event leaves before the answer is ready (issue 17): with a model that takes its time
 * (here: one that never answers, so the answer falls back to the offline one after the deadline), the
 * resident's client has the session event at once, not after the model's first token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiServer, type FakeOpenAiServer } from '../support/openai-server.js';
import { parseSse, startBrygga, type Running } from './fixture.js';

let model: FakeOpenAiServer;
let srv: Running;
beforeAll(async () => {
  model = await startOpenAiServer();
  model.chat.setDefault({ kind: 'hang' });
  srv = await startBrygga({
    rateLimits: false,
    env: { OPENAI_BASE_URL: model.url, OPENAI_API_KEY: 'test-key', BRYGGA_CHAT_MODEL: 'test-chat', BRYGGA_LLM_TIMEOUT_MS: '1500' },
  });
  await srv.ready;
});
afterAll(async () => {
  await srv?.stop();
  await model?.close();
});

describe('POST /api/chat (SSE) with a slow model', () => {
  it('sends the session event while the model is still thinking, then the answer', async () => {
    const r = await fetch(`${srv.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ message: 'Vem är projektägare för Projekt Rekrytera?' }),
    });
    expect(r.status).toBe(200);
    const reader = r.body!.getReader();
    const decoder = new TextDecoder();
    const first = decoder.decode((await reader.read()).value, { stream: true });
    expect(parseSse(first).map((e) => e.event)).toEqual(['session']);
    let rest = '';
    for (let x = await reader.read(); !x.done; x = await reader.read()) rest += decoder.decode(x.value, { stream: true });
    const events = parseSse(rest);
    expect(events.at(-1)!.event).toBe('done');
    expect(events.at(-1)!.data.answered).toBe(true);
    // the model was asked and never answered: the session event could not have waited for it
    expect(model.chatRequests().length).toBeGreaterThan(0);
  });
});
