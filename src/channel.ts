/**
 * The channel contract: what a chat-platform channel (Slack, Teams) gets from Brygga's core and how
 * it mounts itself on the HTTP server. Adapters (adapters/slack, adapters/teams) depend on this
 * module only; the server (src/server) mounts the registered channels and nothing in the core
 * points back at an adapter or at the server.
 *
 * `register(app, deps)` is called after the core routes (/, /widget.js, /api/*, /sources/*,
 * /healthz, /readyz), in an encapsulated fastify context of its own.
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
 *
 * `deps.store` is the storage interface (SQLite for one replica, PostgreSQL shared by several):
 * conversations, button state, delivery deduplication (`store.dedup`) and the needs register
 * (`store.needs`) go through it, never through process memory, so that any replica can take the
 * next request of a conversation.
 */
import type { FastifyInstance } from 'fastify';
import type { Assistant } from './assistant-types.js';
import type { Config } from './config.js';
import type { Audience } from './domain/types.js';
import type { Logger } from './logger.js';
import type { Store } from './storage/store.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** the request body exactly as received (UTF-8), for signature verification */
    rawBody?: string;
  }
}

export type LinkCheck = { ok: true; audience: Audience } | { ok: false; reason: 'expired' | 'invalid' };

/** Signed, expiring links to cited passages (implemented by src/server/signed-links.ts). */
export interface SourceLinks {
  /**
   * The path and query of a link to a passage (append it to the public base URL), valid for the
   * given audience until now + ttl. `lines` is the cited range [first, last], 1-based.
   */
  sourcePath(docId: string, lines: [number, number], audience: Audience, now?: number): string;
  /** Checks a request's query (`lines`, `aud`, `exp`, `sig`) against the document id. */
  check(docId: string, query: { lines?: string; aud?: string; exp?: string; sig?: string }, now?: number): LinkCheck;
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
