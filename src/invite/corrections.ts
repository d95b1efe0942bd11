/**
 * A request that changes its mind as it goes ("kl 14, nej förresten 15", "Ons 17/2 – fast det är ju sportlov då, ta ons
 * 24/2 istället", "i Stadsbiblioteket – nej vänta, vi tar Kulturmagasinet istället", "at 2, sorry, make that 3"): the
 * later fact replaces the one it takes back, and only the later one is read. A correction is a marker (CORRECTION) and,
 * in the rest of its sentence, a date, a clock time or a place; what it replaces is the last fact of the same kind
 * before the marker, in the same sentence or the one before. Anything else the writer says on the way ("biblioteket är
 * bokat den dagen") goes with the taking back.
 */
import { MONTH_PATTERN, WEEKDAY_PATTERN } from './dates.js';

/** "– nej vänta,", ", nej förresten", "eller nej,", "– fast … istället", "sorry, make that", "no wait", "actually … instead" */
const CORRECTION = new RegExp(
  String.raw`(?:\s*[–—-]\s*|\s*,\s*|\s+|(?<=[.!?])\s*)(?:(?:(?:eller\s+)?(?:nej|nä)[,!]?\s+(?:vänta|förresten|förlåt|sorry|jag menar|hellre|vi tar|ta|det blir|vi kör)|(?:eller\s+)?nej(?=[,]?\s+(?:den|kl|på|i)\s)|förresten(?:\s+nej)?|jag menar|(?:öh\s+)?(?:sorry|förlåt),?\s+(?:jag\s+)?menade|rättare sagt|ändring\s*:|(?:vi\s+)?(?:ändra|ändrar|flyttar|flytta)\s+(?:det\s+)?(?:till)?(?=[^.!?\n]*\d)|(?:vi\s+)?(?:ses|tar|kör)(?=\s[^.!?\n]*(?<![\p{L}])(?:istället|i stället)(?![\p{L}])))(?![\p{L}])[,!:]?|fast(?=\s[^.!?\n]*(?<![\p{L}])(?:istället|i stället)(?![\p{L}]))|(?:no|sorry),?\s+(?:wait|make (?:that|it)|I mean)(?![\p{L}]),?|make (?:that|it)(?![\p{L}])|scratch that,?|actually,?\s+(?:let's\s+(?:do|make it|say)|make it)?(?![\p{L}])|actually,?(?=\s[^.!?\n]*(?<![\p{L}])instead(?![\p{L}])))\s*`,
  'giu',
);

