/**
 * Notice: how soon a need's work is, and how much notice an enterprise asks for, so that an enterprise is not proposed
 * for a job sooner than it says it can take one ("helgevenemang bokas minst fyra veckor i förväg" against "stadsdelsfest
 * lördag om två veckor"). Both are read from words; a need that says nothing of when, or an enterprise that states no
 * notice, is never checked. Days are calendar days.
 */
import { monthOf } from './season.js';

const NUMBER_WORDS: Record<string, number> = {
  en: 1, ett: 1, två: 2, tre: 3, fyra: 4, fem: 5, sex: 6, sju: 7, åtta: 8, nio: 9, tio: 10,
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
};
const COUNT = `(\\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')})`;
/** days in a unit of time: a month is counted as 30 days */
const UNIT_DAYS: Array<[RegExp, number]> = [
  [/^(?:dag|dagar|dagars|days?)$/i, 1],
  [/^(?:vecka|veckor|veckas|veckors|weeks?)$/i, 7],
  [/^(?:månad|månader|månads|månaders|months?)$/i, 30],
];
const UNIT = '(dagars|dagar|dag|veckors|veckas|veckor|vecka|månaders|månads|månader|månad|days?|weeks?|months?)';

function days(count: string, unit: string): number | null {
  const n = /^\d/.test(count) ? Number(count) : NUMBER_WORDS[count.toLowerCase()];
  const per = UNIT_DAYS.find(([re]) => re.test(unit))?.[1];
  return n === undefined || per === undefined ? null : n * per;
}

/** The notice an enterprise asks for, with what it applies to. */
export interface Notice {
  days: number;
  /** 'weekend': only events on a weekend ("helgevenemang"); 'large': only larger jobs ("större uppdrag", "vid större evenemang"); else 'all' */
  scope: 'all' | 'weekend' | 'large';
  /** the note's words, to quote in a warning */
  text: string;
}

/** "minst en veckas framförhållning", "bokas minst fyra veckor i förväg", "två veckors varsel", "a week's notice" */
const NOTICE_RE = new RegExp(
  `(?<![\\p{L}])(?:minst\\s+|at least\\s+)?${COUNT}\\s+${UNIT}\\s+(?:i förväg|framförhållning|varsel|in advance|notice)|(?:framförhållning|varsel|notice)\\s+(?:på|om|of)\\s+(?:minst\\s+|at least\\s+)?${COUNT}\\s+${UNIT}`,
  'iu',
);

/**
 * The notice an enterprise states in its capacity note or description (NOTICE_RE), its scope read from the words
 * before it in the same sentence ("helgevenemang bokas …": weekend; "större uppdrag planeras …", "… vid större
 * evenemang": large). Null when it states none.
 */
export function noticeOf(text: string): Notice | null {
  for (const sentence of text.split(/(?<=[.;!?])\s+/)) {
    const m = NOTICE_RE.exec(sentence);
    if (!m) continue;
    const d = m[1] ? days(m[1], m[2]!) : days(m[3]!, m[4]!);
    if (!d) continue;
    const scope = /helg|weekend/i.test(sentence) ? 'weekend' : /större|stora|large|big/i.test(sentence) ? 'large' : 'all';
    return { days: d, scope, text: sentence.trim().replace(/[.;]$/, '') };
  }
  return null;
}

/** How soon a need's work is, from the day it is asked. */
export interface Lead {
  days: number;
  /** the need names a Saturday, a Sunday or a weekend */
  weekend: boolean;
  /** the words it was read from */
  text: string;
}

