/**
 * The registry of chat-platform channels (Slack, Teams) that live on Brygga's HTTP server.
 * Each channel is a small plugin; `buildServer` registers every plugin in `channels` after the
 * core routes (/, /widget.js, /api/*, /sources/*, /healthz, /readyz).
 *
 * Request bodies: the server's JSON and form (application/x-www-form-urlencoded) content-type
 * parsers keep the exact bytes received as a UTF-8 string on `request.rawBody`, next to the
 * parsed `request.body` (JSON parsed; a form body parsed into a plain object of strings).
 * Slack verifies its signature over `request.rawBody`; Teams reads the parsed JSON `request.body`.
 * A plugin may register its own content-type parser inside its own encapsulated context
 * (`app.register(async (scope) => { scope.addContentTypeParser(...) })`) if it needs another one.
 *
 * The assistant is created in the background (the index may be built on first start):
 * `deps.assistant` is always the same object, but its methods throw an InputError with code
 * 'not_ready' until `deps.isReady()` is true. A plugin should answer 503 while not ready,
 * or acknowledge and answer later, as its platform requires. The web channel always uses the
 * `public` audience; other channels choose theirs.
 */
import type { FastifyInstance } from 'fastify';
import type { Assistant } from '../assistant-types.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Store } from '../storage/store.js';
import type { SourceLinks } from './signed-links.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** the request body exactly as received (UTF-8), for signature verification */
    rawBody?: string;
  }
}

export interface ChannelDeps {
  assistant: Assistant;
  config: Config;
  store: Store;
  logger: Logger;
  /** signed, expiring links to cited passages of non-public documents (for Slack and Teams) */
  links: SourceLinks;
  isReady(): boolean;
}

export interface ChannelPlugin {
  name: string;
  register(app: FastifyInstance, deps: ChannelDeps): Promise<void>;
}

export const channels: ChannelPlugin[] = [
  /* slack and teams engineers append here */
  { name: 'teams', register: async (app, deps) => (await import('../../adapters/teams/plugin.js')).registerTeams(app, deps) },
  { name: 'slack', register: async (app, deps) => (await import('../../adapters/slack/index.js')).registerSlack(app, deps) },
];
