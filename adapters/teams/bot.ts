/**
 * Brygga's Teams channel logic, written against our own small `TurnIO` interface instead of the
 * Bot Framework SDK (archived upstream). Only ./botframework.ts knows botbuilder; moving to the
 * Microsoft 365 Agents SDK means writing another TurnIO over its TurnContext, nothing here.
 *
 * What a turn does:
 * - a message: strip nothing more (the SDK layer has removed the @mention), pick the skill by
 *   prefix ("matcha:"/"match:" → matching, "inbjudan:"/"invite:" → invitation draft,
 *   "hjälp"/"help" → help card, anything else → a cited answer), show a typing indicator at once and
 *   every few seconds, and answer as an Adaptive Card. When the work outlasts the budget (default
 *   10 s, Teams gives up after 15 s) the turn ends and the card follows as a proactive message.
 * - audience: employees are `internal`; `restricted` documents only in a personal chat.
 * - feedback: Teams' own thumbs (invoke `message/submitAction`, actionName `feedback`) and our card
 *   buttons (Action.Submit with `{brygga: "feedback"}`) are stored with the conversation.
 */
import type { Assistant } from '../../src/assistant-types.js';
import { detectLanguage } from '../../src/answer/language.js';
import { chooseSkill } from '../../src/domain/skill.js';
import type { Audience, Citation, Language } from '../../src/domain/types.js';
import { InputError } from '../../src/domain/types.js';
import type { Store } from '../../src/storage/store.js';
import {
  answerMessage,
  errorMessage,
  handoverNoticeMessage,
  helpMessage,
  inviteMessage,
  matchMessage,
  noticeMessage,
  welcomeMessage,
  type OutgoingMessage,
} from './cards.js';

export type ConversationType = 'personal' | 'channel' | 'groupChat';

/** One turn as the channel logic sees it. */
export interface TurnIO {
  /** the user's text with the bot mention removed */
  text: string;
  /** `value` of a message activity (what an Action.Submit button sent), if any */
  value?: unknown;
  conversationType: ConversationType;
  conversationId: string;
  /** the platform's id of the incoming activity (used to ignore platform retries) */
  activityId?: string;
  /** the client's locale, e.g. "sv-SE" */
  locale?: string;
  /** the public base URL the platform reached us at (for links such as the .ics), if known */
  publicUrl?: string;
  /** who wrote (the platform's id and display name), if known; never stored */
  user?: { id: string; name?: string };
  /** sends a card; returns the platform's id for the sent message */
  send(message: OutgoingMessage): Promise<string | undefined>;
  typing(): Promise<void>;
  /** runs work after this turn has ended, with an IO for the same conversation (proactive) */
  later(work: (io: TurnIO) => Promise<void>): void;
  /** sends a new message to another conversation of the same tenant (proactive); rejects when it fails */
  sendTo?(conversationId: string, message: OutgoingMessage): Promise<string | undefined>;
}

export interface FeedbackInput {
  conversationId: string;
  /** the platform id of the bot message the feedback is about */
  replyToId?: string;
  rating: 'up' | 'down';
  comment?: string;
  /** exact ids when the feedback came from our own card buttons */
  sessionId?: string;
  messageId?: string;
}

export type BotStore = Pick<
  Store,
  'createSession' | 'getSession' | 'appendMessage' | 'history' | 'saveFeedback' | 'message' | 'linkMessage' | 'linkedMessage' | 'markFollowUp' | 'unmarkFollowUp' | 'dedup'
>;

