/**
 * Brygga's HTTP server (fastify). Listens at once; the assistant (and the index, built on first
 * start) is created in the background and `/readyz` says when it is ready. Core routes live in
 * web.ts; chat-platform channels (Slack, Teams) are plugins from channels.ts registered after them.
 */
import underPressure from '@fastify/under-pressure';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Assistant } from '../assistant-types.js';
import { registerAdmin, type MountedAdmin } from '../admin/index.js';
import { adminEnabled, type Config } from '../config.js';
import { InputError, type AskEvent, type AskRequest, type AskResult } from '../domain/types.js';
import { createLogger, type Logger } from '../logger.js';
import { checkBearer } from '../admin/auth.js';
import { indexSummary } from '../admin/documents.js';
import { Metrics } from '../metrics.js';
import { registerHandover } from '../handover.js';
import { resilientStore, storeFile, type Store } from '../storage/store.js';
import { openPostgresStore, StorageUnavailable, type PostgresStore } from '../storage/postgres.js';
import type { IndexData } from '../ingest/ingest.js';
import { createHash } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { channels as registeredChannels, type ChannelDeps, type ChannelPlugin } from './channels.js';
import { HttpError, pickLang, t, type TextKey } from './messages.js';
import { detectLanguage } from '../answer/language.js';
import type { BucketOptions } from './rate-limit.js';
import { createSourceLinks, loadLinkSecret } from './signed-links.js';
import { registerWebRoutes } from './web.js';

export interface RateLimits {
  /** requests to /api/chat per client IP */
  chatPerIp: BucketOptions;
  /** requests to /api/chat per session */
  chatPerSession: BucketOptions;
  /** other web API requests (feedback, delete) per client IP */
  apiPerIp: BucketOptions;
}

/**
 * Default limits. Per IP is the looser one because many residents share an address (an office, a
 * school or a library behind NAT); it was 20 per 100 s, which locked out one colleague trying the
 * product after about 22 quick questions. One conversation stays at 8 per 80 s.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  chatPerIp: { capacity: 60, perMinute: 30 },
  chatPerSession: { capacity: 8, perMinute: 6 },
  apiPerIp: { capacity: 60, perMinute: 60 },
};

export interface BuildServerOptions {
  config: Config;
  /**
   * the assistant to use, or a promise of it (the server is ready when it resolves);
   * without it createAssistant(config) runs in the background
   */
  assistant?: Assistant | Promise<Assistant>;
  logger?: Logger;
  /** false turns rate limiting off (benchmarks); partial values override the defaults */
  rateLimits?: Partial<RateLimits> | false;
  /** channel plugins to register (default: the registry in channels.ts) */
  channels?: ChannelPlugin[];
  /**
   * how long a client may take to send a whole request, headers and body (default 15 s); a slower
   * client gets 408 and is disconnected, so slow bodies cannot hold connections open
   */
  requestTimeoutMs?: number;
  /**
   * overload protection (default: config.maxEventLoopDelayMs, the mean over each second, Retry-After 5 s);
   * false turns it off
   */
  overload?: Partial<OverloadOptions> | false;
}

export interface OverloadOptions {
  /** the event loop's mean delay (ms) over one sample above which requests get 503 at once; 0 = off */
  maxEventLoopDelayMs: number;
  /** how often the delay is sampled (ms) */
  sampleIntervalMs: number;
  /** the Retry-After (seconds) of a 503 for overload */
  retryAfterS: number;
  /** chat questions worked on at once (default config.maxChatInFlight); 0 = no limit */
  maxChatInFlight?: number;
}

/**
 * The routes shed under overload: the residents' chat, where the work is. Everything else still answers:
 * liveness, readiness and metrics stay observable, and Slack and Teams deliveries (few, signed, retried
 * or lost by the platform on an error) and the admin area are not refused.
 */
const SHED_ROUTES = new Set(['/api/chat']);

/** An error text's key as an error code: "rateLimited" → "rate_limited", "wrongType" → "wrong_type". */
function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

const REQUEST_TIMEOUT_MS = 15_000;

