/**
 * Calendar helpers for invitations: month and weekday names (Swedish and English), plain
 * date arithmetic on YYYY-MM-DD strings (no time zones involved), and "today" in Stockholm.
 */

import { getHolidays, language as HOLIDAY_NAMES } from 'swedish-holidays';

/** Day-of-month ordinal words (Swedish): "femte februari", "den tjugoandra mars". */
export const ORDINALS: Record<string, number> = Object.fromEntries(
  [
    'första', 'andra', 'tredje', 'fjärde', 'femte', 'sjätte', 'sjunde', 'åttonde', 'nionde', 'tionde', 'elfte', 'tolfte', 'trettonde', 'fjortonde',
    'femtonde', 'sextonde', 'sjuttonde', 'artonde', 'nittonde', 'tjugonde', 'tjugoförsta', 'tjugoandra', 'tjugotredje', 'tjugofjärde', 'tjugofemte',
    'tjugosjätte', 'tjugosjunde', 'tjugoåttonde', 'tjugonionde', 'trettionde', 'trettioförsta',
  ].map((w, i) => [w, i + 1]),
);

export const SV_MONTHS = [
  'januari', 'februari', 'mars', 'april', 'maj', 'juni',
  'juli', 'augusti', 'september', 'oktober', 'november', 'december',
];
export const EN_MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
/** Monday first (ISO): index 0 = Monday. */
export const SV_WEEKDAYS = ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'];
export const EN_WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Every spelling of a month we accept, lower case, to month number 1–12. */
const MONTH_WORDS: Record<string, number> = {};
SV_MONTHS.forEach((m, i) => (MONTH_WORDS[m] = i + 1));
EN_MONTHS.forEach((m, i) => (MONTH_WORDS[m.toLowerCase()] = i + 1));
Object.assign(MONTH_WORDS, {
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, okt: 10, oct: 10, nov: 11, dec: 12,
});
/** A regex alternation of month words, longest first so "juni" wins over "jun". */
export const MONTH_PATTERN = Object.keys(MONTH_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|');

export function monthNumber(word: string): number | null {
  return MONTH_WORDS[word.toLowerCase().replace(/\.$/, '')] ?? null;
}

const WEEKDAY_WORDS: Record<string, number> = {};
SV_WEEKDAYS.forEach((d, i) => (WEEKDAY_WORDS[d] = i));
EN_WEEKDAYS.forEach((d, i) => (WEEKDAY_WORDS[d.toLowerCase()] = i));
// the short forms people type ("tis 13/10", "Thu 8 Oct"); not "tor", "sat" or "sun", which are words
Object.assign(WEEKDAY_WORDS, { mån: 0, tis: 1, ons: 2, tors: 3, fre: 4, lör: 5, sön: 6, mon: 0, tue: 1, tues: 1, wed: 2, thu: 3, thur: 3, thurs: 3, fri: 4 });
export const WEEKDAY_PATTERN = Object.keys(WEEKDAY_WORDS).join('|');

/** Weekday index (0 = Monday) of a weekday word, Swedish or English, also "tisdagen". */
export function weekdayNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/en$/, '');
  return WEEKDAY_WORDS[w] ?? WEEKDAY_WORDS[word.toLowerCase()] ?? null;
}

export interface YMD {
  y: number;
  m: number;
  d: number;
}

export function parseIso(s: string): YMD | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const ymd = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return isValidDate(ymd) ? ymd : null;
}

