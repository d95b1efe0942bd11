/**
 * "Behöver mer hjälp" in Slack, end to end: real Bolt behind the real server and assistant, the
 * fake Slack Web API recording what is posted. The button posts the thread's link to the configured
 * channel once (also after a restart), marks the answer for follow-up in /admin, and tells the user
 * in the answer's language; the stored answer records its audience for the admin counts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../adapters/slack/blocks.js';
import { createAssistant } from '../../src/assistant.js';
import { unpackText } from '../../src/storage/compact.js';
import { buttons, clickPayload, type Harness, queryDb, sendEvent, sendInteraction, startHarness } from './harness.js';

const HANDOVER_CHANNEL = 'C0HJALP';
const TOKEN = 'test-admin-token-0123456789abcdef';

let h: Harness;
let seq = 0;

beforeAll(async () => {
  h = await startHarness((config) => createAssistant(config), {
    env: { BRYGGA_SLACK_HANDOVER_CHANNEL: HANDOVER_CHANNEL, BRYGGA_ADMIN_TOKEN: TOKEN },
  });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => h.fake.reset());

/** asks by mention in a new thread; returns the final answer's update call and its thread */
async function askInThread(question: string) {
  const ts = `17000001${String(++seq).padStart(2, '0')}.000100`;
  await sendEvent(h, { type: 'app_mention', user: 'U0USER', text: `<@UBOT> ${question}`, ts, channel: 'C0CHAN', event_ts: ts });
  await h.fake.waitFor(() => h.fake.ok('chat.update').some((c) => buttons(c.args.blocks).length > 0));
  const update = h.fake.ok('chat.update').find((c) => buttons(c.args.blocks).length > 0)!;
  return { update, threadTs: ts };
}

function press(value: string | undefined, message: { ts: string; thread_ts: string }) {
  return sendInteraction(h, clickPayload(h, { action_id: ACTIONS.handover, value }, { channel: 'C0CHAN', ...message }));
}

const posted = () => h.fake.ok('chat.postMessage').filter((c) => c.args.channel === HANDOVER_CHANNEL);

