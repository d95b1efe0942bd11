/**
 * Questions about a document itself — who wrote it, who published or commissioned it, when it is
 * from — are answered from the document's manifest entry (title, author, publisher, commissionedBy,
 * year, date, decisionDate, validUntil), cited as the manifest, not from a passage that happens to
 * mention a name.
 */
import { audienceCanRead, type Audience, type Chunk, type Citation, type Language } from '../domain/types.js';
import type { DocInfo } from '../ingest/ingest.js';
import { analyze, type Lexicon } from '../retrieval/analyzer.js';
import type { SearchHit } from '../retrieval/search.js';
import { withoutTopicIdioms, type QuestionAnalysis } from '../query/analysis.js';
import { sourceLine, type Composed } from './extractive.js';
import { sentenceTexts } from './passages.js';
import { unicodeWords } from '../text/words.js';

/** who wrote, published or commissioned it (the document's own sentence naming its author is quoted beside the manifest) */
const ASKS_AUTHOR = [
  unicodeWords(/\b(vem|vilka|vilken|vilket)\b[^?]*\b(skrev|skrivit|skrivits|författa\p{L}*|står bakom|gav ut|gett ut|utgivare|utgiven|publicera\p{L}*|beställ\p{L}*|uppdragsgivare|på uppdrag|upphovs\p{L}*)/iu),
  unicodeWords(/\bförfattare(?:n|na)?\b/iu),
  // "Vem gjorde bilderna …?", "Who made the slides?": making a document is writing it
  unicodeWords(/\b(vem|vilka)\b[^?]*\b(gjorde|gjort|tog fram|tagit fram|höll|sammanställ\p{L}*)\b[^?]*\b(rapport\p{L}*|studie\p{L}*|bild(?:er|erna|spel\p{L}*)|presentation\p{L}*|utvärdering\p{L}*|dokument\p{L}*|riktlinje\p{L}*)/iu),
  /\b(who)\b[^?]*\b(made|created|prepared|gave|put together)\b[^?]*\b(report|study|slides?|presentation|evaluation|document|guideline)/iu,
  /\b(who)\b[^?]*\b(wrote|written|authored|published|commissioned|is behind|produced)\b/iu,
  /\bauthors?\b|\bpublisher\b/iu,
];
/** when it was written, published or decided */
const ASKS_DATE = [
  unicodeWords(/\b(när|vilket år|vilken tid)\b[^?]*\b(skrevs|skrevs|publicerades|kom (?:den|rapporten|studien|ut)|gavs ut|utgavs|skriven|publicerad|utgiven|beslutade?s?|antogs|gäller)/iu),
  /\b(when|what year|which year)\b[^?]*\b(published|written|come out|came out|released|produced|adopted|decided)\b/iu,
];
const ABOUT_DOCUMENT = [...ASKS_AUTHOR, ...ASKS_DATE];

/** Whether a question asks about a document's authorship or date rather than its content. */
export function asksAboutDocument(text: string): boolean {
  const q = withoutTopicIdioms(text);
  return ABOUT_DOCUMENT.some((re) => re.test(q));
}

/** a sentence that speaks of writing or making the document ("Jag som skrivit den här rapporten heter …", "Källa: X:s tolkning av …") */
const AUTHORSHIP_WORDS = unicodeWords(/\b(skriv\p{L}*|skrev|författ\p{L}*|tolkning|utvärdering\p{L}*|sammanställ\p{L}*|genomför\p{L}*|utför\p{L}*|rapport\p{L}*|studie\p{L}*|presentation\p{L}*)/iu);

/**
 * The first sentence of a document's own text that names its author: a word of the manifest's
 * `author` (capitalized, ≥ 3 letters, e.g. "Faugert", "Caroline") together with a word of writing or
 * making (AUTHORSHIP_WORDS), else the first sentence with such a name; never a reference to another work
 * (CITES_A_WORK). Null when the text never names
 * the author. `chunks`: the index's passages (any order; the document's are read in line order).
 */
