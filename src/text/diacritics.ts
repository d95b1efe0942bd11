/**
 * Text typed without å/ä/ö read with them, for the need parser (src/match) and the invitation request
 * parser (src/invite): every candidate spelling is checked against words the caller knows and the
 * Swedish dictionary (src/query/dictionary.ts, dictionary-sv).
 */
import { SWEDISH_MUNICIPALITIES } from '../match/municipalities.js';
import { dictionaryBases, isSwedishHeadword } from '../query/dictionary.js';

/** Sweden's municipalities by their name lowercased and typed without å/ä/ö ("hoganas" → "höganäs") */
const MUNICIPALITY_BY_PLAIN: ReadonlyMap<string, string> = new Map(
  SWEDISH_MUNICIPALITIES.filter((m) => !/\s/.test(m)).map((m) => [m.toLowerCase().replace(/[åä]/g, 'a').replace(/ö/g, 'o'), m.toLowerCase()]),
);

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
    // a municipality's name is spelled as SCB spells it ("Hoganas" → "Höganäs"; "Oskarshamn" is one as typed)
    const place = MUNICIPALITY_BY_PLAIN.get(lower);
    if (place !== undefined) return [...place].map((ch, i) => (w[i] !== lower[i] ? ch.toUpperCase() : ch)).join('');
    const variants = diacriticVariants(lower);
    // a capitalised word may be a name: it takes å/ä/ö only as a word, not as some inflection of one or a
    // compound ("Cafe Fontana" is no "fontän", "Oskarsgatan" no "öskar" + "gatan")
    const name = /^\p{Lu}/u.test(w);
    const fix =
      variants.find((v) => known.has(v)) ??
      variants.find((v) => isSwedishHeadword(v)) ??
      (name ? undefined : variants.find((v) => dictionaryBases(v).size > 0 && dictionaryBases(lower).size === 0)) ??
      (!name && dictionaryBases(lower).size === 0 ? compoundWithDiacritics(lower, known) : null);
    if (!fix) return w;
    return [...fix].map((ch, i) => (w[i] !== lower[i] ? ch.toUpperCase() : ch)).join('');
  });
}

/** the shortest modifier and head a compound is split into (a modifier may end in a linking s) */
const MIN_MODIFIER = 3;
const MIN_HEAD = 4;

/**
 * A compound the dictionary has no entry for, read with å/ä/ö ("arbetsmarknadsforvaltningen" →
 * "arbetsmarknadsförvaltningen", "Forvaltningshuset" → "förvaltningshuset"): split into a modifier
 * (a headword or a word of `known`, alone or with the linking s) and a head (a headword or a form of
 * one), each as typed or with å/ä/ö, the split with the fewest letters changed. A head that is a word
 * of `known` (the caller's own words: the reports', the registry's) comes before one that is only a
 * form the dictionary's affix rules allow ("dialogmotet": "mötet" is in the reports, "motet" only a form
 * of "mota"). Null when the word, split somewhere, is already two words as typed (a compound typed right
 * needs nothing) and no split with a known head beats that, or when no split is two words either way.
 * `lower` is lowercased; the result is too.
 */
function compoundWithDiacritics(lower: string, known: ReadonlySet<string>): string | null {
  const isModifier = (x: string) => known.has(x) || isSwedishHeadword(x) || (x.endsWith('s') && x.length > MIN_MODIFIER && isSwedishHeadword(x.slice(0, -1)));
  const isHead = (x: string) => known.has(x) || dictionaryBases(x).size > 0;
  let best: { word: string; changes: number; knownHead: boolean } | null = null;
  // the word is already two words as typed; `typedKnown`: with a head the caller knows
  let typed = false;
  let typedKnown = false;
  for (let i = MIN_MODIFIER; i <= lower.length - MIN_HEAD; i++) {
    const left = lower.slice(0, i);
    const right = lower.slice(i);
    const lefts = [{ v: left, changes: 0 }, ...spellingsWithDiacritics(left)].filter((x) => isModifier(x.v));
    if (!lefts.length) continue;
    const rights = [{ v: right, changes: 0 }, ...spellingsWithDiacritics(right)].filter((x) => isHead(x.v));
    for (const l of lefts)
      for (const r of rights) {
        const changes = l.changes + r.changes;
        const knownHead = known.has(r.v);
        if (changes === 0) {
          typed = true;
          typedKnown ||= knownHead || isSwedishHeadword(r.v);
          continue;
        }
        if (!best || (knownHead && !best.knownHead) || (knownHead === best.knownHead && changes < best.changes)) best = { word: l.v + r.v, changes, knownHead };
      }
  }
  if (typed && (typedKnown || !best?.knownHead)) return null;
  return best?.word ?? null;
}

