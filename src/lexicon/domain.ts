/**
 * The domain view of the lexicon (src/lexicon/domain.txt): the field's concepts, Swedish ↔ English,
 * with their abbreviations, for query expansion in both languages, so that English questions find
 * Swedish passages and abbreviations meet their spelled-out forms. Every form of a concept, of either
 * side, names it; a match adds the analyzed terms of all its forms.
 */
import { analyze, tokenize } from '../retrieval/analyzer.js';
import { loadConcepts, PhraseIndex } from './lexicon.js';

export interface ExpandedConcept {
  /** the words of the question that named the concept */
  via: string;
  /** the analyzed terms of all the concept's forms */
  terms: string[];
}

let view: { index: PhraseIndex<number>; forms: string[][]; terms: Array<string[] | undefined> } | null = null;

function load() {
  if (view) return view;
  const concepts = loadConcepts('domain.txt').map((c) => [...c.sv, ...c.other].map((f) => f.toLowerCase()));
  const index = new PhraseIndex<number>();
  // a form is keyed by its lowercased tokens (no stemming: "ESF" and "ESF-rådet" stay apart)
  concepts.forEach((forms, i) => forms.forEach((f) => index.add(tokenize(f), i)));
  // the analyzed terms of a concept's forms are worked out when a question first names it (analysing
  // all of them cost about 0.1 s of every start, issue 17)
  return (view = { index, forms: concepts, terms: [] });
}

/** the analyzed terms of all forms of concept `c`, computed once */
function termsOf(c: number): string[] {
  const v = load();
  return (v.terms[c] ??= [...new Set(v.forms[c].flatMap((f) => analyze(f)))]);
}

/**
 * Finds domain concepts in a text and returns the analyzed terms of all their forms, by concept
 * (`concepts`, each named once, by its first match), all together (`terms`) and the matched phrases
 * (`matched`, lowercased tokens joined by a space). Longest phrases match first; a single word of
 * fewer than three letters ("no", "år") counts only inside a phrase, unless typed in capitals ("AF", "KS").
 */
export function expandQuery(text: string): { terms: string[]; matched: string[]; concepts: ExpandedConcept[] } {
  const { index } = load();
  // a two-letter abbreviation typed in capitals ("AF", "KS") names its concept; in lower case it may be a word
  const capitals = new Set((text.match(/(?<![\p{L}])\p{Lu}{2}(?![\p{L}])/gu) ?? []).map((w) => w.toLowerCase()));
  const found = index.match(tokenize(text), (key, _start, len) => len === 1 && key.length < 3 && !capitals.has(key));
  const hit = new Map<number, string>();
  for (const { key, value: cs } of found) for (const c of cs) if (!hit.has(c)) hit.set(c, key);
  const expanded = [...hit].map(([c, via]) => ({ via, terms: termsOf(c) }));
  return { terms: [...new Set(expanded.flatMap((g) => g.terms))], matched: found.map((f) => f.key), concepts: expanded };
}

/** The number of domain concepts (lines of domain.txt). */
export function glossarySize(): number {
  return loadConcepts('domain.txt').length;
}
