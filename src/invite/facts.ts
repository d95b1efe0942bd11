/**
 * Finds the checkable facts in a text — times, day-and-month dates, years, weekdays, e-mail
 * addresses, phone numbers, links, other numbers and placeholders — so that a rewritten text
 * (LLM polish) or a draft (eval) can be checked for facts its source does not hold.
 */
import { MONTH_PATTERN, ORDINALS, WEEKDAY_PATTERN, monthNumber, weekdayNumber, wordTimes } from './dates.js';

export interface FactTokens {
  /** HH:MM, 24 h */
  times: Set<string>;
  /** M-D */
  dates: Set<string>;
  years: Set<string>;
  /** weekday index 0 = Monday */
  weekdays: Set<number>;
  emails: Set<string>;
  phones: Set<string>;
  urls: Set<string>;
  numbers: Set<string>;
  placeholders: Set<string>;
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const URL_RE = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g;
const PHONE = /(?<![\d\w])(?:\+46[\s-]?|0)\d{1,3}[\s-]?\d{2,4}(?:[\s-]?\d{2,3}){1,3}(?!\d)/g;

function blank(text: string, re: RegExp, into: Set<string>, norm: (s: string) => string = (s) => s): string {
  return text.replace(re, (m) => {
    into.add(norm(m));
    return ' '.repeat(m.length);
  });
}

export function factTokens(input: string): FactTokens {
  const f: FactTokens = {
    times: new Set(), dates: new Set(), years: new Set(), weekdays: new Set(), emails: new Set(),
    phones: new Set(), urls: new Set(), numbers: new Set(), placeholders: new Set(),
  };
  let t = input.replace(/[\u2010-\u2015\u2212]/g, '–');
  t = blank(t, /\[[^\]\n]{1,60}\]/g, f.placeholders);
  t = blank(t, URL_RE, f.urls);
  t = blank(t, EMAIL, f.emails, (s) => s.toLowerCase());
  // ISO dates (before phone numbers, which they resemble)
  t = t.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m, y, mo, d) => {
    f.years.add(y);
    f.dates.add(`${+mo}-${+d}`);
    return ' '.repeat(m.length);
  });
  t = blank(t, PHONE, f.phones, (s) => s.replace(/\D/g, ''));
  // femte februari: a day written as an ordinal word, as the parser reads it
  t = t.replace(new RegExp(`(?<![\\p{L}])(${Object.keys(ORDINALS).sort((a, b) => b.length - a.length).join('|')})\\s+(${MONTH_PATTERN})(?![\\p{L}])`, 'giu'), (m, d: string, mo: string) => {
    f.dates.add(`${monthNumber(mo)}-${ORDINALS[d.toLowerCase()]}`);
    return ' '.repeat(m.length);
  });
  // 5 november [2026]
  t = t.replace(new RegExp(`\\b(\\d{1,2})(?::?e|:a|st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_PATTERN})\\b\\.?(?:,?\\s+(\\d{4}))?`, 'gi'), (m, d, mo, y) => {
    f.dates.add(`${monthNumber(mo)}-${+d}`);
    if (y) f.years.add(y);
    return ' '.repeat(m.length);
  });
  // November 5[, 2026]
  t = t.replace(new RegExp(`\\b(${MONTH_PATTERN})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?![.:]\\d)(?:,?\\s+(\\d{4}))?`, 'gi'), (m, mo, d, y) => {
    f.dates.add(`${monthNumber(mo)}-${+d}`);
    if (y) f.years.add(y);
    return ' '.repeat(m.length);
  });
  // 5/11
  t = t.replace(/(?<![\d/])(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?(?![\d/])/g, (m, d, mo, y) => {
    f.dates.add(`${+mo}-${+d}`);
    if (y) f.years.add(y.length === 2 ? `20${y}` : y);
    return ' '.repeat(m.length);
  });
  // 12.11 as a day and month when the time is given with kl/klockan elsewhere ("12.11 kl 18"), as the parser reads it
  if (/\b(?:kl\.?|klockan)\s*\d/i.test(t)) {
    t = t.replace(/(?<![\d.:/])(\d{1,2})\.(\d{1,2})(?![\d.:/])(?!\s*(?:–|-|till)\s*\d)/g, (m, d, mo, off: number, all: string) => {
      if (/(?:kl\.?|klockan)\s*$/i.test(all.slice(Math.max(0, off - 9), off)) || +mo < 1 || +mo > 12 || +d < 1 || +d > 31) return m;
      f.dates.add(`${+mo}-${+d}`);
      return ' '.repeat(m.length);
    });
  }
  // a time in words states a time too ("halv nio", "noon"): read as digits, as the parser reads it
  t = wordTimes(t);
  // times: 07.30, 13:00, 1 pm, 1–3 pm
  t = t.replace(/(?<![\d.,:])(\d{1,2})(?:[.:](\d{2}))?\s*(?:–|-)\s*(\d{1,2})(?:[.:](\d{2}))?\s*(am|pm)\b/gi, (m, h1, m1, h2, m2, ap) => {
    const end = to24(+h2, ap);
    const start = to24(+h1, ap) <= end ? to24(+h1, ap) : +h1;
    f.times.add(hm(start, m1 ? +m1 : 0));
    f.times.add(hm(end, m2 ? +m2 : 0));
    return ' '.repeat(m.length);
  });
  t = t.replace(/(?<![\d.,:])(\d{1,2})(?:[.:](\d{2}))?\s*(am|pm)\b/gi, (m, h, mi, ap) => {
    f.times.add(hm(to24(+h, ap), mi ? +mi : 0));
    return ' '.repeat(m.length);
  });
  t = t.replace(/(?<![\d.,:])([01]?\d|2[0-3])[.:]([0-5]\d)(?![\d.,:]\d)/g, (m, h, mi) => {
    f.times.add(hm(+h, +mi));
    return ' '.repeat(m.length);
  });
  // "kl 9", "klockan 9–11", "at 9" (also at a sentence's end: "även efter kl 18.")
  t = t.replace(/\b(?:kl\.?|klockan)\s*(\d{1,2})(?:\s*(?:–|-)\s*(\d{1,2}))?(?!\d|[.:]\d)/gi, (m, h1, h2) => {
    f.times.add(hm(+h1, 0));
    if (h2) f.times.add(hm(+h2, 0));
    return ' '.repeat(m.length);
  });
  t = t.replace(/\b(1[89]\d\d|20\d\d|2100)\b/g, (m) => {
    f.years.add(m);
    return ' '.repeat(m.length);
  });
  for (const m of t.matchAll(new RegExp(`\\b(${WEEKDAY_PATTERN})(?:en)?\\b`, 'gi'))) {
    const w = weekdayNumber(m[1]);
    if (w !== null) f.weekdays.add(w);
  }
  for (const m of t.matchAll(/\b\d+\b/g)) f.numbers.add(m[0]);
  return f;
}

function to24(h: number, ap: string): number {
  const pm = /^p/i.test(ap);
  if (pm && h < 12) return h + 12;
  if (!pm && h === 12) return 0;
  return h;
}

function hm(h: number, m: number): string {
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/**
 * The facts of `candidate` that `source` does not have, as readable strings; empty when the
 * candidate adds nothing. Placeholders of the source that the candidate drops are reported too.
 */
export function addedFacts(source: string, candidate: string): string[] {
  const a = factTokens(source);
  const b = factTokens(candidate);
  const out: string[] = [];
  const diff = <T>(kind: string, x: Set<T>, y: Set<T>) => {
    for (const v of y) if (!x.has(v)) out.push(`${kind}: ${String(v)}`);
  };
  diff('time', a.times, b.times);
  diff('date', a.dates, b.dates);
  diff('year', a.years, b.years);
  diff('weekday', a.weekdays, b.weekdays);
  diff('email', a.emails, b.emails);
  diff('phone', a.phones, b.phones);
  diff('url', a.urls, b.urls);
  diff('number', a.numbers, b.numbers);
  for (const p of a.placeholders) if (!b.placeholders.has(p)) out.push(`dropped placeholder: ${p}`);
  return out;
}