const DATE = new RegExp(
  String.raw`(?<![\p{L}\d])(?:(?:${WEEKDAY_PATTERN})\.?\s+(?:den\s+)?)?(?:\d{1,2}\/\d{1,2}(?:\/\d{2,4})?|\d{1,2}(?::e|:a|e|a)?\s+(?:${MONTH_PATTERN})\.?(?:\s+\d{4})?|(?:${MONTH_PATTERN})\.?\s+\d{1,2}(?:st|nd|rd|th)?)(?![\p{L}\d])|(?<![\p{L}])(?:${WEEKDAY_PATTERN})(?![\p{L}])`,
  'giu',
);
const TIME = /(?<![\p{L}\d])(?:(?:kl\.?|klockan|at)\s*)?\d{1,2}(?:[.:]\d{2})?(?:\s*(?:–|-|till|to)\s*\d{1,2}(?:[.:]\d{2})?)?(?:\s*(?:am|pm))?(?![\p{L}\d]|[./]\d|:[ea](?![\p{L}]))/giu;
/** a place said with its preposition (or taken: "vi tar X", "ta X"), a capitalised name up to the end of its clause */
const PLACE = /(?<![\p{L}])(?:i|på|vid|hos|in|at|(?:vi\s+)?tar|ta|kör|vi\s+kör|flyttar\s+till|byter\s+till|moving\s+to|let's\s+use|use|plats(?:en)?\s+blir)\s+((?:\p{Lu}[\p{L}\d-]*|\p{Ll}*(?:biblioteket|huset|salen|rummet|gården|kyrkan|skolan|torget|parken|kontoret|lokalen|hallen))(?:(?:,\s*|\s+)(?:\p{Lu}[\p{L}\d-]*|(?:(?:(?:stora|lilla|nya|gamla|övre|nedre)\s+)?\p{Ll}*(?:salen|sal|rummet|rum|huset|hus|gården|torget|room|hall)|plan|våning|floor|\d+[A-Za-z]?)(?![\p{L}])))*)/gu;
const INSTEAD = /\s*(?<![\p{L}])(?:istället|i stället|instead)(?![\p{L}])/iu;

type Kind = 'date' | 'time' | 'place';

function lastMatch(re: RegExp, text: string): RegExpExecArray | null {
  let last: RegExpExecArray | null = null;
  for (const m of text.matchAll(new RegExp(re.source, re.flags))) last = m as RegExpExecArray;
  return last;
}

/**
 * What a correction's clause gives, in the order a reader would expect it to replace: a date, a time, a place; with
 * where its value ends in the clause (an "istället" right after it included).
 */
function givenIn(clause: string): { kind: Kind; value: string; end: number } | null {
  const found = (kind: Kind, m: RegExpExecArray, value: string) => {
    let end = m.index! + m[0].length;
    const instead = new RegExp(`^${INSTEAD.source}`, 'iu').exec(clause.slice(end));
    if (instead) end += instead[0].length;
    return { kind, value, end };
  };
  const date = lastMatch(DATE, clause);
  if (date && /\d/.test(date[0])) return found('date', date, date[0].trim());
  const time = lastMatch(TIME, clause);
  if (time) return found('time', time, time[0].trim());
  const place = lastMatch(PLACE, clause);
  if (place) return found('place', place, place[1]!.trim().replace(/,$/, ''));
  return null;
}

/** One correction applied: the kind of fact, what was taken back and what replaces it. */
export interface Correction {
  kind: Kind;
  was: string;
  now: string;
}

/**
 * The request with each correction applied (the taken-back fact, the marker and what was said on the way replaced by
 * the new fact), and the corrections made. A marker whose clause gives no date, time or place, or with nothing of the
 * same kind before it, is left as it is.
 */
export function withCorrections(text: string): { text: string; corrections: Correction[] } {
  const corrections: Correction[] = [];
  for (let guard = 0; guard < 5; guard++) {
    let applied = false;
    for (const m of text.matchAll(CORRECTION)) {
      const markerEnd = m.index! + m[0].length;
      const clause = /^(?:[^.!?\n]|\.(?=\d))*/u.exec(text.slice(markerEnd))![0];
      const given = givenIn(clause);
      if (!given) continue;
      // what it takes back: the last fact of its kind before the marker, in its sentence or the one before
      const before = text.slice(0, m.index!);
      const from = Math.max(0, before.search(/[^.!?\n]*[.!?\n][^.!?\n]*$/u));
      const re = given.kind === 'date' ? DATE : given.kind === 'time' ? TIME : PLACE;
      const was = lastMatch(re, before.slice(from));
      if (!was || (given.kind === 'date' && !/\d/.test(was[0]))) continue;
      const wasStart = from + was.index! + (given.kind === 'place' ? was[0].length - was[1]!.length : 0);
      // a clock time keeps the word it was said with ("kl 14, nej förresten 15" is "kl 15")
      const clockWord = given.kind === 'time' && !/^(?:kl|klockan|at)\b/i.test(given.value) ? /^(?:kl\.?|klockan|at)\s*/i.exec(was[0])?.[0] ?? '' : '';
      const now = clockWord + given.value;
      corrections.push({ kind: given.kind, was: given.kind === 'place' ? was[1]!.trim().replace(/,$/, '') : was[0].trim(), now });
      // (what stands between the taken-back fact and the marker stays: "kl 13–15 i Väven, nej det blir kl 14–16" keeps Väven)
      const wasEnd = from + was.index! + was[0].length;
      text = (text.slice(0, wasStart) + now + text.slice(wasEnd, m.index!) + text.slice(markerEnd + given.end)).replace(/([.!?])\s*\.(?!\d)/gu, '$1');
      applied = true;
      break;
    }
    if (!applied) break;
  }
  return { text, corrections };
}