export interface BryggaServer {
  app: FastifyInstance;
  /** the assistant the server uses (its methods throw InputError 'not_ready' until ready) */
  assistant: Assistant;
  store: Store;
  /** the admin area, when configured (BRYGGA_ADMIN_TOKEN or OIDC) */
  admin: MountedAdmin | null;
  metrics: Metrics;
  /** the URL of the separate metrics listener (BRYGGA_METRICS_PORT) once listening, else null */
  metricsUrl(): string | null;
  /**
   * resolves when the assistant is ready; rejects if it could not be created. Creation starts
   * when the server listens (or is made ready for inject), at the latest half a second after
   * buildServer returned.
   */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** the largest body the server reads at all (channel activities included) */
const GLOBAL_BODY_LIMIT = 512 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;

export async function buildServer(opts: BuildServerOptions): Promise<BryggaServer> {
  const { config } = opts;
  const logger = opts.logger ?? createLogger(config);
  // SQLite (one replica): a database that cannot be used is named in the log and /readyz; the server
  // goes on answering with an in-memory store (conversations are then not kept) instead of failing
  // every chat. PostgreSQL (several replicas): nothing is kept in memory instead; while the database
  // is away, what needs it answers 503 with Retry-After and the pool reconnects when it is back.
  let storageProblem: string | null = null;
  const store: Store = config.databaseUrl
    ? openPostgresStore({ url: config.databaseUrl, onError: (err) => logger.warn({ err: err.message }, 'databasanslutningen bröts; ansluter igen vid nästa förfrågan') })
    : await resilientStore(config.dataDir, (err) => {
        storageProblem = err.reason;
        logger.error({ file: err.file, reason: err.reason }, `${err.message}: svarar utan att spara samtal`);
      });
  // PostgreSQL: the schema is migrated at start (node-pg-migrate's lock makes a second replica wait);
  // a database that is away does not stop the start: the first request that needs it migrates then
  if (config.databaseUrl) {
    const problem = await store.health();
    if (problem) logger.warn({ problem }, 'databasen kunde inte nås vid start; schemat migreras när den svarar');
  }

  let state: 'starting' | 'ready' | 'failed' = 'starting';
  /** when the (current) assistant became ready (performance.now()) */
  let readySince = 0;
  let current: Assistant | null = null;
  const isReady = () => state === 'ready';

  const requestTimeout = opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const app = Fastify({
    loggerInstance: logger,
    // Node enforces requestTimeout/headersTimeout when it checks connections: every second here
    // (its default is every 30 s, which would let a slow body live that much longer)
    serverFactory: (handler) =>
      http.createServer({ requestTimeout, headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(1000, requestTimeout) }, handler),
    requestTimeout,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: GLOBAL_BODY_LIMIT,
    return503OnClosing: true,
    forceCloseConnections: true,
    // behind a reverse proxy, request.ip (the rate limits' key) is the client that X-Forwarded-For
    // names, but only when the connection comes from a configured proxy (BRYGGA_TRUSTED_PROXIES)
    trustProxy: config.trustedProxies.length ? config.trustedProxies : false,
    // errors before a route is found speak Swedish (or the client's language) with a code, as every other error does:
    // an address that cannot be decoded ("/api/%E0%A4%A") …
    frameworkErrors: (err, req, reply) => {
      const lang = pickLang(undefined, req.headers['accept-language']);
      const key: TextKey = (err as FastifyError).code === 'FST_ERR_BAD_URL' ? 'badUrl' : 'badRequest';
      void (reply as unknown as FastifyReply).code(400).send({ error: t(key, lang), code: snakeCase(key) });
    },
    // … and a request Node's HTTP parser refuses: a body too slow to arrive (408), headers too large (431), a malformed
    // request or a Content-Length that does not fit (400); Fastify's own reply was English ("Client Timeout")
    clientErrorHandler: (err: NodeJS.ErrnoException, socket) => {
      if (err.code === 'ECONNRESET' || !socket.writable) {
        socket.destroy();
        return;
      }
      const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
      const key: TextKey = status === 408 ? 'requestTimeout' : status === 431 ? 'headersTooLarge' : 'badRequest';
      const body = JSON.stringify({ error: t(key, 'sv'), code: snakeCase(key) });
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    },
  }) as unknown as FastifyInstance;

  // Body parsers keep the raw text for signature checks (see channels.ts).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    // a compressed body is not read (a gzip bomb costs nothing this way): 415 says so, not "invalid JSON"
    const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity' && encoding !== '') return done(new HttpError(415, 'compressedBody'), undefined);
    const text = body as string;
    req.rawBody = text;
    if (text.trim() === '') return done(new HttpError(400, 'emptyBody'), undefined);
    try {
      // (a byte-order mark before the JSON, as some Windows tools write it, is no part of it: RFC 8259 §8.1)
      done(null, JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
    } catch {
      done(new HttpError(400, 'invalidJson'), undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string;
    req.rawBody = text;
    done(null, Object.fromEntries(new URLSearchParams(text)));
  });

  app.setErrorHandler((err: FastifyError | HttpError | InputError, req, reply) => {
    // an error speaks the question's language when the body holds one (a 429 to an English question is English)
    const body = req.body as { lang?: unknown; message?: unknown } | undefined;
    const asked = body && typeof body === 'object' ? (body.lang ?? (typeof body.message === 'string' && body.message.trim() ? detectLanguage(body.message) : undefined)) : undefined;
    const lang = pickLang(asked, req.headers['accept-language']);
    if (err instanceof HttpError) {
      // every answer that asks the client to wait says how long in the standard header too (RFC 9110 §10.2.3)
      if (typeof err.extra.retryAfter === 'number') reply.header('retry-after', String(Math.max(1, Math.ceil(err.extra.retryAfter))));
      // every error has a machine-readable code: the one given, else its text's key ("rateLimited" → "rate_limited")
      return reply.code(err.statusCode).send({ error: t(err.key, lang, typeof err.extra.retryAfter === 'number' ? err.extra.retryAfter : undefined), code: snakeCase(err.key), ...err.extra });
    }
    if (err instanceof InputError) {
      return reply.code(400).send({ error: err.message, code: err.code });
    }
    if (err instanceof StorageUnavailable) {
      // the database is down or too slow: nothing was stored for this request; the client may retry
      req.log.warn({ route: req.routeOptions.url, reason: err.reason }, 'databasen svarar inte');
      reply.header('retry-after', String(err.retryAfter));
      return reply.code(503).send({ error: t('storageUnavailable', lang), code: 'storage_unavailable', retryAfter: err.retryAfter });
    }
    const code = (err as FastifyError).code;
    const status = (err as FastifyError).statusCode ?? 500;
    const key: TextKey | null =
      code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'bodyTooLarge'
        : code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'wrongType'
          : code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
            ? 'emptyBody'
            : status >= 400 && status < 500
              ? 'badRequest'
              : null;
    if (key) return reply.code(status).send({ error: t(key, lang), code: code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? 'invalid_json' : snakeCase(key) });
    req.log.error({ err, route: req.routeOptions.url }, 'internt fel');
    return reply.code(500).send({ error: t('internal', lang), code: 'internal' });
  });

  // Overload: when the event loop lags (more work than one process can do), a request is answered
  // at once with 503 and Retry-After, before its body is read, instead of waiting in line behind
  // the others until its client gives up (issue 17). @fastify/under-pressure samples the delay.
  const overload: OverloadOptions | null =
    opts.overload === false ? null : { maxEventLoopDelayMs: config.maxEventLoopDelayMs, sampleIntervalMs: 1000, retryAfterS: 5, ...opts.overload };
  if (overload && overload.maxEventLoopDelayMs > 0) {
    await app.register(underPressure, {
      maxEventLoopDelay: overload.maxEventLoopDelayMs,
      sampleInterval: overload.sampleIntervalMs,
      pressureHandler: (req) =>
        // the lag of loading (or re-building) the index is not overload: the samples of the first
        // two intervals after the assistant became ready still measure that work
        SHED_ROUTES.has(req.routeOptions.url ?? '') && performance.now() - readySince >= 2 * overload.sampleIntervalMs
          ? Promise.reject(new HttpError(503, 'overloaded', { code: 'overloaded', retryAfter: overload.retryAfterS }))
          : undefined, // let it through
    });
  }

  // Overload, the other signal: answers wait in line long before the event loop lags (each one is a
  // few ms), so at most `maxChatInFlight` chat questions are worked on at once (Little's law: with
  // 16 and about 4 ms each, none waits more than about 70 ms) and one more is answered 503 at once.
  // A question that opens a conversation and whose answer is kept (`answersAtOnce`: asked before,
  // offline) is no work and is not counted: at 16 in flight, 78 % of repeated questions were shed
  // (2,321 answered/s) though the server could answer all of them (5,360/s at no limit). So the
  // check runs once the body is read (preHandler), not when the request arrives.
  const maxInFlight = opts.overload === false ? 0 : (opts.overload?.maxChatInFlight ?? config.maxChatInFlight);
  if (maxInFlight > 0) {
    let inFlight = 0;
    // the answer of a shed request, made once: under overload there are more of them than answers
    // (in the Accept-Language header's language: made once, it cannot follow each question's)
    const shedBody = { sv: JSON.stringify({ error: t('overloaded', 'sv'), code: 'overloaded', retryAfter: 1 }), en: JSON.stringify({ error: t('overloaded', 'en'), code: 'overloaded', retryAfter: 1 }) };
    app.addHook('preHandler', async (req, reply) => {
      if (!SHED_ROUTES.has(req.routeOptions.url ?? '') || req.method !== 'POST') return;
      const body = req.body as { message?: unknown; sessionId?: unknown } | undefined;
      if (body && !body.sessionId && typeof body.message === 'string' && assistant.answersAtOnce?.({ question: body.message.trim(), audience: 'public' })) return;
      if (inFlight >= maxInFlight) {
        return reply
          .code(503)
          .header('retry-after', '1')
          .type('application/json; charset=utf-8')
          .send(shedBody[pickLang(undefined, req.headers['accept-language'])]);
      }
      inFlight++;
      // 'close' comes once for every response, also a stream the client gave up on
      reply.raw.once('close', () => inFlight--);
    });
  }

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ error: t('notFound', pickLang(undefined, req.headers['accept-language'])), code: 'not_found' });
  });

  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url;
    if (route !== '/healthz' && route !== '/readyz') {
      req.log.info(
        { method: req.method, route: req.routeOptions.url ?? 'okänd', status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
        'förfrågan',
      );
    }
    done();
  });

  app.addHook('onSend', (_req, reply, payload, done) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    // no response leaves before what was written so far is committed (SQLite commits the writes of
    // one turn of the event loop together, see storage/store.ts): a stored answer's id is never
    // sent for a row a crash could still lose
    const pending = store.committed();
    if (!pending) return done(null, payload);
    pending.then(
      () => done(null, payload),
      (err: unknown) => done(err as Error),
    );
  });

  const metrics = new Metrics({
    index: () => indexSummary(config.dataDir),
    circuit: () => (current as { llm?: { circuitState?(): 'closed' | 'open' | 'half-open' } | null } | null)?.llm?.circuitState?.() ?? null,
    llmEnabled: config.llm.enabled,
  });
  metrics.instrument(app);
  // a metric label only: a database that does not answer makes it 'none', never a failed answer; a
  // session's channel never changes, so it is looked up once (a bounded cache, not shared state)
  const channels = new Map<string, string>();
  const channelOf = async (sessionId: string | undefined) => {
    if (!sessionId) return 'none';
    const known = channels.get(sessionId);
    if (known) return known;
    const channel = (await store.getSession(sessionId).catch(() => null))?.channel;
    if (!channel) return 'none';
    if (channels.size >= 10_000) channels.clear();
    channels.set(sessionId, channel);
    return channel;
  };
  const observed = async (req: AskRequest, answer: Promise<AskResult>) => {
    const result = await answer;
    metrics.observeAnswer(await channelOf(req.sessionId), result);
    return result;
  };
  async function* observedStream(req: AskRequest, events: AsyncIterable<AskEvent>): AsyncIterable<AskEvent> {
    for await (const ev of events) {
      if (ev.type === 'done') metrics.observeAnswer(await channelOf(req.sessionId), ev.result);
      yield ev;
    }
  }

  // The assistant, proxied so that channels can hold it before it exists.
  const notReady = (): never => {
    throw new InputError(t('notReady'), 'not_ready');
  };
  const assistant: Assistant = {
    ask: (req) => (current ? observed(req, current.ask(req)) : notReady()),
    askStream: (req) => (current ? observedStream(req, current.askStream(req)) : notReady()),
    answersAtOnce: (req) => current?.answersAtOnce?.(req) ?? false,
    match: (need, o) => (current ? current.match(need, o) : notReady()),
    invite: (request, o) => (current ? current.invite(request, o) : notReady()),
    documents: (audience) => (current ? current.documents(audience) : notReady()),
    source: (docId, audience, lines) => (current ? current.source(docId, audience, lines) : notReady()),
  };

  // The assistant is created once the server listens (or is otherwise made ready, e.g. for
  // inject), so that loading the core never delays the port from opening.
  let started: Promise<void> | null = null;
  let resolveReady!: () => void;
  let rejectReady!: (err: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch((err: unknown) => {
    state = 'failed';
    logger.error({ err }, 'kunde inte skapa assistenten');
  });
  const start = () => {
    started ??= (async () => {
      if (opts.assistant) {
        current = await opts.assistant;
      } else {
        const t0 = Date.now();
        logger.info({ dataDir: config.dataDir, knowledgeDir: config.knowledgeDir }, 'läser in indexet (bygger det om det saknas)');
        current = await createRealAssistant(config, logger, undefined, store);
        logger.info({ ms: Date.now() - t0 }, 'indexet är klart');
      }
      state = 'ready';
      readySince = performance.now();
    })().then(resolveReady, rejectReady);
    return started;
  };
  if (opts.assistant) void start();
  app.addHook('onListen', async () => {
    void start();
  });
  app.addHook('onReady', async () => {
    setTimeout(start, 100).unref();
  });
  // and at the latest after half a second, for callers that await `ready` before listening
  const fallbackStart = setTimeout(start, 500);

  // the store's check (quick_check and a rolled-back write) at most every 10 s, however often /readyz is asked
  let health: { at: number; problem: string | null } | null = null;
  const storeHealth = async () => {
    if (!health || Date.now() - health.at > 10_000) health = { at: Date.now(), problem: await store.health() };
    return health.problem;
  };

  /** which index this replica answers from (indexVersion: the same knowledge gives the same version on every replica), for /readyz */
  const served = () => ({ index: indexVersion((current as { index?: { data?: IndexData } } | null)?.index?.data) });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (req, reply) => {
    const lang = pickLang(undefined, req.headers['accept-language']);
    // ready means "can answer and keep the conversation": a broken database is not ready, with its reason
    const problem = storageProblem ?? (await storeHealth());
    if (state === 'ready' && !problem) return { status: 'ready', ...served() };
    if (state === 'ready' && store.kind === 'postgres') {
      reply.header('retry-after', '5');
      return reply.code(503).send({ status: 'degraded', error: t('storageUnavailable', lang), database: 'postgres', reason: problem, ...served() });
    }
    if (state === 'ready') {
      return reply.code(503).send({ status: 'degraded', error: t('storageFailed', lang), file: path.basename(storeFile(config.dataDir)), reason: problem, ...served() });
    }
    reply.header('retry-after', '5');
    return reply.code(503).send({ status: state, error: t(state === 'failed' ? 'failed' : 'notReady', lang) });
  });

  // /metrics: on this port with the bearer token, or without one on BRYGGA_METRICS_PORT only
  const sendMetrics = async (reply: FastifyReply) => {
    const { contentType, body } = await metrics.text();
    return reply.header('cache-control', 'no-store').type(contentType).send(body);
  };
  if (config.admin.token) {
    app.get('/metrics', async (req, reply) => {
      const bearer = checkBearer(req, config.admin.token);
      if (bearer !== 'ok') {
        reply.header('www-authenticate', bearer === 'wrong' ? 'Bearer realm="brygga-admin", error="invalid_token"' : 'Bearer realm="brygga-admin"');
        return reply.code(401).send({ error: 'Inloggning krävs: ange en giltig token (Authorization: Bearer …).', code: 'unauthorized' });
      }
      return sendMetrics(reply);
    });
  }
  let metricsApp: FastifyInstance | null = null;
  let metricsAddress: string | null = null;
  if (config.metricsPort !== undefined) {
    metricsApp = Fastify({ logger: false }) as unknown as FastifyInstance;
    metricsApp.get('/metrics', async (_req, reply) => sendMetrics(reply));
    app.addHook('onListen', async () => {
      metricsAddress = await metricsApp!.listen({ port: config.metricsPort!, host: config.host });
      logger.info({ address: metricsAddress }, 'mätvärden på egen port');
    });
  }

  const fromEnv = Object.fromEntries(
    Object.entries({ chatPerIp: config.rateLimit.chatPerIp, chatPerSession: config.rateLimit.chatPerSession, apiPerIp: config.rateLimit.apiPerIp }).filter(([, v]) => v),
  ) as Partial<RateLimits>;
  const limits = opts.rateLimits === false || !config.rateLimit.enabled ? false : { ...DEFAULT_RATE_LIMITS, ...fromEnv, ...(opts.rateLimits ?? {}) };
  // source links posted to Slack and Teams live as long as the conversations they were posted in
  const links = createSourceLinks(loadLinkSecret(config.linkSecret, config.dataDir), config.retentionDays * DAY_MS);
  const deps: ChannelDeps = { assistant, config, store, logger, links, isReady };
  await registerWebRoutes(app, { ...deps, limits, failed: () => state === 'failed' });
  await registerHandover(app, { config, store, logger });

  // Several replicas (PostgreSQL): a re-index on one tells the others (NOTIFY brygga_index with the
  // new index version); each loads the index from the same knowledge folder and swaps it in.
  let reloading: Promise<void> | null = null;
  const reloadFor = (version: string) => {
    if (reloading || state !== 'ready' || served().index === version) return;
    reloading = (async () => {
      try {
        logger.info({ from: served().index, to: version }, 'en annan replik har indexerat om: läser in indexet');
        current = await createRealAssistant(config, logger, undefined, store);
        logger.info({ index: served().index }, 'indexet är inläst');
      } catch (err) {
        logger.error({ err }, 'indexet kunde inte läsas in; det gamla används');
      } finally {
        reloading = null;
      }
    })();
  };
  const pgStore = store.kind === 'postgres' ? (store as PostgresStore) : null;
  const listening = pgStore
    ? pgStore.listen(INDEX_CHANNEL, reloadFor, () => reloadFor('')).catch((err: unknown) => {
        logger.warn({ err: (err as Error).message }, 'lyssnar inte efter omindexeringar från andra repliker (databasen svarar inte)');
      })
    : Promise.resolve();

  const admin = adminEnabled(config)
    ? await registerAdmin(app, {
        ...deps,
        createAssistant: (progress) => createRealAssistant(config, logger, progress, store),
        swapAssistant: (next) => {
          current = next;
          state = 'ready';
          readySince = performance.now();
          const version = served().index;
          if (pgStore && version) {
            pgStore.notify(INDEX_CHANNEL, version).catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'kunde inte meddela andra repliker om omindexeringen'));
          }
        },
      })
    : null;

  for (const channel of opts.channels ?? registeredChannels) {
    await app.register(async (scope) => {
      await channel.register(scope, deps);
    });
    logger.debug({ channel: channel.name }, 'kanal registrerad');
  }

  // Retention: purge at start and once a day (on PostgreSQL one replica at a time, see postgres.ts).
  const purge = async () => {
    try {
      const n = await store.purgeOlderThan(config.retentionDays);
      logger.info({ deleted: n, retentionDays: config.retentionDays }, 'gallring av gamla konversationer');
    } catch (err) {
      logger.error({ err }, 'gallringen misslyckades');
    }
  };
  const purged = purge();
  const timer = setInterval(purge, DAY_MS);
  timer.unref();

  let closed = false;
  return {
    app,
    assistant,
    store,
    admin,
    metrics,
    metricsUrl: () => metricsAddress,
    ready,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      clearTimeout(fallbackStart);
      await admin?.reindexer.wait();
      await metricsApp?.close();
      await app.close();
      if (started) await started.catch(() => undefined);
      await purged;
      await listening;
      await reloading;
      await store.close();
    },
  };
}

