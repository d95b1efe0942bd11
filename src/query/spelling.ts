/**
 * Spelling and diacritics tolerance against the index's own vocabulary: a question word that no
 * passage has is replaced by the most frequent known word within a bounded edit distance
 * (Damerau-free Levenshtein via `fastest-levenshtein`): first a word that differs only in å/ä/ö/é
 * ("foretag" → "företag"), then one edit for words of 4–7 letters and two for longer ones
 * ("delatog" → "deltog", "styrdokumnet" → "styrdokument"); two adjacent letters swapped count as one
 * edit ("lycaks" → "lyckas"). Ties go to the more frequent word
 * (Norvig's frequency-weighted correction). A Hunspell checker (dictionary-sv with nspell) was
 * measured and not used: it takes 7.6 s and 260 MB to load here and accepts "foretag", "delatog"
 * and "styrdokumnet" as correct through its compound rules. Its headwords alone do serve as a veto
 * (src/query/dictionary.ts): a real word is not corrected into a different one.
 */
import { distance } from 'fastest-levenshtein';
import { isStopword, QUESTION_WORDS, STOPWORDS_SV, type Lexicon } from '../retrieval/analyzer.js';

/** å/ä → a, ö → o, é → e: what a keyboard without Swedish letters types */
export function foldDiacritics(word: string): string {
  return word.replace(/[åä]/g, 'a').replace(/ö/g, 'o').replace(/[éè]/g, 'e').replace(/ü/g, 'u');
}

/** at most this many unknown words are corrected per question (bounds the work of one question) */
export const MAX_CORRECTIONS = 6;
/** words longer than this are not corrected (glued-together text is not a typo) */
export const MAX_WORD_LENGTH = 30;

interface Tables {
  /** folded form → the most frequent word with it */
  folded: Map<string, { word: string; count: number }>;
  /** words by length, for the edit-distance search */
  byLength: Map<number, Array<[string, number]>>;
}

const tables = new WeakMap<Lexicon, Tables>();

function tablesOf(lexicon: Lexicon): Tables {
  let t = tables.get(lexicon);
  if (t) return t;
  t = { folded: new Map(), byLength: new Map() };
  const add = (word: string, count: number) => {
    const f = foldDiacritics(word);
    const cur = t!.folded.get(f);
    if (f !== word && (!cur || cur.count < count)) t!.folded.set(f, { word, count });
  };
  for (const [word, count] of lexicon.entries()) {
    if (!/^\p{L}+$/u.test(word)) continue;
    add(word, count);
    const list = t.byLength.get(word.length) ?? [];
    list.push([word, count]);
    t.byLength.set(word.length, list);
  }
  // function words typed without å/ä/ö ("ar" → "är", "nar" → "när") weigh most
  for (const w of [...STOPWORDS_SV, ...QUESTION_WORDS]) add(w, Number.MAX_SAFE_INTEGER);
  tables.set(lexicon, t);
  return t;
}

/**
 * For a word typed without å/ä/ö that the index also has with them, that form ("invanarlabbet", as a
 * link has it, and "invånarlabbet", as the text has it); else null.
 */
export function diacriticVariant(word: string, lexicon: Lexicon): string | null {
  if (/[åäöé]/.test(word) || word.length > MAX_WORD_LENGTH) return null;
  const f = tablesOf(lexicon).folded.get(word);
  return f && f.word !== word && f.count < Number.MAX_SAFE_INTEGER ? f.word : null;
}

/** at most this many a/o letters are varied when restoring å/ä/ö by stem (3^a · 2^o variants) */
const MAX_VARIED_LETTERS = 4;

/**
 * A word typed without å/ä/ö whose every form with them is missing from the index as a word, but one
 * of which has a stem the index knows: "stangdes" → "stängdes" when the reports only have "stängs".
 * `frequency(word)` is how often the index has the word's stem (0: not at all). The variant with
 * the fewest letters changed wins, then the most frequent; null when no variant is known or the word
 * already has å/ä/ö, has more than MAX_VARIED_LETTERS a/o letters, or is shorter than 4 letters.
 */
export function restoreDiacriticsByStem(word: string, frequency: (w: string) => number): string | null {
  if (word.length < 4 || word.length > MAX_WORD_LENGTH || /[åäöé]/.test(word)) return null;
  const at = [...word].flatMap((ch, i) => (ch === 'a' || ch === 'o' ? [i] : []));
  if (!at.length || at.length > MAX_VARIED_LETTERS) return null;
  let best: { word: string; changed: number; count: number } | null = null;
  const vary = (chars: string[], k: number, changed: number) => {
    if (k === at.length) {
      if (!changed) return;
      const w = chars.join('');
      const count = frequency(w);
      if (count > 0 && (!best || changed < best.changed || (changed === best.changed && count > best.count))) best = { word: w, changed, count };
      return;
    }
    const i = at[k];
    const own = word[i];
    for (const ch of own === 'a' ? ['a', 'ä', 'å'] : ['o', 'ö']) {
      chars[i] = ch;
      vary(chars, k + 1, changed + (ch === own ? 0 : 1));
    }
    chars[i] = own;
  };
  vary([...word], 0, 0);
  return (best as { word: string } | null)?.word ?? null;
}

