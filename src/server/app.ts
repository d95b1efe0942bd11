/**
 * Brygga's HTTP server (fastify). Listens at once; the assistant (and the index, built on first
 * start) is created in the background and `/readyz` says when it is ready. Core routes live in
 * web.ts; chat-platform channels (Slack, Teams) are plugins from channels.ts registered after them.
 */
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Assistant } from '../assistant-types.js';
import type { Config } from '../config.js';
import { InputError } from '../domain/types.js';
import { createLogger, type Logger } from '../logger.js';
import { openStore, type Store } from '../storage/store.js';
import { channels as registeredChannels, type ChannelDeps, type ChannelPlugin } from './channels.js';
import { HttpError, pickLang, t, type TextKey } from './messages.js';
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

export const DEFAULT_RATE_LIMITS: RateLimits = {
  chatPerIp: { capacity: 20, perMinute: 12 },
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
}

export interface BryggaServer {
  app: FastifyInstance;
  /** the assistant the server uses (its methods throw InputError 'not_ready' until ready) */
  assistant: Assistant;
  store: Store;
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
  const store: Store = openStore(config.dataDir);

  let state: 'starting' | 'ready' | 'failed' = 'starting';
  let current: Assistant | null = null;
  const isReady = () => state === 'ready';

  const app = Fastify({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: GLOBAL_BODY_LIMIT,
    return503OnClosing: true,
    forceCloseConnections: true,
  }) as unknown as FastifyInstance;

  // Body parsers keep the raw text for signature checks (see channels.ts).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string;
    req.rawBody = text;
    if (text.trim() === '') return done(new HttpError(400, 'emptyBody'), undefined);
    try {
      done(null, JSON.parse(text));
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
    const body = req.body as { lang?: unknown } | undefined;
    const lang = pickLang(body && typeof body === 'object' ? body.lang : undefined, req.headers['accept-language']);
    if (err instanceof HttpError) {
      return reply.code(err.statusCode).send({ error: t(err.key, lang), ...err.extra });
    }
    if (err instanceof InputError) {
      return reply.code(400).send({ error: err.message, code: err.code });
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
    if (key) return reply.code(status).send({ error: t(key, lang) });
    req.log.error({ err, route: req.routeOptions.url }, 'internt fel');
    return reply.code(500).send({ error: t('internal', lang) });
  });

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ error: t('notFound', pickLang(undefined, req.headers['accept-language'])) });
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
    done(null, payload);
  });

  // The assistant, proxied so that channels can hold it before it exists.
  const notReady = (): never => {
    throw new InputError(t('notReady'), 'not_ready');
  };
  const assistant: Assistant = {
    ask: (req) => (current ? current.ask(req) : notReady()),
    askStream: (req) => (current ? current.askStream(req) : notReady()),
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
        current = await createRealAssistant(config, logger);
        logger.info({ ms: Date.now() - t0 }, 'indexet är klart');
      }
      state = 'ready';
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

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (req, reply) => {
    if (state === 'ready') return { status: 'ready' };
    const lang = pickLang(undefined, req.headers['accept-language']);
    reply.header('retry-after', '5');
    return reply.code(503).send({ status: state, error: t(state === 'failed' ? 'failed' : 'notReady', lang) });
  });

  const limits = opts.rateLimits === false ? false : { ...DEFAULT_RATE_LIMITS, ...(opts.rateLimits ?? {}) };
  // source links posted to Slack and Teams live as long as the conversations they were posted in
  const links = createSourceLinks(loadLinkSecret(config.linkSecret, config.dataDir), config.retentionDays * DAY_MS);
  const deps: ChannelDeps = { assistant, config, store, logger, links, isReady };
  await registerWebRoutes(app, { ...deps, limits, failed: () => state === 'failed' });

  for (const channel of opts.channels ?? registeredChannels) {
    await app.register(async (scope) => {
      await channel.register(scope, deps);
    });
    logger.debug({ channel: channel.name }, 'kanal registrerad');
  }

  // Retention: purge at start and once a day.
  const purge = () => {
    try {
      const n = store.purgeOlderThan(config.retentionDays);
      logger.info({ deleted: n, retentionDays: config.retentionDays }, 'gallring av gamla konversationer');
    } catch (err) {
      logger.error({ err }, 'gallringen misslyckades');
    }
  };
  purge();
  const timer = setInterval(purge, DAY_MS);
  timer.unref();

  let closed = false;
  return {
    app,
    assistant,
    store,
    ready,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      clearTimeout(fallbackStart);
      await app.close();
      if (started) await started.catch(() => undefined);
      store.close();
    },
  };
}

async function createRealAssistant(config: Config, logger: Logger): Promise<Assistant> {
  // The core's entry point, imported lazily: the server listens before the index load begins.
  const { createAssistant } = await import('../assistant.js');
  return createAssistant(config, { logger });
}

export { HttpError };
export type { FastifyInstance, FastifyReply, FastifyRequest };
