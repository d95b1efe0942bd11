/**
 * Renders a drafted invitation into the channels' formats: Slack Block Kit, a Microsoft Teams
 * Adaptive Card (1.5) and an iCalendar event (RFC 5545, Europe/Stockholm with its VTIMEZONE).
 * The `ics` package cannot write TZID-local times, so the calendar is written here by hand and
 * checked with ical.js in the tests.
 */
import { createHash } from 'node:crypto';
import type { Citation, Language } from '../domain/types.js';
import { toMarkdown, type Draft } from './compose.js';

const MISSING_LABELS: Record<Language, Record<string, string>> = {
  sv: {
    date: 'datum', time: 'tid', place: 'plats', link: 'möteslänk', contact: 'kontakt', rsvpBy: 'sista svarsdag',
    registrationLink: 'anmälningslänk', purpose: 'syfte', followUp: 'vad som händer efter mötet',
  },
  en: {
    date: 'date', time: 'time', place: 'place', link: 'meeting link', contact: 'contact', rsvpBy: 'RSVP date',
    registrationLink: 'registration link', purpose: 'purpose', followUp: 'what happens afterwards',
  },
};

export function missingText(missing: string[], lang: Language): string | null {
  if (!missing.length) return null;
  const labels = missing.map((m) => MISSING_LABELS[lang][m] ?? m).join(', ');
  return lang === 'en' ? `Fill in before sending: ${labels}.` : `Fyll i innan du skickar: ${labels}.`;
}

function sourcesText(citations: Citation[], lang: Language): string | null {
  if (!citations.length) return null;
  const items = citations.map((c) => `[${c.n}] ${c.title}${c.section ? ` – ${c.section}` : ''}`).join('; ');
  return `${lang === 'en' ? 'Method from' : 'Metoden bygger på'}: ${items}`;
}

function slackEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Block Kit: a header, the invitation in sections (≤ 3000 characters each), then context lines. */
/**
 * What the sender should check before sending (`InviteResult.notes`: a date read from relative words, a date on a
 * holiday, a participant not confirmed, …), as a list under a heading: for the sender, never part of the invitation.
 * Null when there is nothing to check.
 */
export function notesText(notes: readonly string[], lang: Language): string | null {
  if (!notes.length) return null;
  return `${lang === 'en' ? 'Check before sending' : 'Kontrollera innan du skickar'}:\n${notes.map((n) => `• ${n}`).join('\n')}`;
}

/**
 * The invitation as Slack Block Kit blocks: its header and sections, then for the sender what is missing, what to check
 * (`notes`) and where the method comes from. At most 50 blocks (Slack's limit).
 */
export function slackBlocks(d: Draft, lang: Language, citations: Citation[] = [], notes: readonly string[] = []): unknown[] {
  const blocks: unknown[] = [{ type: 'header', text: { type: 'plain_text', text: truncate(d.subject, 150), emoji: true } }];
  const md = slackEscape(toMarkdown(d, (s) => `*${s}*`));
  const parts = md.split(/\n\n/);
  let buf = '';
  const flush = () => {
    if (buf.trim()) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: buf.trim() } });
    buf = '';
  };
  for (const part of parts) {
    if ((buf + '\n\n' + part).length > 2900) flush();
    buf = buf ? `${buf}\n\n${part}` : part;
  }
  flush();
  const miss = missingText(d.missing, lang);
  if (miss) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `:warning: ${slackEscape(miss)}` }] });
  const check = notesText(notes, lang);
  if (check) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `:mag: ${slackEscape(truncate(check, 2900))}` }] });
  const src = sourcesText(citations, lang);
  if (src) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: slackEscape(truncate(src, 3000)) }] });
  return blocks.slice(0, 50);
}

