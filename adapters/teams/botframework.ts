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

/** The message text without the bot's @mention (and with other <at> tags reduced to the name). */
function cleanText(activity: Activity): string {
  if (typeof activity.text !== 'string') return '';
  if (activity.recipient?.id) TurnContext.removeRecipientMention(activity);
  return (activity.text ?? '')
    .replace(/<at>(.*?)<\/at>/g, '$1')
    .replace(/&nbsp;/g, ' ')
    .trim();
}

class CapturedResponse {
  statusCode = 200;
  body: unknown;
  socket = null;
  status(code: number) {
    this.statusCode = code;
    return this;
  }
  send(body: unknown) {
    this.body = body;
    return this;
  }
  header() {
    return this;
  }
  end() {
    return this;
  }
}

export function createBotFrameworkEndpoint(opts: { teams: Config['teams']; bot: TeamsBot; logger?: Logger }): TeamsEndpoint {
  const { teams, bot, logger } = opts;
  const pending = new Set<Promise<void>>();
  let refusal = credentialProblem(teams);
  const insecure = !teams.appId && teams.insecureDev;
  let adapter: CloudAdapter | null = null;

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
            },
      );
      adapter = new CloudAdapter(auth);
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
    };
  }

  async function turn(context: TurnContext, publicUrl: string | undefined): Promise<void> {
    const activity = context.activity;
    const base = {
      text: '',
      conversationType: conversationTypeOf(activity),
      conversationId: activity.conversation?.id ?? '',
      activityId: activity.id,
      locale: activity.locale,
      publicUrl,
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
          const saved = bot.saveFeedback({ conversationId: base.conversationId, replyToId: activity.replyToId, ...fb });
          await context.sendActivity({
            type: ActivityTypes.InvokeResponse,
            value: saved ? { status: 200, body: {} } : { status: 404, body: { error: 'Okänt meddelande: återkopplingen kunde inte kopplas till ett svar.' } },
          });
          return;
        }
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 501, body: { error: 'Den här åtgärden stöds inte.' } } });
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
      const res = new CapturedResponse();
      await adapter.process({ method: 'POST', headers: req.headers, body: req.body }, res, (context) => turn(context, req.publicUrl));
      if (res.statusCode === 401) {
        return { status: 401, body: { error: 'Obehörig: begäran saknar en giltig Bot Framework-token.' } };
      }
      if (res.statusCode >= 500) {
        return { status: res.statusCode, body: { error: 'Internt fel i Teams-kanalen.' } };
      }
      return { status: res.statusCode, body: res.body };
    },
    async drain(ms = 30_000) {
      const deadline = new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
      await Promise.race([Promise.allSettled([...pending]).then(() => undefined), deadline]);
    },
  };
}
