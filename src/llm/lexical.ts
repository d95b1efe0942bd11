/**
 * Lexical support: does a passage support a sentence? Used to verify the LLM's citations.
 *
 * A sentence is reduced to its content words (stop words dropped) and its numbers. Each word gets a
 * set of keys — its Swedish and English Snowball stems, a "cognate" spelling (projekt ~ project,
 * koordinera ~ coordinate) and, for English words, the stems of their Swedish translations from
 * the lexicon (src/lexicon/) — so that English answers about Swedish sources can be checked too. A word is found
 * in a passage when one of its keys equals a passage key or, for keys of 5+ characters, one contains
 * the other (Swedish compounds: upphandling ⊂ upphandlingsförfarandet).
 *
 * support = share of the sentence's content words found in the passage; 0 when any number of the
 * sentence is missing from the passage (numbers must match exactly, in any of their readings:
 * "3 169", "3,169" and "3169" are the same number; "79,8" and "79.8" too).
 */
import { stem as stemSv, stemEnglish } from '../retrieval/analyzer.js';
import { swedishStemsFor } from '../lexicon/bilingual.js';

const STOP_SV = `alla allt andra annan annat att av bara bli blev blir blivit de dem den denna deras dess dessa det detta dig din
ditt du där då efter eftersom ej eller en er ett fick fler flera från får för genom ha hade har hela helt hon honom hos hur
här i icke ingen inom inte ju kan kunde man med mellan men mer mig min mitt mot mycket många ni nu när någon något några och
om oss på samma sedan sen sig sin sina sitt sjäv själv ska skulle som så såg sådan sådana till under upp ut utan vad var vara
varför varit varje vars vem vi vid vilka vilken vilket vill våra vårt än är även åt över också dock mest samt enligt därför
ofta särskilt både kring hos sådant finns fanns gör gjorde görs gjordes göra ska skall kommer kom olika genom hade haft egen
egna bland annat exempelvis tex t.ex bl.a dvs ca cirka ut vilken varav nämligen just båda sätt`;
const STOP_EN = `a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here hers him his
how i if in into is it its itself just me more most my no nor not of off on once only or other our ours out over own same
she should so some such than that the their theirs them then there these they this those through to too under until up
very was we were what when where which while who whom why will with would you your yours one ones may might must shall
well many much several like via per among according therefore often especially within without including e.g i.e etc
got get gets made make makes used use uses using way ways different various`;

const STOP = new Set([...STOP_SV.split(/\s+/), ...STOP_EN.split(/\s+/)].filter(Boolean));

const NUMBER_WORDS: Record<string, string> = {
  två: '2', tre: '3', fyra: '4', fem: '5', sex: '6', sju: '7', åtta: '8', nio: '9', tio: '10', elva: '11', tolv: '12',
  two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10', eleven: '11', twelve: '12',
  tjugo: '20', twenty: '20', hundra: '100', hundred: '100',
};

/** Joins words split over lines ("stadsbyggnads-\nförvaltningen") and normalises spacing. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/([A-Za-zÅÄÖåäöÉé])-\s*\n\s*([a-zåäöé])/g, '$1$2')
    .replace(/[\u00ad]/g, '')
    .replace(/[ \t\u00a0\u202f]+/g, ' ');
}

function cognate(key: string): string {
  return key
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/é/g, 'e')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/qu/g, 'kv')
    .replace(/ck/g, 'k')
    .replace(/c/g, 'k')
    .replace(/w/g, 'v')
    .replace(/z/g, 's')
    .replace(/(.)\1+/g, '$1');
}

const keyCache = new Map<string, string[]>();

/** All comparison keys of one lowercased word. */
export function wordKeys(word: string): string[] {
  const cached = keyCache.get(word);
  if (cached) return cached;
  const sv = stemSv(word);
  const en = stemEnglish(word);
  const keys = new Set([sv, en, cognate(sv), cognate(en)]);
  // an English word's Swedish translations, from the lexicon (src/lexicon/: domain concepts and the general list)
  for (const g of swedishStemsFor(word)) {
    keys.add(g);
    keys.add(cognate(g));
  }
  const out = [...keys].filter((k) => k.length > 0);
  if (keyCache.size > 50_000) keyCache.clear();
  keyCache.set(word, out);
  return out;
}

