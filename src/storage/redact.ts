/**
 * Removes personal data from free text before it is stored or logged: Swedish personnummer and
 * samordningsnummer, phone numbers and e-mail addresses become [PERSONNUMMER], [TELEFON] and [E-POST]; payment
 * cards, IBANs and secrets (passwords after their word, API keys and tokens) [KORTNUMMER], [KONTONUMMER] and [HEMLIGT].
 *
 * - Personnummer/samordningsnummer (Skatteverket, SKV 704 and 707): (YY)YYMMDD, a separator ("-",
 *   "+" for 100 years or older; also "–", "—", spaces or none as people type them), four digits.
 *   The date and the check digit (Luhn) are checked by the `personnummer` package. A number written
 *   with a dash or plus and a real date is redacted even with a wrong check digit (a mistyped
 *   personnummer is still personal data); written with a space or nothing, where a 10- or 12-digit
 *   run could be another number, the check digit must hold.
 * - Phone numbers: found and checked by libphonenumber-js (Google's libphonenumber metadata),
 *   default region SE. A number is redacted when it is written with an international prefix ("+",
 *   "00") and has a possible length for its country, or with the trunk prefix "0" or the bare
 *   country code ("46…") and is a valid number. Dates, years, times, amounts and organisation
 *   numbers (556123-4567) are not phone numbers by these rules and are left alone.
 * - E-mail addresses, also with å/ä/ö and other letters (RFC 6531 local parts, IDN domains), and
 *   obfuscated as "anna(at)example.se", "anna [at] example [dot] se" or "anna at example dot se".
 */
import { findNumbers, type CountryCode } from 'libphonenumber-js/max';
import { LRUCache } from 'lru-cache';
import PersonnummerCjs from 'personnummer';

// the package's types declare an ES default export; its CommonJS build exports the class itself
const Personnummer = ((PersonnummerCjs as { default?: unknown }).default ?? PersonnummerCjs) as typeof PersonnummerCjs.default;
/** libphonenumber's matcher takes a leniency its types leave out: POSSIBLE, then our rules below */
const FIND_OPTIONS = { defaultCountry: 'SE' as CountryCode, v2: true as const, leniency: 'POSSIBLE' };
/** clock times ("08.00-10.00") and dates ("08.05.2024") that a phone matcher may take for numbers */
const NOT_PHONE = /^(?:\d{1,2}[.:]\d{2}(?:\s*[-–]\s*\d{1,2}[.:]\d{2})?|\d{1,2}[./-]\d{1,2}[./-](?:\d{2}|\d{4}))$/;

const L = '\\p{L}\\p{M}\\p{N}';
const AT = String.raw`(?:\s*@\s*|\s*[(\[{<]\s*(?:at|snabel-?a)\s*[)\]}>]\s*|\s+(?:at|snabel-?a)\s+)`;
const DOT = String.raw`(?:\.|\s*[(\[{<]\s*(?:dot|punkt)\s*[)\]}>]\s*|\s+(?:dot|punkt)\s+)`;
/** local part, an "at" (or its spelled-out forms), a domain of at least two labels with a letter TLD */
const EMAIL = new RegExp(
  `(?<![${L}._%+-])[${L}._%+-]*[${L}]${AT}[${L}](?:[${L}-]*[${L}])?(?:${DOT}[${L}](?:[${L}-]*[${L}])?)*${DOT}\\p{L}{2,}(?![${L}])`,
  'giu',
);
/** (YY)YYMMDD, separator, four digits; the separator as written */
const PERSONNUMMER = /(?<![\d+])((?:19|20)?\d{6})(\s*[-–—+]\s*|[ \u00a0]|)(\d{4})(?!\d)/g;

/** Is `(yy)yymmdd` a real date (day + 60 for a samordningsnummer) in some century? */
function realDate(date: string): boolean {
  const centuries = date.length === 8 ? [''] : ['18', '19', '20'];
  return centuries.some((c) => {
    const ymd = c + date;
    const y = Number(ymd.slice(0, 4));
    const m = Number(ymd.slice(4, 6));
    let d = Number(ymd.slice(6, 8));
    if (d > 60) d -= 60;
    return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
  });
}

function redactPersonnummer(text: string): string {
  return text.replace(PERSONNUMMER, (whole, date: string, sep: string, last: string) => {
    const sign = sep.trim();
    // the package knows "-" and "+" (100 years or older); other dashes and spaces mean "-"
    const normal = `${date}${sign === '+' ? '+' : '-'}${last}`;
    if (Personnummer.valid(normal, { allowCoordinationNumber: true, allowInterimNumber: false })) return '[PERSONNUMMER]';
    if (sign && realDate(date)) return '[PERSONNUMMER]';
    return whole;
  });
}

/**
 * Where a number redactPhones accepts can begin: an international prefix ("+", or "00" at the start of
 * a digit run), a trunk prefix ("0" at the start of a run) or the bare country code ("46" at the start
 * of a run: without "+" or "00" libphonenumber reads a number as Swedish). Every number it accepts
 * (see the rules below) has its first digit at the start of a run of digits, so a text without any of
 * these holds none, and libphonenumber (about 0.3–0.5 ms on an answer of a few kB that cites
 * "rad 999–1003") need not scan it (issue 17).
 */
const PHONE_START = /[+＋]|(?<!\d)(?:0|46)/;

/** Whether libphonenumber need scan a text: at least 7 digits, and somewhere a number could begin (PHONE_START). */
export function mayHoldPhoneNumber(text: string): boolean {
  return (text.match(/\d/g)?.length ?? 0) >= 7 && PHONE_START.test(text);
}