export function authorStatement(doc: DocInfo, chunks: readonly Chunk[]): Citation | null {
  // the name itself, not what the manifest adds about the author ("(Flexit-forskare, Helsingborgs stad)")
  const names = (doc.author ?? '').split(/[(;]/)[0].match(/\p{Lu}[\p{L}]{2,}/gu)?.filter((n) => !/^(Co|AB|Och|And)$/.test(n)) ?? [];
  if (!names.length) return null;
  const own = chunks.filter((c) => c.docId === doc.docId).sort((x, y) => x.lines[0] - y.lines[0]);
  let first: Citation | null = null;
  for (const chunk of own) {
    for (const s of sentenceTexts(chunk)) {
      // a bibliography entry names the author of another work ("… av Tillmar, …, Högberg … (2018), http…")
      if (!names.some((n) => s.text.includes(n)) || CITES_A_WORK.test(s.text)) continue;
      const citation: Citation = { n: 2, docId: doc.docId, title: doc.title, section: chunk.section, lines: s.lines, page: chunk.page, quote: around(s.text, names) };
      if (AUTHORSHIP_WORDS.test(s.text)) return citation;
      first ??= citation;
    }
  }
  return first;
}

/** a reference to another work: a year in parentheses or a link */
const CITES_A_WORK = /\(\d{4}\)|https?:\/\//;

/** a long sentence (a caption run into footnotes) quoted around the name: ≤ 8 words before, ≤ 12 after, each cut marked "…" */
function around(text: string, names: string[]): string {
  const words = text.split(/\s+/);
  if (words.length <= 30) return text;
  const at = words.findIndex((w) => names.some((n) => w.includes(n)));
  const from = Math.max(0, at - 8);
  const to = Math.min(words.length, at + 13);
  return `${from > 0 ? '… ' : ''}${words.slice(from, to).join(' ')}${to < words.length ? ' …' : ''}`;
}

/** a kind of work that is not a report, a study, a guideline or a slide deck: what a document cites, not the document */
const OTHER_WORK = /(?<![\p{L}])(handbok\p{L}*|handböcker\p{L}*|bok(?:en)?|böcker(?:na)?|manual(?:en)?|guide(?:n)?|avhandling\p{L}*|artikel(?:n)?|lag(?:en)?|förordning\p{L}*|handbook|book|manual|guidebook|thesis|dissertation|article|act|law)(?![\p{L}])/iu;

/**
 * The manifest answer to a question about a document, or null when the question is not one. The
 * document is the one whose title shares most terms with the question (at least two; of several that
 * share as many, the best passage's), else the best passage's; null when that is undecided or the
 * question names a year the document is not from. A
 * question about who wrote it also quotes the document's own sentence that names the author
 * (`authorStatement`), when `chunks` are given and the text has one.
 */
export function documentFacts(a: QuestionAnalysis, hits: SearchHit[], docs: DocInfo[], audience: Audience, chunks: readonly Chunk[] = [], answerLanguage: Language = a.language): Composed | null {
  if (!asksAboutDocument(a.text)) return null;
  const readable = docs.filter((d) => audienceCanRead(audience, d.access));
  if (!readable.length) return null;
  const q = new Set([...a.terms.core, ...a.terms.expanded]);
  const scored = readable
    .map((d) => ({ d, overlap: analyze(`${d.title} ${d.author ?? ''} ${d.publisher ?? ''}`).filter((t) => q.has(t)).length }))
    .sort((x, y) => y.overlap - x.overlap);
  const byHit = hits.length ? readable.find((d) => d.docId === hits[0].chunk.docId) : undefined;
  // titles that share as many terms with the question do not say which one it means: the best passage's
  // document if it is one of them, else none (the passages answer)
  const tied = scored.filter((s) => s.overlap === scored[0].overlap).map((s) => s.d);
  const one = tied.length === 1 ? tied[0] : (tied.find((d) => d === byHit) ?? null);
  const doc = scored[0].overlap >= 2 ? one : (byHit ?? one);
  if (!doc) return null;
  // a year the question names that the document is not from: it asks about another work (one the
  // document cites, "Helix-rapporten … från 2018"), which the passages may answer
  if (a.years.length && doc.year !== undefined && doc.year !== null && !a.years.includes(String(doc.year))) return null;
  // what the question names besides asking for an author or a date must mostly name this document (more than half of its terms): "När kom
  // den första Oslomanualen?" and "Vilken finansiär står bakom Flexit?" ask about something else
  const meta = new Set(analyze(`${doc.title} ${doc.author ?? ''} ${doc.publisher ?? ''} ${doc.commissionedBy ?? ''} ${doc.year ?? ''}`));
  const asking = askingTerms();
  const named = a.terms.core.filter((t) => !asking.has(t) && !/^\d+$/.test(t));
  // the question's terms hold compound parts ("strukturfond", "projek" of "Strukturfondsprojekt"); the title's are whole words
  const inMeta = (t: string) => meta.has(t) || (t.length >= 4 && [...meta].some((m) => m.length > t.length && m.includes(t)));
  const namesDoc = (t: string) => inMeta(t) || (a.terms.alternatives.get(t) ?? []).some(inMeta);
  if (named.length && named.filter(namesDoc).length * 2 <= named.length) return null;
  // a work of another kind than the document ("Vad heter SKR:s handbok om … och när kom den?" of a report by SKR)
  // is one the document cites: the passages answer
  const otherWork = OTHER_WORK.exec(a.text);
  if (otherWork && !new RegExp(`(?<![\\p{L}])${otherWork[1]!.slice(0, 5)}`, 'iu').test(`${doc.title} ${doc.kind ?? ''}`)) return null;
  const en = answerLanguage === 'en';
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
  // asked when, and the manifest gives no year or date: say so rather than answer something else
  if (ASKS_DATE.some((re) => re.test(withoutTopicIdioms(a.text))) && (doc.year === undefined || doc.year === null) && !doc.date && !doc.decisionDate)
    facts.push(en ? 'year: not given in the document details' : 'år: anges inte i dokumentuppgifterna');
  if (!facts.length) return null;
  const quote = `${doc.title} – ${facts.join('; ')}`;
  const citation = manifestCitation(doc, 1, quote, answerLanguage);
  const q2 = withoutTopicIdioms(a.text);
  const stated = ASKS_AUTHOR.some((re) => re.test(q2)) ? authorStatement(doc, chunks.filter((c) => audienceCanRead(audience, c.access))) : null;
  const inText = stated
    ? en
      ? `\n\nThe document itself says (in Swedish):\n\n”${stated.quote}” [2]`
      : `\n\nI dokumentet står:\n\n”${stated.quote}” [2]`
    : '';
  const source2 = stated ? `\n${sourceLine(stated, answerLanguage)}` : '';
  const answer = en
    ? `According to the document details in the knowledge base's manifest:\n\n”${quote}” [1]${inText}\n\nSources:\n[1] ${doc.title}, document details (manifest)${source2}`
    : `Enligt dokumentuppgifterna i kunskapsbankens manifest:\n\n”${quote}” [1]${inText}\n\nKällor:\n[1] ${doc.title}, dokumentuppgifter (manifest)${source2}`;
  return { outcome: 'answer', answered: true, answer, citations: stated ? [citation, stated] : [citation], confidence: 1 };
}

/** A citation of a document's manifest entry (its details, not a passage: line 1, no page). */
function manifestCitation(doc: DocInfo, n: number, quote: string, language: Language): Citation {
  return { n, docId: doc.docId, title: doc.title, section: language === 'en' ? 'Document details (manifest)' : 'Dokumentuppgifter (manifest)', lines: [1, 1], page: null, quote };
}

/** the words of a question about a document that ask for its author or date, or name a document as such */
const ASKING_WORDS =
  'skrev skrivit skrivits skrevs författare författaren författarna stå står bakom gav gett ut utgivare utgiven utgavs gavs publicerades publicerad publicera beställde beställt beställare uppdragsgivare uppdrag upphovsman gjorde gjort tog tagit fram höll sammanställde sammanställt kom kommer år årtal datum skriven beslutades beslutad antogs gäller ' +
  'wrote written write authored author authors published publish publisher commissioned commission behind produced produce made make created prepared gave put together year date came come out released adopted decided';
let askingCache: Set<string> | null = null;
function askingTerms(): Set<string> {
  return (askingCache ??= new Set(analyze(`${ASKING_WORDS} ${DOCUMENT_WORDS}`)));
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

/**
 * "Vilka rapporter har du?", "Vad finns det för dokument?", "What documents do you have?": a question
 * about what Brygga searches, not about what the documents say.
 */
const ASKS_CATALOGUE = [
  unicodeWords(/\b(?:vilka|vilken|vad för|vad finns det för|vad har du för|hur många)\s+(?:slags\s+|sorts\s+)?(?:rapporter|dokument|underlag|källor|texter|styrdokument|riktlinjer|filer)\b(?:\s+(?:har du|finns(?: det)?|känner du till|kan du|använder du|söker du i|bygger du på|utgår du från|har ni|ingår|är inlagda))?/iu),
  unicodeWords(/\b(?:vilka|vilken|vad)\b[^?]{0,30}\b(?:har du|finns|söker du i|bygger du på)\b[^?]{0,20}\b(?:rapporter|dokument|underlag|källor|kunskapsbank\p{L}*)\b/iu),
  /\b(?:what|which|how many)\s+(?:kinds? of\s+)?(?:reports|documents|sources|texts|files|policies)\b(?:\s+(?:do you have|are there|can you search|do you know|do you use|are you based on|are in))?/iu,
  /\bwhat\b[^?]{0,30}\b(?:do you have|can you search|are you based on)\b[^?]{0,20}\b(?:reports|documents|sources|knowledge base)\b/iu,
];
/** the same words asking for something in the documents ("Vilka rapporter handlar om upphandling?") narrow the question: then it is no catalogue question */
const CATALOGUE_TAIL = /^[\s?!.]*$|^\s*(?:har du|finns(?: det)?|känner du till|kan du|använder du|söker du i|bygger du på|utgår du från|har ni|ingår|är inlagda|do you have|are there|can you search|do you know|do you use|are you based on|are in)?\s*(?:här|i brygga|in brygga|here|tillgång till|access to)?\s*[?!.]*\s*$/iu;

/** Whether a message asks which documents Brygga searches (ASKS_CATALOGUE, with nothing after but a question mark). */
export function asksForCatalogue(text: string): boolean {
  const q = text.trim();
  for (const re of ASKS_CATALOGUE) {
    const m = re.exec(q);
    if (m && CATALOGUE_TAIL.test(q.slice((m.index ?? 0) + m[0].length))) return true;
  }
  return false;
}

/**
 * The documents an audience may read, from the manifest: title, year, author or publisher, and until
 * when a document with a `validUntil` applies. Answered as document details (each cited as the
 * manifest), in `language`. `docs`: the index's documents.
 */
export function catalogue(docs: DocInfo[], audience: Audience, language: Language): Composed {
  const en = language === 'en';
  const readable = docs.filter((d) => audienceCanRead(audience, d.access)).sort((x, y) => x.title.localeCompare(y.title, 'sv'));
  if (!readable.length) {
    const answer = en ? 'There are no documents in the knowledge base that you can read yet.' : 'Det finns ännu inga dokument i kunskapsbanken som du kan läsa.';
    return { outcome: 'none', answered: false, answer, citations: [], confidence: 0 };
  }
  const line = (d: DocInfo) => {
    const by = d.author ?? d.publisher;
    const parts = [d.year !== undefined && d.year !== null ? String(d.year) : null, by ? by.split(/[(;]/)[0].trim() : null].filter(Boolean);
    const valid = d.validUntil ? (en ? `valid until ${d.validUntil}` : `gäller till ${d.validUntil}`) : null;
    return `• ${d.title}${parts.length || valid ? ` (${[...parts, valid].filter(Boolean).join(', ')})` : ''}`;
  };
  const head = en
    ? `I search ${readable.length === 1 ? 'this document' : `these ${readable.length} documents`} (from the knowledge base's manifest):`
    : `Jag söker i ${readable.length === 1 ? 'det här dokumentet' : `de här ${readable.length} dokumenten`} (enligt kunskapsbankens manifest):`;
  const tail = en ? 'Ask me about any of them, and I answer with quotes from the text.' : 'Fråga mig om något i dem, så svarar jag med citat ur texten.';
  const citations = readable.map((d, i) => manifestCitation(d, i + 1, line(d).slice(2), language));
  return { outcome: 'answer', answered: true, answer: `${head}\n\n${readable.map((d, i) => `${line(d)} [${i + 1}]`).join('\n')}\n\n${tail}`, citations, confidence: 1 };
}
