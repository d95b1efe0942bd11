/**
 * Block Kit rendering of the core's channel-neutral results (AskResult, MatchResult, InviteResult).
 * Pure functions: no Slack calls, no business logic. Every limit Slack enforces (3000 characters per
 * section, 2000 per button value, 50 blocks per message) is respected here.
 */
import { FURTHER_READING, type AskResult, type Citation, type EnterpriseMatch, type InviteResult, type MatchResult } from '../../src/domain/types.js';
import { notesText } from '../../src/invite/render.js';

export interface SlackBlock {
  type: string;
  block_id?: string;
  [key: string]: unknown;
}

/** What every button that continues a conversation carries: the Store session and message it refers to. */
export interface MessageRef {
  sessionId: string;
  messageId: string;
}

export const ACTIONS = {
  feedbackUp: 'brygga_feedback_up',
  feedbackDown: 'brygga_feedback_down',
  matchMore: 'brygga_match_more',
  needSave: 'brygga_need_save',
  matchInvite: 'brygga_match_invite',
  inviteEdit: 'brygga_invite_edit',
  inviteIcs: 'brygga_invite_ics',
  inviteCopy: 'brygga_invite_copy',
  handover: 'brygga_handover',
} as const;

export const EDIT_VIEW_ID = 'brygga_invite_edit_modal';

/** How many matches the first reply shows; "Visa fler" shows up to MATCH_MORE_LIMIT. */
export const MATCH_FIRST_LIMIT = 3;
export const MATCH_MORE_LIMIT = 10;

const SECTION_MAX = 2900;
const MAX_BLOCKS = 50;

export function encodeRef(ref: MessageRef): string {
  return `${ref.sessionId}:${ref.messageId}`;
}

export function decodeRef(value: string | undefined): MessageRef | null {
  if (!value) return null;
  const [sessionId, messageId, ...rest] = value.split(':');
  if (!sessionId || !messageId || rest.length > 0) return null;
  return { sessionId, messageId };
}

/** Escapes Slack's control characters and turns common Markdown into Slack mrkdwn. */
export function mrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\*\*(.+?)\*\*/g, '*$1*')
    .replace(/__(.+?)__/g, '_$1_')
    .replace(/^#{1,6}\s+(.+)$/gm, '*$1*')
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, '<$2|$1>');
}

/** Splits text into pieces of at most `max` characters, preferring paragraph, line and word breaks. */
export function splitText(text: string, max = SECTION_MAX): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = window.lastIndexOf('\n\n');
    if (cut < max / 2) cut = window.lastIndexOf('\n');
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 2) cut = max;
    out.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) out.push(rest);
  return out;
}

function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function context(text: string): SlackBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Record<string, unknown> {
  return {
    type: 'button',
    text: { type: 'plain_text', text, emoji: true },
    action_id: actionId,
    value: value.slice(0, 2000),
    ...(style ? { style } : {}),
  };
}

function textSections(markdown: string): SlackBlock[] {
  return splitText(mrkdwn(markdown)).map(section);
}

/** The link to the server's sources page for one citation, when a public base URL is known. */
export function sourceUrl(baseUrl: string | undefined, c: Citation): string | undefined {
  if (!baseUrl) return undefined;
  const base = baseUrl.replace(/\/+$/, '');
  return `${base}/sources/${encodeURIComponent(c.docId)}?lines=${c.lines[0]}-${c.lines[1]}`;
}

function where(c: Citation, lang: 'sv' | 'en'): string {
  const lines = lang === 'en' ? `lines ${c.lines[0]}–${c.lines[1]}` : `rad ${c.lines[0]}–${c.lines[1]}`;
  if (c.page === null || c.page === undefined) return lines;
  return `${lang === 'en' ? 'p.' : 's.'} ${c.page}, ${lines}`;
}

/**
 * The core's plain-text answer may end with its own list of sources ("Källor:" / "Sources:" and
 * "[n] …" lines); Slack shows the sources as linked blocks instead, so that tail is left out.
 */
