/**
 * The admin area, mounted by the server when `adminEnabled(config)`, in one encapsulated scope:
 * signed cookies (@fastify/cookie), CSRF tokens (@fastify/csrf-protection) for POSTs from a
 * signed-in session, multipart uploads (@fastify/multipart), OIDC sign-in when configured, the
 * JSON/CSV API and the pages. Bearer-token requests (scripts) need no CSRF token: they carry no
 * ambient credential a third-party page could use.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyMultipart, { type MultipartFile, type MultipartValue } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Assistant } from '../assistant-types.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Store } from '../storage/store.js';
import { listDocuments } from './documents.js';
import { ephemeralSecret, isHttps, registerOidc, SESSION_COOKIE } from './oidc.js';
import { ADMIN_JS, documentsPage, feedbackPage, followUpPage, groupsPage, messagePage, queryString, uploadPage, type PageContext, type UploadValues } from './pages.js';
import { Reindexer } from './reindex.js';
import { feedbackList, mostAsked, unanswered } from './report.js';
import { exchangeFilter, pageGuard, parseReportQuery, passageLookup, registerAdminApi, type AdminSessions } from './routes.js';
import { MAX_UPLOAD_BYTES, saveUpload } from './upload.js';

export interface AdminMountDeps {
  config: Config;
  store: Store;
  logger: Logger;
  assistant: Assistant;
  isReady(): boolean;
  /** builds a new assistant (rebuilding a stale index), reporting progress */
  createAssistant(progress: (done: number, total: number, what: string) => void): Promise<Assistant>;
  /** puts a new assistant in place of the serving one */
  swapAssistant(next: Assistant): void;
}

export interface MountedAdmin {
  reindexer: Reindexer;
}

const CSRF_COOKIE = 'brygga_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function registerAdmin(app: FastifyInstance, deps: AdminMountDeps): Promise<MountedAdmin> {
  const { config, logger } = deps;
  const reindexer = new Reindexer({
    create: (progress) => deps.createAssistant(progress),
    swap: (next) => deps.swapAssistant(next),
    onFinish: (s) =>
      s.state === 'failed'
        ? logger.error({ error: s.error }, 'omindexeringen misslyckades; det gamla indexet används')
        : logger.info({ documents: s.documents, chunks: s.chunks }, 'omindexeringen är klar'),
  });
  if (config.admin.oidc && !config.admin.sessionSecret) logger.warn('BRYGGA_SESSION_SECRET saknas: inloggningar gäller bara tills servern startas om');

  await app.register(async (scope) => {
    await scope.register(fastifyCookie, { secret: config.admin.sessionSecret ?? ephemeralSecret() });
    await scope.register(fastifyCsrf, {
      sessionPlugin: '@fastify/cookie',
      cookieKey: CSRF_COOKIE,
      cookieOpts: { path: '/admin', httpOnly: true, sameSite: 'strict', signed: true, secure: config.publicUrl?.startsWith('https:') ? true : 'auto' },
      getToken: (req: FastifyRequest) => {
        const v = (req.body as Record<string, unknown> | undefined)?._csrf;
        const fromBody = typeof v === 'string' ? v : (v as MultipartValue<string> | undefined)?.value;
        return fromBody ?? (req.headers['x-csrf-token'] as string | undefined);
      },
    });
    await scope.register(fastifyMultipart, { attachFieldsToBody: true, limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 30, fieldSize: 10_000 } });

    const page = (reply: FastifyReply, status: number, title: string, message: string) =>
      reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(messagePage(title, message));
    const sessions: AdminSessions | undefined = config.admin.oidc ? registerOidc(scope, config.admin.oidc, { config, logger, page }) : undefined;
    if (!config.admin.oidc) {
      scope.get('/admin/login', async (_req, reply) =>
        reply
          .type('text/html; charset=utf-8')
          .send(messagePage('Logga in', 'Inloggning för personal (OIDC) är inte konfigurerad här. Skript når administrationens API med BRYGGA_ADMIN_TOKEN.', false)),
      );
    }

    // CSRF: every unsafe request from a signed-in session carries the token (after the body is parsed)
    scope.addHook('preHandler', async (req, reply) => {
      if (!UNSAFE.has(req.method) || req.admin?.via !== 'oidc') return;
      await new Promise<void>((resolve, reject) => {
        scope.csrfProtection(req, reply, (err?: Error) => (err ? reject(err) : resolve()));
      });
    });

    await registerAdminApi(scope, { ...deps, reindexer, sessions });
    await scope.register(async (pages) => registerPages(pages, { ...deps, reindexer, sessions }));
  });
  return { reindexer };
}

interface PagesDeps extends AdminMountDeps {
  reindexer: Reindexer;
  sessions?: AdminSessions;
}

