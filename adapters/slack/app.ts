/**
 * Brygga's Slack listeners on a Bolt App: mentions, direct messages, the assistant pane, the three
 * slash commands, the buttons and the edit modal. Every listener acknowledges first and works after;
 * answers go to the thread they came from. The core does the work; this file only translates.
 *
 * Audience: every Slack conversation uses `internal`. Slack identities say nothing about who may
 * read restricted documents, and a DM or assistant thread is easily forwarded or shared, so
 * nothing restricted is ever asked for from Slack.
 */
import { Assistant as BoltAssistant, type App } from '@slack/bolt';
import type { Assistant } from '../../src/assistant-types.js';
import { chooseSkill } from '../../src/domain/skill.js';
import { type AskResult, InputError, type InviteResult, type Language } from '../../src/domain/types.js';
import type { Logger } from '../../src/logger.js';
import type { Store } from '../../src/storage/store.js';
import {
  ACTIONS,
  answerBlocks,
  answerText,
  codeBlock,
  decodeRef,
  EDIT_VIEW_ID,
  editModal,
  errorBlocks,
  handoverNotice,
  inviteBlocks,
  inviteCopyText,
  inviteText,
  MATCH_FIRST_LIMIT,
  MATCH_MORE_LIMIT,
  type MessageRef,
  matchBlocks,
  matchText,
  pendingBlocks,
  type SlackBlock,
  type SourceLink,
} from './blocks.js';

export const AUDIENCE = 'internal' as const;

export interface SlackAppDeps {
  assistant: Assistant;
  store: Store;
  logger: Logger;
  /** the link to a cited passage (signed for the internal audience, under the public base URL); none without */
  sourceLink?: SourceLink;
  /** the fewest milliseconds between two in-place updates of one streaming answer (Slack allows ~1/s per message) */
  updateIntervalMs?: number;
  /** saves a need to the needs register when one exists; returns a short confirmation */
  saveNeed?: (need: string, meta: { user?: string; channel?: string; proposed: string[] }) => Promise<string> | string;
  /** the channel "Behöver mer hjälp" posts thread links to; unset: answers carry no such button */
  handoverChannel?: string;
}

/** What the user is told after "Behöver mer hjälp", in the answer's language. */
const HANDOVER_TEXT = {
  sv: {
    done: 'En kollega har fått besked och hör av sig här i tråden. 🙋',
    already: 'En kollega har redan fått besked om det här svaret.',
    failed: 'Det gick inte att nå en kollega just nu. Försök igen om en stund.',
    gone: 'Svaret finns inte längre sparat, så ingen kollega kunde få besked. Ställ frågan igen.',
  },
  en: {
    done: 'A colleague has been notified and will follow up here in the thread. 🙋',
    already: 'A colleague has already been notified about this answer.',
    failed: 'A colleague could not be reached just now. Please try again in a moment.',
    gone: 'This answer is no longer stored, so no colleague could be notified. Please ask again.',
  },
} as const;

/** The minimal WebClient surface used here (Bolt's client in production, typed loosely for the payloads). */
type Client = App['client'];

const SUGGESTED_PROMPTS = [
  { title: 'Fråga om rapporterna', message: 'Vad säger rapporterna om att samverka med sociala företag?' },
  { title: 'Hitta en leverantör', message: '/matcha catering för 80 personer, gärna ett arbetsintegrerande socialt företag' },
  { title: 'Skriv en inbjudan', message: '/inbjudan dialogmöte med civilsamhället om fritidsaktiviteter' },
  { title: 'IOP eller upphandling?', message: 'När passar ett idéburet offentligt partnerskap (IOP) bättre än en upphandling?' },
];

function isEnglish(text: string): boolean {
  return /\b(the|what|how|which|does|is|are|can|should|please)\b/i.test(text) && !/[åäö]/i.test(text);
}

/** A user-facing text for a failure: the core's InputError messages are already in the user's language. */
function failureText(err: unknown, lang: Language): string {
  if (err instanceof InputError) {
    if (err.code === 'not_ready') {
      return lang === 'en'
        ? 'Brygga is still starting (building its index). Please try again in a moment.'
        : 'Brygga startar fortfarande (indexet byggs). Försök igen om en stund.';
    }
    return err.message;
  }
  return lang === 'en'
    ? 'Something went wrong on Brygga’s side. Please try again.'
    : 'Något gick fel hos Brygga. Försök igen.';
}

