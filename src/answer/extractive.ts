/**
 * The offline answer. Every sentence of the best retrieved passages is scored by the answer model
 * (src/answer/model.ts: features of the sentence and the question, a conditional-logit ranker and a
 * logistic-regression confidence, fitted by `brygga eval fit` on questions never measured on), and the
 * result is one of three outcomes:
 *
 * - `answer`: the best sentence is likely enough to answer; it is quoted verbatim with the sentences
 *   that belong to it (a heading's first sentence, a lead-in's list items, companions nearly as
 *   likely), each contiguous run as its own citation with exactly its lines;
 * - `passages`: the passages that come closest, quoted around their best sentence and labelled as
 *   not an answer (`answered: false`, the passages as citations);
 * - `none`: nothing in the sources is about the question.
 *
 * Quotes never mislead: skipped stretches are marked "…", table rows are quoted whole with the
 * table's heading and never joined to other rows, and a heading is never an answer alone.
 */
import type { Audience, Chunk, Citation, Language } from '../domain/types.js';
import { analyze, isStopword, QUESTION_WORDS, stem, tokenize, type Lexicon } from '../retrieval/analyzer.js';
import { expandQuery } from '../lexicon/domain.js';
import type { QuestionAnalysis } from '../query/analysis.js';
import { COMPARED_QUANTITY } from '../query/analysis.js';
import type { QueryTerms, Retriever, SearchHit } from '../retrieval/search.js';
import { answerModel, confidenceOf, rankScore, type AnswerModel, type ConfidenceVector, type FeatureVector } from './model.js';
import { associations, associationScorer, typeToken, type AssociationTable } from './associations.js';
import { definedSubjects, passageInfo, statedNumbers, tableRows, yearsOf, type PassageInfo, type PassageSentence } from './passages.js';
import { TABLE_ROW_START } from '../ingest/chunk.js';
import { unicodeWords } from '../text/words.js';
import { correctWord } from '../query/spelling.js';

export type Outcome = 'answer' | 'passages' | 'none';

export interface Composed {
  outcome: Outcome;
  answered: boolean;
  answer: string;
  citations: Citation[];
  /** the model's probability that the best sentence answers the question */
  confidence: number;
  /** diagnostic: why it did not answer */
  reason?: string;
}

/** One scored sentence of a retrieved passage. */
export interface Candidate {
  hitRank: number;
  hit: SearchHit;
  sentence: PassageSentence;
  features: FeatureVector;
  /** the ranker's score (compared within one question) */
  score: number;
  /** the question names someone or something no passage mentions */
  unknownName: boolean;
  /** for a part of a question of several (`ComposeOptions.part`): this sentence's passage (its text or context) has every name the asking sentences have (capitalized, not an introduction's); else true */
  namesInPassage: boolean;
  /** question-level evidence for the confidence: unknown words, the idf mass this sentence covers, whether a number is asked for */
  question: { unknownShare: number; coveredIdf: number; numberQuestion: boolean; openType: boolean };
  /**
   * for the hard check of a question that names what it counts (statesWhatIsAsked): a figure counts the question's own
   * word for it, a plural noun right after a figure being all it counts ("fem kommuner genomfört upphandlingar" counts
   * municipalities). Not a ranker feature: `quantityAtNumber`, which the model was fitted with, reads the looser window.
   */
  countedAtNumber?: boolean;
  /**
   * for a question for the size of a part of a group by what the part is ("hur många av deltagarna var tjejer?",
   * "how many of them were women?": `askedSubgroup`): the sentence or one either side names that part; else undefined
   */
  namesSubgroup?: boolean;
}

export interface ComposeOptions {
  /** the question is one part of a message that asks several (`QuestionAnalysis.parts`) */
  part?: boolean;
  analysis: QuestionAnalysis;
  hits: SearchHit[];
  retriever: Retriever;
  /** how many passages to read for sentences (default CANDIDATE_PASSAGES, 6) */
  depth?: number;
  model?: AnswerModel;
  /** the language the answer is written in, when the message asked for another than its own (default: the question's) */
  answerLanguage?: Language;
  /** learned question–answer term associations (default: the committed table, `associations()`) */
  associations?: AssociationTable;
  /** who asks: a word only passages they may not read have is, for them, unknown (default: every passage counts) */
  audience?: Audience;
}

/** below this coverage of its best passage a question is about nothing in the sources */
export const MIN_PASSAGE_COVERAGE = 0.2;
/**
 * Below this confidence not even the closest passages are shown ("och hur många av dem …" with no
 * conversation before it got four unrelated passages at 0.03). The default for a model without its
 * own `passagesThreshold` (which `brygga eval fit` chooses on the tune part by the same rule: session 6,
 * of the 8 tune questions under 0.1, 5 were unanswerable and 1 of the 3 answerable ones had the gold shown).
 */
export const MIN_PASSAGES_CONFIDENCE = 0.1;
/**
 * A word the sources do not have bars a direct answer when more than this share of the question's
 * content words are such words: one general word among four ("Vilka driftformer föreslår rapporten
 * …?", "Vad är nackdelen med att räkna patent?") is no other topic, one of three may be. Chosen on
 * the tune part (session 8: barring at any unknown word, correct 54.1 %, wrong 18.8 %, unanswerable
 * refused 86.3 %; at 0.15: 55.2 / 18.9 / 86.3; at 0.25: 55.6 / 18.8 / 86.3; never: 55.8 / 19.2 / 85.0).
 */
export const OFF_TOPIC_SHARE = 0.25;
/**
 * how many passages the `passages` outcome shows. Measured on the tune part (session 12): helped 84.2 % with
 * three, 85.0 % with four (measure part 78.0 → 78.6 %); three sentences a passage instead gave 84.5 %.
 */
export const CLOSEST_PASSAGES = 4;
/**
 * A direct answer below this confidence is followed by up to RELATED_PASSAGES further passages, each quoted around its
 * best sentence and labelled as not part of the answer (`Citation.related`): when the answer is wrong, the passage that
 * holds the fact is often the next one. Chosen on the tune part (session 18, helped 87.2 % without them): 88.2 % below
 * 0.8, 89.0 % below 0.9, 89.4 % after every answer; below 0.9 the answers are right in about four cases of five,
 * above it in more than nine of ten, where further passages would only add length. Three passages: 89.7 %.
 */
export const RELATED_BELOW = 0.9;
export const RELATED_PASSAGES = 2;
/** and from each, its best sentence (with its neighbours): two gave the same on the tune part (89.1 %) */
const RELATED_PER_PASSAGE = 1;
/** and from each, this many of its best sentences (with their neighbours); measured on the tune half: helped 59.8 % with one, 66.7 % with two */
const PER_PASSAGE = 2;

/** answer types a sentence cannot be checked against */
const OPEN_TYPES = new Set(['how', 'why', 'yesno', 'other']);

/** the most items of one list a quote holds */
const MAX_LIST_ITEMS = 12;

/**
 * A month or season: a 'when' answer without a year. Whole month names or their abbreviations only:
 * "mar…" also begins "marknadsföra", "maj…" "majoriteten", "dec…" "decennier".
 */
export const MONTH_OR_SEASON = unicodeWords(
  /\b(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|january|february|march|may|june|july|august|october|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec)\b\.?|\bvår(?:en)?\b|\bhöst(?:en)?\b/iu,
);
/** a time of the week or the day, or a season ("vardagar klockan 06.30–21.00", "på sommaren"): also answers "när …?" */
const STATES_TIME = unicodeWords(
  /\b(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag|vardag|helg|sommar|vinter|kväll|morgon|förmiddag|eftermiddag)\p{L}*|\bkl(?:ockan|\.)?\s*\d|\b\d{1,2}[.:]\d{2}\b/iu,
);
/** a cause: a 'why' answer */
const CAUSE = unicodeWords(/\b(eftersom|därför|för att|på grund av|beror|orsak|anledning|syfte|because|since|due to|reason)\b/i);

/** what leads to a number that states a quantity: a colon, or a verb such as "uppgick till" */
const LEAD_TO_NUMBER = unicodeWords(/(?::|\b(?:var|är|blev|uppgick till|till|was|were|is|totalled|totaled|to))\s*(?:(?:cirka|ca|drygt|nästan|omkring|about|around|nearly|over)\s+)?$/i);

/** what a definition question asks to have defined: the words after "vad är", "what is" … */
const DEFINIENDUM = unicodeWords(/\b(?:vad (?:är|betyder|menas med|innebär|avses med|kallas)|what (?:is|are)(?: meant by)?|what does|define|meaning of)\s+(.+?)(?:\s+(?:mean|betyda|för något|egentligen|enligt [^?]*))?[?.!]*$/i);

/** a question for a duration: "hur lång tid", "hur länge", "how long" */
const DURATION_TRIGGER = unicodeWords(/\b(?:hur lång tid|hur länge|hur många år|hur många månader|how long|how many years|how many months)\b/i);
/** a stated duration: a number, a number word or "några"/"ett par" before a unit of time ("upp emot tio år", "18 månader") */
const DURATION = unicodeWords(/(?:\b\d+(?:[,.]\d+)?|\b(?:en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|femton|tjugo|några|ett par|flera|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a few|several))\s+(?:\p{L}+\s+)?(?:år|års|månad\p{L}*|vecka|veckor|veckors|dag|dagar|dagars|timm\p{L}*|timme|years?|months?|weeks?|days?|hours?)\b/iu);

/** a period from one time to another, which states how long something went on: "jan '15–dec '19", "2011–2014", "20210101–20221231", "mellan 2016 och 2019" */
const PERIOD = unicodeWords(/(?:\b(?:19|20)\d{2}(?:\d{4})?|['’]\d{2})\s*[–—-]\s*(?:\p{L}+\.?\s+)?(?:(?:19|20)\d{2}(?:\d{4})?\b|['’]\d{2}\b)|\b(?:mellan|från|between|from)\s+(?:\p{L}+\s+)?(?:19|20)\d{2}\s+(?:och|till|and|to|until)\s+(?:\p{L}+\s+)?(?:19|20)\d{2}\b/iu);

/** what states how long something lasted: a duration ("upp emot tio år") or a period ("jan '15–dec '19") */
const DURATION_FORMS = [DURATION, PERIOD];

