/**
 * The residents' web channel: demo page, widget, chat API (JSON and SSE), feedback, session
 * deletion and the sources page. Always the `public` audience, whatever a request says.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AskResult, RetrievedChunk } from '../domain/types.js';
import { InputError, MAX_QUESTION_CHARS } from '../domain/types.js';
import type { RateLimits } from './app.js';
import type { ChannelDeps } from './channels.js';
import { HttpError, pickLang, t, type UiLang } from './messages.js';
import { demoPage, errorPage, sourcePage } from './pages.js';
import { limiter, registerRateLimiting, type Limiter } from './rate-limit.js';
import { fromRoot } from '../root.js';
import { charCount, withoutMarkup } from '../text/markup.js';

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

export const WIDGET_PATH = fromRoot('adapters', 'web', 'widget.js');

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
    if (host && host === req.host) return origin; // req.host: X-Forwarded-Host only from a trusted proxy
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

  // the chat is asked with POST: a GET (a link opened in a browser) is told so, with the methods allowed (RFC 9110 §15.5.6)
  app.get('/api/chat', async (_req, reply) => {
    reply.header('allow', 'POST, OPTIONS');
    throw new HttpError(405, 'methodNotAllowed');
  });

  app.post<{ Querystring: { include?: string } }>('/api/chat', apiRoute, async (req, reply) => {
    cors(req, reply);
    requireJson(req);
    const lang = bodyLang(req);
    await limit(limiters?.chatIp, req, req.ip);
    const body = parseBody(ChatBody, req, lang);
    const message = body.message.trim();
    // (markup alone is no question either: "<img src=x>" is empty as "" is, with the same code)
    if (!message || !withoutMarkup(message)) throw new InputError(t('empty', lang), 'empty_question');
    if (charCount(message) > MAX_QUESTION_CHARS) throw new HttpError(400, 'tooLong');
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
    const withChunks = wantsChunks(req.query.include);

    if (!wantsStream) {
      // one turn of the event loop first: the requests that arrived meanwhile are read and counted
      // (the in-flight limit, src/server/app.ts) before this one's answer takes the CPU, so a queue
      // shows as requests in flight instead of waiting unseen in the sockets
      await new Promise((resolve) => setImmediate(resolve));
      const result = await deps.assistant.ask(request);
      await store.appendMessage({ sessionId, role: 'user', text: message });
      const messageId = await store.appendMessage({ sessionId, role: 'assistant', text: result.answer, meta: storedMeta(result) });
      req.log.info({ route: '/api/chat', chars: message.length, answered: result.answered, language: result.language, ms: result.timings.totalMs }, 'fråga besvarad');
      return { sessionId, messageId, ...webResult(result, withChunks) };
    }

    // Streaming: the input is checked above and the question stored (a database that is down is still
    // a clean 503), so the headers and the session event go out at once, before the answer is worked
    // out (offline that takes the whole answer), and the answer's events follow as they come (an
    // error from here on is an `error` event).
    await store.appendMessage({ sessionId, role: 'user', text: message });
    const iterator = deps.assistant.askStream(request)[Symbol.asyncIterator]();
    const out = new SseWriter();
    out.send('session', { sessionId });
    out.flush();
    const pump = async () => {
      try {
        for (;;) {
          if (out.closed) break; // the client has gone: no more work for it
          const step = await iterator.next();
          if (step.done) break;
          const ev = step.value;
          if (ev.type === 'done') {
            const messageId = await store.appendMessage({ sessionId, role: 'assistant', text: ev.result.answer, meta: storedMeta(ev.result) });
            // the stream is already under way: its last event waits for the commit itself
            await store.committed();
            req.log.info({ route: '/api/chat', stream: true, chars: message.length, answered: ev.result.answered, language: ev.result.language, ms: ev.result.timings.totalMs }, 'fråga besvarad');
            out.send('done', { sessionId, messageId, ...webResult(ev.result, withChunks) });
            break;
          }
          out.send(ev.type, ev);
        }
      } catch (err) {
        logger.error({ err }, 'strömmat svar avbröts');
        out.send('error', { error: t('streamFailed', lang) });
      } finally {
        out.end();
        await iterator.return?.();
      }
    };
    // the answer starts in the next turn of the event loop, once the session event has been written
    setImmediate(() => void pump().catch((err: unknown) => logger.error({ err }, 'strömmat svar kunde inte avslutas')));

    reply
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-cache, no-transform')
      .header('x-accel-buffering', 'no');
    return reply.send(out.stream);
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
      // lines past the document's end (a link to an older version of it): said, not a page with nothing marked
      if (passage && lines && !passage.highlight) {
        const n = passage.lines.length;
        return reply
          .code(404)
          .send(errorPage(lang === 'en' ? `Lines ${lines[0]}–${lines[1]} are not in this document (it has ${n} lines).` : `Raderna ${lines[0]}–${lines[1]} finns inte i dokumentet (det har ${n} rader).`, lang));
      }
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

/** `?include=chunks` (a comma-separated list may name more) asks for the retrieved chunks' full text */
function wantsChunks(include: unknown): boolean {
  return typeof include === 'string' && include.split(',').some((v) => v.trim() === 'chunks');
}

/**
 * What the web channel sends of an answer (issue 17): what the widget shows (the answer, citations
 * with their quoted passage, notice, outcome, language) and timings; the retrieved chunks (about 14 kB
 * of full text for ten passages) only with `?include=chunks`.
 */
export function webResult(result: AskResult, withChunks: boolean): Omit<AskResult, 'retrieved'> & { retrieved?: RetrievedChunk[] } {
  if (withChunks) return result;
  const { retrieved: _retrieved, ...lean } = result;
  void _retrieved;
  return lean;
}

/**
 * A text/event-stream body. Events sent in the same turn of the event loop leave in one write, and
 * adjacent `token` events become one: offline the whole composed answer is one write; with a model
 * each token is written as it arrives. `closed` turns true when the client has gone.
 */
class SseWriter {
  readonly stream = new Readable({ read() {} });
  closed = false;
  private pending = '';
  private tokens = '';
  private scheduled: NodeJS.Immediate | null = null;

  constructor() {
    this.stream.once('close', () => {
      this.closed = true;
    });
  }

  send(event: string, data: { type?: string; text?: string } | Record<string, unknown>): void {
    if (this.closed) return;
    if (event === 'token' && typeof data.text === 'string') {
      this.tokens += data.text;
    } else {
      this.takeTokens();
      this.pending += frame(event, data);
    }
    this.scheduled ??= setImmediate(() => this.flush());
  }

  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    this.takeTokens();
    if (this.pending && !this.closed) this.stream.push(this.pending);
    this.pending = '';
  }

  end(): void {
    this.flush();
    if (!this.closed) this.stream.push(null);
  }

  private takeTokens(): void {
    if (!this.tokens) return;
    this.pending += frame('token', { type: 'token', text: this.tokens });
    this.tokens = '';
  }
}

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
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
