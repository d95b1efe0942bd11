/**
 * Retrieval benchmark (issue 17): ingest of the knowledge base (cold, unchanged, one file changed),
 * query latency at its size, then, on a synthetic corpus (20,000 chunks by default; `--chunks N` or
 * `BRYGGA_BENCH_CHUNKS`), each system in a process of its own (src/bench/corpus.ts): index build
 * time, peak memory, query p50/p95, and for Brygga the build steps and adding one document.
 * Peers: SQLite FTS5 over Snowball-sv stems, MiniSearch (exact; fuzzy + prefix as a second row), lunr.
 */
import { execFile } from 'node:child_process';
import { cpSync, readdirSync, appendFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { MAX_QUESTION_CHARS } from '../domain/types.js';
import { ingest, loadIndex, type IngestSummary } from '../ingest/ingest.js';
import { analyze } from '../retrieval/analyzer.js';
import { Retriever } from '../retrieval/search.js';
import { offlineEmbedder } from '../assistant.js';
import { PEERS } from '../../evals/peers.js';
import { loadQaCases } from '../../evals/qa.js';
import { formatTable } from '../../evals/table.js';
import { SYSTEMS, time, type CorpusResult } from './corpus.js';

const run = promisify(execFile);
const s1 = (ms: number) => (ms / 1000).toFixed(1);
const steps = (t: Record<string, number> | undefined) =>
  Object.entries(t ?? {})
    .filter(([, ms]) => ms >= 1)
    .map(([k, ms]) => `${k} ${ms >= 1000 ? `${s1(ms)} s` : `${ms.toFixed(0)} ms`}`)
    .join(', ');

export interface RetrievalBenchOptions {
  /** chunks of the synthetic corpus (default BRYGGA_BENCH_CHUNKS or 20,000) */
  chunks?: number;
}

export async function bench(out: NodeJS.WritableStream, opts: RetrievalBenchOptions = {}): Promise<void> {
  const knowledgeDir = path.resolve(process.env.BRYGGA_KNOWLEDGE_DIR ?? 'knowledge');
  const work = await mkdtemp(path.join(os.tmpdir(), 'brygga-bench-'));
  try {
    const dataDir = path.join(work, 'data');
    const questions = loadQaCases(path.resolve('evals/qa-dev.jsonl')).map((c) => c.question);

    // the knowledge base: cold, unchanged, and one file changed (a copy of the knowledge dir)
    const kb = path.join(work, 'knowledge');
    cpSync(knowledgeDir, kb, { recursive: true });
    const timed = async (): Promise<[number, IngestSummary]> => {
      const t = performance.now();
      const s = await ingest({ knowledgeDir: kb, dataDir });
      return [performance.now() - t, s];
    };
    const [coldMs, summary] = await timed();
    const [warmMs] = await timed();
    const reports = path.join(kb, 'reports');
    const one = readdirSync(reports).find((f) => f.endsWith('.txt'));
    if (one) appendFileSync(path.join(reports, one), '\n\nTillägg: ett nytt stycke om samverkan med sociala företag.\n');
    const [changedMs, changed] = await timed();
    out.write(
      `Ingest of the knowledge base (${summary.documents} documents, ${summary.chunks} chunks)\n` +
        formatTable(
          ['run', 'ms', 'index build steps'],
          [
            ['first (cold cache)', coldMs.toFixed(0), steps(summary.timings)],
            ['again, unchanged files', warmMs.toFixed(0), ''],
            ['one file changed', changedMs.toFixed(0), steps(changed.timings)],
          ],
        ) +
        '\n\n',
    );

    const index = (await loadIndex(dataDir))!;
    const chunks = index.data.chunks;
    const ours = new Retriever(chunks, index.bm25, index.dense, offlineEmbedder(index), index.lexicon);
    const rows: string[][] = [];
    const add = async (name: string, size: number, fn: (q: string) => unknown) => {
      const t = await time(questions, fn);
      rows.push([name, String(size), t.p50.toFixed(2), t.p95.toFixed(2), t.cpu50.toFixed(2), t.cpu95.toFixed(2)]);
    };
    await add('Brygga (BM25 + rerank)', chunks.length, (q) => ours.search(q, { audience: 'public', k: 10 }));
    for (const [name, make] of Object.entries(PEERS)) await add(name, chunks.length, make(chunks));

    // worst-case questions (issue 13): the longest allowed question, as glued words and as words
    const words = ['arbetsmarknad', 'förvaltning', 'socialt', 'företag', 'upphandling', 'samverkan', 'kommunens', 'projektet'];
    const longest = (sep: string) => {
      let q = '';
      for (let i = 0; q.length < MAX_QUESTION_CHARS; i++) q += words[i % words.length] + sep;
      return q.slice(0, MAX_QUESTION_CHARS);
    };
    const worst: string[][] = [];
    for (const [name, q] of [['2,000 characters of glued words', longest('')], ['2,000 characters of words', longest(' ')]] as const) {
      const a = await time([q], () => analyze(q, { lexicon: index.lexicon }), 5);
      const r = await time([q], () => ours.search(q, { audience: 'public', k: 10 }), 5);
      worst.push([name, a.p95.toFixed(2), r.p95.toFixed(2)]);
    }
    out.write(`Longest questions (5 rounds)\n${formatTable(['question', 'analyze p95 ms', 'search p95 ms'], worst)}\n\n`);

    // the synthetic corpus, one process per system
    const N = opts.chunks ?? Number(process.env.BRYGGA_BENCH_CHUNKS ?? 20_000);
    const baseFile = path.join(work, 'base.json');
    const questionsFile = path.join(work, 'questions.json');
    await writeFile(baseFile, JSON.stringify(chunks));
    await writeFile(questionsFile, JSON.stringify(questions));
    // the build in dist/ runs its compiled corpus.js directly; the sources run corpus.ts through tsx
    const compiled = !fileURLToPath(import.meta.url).endsWith('.ts');
    const child = fileURLToPath(new URL(compiled ? './corpus.js' : './corpus.ts', import.meta.url));
    const results: CorpusResult[] = [];
    for (const system of SYSTEMS) {
      const { stdout } = await run(process.execPath, ['--expose-gc', ...(compiled ? [] : ['--import', 'tsx']), child, JSON.stringify({ system, chunks: N, base: baseFile, questions: questionsFile })], {
        maxBuffer: 1 << 24,
        env: { ...process.env, NODE_OPTIONS: '' },
      });
      const r = JSON.parse(stdout.trim().split('\n').pop()!) as CorpusResult;
      results.push(r);
      for (const q of r.queries) rows.push([q.name, String(N), q.p50.toFixed(2), q.p95.toFixed(2), q.cpu50.toFixed(2), q.cpu95.toFixed(2)]);
    }
    out.write(`Retrieval latency (${questions.length} dev questions × 3 rounds, top 10)\n${formatTable(['retriever', 'chunks', 'p50 ms', 'p95 ms', 'CPU p50 ms', 'CPU p95 ms'], rows)}\n\n`);
    const names: Record<string, string> = {
      brygga: 'Brygga (BM25 postings, token streams)',
      'brygga+vectors': 'Brygga with offline vectors (not the default)',
      fts5: 'SQLite FTS5 (bm25, sv stems), on disk',
      minisearch: 'MiniSearch (sv stem)',
      lunr: 'lunr + lunr-languages sv',
    };
    const fts = results.find((r) => r.system === 'fts5');
    out.write(
      `Index build of ${N} synthetic chunks (a process per system; CPU = user + system time of that process, steadier than wall clock on a shared machine; RSS before = with the synthetic chunks in memory)\n` +
        formatTable(
          ['system', 'build s', 'CPU s', '× FTS5 (CPU)', 'RSS before MB', 'peak RSS MB', 'peak − before MB'],
          results.map((r) => [
            names[r.system],
            s1(r.buildMs),
            s1(r.buildCpuMs),
            fts ? (r.buildCpuMs / fts.buildCpuMs).toFixed(1) : '-',
            String(r.rssBeforeMb),
            String(r.peakRssMb),
            String(r.peakRssMb - r.rssBeforeMb),
          ]),
        ) +
        '\n\n' +
        results
          .filter((r) => r.steps)
          .map((r) => `${names[r.system]}: ${steps(r.steps)}\n  adding one document (100 chunks): ${s1(r.addOneMs ?? 0)} s, CPU ${s1(r.addOneCpuMs ?? 0)} s (${steps(r.addOneSteps)})`)
          .join('\n') +
        '\n',
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
