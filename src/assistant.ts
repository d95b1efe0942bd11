/**
 * The core assembled: index (built on first use), hybrid retriever, answer composer, matching
 * and invitations, behind the channel-neutral Assistant interface the adapters use.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LRUCache } from 'lru-cache';
import type { Config } from './config.js';
import { abstainText, compose, composeParts, sourcesPhrase, COUNT_POOL, DEFINITION_POOL, definitionFirst, quantityFirst, type Composed } from './answer/extractive.js';
import { asksAboutDocument, asksForCatalogue, catalogue, documentFacts, sourceTermsOf } from './answer/facts.js';
import { charCount, withoutMarkup } from './text/markup.js';
import { passageInfo } from './answer/passages.js';
import { answerModelVersion } from './answer/model.js';
import { annotateCitations, docsById, dropExpired, withPolicyNotes } from './answer/validity.js';
import { todayInStockholm } from './domain/time.js';
import { analyzeQuestion, isOnlyPleasantry, pleasantryKind, stripPreamble, type QuestionAnalysis } from './query/analysis.js';
import { isInvitationRequest, looksLikeNeed } from './domain/skill.js';
import { detectLanguage, languageRequest } from './answer/language.js';
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
  type Language,
  type MatchResult,
} from './domain/types.js';
import { indexIsStale, ingest, loadIndex, type LoadedIndex, type Logger } from './ingest/ingest.js';
import { ingestInWorker } from './ingest/worker.js';
import { HashingEmbedder } from './retrieval/dense.js';
import type { Embedder } from './retrieval/embedder.js';
import { documentNamesOf, Retriever } from './retrieval/search.js';
import { ConversationMemory, documentSubject, rewriteFollowUpOffline, subjectsOf, withCitedDocument, type Turn, type TurnStore } from './conversation/memory.js';
import { createLlm, type Llm } from './llm/index.js';
import type { Matcher } from './match/index.js';
import type { Need } from './match/parse.js';
import { corpusSpellings } from './text/diacritics.js';

export interface AssistantOptions {
  logger?: Logger & { error?(msg: string): void };
  /** rebuild the index when knowledge files changed since it was built (default true) */
  refresh?: boolean;
  /** progress of an index build, when one is needed: done and total steps, what is being done */
  progress?: (done: number, total: number, what: string) => void;
  /**
   * where follow-up memory is kept (the server passes its Store's, so that every replica sees a
   * session's turns); default: process memory
   */
  turns?: TurnStore;
}

export interface CoreAssistant extends Assistant {
  readonly retriever: Retriever;
  readonly index: LoadedIndex;
  readonly llm: Llm | null;
  readonly memory: ConversationMemory;
  /** passages for other skills (matching advice, invitation method) */
  retrieve(query: string, k: number, audience?: Audience): Promise<Array<{ chunk: Chunk; score: number }>>;
  /**
   * Analyses the passages (sentences, terms, flags: passageInfo) ahead of the first questions that
   * read them, a slice of about WARM_SLICE_MS at a time between other work, for an index of at most
   * WARM_MAX_CHUNKS chunks (a larger one is analysed as questions reach it). Answers do not change;
   * the first questions after a start only stop paying for it. Resolves when done (the server waits
   * for it before it answers).
   */
  warm(): Promise<void>;
}

/** Validates a question: trimmed, HTML read as its text (`withoutMarkup`), not empty, at most MAX_QUESTION_CHARS; throws InputError (`empty_question`, `question_too_long`) with a Swedish message. */
export function validateQuestion(question: unknown): string {
  if (typeof question !== 'string' || !question.trim()) throw new InputError('Frågan är tom. Skriv en fråga.', 'empty_question');
  // "<b>Vad är HBG Works?</b>" is the question "Vad är HBG Works?"
  const q = withoutMarkup(question.trim());
  // (nor is a message of zero-width characters and byte-order marks alone, which no one can see)
  if (!q || !q.replace(/[\u200B-\u200D\u2060\uFEFF]/g, '').trim()) throw new InputError('Frågan är tom. Skriv en fråga.', 'empty_question');
  const length = charCount(q);
  if (length > MAX_QUESTION_CHARS)
    throw new InputError(`Frågan är för lång (${length} tecken, högst ${MAX_QUESTION_CHARS}). Korta den och försök igen.`, 'question_too_long');
  return q;
}

