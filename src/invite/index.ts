/**
 * Drafting invitations to dialogue meetings. `createInviter` reads the request, composes the
 * invitation from the co-creation method in the reports, renders it for every channel, and —
 * when a retriever is given — cites the passages the method rests on. An optional LLM may polish
 * the wording; its text is used only when it adds no fact and keeps every placeholder.
 */
import { InputError, MAX_QUESTION_CHARS, type Chunk, type Citation, type InviteResult } from '../domain/types.js';
import { compose, formatDate, formatTime, toMarkdown, toPlainText, type Draft } from './compose.js';
import { parseIso, todayInStockholm } from './dates.js';
import { addedFacts } from './facts.js';
import { citeMethod } from './method.js';
import { parseInviteRequest, withoutControlCharacters, type ParsedInvite } from './parse.js';
import { adaptiveCard, buildIcs, missingText, slackBlocks } from './render.js';

export { parseInviteRequest } from './parse.js';
export type { ParsedInvite } from './parse.js';

export interface InviteDeps {
  /** the core retriever, for method citations */
  retrieve?: (query: string, k: number) => Promise<Array<{ chunk: Chunk; score: number }>>;
  /** optional LLM polish; never adds facts */
  complete?: (promptName: string, vars: Record<string, string>) => Promise<string | null>;
  /** clock for DTSTAMP in the calendar file (tests) */
  now?: () => Date;
  /** words a request typed without å/ä/ö may mean (the reports' spellings, see corpusSpellings) */
  known?: () => ReadonlySet<string>;
}

export interface DraftOptions {
  /** reference date for relative dates, YYYY-MM-DD (default: today in Europe/Stockholm) */
  today?: string;
}

export const INVITE_POLISH_PROMPT = 'invite-polish';

export function validateInviteRequest(raw: unknown, today?: unknown): { request: string; today: string } {
  // a stray control character is a space (see withoutControlCharacters); a request of nothing else is empty
  const request = typeof raw === 'string' ? withoutControlCharacters(raw) : raw;
  if (typeof request !== 'string' || !request.trim()) throw new InputError('Beskriv vilken inbjudan du vill ha: målgrupp, syfte, datum, tid och plats.', 'empty');
  if (request.length > MAX_QUESTION_CHARS) throw new InputError(`Förfrågan är för lång (${request.length} tecken, högst ${MAX_QUESTION_CHARS}).`, 'too_long');
  let t = todayInStockholm();
  if (today !== undefined && today !== null) {
    if (typeof today !== 'string' || !parseIso(today)) throw new InputError('Datumet för "idag" måste skrivas ÅÅÅÅ-MM-DD.', 'invalid_today');
    t = today;
  }
  return { request: request.trim(), today: t };
}

export function createInviter(deps: InviteDeps = {}): { draft(request: string, opts?: DraftOptions): Promise<InviteResult> } {
  return {
    async draft(request: string, opts: DraftOptions = {}): Promise<InviteResult> {
      const input = validateInviteRequest(request, opts.today);
      const parsed = parseInviteRequest(input.request, input.today, deps.known?.());
      const draft = compose(parsed);
      const lang = parsed.language;
      let text = toPlainText(draft);
      let mode: 'template' | 'llm' = 'template';
      let notice: string | undefined;
      if (deps.complete) {
        const polished = await polish(deps.complete, draft, text, parsed);
        if (polished.text) {
          text = polished.text;
          mode = 'llm';
        } else if (polished.rejected) {
          notice = lang === 'en' ? 'The language model’s version added facts and was not used.' : 'Språkmodellens version lade till uppgifter och användes inte.';
        }
      }
      let citations: Citation[] = [];
      if (deps.retrieve) citations = await citeMethod(deps.retrieve, draft.points);
      const contact = [parsed.contact.name, parsed.contact.email, parsed.contact.phone].filter(Boolean).join(', ') || null;
      const ics = parsed.date && parsed.start ? calendar(parsed, draft, deps.now?.()) : undefined;
      const notes = [...parsed.notes, ...adviceFor(parsed)];
      const result: InviteResult = {
        language: lang,
        audience: parsed.audienceLabel ?? (parsed.audiences.join(', ') || (lang === 'en' ? 'not stated' : 'ej angiven')),
        audiences: parsed.audiences,
        tone: parsed.tone,
        fields: {
          date: parsed.date?.iso ?? null,
          start: parsed.start,
          end: parsed.end,
          place: placeField(parsed.place, input.request),
          online: parsed.online,
          rsvpBy: parsed.rsvp.by?.iso ?? null,
          contact,
          link: parsed.link,
          platform: parsed.platform,
          yearGiven: parsed.date?.yearGiven ?? false,
          durationMinutes: parsed.durationMinutes,
          capacity: parsed.capacity,
          registrationLink: parsed.registrationLink,
          host: parsed.host,
          wishes: parsed.wishes,
          flaggedDates: parsed.flaggedDates,
        },
        missing: draft.missing,
        subject: draft.subject,
        text,
        markdown: toMarkdown(draft),
        ...(ics ? { ics } : {}),
        // (the sender sees what to check where they work: Slack and Teams show the notes under the draft)
        slackBlocks: slackBlocks(draft, lang, citations, notes),
        adaptiveCard: adaptiveCard(draft, lang, citations, parsed.link, notes),
        citations,
        notes,
        mode,
        ...(notice ? { notice } : {}),
      };
      return result;
    },
  };
}

