/**
 * The index dir's files (issue 17): what writeIndex writes, loadIndex reads back; the offline vectors
 * only when asked for, and then they rescore the BM25 candidates; the peers of the eval and bench.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { offlineEmbedder } from '../../src/assistant.js';
import { asDocuments, synthesize } from '../../src/bench/corpus.js';
import type { Chunk } from '../../src/domain/types.js';
import { loadIndex, writeIndex } from '../../src/ingest/ingest.js';
import { lexiconOf } from '../../src/ingest/build.js';
import { stem } from '../../src/retrieval/analyzer.js';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Retriever } from '../../src/retrieval/search.js';
import { fts5Peer, lunrPeer, miniSearchPeer } from '../../evals/peers.js';
import { rmrf, tempDir } from './helpers.js';

const dirs: string[] = [];
afterAll(() => rmrf(...dirs));

const seed: Chunk[] = [
  'Kommunen upphandlade städtjänster av ett arbetsintegrerande socialt företag i Nordöstra staden.',
  'Projektet samlade sexton deltagare som fick praktik inom trädgårdsskötsel och catering.',
  'Föreningarna i stadsdelen odlar grönsaker tillsammans och säljer dem på torget varje lördag.',
].map((text, i) => ({ id: `s#${i}`, docId: 's', title: 'Seed', section: '', lines: [1, 1], page: null, access: 'public', text, context: '', spans: [[0, 1, 1]] }));

describe('writeIndex and loadIndex', () => {
  const chunks = synthesize(seed, 300);
  const { docs, perDoc } = asDocuments(chunks);

  it('reads back the passages and a BM25 that finds them; no dense stage by default', async () => {
    const dataDir = tempDir('brygga-files-');
    dirs.push(dataDir);
    const written = await writeIndex(dataDir, { docs, perDoc, warnings: [] });
    expect(written.chunks).toBe(300);
    const index = (await loadIndex(dataDir))!;
    expect(index.data.chunks).toEqual(chunks);
    expect(index.dense).toBeNull();
    expect(index.data.docs.map((d) => d.chunks)).toEqual([100, 100, 100]);
    const retriever = new Retriever(index.data.chunks, index.bm25, index.dense, offlineEmbedder(index), index.lexicon);
    const hits = await retriever.search('grönsaker på torget', { audience: 'public', k: 5 });
    expect(hits[0].chunk.text).toContain('grönsaker');
    expect(hits.every((h) => h.parts.dense === 0)).toBe(true);
  });

  it("stores the lexicon's stems, so that loading the index stems nothing, and they are the analyzer's", async () => {
    const dataDir = tempDir('brygga-files-');
    dirs.push(dataDir);
    await writeIndex(dataDir, { docs, perDoc, warnings: [] });
    const index = (await loadIndex(dataDir))!;
    const fresh = lexiconOf(index.tokens).lexicon;
    expect(new Map(index.lexicon.entries())).toEqual(new Map(fresh.entries()));
    for (const [w] of fresh.entries()) expect(index.lexicon.count(stem(w)), w).toBe(fresh.count(stem(w)));
    // the loaded lexicon's stems are read from words.txt: a stem changed there is the one it knows
    const words = path.join(dataDir, readFileSync(path.join(dataDir, 'CURRENT'), 'utf8').trim(), 'words.txt');
    const lines = readFileSync(words, 'utf8').split('\n');
    const v = index.tokens.vocab.indexOf('grönsaker');
    const at = lines.length - 1 - index.tokens.vocab.length + v;
    expect(lines[at]).toBe(stem('grönsaker'));
    lines[at] = 'grönsakx';
    writeFileSync(words, lines.join('\n'));
    const reread = (await loadIndex(dataDir))!;
    expect(reread.lexicon.has('grönsakx')).toBe(true);
  });

  it('with offline vectors: stored per chunk, and they rescore the BM25 candidates', async () => {
    const dataDir = tempDir('brygga-files-');
    dirs.push(dataDir);
    await writeIndex(dataDir, { docs, perDoc, warnings: [], offlineDense: true });
    const index = (await loadIndex(dataDir))!;
    expect(index.dense?.stored).toBe(300);
    expect(index.offline?.docCount).toBe(300);
    const retriever = new Retriever(index.data.chunks, index.bm25, index.dense, offlineEmbedder(index), index.lexicon);
    const hits = await retriever.search('grönsaker på torget', { audience: 'public', k: 5 });
    expect(hits[0].chunk.text).toContain('grönsaker');
    expect(hits[0].parts.dense).toBeGreaterThan(0);
    const closest = [...hits].sort((a, b) => b.parts.dense - a.parts.dense)[0];
    expect(closest.chunk.text).toContain('grönsaker');
  });
});

describe('peers', () => {
  const chunks = synthesize(seed, 50);
  for (const [name, make] of [
    ['SQLite FTS5', fts5Peer],
    ['MiniSearch', miniSearchPeer],
    ['lunr', lunrPeer],
  ] as const) {
    it(`${name} finds a passage by an inflected word`, () => {
      const top = make(chunks)('grönsak på torget');
      expect(top.length).toBeGreaterThan(0);
      expect(chunks[top[0]].text).toContain('grönsaker');
    });
  }
});