/** The offline embedder of an index built with offline vectors (their fit, the index's lexicon); null when it has none. */
export function offlineEmbedder(index: LoadedIndex): HashingEmbedder | null {
  return index.offline ? new HashingEmbedder(index.offline.df, index.offline.docCount, index.offline.dim, index.lexicon) : null;
}

/** Opens the index in the data dir, building it first when it is missing or stale. */
export async function openIndex(config: Config, opts: AssistantOptions = {}, embedder?: Embedder): Promise<LoadedIndex> {
  const logger = opts.logger;
  let index = await loadIndex(config.dataDir, logger);
  const otherEmbedder = index && embedder ? index.data.embedder.id !== embedder.id : index ? !index.data.embedder.offline : false;
  const stale = index && (otherEmbedder || (opts.refresh !== false && (await indexIsStale(index, config.knowledgeDir))));
  if (!index || stale) {
    logger?.info(index ? 'Kunskapsfilerna har ändrats: bygger om indexet …' : 'Inget index hittades: bygger indexet …');
    const run = {
      knowledgeDir: config.knowledgeDir,
      dataDir: config.dataDir,
      // an index that could not be loaded (missing, damaged) is not copied from
      fresh: !index,
      logger,
      progress: (done: number, total: number, what: string) => {
        opts.progress?.(done, total, what);
        logger?.info(`indexering ${done}/${total}: ${what}`);
      },
    };
    // the build runs in a worker thread, so a server keeps answering (from the old index, when there
    // is one) meanwhile; an external embedding model's client stays in this thread, and so does its ingest
    const summary = embedder ? await ingest({ ...run, embedder }) : await ingestInWorker(run);
    logger?.info(`Index klart: ${summary.documents} dokument, ${summary.chunks} avsnitt på ${Math.round(summary.ms)} ms`);
    index = await loadIndex(config.dataDir);
    if (!index) throw new Error('indexet kunde inte läsas efter indexeringen');
  }
  return index;
}

