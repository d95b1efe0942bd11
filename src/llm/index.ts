/**
 * LLM mode: fluent answers from an OpenAI-compatible endpoint, verified against the retrieved
 * passages, with the extractive answer as the fallback for every failure.
 *
 * Streaming events (`streamAnswer`), in order:
 * - `token`: verified text to append. The model's output is verified sentence by sentence before it
 *   is shown, so nothing unsupported (or injected) is ever streamed; markers are already renumbered.
 *   A stream that ends without a finish_reason was cut off: the offline answer replaces it; an answer
 *   cut at max_tokens loses its unfinished last sentence.
 * - `notice` (optional): a one-line message for the user. When it comes after tokens, the streamed
 *   text is superseded: the client must replace it with `done.result.answer` (this happens when the
 *   endpoint fails mid-answer or too little of the answer could be verified — the extractive answer
 *   is shown instead).
 * - `citations`: the citations of the final answer (also in `done`).
 * - `done`: the final, validated AskResult. Clients should always render `done.result.answer`.
 */
import { redactPersonalData } from '../storage/redact.js';
import type { Config } from '../config.js';
import type { AskEvent, AskResult, Chunk, Language } from '../domain/types.js';
import type { Embedder } from '../retrieval/embedder.js';
import { languageScores } from '../answer/language.js';
import { rewriteFollowUpOffline } from '../conversation/memory.js';
import { AnswerValidator, NO_ANSWER, sanitizePassage, type ValidatedAnswer } from './citations.js';
import {
  ChatClient,
  CircuitBreaker,
  LlmUnavailableError,
  type BreakerOptions,
  type ChatMessage,
  type LoggerLike,
  type RetryOptions,
  type Usage,
} from './client.js';
import { loadPrompts, renderPrompt, type Prompts } from './prompts.js';

export { loadPrompts, renderPrompt, type Prompts, type Prompt } from './prompts.js';
export { citationPrecision, citationPrecisionCounts, validateAnswer } from './citations.js';
export { CircuitBreaker, LlmUnavailableError } from './client.js';

export interface LlmAnswerInput {
  /** the (possibly rewritten) standalone question */
  question: string;
  language: Language;
  /** n = the [n] marker number the model may use for the passage */
  passages: Array<{ n: number; chunk: Chunk }>;
  history: Array<{ role: 'user' | 'assistant'; text: string }>;
  /** the offline answer, used as the fallback */
  extractive: AskResult;
  signal?: AbortSignal;
}

export interface Llm {
  /** mode 'llm', or the extractive answer + notice on any failure */
  answer(input: LlmAnswerInput): Promise<AskResult>;
  /** token events, then citations, then done (falls back likewise) */
  streamAnswer(input: LlmAnswerInput): AsyncIterable<AskEvent>;
  rewriteFollowUp(history: LlmAnswerInput['history'], question: string, language: Language): Promise<string>;
  /** OpenAI embeddings when BRYGGA_EMBEDDING_MODEL is set */
  embedder(): Embedder | null;
  /** a prompt from prompts/ filled with vars; null on any failure (never throws) */
  complete(promptName: string, vars: Record<string, string>, opts?: { signal?: AbortSignal }): Promise<string | null>;
  /** the circuit breaker's state, for /metrics */
  circuitState?(): 'closed' | 'open' | 'half-open';
}

export interface CreateLlmOptions {
  logger?: LoggerLike;
  promptsDir?: string;
  retry?: RetryOptions;
  breaker?: BreakerOptions;
  /** how many earlier turns the model sees (default 6) */
  historyTurns?: number;
}

export const NOTICES = {
  unavailable: {
    sv: 'Språkmodellen svarar inte just nu – här är svaret direkt ur källorna.',
    en: 'The language model is not responding right now – here is the answer straight from the sources.',
  },
  revised: {
    sv: 'Svaret har justerats efter kontroll mot källorna.',
    en: 'The answer was adjusted after checking it against the sources.',
  },
  language: {
    sv: 'Språkmodellen svarade på fel språk – här är svaret direkt ur källorna.',
    en: 'The language model answered in the wrong language – here is the answer straight from the sources.',
  },
  unverified: {
    sv: 'Språkmodellens svar kunde inte beläggas i källorna – här är svaret direkt ur källorna.',
    en: "The language model's answer could not be verified against the sources – here is the answer straight from the sources.",
  },
} as const;

