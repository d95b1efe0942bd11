/**
 * QA eval: retrieval recall and MRR, abstention, grounding of citations and language match on
 * evals/qa-dev.jsonl, side by side with peer retrievers (MiniSearch, lunr with Swedish) run on the
 * same chunks in the same process.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CoreAssistant } from '../src/assistant.js';
import { buildVocabulary, repairLigatures, type Vocabulary } from '../src/ingest/clean.js';
import type { AskResult, Chunk } from '../src/domain/types.js';
import { PEERS } from './peers.js';
import { citationPrecisionCounts } from '../src/llm/citations.js';
import { formatTable } from './table.js';

interface QaCase {
  id: string;
  doc: string;
  question: string;
  answer: string;
  evidence: string[];
  type: string;
  lang: 'sv' | 'en';
}

export function loadQaCases(file: string): QaCase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as QaCase);
}

/**
 * Normalizes text for matching gold evidence against passages: case, whitespace, hyphenation at
 * line ends, the ligature repair, and punctuation (so "före tag" and "företag" meet).
 */
export function normalizeForMatch(text: string, vocab: Vocabulary): string {
  return text
    .replace(/(\p{L})-\s*\n\s*(\p{L})/gu, '$1$2')
    .replace(/\p{L}+/gu, (w) => repairLigatures(w, vocab))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

type Ranker = (question: string) => Promise<string[]> | string[]; // chunk ids, best first

interface RetrievalMetrics {
  r1: number;
  r5: number;
  r10: number;
  mrr: number;
  n: number;
}

function retrievalMetrics(ranks: Array<number | null>): RetrievalMetrics {
  const n = ranks.length || 1;
  const at = (k: number) => ranks.filter((r) => r !== null && r <= k).length / n;
  const mrr = ranks.reduce<number>((s, r) => s + (r !== null && r <= 10 ? 1 / r : 0), 0) / n;
  return { r1: at(1), r5: at(5), r10: at(10), mrr, n: ranks.length };
}

function peerRankers(chunks: Chunk[]): Record<string, Ranker> {
  return Object.fromEntries(
    Object.entries(PEERS).map(([name, make]) => {
      const search = make(chunks);
      return [name, (q: string) => search(q).map((i) => chunks[i].id)];
    }),
  );
}

export interface QaEvalResult {
  metrics: Record<string, number>;
  table: string;
  failures: string[];
}

export async function runQaEval(opts: { assistant: CoreAssistant; file?: string; out?: NodeJS.WritableStream; verbose?: boolean }): Promise<QaEvalResult> {
  const file = opts.file ?? path.resolve('evals/qa-dev.jsonl');
  const cases = loadQaCases(file);
  const { assistant } = opts;
  const chunks = assistant.index.data.chunks;
  const vocab = buildVocabulary(
    assistant.index.data.docs.map((d) => {
      try {
        return readFileSync(path.join(process.env.BRYGGA_KNOWLEDGE_DIR ?? 'knowledge', d.path), 'utf8');
      } catch {
        return '';
      }
    }),
  );
  const normChunk = new Map(chunks.map((c) => [c.id, normalizeForMatch(c.text, vocab)]));
  const relevant = (c: QaCase, text: string) => c.evidence.some((e) => text.includes(normalizeForMatch(e, vocab)));
  const firstHit = (c: QaCase, ids: string[]) => {
    const i = ids.findIndex((id) => relevant(c, normChunk.get(id) ?? ''));
    return i < 0 ? null : i + 1;
  };

  const answerable = cases.filter((c) => c.evidence.length);
  const unanswerable = cases.filter((c) => !c.evidence.length);
  const ranks: Array<number | null> = [];
  const results = new Map<string, AskResult>();
  const failures: string[] = [];
  const progress = (i: number) => {
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[Kqa ${i}/${cases.length}`);
  };
  let i = 0;
  for (const c of cases) {
    progress(++i);
    const r = await assistant.ask({ question: c.question, audience: 'public', k: 10 });
    results.set(c.id, r);
    if (c.evidence.length) {
      const rank = firstHit(
        c,
        r.retrieved.map((x) => x.chunkId),
      );
      ranks.push(rank);
      if (rank === null || rank > 5) failures.push(`${c.id} rank=${rank ?? '-'} ${c.question}`);
    }
  }
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');

  const ours = retrievalMetrics(ranks);
  const refusedUnanswerable = unanswerable.filter((c) => !results.get(c.id)!.answered).length;
  const refusedAnswerable = answerable.filter((c) => !results.get(c.id)!.answered);
  const grounded = answerable.filter((c) => {
    const r = results.get(c.id)!;
    if (!r.answered) return false;
    const quotes = normalizeForMatch(r.citations.map((x) => x.quote).join(' '), vocab);
    return c.evidence.some((e) => quotes.includes(normalizeForMatch(e, vocab)));
  }).length;
  const groundedPassage = answerable.filter((c) => {
    const r = results.get(c.id)!;
    if (!r.answered) return false;
    return r.citations.some((cit) => {
      const chunk = chunks.find((ch) => ch.docId === cit.docId && ch.lines[0] <= cit.lines[0] && ch.lines[1] >= cit.lines[1]);
      return chunk ? relevant(c, normChunk.get(chunk.id)!) : false;
    });
  }).length;
  const answeredCount = answerable.length - refusedAnswerable.length;
  const langMatch = cases.filter((c) => results.get(c.id)!.language === c.lang).length;
  // citation precision: share of citations whose passage contains the claim's key terms
  let supported = 0;
  let citedTotal = 0;
  const llmResults = [...results.values()].filter((r) => r.mode === 'llm');
  for (const r of llmResults) {
    const cp = citationPrecisionCounts(r);
    supported += cp.supported;
    citedTotal += cp.total;
  }
  for (const c of refusedAnswerable) failures.push(`${c.id} refused (answerable): ${c.question}`);
  for (const c of unanswerable) if (results.get(c.id)!.answered) failures.push(`${c.id} answered (unanswerable): ${c.question}`);

  // peers on the same chunks
  const peers = peerRankers(chunks.filter((c) => c.access === 'public'));
  const peerRows: Array<[string, RetrievalMetrics]> = [];
  for (const [name, rank] of Object.entries(peers)) {
    const pr: Array<number | null> = [];
    for (const c of answerable) pr.push(firstHit(c, await rank(c.question)));
    peerRows.push([name, retrievalMetrics(pr)]);
  }
  const pct = (x: number) => x.toFixed(3);
  const rows = [['Brygga hybrid', ours] as [string, RetrievalMetrics], ...peerRows].map(([name, m]) => [name, pct(m.r1), pct(m.r5), pct(m.r10), pct(m.mrr)]);
  const bestPeer = Math.max(...peerRows.map(([, m]) => m.r5));
  const table =
    `QA retrieval (${answerable.length} answerable questions, ${chunks.length} chunks)\n` +
    formatTable(['retriever', 'Recall@1', 'Recall@5', 'Recall@10', 'MRR@10'], rows) +
    '\n\n' +
    `QA answers (${cases.length} questions, mode ${[...results.values()][0]?.mode ?? '-'})\n` +
    formatTable(
      ['metric', 'value', 'target'],
      [
        ['unanswerable refused', `${refusedUnanswerable}/${unanswerable.length}`, `≥ ${Math.max(0, unanswerable.length - 1)}/${unanswerable.length}`],
        ['answerable refused', `${refusedAnswerable.length}/${answerable.length} (${((refusedAnswerable.length / answerable.length) * 100).toFixed(1)} %)`, '≤ 5 %'],
        ['citations quote gold evidence', `${grounded}/${answeredCount} (${((grounded / Math.max(1, answeredCount)) * 100).toFixed(1)} %)`, ''],
        ['cited passages hold gold evidence', `${groundedPassage}/${answeredCount} (${((groundedPassage / Math.max(1, answeredCount)) * 100).toFixed(1)} %)`, ''],
        ['answer language matches question', `${langMatch}/${cases.length}`, ''],
        [
          'citation precision (LLM answers)',
          llmResults.length ? `${supported}/${citedTotal} (${((supported / Math.max(1, citedTotal)) * 100).toFixed(1)} %)` : 'n/a (offline answers are verbatim quotes)',
          '',
        ],
        ['Recall@5 lead over best peer', `${((ours.r5 - bestPeer) * 100).toFixed(1)} points`, '≥ 10 points'],
      ],
    );
  opts.out?.write(table + '\n');
  if (opts.verbose && failures.length) opts.out?.write('\nFailures:\n' + failures.map((f) => '  ' + f).join('\n') + '\n');
  return {
    metrics: {
      recall1: ours.r1,
      recall5: ours.r5,
      recall10: ours.r10,
      mrr10: ours.mrr,
      unanswerableRefused: refusedUnanswerable,
      unanswerableTotal: unanswerable.length,
      answerableRefusedRate: refusedAnswerable.length / answerable.length,
      citationGrounding: grounded / Math.max(1, answeredCount),
      passageGrounding: groundedPassage / Math.max(1, answeredCount),
      languageMatch: langMatch / cases.length,
      citationPrecision: supported / Math.max(1, citedTotal),
      bestPeerRecall5: bestPeer,
    },
    table,
    failures,
  };
}