const WORD_RE = /[\p{L}][\p{L}\p{M}'’-]*/gu;

/** Content words of a text: lowercased, stop words and 1-letter words dropped. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const m of normalizeText(text).toLowerCase().matchAll(WORD_RE)) {
    const w = m[0].replace(/['’]s$/, '').replace(/['’-]+$/g, '');
    if (w.length < 2 || STOP.has(w) || NUMBER_WORDS[w]) continue;
    // hyphenated compounds: keep the whole and count it as one word
    out.push(w);
  }
  return out;
}

/**
 * Numbers in a text, each as the set of its readings (normalised strings). Swedish thousands
 * separated by spaces are joined; "3,169" reads as 3.169 or 3169; "79,8" as 79.8.
 */
export function numbersIn(text: string, withWords = false): string[][] {
  // list enumerators ("1)", "2.") and [n] markers are not claims
  const t = normalizeText(text)
    .replace(/\[\d+\]/g, ' ')
    .replace(/(^|[\s;:,(])\d{1,2}[).](?=\s)/g, '$1');
  const out: string[][] = [];
  const re = /(?<![\d.,])\d{1,3}(?:[ \u00a0]\d{3})+(?![\d])|(?<![\d])\d+(?:[.,]\d+)*/g;
  for (const m of t.matchAll(re)) {
    const raw = m[0];
    const readings = new Set<string>();
    const spaced = raw.replace(/[ \u00a0]/g, '');
    if (/^\d+$/.test(spaced)) readings.add(String(Number(spaced)));
    else {
      // decimal reading (comma or dot as decimal mark, only one group after it)
      const dec = spaced.replace(',', '.');
      if (/^\d+\.\d+$/.test(dec)) readings.add(String(Number(dec)));
      // thousands reading ("3,169" / "1.250.000")
      if (/^\d{1,3}(?:[.,]\d{3})+$/.test(spaced)) readings.add(String(Number(spaced.replace(/[.,]/g, ''))));
      if (readings.size === 0) readings.add(spaced);
    }
    out.push([...readings]);
  }
  if (withWords) {
    for (const m of t.toLowerCase().matchAll(WORD_RE)) {
      const n = NUMBER_WORDS[m[0]];
      if (n) out.push([n]);
    }
  }
  return out;
}

/** A passage prepared for repeated support checks. */
export interface PreparedPassage {
  keys: Set<string>;
  /** keys of 5+ characters, for containment checks */
  longKeys: string[];
  numbers: Set<string>;
}

export function preparePassage(text: string): PreparedPassage {
  const keys = new Set<string>();
  for (const w of contentWords(text)) for (const k of wordKeys(w)) keys.add(k);
  // hyphen parts too: "sektors-överskridande"
  for (const w of contentWords(text.replace(/-/g, ' '))) for (const k of wordKeys(w)) keys.add(k);
  const numbers = new Set<string>();
  for (const r of numbersIn(text, true)) for (const x of r) numbers.add(x);
  return { keys, longKeys: [...keys].filter((k) => k.length >= 5), numbers };
}

function wordFound(word: string, p: PreparedPassage): boolean {
  const keys = wordKeys(word);
  for (const k of keys) if (p.keys.has(k)) return true;
  for (const k of keys) {
    if (k.length < 5) continue;
    for (const pk of p.longKeys) if (pk.includes(k) || k.includes(pk)) return true;
  }
  // hyphenated word: all parts found
  if (word.includes('-')) {
    const parts = word.split('-').filter((x) => x.length >= 2 && !STOP.has(x));
    if (parts.length > 0 && parts.every((x) => wordFound(x, p))) return true;
  }
  return false;
}

export interface SupportScore {
  /** share of content words found, 0..1; 0 when a number is missing */
  score: number;
  words: number;
  found: number;
  numbersOk: boolean;
  missingNumbers: string[];
}

/** How well a passage supports a sentence (see the module comment). */
export function support(sentence: string, passage: PreparedPassage | string): SupportScore {
  const p = typeof passage === 'string' ? preparePassage(passage) : passage;
  const words = [...new Set(contentWords(sentence))];
  let found = 0;
  for (const w of words) if (wordFound(w, p)) found++;
  const missingNumbers: string[] = [];
  for (const readings of numbersIn(sentence, false)) {
    if (!readings.some((r) => p.numbers.has(r))) missingNumbers.push(readings[0]!);
  }
  const numbersOk = missingNumbers.length === 0;
  const share = words.length === 0 ? (numbersOk ? 1 : 0) : found / words.length;
  return { score: numbersOk ? share : 0, words: words.length, found, numbersOk, missingNumbers };
}

/** Splits plain (passage) text into sentences; PDF line breaks inside sentences are joined. */
export function passageSentences(text: string): string[] {
  const flat = normalizeText(text).replace(/\s*\n\s*/g, ' ').trim();
  const parts = flat.split(/(?<=[.!?…])\s+(?=[\p{Lu}\d"”«(•–-])|\s+(?=•)/u);
  return parts.map((s) => s.trim()).filter((s) => s.length > 0);
}
