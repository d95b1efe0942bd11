/**
 * One system's run on the synthetic corpus, in a process of its own so its peak memory is its own
 * (`process.resourceUsage().maxRSS`): build the index of N synthetic chunks, then time the dev
 * questions. Started by src/bench/retrieval.ts as
 * `node --import tsx src/bench/corpus.ts '{"system":…,"chunks":N,"base":FILE,"questions":FILE}'`;
 * prints one JSON line (`CorpusResult`).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DocumentMetaSchema, type Chunk } from '../domain/types.js';
import { loadIndex, writeIndex, type DocInfo } from '../ingest/ingest.js';
import { Retriever } from '../retrieval/search.js';
import { offlineEmbedder } from '../assistant.js';
import { fts5Peer, lunrPeer, miniSearchFuzzyPeer, miniSearchPeer } from '../../evals/peers.js';

export const SYSTEMS = ['brygga', 'brygga+vectors', 'fts5', 'minisearch', 'lunr'] as const;
export type System = (typeof SYSTEMS)[number];

export interface CorpusResult {
  system: System;
  chunks: number;
  /** ms to build (Brygga: the index written to its dir, as an ingest does), wall clock and CPU of this process */
  buildMs: number;
  buildCpuMs: number;
  /** MB: the process' resident memory before the build (with the synthetic chunks) and its peak */
  rssBeforeMb: number;
  peakRssMb: number;
  /** query latency over the questions × 3 rounds, ms */
  queries: Array<{ name: string; p50: number; p95: number; cpu50: number; cpu95: number }>;
  /** Brygga: ms of each build step; adding one document of 100 chunks to the index, ms */
  steps?: Record<string, number>;
  addOneMs?: number;
  addOneCpuMs?: number;
  addOneSteps?: Record<string, number>;
}

const CHUNKS_PER_DOC = 100;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/**
 * p50 and p95 of `fn` over the queries, `rounds` times (after a warm-up of five), by wall clock and by
 * this process' CPU time (steadier when the machine is shared); a retriever that needs more than 20 s
 * for a round is measured on that round alone (MiniSearch's fuzzy search).
 */
export async function time(queries: string[], fn: (q: string) => unknown, rounds = 3): Promise<{ p50: number; p95: number; cpu50: number; cpu95: number }> {
  for (const q of queries.slice(0, 5)) await fn(q); // warm-up
  const ts: number[] = [];
  const cs: number[] = [];
  const t0 = performance.now();
  for (let r = 0; r < rounds && performance.now() - t0 < 20_000; r++)
    for (const q of queries) {
      const c = process.cpuUsage();
      const t = performance.now();
      await fn(q);
      ts.push(performance.now() - t);
      const u = process.cpuUsage(c);
      cs.push((u.user + u.system) / 1000);
    }
  return { p50: percentile(ts, 50), p95: percentile(ts, 95), cpu50: percentile(cs, 50), cpu95: percentile(cs, 95) };
}

/** A synthetic corpus: real sentences recombined, with made-up place and project names so the vocabulary grows. */
export function synthesize(base: Chunk[], n: number, from = 0): Chunk[] {
  const sentences = base.flatMap((c) => c.text.split(/(?<=[.!?])\s+/)).filter((s) => s.length > 20);
  let seed = 42 + from;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const syll = ['berg', 'dal', 'holm', 'vik', 'sta', 'by', 'köping', 'lunda', 'näs', 'ås', 'torp', 'hult'];
  const out: Chunk[] = [];
  for (let i = from; i < from + n; i++) {
    const k = 3 + Math.floor(rnd() * 4);
    const parts: string[] = [];
    for (let j = 0; j < k; j++) parts.push(sentences[Math.floor(rnd() * sentences.length)]);
    const name = syll[Math.floor(rnd() * syll.length)] + syll[Math.floor(rnd() * syll.length)] + (i % 997);
    const text = `${parts.join(' ')} Projektet i ${name} redovisade ${Math.floor(rnd() * 1000)} deltagare.`;
    const d = Math.floor(i / CHUNKS_PER_DOC);
    out.push({ id: `syn-${d}#${i % CHUNKS_PER_DOC}`, docId: `syn-${d}`, title: `Syntetisk rapport ${d}`, section: name, lines: [1, 1], page: null, access: 'public', text, context: `Syntetisk | ${name}`, spans: [[0, 1, 1]] });
  }
  return out;
}