export async function createAssistant(config: Config, opts: AssistantOptions = {}): Promise<CoreAssistant> {
  // a missing or malformed prompt stops the start here, with a message naming the file
  // the logger object itself, never its methods handed on alone (pino's methods need their `this`)
  const llm = createLlm(config, { logger: opts.logger });
  const external = llm?.embedder() ?? undefined;
  const index = await openIndex(config, opts, external);
  const embedder: Embedder | null = external ?? offlineEmbedder(index);
  const memory = new ConversationMemory({ store: opts.turns });
  const retriever = new Retriever(index.data.chunks, index.bm25, index.dense, embedder, index.lexicon);
  retriever.sourceTerms = sourceTermsOf(index.data.docs, index.lexicon);
  retriever.documentNames = documentNamesOf(index.data.docs, index.lexicon);
  const docs = index.data.docs;
  const docMeta = docsById(docs);

  type Prepared = { base: AskResult; hits: Awaited<ReturnType<Retriever['search']>>; history: Turn[]; query: string; language: AskResult['language']; t0: number };
  // Without a conversation before it, retrieval and the composed answer depend only on the question,
  // audience, k, language, the index (one cache per assistant: a re-index makes a new one) and
  // today's date (validity): the most recent ones are kept, so a question asked again costs a lookup
  // instead of about 10 ms of work (issue 17). Conversation memory and the LLM call stay per request.
  const preparedCache = new LRUCache<string, Omit<Prepared, 'history' | 't0'>>({ max: PREPARED_CACHE_SIZE });
  const keyOf = (parsed: { audience: string; k: number; language?: string }, question: string) =>
    JSON.stringify([parsed.audience, parsed.k, parsed.language ?? '', todayInStockholm(), answerModelVersion(), question]);
  // offline, a kept answer is the whole answer; with a model, the model is still asked every time
  const answersAtOnce = (req: AskRequest): boolean => {
    if (llm) return false;
    try {
      const question = validateQuestion(req.question);
      const parsed = AskRequestSchema.safeParse({ ...req, question });
      return parsed.success && preparedCache.has(keyOf(parsed.data, question));
    } catch {
      return false;
    }
  };
  const prepare = async (req: AskRequest): Promise<Prepared> => {
    const t0 = performance.now();
    const question = validateQuestion(req.question);
    const parsed = AskRequestSchema.parse({ ...req, question });
    // follow-ups ("och vad kostade det?") become standalone queries from the session's history
    const history = parsed.sessionId ? await memory.history(parsed.sessionId) : [];
    // a follow-up depends on its conversation: only questions without history are kept
    const key = history.length ? null : keyOf(parsed, question);
    const cached = key === null ? undefined : preparedCache.get(key);
    if (cached) {
      const ms = round(performance.now() - t0);
      return { ...cached, base: ownCopy(cached.base, { retrieveMs: ms, totalMs: ms }), history, t0 };
    }
    // "Please answer in Swedish: …": the answer's language; the request itself is not searched
    const requested = languageRequest(question);
    const ownLanguage = detectLanguage(stripPreamble(requested.rest));
    const language = parsed.language ?? requested.language ?? ownLanguage;
    // "Can you say that in English?", "På svenska, tack": nothing but the request asks for the previous question again
    const previous = requested.only ? previousQuestion(history) : null;
    // the question is read in its own language (English words are translated), the answer written in `language`
    const questionLanguage = previous ? detectLanguage(stripPreamble(previous.text)) : requested.language && !parsed.language ? ownLanguage : language;
    let query = previous ? previous.text : requested.rest;
    const before = previous ? history.slice(0, previous.at) : history;
    // "Vem skrev rapporten?" after an answer asks about the document that answer cited, by its title alone
    const aboutCited = before.length && asksAboutDocument(query) ? withCitedDocument(before, query, { aboutDocument: true }) : query;
    if (aboutCited !== query) query = aboutCited;
    else if (before.length) query = llm ? await llm.rewriteFollowUp(before, query, questionLanguage) : withCitedDocument(before, rewriteFollowUpOffline(before, query));
    // the question is understood once; retrieval and the composer read the same analysis
    const analysis = analyzeQuestion(query, retriever, { language: questionLanguage });
    // a greeting alone is not searched; a policy past its validUntil is never quoted as current
    const pleasantry = isOnlyPleasantry(question) || (requested.only && !previous);
    // "Varför?", "Och när?", "How come?" alone: offline there is no telling what it asks about, so Brygga asks
    // back instead of answering something else with confidence (a model rewrites it from the conversation)
    const vague = !pleasantry && !llm && BARE_INTERROGATIVE.test(requested.rest.trim());
    // a request to draft an invitation is not a question about the sources: the skill is named
    const skillRequest = !pleasantry && isInvitationRequest(question) ? skillPointer(INVITATION_POINTER, language, parsed.audience) : null;
    // "behöver catering till 40 pers i malmö" is a need for the matching skill when the matcher finds a service in it
    const needRequest = !pleasantry && !skillRequest && !previous && looksLikeNeed(requested.rest) && namesSupply((await loadMatcher()).parse(requested.rest), requested.rest) ? skillPointer(MATCH_POINTER, language, parsed.audience) : null;
    // "Vilka rapporter har du?" asks what Brygga searches: the manifest's titles the asker may read, not a search
    const documentList = !pleasantry && !skillRequest && !needRequest && !previous && asksForCatalogue(stripPreamble(requested.rest)) ? catalogue(docs, parsed.audience, language) : null;
    // a definition question looks deeper for a passage that defines what is asked (definitionFirst)
    // … and a question for a count for a passage that states one (quantityFirst)
    const searchFor = async (a: QuestionAnalysis) => {
      const depth = a.answerType === 'definition' ? DEFINITION_POOL : a.answerType === 'number' ? Math.max(parsed.k, COUNT_POOL) : Math.max(parsed.k, 10);
      return quantityFirst(definitionFirst(dropExpired(await retriever.search(a.text, { audience: parsed.audience, k: Math.max(parsed.k, depth), terms: a.terms }), docMeta), a, retriever), a, retriever);
    };
    const hits = pleasantry || vague || skillRequest || needRequest || documentList ? [] : await searchFor(analysis);
    const retrieveMs = performance.now() - t0;
    // a greeting or thanks alone is answered in its own words' language unless the client set one
    const kind = pleasantry ? pleasantryKind(question) : null;
    let composed = requested.only && !previous ? askAgain(language) : vague ? clarify(language) : kind ? greeting(parsed.language ?? kind.language, kind.thanks, kind.help, parsed.audience) : skillRequest ? skillRequest : needRequest ? needRequest : documentList ? documentList : (documentFacts(analysis, hits, docs, parsed.audience, retriever.chunks, language) ?? null);
    if (!composed) {
      composed = compose({ analysis, hits, retriever, answerLanguage: language, audience: parsed.audience });
      // a question of several parts: each part is asked on its own (the others its context); their answers replace
      // a whole that has none, or one that answers only some of the parts when every part has its own
      if (analysis.parts.length > 1) {
        const answers: Array<{ question: string; composed: Composed }> = [];
        for (let part = 0; part < analysis.parts.length; part++) {
          const a = analyzeQuestion(query, retriever, { language: questionLanguage, part });
          answers.push({ question: analysis.parts[part], composed: compose({ analysis: a, hits: await searchFor(a), retriever, answerLanguage: language, audience: parsed.audience, part: true }) });
        }
        const everyPart = answers.every((x) => x.composed.outcome === 'answer');
        composed = (composed.outcome !== 'answer' || everyPart ? composeParts(answers, language) : null) ?? composed;
      }
    }
    // policies' citations say who decided them and when, in the citations and in the answer's source list
    const citations = annotateCitations(composed.citations, docMeta);
    const base: AskResult = {
      answered: composed.answered,
      confidence: composed.confidence,
      language,
      // a refusal offers what this audience can use (residents on the web cannot match or invite)
      answer: composed.outcome === 'none' && composed.reason !== 'pleasantry' && composed.reason !== 'skill' ? abstainText(language, parsed.audience) : withPolicyNotes(composed.answer, citations, language),
      citations,
      retrieved: rankedScores(hits.slice(0, Math.max(parsed.k, 10))).map(({ h, score }, i) => ({
        rank: i + 1,
        docId: h.chunk.docId,
        chunkId: h.chunk.id,
        score: Number(score.toFixed(4)),
        text: h.chunk.text,
      })),
      mode: 'extractive',
      ...(query !== question ? { query } : {}),
      timings: { retrieveMs: round(retrieveMs), totalMs: round(performance.now() - t0) },
    };
    if (key === null) return { base, hits, history, query, language, t0 };
    preparedCache.set(key, { base, hits, query, language });
    return { base: ownCopy(base, base.timings), hits, history, query, language, t0 };
  };

  const llmInput = (p: Prepared) => ({
    question: p.query,
    language: p.language,
    passages: p.hits.slice(0, 6).map((h, i) => ({ n: i + 1, chunk: h.chunk })),
    history: p.history.map((t) => ({ role: t.role, text: t.text })),
    extractive: p.base,
  });

  const remember = async (req: AskRequest, question: string, result: AskResult) => {
    if (!req.sessionId) return;
    await memory.add(
      req.sessionId,
      // a greeting or a request for a language names nothing a later follow-up could mean ("När kom den ut?" after "In Swedish, please")
      { role: 'user', text: question, ...(isOnlyPleasantry(question) || languageRequest(question).only ? { subjects: [] } : {}) },
      {
        role: 'assistant',
        text: result.answered ? result.citations.map((c) => c.quote).join(' ') : '',
        // the documents it cited (a later "Vem skrev rapporten?" means the first of them: withCitedDocument)
        subjects: [...(result.answered ? subjectsOf(result.citations.map((c) => c.quote).join(' ')) : []), ...[...new Set(result.citations.map((c) => c.title))].map(documentSubject)],
      },
    );
  };

  const ask = async (req: AskRequest): Promise<AskResult> => {
    const p = await prepare(req);
    let result = p.base;
    if (llm && p.base.retrieved.length) {
      result = await llm.answer(llmInput(p));
      result = { ...result, citations: annotateCitations(result.citations, docMeta) };
    }
    result = { ...result, timings: { ...result.timings, retrieveMs: p.base.timings.retrieveMs, totalMs: round(performance.now() - p.t0) } };
    await remember(req, String(req.question).trim(), result);
    return result;
  };

  async function* askStream(req: AskRequest): AsyncIterable<AskEvent> {
    if (llm) {
      const p = await prepare(req);
      if (p.base.retrieved.length) {
        for await (const raw of llm.streamAnswer(llmInput(p))) {
          const ev: AskEvent =
            raw.type === 'done'
              ? { type: 'done', result: { ...raw.result, citations: annotateCitations(raw.result.citations, docMeta) } }
              : raw.type === 'citations'
                ? { type: 'citations', citations: annotateCitations(raw.citations, docMeta) }
                : raw;
          if (ev.type === 'done') await remember(req, String(req.question).trim(), ev.result);
          yield ev;
        }
        return;
      }
    }
    const result = await ask(req);
    // offline: the composed answer is sent in word-sized pieces so every channel streams alike
    for (const piece of result.answer.match(/\S+\s*/g) ?? []) yield { type: 'token', text: piece };
    yield { type: 'citations', citations: result.citations };
    yield { type: 'done', result };
  }

  const retrieve = async (query: string, k: number, audience: Audience = 'internal') =>
    (await retriever.search(query, { audience, k })).slice(0, k).map((h) => ({ chunk: h.chunk, score: h.score }));

  const complete = llm ? (name: string, vars: Record<string, string>) => llm.complete(name, vars) : undefined;
  // skills share the core retriever (internal audience: advice and method come from the reports)
  const skillRetrieve = (query: string, k: number) => retrieve(query, k, 'internal');
  let matcher: Promise<Matcher> | null = null;
  // matching and invitations are imported on first use: `ask` and the server start without them
  const loadMatcher = () => (matcher ??= import('./match/index.js').then(({ createMatcher }) => createMatcher({ knowledgeDir: config.knowledgeDir, dataDir: config.dataDir }, { retrieve: skillRetrieve, complete })));
  const match = async (need: string, mopts?: MatchOptions): Promise<MatchResult> => (await loadMatcher()).match(need, mopts);
  let inviter: Promise<{ draft(request: string, opts?: InviteOptions): Promise<InviteResult> }> | null = null;
  const invite = async (request: string, iopts?: InviteOptions): Promise<InviteResult> => {
    inviter ??= import('./invite/index.js').then(({ createInviter }) => createInviter({ retrieve: skillRetrieve, complete, known: () => corpusSpellings(retriever.lexicon) }));
    return (await inviter).draft(request, iopts);
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

  const warm = async () => {
    const chunks = index.data.chunks;
    if (chunks.length > WARM_MAX_CHUNKS) return;
    for (let i = 0; i < chunks.length; ) {
      const t0 = performance.now();
      while (i < chunks.length && performance.now() - t0 < WARM_SLICE_MS) passageInfo(chunks[i++]!, index.lexicon);
      // the next slice after what has come in meanwhile (requests are answered between slices)
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  return { ask, askStream, answersAtOnce, match, invite, documents, source, retriever, index, retrieve, llm, memory, warm };
}

/** the largest index whose passages `warm` analyses ahead (about 1 ms and a few kB each: at most a few seconds) */
const WARM_MAX_CHUNKS = 5_000;
/** how long `warm` works before it lets other work in (ms) */
const WARM_SLICE_MS = 5;

/** a copy of a kept result for one caller: a channel that changes its result cannot change the next one's */
function ownCopy(base: AskResult, timings: AskResult['timings']): AskResult {
  return {
    ...base,
    citations: base.citations.map((c) => ({ ...c, lines: [...c.lines] as [number, number] })),
    retrieved: base.retrieved.map((r) => ({ ...r })),
    timings,
  };
}

/** how many prepared answers each assistant keeps (distinct question, audience, k, language and day) */
const PREPARED_CACHE_SIZE = 2000;

/** The reply to a message that is only a greeting, thanks or a request for help ("kan du hjälpa mig?"): no search, no passages. */
function greeting(language: AskResult['language'], thanks = false, help = false, audience: Audience = 'internal'): Composed {
  const en = language === 'en';
  const answer = thanks
    ? en
      ? "You're welcome! Ask again whenever you like."
      : 'Varsågod! Fråga gärna igen.'
    : help
      ? en
        ? `Yes! I answer questions about ${sourcesPhrase('en', audience)} and quote the passage each answer comes from. Ask in your own words, for example "What is a social enterprise?" or "Which municipalities took part in the network?"`
        : `Ja! Jag svarar på frågor om ${sourcesPhrase('sv', audience)} och citerar stycket som varje svar kommer från. Fråga med egna ord, till exempel ”Vad är ett socialt företag?” eller ”Vilka kommuner deltog i nätverket?”`
      : en
        ? `Hello! Ask me about ${sourcesPhrase('en', audience)}, for example "What is a social enterprise?"`
        : `Hej! Fråga mig om ${sourcesPhrase('sv', audience)}, till exempel ”Vad är ett socialt företag?”`;
  return { outcome: 'none', answered: false, answer, citations: [], confidence: 0, reason: 'pleasantry' };
}

/** a question word alone ("Varför?", "Och när då?", "How come?"): nothing to search for */
const BARE_INTERROGATIVE = /^\W*(?:och\s+|men\s+|and\s+|but\s+)?(?:varför|hur|när|var|vem|vad|vilka|vilken|why|how|when|where|who|what|which)(?:\s+(?:då|det|så|inte|come|so|then|not))?\s*\?*\W*$/iu;

/** The answer to a question word alone: what to write instead (outcome none, so it is not counted as an answer). */
function clarify(language: AskResult['language']): Composed {
  const answer =
    language === 'en'
      ? 'What do you mean? Write the whole question, for example "Why did Malmö choose that method?", and I will look in the sources.'
      : 'Vad syftar du på? Skriv gärna hela frågan, till exempel ”Varför valde Malmö det arbetssättet?”, så letar jag i underlagen.';
  return { outcome: 'none', answered: false, answer, citations: [], confidence: 0, reason: 'pleasantry' };
}

/** The reply to a request for another language ("in English, please") with no question before it in the conversation. */
function askAgain(language: AskResult['language']): Composed {
  const answer = language === 'en' ? 'Sure! What would you like to know? Write your question and I will answer in English.' : 'Gärna! Vad vill du veta? Skriv din fråga så svarar jag på svenska.';
  return { outcome: 'none', answered: false, answer, citations: [], confidence: 0, reason: 'pleasantry' };
}

/**
 * The conversation's last question (a user turn that is neither a greeting nor only a request for a
 * language) and its place in `history`; null when there is none.
 */
function previousQuestion(history: readonly Turn[]): { text: string; at: number } | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const t = history[i]!;
    if (t.role !== 'user' || isOnlyPleasantry(t.text) || languageRequest(t.text).only) continue;
    return { text: languageRequest(t.text).rest, at: i };
  }
  return null;
}

/** What a skill's pointer says: to residents (who cannot use the skill on the web) and to staff, in each language. */
interface PointerTexts {
  public: Record<Language, string>;
  staff: Record<Language, string>;
}

/**
 * A request to draft an invitation asked as a question: colleagues are told how to ask the invitation
 * skill (Slack and Teams take such a request directly, `chooseSkill`); residents, what they can ask instead.
 */
const INVITATION_POINTER: PointerTexts = {
  public: {
    sv: `Inbjudningar kan jag inte skriva här. Jag kan svara på frågor om ${sourcesPhrase('sv', 'public')}, till exempel om samskapande och sociala företag.`,
    en: `I can't draft invitations here. I can answer questions about ${sourcesPhrase('en', 'public')}, for example on co-creation and social enterprises.`,
  },
  staff: {
    sv: 'Det låter som att du vill ha en inbjudan. Börja meddelandet med ”inbjudan:” och skriv vad mötet gäller, vilka som bjuds in, datum, tid och plats (i Slack eller Teams, eller `brygga invite "…"`), så skriver jag ett utkast som följer rapporternas arbetssätt för samskapande, utan att hitta på några uppgifter.',
    en: 'That sounds like a request for an invitation. Start your message with "invite:" followed by what the meeting is about, who is invited, the date, time and place (in Slack or Teams, or `brygga invite "…"`), and I will draft one that follows the reports\' co-creation method, without inventing any fact.',
  },
};

/** A need typed as a question ("behöver catering till 40 pers i malmö"): how to ask the matching skill, or that residents cannot. */
const MATCH_POINTER: PointerTexts = {
  public: {
    sv: `Att matcha behov mot sociala företag är ett verktyg för kommunens samordnare och finns inte här. Jag kan svara på frågor om ${sourcesPhrase('sv', 'public')}, till exempel om sociala företag och upphandling.`,
    en: `Matching needs to social enterprises is a tool for the municipality's coordinators, not offered here. I can answer questions about ${sourcesPhrase('en', 'public')}, for example on social enterprises and procurement.`,
  },
  staff: {
    sv: 'Det låter som ett behov att matcha mot registret över sociala företag. Börja meddelandet med ”matcha:” och skriv tjänsten, platsen och omfattningen (i Slack eller Teams, eller `brygga match "…"`), så föreslår jag företag med motivering och upphandlingsväg.',
    en: 'That sounds like a need to match against the registry of social enterprises. Start your message with "match:" followed by the service, the place and the volume (in Slack or Teams, or `brygga match "…"`), and I will propose enterprises with reasons and the procurement route.',
  },
};

/** The answer that names a skill instead of searching: no passages, outcome none, reason 'skill'. */
function skillPointer(texts: PointerTexts, language: AskResult['language'], audience: Audience): Composed {
  const answer = (audience === 'public' ? texts.public : texts.staff)[language === 'en' ? 'en' : 'sv'];
  return { outcome: 'none', answered: false, answer, citations: [], confidence: 0, reason: 'skill' };
}

/** a supplier named as such: "ett socialt företag", "någon som kan", "a company that" */
const SUPPLIER = /\b(?:sociala? företag\p{L}*|leverantör\p{L}*|företag som|någon som|några som|social enterprises?|suppliers?|compan(?:y|ies) that|someone (?:who|to)|an enterprise)\b/iu;

/**
 * Whether a parsed need is one the registry could meet: a service, and a place, a volume or a supplier
 * named as such ("Vi behöver bli bättre på samverkan" names a service by accident, and nothing else).
 */
function namesSupply(need: Pick<Need, 'categories' | 'municipality' | 'place' | 'minCapacity' | 'volume'>, text: string): boolean {
  if (!need.categories.length) return false;
  return Boolean(need.municipality || need.place || need.minCapacity || need.volume) || SUPPLIER.test(text);
}

/**
 * The passages in their order with scores that never rise down the list: a passage moved ahead of
 * better-scored ones (the defining passage of a "vad är X?" question, `definitionFirst`) shows the
 * score of the best one it passed.
 */
export function rankedScores<H extends { score: number }>(hits: H[]): Array<{ h: H; score: number }> {
  const out = hits.map((h) => ({ h, score: h.score }));
  for (let i = out.length - 2; i >= 0; i--) out[i].score = Math.max(out[i].score, out[i + 1].score);
  return out;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
