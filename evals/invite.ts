/**
 * Invitation eval: a rubric checker for what can be checked automatically and generally, on any
 * request — the given facts are in the text, no date/time/year/weekday/contact the request does
 * not hold, placeholders for what is missing, a valid calendar event exactly when date and time are
 * known, the language, lätt svenska markers, no jargon, the method's marks. The free-text
 * `must_include`/`must_not` items of the eval file are for human review and are not scored here.
 */
import { withCorrections } from '../src/invite/corrections.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import type { InviteResult } from '../src/domain/types.js';
import { factTokens } from '../src/invite/facts.js';
import { requestWithDiacritics } from '../src/text/diacritics.js';
import { isValidDate } from '../src/invite/dates.js';
import { placeInEnglish } from '../src/invite/compose.js';
import { partOf, type Part } from './split.js';
import { fromRoot } from '../src/root.js';

/** Machine-checkable gold of a request (evals/invite-new.jsonl). */
export interface InviteExpect {
  date?: string | null;
  time?: string | null;
  endTime?: string | null;
  place?: string | null;
  /** the audience phrase as the request gives it */
  audience?: string | null;
  address?: 'du' | 'ni';
  agendaRequested?: boolean;
  register?: 'formal' | 'lätt svenska' | 'english';
  /** kinds of date problems the notes must name: invalid-date, relative-date, holiday, weekend, weekday-mismatch, past-date */
  flaggedDates?: string[];
  /** promises the request does not support (described in words) */
  noPromise?: string[];
}

export interface InviteCase {
  id: string;
  request: string;
  lang?: 'sv' | 'en';
  today?: string;
  expect?: InviteExpect;
  [extra: string]: unknown;
}

export interface RubricItem {
  item: string;
  pass: boolean;
  detail?: string;
}

export const DEFAULT_INVITE_FILE = fromRoot('evals', 'invite-dev.jsonl');

const JARGON = [
  'samskapande yta', 'samskapandeprocess', 'samverkansstruktur', 'intersektoriell', 'kompetensförsörjning', 'målgrupp',
  'drivkrafter', 'mervärde', 'förankr', 'problemformulering', 'aktörer', 'plattform', 'incitament', 'implementer', 'synergi', 'CSR',
];
const RELATIVE = /nästa|next|i morgon|imorgon|tomorrow|övermorgon|i dag\b|idag|today|\bden\s+\d{1,2}(?::?e|:a)?\b(?!\s*(?:jan|feb|mar|apr|maj|may|jun|jul|aug|sep|okt|oct|nov|dec))|\bthe\s+\d{1,2}(st|nd|rd|th)\b|\bpå\s+\p{L}+dag\b|\b(this|on)\s+\w+day\b|\b(kommande|denna|den här|coming)\s+\p{L}+dag(en)?\b|\bthis coming\s+\w+day\b|\bom\s+\p{L}+\s+veck|\bin\s+\w+\s+weeks?|\b(vecka|v\.|week)\s*\d|nationaldag|påsk|jul(afton|dagen)|annandag|midsommar|nyårs|pingst|valborg|himmelsfärd|helgons|trettondag|christmas|easter|\b\p{L}+(nde|de|ta|ra|te)\s+(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\b/iu;

function md(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const [, m, d] = iso.split('-').map(Number);
  return `${m}-${d}`;
}

function subset<T>(a: Set<T>, b: Set<T>): T[] {
  return [...a].filter((x) => !b.has(x));
}

function textLanguage(text: string): 'sv' | 'en' {
  const words = text.toLowerCase().replace(/\[[^\]]*\]/g, ' ').match(/[a-zåäöé]+/g) ?? [];
  const sv = new Set(['och', 'att', 'vi', 'du', 'ni', 'är', 'till', 'med', 'för', 'som', 'det', 'om', 'på', 'inte', 'vill']);
  const en = new Set(['and', 'the', 'we', 'you', 'is', 'are', 'to', 'with', 'for', 'that', 'it', 'about', 'on', 'not', 'will']);
  let s = 0;
  let e = 0;
  for (const w of words) {
    if (sv.has(w)) s++;
    if (en.has(w)) e++;
  }
  return e > s ? 'en' : 'sv';
}

function sentencesOf(text: string): string[] {
  return text
    .replace(/\[[^\]]*\]/g, 'X')
    .split(/\n+|(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s && /[.!?]$/.test(s));
}