/** Whether a text states how long something lasted (DURATION_FORMS). */
export function statesDuration(text: string): boolean {
  return DURATION_FORMS.some((re) => re.test(text));
}

/**
 * A question for a sum of money: "hur mycket kostade …", "vilken lön …", "what did it cost",
 * "how much funding in kronor …" (a number question naming money, or "vad/vilken/what" before a word
 * for a price or a pay within three words). "Hur finansierades …?" asks how, not how much.
 */
const ASKS_MONEY = unicodeWords(
  /\b(?:hur mycket|how much)\b.*\b(?:kosta\p{L}*|kostnad\p{L}*|pris\p{L}*|belopp\p{L}*|kronor|kr|sek|lön\p{L}*|budget\p{L}*|pengar|stöd|bidrag|cost\p{L}*|price\p{L}*|salary|salaries|pay|funding|grant\p{L}*|money|euro)\b|\b(?:kosta(?:de|r)|cost|costs)\b|\b(?:i|in)\s+(?:kronor|sek|euro)\b|\b(?:vad|vilken|vilket|what|which)\s+(?:\p{L}+\s+){0,3}?(?:lön|lönen|pris|priset|kostnad|kostnaden|salary|price|cost|budget|budgeten)\b/iu,
);
/** a sum of money: a figure or a number word with a currency ("144 000 kronor", "2,5 miljoner kr", "€ 3 000", "SEK") */
const STATES_MONEY = unicodeWords(/\b(?:kr|kronor|kronorna|mnkr|tkr|msek|mkr|sek|euro|eur)\b|€|\$\s?\d/iu);

/** a question for a share: "hur stor andel …", "vilken andel", "how many percent", "what proportion" */
const ASKS_SHARE = unicodeWords(/\b(?:andel(?:en)?|procent(?:andel(?:en)?)?|hur många procent|share|proportion|percentage|per ?cent)\b/iu);
/** a stated share: a percentage, a fraction, "x av y", or a word for most or half ("30 procent", "hälften", "två av tre", "merparten") */
const STATES_SHARE = unicodeWords(/%|\b(?:procent\p{L}*|hälften|halva|halvt|tredjedel\p{L}*|fjärdedel\p{L}*|femtedel\p{L}*|tiondel\p{L}*|majoritet\p{L}*|merparten|flertalet|minoritet\p{L}*|samtliga|alla|ingen|inga|percent|half|third|quarter|majority|most|all|none)\b|\b(?:\d+|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio)\s+(?:av|out of|of)\s+(?:\d+|två|tre|fyra|fem|sex|sju|åtta|nio|tio|tolv)\b/iu);

/** a question for an amount, not a count: "hur mycket …", "how much …" */
const ASKS_AMOUNT = unicodeWords(/\b(?:hur mycket|how much)\b/iu);
/** a question for a part of a group: "hur många av …", "how many of …" */
const ASKS_PART = unicodeWords(/\b(?:hur många av|how many of)\b/iu);

