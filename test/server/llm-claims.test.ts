/**
 * Model answers are checked for what they claim, through the real server's /api/chat (SSE and
 * JSON) with the local OpenAI-compatible fake:
 * - each sentence is supported by the passage it cites: swapped citations are re-cited to the
 *   passage that says it, and the quote says what the claim says;
 * - an answer in the other language than the question's is never passed on: the offline answer
 *   comes with a notice, and nothing of the wrong-language text is streamed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { NOTICES } from '../../src/llm/index.js';
import { buildServer, type BryggaServer } from '../../src/server/app.js';
import { passagesFromPrompt, startOpenAiServer, type ChatRequestBody, type FakeOpenAiServer } from '../support/openai-server.js';
import { parseSse, postJson } from './fixture.js';

const FUNDS = [
  { name: 'Kvarnbergsfonden', season: 'varje vår', board: 'Vallby Framåt', year: '2019' },
  { name: 'Ljungbyholmsfonden', season: 'varje höst', board: 'Ljungby Växer', year: '2015' },
];

let model: FakeOpenAiServer;
let server: BryggaServer;
let url: string;
const dirs: string[] = [];

beforeAll(async () => {
  model = await startOpenAiServer();
  const knowledge = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-claims-k-'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-claims-d-'));
  dirs.push(knowledge, dataDir);
  const documents = FUNDS.map((f) => {
    const file = `${f.name.toLowerCase()}.txt`;
    fs.writeFileSync(
      path.join(knowledge, file),
      `# Stipendier\n\nStipendier från ${f.name} delas ut till unga entreprenörer i Vallby ${f.season}.\nFonden förvaltas av föreningen ${f.board} sedan ${f.year}.\n`,
    );
    return { file, title: `Om ${f.name}`, kind: 'report', language: 'sv', access: 'public' };
  });
  fs.writeFileSync(path.join(knowledge, 'manifest.json'), JSON.stringify({ documents }));
  const config = loadConfig({
    BRYGGA_DATA_DIR: dataDir,
    BRYGGA_KNOWLEDGE_DIR: knowledge,
    OPENAI_BASE_URL: model.url,
    OPENAI_API_KEY: 'test-key',
    BRYGGA_CHAT_MODEL: 'test-chat',
    BRYGGA_LLM_TIMEOUT_MS: '3000',
    LOG_LEVEL: 'silent',
  });
  server = await buildServer({ config, channels: [], rateLimits: false });
  url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  await server.ready;
});
afterAll(async () => {
  await server?.close();
  await model?.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const markerOf = (req: ChatRequestBody, name: string) => {
  const p = passagesFromPrompt(req).find((x) => x.text.includes(name));
  if (!p) throw new Error(`no passage about ${name}`);
  return p.n;
};

async function sse(message: string) {
  const r = await fetch(`${url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ message }),
  });
  expect(r.status).toBe(200);
  const events = parseSse(await r.text());
  return {
    events,
    streamed: events.filter((e) => e.event === 'token').map((e) => e.data.text as string).join(''),
    done: events.find((e) => e.event === 'done')!.data,
  };
}

/** Each claim sentence names one fund; its citation must be that fund's document, quoting it. */
function expectOwnCitations(result: { answer: string; citations: Array<{ n: number; docId: string; quote: string }> }) {
  const sentences = result.answer.split(/(?<=\.)\s+/).filter((x) => /\[\d+\]/.test(x));
  expect(sentences.length).toBe(2);
  for (const s of sentences) {
    const fund = FUNDS.find((f) => s.includes(f.name))!;
    const n = Number(/\[(\d+)\]/.exec(s)![1]);
    const c = result.citations.find((x) => x.n === n)!;
    expect(c.docId).toBe(fund.name.toLowerCase());
    expect(c.quote).toContain(fund.name);
  }
}

describe('swapped citations', () => {
  const swapped = (req: ChatRequestBody) => {
    const [a, b] = FUNDS.map((f) => markerOf(req, f.name));
    return (
      `${FUNDS[0]!.name} delar ut stipendier till unga entreprenörer i Vallby ${FUNDS[0]!.season} [${b}]. ` +
      `${FUNDS[1]!.name} delar ut stipendier till unga entreprenörer i Vallby ${FUNDS[1]!.season} [${a}].`
    );
  };

  it('are re-cited to the passage that says each claim (SSE and JSON)', async () => {
    const question = 'Vilka stipendier delas ut till unga entreprenörer i Vallby?';
    model.chat.queue({ kind: 'reply', text: swapped, chunkChars: 6 });
    const s = await sse(question);
    expect(s.done.mode).toBe('llm');
    expectOwnCitations(s.done);

    model.chat.queue({ kind: 'reply', text: swapped });
    const j = await postJson(`${url}/api/chat`, { message: question });
    expect(j.json.mode).toBe('llm');
    expectOwnCitations(j.json);
  });
});

