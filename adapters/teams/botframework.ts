/**
 * The only module that touches the Bot Framework SDK (botbuilder 4.23, archived upstream).
 *
 * It authenticates and parses activities with botbuilder's CloudAdapter, turns each TurnContext
 * into our own TurnIO (./bot.ts) and back. A move to the Microsoft 365 Agents SDK
 * (@microsoft/agents-hosting: CloudAdapter, TurnContext, same Activity schema) replaces this file
 * and nothing else.
 */
import {
  ActivityTypes,
  CallerIdConstants,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TurnContext,
  type Activity,
  type ConversationReference,
} from 'botbuilder';
import { createRequire } from 'node:module';
import type { Config } from '../../src/config.js';
import type { Logger, TeamsBot, TurnIO, ConversationType } from './bot.js';
import type { OutgoingMessage } from './cards.js';
import { credentialProblem } from './plugin.js';

/**
 * botbuilder 4.23.3 serialises outgoing activities with the connector's model mappers, and its
 * `Entity` mapper lists only `type`, `text` and `mentioned`: every other property is dropped on
 * the wire, which would strip the Teams AI label (`additionalType`) and the `citation` array.
 * (botbuilder-js PR #2648 once added `additionalProperties` to Entity; 4.23.3 lacks it.)
 * Declaring additional properties on that one mapper lets the entities through unchanged; the
 * fake Bot Connector in test/teams checks what actually arrives.
 */
function keepEntityProperties(): void {
  const requireFromBotbuilder = createRequire(createRequire(import.meta.url).resolve('botbuilder'));
  const mappers = requireFromBotbuilder('botframework-connector/lib/connectorApi/models/mappers') as {
    Entity?: { type: { additionalProperties?: unknown } };
  };
  if (mappers.Entity && !mappers.Entity.type.additionalProperties) {
    mappers.Entity.type.additionalProperties = { type: { name: 'Object' } };
  }
}
keepEntityProperties();

export interface EndpointRequest {
  headers: Record<string, string | string[] | undefined>;
  /** the parsed JSON activity */
  body: Record<string, unknown>;
  /** public base URL of this server as the caller reached it */
  publicUrl?: string;
}

export interface EndpointResponse {
  status: number;
  body?: unknown;
}

export interface TeamsEndpoint {
  /** null when the endpoint accepts traffic; otherwise the Swedish reason it refuses */
  refusal: string | null;
  /** true when Bot Framework authentication is disabled (BRYGGA_TEAMS_INSECURE_DEV=1) */
  insecure: boolean;
  process(req: EndpointRequest): Promise<EndpointResponse>;
  /** waits for proactive replies still under way (at most `ms`) */
  drain(ms?: number): Promise<void>;
}

/** Teams' feedback invoke value: {actionName: "feedback", actionValue: {reaction, feedback}} */
function parseFeedbackInvoke(value: unknown): { rating: 'up' | 'down'; comment?: string } | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as { actionName?: unknown; actionValue?: unknown };
  if (v.actionName !== 'feedback' || !v.actionValue || typeof v.actionValue !== 'object') return null;
  const av = v.actionValue as { reaction?: unknown; feedback?: unknown };
  const rating = av.reaction === 'like' ? 'up' : av.reaction === 'dislike' ? 'down' : null;
  if (!rating) return null;
  let comment: string | undefined;
  let fb: unknown = av.feedback;
  if (typeof fb === 'string') {
    try {
      fb = JSON.parse(fb);
    } catch {
      comment = fb as string;
    }
  }
  if (fb && typeof fb === 'object' && typeof (fb as { feedbackText?: unknown }).feedbackText === 'string') {
    comment = (fb as { feedbackText: string }).feedbackText;
  }
  return { rating, comment: comment?.trim() ? comment.trim().slice(0, 2000) : undefined };
}

function conversationTypeOf(activity: Activity): ConversationType {
  const t = activity.conversation?.conversationType;
  // unknown or missing: treat as shared (never restricted)
  return t === 'personal' ? 'personal' : t === 'channel' ? 'channel' : 'groupChat';
}

/**
 * The message text without any mention of the bot, and with other <at> tags reduced to the name.
 * Every mention entity that names the bot (mentioned.id = recipient.id) is removed wherever it
 * occurs: Teams may split the bot's name into several <at> tags ("<at>Brygga</at> <at>Bot</at>"),
 * each its own entity, while botbuilder's TurnContext.removeRecipientMention removes only the first.
 */
