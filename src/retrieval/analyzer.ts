/**
 * The Swedish text analyzer used by every lexical index in Brygga: tokenization that keeps
 * Swedish and English numbers comparable, stopwords, Snowball Swedish stemming and compound
 * splitting against a lexicon (by default the corpus' own vocabulary).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// snowball-stemmers is CommonJS without types.
const snowball = require('snowball-stemmers') as { newStemmer(lang: string): { stem(w: string): string } };
const swedish = snowball.newStemmer('swedish');
const english = snowball.newStemmer('english');

export const STOPWORDS_SV = new Set(
  `och i att det som en på är av för med till den har de inte om ett han men var jag sig från vi så kan man när år
  också efter eller nu sin där vid mot ska skall hans hon under detta dessa alla andra bara blev blir bli du dem denna
  deras dig din dina ditt där då ej eller er era ert ha hade hennes hit honom hur här icke ingen inom inte mellan
  mig min mina mitt mycket ni nu någon något några oss samma sedan sig sin sina sitt själv skulle som så sådan
  sådana sådant till under upp ut utan vad vara varit varje vars vart vem vi vilka vilken vilket vår våra vårt
  än ännu är över få får fick gör göra gjorde gjort kunde kunna ska ju även dock därför samt bl a t ex etc the`
    .split(/\s+/)
    .filter(Boolean),
);

export const STOPWORDS_EN = new Set(
  `a an and are as at be been but by can could did do does for from had has have how i if in into is it its of on or
  our so than that the their them then there these they this those to was we were what when where which who whom
  why will with would you your about also any did does doing each few more most other some such only own same too
  very just should now me my he she his her us what's let's tell give name
  ive im id youre youve theyre weve whats lets its dont doesnt didnt isnt arent wasnt werent cant wont couldnt
  shouldnt wouldnt hasnt havent hadnt thats theres heres whos`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Question words and general words of questions that carry no topic (kept out of the query's
 * content terms, and never a sign that a question is off-topic).
 */
export const QUESTION_WORDS = new Set(
  `vad vilka vilken vilket hur varför när var vem vems kan finns fanns gick går blev sker skedde egentligen
  varifrån vart varav bestämde bestämma bestämt sortens sorts slags typ typen liksom ungefär faktiskt riktigt
  verkligen brukar brukade borde bör måste behöver behövde vill ville skulle kunde får fick tycker tycks anser
  menar menas betyder innebär handlar gäller sägs står nämns tar togs gjordes sagt säger jag du ni vi man
  ungefärligen kort kortfattat sammanfattningsvis exakt precis alltså många enligt
  grej grejen grejer grejor grejs nåt nån nånting nånstans isåfall iaf typ va e asså ba
  räknas räknades anses ansågs betraktas betraktades klassas klassades
  hölls hålls
  what which how why when where who whom whose does did is are was were
  mean means meant say says said saying talk talks talking mention mentions mentioned tell explain describe
  describes kind sort actually exactly really basically many much according`
    .split(/\s+/)
    .filter(Boolean),
);

