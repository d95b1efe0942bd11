/**
 * Removes personal data from free text before it is stored or logged: Swedish personnummer and
 * samordningsnummer, phone numbers and e-mail addresses become [PERSONNUMMER], [TELEFON] and [E-POST].
 *
 * The patterns are deliberately narrow so that years ("2024"), amounts ("3 169", "79,8 miljoner"),
 * dates ("2024-01-15", "15/1"), times ("07:30", "07.30–09.00") and organisation numbers (556123-4567)
 * are left alone.
 */

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/**
 * Personnummer: (YY)YYMMDD followed by "-", "+" or nothing, then four digits. Checked for a real
 * month and day (day + 60 for samordningsnummer) in the replacer.
 */
const PERSONNUMMER = /(?<![\d+])((?:19|20)?\d{2})(\d{2})(\d{2})([-+]?)(\d{4})(?![\d])/g;

/** International numbers: +46 or 0046 (or another country code) followed by 7–13 digits. */
const PHONE_INTL = /(?<![\w+])(?:\+|00)(\d{1,3})[\s-]?(?:\(0\)[\s-]?)?\d(?:[\s-]?\d){5,12}(?!\d)/g;

/**
 * Swedish domestic numbers: a leading 0 and area code (2–4 digits with the 0), then groups of
 * digits separated by spaces or dashes. 8–10 digits in all, checked in the replacer.
 */
const PHONE_SE = /(?<![\d+,.:/]|\d[-–]|\d\s|\d\s[-–]\s)\(?0(?!0)\d{1,3}\)?(?:\s?[-–]\s?|\s)?\d{2,4}(?:[\s-]?\d{2,3}){0,3}(?![\d]|[,.:]\d)/g;

function validDate(mm: string, dd: string): boolean {
  const m = Number(mm);
  let d = Number(dd);
  if (d > 60) d -= 60; // samordningsnummer
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

function luhnOk(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < tenDigits.length; i++) {
    let n = Number(tenDigits[i]);
    if (i % 2 === 0) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

function digitCount(s: string): number {
  return s.replace(/\D/g, '').length;
}

export function redactPersonalData(text: string): string {
  if (!text) return text;
  let out = text.replace(EMAIL, '[E-POST]');

  out = out.replace(PERSONNUMMER, (whole, yy: string, mm: string, dd: string, sep: string, last: string) => {
    if (!validDate(mm, dd)) return whole;
    const long = yy.length === 4;
    // Without a separator a bare 10-digit run could be a phone number or an id: require the
    // personnummer check digit. 12 digits starting 19/20 with a valid date are personnummer.
    if (!sep && !long && !luhnOk(yy + mm + dd + last)) return whole;
    return '[PERSONNUMMER]';
  });

  out = out.replace(PHONE_INTL, (whole) => {
    const n = digitCount(whole);
    return n >= 8 && n <= 15 ? '[TELEFON]' : whole;
  });

  out = out.replace(PHONE_SE, (whole) => {
    const n = digitCount(whole);
    if (n < 8 || n > 10) return whole;
    // "0" followed by a plain 4-digit year-like run with nothing else is not a phone number
    return '[TELEFON]';
  });

  return out;
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
