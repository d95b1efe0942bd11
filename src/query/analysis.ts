/**
 * The one place a question is understood. `analyzeQuestion` turns the text a person typed into one
 * value that retrieval and the answer composer both read, so no other module tokenizes, corrects
 * or classifies the question again:
 *
 * - normalized text: Unicode NFKC, greetings and self-introductions left out ("Hej, jag heter
 *   Gunnar och jobbar på skolförvaltningen. Vilka …?" → "Vilka …?"), misspelled or diacritic-less
 *   words corrected against the index vocabulary (src/query/spelling.ts);
 * - language (sv | en), the analyzed terms (stems, compound parts, number words as digits, glossary
 *   expansions and English → Swedish translations with their weights: `QueryTerms`);
 * - polarity (does it ask for what hinders, −1, or what helps, +1?) and the expected answer type
 *   (a number for "hur många", a name for "vem", a time for "när", a definition for "vad är" …).
 */
import type { Language } from '../domain/types.js';
import { detectLanguage } from '../answer/language.js';
import { analyze, isStopword, QUESTION_WORDS, splitCompound, stem, tokenize } from '../retrieval/analyzer.js';
import type { QueryTerms, Retriever } from '../retrieval/search.js';
import { changesRealWord, isEnglishWord } from './dictionary.js';
import { englishWordsByLength, translateEnglish } from '../lexicon/bilingual.js';
import { correctEnglishWord, correctWord, diacriticVariant, expandAbbreviation, foldDiacritics, MAX_CORRECTIONS, restoreDiacriticsByStem, type Correction } from './spelling.js';
import { unicodeWords } from '../text/words.js';
import { associations, type AssociationTable } from '../answer/associations.js';

export type AnswerType = 'number' | 'list' | 'who' | 'when' | 'definition' | 'why' | 'how' | 'yesno' | 'other';

export interface QuestionAnalysis {
  /** the question as typed (trimmed) */
  original: string;
  /** what retrieval and the composer read: NFKC, without greeting or introduction, spelling corrected */
  text: string;
  language: Language;
  corrections: Correction[];
  terms: QueryTerms;
  /** −1: asks for obstacles, drawbacks, what did not work; +1: for success factors, benefits; 0: neither */
  polarity: -1 | 0 | 1;
  answerType: AnswerType;
  /** years the question names */
  years: string[];
  /**
   * The core terms of the thing a "vilken/vilket/vilka X" or "which/what X" question asks for (its
   * head noun, `askedNoun`): "Vilken lön har en Flexit-forskare?" asks for a salary; a passage about
   * Flexit researchers that names no salary does not answer it. Empty for other questions.
   */
  asked: string[];
  /**
   * The sentences that ask (those ending in "?", else the last one) when a message has context
   * sentences before or around its question; the same as `text` for a one-sentence question. The
   * answer type, polarity and the checks for unknown words read this.
   */
  focus: string;
  /**
   * The questions the focus asks, one per part ("Vad är SSA-funktionen, och var hamnade den efter
   * projektet?" → two): `subQuestions`. One element, the focus, for a question of one part. With
   * `opts.part`, `focus` is that part and the other parts count as context.
   */
  parts: string[];
}

/**
 * How much a term that only the context sentences of a long message have counts, relative to the
 * question's own terms (BM25 weight and coverage). Names keep their full weight: they say what the
 * question is about. Chosen on the tune part of the dev questions (0.3, 0.5 and 1 tried).
 */
export const CONTEXT_WEIGHT = 0.3;

/**
 * The search expansion by learned associations (src/answer/associations.ts): per core term, its
 * ASSOCIATIONS_PER_TERM strongest associated terms of at least ASSOCIATION_MIN_WEIGHT (a log ratio:
 * about 2.7× as frequent in answers), one synonym group weighing ASSOCIATION_EXPANSION_WEIGHT of an
 * expansion and never more than the word's own idf. Chosen on the pooled tune halves (session 9:
 * weight 0 / 0.2 / 0.5 → correct 63.8 / 65.7 / 65.1 %, confidently wrong 14.5 / 13.1 / 14.9 %; the
 * size and the cut were fixed beforehand). On the measure halves, 0.2: Recall@5 0.868 → 0.881, MRR@10
 * 0.758 → 0.772.
 */
export const ASSOCIATION_EXPANSION_WEIGHT = 0.2;
export const ASSOCIATIONS_PER_TERM = 3;
export const ASSOCIATION_MIN_WEIGHT = 1;

const strongest = new WeakMap<ReadonlyMap<string, number>, string[]>();
/**
 * An association row's terms of at least ASSOCIATION_MIN_WEIGHT, strongest first (ties in the row's
 * order), worked out once per row: every question sorted whole rows of hundreds of terms before.
 */
function strongestFirst(row: ReadonlyMap<string, number>): string[] {
  let list = strongest.get(row);
  if (!list) {
    list = [...row].filter(([, v]) => v >= ASSOCIATION_MIN_WEIGHT).sort((x, y) => y[1] - x[1]).map(([x]) => x);
    strongest.set(row, list);
  }
  return list;
}

/** how much the words of an attribution that names a document count (a name in it would otherwise find the author's own bio slide) */
export const ATTRIBUTION_WEIGHT = 0.1;
/** "enligt X", "according to X": X up to a comma, a question mark or the end */
const ATTRIBUTION = unicodeWords(/\b(?:enligt|according to|as stated in|as described in)\s+([^,?;:]{3,80})/giu);