/** the NOTIFY channel on which replicas announce a re-index (payload: the new index version) */
export const INDEX_CHANNEL = 'brygga_index';

/**
 * The version of an index as replicas compare it: 12 hex digits of a SHA-256 over its documents
 * (id and content hash), manifests and embedder, so replicas that built the same knowledge agree
 * although each built its own copy. null before an index is loaded.
 */
export function indexVersion(data: IndexData | undefined): string | null {
  if (!data) return null;
  const docs = data.docs.map((d) => `${d.docId}:${d.sha}`).sort();
  return createHash('sha256')
    .update(JSON.stringify([data.version, docs, data.manifests ?? null, data.embedder.id, data.chunks.length]))
    .digest('hex')
    .slice(0, 12);
}

async function createRealAssistant(
  config: Config,
  logger: Logger,
  progress?: (done: number, total: number, what: string) => void,
  store?: Store,
): Promise<Assistant> {
  // The core's entry point, imported lazily: the server listens before the index load begins.
  const { createAssistant } = await import('../assistant.js');
  // follow-up memory lives in the store, so a follow-up on another replica finds the turn before it
  const assistant = await createAssistant(config, { logger, progress, turns: store?.turns });
  // the passages are analysed before the assistant answers (in slices: /healthz still answers), not
  // by the first questions that read them; done in the background while answering, the work made the
  // event loop lag past the overload limit on a busy machine
  await assistant.warm().catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'avsnitten kunde inte analyseras i förväg'));
  return assistant;
}

export { HttpError };
export type { FastifyInstance, FastifyReply, FastifyRequest };
