/**
 * The residents' web channel: demo page, widget, chat API (JSON and SSE), feedback, session
 * deletion and the sources page. Always the `public` audience, whatever a request says.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AskEvent, AskResult } from '../domain/types.js';
import { InputError, MAX_QUESTION_CHARS } from '../domain/types.js';
import type { RateLimits } from './app.js';
import type { ChannelDeps } from './channels.js';
import { HttpError, pickLang, t, type UiLang } from './messages.js';
import { demoPage, errorPage, sourcePage } from './pages.js';
import { limiter, registerRateLimiting, type Limiter } from './rate-limit.js';

export interface WebDeps extends ChannelDeps {
  limits: RateLimits | false;
  failed(): boolean;
}

/** body limit of the web API routes: 2000 characters, even fully \u-escaped, fit well */
const API_BODY_LIMIT = 32 * 1024;
const MAX_COMMENT_CHARS = 1000;

const ChatBody = z.object({
  message: z.string(),
  sessionId: z.string().min(1).max(64).optional(),
  lang: z.enum(['sv', 'en']).optional(),
  // anything else (e.g. "audience") is ignored: the web is always public
});

const FeedbackBody = z.object({
  sessionId: z.string().min(1).max(64),
  messageId: z.string().min(1).max(64),
  rating: z.enum(['up', 'down']),
  comment: z.string().max(MAX_COMMENT_CHARS).optional(),
  lang: z.enum(['sv', 'en']).optional(),
});

export const WIDGET_PATH = fileURLToPath(new URL('../../adapters/web/widget.js', import.meta.url));

export function loadWidget(): { raw: Buffer; gzip: Buffer; etag: string } {
  const raw = fs.readFileSync(WIDGET_PATH);
  return {
    raw,
    gzip: zlib.gzipSync(raw, { level: 9 }),
    etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 16)}"`,
  };
}

function fieldError(err: z.ZodError, body: Record<string, unknown>, lang: UiLang): string {
  const issue = err.issues[0];
  const field = issue?.path.join('.') || 'body';
  if (issue && issue.path.length === 1 && body[String(issue.path[0])] === undefined) {
    return lang === 'en' ? `Missing field: ${field}.` : `Fält saknas: ${field}.`;
  }
  if (field === 'comment' && issue?.code === 'too_big') {
    return lang === 'en'
      ? `The comment is too long: at most ${MAX_COMMENT_CHARS} characters.`
      : `Kommentaren är för lång: högst ${MAX_COMMENT_CHARS} tecken.`;
  }
  return lang === 'en' ? `Invalid field: ${field}.` : `Ogiltigt fält: ${field}.`;
}

function parseBody<T>(schema: z.ZodType<T>, req: FastifyRequest, lang: UiLang): T {
  if (req.body === undefined || req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) {
    throw new InputError(lang === 'en' ? 'The request needs a JSON object.' : 'Begäran ska vara ett JSON-objekt.', 'invalid_body');
  }
  const parsed = schema.safeParse(req.body);
  if (!parsed.success) throw new InputError(fieldError(parsed.error, req.body as Record<string, unknown>, lang), 'invalid_body');
  return parsed.data;
}

function bodyLang(req: FastifyRequest): UiLang {
  const b = req.body as { lang?: unknown } | undefined;
  return pickLang(b && typeof b === 'object' ? b.lang : undefined, req.headers['accept-language']);
}

