/**
 * The one place that reads the environment. Every setting is validated here at start-up;
 * an invalid value stops the start with one line that names the variable.
 */
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
    .transform((v) => (v === undefined || v === '' ? 20_000 : Number(v)))
    .pipe(z.number().int().positive()),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: optionalString.pipe(z.url().optional()),
  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TENANT_ID: optionalString,
  MICROSOFT_APP_TYPE: optionalString.pipe(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional()),
  BRYGGA_TEAMS_INSECURE_DEV: flag,
  BRYGGA_TEAMS_OPENID_METADATA_URL: optionalString.pipe(z.url().optional()),
  BRYGGA_ALLOWED_ORIGINS: optionalString,
  BRYGGA_PUBLIC_URL: optionalString.pipe(z.url().optional()),
  BRYGGA_LINK_SECRET: optionalString.pipe(z.string().min(32, 'minst 32 tecken').optional()),
  BRYGGA_RETENTION_DAYS: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? 30 : Number(v)))
    .pipe(z.number().int().positive()),
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
  slack: { signingSecret?: string; botToken?: string; appToken?: string; apiUrl?: string; enabled: boolean };
  teams: {
    appId?: string;
    appPassword?: string;
    tenantId?: string;
    appType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    insecureDev: boolean;
    enabled: boolean;
    /** where Bot Framework tokens' signing keys are published (OpenID metadata); unset: Microsoft's public cloud */
    openIdMetadataUrl?: string;
  };
  /** The server's public base URL (links to /sources pages from Slack and Teams); unset: no links */
  publicUrl?: string;
  /** HMAC key of signed source links (src/server/signed-links.ts); unset: generated in the data dir */
  linkSecret?: string;
  /** Origins allowed to embed the widget; empty means the server's own origin only. */
  allowedOrigins: string[];
  retentionDays: number;
}

export class ConfigError extends Error {}

/** Reads and validates configuration from an environment (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path?.[0] ?? 'miljövariabel');
    throw new ConfigError(`Ogiltig konfiguration: ${name}: ${issue?.message ?? 'ogiltigt värde'}`);
  }
  const e = parsed.data;
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
    },
    teams: {
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD,
      tenantId: e.MICROSOFT_APP_TENANT_ID,
      appType: e.MICROSOFT_APP_TYPE,
      insecureDev: e.BRYGGA_TEAMS_INSECURE_DEV,
      openIdMetadataUrl: e.BRYGGA_TEAMS_OPENID_METADATA_URL,
      enabled: Boolean(e.MICROSOFT_APP_ID) || e.BRYGGA_TEAMS_INSECURE_DEV,
    },
    publicUrl: e.BRYGGA_PUBLIC_URL?.replace(/\/+$/, ''),
    linkSecret: e.BRYGGA_LINK_SECRET,
    allowedOrigins: (e.BRYGGA_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    retentionDays: e.BRYGGA_RETENTION_DAYS,
  };
}
