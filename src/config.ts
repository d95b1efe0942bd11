/**
 * The one place that reads the environment. Every setting is validated here at start-up;
 * an invalid value stops the start with one line that names the variable.
 */
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const flag = z
  .string()
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** proxy-addr's names for address ranges (what fastify's trustProxy accepts besides addresses) */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One trusted proxy: an IPv4/IPv6 address, a CIDR range (10.0.0.0/8, fd00::/8) or a proxy-addr range name. */
export function validProxyEntry(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [addr, bits, extra] = entry.split('/');
  const family = net.isIP(addr ?? '');
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * BRYGGA_TRUSTED_PROXIES: the reverse proxies / load balancers whose X-Forwarded-For is believed,
 * comma-separated. Empty or unset: none (the TCP peer is the client). A wrong entry stops the start.
 */
const trustedProxies = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .refine((list) => list.every(validProxyEntry), {
    message: 'en kommaseparerad lista av IP-adresser eller CIDR-intervall (t.ex. 10.0.0.5, 10.1.0.0/16), eller loopback, linklocal, uniquelocal',
  });

const EnvSchema = z.object({
  PORT: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? 3000 : Number(v)))
    .pipe(z.number().int().min(0).max(65535)),
  HOST: optionalString,
  BRYGGA_DATA_DIR: optionalString,
  BRYGGA_KNOWLEDGE_DIR: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
  OPENAI_API_KEY: optionalString,
  BRYGGA_CHAT_MODEL: optionalString,
  BRYGGA_EMBEDDING_MODEL: optionalString,
  BRYGGA_LLM_TIMEOUT_MS: z
    .string()
    .optional()
    // (10 s: a resident waiting for a model that hangs gets the offline answer then; a slow local model on a long prompt
    // may need more, set here)
    .transform((v) => (v === undefined || v === '' ? 10_000 : Number(v)))
    .pipe(z.number().int().positive()),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: optionalString.pipe(z.url().optional()),
  BRYGGA_SLACK_HANDOVER_CHANNEL: optionalString.pipe(z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'ett kanal-id som C0123ABCD (inte kanalens namn)').optional()),
  BRYGGA_TEAMS_HANDOVER_CONVERSATION: optionalString,
  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TENANT_ID: optionalString,
  MICROSOFT_APP_TYPE: optionalString.pipe(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional()),
  BRYGGA_TEAMS_INSECURE_DEV: flag,
  BRYGGA_TEAMS_OPENID_METADATA_URL: optionalString.pipe(z.url().optional()),
  BRYGGA_ALLOWED_ORIGINS: optionalString,
  BRYGGA_TRUSTED_PROXIES: trustedProxies,
  BRYGGA_PUBLIC_URL: optionalString.pipe(z.url().optional()),
  BRYGGA_LINK_SECRET: optionalString.pipe(z.string().min(32, 'minst 32 tecken').optional()),
  BRYGGA_MAX_EVENT_LOOP_DELAY_MS: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? 200 : Number(v)))
    .pipe(z.number().int().min(0, '0 (av) eller fler millisekunder')),
  BRYGGA_MAX_CHAT_IN_FLIGHT: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : Number(v)))
    .pipe(z.number().int().min(0, '0 (av) eller fler samtidiga frågor').optional()),
  BRYGGA_RETENTION_DAYS: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? 30 : Number(v)))
    .pipe(z.number().int().positive()),
  BRYGGA_ADMIN_TOKEN: optionalString.pipe(z.string().min(24, 'minst 24 tecken (t.ex. openssl rand -base64 32)').optional()),
  BRYGGA_OIDC_ISSUER: optionalString.pipe(z.url().optional()),
  BRYGGA_OIDC_CLIENT_ID: optionalString,
  BRYGGA_OIDC_CLIENT_SECRET: optionalString,
  BRYGGA_OIDC_ADMIN_CLAIM: optionalString,
  BRYGGA_OIDC_ADMIN_VALUE: optionalString,
  BRYGGA_SESSION_SECRET: optionalString.pipe(z.string().min(32, 'minst 32 tecken').optional()),
  BRYGGA_METRICS_PORT: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : Number(v)))
    .pipe(z.number().int().min(0).max(65535).optional()),
  BRYGGA_CONTACT_PHONE: optionalString,
  BRYGGA_CONTACT_HOURS: optionalString,
  BRYGGA_CONTACT_EMAIL: optionalString.pipe(z.email().optional()),
  BRYGGA_CONTACT_URL: optionalString.pipe(z.url().optional()),
  BRYGGA_HANDOVER_TO: optionalString.pipe(z.email().optional()),
  BRYGGA_SMTP_URL: optionalString.pipe(z.url().refine((u) => /^smtps?:\/\//.test(u), 'ska börja med smtp:// eller smtps://').optional()),
  BRYGGA_MAIL_FROM: optionalString,
  BRYGGA_WIDGET_EXAMPLES: optionalString,
  BRYGGA_WIDGET_EXAMPLES_EN: optionalString,
  BRYGGA_DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'en PostgreSQL-adress som postgres://användare@värd:5432/databas')
      .optional(),
  ),
  BRYGGA_RATE_LIMIT: optionalString.pipe(z.enum(['on', 'off']).optional()),
  BRYGGA_RATE_LIMIT_CHAT_IP: optionalString.pipe(z.string().regex(/^\d+\/\d+$/, 'antal/sekunder, t.ex. 20/100').optional()),
  BRYGGA_RATE_LIMIT_CHAT_SESSION: optionalString.pipe(z.string().regex(/^\d+\/\d+$/, 'antal/sekunder, t.ex. 8/80').optional()),
  BRYGGA_RATE_LIMIT_API_IP: optionalString.pipe(z.string().regex(/^\d+\/\d+$/, 'antal/sekunder, t.ex. 60/60').optional()),
  LOG_LEVEL: optionalString.pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional()),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  knowledgeDir: string;
  logLevel: string;
  llm: {
    baseURL?: string;
    apiKey?: string;
    chatModel?: string;
    embeddingModel?: string;
    timeoutMs: number;
    /** true when a chat endpoint and model are configured */
    enabled: boolean;
  };
  slack: {
    signingSecret?: string;
    botToken?: string;
    appToken?: string;
    apiUrl?: string;
    enabled: boolean;
    /** the channel id "Behöver mer hjälp" posts thread links to (BRYGGA_SLACK_HANDOVER_CHANNEL); unset: no button */
    handoverChannel?: string;
  };
  teams: {
    appId?: string;
    appPassword?: string;
    tenantId?: string;
    appType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    insecureDev: boolean;
    enabled: boolean;
    /** where Bot Framework tokens' signing keys are published (OpenID metadata); unset: Microsoft's public cloud */
    openIdMetadataUrl?: string;
    /** the conversation (channel or group chat id) "Behöver mer hjälp" notifies (BRYGGA_TEAMS_HANDOVER_CONVERSATION); unset: no button */
    handoverConversation?: string;
  };
  /** The server's public base URL (links to /sources pages from Slack and Teams); unset: no links */
  publicUrl?: string;
  /** HMAC key of signed source links (src/server/signed-links.ts); unset: generated in the data dir */
  linkSecret?: string;
  /** Origins allowed to embed the widget; empty means the server's own origin only. */
  allowedOrigins: string[];
  /**
   * Reverse proxies whose X-Forwarded-For (and -Host, -Proto) are believed (BRYGGA_TRUSTED_PROXIES):
   * addresses, CIDR ranges or proxy-addr names, handed to fastify's `trustProxy`. Empty: none, so
   * request.ip (what rate limits are keyed by) is the TCP peer and a forged header changes nothing.
   */
  trustedProxies: string[];
  retentionDays: number;
  /**
   * Overload (BRYGGA_MAX_EVENT_LOOP_DELAY_MS, default 200; 0 turns it off): when the event loop's
   * mean delay over the last sample exceeds this, requests are answered at once with 503 and
   * Retry-After instead of queueing (@fastify/under-pressure).
   */
  maxEventLoopDelayMs: number;
  /**
   * Overload (BRYGGA_MAX_CHAT_IN_FLIGHT; 0 turns it off): at most this many chat questions are worked on
   * at once; one more is answered at once with 503 and Retry-After. Default 16 offline (an answer is a
   * few ms of CPU, so 16 in line wait well under 100 ms), 256 with a language model (whose answers
   * mostly wait on the network).
   */
  maxChatInFlight: number;
  /**
   * BRYGGA_DATABASE_URL: PostgreSQL holds all shared state, so several replicas can serve one
   * municipality; unset, the embedded SQLite database in the data dir does (one replica)
   */
  databaseUrl?: string;
  /**
   * rate limits of the web API (BRYGGA_RATE_LIMIT=off turns them off, e.g. for benchmarks);
   * BRYGGA_RATE_LIMIT_CHAT_IP, _CHAT_SESSION, _API_IP as "requests/seconds" override the defaults
   */
  rateLimit: {
    enabled: boolean;
    chatPerIp?: { capacity: number; perMinute: number };
    chatPerSession?: { capacity: number; perMinute: number };
    apiPerIp?: { capacity: number; perMinute: number };
  };
  /** the admin area (/admin) and /metrics; both off when neither a token nor OIDC is configured */
  admin: {
    /** bearer token for scripts and the CLI (BRYGGA_ADMIN_TOKEN) */
    token?: string;
    oidc?: {
      issuer: string;
      clientId: string;
      clientSecret: string;
      /** the ID-token / userinfo claim that must hold `adminValue` (default "groups") */
      adminClaim: string;
      /** the group id or role name that makes a user an admin */
      adminValue: string;
    };
    /** signs the admin session cookie; random per start when unset (sessions end at restart) */
    sessionSecret?: string;
  };
  /** a separate port that serves only /metrics without a token (BRYGGA_METRICS_PORT) */
  metricsPort?: number;
  /** "Prata med en människa" in the widget */
  handover: {
    phone?: string;
    /** e.g. "vardagar 8–16" */
    hours?: string;
    email?: string;
    url?: string;
    /** where a resident's conversation is sent (with consent); with smtpUrl */
    to?: string;
    smtpUrl?: string;
    from: string;
    /** true when conversations can be sent (BRYGGA_HANDOVER_TO and BRYGGA_SMTP_URL) */
    enabled: boolean;
  };
  /** the widget greeting's example questions (three), per language */
  widgetExamples: { sv: string[]; en: string[] };
}