describe('an answer in the wrong language', () => {
  const swedish = (req: ChatRequestBody) =>
    `Stipendier från ${FUNDS[0]!.name} delas ut till unga entreprenörer i Vallby ${FUNDS[0]!.season} [${markerOf(req, FUNDS[0]!.name)}]. ` +
    `Fonden förvaltas av föreningen ${FUNDS[0]!.board} sedan ${FUNDS[0]!.year} [${markerOf(req, FUNDS[0]!.name)}].`;
  const question = `Which scholarships does ${FUNDS[0]!.name} give to young entrepreneurs in Vallby?`;

  it('is replaced by the offline answer with a notice, and never streamed', async () => {
    model.chat.queue({ kind: 'reply', text: swedish, chunkChars: 5 });
    const s = await sse(question);
    expect(s.done.language).toBe('en');
    expect(s.done.mode).toBe('extractive');
    expect(s.done.notice).toBe(NOTICES.language.en);
    // nothing of the model's Swedish text was streamed before the notice (after it comes the offline answer)
    const beforeNotice = s.events.slice(0, s.events.findIndex((e) => e.event === 'notice'));
    expect(beforeNotice.filter((e) => e.event === 'token')).toEqual([]);

    model.chat.queue({ kind: 'reply', text: swedish });
    const j = await postJson(`${url}/api/chat`, { message: question });
    expect(j.json.mode).toBe('extractive');
    expect(j.json.notice).toBe(NOTICES.language.en);
  });

  it('an answer in the question language is passed on', async () => {
    model.chat.queue({
      kind: 'reply',
      text: (req) => `${FUNDS[0]!.name} gives scholarships to young entrepreneurs in Vallby every spring [${markerOf(req, FUNDS[0]!.name)}].`,
    });
    const j = await postJson(`${url}/api/chat`, { message: question });
    expect(j.json.mode).toBe('llm');
    expect(j.json.notice).toBeUndefined();
  });
});

describe('an answer that cites nothing', () => {
  // the passages share most of its words, but it says what none of them says (a robustness trial through `brygga serve`)
  const uncited = `Stipendier från ${FUNDS[0]!.name} delas ut till alla entreprenörer i Vallby varje månad. Fonden förvaltas av kommunen sedan ${FUNDS[0]!.year}.`;
  const question = `Vilka stipendier delar ${FUNDS[0]!.name} ut?`;

  it('is replaced by the offline answer with a notice, and nothing of it is streamed (SSE and JSON)', async () => {
    model.chat.queue({ kind: 'reply', text: uncited, chunkChars: 7 });
    const s = await sse(question);
    expect(s.done.mode).toBe('extractive');
    expect(s.done.notice).toBe(NOTICES.unverified.sv);
    const beforeNotice = s.events.slice(0, s.events.findIndex((e) => e.event === 'notice'));
    expect(beforeNotice.filter((e) => e.event === 'token')).toEqual([]);
    expect(s.streamed).not.toContain('varje månad');

    model.chat.queue({ kind: 'reply', text: uncited });
    const j = await postJson(`${url}/api/chat`, { message: question });
    expect(j.json.mode).toBe('extractive');
    expect(j.json.notice).toBe(NOTICES.unverified.sv);
    expect(j.json.answer).not.toContain('varje månad');
  });
});

describe('personal data in a question', () => {
  it('never reaches the model: the question goes to it redacted, as it is stored', async () => {
    model.chat.queue({ kind: 'reply', text: (req) => `Stipendier från ${FUNDS[0]!.name} delas ut till unga entreprenörer i Vallby ${FUNDS[0]!.season} [${markerOf(req, FUNDS[0]!.name)}].` });
    const before = model.chatRequests().length;
    const j = await postJson(`${url}/api/chat`, { message: `Mitt personnummer är 811218-9876 och jag nås på 070-123 45 67 eller eva@example.se. Vilka stipendier delar ${FUNDS[0]!.name} ut?` });
    expect(j.status).toBe(200);
    const sent = JSON.stringify(model.chatRequests().slice(before));
    expect(sent).toContain(FUNDS[0]!.name);
    for (const data of ['811218-9876', '070-123 45 67', 'eva@example.se']) expect(sent).not.toContain(data);
    expect(sent).toContain('[PERSONNUMMER]');
  });
});
