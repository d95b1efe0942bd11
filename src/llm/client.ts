/**
 * A resilient client for an OpenAI-compatible endpoint (the `openai` SDK underneath):
 * - one deadline per call (config.llm.timeoutMs) covering every attempt; for streams, the deadline
 *   covers the wait for the first chunk and then the longest silence between chunks;
 * - retries with exponential backoff and jitter on 429, 5xx and connection errors, honouring
 *   Retry-After / retry-after-ms when it fits in the remaining time (capped at MAX_RETRY_AFTER_MS);
 * - a circuit breaker: after `failureThreshold` consecutive failed calls it opens and calls fail
 *   at once; after `coolDownMs` one trial call is let through (half-open); its success closes it.
 * The SDK's own retries are switched off so that these rules are the only ones.
 */
import type OpenAI from 'openai';
import { z } from 'zod';

type OpenAiModule = typeof import('openai');
let sdkImport: Promise<OpenAiModule> | null = null;
/** the SDK once imported (classify's error classes); null until the first call needs it */
let sdkModule: OpenAiModule | null = null;
/**
 * The openai SDK, imported on the first model call: it takes about 0.1 s to load, which offline
 * commands and servers never need (issue 17).
 */
function loadSdk(): Promise<OpenAiModule> {
  return (sdkImport ??= import('openai').then((m) => (sdkModule = m)));
}

export interface LoggerLike {
  info?(obj: unknown, msg?: string): void;
  warn?(obj: unknown, msg?: string): void;
  error?(obj: unknown, msg?: string): void;
}

export type FailureKind = 'circuit-open' | 'timeout' | 'rate-limited' | 'server' | 'network' | 'malformed' | 'client' | 'aborted';

/** The endpoint could not give an answer; `kind` says why. */
export class LlmUnavailableError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'LlmUnavailableError';
  }
}

export interface BreakerOptions {
  failureThreshold?: number;
  coolDownMs?: number;
  now?: () => number;
}

