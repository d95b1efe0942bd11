/**
 * The admin area: `/admin/api/*` (JSON or CSV, for scripts and the pages) and `/admin` pages.
 * Registered only when a bearer token or an OIDC provider is configured; otherwise every /admin
 * route is 404. Without valid credentials the API answers 401 and pages redirect to sign-in;
 * nothing is read before the credentials are checked. Everything shown comes from the store,
 * which redacted it before writing.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Assistant } from '../assistant-types.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Channel, ExchangeFilter, Store } from '../storage/store.js';
import { checkBearer, type AdminPrincipal } from './auth.js';
import { listDocuments } from './documents.js';
import type { Reindexer } from './reindex.js';
import { feedbackCsv, feedbackList, groupsCsv, mostAsked, stockholmDayStart, toCsv, unanswered, type PassageLookup } from './report.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** set by the admin guard once the credentials are checked */
    admin?: AdminPrincipal;
  }
}

/** A signed-in staff session (OIDC), looked up from the request's cookie. */
export interface AdminSessions {
  /** the principal of a valid, unexpired session cookie, or null */
  principal(req: FastifyRequest): AdminPrincipal | null;
}

export interface AdminDeps {
  config: Config;
  store: Store;
  logger: Logger;
  assistant: Assistant;
  isReady(): boolean;
  reindexer: Reindexer;
  /** OIDC sessions (absent when only the bearer token is configured) */
  sessions?: AdminSessions;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const Day = z
  .string()
  .regex(DAY, 'datum ska skrivas ÅÅÅÅ-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'ogiltigt datum');

export const ReportQuery = z.object({
  from: Day.optional(),
  /** inclusive: the whole day counts */
  to: Day.optional(),
  channel: z.enum(['web', 'slack', 'teams']).optional(),
  format: z.enum(['json', 'csv']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  rating: z.enum(['down', 'all']).optional(),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

class AdminInputError extends Error {}

export function parseReportQuery(query: unknown): ReportQuery {
  const r = ReportQuery.safeParse(query ?? {});
  if (!r.success) {
    const i = r.error.issues[0];
    throw new AdminInputError(`Ogiltig parameter ${i?.path.join('.') || ''}: ${i?.message ?? 'ogiltigt värde'}`);
  }
  if (r.data.from && r.data.to && r.data.from > r.data.to) throw new AdminInputError('Ogiltigt intervall: from ligger efter to.');
  return r.data;
}

/** The store filter of a report query: days in Europe/Stockholm, `to` inclusive. */
export function exchangeFilter(q: ReportQuery): ExchangeFilter {
  const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return {
    from: q.from ? stockholmDayStart(q.from) : undefined,
    to: q.to ? stockholmDayStart(nextDay(q.to)) : undefined,
    channel: q.channel as Channel | undefined,
  };
}

/** A lookup of cited passages (title and text) through the assistant, for any access level. */
export function passageLookup(assistant: Assistant, isReady: () => boolean): PassageLookup {
  const memo = new Map<string, ReturnType<PassageLookup>>();
  return (docId, lines) => {
    const key = `${docId}:${lines?.join('-') ?? ''}`;
    if (memo.has(key)) return memo.get(key)!;
    let out: ReturnType<PassageLookup> = null;
    if (isReady()) {
      const p = assistant.source(docId, 'restricted', lines ?? undefined);
      if (p) {
        const h = p.highlight;
        const text = h ? p.lines.slice(h[0] - 1, h[1]).join('\n').trim() : null;
        out = { title: p.meta.title, text: text && text.length > 600 ? `${text.slice(0, 599)}…` : text };
      }
    }
    memo.set(key, out);
    return out;
  };
}

const wantsCsv = (req: FastifyRequest, q: ReportQuery) => q.format === 'csv' || (q.format === undefined && /\btext\/csv\b/.test(req.headers.accept ?? ''));

function sendCsv(reply: FastifyReply, name: string, csv: string) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="brygga-${name}-${new Date().toISOString().slice(0, 10)}.csv"`)
    .send(csv);
}

/**
 * The admin guard for API routes: a right bearer token or a valid session → continue; otherwise
 * 401 with `WWW-Authenticate: Bearer` (RFC 6750), before anything is read.
 */
export function apiGuard(deps: Pick<AdminDeps, 'config' | 'sessions' | 'logger'>) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const bearer = checkBearer(req, deps.config.admin.token);
    if (bearer === 'ok') {
      req.admin = { via: 'token' };
      return;
    }
    const session = bearer === 'none' ? (deps.sessions?.principal(req) ?? null) : null;
    if (session) {
      req.admin = session;
      return;
    }
    if (bearer === 'wrong') req.log.warn({ route: req.routeOptions.url, ip: req.ip }, 'admin: fel token');
    reply.header('www-authenticate', bearer === 'wrong' ? 'Bearer realm="brygga-admin", error="invalid_token"' : 'Bearer realm="brygga-admin"');
    reply.header('cache-control', 'no-store');
    return reply.code(401).send({ error: 'Inloggning krävs: ange en giltig token (Authorization: Bearer …) eller logga in på /admin.', code: 'unauthorized' });
  };
}

/** The admin guard for pages: a right bearer token or a valid session, else a redirect to sign-in. */
export function pageGuard(deps: Pick<AdminDeps, 'config' | 'sessions'>) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const bearer = checkBearer(req, deps.config.admin.token);
    if (bearer === 'ok') {
      req.admin = { via: 'token' };
      return;
    }
    const session = deps.sessions?.principal(req) ?? null;
    if (session) {
      req.admin = session;
      return;
    }
    reply.header('cache-control', 'no-store');
    return reply.redirect('/admin/login', 303);
  };
}

export async function registerAdminApi(app: FastifyInstance, deps: AdminDeps): Promise<void> {
  await app.register(async (api) => {
    api.addHook('onRequest', apiGuard(deps));
    api.addHook('onSend', async (_req, reply, payload) => {
      reply.header('cache-control', 'no-store');
      return payload;
    });
    api.setErrorHandler((err, req, reply) => {
      if (err instanceof AdminInputError) return reply.code(400).send({ error: err.message, code: 'invalid_query' });
      const status = (err as { statusCode?: number }).statusCode ?? 500;
      if (status < 500) return reply.code(status).send({ error: 'Ogiltig begäran.', code: 'bad_request' });
      req.log.error({ err, route: req.routeOptions.url }, 'admin: internt fel');
      return reply.code(500).send({ error: 'Något gick fel i administrationen.', code: 'internal' });
    });

    api.get('/admin/api/unanswered', async (req, reply) => {
      const q = parseReportQuery(req.query);
      const groups = unanswered(await deps.store.exchanges(exchangeFilter(q))).slice(0, q.limit ?? 1000);
      if (wantsCsv(req, q)) return sendCsv(reply, 'obesvarade', groupsCsv(groups));
      return { groups, total: groups.reduce((n, g) => n + g.count, 0) };
    });

    api.get('/admin/api/most-asked', async (req, reply) => {
      const q = parseReportQuery(req.query);
      const groups = mostAsked(await deps.store.exchanges(exchangeFilter(q)), q.limit ?? 50);
      if (wantsCsv(req, q)) return sendCsv(reply, 'vanligaste-fragor', groupsCsv(groups));
      return { groups };
    });

    api.get('/admin/api/feedback', async (req, reply) => {
      const q = parseReportQuery(req.query);
      const items = feedbackList(await deps.store.exchanges(exchangeFilter(q)), passageLookup(deps.assistant, () => deps.isReady()), q.rating ?? 'down').slice(0, q.limit ?? 1000);
      if (wantsCsv(req, q)) return sendCsv(reply, 'aterkoppling', feedbackCsv(items));
      return { items };
    });

    // answers a Slack or Teams user handed over to a person ("Behöver mer hjälp"), newest first
    api.get('/admin/api/follow-up', async (req, reply) => {
      const q = parseReportQuery(req.query);
      const items = await deps.store.followUps({ ...exchangeFilter(q), limit: q.limit ?? 1000 });
      if (wantsCsv(req, q)) {
        return sendCsv(
          reply,
          'uppfoljning',
          toCsv(['tid', 'kanal', 'fråga', 'svar', 'länk'], items.map((f) => [f.at, f.channel, f.question, f.answer, f.link])),
        );
      }
      return { items };
    });

    api.get('/admin/api/documents', async (req, reply) => {
      const q = parseReportQuery(req.query);
      const docs = await listDocuments(deps.config.dataDir);
      if (wantsCsv(req, q)) {
        return sendCsv(
          reply,
          'dokument',
          toCsv(
            ['titel', 'fil', 'åtkomst', 'typ', 'beslutad', 'giltig till', 'senast indexerad', 'avsnitt', 'varningar'],
            docs.map((d) => [d.title, d.file, d.access, d.kind, d.decisionDate, d.validUntil, d.lastIndexed, d.chunks, d.warnings.join(' | ')]),
          ),
        );
      }
      return { documents: docs, reindex: deps.reindexer.status() };
    });

    api.get('/admin/api/reindex', async () => deps.reindexer.status());

    api.post('/admin/api/reindex', async (req, reply) => {
      const before = deps.reindexer.status().state;
      const status = deps.reindexer.start();
      req.log.info({ route: '/admin/api/reindex', by: req.admin?.via, alreadyRunning: before === 'running' }, 'admin: omindexering');
      return reply.code(202).header('location', '/admin/api/reindex').send(status);
    });
  });
}
