/**
 * The Teams channel on Brygga's server: `POST /api/messages` (Bot Framework activities) and
 * `GET /api/teams/ics/:token` (the calendar file offered on invitation cards).
 *
 * Without credentials the endpoint refuses traffic (503 with the reason) unless
 * BRYGGA_TEAMS_INSECURE_DEV=1, which turns Bot Framework authentication off for local testing.
 * The activity is validated here (zod) before botbuilder sees it: a body that is not a JSON
 * object, or lacks `type`, `serviceUrl`, `channelId` or `conversation.id`, gets 400 with the reason.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../src/config.js';
import type { ChannelDeps, ChannelPlugin } from '../../src/channel.js';
import { TeamsBot, type TeamsBotOptions } from './bot.js';

/** Why the configured credentials cannot be used (Swedish), or null when they can. */
export function credentialProblem(teams: Config['teams']): string | null {
  if (!teams.appId) {
    return teams.insecureDev
      ? null
      : 'Teams är inte konfigurerat: MICROSOFT_APP_ID och MICROSOFT_APP_PASSWORD saknas (BRYGGA_TEAMS_INSECURE_DEV=1 stänger av autentiseringen, bara för lokala tester).';
  }
  const type = teams.appType ?? 'MultiTenant';
  if (type !== 'UserAssignedMSI' && !teams.appPassword) return 'Teams är felkonfigurerat: MICROSOFT_APP_PASSWORD saknas.';
  if (type === 'UserAssignedMSI' && teams.appPassword) {
    return 'Teams är felkonfigurerat: MICROSOFT_APP_PASSWORD ska inte sättas med MICROSOFT_APP_TYPE=UserAssignedMSI.';
  }
  if (type !== 'MultiTenant' && !teams.tenantId) return `Teams är felkonfigurerat: MICROSOFT_APP_TENANT_ID krävs med MICROSOFT_APP_TYPE=${type}.`;
  return null;
}

const ActivitySchema = z.looseObject({
  type: z.string({ error: 'fältet "type" saknas' }).min(1, 'fältet "type" är tomt'),
  serviceUrl: z.url({ error: 'fältet "serviceUrl" saknas eller är ingen URL' }),
  channelId: z.string({ error: 'fältet "channelId" saknas' }).min(1, 'fältet "channelId" är tomt'),
  conversation: z.looseObject({
    id: z.string({ error: 'fältet "conversation.id" saknas' }).min(1, 'fältet "conversation.id" är tomt'),
  }, { error: 'fältet "conversation" saknas' }),
  id: z.string().optional(),
  text: z.string({ error: 'fältet "text" ska vara en sträng' }).optional(),
});

/** The reason an activity is malformed (Swedish), or null when it is usable. */
export function activityProblem(body: unknown): string | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'Ogiltig aktivitet: förväntade ett JSON-objekt.';
  const parsed = ActivitySchema.safeParse(body);
  if (parsed.success) return null;
  return `Ogiltig aktivitet: ${parsed.error.issues[0]?.message ?? 'okänt fel'}.`;
}

/** The public base URL the caller used (honours X-Forwarded-Proto/Host from a reverse proxy). */
function publicUrlOf(req: FastifyRequest): string | undefined {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim();
  const host = first(req.headers['x-forwarded-host']) || first(req.headers.host);
  if (!host || !/^[A-Za-z0-9.:[\]-]+$/.test(host)) return undefined;
  const proto = first(req.headers['x-forwarded-proto']) || req.protocol;
  return `${proto === 'https' ? 'https' : 'http'}://${host}`;
}

/** how long an invitation card's .ics link works */
export const ICS_LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface TeamsPluginOptions {
  /** overrides for tests and tuning (budget, typing interval) */
  bot?: Partial<Pick<TeamsBotOptions, 'budgetMs' | 'typingEveryMs'>>;
}

export async function registerTeams(app: FastifyInstance, deps: ChannelDeps, options: TeamsPluginOptions = {}): Promise<void> {
  const { config, store, logger, assistant } = deps;
  const refusal = credentialProblem(config.teams);

  // The .ics link on an invitation card: an unguessable token linked (in the store) to the draft's
  // message, whose meta holds the calendar file; it works after a restart, for ICS_LINK_TTL_MS.
  const icsOf = async (token: string): Promise<string | undefined> => {
    if (!/^[A-Za-z0-9_-]{22}$/.test(token)) return undefined;
    const link = await store.linkedMessage(`teams:ics:${token}`);
    if (!link || Date.parse(link.at) + ICS_LINK_TTL_MS < Date.now()) return undefined;
    const draft = (await store.message(link.sessionId, link.messageId))?.meta?.draft as { ics?: unknown } | undefined;
    return typeof draft?.ics === 'string' ? draft.ics : undefined;
  };

  app.get<{ Params: { token: string } }>('/api/teams/ics/:token', async (req, reply) => {
    const ics = await icsOf(req.params.token.replace(/\.ics$/, ''));
    if (!ics) return reply.code(404).send({ error: 'Kalenderfilen finns inte eller har gått ut.' });
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="inbjudan.ics"')
      .header('cache-control', 'private, no-store')
      .send(ics);
  });

  if (refusal) {
    logger.warn({ channel: 'teams' }, refusal);
    app.post('/api/messages', async (_req, reply) => reply.code(503).send({ error: refusal }));
    return;
  }

  const bot = new TeamsBot({
    assistant,
    store,
    logger,
    handoverConversation: config.teams.handoverConversation,
    ...options.bot,
    // BRYGGA_PUBLIC_URL, else the URL Teams reached us at; links to non-public passages are signed
    sourceLink: (c, audience, requestUrl) => {
      const base = config.publicUrl ?? requestUrl;
      return base ? `${base}${deps.links.sourcePath(c.docId, c.lines, audience)}` : undefined;
    },
    publishIcs: async (ids, publicUrl) => {
      if (!publicUrl) return undefined;
      const token = randomBytes(16).toString('base64url');
      await store.linkMessage(`teams:ics:${token}`, ids);
      return `${publicUrl}/api/teams/ics/${token}.ics`;
    },
  });
  // botbuilder is loaded only when Teams is configured
  const { createBotFrameworkEndpoint } = await import('./botframework.js');
  const endpoint = createBotFrameworkEndpoint({ teams: config.teams, bot, logger });

  app.addHook('onClose', async () => {
    await endpoint.drain(10_000);
  });

  app.post('/api/messages', async (req, reply) => {
    if (endpoint.refusal) return reply.code(503).send({ error: endpoint.refusal });
    const problem = activityProblem(req.body);
    if (problem) return reply.code(400).send({ error: problem });
    const res = await endpoint.process({
      headers: req.headers,
      body: req.body as Record<string, unknown>,
      publicUrl: publicUrlOf(req),
    });
    reply.code(res.status);
    return res.body === undefined || res.body === null ? reply.send() : reply.send(res.body);
  });
}

export const teamsChannel: ChannelPlugin = {
  name: 'teams',
  register: (app, deps) => registerTeams(app, deps),
};
