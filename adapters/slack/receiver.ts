/**
 * A Bolt receiver for Brygga's fastify server: POST /slack/events takes Events API callbacks,
 * interactivity payloads and slash commands.
 *
 * - The timestamp must be a whole number of seconds within 5 minutes of now, in either direction
 *   (Slack: "verifying requests from Slack"; a future timestamp would stretch a captured request's
 *   replay window), and the v0 signature (HMAC-SHA256 over the raw body) is checked with Bolt's own
 *   verifySlackRequest. A failure answers 401 with the reason and nothing else happens.
 * - url_verification and ssl_check are answered here.
 * - Retries and replays are dropped by ./delivery.ts, which sits between this receiver and Bolt
 *   (the same guard serves Socket Mode).
 * - The HTTP response is sent as soon as a listener (or Bolt, for events) acknowledges; the work
 *   continues afterwards. If nothing acknowledges within ACK_DEADLINE_MS the request is answered
 *   with an empty 200 anyway, so Slack's 3-second limit is always met.
 */
import type { Receiver, ReceiverEvent } from '@slack/bolt';
import { verifySlackRequest } from '@slack/bolt';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../../src/logger.js';
import type { EventProcessor } from './delivery.js';

/** Slack's limit is 3 s; answer a little earlier when no listener acknowledged. */
export const ACK_DEADLINE_MS = 2500;

/** Slack's window for x-slack-request-timestamp, either way of now (seconds) */
export const TIMESTAMP_WINDOW_S = 5 * 60;

export interface FastifyReceiverOptions {
  signingSecret: string;
  logger: Logger;
  ackDeadlineMs?: number;
}

type Body = Record<string, unknown>;

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Parses a Slack request body: JSON (events) or a form (commands; interactivity as payload=JSON). */
export function parseSlackBody(raw: string, contentType: string | undefined): Body {
  if ((contentType ?? '').includes('application/json')) return JSON.parse(raw) as Body;
  const form = new URLSearchParams(raw);
  const payload = form.get('payload');
  if (payload !== null) return JSON.parse(payload) as Body;
  return Object.fromEntries(form.entries());
}

export class FastifyReceiver implements Receiver {
  private app?: EventProcessor;

  constructor(private readonly opts: FastifyReceiverOptions) {}

  /** Bolt calls this with the App; index.ts calls it again with the delivery guard around the App. */
  init(app: EventProcessor): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  async handle(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const { logger } = this.opts;
    const raw = req.rawBody ?? (typeof req.body === 'string' ? req.body : undefined);
    if (typeof raw !== 'string') {
      return reply.code(400).send({ error: 'Tom eller oläslig förfrågan.' });
    }

    const signature = header(req, 'x-slack-signature');
    const rawTimestamp = header(req, 'x-slack-request-timestamp');
    if (!signature || !rawTimestamp) {
      return reply.code(401).send({ error: 'Signatur eller tidsstämpel saknas.' });
    }
    const timestamp = /^\d{1,12}$/.test(rawTimestamp) ? Number(rawTimestamp) : NaN;
    const skew = timestamp - Math.floor(Date.now() / 1000);
    if (!Number.isFinite(timestamp) || Math.abs(skew) > TIMESTAMP_WINDOW_S) {
      const reason = !Number.isFinite(timestamp) ? 'timestamp' : skew > 0 ? 'future' : 'stale';
      logger.warn({ channel: 'slack', reason }, 'slack: rejected an unverified request');
      return reply.code(401).send({
        error:
          reason === 'timestamp'
            ? 'Ogiltig tidsstämpel: förväntade hela sekunder sedan 1970.'
            : reason === 'future'
              ? 'Förfrågan är ogiltig: tidsstämpeln ligger mer än 5 minuter fram i tiden.'
              : 'Förfrågan är för gammal (tidsstämpeln är mer än 5 minuter fel).',
      });
    }
    try {
      verifySlackRequest({
        signingSecret: this.opts.signingSecret,
        body: raw,
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
      });
    } catch (err) {
      const stale = /stale|differ/i.test((err as Error).message);
      logger.warn({ channel: 'slack', reason: stale ? 'stale' : 'signature' }, 'slack: rejected an unverified request');
      return reply
        .code(401)
        .send({ error: stale ? 'Förfrågan är för gammal (tidsstämpeln är mer än 5 minuter fel).' : 'Ogiltig signatur.' });
    }

    let body: Body;
    try {
      body = parseSlackBody(raw, header(req, 'content-type'));
    } catch {
      return reply.code(400).send({ error: 'Förfrågan kunde inte tolkas.' });
    }

    if (body.ssl_check) return reply.code(200).send();
    if (body.type === 'url_verification') {
      return reply.code(200).send({ challenge: body.challenge });
    }

    const retryNum = Number(header(req, 'x-slack-retry-num'));
    const retryReason = header(req, 'x-slack-retry-reason');

    if (!this.app) return reply.code(503).send({ error: 'Slack-appen är inte startad.' });

    let acked = false;
    let resolveAck!: (response: unknown) => void;
    const ackPromise = new Promise<unknown>((resolve) => {
      resolveAck = resolve;
    });
    const event: ReceiverEvent = {
      body,
      retryNum: Number.isFinite(retryNum) ? retryNum : undefined,
      retryReason,
      ack: async (response?: unknown) => {
        if (acked) return;
        acked = true;
        resolveAck(response);
      },
    };

    let failed: unknown;
    const processing = this.app.processEvent(event).catch((err: unknown) => {
      failed = err;
      logger.error({ channel: 'slack', err }, 'slack: listener failed');
      resolveAck(undefined);
    });
    void processing;

    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), this.opts.ackDeadlineMs ?? ACK_DEADLINE_MS);
    });
    const response = await Promise.race([ackPromise, deadline]);
    clearTimeout(timer);
    if (response === 'deadline') {
      acked = true;
      logger.warn({ channel: 'slack' }, 'slack: no acknowledgement in time; answered 200 so Slack does not retry');
      return reply.code(200).send();
    }
    if (!acked && failed) return reply.code(500).send({ error: 'Internt fel.' });
    if (response === undefined || response === null || response === '') return reply.code(200).send();
    if (typeof response === 'string') return reply.code(200).type('text/plain; charset=utf-8').send(response);
    return reply.code(200).send(response);
  }
}
