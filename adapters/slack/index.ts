/**
 * The Slack channel: a Bolt App on Brygga's server.
 *
 * - HTTP mode (SLACK_SIGNING_SECRET + SLACK_BOT_TOKEN): POST /slack/events through FastifyReceiver.
 * - Socket Mode (SLACK_APP_TOKEN + SLACK_BOT_TOKEN): Bolt's SocketModeReceiver, started with the
 *   server; /slack/events then answers 404 with the reason.
 * - Without credentials Slack is off and /slack/events answers 404 with the reason.
 *
 * The Web API base URL comes from SLACK_API_URL (tests point it at a local fake). Rate-limited
 * calls (429) are retried after Slack's Retry-After by Bolt's WebClient.
 */
import { App, LogLevel, SocketModeReceiver, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../src/config.js';
import type { Logger } from '../../src/logger.js';
import type { ChannelDeps, ChannelPlugin } from '../../src/channel.js';
import { openNeedsRegister } from '../../src/needs/register.js';
import { redactPersonalData } from '../../src/storage/redact.js';
import { AUDIENCE, registerListeners, type SlackAppDeps } from './app.js';
import { guardDeliveries } from './delivery.js';
import { FastifyReceiver } from './receiver.js';

export const SLACK_PATH = '/slack/events';

/**
 * Retries for the Web API: network errors and 429s (after Retry-After) a few times with short
 * exponential back-off, so a reply is late rather than lost, but a dead Slack does not pile up work.
 */
export const RETRY_CONFIG = { retries: 4, factor: 2, minTimeout: 250, maxTimeout: 8000, randomize: true };

/** Bolt logs through Brygga's logger (which scrubs personal data and secrets). */
function boltLogger(logger: Logger): BoltLogger {
  const join = (msgs: unknown[]) => msgs.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...m: unknown[]) => logger.debug({ channel: 'slack' }, join(m)),
    info: (...m: unknown[]) => logger.info({ channel: 'slack' }, join(m)),
    warn: (...m: unknown[]) => logger.warn({ channel: 'slack' }, join(m)),
    error: (...m: unknown[]) => logger.error({ channel: 'slack' }, join(m)),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

function clientOptions(config: Config, logger: BoltLogger) {
  return {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl.replace(/\/?$/, '/') } : {}),
    retryConfig: RETRY_CONFIG,
    logger,
    timeout: 15_000,
  };
}

/** auth.test once (lazily, on the first event), cached; retried on the next event if it failed. */
function cachedAuthorize(botToken: string, client: InstanceType<typeof webApi.WebClient>) {
  let ids: Promise<{ botUserId?: string; botId?: string }> | undefined;
  return async () => {
    ids ??= client.auth
      .test()
      .then((r) => ({ botUserId: r.user_id, botId: r.bot_id }))
      .catch((err: unknown) => {
        ids = undefined;
        throw err;
      });
    return { botToken, ...(await ids) };
  };
}

export interface SlackOptions {
  /** overrides for tests: fewer milliseconds between in-place updates */
  updateIntervalMs?: number;
  /** overrides for tests: the HTTP receiver's fallback acknowledgement deadline (ms) */
  ackDeadlineMs?: number;
}