/** The synthetic chunks as documents of 100 chunks each, as an ingest would hand them to writeIndex. */
export function asDocuments(chunks: Chunk[]): { docs: DocInfo[]; perDoc: Chunk[][] } {
  const perDoc: Chunk[][] = [];
  for (let i = 0; i < chunks.length; i += CHUNKS_PER_DOC) perDoc.push(chunks.slice(i, i + CHUNKS_PER_DOC));
  const docs = perDoc.map((cs) => {
    const meta = DocumentMetaSchema.parse({ file: `${cs[0].docId}.txt`, title: cs[0].title, access: 'public', kind: 'report' });
    return { ...meta, docId: cs[0].docId, path: `syntetisk/${cs[0].docId}.txt`, sha: cs[0].docId, chunks: cs.length };
  });
  return { docs, perDoc };
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

export async function runSystem(system: System, base: Chunk[], n: number, questions: string[]): Promise<CorpusResult> {
  const big = synthesize(base, n);
  (globalThis as { gc?: () => void }).gc?.();
  const rssBeforeMb = mb(process.memoryUsage().rss);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const u = process.cpuUsage(since);
    return (u.user + u.system) / 1000;
  };
  const queries: CorpusResult['queries'] = [];
  const result = (buildMs: number, buildCpuMs: number, extra: Partial<CorpusResult> = {}): CorpusResult => ({
    system,
    chunks: n,
    buildMs,
    buildCpuMs,
    rssBeforeMb,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    queries,
    ...extra,
  });
  if (system === 'brygga' || system === 'brygga+vectors') {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'brygga-bench-corpus-'));
    try {
      const { docs, perDoc } = asDocuments(big);
      big.length = 0;
      const offlineDense = system === 'brygga+vectors';
      const built = await writeIndex(dataDir, { docs, perDoc, warnings: [], previous: null, offlineDense });
      const buildMs = performance.now() - t0;
      const buildCpuMs = cpuMs(cpu0);
      const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
      // adding one document of 100 chunks to that index (read from its dir, as the next ingest does)
      const extra = synthesize(base, CHUNKS_PER_DOC, n);
      const more = asDocuments(extra);
      const t1 = performance.now();
      const cpu1 = process.cpuUsage();
      const added = await writeIndex(dataDir, { docs: [...docs, ...more.docs], perDoc: [...perDoc, ...more.perDoc], warnings: [], offlineDense });
      const addOneMs = performance.now() - t1;
      const addOneCpuMs = cpuMs(cpu1);
      perDoc.length = 0;
      const index = (await loadIndex(dataDir))!;
      const retriever = new Retriever(index.data.chunks, index.bm25, index.dense, offlineEmbedder(index), index.lexicon);
      queries.push({ name: system === 'brygga' ? 'Brygga (BM25 + rerank)' : 'Brygga (BM25 + offline vectors + rerank)', ...(await time(questions, (q) => retriever.search(q, { audience: 'public', k: 10 }))) });
      return { ...result(buildMs, buildCpuMs, { steps: built.timings, addOneMs, addOneCpuMs, addOneSteps: added.timings }), peakRssMb };
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  if (system === 'fts5') {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'brygga-bench-fts5-'));
    try {
      const search = fts5Peer(big, 10, path.join(dir, 'fts.sqlite'));
      const buildMs = performance.now() - t0;
      const buildCpuMs = cpuMs(cpu0);
      const peak = Math.round(process.resourceUsage().maxRSS / 1024);
      queries.push({ name: 'SQLite FTS5 (bm25, sv stems)', ...(await time(questions, search)) });
      return { ...result(buildMs, buildCpuMs), peakRssMb: peak };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  if (system === 'minisearch') {
    const exact = miniSearchPeer(big);
    const buildMs = performance.now() - t0;
    const buildCpuMs = cpuMs(cpu0);
    const peak = Math.round(process.resourceUsage().maxRSS / 1024);
    queries.push({ name: 'MiniSearch (sv stem, exact)', ...(await time(questions, exact)) });
    // the fuzzy + prefix configuration builds the same index again; only its queries are reported
    const fuzzy = miniSearchFuzzyPeer(big);
    queries.push({ name: 'MiniSearch (sv stem, fuzzy + prefix)', ...(await time(questions, fuzzy)) });
    return { ...result(buildMs, buildCpuMs), peakRssMb: peak };
  }
  const search = lunrPeer(big);
  const buildMs = performance.now() - t0;
  const buildCpuMs = cpuMs(cpu0);
  const peak = Math.round(process.resourceUsage().maxRSS / 1024);
  queries.push({ name: 'lunr + lunr-languages sv', ...(await time(questions, search)) });
  return { ...result(buildMs, buildCpuMs), peakRssMb: peak };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = JSON.parse(process.argv[2] ?? '{}') as { system: System; chunks: number; base: string; questions: string };
  const base = JSON.parse(readFileSync(args.base, 'utf8')) as Chunk[];
  const questions = JSON.parse(readFileSync(args.questions, 'utf8')) as string[];
  const r = await runSystem(args.system, base, args.chunks, questions);
  process.stdout.write(JSON.stringify(r) + '\n');
}
