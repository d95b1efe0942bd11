/**
 * "Prata med en människa": the widget's greeting and contact routes (`GET /api/widget-config`)
 * and, when configured and with the resident's explicit consent, sending the conversation to the
 * municipality's contact address (`POST /api/handover`) by SMTP (nodemailer). The conversation is
 * read from the store, which redacted it before writing: no personnummer, phone number or e-mail
 * address of the resident is in the mail. The resident gets a reference to quote when calling.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { HttpError } from './server/messages.js';
import { limiter, registerRateLimiting } from './server/rate-limit.js';
import type { Store } from './storage/store.js';


/** how long the mail server may take to accept, greet or answer, in ms */
export const SMTP_TIMEOUT_MS = 10_000;
export interface WidgetConfig {
  examples: string[];
  contact: { phone?: string; hours?: string; email?: string; url?: string };
  /** whether the conversation can be sent to the contact centre */
  handover: boolean;
}

const HandoverBody = z.object({
  sessionId: z.string().min(1).max(64),
  consent: z.literal(true),
  lang: z.enum(['sv', 'en']).optional(),
});

/** The mail sent to the contact address: plain text, the redacted conversation oldest first. */
export function handoverMail(ref: string, history: Array<{ role: 'user' | 'assistant'; text: string; at: string }>): { subject: string; text: string } {
  const fmt = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });
  const lines = history.map((m) => `${fmt.format(new Date(m.at))} ${m.role === 'user' ? 'Invånaren' : 'Brygga'}:\n${m.text.trim()}\n`);
  return {
    subject: `Brygga: en invånare vill prata med en människa (ärende ${ref})`,
    text: [
      `En invånare har bett att få prata med en människa och samtyckt till att konversationen skickas hit.`,
      `Ärendenummer: ${ref}. Invånaren har fått numret och kan uppge det när hen ringer eller mejlar.`,
      `Personuppgifter (personnummer, telefonnummer, e-postadresser) är borttagna ur texten.`,
      '',
      '--- Konversationen ---',
      '',
      ...lines,
    ].join('\n'),
  };
}

/** A short reference a resident can read aloud on the phone: 8 characters without look-alikes. */
export function reference(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('');
}

export async function registerHandover(app: FastifyInstance, deps: { config: Config; store: Store; logger: Logger }): Promise<{ transport: Transporter | null }> {
  const { config, store, logger } = deps;
  const h = config.handover;
  // a mail server that accepts the connection and then says nothing fails the handover within about 10 s (nodemailer's
  // own defaults wait 2 min for the greeting and 10 min on a silent socket: a resident had waited 30 s for a 502)
  const transport = h.enabled ? nodemailer.createTransport({ url: h.smtpUrl!, connectionTimeout: SMTP_TIMEOUT_MS, greetingTimeout: SMTP_TIMEOUT_MS, socketTimeout: SMTP_TIMEOUT_MS }) : null;
  // three conversations per client IP per three minutes, counted in the store (shared by replicas)
  await registerRateLimiting(app, store.counters);
  const limitHandover = limiter(app, 'handover-ip', { capacity: 3, perMinute: 1 });

  app.get<{ Querystring: { lang?: string } }>('/api/widget-config', async (req, reply) => {
    const lang = req.query.lang === 'en' ? 'en' : 'sv';
    reply.header('cache-control', 'public, max-age=300').header('access-control-allow-origin', '*');
    const body: WidgetConfig = {
      examples: config.widgetExamples[lang],
      contact: Object.fromEntries(Object.entries({ phone: h.phone, hours: h.hours, email: h.email, url: h.url }).filter(([, v]) => v)),
      handover: h.enabled,
    };
    return body;
  });

  /** the widget's origin rule (as for /api/chat): the server's own origin or BRYGGA_ALLOWED_ORIGINS */
  const cors = (origin: string | undefined, host: string | undefined, reply: { header(k: string, v: string): unknown }) => {
    if (!origin) return;
    let ok = false;
    try {
      ok = new URL(origin).host === host || config.allowedOrigins.includes('*') || config.allowedOrigins.includes(origin.replace(/\/$/, ''));
    } catch {
      ok = false;
    }
    if (!ok) throw new HttpError(403, 'originNotAllowed');
    reply.header('access-control-allow-origin', origin);
    reply.header('vary', 'Origin');
  };

  app.options('/api/handover', async (req, reply) => {
    cors(req.headers.origin, req.host, reply);
    reply.header('access-control-allow-methods', 'POST, OPTIONS').header('access-control-allow-headers', 'content-type').header('access-control-max-age', '600');
    return reply.code(204).send();
  });

  app.post('/api/handover', { bodyLimit: 4096 }, async (req, reply) => {
    if (!transport) throw new HttpError(404, 'notFound');
    cors(req.headers.origin, req.host, reply);
    const lang = (req.body as { lang?: string } | undefined)?.lang === 'en' ? 'en' : 'sv';
    const parsed = HandoverBody.safeParse(req.body);
    if (!parsed.success) {
      const consent = parsed.error.issues.some((i) => i.path[0] === 'consent');
      return reply.code(400).send({
        error: consent
          ? lang === 'en' ? 'Your consent is needed before the conversation is sent.' : 'Konversationen skickas bara med ditt samtycke.'
          : lang === 'en' ? 'Invalid request.' : 'Ogiltig begäran.',
        code: consent ? 'consent_required' : 'invalid_body',
      });
    }
    const session = await store.getSession(parsed.data.sessionId);
    if (!session || session.channel !== 'web') throw new HttpError(404, 'unknownSession', { code: 'unknown_session' });
    await limitHandover(req, req.ip);
    const history = await store.history(session.id, 100);
    if (!history.length) return reply.code(400).send({ error: lang === 'en' ? 'The conversation is empty.' : 'Konversationen är tom.', code: 'empty_conversation' });
    const ref = reference();
    const mail = handoverMail(ref, history);
    try {
      await transport.sendMail({ from: h.from, to: h.to, subject: mail.subject, text: mail.text });
    } catch (err) {
      logger.error({ err: (err as Error).message }, 'överlämning: e-post kunde inte skickas');
      return reply.code(502).send({
        error: lang === 'en' ? 'The conversation could not be sent. Please call or e-mail instead.' : 'Konversationen kunde inte skickas. Ring eller mejla i stället.',
        code: 'send_failed',
      });
    }
    req.log.info({ route: '/api/handover', messages: history.length }, 'överlämning skickad');
    return { sent: true, reference: ref };
  });

  app.addHook('onClose', async () => transport?.close());
  return { transport };
}
