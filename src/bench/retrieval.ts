/**
 * Retrieval benchmark: ingest time of the corpus, then retrieval latency (p50/p95) and memory at
 * corpus size and on a synthetic corpus of 100,000 chunks, side by side with MiniSearch and lunr.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MAX_QUESTION_CHARS, type Chunk } from '../domain/types.js';
import { ingest, loadIndex } from '../ingest/ingest.js';
import { analyze, Lexicon, tokenize } from '../retrieval/analyzer.js';
import { Bm25Index } from '../retrieval/bm25.js';
import { DenseIndex, HashingEmbedder } from '../retrieval/dense.js';
import { Retriever } from '../retrieval/search.js';
import { lunrPeer, miniSearchPeer } from '../../evals/peers.js';
import { loadQaCases } from '../../evals/qa.js';
import { formatTable } from '../../evals/table.js';

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

async function time(queries: string[], fn: (q: string) => unknown | Promise<unknown>, rounds = 3): Promise<{ p50: number; p95: number }> {
  for (const q of queries.slice(0, 5)) await fn(q); // warm-up
  const ts: number[] = [];
  for (let r = 0; r < rounds; r++)
    for (const q of queries) {
      const t = performance.now();
      await fn(q);
      ts.push(performance.now() - t);
    }
  return { p50: percentile(ts, 50), p95: percentile(ts, 95) };
}

/** A synthetic corpus: real sentences recombined, with made-up place and project names so the vocabulary grows. */
function synthesize(base: Chunk[], n: number): Chunk[] {
  const sentences = base.flatMap((c) => c.text.split(/(?<=[.!?])\s+/)).filter((s) => s.length > 20);
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const syll = ['berg', 'dal', 'holm', 'vik', 'sta', 'by', 'köping', 'lunda', 'näs', 'ås', 'torp', 'hult'];
  const out: Chunk[] = [];
  for (let i = 0; i < n; i++) {
    const k = 3 + Math.floor(rnd() * 4);
    const parts: string[] = [];
    for (let j = 0; j < k; j++) parts.push(sentences[Math.floor(rnd() * sentences.length)]);
    const name = syll[Math.floor(rnd() * syll.length)] + syll[Math.floor(rnd() * syll.length)] + (i % 997);
    const text = `${parts.join(' ')} Projektet i ${name} redovisade ${Math.floor(rnd() * 1000)} deltagare.`;
    out.push({ id: `syn#${i}`, docId: `syn-${Math.floor(i / 100)}`, title: `Syntetisk rapport ${Math.floor(i / 100)}`, section: name, lines: [1, 1], page: null, access: 'public', text, context: `Syntetisk | ${name}`, spans: [[0, 1, 1]] });
  }
  return out;
}

export async function bench(out: NodeJS.WritableStream): Promise<void> {
  const knowledgeDir = path.resolve(process.env.BRYGGA_KNOWLEDGE_DIR ?? 'knowledge');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'brygga-bench-'));
  try {
    const questions = loadQaCases(path.resolve('evals/qa-dev.jsonl')).map((c) => c.question);
    const t0 = performance.now();
    const summary = await ingest({ knowledgeDir, dataDir });
    const coldMs = performance.now() - t0;
    const t1 = performance.now();
    await ingest({ knowledgeDir, dataDir });
    const warmMs = performance.now() - t1;
    out.write(
      `Ingest of the knowledge base (${summary.documents} documents, ${summary.chunks} chunks)\n` +
        formatTable(['run', 'ms'], [['first (cold cache)', coldMs.toFixed(0)], ['again, unchanged files', warmMs.toFixed(0)]]) +
        '\n\n',
    );
    const index = (await loadIndex(dataDir))!;
    const emb = HashingEmbedder.fromJSON(index.data.embedder.state!);
    const ours = new Retriever(index.data.chunks, index.bm25, index.dense, emb, index.lexicon);
    const rows: Array<Array<string>> = [];
    const add = async (name: string, size: number, fn: (q: string) => unknown) => {
      const t = await time(questions, fn);
      rows.push([name, String(size), t.p50.toFixed(2), t.p95.toFixed(2)]);
    };
    await add('Brygga hybrid (BM25 + HNSW + rerank)', index.data.chunks.length, (q) => ours.search(q, { audience: 'public', k: 10 }));
    // worst-case questions (issue 13): the longest allowed question, as glued words and as words
    const words = ['arbetsmarknad', 'förvaltning', 'socialt', 'företag', 'upphandling', 'samverkan', 'kommunens', 'projektet'];
    const longest = (sep: string) => {
      let q = '';
      for (let i = 0; q.length < MAX_QUESTION_CHARS; i++) q += words[i % words.length] + sep;
      return q.slice(0, MAX_QUESTION_CHARS);
    };
    const worst: Array<Array<string>> = [];
    for (const [name, q] of [['2,000 characters of glued words', longest('')], ['2,000 characters of words', longest(' ')]] as const) {
      const a = await time([q], () => analyze(q, { lexicon: index.lexicon }), 5);
      const r = await time([q], () => ours.search(q, { audience: 'public', k: 10 }), 5);
      worst.push([name, a.p95.toFixed(2), r.p95.toFixed(2)]);
    }
    out.write(`Longest questions (5 rounds)\n${formatTable(['question', 'analyze p95 ms', 'search p95 ms'], worst)}\n\n`);
    await add('MiniSearch (sv stem)', index.data.chunks.length, miniSearchPeer(index.data.chunks));
    await add('lunr + lunr-languages sv', index.data.chunks.length, lunrPeer(index.data.chunks));

    // 100,000 synthetic chunks
    const N = Number(process.env.BRYGGA_BENCH_CHUNKS ?? 100_000);
    const heapBefore = process.memoryUsage().heapUsed;
    const rssBefore = process.memoryUsage().rss;
    const tb = performance.now();
    const big = synthesize(index.data.chunks, N);
    const lexicon = new Lexicon();
    for (const c of index.data.chunks) for (const t of tokenize(c.text)) if (t.length >= 4) lexicon.add(t);
    const bm25 = Bm25Index.build(big.map((c) => analyze(`${c.text}\n${c.context}`, { lexicon })));
    const bigEmb = HashingEmbedder.fit(big.map((c) => c.text));
    const vectors = big.map((c) => bigEmb.embed(c.text));
    const dense = DenseIndex.build(vectors, bigEmb.dim);
    vectors.length = 0;
    const buildMs = performance.now() - tb;
    const bigRetriever = new Retriever(big, bm25, dense, bigEmb, lexicon);
    const heapAfter = process.memoryUsage().heapUsed;
    const rssAfter = process.memoryUsage().rss;
    await add('Brygga hybrid (BM25 + HNSW + rerank)', N, (q) => bigRetriever.search(q, { audience: 'public', k: 10 }));
    await add('MiniSearch (sv stem)', N, miniSearchPeer(big));
    out.write(
      `Retrieval latency (${questions.length} dev questions × 3 rounds, top 10)\n` +
        formatTable(['retriever', 'chunks', 'p50 ms', 'p95 ms'], rows) +
        '\n\n' +
        `Synthetic corpus of ${N} chunks: built in ${(buildMs / 1000).toFixed(1)} s; heap +${mb(heapAfter - heapBefore)} MB, RSS +${mb(rssAfter - rssBefore)} MB (RSS now ${mb(rssAfter)} MB)\n\n`,
    );
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
