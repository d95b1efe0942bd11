/**
 * Prometheus metrics (prom-client, text exposition format 0.0.4), one registry per server.
 *
 * | metric | type | labels |
 * | --- | --- | --- |
 * | brygga_http_requests_total | counter | route (the route pattern), method, status, channel |
 * | brygga_http_request_duration_seconds | histogram | route, channel |
 * | brygga_rate_limited_total | counter | route, channel (requests answered 429) |
 * | brygga_answers_total | counter | channel, outcome (answered, passages, not_found) |
 * | brygga_llm_answers_total | counter | result (llm: the model's answer; fallback: the offline answer after a model failure) |
 * | brygga_llm_duration_seconds | histogram | time spent in model calls per answer |
 * | brygga_llm_circuit_state | gauge | 0 closed, 1 half-open, 2 open; only with a model configured |
 * | brygga_index_documents, brygga_index_chunks, brygga_index_bytes | gauge | the serving index |
 * | brygga_index_built_timestamp_seconds, brygga_index_age_seconds | gauge | when the index was built |
 * | brygga_process_*, nodejs_* | | prom-client's default process metrics, prefixed |
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AskResult } from './domain/types.js';

export type Outcome = 'answered' | 'passages' | 'not_found';

/** The outcome of an answer: a direct answer, the closest passages (not an answer), or nothing. */
export function answerOutcome(r: Pick<AskResult, 'answered' | 'citations'> & { outcome?: unknown }): Outcome {
  if (r.outcome === 'answered' || r.outcome === 'passages' || r.outcome === 'not_found') return r.outcome;
  if (r.answered) return 'answered';
  return r.citations.length > 0 ? 'passages' : 'not_found';
}

/** The channel a route belongs to (its first path segments), for labels with a bounded set of values. */
export function channelOfRoute(route: string | undefined): string {
  if (!route) return 'none';
  if (route.startsWith('/slack/')) return 'slack';
  if (route === '/api/messages' || route.startsWith('/api/teams/')) return 'teams';
  if (route.startsWith('/admin')) return 'admin';
  if (route === '/metrics' || route === '/healthz' || route === '/readyz') return 'ops';
  return 'web';
}

export interface MetricsSources {
  /** the serving index: documents, chunks, bytes on disk, build time (ISO) */
  index(): Promise<{ documents: number; chunks: number; bytes: number; builtAt: string | null }>;
  /** the model's circuit breaker, or null without a model */
  circuit(): 'closed' | 'open' | 'half-open' | null;
  /** whether a model is configured (fallbacks are counted only then) */
  llmEnabled: boolean;
}

export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'route' | 'method' | 'status' | 'channel'>;
  private readonly duration: Histogram<'route' | 'channel'>;
  private readonly rateLimited: Counter<'route' | 'channel'>;
  private readonly answers: Counter<'channel' | 'outcome'>;
  private readonly llmAnswers: Counter<'result'>;
  private readonly llmDuration: Histogram;

  constructor(private readonly sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'brygga_' });
    this.requests = new Counter({ name: 'brygga_http_requests_total', help: 'HTTP requests by route pattern, method, status and channel', labelNames: ['route', 'method', 'status', 'channel'], registers });
    this.duration = new Histogram({
      name: 'brygga_http_request_duration_seconds',
      help: 'HTTP request latency by route pattern and channel',
      labelNames: ['route', 'channel'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
      registers,
    });
    this.rateLimited = new Counter({ name: 'brygga_rate_limited_total', help: 'Requests refused with 429 by the rate limits', labelNames: ['route', 'channel'], registers });
    this.answers = new Counter({ name: 'brygga_answers_total', help: 'Answers by channel and outcome (answered, passages, not_found)', labelNames: ['channel', 'outcome'], registers });
    for (const channel of ['web', 'slack', 'teams']) for (const outcome of ['answered', 'passages', 'not_found']) this.answers.inc({ channel, outcome }, 0);
    this.llmAnswers = new Counter({ name: 'brygga_llm_answers_total', help: 'Answers with a configured model: llm (the model answered) or fallback (the offline answer after a model failure)', labelNames: ['result'], registers });
    this.llmDuration = new Histogram({ name: 'brygga_llm_duration_seconds', help: 'Time spent in model calls per answer', buckets: [0.25, 0.5, 1, 2, 4, 8, 15, 30], registers });
    if (sources.llmEnabled)
      new Gauge({
        name: 'brygga_llm_circuit_state',
        help: 'The model circuit breaker: 0 closed, 1 half-open, 2 open',
        registers,
        collect() {
          const s = sources.circuit() ?? 'closed'; // no assistant yet: nothing has failed
          this.set(s === 'closed' ? 0 : s === 'half-open' ? 1 : 2);
        },
      });
    const indexGauge = (name: string, help: string, pick: (i: Awaited<ReturnType<MetricsSources['index']>>) => number | null) =>
      new Gauge({
        name,
        help,
        registers,
        async collect() {
          const v = pick(await sources.index());
          if (v === null) this.reset();
          else this.set(v);
        },
      });
    indexGauge('brygga_index_documents', 'Documents in the serving index', (i) => i.documents);
    indexGauge('brygga_index_chunks', 'Chunks (passages) in the serving index', (i) => i.chunks);
    indexGauge('brygga_index_bytes', 'Bytes of the serving index on disk', (i) => i.bytes);
    indexGauge('brygga_index_built_timestamp_seconds', 'When the serving index was built (Unix time)', (i) => (i.builtAt ? Date.parse(i.builtAt) / 1000 : null));
    indexGauge('brygga_index_age_seconds', 'Age of the serving index', (i) => (i.builtAt ? (Date.now() - Date.parse(i.builtAt)) / 1000 : null));
  }

  /** counts one answer of a channel */
  observeAnswer(channel: string, result: AskResult): void {
    this.answers.inc({ channel, outcome: answerOutcome(result) });
    if (!this.sources.llmEnabled) return;
    if (result.mode === 'llm') this.llmAnswers.inc({ result: 'llm' });
    else if (result.notice) this.llmAnswers.inc({ result: 'fallback' });
    if (typeof result.usage?.llmMs === 'number') this.llmDuration.observe(result.usage.llmMs / 1000);
  }

  /** fastify hooks: every request is counted and timed by its route pattern (never its raw URL) */
  instrument(app: FastifyInstance): void {
    app.addHook('onResponse', async (req: FastifyRequest, reply) => {
      const route = req.routeOptions.url ?? 'not_found';
      const channel = channelOfRoute(req.routeOptions.url);
      this.requests.inc({ route, method: req.method, status: String(reply.statusCode), channel });
      this.duration.observe({ route, channel }, reply.elapsedTime / 1000);
      if (reply.statusCode === 429) this.rateLimited.inc({ route, channel });
    });
  }

  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
