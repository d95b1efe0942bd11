/**
 * Teams rendering: Adaptive Cards (version 1.5) and the Teams message entities for the core's
 * results. Pure functions over plain JSON, independent of any Bot Framework / Agents SDK, so the
 * same output can be sent by whichever SDK carries the activity.
 *
 * - answers: the answer with [n] markers, numbered sources (title, section, lines/page, quote),
 *   an AI-generated note and thumbs up/down (Action.Submit) buttons;
 * - the activity additionally carries the Teams AI entity (`https://schema.org/Message` with
 *   `additionalType: ["AIGeneratedContent"]` and a `citation` array) and
 *   `channelData.feedbackLoopEnabled`, so Teams shows its own AI label, citations and thumbs.
 */
import { FURTHER_READING, type AskResult, type Citation, type InviteResult, type Language, type MatchResult } from '../../src/domain/types.js';

export type AdaptiveElement = Record<string, unknown>;
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: AdaptiveElement[];
  actions?: AdaptiveElement[];
  fallbackText?: string;
  lang?: string;
  [extra: string]: unknown;
}

/** One outgoing Teams message: a card plus the activity-level extras. SDK-neutral. */
export interface OutgoingMessage {
  card: AdaptiveCard;
  /** activity entities (Teams AI label + citations) */
  entities?: Array<Record<string, unknown>>;
  /** activity channelData (e.g. feedbackLoopEnabled) */
  channelData?: Record<string, unknown>;
  /** short plain text for notifications / clients that cannot show cards */
  summary: string;
}

/** Data carried by our card feedback buttons (Action.Submit → message activity with `value`). */
export interface FeedbackSubmitData {
  brygga: 'feedback';
  rating: 'up' | 'down';
  sessionId: string;
  messageId: string;
}

/** Data carried by "Behöver mer hjälp" on an answer card (Action.Submit). */
export interface HandoverSubmitData {
  brygga: 'handover';
  sessionId: string;
  messageId: string;
}

export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

// Teams limits for citation appearances (longer values are rejected or cut by the client).
const CITATION_NAME_MAX = 80;
const CITATION_ABSTRACT_MAX = 160;
const CITATION_KEYWORD_MAX = 28;

const T = {
  sv: {
    sources: 'Källor',
    noSources: 'Inga källor stöder ett svar.',
    aiNote: 'AI-genererat svar. Kontrollera källorna innan du använder det.',
    helpful: 'Hjälpte svaret?',
    up: '👍 Bra svar',
    down: '👎 Dåligt svar',
    handover: '🙋 Behöver mer hjälp',
    handoverTip: 'En kollega får en länk till samtalet',
    lines: 'rad',
    page: 's.',
    matchTitle: 'Förslag på sociala företag',
    noMatch: 'Inget företag i registret uppfyller alla krav.',
    advice: 'Råd',
    warnings: 'Att kontrollera',
    score: 'poäng',
    inviteTitle: 'Utkast till inbjudan',
    missing: 'Saknas i förfrågan',
    ics: 'Ladda ner kalenderfil (.ics)',
    errorTitle: 'Det gick inte',
  },
  en: {
    sources: 'Sources',
    noSources: 'No sources support an answer.',
    aiNote: 'AI-generated answer. Check the sources before you rely on it.',
    helpful: 'Was this helpful?',
    up: '👍 Helpful',
    down: '👎 Not helpful',
    handover: '🙋 Need more help',
    handoverTip: 'A colleague gets a link to the conversation',
    lines: 'lines',
    page: 'p.',
    matchTitle: 'Suggested social enterprises',
    noMatch: 'No enterprise in the registry meets every requirement.',
    advice: 'Advice',
    warnings: 'To check',
    score: 'score',
    inviteTitle: 'Draft invitation',
    missing: 'Missing from the request',
    ics: 'Download calendar file (.ics)',
    errorTitle: 'That did not work',
  },
} as const;

function card(body: AdaptiveElement[], actions: AdaptiveElement[] | undefined, fallbackText: string, lang: Language): AdaptiveCard {
  const c: AdaptiveCard = { type: 'AdaptiveCard', $schema: CARD_SCHEMA, version: '1.5', lang, body, fallbackText: clip(fallbackText, 1000) };
  if (actions && actions.length) c.actions = actions;
  return c;
}