/** Checks one result against the rubric derived from its request. */
export function checkInvite(c: InviteCase, r: InviteResult): RubricItem[] {
  const items: RubricItem[] = [];
  const add = (item: string, pass: boolean, detail?: string) => items.push({ item, pass, ...(pass || !detail ? {} : { detail }) });
  const lang = c.lang ?? r.language;
  const en = lang === 'en';
  // the request's facts as the parser reads them: a Swedish request typed without å/ä/ö with them ("mandag" is a weekday)
  // (a fact the request takes back, "kl 14, nej förresten 15", is no given fact: src/invite/corrections.ts)
  const request = withCorrections(c.request).text;
  const read = c.lang === 'sv' || textLanguage(request) === 'sv' ? requestWithDiacritics(request) : request;
  const req = factTokens(read);
  const all = `${r.subject}\n${r.text}`;
  const txt = factTokens(all);
  const f = r.fields;

  add('language', r.language === lang && textLanguage(r.text) === lang, `result ${r.language}, text ${textLanguage(r.text)}, expected ${lang}`);
  add('subject', typeof r.subject === 'string' && r.subject.trim().length > 0 && r.subject.length <= 150);

  // given facts present
  // a date that does not exist in the request ("31 november") must not be carried into the text
  // (29 February with a year that is no leap year, "29 februari 2027", "29/2 2027", is one of them)
  const noLeapDay = [...c.request.matchAll(/29\s*(?:e|th)?\s+(?:februari|february)\s+(\d{4})|february\s+29(?:th)?,?\s+(\d{4})|(?<![\d/])29\/0?2(?:\/|\s+)(\d{4})/gi)].some(
    (m) => !isValidDate({ y: Number(m[1] ?? m[2] ?? m[3]), m: 2, d: 29 }),
  );
  const expectedDates = new Set([...req.dates].filter((md) => {
    const [m, d] = md.split('-').map(Number);
    return d! <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m! - 1]! && !(md === '2-29' && noLeapDay);
  }));
  for (const d of [md(f.date), md(f.rsvpBy)]) if (d) expectedDates.add(d);
  const lostDates = subset(expectedDates, txt.dates);
  add('given-dates-present', lostDates.length === 0, `missing in text: ${lostDates.join(', ')}`);
  // a bare hour the notes say was read in the afternoon ("kl 5" tolkat som kl. 17.00) is given as that time
  const notedTimes = new Set<string>();
  for (const m of ((r.notes as string[] | undefined) ?? []).join('\n').matchAll(/(?:tolkat som kl\.|read as)\s*(\d{2})[.:](\d{2})(?:–(\d{2})[.:](\d{2}))?/g)) {
    notedTimes.add(`${m[1]}:${m[2]}`);
    if (m[3]) notedTimes.add(`${m[3]}:${m[4]}`);
  }
  const afternoon = (t: string) => `${String(Number(t.slice(0, 2)) + 12).padStart(2, '0')}${t.slice(2)}`;
  const lostTimes = subset(req.times, txt.times).filter((t) => !(notedTimes.has(afternoon(t)) && txt.times.has(afternoon(t))));
  add('given-times-present', lostTimes.length === 0, `missing in text: ${lostTimes.join(', ')}`);
  const lostContact = [...subset(req.emails, txt.emails), ...subset(req.phones, txt.phones)];
  add('given-contact-present', lostContact.length === 0, `missing in text: ${lostContact.join(', ')}`);
  if (typeof f.place === 'string' && f.place) {
    // (a place typed without å/ä/ö is grounded in the request with them, as the parser reads it)
    const grounded = bare(c.request).includes(bare(f.place));
    // (an English invitation words a Swedish request's room and floor in English: "rum Atrium" is "room Atrium")
    const present = all.includes(f.place) || (r.language === 'en' && all.includes(placeInEnglish(f.place)));
    add('place-grounded-and-present', grounded && present, `place "${f.place}" ${grounded ? 'not in text' : 'not in the request'}`);
  }

  // nothing invented
  const allowedDates = new Set(req.dates);
  // a date the request gives in relative words ("imorgon", "on Thursday", "på nationaldagen") may be in the text
  // only when a note gives the date it was read as ("… tolkat som 2027-01-14"): an undisclosed reading counts as invented
  const notes = ((r.notes as string[] | undefined) ?? []).join('\n');
  if (RELATIVE.test(read)) {
    for (const iso of [f.date, f.rsvpBy]) if (iso && notes.includes(iso)) allowedDates.add(md(iso)!);
  }
  const inventedDates = subset(txt.dates, allowedDates);
  add('no-invented-date', inventedDates.length === 0, `not in request: ${inventedDates.join(', ')}`);
  // a bare "9-11" in the request is read by the parser; its hours must be numbers of the request
  const allowedTimes = new Set(req.times);
  const morning = (t: string) => `${String(Number(t.slice(0, 2)) - 12).padStart(2, '0')}${t.slice(2)}`;
  for (const t of notedTimes) if (req.times.has(morning(t)) || req.numbers.has(String(Number(t.slice(0, 2)) - 12))) allowedTimes.add(t);
  for (const t of [f.start, f.end]) if (typeof t === 'string' && req.numbers.has(String(Number(t.slice(0, 2)))) && t.endsWith(':00')) allowedTimes.add(t);
  const inventedTimes = subset(txt.times, allowedTimes);
  add('no-invented-time', inventedTimes.length === 0, `not in request: ${inventedTimes.join(', ')}`);
  const inventedYears = subset(txt.years, req.years);
  const inventedWeekdays = subset(txt.weekdays, req.weekdays);
  add('no-invented-year-or-weekday', inventedYears.length + inventedWeekdays.length === 0, `years ${inventedYears.join(',')} weekdays ${inventedWeekdays.join(',')}`);
  const inventedContact = [...subset(txt.emails, req.emails), ...subset(txt.phones, req.phones), ...subset(txt.urls, req.urls)];
  add('no-invented-contact-or-link', inventedContact.length === 0, `not in request: ${inventedContact.join(', ')}`);

  // placeholders for what is missing, and only for that
  const ph = en
    ? { date: '[DATE]', time: '[TIME]', place: '[PLACE]', contact: '[CONTACT]' }
    : { date: '[DATUM]', time: '[TID]', place: '[PLATS]', contact: '[KONTAKT]' };
  const needs: Array<[string, boolean, string]> = [
    ['date', !f.date, ph.date],
    ['time', !f.start, ph.time],
    ['place', !f.place && !f.online, ph.place],
    ['contact', !f.contact, ph.contact],
  ];
  const wrong: string[] = [];
  for (const [key, isMissing, token] of needs) {
    const shown = r.text.includes(token);
    const listed = r.missing.includes(key);
    if (isMissing !== shown || isMissing !== listed) wrong.push(`${key}: missing=${isMissing} placeholder=${shown} listed=${listed}`);
  }
  if (f.online && !f.link) {
    // (where the request says how the link comes, "länken kommer i kalenderinbjudan", "link to follow", the text says that instead)
    const later = /\b(?:länk(?:en)?|link)\s+(kommer|skickas|meddelas|mejlas|will (?:follow|be sent|come)|to follow|follows)\b/iu.exec(c.request);
    const shown = /\[(?!ANMÄLNINGS|REGISTRATION)[A-ZÅÄÖ -]*(LÄNK|LINK)\]/.test(r.text);
    if (later ? !/(?:Länk|Link):\s*\S/.test(r.text) || shown : !shown || !r.missing.includes('link')) wrong.push(later ? 'link: the request says how the link comes, the text does not' : 'link: online without link but no link placeholder');
  }
  // a purpose the request states ("om X", "about X", "kring X") is written out, not left as a placeholder
  if (/\[(SYFTE|PURPOSE)\]/.test(r.text) && STATED_TOPIC.test(c.request)) wrong.push('purpose: stated in the request but left as a placeholder');
  add('placeholders-for-missing', wrong.length === 0, wrong.join('; '));

  // calendar event exactly when date and start time are known
  add('ics', icsOk(r), icsProblem(r) ?? undefined);

  // language and tone
  add('no-unexplained-jargon', !/samskapande yta/i.test(r.text) || /samskapande yta[^.]*(det vill säga|dvs|that is)/i.test(r.text), 'uses "samskapande yta"');
  if (/lätt(?:läst)? svenska|lättläst|enkel svenska/i.test(c.request)) {
    const ss = sentencesOf(r.text);
    const lengths = ss.map((s) => s.split(/\s+/).length);
    const avg = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length);
    const max = Math.max(0, ...lengths);
    const jargon = JARGON.filter((j) => r.text.toLowerCase().includes(j.toLowerCase()));
    add('easy-swedish', avg <= 10 && max <= 18 && jargon.length === 0, `avg ${avg.toFixed(1)} words, max ${max}, jargon: ${jargon.join(', ')}`);
  }
  const decided = DECIDED_REQUEST.test(c.request) || (c.expect?.noPromise ?? []).some((x) => /inget är (bestämt|beslutat)|nothing is decided|beslut/i.test(x));
  // a celebration (a summer party, julfest, afterwork) is no dialogue meeting: none of the co-creation method's sections
  const party = CELEBRATION_REQUEST.test(c.request) && !MEETING_REQUEST.test(c.request);
  if (party) {
    const marks = r.text.split('\n').filter((l) => METHOD_MARKS.test(l));
    add('celebration-no-method', marks.length === 0, `method text in a celebration: ${marks.join(' | ')}`);
  } else if (!decided) add('method-no-ready-solution', /färdig lösning|inga färdiga svar|ready-made|inget är bestämt|nothing has been decided/i.test(r.text), 'no sign that nothing is decided in advance');

  // each fact once: no sentence said twice (the same content words, ≥ 80 % overlap)
  const twice = repeatedSentences(r.text);
  add('no-sentence-twice', twice.length === 0, twice.join(' | '));
  // one form of address in Swedish
  if (lang === 'sv') {
    const forms = addressForms(r.text);
    const want = c.expect?.address;
    add('one-form-of-address', !(forms.du && forms.ni) && (!want || !(want === 'du' ? forms.ni : forms.du)), `du-forms ${forms.du}, ni-forms ${forms.ni}${want ? `, expected ${want}` : ''}`);
  }
  const e = c.expect;
  if (e) {
    if (e.audience) add('audience-as-given', squash(r.text).includes(squash(e.audience)), `"${e.audience}" not in the text`);
    if (e.agendaRequested !== undefined) {
      const agenda = agendaOf(r.text);
      const ok = e.agendaRequested ? agenda !== null && agenda.length >= 2 && agenda.every((l) => factTokens(l).times.size === 0) : agenda === null;
      add('agenda-as-requested', ok, e.agendaRequested ? `agenda ${agenda ? `${agenda.length} items` : 'missing'}` : 'agenda given although not requested');
    }
    const broken = (e.noPromise ?? []).filter((np) => promises(r.text, np));
    add('no-unsupported-promise', broken.length === 0, `promises: ${broken.join('; ')}`);
    if (e.flaggedDates) {
      const notes = ((r.notes as string[] | undefined) ?? []).join('\n');
      const wrong = Object.entries(FLAG_NOTES).filter(([kind, re]) => e.flaggedDates!.includes(kind) !== re.test(notes)).map(([kind]) => `${kind}: expected ${e.flaggedDates!.includes(kind)}`);
      add('flagged-dates-noted', wrong.length === 0, wrong.join('; '));
    }
    const fieldsWrong: string[] = [];
    if (e.date !== undefined && (f.date ?? null) !== e.date) fieldsWrong.push(`date ${f.date} ≠ ${e.date}`);
    if (e.time !== undefined && (f.start ?? null) !== e.time) fieldsWrong.push(`time ${f.start} ≠ ${e.time}`);
    if (e.endTime !== undefined && e.endTime !== null && f.end !== e.endTime) fieldsWrong.push(`end ${f.end} ≠ ${e.endTime}`);
    // (the place's words, whatever the commas between them: "Stadshuset, rum Rådsalen" is "Stadshuset rum Rådsalen")
    if (e.place && !bare(all).includes(bare(e.place))) fieldsWrong.push(`place "${e.place}" not in the text`);
    add('expected-facts', fieldsWrong.length === 0, fieldsWrong.join('; '));
    if (e.register) {
      const tone = (r as { tone?: string }).tone;
      const ok = e.register === 'english' ? r.language === 'en' : e.register === 'lätt svenska' ? r.language === 'sv' && tone === 'easy' : r.language === 'sv' && tone !== 'easy';
      add('register', ok, `language ${r.language}, tone ${tone}, expected ${e.register}`);
    }
  }
  return items;
}

