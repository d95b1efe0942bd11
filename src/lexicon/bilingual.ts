/**
 * A general English → Swedish word list, so that English questions find Swedish passages beyond
 * the domain glossary's concepts. The data (sv-en.txt) was translated from the corpus' most frequent
 * Swedish content words; English is matched by Snowball English stems, longest phrase first, so
 * "municipalities" meets "municipality" and "labour market" is one concept.
 */
import { readFileSync } from 'node:fs';
import { analyze, STOPWORDS_EN, stemEnglish } from '../retrieval/analyzer.js';
import { matchPhrases } from '../retrieval/phrases.js';
import { fromRoot } from '../root.js';

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
}

let table: { byKey: Map<string, Entry[]>; maxLen: number } | null = null;

/** Parses the word list: "swedish, forms | english, forms" per line, # for comments. */
export function parseLexicon(text: string): { byKey: Map<string, Entry[]>; maxLen: number } {
  const byKey = new Map<string, Entry[]>();
  let maxLen = 1;
  text.split('\n').forEach((line, i) => {
    const l = line.trim();
    if (!l || l.startsWith('#')) return;
    const [sv, en, extra] = l.split('|');
    if (!sv || !en || extra !== undefined) throw new Error(`sv-en.txt line ${i + 1}: expected "svenska | english"`);
    const entry: Entry = { terms: [...new Set(sv.split(',').flatMap((form) => analyze(form.trim())))] };
    for (const form of en.split(',')) {
      const words = englishWords(form);
      if (!words.length) continue;
      if (words.length === 1 && namesNothing(words[0])) continue;
      const key = words.map(stemEnglish).join(' ');
      maxLen = Math.max(maxLen, words.length);
      const list = byKey.get(key) ?? [];
      if (!list.includes(entry)) list.push(entry);
      byKey.set(key, list);
    }
  });
  return { byKey, maxLen };
}

function load() {
  return (table ??= parseLexicon(readFileSync(fromRoot('src', 'lexicon', 'sv-en.txt'), 'utf8')));
}

/** The Swedish terms for the English words of a text, one concept per translated phrase. */
export function translateEnglish(text: string): Translation[] {
  const { byKey, maxLen } = load();
  const words = englishWords(text);
  const found = matchPhrases(words.map(stemEnglish), maxLen, (key, start, len) => (len === 1 && namesNothing(words[start]) ? undefined : byKey.get(key)));
  return found.map(({ start, len, value: entries }) => ({
    via: words.slice(start, start + len).join(' '),
    terms: [...new Set(entries.flatMap((e) => e.terms))],
  }));
}
