/**
 * The feedback loop, computed from stored conversations (already redacted by the store): questions
 * Brygga could not answer or answered only with the closest passages, grouped by similar wording;
 * the most-asked questions; thumbs-down answers with their comments. Pure functions over
 * `Store.exchanges()` rows, so the HTTP routes, pages and CSV export show the same figures.
 */
import { stringify } from 'csv-stringify/sync';
import { isStopword, QUESTION_WORDS, stem, tokenize } from '../retrieval/analyzer.js';
import type { Channel, Exchange } from '../storage/store.js';

/**
 * What an answer gave the user: `answered` (a direct answer), `passages` (not an answer, but the
 * closest passages as citations), `not_found` (nothing). A stored `outcome` wins; otherwise it is
 * derived from `answered` and the number of citations (issue 12's three outcomes).
 */
export type Outcome = 'answered' | 'passages' | 'not_found';

/** A question with its answer's outcome, channel and audience. */
export interface AskedQuestion {
  question: string;
  channel: Channel;
  audience: string;
  outcome: Outcome;
  at: string;
  answerId: string;
  sessionId: string;
}

export interface QuestionGroup {
  /** the most frequent wording in the group (the first seen on a tie) */
  question: string;
  /** other wordings, most frequent first (at most 10) */
  variants: string[];
  count: number;
  byChannel: Record<string, number>;
  byAudience: Record<string, number>;
  byOutcome: Partial<Record<Outcome, number>>;
  /** ISO time of the latest question in the group */
  lastAskedAt: string;
}

export function outcomeOf(meta: Record<string, unknown> | null): Outcome | null {
  if (!meta || typeof meta.answered !== 'boolean') return null; // not a question (a match, an invitation)
  if (meta.outcome === 'answered' || meta.outcome === 'passages' || meta.outcome === 'not_found') return meta.outcome;
  if (meta.answered) return 'answered';
  const cites = meta.citations;
  return Array.isArray(cites) && cites.length > 0 ? 'passages' : 'not_found';
}

/**
 * The audience a question was asked with: the stored one when the channel recorded it; the web
 * channel is always `public`; otherwise "okänd".
 */
export function audienceOf(e: Pick<Exchange, 'channel' | 'answerMeta' | 'questionMeta'>): string {
  const stored = e.answerMeta?.audience ?? e.questionMeta?.audience;
  if (typeof stored === 'string') return stored;
  return e.channel === 'web' ? 'public' : 'okänd';
}

/** The questions among the exchanges (answers to matching or invitations are left out). */
export function questionsOf(exchanges: Exchange[]): AskedQuestion[] {
  const out: AskedQuestion[] = [];
  for (const e of exchanges) {
    const outcome = outcomeOf(e.answerMeta);
    if (!outcome || !e.question) continue;
    out.push({ question: e.question, channel: e.channel, audience: audienceOf(e), outcome, at: e.at, answerId: e.answerId, sessionId: e.sessionId });
  }
  return out;
}

/**
 * The content of a question as a set of Swedish stems: lower case, question words and stopwords
 * removed (the retrieval analyzer's lists), Snowball-stemmed. "Vad är ett socialt företag?" and
 * "vad är sociala företag" give the same set.
 */
export function wordingKey(question: string): string[] {
  const stems = new Set<string>();
  for (const tok of tokenize(question.toLowerCase())) {
    if (QUESTION_WORDS.has(tok) || isStopword(tok)) continue;
    stems.add(stem(tok));
  }
  return [...stems].sort();
}

function jaccard(a: string[], b: string[]): number {
  if (!a.length && !b.length) return 1;
  const sb = new Set(b);
  let inter = 0;
  for (const x of a) if (sb.has(x)) inter++;
  return inter / (a.length + b.length - inter);
}

/** Two wordings belong together when their stem sets overlap at least this much (Jaccard). */
export const SIMILAR_WORDING = 0.6;

/**
 * Groups questions by similar wording: each question joins the first group whose first question's
 * stem set has a Jaccard similarity ≥ SIMILAR_WORDING with its own, else starts a group. Groups are
 * sorted by count (desc), then by the latest question.
 */
