import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, type CoreAssistant } from '../../src/assistant.js';
import { loadConfig } from '../../src/config.js';
import { HashingEmbedder } from '../../src/retrieval/dense.js';
import { BryggaEmbeddings, BryggaRetriever } from '../../src/retrieval/langchain.js';

let dataDir: string;
let assistant: CoreAssistant;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'brygga-lc-'));
  assistant = await createAssistant(loadConfig({ BRYGGA_DATA_DIR: dataDir, BRYGGA_KNOWLEDGE_DIR: path.resolve('knowledge') }));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('LangChain wrappers', () => {
  it('the retriever returns Documents with their source, respecting the audience', async () => {
    const internal = new BryggaRetriever({ retriever: assistant.retriever, audience: 'internal', k: 5 });
    const docs = await internal.invoke('Vem äger riktlinjen för samverkan med sociala företag i Exempelkommun?');
    expect(docs).toHaveLength(5);
    expect(docs[0].metadata.docId).toBe('riktlinje-sociala-foretag-exempelkommun');
    const pub = new BryggaRetriever({ retriever: assistant.retriever, audience: 'public', k: 5 });
    const pubDocs = await pub.invoke('Vem äger riktlinjen för samverkan med sociala företag i Exempelkommun?');
    expect(pubDocs.every((d) => d.metadata.access === 'public')).toBe(true);
  });

  it('the embeddings embed queries and documents into the same normalized space', async () => {
    const emb = new BryggaEmbeddings(HashingEmbedder.fit(['sociala företag i kommunen', 'upphandling av städtjänster', 'innovation i offentlig sektor']));
    const [a, b] = await emb.embedDocuments(['sociala företag', 'städtjänster']);
    const q = await emb.embedQuery('sociala företag');
    const dot = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i], 0);
    expect(dot(q, q)).toBeCloseTo(1, 5);
    expect(dot(q, a)).toBeGreaterThan(dot(q, b));
  });
});