export interface Logger {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

export interface TeamsBotOptions {
  assistant: Assistant;
  store: BotStore;
  logger?: Logger;
  /** how long a turn may work before the answer is sent proactively instead (ms, default 10 000) */
  budgetMs?: number;
  /** how often the typing indicator is repeated while working (ms, default 3 000) */
  typingEveryMs?: number;
  /** the link to a cited passage for an audience (under the public base URL), or undefined for none */
  sourceLink?: (c: Citation, audience: Audience, publicUrl: string | undefined) => string | undefined;
  /** a URL that serves the .ics of a stored invitation draft (under publicUrl), or undefined */
  publishIcs?: (ids: { sessionId: string; messageId: string }, publicUrl: string | undefined) => Promise<string | undefined>;
  /** the conversation "Behöver mer hjälp" notifies (BRYGGA_TEAMS_HANDOVER_CONVERSATION); unset: no button */
  handoverConversation?: string;
}

export { chooseSkill };
type Skill = ReturnType<typeof chooseSkill>;

/** Employees are `internal`; restricted documents only in a personal chat. */
export function audienceFor(conversationType: ConversationType): Audience {
  return conversationType === 'personal' ? 'restricted' : 'internal';
}

export function languageOf(locale: string | undefined): Language {
  return locale && /^en\b/i.test(locale) ? 'en' : 'sv';
}

/**
 * The answer language to ask the core for, or undefined to let it detect the question's language.
 * The client locale (activity.locale, BCP 47) decides when the text does not: an English client
 * gets English unless the question is clearly Swedish. "Clearly" is measured with the core's own
 * detector: the question stays Swedish even with one more English function word added, i.e. its
 * Swedish evidence outweighs its English evidence (a tie, as in "IOP?" or "Rekrytera", is unclear).
 */
export function languageHint(text: string, locale: string | undefined): Language | undefined {
  if (languageOf(locale) !== 'en') return undefined;
  return detectLanguage(`${text} the`) === 'sv' ? undefined : 'en';
}

/** The store key linking a sent Teams message (its activity id) to the stored answer. */
function sentKey(conversationId: string, activityId: string): string {
  return `teams:sent:${conversationId}:${activityId}`;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const GENERIC_ERROR: Record<Language, string> = {
  sv: 'Något gick fel när jag arbetade med din fråga. Försök igen om en stund.',
  en: 'Something went wrong while I worked on your question. Please try again in a moment.',
};

/** What the user is told after "Behöver mer hjälp". */
const HANDOVER_TEXT = {
  sv: {
    done: 'En kollega har fått besked och hör av sig till dig. 🙋',
    already: 'En kollega har redan fått besked om det här svaret.',
    failed: 'Det gick inte att nå en kollega just nu. Försök igen om en stund.',
    gone: 'Svaret finns inte längre sparat, så ingen kollega kunde få besked. Ställ frågan igen.',
  },
  en: {
    done: 'A colleague has been notified and will get back to you. 🙋',
    already: 'A colleague has already been notified about this answer.',
    failed: 'A colleague could not be reached just now. Please try again in a moment.',
    gone: 'This answer is no longer stored, so no colleague could be notified. Please ask again.',
  },
} as const;

/**
 * A link to a Teams conversation (deep link): a channel thread (`19:…@thread.tacv2;messageid=N`)
 * opens at its first message, any other conversation as a chat. Members of the conversation can
 * open it; for a personal chat the notice's @mention is how a colleague reaches the user.
 */
export function conversationLink(conversationId: string): string {
  const thread = /^(19:[^;]+);messageid=(\d+)$/.exec(conversationId);
  if (thread) return `https://teams.microsoft.com/l/message/${encodeURIComponent(thread[1]!)}/${thread[2]}`;
  return `https://teams.microsoft.com/l/chat/${encodeURIComponent(conversationId)}/conversations`;
}

const FEEDBACK_THANKS: Record<Language, string> = {
  sv: 'Tack för din återkoppling!',
  en: 'Thank you for your feedback!',
};

export class TeamsBot {
  private readonly budgetMs: number;
  private readonly typingEveryMs: number;

  constructor(private readonly opts: TeamsBotOptions) {
    this.budgetMs = opts.budgetMs ?? 10_000;
    this.typingEveryMs = opts.typingEveryMs ?? 3_000;
  }

  /**
   * True when this activity was delivered before (the Bot Connector redelivers an activity it
   * thinks timed out, with the same id): messages, invokes and conversation updates are each
   * handled once. Kept in the store, so a redelivery after a restart is recognised too.
   */
  async isRedelivery(conversationId: string, activityId: string | undefined): Promise<boolean> {
    if (!activityId) return false;
    const repeated = await this.opts.store.dedup.seen(`teams:activity:${conversationId}:${activityId}`, DAY_MS);
    if (repeated) this.opts.logger?.info({ channel: 'teams' }, 'repeated activity ignored');
    return repeated;
  }

  /** The bot (or a user) was added to a conversation. */
  async onMembersAdded(io: TurnIO, botWasAdded: boolean): Promise<void> {
    if (!botWasAdded) return;
    await io.send(welcomeMessage(languageOf(io.locale)));
  }

  async onMessage(io: TurnIO): Promise<void> {
    const handover = parseHandoverSubmit(io.value);
    if (handover) {
      await this.handOver(io, handover);
      return;
    }
    const submit = parseFeedbackSubmit(io.value);
    if (submit) {
      const lang = languageOf(io.locale);
      const ok = await this.saveFeedback({ conversationId: io.conversationId, ...submit });
      await io.send(noticeMessage(ok ? FEEDBACK_THANKS[lang] : GENERIC_ERROR[lang], lang));
      return;
    }
    const skill = chooseSkill(io.text);
    if (skill.kind === 'help') {
      await io.send(helpMessage(languageOf(io.locale)));
      return;
    }
    await this.respond(io, () => this.work(io, skill));
  }

  /** Feedback from Teams' thumbs (invoke) or our buttons; returns false when it could not be stored. */
  async saveFeedback(f: FeedbackInput): Promise<boolean> {
    const ids =
      f.sessionId && f.messageId ? { sessionId: f.sessionId, messageId: f.messageId } : await this.resolveMessage(f.conversationId, f.replyToId);
    if (!ids) {
      this.opts.logger?.warn({ channel: 'teams' }, 'feedback for an unknown message ignored');
      return false;
    }
    // a card button can only speak for its own conversation
    const session = await this.opts.store.getSession(ids.sessionId);
    if (!session || (await this.opts.store.createSession('teams', f.conversationId)) !== ids.sessionId) {
      this.opts.logger?.warn({ channel: 'teams' }, 'feedback for another conversation ignored');
      return false;
    }
    try {
      await this.opts.store.saveFeedback({ ...ids, rating: f.rating, comment: f.comment });
      this.opts.logger?.info({ channel: 'teams', rating: f.rating }, 'feedback stored');
      return true;
    } catch (err) {
      if (err instanceof InputError) {
        this.opts.logger?.warn({ channel: 'teams', code: err.code }, 'feedback rejected');
        return false;
      }
      throw err;
    }
  }

  /**
   * "Behöver mer hjälp": a link to this conversation goes to the handover conversation, once per
   * answer (the follow-up mark in the store is the guard, so a second press, or one after a restart,
   * notifies nobody); the answer is listed for follow-up in /admin; the user is told in the answer's
   * language. A button can only speak for an answer of its own conversation.
   */
  async handOver(io: TurnIO, ids: { sessionId: string; messageId: string }): Promise<void> {
    const { store, logger } = this.opts;
    const stored = await store.message(ids.sessionId, ids.messageId);
    const meta = stored?.meta;
    const lang: Language = meta?.language === 'en' || meta?.language === 'sv' ? meta.language : languageOf(io.locale);
    const t = HANDOVER_TEXT[lang];
    const target = this.opts.handoverConversation;
    const own = stored?.role === 'assistant' && await store.createSession('teams', io.conversationId) === ids.sessionId;
    if (!own || !target || !io.sendTo) {
      logger?.warn({ channel: 'teams' }, 'handover for an unknown answer or without a handover conversation ignored');
      await io.send(noticeMessage(t.gone, lang));
      return;
    }
    const link = conversationLink(io.conversationId);
    if (!await store.markFollowUp({ ...ids, link })) {
      await io.send(noticeMessage(t.already, lang));
      return;
    }
    const history = await store.history(ids.sessionId, 200);
    const at = history.findIndex((m) => m.messageId === ids.messageId);
    const before = at > 0 ? history[at - 1] : undefined;
    try {
      await io.sendTo(target, handoverNoticeMessage({ user: io.user, link, question: before?.role === 'user' ? before.text : null }));
    } catch (err) {
      // nobody was told: take the mark back so that another press tries again
      await store.unmarkFollowUp(ids.messageId);
      logger?.warn({ channel: 'teams', err: err instanceof Error ? err.message : String(err) }, 'the handover conversation could not be notified');
      await io.send(noticeMessage(t.failed, lang));
      return;
    }
    logger?.info({ channel: 'teams' }, 'an answer was handed over to a person');
    await io.send(noticeMessage(t.done, lang));
  }

  /** The stored answer a sent Teams message was (linked when it was sent); never a guess. */
  private async resolveMessage(conversationId: string, replyToId: string | undefined) {
    if (!replyToId) return undefined;
    const linked = await this.opts.store.linkedMessage(sentKey(conversationId, replyToId));
    return linked ? { sessionId: linked.sessionId, messageId: linked.messageId } : undefined;
  }

  /** Runs one skill and returns the card to send (the conversation is stored as it goes). */
  private async work(io: TurnIO, skill: Exclude<Skill, { kind: 'help' }>): Promise<OutgoingMessage> {
    const { assistant, store } = this.opts;
    const sessionId = await store.createSession('teams', io.conversationId);
    await store.appendMessage({ sessionId, role: 'user', text: skill.input, meta: { skill: skill.kind, conversationType: io.conversationType } });
    const audience = audienceFor(io.conversationType);
    const sourceLink = this.opts.sourceLink;
    const link = sourceLink ? (c: Citation) => sourceLink(c, audience, io.publicUrl) : undefined;
    if (skill.kind === 'ask') {
      const language = languageHint(skill.input, io.locale);
      const result = await assistant.ask({ question: skill.input, audience, sessionId, ...(language ? { language } : {}) });
      const messageId = await store.appendMessage({
        sessionId,
        role: 'assistant',
        text: result.answer,
        meta: {
          skill: 'ask',
          answered: result.answered,
          mode: result.mode,
          citations: result.citations.map((c) => ({ n: c.n, docId: c.docId, lines: c.lines })),
          audience,
          language: result.language,
        },
      });
      return answerMessage(result, { sessionId, messageId }, link, { handover: Boolean(this.opts.handoverConversation) });
    }
    if (skill.kind === 'match') {
      const result = await assistant.match(skill.input);
      const messageId = await store.appendMessage({
        sessionId,
        role: 'assistant',
        text: [result.matches.map((m) => `${m.rank}. ${m.name}`).join('\n'), result.advice].filter(Boolean).join('\n\n'),
        meta: { skill: 'match', noMatch: result.noMatch, enterpriseIds: result.matches.map((m) => m.enterpriseId) },
      });
      return matchMessage(result, { sessionId, messageId }, link);
    }
    const result = await assistant.invite(skill.input);
    const messageId = await store.appendMessage({
      sessionId,
      role: 'assistant',
      text: `${result.subject}\n\n${result.text}`,
      // the calendar file is stored with the draft, so the card's .ics link works after a restart
      meta: { skill: 'invite', missing: result.missing, hasIcs: Boolean(result.ics), draft: { fields: result.fields, ics: result.ics ?? null } },
    });
    const icsUrl = result.ics ? await this.opts.publishIcs?.({ sessionId, messageId }, io.publicUrl) : undefined;
    return inviteMessage(result, { sessionId, messageId }, icsUrl);
  }

  /**
   * Typing at once and every few seconds; the card within the budget, or else after the turn as a
   * proactive message (the HTTP request is answered in time either way).
   */
  private async respond(io: TurnIO, make: () => Promise<OutgoingMessage>): Promise<void> {
    const lang = languageOf(io.locale);
    const pending = make().then(
      (message) => ({ ok: true as const, message }),
      (err: unknown) => ({ ok: false as const, err }),
    );
    const started = Date.now();
    await io.typing().catch(() => undefined);
    // the budget counts from the start of the turn; once it is spent the card goes proactively
    const remaining = this.budgetMs - (Date.now() - started);
    const finished = remaining > 0 ? await withTyping(io, this.typingEveryMs, raceBudget(pending, remaining)) : undefined;
    if (finished) {
      await this.deliver(io, finished, lang);
      return;
    }
    this.opts.logger?.info({ channel: 'teams', budgetMs: this.budgetMs }, 'answer exceeds the turn budget; sending it proactively');
    io.later(async (later) => {
      const outcome = await withTyping(later, this.typingEveryMs, pending);
      await this.deliver(later, outcome, lang);
    });
  }

  private async deliver(
    io: TurnIO,
    outcome: { ok: true; message: OutgoingMessage } | { ok: false; err: unknown },
    lang: Language,
  ): Promise<void> {
    if (outcome.ok) {
      const id = await io.send(outcome.message);
      const ids = feedbackIds(outcome.message);
      // Teams' own thumbs name the sent message (replyToId): remember which answer it was
      if (id && ids) await this.opts.store.linkMessage(sentKey(io.conversationId, id), ids);
      return;
    }
    const err = outcome.err;
    if (err instanceof InputError) {
      await io.send(errorMessage(err.message, lang));
      return;
    }
    this.opts.logger?.error({ channel: 'teams', err: err instanceof Error ? err.message : String(err) }, 'teams turn failed');
    await io.send(errorMessage(GENERIC_ERROR[lang], lang));
  }
}

/** The ids our feedback buttons carry, read back from a rendered card. */
function feedbackIds(message: OutgoingMessage): { sessionId: string; messageId: string } | undefined {
  for (const a of message.card.actions ?? []) {
    const d = parseFeedbackSubmit((a as { data?: unknown }).data);
    if (d) return { sessionId: d.sessionId, messageId: d.messageId };
  }
  return undefined;
}

function parseHandoverSubmit(value: unknown): { sessionId: string; messageId: string } | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (v.brygga !== 'handover' || typeof v.sessionId !== 'string' || typeof v.messageId !== 'string') return undefined;
  return { sessionId: v.sessionId, messageId: v.messageId };
}

function parseFeedbackSubmit(value: unknown): { rating: 'up' | 'down'; sessionId: string; messageId: string } | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (v.brygga !== 'feedback') return undefined;
  if ((v.rating !== 'up' && v.rating !== 'down') || typeof v.sessionId !== 'string' || typeof v.messageId !== 'string') return undefined;
  return { rating: v.rating, sessionId: v.sessionId, messageId: v.messageId };
}

/** Resolves with the value, or with undefined once the budget is spent. */
async function raceBudget<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), Math.max(0, ms));
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Repeats the typing indicator while `p` is pending. */
async function withTyping<T>(io: TurnIO, everyMs: number, p: Promise<T>): Promise<T> {
  const timer = setInterval(() => void io.typing().catch(() => undefined), everyMs);
  try {
    return await p;
  } finally {
    clearInterval(timer);
  }
}