async function registerPages(pages: FastifyInstance, deps: PagesDeps): Promise<void> {
  const { config, store, reindexer } = deps;
  pages.addHook('onRequest', pageGuard(deps));
  pages.addHook('onSend', async (_req, reply, payload) => {
    reply.header('cache-control', 'no-store');
    reply.header('content-security-policy', "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    reply.header('x-frame-options', 'DENY');
    return payload;
  });
  pages.setErrorHandler((err, req, reply) => {
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (status === 403 && /csrf/i.test(String((err as { code?: string }).code))) {
      return reply.code(403).type('text/html; charset=utf-8').send(messagePage('Formuläret har gått ut', 'Sidan var för gammal eller skickades från en annan webbplats. Ladda om sidan och försök igen.', false));
    }
    if (status === 413) return reply.code(413).type('text/html; charset=utf-8').send(messagePage('Filen är för stor', 'Filen är större än 20 MB.', false));
    if (status < 500) return reply.code(status).type('text/html; charset=utf-8').send(messagePage('Ogiltig begäran', err instanceof Error ? err.message : 'Ogiltig begäran.', false));
    req.log.error({ err }, 'admin: internt fel');
    return reply.code(500).type('text/html; charset=utf-8').send(messagePage('Något gick fel', 'Något gick fel i administrationen. Försök igen.', false));
  });

  const ctx = (req: FastifyRequest, reply: FastifyReply, path: string): PageContext => ({
    path,
    principal: req.admin ?? null,
    csrf: req.admin?.via === 'oidc' ? reply.generateCsrf() : null,
  });
  const html = (reply: FastifyReply, body: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(body);
  const filters = (req: FastifyRequest) => {
    const q = parseReportQuery(req.query);
    return { q, f: { from: q.from, to: q.to, channel: q.channel } };
  };

  pages.get('/admin/admin.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').send(ADMIN_JS));

  pages.get('/admin', async (req, reply) => {
    const { q, f } = filters(req);
    const groups = unanswered(await store.exchanges(exchangeFilter(q)));
    return html(
      reply,
      groupsPage(
        'Obesvarade frågor',
        'Frågor som Brygga inte kunde besvara eller bara svarade på med de närmaste styckena, grupperade efter liknande formulering. Texterna är redan rensade från personuppgifter.',
        '/admin',
        groups,
        f,
        `/admin/api/unanswered${queryString(f, { format: 'csv' })}`,
        ctx(req, reply, '/admin'),
      ),
    );
  });

  pages.get('/admin/vanliga', async (req, reply) => {
    const { q, f } = filters(req);
    const groups = mostAsked(await store.exchanges(exchangeFilter(q)), q.limit ?? 50);
    return html(reply, groupsPage('Vanligaste frågor', 'Alla frågor, grupperade efter liknande formulering, de vanligaste först.', '/admin/vanliga', groups, f, `/admin/api/most-asked${queryString(f, { format: 'csv' })}`, ctx(req, reply, '/admin/vanliga')));
  });

  pages.get('/admin/aterkoppling', async (req, reply) => {
    const { q, f } = filters(req);
    const items = feedbackList(await store.exchanges(exchangeFilter(q)), passageLookup(deps.assistant, () => deps.isReady()), 'down');
    return html(reply, feedbackPage(items, f, `/admin/api/feedback${queryString(f, { format: 'csv' })}`, ctx(req, reply, '/admin/aterkoppling')));
  });

  pages.get('/admin/uppfoljning', async (req, reply) => {
    const { q, f } = filters(req);
    const items = await store.followUps({ ...exchangeFilter(q), limit: q.limit ?? 1000 });
    return html(reply, followUpPage(items, f, `/admin/api/follow-up${queryString(f, { format: 'csv' })}`, ctx(req, reply, '/admin/uppfoljning')));
  });

  pages.get<{ Querystring: { uppladdat?: string } }>('/admin/dokument', async (req, reply) => {
    const notice = req.query.uppladdat ? `Dokumentet ${req.query.uppladdat} är sparat och indexeras.` : null;
    return html(reply, documentsPage(await listDocuments(config.dataDir), reindexer.status(), ctx(req, reply, '/admin/dokument'), notice));
  });

  pages.post('/admin/reindex', async (req, reply) => {
    reindexer.start();
    req.log.info({ by: req.admin?.via }, 'admin: omindexering från sidan');
    return reply.redirect('/admin/dokument', 303);
  });

  const kinds = async () => [...new Set((await listDocuments(config.dataDir)).map((d) => d.kind).filter((k): k is string => Boolean(k)))].sort();

  pages.get('/admin/ladda-upp', async (req, reply) => html(reply, uploadPage(ctx(req, reply, '/admin/ladda-upp'), { language: 'sv' }, {}, await kinds())));

  pages.post('/admin/ladda-upp', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, MultipartFile | MultipartValue<string> | undefined>;
    const fields: Record<string, string | undefined> = {};
    let file: MultipartFile | null = null;
    for (const [k, v] of Object.entries(body)) {
      if (!v || Array.isArray(v)) continue;
      if ((v as MultipartFile).type === 'file') file = v as MultipartFile;
      else if (k !== '_csrf') fields[k] = String((v as MultipartValue<string>).value ?? '');
    }
    const bytes = file ? await file.toBuffer() : null;
    const result = await saveUpload(config.knowledgeDir, { fileName: file?.filename ?? null, bytes, fields });
    if (!result.ok) {
      return html(reply, uploadPage(ctx(req, reply, '/admin/ladda-upp'), fields as UploadValues, result.errors, await kinds()), 400);
    }
    req.log.info({ by: req.admin?.via, file: result.path, access: result.meta.access }, 'admin: dokument uppladdat');
    reindexer.start();
    return reply.redirect(`/admin/dokument?uppladdat=${encodeURIComponent(result.meta.title)}`, 303);
  });

  pages.post('/admin/logout', async (req, reply) => {
    reply.clearCookie(SESSION_COOKIE, { path: '/admin', httpOnly: true, sameSite: 'lax', secure: isHttps(req, config) });
    return html(reply, messagePage('Utloggad', 'Du är utloggad från Bryggas administration.'));
  });
}