/** A request that says what the meeting is about: a meeting word, then in its sentence "om/kring/about/regarding" and a word that is not a time ("om två veckor", "about 10"). */
const STATED_TOPIC = /(?:möte|träff|samtal|dialog|workshop|seminari|frukost|lunch|genomgång|rundabord|meeting|session|briefing|seminar|webinar|panel|dialogue|conversation)\p{L}*[^.!?\n]{0,80}?(?<![\p{L}])(?:om|kring|about|regarding)\s+(?!(?:det|du|ni|man|jag|en|ett|två|tre|fyra|fem|a|an|one|two|three|\d)(?![\p{L}])|(?:anmälan|osa|rsvp)(?![\p{L}]))\p{L}{3,}/iu;

/** A request for a celebration: a party of any kind, julbord, afterwork, mingel, an anniversary, a send-off. */
const CELEBRATION_REQUEST = /(?<![\p{L}])(?:(?!mani|pro)\p{L}*fest(?:en)?|julbord(?:et)?|afterwork|after[- ]work|mingel|jubileum|jubileet|avtackning(?:en)?|julavslutning(?:en)?|(?:[\p{L}-]+\s+)?party|celebration)(?![\p{L}])/iu;
/** … unless it is for a meeting to talk in (a dialogue with mingel after it; a stated topic, "Ämne: …", or talks in groups on its agenda). */
const MEETING_REQUEST = /möte|workshop|dialog|seminari|samråd|rundabord|fokusgrupp|webbinar|samtal|ämne:|meeting|dialogue|seminar|webinar|consultation|topic:/i;
/** The method's sections and lines, which a celebration leaves out. */
const METHOD_MARKS = /färdig lösning|färdiga svar|ready-made|inget är bestämt|nothing has been decided|^Vad får (ni|du) ut av det|^What is in it for you|^Varför ska (ni|du) komma|^Så går det till$|^How it works$|^Varför vi bjuder in$|^Why we are inviting you$|Samtalet utgår|conversation starts from|^Efter mötet$|^Afterwards$|\[(SYFTE|PURPOSE|VAD HÄNDER EFTERÅT|WHAT HAPPENS AFTERWARDS)\]/;