export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;
  readonly failureThreshold: number;
  readonly coolDownMs: number;
  private readonly now: () => number;

  constructor(opts: BreakerOptions = {}) {
    this.failureThreshold = opts.failureThreshold ?? 3;
    this.coolDownMs = opts.coolDownMs ?? 30_000;
    this.now = opts.now ?? Date.now;
  }

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.coolDownMs ? 'half-open' : 'open';
  }

  /** May a call go out now? In half-open state only one trial call at a time. */
  tryAcquire(): boolean {
    const s = this.state;
    if (s === 'closed') return true;
    if (s === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  failure(): void {
    this.trialInFlight = false;
    this.failures++;
    if (this.openedAt !== null || this.failures >= this.failureThreshold) this.openedAt = this.now();
  }

  /** a call that ended without a verdict on the endpoint (e.g. the user went away) */
  release(): void {
    this.trialInFlight = false;
  }
}

export interface RetryOptions {
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export const MAX_RETRY_AFTER_MS = 10_000;

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface Usage {
  promptTokens?: number;
  completionTokens?: number;
}

export interface ClientOptions {
  baseURL?: string;
  apiKey?: string;
  chatModel?: string;
  timeoutMs: number;
  retry?: RetryOptions;
  breaker?: CircuitBreaker;
  logger?: LoggerLike;
}

const CompletionSchema = z.object({
  choices: z
    .array(z.object({ message: z.object({ content: z.string().nullable().optional() }), finish_reason: z.string().nullable().optional() }))
    .min(1),
  usage: z.object({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional() }).nullish(),
});

const ChunkSchema = z.object({
  choices: z
    .array(z.object({ delta: z.object({ content: z.string().nullish() }).partial().nullish(), finish_reason: z.string().nullish() }))
    .optional(),
  usage: z.object({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional() }).nullish(),
});

const EmbeddingsSchema = z.object({
  data: z.array(z.object({ embedding: z.array(z.number()), index: z.number().int().optional() })).min(1),
});

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new LlmUnavailableError('aborted', 'avbruten'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new LlmUnavailableError('aborted', 'avbruten'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Milliseconds the server asked us to wait, if any. */
function retryAfterMs(headers: Headers | undefined): number | null {
  if (!headers) return null;
  const ms = headers.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const ra = headers.get('retry-after');
  if (!ra) return null;
  if (/^\d+(\.\d+)?$/.test(ra.trim())) return Number(ra) * 1000;
  const date = Date.parse(ra);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : null;
}

function classify(err: unknown, deadlineHit: boolean, userAborted: boolean): LlmUnavailableError {
  if (err instanceof LlmUnavailableError) return err;
  if (userAborted) return new LlmUnavailableError('aborted', 'avbruten');
  if (deadlineHit) return new LlmUnavailableError('timeout', 'tidsgränsen överskreds');
  const sdk = sdkModule;
  if (!sdk) return new LlmUnavailableError('malformed', err instanceof Error ? err.message.slice(0, 200) : 'ogiltigt svar');
  if (err instanceof sdk.APIUserAbortError) return new LlmUnavailableError('timeout', 'tidsgränsen överskreds');
  if (err instanceof sdk.APIConnectionError) {
    return new LlmUnavailableError(/timed? ?out/i.test(err.message) ? 'timeout' : 'network', err.message);
  }
  if (err instanceof sdk.APIError && typeof err.status === 'number') {
    if (err.status === 429) return new LlmUnavailableError('rate-limited', `HTTP 429`, 429);
    if (err.status >= 500) return new LlmUnavailableError('server', `HTTP ${err.status}`, err.status);
    return new LlmUnavailableError('client', `HTTP ${err.status}`, err.status);
  }
  return new LlmUnavailableError('malformed', err instanceof Error ? err.message.slice(0, 200) : 'ogiltigt svar');
}

const RETRYABLE: FailureKind[] = ['rate-limited', 'server', 'network'];

export class ChatClient {
  readonly breaker: CircuitBreaker;
  private readonly retry: Required<RetryOptions>;
  private client: Promise<OpenAI> | null = null;

  /** the SDK client, made on the first call (see loadSdk) */
  private sdk(): Promise<OpenAI> {
    const opts = this.opts;
    const azure = opts.baseURL ? /\.azure\.com$|\.azure-api\.net$/i.test(new URL(opts.baseURL).hostname) : false;
    return (this.client ??= loadSdk().then(
      (m) =>
        new m.default({
          baseURL: opts.baseURL,
          // local servers (Ollama, vLLM, llama.cpp) accept any key
          apiKey: opts.apiKey ?? 'no-key',
          maxRetries: 0,
          timeout: opts.timeoutMs,
          // Azure OpenAI's v1 endpoint also accepts the key in its own header
          defaultHeaders: azure && opts.apiKey ? { 'api-key': opts.apiKey } : undefined,
        }),
    ));
  }

  constructor(private readonly opts: ClientOptions) {
    if (opts.baseURL) new URL(opts.baseURL); // an invalid base URL fails here, as the SDK's constructor did
    this.breaker = opts.breaker ?? new CircuitBreaker();
    this.retry = { maxRetries: 2, baseDelayMs: 250, maxDelayMs: 4000, ...opts.retry };
  }

  /**
   * Runs `attempt` under the deadline, retry and breaker rules. `attempt` gets a signal that aborts
   * at the deadline or when the caller aborts, and the remaining milliseconds.
   */
  private async run<T>(
    what: string,
    signal: AbortSignal | undefined,
    attempt: (signal: AbortSignal, remainingMs: number) => Promise<T>,
  ): Promise<T> {
    if (!this.breaker.tryAcquire()) throw new LlmUnavailableError('circuit-open', 'kretsbrytaren är öppen');
    const deadline = Date.now() + this.opts.timeoutMs;
    const controller = new AbortController();
    let deadlineHit = false;
    const timer = setTimeout(() => {
      deadlineHit = true;
      controller.abort();
    }, this.opts.timeoutMs);
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (let i = 0; ; i++) {
        try {
          const out = await attempt(controller.signal, Math.max(1, deadline - Date.now()));
          this.breaker.success();
          return out;
        } catch (err) {
          const e = classify(err, deadlineHit, Boolean(signal?.aborted));
          const remaining = deadline - Date.now();
          let wait = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** i) * (0.5 + Math.random() / 2);
          const asked = sdkModule && err instanceof sdkModule.APIError ? retryAfterMs(err.headers as Headers | undefined) : null;
          if (asked !== null) wait = asked;
          const retry =
            RETRYABLE.includes(e.kind) && i < this.retry.maxRetries && wait <= MAX_RETRY_AFTER_MS && wait < remaining - 50;
          if (!retry) {
            if (e.kind === 'aborted') this.breaker.release();
            else this.breaker.failure();
            this.opts.logger?.warn?.({ llm: what, kind: e.kind, status: e.status, attempts: i + 1 }, 'språkmodellen misslyckades');
            throw e;
          }
          this.opts.logger?.info?.({ llm: what, kind: e.kind, status: e.status, retryInMs: Math.round(wait) }, 'försöker igen');
          try {
            await sleep(wait, controller.signal);
          } catch {
            const e2 = classify(null, deadlineHit, Boolean(signal?.aborted));
            if (e2.kind === 'aborted') this.breaker.release();
            else this.breaker.failure();
            throw e2;
          }
        }
      }
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** One chat completion (JSON). */
  async complete(
    messages: ChatMessage[],
    opts: { signal?: AbortSignal; maxTokens?: number; temperature?: number } = {},
  ): Promise<{ text: string; usage: Usage; ms: number; finishReason: string | null }> {
    const t0 = performance.now();
    return this.run('chat', opts.signal, async (signal, remainingMs) => {
      const raw = await (await this.sdk()).chat.completions.create(
        {
          model: this.opts.chatModel ?? '',
          messages,
          temperature: opts.temperature ?? 0.1,
          ...(opts.maxTokens ? { max_tokens: opts.maxTokens } : {}),
        },
        { signal, timeout: remainingMs, maxRetries: 0 },
      );
      const parsed = CompletionSchema.safeParse(raw);
      if (!parsed.success) throw new LlmUnavailableError('malformed', 'svaret har fel form');
      const text = parsed.data.choices[0]!.message.content ?? '';
      return {
        text,
        finishReason: parsed.data.choices[0]!.finish_reason ?? null,
        usage: { promptTokens: parsed.data.usage?.prompt_tokens, completionTokens: parsed.data.usage?.completion_tokens },
        ms: performance.now() - t0,
      };
    });
  }

  /**
   * A streamed chat completion: yields text deltas, then `{ finish }` (the finish_reason: "stop",
   * "length", …) and `{ usage }` once. Retries only while connecting; a failure after the first
   * delta is thrown to the caller, and so is a stream that ends without a finish_reason (cut off
   * before its end: its last sentence may be truncated).
   */
  async *stream(
    messages: ChatMessage[],
    opts: { signal?: AbortSignal; maxTokens?: number; temperature?: number } = {},
  ): AsyncGenerator<{ text: string } | { usage: Usage } | { finish: string }> {
    let idle: NodeJS.Timeout | undefined;
    const streamController = new AbortController();
    const onAbort = () => streamController.abort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    let idleHit = false;
    try {
      const stream = await this.run('chat-stream', opts.signal, async (signal) => {
        signal.addEventListener('abort', () => streamController.abort(), { once: true });
        return (await this.sdk()).chat.completions.create(
          {
            model: this.opts.chatModel ?? '',
            messages,
            temperature: opts.temperature ?? 0.1,
            stream: true,
            stream_options: { include_usage: true },
            ...(opts.maxTokens ? { max_tokens: opts.maxTokens } : {}),
          },
          { signal: streamController.signal, maxRetries: 0 },
        );
      });
      // the breaker already counted the connection as a success; a broken stream counts as a failure
      const armIdle = () => {
        clearTimeout(idle);
        idle = setTimeout(() => {
          idleHit = true;
          streamController.abort();
        }, this.opts.timeoutMs);
      };
      armIdle();
      let usage: Usage | null = null;
      let finish: string | null = null;
      try {
        for await (const chunk of stream) {
          armIdle();
          const parsed = ChunkSchema.safeParse(chunk);
          if (!parsed.success) throw new LlmUnavailableError('malformed', 'strömmen har fel form');
          if (parsed.data.usage) {
            usage = { promptTokens: parsed.data.usage.prompt_tokens, completionTokens: parsed.data.usage.completion_tokens };
          }
          const text = parsed.data.choices?.[0]?.delta?.content;
          if (text) yield { text };
          finish = parsed.data.choices?.[0]?.finish_reason ?? finish;
        }
        // the SDK ends an aborted stream quietly: a silence or the caller's abort is not a finished answer
        if (idleHit) throw new LlmUnavailableError('timeout', 'strömmen tystnade');
        if (opts.signal?.aborted) throw new LlmUnavailableError('aborted', 'avbruten');
        // neither is a stream that ended without saying why (no finish_reason): it was cut off
        if (!finish) throw new LlmUnavailableError('network', 'strömmen slutade före sitt slut');
      } catch (err) {
        const e = classify(err, idleHit, Boolean(opts.signal?.aborted));
        if (e.kind !== 'aborted') this.breaker.failure();
        this.opts.logger?.warn?.({ llm: 'chat-stream', kind: e.kind }, 'strömmen bröts');
        throw e;
      }
      yield { finish: finish! };
      if (usage) yield { usage };
    } finally {
      clearTimeout(idle);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Embeddings for many texts (batched); the SDK asks for and decodes base64. */
  async embed(model: string, texts: string[], opts: { signal?: AbortSignal } = {}): Promise<number[][]> {
    const out: number[][] = [];
    const BATCH = 64;
    for (let i = 0; i < texts.length; i += BATCH) {
      const batch = texts.slice(i, i + BATCH);
      const vectors = await this.run('embeddings', opts.signal, async (signal, remainingMs) => {
        const raw = await (await this.sdk()).embeddings.create({ model, input: batch }, { signal, timeout: remainingMs, maxRetries: 0 });
        const parsed = EmbeddingsSchema.safeParse(raw);
        if (!parsed.success || parsed.data.data.length !== batch.length) {
          throw new LlmUnavailableError('malformed', 'inbäddningarna har fel form');
        }
        return [...parsed.data.data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0)).map((d) => d.embedding);
      });
      out.push(...vectors);
    }
    return out;
  }
}