/**
 * Lets the HTTP acknowledgement go out before CPU-bound work (retrieval, matching) starts: the
 * receiver sends the response in a continuation that would otherwise wait for that work.
 */
const flushAck = () => new Promise<void>((resolve) => setImmediate(resolve));

function stripMentions(text: string): string {
  return text.replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, '').trim();
}

/** Turns Slack's escaped message text back into plain text for the core. */
function plain(text: string): string {
  return stripMentions(text)
    .replace(/<(https?:\/\/[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<(https?:\/\/[^>]+)>/g, '$1')
    .replace(/<mailto:[^|>]+\|([^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

const HELP_TEXT =
  'Hej! Ställ en fråga om rapporterna, så svarar jag med källor. Skriv *matcha:* följt av ett behov för att hitta sociala företag, ' +
  'eller *inbjudan:* följt av mötet för ett utkast till inbjudan (eller använd /matcha och /inbjudan).';

/** The parts of a message event used here. */
interface SlackMessage {
  channel_type?: string;
  subtype?: string;
  text?: string;
  channel: string;
  thread_ts?: string;
  ts: string;
  user?: string;
  bot_id?: string;
  bot_profile?: unknown;
}

/**
 * Message subtypes a person writes with text: a plain message, one with a file ("file_share"), a
 * thread reply also sent to the channel ("thread_broadcast"), a /me message. Edits, deletions,
 * joins and bot messages are not questions.
 */
const USER_SUBTYPES = new Set<string | undefined>([undefined, 'file_share', 'thread_broadcast', 'me_message']);

/** Written by an app (any app's bot, Brygga's own included) rather than a person. */
function fromBot(m: { bot_id?: string; bot_profile?: unknown; subtype?: string; user?: string }, botUserId?: string): boolean {
  return Boolean(m.bot_id) || Boolean(m.bot_profile) || m.subtype === 'bot_message' || (botUserId !== undefined && m.user === botUserId);
}

interface Place {
  channel: string;
  /** the thread to answer in; undefined answers top-level (a DM outside a thread) */
  threadTs?: string;
}

/**
 * What an invitation draft's buttons need after a restart (stored in the message's meta, so it is
 * redacted like every stored text): the text, the fields and the calendar file.
 */
function storedDraft(result: InviteResult): Record<string, unknown> {
  return {
    language: result.language,
    audience: result.audience,
    fields: result.fields,
    missing: result.missing,
    subject: result.subject,
    text: result.text,
    ics: result.ics ?? null,
    recipients: result.recipients ?? [],
  };
}

/** An InviteResult back from storedDraft(); null when the meta holds none. */
function draftFromMeta(meta: Record<string, unknown> | null): InviteResult | null {
  const d = meta?.draft as Record<string, unknown> | undefined;
  if (!d || typeof d.text !== 'string') return null;
  const recipients = Array.isArray(d.recipients) ? (d.recipients as string[]) : [];
  return {
    language: d.language === 'en' ? 'en' : 'sv',
    audience: typeof d.audience === 'string' ? d.audience : '',
    fields: d.fields as InviteResult['fields'],
    missing: Array.isArray(d.missing) ? (d.missing as string[]) : [],
    subject: typeof d.subject === 'string' ? d.subject : '',
    text: d.text,
    ...(typeof d.ics === 'string' ? { ics: d.ics } : {}),
    ...(recipients.length ? { recipients } : {}),
    slackBlocks: [],
    adaptiveCard: {},
  } as InviteResult;
}

export function registerListeners(app: App, deps: SlackAppDeps): void {
  const { assistant, store, logger } = deps;
  const updateIntervalMs = deps.updateIntervalMs ?? 1200;

  const sessionFor = (externalId: string) => store.createSession('slack', externalId);

  /** A call that only decorates (status, greeting, prompts): its failure is logged, never passed on. */
  async function cosmetic(what: string, call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
    } catch (err) {
      logger.info({ channel: 'slack', call: what, err }, 'slack: a cosmetic call failed; carrying on');
    }
  }

  // Everything a button refers to is read back from the store, so buttons work after a restart.
  const messageText = async (ref: MessageRef): Promise<string | undefined> => (await store.message(ref.sessionId, ref.messageId))?.text;

  /**
   * Answers a question in a thread: a placeholder first, then in-place updates while the answer
   * streams (at most one per updateIntervalMs), then the final blocks with sources and feedback.
   */
  async function answerIn(client: Client, place: Place, question: string, externalId: string): Promise<void> {
    const lang: Language = isEnglish(question) ? 'en' : 'sv';
    const sessionId = await sessionFor(externalId);
    await store.appendMessage({ sessionId, role: 'user', text: question, meta: { channel: place.channel } });
    // The placeholder is cosmetic: when it cannot be posted, the answer is posted when it is done.
    let ts: string | undefined;
    let channel = place.channel;
    try {
      const placeholder = await client.chat.postMessage({
        channel: place.channel,
        thread_ts: place.threadTs,
        text: lang === 'en' ? 'Brygga is thinking…' : 'Brygga tänker…',
        blocks: pendingBlocks(undefined, lang),
      });
      ts = placeholder.ts as string | undefined;
      channel = (placeholder.channel as string | undefined) ?? place.channel;
    } catch (err) {
      logger.warn({ channel: 'slack', err }, 'slack: placeholder could not be posted; the answer follows as a new message');
    }
    /** replaces the placeholder, or posts anew when there is none or it cannot be updated */
    const show = async (msg: { text: string; blocks: SlackBlock[] }) => {
      if (ts) {
        try {
          await client.chat.update({ channel, ts, ...msg });
          return;
        } catch (err) {
          logger.warn({ channel: 'slack', err }, 'slack: placeholder could not be updated; posting the answer anew');
        }
      }
      await client.chat.postMessage({ channel, thread_ts: place.threadTs, ...msg });
    };

    let partial = '';
    let lastUpdate = Date.now();
    let inFlight: Promise<unknown> | null = null;
    let result: AskResult | undefined;
    try {
      for await (const ev of assistant.askStream({ question, audience: AUDIENCE, sessionId })) {
        if (ev.type === 'token') {
          partial += ev.text;
          if (ts && !inFlight && Date.now() - lastUpdate >= updateIntervalMs) {
            lastUpdate = Date.now();
            inFlight = client.chat
              .update({ channel, ts, text: partial.slice(0, 3000), blocks: pendingBlocks(partial, lang) })
              .catch((err: unknown) => logger.warn({ channel: 'slack', err }, 'slack: partial update failed'))
              .finally(() => {
                inFlight = null;
              });
          }
        } else if (ev.type === 'done') {
          result = ev.result;
        }
      }
      if (inFlight) await inFlight;
      if (!result) throw new Error('answer stream ended without a result');
      const messageId = await store.appendMessage({
        sessionId,
        role: 'assistant',
        text: result.answer,
        meta: { channel, ts, answered: result.answered, citations: result.citations.map((c) => c.docId), audience: AUDIENCE, language: result.language },
      });
      await show({
        text: answerText(result),
        blocks: answerBlocks(result, { ref: { sessionId, messageId }, link: deps.sourceLink, handover: Boolean(deps.handoverChannel) }),
      });
    } catch (err) {
      if (inFlight) await inFlight;
      if (!(err instanceof InputError)) logger.error({ channel: 'slack', err }, 'slack: answering failed');
      const text = failureText(err, lang);
      await show({ text, blocks: errorBlocks(text) });
    }
  }

  /**
   * A chat message (mention, DM, assistant pane): routed by its prefix like the slash commands
   * ("/matcha …", "matcha: …" → matching; "/inbjudan …", "inbjudan: …" → an invitation draft;
   * "hjälp" → help), otherwise answered as a question. Replies go to the message's thread.
   */
  async function handleMessage(client: Client, place: Place, text: string, externalId: string): Promise<void> {
    const skill = chooseSkill(text);
    if (skill.kind === 'ask') return answerIn(client, place, skill.input, externalId);
    const post = (msg: { text: string; blocks?: SlackBlock[] }) => client.chat.postMessage({ channel: place.channel, thread_ts: place.threadTs, ...msg });
    if (skill.kind === 'help') {
      await post({ text: HELP_TEXT });
      return;
    }
    const sessionId = await sessionFor(externalId);
    try {
      if (skill.kind === 'match') {
        const needId = await store.appendMessage({ sessionId, role: 'user', text: skill.input, meta: { kind: 'need', channel: place.channel } });
        await respondMatch(skill.input, { sessionId, messageId: needId }, MATCH_FIRST_LIMIT, post);
      } else {
        await store.appendMessage({ sessionId, role: 'user', text: skill.input, meta: { kind: 'invitation-request', channel: place.channel } });
        await draftInvitation(skill.input, sessionId, post);
      }
    } catch (err) {
      if (!(err instanceof InputError)) logger.error({ channel: 'slack', err, skill: skill.kind }, 'slack: message skill failed');
      const msg = failureText(err, isEnglish(skill.input) ? 'en' : 'sv');
      await post({ text: msg, blocks: errorBlocks(msg) });
    }
  }

  /** Posts a new message in the thread of a clicked message; falls back to the response_url. */
  async function postInThread(
    client: Client,
    body: ActionBody,
    respond: RespondFn,
    msg: { text: string; blocks?: SlackBlock[] },
  ): Promise<void> {
    const channel = body.channel?.id;
    const threadTs = body.message?.thread_ts ?? body.message?.ts;
    if (channel) {
      try {
        await client.chat.postMessage({ channel, thread_ts: threadTs, text: msg.text, blocks: msg.blocks });
        return;
      } catch (err) {
        logger.info({ channel: 'slack', err }, 'slack: postMessage failed, replying through response_url');
      }
    }
    await respond({ response_type: 'in_channel', replace_original: false, text: msg.text, blocks: msg.blocks });
  }

  async function tellUser(client: Client, body: ActionBody, respond: RespondFn, text: string): Promise<void> {
    const channel = body.channel?.id;
    if (channel && body.user?.id) {
      try {
        await client.chat.postEphemeral({
          channel,
          user: body.user.id,
          text,
          thread_ts: body.message?.thread_ts,
        });
        return;
      } catch {
        /* fall through to the response_url */
      }
    }
    await respond({ response_type: 'ephemeral', replace_original: false, text });
  }

  // ---------------------------------------------------------------- events

  app.event('app_mention', async ({ event, client, context }) => {
    if (fromBot(event, context.botUserId)) return;
    const threadTs = event.thread_ts ?? event.ts;
    await handleMessage(client, { channel: event.channel, threadTs }, plain(event.text ?? ''), `${context.teamId ?? ''}:${event.channel}:${threadTs}`);
  });

  // The assistant pane (Slack's AI app container). Thread context (which channel the user was
  // viewing) is kept in memory, for the most recent threads only: Brygga needs none of it (no button
  // refers to it, so a restart loses nothing), and the default store would read the thread back
  // from Slack on every message.
  const contexts = new Map<string, Record<string, unknown>>();
  const MAX_CONTEXTS = 1000;
  app.assistant(
    new BoltAssistant({
      threadContextStore: {
        get: async ({ payload }) => {
          const p = payload as { channel?: string; thread_ts?: string };
          return contexts.get(`${p.channel}:${p.thread_ts}`) ?? {};
        },
        save: async ({ payload }) => {
          const t = (payload as { assistant_thread?: { channel_id: string; thread_ts: string; context?: Record<string, unknown> } })
            .assistant_thread;
          if (!t) return;
          const key = `${t.channel_id}:${t.thread_ts}`;
          contexts.delete(key);
          contexts.set(key, t.context ?? {});
          if (contexts.size > MAX_CONTEXTS) contexts.delete(contexts.keys().next().value as string);
        },
      },
      // Greeting, context and prompts are cosmetic: one failing never stops the others.
      threadStarted: async ({ say, setSuggestedPrompts, saveThreadContext }) => {
        await cosmetic('say', () => say('Hej! Jag är Brygga. Fråga mig om rapporterna och de lokala riktlinjerna, så svarar jag med källor.'));
        await cosmetic('saveThreadContext', () => saveThreadContext());
        await cosmetic('setSuggestedPrompts', () => setSuggestedPrompts({ title: 'Förslag', prompts: SUGGESTED_PROMPTS }));
      },
      userMessage: async ({ message, client, setStatus, context }) => {
        const m = message as SlackMessage;
        if (fromBot(m, context.botUserId)) return;
        const text = plain(m.text ?? '');
        if (!text) return;
        const threadTs = m.thread_ts ?? m.ts;
        await cosmetic('assistant.threads.setStatus', () => setStatus('tänker…'));
        await handleMessage(client, { channel: m.channel, threadTs }, text, `${context.teamId ?? ''}:${m.channel}:${threadTs}`);
      },
    }),
  );

  // Direct messages outside the assistant pane: answered in the DM; one conversation per thread,
  // or per DM for top-level messages so follow-ups keep their context.
  app.message(async ({ message, client, context }) => {
    const m = message as SlackMessage;
    if (m.channel_type !== 'im' || !USER_SUBTYPES.has(m.subtype) || fromBot(m, context.botUserId)) return;
    const text = plain(m.text ?? '');
    if (!text) return;
    const external = m.thread_ts ? `${context.teamId ?? ''}:${m.channel}:${m.thread_ts}` : `${context.teamId ?? ''}:${m.channel}:dm`;
    await handleMessage(client, { channel: m.channel, threadTs: m.thread_ts }, text, external);
  });

  // ---------------------------------------------------------------- slash commands

  app.command('/brygga', async ({ command, ack, respond }) => {
    await ack();
    await flushAck();
    const question = plain(command.text ?? '');
    const lang: Language = isEnglish(question) ? 'en' : 'sv';
    if (!question) {
      await respond({ response_type: 'ephemeral', text: 'Skriv din fråga efter kommandot, till exempel: /brygga vad är IOP?' });
      return;
    }
    const sessionId = await sessionFor(`${command.team_id}:${command.channel_id}:cmd:${command.trigger_id}`);
    // "/brygga matcha: …" and "/brygga inbjudan: …" are routed like a message with those prefixes
    const skill = chooseSkill(question);
    if (skill.kind === 'help') {
      await respond({ response_type: 'ephemeral', text: HELP_TEXT });
      return;
    }
    if (skill.kind !== 'ask') {
      const inChannel = (msg: { text: string; blocks?: SlackBlock[] }) => respond({ response_type: 'in_channel', ...msg });
      try {
        const kind = skill.kind === 'match' ? 'need' : 'invitation-request';
        const userId = await store.appendMessage({ sessionId, role: 'user', text: skill.input, meta: { kind, channel: command.channel_id } });
        if (skill.kind === 'match') await respondMatch(skill.input, { sessionId, messageId: userId }, MATCH_FIRST_LIMIT, inChannel);
        else await draftInvitation(skill.input, sessionId, inChannel);
      } catch (err) {
        if (!(err instanceof InputError)) logger.error({ channel: 'slack', err }, 'slack: /brygga failed');
        await respond({ response_type: 'ephemeral', text: failureText(err, lang) });
      }
      return;
    }
    await store.appendMessage({ sessionId, role: 'user', text: question, meta: { channel: command.channel_id } });
    try {
      const result = await assistant.ask({ question, audience: AUDIENCE, sessionId });
      const messageId = await store.appendMessage({
        sessionId,
        role: 'assistant',
        text: result.answer,
        meta: { command: '/brygga', answered: result.answered, citations: result.citations.map((c) => c.docId), audience: AUDIENCE, language: result.language },
      });
      await respond({
        response_type: 'in_channel',
        text: answerText(result),
        blocks: answerBlocks(result, { ref: { sessionId, messageId }, link: deps.sourceLink, handover: Boolean(deps.handoverChannel) }),
      });
    } catch (err) {
      if (!(err instanceof InputError)) logger.error({ channel: 'slack', err }, 'slack: /brygga failed');
      await respond({ response_type: 'ephemeral', text: failureText(err, lang) });
    }
  });

  async function respondMatch(
    need: string,
    needRef: MessageRef,
    shown: number,
    send: (msg: { text: string; blocks: SlackBlock[] }) => Promise<unknown>,
  ): Promise<void> {
    const result = await assistant.match(need, { limit: MATCH_MORE_LIMIT });
    const messageId = await store.appendMessage({
      sessionId: needRef.sessionId,
      role: 'assistant',
      text: matchText(result),
      meta: { matches: result.matches.map((m) => m.enterpriseId), noMatch: result.noMatch },
    });
    await send({
      text: matchText(result),
      blocks: matchBlocks(result, {
        ref: { sessionId: needRef.sessionId, messageId },
        needRef,
        shown,
        link: deps.sourceLink,
      }),
    });
  }

  app.command('/matcha', async ({ command, ack, respond }) => {
    await ack();
    await flushAck();
    const need = plain(command.text ?? '');
    if (!need) {
      await respond({
        response_type: 'ephemeral',
        text: 'Beskriv behovet efter kommandot, till exempel: /matcha catering för 120 personer i Drottninghög i november',
      });
      return;
    }
    const sessionId = await sessionFor(`${command.team_id}:${command.channel_id}:cmd:${command.trigger_id}`);
    const needId = await store.appendMessage({ sessionId, role: 'user', text: need, meta: { kind: 'need' } });
    try {
      await respondMatch(need, { sessionId, messageId: needId }, MATCH_FIRST_LIMIT, (msg) =>
        respond({ response_type: 'in_channel', ...msg }),
      );
    } catch (err) {
      if (!(err instanceof InputError)) logger.error({ channel: 'slack', err }, 'slack: /matcha failed');
      await respond({ response_type: 'ephemeral', text: failureText(err, isEnglish(need) ? 'en' : 'sv') });
    }
  });

  async function draftInvitation(
    request: string,
    sessionId: string,
    send: (msg: { text: string; blocks: SlackBlock[] }) => Promise<unknown>,
    recipients: string[] = [],
  ): Promise<void> {
    const drafted = await assistant.invite(request);
    const result: InviteResult = recipients.length > 0 ? { ...drafted, recipients } : drafted;
    const messageId = await store.appendMessage({
      sessionId,
      role: 'assistant',
      text: inviteText(result),
      meta: { kind: 'invitation', missing: result.missing, draft: storedDraft(result) },
    });
    const ref = { sessionId, messageId };
    await send({ text: inviteText(result), blocks: inviteBlocks(result, { ref, draftRef: ref }) });
  }

  app.command('/inbjudan', async ({ command, ack, respond }) => {
    await ack();
    await flushAck();
    const request = plain(command.text ?? '');
    if (!request) {
      await respond({
        response_type: 'ephemeral',
        text: 'Beskriv mötet efter kommandot, till exempel: /inbjudan frukostmöte med företagare 5 november kl 7.30 på Stadsbiblioteket',
      });
      return;
    }
    const sessionId = await sessionFor(`${command.team_id}:${command.channel_id}:cmd:${command.trigger_id}`);
    await store.appendMessage({ sessionId, role: 'user', text: request, meta: { kind: 'invitation-request' } });
    try {
      await draftInvitation(request, sessionId, (msg) => respond({ response_type: 'in_channel', ...msg }));
    } catch (err) {
      if (!(err instanceof InputError)) logger.error({ channel: 'slack', err }, 'slack: /inbjudan failed');
      await respond({ response_type: 'ephemeral', text: failureText(err, isEnglish(request) ? 'en' : 'sv') });
    }
  });

  // ---------------------------------------------------------------- buttons

  const refOf = (body: ActionBody): MessageRef | null => decodeRef(body.actions?.[0]?.value);

  type ButtonArgs = { b: ActionBody; ref: MessageRef; client: Client; respond: RespondFn };

  /** A button on a match result: acks, finds the need behind it, and answers failures in Swedish. */
  function onNeedButton(actionId: string, work: (args: ButtonArgs & { need: string }) => Promise<unknown>, logAs?: string): void {
    app.action(actionId, async ({ ack, body, client, respond }) => {
      await ack();
      await flushAck();
      const b = body as ActionBody;
      const ref = refOf(b);
      const need = ref && (await messageText(ref));
      if (!ref || !need) return tellUser(client, b, respond, 'Behovet finns inte längre sparat. Kör /matcha igen.');
      try {
        await work({ b, ref, need, client, respond });
      } catch (err) {
        if (logAs && !(err instanceof InputError)) logger.error({ channel: 'slack', err }, logAs);
        await tellUser(client, b, respond, failureText(err, 'sv'));
      }
    });
  }

  /** A button on an invitation draft: acks and finds the draft behind it. */
  function onDraftButton(actionId: string, work: (args: ButtonArgs & { draft: InviteResult }) => Promise<unknown>): void {
    app.action(actionId, async ({ ack, body, client, respond }) => {
      await ack();
      await flushAck();
      const b = body as ActionBody;
      const ref = refOf(b);
      const draft = ref && (await draftOf(ref));
      if (!ref || !draft) return tellUser(client, b, respond, 'Utkastet finns inte längre. Kör /inbjudan igen.');
      try {
        await work({ b, ref, draft, client, respond });
      } catch (err) {
        // e.g. views.open with a trigger_id that expired (Slack allows 3 seconds): say so
        if (!(err instanceof InputError)) logger.warn({ channel: 'slack', err, action: actionId }, 'slack: a draft button failed');
        await tellUser(client, b, respond, 'Det gick inte just nu. Försök igen om en stund.');
      }
    });
  }

  for (const [actionId, rating] of [
    [ACTIONS.feedbackUp, 'up'],
    [ACTIONS.feedbackDown, 'down'],
  ] as const) {
    app.action(actionId, async ({ ack, body, client, respond }) => {
      await ack();
      await flushAck();
      const b = body as ActionBody;
      const ref = refOf(b);
      if (!ref) return;
      try {
        await store.saveFeedback({ sessionId: ref.sessionId, messageId: ref.messageId, rating });
        await tellUser(client, b, respond, rating === 'up' ? 'Tack för återkopplingen! 👍' : 'Tack, det hjälper oss att bli bättre. 👎');
      } catch (err) {
        await tellUser(client, b, respond, failureText(err, 'sv'));
      }
    });
  }

  // "Behöver mer hjälp": the thread's link to the handover channel, once per answer (the mark in the
  // store is the guard, so a second press, or one after a restart, notifies nobody), and the answer
  // is listed for follow-up in /admin.
  app.action(ACTIONS.handover, async ({ ack, body, client, respond }) => {
    await ack();
    await flushAck();
    const b = body as ActionBody;
    const ref = refOf(b);
    const stored = ref ? await store.message(ref.sessionId, ref.messageId) : null;
    const t = HANDOVER_TEXT[stored?.meta?.language === 'en' ? 'en' : 'sv'];
    const target = deps.handoverChannel;
    if (!ref || !stored || stored.role !== 'assistant' || !target) return tellUser(client, b, respond, t.gone);
    const channel = b.channel?.id;
    const ts = b.message?.ts;
    let link: string | null = null;
    if (channel && ts) {
      try {
        link = ((await client.chat.getPermalink({ channel, message_ts: ts })).permalink as string | undefined) ?? null;
      } catch (err) {
        logger.info({ channel: 'slack', err }, 'slack: no permalink for the thread; notifying without a link');
      }
    }
    if (!await store.markFollowUp({ ...ref, link })) return tellUser(client, b, respond, t.already);
    const history = await store.history(ref.sessionId, 200);
    const at = history.findIndex((m) => m.messageId === ref.messageId);
    const before = at > 0 ? history[at - 1] : undefined;
    const question = before?.role === 'user' ? before.text : null;
    try {
      await client.chat.postMessage({ channel: target, ...handoverNotice({ user: b.user?.id, link, question }), unfurl_links: false });
    } catch (err) {
      // nobody was told: take the mark back so that another press tries again
      await store.unmarkFollowUp(ref.messageId);
      logger.warn({ channel: 'slack', err }, 'slack: the handover channel could not be notified');
      return tellUser(client, b, respond, t.failed);
    }
    logger.info({ channel: 'slack' }, 'slack: an answer was handed over to a person');
    await tellUser(client, b, respond, t.done);
  });

  onNeedButton(ACTIONS.matchMore, ({ b, ref, need, client, respond }) =>
    respondMatch(need, ref, MATCH_MORE_LIMIT, async (msg) => {
      const channel = b.channel?.id;
      const ts = b.message?.ts;
      try {
        if (!channel || !ts) throw new Error('no message to update');
        await client.chat.update({ channel, ts, ...msg });
      } catch {
        await respond({ replace_original: true, ...msg });
      }
    }),
  );

  onNeedButton(ACTIONS.needSave, async ({ b, ref, need, client, respond }) => {
    if (deps.saveNeed) {
      const matched = await assistant.match(need, { limit: MATCH_MORE_LIMIT });
      const confirmation = await deps.saveNeed(need, {
        user: b.user?.id,
        channel: b.channel?.id,
        proposed: matched.matches.map((m) => m.enterpriseId),
      });
      await tellUser(client, b, respond, confirmation);
    } else {
      await store.appendMessage({ sessionId: ref.sessionId, role: 'user', text: need, meta: { kind: 'saved-need', user: b.user?.id } });
      await tellUser(client, b, respond, 'Behovet är sparat i konversationen.');
    }
  });

  onNeedButton(
    ACTIONS.matchInvite,
    async ({ b, ref, need, client, respond }) => {
      const matched = await assistant.match(need, { limit: MATCH_FIRST_LIMIT });
      const names = matched.matches.map((m) => m.name);
      const request =
        names.length > 0
          ? `Inbjudan till ett dialogmöte med ${names.join(', ')} om behovet: ${need}`
          : `Inbjudan till ett dialogmöte om behovet: ${need}`;
      await store.appendMessage({ sessionId: ref.sessionId, role: 'user', text: request, meta: { kind: 'invitation-request' } });
      await draftInvitation(request, ref.sessionId, (msg) => postInThread(client, b, respond, msg), names);
    },
    'slack: invitation from matches failed',
  );

  /** The draft behind a button, from the store. */
  async function draftOf(ref: MessageRef): Promise<InviteResult | null> {
    return draftFromMeta((await store.message(ref.sessionId, ref.messageId))?.meta ?? null);
  }

  onDraftButton(ACTIONS.inviteEdit, async ({ b, ref, draft, client }) => {
    const meta = JSON.stringify({ ref, channel: b.channel?.id, ts: b.message?.ts, responseUrl: b.response_url });
    await client.views.open({ trigger_id: b.trigger_id, view: editModal(draft, meta) as never });
  });

  app.view(EDIT_VIEW_ID, async ({ ack, view, client }) => {
    const values = view.state.values as Record<string, Record<string, { value?: string | null }>>;
    const subject = values.subject?.value?.value?.trim() ?? '';
    const text = values.text?.value?.value?.trim() ?? '';
    if (!text) {
      await ack({ response_action: 'errors', errors: { text: 'Inbjudan får inte vara tom.' } });
      return;
    }
    await ack();
    await flushAck();
    let meta: { ref?: MessageRef; channel?: string; ts?: string; responseUrl?: string };
    try {
      meta = JSON.parse(view.private_metadata || '{}');
    } catch {
      return;
    }
    const ref = meta.ref;
    const old = ref && (await draftOf(ref));
    if (!ref || !old) return;
    // The edited text replaces the draft; the core's ready-made blocks would show the old text.
    const updated: InviteResult = { ...old, subject: subject || old.subject, text, slackBlocks: [] };
    const messageId = await store.appendMessage({
      sessionId: ref.sessionId,
      role: 'assistant',
      text: inviteText(updated),
      meta: { kind: 'invitation', editedFrom: ref.messageId, draft: storedDraft(updated) },
    });
    const newRef = { sessionId: ref.sessionId, messageId };
    const msg = { text: inviteText(updated), blocks: inviteBlocks(updated, { ref: newRef, draftRef: newRef }) };
    try {
      if (!meta.channel || !meta.ts) throw new Error('no message to update');
      await client.chat.update({ channel: meta.channel, ts: meta.ts, ...msg });
    } catch (err) {
      if (!meta.responseUrl) throw err;
      const res = await fetch(meta.responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ replace_original: true, ...msg }),
      });
      if (!res.ok) throw new Error(`response_url answered ${res.status}`);
    }
  });

  onDraftButton(ACTIONS.inviteIcs, async ({ b, draft, client, respond }) => {
    if (!draft.ics) {
      return tellUser(client, b, respond, 'Det finns ingen kalenderfil ännu: datum och tid saknas i inbjudan.');
    }
    const channel = b.channel?.id;
    try {
      if (!channel) throw new Error('no channel');
      await client.files.uploadV2({
        channel_id: channel,
        thread_ts: b.message?.thread_ts ?? b.message?.ts,
        file: Buffer.from(draft.ics, 'utf8'),
        filename: 'inbjudan.ics',
        title: draft.subject || 'Inbjudan',
        initial_comment: 'Kalenderfil för inbjudan (.ics)',
      } as never);
    } catch (err) {
      logger.info({ channel: 'slack', err }, 'slack: ICS upload failed, posting it as text');
      await postInThread(client, b, respond, { text: `Kalenderfil (spara som inbjudan.ics):\n${codeBlock(draft.ics)}` });
    }
  });

  onDraftButton(ACTIONS.inviteCopy, ({ b, draft, client, respond }) => postInThread(client, b, respond, { text: codeBlock(inviteCopyText(draft)) }));

  app.error(async (err) => {
    logger.error({ channel: 'slack', err }, 'slack: unhandled error');
  });
}

/** The parts of a block_actions payload used here. */
interface ActionBody {
  actions?: Array<{ action_id: string; value?: string }>;
  channel?: { id: string };
  user?: { id: string };
  message?: { ts: string; thread_ts?: string };
  response_url?: string;
  trigger_id: string;
}

type RespondFn = (msg: Record<string, unknown>) => Promise<unknown>;