const DECIDED_REQUEST = /annonser(ad|ade|at|as)|utlyst|informationsmöte|announced|published (tender|procurement)/i;

/** The note each kind of date problem must leave (Swedish or English). */
const FLAG_NOTES: Record<string, RegExp> = {
  'invalid-date': /finns inte|is not a date|does not exist/i,
  // a clock hour read in the afternoon ("kl 5" tolkat som kl. 17.00) is no date
  'relative-date': /tolkat som (?!kl\.)|read as (?!\d{1,2}:\d{2}\b)/i,
  holiday: /helgdag|public holiday/i,
  weekend: /är en (lördag|söndag)|is a (Saturday|Sunday)|och en (lördag|söndag)|and a (Saturday|Sunday)/i,
  'weekday-mismatch': /stämmer inte|does not match/i,
  'past-date': /redan har varit|already past/i,
};

/**
 * For comparing a phrase of the request with the text: case and spacing, and å/ä/ö folded to a/o, since a request
 * typed without them ("foretagare i Angered") is written out with them ("företagare i Angered").
 */
/** squash without the punctuation between words */
function bare(s: string): string {
  return squash(s.replace(/[,;:]/g, ' '));
}

function squash(s: string): string {
  return s.toLowerCase().replace(/[åä]/g, 'a').replace(/ö/g, 'o').replace(/\s+/g, ' ').trim();
}