/** Advice to the person sending, from the reports, never part of the invitation itself. */
function adviceFor(p: ParsedInvite): string[] {
  const out: string[] = [];
  const en = p.language === 'en';
  if (p.online && !p.place) {
    out.push(en
      ? 'The Helsingborg study notes that physical meetings build relationships and are more accessible to people who find digital tools hard; consider also offering a physical option.'
      : 'Helsingborgsstudien lyfter att fysiska möten främjar relationer och är mer tillgängliga för den som har svårt med digitala verktyg; överväg att också erbjuda ett fysiskt alternativ.');
  }
  // a party has no outcome to report back on
  if (!p.followUp && !p.celebration) {
    out.push(en
      ? 'Say what happens after the meeting (e.g. whether participants get feedback) – only you can promise that.'
      : 'Skriv vad som händer efter mötet (t.ex. om deltagarna får återkoppling) – det kan bara du lova.');
  }
  return out;
}

function calendar(p: ParsedInvite, d: Draft, now?: Date): string {
  const lang = p.language;
  const location = p.place
    ? p.online ? `${p.place} / ${p.platform ?? (lang === 'en' ? 'online' : 'digitalt')}` : p.place
    : p.online ? p.platform ?? (lang === 'en' ? 'Online' : 'Digitalt') : null;
  const why = d.sections[1]?.paragraphs[0] ?? '';
  const contact = [p.contact.name, p.contact.email, p.contact.phone].filter(Boolean).join(', ');
  const description = [why, contact ? `${lang === 'en' ? 'Contact' : 'Kontakt'}: ${contact}` : ''].filter(Boolean).join('\n');
  return buildIcs({
    date: p.date!.iso,
    start: p.start!,
    end: p.end,
    summary: d.subject,
    location,
    description,
    url: p.link,
    organizer: p.contact.email ? { name: p.contact.name, email: p.contact.email } : null,
    tentative: p.dateTentative,
    now,
  });
}

const NAME_WORD = /(?<![.!?:\n]\s|^)\b[A-ZÅÄÖ][a-zåäöé]{2,}\b/g;

async function polish(
  complete: NonNullable<InviteDeps['complete']>,
  draft: Draft,
  text: string,
  p: ParsedInvite,
): Promise<{ text: string | null; rejected: boolean }> {
  let out: string | null = null;
  try {
    out = await complete(INVITE_POLISH_PROMPT, {
      draft: text,
      language: p.language,
      tone: p.tone,
      missing: missingText(draft.missing, p.language) ?? '',
      date: p.date ? formatDate(p.date, p.language) : '',
      time: formatTime(p, p.language) ?? '',
    });
  } catch {
    return { text: null, rejected: false };
  }
  if (!out || !out.trim()) return { text: null, rejected: false };
  const candidate = out.trim() + '\n';
  if (addedFacts(text, candidate).length) return { text: null, rejected: true };
  // no new proper names (speakers, partners, companies)
  const known = new Set(text.match(NAME_WORD) ?? []);
  const fresh = (candidate.match(NAME_WORD) ?? []).filter((w) => !known.has(w) && !text.includes(w));
  if (fresh.length) return { text: null, rejected: true };
  return { text: candidate, rejected: false };
}

/**
 * The place as a field: the venue's name as the request writes it. A place resolved from "hos dem" to
 * the invited person's organisation ("hos Kompassrosens Återbruksförening") is the organisation's name,
 * which the request holds; the text still says "hos …".
 */
export function placeField(place: string | null, request: string): string | null {
  if (!place || request.includes(place)) return place;
  const name = place.replace(/^(hos|at)\s+/i, '');
  return request.includes(name) ? name : place;
}
