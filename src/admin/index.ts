/**
 * The admin area, mounted by the server when `adminEnabled(config)`: the JSON/CSV API with the
 * bearer token or a staff session, and the re-index job.
 */
import type { FastifyInstance } from 'fastify';
import type { Assistant } from '../assistant-types.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Store } from '../storage/store.js';
import { Reindexer } from './reindex.js';
import { pageGuard, registerAdminApi } from './routes.js';

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

export async function registerAdmin(app: FastifyInstance, deps: AdminMountDeps): Promise<MountedAdmin> {
  const reindexer = new Reindexer({
    create: (progress) => deps.createAssistant(progress),
    swap: (next) => deps.swapAssistant(next),
    onFinish: (s) =>
      s.state === 'failed'
        ? deps.logger.error({ error: s.error }, 'omindexeringen misslyckades; det gamla indexet används')
        : deps.logger.info({ documents: s.documents, chunks: s.chunks }, 'omindexeringen är klar'),
  });
  await registerAdminApi(app, { ...deps, reindexer });
  await app.register(async (pages) => {
    pages.addHook('onRequest', pageGuard(deps));
    pages.get('/admin', async (_req, reply) => reply.type('text/html; charset=utf-8').send('<!doctype html><html lang="sv"><title>Brygga – administration</title><h1>Administration</h1></html>'));
  });
  app.get('/admin/login', async (_req, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .send('<!doctype html><html lang="sv"><title>Logga in – Brygga</title><h1>Logga in</h1><p>Inloggning för personal är inte konfigurerad. API:t nås med BRYGGA_ADMIN_TOKEN.</p></html>'),
  );
  return { reindexer };
}