function contentWords(s: string): string[] {
  return (s.toLowerCase().match(/[\p{L}\d]{4,}/gu) ?? []).filter((w) => !/^(också|gärna|vill|would|also|like|with|that|this|därför)$/.test(w));
}

/** Sentences whose content words repeat an earlier sentence's (≥ 80 % of at least 4 words). */
export function repeatedSentences(text: string): string[] {
  const seen: Array<Set<string>> = [];
  const out: string[] = [];
  for (const s of text.replace(/\[[^\]]*\]/g, ' ').split(/\n+|(?<=[.!?])\s+/)) {
    // sentences only: list items (an agenda point naming a topic) are not sentences said twice
    if (!/[.!?]$/.test(s.trim())) continue;
    const w = new Set(contentWords(s));
    if (w.size < 4) continue;
    if (seen.some((x) => [...w].filter((y) => x.has(y)).length / w.size >= 0.8)) out.push(s.trim());
    seen.push(w);
  }
  return out;
}

/** How often the text uses du-forms and ni-forms of address. */
export function addressForms(text: string): { du: number; ni: number } {
  const t = text.replace(/\[[^\]]*\]/g, ' ');
  return {
    du: (t.match(/(?<![\p{L}])(du|dig|din|ditt|dina)(?![\p{L}])/giu) ?? []).length,
    ni: (t.match(/(?<![\p{L}])(ni|er|ert|era)(?![\p{L}])/giu) ?? []).length,
  };
}