/** a question for a name: "vad heter …", "what's the name of …" */
const ASKS_NAME = unicodeWords(/\b(?:vad heter|vad hette|vilket namn|what(?:'s|s| is| was) the name|name of the)\b/iu);

/**
 * a question for who holds a post ("Vem var projektledare för …?", "Who chaired …?"): a person's name answers it,
 * not a sentence about what the post holder said or did ("Enligt projektledaren …")
 */
const ASKS_ROLE_HOLDER = unicodeWords(
  /\b(?:vem|vilka)\s+(?:var|är|blev|har varit)\s+(?:\p{L}+\s+)?(?:projektledare|projektledaren|ordförande|ordföranden|kontaktperson|kontaktpersonen|samordnare|samordnaren|chef|chefen|handläggare|handläggaren|processledare|processledaren)\b|\bwho\s+(?:was|is|were|are)\s+(?:the\s+)?(?:project (?:manager|leader|lead)|chair(?:person)?|contact(?: person)?|coordinator|manager|head)\b/iu,
);

/** a person's name: a first name and a surname ("Mikael Damberg", "Przemek Malachowski") */
const PERSON_NAME = /(?<![\p{L}])\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?\s+\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?![\p{L}])/gu;

const COUNT_TRIGGER = unicodeWords(/\b(?:hur många|hur mycket|how many|how much)\s+(.*)$/i);

/**
 * The quantity a number question asks about: the words after "hur många", "how much" … (up to three
 * content words), analyzed and expanded through the glossary. A sentence that answers names it.
 */
function measureTerms(question: string, lexicon: Lexicon, q?: QueryTerms, retriever?: Retriever): { own: Set<string>; all: Set<string> } | null {
  const asked = question.split(/[?!.]/)[0];
  const m = COUNT_TRIGGER.exec(asked);
  // "över en miljon besökare": the word after the compared number is the counted thing
  const compared = m ? null : COMPARED_QUANTITY.exec(asked);
  if (!m && !compared) return null;
  // the counted thing is the run of content words right after "hur många" ("hur många sociala företag
  // finns …" → "sociala företag"), not the rest of the question ("hur många invånare var med i
  // fokusgrupperna": "två fokusgrupper" is no count of residents)
  const words: string[] = [];
  for (const w of tokenize(m ? m[1] : compared![1])) {
    if (/^\d/.test(w)) continue;
    if (QUESTION_WORDS.has(w) || isStopword(w)) {
      if (words.length) break;
      continue;
    }
    words.push(w);
    if (words.length === 3) break;
  }
  if (!words.length) return null;
  const text = words.join(' ');
  const own = new Set(analyze(text, { lexicon }));
  // an English question's words are matched through their translations ("EU support" → "EU-stöd")
  if (q && retriever) for (const t of retriever.coreTerms(text)) for (const x of [t, ...(q.alternatives.get(t) ?? [])]) own.add(x);
  return { own, all: new Set([...own, ...expandQuery(text).terms]) };
}

const NUMBER_RE = unicodeWords(/\b\d[\d\s.,]*\d\b|\b\d\b|\b(?:två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|tjugo|hundra|tusen|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundred|thousand)\b/gi);

/**
 * Whether a sentence states a number of the measured thing: the number is followed by it ("3 169
 * individer", "fem kommuner"), comes right after it ("deltog 3 169"), or, in a fact box, is the value
 * after its label ("Total EU-stöd: 79,8").
 */
function statesQuantityOf(text: string, measure: Set<string>, lexicon: Lexicon, strict = false): boolean {
  const w = numberWindows(text, lexicon);
  return (strict ? w.strict : w.loose).some((terms) => terms.some((t) => measure.has(t)));
}

/**
 * The analyzed (and glossary-expanded) words around each number of a text, where statesQuantityOf
 * looks for the measured thing: the three words after it, the two before it and, after a lead such as
 * "uppgick till", the six before the lead (`loose`). `strict` is the same, except that a plural noun right
 * after the figure is all it counts ("fem kommuner genomfört upphandlingar" counts municipalities, not
 * procurements), for a question that names what it counts. They depend only on the text, so they are
 * worked out once per sentence (issue 17: a number question re-analyzed them for every sentence of six passages).
 */
function numberWindows(text: string, lexicon: Lexicon): { loose: string[][]; strict: string[][] } {
  let cache = numberWindowCache.get(lexicon);
  if (!cache) numberWindowCache.set(lexicon, (cache = new Map()));
  let windows = cache.get(text);
  if (windows) return windows;
  const near = (words: string) => [...analyze(words, { lexicon }), ...expandQuery(words).terms];
  windows = { loose: [], strict: [] };
  for (const m of text.matchAll(NUMBER_RE)) {
    const at = m.index ?? 0;
    const after = text.slice(at + m[0].length).split(/[.;:!?]/)[0].split(/\s+/).filter(Boolean);
    const three = near(after.slice(0, 3).join(' '));
    windows.loose.push(three);
    // (an adjective or a unit goes on to its noun: "tre sociala företag", "12 st …")
    windows.strict.push(after[0] !== undefined && COUNTED_NOUN.test(after[0]) && !NOT_A_COUNTED_NOUN.test(after[0]) ? near(after[0]) : three);
    const before = text.slice(0, at);
    // Swedish puts the verb before its subject: "Totalt deltog 3 169 individer" for "hur många deltog"
    const two = near(before.split(/\s+/).filter(Boolean).slice(-2).join(' '));
    windows.loose.push(two);
    windows.strict.push(two);
    const lead = LEAD_TO_NUMBER.exec(before);
    if (lead) {
      const six = near(before.slice(0, lead.index).split(/\s+/).slice(-6).join(' '));
      windows.loose.push(six);
      windows.strict.push(six);
    }
  }
  if (cache.size >= 50_000) cache.clear();
  cache.set(text, windows);
  return windows;
}
const numberWindowCache = new WeakMap<Lexicon, Map<string, { loose: string[][]; strict: string[][] }>>();
/** a plural noun as the word after a figure: Swedish -er/-ar/-or (kommuner, dagar, skolor), English -s (municipalities) */
const COUNTED_NOUN = /^\p{Ll}{3,}(?:er|ar|or|s)$/u;
/**
 * … not a unit, a share, an adverb or a word of time that a count goes on past ("12 st", "fler", "per", "olika"), nor
 * people, whom the verb after them says more of ("316 individer deltagit" is a count of who took part)
 */
const NOT_A_COUNTED_NOUN = /^(?:individer|personer|deltagare|människor|ungdomar|kvinnor|elever|invånare|anställda|medarbetare|people|persons|individuals|participants|residents|employees|st|stycken|olikas?|fler|flera|mer|mera|per|respektive|eller|samt|plus|gånger|procent|percent|år|years|timmar|hours|veckor|weeks|dagar|days|månader|months|kronor|miljoner|millions|thousands|tusentals|hundratals|others|new|more|less|fewer|various)$/u;

/**
 * Words or names of the question that no passage has: a topic the sources do not cover. A name is a
 * capitalized word not at a sentence start; a Swedish word counts from six letters.
 */
export function unknownTopicWords(a: QuestionAnalysis, retriever: Retriever, audience?: Audience): { names: string[]; words: string[] } {
  const lexicon = retriever.lexicon;
  const knows = (t: string) => retriever.knows(t, audience);
  const qTokens = a.focus.split(/\s+/);
  const isCap = (w: string) => /^\p{Lu}\p{Ll}{2,}$/u.test(w.replace(/[^\p{L}\p{N}-]/gu, ''));
  const unknown = qTokens
    .filter((raw, i) => {
      if (i === 0 || /[.?!:]$/.test(qTokens[i - 1])) return false;
      if (!isCap(raw)) return false;
      if (isCap(qTokens[i - 1]) || (qTokens[i + 1] && isCap(qTokens[i + 1]) && !/[.?!,]$/.test(raw))) return false;
      const w = raw.replace(/[^\p{L}\p{N}-]/gu, '');
      if (isStopword(w.toLowerCase()) || QUESTION_WORDS.has(w.toLowerCase())) return false;
      return analyze(w, { lexicon }).every((t) => !knows(t)) && !expandQuery(w).terms.length;
    })
    .map((w) => w.replace(/[^\p{L}\p{N}-]/gu, ''));
  const words: string[] = [];
  if (a.language === 'sv') {
    const expandedWords = new Set(tokenize(expandQuery(a.focus).matched.join(' ')));
    // "ESF-erfarenhet" is checked by its parts, not as "esferfarenhet"
    const joined = new Set((a.focus.toLowerCase().match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu) ?? []).map((w) => w.replace(/-/g, '')));
    for (const w of tokenize(a.focus)) {
      if (w.length < 6 || expandedWords.has(w) || QUESTION_WORDS.has(w) || joined.has(w)) continue;
      const terms = analyze(w, { lexicon });
      // a number in words ("tjugohundratjugosju") names no topic
      if (terms.length > 0 && terms.every((t) => /^\d+$/.test(t))) continue;
      // an everyday word whose standard word the sources have ("funkar" for "fungerar") is known through it
      const knownAlternative = terms.some((t) => (a.terms.alternatives.get(t) ?? []).some((x) => knows(x)));
      if (terms.length === 0 || knownAlternative) continue;
      // a word only passages the audience may not read have is unknown to the asker, however well the index
      // or the word's parts are known; a name ("exempelkommun" of an internal policy, asked by a resident)
      // names something that, for the asker, is not there at all
      if (audience !== undefined && retriever.knows(terms[0]) && !knows(terms[0])) (isNameInText(w, retriever.chunks) ? unknown : words).push(w);
      else if (terms.every((t) => !knows(t)) && !lexicon.knowsRoot(w) && !inflectionOfKnown(w, lexicon)) words.push(w);
    }
  }
  return { names: unknown, words };
}

/** Whether a passage writes a word capitalized inside a sentence ("i Exempelkommun"): a name, not a word that opens a sentence. */
function isNameInText(word: string, chunks: readonly Chunk[]): boolean {
  const capital = word[0].toUpperCase() + word.slice(1);
  const re = new RegExp(`\\p{Ll}[,]?\\s${capital.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}s?(?![\\p{L}])`, 'u');
  return chunks.some((c) => c.text.includes(capital) && re.test(c.text));
}

/**
 * Whether a word is a form of a word the sources have, one or two letters away with the same first
 * five ("delfinansierat" of "delfinansierats", which Snowball stems apart), or the same word with a
 * typo the spelling correction left because it is a real word of its own.
 */
function inflectionOfKnown(word: string, lexicon: Lexicon): boolean {
  const near = correctWord(word, lexicon, () => false);
  return near !== null && near.slice(0, 5) === word.slice(0, 5);
}

/** "vad är X?": the core terms of X (empty for other questions, or when X has no known term). */
export function definiendumTerms(a: QuestionAnalysis, retriever: Retriever): string[] {
  const definiendum = a.answerType === 'definition' ? DEFINIENDUM.exec(a.focus)?.[1] : undefined;
  return definiendum ? retriever.coreTerms(definiendum).filter((t) => a.terms.core.includes(t)) : [];
}

/** how deep a definition question looks for a passage that defines what is asked */
export const DEFINITION_POOL = 40;
/** and how many such passages it moves to the top */
const DEFINING_PASSAGES = 2;

/**
 * A definition-aware rerank: for "vad är X?", the passages among the first DEFINITION_POOL hits
 * with a sentence that defines X (X is its subject: "Sociala företag kännetecknas av …", "Begreppet
 * samskapande … innebär …") come first (at most DEFINING_PASSAGES, in their order), then the rest in
 * the order retrieval gave. A frequent term such as "socialt företag" fills the first ten hits with
 * passages that use it, not one that says what it is. Other questions: `hits` unchanged.
 */
export function definitionFirst(hits: SearchHit[], a: QuestionAnalysis, retriever: Retriever): SearchHit[] {
  const asked = definiendumTerms(a, retriever);
  if (!asked.length) return hits;
  const defines = (h: SearchHit) => definedSubjects(h.chunk, retriever.lexicon).some((subject) => subject.size > 0 && asked.every((t) => retriever.covers(a.terms, t, (x) => subject.has(x))));
  const first = hits.slice(0, DEFINITION_POOL).filter(defines).slice(0, DEFINING_PASSAGES);
  if (!first.length) return hits;
  return [...first, ...hits.filter((h) => !first.includes(h))];
}

/** how many of the retrieved passages the composer reads (their sentences are the candidates) */
const CANDIDATE_PASSAGES = 6;

/** how deep a question for a count ("hur många intervjuer …?") looks for a passage that states one */
export const COUNT_POOL = 20;
/** the share of the question's terms (idf-weighted) such a passage must cover to be moved up */
const COUNT_PASSAGE_COVERAGE = 0.5;

/**
 * A count-aware rerank, as `definitionFirst` is for definitions: for "hur många X …?" / "how many X …?",
 * the first passage among the first COUNT_POOL hits with a sentence that states a number of X in the
 * question's own word ("Vi har genomfört 16 intervjuer" for "Hur många intervjuer gjordes i studien?",
 * `statesQuantityOf`), that has every name the question has and that covers at least COUNT_PASSAGE_COVERAGE of the question, comes first when
 * none of the first six has such a sentence. Words that occur in many passages ("intervju" in
 * "intervjuperson", "intervjurespondent") had pushed the one passage that counts them below the six the
 * composer reads. Other questions: `hits` unchanged.
 */
export function quantityFirst(hits: SearchHit[], a: QuestionAnalysis, retriever: Retriever): SearchHit[] {
  if (a.answerType !== 'number' || !COUNT_TRIGGER.test(a.focus.split(/[?!.]/)[0]!)) return hits;
  // the counted word as asked (an English one through its translations, not through the glossary's expansions)
  const measure = a.language === 'en' ? measureTerms(a.focus, retriever.lexicon, a.terms, retriever) : measureTerms(a.focus, retriever.lexicon);
  if (!measure) return hits;
  const asked = new Set(statedNumbers(a.focus));
  // the names the question has ("… tack vare Projekt Rekrytera?"): a count of another project's participants is no answer
  const names = capitalizedTerms(a.focus, retriever.lexicon).filter((t) => retriever.knows(t));
  // the counted word itself right after the number ("16 intervjuer"), not a compound that starts with it ("två intervjupersoner")
  const counted = new Set([...measure.own, ...[...measure.own].map((t) => stem(t))]);
  const countsIt = (text: string) =>
    [...text.matchAll(NUMBER_RE)].some((m) => {
      if (asked.has(m[0].replace(/\s/g, ''))) return false;
      const next = text.slice((m.index ?? 0) + m[0].length).split(/[.;:!?,]/)[0]!.split(/\s+/).filter(Boolean).slice(0, 2);
      return next.some((w) => counted.has(stem(w.toLowerCase())));
    });
  const counts = (h: SearchHit) => {
    const info = passageInfo(h.chunk, retriever.lexicon);
    return names.every((t) => passageHas(info, t)) && info.sentences.some((s) => countsIt(s.text));
  };
  if (hits.slice(0, CANDIDATE_PASSAGES).some(counts)) return hits;
  const first = hits.slice(CANDIDATE_PASSAGES, COUNT_POOL).find((h) => h.parts.coverage >= COUNT_PASSAGE_COVERAGE && counts(h));
  return first ? [first, ...hits.filter((h) => h !== first)] : hits;
}

/** The analyzed terms of a text's capitalized words after its first ("… i Projekt Rekrytera?" → rekryter …): its names. */
function capitalizedTerms(text: string, lexicon: Lexicon): string[] {
  return text
    .split(/\s+/)
    .slice(1)
    .filter((w) => /^\p{Lu}\p{Ll}{2,}/u.test(w))
    .flatMap((w) => analyze(w.replace(/[^\p{L}\p{N}-]/gu, ''), { lexicon }));
}

/** Whether a passage has a term in one of its sentences or in its context (the case or section it belongs to). */
function passageHas(info: PassageInfo, t: string): boolean {
  return info.contextTerms.includes(t) || info.sentences.some((s) => s.terms.has(t));
}

const caseNameCache = new WeakMap<Retriever, Set<string>>();
/** Terms that name a case study (the case name every chunk of a case carries in its context), once per index. */
function caseNameTerms(retriever: Retriever): Set<string> {
  let set = caseNameCache.get(retriever);
  if (set) return set;
  set = new Set<string>();
  const generic = new Set(analyze('projekt projektet fallstudie kapitel del avsnitt bilaga inledning sammanfattning'));
  for (const c of retriever.chunks) {
    const name = c.context.split(' | ')[1];
    if (name) for (const t of analyze(name, { lexicon: retriever.lexicon })) if (!generic.has(t) && !/^\d+$/.test(t)) set.add(t);
  }
  caseNameCache.set(retriever, set);
  return set;
}

/** Whether a sentence's text matches a (non-global) pattern, tested once per sentence and pattern: it does not depend on the question. */
function textHas(s: PassageSentence, re: RegExp): boolean {
  let byPattern = textTests.get(re);
  if (!byPattern) textTests.set(re, (byPattern = new WeakMap()));
  let found = byPattern.get(s);
  if (found === undefined) byPattern.set(s, (found = re.test(s.text)));
  return found;
}
const textTests = new WeakMap<RegExp, WeakMap<PassageSentence, boolean>>();

/** The features of every sentence of the top passages, and the ranker's score of each. */
export function candidates(opts: ComposeOptions): Candidate[] {
  const { analysis: a, hits, retriever } = opts;
  const model = opts.model ?? answerModel();
  const q = a.terms;
  const lexicon = retriever.lexicon;
  const top = hits.slice(0, opts.depth ?? CANDIDATE_PASSAGES);
  if (!top.length) return [];
  const weightOf = (t: string) => retriever.termWeight(q, t);
  const coreWeight = new Map(q.core.map((t) => [t, weightOf(t)]));
  const coreTotal = q.core.reduce((s, t) => s + coreWeight.get(t)!, 0);
  const expanded = q.expanded.filter((t) => retriever.knows(t));
  // adjacent content-term pairs of the question
  const qStems = q.core;
  const pairs = qStems.slice(1).map((t, i) => [qStems[i], t] as const);
  const measure = a.answerType === 'number' ? measureTerms(a.focus, lexicon, q, retriever) : null;
  const subgroup = a.answerType === 'number' ? askedSubgroup(a.focus) : null;
  // (its words and their translations and everyday equivalents, "tjejer" → kvinnor, but not the words for any group of
  // people an equivalent brings along, "unga": a count of all the young participants names those)
  const generic = subgroup ? new Set(analyze(GROUP_WORDS, { lexicon })) : null;
  const subgroupWords = subgroup ? [...(measureTerms(`hur många ${subgroup}`, lexicon, q, retriever)?.all ?? [])].filter((t) => !generic!.has(t)) : [];
  const subgroupTerms = subgroupWords.length ? subgroupWords : undefined;
  const asksDuration = DURATION_TRIGGER.test(a.focus);
  // a figure or a name the question itself has ("Hur mycket fick SKAPA 2.0?", "Vem ledde projektet i
  // Malmö?") is what it is about, not its answer
  const askedNumbers = new Set(statedNumbers(a.focus));
  const ownTerms = new Set([...q.core, ...q.core.flatMap((c) => q.alternatives.get(c) ?? [])]);
  const isNew = (ts: string[]) => ts.length > 0 && !ts.some((t) => ownTerms.has(t));
  const asksName = ASKS_NAME.test(a.focus) || ASKS_ROLE_HOLDER.test(a.focus);
  const asksIdentity = a.answerType === 'who' && ASKS_IDENTITY.test(a.focus.trim());
  const asksHolder = ASKS_ROLE_HOLDER.test(a.focus);
  const unknown = unknownTopicWords(a, retriever, opts.audience);
  const unknownTopic = unknown.names.length + unknown.words.length > 0 ? 1 : 0;
  const unknownName = unknown.names.length > 0;
  // content words of the question that no passage has, neither as typed nor translated
  const content = tokenize(a.focus).filter((w) => w.length > 2 && !isStopword(w) && !QUESTION_WORDS.has(w) && !/^\d/.test(w));
  const unknownShare = content.length ? content.filter((w) => analyze(w, { lexicon }).every((t) => retriever.termWeight(q, t) === 0)).length / content.length : 0;
  const topScore = top[0].score || 1;
  // names in the question (capitalized, not first): the answer's sentence or its passage should have them
  // names in the question: capitalized words (not first), and words that name a case study or section
  // however they were typed ("boost" is the project Boost): the answer's sentence or its passage should have them
  const caseNames = caseNameTerms(retriever);
  const capitalized = capitalizedTerms(a.text, lexicon);
  const names = [...new Set([...capitalized, ...q.core.filter((t) => caseNames.has(t))])].filter((t) => retriever.knows(t));
  // for one part of a question of several: the names the asking sentences have (not an introduction's "… i Malmö"),
  // the other parts' names too, which its passage must have
  // (the whole of a question of several parts too: its answer stands for every part, so it must have their names)
  const askingTerms = opts.part || a.parts.length > 1 ? new Set(analyze(a.parts.join(' '), { lexicon })) : null;
  const askedNames = askingTerms ? capitalized.filter((t) => askingTerms.has(t) && retriever.knows(t)) : [];

  // "vad är X?": the core terms of X, which a defining sentence has as its subject
  const asked = definiendumTerms(a, retriever);
  // the question's terms with their translations: where a sentence has one of them (proximity)
  const questionStems = new Set([...q.core, ...q.core.flatMap((c) => q.alternatives.get(c) ?? [])]);
  // each core term with its translations (retriever.covers), looked up once per sentence: the
  // coverages below combine these flags instead of asking every set again (issue 17)
  const coreForms = q.core.map((t) => [t, ...(q.alternatives.get(t) ?? [])]);
  const coreWeights = q.core.map((t) => coreWeight.get(t)!);
  // "Vilken lön …?": the asked noun's place among the core terms
  const askedAt = [...new Set(a.asked.map((t) => q.core.indexOf(t)).filter((j) => j >= 0))];
  const formsOf = new Map<string, number[]>();
  coreForms.forEach((forms, j) => {
    for (const x of forms) formsOf.get(x)?.push(j) ?? formsOf.set(x, [j]);
  });
  /** per core term: whether the set has it or one of its translations (from whichever side is smaller) */
  const coveredBy = (terms: ReadonlySet<string>): boolean[] => {
    if (formsOf.size <= terms.size) return coreForms.map((forms) => forms.some((x) => terms.has(x)));
    const flags = coreForms.map(() => false);
    for (const x of terms) for (const j of formsOf.get(x) ?? []) flags[j] = true;
    return flags;
  };
  /** the idf-weighted share of the core terms that any of the given sentences (or the context) has, in the order of q.core */
  const coverageOfFlags = (a: readonly boolean[], b?: readonly boolean[], c?: readonly boolean[], d?: readonly boolean[], e?: readonly boolean[] | null) => {
    if (coreTotal <= 0) return 0;
    let have = 0;
    for (let j = 0; j < coreWeights.length; j++) if (a[j] || b?.[j] || c?.[j] || d?.[j] || e?.[j]) have += coreWeights[j];
    return have / coreTotal;
  };
  // learned associations of the question's terms and answer type with answer sentences' terms
  const assoc = opts.associations ?? associations();
  const typeRow = assoc.get(typeToken(a.answerType));
  const associationOf = associationScorer(assoc, q.core, coreWeights);
  const associationOfType = associationScorer(assoc, [typeToken(a.answerType)], [1]);
  const out: Candidate[] = [];
  top.forEach((hit, hitRank) => {
    const info = passageInfo(hit.chunk, lexicon);
    const ctx = new Set(info.contextTerms);
    const passageYears = info.years;
    const ctxCovered = coveredBy(ctx);
    const covered = info.sentences.map((x) => coveredBy(x.terms));
    const coverageAt = covered.map((f) => coverageOfFlags(f));
    const namesInPassage = askedNames.every((t) => passageHas(info, t));
    info.sentences.forEach((s, k) => {
      if (s.letters < 12) return;
      // an instruction planted in a document for a language model is never quoted to a reader (issue 13)
      if (s.planted) return;
      const has = (t: string) => s.terms.has(t);
      const coverage = coverageAt[k];
      // the idf mass of the question's terms that the sentence or its passage's context has (summed once: the coverage, and evidence for the confidence)
      // (a table's row also has its caption's words: "Hudiksvall 2 Reserverade kontrakt …" under "Tabell 7: Upphandlingar …")
      const captionCovered = s.caption >= 0 ? covered[s.caption] : null;
      let coveredIdf = 0;
      for (let j = 0; j < coreWeights.length; j++) if (covered[k][j] || ctxCovered[j] || captionCovered?.[j]) coveredIdf += coreWeights[j];
      const coverageWithContext = coreTotal <= 0 ? 0 : coveredIdf / coreTotal;
      const expansionCoverage = expanded.length ? expanded.filter(has).length / expanded.length : 0;
      let bigrams = 0;
      for (const [x, y] of pairs) {
        const i = s.stems.indexOf(x);
        if (i >= 0 && s.stems.slice(i + 1, i + 4).includes(y)) bigrams++;
      }
      // what the sentence says besides the question's own words: an answer adds something
      let fresh = 0;
      const seen = new Set<string>();
      for (const t of s.stems) if (!questionStems.has(t) && !seen.has(t) && !/^\d+$/.test(t)) (seen.add(t), fresh++);
      const positions: number[] = [];
      for (let i = 0; i < s.stems.length; i++) if (questionStems.has(s.stems[i])) positions.push(i);
      const proximity = positions.length > 1 ? Math.min(1, new Set(positions.map((i) => s.stems[i])).size / (positions[positions.length - 1] - positions[0] + 1)) : positions.length ? 0.5 : 0;
      let typeMatch = 0;
      let typeMiss = 0;
      switch (a.answerType) {
        case 'number':
          typeMatch = statesNewNumber(s, askedNumbers) ? 1 : 0;
          typeMiss = 1 - typeMatch;
          break;
        case 'who':
          // a name the question does not have, or (unless a name is asked for) an organisation or role
          // the question does not name as a whole word ("kommunstyrelsen" answers "… i Exempelkommun?")
          // "Vem är Lena Högberg?" asks what the person is: a role or a title ("Universitetslektor i företagsekonomi"),
          // not a sentence that only names her again ("Kontakta Lena Högberg: …")
          // "Vem var projektledare för …?" asks for a person: a first name and a surname the question does not have (a
          // place or a project named in the sentence is no answer to it: "… uppger projektledaren i Laholm …")
          typeMatch = asksIdentity
            ? ROLE_TITLE.test(s.text) ? 1 : 0
            : asksHolder
              ? (s.text.match(PERSON_NAME) ?? []).some((n) => isNew(analyze(n, { lexicon: retriever.lexicon }))) ? 1 : 0
              : s.nameTerms.some(isNew) || (!asksName && s.agentTerms.some((ts) => ts.length > 0 && !ownTerms.has(ts[0]))) ? 1 : 0;
          typeMiss = 1 - typeMatch;
          break;
        case 'when':
          // the year of a reference ("Forskarhubben, Samskapandeguiden, (2021), https://…") dates the work cited, not what was asked
          // (a year, a month or season, or a day of the week or time of day: "vardagar klockan 06.30–21.00", as statesWhatIsAsked reads it)
          typeMatch = !s.reference && (s.years.some((y) => !namesYear(s.text, y)) || textHas(s, MONTH_OR_SEASON) || textHas(s, STATES_TIME)) ? 1 : 0;
          typeMiss = 1 - typeMatch;
          break;
        case 'definition':
          typeMatch = s.defining ? 1 : 0;
          break;
        case 'list':
          // a lead-in, an item, a run of commas, or a run of names (a map's or a table's places, which the extract gives without commas)
          typeMatch = s.leadIn || s.item || (s.text.match(/,/g)?.length ?? 0) >= 2 || s.names.length >= 3 ? 1 : 0;
          break;
        case 'why':
          typeMatch = textHas(s, CAUSE) ? 1 : 0;
          break;
        default:
          break;
      }
      // (a table's row states the quantity its caption names: "Laxå 5 659 …" under "Tabell 1: Befolkningsstorlek, …")
      const captionNames = s.caption >= 0 && measure !== null && s.numbers.length > 0 && [...measure.all].some((t) => info.sentences[s.caption].terms.has(t));
      const quantityStated = measure ? ([...measure.own].some((t) => s.terms.has(t)) || statesQuantityOf(s.text, measure.all, lexicon) || captionNames ? 1 : 0) : 0;
      // the number is of the asked thing in the question's own word ("3 169 individer" for "hur många individer")
      const quantityAtNumber = measure && typeMatch && statesQuantityOf(s.text, measure.own, lexicon) ? 1 : 0;
      const features: FeatureVector = {
        bias: 1,
        coverage,
        coverageWithContext,
        passageCoverage: hit.parts.coverage,
        retrievalScore: hit.score / topScore,
        firstPassage: hitRank === 0 ? 1 : 0,
        inverseRank: 1 / (hitRank + 1),
        expansionCoverage,
        bigrams: pairs.length ? bigrams / pairs.length : 0,
        proximity,
        typeMatch,
        typeMiss,
        quantityStated,
        quantityAtNumber,
        durationStated: asksDuration && DURATION_FORMS.some((re) => textHas(s, re)) ? 1 : 0,
        yearsHeld: a.years.every((y) => passageYears.includes(y)) ? 1 : 0,
        polarityAgrees: a.polarity !== 0 && s.polarity === a.polarity ? 1 : 0,
        polarityOpposes: a.polarity !== 0 && s.polarity === -a.polarity ? 1 : 0,
        heading: s.heading ? 1 : 0,
        table: s.table ? 1 : 0,
        listLeadIn: s.leadIn ? 1 : 0,
        logWords: Math.log1p(s.words) / 4,
        english: a.language === 'en' ? 1 : 0,
        unknownTopic,
        fewTerms: 1 / (1 + q.core.length),
        neighbourCoverage: Math.max(coverageAt[k - 1] ?? 0, coverageAt[k + 1] ?? 0),
        missingName: names.length ? names.filter((t) => !has(t) && !ctx.has(t) && !(k > 0 && info.sentences[k - 1].terms.has(t))).length / names.length : 0,
        reference: s.reference ? 1 : 0,
        matchNumber: a.answerType === 'number' ? typeMatch : 0,
        matchWho: a.answerType === 'who' ? typeMatch : 0,
        matchWhen: a.answerType === 'when' ? typeMatch : 0,
        matchDefinition: a.answerType === 'definition' ? typeMatch : 0,
        matchList: a.answerType === 'list' ? typeMatch : 0,
        matchWhy: a.answerType === 'why' ? typeMatch : 0,
        coverageSq: coverageWithContext * coverageWithContext,
        coverageTimesType: coverageWithContext * typeMatch,
        coverageTimesRetrieval: coverageWithContext * (hit.score / topScore),
        definesAsked: asked.length ? asked.filter((t) => retriever.covers(q, t, (x) => s.subject.has(x))).length / asked.length : 0,
        // a table's row is quoted under its caption (quoteRuns), so the caption's words are in its window
        windowCoverage: coverageOfFlags(covered[k], ctxCovered, covered[k - 1], covered[k + 1], captionCovered),
        asks: /\?["”’)]?$/.test(s.text) ? 1 : 0,
        newTerms: Math.log1p(fresh) / 3,
        newShare: s.stems.length ? fresh / s.stems.length : 0,
        association: associationOf(s.terms) / 3,
        associationType: typeRow ? associationOfType(s.terms) / 3 : 0,
        askedMissing: askedAt.length ? askedAt.filter((j) => !(covered[k][j] || ctxCovered[j] || covered[k - 1]?.[j] || covered[k + 1]?.[j] || captionCovered?.[j])).length / askedAt.length : 0,
      };
      const countedAtNumber = quantityAtNumber === 1 && statesQuantityOf(s.text, measure!.own, lexicon, true);
      const namesSubgroup = subgroupTerms ? [info.sentences[k - 1], s, info.sentences[k + 1]].some((x) => x && subgroupTerms.some((t) => x.terms.has(t))) : undefined;
      out.push({ hitRank, hit, sentence: s, features, score: rankScore(features, model), unknownName, namesInPassage, countedAtNumber, namesSubgroup, question: { unknownShare, coveredIdf: Math.min(1.5, coveredIdf / 10), numberQuestion: a.answerType === 'number', openType: OPEN_TYPES.has(a.answerType) } });
    });
  });
  return out;
}

/**
 * The confidence features of a question's candidates (sorted best first) for the answer that quotes
 * `chosen` (the best sentence and its companions, `answerSet`): how clearly their quoted windows
 * (each with the sentences either side) stand out from the rest, and the best sentence's own evidence.
 */
export function confidenceFeatures(sorted: Candidate[], chosen: Candidate[] = sorted.slice(0, 1)): ConfidenceVector {
  const lead = sorted[0];
  const max = lead.score;
  // the answer quotes the chosen sentences with the sentences either side: candidates in those
  // windows are the same answer, not rivals
  const inWindow = (c: Candidate) => chosen.some((x) => c.hit.index === x.hit.index && Math.abs(c.sentence.i - x.sentence.i) <= 1);
  let sum = 0;
  let own = 0;
  for (const c of sorted) {
    const e = Math.exp(c.score - max);
    sum += e;
    if (inWindow(c)) own += e;
  }
  const rival = sorted.find((c) => !inWindow(c));
  const f = lead.features;
  return {
    bias: 1,
    share: own / sum,
    margin: rival ? Math.min(3, lead.score - rival.score) : 3,
    coverageWithContext: f.coverageWithContext,
    passageCoverage: f.passageCoverage,
    typeMiss: f.typeMiss,
    numberQuestion: lead.question.numberQuestion ? 1 : 0,
    quantityStated: f.quantityStated,
    quantityAtNumber: f.quantityAtNumber,
    yearsHeld: f.yearsHeld,
    polarityOpposes: f.polarityOpposes,
    unknownTopic: f.unknownTopic,
    english: f.english,
    fewTerms: f.fewTerms,
    bigrams: f.bigrams,
    unknownShare: lead.question.unknownShare,
    coveredIdf: lead.question.coveredIdf,
    leadScore: lead.score / 10,
    openType: lead.question.openType ? 1 : 0,
    askedMissing: f.askedMissing,
  };
}

/** "Vem är Lena Högberg?", "Who is Caroline Wigren-Kristoferson?": what a named person is */
const ASKS_IDENTITY = /^\W*(?:[Vv]em|[Ww]ho)\s+(?:är|var|is|was)\s+\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+){1,2}\s*\??$/u;
/** a role or a title a person has: a profession, an academic post, a post in an organisation */
const ROLE_TITLE = unicodeWords(/\b[\p{L}-]*(?:lektor|professor|docent|doktorand|forskare|ekonom|konsult|utvärderare|analytiker|strateg|utredare|sekreterare|rektor|projektledare|samordnare|koordinator|handläggare|chef|direktör|ordförande|grundare|ägare|vd|kommunalråd|politiker|lecturer|researcher|manager|director|coordinator|founder|chair|consultant|officer|head)\p{L}*\b/iu);

/** a programme named by a year ("Agenda 2030", "Europa 2020", "Horisont 2020"): the year is a name there, not a time */
const YEAR_NAMES = /(?<![\p{L}])(?:Agenda|Vision|Visionen|Horisont|Horizon|Europa|Europe|Strategi|Program|Programmet)\s+((?:19|20)\d{2})(?!\d)/gu;

/** Whether every mention of `year` in `text` is part of a name such as "Agenda 2030". */
export function namesYear(text: string, year: string): boolean {
  const named = [...text.matchAll(YEAR_NAMES)].filter((m) => m[1] === year).length;
  return named > 0 && named === text.split(year).length - 1;
}

/**
 * What a direct answer quotes: the best sentence with those that score nearly as well (within the
 * model's companion margin, from any of the passages; at most 2 sentences, 4 for a list question),
 * never a heading, a reference entry or a neighbour of one already chosen.
 */
export function answerSet(sorted: Candidate[], model: AnswerModel, a: Pick<QuestionAnalysis, 'answerType'>): Candidate[] {
  const lead = sorted[0];
  const chosen = [lead];
  const max = a.answerType === 'list' ? 4 : 2;
  for (const c of sorted.slice(1)) {
    if (c.score < lead.score - model.companionMargin || chosen.length >= max) break;
    if (c.sentence.heading || c.features.reference || chosen.some((x) => x.hit.index === c.hit.index && Math.abs(x.sentence.i - c.sentence.i) <= 1)) continue;
    chosen.push(c);
  }
  return chosen;
}

/**
 * "När startade X?", "Vilken period pågick X?", "When did X run?" about a case study the question names
 * (`QueryTerms.cases`): the case's fact box states it as a field ("• Genomförandeperiod: jan '15–dec '19"),
 * which no sentence of running text has in words the question shares; that line is the answer, quoted
 * and cited as any other. Only a fact box among the retrieved passages is read (they are the asker's to
 * read). Null for other questions, or when no such line is found.
 */
export function factBoxPeriod(a: QuestionAnalysis, hits: SearchHit[], retriever: Retriever, language: Language): Composed | null {
  // (a question of several parts asks more than the period: its parts are answered one by one, this one among them)
  if (!ASKS_PERIOD.test(a.focus) || a.terms.cases?.length !== 1 || (a.parts.length > 1 && !a.parts.includes(a.focus))) return null;
  const name = a.terms.cases[0];
  for (const hit of hits.slice(0, 20)) {
    if (retriever.caseOf(hit.index)?.name !== name) continue;
    const line = passageInfo(hit.chunk, retriever.lexicon).sentences.find((s) => PERIOD_FIELD.test(s.text));
    if (!line) continue;
    const citations = [{ ...citationOf(hit.chunk, [line], a), n: 1 }];
    return { outcome: 'answer', answered: true, answer: render(language, 'answer', citations), citations, confidence: FACT_BOX_CONFIDENCE, reason: 'fact box' };
  }
  return null;
}
/** a question for when something started, ended or ran (not "när hölls mötet?": a case study's period) */
const ASKS_PERIOD = unicodeWords(
  /\b(?:när\s+(?:startade|började|inleddes|drog\s+(?:[^?]{1,60}?\s+)?igång|kom\s+(?:[^?]{1,60}?\s+)?igång|avslutades|slutade|upphörde|tog\s+(?:[^?]{1,60}?\s+)?slut|pågick|genomfördes|löpte)|(?:vilken|under\s+vilken)\s+(?:tidsperiod|period|tid)\b|hur\s+länge\s+(?:pågick|varade|löpte)|genomförandeperiod\p{L}*|projektperiod\p{L}*|when\s+did\s+[^?]*\b(?:start|begin|end|finish|run|take\s+place)|how\s+long\s+did\s+[^?]*\b(?:run|last|go\s+on)|(?:what|which)\s+(?:period|years|dates))/iu,
);
/** a fact box's period field: "Genomförandeperiod: jan '15–dec '19", "Projektperiod: 2018–2020" */
const PERIOD_FIELD = /^\W{0,4}(?:genomförandeperiod|projektperiod|projekttid)\W{0,4}:/iu;
/** the confidence of an answer read from a fact box's field (a field, not a sentence the model scored) */
const FACT_BOX_CONFIDENCE = 0.9;

export function compose(opts: ComposeOptions): Composed {
  const { analysis: a, hits } = opts;
  const model = opts.model ?? answerModel();
  const language = opts.answerLanguage ?? a.language;
  if (!hits.length) return nothing(language, 'no passages');
  const field = factBoxPeriod(a, hits, opts.retriever, language);
  if (field) return field;
  const cands = candidates({ ...opts, model });
  if (!cands.length) return nothing(language, 'no sentences');
  const sorted = [...cands].sort((x, y) => y.score - x.score);
  const lead = sorted[0];
  const chosen = answerSet(sorted, model, a);
  const confidence = Number(confidenceOf(confidenceFeatures(sorted, chosen), model).toFixed(3));
  const best = hits[0];
  const offTopic = lead.features.unknownTopic === 1;
  // a name no passage has: the topic is not in the sources; an unknown word bars a direct answer, and
  // passages too when it is a large part of the question (coverage counts only the words the sources know)
  if (best.parts.coverage < MIN_PASSAGE_COVERAGE || lead.unknownName || (offTopic && (best.parts.coverage < 0.5 || lead.question.unknownShare > 1 / 3)))
    return nothing(language, `passage coverage ${best.parts.coverage.toFixed(2)}${offTopic ? ', unknown topic' : ''}`);

  // one part of a question of several (`opts.part`), and the whole of one, is answered only from a passage with every
  // name the message has: the part alone may lack them, and an answer to the whole stands for every part
  if (confidence >= model.answerThreshold && !lead.sentence.heading && !(offTopic && lead.question.unknownShare > OFF_TOPIC_SHARE) && statesWhatIsAsked(lead, a) && (!(opts.part || a.parts.length > 1) || lead.namesInPassage)) {
    // quoted with the sentences either side, which the confidence was fitted for (a fact often
    // runs over a sentence boundary in these extracts)
    const own = withoutRepeats(quoteRuns(chosen, a, opts.retriever.lexicon, true));
    // an answer the model is not sure of is followed by the passages that come next, labelled as not part of it
    const quoted = new Set(chosen.map((c) => c.hit.index));
    const further = confidence < RELATED_BELOW ? closestPassages(sorted.filter((c) => !quoted.has(c.hit.index)), a, opts.retriever.lexicon, RELATED_PASSAGES, RELATED_PER_PASSAGE) : [];
    const citations: Citation[] = withoutRepeats([...own, ...further.map((r) => ({ ...r, related: true }))]).map((r, i) => ({ ...r, n: i + 1 }));
    return { outcome: 'answer', answered: true, answer: render(language, 'answer', citations), citations, confidence };
  }

  // so little evidence that the closest passages would be noise: nothing found
  if (confidence < (model.passagesThreshold ?? MIN_PASSAGES_CONFIDENCE)) return nothing(language, `confidence ${confidence}`);

  // the closest passages, each quoted around its best sentences
  const citations = withoutRepeats(closestPassages(sorted, a, opts.retriever.lexicon, CLOSEST_PASSAGES, PER_PASSAGE)).map((r, i) => ({ ...r, n: i + 1 }));
  // the confidence says whether a direct answer was given: when a check above barred one, it is below the threshold
  const shown = Math.min(confidence, Number((model.answerThreshold - 0.001).toFixed(3)));
  return { outcome: 'passages', answered: false, answer: render(language, 'passages', citations), citations, confidence: shown, reason: `confidence ${confidence}` };
}

/**
 * The quotes of the `passages` passages that come closest (`sorted`: candidates best first), each quoted around its
 * `perPassage` best sentences (with their neighbours), in the order retrieval ranked the passages.
 */
function closestPassages(sorted: Candidate[], a: QuestionAnalysis, lexicon: Lexicon, passages: number, perPassage: number): Array<Omit<Citation, 'n'>> {
  const picked = new Map<number, Candidate[]>();
  for (const c of sorted) {
    const list = picked.get(c.hit.index);
    if (list) {
      if (list.length < perPassage) list.push(c);
    } else if (picked.size < passages) picked.set(c.hit.index, [c]);
  }
  const picks = [...picked.values()].sort((x, y) => x[0].hitRank - y[0].hitRank);
  return picks.flatMap((cs) => quoteRuns(cs, a, lexicon, true));
}

/**
 * Checks no model weight may overrule: "vad heter …?" is answered only by a sentence with a name the
 * question does not have; a number question is answered only by a sentence that states
 * a number (`typeMatch`: a figure the question does not name itself, or a number word) of the measured thing ("hur många personer" is not answered by a count of procurements),
 * in a passage that covers every year the question names; a question for a duration only by a
 * sentence that states one; "när …?" only by a sentence that states a time (a year, a date, a month,
 * a season: `typeMatch` of the 'when' type; or a day, an hour: STATES_TIME); a question for a sum
 * of money ("hur mycket kostade …?", "vilken lön …?": ASKS_MONEY) only by a sentence with a currency
 * (STATES_MONEY); and no question that names a year by a passage without that year (`yearsHeld`).
 * The last two were measured on the pooled tune halves (session 9): unanswerable refused 87.5 → 93.8 %,
 * no correct answer lost.
 */
export function statesWhatIsAsked(lead: Pick<Candidate, 'features' | 'sentence' | 'countedAtNumber' | 'namesSubgroup'>, a: Pick<QuestionAnalysis, 'answerType' | 'focus'>): boolean {
  // "vad heter …?" asks for a name: a name the question does not have itself (`typeMatch` of 'who')
  if (a.answerType === 'who' && (ASKS_NAME.test(a.focus) || ASKS_ROLE_HOLDER.test(a.focus))) return lead.features.typeMatch === 1;
  // "hur mycket kostade …?", "vilken lön …?" is answered by a sum of money, not by any figure
  if (ASKS_MONEY.test(a.focus) && !STATES_MONEY.test(lead.sentence.text)) return false;
  // "hur stor andel …?" is answered by a share (a percentage, a fraction, "två av tre"), not by a count
  if (a.answerType === 'number' && ASKS_SHARE.test(a.focus) && !ASKS_MONEY.test(a.focus) && !STATES_SHARE.test(lead.sentence.text)) return false;
  // a year the question names that the passage does not have ("Vilka kommuner är med i nätverket 2024?")
  if (lead.features.yearsHeld === 0) return false;
  // "när …?" is answered by a time: a year, a date, a month or a season, a day or an hour
  if (a.answerType === 'when') return lead.features.typeMatch === 1 || STATES_TIME.test(lead.sentence.text);
  if (a.answerType !== 'number') return true;
  // "hur länge …?" is answered by a duration ("upp emot tio år"), not by any number
  if (DURATION_TRIGGER.test(a.focus) && !lead.features.durationStated) return false;
  // "hur många personer …?", "how many people …?" names the counted thing at once: a number of
  // it answers, not a number of something else in a sentence that mentions it ("Bostad först erbjuder
  // hemlösa personer …" has no count of people); after "hur många som …", "hur mycket av …" the
  // counted thing is a clause, and the measured thing anywhere in the sentence must do
  const counted = COUNT_TRIGGER.exec(a.focus.split(/[?!.]/)[0]);
  const firstWord = counted ? tokenize(counted[1])[0] : undefined;
  const namesCounted = firstWord !== undefined && !/^\d/.test(firstWord) && !isStopword(firstWord) && !QUESTION_WORDS.has(firstWord);
  // "hur många deltagare …?" names what it counts: a sentence whose every figure is a percentage ("Totalt fick 93 procent
  // arbete") does not give the count (unless a share or a part is asked for: "hur många procent", "hur många av …";
  // after "hur många som …" a share will do)
  if (namesCounted && !ASKS_SHARE.test(a.focus) && !ASKS_PART.test(a.focus) && !ASKS_MONEY.test(a.focus) && onlyPercentages(lead.sentence.text)) return false;
  // "hur många var med i fokusgrupperna?", "how many took part in the workshops?": a sentence whose every figure counts a
  // thing the question names ("Två fokusgrupper har genomförts") counts that, not who was in it
  if (!namesCounted && ASKS_WHO_TOOK_PART.test(a.focus) && countsOnlyNamed(lead.sentence.text, a.focus)) return false;
  // "hur många av deltagarna var tjejer?" asks for the part, not the whole: a count of all participants that does not
  // name the part ("Totalt deltog 3 169 individer") does not answer it
  if (lead.namesSubgroup === false) return false;
  const measured =
    (namesCounted ? lead.features.quantityAtNumber === 1 && lead.countedAtNumber !== false : lead.features.quantityStated === 1) ||
    ASKS_MONEY.test(a.focus) ||
    // "hur mycket vinner en kommun …?" asks for an amount, and a sum of money is one; "hur många av
    // deltagarna …?", "how many percent …" ask for a part, and a share is one ("93 procent")
    (ASKS_AMOUNT.test(a.focus) && STATES_MONEY.test(lead.sentence.text)) ||
    ((ASKS_PART.test(a.focus) || ASKS_SHARE.test(a.focus)) && STATES_SHARE.test(lead.sentence.text)) ||
    !(COUNT_TRIGGER.test(a.focus) || COMPARED_QUANTITY.test(a.focus));
  return lead.features.typeMatch === 1 && measured && lead.features.yearsHeld === 1;
}

/** words for any group of people, which a count of all participants names as well as a count of a part: no part of it */
const GROUP_WORDS = 'ung unga ungdom ungdomar person personer individ individer människor deltagare deltagarna vuxna invånare people persons individuals participants young youth adults';

/** "hur många av X var Y?", "how many of them were Y?": Y, the part of the group asked for, when a copula ends the asking sentence with it */
const SUBGROUP = unicodeWords(/\b(?:hur många av|how many of)\b[^?.!]*?\s(?:var|är|blev|were|are|was|became)\s+(?:det\s+|there\s+)?(\p{L}[\p{L}-]*(?:\s+(?:och|respektive|eller|and|or)\s+\p{L}[\p{L}-]*)?)\s*[?.!]*\s*$/iu);

/**
 * The part of a group a count question asks for by what the part is: "Hur många av deltagarna i Boost var tjejer?" →
 * "tjejer", "how many of them were women and how many men?" is not one (it goes on); null when the question names none
 * (a part asked for by what it did, "hur många av deltagarna fick jobb?", is the counted clause's, see ASKS_PART).
 */
export function askedSubgroup(focus: string): string | null {
  return SUBGROUP.exec(focus.trim())?.[1] ?? null;
}

/** a count of the people who took part, the counted thing unnamed: "hur många var med i …", "how many took part in …" */
const ASKS_WHO_TOOK_PART = unicodeWords(/\b(?:hur många (?:som )?(?:var med|deltog|deltar|medverkade|medverkar|kom|var där|intervjuades|svarade)|how many (?:people )?(?:took part|take part|participated|attended|were (?:there|involved|interviewed)|joined|came|responded))\b/iu);
/** number words a count is written with ("två fokusgrupper", "three workshops") */
const COUNT_WORDS_RE = /(?<![\p{L}\d])(\d[\d  ]*|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(\p{L}{4,})/giu;

/**
 * Whether every count in a sentence is a count of a thing the question itself names ("Två fokusgrupper har genomförts"
 * for "hur många var med i fokusgrupperna?"): the word after each figure starts as a word of the question does (its
 * first five letters or more, so "fokusgrupper" meets "fokusgrupperna"). False when the sentence has no such count.
 */
export function countsOnlyNamed(sentence: string, question: string): boolean {
  const asked = (question.toLowerCase().match(/\p{L}{5,}/gu) ?? []).filter((w) => !isStopword(w));
  const counts = [...sentence.matchAll(COUNT_WORDS_RE)].filter((m) => !/^(?:19|20)\d\d$/.test(m[1]!.trim()));
  if (!counts.length) return false;
  const stem = (w: string) => w.slice(0, Math.max(5, w.length - 3));
  return counts.every((m) => {
    const noun = m[2]!.toLowerCase();
    return asked.some((w) => w.startsWith(stem(noun)) || noun.startsWith(stem(w)));
  });
}

/** Whether every figure of a sentence is a percentage ("50 procent", "93 %"), and it has one. */
function onlyPercentages(text: string): boolean {
  const figures = [...text.matchAll(/(?<![\p{L}\d])\d[\d  ]*(?:[,.]\d+)?(?![\d])/gu)].filter((m) => !/^(?:19|20)\d\d$/.test(m[0].trim()));
  return figures.length > 0 && figures.every((m) => /^\s*(?:%|procent|percent|per cent)/iu.test(text.slice(m.index! + m[0].length)));
}

/** Whether a sentence states a figure the question does not itself name, or a number word. */
function statesNewNumber(s: Pick<PassageSentence, 'numbers' | 'numberWord'>, asked: ReadonlySet<string>): boolean {
  return s.numberWord || s.numbers.some((n) => !asked.has(n));
}

/** how many of a table row's cells after a full stop may follow it in the extract ("Blocköver-skridande." / "Ja."), each of at most ROW_TAIL_WORDS words */
const ROW_TAIL = 3;
const ROW_TAIL_WORDS = 3;

/**
 * The quoted runs of chosen sentences: per passage, the sentences in document order with what
 * belongs to them (a heading's next sentence, a lead-in's items; with `window`, the next sentence
 * too), contiguous sentences joined into one citation whose lines are exactly theirs.
 */
function quoteRuns(chosen: Candidate[], a: QuestionAnalysis, lexicon: Lexicon, window = false): Array<Omit<Citation, 'n'>> {
  const byChunk = new Map<number, { hit: SearchHit; idx: Set<number>; best: number }>();
  for (const c of chosen) {
    const e = byChunk.get(c.hit.index) ?? { hit: c.hit, idx: new Set<number>(), best: c.score };
    e.idx.add(c.sentence.i);
    e.best = Math.max(e.best, c.score);
    byChunk.set(c.hit.index, e);
  }
  const out: Array<Omit<Citation, 'n'> & { best: number }> = [];
  // a list is quoted whole for a question that asks for a list, and for an open one ("What hampers
  // collaboration?", "Hur arbetar man med …?"), whose answer a list's items give together; a number,
  // a name or a time is one item's
  const wholeList = a.answerType === 'list' || OPEN_TYPES.has(a.answerType);
  for (const { hit, idx, best } of byChunk.values()) {
    const { sentences } = passageInfo(hit.chunk, lexicon);
    // a planted instruction is never quoted, not even as a neighbour
    const at = (i: number) => sentences.find((s) => s.i === i && !s.planted);
    for (const i of [...idx]) {
      const s = at(i);
      if (!s) continue;
      // a heading is never an answer alone: its first sentence comes with it
      // (a table's row takes no other row as its neighbour: "Laxå 0 Malmö 1 … Mölndal 0" joined three municipalities;
      // it takes its caption instead, "Tabell 7: Upphandlingar …", when that is in the passage)
      const rowLike = (j: number) => TABLE_ROW_START.test(at(j)?.text ?? '');
      const tableRow = (j: number) => rowLike(j) && ((at(j)?.caption ?? -1) >= 0 || rowLike(j - 1) || rowLike(j + 1));
      const row = tableRow(i);
      // (nor does a row's last sentence take the next row: "… Totalt sex reserverade kontrakt. Sölvesborg 0")
      const otherRow = (j: number) => tableRow(j) && (row || j > i);
      if ((s.heading || window) && at(i + 1) && !otherRow(i + 1)) idx.add(i + 1);
      // a row's cells the extract put after a full stop ("Hudiksvall 37 531 2 486,30 Blocköver-skridande." / "Ja.") are the row's
      // own: they come with it, and what stands before a row is the end of the row above (or its caption, added below)
      if (row) for (let j = i + 1; j <= i + ROW_TAIL && at(j) && !rowLike(j) && at(j)!.words <= ROW_TAIL_WORDS; j++) idx.add(j);
      // what precedes a heading belongs to another section
      if (window && !s.heading && !row && at(i - 1) && !at(i - 1)!.table && !otherRow(i - 1)) idx.add(i - 1);
      if (window && row && at(s.caption)) idx.add(s.caption);
      // a lead-in brings its list items; so does a sentence the list follows at once ("… tillsammans
      // med tolv kommuner: Deltagande kommuner" before "• Helsingborg", "• Hudiksvall" …)
      // (up to MAX_LIST_ITEMS: eight of the twelve municipalities read as the whole list)
      if (s.leadIn) for (let j = i + 1; j <= i + MAX_LIST_ITEMS && at(j) && (at(j)!.item || j === i + 1); j++) idx.add(j);
      else if (!s.item && at(i + 1)?.item) for (let j = i + 1; j <= i + MAX_LIST_ITEMS && at(j)?.item; j++) idx.add(j);
      // a list item is quoted with its list: the items up to the list's heading or lead-in, and for a
      // question that asks for a list, every item of it (issue 12: a list is quoted with its heading
      // and its rows whole)
      if (s.item || ((s.heading || s.leadIn) && wholeList && at(i + 1)?.item)) {
        let first = i;
        while (first > 0 && at(first - 1)?.item && i - first < MAX_LIST_ITEMS) first--;
        const head = at(first - 1);
        if (head && !head.item && (head.heading || head.leadIn) && i - first <= (wholeList ? MAX_LIST_ITEMS : 3)) for (let j = first - 1; j < i; j++) idx.add(j);
        if (wholeList) for (let j = i + 1; j <= first + MAX_LIST_ITEMS && at(j)?.item; j++) idx.add(j);
      }
    }
    // items of one list are one quote: the items between two quoted items of the same list are quoted too
    const chosenItems = [...idx].filter((i) => at(i)?.item).sort((x, y) => x - y);
    for (let k = 1; k < chosenItems.length; k++) {
      const [from, to] = [chosenItems[k - 1], chosenItems[k]];
      if (to - from <= MAX_LIST_ITEMS && Array.from({ length: to - from - 1 }, (_, d) => at(from + 1 + d)).every((x) => x?.item)) for (let j = from + 1; j < to; j++) idx.add(j);
    }
    const order = [...idx].sort((x, y) => x - y);
    let run: PassageSentence[] = [];
    const flush = () => {
      if (!run.length) return;
      // a list the quote stops in the middle of says so: its items go on after the last one quoted
      const last = run[run.length - 1];
      const cut = last.item && Boolean(at(last.i + 1)?.item);
      out.push({ ...citationOf(hit.chunk, run, a, cut), best });
      run = [];
    };
    for (const i of order) {
      const s = at(i);
      if (!s) continue;
      if (run.length && run[run.length - 1].i !== i - 1) flush();
      run.push(s);
    }
    flush();
  }
  return out.sort((x, y) => y.best - x.best).map(({ best: _b, ...c }) => c);
}

/**
 * Quotes without repeats: adjacent passages share a sentence (the chunker's overlap), so two quotes
 * may show the same lines. A quote of the same document whose lines lie at least half within an
 * earlier quote's is left out (the earlier one, ranked higher, stays).
 */
export function withoutRepeats<T extends Pick<Citation, 'docId' | 'lines'>>(quotes: T[]): T[] {
  const kept: T[] = [];
  for (const q of quotes) {
    const [a, b] = q.lines;
    const repeats = kept.some((k) => k.docId === q.docId && Math.min(b, k.lines[1]) - Math.max(a, k.lines[0]) + 1 >= (b - a + 1) / 2);
    if (!repeats) kept.push(q);
  }
  return kept;
}

/**
 * A quote without the footnotes' links the PDF extract ran into the text ("… målsättningar 9
 * https://innovation.helsingborg.se/ 12 https://www.hetch.se/ …"): a footnote number with its
 * link, or two or more links in a row, become "…" (a skipped stretch, issue 12). A single link in
 * a sentence stays: it may be what was asked for.
 */
export function elideFootnoteLinks(text: string): string {
  return text
    .replace(/(?:\s+\d{1,3}\s+(?:https?:\/\/|www\.)\S+)+/g, ' …')
    .replace(/(?:\s+(?:https?:\/\/|www\.)\S+){2,}/g, ' …')
    .replace(/(?:\s…)+/g, ' …');
}

/** One citation for a contiguous run of sentences: a table is quoted with its heading and the rows that concern the question. */
function citationOf(chunk: Chunk, run: PassageSentence[], a: QuestionAnalysis, cut = false): Omit<Citation, 'n'> {
  const parts = run.map((s) => (s.table ? tableQuote(s.text, a) : elideFootnoteLinks(s.text)));
  if (cut) parts.push('…');
  const list = run.some((s) => s.item);
  return {
    docId: chunk.docId,
    title: chunk.title,
    section: chunk.section,
    lines: [Math.min(...run.map((s) => s.lines[0])), Math.max(...run.map((s) => s.lines[1]))],
    page: chunk.page,
    quote: parts.join(list ? '\n' : ' '),
  };
}

/** A flattened table quoted as its heading and the whole rows that name one of the question's terms; skipped rows are "…". */
export function tableQuote(text: string, a: Pick<QuestionAnalysis, 'terms'>): string {
  const t = tableRows(text);
  if (!t) return text;
  const q = new Set([...a.terms.core, ...a.terms.expanded]);
  const keep = t.rows.map((r) => analyze(r.split(/\s+\d/)[0]).some((x) => q.has(x)));
  if (!keep.some(Boolean)) return t.head ? `${t.head} …` : text;
  const out: string[] = t.head ? [t.head] : [];
  let skipped = false;
  t.rows.forEach((r, i) => {
    if (keep[i]) {
      if (skipped || (i > 0 && !keep[i - 1] && out.length)) out.push('…');
      out.push(r);
      skipped = false;
    } else skipped = true;
  });
  if (skipped) out.push('…');
  return out.join(' ').replace(/(?:\s…)+/g, ' …');
}

/**
 * An answer's text: the intro for its outcome and its number of sources, the body (by default each citation's
 * quote; `composeParts` gives its parts under their questions) and the list of sources.
 */
function render(language: Language, outcome: 'answer' | 'passages', citations: Citation[], body: string[] = answerBody(citations, language)): string {
  const en = language === 'en';
  const intro =
    outcome === 'answer'
      ? en
        ? citations.length > 1
          ? 'According to the sources (quoted in Swedish):'
          : 'According to the source (quoted in Swedish):'
        : citations.length > 1
          ? 'Enligt underlagen:'
          : 'Enligt underlaget:'
      : en
        ? "I can't find a definite answer to that in the sources. These passages come closest (quoted in Swedish) – they are not an answer, so read them before drawing conclusions:"
        : 'Jag hittar inget säkert svar på det i underlagen. De här avsnitten ligger närmast – de är inget svar, så läs dem innan du drar slutsatser:';
  const list = citations.map((c) => sourceLine(c, language));
  return `${intro}\n\n${body.join('\n\n')}\n\n${en ? 'Sources' : 'Källor'}:\n${list.join('\n')}`;
}

/** The quotes of an answer, and after them, under their own label, the further passages (`Citation.related`). */
function answerBody(citations: Citation[], language: Language): string[] {
  const own = citations.filter((c) => !c.related).map((c) => renderQuote(c.quote, c.n));
  const further = citations.filter((c) => c.related).map((c) => renderQuote(c.quote, c.n));
  if (!further.length) return own;
  const label = language === 'en' ? 'Other passages that may be relevant (not part of the answer above):' : 'Andra avsnitt som kan vara relevanta (de ingår inte i svaret ovan):';
  return [...own, label, ...further];
}

/** a pronoun or demonstrative that stands for something said before ("de", "dem", "det", "dit", "they", "that country") */
const REFERS_BACK = unicodeWords(/\b(?:de|dem|den|det|dess|deras|dit|där|denna|detta|dessa|they|them|it|its|their|there|that|this|those|these)\b/iu);

/**
 * The answer to a question of several parts (`subQuestions`), each part composed on its own: a direct
 * answer when at least one part has one, each part under its own question, a part without a direct
 * answer said to have none (its closest passages are not shown: the answer stays one of quotes that
 * answer), and a part that refers back by a pronoun to a part without an answer has none either (`REFERS_BACK`).
 * Citations are numbered across the parts; a quote two parts share is shown once and referred to by its number after.
 * Its confidence is the lowest of the answered parts'. Null when no part has a direct answer.
 */
export function composeParts(parts: Array<{ question: string; composed: Composed }>, language: Language): Composed | null {
  // a part that speaks of the one before by a pronoun ("…, och vad gör de med metoden nu?", "… and why that country?") is
  // not answered when that one is not: what the pronoun stands for is then unknown
  const has = parts.map((p) => p.composed.outcome === 'answer');
  for (let i = 1; i < parts.length; i++) if (has[i] && !has[i - 1] && REFERS_BACK.test(parts[i]!.question)) has[i] = false;
  parts = parts.map((p, i) => (has[i] || p.composed.outcome !== 'answer' ? p : { ...p, composed: { ...p.composed, outcome: 'passages' as const, answered: false } }));
  const answered = parts.filter((p) => p.composed.outcome === 'answer');
  if (!answered.length) return null;
  const en = language === 'en';
  const citations: Citation[] = [];
  const sections: string[] = [];
  for (const p of parts) {
    const asked = p.question.charAt(0).toUpperCase() + p.question.slice(1).replace(/[\s,.;:]*\??$/u, '?');
    if (p.composed.outcome !== 'answer') {
      sections.push(`${asked}\n${en ? 'I find no definite answer to this part in the sources.' : 'På den delen hittar jag inget säkert svar i underlagen.'}`);
      continue;
    }
    const quotes = p.composed.citations.filter((c) => !c.related).map((c) => {
      const seen = citations.find((x) => x.docId === c.docId && x.lines[0] === c.lines[0] && x.lines[1] === c.lines[1]);
      // a quote an earlier part showed is referred to, not shown again
      if (seen) return en ? `See [${seen.n}] above.` : `Se [${seen.n}] ovan.`;
      const own = { ...c, n: citations.length + 1 };
      citations.push(own);
      return renderQuote(own.quote, own.n);
    });
    sections.push(`${asked}\n${quotes.join('\n\n')}`);
  }
  return { outcome: 'answer', answered: true, answer: render(language, 'answer', citations, sections), citations, confidence: Math.min(...answered.map((p) => p.composed.confidence)) };
}

/** A citation's line in an answer's source list: "[2] Titel, avsnitt, rad 3–7" ("lines" in English). */
export function sourceLine(c: Pick<Citation, 'n' | 'title' | 'section' | 'lines'>, language: Language): string {
  return `[${c.n}] ${c.title}, ${c.section}, ${language === 'en' ? 'lines' : 'rad'} ${c.lines[0]}–${c.lines[1]}`;
}

function renderQuote(quote: string, n: number): string {
  const lines = quote.split('\n');
  if (lines.length > 1) return lines.map((l, i) => (i === lines.length - 1 ? `${l} [${n}]` : l)).join('\n');
  // a quote that holds a quotation of its own (an interviewee's words, at its start, end or inside)
  // keeps its own marks and gets none around it: marks of ours would double or cross them
  return /[”"„“«»]/.test(quote) ? `${quote} [${n}]` : `”${quote}” [${n}]`;
}

/**
 * What Brygga says when the sources do not answer. Residents (audience `public`, the web widget)
 * cannot match needs or draft invitations, so they are not offered those.
 */
export function abstainText(language: Language, audience: Audience = 'internal'): string {
  const skills = audience !== 'public';
  if (language === 'en')
    return (
      `I can't find that in the sources I have. I can answer questions about ${sourcesPhrase('en', audience)} — for example on co-creation, social enterprises, procurement and the EU-funded projects` +
      (skills ? ' — or help you match a need to social enterprises or draft an invitation to a dialogue meeting.' : '.')
    );
  return (
    `Det hittar jag inte i underlagen. Jag kan svara på frågor om ${sourcesPhrase('sv', audience)} – till exempel om samskapande, sociala företag, upphandling och de EU-finansierade projekten` +
    (skills ? ' – eller hjälpa dig att matcha ett behov mot sociala företag eller skriva en inbjudan till ett dialogmöte.' : '.')
  );
}

/**
 * What Brygga answers about, said to this audience: staff read the local policies too; residents are not
 * promised documents they may not read (the policies are internal), nor told that such documents exist.
 */
export function sourcesPhrase(language: Language, audience: Audience): string {
  if (audience === 'public') return language === 'en' ? 'the reports and documents open to everyone' : 'rapporterna och dokumenten som är öppna för alla';
  return language === 'en' ? 'the reports and local policies in the knowledge base' : 'rapporterna och de lokala styrdokumenten';
}

function nothing(language: Language, reason: string): Composed {
  return { outcome: 'none', answered: false, answer: abstainText(language), citations: [], confidence: 0, reason };
}