const NOT_FOUND: Record<Language, string> = {
  sv: 'Jag hittar inget svar på det i källorna.',
  en: 'I cannot find an answer to that in the sources.',
};

const LANGUAGE_NAME: Record<Language, string> = { sv: 'svenska', en: 'engelska (answer in English)' };

function escapeData(text: string): string {
  // the passages are wrapped in tags; a document must not be able to close them
  return text.replace(/</g, '‹').replace(/>/g, '›');
}

export function formatPassages(passages: LlmAnswerInput['passages']): string {
  return passages
    .map((p) => {
      const clean = sanitizePassage(p.chunk.text).text;
      const where = [p.chunk.title, p.chunk.section].filter(Boolean).map(escapeData).join(' – ');
      return `<avsnitt n="${p.n}" källa="${where.replace(/"/g, "'")}">\n${escapeData(clean)}\n</avsnitt>`;
    })
    .join('\n\n');
}

/** function words of the other language needed before an answer is judged to be in it */
const LANGUAGE_EVIDENCE = 2;
/** words of verified answer held back before the first token, so its language can be checked */
const LANGUAGE_SAMPLE_WORDS = 6;

/**
 * True when an answer is clearly in the other language than the question's: the other language has
 * at least LANGUAGE_EVIDENCE function words and more than the expected one (names and numbers alone
 * decide nothing).
 */
export function wrongLanguage(answer: string, expected: Language): boolean {
  const scores = languageScores(stripMarkers(answer));
  const other: Language = expected === 'sv' ? 'en' : 'sv';
  return scores[other] >= LANGUAGE_EVIDENCE && scores[other] > scores[expected];
}

function stripMarkers(text: string): string {
  return text.replace(/\s*\[\d+\]/g, '').trim();
}

class OpenAiEmbedder implements Embedder {
  readonly id: string;
  private detectedDim = 0;
  constructor(
    private readonly client: ChatClient,
    private readonly model: string,
  ) {
    this.id = `openai:${model}`;
  }
  /** known after the first call (0 before) */
  get dim(): number {
    return this.detectedDim;
  }
  async embedDocuments(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    const v = await this.client.embed(this.model, texts);
    this.detectedDim = v[0]?.length ?? this.detectedDim;
    return v;
  }
  async embedQuery(text: string): Promise<number[]> {
    return (await this.embedDocuments([text]))[0]!;
  }
}

class OpenAiLlm implements Llm {
  private readonly embedderInstance: Embedder | null;

  circuitState(): 'closed' | 'open' | 'half-open' {
    return this.client.breaker.state;
  }

  constructor(
    private readonly client: ChatClient,
    private readonly prompts: Prompts,
    private readonly config: Config,
    private readonly opts: CreateLlmOptions,
  ) {
    this.embedderInstance = config.llm.embeddingModel ? new OpenAiEmbedder(client, config.llm.embeddingModel) : null;
  }

  private messages(input: LlmAnswerInput): ChatMessage[] {
    const system = renderPrompt(this.prompts.system, { language_name: LANGUAGE_NAME[input.language] });
    // personal data never leaves for the model: the question and the turns before it go redacted, as they are stored
    // (a personnummer or a phone number typed beside a question answers nothing in the sources)
    const history = input.history.slice(-(this.opts.historyTurns ?? 6)).map<ChatMessage>((t) => ({
      role: t.role,
      content: redactPersonalData(stripMarkers(t.text).slice(0, 1500)),
    }));
    const user = renderPrompt(this.prompts.answer, {
      question: redactPersonalData(input.question),
      passages: formatPassages(input.passages),
      language_name: LANGUAGE_NAME[input.language],
      no_answer: NO_ANSWER,
    });
    return [{ role: 'system', content: system }, ...history, { role: 'user', content: user }];
  }

  private fallback(input: LlmAnswerInput, kind: 'unavailable' | 'unverified' | 'language', usage?: Usage, llmMs?: number): AskResult {
    return {
      ...input.extractive,
      mode: 'extractive',
      notice: NOTICES[kind][input.language],
      usage: { ...usage, llmMs: llmMs === undefined ? undefined : Math.round(llmMs) },
    };
  }