/** Phone numbers → [TELEFON]; `prefilter` false scans every text (the tests compare both ways). */
export function redactPhones(text: string, prefilter = true): string {
  // libphonenumber scans the text; cheap tests first: a phone number has at least 7 digits and begins as one
  if (prefilter ? !mayHoldPhoneNumber(text) : (text.match(/\d/g)?.length ?? 0) < 7) return text;
  const found = findNumbers(text, FIND_OPTIONS);
  let out = '';
  let at = 0;
  for (const f of found) {
    const raw = text.slice(f.startsAt, f.endsAt);
    if (NOT_PHONE.test(raw.trim())) continue;
    const lead = raw.replace(/^[\s(]+/, '');
    const digits = raw.replace(/\D/g, '');
    const international = lead.startsWith('+') || lead.startsWith('00');
    const national = !international && digits.startsWith('0');
    const bareCountryCode = !international && !national && digits.startsWith(f.number.countryCallingCode) && !/[^\d]/.test(raw.trim());
    const ok = international ? f.number.isPossible() : (national || bareCountryCode) && f.number.isValid();
    if (!ok) continue;
    out += text.slice(at, f.startsAt) + '[TELEFON]';
    at = f.endsAt;
  }
  return at === 0 ? text : out + text.slice(at);
}

/**
 * Texts known to hold no personal data. Scanning a text with seven or more digits costs libphonenumber
 * about 0.3–0.5 ms (a cited document id such as "002_533d367f4a9da622", an answer citing "rad 999–1003"),
 * and the same answers and ids are stored again and again (issue 17). Only texts in which nothing was
 * found are kept, so no personal data is held here.
 */
const CLEAN = new LRUCache<string, true>({ max: 5000, maxSize: 4_000_000, sizeCalculation: (_v, key) => key.length + 1 });

export function redactPersonalData(text: string): string {
  if (!text) return text;
  if (CLEAN.has(text)) return text;
  // full-width digits and plus ("７０１２３４５６７", what some phone keyboards type) are read as the ASCII ones
  // (only they are normalized, NFKC as the question analysis reads text: the rest is stored as written)
  let out = /[\uFF0B\uFF10-\uFF19]/.test(text) ? text.replace(/[\uFF0B\uFF10-\uFF19]/g, (c) => c.normalize('NFKC')) : text;
  out = redactSecrets(out);
  out = out.replace(EMAIL, '[E-POST]');
  out = redactPersonnummer(out.replace(DASHED_BIRTH_DATE, '$1$2$3$4'));
  out = redactPhones(out);
  out = redactAccounts(out);
  if (out === text) CLEAN.set(text, true);
  return out;
}

/** a personnummer written with its date in ISO form: "1981-12-18-9876", "1981-12-18 9876" (read as 19811218-9876) */
const DASHED_BIRTH_DATE = /(?<![\d-])((?:19|20)\d{2})-(\d{2})-(\d{2})(\s*[-–+]\s*|\s)(?=\d{4}(?!\d))/g;

/**
 * Secrets typed into a chat: a password given after its word ("lösen: …", "password=…", or without the colon when it
 * has a digit or a sign: "lösenord hunter2", "password is s3cret!"), and
 * API keys and tokens by their issuers' published prefixes (OpenAI "sk-", GitHub "ghp_"/"github_pat_", Slack "xox?-",
 * AWS "AKIA", Google "AIza", a "Bearer …" token) → [HEMLIGT].
 */
const SECRET_AFTER_WORD = /(?<![\p{L}])(lösen(?:ord)?|password|passwd|pwd|pin(?:-?kod)?|api[-_ ]?key|token|secret)(\s*[:=]\s*|\s+(?:är|is)\s+(?=\S*[\d_\W])|\s+(?=\S*\d))(\S{4,})/giu;
const SECRET_TOKEN = /\b(?:sk-(?:proj-)?[A-Za-z0-9_-]{16,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{30,}|Bearer\s+[A-Za-z0-9._~+/-]{16,}=*)/g;

function redactSecrets(text: string): string {
  return text.replace(SECRET_TOKEN, '[HEMLIGT]').replace(SECRET_AFTER_WORD, (whole, word: string, sep: string, value: string) => (value === '[HEMLIGT]' ? whole : `${word}${sep}[HEMLIGT]`));
}

/**
 * Payment card numbers (13–19 digits, spaced or dashed in groups, with a valid Luhn check digit, ISO/IEC 7812) →
 * [KORTNUMMER], and IBANs (a country code, two check digits and up to 30 letters and digits, spaced in fours or not,
 * whose ISO 13616 mod-97 check holds) → [KONTONUMMER].
 */
// (a run glued to letters is an id or a code, not a card: "Qwyxzorpel1796316600883" had been redacted when its digits
// passed the check, one time in ten)
const CARD = /(?<![\p{L}\d-])\d(?:[ -]?\d){12,18}(?![\p{L}\d-])/gu;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

function ibanValid(iban: string): boolean {
  const s = iban.replace(/ /g, '');
  const moved = s.slice(4) + s.slice(0, 4);
  let rest = 0;
  for (const c of moved) {
    const v = /\d/.test(c) ? c : String(c.charCodeAt(0) - 55);
    for (const d of v) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

function redactAccounts(text: string): string {
  if ((text.match(/\d/g)?.length ?? 0) < 13) return text;
  return text
    .replace(IBAN, (m) => (ibanValid(m) ? '[KONTONUMMER]' : m))
    .replace(CARD, (m) => {
      const digits = m.replace(/\D/g, '');
      return digits.length >= 13 && digits.length <= 19 && luhn(digits) ? '[KORTNUMMER]' : m;
    });
}

/** Redacts every string inside a JSON-like value (objects and arrays are copied). */
export function redactDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redactPersonalData(value) as unknown as T;
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1)) as unknown as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redactDeep(v, depth + 1);
  return out as T;
}