/** Adaptive Card 1.5 for Microsoft Teams. */
export function adaptiveCard(d: Draft, lang: Language, citations: Citation[] = [], link?: string | null, notes: readonly string[] = []): Record<string, unknown> {
  const body: Array<Record<string, unknown>> = [
    { type: 'TextBlock', text: d.subject, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' },
    { type: 'TextBlock', text: d.greeting, wrap: true },
  ];
  const whenHeadings = /^(Tid och plats|Time and place|När och var\?)$/;
  for (const s of d.sections) {
    if (s.heading) body.push({ type: 'TextBlock', text: s.heading, weight: 'Bolder', wrap: true, spacing: 'Medium' });
    if (s.heading && whenHeadings.test(s.heading)) {
      body.push({ type: 'FactSet', facts: d.facts.map((f) => ({ title: f.label, value: f.value })) });
      continue;
    }
    for (const p of s.paragraphs) body.push({ type: 'TextBlock', text: p, wrap: true });
    if (s.bullets?.length) body.push({ type: 'TextBlock', text: s.bullets.map((b) => `- ${b}`).join('\n'), wrap: true });
  }
  body.push({ type: 'TextBlock', text: d.closing.join('\n\n'), wrap: true, spacing: 'Medium' });
  const miss = missingText(d.missing, lang);
  if (miss) {
    body.push({ type: 'Container', style: 'warning', items: [{ type: 'TextBlock', text: miss, wrap: true, weight: 'Bolder' }] });
  }
  if (notes.length) {
    body.push({
      type: 'Container',
      style: 'attention',
      items: [
        { type: 'TextBlock', text: lang === 'en' ? 'Check before sending' : 'Kontrollera innan du skickar', wrap: true, weight: 'Bolder' },
        { type: 'TextBlock', text: notes.map((n) => `- ${n}`).join('\n'), wrap: true },
      ],
    });
  }
  const src = sourcesText(citations, lang);
  if (src) body.push({ type: 'TextBlock', text: src, wrap: true, size: 'Small', isSubtle: true });
  const card: Record<string, unknown> = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
  };
  if (link && /^https?:\/\//.test(link)) card.actions = [{ type: 'Action.OpenUrl', title: lang === 'en' ? 'Open link' : 'Öppna länken', url: link }];
  return card;
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, n - 1) + '…';
}

export interface IcsEvent {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM local Stockholm time */
  start: string;
  end: string | null;
  summary: string;
  location: string | null;
  description: string;
  url: string | null;
  organizer: { name: string | null; email: string } | null;
  /** the request says the date is not yet fixed: STATUS:TENTATIVE (RFC 5545 3.8.1.11) */
  tentative?: boolean;
  /** for DTSTAMP; default now */
  now?: Date;
}

const VTIMEZONE_STOCKHOLM = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Stockholm',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** TEXT value escaping (RFC 5545 3.3.11). */
export function icsText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74;
    if (bytes + n > limit) {
      out.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}

function local(date: string, time: string): string {
  return `${date.replace(/-/g, '')}T${time.replace(':', '')}00`;
}

function utcStamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** One VEVENT in Europe/Stockholm local time, with the zone's VTIMEZONE. */
export function buildIcs(ev: IcsEvent): string {
  const uid = createHash('sha256').update(`${ev.date}|${ev.start}|${ev.summary}|${ev.location ?? ''}`).digest('hex').slice(0, 24);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Brygga//Inbjudan//SV',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...VTIMEZONE_STOCKHOLM,
    'BEGIN:VEVENT',
    `UID:${uid}@brygga`,
    `DTSTAMP:${utcStamp(ev.now ?? new Date())}`,
    `DTSTART;TZID=Europe/Stockholm:${local(ev.date, ev.start)}`,
    ...(ev.end ? [`DTEND;TZID=Europe/Stockholm:${local(ev.date, ev.end)}`] : []),
    ...(ev.tentative ? ['STATUS:TENTATIVE'] : []),
    `SUMMARY:${icsText(ev.summary)}`,
    ...(ev.location ? [`LOCATION:${icsText(ev.location)}`] : []),
    `DESCRIPTION:${icsText(ev.description)}`,
    ...(ev.url ? [`URL:${ev.url}`] : []),
    ...(ev.organizer ? [`ORGANIZER${ev.organizer.name ? `;CN="${ev.organizer.name.replace(/"/g, '')}"` : ''}:mailto:${ev.organizer.email}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
