/**
 * Questions about a document itself — who wrote it, who published or commissioned it, when it is
 * from — are answered from the document's manifest entry (title, author, publisher, commissionedBy,
 * year, date, decisionDate, validUntil), cited as the manifest, not from a passage that happens to
 * mention a name.
 */
import { audienceCanRead, type Audience, type Citation } from '../domain/types.js';
import type { DocInfo } from '../ingest/ingest.js';
import { analyze, type Lexicon } from '../retrieval/analyzer.js';
import type { SearchHit } from '../retrieval/search.js';
import { withoutTopicIdioms, type QuestionAnalysis } from '../query/analysis.js';
import type { Composed } from './extractive.js';
import { unicodeWords } from '../text/words.js';

const ABOUT_DOCUMENT = [
  unicodeWords(/\b(vem|vilka|vilken|vilket)\b[^?]*\b(skrev|skrivit|skrivits|författa\p{L}*|står bakom|gav ut|gett ut|utgivare|utgiven|publicera\p{L}*|beställ\p{L}*|uppdragsgivare|på uppdrag|upphovs\p{L}*)/iu),
  unicodeWords(/\b(när|vilket år|vilken tid)\b[^?]*\b(skrevs|skrevs|publicerades|kom (?:den|rapporten|studien|ut)|gavs ut|utgavs|skriven|publicerad|utgiven|beslutade?s?|antogs|gäller)/iu),
  unicodeWords(/\bförfattare(?:n|na)?\b/iu),
  /\b(who)\b[^?]*\b(wrote|written|authored|published|commissioned|is behind|produced)\b/iu,
  /\b(when|what year|which year)\b[^?]*\b(published|written|come out|came out|released|produced|adopted|decided)\b/iu,
  /\bauthors?\b|\bpublisher\b/iu,
];

/** Whether a question asks about a document's authorship or date rather than its content. */
export function asksAboutDocument(text: string): boolean {
  const q = withoutTopicIdioms(text);
  return ABOUT_DOCUMENT.some((re) => re.test(q));
}

/**
 * The manifest answer to a question about a document, or null when the question is not one. The
 * document is the one whose title shares most terms with the question, else the best passage's.
 */
export function documentFacts(a: QuestionAnalysis, hits: SearchHit[], docs: DocInfo[], audience: Audience): Composed | null {
  if (!asksAboutDocument(a.text)) return null;
  const readable = docs.filter((d) => audienceCanRead(audience, d.access));
  if (!readable.length) return null;
  const q = new Set([...a.terms.core, ...a.terms.expanded]);
  const scored = readable
    .map((d) => ({ d, overlap: analyze(`${d.title} ${d.author ?? ''} ${d.publisher ?? ''}`).filter((t) => q.has(t)).length }))
    .sort((x, y) => y.overlap - x.overlap);
  const byHit = hits.length ? readable.find((d) => d.docId === hits[0].chunk.docId) : undefined;
  const doc = scored[0].overlap >= 2 || !byHit ? scored[0].d : byHit;
  if (!doc) return null;
  const en = a.language === 'en';
  const facts: string[] = [];
  const add = (sv: string, eng: string, v: unknown) => {
    if (v !== undefined && v !== null && v !== '') facts.push(`${en ? eng : sv}: ${v}`);
  };
  add('författare', 'author', doc.author);
  add('utgivare', 'publisher', doc.publisher);
  add('på uppdrag av', 'commissioned by', doc.commissionedBy);
  add('år', 'year', doc.year !== undefined ? `${doc.year}${doc.yearNote ? (en ? ' (inferred from the text, not stated)' : ' (slutsats av texten, anges inte)') : ''}` : undefined);
  add('datum', 'date', doc.date);
  add('beslutad', 'decided', doc.decisionDate);
  add('gäller till', 'valid until', doc.validUntil);
  if (!facts.length) return null;
  const quote = `${doc.title} – ${facts.join('; ')}`;
  const citation: Citation = { n: 1, docId: doc.docId, title: doc.title, section: en ? 'Document details (manifest)' : 'Dokumentuppgifter (manifest)', lines: [1, 1], page: null, quote };
  const answer = en
    ? `According to the document details in the knowledge base's manifest:\n\n”${quote}” [1]\n\nSources:\n[1] ${doc.title}, document details (manifest)`
    : `Enligt dokumentuppgifterna i kunskapsbankens manifest:\n\n”${quote}” [1]\n\nKällor:\n[1] ${doc.title}, dokumentuppgifter (manifest)`;
  return { outcome: 'answer', answered: true, answer, citations: [citation], confidence: 1 };
}

/** words for a document as such ("rapporten", "bilderna", "the study"): an attribution names one */
const DOCUMENT_WORDS = 'rapport rapporten rapportens studie studien studiens bilder bilderna bildspel presentation presentationen riktlinje riktlinjen dokument dokumentet insiktsrapport insiktsrapporten fallstudie fallstudierna slutrapport report study slides presentation guideline document';

/**
 * The analyzed terms that name the indexed documents: their titles, authors and publishers (from the
 * manifests), and words for a document as such. Read by the question analysis for attributions
 * ("enligt SKR-rapporten", "according to Högberg's slides"), `Retriever.sourceTerms`.
 */
export function sourceTermsOf(docs: DocInfo[], lexicon?: Lexicon): Set<string> {
  const text = docs.map((d) => [d.title, d.author, d.publisher, d.commissionedBy].filter(Boolean).join(' ')).join(' ');
  return new Set(analyze(`${text} ${DOCUMENT_WORDS}`, { lexicon }));
}
