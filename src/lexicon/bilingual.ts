/**
 * A general English → Swedish word list, so that English questions find Swedish passages beyond
 * the domain glossary's concepts. The data (sv-en.txt) was translated from the corpus' most frequent
 * Swedish content words; English is matched by Snowball English stems, longest phrase first, so
 * "municipalities" meets "municipality" and "labour market" is one concept.
 */
import { readFileSync } from 'node:fs';
import { analyze, STOPWORDS_EN, stemEnglish } from '../retrieval/analyzer.js';

export interface Translation {
  /** the English words of the question that were translated */
  via: string;
  /** analyzed Swedish terms of the concept's forms */
  terms: string[];
}

const englishWords = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

interface Entry {
  swedish: string[];
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
    const entry: Entry = { swedish: sv.split(',').map((s) => s.trim()).filter(Boolean) };
    for (const form of en.split(',')) {
      const words = englishWords(form);
      if (!words.length) continue;
      // a single English function word ("all", "more") names nothing
      if (words.length === 1 && (words[0].length < 3 || STOPWORDS_EN.has(words[0]))) continue;
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
  return (table ??= parseLexicon(readFileSync(new URL('./sv-en.txt', import.meta.url), 'utf8')));
}

/** The Swedish terms for the English words of a text, one concept per translated phrase. */
export function translateEnglish(text: string): Translation[] {
  const { byKey, maxLen } = load();
  const words = englishWords(text);
  const stems = words.map(stemEnglish);
  const used = new Array(words.length).fill(false);
  const out: Translation[] = [];
  for (let len = maxLen; len >= 1; len--) {
    for (let i = 0; i + len <= words.length; i++) {
      if (used.slice(i, i + len).some(Boolean)) continue;
      const entries = byKey.get(stems.slice(i, i + len).join(' '));
      if (!entries) continue;
      if (len === 1 && (words[i].length < 3 || STOPWORDS_EN.has(words[i]))) continue;
      const terms = new Set<string>();
      for (const e of entries) for (const form of e.swedish) for (const t of analyze(form)) terms.add(t);
      out.push({ via: words.slice(i, i + len).join(' '), terms: [...terms] });
      for (let j = i; j < i + len; j++) used[j] = true;
    }
  }
  return out;
}
