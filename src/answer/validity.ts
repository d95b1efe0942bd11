/**
 * Policies' validity in answers. A manifest entry may carry `decidedBy`, `decisionDate` and
 * `validUntil` (YYYY-MM-DD, inclusive: the policy is valid through that day, Europe/Stockholm).
 *
 * - `dropExpired(hits, docs, opts)`: the filter step between retrieval and composing. Passages of a
 *   document past its `validUntil` are left out (default), so an expired policy is never quoted as
 *   current; with `expired: 'mark'` they stay and `annotateCitations` marks them.
 * - `annotateCitations(citations, docs, opts)`: adds who decided, when and until when to every
 *   citation of a document that has those fields, and `expired: true` past `validUntil`.
 * - `policyNote(citation, lang)`: the line channels show under such a citation:
 *   "Beslutad av Kommunfullmäktige 2025-03-18 · gäller till 2027-12-31", or "… · gällde till 2024-12-31".
 *
 * Where to call them (assistant.ts `prepare`): `hits = dropExpired(hits, docsById)` right after
 * `retriever.search(...)`, and `citations = annotateCitations(composed.citations, docsById)` on the
 * composed (and the LLM's) citations. Documents without `validUntil` are never affected.
 */
import type { Citation, DocumentMeta, Language } from '../domain/types.js';
import { todayInStockholm } from '../domain/time.js';

export type DocsById = ReadonlyMap<string, Pick<DocumentMeta, 'decidedBy' | 'decisionDate' | 'validUntil' | 'publisher' | 'kind'>>;

export interface ValidityOptions {
  /** the day to judge validity on, YYYY-MM-DD (default: today in Europe/Stockholm) */
  today?: string;
  /** 'omit' (default): expired documents are left out; 'mark': kept and marked expired */
  expired?: 'omit' | 'mark';
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** true when the document has a valid `validUntil` (YYYY-MM-DD) before `today` */
export function isExpired(meta: Pick<DocumentMeta, 'validUntil'> | undefined, today: string = todayInStockholm()): boolean {
  const until = meta?.validUntil?.trim();
  if (!until || !ISO_DAY.test(until)) return false;
  return until < today; // ISO dates compare as strings
}

/** A map docId → metadata, from the index's documents. */
export function docsById<T extends { docId: string } & Pick<DocumentMeta, 'decidedBy' | 'decisionDate' | 'validUntil' | 'publisher' | 'kind'>>(docs: Iterable<T>): DocsById {
  return new Map([...docs].map((d) => [d.docId, d]));
}

/** The filter step: passages of expired documents are left out (unless `expired: 'mark'`). Order is kept. */
export function dropExpired<T extends { chunk: { docId: string } }>(hits: T[], docs: DocsById, opts: ValidityOptions = {}): T[] {
  if (opts.expired === 'mark') return hits;
  const today = opts.today ?? todayInStockholm();
  return hits.filter((h) => !isExpired(docs.get(h.chunk.docId), today));
}

/** Adds decidedBy / decisionDate / validUntil / expired to citations of documents that have them. */
export function annotateCitations(citations: Citation[], docs: DocsById, opts: ValidityOptions = {}): Citation[] {
  const today = opts.today ?? todayInStockholm();
  return citations.map((c) => {
    const d = docs.get(c.docId);
    if (!d || !(d.decisionDate || d.validUntil || d.decidedBy)) return c;
    const decidedBy = d.decidedBy ?? (d.kind === 'policy' ? d.publisher : undefined);
    return {
      ...c,
      ...(decidedBy ? { decidedBy } : {}),
      ...(d.decisionDate ? { decisionDate: d.decisionDate } : {}),
      ...(d.validUntil ? { validUntil: d.validUntil } : {}),
      ...(isExpired(d, today) ? { expired: true } : {}),
    };
  });
}

/** The line shown under a policy citation; null for citations without decision data. */
export function policyNote(c: Pick<Citation, 'decidedBy' | 'decisionDate' | 'validUntil' | 'expired'>, lang: Language = 'sv'): string | null {
  const parts: string[] = [];
  const sv = lang === 'sv';
  if (c.decidedBy || c.decisionDate) {
    parts.push(
      sv
        ? ['Beslutad', c.decidedBy ? `av ${c.decidedBy}` : '', c.decisionDate ?? ''].filter(Boolean).join(' ')
        : ['Decided', c.decidedBy ? `by ${c.decidedBy}` : '', c.decisionDate ? `on ${c.decisionDate}` : ''].filter(Boolean).join(' '),
    );
  }
  if (c.validUntil) parts.push(c.expired ? (sv ? `gällde till ${c.validUntil}` : `was valid until ${c.validUntil}`) : sv ? `gäller till ${c.validUntil}` : `valid until ${c.validUntil}`);
  return parts.length ? parts.join(' · ') : null;
}

/**
 * The answer text with each policy citation's note ("Beslutad av Kommunstyrelsen 2024-03-12 · gäller
 * till 2027-12-31", `policyNote`) after its line in the source list ("[2] Titel, avsnitt, rad 3–7"),
 * so that a channel that shows only the text (the CLI, a plain chat message) says it too.
 */
export function withPolicyNotes(answer: string, citations: Citation[], lang: Language = 'sv'): string {
  let out = answer;
  for (const c of citations) {
    const note = policyNote(c, lang);
    if (!note) continue;
    out = out.replace(new RegExp(`^(\\[${c.n}\\] .*)$`, 'm'), `$1 (${note})`);
  }
  return out;
}
