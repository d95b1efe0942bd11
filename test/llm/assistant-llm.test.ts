/**
 * End to end: the real assistant (real index, retrieval and extractive answers) in LLM mode, with
 * OPENAI_BASE_URL pointed at the local OpenAI-compatible server, through the real SDK.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/assistant.js';
import { loadConfig } from '../../src/config.js';
import type { AskEvent, AskResult } from '../../src/domain/types.js';
import { citationPrecision } from '../../src/llm/citations.js';
import { NOTICES } from '../../src/llm/index.js';
import { freshDataDir, sharedIndex } from '../server/fixture.js';
import { composeFromPassages, startOpenAiServer, type FakeOpenAiServer } from '../support/openai-server.js';

let server: FakeOpenAiServer;
let knowledgeDir: string;
const dataDirs: string[] = [];

beforeAll(async () => {
  server = await startOpenAiServer();
  ({ knowledgeDir } = await sharedIndex());
});
afterAll(async () => {
  await server.close();
  for (const d of dataDirs) fs.rmSync(d, { recursive: true, force: true });
});

async function assistant(baseURL: string) {
  const dataDir = await freshDataDir();
  dataDirs.push(dataDir);
  return createAssistant(
    loadConfig({
      BRYGGA_DATA_DIR: dataDir,
      BRYGGA_KNOWLEDGE_DIR: knowledgeDir,
      OPENAI_BASE_URL: baseURL,
      OPENAI_API_KEY: 'test',
      BRYGGA_CHAT_MODEL: 'test-chat',
      BRYGGA_LLM_TIMEOUT_MS: '2000',
    }),
  );
}

function expectValidCitations(r: AskResult) {
  expect(r.citations.length).toBeGreaterThan(0);
  for (const c of r.citations) {
    expect(r.answer).toContain(`[${c.n}]`);
    const chunk = r.retrieved.find((x) => x.docId === c.docId && x.text.replace(/\s+/g, ' ').includes(c.quote));
    expect(chunk, `quote of [${c.n}] is in a retrieved passage`).toBeDefined();
  }
  for (const m of r.answer.matchAll(/\[(\d+)\]/g)) expect(r.citations.map((c) => c.n)).toContain(Number(m[1]));
}

describe('assistant in LLM mode', () => {
  it('answers with the model, with valid citations, and rewrites a follow-up with it', async () => {
    server.chat.setDefault({ kind: 'reply', text: (req) => composeFromPassages(req, 2) });
    const a = await assistant(server.url);
    const r = await a.ask({ question: 'Vad är ett reserverat kontrakt?', sessionId: 's1' });
    expect(r.mode).toBe('llm');
    expect(r.answered).toBe(true);
    expect(r.notice).toBeUndefined();
    expectValidCitations(r);
    expect(citationPrecision(r)).toBe(1);
    expect(r.usage?.completionTokens).toBeGreaterThan(0);

    // the follow-up is rewritten by the model, then answered from what that query retrieves
    server.chat.queue({ kind: 'reply', text: 'Vilka företag får lämna anbud på ett reserverat kontrakt?' });
    const f = await a.ask({ question: 'och vilka får lämna anbud då?', sessionId: 's1' });
    expect(f.query).toBe('Vilka företag får lämna anbud på ett reserverat kontrakt?');
    const rewriteRequest = server.chatRequests().at(-2)!;
    expect(rewriteRequest.messages.at(-1)!.content).toContain('Vad är ett reserverat kontrakt?');
    expect(f.mode).toBe('llm');
    expectValidCitations(f);
  });

  it('streams the verified answer', async () => {
    server.chat.setDefault({ kind: 'reply', text: (req) => composeFromPassages(req, 2), chunkChars: 5 });
    const a = await assistant(server.url);
    const events: AskEvent[] = [];
    // (a question whose first passages are prose: the fake model quotes each passage's first sentence,
    // and a slide of links has none a citation check can verify)
    for await (const e of a.askStream({ question: 'Vad är en reserverad upphandling?' })) events.push(e);
    const done = events.at(-1)!;
    expect(done.type).toBe('done');
    if (done.type !== 'done') return;
    expect(done.result.mode).toBe('llm');
    expect(events.filter((e) => e.type === 'token').map((e) => (e.type === 'token' ? e.text : '')).join('')).toBe(done.result.answer);
    expectValidCitations(done.result);
  });

  it('gives the extractive answer with a notice when the endpoint is down', async () => {
    const down = await startOpenAiServer();
    const url = down.url;
    await down.close(); // nothing listens there any more
    const a = await assistant(url);
    const r = await a.ask({ question: 'Vad är ett reserverat kontrakt?' });
    expect(r.mode).toBe('extractive');
    expect(r.notice).toBe(NOTICES.unavailable.sv);
    expect(r.answer.length).toBeGreaterThan(0);
    const en = await a.ask({ question: 'What is a reserved contract?' });
    expect(en.notice).toBe(NOTICES.unavailable.en);
  });
});