function text(t: string, extra: Record<string, unknown> = {}): AdaptiveElement {
  return { type: 'TextBlock', text: t, wrap: true, ...extra };
}

function clip(s: string, max: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : one.slice(0, max - 1).trimEnd() + '…';
}

/** "Titel — Avsnitt, rad 12–20, s. 4" */
export function sourceLabel(c: Citation, lang: Language): string {
  const t = T[lang];
  const parts: string[] = [];
  if (c.section) parts.push(c.section);
  if (c.lines && c.lines.length === 2) parts.push(c.lines[0] === c.lines[1] ? `${t.lines} ${c.lines[0]}` : `${t.lines} ${c.lines[0]}–${c.lines[1]}`);
  if (c.page !== null && c.page !== undefined) parts.push(`${t.page} ${c.page}`);
  return parts.length ? `${c.title} — ${parts.join(', ')}` : c.title;
}

/** The link to a cited passage (signed for the conversation's audience), or undefined for none. */
export type SourceLink = (c: Citation) => string | undefined;

/** Markdown link text for a TextBlock: brackets in the label would end it early. */
function mdLink(label: string, url: string): string {
  return `[${label.replace(/[[\]]/g, '')}](${url.replace(/[()\s]/g, encodeURIComponent)})`;
}

function sourcesBlock(citations: Citation[], lang: Language, link?: SourceLink): AdaptiveElement[] {
  if (!citations.length) return [];
  const items: AdaptiveElement[] = [text(T[lang].sources, { weight: 'bolder', size: 'medium', style: 'heading', separator: true, spacing: 'medium' })];
  for (const c of citations) {
    items.push({
      type: 'Container',
      spacing: 'small',
      items: [
        text(`**[${c.n}]** ${link?.(c) ? mdLink(sourceLabel(c, lang), link(c)!) : sourceLabel(c, lang)}${c.related ? ` _(${FURTHER_READING[lang]})_` : ''}`),
        ...(c.quote ? [text(`”${clip(c.quote, 400)}”`, { isSubtle: true, size: 'small', spacing: 'none' })] : []),
      ],
    });
  }
  return items;
}

function feedbackActions(ids: { sessionId: string; messageId: string }, lang: Language): AdaptiveElement[] {
  const data = (rating: 'up' | 'down'): FeedbackSubmitData => ({ brygga: 'feedback', rating, ...ids });
  return [
    { type: 'Action.Submit', title: T[lang].up, data: data('up'), tooltip: T[lang].helpful },
    { type: 'Action.Submit', title: T[lang].down, data: data('down'), tooltip: T[lang].helpful },
  ];
}

/** The Teams AI entity: AI label plus one citation claim per numbered source. */
export function aiEntity(citations: Citation[], link?: SourceLink): Record<string, unknown> {
  const entity: Record<string, unknown> = {
    type: 'https://schema.org/Message',
    '@type': 'Message',
    '@context': 'https://schema.org',
    '@id': '',
    additionalType: ['AIGeneratedContent'],
  };
  if (citations.length) {
    entity.citation = citations.map((c) => ({
      '@type': 'Claim',
      position: c.n,
      appearance: {
        '@type': 'DigitalDocument',
        name: clip(c.title, CITATION_NAME_MAX),
        abstract: clip(c.quote || c.section || c.title, CITATION_ABSTRACT_MAX),
        ...(link?.(c) ? { url: link(c) } : {}),
        ...(c.section ? { keywords: [clip(c.section, CITATION_KEYWORD_MAX)] } : {}),
      },
    }));
  }
  return entity;
}

/** "Behöver mer hjälp" (shown only when a handover conversation is configured). */
function handoverAction(ids: { sessionId: string; messageId: string }, lang: Language): AdaptiveElement {
  const data: HandoverSubmitData = { brygga: 'handover', ...ids };
  return { type: 'Action.Submit', title: T[lang].handover, data, tooltip: T[lang].handoverTip };
}

/**
 * The message "Behöver mer hjälp" sends to the handover conversation: who asked (an @mention, so
 * the colleague can reach them), the link to the conversation and the question, shortened.
 */