export const DEFAULT_EXAMPLES = {
  sv: ['Vad är ett socialt företag?', 'Vad är idéburet offentligt partnerskap (IOP)?', 'Hur kan kommunen köpa tjänster av sociala företag?'],
  en: ['What is a social enterprise?', 'What is an idea-based public partnership (IOP)?', 'How can the municipality buy services from social enterprises?'],
};

function examples(v: string | undefined, fallback: string[]): string[] {
  if (!v) return fallback;
  const list = v
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, 3);
  return list.length ? list : fallback;
}

/** True when /admin is on: a bearer token or an OIDC provider is configured. */
export function adminEnabled(config: Pick<Config, 'admin'>): boolean {
  return Boolean(config.admin.token || config.admin.oidc);
}

export class ConfigError extends Error {}

/** "20/100" (requests per seconds) as a bucket of 20 that refills 20 per 100 s; undefined when not set */
function window(v: string | undefined): { capacity: number; perMinute: number } | undefined {
  if (!v) return undefined;
  const [n, s] = v.split('/').map(Number) as [number, number];
  if (!(n > 0 && s > 0)) throw new ConfigError(`Ogiltig konfiguration: hastighetsgräns ${v}: antal och sekunder ska vara större än 0`);
  return { capacity: n, perMinute: (n * 60) / s };
}