export interface Correction {
  from: string;
  to: string;
}

/**
 * The corrected form of one lowercased word, or null when it needs none or none is found.
 * `known(word)` says whether the index has the word already (then it is never changed).
 */
export function correctWord(word: string, lexicon: Lexicon, known: (w: string) => boolean, opts: { diacritics?: boolean } = {}): string | null {
  if (word.length < 2 || word.length > MAX_WORD_LENGTH || /\d/.test(word) || known(word)) return null;
  const t = tablesOf(lexicon);
  const f = opts.diacritics === false ? undefined : t.folded.get(word);
  if (f && f.word !== word) return f.word;
  if (word.length < 4 || isStopword(word)) return null;
  const max = word.length >= 8 ? 2 : 1;
  let best: { word: string; d: number; count: number } | null = null;
  for (let len = word.length - max; len <= word.length + max; len++) {
    for (const [cand, count] of t.byLength.get(len) ?? []) {
      if (count < 2 || cand[0] !== word[0]) continue; // a typo rarely hits the first letter; halves the search
      const d = transposed(word, cand) ? 1 : distance(word, cand);
      if (d > max) continue;
      if (!best || d < best.d || (d === best.d && count > best.count)) best = { word: cand, d, count };
    }
  }
  return best?.word ?? null;
}

/**
 * Whether two words differ only by two adjacent letters swapped ("lycaks" / "lyckas", "vitkig" /
 * "viktig"): one typing error, though Levenshtein distance counts two (the transposition of
 * Damerau's distance, as in Norvig's corrector).
 */
export function transposed(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let i = 0;
  while (a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/**
 * The word an abbreviation with a point stands for ("utv." → "utveckling", "soc." → "sociala"): the
 * most frequent word of the index's vocabulary that begins with it and is at least two letters
 * longer; null when the abbreviation is a word of its own or nothing begins with it. `prefix` is
 * lower case, 2–5 letters. One scan of the vocabulary (bounded per question by MAX_CORRECTIONS).
 */
export function expandAbbreviation(prefix: string, lexicon: Lexicon): string | null {
  if (prefix.length < 2 || prefix.length > 5 || lexicon.has(prefix)) return null;
  let best: [string, number] | null = null;
  for (const [word, count] of lexicon.entries()) {
    if (word.length < prefix.length + 2 || !word.startsWith(prefix) || !/^\p{L}+$/u.test(word)) continue;
    if (!best || count > best[1]) best = [word, count];
  }
  return best?.[0] ?? null;
}

/**
 * The Swedish spelling of an English loanword's root, by the regular correspondences of the two
 * orthographies (ph → f, th → t, ch → k, qu → kv, ck → k, c before e/i/y → s, other c → k, -y → -i),
 * and the same with -ical → -isk: "radical" → "radikal", "communication" → "kommunikation",
 * "technical" → "teknisk". The index's vocabulary decides which of them is a word (see `cognate`).
 */
export function swedishSpellings(english: string): string[] {
  const base = english
    .toLowerCase()
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/ch/g, 'k')
    .replace(/qu/g, 'kv')
    .replace(/ck/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k')
    .replace(/y$/, 'i');
  return base.endsWith('ikal') ? [base, base.replace(/ikal$/, 'isk')] : [base];
}

/**
 * A Swedish word of the index that an English word without a translation is a cognate of
 * ("radical" → "radikal", "digital" → "digital"), or null. Words under six letters are left alone
 * (too many false friends).
 */
export function cognate(english: string, lexicon: Lexicon, known: (w: string) => boolean): string | null {
  if (english.length < 6) return null;
  const forms = swedishSpellings(english);
  for (const sv of forms) if (known(sv)) return sv;
  for (const sv of forms) {
    const c = correctWord(sv, lexicon, known);
    if (c) return c;
  }
  return null;
}

/**
 * The English word a typed English word most likely stands for ("departmnet" → "department",
 * "netwrok" → "network", "goverment" → "government"): the closest word of `byLength` within one edit
 * for words of 5–7 letters and two for longer ones (a swap of two adjacent letters is one edit), with
 * the same first letter; null when the word is known, too short, or two words are equally close (no
 * frequencies to break the tie, so none is guessed). `byLength`: English words by length (`englishWordsByLength`).
 */
export function correctEnglishWord(word: string, byLength: ReadonlyMap<number, readonly string[]>): string | null {
  if (word.length < 5 || word.length > MAX_WORD_LENGTH || !/^\p{L}+$/u.test(word)) return null;
  if (byLength.get(word.length)?.includes(word)) return null;
  const max = word.length >= 8 ? 2 : 1;
  let best: string | null = null;
  let bestD = Infinity;
  let tie = false;
  for (let len = word.length - max; len <= word.length + max; len++) {
    for (const cand of byLength.get(len) ?? []) {
      if (cand[0] !== word[0]) continue;
      const d = transposed(word, cand) ? 1 : distance(word, cand);
      if (d > max || d > bestD) continue;
      if (d < bestD) [best, bestD, tie] = [cand, d, false];
      else if (cand !== best) tie = true;
    }
  }
  return tie ? null : best;
}