/** The bullet lines under an agenda heading, or null when the text has none. */
export function agendaOf(text: string): string[] | null {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => /^(förslag på dagordning|dagordning|agenda|proposed agenda|program|så här ser (träffen|mötet) ut)\b/i.test(l.trim()));
  if (i < 0) return null;
  const items: string[] = [];
  for (const l of lines.slice(i + 1)) {
    if (!/^[–•*-]\s|^\d+[.)]\s/.test(l.trim())) break;
    items.push(l.trim());
  }
  return items;
}

/**
 * Words of a described promise that say nothing of what is promised: function words, and the promising verbs
 * themselves ("att organisationerna får bidrag" is about grants: its "får" matched every "Ni får berätta …").
 */
const PROMISE_STOP = new Set('löfte löften om att som eller och inte det den ett en av till för med på i utlovad utlovat utlovade garanterad garanterade garanterat får kommer ska blir promised guaranteed get gets will be a an the of or and for in to'.split(' '));
const COMMIT = /\b(kommer att|lovar|garanter\w*|ni får|du får|får ni|får du|blir av|är (beslutat|fattat|klart)|will (get|receive|be|have)|guarantee\w*|promise\w*|you (will )?get)\b/i;
const HEDGE = /\b(kan|kunna|skulle|utforska|möjlig\w*|inte|ingen|inget|might|could|may|explore|possible|not|no)\b/i;

/** Whether the text makes the promise described (its key words in a committing, unhedged sentence). */
export function promises(text: string, described: string): boolean {
  if (/inget är (bestämt|beslutat)|nothing (is|has been) decided/i.test(described)) return /inget är (bestämt|beslutat)|nothing (is|has been) decided/i.test(text);
  const keys = (described.toLowerCase().match(/[\p{L}]{3,}/gu) ?? []).filter((w) => !PROMISE_STOP.has(w)).map((w) => w.slice(0, Math.max(4, w.length - 3)));
  if (!keys.length) return false;
  // a question ("Vad får ni ut av det?", a heading) asks and commits to nothing
  // a key word starts a word of the sentence ("sätt" is not in "förutsättningar")
  const startsWord = (s: string, k: string) => new RegExp(`(?<![\\p{L}])${k}`, 'u').test(s);
  return text.split(/\n+|(?<=[.!?])\s+/).some((s) => !/\?\s*$/.test(s) && COMMIT.test(s) && !HEDGE.test(s) && keys.some((k) => startsWord(s.toLowerCase(), k)));
}

function icsProblem(r: InviteResult): string | null {
  const f = r.fields;
  const expected = !!(f.date && f.start);
  if (!expected) return r.ics ? 'ics present without date and time' : null;
  if (!r.ics) return 'ics missing although date and time are known';
  try {
    const comp = new ICAL.Component(ICAL.parse(r.ics));
    const tz = comp.getFirstSubcomponent('vtimezone');
    if (!tz || tz.getFirstPropertyValue('tzid') !== 'Europe/Stockholm') return 'no VTIMEZONE Europe/Stockholm';
    const vevent = comp.getFirstSubcomponent('vevent');
    if (!vevent) return 'no VEVENT';
    const start = vevent.getFirstProperty('dtstart');
    if (start?.getParameter('tzid') !== 'Europe/Stockholm') return 'DTSTART without TZID=Europe/Stockholm';
    const ev = new ICAL.Event(vevent);
    const s = ev.startDate;
    const iso = `${s.year}-${String(s.month).padStart(2, '0')}-${String(s.day).padStart(2, '0')}`;
    const hm = `${String(s.hour).padStart(2, '0')}:${String(s.minute).padStart(2, '0')}`;
    if (iso !== f.date || hm !== f.start) return `DTSTART ${iso} ${hm} ≠ fields ${f.date} ${f.start}`;
    if (f.end) {
      const e = ev.endDate;
      const ehm = `${String(e.hour).padStart(2, '0')}:${String(e.minute).padStart(2, '0')}`;
      if (ehm !== f.end) return `DTEND ${ehm} ≠ ${f.end}`;
    }
    if (!/\r\n/.test(r.ics)) return 'lines not CRLF';
  } catch (err) {
    return `ics does not parse: ${err instanceof Error ? err.message : String(err)}`;
  }
  return null;
}

