/**
 * What every Slack delivery goes through before Bolt sees it, on both transports (the HTTP
 * receiver and Socket Mode): deduplication and a prompt acknowledgement.
 *
 * - Slack retries an event it thinks was lost with the same `event_id` (HTTP: `x-slack-retry-num`;
 *   Socket Mode: `retry_attempt`/`retry_reason` on the envelope), up to three times within about
 *   five minutes (api.slack.com/apis/events-api#retries). The first delivery is processed; a
 *   repeat is acknowledged and dropped.
 * - A slash command, button click or view submission has no id of its own that survives a replay,
 *   but a replayed request is the same payload byte for byte: its SHA-256 is the key, kept for the
 *   signature window (five minutes either way of the request timestamp, so ten minutes).
 * - A payload that no listener acknowledges (an action, shortcut or view Brygga does not handle)
 *   is acknowledged as soon as Bolt has dispatched it, not after the receiver's fallback deadline.
 */
import { createHash } from 'node:crypto';
import type { App, ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../../src/logger.js';
import type { Deduplicator } from '../../src/storage/dedup.js';

/** how long an event id is remembered: Slack's retries end after about 5 minutes; an hour is ample */
export const EVENT_DEDUP_TTL_MS = 60 * 60 * 1000;
/** how long a command/interaction payload is remembered: the ±5-minute signature window */
export const REPLAY_DEDUP_TTL_MS = 10 * 60 * 1000;

/** The dedup key of a Slack payload and how long to keep it, or undefined when it has none. */
export function deliveryKey(body: Record<string, unknown>): { key: string; ttlMs: number; kind: string } | undefined {
  if (body.type === 'event_callback' && typeof body.event_id === 'string' && body.event_id) {
    return { key: `slack:event:${String(body.api_app_id ?? '')}:${body.event_id}`, ttlMs: EVENT_DEDUP_TTL_MS, kind: 'event' };
  }
  if (body.type === 'url_verification' || body.ssl_check) return undefined;
  const digest = createHash('sha256').update(JSON.stringify(body)).digest('base64url');
  return { key: `slack:payload:${digest}`, ttlMs: REPLAY_DEDUP_TTL_MS, kind: typeof body.command === 'string' ? 'command' : String(body.type ?? 'payload') };
}

/** The part of a Bolt App a receiver calls. */
export type EventProcessor = Pick<App, 'processEvent'>;

/**
 * Wraps Bolt's processEvent: drops duplicates (acknowledged, not processed), makes `ack` idempotent,
 * and acknowledges what no listener acknowledged once Bolt has dispatched it. A failing dedup
 * store does not stop the answer: the delivery is processed and the failure logged.
 */
export function guardDeliveries(bolt: EventProcessor, dedup: Deduplicator, logger: Logger): EventProcessor {
  return {
    async processEvent(event: ReceiverEvent): Promise<void> {
      let acked = false;
      const ack = async (response?: unknown) => {
        if (acked) return;
        acked = true;
        await event.ack(response as never);
      };
      const key = deliveryKey(event.body);
      if (key) {
        let duplicate = false;
        try {
          duplicate = await dedup.seen(key.key, key.ttlMs);
        } catch (err) {
          logger.error({ channel: 'slack', err }, 'slack: deduplication failed; processing the delivery anyway');
        }
        if (duplicate) {
          logger.info(
            { channel: 'slack', kind: key.kind, retryNum: event.retryNum, retryReason: event.retryReason },
            'slack: repeated delivery acknowledged, not processed again',
          );
          await ack();
          return;
        }
      }
      await bolt.processEvent({ ...event, ack });
      // no listener took it (or it did not acknowledge): Slack should not wait for the fallback
      if (!acked) await ack();
    },
  };
}