export function cleanText(activity: Pick<Activity, 'text' | 'entities' | 'recipient'>): string {
  if (typeof activity.text !== 'string') return '';
  let text = activity.text;
  const botId = activity.recipient?.id;
  if (botId) {
    for (const e of activity.entities ?? []) {
      const m = e as { type?: unknown; text?: unknown; mentioned?: { id?: unknown } };
      if (m.type !== 'mention' || m.mentioned?.id !== botId || typeof m.text !== 'string' || !m.text) continue;
      text = text.split(m.text).join(' ');
    }
  }
  return text
    .replace(/<at>(.*?)<\/at>/g, '$1')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What Brygga says about an action it does not support (Swedish, English for an English client). */
function unsupportedText(locale: string | undefined): string {
  return locale && /^en\b/i.test(locale)
    ? 'Brygga does not support this action. Write your question in the chat instead, or type "help".'
    : 'Den här åtgärden stöds inte av Brygga. Skriv din fråga i chatten i stället, eller skriv "hjälp".';
}

/**
 * The invoke response each kind of invoke expects, carrying a "not supported" text, with HTTP 200
 * (a 4xx/5xx makes Teams show its own generic error instead of the text):
 * - adaptiveCard/action (Universal Actions, Action.Execute): an AdaptiveCardInvokeResponse of type
 *   application/vnd.microsoft.activity.message (learn.microsoft.com: "Universal Action Model").
 * - task/fetch, task/submit, message/fetchTask, composeExtension/fetchTask and /submitAction: a task
 *   module response {task: {type: "message", value}} (dialogs, custom feedback forms).
 * - other composeExtension/* (search, link unfurling, settings): {composeExtension: {type: "message", text}}.
 * - config/fetch, config/submit (bot configuration): {config: {type: "message", value}}.
 * - anything else, including a card action invoke without a name: the activity.message form.
 */
export function unsupportedInvokeBody(name: string | undefined, locale: string | undefined): Record<string, unknown> {
  const text = unsupportedText(locale);
  if (name && /^(task\/(fetch|submit)|message\/fetchTask|composeExtension\/(fetchTask|submitAction))$/.test(name)) {
    return { task: { type: 'message', value: text } };
  }
  if (name?.startsWith('composeExtension/')) return { composeExtension: { type: 'message', text } };
  if (name === 'config/fetch' || name === 'config/submit') return { config: { type: 'message', value: text } };
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
}

/** botframework-connector (botbuilder's own copy): its AuthenticationError class and endpoint constants */
const connector = createRequire(createRequire(import.meta.url).resolve('botbuilder'))('botframework-connector') as {
  AuthenticationConstants: Record<string, string>;
  AuthenticationError: new (...args: never[]) => Error & { statusCode?: number };
};

/** An Authorization header that failed, classified for the answer and the log line. */
function authFailure(err: unknown): { status: 401 | 503; reason: string; error: string } | null {
  const authError = err instanceof connector.AuthenticationError;
  const e = err as { name?: string; message?: string; statusCode?: number; code?: string; type?: string };
  const message = String(e?.message ?? err);
  // node-fetch's FetchError (the OpenID metadata or key endpoint is unreachable), or the endpoint
  // answering an error (botbuilder raises AuthenticationError with status 500 for that)
  if (e?.name === 'FetchError' || e?.type === 'system' || (authError && (e.statusCode ?? 0) >= 500)) {
    return {
      status: 503,
      reason: 'key_server_unreachable',
      error: 'Tokenet kunde inte kontrolleras: Bot Frameworks nyckelserver svarar inte. Försök igen om en stund.',
    };
  }
  if (authError || e?.name === 'JsonWebTokenError' || e?.name === 'TokenExpiredError' || e?.name === 'NotBeforeError') {
    const expired = e.name === 'TokenExpiredError' || /expired/i.test(message);
    return {
      status: 401,
      reason: expired ? 'token_expired' : /signing key/i.test(message) ? 'unknown_signing_key' : 'invalid_token',
      error: expired ? 'Obehörig: Bot Framework-tokenet har gått ut.' : 'Obehörig: begäran saknar en giltig Bot Framework-token.',
    };
  }
  return null;
}

/**
 * botbuilder's CloudAdapter with its authenticate-and-run step callable: CloudAdapter.process()
 * would print every refused request with console.error (a raw stack trace outside the structured
 * log) and answer 500 when the token could not be checked at all; here the caller classifies.
 */
class BryggaCloudAdapter extends CloudAdapter {
  run(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authHeader, activity, logic);
  }
}