/** Reads and validates configuration from an environment (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path?.[0] ?? 'miljövariabel');
    throw new ConfigError(`Ogiltig konfiguration: ${name}: ${issue?.message ?? 'ogiltigt värde'}`);
  }
  const e = parsed.data;
  const oidcVars = ['BRYGGA_OIDC_ISSUER', 'BRYGGA_OIDC_CLIENT_ID', 'BRYGGA_OIDC_CLIENT_SECRET', 'BRYGGA_OIDC_ADMIN_VALUE'] as const;
  const oidcSet = oidcVars.filter((v) => e[v] !== undefined);
  if (oidcSet.length > 0 && oidcSet.length < oidcVars.length) {
    const missing = oidcVars.find((v) => e[v] === undefined)!;
    throw new ConfigError(`Ogiltig konfiguration: ${missing}: saknas (inloggning med OIDC kräver ${oidcVars.join(', ')})`);
  }
  if (Boolean(e.BRYGGA_HANDOVER_TO) !== Boolean(e.BRYGGA_SMTP_URL)) {
    const missing = e.BRYGGA_HANDOVER_TO ? 'BRYGGA_SMTP_URL' : 'BRYGGA_HANDOVER_TO';
    throw new ConfigError(`Ogiltig konfiguration: ${missing}: saknas (att skicka konversationer kräver både BRYGGA_HANDOVER_TO och BRYGGA_SMTP_URL)`);
  }
  if (e.BRYGGA_DATABASE_URL && !e.BRYGGA_LINK_SECRET) {
    // each replica would otherwise make its own secret, and a source link signed by one would fail on the others
    throw new ConfigError('Ogiltig konfiguration: BRYGGA_LINK_SECRET: saknas (med BRYGGA_DATABASE_URL körs flera repliker, som måste signera källänkar med samma nyckel)');
  }
  const llmEnabled = Boolean(e.OPENAI_BASE_URL || e.OPENAI_API_KEY) && Boolean(e.BRYGGA_CHAT_MODEL);
  return {
    port: e.PORT,
    host: e.HOST ?? '0.0.0.0',
    dataDir: path.resolve(cwd, e.BRYGGA_DATA_DIR ?? '.brygga'),
    knowledgeDir: path.resolve(cwd, e.BRYGGA_KNOWLEDGE_DIR ?? 'knowledge'),
    logLevel: e.LOG_LEVEL ?? 'info',
    llm: {
      baseURL: e.OPENAI_BASE_URL,
      apiKey: e.OPENAI_API_KEY,
      chatModel: e.BRYGGA_CHAT_MODEL,
      embeddingModel: e.BRYGGA_EMBEDDING_MODEL,
      timeoutMs: e.BRYGGA_LLM_TIMEOUT_MS,
      enabled: llmEnabled,
    },
    slack: {
      signingSecret: e.SLACK_SIGNING_SECRET,
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      enabled: Boolean(e.SLACK_SIGNING_SECRET && e.SLACK_BOT_TOKEN) || Boolean(e.SLACK_APP_TOKEN && e.SLACK_BOT_TOKEN),
      handoverChannel: e.BRYGGA_SLACK_HANDOVER_CHANNEL,
    },
    teams: {
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD,
      tenantId: e.MICROSOFT_APP_TENANT_ID,
      appType: e.MICROSOFT_APP_TYPE,
      insecureDev: e.BRYGGA_TEAMS_INSECURE_DEV,
      openIdMetadataUrl: e.BRYGGA_TEAMS_OPENID_METADATA_URL,
      handoverConversation: e.BRYGGA_TEAMS_HANDOVER_CONVERSATION,
      enabled: Boolean(e.MICROSOFT_APP_ID) || e.BRYGGA_TEAMS_INSECURE_DEV,
    },
    publicUrl: e.BRYGGA_PUBLIC_URL?.replace(/\/+$/, ''),
    linkSecret: e.BRYGGA_LINK_SECRET,
    allowedOrigins: (e.BRYGGA_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    trustedProxies: e.BRYGGA_TRUSTED_PROXIES,
    retentionDays: e.BRYGGA_RETENTION_DAYS,
    maxEventLoopDelayMs: e.BRYGGA_MAX_EVENT_LOOP_DELAY_MS,
    maxChatInFlight: e.BRYGGA_MAX_CHAT_IN_FLIGHT ?? (llmEnabled ? 256 : 16),
    databaseUrl: e.BRYGGA_DATABASE_URL,
    rateLimit: {
      enabled: e.BRYGGA_RATE_LIMIT !== 'off',
      chatPerIp: window(e.BRYGGA_RATE_LIMIT_CHAT_IP),
      chatPerSession: window(e.BRYGGA_RATE_LIMIT_CHAT_SESSION),
      apiPerIp: window(e.BRYGGA_RATE_LIMIT_API_IP),
    },
    admin: {
      token: e.BRYGGA_ADMIN_TOKEN,
      oidc:
        oidcSet.length === oidcVars.length
          ? {
              issuer: e.BRYGGA_OIDC_ISSUER!,
              clientId: e.BRYGGA_OIDC_CLIENT_ID!,
              clientSecret: e.BRYGGA_OIDC_CLIENT_SECRET!,
              adminClaim: e.BRYGGA_OIDC_ADMIN_CLAIM ?? 'groups',
              adminValue: e.BRYGGA_OIDC_ADMIN_VALUE!,
            }
          : undefined,
      sessionSecret: e.BRYGGA_SESSION_SECRET,
    },
    metricsPort: e.BRYGGA_METRICS_PORT,
    handover: {
      phone: e.BRYGGA_CONTACT_PHONE,
      hours: e.BRYGGA_CONTACT_HOURS,
      email: e.BRYGGA_CONTACT_EMAIL,
      url: e.BRYGGA_CONTACT_URL,
      to: e.BRYGGA_HANDOVER_TO,
      smtpUrl: e.BRYGGA_SMTP_URL,
      from: e.BRYGGA_MAIL_FROM ?? 'Brygga <brygga@localhost>',
      enabled: Boolean(e.BRYGGA_HANDOVER_TO && e.BRYGGA_SMTP_URL),
    },
    widgetExamples: { sv: examples(e.BRYGGA_WIDGET_EXAMPLES, DEFAULT_EXAMPLES.sv), en: examples(e.BRYGGA_WIDGET_EXAMPLES_EN, DEFAULT_EXAMPLES.en) },
  };
}
