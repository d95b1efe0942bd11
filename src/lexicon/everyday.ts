/**
 * The everyday-Swedish view of the lexicon (src/lexicon/sv-vardag.txt): colloquial words and spellings
 * people type ("funkar", "jobba ihop", "grej", "kolla") for the words the reports use ("fungerar",
 * "samverka", "sak", "undersöka"). Matched by Swedish Snowball stems, longest phrase first, so
 * "funkar", "funka" and "funkade" all meet "funk". Used for Swedish questions as alternatives of the
 * word typed (src/retrieval/search.ts), never as extra words of their own.
 */
import { analyze, QUESTION_WORDS, stem, STOPWORDS_SV, tokenize } from '../retrieval/analyzer.js';
import { loadConcepts, PhraseIndex } from './lexicon.js';

export interface EverydayMatch {
  /** the question's words that were everyday Swedish */
  via: string;
  /** analyzed terms of the report words they mean */
  terms: string[];
}

let index: PhraseIndex<string[]> | null = null;

function load(): PhraseIndex<string[]> {
  if (index) return index;
  const ix = new PhraseIndex<string[]>();
  for (const c of loadConcepts('sv-vardag.txt')) {
    const terms = [...new Set(c.sv.flatMap((f) => analyze(f)))];
    for (const form of c.other) {
      const words = tokenize(form);
      // a function or question word alone ("kan", "sen", "här") names nothing
      if (words.length === 1 && (STOPWORDS_SV.has(words[0]) || QUESTION_WORDS.has(words[0]))) continue;
      ix.add(words.map(stem), terms);
    }
  }
  return (index = ix);
}

/**
 * The report words for the everyday words of a Swedish text, one match per phrase (longest first; a
 * single word of fewer than three letters only inside a phrase). [] when none.
 */
export function expandEveryday(text: string): EverydayMatch[] {
  const ix = load();
  const words = tokenize(text);
  const found = ix.match(words.map(stem), (key, _start, len) => len === 1 && key.length < 3);
  return found.map(({ start, len, value }) => ({ via: words.slice(start, start + len).join(' '), terms: [...new Set(value.flat())] }));
}
