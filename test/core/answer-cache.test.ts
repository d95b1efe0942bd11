/**
 * Prepared answers kept per assistant (issue 17): the same question gives the same answer, but never
 * another audience's, never across a conversation's history, and never a shared object.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { createAssistant, type CoreAssistant } from '../../src/assistant.js';
import type { AskResult } from '../../src/domain/types.js';
import { createLogger } from '../../src/logger.js';
import { answerModel, setAnswerModel } from '../../src/answer/model.js';
import { freshDataDir, INTERNAL_DOC, testConfig } from '../server/fixture.js';

let assistant: CoreAssistant;
let dataDir: string;
beforeAll(async () => {
  dataDir = await freshDataDir();
  assistant = await createAssistant(testConfig(dataDir), { logger: createLogger({ logLevel: 'silent' }) });
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const withoutTimings = ({ timings: _t, ...rest }: AskResult) => rest;

describe('prepared answers', () => {
  it('are not reused once the answer model is replaced', async () => {
    const q = { question: 'vad är IOP', audience: 'public' as const };
    const model = answerModel();
    const original = await assistant.ask(q);
    try {
      // a model that never answers directly: the closest passages
      setAnswerModel({ ...model, answerThreshold: 2 });
      const cautious = await assistant.ask(q);
      expect(cautious.answered).toBe(false);
      expect(cautious.citations.length).toBeGreaterThan(0);
      // with no threshold the same question gets the model's direct answer, not the cached passages
      setAnswerModel({ ...model, answerThreshold: 0 });
      const bold = await assistant.ask(q);
      expect(bold.answered).toBe(true);
    } finally {
      setAnswerModel(model);
    }
    expect(withoutTimings(await assistant.ask(q))).toEqual(withoutTimings(original));
  });

  it('answers a question asked again the same way, with objects of its own', async () => {
    const q = { question: 'Vem är projektägare för Projekt Rekrytera?', audience: 'public' as const };
    const first = await assistant.ask(q);
    const expected = structuredClone(first);
    first.citations[0]!.quote = 'ändrad';
    first.retrieved.length = 0;
    const second = await assistant.ask(q);
    expect(withoutTimings(second)).toEqual(withoutTimings(expected));
    expect(second.answered).toBe(true);
  });

  it('never gives one audience the answer kept for another', async () => {
    const question = 'Vilken budget har Zorblaxprojektet?';
    const internalDoc = assistant.documents('internal').find((d) => d.title === INTERNAL_DOC.title)!;
    const pub = await assistant.ask({ question, audience: 'public' });
    expect(pub.retrieved.some((r) => r.docId === internalDoc.docId)).toBe(false);
    const internal = await assistant.ask({ question, audience: 'internal' });
    expect(internal.retrieved.some((r) => r.docId === internalDoc.docId)).toBe(true);
    expect(internal.answer).toContain('4 200 000');
    // and the other way round, now that the internal answer is kept
    expect(JSON.stringify(await assistant.ask({ question, audience: 'public' }))).not.toContain('4 200 000');
  });

  it('a follow-up in a conversation is read with its history, not taken from the answers kept', async () => {
    const followUp = 'Vem ägde det?';
    const alone = await assistant.ask({ question: followUp, audience: 'public' });
    expect(alone.query).toBeUndefined();
    await assistant.ask({ question: 'Vem är projektägare för Projekt Rekrytera?', audience: 'public', sessionId: 'cache-test' });
    const inSession = await assistant.ask({ question: followUp, audience: 'public', sessionId: 'cache-test' });
    expect(inSession.query).toMatch(/Rekrytera/);
  });
});