  private result(input: LlmAnswerInput, v: ValidatedAnswer, usage: Usage, llmMs: number): AskResult {
    const base = input.extractive;
    const timings = { ...base.timings, totalMs: Math.round((base.timings.totalMs + llmMs) * 10) / 10 };
    const u = { ...usage, llmMs: Math.round(llmMs) };
    if (v.noAnswer) {
      return {
        ...base,
        answered: false,
        answer: base.answered ? NOT_FOUND[input.language] : base.answer,
        citations: [],
        mode: 'llm',
        notice: undefined,
        usage: u,
        timings,
      };
    }
    return { ...base, answered: true, answer: v.answer, citations: v.citations, mode: 'llm', notice: undefined, usage: u, timings };
  }

  private logValidation(v: ValidatedAnswer) {
    if (v.removed.length) {
      this.opts.logger?.info?.(
        { removed: v.removed.map((r) => r.reason), keptShare: Math.round(v.keptShare * 100) / 100, fallback: v.fallback },
        'meningar utan stöd i källorna togs bort',
      );
    }
  }

  async answer(input: LlmAnswerInput): Promise<AskResult> {
    const t0 = performance.now();
    if (input.passages.length === 0) return input.extractive;
    try {
      const { text, usage, finishReason } = await this.client.complete(this.messages(input), { signal: input.signal });
      const validator = new AnswerValidator(input.passages, input.language);
      validator.push(text);
      // cut off at max_tokens: the last sentence is unfinished and is not shown
      const v = validator.finish({ unfinished: finishReason === 'length' }).result;
      this.logValidation(v);
      const ms = performance.now() - t0;
      if (v.fallback) return this.fallback(input, 'unverified', usage, ms);
      if (!v.noAnswer && wrongLanguage(v.answer, input.language)) {
        this.opts.logger?.info?.({ language: input.language }, 'språkmodellen svarade på fel språk');
        return this.fallback(input, 'language', usage, ms);
      }
      return this.result(input, v, usage, ms);
    } catch (err) {
      if (!(err instanceof LlmUnavailableError)) this.opts.logger?.error?.({ err: String(err) }, 'oväntat fel i LLM-läget');
      return this.fallback(input, 'unavailable', undefined, performance.now() - t0);
    }
  }

  async *streamAnswer(input: LlmAnswerInput): AsyncGenerator<AskEvent> {
    const t0 = performance.now();
    if (input.passages.length === 0) {
      yield* replay(input.extractive);
      return;
    }
    const validator = new AnswerValidator(input.passages, input.language);
    let streamed = '';
    // verified text is held back until its language is known (LANGUAGE_SAMPLE_WORDS words): an
    // answer in the wrong language is never shown, only replaced
    let held = '';
    let languageOk = false;
    let usage: Usage = {};
    let finish: string | null = null;
    try {
      for await (const part of this.client.stream(this.messages(input), { signal: input.signal })) {
        if ('usage' in part) {
          usage = part.usage;
          continue;
        }
        if ('finish' in part) {
          finish = part.finish;
          continue;
        }
        const shown = validator.push(part.text);
        if (!shown) continue;
        if (!languageOk) {
          held += shown;
          if (wrongLanguage(held, input.language)) break;
          if ((stripMarkers(held).match(/\p{L}+/gu)?.length ?? 0) < LANGUAGE_SAMPLE_WORDS) continue;
          languageOk = true;
          streamed += held;
          yield { type: 'token', text: held };
          held = '';
          continue;
        }
        streamed += shown;
        yield { type: 'token', text: shown };
      }
    } catch (err) {
      if (input.signal?.aborted) return;
      if (!(err instanceof LlmUnavailableError)) this.opts.logger?.error?.({ err: String(err) }, 'oväntat fel i LLM-läget');
      const fb = this.fallback(input, 'unavailable', usage, performance.now() - t0);
      yield* replay(fb, streamed !== '');
      return;
    }
    if (wrongLanguage(held, input.language)) {
      this.opts.logger?.info?.({ language: input.language }, 'språkmodellen svarade på fel språk');
      yield* replay(this.fallback(input, 'language', usage, performance.now() - t0), streamed !== '');
      return;
    }
    const { tail, result: v } = validator.finish({ unfinished: finish === 'length' });
    this.logValidation(v);
    const ms = performance.now() - t0;
    if (v.fallback) {
      yield* replay(this.fallback(input, 'unverified', usage, ms), streamed !== '');
      return;
    }
    if (!v.noAnswer && wrongLanguage(v.answer, input.language)) {
      this.opts.logger?.info?.({ language: input.language }, 'språkmodellen svarade på fel språk');
      yield* replay(this.fallback(input, 'language', usage, ms), streamed !== '');
      return;
    }
    const rest = held + tail;
    if (rest) {
      streamed += rest;
      yield { type: 'token', text: rest };
    }
    const result = this.result(input, v, usage, ms);
    if (result.answer !== streamed.trim()) {
      // only the no-answer case shows text that was not streamed
      if (streamed === '') yield { type: 'token', text: result.answer };
      else yield { type: 'notice', text: NOTICES.revised[input.language] };
    }
    yield { type: 'citations', citations: result.citations };
    yield { type: 'done', result };
  }