export function toIso({ y, m, d }: YMD): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isValidDate({ y, m, d }: YMD): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Weekday (0 = Monday) of a calendar date. */
export function weekdayOf({ y, m, d }: YMD): number {
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

export function addDays({ y, m, d }: YMD, n: number): YMD {
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/**
 * The same day `n` months later, clamped to the month's last day (31 January + 1 month = 28 or 29
 * February), as date-fns' addMonths and Java's LocalDate.plusMonths do.
 */
export function addMonths({ y, m, d }: YMD, n: number): YMD {
  const months = y * 12 + (m - 1) + n;
  const ny = Math.floor(months / 12);
  const nm = (months % 12) + 1;
  return { y: ny, m: nm, d: Math.min(d, daysInMonth(ny, nm)) };
}

export function compare(a: YMD, b: YMD): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

/** The next date on or after `today` with this month and day (29 Feb skips to a leap year). */
export function nextOccurrence(month: number, day: number, today: YMD): YMD | null {
  for (let y = today.y; y <= today.y + 8; y++) {
    const c = { y, m: month, d: day };
    if (isValidDate(c) && compare(c, today) >= 0) return c;
  }
  return null;
}

/** The next date on or after `today` with this day of the month. */
export function nextDayOfMonth(day: number, today: YMD): YMD | null {
  let { y, m } = today;
  for (let i = 0; i < 14; i++) {
    const c = { y, m, d: day };
    if (isValidDate(c) && compare(c, today) >= 0) return c;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return null;
}

// today's date lives with the domain's time (src/domain/time.ts), so that answering a question does not load
// this module and its holiday calendar (issue 17: about 80 ms of every `brygga ask`)
export { todayInStockholm } from '../domain/time.js';

// ---------------------------------------------------------------- days off (swedish-holidays)


/**
 * Eves that are not public holidays (helgdagar) in law but days off for most people; semesterlagen
 * (1977:480) 3 a § counts midsommarafton, julafton and nyårsafton as Sundays.
 */
const EVES_OFF = new Set([HOLIDAY_NAMES.midsummerEve, HOLIDAY_NAMES.christmasEve, HOLIDAY_NAMES.newYearsEve]);

const holidayCache = new Map<number, Map<string, string>>();

/** Swedish public holidays and the eves most people have off, of one year: "MM-DD" → Swedish name. */
export function daysOff(year: number): Map<string, string> {
  let map = holidayCache.get(year);
  if (!map) {
    map = new Map();
    for (const h of getHolidays(year)) {
      if (h.isPublicHoliday || EVES_OFF.has(h.name)) map.set(`${String(h.month).padStart(2, '0')}-${String(h.day).padStart(2, '0')}`, h.name);
    }
    holidayCache.set(year, map);
  }
  return map;
}

/**
 * Why a meeting date may be a poor choice: a Saturday or Sunday, or a Swedish public holiday or eve
 * off (the names and rules come from the `swedish-holidays` package). Null for an ordinary weekday.
 */
export function dayOffReason(ymd: YMD): { weekend: boolean; holiday: string | null } | null {
  const holiday = daysOff(ymd.y).get(toIso(ymd).slice(5)) ?? null;
  const weekend = weekdayOf(ymd) >= 5;
  return holiday || weekend ? { weekend, holiday } : null;
}

/** The next date on or after `today` of the holiday with this Swedish name (swedish-holidays), or null. */
export function nextHoliday(name: string, today: YMD): YMD | null {
  for (const y of [today.y, today.y + 1]) {
    const h = getHolidays(y).find((x) => x.name === name);
    if (h && compare({ y, m: h.month, d: h.day }, today) >= 0) return { y, m: h.month, d: h.day };
  }
  return null;
}

/** The date of weekday `wd` (0 = Monday) in ISO week `week`, the next such date on or after `today`. */
export function isoWeekDay(week: number, wd: number, today: YMD): YMD | null {
  if (week < 1 || week > 53) return null;
  for (const y of [today.y, today.y + 1]) {
    // ISO week 1 holds 4 January
    const jan4 = { y, m: 1, d: 4 };
    const monday1 = addDays(jan4, -weekdayOf(jan4));
    const ymd = addDays(monday1, (week - 1) * 7 + wd);
    if (week === 53 && addDays(ymd, 0).y !== y && ymd.m === 1) continue;
    if (compare(ymd, today) >= 0) return ymd;
  }
  return null;
}

const HOUR_WORDS: Record<string, number> = { ett: 1, två: 2, tre: 3, fyra: 4, fem: 5, sex: 6, sju: 7, åtta: 8, nio: 9, tio: 10, elva: 11, tolv: 12 };
const HOUR_WORD = Object.keys(HOUR_WORDS).join('|');

const EN_HOUR_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
const EN_HOUR_WORD = Object.keys(EN_HOUR_WORDS).join('|');

/** Letters on both sides: `\b` does not know å, ä and ö, so "två" followed by a space had no word end. */
const WB = '(?<![\\p{L}])';
const WE = '(?![\\p{L}])';
/** an hour in words or in digits after "halv", "kvart över", "kvart i" or a span's dash ("halv nio", "halv 9"; not the "1" of "14") */
const HOUR = `${HOUR_WORD}|1[0-2](?!\\d)|[1-9](?!\\d)`;

/** A day part after a clock time that puts it after noon: "på eftermiddagen", "em", "på kvällen", "in the afternoon". */
const PM_AFTER = '(?:på|i|om)\\s+eftermiddag(?:en)?|(?:på|om)\\s+kvällen|i\\s*kväll|e\\.\\s?m\\.?|em|in\\s+the\\s+(?:afternoon|evening)|this\\s+(?:afternoon|evening)|tonight';
/** A day part before a clock time: "eftermiddag kl 2–4", "i kväll klockan 7", "in the afternoon at 2". */
const PM_BEFORE = '(?:(?:på|i|om)\\s+)?eftermiddag(?:en)?|(?:på\\s+)?kvällen|i\\s*kväll|(?:in\\s+the|this)\\s+(?:afternoon|evening)|tonight';
/** A day part that keeps a clock time before noon: "på morgonen", "på förmiddagen", "fm", "in the morning". */
const AM_AFTER = '(?:på|i|om)\\s+(?:morgonen|förmiddagen)|i\\s+morgon\\s+bitti|f\\.\\s?m\\.?|fm|in\\s+the\\s+morning|this\\s+morning';
/** A clock time or a span of clock times written with digits ("kl 2", "klockan 2.30–4", "at 2"). */
const CLOCK = '(?:kl\\.?|klockan|at)\\s*(\\d{1,2})(?:[.:](\\d{2}))?(?:\\s*(?:–|-|till|to)\\s*(?:kl\\.?\\s*)?(\\d{1,2})(?:[.:](\\d{2}))?)?(?![\\d.:])';

/** Clock hours with their day part: before noon ("kl 7 på morgonen") or after it ("kl 2 på eftermiddagen" = 14.00). */
function dayParts(text: string): string {
  const write = (h1: string, m1: string | undefined, h2: string | undefined, m2: string | undefined, shift: (h: number) => number) => {
    const t = (h: string, m: string | undefined) => `${String(shift(+h)).padStart(2, '0')}.${m ?? '00'}`;
    return `kl ${t(h1, m1)}${h2 ? `–${t(h2, m2)}` : ''}`;
  };
  const pm = (h: number) => (h >= 1 && h < 12 ? h + 12 : h);
  // a morning hour that a word time read as afternoon ("klockan sex på morgonen")
  const am = (h: number) => (h > 12 && h <= 18 ? h - 12 : h);
  return text
    .replace(new RegExp(`${WB}${CLOCK}(\\s*,?\\s*)(${PM_AFTER})${WE}`, 'giu'), (_, h1: string, m1?: string, h2?: string, m2?: string, sp = ' ', part = '') => `${write(h1, m1, h2, m2, pm)}${sp}${part}`)
    .replace(new RegExp(`${WB}(${PM_BEFORE})(\\s*,?\\s*)${CLOCK}`, 'giu'), (_, part: string, sp: string, h1: string, m1?: string, h2?: string, m2?: string) => `${part}${sp}${write(h1, m1, h2, m2, pm)}`)
    .replace(new RegExp(`${WB}${CLOCK}(\\s*,?\\s*)(${AM_AFTER})${WE}`, 'giu'), (_, h1: string, m1?: string, h2?: string, m2?: string, sp = ' ', part = '') => `${write(h1, m1, h2, m2, am)}${sp}${part}`);
}

/**
 * Times written in words as digits: "noon"/"midday"/"mitt på dagen" = kl 12:00, "halv nio" = 08:30,
 * "kvart över tio" = 10:15, "kvart i tre" = 14:45, "klockan tre" = 15:00, "half past seven" = 07:30,
 * "quarter to nine" = 08:45, "ten o'clock" = 10:00 (hours 1–6 are read as afternoon, as people mean them
 * for meetings); the end of a span in words after a converted start ("halv åtta–nio" = 07:30–09:00). A day
 * part then sets the half of the day of any clock time, digits too: "kl 2 på eftermiddagen", "eftermiddag
 * kl 2–4", "at 2 in the afternoon" are 14.00 (16.00), "klockan sex på morgonen" 06.00. Shared by the
 * request parser and the fact checker, so both read a request's times alike. Other text is left as it is.
 */
export function wordTimes(text: string): string {
  const hh = (h: number) => String(h >= 1 && h <= 6 ? h + 12 : h).padStart(2, '0');
  const en = (w: string) => EN_HOUR_WORDS[w.toLowerCase()]!;
  const sv = (w: string) => HOUR_WORDS[w.toLowerCase()]!;
  const svh = (w: string) => (/^\d/.test(w) ? Number(w) : sv(w));
  const words = text
    .replace(/\b(?:at\s+)?(?:noon|midday)\b/gi, 'kl 12:00')
    .replace(new RegExp(`\\b(?:at\\s+)?half\\s+past\\s+(${EN_HOUR_WORD})\\b`, 'gi'), (_, w: string) => `kl ${hh(en(w))}:30`)
    .replace(new RegExp(`\\b(?:at\\s+)?(?:a\\s+)?quarter\\s+past\\s+(${EN_HOUR_WORD})\\b`, 'gi'), (_, w: string) => `kl ${hh(en(w))}:15`)
    .replace(new RegExp(`\\b(?:at\\s+)?(?:a\\s+)?quarter\\s+to\\s+(${EN_HOUR_WORD})\\b`, 'gi'), (_, w: string) => `kl ${hh((en(w) + 11) % 12 || 12)}:45`)
    .replace(new RegExp(`\\b(?:at\\s+)?(${EN_HOUR_WORD})\\s+o['’]clock\\b`, 'gi'), (_, w: string) => `kl ${hh(en(w))}:00`)
    // (the hour in words or in digits: "halv nio", "halv 9", "kvart över 8")
    .replace(new RegExp(`${WB}(?:kl\\.?\\s+)?halv\\s+(${HOUR})${WE}(?![.:]\\d)`, 'giu'), (_, w: string) => `kl ${hh((svh(w) + 11) % 12 || 12)}:30`)
    .replace(new RegExp(`${WB}(?:kl\\.?\\s+)?kvart\\s+över\\s+(${HOUR})${WE}(?![.:]\\d)`, 'giu'), (_, w: string) => `kl ${hh(svh(w))}:15`)
    .replace(new RegExp(`${WB}(?:kl\\.?\\s+)?kvart\\s+i\\s+(${HOUR})${WE}(?![.:]\\d)`, 'giu'), (_, w: string) => `kl ${hh((svh(w) + 11) % 12 || 12)}:45`)
    .replace(new RegExp(`${WB}(?:kl\\.?|klockan)\\s+(${HOUR_WORD})${WE}`, 'giu'), (_, w: string) => `kl ${hh(sv(w))}:00`)
    // "halv åtta–nio": the end of a span said in words after a start that was
    .replace(new RegExp(`(kl (\\d\\d):\\d\\d\\s*(?:–|-|till)\\s*)(${HOUR})${WE}(?![.:]\\d)`, 'giu'), (_, before: string, h1: string, w: string) => {
      let h = svh(w);
      while (h <= +h1 && h + 12 < 24) h += 12;
      return `${before}${String(h).padStart(2, '0')}:00`;
    });
  return dayParts(words);
}