export function handoverNoticeMessage(o: {
  user?: { id: string; name?: string };
  link: string;
  question: string | null;
}): OutgoingMessage {
  const name = o.user?.name?.replace(/[<>]/g, '') || 'En användare';
  const who = o.user ? `<at>${name}</at>` : name;
  const body: AdaptiveElement[] = [
    text(`🙋 ${who} behöver mer hjälp än Brygga kunde ge.`, { weight: 'bolder' }),
    ...(o.question ? [text(`Frågan: ${clip(o.question, 500)}`)] : []),
    text(mdLink('Öppna samtalet', o.link)),
  ];
  const c = card(body, undefined, `${name} behöver mer hjälp än Brygga kunde ge. ${o.link}`, 'sv');
  if (o.user) c.msteams = { entities: [{ type: 'mention', text: `<at>${name}</at>`, mentioned: { id: o.user.id, name } }] };
  return { card: c, summary: clip(`${name} behöver mer hjälp`, 200) };
}

export function answerMessage(
  result: AskResult,
  ids: { sessionId: string; messageId: string },
  link?: SourceLink,
  opts: { handover?: boolean } = {},
): OutgoingMessage {
  const lang = result.language;
  const t = T[lang];
  const body: AdaptiveElement[] = [text(result.answer)];
  if (result.notice) body.push(text(result.notice, { color: 'warning', size: 'small', isSubtle: true }));
  body.push(...sourcesBlock(result.citations, lang, link));
  body.push(text(t.aiNote, { size: 'small', isSubtle: true, separator: true, spacing: 'medium' }));
  const fallback = [result.answer, ...result.citations.map((c) => `[${c.n}] ${sourceLabel(c, lang)}`)].join('\n');
  const actions = [...feedbackActions(ids, lang), ...(opts.handover ? [handoverAction(ids, lang)] : [])];
  return {
    card: card(body, actions, fallback, lang),
    entities: [aiEntity(result.citations, link)],
    channelData: { feedbackLoopEnabled: true },
    summary: clip(result.answer, 200),
  };
}

export function matchMessage(result: MatchResult, ids: { sessionId: string; messageId: string }, link?: SourceLink): OutgoingMessage {
  const lang: Language = result.need?.language === 'en' ? 'en' : 'sv';
  const t = T[lang];
  const body: AdaptiveElement[] = [text(t.matchTitle, { weight: 'bolder', size: 'medium', style: 'heading' })];
  if (result.noMatch || !result.matches.length) body.push(text(t.noMatch, { color: 'attention' }));
  for (const m of result.matches) {
    const items: AdaptiveElement[] = [text(`**${m.rank}. ${m.name}** (${t.score} ${m.score.toFixed(2)})`)];
    if (m.reasons.length) items.push(text(m.reasons.map((r) => `- ${r}`).join('\n'), { spacing: 'small' }));
    if (m.warnings.length) {
      items.push(text(`${t.warnings}: ${m.warnings.join('; ')}`, { color: 'warning', size: 'small', spacing: 'small' }));
    }
    body.push({ type: 'Container', separator: true, spacing: 'medium', items });
  }
  if (result.advice) {
    body.push(text(t.advice, { weight: 'bolder', separator: true, spacing: 'medium' }));
    body.push(text(result.advice));
  }
  body.push(...sourcesBlock(result.citations ?? [], lang, link));
  body.push(text(t.aiNote, { size: 'small', isSubtle: true, separator: true, spacing: 'medium' }));
  const fallback = [t.matchTitle, ...result.matches.map((m) => `${m.rank}. ${m.name}`), result.advice].filter(Boolean).join('\n');
  return {
    card: card(body, feedbackActions(ids, lang), fallback, lang),
    entities: [aiEntity(result.citations ?? [], link)],
    channelData: { feedbackLoopEnabled: true },
    summary: clip(`${t.matchTitle}: ${result.matches.map((m) => m.name).join(', ') || t.noMatch}`, 200),
  };
}

function isAdaptiveCard(v: unknown): v is { type: 'AdaptiveCard'; body?: unknown[]; actions?: unknown[] } {
  return Boolean(v) && typeof v === 'object' && (v as { type?: unknown }).type === 'AdaptiveCard' && Array.isArray((v as { body?: unknown }).body);
}

