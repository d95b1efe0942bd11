/**
 * What the answer composer needs to know of a passage's sentences, computed once per passage and
 * kept for the life of the loaded index (never per question): the sentence texts with their raw
 * line ranges, analyzed terms, and flags (heading, table, number, years, names, polarity, a
 * defining sentence, a list lead-in).
 */
import type { Chunk } from '../domain/types.js';
import { TABLE_ROW_START } from '../ingest/chunk.js';
import { analyze, type Lexicon } from '../retrieval/analyzer.js';
import { polarityOf } from '../query/analysis.js';
import { isPlantedInstruction } from '../llm/citations.js';
import { unicodeWords } from '../text/words.js';

export interface PassageSentence {
  /** index of the sentence among the chunk's spans */
  i: number;
  text: string;
  lines: [number, number];
  /** analyzed terms, in order */
  stems: string[];
  terms: Set<string>;
  words: number;
  /** a heading or label: short, no sentence punctuation */
  heading: boolean;
  /** a flattened table: several rows of a name followed by figures */
  table: boolean;
  /** a list item (bullet or number) */
  item: boolean;
  /** ends with ":" (its list follows) */
  leadIn: boolean;
  /** states a quantity (a number that is not only a year, a footnote mark or part of a link, or a number word) */
  number: boolean;
  /** the figures it states (`statedNumbers`): a question that names one of them ("SKAPA 2.0") is not answered by it */
  numbers: string[];
  /** it has a number word ("två", "hälften") */
  numberWord: boolean;
  years: string[];
  /** capitalized words not at the sentence start */
  names: string[];
  /** the analyzed terms of each of `names` (a name the question itself has is not an answer to "vem …?") */
  nameTerms: string[][];
  /**
   * the analyzed terms of each organisation or role noun it has, in any case and position
   * ("Kommunstyrelsen äger riktlinjen", "… beslutas av socialnämnden", "projektledaren"): answers to
   * "vem …?" that are no capitalized name (AGENT_NOUN)
   */
  agentTerms: string[][];
  polarity: -1 | 0 | 1;
  /** "X är …", "X innebär …", "med X menas …": defines something */
  defining: boolean;
  /** for a table's row, the index of the table's caption among the passage's sentences; else −1 */
  caption: number;
  /** the analyzed terms of what the sentence defines: the X of "X är/innebär/kallas …" (the verb within its first 6 words) or of "Med X menas/avses …"; empty when it defines nothing */
  subject: Set<string>;
  /** a footnote or reference entry: "10 Nählinder, J. & …(2019):", "Källa: …", a link */
  reference: boolean;
  /** an instruction planted in the document for a language model: never quoted */
  planted: boolean;
  /** letters outside links: under 12, the sentence is too short to be quoted as an answer */
  letters: number;
}

export interface PassageInfo {
  sentences: PassageSentence[];
  /** terms of the section path and case name (what every sentence of the passage is about) */
  contextTerms: string[];
  /** years the passage and its context name */
  years: string[];
}

const YEAR_RE = /\b(?:19|20)\d{2}\b/g;
const ROW_START = /(?<=^|\s)\p{Lu}[\p{Ll}-]{2,}/gu;
const CELL = /^(?:\d[\d.,%]*|\?|X|–|-)$/;
const CAPTION = /^(?:Tabell|Table|Figur|Figure|Diagram|Bild)$/;

/** a number word ("två", "åtta", "hälften"): "en"/"ett" are articles, not counted */
const NUMBER_WORD = unicodeWords(/\b(två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|dubbelt|hälften|tredjedel|fjärdedel|two|three|four|five|six|seven|eight|nine|ten|twice|half)\b/i);

/**
 * What is not a stated figure in a PDF extract: links (their digits), a footnote mark before a link
 * ("… en möjlig 14 https://…") or glued to a word or a closing parenthesis ("Hertog (2000)6 skiljer",
 * "samverkan12"), "[3]" references, and the number of a table, figure, map, slide, note or chapter ("Tabell 1:", "Not. 9")
 * in its label: a caption counts nothing.
 */
const NOT_A_FIGURE = /(?:\s\d{1,3})?\s*(?:https?:\/\/|www\.)\S+|(?<=[\p{Ll})])\d{1,2}(?=\s|[.,;:]|$)|\[\d+\]|\b(?:Tabell|Table|Figur|Figure|Diagram|Karta|Map|Bild|Slide|Bilaga|Appendix|Kapitel|Chapter)\.?\s+\d{1,3}\b|\bNot\.\s+\d{1,3}\b/gu;
const YEAR_OR_SPAN = /\b(?:19|20)\d\d(?:\s*[–-]\s*(?:19|20)?\d\d)?\b/g;