  async rewriteFollowUp(history: LlmAnswerInput['history'], question: string, language: Language): Promise<string> {
    if (history.length === 0) return question;
    const transcript = history
      .slice(-(this.opts.historyTurns ?? 6))
      .map((t) => `${t.role === 'user' ? 'Användare' : 'Assistent'}: ${escapeData(redactPersonalData(stripMarkers(t.text).slice(0, 600)))}`)
      .join('\n');
    try {
      const { text } = await this.client.complete(
        [
          { role: 'system', content: renderPrompt(this.prompts.system, { language_name: LANGUAGE_NAME[language] }) },
          { role: 'user', content: renderPrompt(this.prompts.rewrite, { history: transcript, question: redactPersonalData(question) }) },
        ],
        { maxTokens: 200, temperature: 0 },
      );
      const line = text
        .split('\n')
        .map((l) => l.trim())
        .find(Boolean)
        ?.replace(/^(omskriven fråga|fråga|question|rewritten question)\s*:\s*/i, '')
        .replace(/^["'“”«»]+|["'“”«»]+$/g, '')
        .trim();
      if (!line || line.length > 1000 || line.includes(NO_ANSWER)) return rewriteFollowUpOffline(history, question);
      return line;
    } catch {
      return rewriteFollowUpOffline(history, question);
    }
  }

  embedder(): Embedder | null {
    return this.embedderInstance;
  }

  async complete(promptName: string, vars: Record<string, string>, opts: { signal?: AbortSignal } = {}): Promise<string | null> {
    const prompt = this.prompts[promptName];
    if (!prompt) {
      this.opts.logger?.error?.({ prompt: promptName }, 'okänd prompt');
      return null;
    }
    try {
      const language_name = vars.language_name ?? LANGUAGE_NAME.sv;
      const filled = { no_answer: NO_ANSWER, ...vars, language_name };
      const { text } = await this.client.complete(
        [
          { role: 'system', content: renderPrompt(this.prompts.system, { language_name }) },
          { role: 'user', content: renderPrompt(prompt, filled) },
        ],
        { signal: opts.signal },
      );
      const out = text.trim();
      return out && !out.includes(NO_ANSWER) ? out : null;
    } catch (err) {
      if (!(err instanceof LlmUnavailableError)) this.opts.logger?.error?.({ prompt: promptName, err: String(err) }, 'prompten kunde inte fyllas');
      return null;
    }
  }
}

/** Replays a finished result as events; `supersede` sends the notice that replaces streamed text. */
async function* replay(result: AskResult, supersede = false): AsyncGenerator<AskEvent> {
  if (result.notice) yield { type: 'notice', text: result.notice };
  else if (supersede) yield { type: 'notice', text: NOTICES.revised[result.language] };
  yield { type: 'token', text: result.answer };
  yield { type: 'citations', citations: result.citations };
  yield { type: 'done', result };
}

/** The LLM, or null when no endpoint is configured. Throws when a prompt file is missing or malformed. */
export function createLlm(config: Config, opts: CreateLlmOptions = {}): Llm | null {
  if (!config.llm.enabled) return null;
  const prompts = loadPrompts(opts.promptsDir);
  const client = new ChatClient({
    baseURL: config.llm.baseURL,
    apiKey: config.llm.apiKey,
    chatModel: config.llm.chatModel,
    timeoutMs: config.llm.timeoutMs,
    retry: opts.retry,
    breaker: new CircuitBreaker(opts.breaker),
    logger: opts.logger,
  });
  return new OpenAiLlm(client, prompts, config, opts);
}

export type { Embedder };
