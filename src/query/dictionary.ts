/**
 * Swedish words that exist, whether or not the reports use them: the headwords of the Swedish Hunspell
 * dictionary (the npm package `dictionary-sv`, LGPL-3.0, read as data; its compound rules are not used,
 * since through them nspell accepts "foretag" and "delatog"). Spelling correction (src/query/spelling.ts)
 * must not turn a real word into a different word of the index ("tillväga" → "tillväxt", "levde" →
 * "ledde"): a word with a dictionary base keeps it, unless the correction is a form of the same base
 * ("koordinatorn" → "koordinator").
 *
 * Loaded on first use (about 0.3 s and 15 MB for 137,000 headwords), since only a question with a
 * word unknown to the index needs it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

let headwords: Set<string> | null = null;
let englishHeadwords: Set<string> | null = null;

function load(): Set<string> {
  return (headwords ??= readHeadwords('dictionary-sv'));
}

/** The lowercase headwords of a Hunspell dictionary package's index.dic (its affix flags dropped). */
function readHeadwords(pkg: 'dictionary-sv' | 'dictionary-en'): Set<string> {
  const file = path.join(path.dirname(createRequire(import.meta.url).resolve(pkg)), 'index.dic');
  const set = new Set<string>();
  const text = readFileSync(file, 'utf8');
  let start = text.indexOf('\n') + 1; // the first line is the entry count
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    const slash = line.indexOf('/');
    const word = slash < 0 ? line.trim() : line.slice(0, slash);
    // lowercase headwords only: names ("Karlstad") are the index's business, not the dictionary's
    if (word && word === word.toLowerCase()) set.add(word);
    start = end + 1;
  }
  return set;
}

/** English inflectional endings and what replaces them: "studies" → "study", "interviewed" → "interview", "planning" → "plan(n)" */
const ENGLISH_ENDINGS: Array<[string, string[]]> = [
  ['ies', ['y']], ['ied', ['y']], ['ing', ['', 'e']], ['ed', ['', 'e']], ['es', ['', 'e']], ['s', ['']], ['ly', ['']], ['er', ['', 'e']], ['est', ['', 'e']],
];

/**
 * Whether a lowercased word is an English word: a headword of the en_US Hunspell dictionary (the npm
 * package `dictionary-en`, MIT and BSD, read as data), or one after an inflectional ending (with a
 * doubled last consonant undone: "planning" → "plan"). Loaded on first use (about 50,000 headwords):
 * English spelling correction (src/query/spelling.ts) never changes a real word.
 */
export function isEnglishWord(word: string): boolean {
  const words = (englishHeadwords ??= readHeadwords('dictionary-en'));
  if (words.has(word)) return true;
  for (const [ending, replacements] of ENGLISH_ENDINGS) {
    if (!word.endsWith(ending) || word.length - ending.length < 2) continue;
    const stem = word.slice(0, -ending.length);
    for (const r of replacements) if (words.has(stem + r)) return true;
    if (stem.length > 2 && stem.at(-1) === stem.at(-2) && words.has(stem.slice(0, -1))) return true;
  }
  return false;
}

/**
 * Inflectional endings of Swedish nouns, adjectives and verbs (SAG's paradigms, the common ones),
 * longest first: what is left after one of them, or that plus -a/-e (the infinitive, "levde" → "lev"
 * → "leva"), is looked up as a headword.
 */
const ENDINGS = ['arnas', 'ernas', 'ornas', 'arna', 'erna', 'orna', 'ades', 'ande', 'ende', 'aste', 'ade', 'are', 'ast', 'ats', 'ens', 'ets', 'het', 'ad', 'at', 'en', 'et', 'er', 'ar', 'or', 'na', 'de', 'te', 'da', 'ta', 'dd', 'tt', 'it', 'ut', 'es', 'as', 's', 't', 'e', 'a', 'n', 'r'];

/** Whether a lowercased word is itself a headword of the Swedish dictionary (no ending taken off). */
export function isSwedishHeadword(word: string): boolean {
  return load().has(word);
}

/**
 * The dictionary headwords a lowercased word can be a form of: itself, and its stem after one
 * inflectional ending (with -a or -e added). Empty when the dictionary does not know the word.
 */
export function dictionaryBases(word: string): Set<string> {
  const words = load();
  const out = new Set<string>();
  if (words.has(word)) out.add(word);
  for (const e of ENDINGS) {
    if (!word.endsWith(e) || word.length - e.length < 2) continue;
    const stem = word.slice(0, -e.length);
    for (const base of [stem, `${stem}a`, `${stem}e`]) if (words.has(base)) out.add(base);
  }
  return out;
}

/**
 * Whether correcting `from` to `to` would change one real Swedish word into another: `from` has a
 * dictionary base and `to` is not a form of any of its bases.
 */
export function changesRealWord(from: string, to: string): boolean {
  const a = dictionaryBases(from);
  if (!a.size) return false;
  const b = dictionaryBases(to);
  for (const x of b) if (a.has(x)) return false;
  return true;
}
