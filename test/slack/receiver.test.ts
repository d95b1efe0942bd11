/**
 * FastifyReceiver on its own: the acknowledgement deadline and the ack payloads, with a stand-in
 * for Bolt's App.processEvent (Bolt itself is exercised end to end in slack.test.ts).
 */
import Fastify from 'fastify';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { App, ReceiverEvent } from '@slack/bolt';
import { FastifyReceiver } from '../../adapters/slack/receiver.js';
import { sign } from './harness.js';

const SECRET = 'receiver-secret';

async function serve(processEvent: (e: ReceiverEvent) => Promise<void>) {
  const receiver = new FastifyReceiver({
    signingSecret: SECRET,
    logger: pino({ level: 'silent' }),
    ackDeadlineMs: 100,
  });
  receiver.init({ processEvent } as unknown as App);
  const app = Fastify();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    req.rawBody = body as string;
    done(null, JSON.parse(body as string));
  });
  app.post('/slack/events', (req, reply) => receiver.handle(req, reply));
  return app;
}

function signed(body: string) {
  const ts = Math.floor(Date.now() / 1000);
  return { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(body, ts, SECRET) };
}

describe('FastifyReceiver', () => {
  it('answers 200 by the deadline when nothing acknowledges, and the work still runs', async () => {
    let finished = false;
    const app = await serve(async () => {
      await new Promise((r) => setTimeout(r, 300));
      finished = true;
    });
    const body = JSON.stringify({ type: 'event_callback', event_id: 'Ev1', event: { type: 'app_mention' } });
    const res = await app.inject({ method: 'POST', url: '/slack/events', headers: signed(body), payload: body });
    expect(res.statusCode).toBe(200);
    expect(finished).toBe(false);
    await new Promise((r) => setTimeout(r, 350));
    expect(finished).toBe(true);
  });

  it('sends what the listener acknowledges with, before the listener finishes', async () => {
    let finished = false;
    const app = await serve(async (e) => {
      await e.ack({ response_action: 'errors', errors: { text: 'tom' } });
      await new Promise((r) => setTimeout(r, 200));
      finished = true;
    });
    const body = JSON.stringify({ type: 'view_submission', view: {} });
    const res = await app.inject({ method: 'POST', url: '/slack/events', headers: signed(body), payload: body });
    expect(res.json()).toEqual({ response_action: 'errors', errors: { text: 'tom' } });
    expect(finished).toBe(false);
  });

  it('answers 500 when processing fails before acknowledging, and passes retry headers to Bolt', async () => {
    const retries: Array<number | undefined> = [];
    const app = await serve(async (e) => {
      retries.push(e.retryNum);
      throw new Error('boom');
    });
    const body = JSON.stringify({ type: 'event_callback', event_id: 'Ev2', event: { type: 'app_mention' } });
    const res = await app.inject({ method: 'POST', url: '/slack/events', headers: { ...signed(body), 'x-slack-retry-num': '0' }, payload: body });
    expect(res.statusCode).toBe(500);
    expect(retries).toEqual([0]);
  });
});
