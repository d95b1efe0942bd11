/**
 * The English → Swedish views of the lexicon, so that English questions find Swedish passages beyond
 * the domain concepts, and English answers can be checked against Swedish sources.
 *
 * - translateEnglish: the general word list (sv-en.txt, translated from the corpus' most frequent
 *   Swedish content words, with the everyday English people type for them). English is matched by
 *   Snowball English stems, longest phrase first, so "municipalities" meets "municipality" and
 *   "labour market" is one concept.
 * - swedishStemsFor: one English word → the Swedish Snowball stems of its single-word translations, from
 *   both the domain concepts and the general list (used by the citation checker, src/llm/lexical.ts).
 */
import { analyze, stem, STOPWORDS_EN, stemEnglish } from '../retrieval/analyzer.js';
import { loadConcepts, parseConcepts, PhraseIndex, type Concept } from './lexicon.js';

export interface Translation {
  /** the English words of the question that were translated */
  via: string;
  /** analyzed Swedish terms of the concept's forms */
  terms: string[];
}

const englishWords = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** a single English function word ("all", "more") names nothing, in the list or in a question */
const namesNothing = (word: string) => word.length < 3 || STOPWORDS_EN.has(word);

interface Entry {
  /** the analyzed terms of its Swedish forms, computed once */
  terms: string[];
  /** its English forms, lowercased words joined by one space */
  forms: string[];
}

/**
 * How much longer or shorter than the typed English an entry's form of the same stem may be. Snowball
 * English conflates derivations far apart in meaning ("internal" and "international" are both
 * "intern"); inflections ("obstacle", "obstacles", "efficiently") differ by a few letters.
 */
const MAX_FORM_LENGTH_GAP = 2;

/**
 * The entries a typed phrase really names: those with a form of its stems close in length to what was
 * typed, or all of them when none is (so a stem match is never lost).
 */
function closeForms(entries: Entry[], typed: string[]): Entry[] {
  const key = typed.map(stemEnglish).join(' ');
  const text = typed.join(' ');
  const close = entries.filter((e) => e.forms.some((f) => Math.abs(f.length - text.length) <= MAX_FORM_LENGTH_GAP && englishWords(f).map(stemEnglish).join(' ') === key));
  return close.length ? close : entries;
}

function indexConcepts(concepts: Concept[]): { byKey: Map<string, Entry[]>; maxLen: number; index: PhraseIndex<Entry> } {
  const index = new PhraseIndex<Entry>();
  for (const c of concepts) {
    const entry: Entry = { terms: [...new Set(c.sv.flatMap((form) => analyze(form)))], forms: c.other.map((f) => englishWords(f).join(' ')) };
    for (const form of c.other) {
      const words = englishWords(form);
      if (!words.length || (words.length === 1 && namesNothing(words[0]))) continue;
      index.add(words.map(stemEnglish), entry);
    }
  }
  return { byKey: index.keys, maxLen: index.maxLen, index };
}

/**
 * Parses a word list in the lexicon format ("swedish, forms | english, forms" per line, # for
 * comments) into English stem phrases → entries.
 * @throws Error with the line number on a malformed line.
 */
export function parseLexicon(text: string): { byKey: Map<string, Entry[]>; maxLen: number } {
  const { byKey, maxLen } = indexConcepts(parseConcepts(text, 'sv-en.txt'));
  return { byKey, maxLen };
}

let table: PhraseIndex<Entry> | null = null;

/** The Swedish terms for the English words of a text, one concept per translated phrase. */
export function translateEnglish(text: string): Translation[] {
  table ??= indexConcepts(loadConcepts('sv-en.txt')).index;
  const words = englishWords(text);
  const found = table.match(words.map(stemEnglish), (_key, start, len) => len === 1 && namesNothing(words[start]));
  return found.map(({ start, len, value: entries }) => ({
    via: words.slice(start, start + len).join(' '),
    terms: [...new Set(closeForms(entries, words.slice(start, start + len)).flatMap((e) => e.terms))],
  }));
}

let stemsByWord: Map<string, string[]> | null = null;

/**
 * The Swedish Snowball stems of one English word's translations (lowercased word in, [] when none):
 * single-word English forms of the domain concepts and the general list, matched by English stem, each
 * giving the stems of its concept's single-word Swedish forms.
 */
export function swedishStemsFor(word: string): string[] {
  if (!stemsByWord) {
    const m = new Map<string, Set<string>>();
    for (const c of [...loadConcepts('domain.txt'), ...loadConcepts('sv-en.txt')]) {
      const sv = c.sv
        .map((f) => f.toLowerCase())
        .filter((f) => /^[\p{L}-]+$/u.test(f))
        .map(stem);
      if (!sv.length) continue;
      for (const form of c.other) {
        const words = englishWords(form);
        if (words.length !== 1 || namesNothing(words[0])) continue;
        const key = stemEnglish(words[0]);
        const set = m.get(key) ?? new Set<string>();
        for (const s of sv) set.add(s);
        m.set(key, set);
      }
    }
    stemsByWord = new Map([...m].map(([k, v]) => [k, [...v]]));
  }
  return stemsByWord.get(stemEnglish(word.toLowerCase())) ?? [];
}

let englishVocabulary: Map<number, string[]> | null = null;

/**
 * The English words the lexicon knows (every word of the English forms of domain.txt, sv-en.txt and
 * services-sv-en.txt, and the English function words), by length: what a typed English word is
 * corrected towards (`correctEnglishWord`).
 */
export function englishWordsByLength(): Map<number, string[]> {
  if (!englishVocabulary) {
    const words = new Set<string>(STOPWORDS_EN);
    for (const file of ['domain.txt', 'sv-en.txt', 'services-sv-en.txt'] as const) for (const c of loadConcepts(file)) for (const f of c.other) for (const w of englishWords(f)) if (/^\p{L}+$/u.test(w)) words.add(w);
    englishVocabulary = new Map();
    for (const w of words) {
      const list = englishVocabulary.get(w.length) ?? [];
      list.push(w);
      englishVocabulary.set(w.length, list);
    }
  }
  return englishVocabulary;
}