const WORD_RE = /[\p{L}\p{N}]+(?:[.,:'’-][\p{L}\p{N}]+)*/gu;

/**
 * Normalizes numbers so that Swedish and English forms meet: "79,8" and "79.8" → "79.8",
 * "3 169" → "3169", "1 200" → "1200". Thin and non-breaking spaces count as spaces.
 */
export function normalizeNumbers(text: string): string {
  return text
    .replace(/[\u00a0\u2009\u202f]/g, ' ')
    .replace(/\b(\d{1,3})(?: (\d{3}))+\b/g, (m) => m.replace(/ /g, ''))
    .replace(/\b(\d+),(\d+)\b/g, '$1.$2');
}

/** Lowercased word tokens (numbers normalized, hyphenated words kept whole and split). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  // NFKC: ligatures (ﬁ ﬂ ﬃ), full-width and compatibility forms become plain letters, in documents and questions alike
  const norm = normalizeNumbers(text.normalize('NFKC')).toLowerCase();
  for (const m of norm.matchAll(WORD_RE)) {
    let w = m[0];
    if (/^\d/.test(w) && /\d$/.test(w)) {
      out.push(w.replace(/'/g, ''));
      continue;
    }
    // an English possessive is the word ("SKR's", "Umeå’s" → skr, umeå; it was "skrs", a word of no text);
    // other apostrophes join ("don't" → dont)
    w = w.replace(/(?<=\p{L}{2})[’']s$/u, '').replace(/[’']/g, '');
    if (w.includes('-') || w.includes(':') || w.includes('.') || w.includes(',')) {
      const parts = w.split(/[-:.,]/).filter(Boolean);
      // "ESF-rådet" → esf, rådet and the joined "esfrådet"
      out.push(...parts);
      if (parts.length > 1 && w.includes('-')) out.push(parts.join(''));
      continue;
    }
    out.push(w);
  }
  return out;
}

/** A stemmer with a cache of the stems it gave (cleared at 200,000 entries); numbers are returned as they are. */
function cachedStemmer(stemmer: { stem(token: string): string }): (token: string) => string {
  const cache = new Map<string, string>();
  return (token) => {
    if (/^\d/.test(token)) return token;
    let s = cache.get(token);
    if (s === undefined) {
      s = stemmer.stem(token);
      if (cache.size > 200_000) cache.clear();
      cache.set(token, s);
    }
    return s;
  };
}

/** Snowball Swedish stem (cached). Numbers are returned as they are. */
export const stem: (token: string) => string = cachedStemmer(swedish);

/** Snowball English stem (cached). Numbers are returned as they are. */
export const stemEnglish: (token: string) => string = cachedStemmer(english);

export function isStopword(token: string): boolean {
  return STOPWORDS_SV.has(token) || STOPWORDS_EN.has(token);
}

/**
 * A lexicon of known words used to split compounds (arbetsmarknadsförvaltningen → arbetsmarknad +
 * förvaltning), with how often each word occurs, so that a split is only made when its parts are
 * more common than the whole (Koehn & Knight 2003): "kommunens" is not "komm" + "unens", even
 * though PDF extraction left both fragments somewhere in the corpus.
 */
export class Lexicon {
  private readonly counts = new Map<string, number>();
  private readonly stemCounts = new Map<string, number>();
  /** counts the words added, so that what was worked out against an earlier state is not reused (analyzeToken) */
  version = 0;
  /** `words`: a word, or a word with its count, and optionally its stem (as `stem` gives it, stored by the index) */
  constructor(words: Iterable<string | [string, number] | [string, number, string]> = []) {
    for (const w of words) if (typeof w === 'string') this.add(w);
    else this.add(w[0], w[1], w[2]);
  }
  /** Counts a word of 3+ letters without digits `n` times; `known` is its stem when already worked out. */
  add(word: string, n = 1, known?: string): void {
    if (word.length >= 3 && !/\d/.test(word)) {
      this.version++;
      this.counts.set(word, (this.counts.get(word) ?? 0) + n);
      const s = known || stem(word);
      this.stemCounts.set(s, (this.stemCounts.get(s) ?? 0) + n);
    }
  }
  has(word: string): boolean {
    return this.counts.has(word) || this.stemCounts.has(word);
  }
  /** occurrences of the word itself, or of the words it is the stem of ("fas": fas, fasen, faser) */
  count(word: string): number {
    return Math.max(this.counts.get(word) ?? 0, this.stemCounts.get(word) ?? 0);
  }
  get size(): number {
    return this.counts.size;
  }
  /** every word with its count (the words themselves, not stems) */
  entries(): IterableIterator<[string, number]> {
    return this.counts.entries();
  }
  /**
   * Whether a word derives from a known one: its stem begins with a known stem of at least 5
   * letters that makes up most of it ("förvaringen" from "förvaras", both "förvar-").
   */
  knowsRoot(word: string): boolean {
    const s = stem(word);
    for (let n = s.length; n >= Math.max(5, Math.ceil(s.length * 0.6)); n--) if (this.stemCounts.has(s.slice(0, n))) return true;
    return false;
  }
  toJSON(): Array<[string, number]> {
    return [...this.counts];
  }
}

/** a compound part seen this often is a word, not an extraction fragment */
const MIN_PART_COUNT = 3;

/** how common a word of the base lexicon counts as, for words the corpus lacks */
const BASE_COUNT = 20;

/** Common Swedish compound parts in the domain, so splitting works even without a corpus lexicon. */
export const BASE_LEXICON = new Lexicon(
  `arbete arbets marknad förvaltning företag social sociala kommun kommunal upphandling upphandlings stöd stad stads
  utveckling utvecklings nätverk projekt plan mål grupp verksamhet verksamhets samverkan samverkans avtal partnerskap
  idéburen offentlig sektor näringsliv invånare bostad bolag region regional fond fonder medel ekonomi ekonomisk
  förening integration integrerande arbetsintegrerande insats insatser deltagare individ utbildning kompetens
  rekrytering innovation innovations miljö miljöer lösning lösningar tjänst tjänster handläggare dialog möte möten
  träff träffar yta ytor fråga frågor policy riktlinje riktlinjer strategi effekt mätning effektmätning resultat
  städ städning trädgård grön grönyta skötsel fastighet lokal lokaler tvätt mat måltid catering café kultur
  odling transport flytt bygg material återbruk möbel cykel verkstad skola förskola äldre omsorg vård hälsa idrott
  ungdom unga vuxna kvinnor män nyanlända utrikes födda funktion nedsättning funktionsnedsättning sysselsättning`
    .split(/\s+/)
    .map((w): [string, number] => [w, BASE_COUNT]),
);

/**
 * The longest word that is split into compound parts, in characters. The search below costs about
 * length² lexicon lookups, so a 2,000-character run of glued words took ~1 s and blocked the event
 * loop (issue 13); the corpus' longest compounds have under 30 letters ("näringslivsrepresentanterna").
 * Longer tokens are indexed and searched whole, like any unknown word.
 */
export const MAX_COMPOUND_CHARS = 40;

/**
 * Splits a compound into known parts, allowing Swedish linking letters (s, e, a, o, u) between parts.
 * Returns [] when the word is not a compound of known parts (or longer than MAX_COMPOUND_CHARS).
 * Parts are at least 3 letters.
 */
export function splitCompound(word: string, lexicon: Lexicon, maxParts = 4): string[] {
  if (word.length < 7 || word.length > MAX_COMPOUND_CHARS || /\d/.test(word)) return [];
  const isWord = (w: string) => lexicon.has(w) || BASE_LEXICON.has(w);
  // a derivation of a known word (företag|are, verksam|heter) is not a compound
  for (let cut = word.length - 2; cut >= word.length - 6 && cut >= 4; cut--) {
    if (SUFFIX_LIKE.has(word.slice(cut)) && isWord(word.slice(0, cut))) return [];
  }
  const memo = new Map<number, string[] | null>();
  const known = (w: string) => isWord(w) || isWord(stem(w));
  // a short last part (förberedelse|fas, effekt|mål, stads|del) is a word of its own, never an
  // inflection or derivational ending, and follows a first part of at least 5 letters (stopwords
  // are never parts: the loop below skips them)
  const shortLastWord = (part: string, start: number) => part.length >= 3 && start >= 5 && !SUFFIX_LIKE.has(part) && isWord(part);
  const go = (start: number, partsLeft: number): string[] | null => {
    if (start === word.length) return [];
    if (partsLeft === 0) return null;
    const key = start * 10 + partsLeft;
    if (memo.has(key)) return memo.get(key)!;
    let best: string[] | null = null;
    // prefer longer first parts
    // parts are real words: at least 4 letters, the last at least 5 (so inflections such as
    // "-ades", "-arna", "-tion" are never split off as parts) unless it is a short last word
    for (let end = word.length; end >= start + 3; end--) {
      const part = word.slice(start, end);
      if (part.length < 4 && end !== word.length) continue;
      if (isStopword(part)) continue;
      if (end !== word.length && word.length - end < 3) continue;
      if (end === word.length && part.length < 5 && !shortLastWord(part, start)) continue;
      if (start === 0 && end === word.length) continue; // the whole word is not a split
      if (!known(part)) continue;
      if (end === word.length) {
        best = [part];
        break;
      }
      for (const link of ['', 's', 'e', 'a', 'o', 'u']) {
        if (link && word[end] !== link) continue;
        const rest = go(end + link.length, partsLeft - 1);
        if (rest) {
          best = [part, ...rest];
          break;
        }
      }
      if (best) break;
    }
    memo.set(key, best);
    return best;
  };
  const parts = go(0, maxParts);
  if (!parts || parts.length < 2) return [];
  // every part is a word seen a few times, or the parts are more common than the whole word
  // (geometric mean of their counts); fragments left by PDF extraction are neither
  const count = (w: string) => knownCount(w, lexicon);
  if (Math.min(...parts.map(count)) >= MIN_PART_COUNT) return parts;
  const mean = Math.exp(parts.reduce((sum, p) => sum + Math.log(Math.max(1, count(p))), 0) / parts.length);
  return mean > count(word) ? parts : [];
}

/** endings that are also short words but, at the end of a longer word, are suffixes */
const SUFFIX_LIKE = new Set(
  `het heten ning else ande ende lig liga ligt isk iska iskt tion sion are aren arna erna orna ade ades ats nde ing ens ans
  era dom skap bar bart sam samt ism ist ter tet ell ella iell ör ast ost est ant ent ium ios ier iker ika
  man men dag dagen tal talet vis tas tad ner ren rna lan len ska lse ors ers heter hets ares arens`.split(/\s+/),
);

export interface AnalyzeOptions {
  lexicon?: Lexicon;
  /** keep stopwords (default false) */
  keepStopwords?: boolean;
}

/**
 * Text → index terms: stems of all content words plus the stems of compound parts.
 * The same function analyzes documents and queries, so they meet.
 */
export function analyze(text: string, opts: AnalyzeOptions = {}): string[] {
  const lexicon = opts.lexicon ?? BASE_LEXICON;
  const out: string[] = [];
  for (const tok of tokenize(text)) out.push(...tokenTerms(tok, lexicon, opts.keepStopwords === true));
  return out;
}

/**
 * analyzeToken's terms of the tokens `analyze` saw most recently, per lexicon (and its version) and
 * stopword choice: a question, and the composer's look at its passages, analyze the same words again and
 * again (issue 17). Shared arrays: read only. (An index build calls analyzeToken once per distinct token itself.)
 */
const tokenTermsCache = new WeakMap<Lexicon, { version: number; terms: [Map<string, readonly string[]>, Map<string, readonly string[]>] }>();
const TOKEN_TERMS_MAX = 100_000;

function tokenTerms(tok: string, lexicon: Lexicon, keepStopwords: boolean): readonly string[] {
  let entry = tokenTermsCache.get(lexicon);
  if (!entry || entry.version !== lexicon.version) tokenTermsCache.set(lexicon, (entry = { version: lexicon.version, terms: [new Map(), new Map()] }));
  const cache = entry.terms[keepStopwords ? 1 : 0];
  let terms = cache.get(tok);
  if (!terms) {
    terms = analyzeToken(tok, lexicon, keepStopwords);
    if (cache.size >= TOKEN_TERMS_MAX) cache.clear();
    cache.set(tok, terms);
  }
  return terms;
}

/**
 * The index terms of one token of `tokenize` (what `analyze` gives for it): [] for a stopword or a
 * one-letter word, a number word's value, else its stem and the stems of its compound parts. It
 * depends only on the token and the lexicon, so an index build computes it once per distinct token
 * (src/ingest/build.ts) instead of once per occurrence.
 */
export function analyzeToken(tok: string, lexicon: Lexicon = BASE_LEXICON, keepStopwords = false): string[] {
  if (!keepStopwords && isStopword(tok)) return [];
  if (tok.length < 2 && !/\d/.test(tok)) return [];
  // numbers written as words meet digits: "sexton" and "16" are the same term
  const n = numberWordValue(tok);
  if (n !== null) return [String(n)];
  const word = definiteBase(tok, lexicon) ?? genitiveBase(tok, lexicon) ?? tok;
  const out = [stem(word)];
  for (const part of splitCompound(word, lexicon)) out.push(stem(part));
  return out;
}

/**
 * The word a definite neuter form is of, when the lexicon knows it: "projektet" → "projekt",
 * "samhället" → "samhälle", "bostadsbolaget" → "bostadsbolag" (a compound of known words), also in the
 * genitive ("projektets"); null otherwise. Snowball Swedish removes no "-et" (its step 1 has "-at",
 * "-het" and "-andet", not "-et"), so "projektet" and "projekt" were different terms.
 */
export function definiteBase(word: string, lexicon: Lexicon): string | null {
  const w = word.endsWith('ets') ? word.slice(0, -1) : word;
  if (w.length < 5 || !w.endsWith('et')) return null;
  // a known word ("samhälle" + "t", "projekt" + "et"), else a compound of known words ("hyreskontrakt"
  // + "et"; "hyreskontrakte" would split too, its last part stemmed to a known word)
  const known = [w.slice(0, -1), w.slice(0, -2)].filter((b) => b.length >= 3);
  return known.find((b) => knownCount(b, lexicon) >= 2) ?? [...known].reverse().find((b) => splitCompound(b, lexicon).length >= 2) ?? null;
}

/**
 * The word a genitive is of, when Snowball leaves its "-s" and the lexicon knows the word: "umeås" →
 * "umeå", "malmös" → "malmö", "laxås" → "laxå". Snowball Swedish removes a final "s" only after one of
 * b c d f g h j k l m n o p r t v y (its "s_ending"), so a name ending in å, ä, ö, i or u kept it and
 * "Umeås kommun" did not meet "Umeå". The bare word must be known (at least twice) and more frequent
 * than the "-s" form ("hus" stays: "hu" is no word). Null otherwise.
 */
export function genitiveBase(word: string, lexicon: Lexicon): string | null {
  if (word.length < 4 || !/[åäöiu]s$/.test(word)) return null;
  const bare = word.slice(0, -1);
  const count = knownCount(bare, lexicon);
  return count >= 2 && count > knownCount(word, lexicon) ? bare : null;
}

/** How often a word occurs in the corpus lexicon or the base lexicon, whichever knows it better. */
function knownCount(word: string, lexicon: Lexicon): number {
  return Math.max(lexicon.count(word), BASE_LEXICON.count(word));
}

const NUMBER_PARTS: Array<[string, number]> = (
  [
    ['noll', 0], ['zero', 0], ['två', 2], ['tre', 3], ['fyra', 4], ['fem', 5], ['sex', 6], ['sju', 7], ['åtta', 8], ['nio', 9],
    ['tio', 10], ['elva', 11], ['tolv', 12], ['tretton', 13], ['fjorton', 14], ['femton', 15], ['sexton', 16],
    ['sjutton', 17], ['arton', 18], ['aderton', 18], ['nitton', 19], ['tjugo', 20], ['trettio', 30], ['fyrtio', 40],
    ['femtio', 50], ['sextio', 60], ['sjuttio', 70], ['åttio', 80], ['nittio', 90],
    ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8], ['nine', 9], ['ten', 10],
    ['eleven', 11], ['twelve', 12], ['thirteen', 13], ['fourteen', 14], ['fifteen', 15], ['sixteen', 16],
    ['seventeen', 17], ['eighteen', 18], ['nineteen', 19], ['twenty', 20], ['thirty', 30], ['forty', 40], ['fifty', 50],
    ['sixty', 60], ['seventy', 70], ['eighty', 80], ['ninety', 90],
  ] as Array<[string, number]>
).sort((a, b) => b[0].length - a[0].length);
const MULTIPLIERS: Array<[string, number]> = [['hundra', 100], ['hundred', 100], ['tusen', 1000], ['thousand', 1000]];

/**
 * The value of a number written as one word, Swedish or English: "sexton" → 16, "tjugotre" → 23,
 * "tjugoett" → 21, "nittonhundranittiofem" → 1995, "tvåhundra" → 200, "tusen" → 1000, and years said as
 * two numbers: "tjugoelva" → 2011, "tjugotjugoett" → 2021. "en"/"ett"/"one" are articles
 * or pronouns far more often than numbers and are not read; neither are "miljon(er)" (a word of
 * its own, "två miljoner": 2 + miljon). Returns null for anything that is not wholly a number word.
 */
export function numberWordValue(token: string): number | null {
  if (token.length < 3 || token.length > 40 || /[^a-zåäö]/.test(token)) return null;
  let total = 0;
  let current = 0;
  let i = 0;
  let any = false;
  // the last word read was a number, not a multiplier
  let lastPart = false;
  outer: while (i < token.length) {
    for (const [w, v] of MULTIPLIERS) {
      if (token.startsWith(w, i)) {
        lastPart = false;
        current = (current || 1) * v;
        if (v === 1000) {
          total += current;
          current = 0;
        }
        i += w.length;
        any = true;
        continue outer;
      }
    }
    for (const [w, v] of NUMBER_PARTS) {
      if (token.startsWith(w, i)) {
        // a year said as two numbers: after a tens or teens word, another word of 10 or more is no
        // unit ("tjugotre" is 23) but the year's last two digits ("tjugoelva" 2011, "nittonnittiofem"
        // 1995, "tjugotjugoett" 2021; Svenska Akademiens grammatik, räkneord)
        if (v >= 10 && lastPart && current >= 10 && current < 100) current *= 100;
        current += v;
        i += w.length;
        any = true;
        lastPart = true;
        continue outer;
      }
    }
    // "ett" inside a compound: "etthundra"; the unit after a tens word: "tjugoett", "trettioen", "twentyone"
    for (const one of ['ett', 'en', 'one']) {
      if (!token.startsWith(one, i)) continue;
      const atEnd = i + one.length === token.length;
      if (MULTIPLIERS.some(([w]) => token.startsWith(w, i + one.length)) || (atEnd && lastPart && current % 100 >= 20 && current % 10 === 0)) {
        current += 1;
        i += one.length;
        continue outer;
      }
    }
    return null;
  }
  return any ? total + current : null;
}