/**
 * The asking sentences of a message and the rest: "Vi funderar på att starta något liknande. Vilka
 * framgångsfaktorer lyfts fram?" → focus "Vilka framgångsfaktorer lyfts fram?". A message of one
 * sentence is all focus.
 */
export function questionFocus(text: string): { focus: string; context: string } {
  // a sentence ends at . ! ? followed by a capital (or the end): "2.0" and "t.ex. en" do not end one
  const sentences = text
    .split(/(?<=[.!?])\s+(?=[\p{Lu}"”„“«(–-])/u)
    .map((s) => s.trim())
    .filter(Boolean);
  if (sentences.length < 2) return { focus: text, context: '' };
  const asking = sentences.filter((s) => /\?\s*$/.test(s));
  const focus = asking.length ? asking : [sentences[sentences.length - 1]];
  return { focus: focus.join(' '), context: sentences.filter((s) => !focus.includes(s)).join(' ') };
}

/** the question words a further part of a question starts with ("…, och var hamnade den?", "… and why there?") */
const PART_WORDS = 'vad|vem|vems|vilken|vilket|vilka|när|hur|var|vart|varifrån|varför|what|who|whom|whose|which|when|where|why|how';
const PART_START = unicodeWords(new RegExp(`^(?:${PART_WORDS})\\b`, 'iu'));
/** where a sentence goes on to a question of its own: a comma or "och", "samt", "and", then a question word */
const PART_JOIN = unicodeWords(new RegExp(`,?\\s+(?:och|samt|men|and|but)\\s+(?=(?:${PART_WORDS})\\b)`, 'giu'));

/**
 * The questions a focus asks: its asking sentences, and within a sentence each "…, och <question
 * word> …" that goes on to a question of its own ("Hur många reserverade kontrakt slöt Söderhamn, och
 * vad gällde avtalet med Stenbackens kooperativ?" → two). A later part must start with a question
 * word and say at least two words after it, and within a sentence the piece before it must have three
 * words too: "Vilket land?" after "Var kom metoden ifrån?", "Runt trettiotusen?" after "Hur många
 * invånare har Karlshamn?" and "Vilka kommuner och vilka företag deltog?" stay one question. Returns
 * [focus] for a question of one part.
 */
export function subQuestions(focus: string): string[] {
  const parts: string[] = [];
  for (const sentence of focus.split(/(?<=\?)\s+/u)) {
    const pieces = sentence.split(PART_JOIN).map((x) => x.trim()).filter(Boolean);
    pieces.forEach((piece, i) => {
      // …and, within a sentence, the piece before it is a question too, not a noun joined by "och" ("Vilka kommuner och vilka företag deltog?")
      const own = (i > 0 || parts.length > 0) && PART_START.test(piece) && tokenize(piece).length >= 3 && (i === 0 || tokenize(pieces[i - 1]!).length >= 3);
      if (own || !parts.length) parts.push(piece);
      else parts[parts.length - 1] += (i > 0 ? ' och ' : ' ') + piece;
    });
  }
  return parts.length > 1 ? parts : [focus];
}

/** where an introduction goes on to ask its question: "… och undrar vad …", "… and I'm wondering whether …", "… och vill veta hur …" */
const ASKS_AFTER_INTRODUCTION = unicodeWords(/\s(?:och|men|and|but)\s+(?:jag\s+|i\s+|i'm\s+|i\s+am\s+)?(?:undrar|undrade|funderar\s+på|vill\s+veta|skulle\s+vilja\s+veta|wonder|wondered|wondering|would\s+like\s+to\s+know|want\s+to\s+know)\s+(?:över\s+)?(?=(?:om|vad|vem|vilk\p{L}*|när|hur|var|varför|if|whether|what|who|which|when|how|where|why)\b)/iu);

/** words by which a question speaks of the asker's own organisation or place: "vårt projektteam", "hos oss", "i kommunen", "our team" */
const OWN_REFERENCE = unicodeWords(/\b(?:vår|vårt|våra|oss|min kommun|mitt kontor|kommunen|staden|förvaltningen|our|us|my municipality|my council)\b/iu);
/** the organisation or place an introduction names as the asker's: "på Helsingborgs stad", "i Exempelkommun", "på socialförvaltningen i Tierp" */
const OWN_ORGANISATION = /(?<![\p{L}])(?:på|i|vid|hos|at|in|for)\s+(?:[\p{Ll}]+\s+(?:i|på)\s+)?(\p{Lu}[\p{L}-]*(?:\s+(?:\p{Lu}[\p{L}-]*|stad|stads|kommun|kommuns|region|city|council|municipality))*)/u;

const GREETING =
  /^(?:(?:hej(?:san)?|hallå|tjena|tja|hejhej|god\s+(?:morgon|dag|eftermiddag|kväll)|hi|hello|hey|dear\s+\w+|good\s+(?:morning|afternoon|evening))(?:\s+(?:där|alla|brygga|there|all))?\s*[,!.:;–—-]*\s*)+/iu;
const THANKS = /\s*(?:tack(?:\s+(?:på\s+förhand|så\s+mycket|i\s+förväg))?|thanks(?:\s+in\s+advance)?|thank\s+you)[!.]*\s*$/iu;
const INTRODUCTION =
  /^(?:jag\s+(?:heter|är|jobbar|arbetar|sitter|har\s+(?:precis|just|nyss)|kommer\s+från|leder|samordnar|ansvarar|representerar|håller\s+på)|mitt\s+namn\s+är|vi\s+(?:är|jobbar|arbetar|sitter)\s|i\s+(?:am|'m|work|coordinate|lead|run|represent|just)|i'm|i(?:'ve|\s+have)\s+(?:just\s+|recently\s+)?(?:joined|started|been|taken\s+over|moved)|my\s+name\s+is|we\s+(?:are|work|run)\s)/iu;
/** how the asker came to know of the topic, before it: "har hört talas om", "läste om", "have read about" */
const PERCEIVED = unicodeWords(/^(?:(?:har|have)\s+)?(?:hört(?:\s+talas)?|hörde(?:\s+talas)?|läste|läst|sett|såg|fått\s+höra|fick\s+höra|stötte|heard|read|saw|came\s+across|learned|learnt)(?![\p{L}])(?:\s+(?:om|på|att|about|of|that)(?![\p{L}]))?\s*/iu);
/**
 * Where an introduction goes on to say what the asker is about to do ("jag är enhetschef och funderar
 * på ett IOP med en förening", "I run a café and want to hire …") or what they have heard or read of ("… och
 * har hört talas om Återbruket"): that part is context, not introduction.
 */
const INTENT_AFTER_INTRODUCTION = unicodeWords(
  /\s(?:och|men|and|but)\s+(?:jag\s+|vi\s+|i\s+|i'm\s+|we\s+)?(?=(?:(?:är\s+)?nyfiken|(?:är\s+)?intresserad|funderar|undrar|vill|ska|planerar|tänker|behöver|letar|söker|överväger|har\s+hört|hörde|har\s+läst|läste|har\s+sett|såg|har\s+fått\s+höra|fick\s+höra|stötte\s+på|wonder|wondering|want|plan|planning|need|am\s+looking|am\s+considering|consider|considering|heard|have\s+heard|read|have\s+read|saw|came\s+across|learned|learnt|curious|interested)\b)/iu,
);

/**
 * A greeting or thanks alone: whether it thanks (rather than greets), and the language its words are
 * in (English "hi", "thanks"; else Swedish), which a reply to it should use when the client gives none.
 */
export function pleasantryKind(text: string): { thanks: boolean; help: boolean; language: Language } {
  const t = text.normalize('NFKC').trim();
  const thanks = THANKS.test(t);
  const help = HELP_REQUEST.test(t.replace(GREETING, '').replace(THANKS, '').trim());
  const swedishWords = /\b(?:hej|hejsan|hallå|tjena|tja|tack|god)\b/i.test(t);
  const englishWords = /\b(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|thanks|thank\s+you|there|all)\b/i.test(t);
  // no greeting or thanks word to tell ("What can you do?"): the words' language
  const english = englishWords ? !swedishWords : !swedishWords && help && detectLanguage(t) === 'en';
  return { thanks: thanks && !help, help, language: english ? 'en' : 'sv' };
}

/**
 * A request for help or for what Brygga can do, with no question in it: "kan du hjälpa mig?", "vad kan
 * du svara på?", "can you help me?", "what can you do?", "hur funkar det här?".
 */
const HELP_REQUEST =
  /^(?:(?:kan|could|can|would|will)\s+(?:du|ni|you)\s+(?:hjälpa|help)(?:\s+(?:mig|oss|me|us))?(?:\s+(?:med\s+något|med\s+en\s+sak|lite|with\s+something|with\s+a\s+question|out))?|hjälp|help|(?:vad|what)\s+(?:kan|can)\s+(?:du|you)(?:\s+(?:göra|svara\s+på|hjälpa\s+(?:mig\s+|till\s+)?med|do|answer|help\s+(?:me\s+)?with))?|(?:vem|vad|who|what)\s+(?:är|are)\s+(?:du|you)|hur\s+(?:funkar|fungerar)\s+(?:det\s+här|detta|du|tjänsten)|how\s+does\s+(?:this|it)\s+work|i\s+need\s+help|jag\s+behöver\s+hjälp)\s*[?!.]*\s*$/iu;

/** Whether a message is only a greeting, thanks or a request for help ("hej", "tack!", "hello there", "kan du hjälpa mig?"): no question to answer. */
export function isOnlyPleasantry(text: string): boolean {
  const t = text.normalize('NFKC').trim();
  if (!t.length) return false;
  const rest = t.replace(GREETING, '').replace(THANKS, '');
  return rest.replace(/[\s!.?,:;)(–—-]+/g, '') === '' || HELP_REQUEST.test(rest.trim());
}

/**
 * A sentence that only asks for the form of the answer: "Förklara enkelt.", "Svara kort tack!", "Kan du förklara det
 * med enkla ord?", "Explain it simply.", "Keep it short.", "Jag vill veta antalet." (the asked thing without a topic).
 */
const ANSWER_FORM = unicodeWords(
  /^(?:(?:kan du|kunde du|could you|can you|please|snälla)\s+)?(?:(?:förklara|svara|beskriv|berätta|sammanfatta|explain|answer|describe|summari[sz]e|keep|make)\s+(?:det\s+|it\s+|gärna\s+|helst\s+)*)?(?:enkelt|kort|kortfattat|kort och enkelt|med enkla ord|på enkel svenska|på lätt svenska|så enkelt som möjligt|så kort som möjligt|för en nybörjare|simply|briefly|short|brief|simple|in simple (?:terms|words)|in plain (?:english|words|language)|in a few words|like i'?m five)(?:\s+(?:tack|please|thanks))?\s*[.!?]*$|^jag vill (?:bara )?veta (?:antalet|siffran|namnet|året|datumet|summan|beloppet)\s*[.!?]*$|^i (?:just )?want to know the (?:number|name|year|date|amount)\s*[.!?]*$/iu,
);

/**
 * The question without what carries no content: a greeting at the start, thanks at the end, sentences
 * that only introduce the asker, and sentences that only ask for the form of the answer (ANSWER_FORM),
 * when a question sentence remains.
 */
export function stripPreamble(text: string): string {
  let t = text.normalize('NFKC').trim().replace(GREETING, '').replace(THANKS, '').trim();
  const sentences = t.match(/[^.!?]+(?:[.!?]+|$)/g)?.map((s) => s.trim()).filter(Boolean) ?? [t];
  const isIntroduction = (s: string, i: number) => INTRODUCTION.test(s) && !/\?\s*$/.test(s) && i < sentences.length - 1;
  // "vårt lokala projektteam", "hos oss", "kommunen": the rest speaks of the asker's own organisation or place
  const ownReference = OWN_REFERENCE.test(sentences.filter((s, i) => !isIntroduction(s, i)).join(' '));
  const kept = sentences.flatMap((s, i) => {
    // "Förklara enkelt.", "Keep it short.", "Jag vill veta antalet.": how to answer, not what about (when another sentence asks)
    if (sentences.length > 1 && ANSWER_FORM.test(s)) return [];
    // "Jag jobbar på X och undrar vad en samskapande yta är?": the question the introduction goes on to ask, alone
    const asked = INTRODUCTION.test(s) ? ASKS_AFTER_INTRODUCTION.exec(s) : null;
    if (asked && /\p{L}{2,}/u.test(s.slice(asked.index + asked[0].length))) {
      const rest = s.slice(asked.index + asked[0].length);
      return [rest[0]!.toUpperCase() + rest.slice(1)];
    }
    if (!isIntroduction(s, i)) return [s];
    // what the asker means to do stays, as a sentence of its own
    const intent = INTENT_AFTER_INTRODUCTION.exec(s);
    // … and the organisation the introduction names ("jag jobbar på Helsingborgs stad") when the question speaks of it
    const own = ownReference ? (OWN_ORGANISATION.exec(s.slice(0, intent?.index ?? s.length))?.[1] ?? null) : null;
    if (!intent) return own ? [`${own}.`] : [];
    // … or what the asker has heard or read of: its topic, without the verb ("har hört talas om Återbruket i Helsingborg")
    const rest = s.slice(intent.index + intent[0].length).replace(PERCEIVED, '');
    return [...(own ? [`${own}.`] : []), ...(rest ? [rest[0].toUpperCase() + rest.slice(1)] : [])];
  });
  if (kept.length && kept.join(' ') !== sentences.join(' ')) t = kept.join(' ');
  return t || text.trim();
}

const NEGATIVE =
  unicodeWords(/\b(hämma\p{L}*|hind(?:er\p{L}*|ret|ren|ra\p{L}*)|försvåra\p{L}*|svårighet\p{L}*|svår\p{L}*|nackdel\p{L}*|problem\p{L}*|brist\p{L}*|barriär\p{L}*|misslyck\p{L}*|motstånd\p{L}*|begränsning\p{L}*|utmaning\p{L}*|risk\p{L}*|fungerade\s+inte|inte\s+fungera\p{L}*|stötte\s+på|obstacle\p{L}*|barrier\p{L}*|hamper\p{L}*|imped\p{L}*|disadvantage\p{L}*|drawback\p{L}*|downside\p{L}*|difficult\p{L}*|challeng\p{L}*|fail\p{L}*|weakness\p{L}*|went\s+wrong|did\s+not\s+work|didn't\s+work|stood\s+in\s+the\s+way|held\s+back|holding\s+back|block\p{L}*|saknar|saknas|avsaknad\p{L}*|otydlig\p{L}*|tröghet\p{L}*|byråkrati\p{L}*|otillräcklig\p{L}*|kritik\p{L}*|tidskrävande|kostsam\p{L}*|osäkerhet\p{L}*|lack\p{L}*|unclear|bureaucra\p{L}*|critici\p{L}*|insufficient|time-consuming|broms\p{L}*|krångl\p{L}*|krångel|trög\p{L}*|försen\p{L}*|flaskhals\p{L}*|svaghet\p{L}*|hurdle\p{L}*|pitfall\p{L}*|bottleneck\p{L}*|obstruct\p{L}*|slow\p{L}*\s+down|(?:got|gets?|getting|stand\p{L}*|stood)\s+in\s+the\s+way|trouble\p{L}*|struggl\p{L}*|issues)\b/iu);
const POSITIVE =
  unicodeWords(/\b(främja\p{L}*|framgång\p{L}*|fördel\p{L}*|möjliggör\p{L}*|underlätta\p{L}*|lyckad\p{L}*|lyckat|lyckades|gynna\p{L}*|styrk\p{L}*|nytt(?:a|an)|vinst\p{L}*|mervärde\p{L}*|success\p{L}*|promot\p{L}*|facilitat\p{L}*|advantage\p{L}*|benefit\p{L}*|strength\p{L}*|enabl\p{L}*|foster\p{L}*|helped|helps|upside\p{L}*|gain\p{L}*|worked\s+well|went\s+well|(?:gick|går|fungerade|fungerar|funkade|funkar)\s+bra|bidra\p{L}*\s+till\s+(?:ökad|ökat|ökade|bättre|stärkt|förbättr\p{L}*|effektiv\p{L}*|sänkta|lägre)|förbättr\p{L}*|effektivare|improv\p{L}*|more\s+efficient|lower\s+costs|vunnit|vinner|in\s+it\s+for|pros)\b/iu);

/** The polarity of a text: −1 when it speaks of obstacles only, +1 of benefits only, else 0. */
export function polarityOf(text: string): -1 | 0 | 1 {
  const neg = NEGATIVE.test(text);
  const pos = POSITIVE.test(text);
  return neg && !pos ? -1 : pos && !neg ? 1 : 0;
}

/** a concessive clause: "trots problemen med förankringen", "despite the delays", "även om det var svårt" */
const CONCESSIVE = unicodeWords(/\b(?:trots(?: att)?|despite|in spite of|även om|fastän|although|even though)\b[^,;?]*/giu);

/**
 * The polarity a question asks for: that of its words outside a concessive clause ("Vad gick bra i
 * Malmö trots problemen med förankringen?" asks for what went well, +1; the problems are conceded).
 */
export function askedPolarity(question: string): -1 | 0 | 1 {
  return polarityOf(question.replace(CONCESSIVE, ' '));
}

/**
 * Interrogatives and the answer type each asks for. The one that comes first in the asking sentence
 * decides ("Vilka två spår valde man när …" asks for a list, not a time; "What problem were they
 * fixing when …" asks for a thing); at one position the longest wins ("hur många" over "hur").
 * A bare "vad"/"what"/"vilken" asks for something of no particular type.
 */
const INTERROGATIVES: Array<[RegExp, AnswerType]> = [
  [unicodeWords(/\b(?:hur många|hur mycket|hur stora?|hur stort|hur lång|hur länge|vilken andel|hur stor andel|vad kostar|vad kostade|vad har [^?]{1,40} kostat|hur dyr[at]?|how many|how much|what share|what proportion|what percentage|how large|how big|how long|how expensive|what (?:did|does|do|will) [^?]{1,40} cost)\b/giu), 'number'],
  [unicodeWords(/\b(?:vad är(?!\s+det\s+(?:som|för)\b)|vad betyder|vad menas|vad innebär|vad avses|vad kallas|what is an?|what(?:'s|s| is| are) (?=[\p{L}\p{N}-]+\s*[?.!]*\s*$)|what are|what is meant|what does [^?]* mean|define|meaning of)\b/giu), 'definition'],
  [unicodeWords(/\b(?:vem|vilka personer|who|vilken organisation|which organi[sz]ation|which company|vilket företag|vad heter|vad hette|what is the name|what's the name|whats the name|what was the name)\b/giu), 'who'],
  [unicodeWords(/\b(?:när|when|vilket år|vilka år|vilket årtal|vilka årtal|vilket datum|vilken månad|vilken dag|vilken vecka|vilken termin|vilket läsår|vilket kvartal|(?:vid |på )?vilket tillfälle|(?:vid )?vilken tidpunkt|(?:on |at )?which occasion|at what point|at what time|what time (?:is|was|does|did|do|will)|what year|what years|which years?|what date|which month|what month|under vilken period|which period|how long ago)\b/giu), 'when'],
  // "när används IOP?", "när krävs F-skatt?", "när kan man …?": in what situations, not at what time (a
  // present passive or a modal after "när"); longer than "när" at the same place, so it decides
  [unicodeWords(/\b(?:när (?:används|gäller|behövs|krävs|passar|lämpar sig|lönar det sig|är det lämpligt|kan man|ska man|bör man|får man|kan vi|ska vi|bör vi|får vi))\b/giu), 'how'],
  [unicodeWords(/\b(?:varför|why|vad beror|what caused)\b/giu), 'why'],
  [unicodeWords(/\b(?:vilka|which|name some|nämn)\b/giu), 'list'],
  [/\b(?:hur|how)\b/giu, 'how'],
  [/\b(?:vad|what|vilken|vilket)\b/giu, 'other'],
];

/**
 * Idioms that name a topic, not a time: "när det gäller upphandling" and "when it comes to
 * procurement" mean "about procurement". Replaced by "om"/"about" before a question word is read.
 */
const TOPIC_IDIOM = unicodeWords(/\b(?:när det gäller|när det kommer till|when it comes to)\b/giu);

/** The question with topic idioms ("när det gäller X") read as "om X", for rules that look for question words. */
export function withoutTopicIdioms(question: string): string {
  return question.replace(TOPIC_IDIOM, (m) => (/^when/i.test(m) ? 'about' : 'om'));
}

/** The kind of answer a question expects, from its first question word (Swedish and English). */
/**
 * A quantity the question compares with ("Kom det över en miljon besökare?", "Deltog fler än tusen
 * ungdomar?", "more than 100 people"): group 1 is the counted thing's word. Such a question asks for a
 * number of that thing, as "hur många besökare" does.
 */
export const COMPARED_QUANTITY = unicodeWords(
  /\b(?:över|mer än|fler än|färre än|mindre än|minst|drygt|more than|over|fewer than|less than|at least)\s+(?:\d[\d\s.,]*|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|femton|tjugo|trettio|femtio|hundra|tusen|a|one|two|three|four|five|six|ten|twelve|twenty|fifty|hundred|thousand)(?:\s+(?:hundra|tusen|miljon(?:er)?|miljard(?:er)?|hundred|thousand|million|billion))?\s+(\p{L}[\p{L}-]*)/iu,
);

/** what comes before "år" rather than "är": a determiner, a number or a preposition ("vilket ar", "i ar", "tre ar") */
const YEAR_DETERMINER = unicodeWords(/\b(?:vilket|vilka|varje|per|i|om|samma|förra|forra|nästa|nasta|detta|ett|två|tva|tre|fyra|fem|sex|tio|flera|några|nagra|många|manga|\d+)\s+$/iu);

/** a pronoun or determiner after "vilka ar": the copula's subject ("vilka ar de tre kannetecknen", "vilka ar det som …") */
const COPULA_SUBJECT = /^\s+(?:de|dem|dom|det|den|dessa|detta|denna|era|dina|mina|vara|våra|kommunens|stadens)(?![\p{L}])/iu;

/** a word between the interrogative and the noun it asks for ("Vilka andra sätt", "What internal tool") */
const MODIFIER = unicodeWords(/^(?:andra|annan|annat|olika|ny|nya|nytt|stor|stora|stort|största|viktigaste|främsta|vanligaste|konkreta|konkret|första|sista|egentliga|två|tre|fyra|fem|sex|other|different|new|main|key|biggest|largest|most|first|last|specific|concrete|internal|external|two|three|four|five|six|kind|kinds|type|types|sort|sorts|of|slags|typ|typer|sorts)$/iu);
/** a word after the interrogative that makes it a pronoun, not a determiner ("Vilka är …", "What did …") */
const NOT_A_NOUN = unicodeWords(/^(?:är|var|blir|blev|har|hade|kan|kunde|ska|skulle|bör|finns|fanns|gör|gjorde|menas|the|a|an|is|are|was|were|do|does|did|has|have|had|can|could|should|would|will|of|som|av|i|om)$/iu);

/**
 * The noun a "vilken/vilket/vilka X …?" or "which/what X …?" question asks for ("lön" in "Vilken lön
 * har …", "tool" in "What internal tool helped …"), skipping modifiers such as "andra", "nya",
 * "internal"; null when the interrogative stands alone ("Vilka är …", "What did …").
 */
export function askedNoun(question: string): string | null {
  const m = unicodeWords(/\b(?:vilken|vilket|vilka|which|what)\s+((?:[\p{L}-]+\s+){0,2}[\p{L}-]+)/iu).exec(question);
  if (!m) return null;
  for (const w of m[1].split(/\s+/)) {
    if (NOT_A_NOUN.test(w)) return null;
    if (!MODIFIER.test(w)) return w;
  }
  return null;
}

/**
 * An interrogative with, within four words, a noun that names an amount: a salary, budget, cost, price, sum, rate,
 * turnover ("Vilken lön har …", "vad är budgeten", "What was the total budget", "What's the monthly salary"): such a
 * question asks for a number, as "hur mycket" does.
 */
const AMOUNT_ASKED = unicodeWords(
  /\b(?:vad|vilken|vilket|what|which)(?:['’]s)?\b(?:\s+[\p{L}'’-]+){0,4}?\s+(?:\p{L}*lön|\p{L}*löner|\p{L}*lönen|budget|budgeten|\p{L}*kostnad|\p{L}*kostnaden|\p{L}*kostnader|pris|priset|belopp|beloppet|summa|summan|momssats|momssatsen|skattesats|skattesatsen|procentsats|räntesats|ränta|räntan|omsättning|omsättningen|salary|salaries|wage|wages|budgets?|costs?|price|prices|amount|sum|rate|turnover|revenue)\b/iu,
);

/** a leading "när/when" clause with its own subject, ended by a comma before another interrogative */
const TIME_CLAUSE_FIRST = unicodeWords(/^\W*(?:när|when)\s+(?:man|vi|du|ni|de|dom|jag|det|kommunen|you|we|they|one|i|it|the|a)\b[^,?]*,\s*(?=(?:och\s+|and\s+)?(?:vilka|vilken|vilket|vad|hur|vem|varför|which|what|how|who|why)\b)/iu);

export function answerTypeOf(question: string): AnswerType {
  // "När man prioriterar …, vilka frågor …?", "When you get to …, which questions …?": a clause of time before the
  // question, not a question of time; the interrogative after it asks
  const q = withoutTopicIdioms(question.toLowerCase()).replace(TIME_CLAUSE_FIRST, '');
  let best: { at: number; length: number; type: AnswerType } | null = null;
  for (const [re, type] of INTERROGATIVES) {
    for (const m of q.matchAll(re)) {
      const at = m.index ?? 0;
      if (!best || at < best.at || (at === best.at && m[0].length > best.length)) best = { at, length: m[0].length, type };
    }
  }
  // "what are …" and "vad är …" define, unless the question lists ("which", "vilka")
  if (best?.type === 'definition' && /\b(vilka|which)\b/.test(q)) best = { ...best, type: 'list' };
  // an amount asked for by its noun ("Vilken lön har …", "What was the total budget of …", "What's the VAT rate …"): a number
  if ((!best || best.type === 'other' || best.type === 'definition') && AMOUNT_ASKED.test(q)) return 'number';
  if (best && best.type !== 'other') return best.type;
  // no typed question word: words that name the kind of answer
  if (/\b(andel|procent|antal|minimum|maximum|what share|percentage)\b/.test(q) || COMPARED_QUANTITY.test(q)) return 'number';
  if (/\b(definition|definier\p{L}*)\b/u.test(q)) return 'definition';
  if (/\b(reason|orsak|anledning)\b/.test(q)) return 'why';
  if (unicodeWords(/\b(what are|list|exempel|examples|alternativ|faser|phases|områden|steg)\b/).test(q)) return 'list';
  if ((!best || best.type === 'other') && unicodeWords(/^(är|var|finns|fanns|har|hade|kan|ska|is|are|was|were|does|did|do|can|has|have)\b/).test(q)) return 'yesno';
  return 'other';
}

/**
 * The one document an attribution's terms name, by docId, or null when none or several fit equally.
 * Each term counts 1 / (the number of documents whose names have it): "Helsingborg" in two titles
 * says less than "innovation" in one.
 */
export function namedDocument(terms: string[], names: ReadonlyMap<string, ReadonlySet<string>>): string | null {
  const docsWith = (t: string) => [...names.values()].filter((n) => n.has(t)).length;
  const scored = [...names].map(([doc, n]) => ({ doc, score: terms.reduce((s, t) => s + (n.has(t) ? 1 / docsWith(t) : 0), 0) })).sort((a, b) => b.score - a.score);
  if (!scored.length || scored[0].score <= 0 || (scored[1] && scored[1].score === scored[0].score)) return null;
  return scored[0].doc;
}

/**
 * English contractions of a question word and its verb (the apostrophe as typed: ' or ’). A negation ("didn't") stays as
 * typed: written out ("did not") it moved a "Why didn't …?" question's answer to another passage on the tune halves.
 */
const CONTRACTIONS: Array<[RegExp, string]> = [
  [/\b(what|who|where|when|how|which)['’]s\b/giu, '$1 is'],
  [/\b(what|who|where|when|how|which)['’]re\b/giu, '$1 are'],
];

/** An English question with its question word's contraction written out ("What's the salary?" → "What is the salary?"). */
export function expandContractions(text: string): string {
  return CONTRACTIONS.reduce((t, [re, to]) => t.replace(re, to), text);
}

/**
 * Analyzes a question once. `language` overrides detection (a client locale, or the request's own
 * `language`). The text is corrected only where a word is unknown to the index; at most
 * MAX_CORRECTIONS words are looked up, so a long run of nonsense costs a bounded amount of work.
 */
export function analyzeQuestion(question: string, retriever: Retriever, opts: { language?: Language; associations?: AssociationTable; part?: number } = {}): QuestionAnalysis {
  const original = question.trim();
  const stripped = stripPreamble(original);
  const language = opts.language ?? detectLanguage(stripped);
  const lexicon = retriever.lexicon;
  const corrections: Correction[] = [];
  let text = stripped;
  // words typed without å/ä/ö that the index also has with them
  const variants: string[] = [];
  if (language === 'sv') {
    const known = (w: string) => lexicon.has(w) || retriever.knows(stem(w)) || splitCompound(w, lexicon).length > 0;
    const stemFrequency = (w: string) => {
      const t = stem(w);
      return retriever.knows(t) ? 1 / (1 + retriever.idf(t)) : 0;
    };
    let looked = 0;
    // å/ä/ö are restored only in a question typed without them ("bor" in a question with "där" is "bor")
    const noDiacritics = !/[åäöÅÄÖ]/.test(stripped);
    const fix = (raw: string, to: string) => {
      corrections.push({ from: raw, to });
      return /^\p{Lu}/u.test(raw) ? to[0].toUpperCase() + to.slice(1) : to;
    };
    // an abbreviation with a point inside a sentence ("SKR:s utv.nätverk för soc. företag") stands for
    // the most frequent word of the index that begins with it
    text = stripped.replace(/(?<![\p{L}.])(\p{Ll}{2,5})\.(?=\s*\p{Ll}|\p{L})/gu, (m, abbr: string, at: number, all: string) => {
      if (looked >= MAX_CORRECTIONS || known(abbr) || isStopword(abbr)) return m;
      looked++;
      const to = expandAbbreviation(abbr, lexicon);
      if (!to) return m;
      corrections.push({ from: m, to });
      return /\p{L}/u.test(all[at + m.length] ?? '') ? `${to} ` : to;
    });
    text = text.replace(/\p{L}+/gu, (raw, at: number, all: string) => {
      const w = raw.toLowerCase();
      // "ar" typed for "år" after a determiner or a number ("vilket ar", "i ar", "tre ar"); else for "är"
      // (but "vilka ar de/det/dessa …" is "vilka är de …", the question's copula: a pronoun follows, not a verb's subject)
      if (noDiacritics && w === 'ar' && YEAR_DETERMINER.test(all.slice(0, at)) && !(/\bvilka\s+$/iu.test(all.slice(0, at)) && COPULA_SUBJECT.test(all.slice(at + raw.length)))) return fix(raw, 'år');
      if (looked >= MAX_CORRECTIONS || w.length < 2 || (isStopword(w) && w.length < 4) || QUESTION_WORDS.has(w)) return raw;
      if (known(w)) {
        // known as typed, and with å/ä/ö too: both forms count
        const variant = noDiacritics ? diacriticVariant(w, lexicon) : null;
        if (variant) variants.push(variant);
        return raw;
      }
      looked++;
      let to = correctWord(w, lexicon, known, { diacritics: noDiacritics });
      // no form with å/ä/ö is a word of the index, but one has a stem it knows ("stangdes" → "stängdes"):
      // that, before an edit of other letters
      if (noDiacritics && (!to || foldDiacritics(to) !== w)) to = restoreDiacriticsByStem(w, stemFrequency) ?? to;
      // restoring å/ä/ö is always allowed; an edit never turns one real word into another
      if (!to || (foldDiacritics(to) !== foldDiacritics(w) && changesRealWord(w, to))) return raw;
      return fix(raw, to);
    });
  }
  if (language === 'en') {
    // a question word's contraction written out, so that every rule over the question reads one form ("What's the monthly
    // salary" asks for money as "What is the monthly salary" does; "Who's the contact person")
    text = expandContractions(text);
    // an English word that is no English word, no word of the index and no name is a typo of a word the
    // lexicon translates ("departmnet", "netwrok"); a real word the lexicon lacks ("bread") stays
    const vocabulary = englishWordsByLength();
    let looked = 0;
    text = text.replace(/\p{L}+/gu, (raw, at: number, all: string) => {
      const w = raw.toLowerCase();
      if (looked >= MAX_CORRECTIONS || w.length < 5 || isStopword(w) || QUESTION_WORDS.has(w)) return raw;
      // a capital inside a sentence is a name ("Hallbart", "Rosengard"), which the index decides
      if (/^\p{Lu}/u.test(raw) && !/(?:^|[.!?]\s+)$/u.test(all.slice(0, at))) return raw;
      if (lexicon.has(w) || retriever.knows(stem(w)) || translateEnglish(w).length || isEnglishWord(w)) return raw;
      looked++;
      const to = correctEnglishWord(w, vocabulary);
      if (!to) return raw;
      corrections.push({ from: raw, to });
      return to;
    });
  }
  const terms = retriever.queryTerms(text, language);
  const whole = questionFocus(text);
  const parts = subQuestions(whole.focus);
  // one part of a question of several: the other parts are its context
  const part = opts.part !== undefined && parts.length > 1 ? parts[opts.part] : undefined;
  const focus = part ?? whole.focus;
  const context = part ? [whole.context, ...parts.filter((x) => x !== part)].filter(Boolean).join(' ') : whole.context;
  if (context) {
    // terms only the context sentences have count less, except names (capitalized, not sentence-first)
    const own = new Set(retriever.coreTerms(focus));
    const names = new Set(
      context
        .split(/\s+/)
        .filter((w, i, all) => i > 0 && !/[.!?]$/.test(all[i - 1]) && /^\p{Lu}\p{Ll}{2,}/u.test(w))
        .flatMap((w) => analyze(w.replace(/[^\p{L}\p{N}-]/gu, ''), { lexicon })),
    );
    terms.emphasis = new Map(terms.core.filter((t) => !own.has(t) && !names.has(t)).map((t) => [t, CONTEXT_WEIGHT]));
  }
  // an attribution that names a document ("enligt Lena Högbergs bilder", "according to the SKR
  // report") says where to look, not what the question is about: its words count as context
  for (const m of focus.matchAll(ATTRIBUTION)) {
    const named = retriever.coreTerms(m[1]);
    if (!named.length || named.filter((t) => retriever.sourceTerms.has(t)).length * 2 < named.length) continue;
    const doc = namedDocument(named, retriever.documentNames);
    if (doc) terms.documents = [doc];
    const rest = new Set(retriever.coreTerms(focus.replace(m[0], ' ')));
    terms.emphasis ??= new Map();
    // only the words that name a document: a name the attribution cites besides ("according to
    // Schumpeter as cited in the innovation report") is what the question is about
    for (const t of named) if (retriever.sourceTerms.has(t) && terms.core.includes(t) && !rest.has(t)) terms.emphasis.set(t, Math.min(terms.emphasis.get(t) ?? 1, ATTRIBUTION_WEIGHT));
  }
  // a case study the question names ("Vad var problemet med samverkan i Social innovation Skåne?")
  const cases = retriever.namedCases(terms);
  if (cases.length) terms.cases = cases;
  for (const v of variants) {
    const own = analyze(foldDiacritics(v), { lexicon });
    const alt = analyze(v, { lexicon }).filter((t) => !own.includes(t));
    if (!alt.length) continue;
    terms.groups.push({ terms: alt, maxIdf: Infinity });
    terms.expanded.push(...alt.filter((t) => !terms.expanded.includes(t)));
    for (const t of own) if (terms.core.includes(t)) terms.alternatives.set(t, [...new Set([...(terms.alternatives.get(t) ?? []), ...alt])]);
  }
  // what earlier questions' answers said for the question's words (src/answer/associations.ts): a
  // low-weight expansion of the search, the strongest few per word
  const table = opts.associations ?? associations();
  for (const t of terms.core) {
    const row = table.get(t);
    if (!row) continue;
    const top: string[] = [];
    for (const x of strongestFirst(row)) {
      if (top.length >= ASSOCIATIONS_PER_TERM) break;
      if (!terms.core.includes(x) && retriever.knows(x)) top.push(x);
    }
    if (top.length) terms.groups.push({ terms: top, maxIdf: retriever.knows(t) ? retriever.idf(t) : Infinity, weight: ASSOCIATION_EXPANSION_WEIGHT });
  }
  // a part of a question of several asks about its own years ("… 2019, och hur många 2022?"), and those of the message's context
  const years = [...new Set(tokenize(part ? `${whole.context} ${part}` : text).filter((t) => /^(?:19|20)\d\d$/.test(t)))];
  const noun = askedNoun(withoutTopicIdioms(focus));
  const asked = noun ? retriever.coreTerms(noun).filter((t) => terms.core.includes(t)) : [];
  return { original, text, language, corrections, terms, polarity: askedPolarity(focus), answerType: answerTypeOf(focus), years, focus, asked, parts };
}
