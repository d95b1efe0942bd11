/**
 * Brygga's one lexicon: every word list lives in this folder, in one format, and is parsed here.
 *
 * Format (all files): one concept per line, `left forms | right forms`, forms separated by commas,
 * `#` starts a comment line. The left side is always Swedish as the reports write it; the right side
 * is how people may ask for it:
 *
 * - `domain.txt`   — the field's concepts with abbreviations, `svenska | english`. Both sides are used:
 *                    any form found in a question adds all forms of its line (query expansion, sv and en).
 * - `sv-en.txt`    — general vocabulary, `svenska | english`, for English questions (English → Swedish).
 * - `sv-vardag.txt`— everyday Swedish, `rapportens ord | vardagliga ord`: colloquial words and spellings
 *                    (funkar, jobba ihop, grej) for the report words they mean, for Swedish questions.
 * - `services-sv-en.txt` — English words for the registry's kinds of work, `svenska | english`, for English
 *                    needs in matching.
 *
 * The views for each use are in domain.ts (expandQuery), bilingual.ts (translateEnglish and the English →
 * Swedish stems of the citation checker), everyday.ts (expandEveryday) and services.ts (the matcher's glossary).
 */
import { readFileSync } from 'node:fs';
import { fromRoot } from '../root.js';
import { matchPhrases } from '../retrieval/phrases.js';

export type LexiconFile = 'domain.txt' | 'sv-en.txt' | 'sv-vardag.txt' | 'services-sv-en.txt';

/** One line of a word list. */
export interface Concept {
  /** 1-based line number in its file, for error messages */
  line: number;
  /** Swedish forms as the reports write them (trimmed, case kept) */
  sv: string[];
  /** the other side: English forms, or everyday Swedish forms in sv-vardag.txt */
  other: string[];
}

const splitForms = (side: string) =>
  side
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);

/**
 * Parses a word list in the lexicon format.
 * @throws Error naming the file and line when a line has not exactly one `|` or an empty side.
 */
export function parseConcepts(text: string, file = 'lexicon'): Concept[] {
  const out: Concept[] = [];
  text.split('\n').forEach((raw, i) => {
    const l = raw.trim();
    if (!l || l.startsWith('#')) return;
    const parts = l.split('|');
    const sv = splitForms(parts[0] ?? '');
    const other = splitForms(parts[1] ?? '');
    if (parts.length !== 2 || !sv.length || !other.length) throw new Error(`${file} line ${i + 1}: expected "svenska | english"`);
    out.push({ line: i + 1, sv, other });
  });
  return out;
}

const cache = new Map<LexiconFile, Concept[]>();

/** The concepts of one word list of this folder, read and parsed once. @throws on a malformed line. */
export function loadConcepts(file: LexiconFile): Concept[] {
  let c = cache.get(file);
  if (!c) {
    c = parseConcepts(readFileSync(fromRoot('src', 'lexicon', file), 'utf8'), file);
    cache.set(file, c);
  }
  return c;
}

/**
 * A phrase index: phrase keys (a form's words, each keyed, joined by a space) → values, matched
 * longest phrase first over a text's keyed words (src/retrieval/phrases.ts).
 */
export class PhraseIndex<V> {
  private readonly byKey = new Map<string, V[]>();
  /** the longest phrase that begins with each first word */
  private readonly longestFrom = new Map<string, number>();
  maxLen = 1;

  add(words: string[], value: V): void {
    if (!words.length) return;
    const key = words.join(' ');
    this.maxLen = Math.max(this.maxLen, words.length);
    // (by the key's own words: a text's keys are matched joined by a space)
    const own = key.split(' ');
    this.longestFrom.set(own[0], Math.max(this.longestFrom.get(own[0]) ?? 0, own.length));
    const list = this.byKey.get(key) ?? [];
    if (!list.includes(value)) list.push(value);
    this.byKey.set(key, list);
  }

  get(key: string): V[] | undefined {
    return this.byKey.get(key);
  }

  get keys(): Map<string, V[]> {
    return this.byKey;
  }

  /** Matches keyed words, longest first; `skip` refuses a phrase (e.g. a single short word). */
  match(keys: string[], skip: (key: string, start: number, len: number) => boolean = () => false) {
    return matchPhrases(keys, this.maxLen, (key, start, len) => (skip(key, start, len) ? undefined : this.byKey.get(key)), (first) => this.longestFrom.get(first) ?? 0);
  }
}