/** The figures a text states, as written without spaces ("3 169" → "3169", "2.0"): not years, footnote marks or links. */
export function statedNumbers(s: string): string[] {
  const text = s.replace(NOT_A_FIGURE, ' ').replace(YEAR_OR_SPAN, ' ');
  return [...text.matchAll(/\d(?:[\d.,]|\s(?=\d{3}\b))*/g)].map((m) => m[0].replace(/[.,]$/, '').replace(/\s/g, ''));
}

/** a stated quantity: a figure (`statedNumbers`) or a number word ("en"/"ett" are articles, not counted) */
export function hasNumber(s: string): boolean {
  return statedNumbers(s).length > 0 || NUMBER_WORD.test(s);
}

/** the years a text names: 2011, 2011–2014, and the short forms of fact boxes ("jan '15–dec '19") */
export function yearsOf(text: string): string[] {
  const years = new Set<string>();
  for (const m of text.matchAll(YEAR_RE)) years.add(m[0]);
  // compact dates: "20210101–20221231"
  for (const m of text.matchAll(/\b((?:19|20)\d{2})(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\b/g)) years.add(m[1]);
  for (const m of text.matchAll(/['’](\d{2})\b/g)) years.add(`20${m[1]}`);
  return [...years];
}

/**
 * The rows of a flattened table ("Helsingborg 1 5 Hudiksvall 4 8 Härjedalen 0 1"): the text before
 * the first row (caption and column heads) and each row whole. Fewer than three rows: not a table.
 */
export function tableRows(text: string): { head: string; rows: string[] } | null {
  // a row: a name (one or two words) followed at once by a cell (a figure, "?", "X")
  const starts = [...text.matchAll(ROW_START)]
    .filter((m) => !CAPTION.test(m[0]))
    .map((m) => m.index!)
    .filter((at) => {
      const next = text.slice(at).split(/\s+/).slice(1, 3);
      return CELL.test(next[0] ?? '') || (/^\p{Ll}+$/u.test(next[0] ?? '') && CELL.test(next[1] ?? ''));
    });
  if (starts.length < 3) return null;
  const rows = starts.map((at, i) => text.slice(at, starts[i + 1] ?? text.length).trim());
  return { head: text.slice(0, starts[0]).trim(), rows };
}

/** The sentences of a chunk as quoted text: links around a sentence are not part of what it says. */
export function sentenceTexts(chunk: Chunk): Array<{ text: string; lines: [number, number]; i: number }> {
  const { text, spans } = chunk;
  return spans.map(([start, a, b], i) => {
    const end = i + 1 < spans.length ? spans[i + 1][0] : text.length;
    const t = text
      .slice(start, end)
      .trim()
      .replace(/^(?:(?:https?:\/\/|www\.)\S+\s*|\S+\/\s+)+/, '') // also the tail of a link the PDF broke in two
      .replace(/(?:\s*(?:https?:\/\/|www\.)\S+)+$/, '');
    return { text: t, lines: [a, b] as [number, number], i };
  });
}

const ADVERBIAL_FIRST = unicodeWords(/^(?:genom|för|om|när|då|i|på|under|efter|inom|enligt|som|här|där|by|for|in|on|when|if|there)\b|^(?:det|detta|denna|dessa|de|den|it|this|these|they)\s*$/i);
/** a quantifier first ("Många sociala företag är …" speaks of some of them) or a question word in the subject ("Nu vet vi vad X är") */
const NOT_A_DEFINIENDUM = unicodeWords(/^\W*(?:många|flera|några|vissa|alla|de flesta|de allra flesta|somliga|få|många av|many|several|some|all|most|few|the majority)\b|\b(?:vad|hur|vilka|vilken|what|how|which)\b/iu);
/** a preposition or relative word that starts a modifier of a subject's head noun */
const SUBJECT_MODIFIER = unicodeWords(/\b(?:för|av|i|om|med|på|till|inom|mellan|hos|från|under|efter|som|of|for|in|on|with|at|from|between|that|which)\b/iu);
const DEFINING_VERB = unicodeWords(/\b(?:är|var|innebär|betyder|avser|definieras|kallas|utgör|beskrivs som|kännetecknas av|karaktäriseras av|is|are|means|refers to|is defined as|is characteri[sz]ed by)\b/iu);

/**
 * What a sentence defines: the words before its first defining verb, when that verb comes within
 * the first 6 words, not after an adverbial ("Ett socialt företag är …", "Bostad först innebär …"), or between "med" and
 * "menas"/"avses" ("Med samskapande menas …"). Used for "vad är X?" questions.
 */
function definedSubject(text: string): string {
  if (/\?\s*$/.test(text)) return '';
  const med = /^(?:med|by)\s+(.{3,80}?)\s+(?:menas|avses|means)\b/iu.exec(text);
  if (med) return med[1];
  // "Begreppet samskapande kommer från engelskans co-creation och innebär …": a sentence that names
  // a term as such defines it wherever its defining verb comes
  const term = /^(?:begreppet|termen|ordet|uttrycket|konceptet|the term|the concept|the word)\s+(["”“']?[\p{L}-]+(?:\s+[\p{L}-]+)?)/iu.exec(text);
  if (term && DEFINING_VERB.test(text)) return term[0];
  const m = DEFINING_VERB.exec(text);
  if (!m || m.index === 0) return '';
  const before = text.slice(0, m.index);
  // a subject is a short noun phrase; an adverbial first ("Genom att arbeta med X är målet …") or a
  // pronoun alone ("Det är …") is not one
  if (ADVERBIAL_FIRST.test(before) || NOT_A_DEFINIENDUM.test(before)) return '';
  if (before.split(/\s+/).filter(Boolean).length > 6 || /[.!?:;]/.test(before)) return '';
  // the head of the noun phrase: what comes before a preposition ("Den gemensamma drivkraften för
  // sociala företag är …" defines the drive, not social enterprises)
  return before.split(SUBJECT_MODIFIER)[0];
}

/** a verb with a clause after it: a sentence, not a bare reference entry */
const STATES_SOMETHING = unicodeWords(/\b(är|var|har|hade|ska|kan)\b.{20,}/);
/** a defining verb in the first 80 characters */
const DEFINING = unicodeWords(/^[^.]{0,80}?\b(är|innebär|betyder|avser|definieras|kallas|menas|kännetecknas|karaktäriseras|refers to|is defined|means|is an?|is characteri[sz]ed)\b/i);

/** a slide's own marks for what helps and what hinders: "… prioriterar frågan (+)", "… upphandla tjänster (-)" */
const MARKED_POSITIVE = /\(\+\)\s*$/;
const MARKED_NEGATIVE = /\([-–−]\)\s*$/;

/**
 * List items take the polarity of the heading or lead-in they stand under ("Faktorer som hämmar
 * samverkan" → "• Statusskillnader" speaks of an obstacle), or of the passage's own section title
 * (`titlePolarity`) for items before any heading in the passage; an item's own words win. A sentence
 * that is neither a heading, a lead-in nor an item ends the list. Mutates `sentences`.
 */
export function inheritListPolarity(sentences: Array<Pick<PassageSentence, 'polarity' | 'item' | 'heading' | 'leadIn'>>, titlePolarity: -1 | 0 | 1): void {
  let current = titlePolarity;
  for (const s of sentences) {
    if (s.item) {
      if (s.polarity === 0) s.polarity = current;
    } else current = s.heading || s.leadIn ? s.polarity : 0;
  }
}

const cache = new WeakMap<Chunk, PassageInfo>();
const subjectCache = new WeakMap<Chunk, Array<Set<string>>>();

/**
 * What each sentence of a passage defines (`PassageSentence.subject`, in `sentenceTexts` order, which
 * `texts` may pass when the caller has them; empty
 * sets for sentences that define nothing), computed on first use and kept with the chunk. Much cheaper
 * than `passageInfo`: a "vad är X?" question looks for the defining sentence among 40 passages
 * (`definitionFirst`), and analysing each of them whole cost a cold `brygga ask` about 0.4 s (issue 17).
 */
export function definedSubjects(chunk: Chunk, lexicon: Lexicon, texts?: ReadonlyArray<{ text: string }>): Array<Set<string>> {
  let subjects = subjectCache.get(chunk);
  if (!subjects) subjectCache.set(chunk, (subjects = (texts ?? sentenceTexts(chunk)).map((s) => new Set(analyze(definedSubject(s.text), { lexicon })))));
  return subjects;
}

/** Whether a passage's analysis is already kept (passageInfo computed it, or the assistant's warm-up did). */
export function passageAnalysed(chunk: Chunk): boolean {
  return cache.has(chunk);
}

/**
 * An organisation or a role, alone or as the last part of a compound, in its plain or definite form:
 * "-styrelsen", "-nämnd", "-förvaltningen", "-enheten", "-kontoret", "-rådet", "-myndigheten",
 * "-förbundet", "-departementet", "-institutet", "-föreningen", "-organisationen", "-kansliet", and
 * the roles "projektledare(n)", "samordnare(n)", "koordinator(n)", "handläggare(n)", "upphandlare(n)",
 * "ordförande(n)", "chef(en)", "direktör(en)", "kontaktperson(en)". "Vem …?" asks for a person or an
 * organisation (issue 12's answer types), and these name one without a capital letter.
 */
const AGENT_NOUN = unicodeWords(
  /\b[\p{L}-]*(?:styrelse[n]?|nämnd(?:en)?|förvaltning(?:en)?|enhet(?:en)?|kontor(?:et)?|råd(?:et)?|myndighet(?:en)?|förbund(?:et)?|departement(?:et)?|institut(?:et)?|förening(?:en)?|organisation(?:en)?|kansli(?:et)?|projektledare(?:n)?|samordnare(?:n)?|koordinator(?:n)?|handläggare(?:n)?|upphandlare(?:n)?|ordförande(?:n)?|chef(?:en)?|direktör(?:en)?|kontaktperson(?:en)?)\b/giu,
);

/** a table's or figure's caption ("Tabell 7: Upphandlingar av sociala företag …") */
const CAPTION_START = /^(?:Tabell|Table)\s+\d+\s*[:.]?\s+\p{Lu}/u;

/** a sentence that stops on a word that cannot end one: a relative, a preposition, an article, a conjunction, a copula */
const OPEN_END = unicodeWords(/\b(?:som|att|för|av|med|och|eller|till|i|på|om|från|är|en|ett|den|det|de|bland annat|exempelvis|such as|that|who|which|to|of|for|with|and|or|are|is|the|a|an|include|including)$/iu);

/** The analysis of a passage (computed on first use, then kept with the chunk). */
export function passageInfo(chunk: Chunk, lexicon: Lexicon): PassageInfo {
  let info = cache.get(chunk);
  if (info) return info;
  const texts = sentenceTexts(chunk);
  const subjects = definedSubjects(chunk, lexicon, texts);
  const sentences = texts.map((s, k): PassageSentence => {
    // the words of a link are not what the sentence says ("…/samskapande-yta-rekrytera-forlangning")
    const stems = analyze(s.text.replace(/(?:https?:\/\/|www\.)\S+/g, ' '), { lexicon });
    const words = s.text.split(/\s+/).filter(Boolean).length;
    const item = /^(•|\d{1,2}[.)]\s)/.test(s.text);
    const names = (s.text.match(/(?<!^|[.!?]\s)\b\p{Lu}[\p{L}-]+/gu) ?? []).filter((w) => w.length > 1);
    return {
      ...s,
      stems,
      terms: new Set(stems),
      words,
      heading: words <= 10 && !/[.!?:;]["”’)]?$/.test(s.text) && !item,
      table: tableRows(s.text) !== null,
      item,
      leadIn: /:$/.test(s.text),
      numbers: statedNumbers(s.text),
      numberWord: NUMBER_WORD.test(s.text),
      number: hasNumber(s.text),
      years: yearsOf(s.text),
      names,
      nameTerms: names.map((w) => analyze(w, { lexicon })),
      agentTerms: (s.text.match(AGENT_NOUN) ?? []).map((w) => analyze(w, { lexicon })),
      polarity: MARKED_POSITIVE.test(s.text) ? 1 : MARKED_NEGATIVE.test(s.text) ? -1 : polarityOf(s.text),
      planted: isPlantedInstruction(s.text),
      letters: s.text.replace(/(?:https?:\/\/|www\.)\S+/g, '').replace(/[^\p{L}]/gu, '').length,
      reference:
        /^\d{1,3}\s+\p{Lu}[\p{L}-]+,?\s+(?:\p{Lu}\.|[\p{L}-]+\s+\p{Lu}\.|&)|\(\d{4}\)[.:,]|https?:\/\/|www\.|^(?:Källa|Källor|Source|Foto|Bild)\s*:/u.test(s.text) && !STATES_SOMETHING.test(s.text.replace(/\(\d{4}\).*$/, '')),
      subject: subjects[k],
      caption: -1,
      defining: DEFINING.test(s.text) && words >= 6,
    };
  });
  // a table's row ("Hudiksvall 2 Reserverade kontrakt …") is read under the table's caption ("Tabell 7: Upphandlingar av
  // sociala företag …"): the caption says what its figures and names are
  let caption = -1;
  sentences.forEach((s, k) => {
    if (CAPTION_START.test(s.text)) caption = k;
    else if (caption >= 0 && TABLE_ROW_START.test(s.text)) s.caption = caption;
  });
  // a line that breaks off after a function word before a list ("Sociala företag definieras i sin tur som
  // företag som" / "• säljer varor …") introduces the list as a colon would: a lead-in, not a heading
  sentences.forEach((s, k) => {
    if (!s.leadIn && !s.item && OPEN_END.test(s.text) && sentences[k + 1]?.item) {
      s.leadIn = true;
      s.heading = false;
    }
  });
  inheritListPolarity(sentences, polarityOf(chunk.section.split(' › ').pop() ?? ''));
  info = { sentences, contextTerms: analyze(chunk.context.split(' | ').slice(1).join(' '), { lexicon }), years: yearsOf(`${chunk.context} ${chunk.text}`) };
  cache.set(chunk, info);
  return info;
}
