/**
 * Slack in LLM mode with the model endpoint down: the real assistant is created as `brygga serve`
 * creates it (with a live pino logger), behind real Bolt; the user gets the offline answer with
 * the notice, never "Något gick fel".
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/assistant.js';
import type { Assistant } from '../../src/assistant-types.js';
import { type Config, loadConfig } from '../../src/config.js';
import { NOTICES } from '../../src/llm/index.js';
import { createLogger } from '../../src/logger.js';
import { startOpenAiServer } from '../support/openai-server.js';
import { blockText, buttons, type Harness, sendEvent, startHarness } from './harness.js';

const QUESTION = 'Vilka kommuner deltog i Utvecklingsnätverket?';
let h: Harness;
let offline: Assistant;
const logs: string[] = [];

beforeAll(async () => {
  const gone = await startOpenAiServer();
  const downUrl = gone.url;
  await gone.close(); // nothing listens there any more
  h = await startHarness(async (config: Config) => {
    offline = await createAssistant(config);
    const llmConfig = loadConfig({
      BRYGGA_DATA_DIR: config.dataDir,
      BRYGGA_KNOWLEDGE_DIR: config.knowledgeDir,
      OPENAI_BASE_URL: downUrl,
      OPENAI_API_KEY: 'test-key',
      BRYGGA_CHAT_MODEL: 'test-chat',
      BRYGGA_LLM_TIMEOUT_MS: '1500',
    });
    const sink = new Writable({
      write(chunk, _e, cb) {
        logs.push(String(chunk));
        cb();
      },
    });
    return createAssistant(llmConfig, { logger: createLogger({ logLevel: 'info' }, sink) });
  });
});

afterAll(async () => {
  await h?.close();
});

describe('Slack with the language model down', () => {
  it('answers a mention with the offline answer and the notice', async () => {
    const expected = await offline.ask({ question: QUESTION, audience: 'internal' });
    expect(expected.answered).toBe(true);
    await sendEvent(h, { type: 'app_mention', user: 'U0USER', text: `<@UBOT> ${QUESTION}`, ts: '1700000101.000100', channel: 'C0CHAN', event_ts: '1700000101.000100' });
    await h.fake.waitFor(() => h.fake.ok('chat.update').some((c) => buttons(c.args.blocks).length > 0));
    const update = h.fake.ok('chat.update').find((c) => buttons(c.args.blocks).length > 0)!;
    const text = blockText(update.args.blocks);
    expect(text).not.toMatch(/Något gick fel/);
    expect(text).toContain(NOTICES.unavailable.sv);
    for (const c of expected.citations) expect(text).toContain(c.quote.slice(0, 40));
    expect(logs.join('')).toMatch(/språkmodellen misslyckades/);
  });
});