/**
 * The public cloud's Bot Framework endpoints with another OpenID metadata URL (botbuilder takes
 * either none or all of these settings). Empty when no URL is configured.
 */
function publicCloudWith(openIdMetadataUrl: string | undefined): Record<string, string> {
  if (!openIdMetadataUrl) return {};
  const c = connector.AuthenticationConstants;
  return {
    ToChannelFromBotLoginUrl: c.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: c.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: c.ToBotFromChannelTokenIssuer,
    OAuthUrl: c.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: c.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/** botbuilder's own activity fix-up (timestamps as Date), as CloudAdapter.process() applies it. */
const fixActivity = (() => {
  const fromBotbuilder = createRequire(createRequire(import.meta.url).resolve('botbuilder'));
  const validator = fromBotbuilder('./activityValidator') as { validateAndFixActivity(a: unknown): unknown };
  return (activity: unknown) => validator.validateAndFixActivity(activity);
})();

export function createBotFrameworkEndpoint(opts: { teams: Config['teams']; bot: TeamsBot; logger?: Logger }): TeamsEndpoint {
  const { teams, bot, logger } = opts;
  const pending = new Set<Promise<void>>();
  let refusal = credentialProblem(teams);
  const insecure = !teams.appId && teams.insecureDev;
  let adapter: BryggaCloudAdapter | null = null;

  if (!refusal) {
    if (teams.appId && teams.insecureDev) {
      logger?.warn({ channel: 'teams' }, 'BRYGGA_TEAMS_INSECURE_DEV ignoreras eftersom MICROSOFT_APP_ID är satt');
    }
    if (insecure) logger?.warn({ channel: 'teams' }, 'Teams-autentisering avstängd (BRYGGA_TEAMS_INSECURE_DEV=1): bara för lokala tester');
    try {
      const auth = new ConfigurationBotFrameworkAuthentication(
        insecure
          ? {}
          : {
              MicrosoftAppId: teams.appId,
              MicrosoftAppPassword: teams.appPassword,
              MicrosoftAppTenantId: teams.tenantId,
              MicrosoftAppType: teams.appType ?? 'MultiTenant',
              ...publicCloudWith(teams.openIdMetadataUrl),
            },
      );
      adapter = new BryggaCloudAdapter(auth);
      adapter.onTurnError = async (_context, error) => {
        logger?.error({ channel: 'teams', err: error instanceof Error ? error.message : String(error) }, 'teams turn error');
      };
    } catch (err) {
      refusal = `Teams är felkonfigurerat: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  const appId = insecure ? '' : (teams.appId ?? '');

  function send(context: TurnContext, message: OutgoingMessage): Promise<string | undefined> {
    return context
      .sendActivity({
        type: ActivityTypes.Message,
        attachments: [CardFactory.adaptiveCard(message.card)],
        ...(message.entities ? { entities: message.entities as Activity['entities'] } : {}),
        ...(message.channelData ? { channelData: message.channelData } : {}),
      })
      .then((r) => r?.id);
  }

  function ioFor(context: TurnContext, base: Omit<TurnIO, 'send' | 'typing' | 'later'>): TurnIO {
    const reference = TurnContext.getConversationReference(context.activity) as ConversationReference;
    return {
      ...base,
      send: (message) => send(context, message),
      typing: async () => {
        await context.sendActivity({ type: ActivityTypes.Typing });
      },
      later: (work) => {
        if (!adapter) return;
        const p = adapter
          .continueConversationAsync(appId, reference, async (proactive) => {
            // the continuation activity gets a fresh id; reply to the user's message as in the turn
            if (reference.activityId) proactive.activity.id = reference.activityId;
            await work(ioFor(proactive, base));
          })
          .catch((err: unknown) => {
            logger?.error({ channel: 'teams', err: err instanceof Error ? err.message : String(err) }, 'proactive teams reply failed');
          });
        pending.add(p);
        void p.finally(() => pending.delete(p));
      },
      sendTo: async (conversationId, message) => {
        if (!adapter) throw new Error('Teams är inte tillgängligt');
        // the same service URL, tenant and bot; another conversation, and a new message (no reply-to)
        const target: ConversationReference = {
          ...reference,
          activityId: undefined,
          user: undefined,
          conversation: { id: conversationId, isGroup: true, conversationType: 'channel', tenantId: reference.conversation?.tenantId, name: '' },
        } as unknown as ConversationReference;
        let id: string | undefined;
        await adapter.continueConversationAsync(appId, target, async (proactive) => {
          delete (proactive.activity as { id?: string }).id;
          id = await send(proactive, message);
        });
        return id;
      },
    };
  }

  async function turn(context: TurnContext, publicUrl: string | undefined): Promise<void> {
    const activity = context.activity;
    if (await bot.isRedelivery(activity.conversation?.id ?? '', activity.id)) {
      // already handled: an invoke still needs its response, everything else is dropped
      if (activity.type === ActivityTypes.Invoke) await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: {} } });
      return;
    }
    const base = {
      text: '',
      conversationType: conversationTypeOf(activity),
      conversationId: activity.conversation?.id ?? '',
      activityId: activity.id,
      locale: activity.locale,
      publicUrl,
      user: activity.from?.id ? { id: activity.from.id, name: activity.from.name } : undefined,
    };
    switch (activity.type) {
      case ActivityTypes.Message: {
        const io = ioFor(context, { ...base, text: cleanText(activity), value: activity.value });
        await bot.onMessage(io);
        return;
      }
      case ActivityTypes.ConversationUpdate: {
        const botId = activity.recipient?.id;
        const botAdded = Boolean(botId && activity.membersAdded?.some((m) => m.id === botId));
        await bot.onMembersAdded(ioFor(context, base), botAdded);
        return;
      }
      case ActivityTypes.Invoke: {
        if (activity.name === 'message/submitAction') {
          const fb = parseFeedbackInvoke(activity.value);
          if (!fb) {
            await context.sendActivity({
              type: ActivityTypes.InvokeResponse,
              value: { status: 400, body: { error: 'Ogiltig återkoppling: förväntade actionName "feedback" och reaction "like" eller "dislike".' } },
            });
            return;
          }
          const saved = await bot.saveFeedback({ conversationId: base.conversationId, replyToId: activity.replyToId, ...fb });
          await context.sendActivity({
            type: ActivityTypes.InvokeResponse,
            value: saved ? { status: 200, body: {} } : { status: 404, body: { error: 'Okänt meddelande: återkopplingen kunde inte kopplas till ett svar.' } },
          });
          return;
        }
        if (!activity.name) {
          // a card button sent as an invoke (msteams "invoke" action): our feedback buttons work so too
          const value = activity.value as { data?: unknown } | undefined;
          const data = value && typeof value === 'object' && 'data' in value ? value.data : activity.value;
          const kind = data && typeof data === 'object' ? (data as { brygga?: unknown }).brygga : undefined;
          if (kind === 'feedback' || kind === 'handover') {
            await bot.onMessage(ioFor(context, { ...base, value: data }));
            await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: {} } });
            return;
          }
        }
        logger?.info({ channel: 'teams', invoke: activity.name ?? '(utan namn)' }, 'teams: invoke not supported; answered with a notice');
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: unsupportedInvokeBody(activity.name, activity.locale) } });
        return;
      }
      default:
        return; // typing, messageReaction, installationUpdate …: nothing to do
    }
  }

  return {
    refusal,
    insecure,
    async process(req) {
      if (refusal || !adapter) return { status: 503, body: { error: refusal ?? 'Teams är inte tillgängligt.' } };
      const activity = fixActivity(structuredClone(req.body)) as Activity;
      const auth = req.headers.authorization;
      try {
        const invoke = await adapter.run(typeof auth === 'string' ? auth : '', activity, (context) => turn(context, req.publicUrl));
        return { status: invoke?.status ?? 200, body: invoke?.body };
      } catch (err) {
        const failure = authFailure(err);
        if (failure) {
          // one structured line, no stack: refused requests are expected traffic on a public endpoint
          logger?.warn(
            { channel: 'teams', status: failure.status, reason: failure.reason, detail: String((err as Error)?.message ?? err).slice(0, 200), activityType: activity.type },
            'teams: refused an unauthenticated request',
          );
          return { status: failure.status, body: { error: failure.error, reason: failure.reason } };
        }
        logger?.error({ channel: 'teams', err: err instanceof Error ? err.message : String(err) }, 'teams: processing an activity failed');
        return { status: 500, body: { error: 'Internt fel i Teams-kanalen.' } };
      }
    },
    async drain(ms = 30_000) {
      const deadline = new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
      await Promise.race([Promise.allSettled([...pending]).then(() => undefined), deadline]);
    },
  };
}