export function groupQuestions(questions: AskedQuestion[]): QuestionGroup[] {
  type G = { key: string[]; items: AskedQuestion[] };
  const groups: G[] = [];
  // oldest first, so the first wording of a group is stable as new questions arrive
  for (const q of [...questions].sort((a, b) => a.at.localeCompare(b.at))) {
    const key = wordingKey(q.question);
    const g = groups.find((x) => jaccard(x.key, key) >= SIMILAR_WORDING && (key.length > 0 || x.key.length === 0));
    if (g) g.items.push(q);
    else groups.push({ key, items: [q] });
  }
  return groups
    .map((g) => {
      const wordings = new Map<string, number>();
      const byChannel: Record<string, number> = {};
      const byAudience: Record<string, number> = {};
      const byOutcome: Partial<Record<Outcome, number>> = {};
      let last = '';
      for (const q of g.items) {
        const w = q.question.trim().replace(/\s+/g, ' ');
        wordings.set(w, (wordings.get(w) ?? 0) + 1);
        byChannel[q.channel] = (byChannel[q.channel] ?? 0) + 1;
        byAudience[q.audience] = (byAudience[q.audience] ?? 0) + 1;
        byOutcome[q.outcome] = (byOutcome[q.outcome] ?? 0) + 1;
        if (q.at > last) last = q.at;
      }
      const ranked = [...wordings.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
      return { question: ranked[0]!, variants: ranked.slice(1, 11), count: g.items.length, byChannel, byAudience, byOutcome, lastAskedAt: last };
    })
    .sort((a, b) => b.count - a.count || b.lastAskedAt.localeCompare(a.lastAskedAt));
}

/** Questions that were not answered or only got the closest passages, grouped. */
export function unanswered(exchanges: Exchange[]): QuestionGroup[] {
  return groupQuestions(questionsOf(exchanges).filter((q) => q.outcome !== 'answered'));
}

/** All questions, grouped, most asked first. */
export function mostAsked(exchanges: Exchange[], limit = 50): QuestionGroup[] {
  return groupQuestions(questionsOf(exchanges)).slice(0, limit);
}

export interface CitedPassage {
  n: number | null;
  docId: string;
  title: string | null;
  lines: [number, number] | null;
  /** the passage's text (from the document), shortened to 600 characters; null when unavailable */
  text: string | null;
}

export interface FeedbackItem {
  at: string;
  channel: Channel;
  rating: 'up' | 'down';
  comment: string | null;
  question: string | null;
  answer: string;
  answerId: string;
  citations: CitedPassage[];
}

/** Looks up a passage's title and text: (docId, lines) → {title, text} or null. */
export type PassageLookup = (docId: string, lines: [number, number] | null) => { title: string; text: string | null } | null;

function citedPassages(meta: Record<string, unknown> | null, lookup: PassageLookup): CitedPassage[] {
  const raw = Array.isArray(meta?.citations) ? (meta!.citations as unknown[]) : [];
  return raw.flatMap((c): CitedPassage[] => {
    // the web and Teams store {n, docId, lines}; Slack stores the docId alone
    const o = typeof c === 'string' ? { docId: c } : (c as { n?: unknown; docId?: unknown; lines?: unknown });
    if (!o || typeof o.docId !== 'string') return [];
    const lines = Array.isArray(o.lines) && o.lines.length === 2 ? ([Number(o.lines[0]), Number(o.lines[1])] as [number, number]) : null;
    const found = lookup(o.docId, lines);
    return [{ n: typeof o.n === 'number' ? o.n : null, docId: o.docId, title: found?.title ?? null, lines, text: found?.text ?? null }];
  });
}

/** Thumbs-down feedback (every rating with `ratings: 'all'`), newest first, with question and cited passages. */
export function feedbackList(exchanges: Exchange[], lookup: PassageLookup, ratings: 'down' | 'all' = 'down'): FeedbackItem[] {
  const out: FeedbackItem[] = [];
  for (const e of exchanges) {
    for (const f of e.feedback) {
      if (ratings === 'down' && f.rating !== 'down') continue;
      out.push({
        at: f.at,
        channel: e.channel,
        rating: f.rating,
        comment: f.comment,
        question: e.question,
        answer: e.answer,
        answerId: e.answerId,
        citations: citedPassages(e.answerMeta, lookup),
      });
    }
  }
  return out.sort((a, b) => b.at.localeCompare(a.at));
}

/**
 * CSV (RFC 4180, comma, CRLF, UTF-8 with BOM so that Excel reads å/ä/ö). Cells that a spreadsheet
 * would run as a formula (starting with = + - @ tab or CR, OWASP "CSV injection") get a leading '.
 */
export function toCsv(header: string[], rows: Array<Array<string | number | null>>): string {
  const safe = (v: string | number | null) => {
    if (v === null) return '';
    const s = String(v);
    return typeof v === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  };
  return '\uFEFF' + stringify([header, ...rows.map((r) => r.map(safe))], { record_delimiter: 'windows' });
}

const counts = (o: Record<string, number | undefined>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');

export function groupsCsv(groups: QuestionGroup[]): string {
  return toCsv(
    ['fråga', 'antal', 'kanaler', 'målgrupper', 'utfall', 'senast', 'andra formuleringar'],
    groups.map((g) => [g.question, g.count, counts(g.byChannel), counts(g.byAudience), counts(g.byOutcome), g.lastAskedAt, g.variants.join(' | ')]),
  );
}

export function feedbackCsv(items: FeedbackItem[]): string {
  return toCsv(
    ['tid', 'kanal', 'betyg', 'kommentar', 'fråga', 'svar', 'källor'],
    items.map((f) => [
      f.at,
      f.channel,
      f.rating,
      f.comment,
      f.question,
      f.answer,
      f.citations.map((c) => `${c.title ?? c.docId}${c.lines ? ` rad ${c.lines[0]}–${c.lines[1]}` : ''}`).join(' | '),
    ]),
  );
}

/**
 * The UTC instant at which a calendar day starts in Europe/Stockholm (where the municipality's
 * staff read dates), as ISO 8601. `day` is YYYY-MM-DD. The offset (CET +1 / CEST +2) is taken
 * from the platform's time-zone database through Intl.
 */
export function stockholmDayStart(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  const offsetAt = (t: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
        .formatToParts(new Date(t))
        .map((p) => [p.type, p.value]),
    );
    return Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!) - t;
  };
  let t = guess - offsetAt(guess);
  t = guess - offsetAt(t); // the offset at the day's start itself (DST changes happen at 01:00 UTC)
  return new Date(t).toISOString();
}
