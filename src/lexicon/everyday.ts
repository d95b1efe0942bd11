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

/** one line of the list: its report words (analyzed when first matched), and its everyday forms as typed (lowercased words joined by a space) */
interface Line {
  words: string[];
  terms?: string[];
  forms: Set<string>;
}

/** the analyzed terms of a line's report words, computed once (analysing every line cost every start, issue 17) */
function termsOf(line: Line): string[] {
  return (line.terms ??= [...new Set(line.words.flatMap((f) => analyze(f)))]);
}

let index: PhraseIndex<Line> | null = null;

function load(): PhraseIndex<Line> {
  if (index) return index;
  const ix = new PhraseIndex<Line>();
  for (const c of loadConcepts('sv-vardag.txt')) {
    const line: Line = { words: c.sv, forms: new Set(c.other.map((f) => tokenize(f).join(' '))) };
    for (const form of c.other) {
      const words = tokenize(form);
      // a function or question word alone ("kan", "sen", "här") names nothing
      if (words.length === 1 && (STOPWORDS_SV.has(words[0]) || QUESTION_WORDS.has(words[0]))) continue;
      ix.add(words.map(stem), line);
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
  return found.map(({ start, len, value }) => {
    const via = words.slice(start, start + len).join(' ');
    // Snowball gives different words one stem ("jobbade" and "jobbigt" are both "jobb"): when lines of
    // that stem list the form as typed, those lines say what it means
    const exact = value.filter((l) => l.forms.has(via));
    return { via, terms: [...new Set((exact.length ? exact : value).flatMap(termsOf))] };
  });
}
