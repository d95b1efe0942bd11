/**
 * The core assembled: index (built on first use), hybrid retriever, answer composer, matching
 * and invitations, behind the channel-neutral Assistant interface the adapters use.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';
import { compose } from './answer/extractive.js';
import { detectLanguage } from './answer/language.js';
import type { Assistant, InviteOptions, MatchOptions, SourcePassage } from './assistant-types.js';
import {
  AskRequestSchema,
  InputError,
  MAX_QUESTION_CHARS,
  audienceCanRead,
  type AskEvent,
  type AskRequest,
  type AskResult,
  type Audience,
  type Chunk,
  type InviteResult,
  type MatchResult,
} from './domain/types.js';
import { indexIsStale, ingest, loadIndex, type LoadedIndex, type Logger } from './ingest/ingest.js';
import { HashingEmbedder } from './retrieval/dense.js';
import type { Embedder } from './retrieval/embedder.js';
import { Retriever } from './retrieval/search.js';

export interface AssistantOptions {
  logger?: Logger & { error?(msg: string): void };
  /** rebuild the index when knowledge files changed since it was built (default true) */
  refresh?: boolean;
}

export interface CoreAssistant extends Assistant {
  readonly retriever: Retriever;
  readonly index: LoadedIndex;
  /** passages for other skills (matching advice, invitation method) */
  retrieve(query: string, k: number, audience?: Audience): Promise<Array<{ chunk: Chunk; score: number }>>;
}

/** Validates a question: trimmed, not empty, at most MAX_QUESTION_CHARS. */
export function validateQuestion(question: unknown): string {
  if (typeof question !== 'string' || !question.trim()) throw new InputError('Frågan är tom. Skriv en fråga.', 'empty_question');
  const q = question.trim();
  if (q.length > MAX_QUESTION_CHARS)
    throw new InputError(`Frågan är för lång (${q.length} tecken, högst ${MAX_QUESTION_CHARS}). Korta den och försök igen.`, 'question_too_long');
  return q;
}

/** Opens the index in the data dir, building it first when it is missing or stale. */
export async function openIndex(config: Config, opts: AssistantOptions = {}, embedder?: Embedder): Promise<LoadedIndex> {
  const logger = opts.logger;
  let index = await loadIndex(config.dataDir);
  const stale = index && opts.refresh !== false ? await indexIsStale(index, config.knowledgeDir) : false;
  if (!index || stale) {
    logger?.info(index ? 'Kunskapsfilerna har ändrats: bygger om indexet …' : 'Inget index hittades: bygger indexet …');
    const summary = await ingest({
      knowledgeDir: config.knowledgeDir,
      dataDir: config.dataDir,
      embedder,
      logger,
      progress: (done, total, what) => logger?.info(`indexering ${done}/${total}: ${what}`),
    });
    logger?.info(`Index klart: ${summary.documents} dokument, ${summary.chunks} avsnitt på ${Math.round(summary.ms)} ms`);
    index = await loadIndex(config.dataDir);
    if (!index) throw new Error('indexet kunde inte läsas efter indexeringen');
  }
  return index;
}

export async function createAssistant(config: Config, opts: AssistantOptions = {}): Promise<CoreAssistant> {
  const index = await openIndex(config, opts);
  const embedder: Embedder = index.data.embedder.state
    ? HashingEmbedder.fromJSON(index.data.embedder.state)
    : HashingEmbedder.fit(index.data.chunks.map((c) => `${c.context}\n${c.text}`));
  const retriever = new Retriever(index.data.chunks, index.bm25, index.dense, embedder, index.lexicon);
  const docs = index.data.docs;

  const ask = async (req: AskRequest): Promise<AskResult> => {
    const t0 = performance.now();
    const question = validateQuestion(req.question);
    const parsed = AskRequestSchema.parse({ ...req, question });
    const language = parsed.language ?? detectLanguage(question);
    const hits = await retriever.search(question, { audience: parsed.audience, k: Math.max(parsed.k, 10) });
    const retrieveMs = performance.now() - t0;
    const composed = compose({ question, language, hits, retriever });
    return {
      answered: composed.answered,
      language,
      answer: composed.answer,
      citations: composed.citations,
      retrieved: hits.slice(0, Math.max(parsed.k, 10)).map((h, i) => ({
        rank: i + 1,
        docId: h.chunk.docId,
        chunkId: h.chunk.id,
        score: Number(h.score.toFixed(4)),
        text: h.chunk.text,
      })),
      mode: 'extractive',
      timings: { retrieveMs: round(retrieveMs), totalMs: round(performance.now() - t0) },
    };
  };

  async function* askStream(req: AskRequest): AsyncIterable<AskEvent> {
    const result = await ask(req);
    // offline: the composed answer is sent in word-sized pieces so every channel streams alike
    for (const piece of result.answer.match(/\S+\s*/g) ?? []) yield { type: 'token', text: piece };
    yield { type: 'citations', citations: result.citations };
    yield { type: 'done', result };
  }

  const retrieve = async (query: string, k: number, audience: Audience = 'internal') =>
    (await retriever.search(query, { audience, k })).slice(0, k).map((h) => ({ chunk: h.chunk, score: h.score }));

  const match = async (need: string, mopts?: MatchOptions): Promise<MatchResult> => {
    void need;
    void mopts;
    throw new InputError('Matchning är inte tillgänglig ännu.');
  };
  const invite = async (request: string, iopts?: InviteOptions): Promise<InviteResult> => {
    void request;
    void iopts;
    throw new InputError('Inbjudningar är inte tillgängliga ännu.');
  };

  const documents = (audience: Audience) =>
    docs.filter((d) => audienceCanRead(audience, d.access)).map((d) => ({ ...d }));

  const source = (docId: string, audience: Audience, lines?: [number, number]): SourcePassage | null => {
    const doc = docs.find((d) => d.docId === docId);
    if (!doc || !audienceCanRead(audience, doc.access)) return null;
    let text: string;
    try {
      text = readFileSync(path.join(config.knowledgeDir, doc.path), 'utf8');
    } catch {
      return null;
    }
    if (/\.(pdf|docx)$/i.test(doc.path)) {
      // binary formats: show the text the index was built from
      text = index.data.chunks.filter((c) => c.docId === docId).map((c) => c.text).join('\n\n');
    }
    const all = text.split(/\r?\n/);
    const hl = lines && lines[0] >= 1 && lines[1] >= lines[0] && lines[0] <= all.length ? ([lines[0], Math.min(lines[1], all.length)] as [number, number]) : null;
    return { meta: { ...doc }, lines: all, highlight: hl };
  };

  return { ask, askStream, match, invite, documents, source, retriever, index, retrieve };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
