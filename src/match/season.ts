/**
 * Months of the year in a need's period and in an enterprise's stated closed season ("ingen verksamhet
 * december–februari"), so that an enterprise is not proposed for work in months it says it does not work.
 * Months are 1–12; seasons as the Swedish calendar counts them (SMHI's meteorological seasons are by temperature,
 * so the calendar's months are used: spring March–May, summer June–August, autumn September–November, winter
 * December–February). ISO weeks map to the months their days fall in (week 1 starts in the first days of January).
 */

const MONTH_NAMES: Array<[RegExp, number]> = [
  [/^(?:januari|january|jan)$/, 1],
  [/^(?:februari|february|feb)$/, 2],
  [/^(?:mars|march|mar)$/, 3],
  [/^(?:april|apr)$/, 4],
  [/^(?:maj|may)$/, 5],
  [/^(?:juni|june|jun)$/, 6],
  [/^(?:juli|july|jul)$/, 7],
  [/^(?:augusti|august|aug)$/, 8],
  [/^(?:september|sept|sep)$/, 9],
  [/^(?:oktober|october|okt|oct)$/, 10],
  [/^(?:november|nov)$/, 11],
  [/^(?:december|dec)$/, 12],
];
const SEASONS: Array<[RegExp, number[]]> = [
  [/^(?:vår|våren|vårens|spring)$/, [3, 4, 5]],
  [/^(?:sommar|sommaren|sommarens|sommarlovet|summer)$/, [6, 7, 8]],
  [/^(?:höst|hösten|höstens|autumn|fall)$/, [9, 10, 11]],
  [/^(?:vinter|vintern|vinterns|winter)$/, [12, 1, 2]],
];

/** A month's number (1–12) from its Swedish or English name or abbreviation, lower case; null for any other word. */
export function monthOf(word: string): number | null {
  return MONTH_NAMES.find(([re]) => re.test(word))?.[1] ?? null;
}

/** The months from `a` to `b` inclusive, across the new year ("december–februari": 12, 1, 2). */
function span(a: number, b: number): number[] {
  const out: number[] = [];
  for (let m = a; ; m = (m % 12) + 1) {
    out.push(m);
    if (m === b || out.length === 12) return out;
  }
}

/**
 * The months a period names: month names and ranges of them ("december–februari", "från maj till augusti"), seasons
 * ("i vinter", "hösten 2026") and ISO weeks and week ranges ("v.26-32", "vecka 40"). Empty when it names none.
 */
export function periodMonths(period: string | null | undefined): Set<number> {
  const out = new Set<number>();
  if (!period) return out;
  const text = period.toLowerCase();
  const words = text.match(/\p{L}+/gu) ?? [];
  for (let i = 0; i < words.length; i++) {
    const m = monthOf(words[i]!);
    if (m === null) {
      for (const [re, months] of SEASONS) if (re.test(words[i]!)) for (const x of months) out.add(x);
      continue;
    }
    // a range: the next month word after a range word ("–" or "-" is no word: the next month word ends the range too when written with a dash)
    const next = words.slice(i + 1, i + 3).map(monthOf).find((x) => x !== null) ?? null;
    const ranged = next !== null && new RegExp(`${words[i]}\\s*(?:–|-|—|till|to|until|through)\\s*(?:\\p{L}+\\s+)?`, 'u').test(text);
    for (const x of ranged ? span(m, next) : [m]) out.add(x);
    if (ranged) i += words.slice(i + 1).findIndex((w) => monthOf(w) !== null) + 1;
  }
  for (const w of text.matchAll(/(?:vecka|veckorna|v\.|v|week|weeks)\s*(\d{1,2})(?:\s*(?:–|-)\s*(\d{1,2}))?/gu)) {
    const a = Number(w[1]);
    const b = w[2] ? Number(w[2]) : a;
    if (a < 1 || a > 53 || b < a || b > 53) continue;
    // a week's month: the month of its Thursday in an ordinary year (ISO 8601 counts a week in the year of its Thursday)
    for (let k = a; k <= b; k++) out.add(Math.min(12, Math.floor(((k - 1) * 7 + 3) / 30.44) + 1));
  }
  return out;
}

/**
 * A closed season as an enterprise's text says it: "ingen verksamhet december–februari", "stängt i juli", "closed in
 * July". Group 1 is the rest of its clause as written (for the warning), group 2 the months' words.
 */
const CLOSED_SEASON = /(?:ingen verksamhet|ej verksamhet|håller stängt|stängt|stängd|uppehåll|no activity|no operations|closed)\s+(?:under\s+|i\s+|in\s+|during\s+|från\s+|from\s+)?(([\p{L}]+(?:\s*(?:–|-|—|till|to|until)\s*[\p{L}]+)?)[^.;,]*)/giu;

/**
 * The months an enterprise's text says it does not work, and the first such season as the text writes it ("december–
 * februari"; empty when none). "Ingen verksamhet sedan december 2025" (wound up) names no season.
 */
export function closedSeason(text: string): { months: Set<number>; when: string } {
  const months = new Set<number>();
  let when = '';
  for (const m of text.matchAll(CLOSED_SEASON)) {
    const found = periodMonths(m[2]!.toLowerCase());
    for (const x of found) months.add(x);
    if (found.size && !when) when = m[1]!.trim();
  }
  return { months, when };
}

/** The months an enterprise's text says it does not work (`closedSeason`). */
export function closedMonths(text: string): Set<number> {
  return closedSeason(text).months;
}