/**
 * The invitation engine's own card (InviteResult.adaptiveCard) when it is a usable card, otherwise a
 * simple one built from subject/text/missing; either way with a link to the .ics when there is one.
 */
export function inviteMessage(
  result: InviteResult,
  ids: { sessionId: string; messageId: string },
  icsUrl: string | undefined,
): OutgoingMessage {
  const lang: Language = result.language === 'en' ? 'en' : 'sv';
  const t = T[lang];
  let body: AdaptiveElement[];
  let actions: AdaptiveElement[] = [];
  if (isAdaptiveCard(result.adaptiveCard)) {
    const own = structuredClone(result.adaptiveCard) as { body: AdaptiveElement[]; actions?: AdaptiveElement[] };
    body = own.body;
    actions = Array.isArray(own.actions) ? own.actions : [];
  } else {
    body = [text(t.inviteTitle, { weight: 'bolder', size: 'medium', style: 'heading' })];
    if (result.subject) body.push(text(`**${result.subject}**`));
    body.push(text(result.text));
    if (result.missing.length) body.push(text(`${t.missing}: ${result.missing.join(', ')}`, { color: 'warning', size: 'small' }));
  }
  // drop actions the engine may have added for other channels that point at nothing here
  actions = actions.filter((a) => a && typeof a === 'object' && typeof a.type === 'string');
  if (icsUrl && !actions.some((a) => a.type === 'Action.OpenUrl' && typeof a.url === 'string' && a.url === icsUrl)) {
    actions.push({ type: 'Action.OpenUrl', title: t.ics, url: icsUrl });
  }
  body.push(text(t.aiNote, { size: 'small', isSubtle: true, separator: true, spacing: 'medium' }));
  actions.push(...feedbackActions(ids, lang));
  return {
    card: card(body, actions, `${result.subject}\n${result.text}`, lang),
    entities: [aiEntity(result.citations ?? [])],
    channelData: { feedbackLoopEnabled: true },
    summary: clip(result.subject || t.inviteTitle, 200),
  };
}

export function welcomeMessage(lang: Language): OutgoingMessage {
  const sv = lang === 'sv';
  const lines = sv
    ? [
        'Hej! Jag är **Brygga**. Jag har läst rapporterna och de lokala styrdokumenten om samverkan med näringsliv, civilsamhälle och sociala företag, och svarar med källhänvisningar.',
        '- Ställ en fråga, t.ex. *Vad är ett IOP?*',
        '- **matcha:** ett behov, t.ex. *matcha: catering för 120 personer i Helsingborg*',
        '- **inbjudan:** en förfrågan, t.ex. *inbjudan: frukostmöte med företagare 5 november kl. 07.30–09.00*',
        'I en kanal: nämn @Brygga i meddelandet. Dokument med begränsad åtkomst används bara i privat chatt med mig.',
      ]
    : [
        'Hi! I am **Brygga**. I have read the reports and local policies on cross-sector work and answer with cited sources.',
        '- Ask a question, e.g. *What is an IOP?*',
        '- **match:** a need, e.g. *match: catering for 120 people in Helsingborg*',
        '- **invite:** a request, e.g. *invite: breakfast meeting with local businesses on 5 November 07:30–09:00*',
        'In a channel: mention @Brygga. Restricted documents are only used in a personal chat with me.',
      ];
  const body = [text(sv ? 'Välkommen till Brygga' : 'Welcome to Brygga', { weight: 'bolder', size: 'large', style: 'heading' }), ...lines.map((l) => text(l))];
  return { card: card(body, undefined, lines.join('\n'), lang), summary: sv ? 'Välkommen till Brygga' : 'Welcome to Brygga' };
}

export function helpMessage(lang: Language): OutgoingMessage {
  const m = welcomeMessage(lang);
  return { ...m, summary: lang === 'sv' ? 'Så använder du Brygga' : 'How to use Brygga' };
}

export function errorMessage(message: string, lang: Language): OutgoingMessage {
  const body = [text(T[lang].errorTitle, { weight: 'bolder', color: 'attention' }), text(message)];
  return { card: card(body, undefined, message, lang), summary: clip(message, 200) };
}

export function noticeMessage(message: string, lang: Language): OutgoingMessage {
  return { card: card([text(message)], undefined, message, lang), summary: clip(message, 200) };
}