/** weekdays as Date.getDay() numbers them (Sunday 0) */
const WEEKDAYS: Array<[RegExp, number]> = [
  [/^(?:måndag(?:en)?|monday)$/i, 1],
  [/^(?:tisdag(?:en)?|tuesday)$/i, 2],
  [/^(?:onsdag(?:en)?|wednesday)$/i, 3],
  [/^(?:torsdag(?:en)?|thursday)$/i, 4],
  [/^(?:fredag(?:en)?|friday)$/i, 5],
  [/^(?:lördag(?:en)?|saturday)$/i, 6],
  [/^(?:söndag(?:en)?|sunday)$/i, 0],
];
const IN_SPAN = new RegExp(`(?<![\\p{L}])(?:om|in|inom|within)\\s+(?:ca\\.?\\s+|cirka\\s+|about\\s+|bara\\s+|only\\s+)?${COUNT}\\s+${UNIT}(?![\\p{L}])`, 'iu');
const SOON: Array<[RegExp, number]> = [
  [/(?<![\p{L}])(?:i\s*morgon|imorgon|tomorrow)(?![\p{L}])/iu, 1],
  [/(?<![\p{L}])(?:i\s*övermorgon|iövermorgon|the day after tomorrow)(?![\p{L}])/iu, 2],
  [/(?<![\p{L}])(?:i\s*dag|idag|today|tonight|i kväll|ikväll)(?![\p{L}])/iu, 0],
  [/(?<![\p{L}])(?:nästa vecka|next week)(?![\p{L}])/iu, 7],
];
/** a weekday the work is on ("på fredag", "redan på lördag", "this Saturday"), not a rhythm ("varje fredag", "fredagar") */
const ON_WEEKDAY = /(?<![\p{L}])(?:på|redan på|till|nu på|kommande|nästa|this|on|by|next)\s+(måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:en)?(?![\p{L}])/iu;
/** a date of the work: "den 7 december", "7/12", "7 Dec" (not a rhythm or a period: "i december" has no day) */
const ON_DATE = /(?<![\p{L}\d/])(\d{1,2})(?::e|:a|e|a|st|nd|rd|th)?(?:\s+(\p{L}{3,9})\.?|\/(\d{1,2}))(?![\p{L}\d/])/giu;

/** Days from `today` to the day and month given (this year's, or next year's when this year's has passed); null when no real date. */
function daysTo(day: number, month: number, today: Date): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const t = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  let d = Date.UTC(today.getFullYear(), month - 1, day);
  if (new Date(d).getUTCDate() !== day) return null;
  if (d < t) d = Date.UTC(today.getFullYear() + 1, month - 1, day);
  return Math.round((d - t) / 86_400_000);
}

const WEEKEND = /(?<![\p{L}])(?:lördag\p{L}*|söndag\p{L}*|helg\p{L}*|saturday|sunday|weekend)(?![\p{L}])/iu;

/**
 * How many days from `today` the need's work is, where it says: "om tre dagar" 3, "lördag om två veckor" 14, "i
 * morgon" 1, "nästa vecka" 7 (its first day), "den 7 december" or "7/12" the days to that date (next year's once this
 * year's has passed), "på fredag" or "nästa fredag" the days to the coming Friday (a week when today is Friday).
 * A span said outright wins over a weekday. Null when the need says nothing of when.
 */
export function leadOf(text: string, today: Date): Lead | null {
  const weekend = WEEKEND.test(text);
  const span = IN_SPAN.exec(text);
  if (span) {
    const d = days(span[1]!, span[2]!);
    if (d !== null) return { days: d, weekend, text: span[0] };
  }
  for (const [re, d] of SOON) {
    const m = re.exec(text);
    if (m) return { days: d, weekend, text: m[0] };
  }
  for (const date of text.matchAll(ON_DATE)) {
    const month = date[3] ? Number(date[3]) : monthOf(date[2]!.toLowerCase());
    const d = month ? daysTo(Number(date[1]), month, today) : null;
    if (d !== null) return { days: d, weekend, text: date[0] };
  }
  const on = ON_WEEKDAY.exec(text);
  if (on) {
    const day = WEEKDAYS.find(([re]) => re.test(on[1]!))![1];
    // the coming such day (a week ahead when it is today); "next Friday" read as the nearer one, the stricter reading
    return { days: (day - today.getDay() + 7) % 7 || 7, weekend, text: on[0] };
  }
  return null;
}

/** Whether an enterprise's notice rules out a need's lead: 'violation' when it applies for certain, 'warning' when it may. */
export function noticeCheck(notice: Notice | null, lead: Lead | null): 'violation' | 'warning' | null {
  if (!notice || !lead || lead.days >= notice.days) return null;
  if (notice.scope === 'all' || (notice.scope === 'weekend' && lead.weekend)) return 'violation';
  return notice.scope === 'weekend' ? null : 'warning';
}