export function withoutSourceList(answer: string): string {
  const m = answer.match(/\n\s*(?:\*{0,2})(?:Källor|Sources)(?:\*{0,2}):?\s*\n((?:\s*\[\d+\][^\n]*(?:\n|$))+)\s*$/);
  return m && m.index !== undefined ? answer.slice(0, m.index).trimEnd() : answer;
}

function oneLine(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The link to a cited passage (e.g. a signed one, see src/server/signed-links.ts), or undefined for none. */
export type SourceLink = (c: Citation) => string | undefined;

/** Numbered sources, each a link to the passage when a link maker (or a public base URL) is given. */
export function sourceBlocks(citations: Citation[], lang: 'sv' | 'en', link?: string | SourceLink): SlackBlock[] {
  if (citations.length === 0) return [];
  const lines = citations.map((c) => {
    const label = mrkdwn(oneLine(`${c.title}${c.section ? ` — ${c.section}` : ''}`, 150)).replace(/[|]/g, '¦');
    const url = typeof link === 'function' ? link(c) : sourceUrl(link, c);
    const name = url ? `<${url}|${label}>` : `*${label}*`;
    const quote = c.quote ? `\n> ${mrkdwn(oneLine(c.quote, 220))}` : '';
    // a passage shown after the answer as further reading (Citation.related) says so in the list too
    const further = c.related ? ` _– ${FURTHER_READING[lang]}_` : '';
    return `[${c.n}] ${name} (${where(c, lang)})${further}${quote}`;
  });
  const heading = lang === 'en' ? '*Sources*' : '*Källor*';
  const blocks: SlackBlock[] = [];
  let current = heading;
  for (const line of lines) {
    if (current.length + line.length + 1 > SECTION_MAX) {
      blocks.push(section(current));
      current = line;
    } else current += `\n${line}`;
  }
  blocks.push(section(current));
  return blocks;
}

/** Thumbs up/down, and "Behöver mer hjälp" when `handover` is set (a handover channel is configured). */
export function feedbackBlock(ref: MessageRef, lang: 'sv' | 'en', handover = false): SlackBlock {
  const value = encodeRef(ref);
  return {
    type: 'actions',
    block_id: 'brygga_feedback',
    elements: [
      button(lang === 'en' ? '👍 Helpful' : '👍 Bra svar', ACTIONS.feedbackUp, value),
      button(lang === 'en' ? '👎 Not helpful' : '👎 Dåligt svar', ACTIONS.feedbackDown, value),
      ...(handover ? [button(lang === 'en' ? '🙋 Need more help' : '🙋 Behöver mer hjälp', ACTIONS.handover, value)] : []),
    ],
  };
}

/**
 * The message "Behöver mer hjälp" posts to the handover channel: a mention of the user, the link to
 * the thread (a Slack permalink; plain text when none could be had) and the question, shortened.
 */
export function handoverNotice(o: { user?: string; link: string | null; question: string | null }): { text: string; blocks: SlackBlock[] } {
  const who = o.user ? `<@${o.user}>` : 'En användare';
  const where = o.link ? `<${o.link}|tråden>` : 'tråden (länken kunde inte hämtas)';
  const text = `${who} behöver mer hjälp än Brygga kunde ge. Svara gärna i ${where}.`;
  const blocks: SlackBlock[] = [section(`:raising_hand: ${text}`)];
  if (o.question) blocks.push(context(`*Frågan:* ${mrkdwn(oneLine(o.question, 500))}`));
  return { text: `${text}${o.question ? ` Frågan: ${oneLine(o.question, 500)}` : ''}`, blocks };
}

function cap(blocks: SlackBlock[]): SlackBlock[] {
  if (blocks.length <= MAX_BLOCKS) return blocks;
  // keep the trailing action blocks, drop from the middle
  const tail = blocks.filter((b) => b.type === 'actions');
  const head = blocks.filter((b) => b.type !== 'actions').slice(0, MAX_BLOCKS - tail.length - 1);
  return [...head, context('…'), ...tail];
}

/** A short status shown while Brygga works (the placeholder that is later updated in place). */
export function pendingBlocks(partial: string | undefined, lang: 'sv' | 'en' = 'sv'): SlackBlock[] {
  const status = context(lang === 'en' ? ':hourglass_flowing_sand: thinking…' : ':hourglass_flowing_sand: tänker…');
  if (!partial || !partial.trim()) return [status];
  return [...textSections(partial), status];
}

export function answerBlocks(result: AskResult, opts: { ref?: MessageRef; baseUrl?: string; link?: SourceLink; handover?: boolean }): SlackBlock[] {
  const lang = result.language;
  const answer = withoutSourceList(result.answer) || (lang === 'en' ? 'No answer.' : 'Inget svar.');
  const blocks: SlackBlock[] = [...textSections(answer)];
  if (result.notice) blocks.push(context(`:information_source: ${mrkdwn(result.notice)}`));
  blocks.push(...sourceBlocks(result.citations, lang, opts.link ?? opts.baseUrl));
  if (!result.answered) {
    blocks.push(
      context(
        lang === 'en'
          ? 'The sources Brygga has do not support an answer to this question.'
          : 'Brygga hittar inget stöd i källorna för ett svar på den här frågan.',
      ),
    );
  }
  if (opts.ref) blocks.push(feedbackBlock(opts.ref, lang, opts.handover));
  return cap(blocks);
}

/** Plain-text fallback (notifications, screen readers) for an answer. */
export function answerText(result: AskResult): string {
  return oneLine(withoutSourceList(result.answer), 3000);
}

function isSample(m: EnterpriseMatch): boolean {
  return m.sample === true;
}

function matchLine(m: EnterpriseMatch): string {
  const parts = [`*${m.rank}. ${mrkdwn(m.name)}*`];
  for (const r of m.reasons) parts.push(`:white_check_mark: ${mrkdwn(r)}`);
  for (const w of m.warnings) parts.push(`:warning: ${mrkdwn(w)}`);
  return parts.join('\n');
}

export function matchBlocks(
  result: MatchResult,
  opts: { ref?: MessageRef; baseUrl?: string; link?: SourceLink; shown?: number; needRef?: MessageRef },
): SlackBlock[] {
  const lang = result.need.language === 'en' ? 'en' : 'sv';
  const shown = result.matches.slice(0, opts.shown ?? MATCH_FIRST_LIMIT);
  const blocks: SlackBlock[] = [];
  if (result.matches.some(isSample)) {
    blocks.push(
      context(
        lang === 'en'
          ? ':test_tube: The registry used here is *fictional sample data*, not real enterprises.'
          : ':test_tube: Registret som används här är *fiktiva exempeldata*, inte verkliga företag.',
      ),
    );
  }
  if (result.noMatch || shown.length === 0) {
    blocks.push(section(lang === 'en' ? '*No enterprise in the registry fits the need.*' : '*Inget företag i registret passar behovet.*'));
  } else {
    blocks.push(section(lang === 'en' ? '*Possible suppliers*' : '*Möjliga leverantörer*'));
    for (const m of shown) blocks.push(...splitText(matchLine(m)).map(section));
  }
  if (result.advice) blocks.push(...textSections(result.advice));
  blocks.push(...sourceBlocks(result.citations, lang, opts.link ?? opts.baseUrl));
  if (opts.needRef) {
    const value = encodeRef(opts.needRef);
    const elements: Record<string, unknown>[] = [];
    if (result.matches.length > shown.length) elements.push(button('Visa fler', ACTIONS.matchMore, value));
    elements.push(button('Spara behovet', ACTIONS.needSave, value));
    if (!result.noMatch && result.matches.length > 0) {
      elements.push(button('Skapa inbjudan till dialog', ACTIONS.matchInvite, value, 'primary'));
    }
    blocks.push({ type: 'actions', block_id: 'brygga_match', elements });
  }
  if (opts.ref) blocks.push(feedbackBlock(opts.ref, lang));
  return cap(blocks);
}

export function matchText(result: MatchResult): string {
  if (result.noMatch || result.matches.length === 0) return 'Inget företag i registret passar behovet.';
  return `Möjliga leverantörer: ${result.matches.map((m) => m.name).join(', ')}`.slice(0, 3000);
}

/** The invitation draft: the invitation engineer's ready-made blocks when present, else our own. */
export function inviteBlocks(result: InviteResult, opts: { ref?: MessageRef; draftRef?: MessageRef }): SlackBlock[] {
  const lang = result.language;
  const ready = Array.isArray(result.slackBlocks)
    ? (result.slackBlocks.filter((b) => b && typeof b === 'object' && typeof (b as SlackBlock).type === 'string') as SlackBlock[])
    : [];
  const blocks: SlackBlock[] =
    ready.length > 0
      ? ready.filter((b) => b.type !== 'actions')
      : [
          { type: 'header', text: { type: 'plain_text', text: oneLine(result.subject || 'Inbjudan', 150), emoji: true } },
          ...textSections(result.text),
        ];
  const to = recipientsOf(result);
  if (to.length > 0) blocks.unshift(context(`*Till:* ${mrkdwn(to.join(', '))}`));
  // the core's ready-made blocks carry their own notes about what is missing and what to check; an edited draft's
  // blocks are made here, and what to check still holds
  const notes = Array.isArray(result.notes) ? (result.notes as unknown[]).filter((n): n is string => typeof n === 'string') : [];
  const check = ready.length === 0 ? notesText(notes, lang) : null;
  if (check) blocks.push(context(`:mag: ${mrkdwn(check).slice(0, 2900)}`));
  if (ready.length === 0 && result.missing.length > 0) {
    blocks.push(
      context(
        lang === 'en'
          ? `:pencil2: Still missing: ${result.missing.join(', ')}. Fill in the placeholders before sending.`
          : `:pencil2: Saknas fortfarande: ${result.missing.join(', ')}. Fyll i platshållarna innan du skickar.`,
      ),
    );
  }
  if (opts.draftRef) {
    const value = encodeRef(opts.draftRef);
    blocks.push({
      type: 'actions',
      block_id: 'brygga_invite',
      elements: [
        button('Redigera', ACTIONS.inviteEdit, value),
        button('Ladda ner .ics', ACTIONS.inviteIcs, value),
        button('Kopiera', ACTIONS.inviteCopy, value),
      ],
    });
  }
  if (opts.ref) blocks.push(feedbackBlock(opts.ref, lang));
  return cap(blocks);
}

/** The enterprises an invitation drafted from matches is for (set by the Slack adapter). */
function recipientsOf(result: InviteResult): string[] {
  const r = result.recipients;
  return Array.isArray(r) ? r.filter((x): x is string => typeof x === 'string') : [];
}

export function inviteText(result: InviteResult): string {
  return `${result.subject}\n\n${result.text}`.slice(0, 3000);
}

/** The text "Kopiera" posts: the recipients (when known), the subject and the invitation. */
export function inviteCopyText(result: InviteResult): string {
  const to = recipientsOf(result);
  return `${to.length > 0 ? `Till: ${to.join(', ')}\n` : ''}Ämne: ${result.subject}\n\n${result.text}`;
}

export function errorBlocks(message: string): SlackBlock[] {
  return [section(`:warning: ${mrkdwn(message)}`)];
}

/** Text posted in a code block ("Kopiera"): triple backticks inside would end the block early. */
export function codeBlock(text: string): string {
  return `\`\`\`\n${text.replace(/```/g, "'''")}\n\`\`\``;
}

/** The modal where a coordinator edits the draft; private_metadata carries where to write it back. */
export function editModal(draft: { subject: string; text: string }, privateMetadata: string): Record<string, unknown> {
  return {
    type: 'modal',
    callback_id: EDIT_VIEW_ID,
    private_metadata: privateMetadata,
    title: { type: 'plain_text', text: 'Redigera inbjudan' },
    submit: { type: 'plain_text', text: 'Spara' },
    close: { type: 'plain_text', text: 'Avbryt' },
    blocks: [
      {
        type: 'input',
        block_id: 'subject',
        label: { type: 'plain_text', text: 'Ämne' },
        element: { type: 'plain_text_input', action_id: 'value', initial_value: draft.subject.slice(0, 150), max_length: 150 },
      },
      {
        type: 'input',
        block_id: 'text',
        label: { type: 'plain_text', text: 'Inbjudan' },
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, initial_value: draft.text.slice(0, 3000), max_length: 3000 },
      },
    ],
  };
}
