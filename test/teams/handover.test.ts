/**
 * "Behöver mer hjälp" in Teams, end to end: activities through the real botbuilder CloudAdapter and
 * the real assistant; the fake Bot Connector records the proactive notice to the configured
 * conversation. Once per answer (also after a restart), marked for follow-up in /admin, the user told
 * in the answer's language; without configuration there is no button.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackText } from '../../src/storage/compact.js';
import { activity, cardOf, removeSharedIndex, startHarness, textsOf, type Harness } from './harness.js';
import { storedId } from '../../src/storage/store.js';

const HANDOVER = '19:kommunens-kontaktcenter@thread.tacv2';
const TOKEN = 'test-admin-token-0123456789abcdef';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ env: { BRYGGA_TEAMS_HANDOVER_CONVERSATION: HANDOVER, BRYGGA_ADMIN_TOKEN: TOKEN } });
});
afterAll(async () => {
  await h?.close();
  removeSharedIndex();
});

/** asks in a new conversation; returns the answer card and its conversation */
async function answered(text: string, overrides: Record<string, unknown> = {}) {
  const a = activity(h, { text, ...overrides });
  expect((await h.post(a)).status).toBe(200);
  const [reply] = await h.connector.waitForMessages(a.conversation.id, 1);
  return { conversation: a.conversation as { id: string; conversationType: string }, card: cardOf(reply!.activity) };
}

const helpAction = (card: ReturnType<typeof cardOf>) => card.actions?.find((x) => (x.data as { brygga?: string } | undefined)?.brygga === 'handover');

function press(data: unknown, conversation: { id: string; conversationType: string }, locale = 'sv-SE') {
  return h.post(activity(h, { text: undefined, value: data, conversation, locale }));
}

const lastText = (conversationId: string) => textsOf(cardOf(h.connector.for(conversationId, 'message').at(-1)!.activity));
const notices = () => h.connector.for(HANDOVER, 'message');

async function followUps(): Promise<Array<Record<string, unknown>>> {
  const r = await fetch(`${h.base}/admin/api/follow-up`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(r.status).toBe(200);
  return ((await r.json()) as { items: Array<Record<string, unknown>> }).items;
}

describe('Behöver mer hjälp (Teams)', () => {
  it('notifies the configured conversation once with a link, marks the answer for follow-up and tells the user, also after a restart', async () => {
    const question = 'Vad är syftet med Projekt Rekrytera?';
    const { conversation, card } = await answered(question, { conversationType: 'channel' });
    const help = helpAction(card);
    expect(help).toMatchObject({ type: 'Action.Submit', title: '🙋 Behöver mer hjälp' });
    const { sessionId, messageId } = help!.data as { sessionId: string; messageId: string };

    expect((await press(help!.data, conversation)).status).toBe(200);
    await h.connector.waitForMessages(HANDOVER, 1);
    const [notice] = notices();
    // a new (proactive) message in the handover conversation, not a reply
    expect(notice!.replyToId).toBeUndefined();
    const [thread, root] = conversation.id.split(';messageid=');
    const link = `https://teams.microsoft.com/l/message/${encodeURIComponent(thread!)}/${root}`;
    const noticeCard = cardOf(notice!.activity);
    const texts = textsOf(noticeCard).join('\n');
    expect(texts).toContain(`(${link})`);
    expect(texts).toContain(question);
    expect(texts).toContain('<at>Anna Andersson</at>');
    expect(noticeCard.msteams).toMatchObject({ entities: [{ type: 'mention', mentioned: { id: '29:user-anna' } }] });
    expect(lastText(conversation.id)).toEqual(['En kollega har fått besked och hör av sig till dig. 🙋']);

    expect(h.db().prepare('SELECT message_id AS id FROM follow_ups').all()).toEqual([{ id: storedId(messageId) }]);
    const items = await followUps();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ channel: 'teams', sessionId, answerId: messageId, question, link });

    // pressing again, and after a restart, notifies nobody
    await press(help!.data, conversation);
    expect(lastText(conversation.id)).toEqual(['En kollega har redan fått besked om det här svaret.']);
    await h.restart();
    await press(help!.data, conversation);
    expect(lastText(conversation.id)).toEqual(['En kollega har redan fått besked om det här svaret.']);
    expect(notices()).toHaveLength(1);
    expect(await followUps()).toHaveLength(1);
  });

  it('answers an English user in English', async () => {
    const { conversation, card } = await answered('What is the aim of Projekt Rekrytera?', { locale: 'en-US' });
    const help = helpAction(card)!;
    expect(help.title).toBe('🙋 Need more help');
    const before = notices().length;
    await press(help.data, conversation, 'en-US');
    expect(lastText(conversation.id)).toEqual(['A colleague has been notified and will get back to you. 🙋']);
    expect(notices()).toHaveLength(before + 1);
  });

  it('does not hand over an answer of another conversation', async () => {
    const { card } = await answered('Vilka faser var projektet uppdelat i?');
    const help = helpAction(card)!;
    const before = notices().length;
    const other = activity(h, { text: undefined, value: help.data });
    await h.post(other);
    expect(notices()).toHaveLength(before);
    expect(h.db().prepare('SELECT COUNT(*) AS n FROM follow_ups WHERE message_id = ?').get(storedId((help.data as { messageId: string }).messageId))).toEqual({ n: 0 });
  });

  it('stores the audience with the answer, so the admin counts show it instead of "okänd"', async () => {
    const question = 'Vem finansierade Projekt Rekrytera?';
    const { card } = await answered(question, { conversationType: 'groupChat' });
    const { messageId } = helpAction(card)!.data as { messageId: string };
    const row = h.db().prepare('SELECT meta FROM messages WHERE id = ?').get(storedId(messageId)) as { meta: string | Buffer };
    expect(JSON.parse(unpackText(row.meta))).toMatchObject({ audience: 'internal' });
    const r = await fetch(`${h.base}/admin/api/most-asked?channel=teams`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const { groups } = (await r.json()) as { groups: Array<{ question: string; variants: string[]; byAudience: Record<string, number> }> };
    const group = groups.find((g) => g.question === question || g.variants.includes(question));
    expect(group?.byAudience.internal).toBeGreaterThanOrEqual(1);
    expect(group?.byAudience).not.toHaveProperty('okänd');
  });
});

describe('without a handover conversation', () => {
  it('shows no "Behöver mer hjälp" button', async () => {
    const plain = await startHarness();
    try {
      const a = activity(plain, { text: 'Vad är syftet med Projekt Rekrytera?' });
      await plain.post(a);
      const [reply] = await plain.connector.waitForMessages(a.conversation.id, 1);
      const card = cardOf(reply!.activity);
      expect(card.actions?.map((x) => (x.data as { brygga?: string }).brygga)).toEqual(['feedback', 'feedback']);
    } finally {
      await plain.close();
    }
  });
});