export async function registerSlack(app: FastifyInstance, deps: ChannelDeps, opts: SlackOptions = {}): Promise<void> {
  const { config, logger, store, assistant, links } = deps;
  const s = config.slack;
  const off = (reason: string) =>
    app.post(SLACK_PATH, async (_req, reply) => reply.code(404).send({ error: reason, code: 'slack_disabled' }));

  if (!s.enabled || !s.botToken) {
    off('Slack är inte konfigurerat: sätt SLACK_SIGNING_SECRET och SLACK_BOT_TOKEN (eller SLACK_APP_TOKEN för Socket Mode).');
    return;
  }

  const bLogger = boltLogger(logger);
  const options = clientOptions(config, bLogger);
  const authorize = cachedAuthorize(s.botToken, new webApi.WebClient(s.botToken, options));
  const publicBaseUrl = config.publicUrl;
  // the Store's register: the data dir's needs.json on SQLite, a shared table on PostgreSQL
  const needs = openNeedsRegister(store.needs);
  const listenerDeps: SlackAppDeps = {
    assistant,
    store,
    logger,
    // sources of internal documents open for the workspace through signed, expiring links
    sourceLink: publicBaseUrl ? (c) => `${publicBaseUrl}${links.sourcePath(c.docId, c.lines, AUDIENCE)}` : undefined,
    updateIntervalMs: opts.updateIntervalMs,
    handoverChannel: s.handoverChannel,
    // "Spara behovet": into the needs register, without personal data, once per channel and text
    saveNeed: async (need, meta) => {
      const text = redactPersonalData(need);
      const existing = (await needs.list({ status: 'open' })).find((n) => n.text === text && n.channel === meta.channel);
      if (existing) return `Behovet är redan sparat i behovsregistret som ${existing.id}.`;
      const rec = await needs.save({ text, createdBy: meta.user, channel: meta.channel, proposed: meta.proposed });
      return `Behovet är sparat i behovsregistret som ${rec.id}.`;
    },
  };

  if (s.appToken) {
    const receiver = new SocketModeReceiver({ appToken: s.appToken, logger: bLogger });
    // The socket client's own WebClient (apps.connections.open) ignores clientOptions: give it the
    // same base URL and a bounded retry policy, so an unreachable Slack never holds up shutdown.
    const socketClient = (receiver as unknown as { client?: { webClient?: unknown } }).client;
    if (socketClient && 'webClient' in socketClient) {
      socketClient.webClient = new webApi.WebClient('', {
        ...options,
        headers: { Authorization: `Bearer ${s.appToken}` },
      });
    }
    const bolt = new App({ receiver, authorize, logger: bLogger, clientOptions: options, tokenVerificationEnabled: false });
    registerListeners(bolt, listenerDeps);
    // the receiver only calls processEvent: give it the guarded one (dedup, prompt ack)
    receiver.init(guardDeliveries(bolt, store.dedup, logger) as App);
    // Connect in the background: the server must start (and answer /healthz) even when Slack is
    // unreachable; a failed connection is retried with back-off until the server closes.
    let closed = false;
    let timer: NodeJS.Timeout | undefined;
    const connect = async (attempt: number): Promise<void> => {
      try {
        await bolt.start();
        logger.info({ channel: 'slack' }, 'slack: connected in Socket Mode');
      } catch (err) {
        if (closed) return;
        const delay = Math.min(60_000, 2000 * 2 ** attempt);
        logger.warn({ channel: 'slack', err, retryInMs: delay }, 'slack: Socket Mode connection failed');
        timer = setTimeout(() => void connect(attempt + 1), delay);
        timer.unref();
      }
    };
    app.addHook('onReady', async () => {
      void connect(0);
    });
    app.addHook('onClose', async () => {
      closed = true;
      clearTimeout(timer);
      await bolt.stop().catch(() => undefined);
    });
    off('Slack körs i Socket Mode (SLACK_APP_TOKEN är satt); HTTP-händelser tas inte emot.');
    return;
  }

  if (!s.signingSecret) {
    off('SLACK_SIGNING_SECRET saknas.');
    return;
  }
  const receiver = new FastifyReceiver({ signingSecret: s.signingSecret, logger, ackDeadlineMs: opts.ackDeadlineMs });
  const bolt = new App({ receiver, authorize, logger: bLogger, clientOptions: options, tokenVerificationEnabled: false });
  registerListeners(bolt, listenerDeps);
  receiver.init(guardDeliveries(bolt, store.dedup, logger));
  app.post(SLACK_PATH, (req, reply) => receiver.handle(req, reply));
  logger.info({ channel: 'slack' }, 'slack: listening on POST /slack/events');
}

export const slackChannel: ChannelPlugin = {
  name: 'slack',
  register: (app, deps) => registerSlack(app, deps),
};
