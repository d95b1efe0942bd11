/**
 * The matcher's English view of the lexicon (src/lexicon/services-sv-en.txt): English words for the kinds
 * of work in the enterprise registry → the Swedish words the registry writes, for English needs.
 *
 * - serviceGlossary: a one-word English form as typed (lower case) → the Swedish forms of its lines.
 * - servicePhraseWords: the Swedish words of the phrase lines (lines with a form of several words) whose
 *   forms occur in a text, word for word ("school gardens" → "skolträdgård").
 */
import { loadConcepts, parseConcepts, type Concept } from './lexicon.js';

export interface ServiceVocabulary {
  /** English word (lower case) → Swedish forms, in the file's order */
  glossary: Record<string, string[]>;
  /** phrase lines: their English forms as word lists, and their Swedish forms joined by a space */
  phrases: Array<{ forms: string[][]; sv: string }>;
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Builds the vocabulary from concepts of the lexicon format (see the file's header for the two kinds of line). */
export function serviceVocabulary(concepts: Concept[]): ServiceVocabulary {
  const glossary: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  const phrases: ServiceVocabulary['phrases'] = [];
  for (const c of concepts) {
    const forms = c.other.map(words).filter((w) => w.length);
    if (forms.some((f) => f.length > 1)) {
      phrases.push({ forms, sv: c.sv.join(' ') });
      continue;
    }
    for (const [en] of forms) {
      const list = (glossary[en!] ??= []);
      for (const sv of c.sv) if (!list.includes(sv)) list.push(sv);
    }
  }
  return { glossary, phrases };
}

let vocabulary: ServiceVocabulary | null = null;

/** The vocabulary of services-sv-en.txt, read once. @throws on a malformed line (file and line named). */
export function services(): ServiceVocabulary {
  return (vocabulary ??= serviceVocabulary(loadConcepts('services-sv-en.txt')));
}

/** Parses a text in the file's format (tests). */
export function parseServices(text: string): ServiceVocabulary {
  return serviceVocabulary(parseConcepts(text, 'services-sv-en.txt'));
}

/** Swedish words for the English phrases in a text ("" when none). */
export function servicePhraseWords(text: string, vocab: ServiceVocabulary = services()): string {
  const ws = words(text);
  const has = (form: string[]) => ws.some((_, i) => form.every((w, k) => ws[i + k] === w));
  return vocab.phrases.filter((p) => p.forms.some(has)).map((p) => p.sv).join(' ');
}