export async function registerWebRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  const { store, config, logger } = deps;
  const widget = loadWidget();
  if (deps.limits) await registerRateLimiting(app, store.counters);
  const limiters = deps.limits
    ? {
        chatIp: limiter(app, 'chat-ip', deps.limits.chatPerIp),
        chatSession: limiter(app, 'chat-session', deps.limits.chatPerSession),
        apiIp: limiter(app, 'api-ip', deps.limits.apiPerIp),
      }
    : null;

  const limit = async (check: Limiter | undefined, req: FastifyRequest, key: string) => {
    if (check) await check(req, key);
  };

  /** Origin allowlist: the server's own origin, plus BRYGGA_ALLOWED_ORIGINS ("*" allows any). */
  const allowedOrigin = (req: FastifyRequest): string | null | false => {
    const origin = req.headers.origin;
    if (!origin) return null; // not a cross-site browser request (curl, server, same-origin GET)
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return false;
    }
    if (host && host === req.headers.host) return origin;
    if (config.allowedOrigins.includes('*') || config.allowedOrigins.includes(origin.replace(/\/$/, ''))) return origin;
    return false;
  };

  const cors = (req: FastifyRequest, reply: FastifyReply) => {
    const origin = allowedOrigin(req);
    if (origin === false) throw new HttpError(403, 'originNotAllowed');
    if (origin) {
      reply.header('access-control-allow-origin', origin);
      reply.header('vary', 'Origin');
    }
  };

  const requireJson = (req: FastifyRequest) => {
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'wrongType');
  };

  const requireReady = (reply: FastifyReply, lang: UiLang) => {
    if (deps.isReady()) return;
    reply.header('retry-after', '5');
    throw new HttpError(503, deps.failed() ? 'failed' : 'notReady');
  };

  const webSession = async (sessionId: string | undefined): Promise<string | null> => {
    if (!sessionId) return null;
    const s = await store.getSession(sessionId);
    return s && s.channel === 'web' ? s.id : null;
  };

  const apiRoute = { bodyLimit: API_BODY_LIMIT };

  // CORS preflight for the API routes
  for (const url of ['/api/chat', '/api/feedback', '/api/session/:id']) {
    app.options(url, async (req, reply) => {
      cors(req, reply);
      reply.header('access-control-allow-methods', 'GET, POST, DELETE, OPTIONS');
      reply.header('access-control-allow-headers', 'content-type, accept, accept-language');
      reply.header('access-control-max-age', '600');
      return reply.code(204).send();
    });
  }

  app.post('/api/chat', apiRoute, async (req, reply) => {
    cors(req, reply);
    requireJson(req);
    const lang = bodyLang(req);
    await limit(limiters?.chatIp, req, req.ip);
    const body = parseBody(ChatBody, req, lang);
    const message = body.message.trim();
    if (!message) throw new InputError(t('empty', lang), 'empty_message');
    if (message.length > MAX_QUESTION_CHARS) throw new HttpError(400, 'tooLong');
    requireReady(reply, lang);

    let sessionId: string;
    if (body.sessionId) {
      const found = await webSession(body.sessionId);
      if (!found) throw new HttpError(404, 'unknownSession', { code: 'unknown_session' });
      sessionId = found;
    } else {
      sessionId = await store.createSession('web');
    }
    await limit(limiters?.chatSession, req, sessionId);

    const request = { question: message, audience: 'public' as const, sessionId };
    const wantsStream = /text\/event-stream/i.test(req.headers.accept ?? '');

    if (!wantsStream) {
      const result = await deps.assistant.ask(request);
      await store.appendMessage({ sessionId, role: 'user', text: message });
      const messageId = await store.appendMessage({ sessionId, role: 'assistant', text: result.answer, meta: storedMeta(result) });
      req.log.info({ route: '/api/chat', chars: message.length, answered: result.answered, language: result.language, ms: result.timings.totalMs }, 'fråga besvarad');
      return { sessionId, messageId, ...result };
    }

    // Streaming: pull the first event before answering so that bad input is still a 4xx JSON.
    const iterator = deps.assistant.askStream(request)[Symbol.asyncIterator]();
    const first = await iterator.next();
    await store.appendMessage({ sessionId, role: 'user', text: message });

    const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    async function* events(): AsyncGenerator<string> {
      yield sse('session', { sessionId });
      let step: IteratorResult<AskEvent> = first;
      try {
        while (!step.done) {
          const ev = step.value;
          if (ev.type === 'done') {
            const messageId = await store.appendMessage({ sessionId, role: 'assistant', text: ev.result.answer, meta: storedMeta(ev.result) });
            req.log.info({ route: '/api/chat', stream: true, chars: message.length, answered: ev.result.answered, language: ev.result.language, ms: ev.result.timings.totalMs }, 'fråga besvarad');
            yield sse('done', { sessionId, messageId, ...ev.result });
            return;
          }
          yield sse(ev.type, ev);
          step = await iterator.next();
        }
      } catch (err) {
        logger.error({ err }, 'strömmat svar avbröts');
        yield sse('error', { error: t('streamFailed', lang) });
      } finally {
        await iterator.return?.();
      }
    }

    reply
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-cache, no-transform')
      .header('x-accel-buffering', 'no');
    return reply.send(Readable.from(events(), { objectMode: false }));
  });

  app.post('/api/feedback', apiRoute, async (req, reply) => {
    cors(req, reply);
    requireJson(req);
    const lang = bodyLang(req);
    await limit(limiters?.apiIp, req, req.ip);
    const body = parseBody(FeedbackBody, req, lang);
    if (!(await webSession(body.sessionId))) throw new HttpError(404, 'unknownSession', { code: 'unknown_session' });
    try {
      await store.saveFeedback({ sessionId: body.sessionId, messageId: body.messageId, rating: body.rating, comment: body.comment });
    } catch (err) {
      if (err instanceof InputError) throw new HttpError(404, 'unknownMessage', { code: err.code });
      throw err;
    }
    req.log.info({ route: '/api/feedback', rating: body.rating, comment: Boolean(body.comment?.trim()) }, 'återkoppling sparad');
    return { ok: true };
  });

  app.delete<{ Params: { id: string } }>('/api/session/:id', async (req, reply) => {
    cors(req, reply);
    await limit(limiters?.apiIp, req, req.ip);
    const id = await webSession(req.params.id);
    if (!id) throw new HttpError(404, 'unknownSession', { code: 'unknown_session' });
    await store.deleteSession(id);
    req.log.info({ route: '/api/session/:id' }, 'session raderad');
    return { deleted: true };
  });

  app.get('/widget.js', async (req, reply) => {
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('etag', widget.etag)
      .header('vary', 'Accept-Encoding')
      .header('access-control-allow-origin', '*');
    if (req.headers['if-none-match'] === widget.etag) return reply.code(304).send();
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      return reply.header('content-encoding', 'gzip').send(widget.gzip);
    }
    return reply.send(widget.raw);
  });

  app.get('/favicon.ico', async (_req, reply) => reply.code(204).header('cache-control', 'public, max-age=86400').send());

  app.get<{ Querystring: { lang?: string; mode?: string } }>('/', async (req, reply) => {
    const lang = req.query.lang === 'en' ? 'en' : 'sv';
    const mode = req.query.mode === 'launcher' ? 'launcher' : 'inline';
    return reply.type('text/html; charset=utf-8').header('content-security-policy', CSP).send(demoPage(lang, mode));
  });

  app.get<{ Params: { '*': string }; Querystring: { lines?: string; lang?: string; aud?: string; exp?: string; sig?: string } }>(
    '/sources/*',
    async (req, reply) => {
      const lang: UiLang = req.query.lang === 'en' ? 'en' : 'sv';
      reply.type('text/html; charset=utf-8').header('content-security-policy', CSP);
      const docId = req.params['*'];
      let lines: [number, number] | undefined;
      if (req.query.lines !== undefined) {
        const m = /^(\d{1,7})(?:-(\d{1,7}))?$/.exec(req.query.lines);
        const a = m ? Number(m[1]) : NaN;
        const b = m ? Number(m[2] ?? m[1]) : NaN;
        if (!m || a < 1 || b < a) {
          return reply.code(400).send(errorPage(lang === 'en' ? 'Invalid line range: use e.g. ?lines=12-20.' : 'Ogiltigt radintervall: använd till exempel ?lines=12-20.', lang));
        }
        lines = [a, b];
      }
      if (!deps.isReady()) {
        reply.header('retry-after', '5');
        return reply.code(503).send(errorPage(t('notReady', lang), lang));
      }
      const passage = docId ? deps.assistant.source(docId, 'public', lines) : null;
      if (passage) return reply.send(sourcePage(passage, lang));
      // Not public: only a signed link (posted by Brygga in Slack or Teams) opens it, for its audience.
      if (docId && req.query.sig !== undefined) {
        const link = deps.links.check(docId, req.query);
        if (!link.ok) {
          return reply
            .code(403)
            .header('cache-control', 'no-store')
            .send(
              errorPage(
                link.reason === 'expired'
                  ? lang === 'en'
                    ? 'This link has expired. Open the source from a newer answer, or ask again.'
                    : 'Länken har gått ut. Öppna källan från ett nyare svar, eller fråga igen.'
                  : lang === 'en'
                    ? 'This link is not valid (it has been changed or was not made by Brygga).'
                    : 'Länken är ogiltig (den har ändrats eller kommer inte från Brygga).',
                lang,
              ),
            );
        }
        const restricted = deps.assistant.source(docId, link.audience, lines);
        if (restricted) {
          return reply.header('cache-control', 'private, no-store').header('x-robots-tag', 'noindex, nofollow').send(sourcePage(restricted, lang));
        }
      }
      return reply
        .code(404)
        .send(errorPage(lang === 'en' ? 'The document does not exist or is not public.' : 'Dokumentet finns inte eller är inte offentligt.', lang));
    },
  );
}

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

function storedMeta(result: AskResult): Record<string, unknown> {
  return {
    answered: result.answered,
    language: result.language,
    mode: result.mode,
    citations: result.citations.map((c) => ({ n: c.n, docId: c.docId, lines: c.lines })),
  };
}
