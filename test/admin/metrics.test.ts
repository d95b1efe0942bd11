/**
 * GET /metrics in the Prometheus text format: protected by the bearer token on the main port, or
 * served without a token on BRYGGA_METRICS_PORT only; counts requests, answers by outcome,
 * rate-limited requests, and shows the index and the model's circuit breaker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResult } from '../../src/domain/types.js';
import { CircuitBreaker } from '../../src/llm/index.js';
import { answerOutcome, Metrics } from '../../src/metrics.js';
import { postJson, startBrygga, type Running } from '../server/fixture.js';

const TOKEN = 'metrics-token-0123456789abcdef';

/** the value of one sample of the exposition text, or null */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return null;
}

describe('/metrics with the bearer token', () => {
  let srv: Running;
  beforeAll(async () => {
    srv = await startBrygga({ env: { BRYGGA_ADMIN_TOKEN: TOKEN }, rateLimits: { chatPerIp: { capacity: 4, perMinute: 1 } } });
    await srv.ready;
  });
  afterAll(() => srv?.stop());

  it('answers 401 without or with a wrong token, never metrics', async () => {
    for (const headers of [{}, { authorization: `Bearer ${TOKEN}0` }, { authorization: 'Bearer nej' }] as Array<Record<string, string>>) {
      const r = await fetch(`${srv.url}/metrics`, { headers });
      expect(r.status).toBe(401);
      expect(await r.text()).not.toContain('brygga_');
    }
  });

  it('counts requests, answers by outcome, rate-limited requests, and shows the index', async () => {
    // each answer's outcome as the client saw it: answered, the closest passages, or nothing found
    const outcomes = { answered: 0, passages: 0, not_found: 0 };
    const count = (json: { answered: boolean; citations: unknown[] }) => outcomes[json.answered ? 'answered' : json.citations.length ? 'passages' : 'not_found']++;
    const first = await postJson(`${srv.url}/api/chat`, { message: 'Vem är projektägare för Projekt Rekrytera?' });
    count(first.json);
    const off = await postJson(`${srv.url}/api/chat`, { message: 'Vad kostar en parkeringsplats vid simhallen i Zyxby?' });
    expect(off.json.answered).toBe(false);
    count(off.json);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await postJson(`${srv.url}/api/chat`, { message: 'Vad är ett socialt företag?' });
      statuses.push(r.status);
      if (r.status === 200) count(r.json);
    }
    expect(statuses).toContain(429);

    const r = await fetch(`${srv.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await r.text();
    for (const outcome of ['answered', 'passages', 'not_found'] as const)
      expect(sample(text, 'brygga_answers_total', { channel: 'web', outcome }) ?? 0, outcome).toBe(outcomes[outcome]);
    expect(outcomes.not_found).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'brygga_http_requests_total', { route: '/api/chat', method: 'POST', status: '200', channel: 'web' })).toBe(outcomes.answered + outcomes.passages + outcomes.not_found);
    expect(sample(text, 'brygga_rate_limited_total', { route: '/api/chat', channel: 'web' })).toBe(statuses.filter((s) => s === 429).length);
    expect(sample(text, 'brygga_http_request_duration_seconds_count', { route: '/api/chat', channel: 'web' })).toBe(6);
    expect(sample(text, 'brygga_index_chunks')).toBeGreaterThan(100);
    expect(sample(text, 'brygga_index_documents')).toBeGreaterThan(3);
    expect(sample(text, 'brygga_index_bytes')).toBeGreaterThan(100_000);
    expect(sample(text, 'brygga_index_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'brygga_index_built_timestamp_seconds')).toBeLessThanOrEqual(Date.now() / 1000);
    // no model configured: no circuit state, no model answers
    expect(sample(text, 'brygga_llm_circuit_state')).toBeNull();
    expect(text).not.toMatch(/^brygga_llm_answers_total\{/m);
    // routes are labelled by pattern, never by raw URL
    await fetch(`${srv.url}/sources/some-doc-${Date.now()}?lines=1-2`);
    const again = await (await fetch(`${srv.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(again).toContain('route="/sources/*"');
    expect(again).not.toContain('some-doc-');
  });
});

describe('/metrics on BRYGGA_METRICS_PORT', () => {
  it('serves metrics without a token on its own port only; the main port has no /metrics', async () => {
    const srv = await startBrygga({ env: { BRYGGA_METRICS_PORT: '0' } });
    try {
      await srv.ready;
      expect((await fetch(`${srv.url}/metrics`)).status).toBe(404);
      const url = srv.metricsUrl();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(url).not.toBe(srv.url);
      const r = await fetch(`${url}/metrics`);
      expect(r.status).toBe(200);
      expect(await r.text()).toMatch(/^brygga_index_chunks \d+$/m);
      expect((await fetch(`${url}/api/chat`, { method: 'POST' })).status).toBe(404);
    } finally {
      await srv.stop();
    }
  });

  it('without a token or metrics port there is no /metrics', async () => {
    const srv = await startBrygga();
    try {
      expect((await fetch(`${srv.url}/metrics`)).status).toBe(404);
    } finally {
      await srv.stop();
    }
  });
});

describe('model metrics', () => {
  const result = (over: Partial<AskResult>): AskResult => ({ answered: true, language: 'sv', answer: 'x', citations: [], retrieved: [], mode: 'extractive', timings: { retrieveMs: 1, totalMs: 2 }, ...over });

  it('classifies outcomes: answered, the closest passages, nothing found', () => {
    const cite = { n: 1, docId: 'd', title: 't', section: '', lines: [1, 2] as [number, number], page: null, quote: 'q' };
    expect(answerOutcome(result({ answered: true, citations: [cite] }))).toBe('answered');
    expect(answerOutcome(result({ answered: false, citations: [cite] }))).toBe('passages');
    expect(answerOutcome(result({ answered: false, citations: [] }))).toBe('not_found');
  });

  it('counts model answers and fallbacks and shows the circuit breaker state', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2, coolDownMs: 60_000 });
    const m = new Metrics({ index: async () => ({ documents: 1, chunks: 2, bytes: 3, builtAt: new Date().toISOString() }), circuit: () => breaker.state, llmEnabled: true });
    m.observeAnswer('teams', result({ mode: 'llm', usage: { llmMs: 1200 } }));
    m.observeAnswer('web', result({ mode: 'extractive', notice: 'Språkmodellen svarar inte just nu' }));
    let text = (await m.text()).body;
    expect(sample(text, 'brygga_llm_answers_total', { result: 'llm' })).toBe(1);
    expect(sample(text, 'brygga_llm_answers_total', { result: 'fallback' })).toBe(1);
    expect(sample(text, 'brygga_llm_duration_seconds_sum')).toBeCloseTo(1.2);
    expect(sample(text, 'brygga_answers_total', { channel: 'teams', outcome: 'answered' })).toBe(1);
    expect(sample(text, 'brygga_llm_circuit_state')).toBe(0);
    breaker.failure();
    breaker.failure();
    text = (await m.text()).body;
    expect(sample(text, 'brygga_llm_circuit_state')).toBe(2);
  });
});