/** The spellings of a lowercase word with å or ä for some of its a and ö for some of its o, fewest changes first (not the word itself). */
function diacriticVariants(word: string): string[] {
  return spellingsWithDiacritics(word).map((x) => x.v);
}

/** diacriticVariants with the number of letters each changes. */
function spellingsWithDiacritics(word: string): Array<{ v: string; changes: number }> {
  const out: Array<{ v: string; changes: number }> = [{ v: '', changes: 0 }];
  for (const ch of word) {
    const options = ch === 'a' ? ['a', 'ä', 'å'] : ch === 'o' ? ['o', 'ö'] : [ch];
    const next: Array<{ v: string; changes: number }> = [];
    for (const p of out) for (const o of options) if (next.length < MAX_DIACRITIC_VARIANTS * 3) next.push({ v: p.v + o, changes: p.changes + (o === ch ? 0 : 1) });
    out.splice(0, out.length, ...next);
  }
  return out.filter((x) => x.changes > 0).sort((a, b) => a.changes - b.changes).slice(0, MAX_DIACRITIC_VARIANTS);
}

/**
 * "ar" where only the verb "är" fits: after a subject pronoun, "som" or "det" ("vad som ar bra", "det ar inte
 * beslutat") and before "inte" ("ar inte"); "år" (a year) takes a number or an article before it instead.
 */
const AR_IS_VERB = /(?<=(?<![\p{L}])(?:som|det|vad|detta|den|hon|han|hen|de|vi|ni|jag|du|man|här|där|vem|allt)\s+)ar(?![\p{L}])|(?<![\p{L}])ar(?=\s+inte(?![\p{L}]))/giu;

/**
 * Short Swedish words typed without å/ä/ö whose plain spelling is no Swedish word of their own in a request
 * ("pa", "nar", "da") or is English ("for"): too short for withDiacriticsRestored (four letters or more).
 * "ar" is left alone here: it may be "är" or "år" (AR_IS_VERB reads it where only "är" fits).
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
  return restored
    .replace(/(?<![\p{L}])(pa|for|nar|da|fa|ga|sa)(?![\p{L}])/giu, (w) => {
      const fix = SHORT_WORDS[w.toLowerCase()]!;
      return [...fix].map((ch, i) => (w[i] === w[i].toUpperCase() ? ch.toUpperCase() : ch)).join('');
    })
    .replace(AR_IS_VERB, (w) => (w[0] === 'A' ? 'Ä' : 'ä') + w.slice(1));
}

const knownCache = new WeakMap<object, ReadonlySet<string>>();

/**
 * The words of a corpus vocabulary a request typed without å/ä/ö is read against (the `known` of
 * withDiacriticsRestored): those written with å/ä/ö ("behöver", "mötet", "lättare": the dictionary's affix
 * rules also allow "behover" as a form of "behov", so the reports' spelling decides), and those without that
 * the dictionary knows as a form, which stay as typed ("stora", "bara": the reports also have "störa").
 * A word without å/ä/ö that the dictionary does not know ("invanare" in a link) is left out, so that it never
 * keeps a typed word from its spelling. `lexicon`: anything with `entries()` of [word, count] (the
 * retriever's Lexicon); cached per lexicon object.
 */
export function corpusSpellings(lexicon: { entries(): Iterable<[string, number]> }): ReadonlySet<string> {
  let out = knownCache.get(lexicon);
  if (!out) {
    const words = new Set<string>();
    for (const [w, n] of lexicon.entries()) if (n > 0 && (/[åäö]/.test(w) || (w.length >= 4 && /[ao]/.test(w) && dictionaryBases(w).size > 0))) words.add(w);
    knownCache.set(lexicon, (out = words));
  }
  return out;
}
