/**
 * Measures the lexical-support score that separates supporting from non-supporting passages.
 * Positives: each sentence of a reference answer in an eval set vs the text window around its
 * evidence lines. Negatives: the same sentence vs equally long windows of other documents.
 * Run: npx tsx test/llm/measure-support.ts [evals/qa-dev.jsonl] [knowledge/reports]
 * (a measurement script, not a test; it prints score quantiles and precision/recall per threshold)
 */
import fs from 'node:fs';
import path from 'node:path';
import { contentWords, passageSentences, preparePassage, support } from '../../src/llm/lexical.js';

const evalFile = process.argv[2] ?? 'evals/qa-dev.jsonl';
const reportsDir = process.argv[3] ?? 'knowledge/reports';
const docs = new Map<string, string[]>();
for (const f of fs.readdirSync(reportsDir)) docs.set(f, fs.readFileSync(path.join(reportsDir, f), 'utf8').split('\n'));

type Row = { lang: string; score: number; pos: boolean };
const rows: Row[] = [];
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

for (const line of fs.readFileSync(evalFile, 'utf8').split('\n').filter(Boolean)) {
  const q = JSON.parse(line) as { doc: string; answer: string; evidence: string[]; lang: string; type: string };
  if (q.type === 'unanswerable' || !q.evidence?.length) continue;
  const lines = docs.get(q.doc);
  if (!lines) continue;
  const hits = q.evidence.map((e) => lines.findIndex((l) => l.includes(e.trim().slice(0, 40)))).filter((i) => i >= 0);
  if (!hits.length) continue;
  const lo = Math.max(0, Math.min(...hits) - 4);
  const hi = Math.min(lines.length, Math.max(...hits) + 5);
  const pos = preparePassage(lines.slice(lo, hi).join('\n'));
  const size = hi - lo;
  const others = [...docs.entries()].filter(([f]) => f !== q.doc);
  for (const s of passageSentences(q.answer)) {
    if (contentWords(s).length <= 2) continue; // trivial sentences are not verified (see citations.ts)
    rows.push({ lang: q.lang, score: support(s, pos).score, pos: true });
    for (let i = 0; i < 3; i++) {
      const [, ol] = others[Math.floor(rand() * others.length)]!;
      const start = Math.floor(rand() * Math.max(1, ol.length - size));
      rows.push({ lang: q.lang, score: support(s, preparePassage(ol.slice(start, start + size).join('\n'))).score, pos: false });
    }
  }
}

const q = (xs: number[], p: number) => xs.sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))]?.toFixed(2);
for (const lang of ['sv', 'en']) {
  const P = rows.filter((r) => r.lang === lang && r.pos).map((r) => r.score);
  const N = rows.filter((r) => r.lang === lang && !r.pos).map((r) => r.score);
  console.log(`${lang}: positives n=${P.length} q10=${q(P, 0.1)} q25=${q(P, 0.25)} median=${q(P, 0.5)}; negatives n=${N.length} median=${q(N, 0.5)} q90=${q(N, 0.9)} q95=${q(N, 0.95)}`);
  for (const t of [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]) {
    const tp = P.filter((x) => x >= t).length;
    const fp = N.filter((x) => x >= t).length;
    console.log(`  t=${t}: keeps ${(tp / P.length * 100).toFixed(0)}% of supported, accepts ${(fp / N.length * 100).toFixed(1)}% of unsupported`);
  }
}