async function followUps(): Promise<Array<Record<string, unknown>>> {
  const r = await fetch(`${h.base}/admin/api/follow-up`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(r.status).toBe(200);
  return ((await r.json()) as { items: Array<Record<string, unknown>> }).items;
}

describe('Behöver mer hjälp (Slack)', () => {
  it('notifies the handover channel with the thread link once, marks the answer for follow-up and tells the user in Swedish, also after a restart', async () => {
    const question = 'Vad syftar Projekt Rekrytera till?';
    const { update, threadTs } = await askInThread(question);
    const help = buttons(update.args.blocks).find((b) => b.action_id === ACTIONS.handover);
    expect(help?.text.text).toBe('🙋 Behöver mer hjälp');
    const answerTs = String(update.args.ts);
    const [sessionId, messageId] = String(help!.value).split(':');

    expect((await press(help!.value, { ts: answerTs, thread_ts: threadTs })).status).toBe(200);
    await h.fake.waitFor(() => posted().length === 1 && h.fake.ok('chat.postEphemeral').length === 1);
    const notice = posted()[0]!;
    const link = `https://brygga-test.slack.com/archives/C0CHAN/p${answerTs.replace('.', '')}`;
    expect(String(notice.args.text)).toContain(link);
    expect(String(notice.args.text)).toContain('<@U0USER>');
    expect(String(notice.args.text)).toContain(question);
    expect(h.fake.ok('chat.getPermalink')[0]?.args).toMatchObject({ channel: 'C0CHAN', message_ts: answerTs });
    const told = h.fake.ok('chat.postEphemeral')[0]!;
    expect(told.args).toMatchObject({ channel: 'C0CHAN', user: 'U0USER' });
    expect(String(told.args.text)).toMatch(/En kollega har fått besked/);

    // stored and listed for follow-up in the admin view
    expect(queryDb(h, 'SELECT message_id FROM follow_ups')).toEqual([{ message_id: messageId }]);
    const items = await followUps();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ channel: 'slack', sessionId, answerId: messageId, question, link });
    const page = await (await fetch(`${h.base}/admin/uppfoljning`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(page).toContain(`<a href="${link}">Öppna tråden</a>`);
    expect(page).toContain(question);

    // a second press, and one after a restart, notify nobody
    h.fake.reset();
    await press(help!.value, { ts: answerTs, thread_ts: threadTs });
    await h.fake.waitFor(() => h.fake.ok('chat.postEphemeral').length === 1);
    expect(String(h.fake.ok('chat.postEphemeral')[0]!.args.text)).toMatch(/redan fått besked/);
    await h.restart();
    h.fake.reset();
    await press(help!.value, { ts: answerTs, thread_ts: threadTs });
    await h.fake.waitFor(() => h.fake.ok('chat.postEphemeral').length === 1);
    expect(String(h.fake.ok('chat.postEphemeral')[0]!.args.text)).toMatch(/redan fått besked/);
    expect(posted()).toHaveLength(0);
    expect(await followUps()).toHaveLength(1);
  });

  it('answers an English user in English', async () => {
    const { update, threadTs } = await askInThread('What is the aim of Projekt Rekrytera?');
    const help = buttons(update.args.blocks).find((b) => b.action_id === ACTIONS.handover)!;
    expect(help.text.text).toBe('🙋 Need more help');
    await press(help.value, { ts: String(update.args.ts), thread_ts: threadTs });
    await h.fake.waitFor(() => h.fake.ok('chat.postEphemeral').length === 1 && posted().length === 1);
    expect(String(h.fake.ok('chat.postEphemeral')[0]!.args.text)).toMatch(/A colleague has been notified/);
  });

  it('when the handover channel cannot be reached, says so and a later press tries again', async () => {
    const { update, threadTs } = await askInThread('Vilka faser var projektet uppdelat i?');
    const help = buttons(update.args.blocks).find((b) => b.action_id === ACTIONS.handover)!;
    const [, messageId] = String(help.value).split(':');
    h.fake.failOnce.set('chat.postMessage', 'not_in_channel');
    await press(help.value, { ts: String(update.args.ts), thread_ts: threadTs });
    await h.fake.waitFor(() => h.fake.ok('chat.postEphemeral').length === 1);
    expect(String(h.fake.ok('chat.postEphemeral')[0]!.args.text)).toMatch(/Det gick inte att nå en kollega/);
    expect(queryDb(h, 'SELECT 1 FROM follow_ups WHERE message_id = ?', messageId)).toHaveLength(0);
    h.fake.reset();
    await press(help.value, { ts: String(update.args.ts), thread_ts: threadTs });
    await h.fake.waitFor(() => posted().length === 1 && h.fake.ok('chat.postEphemeral').length === 1);
    expect(String(h.fake.ok('chat.postEphemeral')[0]!.args.text)).toMatch(/En kollega har fått besked/);
  });

  it('stores the audience with the answer, so the admin counts show "internal" for Slack, not "okänd"', async () => {
    const question = 'Vem finansierade Projekt Rekrytera?';
    const { update } = await askInThread(question);
    const [, messageId] = String(buttons(update.args.blocks)[0]!.value).split(':');
    const [row] = queryDb<{ meta: string | Buffer }>(h, 'SELECT meta FROM messages WHERE id = ?', messageId);
    // (metadata is stored packed: src/storage/compact.ts)
    expect(JSON.parse(unpackText(row!.meta))).toMatchObject({ audience: 'internal' });
    const r = await fetch(`${h.base}/admin/api/most-asked?channel=slack`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const { groups } = (await r.json()) as { groups: Array<{ question: string; variants: string[]; byAudience: Record<string, number> }> };
    const group = groups.find((g) => g.question === question || g.variants.includes(question));
    // every Slack question is asked with the internal audience
    expect(Object.keys(group?.byAudience ?? {})).toEqual(['internal']);
  });
});
