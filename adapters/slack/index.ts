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
import type { ChannelDeps, ChannelPlugin } from '../../src/server/channels.js';
import { registerListeners } from './app.js';
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
}

export async function registerSlack(app: FastifyInstance, deps: ChannelDeps, opts: SlackOptions = {}): Promise<void> {
  const { config, logger, store, assistant } = deps;
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
  const publicBaseUrl = (config as Config & { publicUrl?: string }).publicUrl;
  const listenerDeps = { assistant, store, logger, publicBaseUrl, updateIntervalMs: opts.updateIntervalMs };

  if (s.appToken) {
    const receiver = new SocketModeReceiver({ appToken: s.appToken, logger: bLogger, installerOptions: {} });
    const bolt = new App({ receiver, authorize, logger: bLogger, clientOptions: options, tokenVerificationEnabled: false });
    registerListeners(bolt, listenerDeps);
    app.addHook('onReady', async () => {
      await bolt.start();
      logger.info({ channel: 'slack' }, 'slack: connected in Socket Mode');
    });
    app.addHook('onClose', async () => {
      await bolt.stop();
    });
    off('Slack körs i Socket Mode (SLACK_APP_TOKEN är satt); HTTP-händelser tas inte emot.');
    return;
  }

  if (!s.signingSecret) {
    off('SLACK_SIGNING_SECRET saknas.');
    return;
  }
  const receiver = new FastifyReceiver({
    signingSecret: s.signingSecret,
    markProcessed: (key) => store.markProcessed(key),
    logger,
  });
  const bolt = new App({ receiver, authorize, logger: bLogger, clientOptions: options, tokenVerificationEnabled: false });
  registerListeners(bolt, listenerDeps);
  app.post(SLACK_PATH, (req, reply) => receiver.handle(req, reply));
  logger.info({ channel: 'slack' }, 'slack: listening on POST /slack/events');
}

export const slackChannel: ChannelPlugin = {
  name: 'slack',
  register: (app, deps) => registerSlack(app, deps),
};