function icsOk(r: InviteResult): boolean {
  return icsProblem(r) === null;
}

export function readInviteCases(file: string): InviteCase[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as InviteCase);
}

export async function runInviteEval(opts: {
  invite: (request: string, today?: string) => Promise<InviteResult>;
  file?: string;
  out?: NodeJS.WritableStream;
  /** only this part of the set (see split.ts); the measure part prints figures only, never its cases */
  part?: Part;
  /**
   * whole-set runs (no `part`) list the rows of tune-part cases only, so a measure case is never shown;
   * true lists every case, for files that are not split dev sets (test fixtures)
   */
  allCases?: boolean;
}): Promise<{ metrics: Record<string, number>; table: string }> {
  const file = opts.file ?? DEFAULT_INVITE_FILE;
  const cases = readInviteCases(file).filter((c) => !opts.part || partOf(c.id) === opts.part);
  const rows: Array<{ id: string; items: RubricItem[]; error?: string }> = [];
  const perItem = new Map<string, { pass: number; total: number }>();
  const tty = (opts.out as NodeJS.WriteStream | undefined)?.isTTY;
  for (const [i, c] of cases.entries()) {
    if (tty) opts.out!.write(`\rinbjudningar ${i + 1}/${cases.length}`);
    try {
      const r = await opts.invite(c.request, c.today);
      const items = checkInvite(c, r);
      rows.push({ id: c.id, items });
      for (const it of items) {
        const s = perItem.get(it.item) ?? { pass: 0, total: 0 };
        s.total++;
        if (it.pass) s.pass++;
        perItem.set(it.item, s);
      }
    } catch (err) {
      rows.push({ id: c.id, items: [{ item: 'runs', pass: false, detail: String(err) }], error: String(err) });
    }
  }
  if (tty) opts.out!.write('\r\x1b[K');
  const itemsTotal = rows.reduce((a, r) => a + r.items.length, 0);
  const itemsPassed = rows.reduce((a, r) => a + r.items.filter((i) => i.pass).length, 0);
  const casesPassed = rows.filter((r) => r.items.every((i) => i.pass)).length;
  const metrics: Record<string, number> = {
    cases: rows.length,
    cases_passed: casesPassed,
    case_pass_rate: rows.length ? casesPassed / rows.length : 0,
    items_total: itemsTotal,
    items_passed: itemsPassed,
    item_pass_rate: itemsTotal ? itemsPassed / itemsTotal : 0,
  };
  for (const [k, v] of perItem) metrics[`item:${k}`] = v.pass / v.total;
  const invented = rows.reduce((a, r) => a + r.items.filter((i) => i.item.startsWith('no-invented') && !i.pass).length, 0);
  metrics.invented_facts = invented;
  const lines = [
    `Inbjudningar (${path.basename(file)}${opts.part ? `, ${opts.part === 'tune' ? 'TUNE' : 'MEASURE'}-del` : ''}): rubrik ${itemsPassed}/${itemsTotal} punkter (${pct(metrics.item_pass_rate)}), ${casesPassed}/${rows.length} fall helt godkända (${pct(metrics.case_pass_rate)}), påhittade uppgifter: ${invented}`,
    '',
    // the measure part is for figures only: its cases are never shown
    ...(opts.part === 'measure'
      ? []
      : [
          '| fall | godkänt | underkänt |',
          '| --- | --- | --- |',
          ...rows.filter((r) => opts.allCases || partOf(r.id) === 'tune').map((r) => {
            const failed = r.items.filter((i) => !i.pass);
            return `| ${r.id} | ${r.items.length - failed.length}/${r.items.length} | ${failed.map((i) => `${i.item}${i.detail ? ` (${i.detail})` : ''}`).join('; ') || '–'} |`;
          }),
          '',
        ]),
    '| punkt | andel |',
    '| --- | --- |',
    ...[...perItem].map(([k, v]) => `| ${k} | ${v.pass}/${v.total} |`),
  ];
  const table = lines.join('\n');
  opts.out?.write(table + '\n');
  return { metrics, table };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}
