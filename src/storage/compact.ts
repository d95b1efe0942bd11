/**
 * Long texts stored compactly in the SQLite store (issue 17: about 3.3 kB per answered question, most of
 * it the answer's text, which repeats its fixed intro, "Källor:" and "rad" in every row).
 *
 * The store packs answers, their metadata and remembered answers (what users typed stays plain text). A
 * text of at least PACK_MIN_BYTES bytes (UTF-8) is packed into a BLOB: one format byte, then the text
 * compressed with raw DEFLATE (RFC 1951, node:zlib) against a preset dictionary (RFC 1950 §2.2) of what
 * answers and their metadata repeat; a shorter text, or one that would not get smaller, stays a plain
 * TEXT value. Reading accepts both, so rows written before are read as they are. SQLite keeps a BLOB
 * in a TEXT column as it is (type affinity converts only numbers), so the schema is unchanged.
 *
 * Format 1's dictionary (DICTIONARY_1) must never change: rows written with it are read with it. A
 * better dictionary is a new format byte.
 */
import zlib from 'node:zlib';
import { LRUCache } from 'lru-cache';

/** texts shorter than this (in UTF-8 bytes) are stored as they are: packing would save next to nothing */
export const PACK_MIN_BYTES = 64;

const FORMAT_DEFLATE_1 = 1;

/**
 * What stored answers repeat, most frequent last (DEFLATE reaches the dictionary's end most cheaply):
 * the answer model's fixed sentences in Swedish and English, the source list's words, the stored
 * metadata's keys, and frequent words of the reports. Frozen: see the module comment.
 */
const DICTIONARY_1 = Buffer.from(
  [
    'I can\'t find that in the sources I have. I can answer questions about the reports and local policies in the knowledge base — for example on co-creation, social enterprises, procurement and the EU-funded projects — or help you match a need to social enterprises or draft an invitation to a dialogue meeting.',
    'Det hittar jag inte i underlagen. Jag kan svara på frågor om rapporterna och de lokala styrdokumenten – till exempel om samskapande, sociala företag, upphandling och de EU-finansierade projekten – eller hjälpa dig att matcha ett behov mot sociala företag eller skriva en inbjudan till ett dialogmöte.',
    'kommunen kommuner samverkan socialt företag sociala företagen idéburen sektor upphandling arbetsintegrerande projektet projekt utveckling verksamhet organisationer samskapande Helsingborg Malmö Göteborg deltagare individer arbetsmarknaden offentliga ',
    ' och att det som för med till av på är en ett de har inte kan om eller även ska där från vid ',
    "I can't find a definite answer to that in the sources. These passages come closest (quoted in Swedish) – they are not an answer, so read them before drawing conclusions:\n\n”",
    'According to the sources (quoted in Swedish):\n\n”',
    'According to the source (quoted in Swedish):\n\n”',
    '\n\nSources:\n[1] ',
    ', lines ',
    'Jag hittar inget säkert svar på det i underlagen. De här avsnitten ligger närmast – de är inget svar, så läs dem innan du drar slutsatser:\n\n”',
    'Enligt underlagen:\n\n”',
    'Enligt underlaget:\n\n”',
    '{"answered":true,"language":"en","mode":"extractive","citations":[{"n":1,"docId":"',
    '{"answered":false,"language":"sv","mode":"extractive","citations":[{"n":1,"docId":"',
    '","lines":[',
    ']},{"n":2,"docId":"',
    ']},{"n":3,"docId":"',
    '{"answered":true,"language":"sv","mode":"extractive","citations":[{"n":1,"docId":"',
    '” [1]\n\n”',
    '” [2]\n\n”',
    '” [3]\n\nKällor:\n[1] ',
    '\n[2] ',
    '\n[3] ',
    '” [2]\n\nKällor:\n[1] ',
    '” [1]\n\nKällor:\n[1] ',
    ', rad ',
  ].join(''),
  'utf8',
);

/**
 * The packed forms of the texts packed most recently: a question asked again stores the same answer
 * and metadata again, and packing one costs about 0.07 ms (issue 17). Only what the store packs is
 * here: answers and their metadata, already redacted, never what a user typed.
 */
const PACKED = new LRUCache<string, string | Buffer>({
  max: 2000,
  maxSize: 4_000_000,
  sizeCalculation: (v, key) => key.length + (typeof v === 'string' ? 0 : v.length) + 1,
});

/** The value to store for a text: the text itself, or its packed form when that is smaller (read only: it may be shared). */
export function packText(text: string): string | Buffer {
  // (a UTF-16 unit is at most 3 bytes of UTF-8)
  if (text.length * 3 < PACK_MIN_BYTES) return text;
  let packed = PACKED.get(text);
  if (packed === undefined) PACKED.set(text, (packed = pack(text)));
  return packed;
}

function pack(text: string): string | Buffer {
  const raw = Buffer.from(text, 'utf8');
  if (raw.length < PACK_MIN_BYTES) return text;
  // an 8 kB window holds the dictionary and an answer; a smaller state than the default is quicker to set up
  const packed = zlib.deflateRawSync(raw, { dictionary: DICTIONARY_1, windowBits: 13, memLevel: 5 });
  if (packed.length + 1 >= raw.length) return text;
  const out = Buffer.allocUnsafe(packed.length + 1);
  out[0] = FORMAT_DEFLATE_1;
  packed.copy(out, 1);
  return out;
}

/** packText for a nullable value (a message's meta). */
export function packNullable(text: string | null): string | Buffer | null {
  return text === null ? null : packText(text);
}

/**
 * The text of a stored value: a string as it is, a packed BLOB unpacked. Throws on a BLOB of an
 * unknown format (written by a newer Brygga) or a damaged one.
 */
export function unpackText(value: string | Uint8Array): string;
export function unpackText(value: string | Uint8Array | null): string | null;
export function unpackText(value: string | Uint8Array | null): string | null {
  if (value === null || typeof value === 'string') return value;
  if (value[0] !== FORMAT_DEFLATE_1) throw new Error(`okänt lagringsformat ${value[0]} för en text i databasen`);
  return zlib.inflateRawSync(value.subarray(1), { dictionary: DICTIONARY_1 }).toString('utf8');
}
