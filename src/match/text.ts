/**
 * Text helpers for matching, on top of the core analyzer (src/retrieval/analyzer.ts): language
 * detection, the English → Swedish service words of the lexicon (the registry is Swedish), and stem
 * comparison that understands Swedish compounds (the head is the last part: eftermiddagsfika → fika).
 */
import { stem, stemEnglish, tokenize, STOPWORDS_EN, STOPWORDS_SV } from '../retrieval/analyzer.js';
import type { Language } from '../domain/types.js';
import { servicePhraseWords, services } from '../lexicon/services.js';
import { withDiacriticsRestored } from '../text/diacritics.js';

export { tokenize, stem, stemEnglish, withDiacriticsRestored };

const EN_HINTS = new Set(['the', 'in', 'at', 'on', 'from', 'help', 'please', 'some', 'someone', 'we', 'our', 'who', 'any', 'need', 'needs', 'is', 'are', 'for', 'with', 'and', 'to', 'of', 'a', 'an', 'there', 'can', 'could', 'about', 'would', 'us', 'looking', 'want']);
const SV_HINTS = new Set(['och', 'vi', 'att', 'det', 'som', 'en', 'ett', 'på', 'är', 'för', 'med', 'till', 'behöver', 'finns', 'har', 'kan', 'vill', 'någon', 'i', 'av', 'om', 'gärna']);

/** sv or en, by function words (Swedish when unsure). */
export function detectLanguage(text: string): Language {
  let en = 0;
  let sv = 0;
  for (const t of tokenize(text)) {
    if (EN_HINTS.has(t)) en++;
    if (SV_HINTS.has(t)) sv++;
  }
  if (/[åäö]/i.test(text)) sv += 0.5;
  return en > sv ? 'en' : 'sv';
}

export function isStop(token: string, lang: Language): boolean {
  return lang === 'en' ? STOPWORDS_EN.has(token) : STOPWORDS_SV.has(token);
}

/**
 * English service words → Swedish words as the registry writes them (src/lexicon/services-sv-en.txt):
 * the need's word as typed → Swedish forms. Unknown English words still match English synonyms.
 */
export const GLOSSARY: Readonly<Record<string, string[]>> = services().glossary;

/** Swedish words for the English phrases in a text ("" when none): "school gardens" → skolträdgård. */
export function phraseWords(text: string): string {
  return servicePhraseWords(text);
}

/** A need's token with its forms for comparison. */
export interface NeedToken {
  raw: string;
  index: number;
  /** Swedish stem */
  sv: string;
  /** English stem */
  en: string;
}

export function needTokens(text: string): NeedToken[] {
  return tokenize(text).map((raw, index) => ({ raw, index, sv: stem(raw), en: stemEnglish(raw) }));
}

/** Undoes a doubled final consonant that Swedish stems sometimes keep (workshopp → workshop). */
export function normStem(s: string): string {
  const n = s.length;
  if (n > 2 && s[n - 1] === s[n - 2] && !'aeiouyåäö'.includes(s[n - 1]!)) return s.slice(0, -1);
  // the e of -el/-er/-en falls away in inflection: cykel/cyklar, möbel/möbler, teater/teatrar
  return n > 4 ? s.replace(/([bcdfghjklmnpqrstvwxz])e([lrn])$/, '$1$2') : s;
}

/** Definite and plural endings the stemmer sometimes leaves (klottret → klotter). */
const INFLECTION = /^(et|en|er|ar|or|na|rna|ret|ren|ets|ens|erna|arna|orna|ernas|arnas)$/;

/** How well a need word (stem) meets a term (stem): 1 same, 0.9 need word ends with the term (compound head), 0.5 the term ends with the need word, 0.3 need word starts with the term (modifier). */
export function stemFit(word: string, term: string): number {
  const raw = fit(word, term);
  return raw === 1 ? 1 : Math.max(raw, fit(normStem(word), normStem(term)));
}

function fit(w: string, t: string): number {
  if (!w || !t) return 0;
  if (w === t) return 1;
  if (w.length >= 5 && t.length >= 5 && (w.startsWith(t) || t.startsWith(w)) && Math.abs(w.length - t.length) <= 2) return 1;
  if (t.length >= 4 && w.startsWith(t) && INFLECTION.test(w.slice(t.length))) return 1;
  // compound head: the modifier must be long enough to be a word of its own (företag is not före + tag); a head
  // and a modifier of four letters each are a compound too (skol|städ, skol|café)
  if (w.endsWith(t) && ((t.length >= 5 && w.length - t.length >= 3) || (t.length >= 3 && w.length - t.length >= 5) || (t.length >= 4 && w.length - t.length >= 4))) return 0.9;
  if (w.length >= 5 && t.length - w.length >= 3 && t.endsWith(w)) return 0.5;
  if (t.length >= 4 && w.length - t.length >= 3 && w.startsWith(t)) return 0.3;
  return 0;
}

/** True when a and b differ by one insertion, deletion, substitution or swap of neighbours (Damerau–Levenshtein 1). */
export function oneEdit(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}


