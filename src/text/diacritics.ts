/**
 * Text typed without å/ä/ö read with them, for the need parser (src/match) and the invitation request
 * parser (src/invite): every candidate spelling is checked against words the caller knows and the
 * Swedish dictionary (src/query/dictionary.ts, dictionary-sv).
 */
import { dictionaryBases, isSwedishHeadword } from '../query/dictionary.js';

/** at most this many spellings with å/ä/ö are tried for one word (a word with many a and o) */
const MAX_DIACRITIC_VARIANTS = 64;

/**
 * A need typed without å/ä/ö read with them ("behover nan som kan stada trapphus" → "… städa trapphus"):
 * a word of four letters or more with an a or o and no å/ä/ö that is neither a word of `known` (the
 * registry's own words) nor a Swedish headword (`isSwedishHeadword`) takes the spelling with å/ä for a
 * and ö for o that is one: first a word of `known` (the registry's words say "långt från", where the
 * dictionary also has "frän"), then a headword, else a form of a headword (`dictionaryBases`), fewest
 * letters changed first within each. A word with no such spelling stays as typed.
 * Only letters change, so every other word keeps its place in the text.
 */
export function withDiacriticsRestored(text: string, known: ReadonlySet<string>): string {
  return text.replace(/\p{L}{4,}/gu, (w) => {
    const lower = w.toLowerCase();
    if (/[åäöé]/.test(lower) || !/[ao]/.test(lower) || known.has(lower) || isSwedishHeadword(lower)) return w;
    const variants = diacriticVariants(lower);
    const fix = variants.find((v) => known.has(v)) ?? variants.find((v) => isSwedishHeadword(v)) ?? variants.find((v) => dictionaryBases(v).size > 0 && dictionaryBases(lower).size === 0);
    if (!fix) return w;
    return [...fix].map((ch, i) => (w[i] !== lower[i] ? ch.toUpperCase() : ch)).join('');
  });
}

/** The spellings of a lowercase word with å or ä for some of its a and ö for some of its o, fewest changes first (not the word itself). */
function diacriticVariants(word: string): string[] {
  const out: Array<{ v: string; changes: number }> = [{ v: '', changes: 0 }];
  for (const ch of word) {
    const options = ch === 'a' ? ['a', 'ä', 'å'] : ch === 'o' ? ['o', 'ö'] : [ch];
    const next: Array<{ v: string; changes: number }> = [];
    for (const p of out) for (const o of options) if (next.length < MAX_DIACRITIC_VARIANTS * 3) next.push({ v: p.v + o, changes: p.changes + (o === ch ? 0 : 1) });
    out.splice(0, out.length, ...next);
  }
  return out.filter((x) => x.changes > 0).sort((a, b) => a.changes - b.changes).slice(0, MAX_DIACRITIC_VARIANTS).map((x) => x.v);
}

/**
 * Short Swedish words typed without å/ä/ö whose plain spelling is no Swedish word of their own in a request
 * ("pa", "nar", "da") or is English ("for"): too short for withDiacriticsRestored (four letters or more).
 * "ar" is left alone: it may be "är" or "år".
 */
const SHORT_WORDS: Record<string, string> = { pa: 'på', for: 'för', nar: 'när', da: 'då', fa: 'få', ga: 'gå', sa: 'så' };

/**
 * A Swedish request typed without å/ä/ö ("gor en inbjudan till hyresgastforeningen …") read with them:
 * withDiacriticsRestored for words of four letters or more and SHORT_WORDS for the short ones. A text whose writer
 * types å/ä/ö is returned as it is: one with no more words to restore than words typed with them (a phone may put
 * "två" in a text typed without, "om två veckor … sociala foretag … internt mote"; a name that is no word stays in one
 * typed with them). Only letters change: every index stays.
 */
export function requestWithDiacritics(text: string, known: ReadonlySet<string> = new Set()): string {
  const restored = withDiacriticsRestored(text, known);
  const typedWith = (text.match(/\p{L}*[åäöÅÄÖ]\p{L}*/gu) ?? []).length;
  if (typedWith) {
    const words = text.match(/\p{L}+/gu) ?? [];
    const fixed = restored.match(/\p{L}+/gu) ?? [];
    if (words.filter((w, i) => w !== fixed[i]).length <= typedWith) return text;
  }
  return restored.replace(/(?<![\p{L}])(pa|for|nar|da|fa|ga|sa)(?![\p{L}])/giu, (w) => {
    const fix = SHORT_WORDS[w.toLowerCase()]!;
    return [...fix].map((ch, i) => (w[i] === w[i].toUpperCase() ? ch.toUpperCase() : ch)).join('');
  });
}
