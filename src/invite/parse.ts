/**
 * Reads a free-text request for a dialogue invitation (Swedish or English) into the facts the
 * draft may use. Pure: the same request and reference date always give the same result.
 * Nothing is guessed: what the request does not say stays null, and the draft turns it into a
 * placeholder.
 */
import { withCorrections } from './corrections.js';
import { requestWithDiacritics } from '../text/diacritics.js';
import { distance } from 'fastest-levenshtein';
import { NAMES_THAT_ARE_WORDS, SWEDISH_MUNICIPALITIES } from '../match/municipalities.js';
import { unicodeWords } from '../text/words.js';
import type { Language } from '../domain/types.js';
import {
  ORDINALS,
  EN_MONTHS,
  EN_WEEKDAYS,
  SV_MONTHS,
  SV_WEEKDAYS,
  dayOffReason,
  daysInMonth,
  isoWeekDay,
  nextHoliday,
  MONTH_PATTERN,
  WEEKDAY_PATTERN,
  addDays,
  addMonths,
  compare,
  isValidDate,
  monthNumber,
  nextDayOfMonth,
  nextOccurrence,
  parseIso,
  toIso,
  weekdayNumber,
  weekdayOf,
  wordTimes,
  type YMD,
} from './dates.js';

export type AudienceKey = 'business' | 'trade' | 'social' | 'civil' | 'residents' | 'internal';
export type Tone = 'neutral' | 'formal' | 'easy';

export interface ParsedDate {
  /** the calendar date, with the year inferred as the next occurrence on/after today when not given */
  iso: string;
  month: number;
  day: number;
  /** true when the request states the year */
  yearGiven: boolean;
  /** 0 = Monday; only when the request states the weekday or a relative date implies it */
  weekday: number | null;
  /** true when the month or whole date came from a relative expression (den 13:e, nästa tisdag) */
  inferred: boolean;
  /** the words of the request the date was read from */
  source: string;
}

export interface ParsedInvite {
  language: Language;
  tone: Tone;
  /** a personal invitation to named recipients: the draft carries [NAMN] placeholders */
  personal: boolean;
  audiences: AudienceKey[];
  /** the audience as the request words it ("företagare i Nordöstra staden") */
  audienceLabel: string | null;
  format: MeetingFormat | null;
  halfDay: boolean;
  /** what the meeting is about, in the request's words ("vilka kompetensbehov de har") */
  topic: string | null;
  /** the request's own statement of the goal ("Vi vill höra …", "Goal: …") */
  goal: string | null;
  coCreation: boolean;
  date: ParsedDate | null;
  /** HH:MM, 24 h */
  start: string | null;
  /** the part of the day the request gives for the meeting when it gives no clock time ("imorgon eftermiddag"), as words; null otherwise */
  dayPart: { sv: string; en: string } | null;
  end: string | null;
  /** true when `end` was computed from a stated duration */
  endFromDuration: boolean;
  /** true when the request gives the end as approximate ("slut ca 15", "ends around 3 pm") */
  endApprox?: boolean;
  durationMinutes: number | null;
  /** how the request writes times: "." (07.30), ":" (13:00) or "ampm" (1–3 pm) */
  timeStyle: '.' | ':' | 'ampm';
  place: string | null;
  online: boolean;
  platform: string | null;
  link: string | null;
  /** the request says the date/place is not decided yet */
  undecided: boolean;
  /**
   * the request says the matter itself is open ("inget är bestämt", "förutsättningslöst", "nothing has been decided"):
   * only then does the invitation say so (a promise the sender must be able to keep)
   */
  openMatter: boolean;
  /**
   * what the request says comes later instead of a fact: the place ("Plats meddelas senare"), the link as the request
   * says it ("kommer i kalenderinbjudan"); the invitation says so rather than leaving a blank to fill in
   */
  later: { place: boolean; link: string | null };
  rsvp: { by: ParsedDate | null; mentioned: boolean; osa: boolean };
  /** registration through a link the user will add later */
  registrationLink: 'later' | string | null;
  contact: { name: string | null; email: string | null; phone: string | null };
  /** who signs, from a sign-off in the request ("hälsningar Anna Berg, Arbetsmarknadsförvaltningen"): name[, unit] */
  sender?: string | null;
  host: string | null;
  capacity: number | null;
  wishes: { fika: boolean; childrenWelcome: boolean; noRegistration: boolean };
  /** what the request says happens after the meeting */
  followUp: string | null;
  /**
   * Sentences of the request that date something other than the meeting or the reply ("annonserad sedan
   * 1 mars", "anbudsfristen är 12 april"): carried into the text as they are, so every date given is there.
   */
  background: string[];
  /** what the hosts arrange, in the request's own sentences ("Vi ordnar tolk på arabiska.", "Det finns barnpassning.") */
  arrangements: string[];
  /** what the hosts offer to eat or drink as the request says it ("smörgås", "lunch"), or null (fika: wishes.fika) */
  treat: string | null;
  /** interpretations the user should check (relative dates, a weekday that does not fit, a day off) */
  notes: string[];
  /** the request asks for a proposed agenda */
  agendaRequested: boolean;
  /** the agenda the request gives itself ("Agenda: 1) Välkomna 2) …", "dagordning: välkommen, presentation, samtal"), its items as written; null when none */
  agendaGiven: string[] | null;
  /** who else takes part, from the request's instruction ("någon från fastighetskontoret och en upphandlare") */
  participants: string | null;
  /** the request hopes for them but does not say they come ("…, men det är inte bekräftat", "if possible") */
  participantsTentative: boolean;
  /** the request says its date is not yet fixed ("preliminärt", "datumet är inte spikat än", "provisional") */
  dateTentative: boolean;
  /** the request is about something already decided (an announced procurement, an information meeting) */
  decided: boolean;
  /** the form of address the request asks for ("använd du-form"), else null */
  addressAsked: 'du' | 'ni' | null;
  /** the request asks for "Ni" with a capital N (the polite form some readers prefer: "skriv Ni med stort N") */
  capitalNi: boolean;
  /** the request asks for a short text ("skriv kort", "max 5 meningar", "keep it short") */
  brief: boolean;
  /** meeting dates that fall on a weekend or a Swedish public holiday (YYYY-MM-DD) */
  flaggedDates: string[];
  /** the invitation goes to one person (a named recipient, "dig som …") */
  singleRecipient: boolean;
  /** a celebration (a party, julbord, afterwork, mingel, an anniversary): no dialogue meeting, so no method sections */
  celebration: boolean;
}

export interface MeetingFormat {
  sv: string;
  svArticle: 'en' | 'ett';
  en: string;
}

/**
 * The kind of meeting: an occasion the request invites to (julbord, afterwork, a party, a fair; see
 * occasionInvitedTo), else a known format, else a Swedish compound of "möte"/"träff" as the request writes it
 * ("föräldramöte", "leverantörsmöte", "grannträff"), else a plain meeting. Compounds naming a place or a
 * time ("mötesplats", "mötestid") are not meetings; a compound only counts before the generic entries.
 */
export function meetingFormat(text: string): MeetingFormat | null {
  const occasion = occasionInvitedTo(text);
  if (occasion) return occasion;
  const generic = FORMATS.findIndex(([re]) => re.source.startsWith('\\bdialog(en|er)?'));
  for (const [k, [re, f]] of FORMATS.entries()) {
    if (k === generic) {
      const c = /(?<![\p{L}])(\p{L}{3,}?s?(möte|träff))(?:t|en)?(?![\p{L}])/iu.exec(text);
      if (c && !/^(?:dialog|frukost|lunch|nätverk|informations)/i.test(c[1]!)) {
        return { sv: c[1]!.toLowerCase(), svArticle: c[2]!.toLowerCase() === 'möte' ? 'ett' : 'en', en: 'meeting' };
      }
    }
    if (re.test(text)) return f;
  }
  // what the request invites to, when it is not a meeting: "till en jobbmässa", "to a thank-you evening"
  const sv = /(?<![\p{L}])(?:till|på)\s+(en|ett)\s+(\p{L}+(?:mässa|kväll|café|kafé|fika|fest|mingel|visning|föreläsning|utbildning|genomgång|konferens|eftermiddag|förmiddag))(?![\p{L}])/iu.exec(text);
  if (sv && !new RegExp(`^(?:${WEEKDAY_PATTERN})(?![\\p{L}])`, 'iu').test(sv[2]!)) return { sv: sv[2]!.toLowerCase(), svArticle: sv[1]!.toLowerCase() as 'en' | 'ett', en: 'meeting' };
  const en = /\bto\s+(?:a|an)\s+((?:[\p{L}-]+\s+){0,2}(?:fair|evening|café|cafe|party|reception|lecture|course|training|briefing|conference|festival|exhibition|tour|celebration|mingle))(?![\p{L}])/iu.exec(text);
  if (en && !new RegExp(`\\b(?:${WEEKDAY_PATTERN})\\b`, 'i').test(en[1]!)) return { sv: 'träff', svArticle: 'en', en: en[1]!.toLowerCase() };
  return null;
}

/**
 * Occasions that are no meetings, as requests name them: a party ("personalfest", "sommarfesten"), "julbord",
 * "afterwork", "kickoff", a fair ("jobbmässa"), "julfika", "mingel", "jubileum", "avtackning"; in English a party,
 * kick-off, after-work, celebration, reception or fair. A regex source (group-free), shared by the kind of event
 * and the audience: "julbord för kollegorna" is a julbord for the colleagues, not a meeting for "julbord för …".
 */
const OCCASION_SV = '(?:(?!mani|pro)\\p{L}*fest(?:en)?|julbord(?:et)?|afterwork|after work|kick-?off(?:en)?|\\p{L}*mässa(?:n)?|\\p{L}*fika(?:t)?|mingel|minglet|jubileum|jubileet|avtackning(?:en)?|julavslutning(?:en)?)';
const OCCASION_EN = '(?:[\\p{L}-]+\\s+)?(?:party|kick-?off|after-?work|celebration|reception|fair)';
const OCCASION_WORDS = `(?:${OCCASION_SV}|${OCCASION_EN})`;

/** Occasions that are celebrations, not meetings to talk in (a fair or a julfika with companies may still be one). */
const CELEBRATION_SV = /(?:fest|julbord|afterwork|after work|mingel|jubileum|avtackning|julavslutning)(?:\s+(?:av|för)\s+\p{Lu}.*)?$/iu;
const CELEBRATION_EN = /(?:party|celebration|reception|after-?work|christmas dinner|send-off)(?:\s+for\s+\p{Lu}.*)?$/iu;

/** Whether the event the request invites to is a celebration (its occasion; see occasionInvitedTo). */
export function isCelebration(format: MeetingFormat | null): boolean {
  return !!format && (CELEBRATION_SV.test(format.sv) || CELEBRATION_EN.test(format.en));
}

/** Swedish occasions said with "ett" (the others take "en"). */
const NEUTER_OCCASION = /^(?:julbord|mingel|jubileum)/i;

/**
 * The occasion the request invites to, when it is one of OCCASION_WORDS: the request's first words ("Julfika för
 * sociala företag …", "Personalfest för enheten …") or what it invites to or will hold ("inbjudan till julbord",
 * "vi ska ha en kickoff", "invite the team to our Christmas party"). Written as the request writes it.
 */
function occasionInvitedTo(text: string): MeetingFormat | null {
  const re = new RegExp(
    // (not the first part of a hyphenated meeting: "en mingel-dialog" is a dialogue)
    `(?:^\\s*|(?<![\\p{L}])(?:till|to|ha|har|håller|hålla|have|having|hold|holding)\\s+(?:(?:en|ett|vår|vårt|årets|a|an|our|the|this year['’]s)\\s+)?)(${OCCASION_WORDS})(?![\\p{L}]|-\\p{L})`,
    'iu',
  );
  const m = re.exec(text);
  if (!m) return null;
  const word = m[1]!.replace(/\s+/g, ' ');
  if (!new RegExp(`^${OCCASION_SV}$`, 'iu').test(word)) return { sv: 'träff', svArticle: 'en', en: word.toLowerCase() };
  const sv = word.toLowerCase().replace(/(?<=fest)en$|(?<=mässa)n$|(?<=fika)t$|(?<=julbord)et$|(?<=kick-?off)en$|(?<=avtackning)en$|(?<=julavslutning)en$/u, '').replace(/^jubileet$/, 'jubileum').replace(/^minglet$/, 'mingel');
  const en = /^kick-?off/.test(sv) ? 'kick-off' : /^after ?work/.test(sv) ? 'after-work' : /julbord/.test(sv) ? 'Christmas dinner' : /fest$/.test(sv) ? 'party' : /mässa$/.test(sv) ? 'fair' : sv === 'avtackning' ? 'send-off' : sv === 'jubileum' ? 'anniversary celebration' : 'meeting';
  // whom a send-off or a jubilee is for, by name: "avtackning av Karin", "jubileum för Anna Berg"
  const honoured = /^(avtackning|jubileum)$/.test(sv) ? /^\s+(av|för)\s+(\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?)/u.exec(text.slice(m.index + m[0].length)) : null;
  return { sv: honoured ? `${sv} ${honoured[1]} ${honoured[2]}` : sv, svArticle: NEUTER_OCCASION.test(sv) ? 'ett' : 'en', en: honoured ? `${en} for ${honoured[2]}` : en };
}

const FORMATS: Array<[RegExp, MeetingFormat]> = [
  // someone asked out to lunch ("vi vill bjuda henne på lunch", "invite him to lunch"): a lunch
  [/(?<![\p{L}])bjuda\s+(?:henne|honom|hen|dig|er|dem|dom)\s+på\s+lunch(?![\p{L}])|\binvite\s+(?:her|him|them|you)\s+(?:to|for)\s+lunch\b/iu, { sv: 'lunch', svArticle: 'en', en: 'lunch' }],
  [/frukostmöte|frukostträff|breakfast meeting|breakfast|\bfrukost(en)?\b/i, { sv: 'frukostmöte', svArticle: 'ett', en: 'breakfast meeting' }],
  [/planeringsdag|planning day/i, { sv: 'planeringsdag', svArticle: 'en', en: 'planning day' }],
  [/\bsamråd(et)?\b|public consultation/i, { sv: 'samråd', svArticle: 'ett', en: 'public consultation' }],
  [/lunchmöte|lunchträff|lunch meeting/i, { sv: 'lunchmöte', svArticle: 'ett', en: 'lunch meeting' }],
  [/rundabordssamtal|round[- ]?table/i, { sv: 'rundabordssamtal', svArticle: 'ett', en: 'roundtable' }],
  [/invigning|\binauguration|\bopening ceremony|\bgrand opening/i, { sv: 'invigning', svArticle: 'en', en: 'opening' }],
  [/öppet hus|\bopen house/i, { sv: 'öppet hus', svArticle: 'ett', en: 'open house' }],
  [/studiebesök|\bstudy visit/i, { sv: 'studiebesök', svArticle: 'ett', en: 'study visit' }],
  // "verkstad" alone is a workshop; "cykelverkstaden" is a place
  [/workshop|\bverkstad\b/i, { sv: 'workshop', svArticle: 'en', en: 'workshop' }],
  [/fokusgrupp|focus group/i, { sv: 'fokusgrupp', svArticle: 'en', en: 'focus group' }],
  [/webbinari|webinar/i, { sv: 'webbinarium', svArticle: 'ett', en: 'webinar' }],
  [/seminari|seminar/i, { sv: 'seminarium', svArticle: 'ett', en: 'seminar' }],
  [/nätverksträff|nätverksmöte|networking/i, { sv: 'nätverksträff', svArticle: 'en', en: 'networking meeting' }],
  [/dialogmöte|dialogträff|dialogue meeting|dialog meeting/i, { sv: 'dialogmöte', svArticle: 'ett', en: 'dialogue meeting' }],
  [/informationskväll|information evening|information night/i, { sv: 'informationskväll', svArticle: 'en', en: 'information evening' }],
  [/\b(?:promenad|trygghetsvandring|vandring|walk|walkabout)\b/i, { sv: 'promenad', svArticle: 'en', en: 'walk' }],
  [/informationsmöte|information meeting/i, { sv: 'informationsmöte', svArticle: 'ett', en: 'information meeting' }],
  [/\bdialog(en|er)?\b|\bdialogue\b/i, { sv: 'dialog', svArticle: 'en', en: 'dialogue' }],
  [/\bsamtal\b|\bconversation\b/i, { sv: 'samtal', svArticle: 'ett', en: 'conversation' }],
  [/\bträff(en)?\b|\bget-together\b/i, { sv: 'träff', svArticle: 'en', en: 'meeting' }],
  [/\bmöte(t)?\b|\bmeeting\b/i, { sv: 'möte', svArticle: 'ett', en: 'meeting' }],
];

const AUDIENCE_PATTERNS: Array<[AudienceKey, RegExp]> = [
  ['social', /sociala företag|socialt företag|arbetsintegrerande|social enterprises?|social firms?|\bwise\b/i],
  ['trade', /branschorganisation|branschförening|företagarförening|handelskammare|näringslivsorganisation|företagarnätverk|näringslivsnätverk|trade (organi[sz]ations?|associations?|bodies)|industry (associations?|organi[sz]ations?)|business associations?|chambers? of commerce|business networks?/i],
  ['civil', /\bförening(ar|en)?\b|civilsamhälle|ideell|idéburn|\bnon-?profits?\b|\bngos?\b|voluntary|civil society|\bassociations\b/i],
  // the organisation's own people: its groups and teams ("upphandlingsgruppen", "the procurement team"), its
  // managers and officers ("the city's HR managers", "stadens rektorer")
  ['internal', /intern(a|t)? (arbetsgrupp|grupp|möte|workshop)|arbetsgrupp|förvaltning(ar|arna|en)?\b|kollegor|kollega(n)?\b|(?<![\p{L}])(?!hr-)\p{L}{3,}chefer(na)?\b|medarbetare|tjänstepersoner|\bcolleagues\b|\bstaff\b|departments|internal (working )?group|(?<![\p{L}])(?!målgrupp)\p{L}{3,}s?gruppen\b|(?<![\p{L}])(?:the|our)\s+(?:[\p{L}-]+\s+)?team\b|\bteamet\b|(?:the city['’]s|the municipality['’]s|the council['’]s|our own|stadens|kommunens|regionens|våra egna)\s+(?:[\p{L}-]+\s+)?(?:managers|officers|staff|employees|heads|chefer|tjänstepersoner|handläggare|rektorer|upphandlare|medarbetare|anställda)\b|\bupphandlare\b/iu],
  // residents, also by their age or stage of life (seniorer, pensionärer, unga, elever, youth, seniors)
  ['residents', /invånare|\bboende\b|(?:de|dem|dom|alla|du|dig|er|ni)\s+som\s+bor\s+(?:i|på|kring|runt)|(?:those|people|everyone|anyone|you)\s+who\s+live\s+(?:in|on|around)|medborgare|hyresgäster|föräldrar|ungdomar|helsingborgare|\bresidents?\b|citizens|tenants|\blocals\b|parents|(?<![\p{L}])(?:seniorer(?:na)?|pensionärer(?:na)?|äldre(?!\\s+(?:företag|möbler|kläder))|unga(?!\\s+(?:företagare|entreprenörer|vuxna))|ungdomarna|elever(?:na)?|gymnasieelever|studenter|familjer|barnfamiljer|nyanlända|grannar(?:na)?|ungdomsråd(?:et)?|pensionärsråd(?:et)?|neighbou?rs|youth council|seniors|pensioners|older (?:people|adults|residents)|elderly|young people|youth|teenagers|pupils|students|families|newcomers)(?![\p{L}])/iu],
  ['business', /(?<!sociala )företag(are|arna|en)?\b|(?<!socialt )företag\b|arbetsgivare|näringsliv|\bvd:?ar\b|hr-chef|entreprenör|startup|start-up|employers?|businesses|business owners|companies|entrepreneurs|\bfirms\b|\bceos?\b/i],
];

const AUDIENCE_WORD = /arbetsgrupp|förvaltning|colleagues|staff|företagare|företag|arbetsgivare|näringsliv|invånare|boende|medborgare|föreningar|organisationer|entreprenörer|startups|employers|residents|businesses|companies|entrepreneurs|non-profits|kollegor|medarbetare|vd:ar|chefer/i;

const SENTENCE_PROTECT: Array<[RegExp, string]> = [
  [/\bt\.ex\./gi, 't\u2024ex\u2024'],
  [/\bbl\.a\./gi, 'bl\u2024a\u2024'],
  [/\bd\.v\.s\./gi, 'd\u2024v\u2024s\u2024'],
  [/\bo\.s\.a\./gi, 'o\u2024s\u2024a\u2024'],
  [/\bosv\./gi, 'osv\u2024'],
  [/\bca\./gi, 'ca\u2024'],
  [/\bkl\./gi, 'kl\u2024'],
  // "onsdag v. 44": the week's abbreviation ends no sentence
  [/\bv\.(?=\s*\d)/gi, 'v\u2024'],
  [/\be\.g\./gi, 'e\u2024g\u2024'],
  [/\bi\.e\./gi, 'i\u2024e\u2024'],
  [/(\d)\.(\d)/g, '$1\u2024$2'],
  [/(@[\w-]+)\.(\w)/g, '$1\u2024$2'],
  [/(\w)\.(se|com|org|nu|net)\b/g, '$1\u2024$2'],
];

/** Splits text into sentences without breaking at "t.ex.", "kl. 07.30" or e-mail addresses. */
export function sentences(text: string): string[] {
  let t = text;
  for (const [re, rep] of SENTENCE_PROTECT) t = t.replace(re, rep);
  return t
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.replace(/\u2024/g, '.').trim())
    .filter(Boolean);
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const URL_RE = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g;
const PHONE = /(?<![\d\w])(?:\+46[\s-]?|0)\d{1,3}[\s-]?\d{2,4}(?:[\s-]?\d{2,3}){1,3}(?![\d])/g;

/** Replaces matches with spaces of the same length, so positions stay valid. */
function mask(text: string, re: RegExp): string {
  return text.replace(re, (m) => ' '.repeat(m.length));
}

function normalizeDashes(s: string): string {
  return s.replace(/[\u2010-\u2015\u2212]/g, '–');
}

/**
 * Control characters (C0 other than tab and line breaks, DEL, C1) pasted in with a request — a bell, a vertical
 * tab, a unit separator from a form field — are a space: they would otherwise stick to a word ("företag\u0007")
 * or stand between "kl" and its hour. Zero-width characters and the BOM are removed.
 */
export function withoutControlCharacters(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, ' ').replace(/[\u200B-\u200D\u2060\uFEFF]/g, '');
}

/**
 * Reads an invitation request: date, time, place, audience, purpose, contact, register, address form and the
 * notes the draft gives back. `today` is YYYY-MM-DD (relative dates count from it); `known` are words a request
 * typed without å/ä/ö may mean besides the dictionary's (the reports' words, see corpusSpellings).
 */
export function parseInviteRequest(request: string, today: string, known: ReadonlySet<string> = new Set()): ParsedInvite {
  const todayYmd = parseIso(today);
  if (!todayYmd) throw new Error(`ogiltigt datum för idag: ${today}`);
  // (spaces run together, line breaks kept: a request written a fact a line, "- Plats: …" / "- Frukost serveras", ends
  // each fact at its line, as the rules over "[^.\n]" expect)
  const normalized = normalizeDashes(withoutControlCharacters(request).replace(/[^\S\n]+/g, ' ').replace(/ ?\n[\s]*/g, '\n').trim());
  const notes: string[] = [];
  // a fact the writer takes back as they go ("kl 14, nej förresten 15") is replaced by the later one, and the note says so
  const { text: typed, corrections } = withCorrections(normalized);

  const language = detectLanguage(typed);
  for (const c of corrections) {
    const what = language === 'en' ? { date: 'the date', time: 'the time', place: 'the place' }[c.kind] : { date: 'datumet', time: 'tiden', place: 'platsen' }[c.kind];
    notes.push(language === 'en' ? `The request changes ${what} as it goes: "${c.now}" is used, not "${c.was}" – please check.` : `Förfrågan ändrar ${what} på vägen: "${c.now}" används, inte "${c.was}" – kontrollera.`);
  }
  // an invitation asked for in the other language ("Write it in Swedish please") takes the audience, topic and place as
  // the request words them: the note says they are to be translated (offline, nothing translates a free phrase)
  if (wordsLanguage(typed) !== language)
    notes.push(
      language === 'en'
        ? 'The request is written in Swedish: the audience, topic and place are given as it words them – translate them into English.'
        : 'Förfrågan är skriven på engelska: målgrupp, ämne och plats står som där – översätt dem till svenska.',
    );
  // a Swedish request typed without å/ä/ö is read with them, so what the invitation takes from it (the audience, the
  // purpose, the place) is spelt as Swedish is ("hyresgastforeningen" → "hyresgästföreningen")
  const text = language === 'sv' ? requestWithDiacritics(typed, known) : typed;
  // a sign-off names the sender; the rest of the request is read without it (it is no audience, topic or contact)
  const signOff = findSignOff(text);
  const textBeforeSignOff = signOff ? text.slice(0, SIGN_OFF.exec(text)!.index) : text;
  // "en utbildning om lätt svenska" is a topic, not the register asked for
  const tone: Tone = /(?<!\b(?:om|kring|about|i|in|på kurs i)\s)(?:lätt(?:läst)? svenska|lättläst|enkel svenska|enkla ord|enkelt språk|skriv enkelt|easy[- ]to[- ]read|plain swedish|easy swedish)/i.test(text)
    ? 'easy'
    : /\bformell|\bformal\b|högtidlig/i.test(text)
      ? 'formal'
      : 'neutral';

  const email = text.match(EMAIL)?.[0] ?? null;
  const urls = text.match(URL_RE) ?? [];
  let masked = mask(mask(text, URL_RE), EMAIL);
  const phone = mask(masked, /\b\d{4}-\d{2}-\d{2}\b/g).match(PHONE)?.[0]?.trim() ?? null;
  masked = mask(masked, PHONE);

  // dates first (ISO and d/m are masked before times are read)
  const dates = findDates(masked, todayYmd, notes, language);
  for (const d of dates) masked = masked.slice(0, d.index) + ' '.repeat(d.length) + masked.slice(d.index + d.length);
  const rsvpDates = dates.filter((d) => d.rsvp);
  // the meeting's date: not one that dates something else (a deadline, an announcement); one with its time or weekday first
  const meetingDates = dates
    .filter((d) => !d.rsvp)
    .map((d, k) => ({ d, k, score: (OTHER_EVENT_BEFORE.test(text.slice(Math.max(0, d.index - 40), d.index)) ? -2 : 0) + (d.date.weekday !== null || TIME_AFTER.test(afterJoinedDates(text.slice(d.index + d.length, d.index + d.length + 48))) ? 1 : 0) }))
    .sort((a, b) => b.score - a.score || a.k - b.k)
    .map((x) => x.d);
  // every other date of the request (a second session, a follow-up, a deadline) is kept in the text with its sentence
  const otherDates = meetingDates.slice(1);
  const date = meetingDates[0]?.date ?? null;
  // a reply-by date without a year falls before the meeting, not a year ahead of it
  if (date) for (const r of rsvpDates) if (!r.date.yearGiven) fitBefore(r.date, date, todayYmd);
  // a date the request says is not yet fixed is given as such, and the note says so
  if (date && DATE_TENTATIVE.test(text))
    notes.push(language === 'en' ? `The request says the date ${date.iso} is not yet fixed; the invitation says "provisional" – confirm it before sending.` : `Förfrågan säger att datumet ${date.iso} inte är spikat; inbjudan skriver "preliminärt" – bekräfta det innan utskick.`);
  if (meetingDates.filter((d) => !OTHER_EVENT_BEFORE.test(text.slice(Math.max(0, d.index - 40), d.index))).length > 1) notes.push(language === 'en' ? 'The request names more than one date; the first is used.' : 'Förfrågan nämner flera datum; det första används.');

  // a meeting or reply date already past is noted, never used silently ("12 mars 2026" when today is in October)
  for (const d of [meetingDates[0], rsvpDates[0]]) {
    if (!d) continue;
    // a day and month alone whose date this year has passed is next year's, and the note says so ("den 20 november" on
    // 2 December); it is a reading of the year, not of relative words. Within half a year ahead ("2 februari" on
    // 3 December) next year's date is what anyone means, and a note on every January date would only be noise
    const ymd = parseIso(d.date.iso)!;
    const daysAhead = (Date.UTC(ymd.y, ymd.m - 1, ymd.d) - Date.UTC(todayYmd.y, todayYmd.m - 1, todayYmd.d)) / 86_400_000;
    if (!d.date.yearGiven && !d.date.inferred && ymd.y > todayYmd.y && compare({ y: todayYmd.y, m: ymd.m, d: ymd.d }, todayYmd) < 0 && daysAhead > 183) {
      notes.push(
        language === 'en'
          ? `"${d.date.source}" has already passed this year, so the date is ${d.date.day} ${EN_MONTHS[ymd.m - 1]} ${ymd.y} – please check it.`
          : `"${d.date.source}": datumet har passerat i år, så det gäller ${d.date.day} ${SV_MONTHS[ymd.m - 1]} ${ymd.y} – kontrollera datumet.`,
      );
    }
    const past = pastReading(d.date, todayYmd);
    if (!past) continue;
    notes.push(language === 'en' ? `${past}, which is already past (today is ${today}) – please check the date.` : `${past}, som redan har varit (i dag är det ${today}) – kontrollera datumet.`);
  }

  const flaggedDates: string[] = [];
  for (const d of meetingDates.slice(0, 1)) {
    const ymd = parseIso(d.date.iso)!;
    const off = dayOffReason(ymd);
    if (!off) continue;
    flaggedDates.push(d.date.iso);
    const wd = weekdayOf(ymd);
    notes.push(
      language === 'en'
        ? `${d.date.iso} is ${off.holiday ? `a Swedish public holiday or day off (${off.holiday})` : `a ${EN_WEEKDAYS[wd]}`}${off.holiday && off.weekend ? ` and a ${EN_WEEKDAYS[wd]}` : ''} – many cannot come then; please check the date.`
        : `${d.date.iso} är ${off.holiday ? `en helgdag eller ledig dag (${off.holiday})` : `en ${SV_WEEKDAYS[wd]}`}${off.holiday && off.weekend ? ` och en ${SV_WEEKDAYS[wd]}` : ''} – många kan inte komma då; kontrollera datumet.`,
    );
  }

  // a reply date after the meeting, or on the meeting day itself, cannot be meant ("tisdag 5 januari …, anmälan senast 6 jan")
  const meetingIso = meetingDates[0]?.date.iso;
  const replyIso = rsvpDates[0]?.date.iso;
  if (meetingIso && replyIso && replyIso >= meetingIso) {
    notes.push(
      language === 'en'
        ? `The reply date ${replyIso} is ${replyIso === meetingIso ? 'the day of' : 'after'} the meeting (${meetingIso}) – please check it.`
        : `Sista svarsdag ${replyIso} är ${replyIso === meetingIso ? 'samma dag som' : 'efter'} mötet (${meetingIso}) – kontrollera datumet.`,
    );
  }

  const format = meetingFormat(text);
  // a time for what comes before the start ("frukost från 7.15", "insläpp och soppa från 17.30", "doors open at 5:30") is
  // no start of the meeting: said as the request says it, among the arrangements
  const arrival = ARRIVAL.exec(masked);
  const time = findTimes(wordTimes(mask(masked, ARRIVAL)));
  // a clock time that is no time of day ("kl 25:00", "kl 18.75") is left blank with a note, never dropped silently
  for (const m of masked.matchAll(/(?<![\p{L}\d])(?:kl\.?|klockan|at)\s*(\d{1,2})(?:[.:](\d{2}))?(?![\d])/giu)) {
    const h = Number(m[1]);
    const min = m[2] === undefined ? 0 : Number(m[2]);
    if (h > 24 || min > 59 || (h === 24 && min > 0)) {
      notes.push(language === 'en' ? `"${m[0].trim()}" is not a time of day, so the time is left blank – please fill it in.` : `"${m[0].trim()}" är ingen giltig tid, så tiden är lämnad tom – fyll i rätt tid.`);
      break;
    }
  }
  afternoonReading(time, masked, isCelebration(format), language, notes);
  let place = findPlace(text, masked);
  const online = /\b(teams|zoom|google meet|digital(t|a)?|online|webbinar\w*|webinar|videomöte|distans|virtual|virtuell\w*)\b/i.test(text) &&
    !/inte (digitalt|online)|not online/i.test(text);
  const platform = /\bteams\b/i.test(text) ? 'Teams' : /\bzoom\b/i.test(text) ? 'Zoom' : /google meet/i.test(text) ? 'Google Meet' : null;

  // ("de sociala företagen i nätverket + Coompanion": a plus between groups is written out in the invitation)
  const audienceLabel = withCapitalTowns(findAudienceLabel(withAnchorWordsSpelled(text)))?.replace(/\s+\+\s+/g, language === 'en' ? ' and ' : ' och ') ?? null;
  // "hos dem", "hos oss på arbetsmarknadsförvaltningen": at someone's premises, named as the request names them
  place ??= placeAtSomeone(text, audienceLabel);
  // ("Plats Hushållningssällskapet, …" written without a colon: the label is no part of the place)
  if (place) place = withVenueBefore(text, withStreetAddress(text, place)).replace(PLACE_LABEL_START, '');
  const fromLabel = audienceLabel ? audiencesOfLabel(audienceLabel) : [];
  // (a label that names none of the kinds, "ledamöterna i socialnämnden", is no licence to read the kinds out of the
  // topic: "om hur kommunen kan köpa mer av sociala företag" would address the politicians as social enterprises)
  const audiences = fromLabel.length || audienceLabel ? fromLabel : findAudiences(text);
  // an agenda the request gives is its items, not the meeting's topic ("agenda: …, presentation av rapporten om X, samtal")
  const given = agendaGiven(text);
  const topicGoal = findPurpose(given ? text.slice(0, given.start) + ' '.repeat(given.end - given.start) + text.slice(given.end) : text);
  // a date or time read as the meeting's (or any other) date is logistics, never part of the topic or the goal
  // the place found is logistics too: "om återbruk i Landskrona, stadshuset" is about återbruk
  if (topicGoal.topic && place) {
    const at = topicGoal.topic.search(new RegExp(`(?:\\s*,|\\s+(?:i|på|vid|hos|in|at))\\s+${place.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'iu'));
    if (at > 0) topicGoal.topic = topicGoal.topic.slice(0, at).trim();
  }
  const dateSources = dates.map((d) => d.date.source);
  if (topicGoal.topic && !topicGoal.stated) topicGoal.topic = withoutDateWords(topicGoal.topic, dateSources) || null;
  if (topicGoal.goal) topicGoal.goal = withoutDateWords(topicGoal.goal, dateSources) || null;

  const capitalNi = CAPITAL_NI.test(text);
  const noRegistration = /ingen (för)?anmälan|inte anmäla|utan (för)?anmälan|behöver inte anmäla|drop-?in|no (need to )?regist|no rsvp|no sign-?up|no need to sign up/i.test(text);
  const rsvpMentioned = !noRegistration && /\b(osa|o\.s\.a\.|anmäl\w*|svara senast|svar senast|rsvp|register\w*|sign[- ]?up|reply by)\b/i.test(text);
  const meetingLink = urls.find((u) => /teams|zoom|meet|webex/i.test(u)) ?? (online && urls.length === 1 && !/anmäl|regist|sign/i.test(text) ? urls[0] : null);
  const registrationUrl = urls.find((u) => u !== meetingLink && /anmäl|regist|sign|osa|rsvp/i.test(text)) ?? null;
  const registrationLink = registrationUrl
    ? registrationUrl
    : /(länk|link)\b[^.]*\b(senare|sen|later|lägger till|add|skickas|follow)/i.test(text) || /(registration|anmälan|anmäl dig|register) (via|through|med|genom|using) (a |en )?(länk|link)/i.test(text)
      ? 'later'
      : null;

  const capacityMatch =
    // (not a limit on the text itself: "Max 5 meningar", "högst 200 ord", "max one page")
    /(?:max(?:imalt|imum)?\.?|högst|upp till|up to|limited to|begränsat till)\s*(\d{1,4})(?!\d)(?!\s*(?:meningar|mening|ord|rader|rad|sidor|sida|tecken|stycken|punkter|minuter|min|timmar|h|sentences|sentence|words|lines|pages|page|characters|paragraphs|bullets|minutes|hours)\b)\s*(?:platser|deltagare|personer|places|seats|participants|people|spots)?/i.exec(text) ??
    /\b(\d{1,4})\s+(?:platser|places|seats|spots)\b/i.exec(text);

  // the request's sentences, once for every rule below that reads them; an instruction to add a fact ("Lägg till att vi
  // återkopplar inom två veckor", "Add that there will be pizza") is that fact ("Vi återkopplar inom två veckor")
  const ss = sentences(text).map(addedFact);
  const participants = findParticipants(ss);
  // the drafter cannot ask them: the sender is told to, and the text only hopes for them
  if (participants?.toCheck)
    notes.push(language === 'en' ? `That ${participants.who} can take part is not confirmed, so the invitation does not promise it – check with them before sending.` : `Att ${participants.who} kan vara med är inte bekräftat, så inbjudan lovar det inte – stäm av med dem innan utskick.`);
  const followSentence = ss.find((s) => !isInstruction(s) && (/sammanfattning|återkoppl|återkommer|dokumentation|minnesanteckning\p{L}*|mötesanteckning\p{L}*|protokoll|summary|follow[- ]up|feedback|minutes|meeting notes/iu.test(s) || /^(?:efter mötet|efter träffen|after the meeting)\b/i.test(s)));

  // the request's sentences that date something else are facts of the invitation (each date given is in the text)
  const background = ss.filter((x) => !isInstruction(x) && otherDates.some((d) => x.includes(d.date.source)));

  // "vi bjuder på smörgås", "lunch ingår", "we'll serve lunch": said once, as the request says it
  const treatM = /\binkl(?:\.|usive)?\s+(lunch|fika|frukost|middag|kaffe|mat|smörgås)\b|\bdet blir\s+((?:lunch|frukost|middag|mat|smörgås\p{L}*|pizza|tårta|glass|soppa|grillat|korv|mackor|frukt)(?:\s+(?:och|och\s+\p{L}+)\s+\p{L}+)?)(?=[.!?;,]|\s+(?:efter|före|innan|under|till)\b|$)|\bvi bjuder på\s+([^.!?;,]+?(?:\s+efteråt)?)(?=\s+(?:efter|före|innan|under)(?![\p{L}])|[.!?;,]|$)|\b([\p{L} ]{3,30}?)\s+(?:ingår|bjuds det på|serveras)\b|\bwe(?:'ll| will)? (?:serve|provide|offer)\s+([^.!?;,]+?)(?=[.!?;,]|$)|\b([\p{L} ]{3,30}?)\s+will be (?:served|provided)\b/iu.exec(text);
  // (what is offered ends before a clause joined to it: "fika och barn är välkomna" offers fika)
  const treatRaw = treatM ? (treatM[1] ?? treatM[2] ?? treatM[3] ?? treatM[4] ?? treatM[5] ?? treatM[6])!.replace(/\s+(?:och|and)\s+[\p{L}-]+\s+(?:är|får|kan|ska|blir|is|are|can|will)\b.*$/iu, '').trim() : null;
  const treat = treatRaw && !/^(?:vi|det|de|the|it)\b/i.test(treatRaw) && !/^(fika|kaffe|coffee|fika och kaffe|kaffe och fika)$/i.test(treatRaw) && treatRaw.split(/\s+/).length <= 5 ? treatRaw.charAt(0).toLowerCase() + treatRaw.slice(1) : null;

  // what the hosts arrange (an interpreter, childcare, a hearing loop, parking): said as the request says it
  const arrangements: string[] = ss.filter((x) => !isInstruction(x) && ARRANGEMENT.test(x) && !/\bvi bjuder på\b/i.test(x)).slice(0, 3);
  if (arrival) arrangements.unshift(text.slice(arrival.index, arrival.index + arrival[0].length).trim());
  // a sentence with a time of its own ("Buss går från Stadshuset 12.40 för den som vill.", "Frukost från 8.30.") is a fact
  // of the day: said as the request says it, as another date is (not the sentence with the meeting's date and time)
  const meetingTimes = new Set([time.start, time.end].filter(Boolean));
  for (const x of ss) {
    if (isInstruction(x) || arrangements.includes(x) || background.includes(x) || (date && meetingDates[0] && x.includes(meetingDates[0].date.source))) continue;
    const own = [...x.matchAll(/(?<![\d/.:,])(?:kl\.?\s*|klockan\s+|från\s+|from\s+|at\s+)?(\d{1,2})[.:](\d{2})(?![\d/:]|\.\d)/giu)].map((m) => `${m[1]!.padStart(2, '0')}:${m[2]}`);
    if (own.length && own.every((t) => !meetingTimes.has(t)) && own.every((t) => Number(t.slice(0, 2)) < 24)) arrangements.push(x);
  }

  return {
    background,
    arrangements,
    treat,
    language,
    tone,
    personal: /personlig|personal invitation|personali[sz]ed/i.test(text),
    audiences,
    audienceLabel,
    format,
    halfDay: /halvdag|half[- ]day/i.test(text),
    topic: topicGoal.topic,
    goal: topicGoal.goal,
    coCreation: /samskap|co-?creat/i.test(text),
    date,
    start: time.start,
    dayPart: time.start ? null : dayPartOf(masked),
    end: time.end,
    endFromDuration: time.endFromDuration,
    ...(time.endApprox ? { endApprox: true } : {}),
    durationMinutes: time.duration,
    timeStyle: time.style,
    place,
    online,
    platform,
    link: meetingLink,
    undecided: /inte (bestämt|bestämd|klart|spikat)|ej bestämt|oklart|tbd|not (yet )?(decided|set|fixed|confirmed)|to be (decided|confirmed)/i.test(text),
    openMatter: OPEN_MATTER.test(text),
    later: laterFacts(text),
    rsvp: { by: rsvpDates[0]?.date ?? null, mentioned: rsvpMentioned || rsvpDates.length > 0, osa: /\bo\.?s\.?a\.?\b/i.test(text) },
    registrationLink,
    contact: { name: findContactName(textBeforeSignOff, email) ?? signOff?.name ?? null, email, phone },
    sender: signOff ? [signOff.name, signOff.unit].filter(Boolean).join(', ') : labelledSender(text),
    host: findHost(text),
    capacity: capacityMatch ? Number(capacityMatch[1]) : null,
    wishes: {
      // (not where the request says there is none or asks not to say so: "Skriv inte att det finns fika", "ingen fika")
      fika: saidUnnegated(text, /\bfika\b|\bkaffe\b|\bcoffee\b/giu),
      childrenWelcome: /barn(?:en)? (är )?välkomna|barnvänlig|ta (gärna )?med (era |dina )?barn(?:en)?|barn(?:en)? får (gärna )?(följa|komma) med|children (are )?welcome|kids (are )?welcome|bring (your |the )?(children|kids)|family[- ]friendly/i.test(text),
      noRegistration,
    },
    followUp: followSentence && !/\b(inbjudan|utkast|invitation|draft)\b/i.test(followSentence) ? followSentence : null,
    notes,
    agendaRequested: AGENDA_ASK.test(text) && !AGENDA_DECLINED.test(text),
    agendaGiven: given?.items ?? null,
    participants: participants?.who ?? null,
    participantsTentative: participants?.tentative ?? false,
    dateTentative: Boolean(date) && DATE_TENTATIVE.test(text),
    // ("inget är bestämt" is the opposite of a decided matter, though its words are the same)
    decided: DECIDED.test(text) && !OPEN_MATTER.test(text),
    addressAsked: ADDRESS_DU.test(text) ? 'du' : ADDRESS_NI.test(text) || capitalNi ? 'ni' : null,
    capitalNi,
    brief: BRIEF.test(text),
    flaggedDates,
    singleRecipient: audienceLabel ? isOnePerson(audienceLabel, text) : false,
    celebration: isCelebration(format),
  };
}

/**
 * The date itself when it is before today, else null. Only a date with its year (or an ISO date) can be past: a
 * day and month alone is their next occurrence, and a weekday that fits only the past one is already noted as a
 * weekday that does not match.
 */
function pastReading(d: ParsedDate, today: YMD): string | null {
  return compare(parseIso(d.iso)!, today) < 0 ? d.iso : null;
}

function fitBefore(d: ParsedDate, meeting: ParsedDate, today: YMD): void {
  const [my] = meeting.iso.split('-').map(Number);
  for (const y of [my, my - 1]) {
    const c = { y, m: d.month, d: d.day };
    const iso = toIso(c);
    if (isValidDate(c) && iso <= meeting.iso && iso >= toIso(today)) {
      d.iso = iso;
      return;
    }
  }
}

function detectLanguage(text: string): Language {
  if (/\b(på|in) engelska\b|\bengelsk\b|\benglish\b/i.test(text) && !/\bin swedish\b|på svenska/i.test(text)) return 'en';
  if (/\bin swedish\b|på svenska|lätt svenska/i.test(text)) return 'sv';
  return wordsLanguage(text);
}

/** The language a request is written in, by its common words (whatever language it asks the invitation to be in). */
function wordsLanguage(text: string): Language {
  const words = text.toLowerCase().match(/[a-zåäöé]+/g) ?? [];
  const sv = new Set(['och', 'att', 'till', 'med', 'för', 'vi', 'en', 'ett', 'på', 'om', 'kan', 'du', 'är', 'som', 'inte', 'den', 'det', 'vill', 'skriv', 'inbjudan', 'senast', 'kl']);
  const en = new Set(['and', 'the', 'to', 'with', 'for', 'we', 'a', 'an', 'on', 'about', 'can', 'you', 'is', 'are', 'that', 'not', 'draft', 'write', 'invitation', 'please', 'by', 'at', 'of']);
  let s = 0;
  let e = 0;
  for (const w of words) {
    if (sv.has(w)) s++;
    if (en.has(w)) e++;
  }
  if (/[åäö]/i.test(text)) s += 1;
  return e > s ? 'en' : 'sv';
}

interface FoundDate {
  index: number;
  length: number;
  date: ParsedDate;
  rsvp: boolean;
}

/** Names people use for the holidays → the swedish-holidays name. */
const HOLIDAY_ALIASES: Record<string, string> = {
  nyårsdagen: 'Nyårsdagen', trettondagen: 'Trettondedag jul', 'trettondedag jul': 'Trettondedag jul', trettondagsafton: 'Trettondagsafton',
  skärtorsdagen: 'Skärtorsdagen', långfredagen: 'Långfredagen', påskafton: 'Påskafton', påskdagen: 'Påskdagen', 'annandag påsk': 'Annandag påsk',
  'annandagen påsk': 'Annandag påsk', valborgsmässoafton: 'Valborgsmässoafton', valborg: 'Valborgsmässoafton', 'första maj': 'Första maj',
  'kristi himmelsfärdsdag': 'Kristi himmelsfärdsdag', 'kristi himmelfärdsdag': 'Kristi himmelsfärdsdag', nationaldagen: 'Sveriges nationaldag',
  'sveriges nationaldag': 'Sveriges nationaldag', pingstafton: 'Pingstafton', pingstdagen: 'Pingstdagen', midsommarafton: 'Midsommarafton',
  midsommardagen: 'Midsommardagen', allhelgonaafton: 'Allhelgonaafton', 'alla helgons dag': 'Alla helgons dag', julafton: 'Julafton',
  juldagen: 'Juldagen', 'annandag jul': 'Annandag jul', annandagen: 'Annandag jul', nyårsafton: 'Nyårsafton',
  'christmas eve': 'Julafton', 'christmas day': 'Juldagen', "new year's eve": 'Nyårsafton', "new year's day": 'Nyårsdagen',
  'midsummer eve': 'Midsommarafton', 'national day': 'Sveriges nationaldag', 'easter monday': 'Annandag påsk', 'good friday': 'Långfredagen',
};

/** Words before a date that dates something other than the meeting: an announcement, a deadline for bids, a decision. */
const OTHER_EVENT_BEFORE = /(sedan|från och med|fr\.o\.m\.?|anbudsfrist\p{L}*|anbud\p{L}*|annonser\p{L}*|publicer\p{L}*|utlys\p{L}*|beslut\p{L}*|öppnade|stänger|stängde|since|published|announced|tender deadline|bids? (?:are )?due|closes?|closing date)\W*(?:\p{L}+\W+){0,2}(?:den\s+|the\s+|on\s+)?$/iu;
/** What follows a date once a date joined to it is skipped ("12 november och 19 november kl 18": the time is both's). */
function afterJoinedDates(after: string): string {
  return after.replace(new RegExp(`^\\s*(?:,|och|and|samt|&)\\s*(?:\\d{1,2}(?::?e)?\\s+(?:${MONTH_PATTERN})|\\d{1,2}\\/\\d{1,2})`, 'i'), '');
}

/** A time right after a date ("17 mars kl 10", "5 November, 1–3 pm"): the meeting's date. */
const TIME_AFTER = /^\s*,?\s*(?:(?:kl\.?|klockan|at|from|mellan|between)\s*)?\d{1,2}(?:[.:]\d{2})?\s*(?:–|-|till|to|am|pm|a\.m\.|p\.m\.|$|\s|,)/i;

const RSVP_BEFORE = /(osa|o\.s\.a\.|senast|anmäl\w*|svara|svar|rsvp|deadline|sista|register\w*|sign[- ]?up|reply|\bby|before|innan|före)\W*(den\s+|the\s+|on\s+)?$/i;

/** how many days back a day and month alone, with a weekday that fits only this year's date, is read as this year's (a past date, noted) */
const RECENT_PAST_DAYS = 31;

function findDates(text: string, today: YMD, notes: string[], language: Language): FoundDate[] {
  const readAs = (words: string, iso: string, extra = '') =>
    language === 'en' ? `"${words}" read as ${iso}${extra ? ` (${extra.split('|')[1]})` : ''} – please check.` : `"${words}" tolkat som ${iso}${extra ? ` (${extra.split('|')[0]})` : ''} – kontrollera.`;
  const found: FoundDate[] = [];
  const taken: Array<[number, number]> = [];
  const free = (i: number, len: number) => !taken.some(([a, b]) => i < b && i + len > a);
  const push = (index: number, length: number, ymd: YMD, opts: { yearGiven: boolean; inferred: boolean; weekday?: number | null }): boolean => {
    if (!free(index, length)) return false;
    taken.push([index, index + length]);
    const source = text.slice(index, index + length).trim();
    const before = text.slice(Math.max(0, index - 32), index);
    // a weekday stated right before the date ("tisdag den 5 november", "Tuesday 5 November")
    const wd = new RegExp(`(${WEEKDAY_PATTERN})(en)?,?\\s*(den\\s+|the\\s+)?$`, 'i').exec(before);
    let weekday = opts.weekday ?? null;
    if (wd) {
      weekday = weekdayNumber(wd[1]);
      // a day and month alone read as next year's (this year's has passed) whose weekday fits only this year's date, a
      // date of the last RECENT_PAST_DAYS ("tisdag 10/11" on 16 November: 10 November 2026 is a Tuesday, 2027's a
      // Wednesday): the weekday says it is this year's, and the date is noted as past. Further back ("måndag 13 april" in
      // October) it is next year's, planned ahead, with the weekday noted as not matching.
      const thisYear = { y: today.y, m: ymd.m, d: ymd.d };
      const recent = isValidDate(thisYear) && Date.UTC(today.y, today.m - 1, today.d) - Date.UTC(thisYear.y, thisYear.m - 1, thisYear.d) <= RECENT_PAST_DAYS * 86_400_000;
      if (weekday !== null && !opts.yearGiven && !opts.inferred && ymd.y === today.y + 1 && weekday !== weekdayOf(ymd) && recent && weekdayOf(thisYear) === weekday) ymd = thisYear;
      if (weekday !== null && weekday !== weekdayOf(ymd)) {
        notes.push(language === 'en' ? `The weekday "${wd[1]}" does not match ${toIso(ymd)} – please check the date.` : `Veckodagen "${wd[1]}" stämmer inte med ${toIso(ymd)} – kontrollera datumet.`);
      }
    }
    found.push({
      index,
      length,
      rsvp: RSVP_BEFORE.test(before),
      date: { iso: toIso(ymd), month: ymd.m, day: ymd.d, yearGiven: opts.yearGiven, weekday, inferred: opts.inferred, source },
    });
    return true;
  };
  // a date that does not exist ("31 november", "30 februari"): noted, never moved to another day
  const reject = (index: number, length: number, words: string, month: number, year: number | null): void => {
    if (!free(index, length)) return;
    taken.push([index, index + length]);
    const days = daysInMonth(year ?? today.y, month);
    notes.push(
      language === 'en'
        ? `"${words.trim()}" is not a date (${EN_MONTHS[month - 1]} has ${days} days); the date is left as a placeholder – please check.`
        : `"${words.trim()}" finns inte (${SV_MONTHS[month - 1]} har ${days} dagar); datumet är lämnat tomt – kontrollera.`,
    );
  };
  let m: RegExpExecArray | null;
  // 2026-11-05
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
  while ((m = iso.exec(text))) {
    const ymd = { y: +m[1], m: +m[2], d: +m[3] };
    if (isValidDate(ymd)) push(m.index, m[0].length, ymd, { yearGiven: true, inferred: false });
  }
  // 5 november [2026], 5:e nov, 27th of January
  const dm = new RegExp(`\\b(\\d{1,2})(?::?e|:a|st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_PATTERN})\\.?(?:,?\\s+(\\d{4}))?\\b`, 'gi');
  while ((m = dm.exec(text))) {
    const month = monthNumber(m[2])!;
    const day = +m[1];
    const ymd = m[3] ? { y: +m[3], m: month, d: day } : nextOccurrence(month, day, today);
    if (ymd && isValidDate(ymd)) push(m.index, m[0].length, ymd, { yearGiven: !!m[3], inferred: false });
    else if (day >= 1) reject(m.index, m[0].length, m[0], month, m[3] ? +m[3] : null);
  }
  // January 27[th][, 2027]
  const md = new RegExp(`\\b(${MONTH_PATTERN})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?!\\s*[.:]\\d)(?:,?\\s+(\\d{4}))?`, 'gi');
  while ((m = md.exec(text))) {
    const month = monthNumber(m[1])!;
    const day = +m[2];
    const ymd = m[3] ? { y: +m[3], m: month, d: day } : nextOccurrence(month, day, today);
    if (ymd && isValidDate(ymd)) push(m.index, m[0].length, ymd, { yearGiven: !!m[3], inferred: false });
    else if (day >= 1) reject(m.index, m[0].length, m[0], month, m[3] ? +m[3] : null);
  }
  // 5/11, 5/11/2026 or 5/11 2026 (day/month, as written in Sweden; a year after a space is 20xx)
  const slash = /(?<![\d/])(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4})|\s+(20\d{2})(?![\d.:]))?(?![\d/])/g;
  while ((m = slash.exec(text))) {
    const day = +m[1];
    const month = +m[2];
    const y = m[3] ? (m[3].length === 2 ? 2000 + +m[3] : +m[3]) : m[4] ? +m[4] : null;
    const ymd = y ? { y, m: month, d: day } : month >= 1 && month <= 12 ? nextOccurrence(month, day, today) : null;
    if (ymd && isValidDate(ymd)) push(m.index, m[0].length, ymd, { yearGiven: !!y, inferred: false });
    else if (month >= 1 && month <= 12 && day >= 1) reject(m.index, m[0].length, m[0], month, y);
  }
  // 12.11 (day.month, as Swedes also write it) when the time is given with kl/klockan elsewhere: "12.11 kl 18"
  if (/\b(?:kl\.?|klockan)\s*\d/i.test(text)) {
    const dotted = /(?<![\d.:/])(\d{1,2})\.(\d{1,2})(?![\d.:/])(?!\s*(?:–|-|till)\s*\d)/g;
    while ((m = dotted.exec(text))) {
      if (/(?:kl\.?|klockan)\s*$/i.test(text.slice(Math.max(0, m.index - 9), m.index))) continue;
      const day = +m[1];
      const month = +m[2];
      if (month < 1 || month > 12 || day < 1) continue;
      const ymd = nextOccurrence(month, day, today);
      if (ymd && isValidDate(ymd)) push(m.index, m[0].length, ymd, { yearGiven: false, inferred: false });
    }
  }
  // den 13:e / the 13th (month implied by today)
  const dayOnly = /\b(?:den|the)\s+(\d{1,2})(?::e|:a|st|nd|rd|th)?\b(?!\s*[.:/]\d)(?!\s*(?:minuter|personer|deltagare|platser|people|places|floor|level|våning|våningen|plan|planet|trappan|våningsplanet)\b)/gi;
  while ((m = dayOnly.exec(text))) {
    const day = +m[1];
    if (day < 1 || day > 31) continue;
    // "nästa månad, den 12:e": the day of next month, not of this one
    const nextMonth = /\b(nästa månad|kommande månad|next month)\b/i.test(text);
    const from = nextMonth ? (today.m === 12 ? { y: today.y + 1, m: 1, d: 1 } : { y: today.y, m: today.m + 1, d: 1 }) : today;
    const ymd = nextDayOfMonth(day, from);
    if (!ymd) continue;
    if (push(m.index, m[0].length, ymd, { yearGiven: false, inferred: true }))
      notes.push(readAs(nextMonth ? `${/next month/i.test(text) ? 'next month, ' : 'nästa månad, '}${m[0]}` : m[0], toIso(ymd)));
  }
  // a day written as an ordinal word: "femte februari", "den tjugoandra mars"
  const ordinal = new RegExp(`\\b(${Object.keys(ORDINALS).sort((a, b) => b.length - a.length).join('|')})\\s+(${MONTH_PATTERN})\\b`, 'gi');
  while ((m = ordinal.exec(text))) {
    const month = monthNumber(m[2]!)!;
    const day = ORDINALS[m[1]!.toLowerCase()]!;
    const ymd = nextOccurrence(month, day, today);
    if (ymd) push(m.index, m[0].length, ymd, { yearGiven: false, inferred: false });
    else reject(m.index, m[0].length, m[0], month, null);
  }
  // a named holiday ("nationaldagen", "annandag påsk"): its next date from swedish-holidays
  const named = new RegExp(`\\b(${Object.keys(HOLIDAY_ALIASES).sort((a, b) => b.length - a.length).join('|')})\\b`, 'gi');
  while ((m = named.exec(text))) {
    // "om Valborg", "inför midsommar": the holiday is the topic, not the day of the meeting
    if (/\b(om|inför|kring|about|before|ahead of)\s+$/i.test(text.slice(Math.max(0, m.index - 10), m.index))) continue;
    const ymd = nextHoliday(HOLIDAY_ALIASES[m[1]!.toLowerCase()]!, today);
    if (ymd) push(m.index, m[0].length, ymd, { yearGiven: false, inferred: false });
  }
  // an ISO week with a weekday: "onsdag vecka 6", "vecka 6, onsdag"
  const week = new RegExp(`\\b(?:(${WEEKDAY_PATTERN})(?:en)?\\s+(?:i\\s+)?(?:vecka|v\\.?|week)\\s*(\\d{1,2})|(?:vecka|v\\.?|week)\\s*(\\d{1,2}),?\\s+(?:på\\s+)?(${WEEKDAY_PATTERN})(?:en)?)\\b`, 'gi');
  while ((m = week.exec(text))) {
    const wd = weekdayNumber((m[1] ?? m[4])!)!;
    const ymd = isoWeekDay(Number(m[2] ?? m[3]), wd, today);
    // an exact date, but not one the reader sees: the note says which day it is (not a reading to check)
    if (ymd && push(m.index, m[0].length, ymd, { yearGiven: false, inferred: false, weekday: wd })) {
      notes.push(language === 'en' ? `"${m[0]}" is ${toIso(ymd)}.` : `"${m[0]}" är ${toIso(ymd)}.`);
    }
  }
  // a week without a day ("nästa vecka", "next week"): no date, but a note saying how it was read
  const vague = /\b(?:(?:någon gång|i|under)\s+)?(?:nästa vecka|next week|kommande vecka|veckan efter)\b/gi;
  while ((m = vague.exec(text))) {
    if (!free(m.index, m[0].length)) continue;
    // "tisdag nästa vecka", "next week on Friday": the day is given, and read with the weekday below
    const weekdayNear = new RegExp(`(?<![\\p{L}])(?:${WEEKDAY_PATTERN})(?:en)?\\s*,?\\s*$`, 'iu').test(text.slice(Math.max(0, m.index - 14), m.index)) ||
      new RegExp(`^\\s*,?\\s*(?:(?:på|on)\\s+)?(?:${WEEKDAY_PATTERN})(?![\\p{L}])`, 'iu').test(text.slice(m.index + m[0].length, m.index + m[0].length + 16));
    if (weekdayNear) continue;
    const monday = addDays(today, 7 - weekdayOf(today));
    notes.push(
      language === 'en'
        ? `"${m[0].trim()}" read as the week of ${toIso(monday)}–${toIso(addDays(monday, 6))}; no day is given, so the date is a placeholder.`
        : `"${m[0].trim()}" tolkat som veckan ${toIso(monday)}–${toIso(addDays(monday, 6))}; ingen dag är angiven, så datumet är lämnat tomt.`,
    );
  }
  // a month without a day ("om en månad", "nästa månad", "in two months"): no date, but a note saying how it
  // was read, as for a week without a day (issue 14: "om en månad" gave neither a date nor a note)
  // (said only when no date is found in the request: "om en månad, den 3 december" has its date)
  const monthNotes: string[] = [];
  const vagueMonth = /\b(?:(?:om|in)\s+(en|ett|två|tre|fyra|fem|sex|one|a|two|three|four|five|six|\d{1,2})\s+(?:månad|månader|months?)|(?:(?:någon gång|i|under)\s+)?(?:nästa|kommande|next)\s+(?:månad|month))\b/gi;
  while ((m = vagueMonth.exec(text))) {
    if (!free(m.index, m[0].length)) continue;
    const next = addMonths({ ...today, d: 1 }, 1);
    const when = m[1]
      ? toIso(addMonths(today, COUNT_WORDS[m[1].toLowerCase()] ?? Number(m[1])))
      : new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'sv-SE', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(next.y, next.m - 1, 1)));
    monthNotes.push(
      language === 'en'
        ? `"${m[0].trim()}" read as ${m[1] ? 'around ' : ''}${when}; no day is given, so the date is a placeholder.`
        : `"${m[0].trim()}" tolkat som ${m[1] ? 'omkring ' : ''}${when}; ingen dag är angiven, så datumet är lämnat tomt.`,
    );
  }
  // relative days
  const rel: Array<[RegExp, number]> = [
    [unicodeWords(/\b(i övermorgon|övermorgon|the day after tomorrow)\b/gi), 2],
    [/\b(i morgon|imorgon|tomorrow)\b/gi, 1],
    [/\b(i dag|idag|today)\b/gi, 0],
  ];
  for (const [re, n] of rel) {
    while ((m = re.exec(text))) {
      if (/(today|i dag|idag)/i.test(m[0]) && /^\s*(i dag|idag|today)\s*$/i.test(m[0]) && /(som idag|än idag|as today)/i.test(text.slice(Math.max(0, m.index - 6), m.index + m[0].length))) continue;
      // "vad kommunen vet i dag", "what we know today": today is the present, not the meeting's day, unless a time follows
      // ("i dag kl 15") or it is said of the meeting ("vi ses i dag", "mötet i dag")
      if (n === 0 && !/^\s*(?:,\s*)?(?:kl\.?|klockan|at|från|from|mellan|between)?\s*\d{1,2}(?:[.:]\d{2})?\b/iu.test(text.slice(m.index + m[0].length, m.index + m[0].length + 20)) && !/(?:ses|träffas|möte\p{L}*|träff\p{L}*|samtal\p{L}*|meeting|meet|call)\s*$/iu.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
      const ymd = addDays(today, n);
      if (push(m.index, m[0].length, ymd, { yearGiven: false, inferred: true })) notes.push(readAs(m[0], toIso(ymd)));
    }
  }
  // om två veckor / in two weeks
  const weeks = /\b(?:om|in)\s+(en|ett|två|tre|fyra|one|a|two|three|four|\d)\s+(veckor|vecka|weeks?)\b/gi;
  while ((m = weeks.exec(text))) {
    const n = COUNT_WORDS[m[1].toLowerCase()] ?? Number(m[1]);
    // with a weekday said beside it ("in two weeks, on Thursday", "torsdag om två veckor"): that day of the week n weeks ahead
    // ("in three weeks, on the Wednesday", "om tre veckor, på onsdagen")
    const after = new RegExp(`^\\s*,?\\s*(?:(?:på|on)\\s+(?:the\\s+)?)?(${WEEKDAY_PATTERN})(?:en)?(?![\\p{L}])`, 'iu').exec(text.slice(m.index + m[0].length));
    const from = Math.max(0, m.index - 14);
    const before = new RegExp(`(?<![\\p{L}])(${WEEKDAY_PATTERN})(?:en)?\\s*,?\\s*$`, 'iu').exec(text.slice(from, m.index));
    const day = after ?? before;
    if (day) {
      const wd = weekdayNumber(day[1]!)!;
      const ymd = addDays(addDays(today, 7 * n - weekdayOf(today)), wd);
      const start = after ? m.index : from + before!.index;
      const end = after ? m.index + m[0].length + after[0].length : m.index + m[0].length;
      if (push(start, end - start, ymd, { yearGiven: false, inferred: true, weekday: wd })) notes.push(readAs(text.slice(start, end).trim(), toIso(ymd)));
      continue;
    }
    const ymd = addDays(today, 7 * n);
    if (push(m.index, m[0].length, ymd, { yearGiven: false, inferred: true }))
      notes.push(readAs(m[0], toIso(ymd)));
  }
  // nästa tisdag / next Tuesday / tisdag nästa vecka / nästa vecka torsdag / next week on Friday: the weekday in next (ISO) week
  const next = new RegExp(
    `\\b(?:nästa|next)\\s+(${WEEKDAY_PATTERN})\\b|\\b(${WEEKDAY_PATTERN})(?:en)?\\s+(?:nästa vecka|next week)\\b|\\b(?:nästa vecka|next week)\\s*,?\\s*(?:(?:på|on)\\s+)?(${WEEKDAY_PATTERN})(?:en)?\\b`,
    'gi',
  );
  while ((m = next.exec(text))) {
    const wd = weekdayNumber(m[1] ?? m[2] ?? m[3])!;
    const monday = addDays(today, 7 - weekdayOf(today));
    const ymd = addDays(monday, wd);
    if (push(m.index, m[0].length, ymd, { yearGiven: false, inferred: true, weekday: wd }))
      notes.push(readAs(m[0], toIso(ymd), 'veckan efter denna|the week after this one'));
  }
  // på tisdag / this Tuesday / on Tuesday / kommande tisdag: the next such weekday after today
  // … not when the date follows, after a comma too ("on Tuesday, December 8th", "på tisdag, den 8 december")
  // (a day of the month after the weekday makes it a date, "på fredag den 9", "fredag 9 oktober"; an hour does not,
  // "på fredag 9-12")
  const coming = new RegExp(`\\b(?:på|this|on|kommande|coming|denna|den här)\\s+(${WEEKDAY_PATTERN})\\b(?!,?\\s*(?:(?:den|the)\\s+\\d|\\d{1,2}(?:\\s*(?:${MONTH_PATTERN})\\b|\\/|:e\\b|e\\b|st\\b|nd\\b|rd\\b|th\\b)|(?:${MONTH_PATTERN})\\.?\\s+\\d))`, 'gi');
  while ((m = coming.exec(text))) {
    const wd = weekdayNumber(m[1])!;
    const diff = ((wd - weekdayOf(today) + 7) % 7) || 7;
    const ymd = addDays(today, diff);
    if (push(m.index, m[0].length, ymd, { yearGiven: false, inferred: true, weekday: wd }))
      notes.push(readAs(m[0], toIso(ymd)));
  }
  // a weekday alone before a time, opening a sentence or after a comma ("Torsdag kl 8–9.30 på …", "…, onsdag 18-20"):
  // the next such weekday, with the reading noted, when the request gives no date at all
  if (!found.length) {
    const bare = new RegExp(`(?:^|[.!?,;:]\\s*|\\n)(${WEEKDAY_PATTERN})(?:en)?\\s+(?=(?:kl\\.?|klockan|at)?\\s*\\d{1,2}(?:[.:]\\d{2})?\\s*(?:[-–]|kl|\\b)(?!\\s*(?:${MONTH_PATTERN}|\\/)))`, 'gi');
    const b = bare.exec(text);
    if (b) {
      const wd = weekdayNumber(b[1])!;
      const ymd = addDays(today, ((wd - weekdayOf(today) + 7) % 7) || 7);
      const at = b.index + b[0].indexOf(b[1]!);
      if (push(at, b[1]!.length, ymd, { yearGiven: false, inferred: true, weekday: wd })) notes.push(readAs(b[1]!, toIso(ymd)));
    }
  }
  if (!found.length) notes.push(...monthNotes);
  return found.sort((a, b) => a.index - b.index);
}

/** the counts of "om en vecka", "in two months" … as words (the patterns say which each accepts) */
const COUNT_WORDS: Readonly<Record<string, number>> = { en: 1, ett: 1, one: 1, a: 1, två: 2, two: 2, tre: 3, three: 3, fyra: 4, four: 4, fem: 5, five: 5, sex: 6, six: 6 };

/** Words that put an event in the afternoon or evening, and words that keep it in the morning. */
const EVENING_EVENT = /(?<![\p{L}])(?:\p{L}*kväll\p{L}*|\p{L}*middag\p{L}*|afterwork|after[- ]work|efter jobbet|efter arbetstid|\p{L}*evening|dinner|supper|tonight)(?![\p{L}])/iu;
const MORNING_EVENT = /(?<![\p{L}])(?:\p{L}*morgon\p{L}*|frukost\p{L}*|förmiddag\p{L}*|fm|morning|breakfast|brunch)(?![\p{L}])/iu;

/**
 * A clock hour said without am/pm or a 24-hour form ("kl 5", "at 7") where no one means the early morning: an hour
 * from 1 to 5, or up to 9 for a party or an evening event ("sommarfest kl 7", "middag kl 7"), is read in the
 * afternoon or evening (17.00, 19.00; an end said the same way moves with it), and a note says so, as for
 * dates read from relative words. A morning word ("frukost", "på morgonen") keeps the hour as written; a
 * leading zero ("kl 07.00") or a day part the request gives (handled in wordTimes) is never moved.
 */
function afternoonReading(time: ReturnType<typeof findTimes>, text: string, party: boolean, language: Language, notes: string[]): void {
  if (!time.start || time.style === 'ampm') return;
  const h = Number(time.start.slice(0, 2));
  const min = time.start.slice(3);
  const said = new RegExp(`(?<![\\p{L}\\d])(kl\\.?|klockan|at|from|från)\\s*${h}(?:[.:]${min})?(?![\\d])`, 'iu').exec(text);
  if (!said || h < 1 || h > 9 || MORNING_EVENT.test(text)) return;
  if (h > 5 && !party && !EVENING_EVENT.test(text)) {
    // "at 6", "kl 7" with nothing saying morning or evening: kept as written, but not silently
    if (h <= 7) {
      const shown = language === 'en' ? time.start : `kl. ${time.start.replace(':', '.')}`;
      notes.push(language === 'en' ? `"${said[0]}" read as ${shown} in the morning – please check (write ${hhmm(h + 12, +min)} if the evening is meant).` : `"${said[0]}" tolkat som ${shown} på morgonen – kontrollera (skriv kl. ${hhmm(h + 12, +min).replace(':', '.')} om kvällen avses).`);
    }
    return;
  }
  time.start = hhmm(h + 12, +min);
  if (time.end) {
    const [eh, em] = time.end.split(':').map(Number) as [number, number];
    const end = eh < 12 && eh + 12 < 24 ? eh + 12 : eh;
    time.end = end * 60 + em > (h + 12) * 60 + +min ? hhmm(end, em) : null;
    if (!time.end) time.duration = null;
  }
  const span = `${time.start}${time.end && !time.endFromDuration ? `–${time.end}` : ''}`;
  const shown = language === 'en' ? span : `kl. ${span.replace(/:/g, '.')}`;
  notes.push(language === 'en' ? `"${said[0]}" read as ${shown} (afternoon or evening) – please check.` : `"${said[0]}" tolkat som ${shown} (eftermiddag eller kväll) – kontrollera.`);
}

function to24(h: number, suffix: string | undefined): number {
  if (!suffix) return h;
  const pm = /^p/i.test(suffix);
  if (pm && h < 12) return h + 12;
  if (!pm && h === 12) return 0;
  return h;
}

function hhmm(h: number, min: number): string {
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/**
 * An end time said apart from the start ("start kl 9, slut ca 15", "avslutas 16.30", "vi håller på till ca 15",
 * "ends around 3 pm"): the hour, its minutes, an am/pm and whether it is approximate. "till" alone ("till 15
 * personer") is no end: it needs kl, an approximation word or "fram till" before the hour.
 */
/** what comes before a meeting's start, with its time: "frukost från 7.15", "insläpp och soppa från 17.30", "doors open at 5.30" */
const ARRIVAL =
  /(?<![\p{L}])(?:(?:insläpp|dörrarna\s+öppn(?:ar|as)|doors\s+open)(?:\s+(?:och|&|and)\s+\p{L}+)?\s+(?:(?:från|fr\.o\.m\.?|from|at)\s+)?|(?:frukost|fika|kaffe|mingel|registrering|incheckning|soppa|smörgås|registration|breakfast|coffee|check-in)(?:\s+(?:och|&|and)\s+\p{L}+)?(?:\s+(?:serveras|bjuds|finns|is\s+served|are\s+served))?\s+(?:från|fr\.o\.m\.?|from|at)\s+)(?:kl\.?\s*|klockan\s+)?\d{1,2}(?:[.:]\d{2})?(?![\d]|[.:]\d)/iu;

const END_RE =
  /(?<![\p{L}])(?:slut|slutar|sluta|slutet|avslutas|avslutar|avslut|klart|klara|färdiga|(?:håller på|pågår|fram)\s+till(?=\s+(?:ca\.?|cirka|omkring|runt|ungefär|kl\.?|klockan|\d))|till(?=\s+(?:ca\.?|cirka|omkring|runt|ungefär|kl\.?|klockan)\s)|ends?|ending|finish(?:es|ing)?|wraps? up|until|till(?=\s+(?:about|around|approx))|to(?=\s+(?:about|around)\s))\s*(?:(?:fortfarande|ändå|som vanligt|som förut|still|as before|as usual)\s+)?(?:(?:ca\.?|cirka|omkring|runt|ungefär|senast|vid|at|by|about|around|approx\.?|approximately|roughly)\s+)?(?:(?:ca\.?|cirka|omkring|runt|ungefär|about|around)\s+)?(?:kl\.?\s*|klockan\s+|at\s+)?(\d{1,2})(?:[.:](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?![\d/]|[.:]\d|\s*(?:personer|deltagare|gäster|people|participants|guests|minuter|timmar|minutes|hours)(?![\p{L}]))/iu;
const APPROX_RE = /(?<![\p{L}])(?:ca\.?|cirka|omkring|runt|ungefär|about|around|approx\.?|approximately|roughly)(?![\p{L}])/iu;

function findTimes(text: string): { start: string | null; end: string | null; duration: number | null; endFromDuration: boolean; endApprox?: boolean; style: '.' | ':' | 'ampm' } {
  let start: string | null = null;
  let end: string | null = null;
  let style: '.' | ':' | 'ampm' = '.';
  const AMPM = '(am|pm|a\\.m\\.|p\\.m\\.)';
  const range = new RegExp(
    `(?<![\\d/.:–-])(?:(kl\\.?|klockan|from|från|at|between|mellan)\\s*)?(\\d{1,2})(?:([.:])(\\d{2}))?\\s*${AMPM}?\\s*(–|-|till|to|until|och|and)\\s*(?:kl\\.?\\s*)?(\\d{1,2})(?:[.:](\\d{2}))?\\s*${AMPM}?(?![\\d/])(?!\\s*(?:${MONTH_PATTERN}|deltagare|personer|platser|minuter|timmar|år|people|places|participants|minutes|hours|years)\\b)`,
    'gi',
  );
  let m = range.exec(text);
  while (m) {
    const [, prefix, h1s, sep, m1s, ap1, conj, h2s, m2s, ap2] = m;
    const loose = !prefix && !m1s && !m2s && !ap1 && !ap2;
    const andOk = !/^(och|and)$/i.test(conj) || /mellan|between/i.test(prefix ?? '');
    let h1 = +h1s;
    let h2 = +h2s;
    if (ap2 && !ap1) {
      // "1–3 pm": the start shares the suffix unless that would put it after the end
      const s2 = to24(h2, ap2);
      const s1 = to24(h1, ap2);
      h1 = s1 <= s2 ? s1 : h1;
      h2 = s2;
    } else {
      h1 = to24(h1, ap1);
      h2 = to24(h2, ap2 ?? ap1);
    }
    const mins1 = m1s ? +m1s : 0;
    const mins2 = m2s ? +m2s : 0;
    const valid = andOk && h1 < 24 && h2 < 24 && mins1 < 60 && mins2 < 60 && h1 * 60 + mins1 < h2 * 60 + mins2 && !(loose && (h1 < 6 || /^(till|to|until)$/i.test(conj)));
    if (valid) {
      start = hhmm(h1, mins1);
      end = hhmm(h2, mins2);
      style = ap1 || ap2 ? 'ampm' : sep === ':' ? ':' : '.';
      text = text.slice(0, m.index) + ' '.repeat(m[0].length) + text.slice(m.index + m[0].length);
      break;
    }
    m = range.exec(text);
  }
  if (!start) {
    const single = new RegExp(
      `(?<![\\d/.:–-])(?:(?:kl\\.?|klockan|at|from|från|starting at|starts at|börjar)\\s*(\\d{1,2})(?:([.:])(\\d{2}))?\\s*${AMPM}?|(\\d{1,2})([.:])(\\d{2})\\s*${AMPM}?|(\\d{1,2})\\s*${AMPM})(?![\\d/:]|\\.\\d)`,
      'i',
    );
    const s = single.exec(text);
    if (s) {
      const h = s[1] ?? s[5] ?? s[9];
      const sep = s[2] ?? s[6];
      const min = s[3] ?? s[7] ?? '0';
      const ap = s[4] ?? s[8] ?? s[10];
      const hour = to24(+h, ap);
      if (hour < 24 && +min < 60) {
        start = hhmm(hour, +min);
        style = ap ? 'ampm' : sep === ':' ? ':' : '.';
      }
    }
  }
  let endApprox = false;
  if (start && !end) {
    const e = END_RE.exec(text);
    if (e) {
      const hour = to24(+e[1]!, e[3] ?? (style === 'ampm' && +e[1]! < 12 && +start.slice(0, 2) >= 12 ? 'pm' : undefined));
      const min = e[2] ? +e[2] : 0;
      const [h1, m1] = start.split(':').map(Number);
      if (hour < 24 && min < 60 && hour * 60 + min > h1! * 60 + m1!) {
        end = hhmm(hour, min);
        endApprox = APPROX_RE.test(e[0]);
      }
    }
  }
  let duration: number | null = null;
  const dur = /\b(\d{1,3}|en|ett|one|an|a|två|two|tre|three)\s*(minuter|min|minutes|mins|timmar|timme|tim|hours?|h)\b/i.exec(text);
  const words: Record<string, number> = { en: 1, ett: 1, one: 1, an: 1, a: 1, två: 2, two: 2, tre: 3, three: 3 };
  if (dur) {
    const n = words[dur[1].toLowerCase()] ?? Number(dur[1]);
    duration = /^(min)/i.test(dur[2]) ? n : n * 60;
  } else if (/halvtimme|half an hour|half-hour/i.test(text)) duration = 30;
  let endFromDuration = false;
  if (start && !end && duration && duration > 0 && duration <= 12 * 60) {
    const [h, mi] = start.split(':').map(Number);
    const total = h * 60 + mi + duration;
    if (total < 24 * 60) {
      end = hhmm(Math.floor(total / 60), total % 60);
      endFromDuration = true;
    }
  }
  if (start && end && !endFromDuration) {
    const [h1, m1] = start.split(':').map(Number);
    const [h2, m2] = end.split(':').map(Number);
    duration = duration ?? h2 * 60 + m2 - (h1 * 60 + m1);
  }
  return { start, end, duration, endFromDuration, ...(endApprox ? { endApprox } : {}), style };
}

/** A street address: a street name (with "Södra", "Stora" … before it) and its number, a house letter written on ("5B", "12 A"). */
const STREET = '(?:(?:Södra|Norra|Västra|Östra|Stora|Lilla|Gamla|Nya)\\s+)?[A-ZÅÄÖ][\\p{L}]*(?:gatan|vägen|gränd|torget|allén|backen|platsen)\\s+\\d+(?:[A-Za-z]|\\s[A-Z])?';

const VENUE = /mötesplats|träffpunkt|bibliotek|stadshus|rådhus|kulturhus|medborgarhus|huset\b|salen\b|\bsal\b|lokal|kontor|center|centrum|skola|skolan|kyrka|café|kafé|restaurang|gården|aula|rummet|parken\b|torget\b|museum|museet|verkstad|station|konferens|library|city hall|town hall|centre|office|room\b|hall\b|school|church|café|cafe|restaurant|venue|campus|arena|park\b|torget|square|hotel|hotell/i;
const NOT_PLACE = new RegExp(`^(${MONTH_PATTERN}|${WEEKDAY_PATTERN}|teams|zoom|english|engelska|svenska|swedish)\\b|^(helsingborgs stad|staden|the city)$`, 'i');

/** Someone's role before "på/vid/at" + their workplace ("rektor på", "verksamhetsledare vid", "manager at"). */
const ROLE_WORD = /(rektor|chef|ledare|direktör|ordförande|handläggare|samordnare|ansvarig|strateg|sekreterare|lärare|pedagog|kurator|koordinator|controller|manager|director|principal|coordinator|officer|teacher|jobbar|arbetar|works)$/i;

/** An opening and the premises it opens: "invigning av den nya cykelverkstaden vid stationen", "the opening of our new café". */
const OPENING_OF =
  /(?<![\p{L}])(invigning(?:en)?|öppning(?:en)?|öppet hus|opening|inauguration)\s+(?:av|på|i|of|at)\s+(?:(?:den|det|de|vår|vårt|våra|the|our)\s+)?(?:(?:nya|nyrenoverade|renoverade|new|renovated)\s+)?([a-zåäö]*(?:verkstaden|verkstad|huset|biblioteket|parken|torget|gården|lokalen|lokalerna|salen|caféet|kaféet|butiken|skolan|centret|stationen|museet|hallen|badet|lekplatsen|workshop|café|cafe|library|centre|center|park|shop|hall|garden)(?:\s+(?:vid|på|i|at|in|by|on)\s+(?:[A-ZÅÄÖ][\p{L}-]+|(?:the\s+)?[a-zåäö]+(?:en|et|n|station|square)))?)(?![\p{L}])/iu;

/** Municipality names in lower case, to their spelling (not those that are also everyday words: "vara", "mark"). */
const TOWN_BY_LOWER = new Map(SWEDISH_MUNICIPALITIES.filter((t) => !NAMES_THAT_ARE_WORDS.has(t.toLowerCase())).map((t) => [t.toLowerCase(), t]));

/** A municipality written in lower case after a place word gets its capital: "sociala företag i helsingborg" → "… i Helsingborg". */
export function withCapitalTowns(label: string | null): string | null {
  if (!label) return label;
  return label.replace(/(?<![\p{L}])(i|in|från|from|på|kring|runt|around)\s+([a-zåäöé][\p{L}-]*(?:\s+[a-zåäöé][\p{L}-]*)?)/gu, (all, prep: string, words: string) => {
    const two = TOWN_BY_LOWER.get(words);
    if (two) return `${prep} ${two}`;
    const [first, ...rest] = words.split(/\s+/);
    const one = TOWN_BY_LOWER.get(first!);
    return one ? `${prep} ${[one, ...rest].join(' ')}` : all;
  });
}

/** The municipalities' names, longest first (a town before a building: "i Landskrona, stadshuset"). */
const TOWN_PATTERN = [...SWEDISH_MUNICIPALITIES].sort((a, b) => b.length - a.length).join('|');
/** a municipality right after a comma, where a place ends ("i Rådhuset, Helsingborg") */
const TOWN_AFTER_COMMA = new RegExp(`^,\\s*(?:${TOWN_PATTERN})(?![\\p{L}\\d-])`, 'u');
/** How a building's name ends ("stadshuset", "kulturhus", "biblioteket", "Stadshallen"). */
const BUILDING_END = '(?:hus|huset|hall|hallen|sal|salen|bibliotek|biblioteket|gården|skolan|kyrkan|museet|museum|centret|center|centrum|aulan|rummet|kontoret|torget|parken)(?![\\p{L}])';
/** a building in lower case after "i": the one a floor is in (" i förvaltningshuset") */
const IN_BUILDING = `\\s+i\\s+[a-zåäö][\\p{L}-]*${BUILDING_END}`;
/** stairs said in words after a place: "en trappa upp", "two flights up" */
const STAIRS = '(?:en|två|tre|one|two|three)\\s+(?:trappa|trappor|floors?|flights?)\\s+(?:upp|ner|up|down)';

/** the months' full names as the requests write them: Swedish in lower case, English capitalized */
const MONTH_NAMES = [...SV_MONTHS, ...EN_MONTHS].join('|');
/** a venue named on its own after the date or the time and a comma or dash: "3 december kl 18, Stadshuset i Lund." */
const VENUE_AFTER_TIME = new RegExp(String.raw`(?:\d|kl\.?\s*\d+(?:[.:]\d{2})?|(?<![\p{L}])(?:halv|kvart över|kvart i)\s+\p{L}+(?:\s+(?:till|–|-)\s+(?:(?:halv|kvart över|kvart i)\s+)?\p{L}+)?|morgonen|förmiddagen|eftermiddagen|kvällen|morning|afternoon|evening|(?<![\p{L}])(?:${MONTH_NAMES}|${WEEKDAY_PATTERN}))\s*(?:,|\s[-–])\s+((?:[A-ZÅÄÖ][\p{L}-]*\s+)?Folkets\s+[Hh]us(?:et)?|(?:[A-ZÅÄÖ][\p{L}-]*\s+){1,2}(?:[Ll]ibrary|[Cc]ity [Hh]all|[Tt]own [Hh]all|[Mm]useum|[Ss]chool|[Cc]hurch|[Cc]ommunity (?:[Cc]entre|[Cc]enter|[Hh]all)|[Ss]ports [Hh]all|[Yy]outh (?:[Cc]entre|[Cc]enter)|bibliotek|konsthall|kulturhus|stadshus|rådhus|kommunhus|kyrka|skola|fritidsgård|sporthall|idrottshall|simhall|församlingshem|hembygdsgård|folkhögskola)|(?:[A-ZÅÄÖ][\p{L}-]*\s+)?[A-ZÅÄÖ][\p{L}-]*(?:huset|salen|hallen|biblioteket|bibliotek|gården|skolan|kyrkan|museet|centret|center|centrum|torget|parken|aulan)(?:\s+(?:i|på)\s+[A-ZÅÄÖ][\p{L}-]+|(?:\s+[A-ZÅÄÖ][\p{L}-]+){1,3}(?=\s*(?:[.,;!?]|$)))?|[A-ZÅÄÖ][\p{L}-]*s\s+[a-zåäö]*(?:stadshus|rådhus|kulturhus|bibliotek|hus|huset)|[A-ZÅÄÖ][\p{L}-]*\s+(?:plan|våning|floor)\s+\d+)(?=[\s,.;!?]|$)`, 'u');

function findPlace(text: string, masked: string): string | null {
  // "plats: Kulturhuset", "venue: …", and an address given as one ("adress Storgatan 4", "address: 4 Mill Road")
  const explicit = /\b(?:plats|lokal|var|venue|location|place|where)\s*:\s*([^.\n;]+)/i.exec(text) ?? /(?<![\p{L}-])(?:adress|address)\s*:?\s+(?![^\n;]*@)([^.\n;]*\d[^.\n;]*)/iu.exec(text);
  if (explicit && !/inte bestämt|tbd|not (yet )?decided/i.test(explicit[1])) return tidyPlace(explicit[1]);
  // "plats Väven", "lokal Kajstubben", "venue Mindpark": the word before a name, without its colon
  const labelled = /(?<![\p{L}])(?:plats|lokal|venue|location)\s+([A-ZÅÄÖ][\p{L}-]*(?:\s+(?:[A-ZÅÄÖ][\p{L}-]*|plan\s+\d+|\d+[A-Za-z]?(?![\d:.]\d)))*)(?=[\s,.;!?]|$)/u.exec(text);
  if (labelled && !NOT_PLACE.test(labelled[1]!)) {
    // "på Mötesplats Gåsebäck, lokal Ekan": the room of the venue named before it
    const venue = /^lokal/i.test(labelled[0]) ? /^.*(?<![\p{L}])(?:på|i|hos|vid|at|in)\s+((?:the\s+)?[A-ZÅÄÖ][^,.;!?\n\d]{1,60}),\s*$/su.exec(text.slice(0, labelled.index)) : null;
    return tidyPlace(venue && !NOT_PLACE.test(venue[1]!) ? `${venue[1]!}, ${labelled[0]}` : labelled[1]!);
  }
  type Cand = { index: number; value: string; score: number };
  const cands: Cand[] = [];
  const cap = "[A-ZÅÄÖ][\\wåäöéü'’&-]*";
  const lowerVenue = '[a-zåäö]*(?:mötesplats|träffpunkt|hotell|restaurang|bibliotek|kulturhus|medborgarhus|stadshus|hus|hem|sal|lokal|kontor|center|centrum|café|kafé|kök|aula|rum|gård|skola|kyrka|museum|park|torg|verkstad|station|library|hall|room|centre|office|clubhouse|pavilion)[a-zåäö]*';
  const re = new RegExp(
    `\\b(på|i|hos|at|in|vid)\\s+((?:the\\s+)?${cap}(?:\\s+(?:${cap}|${lowerVenue}))*(?:(?:\\s+(?!(?:on|of|for|and|about|with|to|at|in|by|from)\\b)[a-z]+){1,3}\\s+(?:${lowerVenue}))?(?:\\s+(?:in|i|på|at)\\s+${cap}(?:\\s+${cap})?)?|(?:stadens\\s+|vårt\\s+|våra\\s+|vår\\s+|our\\s+|the\\s+)?[a-zåäö-]*(?:bibliotek(?:et)?|stadshuset|rådhuset|kulturhuset|medborgarhuset|lokal(?:en|er)?|salen|kontoret|aulan|library|town hall|city hall|office)(?:\\s+(?:i|på|in)\\s+${cap}(?:\\s+${cap})?)?)`,
    'g',
  );
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const value = m[2].trim();
    if (NOT_PLACE.test(value)) continue;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    let score = 0;
    if (VENUE.test(value)) score += 2;
    // right after the date or time ("kl. 08.00 i Stadshuset", "13:00–16:30, at Mindpark")
    const maskedBefore = masked.slice(Math.max(0, m.index - 40), m.index);
    if (/(\d|kl\.?|[ap]\.?m\.?)\s*,?\s*$/i.test(before) || (maskedBefore !== before && /^\s*,?\s*$/.test(maskedBefore.slice(-3)))) score += 2;
    if (/^(at)$/i.test(m[1]) && /^[A-ZÅÄÖ]/.test(value)) score += 2;
    if (/^(hos|vid)$/i.test(m[1])) score += 1;
    // "företagare i Nordöstra staden", "residents from …": describes the audience, not the venue
    const wordBefore = /([\wåäöé:-]+)\s*$/.exec(before)?.[1] ?? '';
    if (AUDIENCE_WORD.test(wordBefore) || /arbetsgivare|företag|boende|invånare|residents|employers|parents|föräldrar|pupils|elever|tenants|hyresgäster|teachers|lärare|members|medlemmar/i.test(wordBefore)) score -= 4;
    // "Anna Svensson, rektor på Västra skolan": where someone works, not where the meeting is
    if (ROLE_WORD.test(wordBefore)) score -= 4;
    if (/\b(inbjudan|invitation|inbjudningar)\s*$/i.test(before)) score -= 4;
    if (score >= 2) cands.push({ index: m.index, value, score });
  }
  // a venue in lower case ("i utbildningsförvaltningens stora sal", "på fritidsgården i Dalaberg", "in meeting room Kvarnen",
  // "i lunchrummet på förrådet, Industrigatan 4")
  const lower = new RegExp(
    `\\b(på|i|hos|vid|in|at)\\s+((?:(?:the|our|vår|vårt)\\s+)?(?:[a-zåäö]+s\\s+)?(?:(?:stora|lilla|nya|gamla)\\s+)?(?:(?:meeting|conference|board|seminar|staff|lecture|community|function|main|small|large|big|school|sports|public|parish)\\s+)?[a-zåäö]*(?:sal|salen|rum|rummet|gården|verkstaden|museet|parken|torget|huset|biblioteket|kontoret|aulan|matsalen|lekplatsen|stranden|badet|room|hall|library|canteen|cafeteria|auditorium|gym)(?:\\s+(?:[A-ZÅÄÖ][\\wåäö]*|\\d+[A-Za-z]?(?![\\d:.]\\d)))?(?:\\s+(?:i|på|vid|in|at|of)\\s+(?:[A-ZÅÄÖ][\\wåäö]+(?:(?<=gatan|vägen|gränd|torget|allén|backen)\\s+\\d+[A-Za-z]?(?!\\d))?(?:\\s+(?:library|school|church|centre|center))?|[a-zåäö]+(?:et|en)))?(?:,\\s+[A-ZÅÄÖ][\\wåäö]*(?:gatan|vägen|gränd|torget|plan)\\s+\\d+\\w?)?)(?=[\\s,.;:!?]|$)`,
    'g',
  );
  while ((m = lower.exec(text))) {
    const value = m[2]!.trim();
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const wordBefore = /([\wåäöé:-]+)\s*$/.exec(before)?.[1] ?? '';
    if (AUDIENCE_WORD.test(wordBefore)) continue;
    // a part of the venue named just before it: "på Gustavslunds torg, vid gamla lekplatsen", "på Kvarnby fritidsgård,
    // i stora salen" (as the request words it, preposition and all: the place is the request's own words)
    const venue = /^.*(?<![\p{L}])(?:på|i|vid|hos|at|in)\s+((?:the\s+)?[A-ZÅÄÖ][\p{L}'’&-]*(?:\s+[\p{L}'’&-]+){0,3}?),\s*$/su.exec(text.slice(Math.max(0, m.index - 60), m.index));
    if (venue && !NOT_PLACE.test(venue[1]!) && !AUDIENCE_WORD.test(venue[1]!.split(/\s+/)[0]!)) {
      cands.push({ index: m.index - venue[0].length + venue[0].indexOf(venue[1]!), value: `${venue[1]!}, ${m[1]!} ${value}`, score: 5 });
      continue;
    }
    if (!cands.some((c) => c.value.includes(value) || value.includes(c.value) && c.score >= 4)) cands.push({ index: m.index, value, score: 2 + (/\s/.test(value) ? 1 : 0) });
  }
  // … and any other definite place word ending the sentence after one: "på Norra torget, vid fontänen"
  const part = /(?<![\p{L}])(?:på|i|vid|hos)\s+([A-ZÅÄÖ][\p{L}'’&-]*(?:\s+[\p{L}'’&-]+){0,3}?),\s+(vid|i|på|bredvid|utanför|nära)\s+((?:(?:stora|lilla|nya|gamla)\s+)?[a-zåäö]{3,}(?:en|et|na))(?=\s*(?:[.;!?\n]|$))/u.exec(text);
  if (part && !NOT_PLACE.test(part[1]!) && !AUDIENCE_WORD.test(part[1]!.split(/\s+/)[0]!) && !cands.some((c) => c.value.includes(part[3]!) && c.value.includes(part[1]!)))
    cands.push({ index: part.index, value: `${part[1]!}, ${part[2]!} ${part[3]!}`, score: 5 });
  // a venue named on its own after the date or time: "3 december kl 18, Stadshuset i Lund."
  // (also a building in lower case after a name in the genitive, "…, Mölndals stadshus", and a floor, "…, Väven plan 3")
  const bare = VENUE_AFTER_TIME.exec(masked);
  if (bare) cands.push({ index: bare.index, value: bare[1]!, score: 4 });
  // a name alone after the time and a comma, ending the sentence ("kl. 14, Kajstubben", "kl 17, Pubben på Storgatan."):
  // the venue, as a "Stadshuset" after the time is (not a weekday, a month, a platform or a person's first name before a surname)
  const named = new RegExp(`(?:\\d|kl\\.?\\s*\\d+(?:[.:]\\d{2})?|(?<![\\p{L}])(?:halv|kvart över|kvart i)\\s+\\p{L}+|morgonen|förmiddagen|eftermiddagen|kvällen|morning|afternoon|evening|(?<=\\d\\s?)(?:am|pm|a\\.m\\.|p\\.m\\.))\\s*,\\s+([A-ZÅÄÖ][\\p{L}-]+(?:\\s+(?:Hall|Library|House|Centre|Center|Office|Building|Park|Square|Church|School|Museum))?(?:(?<=s)\\s+[a-zåäöé]+|\\s+[a-zåäö]*(?:galleria|galleri|hallen|huset|gården|salen|lokalen|biblioteket|skolan|kyrkan|centret|butiken))?(?:\\s+(?:på|i|vid)\\s+[A-ZÅÄÖ][\\p{L}-]+(?:\\s+\\d+[A-Za-z]?)?|\\s+(?:${TOWN_PATTERN}))?)\\s*(?=[.,;]|$)`, 'u').exec(masked);
  if (named && !NOT_PLACE.test(named[1]!) && !cands.some((c) => c.value.includes(named[1]!))) cands.push({ index: named.index, value: named[1]!, score: 4 });
  // where "we are" for the meeting: "vi håller till i Stadshallen", "vi ses på Väven", "vi träffas i rum 4"
  // (and "vi kan vara i Rådhusets stora sal", "vi är på Väven", "we can be at …", with a lower-case hall after a genitive)
  const stay = /(?<![\p{L}])(?:(?:[Vv]i\s+)?[Hh]åller\s+till|[Vv]i\s+ses|[Vv]i\s+träffas|[Vv]i\s+(?:kan\s+|ska\s+)?vara|[Vv]i\s+är|[Ww]e(?:'ll| will| can)?\s+(?:be|meet))\s+(?:i|på|hos|at|in)\s+((?:[A-ZÅÄÖ][\p{L}-]*)(?:\s+[A-ZÅÄÖ][\p{L}-]*)*(?:(?<=s)(?:\s+(?:stora|lilla|nya|gamla))?\s+[a-zåäö]*(?:sal|salen|rum|rummet|hall|aula|aulan|lokal|lokalen|hus|huset|gård|gården))?|(?:rum|sal|room)\s+\S+|[a-zåäö]+(?:et|en|rummet|salen))(?=[\s,.;!?]|$)/u.exec(text);
  if (stay) cands.push({ index: stay.index, value: stay[1]!, score: 5 });
  // a sentence that is only a venue's name ("Förskolan Solrosen.", "Returen återbruksgalleria."): the place
  for (const sentence of text.split(/(?<=[.!?])\s+|\n+/)) {
    // (its words names or venue words: "Möte om förskolan." is no place)
    const only = /^\s*((?:[A-ZÅÄÖ][\p{L}'’&-]*)(?:\s+(?:[A-ZÅÄÖ][\p{L}'’&-]*|[a-zåäö]*(?:galleria|galleri|hall|hallen|huset|gård|gården|salen|sal|lokal|lokalen|biblioteket|bibliotek|skolan|kyrka|kyrkan|center|centrum|café|kafé|butik|butiken))){0,3})\s*[.!]?\s*$/u.exec(sentence);
    if (only && VENUE.test(only[1]!) && !NOT_PLACE.test(only[1]!) && !AUDIENCE_WORD.test(only[1]!.split(/\s+/)[0]!)) cands.push({ index: text.indexOf(sentence), value: only[1]!, score: 4 });
  }
  // a street address ("vår lokal på Storgatan 3 i Ängelholm", "at 4 Mill Road"): more precise than the town after it
  const address = new RegExp(`(?<![\\p{L}])((?:(?:vår|vårt|våra|our)\\s+[a-zåäö]+\\s+(?:på|i|at|on)\\s+)?${STREET}(?:\\s+(?:i|in)\\s+[A-ZÅÄÖ][\\p{L}-]+)?)(?![\\p{L}\\d])`, 'u').exec(text);
  // (not when it only adds the street to a venue named just before it: "Folkets hus, Drottninggatan 5" is kept whole)
  const venueBefore =
    address &&
    !/^(?:vår|vårt|våra|our)\s/i.test(address[1]!) &&
    /(?:på|i|hos|at|in|vid)\s+[A-ZÅÄÖa-zåäö][^,.;!?]*(?:,|\s(?:på|i|at|on))\s*$/u.test(text.slice(Math.max(0, address.index - 60), address.index));
  // … or a name said alone after the time, before its address ("kl 11.30-13, Restaurang Sofia, Kungsgatan 7, Helsingborg")
  const nameAfterTime = address && !venueBefore
    ? /(?:\d|kl\.?|[ap]m)\s*,\s*((?:[A-ZÅÄÖ][\p{L}'’&-]*)(?:\s+[A-ZÅÄÖ][\p{L}'’&-]*){0,3}),\s*$/u.exec(text.slice(Math.max(0, address.index - 60), address.index))
    : null;
  if (nameAfterTime && !NOT_PLACE.test(nameAfterTime[1]!)) {
    const start = address!.index - nameAfterTime[0].length + nameAfterTime[0].indexOf(nameAfterTime[1]!);
    cands.push({ index: start, value: text.slice(start, address!.index + address![0].length), score: 6 });
  } else if (address && !venueBefore && !cands.some((c) => c.value.includes(address[1]!.replace(/\s+(?:i|in)\s+\S+$/, '')))) cands.push({ index: address.index, value: address[1]!, score: 5 });
  // … and the organisation named just before its address is the place with it ("hos Stadsmissionen på Kungsgatan 5,
  // Lund", "på Arbetsförmedlingen, Drottninggatan 3", "hos Röda Korset, Storgatan 12, Lund"): the address is never lost
  if (address && venueBefore) {
    // (the last "på/hos/at …" before the address: "Dialog för föreningar i Karlstad … på Folkets hus, Drottninggatan 5")
    const head = /^.*(?<![\p{L}])(?:på|i|hos|at|in|vid)\s+((?:the\s+)?[A-ZÅÄÖ][\p{L}'’&-]*(?:\s+[\p{L}'’&-]+){0,3}?)(?:,\s*|\s+(?:på|i|at|on)\s+)$/u.exec(text.slice(Math.max(0, address.index - 60), address.index));
    const town = new RegExp(`^,\\s+([A-ZÅÄÖ][\\p{L}-]+)(?=\\s*(?:[,.;!?]|$)|\\s+(?:den|the|on|kl\\.?|klockan|at)\\s|\\s+\\d)`, 'u').exec(text.slice(address.index + address[0].length));
    if (head && !NOT_PLACE.test(head[1]!)) {
      const start = address.index - head[0].length + head[0].indexOf(head[1]!);
      const value = text.slice(start, address.index + address[0].length) + (town && !/\s(?:i|in)\s/.test(address[1]!) && !NOT_PLACE.test(town[1]!) ? town[0] : '');
      if (!cands.some((c) => c.value.includes(address[1]!))) cands.push({ index: start, value, score: 6 });
    }
  }
  // a lower-case hall or room after the time ("kl 9–11, lilla sessionssalen", "12–1 pm in the staff canteen")
  const lowerAfterTime = /(?:\d|am|pm)(?:\s*,\s*(?:(?:i|in|på|at)\s+)?|\s+(?:i|in|på|at)\s+)((?:the\s+)?(?:(?:stora|lilla|nya|gamla|main|small|staff|large)\s+)?(?:(?<=the\s+)(?:[a-z]+\s+){0,2})?[a-zåäö]*(?:salen|rummet|matsalen|aulan|canteen|cafeteria|auditorium|boardroom|lounge|clubhouse|pavilion))(?=[\s,.;!?]|$)/u.exec(text);
  if (lowerAfterTime && !cands.some((c) => c.value.includes(lowerAfterTime[1]!))) cands.push({ index: lowerAfterTime.index, value: lowerAfterTime[1]!, score: 4 });
  // a room named alone ("…, rum Hamnen", "sal B"): the place when nothing else names one
  // (a room's name may end in its number: "rum Klassrummet 2", "room Oak 3"; not a time: "rum Ek 9–11")
  // (… or in two words, the second a room of its kind: "rum Stora rådsalen", "sal Lilla scenen")
  const roomAlone = /(?:^|[,.;]\s*|\s)((?:[Rr]um|rummet|[Ss]al|salen|[Kk]onferensrum(?:met)?|[Mm]ötesrum(?:met)?|[Rr]oom|[Mm]eeting room)\s+(?:[A-ZÅÄÖ][\p{L}]*(?:\s+[a-zåäö]*(?:sal|salen|rum|rummet|hall|hallen|scen|scenen|salong|salongen)(?![\p{L}])|\s+\d{1,2}[A-Za-z]?(?![\p{L}\d]|[.:]\d|\s*(?:–|-|till|to)\s*\d))?|\d+[A-Za-z]?)(?![\p{L}\d]))/u.exec(text);
  if (roomAlone) {
    // … with the building said after it: "Room 4, Malmö City Hall", "sal 2, Rådhuset"
    const building = /^\s*,\s+((?:[A-ZÅÄÖ][\p{L}-]*\s+)*?(?:[A-ZÅÄÖ][\p{L}-]*(?:huset|hallen|biblioteket|gården|skolan)|(?:City|Town) Hall|Library|Centre|Center))(?=[\s,.;!?]|$)/u.exec(text.slice(roomAlone.index + roomAlone[0].length));
    // … or before it: "Sandvikens kommunhus, rum Göransson", "Stadshuset, sal B"
    // (with its floor, "Stadshuset plan 3, rum Kompassen", and without a comma, "Stadshuset rum Rådsalen")
    const before = new RegExp(`((?:[A-ZÅÄÖ][\\p{L}-]*\\s+[a-zåäö]*|(?:[A-ZÅÄÖ][\\p{L}-]*\\s+)?[A-ZÅÄÖ][\\p{L}-]*)${BUILDING_END}(?:,?\\s+(?:plan|våning)\\s+\\d+)?)(?:,\\s*|\\s+)$`, 'u').exec(text.slice(Math.max(0, roomAlone.index - 60), roomAlone.index + roomAlone[0].indexOf(roomAlone[1]!)));
    // … or a name of its own right before it: "Mindpark, room Hangaren", "Väven, rum Kasern" (not a month, a weekday or a word after a time)
    const named = /(?:^|[,.;:]\s*|\s(?:i|på|in|at)\s+|(?:\d|am|pm),?\s+)([A-ZÅÄÖ][\p{L}-]{2,}(?:\s+[A-ZÅÄÖ][\p{L}-]+)?(?:,?\s+(?:plan|våning|floor)\s+\d+)?),\s*$/u.exec(text.slice(Math.max(0, roomAlone.index - 40), roomAlone.index + roomAlone[0].indexOf(roomAlone[1]!)));
    const namedOk = named && !new RegExp(`^(?:${MONTH_NAMES}|${WEEKDAY_PATTERN}|Hej|Hi|Hello|Tack|Thanks)$`, 'iu').test(named[1]!);
    if (building) cands.push({ index: roomAlone.index, value: `${roomAlone[1]!}, ${building[1]!}`, score: 5 });
    else if (before) cands.push({ index: roomAlone.index, value: `${before[1]!}${before[0].includes(',') ? ',' : ''} ${roomAlone[1]!}`, score: 5 });
    else if (namedOk) cands.push({ index: roomAlone.index, value: `${named[1]!}, ${roomAlone[1]!}`, score: 5 });
    else cands.push({ index: roomAlone.index, value: roomAlone[1]!, score: 2 });
  }
  // a room at a building ("room 2 at the town hall", "sal 3 i stadshuset") and a meeting point ("samling utanför biblioteket")
  const roomAt = /\b((?:room|rum|sal|lokal)\s+(?:\d+[A-Za-z]?|[A-ZÅÄÖ][\p{L}]*)\s+(?:at|in|på|i)\s+(?:the\s+)?(?:[\p{L}-]+\s+)?(?:town hall|city hall|library|centre|center|office|[\p{L}]*(?:huset|hallen|biblioteket|skolan|kontoret|gården)))(?=[\s,.;:!?]|$)/u.exec(text);
  if (roomAt) cands.push({ index: roomAt.index, value: roomAt[1]!, score: 5 });
  // "utanför Stadsbiblioteket", "outside the Town Hall": where people meet, said with its preposition
  const outside = /(?<![\p{L}])((?:utanför|framför|nedanför|outside|in front of)\s+(?:the\s+)?(?:[A-ZÅÄÖ][\p{L}-]*(?:\s+[A-ZÅÄÖ][\p{L}-]*)*|[a-zåäö]*(?:biblioteket|huset|stationen|skolan|kyrkan|entrén|library|station|town hall|city hall)))(?=[\s,.;!?]|$)/u.exec(text);
  if (outside && !cands.some((c) => c.value.includes(outside[1]!))) cands.push({ index: outside.index, value: outside[1]!, score: 5 });
  // a building and its floor after a comma: "at my office, Rådhuset floor 2", "på mitt kontor, Stadshuset plan 3"
  const floor = /,\s+((?:[A-ZÅÄÖ][\p{L}-]*\s+)?[A-ZÅÄÖ][\p{L}-]*\s+(?:plan|våning|floor)\s+\d+)(?![\p{L}\d])/u.exec(text);
  if (floor && !cands.some((c) => c.value.includes(floor[1]!))) cands.push({ index: floor.index, value: floor[1]!, score: 5 });
  const meetAt = /\b(?:meeting point|we meet|we will meet|samling|samlingsplats|vi samlas|vi ses|vi träffas)\s*(?::|is|är)?\s*((?:utanför|vid|framför|nedanför|outside|in front of|by|at)\s+(?:the\s+)?[^.,;!?]+?)(?=[.,;!?]|$)/iu.exec(text);
  if (meetAt) cands.push({ index: meetAt.index, value: meetAt[1]!, score: 5 });
  // a town and a building after its comma ("i Landskrona, stadshuset", "in Lund, Stadshallen"): the town's building
  const townBuilding = new RegExp(`(?<![\\p{L}])(?:i|på|in|at)\\s+(${TOWN_PATTERN}),\\s+((?:[a-zåäö]+s\\s+)?[a-zåäö]*${BUILDING_END}|(?:[A-ZÅÄÖ][\\p{L}-]*\\s+)?[A-ZÅÄÖ][\\p{L}-]*${BUILDING_END}|[A-ZÅÄÖ][\\p{L}-]*s\\s+[a-zåäö]*${BUILDING_END})(?=\\s*(?:[.,;!?]|$))`, 'u').exec(text);
  if (townBuilding) cands.push({ index: townBuilding.index, value: `${townBuilding[1]!}, ${townBuilding[2]!}`, score: 6 });
  // what is opened is where the opening is: "invigning av den nya cykelverkstaden vid stationen"
  const opened = OPENING_OF.exec(text);
  if (opened) cands.push({ index: opened.index, value: opened[2]!, score: 5 });
  // a room, its floor and the building the floor is in: "i rum Fyren, plan 2 i förvaltningshuset" (the building alone is
  // a place of its own to the patterns above, which would drop the room)
  const roomInBuilding = new RegExp(`(?<![\\p{L}])((?:rum|sal|room|sammanträdesrum|mötesrum|konferensrum)\\s+(?:[A-ZÅÄÖ][\\p{L}-]*|\\d+[A-Za-z]?),?\\s+(?:plan|våning)\\s+\\d+[A-Za-z]?${IN_BUILDING})`, 'u').exec(text);
  if (roomInBuilding) cands.push({ index: roomInBuilding.index, value: roomInBuilding[1]!, score: 6 });
  const tail = placeAfterTime(masked, text);
  if (tail) cands.push({ index: tail.index, value: tail.value, score: 7 });
  if (!cands.length) return null;
  cands.sort((a, b) => b.score - a.score || a.index - b.index);
  return tidyPlace(cands[0].value);
}

/** The end of a time of day or a part of one, where a request's logistics go on to the venue ("kl 9-11", "1-4pm", "på fm", "efter skolan"). */
const TIME_END = new RegExp(
  String.raw`(?:(?<![\p{L}])(?:kl\.?|klockan|at)\s*)?(?<![\d.:])\d{1,2}(?:[.:]\d{2})?(?:\s*(?:–|-|—|till|to)\s*\d{1,2}(?:[.:]\d{2})?)?(?:\s*(?:am|pm|a\.m\.|p\.m\.))?(?:\s+in the\s+(?:morning|afternoon|evening))?(?![\d.:]\d)` +
    String.raw`|(?<![\p{L}])(?:på|pa)\s+(?:fm|em|förmiddagen|eftermiddagen|kvällen)(?![\p{L}])|(?<![\p{L}])efter\s+(?:skolan|lunch|jobbet)(?![\p{L}])|(?<![\p{L}])(?:hela\s+dagen|all\s+day)(?![\p{L}])|(?<![\p{L}])(?:in the\s+)?(?:morning|afternoon|evening)(?![\p{L}])`,
  'giu',
);
/** a word that says a stretch of the venue list names a place: a building, a room, a floor, an entrance, a street with its number */
const PLACE_PART_WORD = new RegExp(
  String.raw`${VENUE.source}|${BUILDING_END}|\p{L}{3,}(?:rum|sal)(?![\p{L}])|(?<![\p{L}])(?:rum|sal|plan|våning|övervåning\p{L}*|undervåning\p{L}*|källar\p{L}*|entré\p{L}*|ingång\p{L}*|tält\p{L}*|torg|slott\p{L}*|teater\p{L}*|foajé\p{L}*|foyer|scen\p{L}*|biograf\p{L}*|kapell\p{L}*|theatre|theater|cinema|chapel|lobby|building|floor|entrance|wing|tent|plenary)(?![\p{L}])|\d+(?:st|nd|rd|th)\s+floor|${STREET}`,
  'iu',
);
/** a parenthesis that is a remark, not a part of the place ("(vi har fått låna den)", "(we booked it)") */
const REMARK = /(?<![\p{L}])(?:[Vv]i|[Jj]ag|[Nn]i|[Dd]u|[Mm]an|[Ww]e|I|[Yy]ou|[Tt]hey)(?![\p{L}])/u;

/**
 * The venue a request names right after its time, as a list of parts up to the end of the sentence: "ons 17/3 kl 9-11,
 * Kommunhuset i Sölvesborg, rum Listerlandet.", "1-4pm, Blue Science Park, building B, room Ada (2nd floor).", "kl 14-16 i
 * Hageby medborgarhus, stora salen.", "på fm, Härjedalens kommunhus i Sveg, sal Ljusnan." Each part is a name, a venue word,
 * a room, a floor or a street; the list stops at the first part that is none ("…, folk kan komma och gå"), and a
 * parenthesis that is a remark ("(vi har fått låna den)") is left out. Null unless some part has a venue word (a name
 * alone after a time may be a person's) and no part is an audience, a month or a weekday. `masked`: the request with its
 * dates blanked (same length as `text`).
 */
function placeAfterTime(masked: string, text: string): { index: number; value: string } | null {
  for (const t of masked.matchAll(TIME_END)) {
    // (after a comma or a preposition, or as the next sentence: "Torsdag 17 juni, hela dagen. Tierps bibliotek, plan 2, …",
    // "… kl 18. Vi ses i Träffpunkten, Navestadsgatan 12, ingång B.")
    // (a word on the food between the time and the venue is said past: "10–15 inkl. lunch, Hudiksvalls stadshus, …")
    const meal = /^\s+(?:inkl\.?|inklusive|med|including|incl\.?|with)\s+(?:lunch|fika|kaffe|middag|frukost|mat|förtäring|coffee|refreshments|dinner|breakfast)(?:\s+(?:och|and|&)\s+(?:fika|kaffe|lunch|coffee))?(?=\s*,)/iu.exec(masked.slice(t.index! + t[0].length));
    const end = t.index! + t[0].length + (meal?.[0].length ?? 0);
    const lead = /^(?:\s*,\s*(?:(?:i|på|pa|at|in|vid)\s+)?|\s+(?:i|på|pa|at|in|vid)\s+|\s*\.\s+)(?:(?:vi|we)\s+(?:ses|träffas|är|star|står|håller\s+till|meet|will\s+meet|are)\s+(?:i|på|pa|vid|at|in)\s+)?/iu.exec(masked.slice(end));
    if (!lead) continue;
    const start = end + lead[0].length;
    const sentence = /^[^.!?\n]*(?:\.(?=\w)[^.!?\n]*)*/u.exec(text.slice(start))![0];
    const parts: string[] = [];
    for (const raw of sentence.split(/,\s*/)) {
      // (a part ends where the request goes on to the topic or to what happens there: "i Stadsbiblioteket om rekrytering")
      const part = raw
        .replace(/\s*\(([^()]*)\)/gu, (m, inner: string) => (REMARK.test(inner) ? '' : m))
        .replace(/\s+(?:om|kring|angående|about|regarding|on|för att|to|där|where|med|with|som|which|who|och|and)\s.*$/iu, '')
        .trim();
      const unbracketed = part.replace(/\([^()]*\)/gu, '').trim();
      const words = unbracketed.split(/\s+/);
      if (!part || REMARK.test(unbracketed) || words.length > 6) break;
      // each part a name, a number, a place word, or one said with its spatial word ("vid fontänen", "utanför biblioteket");
      // a lower-case start that is neither ("meeting point …", "our office", "the morning") ends the list
      const nameOrNumber = /^[A-ZÅÄÖ0-9]/u.test(part);
      const spatial = /^(?:vid|hos|utanför|framför|bakom|bredvid|nära|mittemot|ovanför|nedanför|intill|outside|behind|next to|opposite|near|by)\s/iu.test(part);
      // (… or a place word after an article, an adjective or a genitive: "ett tält vid …", "arbetsmarknadsenhetens lokaler")
      const withPlaceWord =
        PLACE_PART_WORD.test(part) && (/^(?:ett|en|the|a|stora|lilla|nya|gamla|övre|nedre|main|small|large)\s/iu.test(part) || PLACE_PART_WORD.test(words[0]!) || /\p{L}{3,}s$/u.test(words[0]!));
      if (!nameOrNumber && !spatial && !withPlaceWord) break;
      // a name with a verb after it is a person doing something ("Karin Ek hälsar välkommen"): words in lower case must be
      // place words, spatial words or small words of a name ("Kommunhuset i Sölvesborg", "Folkets hus", "room Ada")
      const loose = words.filter((w) => /^\p{Ll}/u.test(w) && !/^(?:i|på|vid|hos|oss|dem|us|them|av|the|of|at|in|on|och|&|de|la|ett|en|a|från|mot|utanför|framför|bakom|bredvid|nära|intill|stora|lilla|nya|gamla|övre|nedre)$/iu.test(w) && !PLACE_PART_WORD.test(w));
      if (loose.length > 1 || (loose.length === 1 && !nameOrNumber && !spatial && !PLACE_PART_WORD.test(part))) break;
      // (an audience word starts no venue, "företagare i …", unless it is the genitive of the one whose premises these are: "socialförvaltningens lokaler")
      const owner = /\p{L}{3,}s$/u.test(words[0]!) && words.length > 1 && PLACE_PART_WORD.test(words[1]!);
      if (NOT_PLACE.test(part) || (AUDIENCE_WORD.test(words[0]!) && !owner)) break;
      parts.push(part);
    }
    if (!parts.length || !parts.some((p) => PLACE_PART_WORD.test(p))) continue;
    return { index: start, value: parts.join(', ') };
  }
  return null;
}

/**
 * A meeting at someone's premises: "hos oss på arbetsmarknadsförvaltningen" as written; "hos dem", "hos er",
 * "at their office" resolved to the organisation the invited person is from ("Lena Holm, verksamhetsledare på
 * Kompassrosens Återbruksförening" → "hos Kompassrosens Återbruksförening"). Null when it cannot be named.
 */
export function placeAtSomeone(text: string, audienceLabel: string | null): string | null {
  const m = /\b(hos|at)\s+(oss|mig|dem|er|dig|honom|henne|us|them|you|their (?:office|place|premises)|our (?:office|place|premises))(?:\s+(?:på|i|at|in)\s+([^,.;!?]+?))?(?=\s+(?:den|the|on|kl\.?|klockan|at\s+\d|\d)|[,.;!?]|$)/i.exec(text);
  if (!m) return null;
  const who = m[2]!.toLowerCase();
  if (m[3] && !/^\d/.test(m[3])) return tidyPlace(`${m[1]} ${m[2]} ${/^(hos)$/i.test(m[1]!) ? 'på' : 'at'} ${m[3]}`);
  if (/^(oss|mig|us|our)/.test(who)) return null;
  const org = audienceLabel ? /\s(?:på|vid|i|från|at|from|of)\s+((?:[A-ZÅÄÖ][\p{L}'’&-]*\s*)+)$/u.exec(audienceLabel)?.[1]?.trim() : undefined;
  return org ? `${/^hos$/i.test(m[1]!) ? 'hos' : 'at'} ${org}` : null;
}

/**
 * A street address or a room right after the place belongs to it: "hos Coompanion på Södra
 * Förstadsgatan 4", "i stadshuset, sal Oscar", "på kommunhuset, rum 204", "i Rådhuset, plan 3", and the
 * municipality after a comma: "i Rådhuset, Helsingborg".
 */
export function withStreetAddress(text: string, place: string): string {
  // the details follow one of the place's mentions, not always the first ("… projekt i Sege Park … kl 15 i Sege Park,
  // Kulturkvarteret hus 5"): the first mention that has any
  for (let at = text.indexOf(place); at >= 0; at = text.indexOf(place, at + 1)) {
    const extended = placeWithDetails(text, place, at);
    if (extended.length > place.length) return extended;
  }
  return place;
}

/** a street address: a street's name and its number ("Skolgatan 8", "Hagbyvägen 20 B", "Main Street 4") */
const STREET_ADDRESS = /^(?:[A-ZÅÄÖ][\p{L}]*\s+)?[A-ZÅÄÖ][\p{L}]*(?:gatan|vägen|gränd|torget|allén|backen|stigen|leden|street|road|avenue)\s+\d+(?:\s?[A-Za-z])?$/u;
/** the words a request labels its place with ("Plats: …", "Plats Hushållningssällskapet, …"): no part of the place */
const PLACE_LABEL = 'Plats|Lokal|Adress|Place|Venue|Address';
const PLACE_LABEL_START = new RegExp(String.raw`^(?:${PLACE_LABEL})\s+(?=\p{Lu})`, 'u');
/** a venue's name right before a street address and a comma, said where a place is said: "Plats Hushållningssällskapet, …", "… 14. Returen, …", "i Kulturhuset Fyren, …" */
const VENUE_BEFORE = new RegExp(
  String.raw`(?:^|[.!?\n:]\s*|(?<![\p{L}])(?:[Pp]lats|[Ll]okal|[Vv]enue|[Pp]lace|i|på|at|in)\s+)((?!(?:${PLACE_LABEL})(?![\p{L}]))(?:[A-ZÅÄÖ][\p{L}&'’-]+)(?:\s+(?:[A-ZÅÄÖ][\p{L}&'’-]*|[a-zåäö]+s?|\d+)){0,2}),\s*$`,
  'u',
);

/**
 * A street address found as the place keeps the venue named right before it: "Plats Hushållningssällskapet, Skolgatan 8"
 * is "Hushållningssällskapet, Skolgatan 8" (guests look for the building; the street finds it). Any other place as it is.
 */
export function withVenueBefore(text: string, place: string): string {
  if (!STREET_ADDRESS.test(place)) return place;
  const at = text.indexOf(place);
  const venue = at > 0 ? VENUE_BEFORE.exec(text.slice(Math.max(0, at - 80), at)) : null;
  return venue ? `${venue[1]}, ${place}` : place;
}

/** `place`, found at `at` in `text`, with the street number, street, room, town or hall said right after it. */
function placeWithDetails(text: string, place: string, at: number): string {
  let end = at + place.length;
  // a place ending in a street name keeps its number ("vår lokal på Storgatan 12")
  const number = /(?:^|\s)\p{Lu}\p{L}*(?:gatan|vägen|gränd|torget|allén|backen)$|\s\p{Lu}\p{L}*\s+(?:Street|Road|Avenue)$/u.test(place) ? /^\s+\d+(?:[A-Za-z]|\s[A-Z])?(?![\p{L}\d]|[/.:]\d)/u.exec(text.slice(end)) : null;
  if (number) end += number[0].length;
  // a place ending in a room word keeps the room's number ("Rosengårds bibliotek sal 2")
  const roomNumber = /(?:^|\s)(?:sal|rum|room|plan|våning|floor)$/iu.test(place) ? /^\s+\d+[A-Za-z]?(?![\p{L}\d]|[/.:]\d)/u.exec(text.slice(end)) : null;
  if (roomNumber) end += roomNumber[0].length;
  // (a house letter is written on or in capitals: "5B", "12 A"; "Kungsgatan 5 i Lund" has none)
  const street = /^,?\s+(?:på|at|,)?\s*((?:[A-ZÅÄÖ][\p{L}]*\s+)?[A-ZÅÄÖ]?[\p{L}]*(?:gatan|vägen|gränd|torget|plan|allén|backen|street|road|avenue)\s+\d+(?:[A-Za-z]|\s[A-Z])?)(?![\p{L}\d])/u.exec(text.slice(end));
  if (street) end += street[0].length;
  // (also without the comma, "Rosengårds bibliotek sal 2"; an English room, "…, conference room B"; a room in brackets, "(stora salen)")
  const room =
    /^,?\s*(?:sal|salen|sal nr|rum|rummet|room|lokal|lokalen|konferensrum|konferensrummet|mötesrum|mötesrummet|sammanträdesrum|sammanträdesrummet|hus|plan|våning|floor|hall|conference room|meeting room)\s+(?:[A-ZÅÄÖ][\p{L}]*|\d+[A-Za-z]?)(?![\p{L}\d])/u.exec(text.slice(end)) ??
    /^\s*\((?:(?:stora|lilla|nya|gamla)\s+)?[a-zåäö]*(?:salen|sal|rummet|rum|aulan|lokalen)(?:\s+[A-ZÅÄÖ\d][\p{L}\d]*)?\)/u.exec(text.slice(end));
  if (room) end += room[0].length;
  // the municipality after a comma is where the place is ("i Rådhuset, Helsingborg"), not a word of what follows
  const town = TOWN_AFTER_COMMA.exec(text.slice(end));
  if (town) end += town[0].length;
  // … and so is a hall, a room or a building that ends the sentence after a comma ("i Folkets hus, lilla salen.",
  // "i kommunhuset, sammanträdesrum Ådalen.", "i Sveg, kommunhuset.", "Regionens hus, konferens Blekinge")
  else if (!room) {
    const detail = PLACE_DETAIL.exec(text.slice(end));
    if (detail && !NOT_PLACE.test(detail[1]!)) end += detail[0].length;
  }
  // the floor said after the room or the building ("…, plan 5", "(entréplan)", "(3rd floor)", "(level 2)", ", en trappa
  // upp"), and the building the floor is in ("plan 2 i förvaltningshuset"): how the guests find the room
  const floor = FLOOR_AFTER.exec(text.slice(end));
  if (floor) end += floor[0].length;
  if (floor || /(?:^|\s)(?:plan|våning)\s+\d+[A-Za-z]?$/u.test(text.slice(at, end))) {
    const building = BUILDING_AFTER_FLOOR.exec(text.slice(end));
    if (building) end += building[0].length;
  }
  return text.slice(at, end);
}

/** a floor after a place: ", plan 5", " våning 3", " på plan 2", " on the 2nd floor", "(entréplan)", "(3rd floor)", "(level 2)", ", en trappa upp" */
const FLOOR_AFTER = new RegExp(
  String.raw`^(?:,?\s*(?:plan|våning|floor|level)\s+\d+[A-Za-z]?|,?\s+(?:on\s+the\s+(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|ground|top)\s+floor|på\s+(?:plan|våning)\s+\d+[A-Za-z]?)|\s*\((?:[^()]{0,25}?(?:plan|våning|floor|level|trappa|trappor)\b[^()]{0,15}|[\p{L}-]*plan(?:et)?|[\p{L}-]*våning(?:en)?)\)|,\s*${STAIRS})(?![\p{L}\d])`,
  'u',
);
/** the building after a floor (" i förvaltningshuset" in "plan 2 i förvaltningshuset") */
const BUILDING_AFTER_FLOOR = new RegExp(`^${IN_BUILDING}`, 'u');

/**
 * What may follow a place after a comma and end its sentence (or its note in a list, before " - "): a hall or room in
 * lower case ("lilla salen", "aulan", "foajén", "sammanträdesrum Ådalen", "konferens Blekinge"), a building
 * ("kommunhuset") or a name ("Ulriksdal", "Studion", "Lilla scenen", "Kulturkvarteret hus 5").
 */
const PLACE_DETAIL = new RegExp(
  `^,\\s*((?:(?:stora|lilla|nya|gamla)\\s+)?[a-zåäö]*(?:salen|sal|rummet|rum|aulan|lokalen|konferens|våningen|foajén|foajen|entrén)(?:\\s+(?:[A-ZÅÄÖ][\\p{L}-]*|\\d+[A-Za-z]?))?|(?:(?:main|small|large|big|dining|assembly|sports|meeting|conference|function|community)\\s+)?(?:hall|room|auditorium|lobby|foyer|gym|canteen)(?:\\s+(?:[A-Z][\\p{L}-]*|\\d+[A-Za-z]?))?|[a-zåäö]*${BUILDING_END}|[A-ZÅÄÖ][\\p{Ll}-]+(?:\\s+[a-zåäö]+)?(?:\\s+\\d+)?)(?=\\s*(?:\\([^()]{1,30}\\)\\s*|,\\s*${STAIRS}\\s*)?(?:[.;!?–\\n]|\\s-\\s|$))`,
  'u',
);

function tidyPlace(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/[\s,;:]+$/, '').trim();
}

function findAudiences(text: string): AudienceKey[] {
  const hits: Array<[number, AudienceKey]> = [];
  for (const [key, re] of AUDIENCE_PATTERNS) {
    const m = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    let first = -1;
    let x: RegExpExecArray | null;
    while ((x = m.exec(text))) {
      // "sociala företag" must not also count as businesses
      if (key === 'business' && /sociala\s*$|socialt\s*$/i.test(text.slice(Math.max(0, x.index - 9), x.index))) continue;
      // "förvaltning" as the sender (Arbetsmarknadsförvaltningen bjuder in …) is not an audience
      if (key === 'internal' && /^förvaltning/i.test(x[0]) && !/(interna?|andra|olika|flera|alla|våra|stadens)\s+$/i.test(text.slice(Math.max(0, x.index - 12), x.index))) continue;
      first = x.index;
      break;
    }
    if (first >= 0) hits.push([first, key]);
  }
  return hits.sort((a, b) => a[0] - b[0]).map(([, k]) => k);
}

/**
 * The audience label, completed when the request goes on with it: a list the label opens ("bostadsbolaget,
 * fastighetsägarna och hyresgästföreningen på Norra Fäladen") or the name after a role ("ordföranden i
 * Hyresgästföreningen Kroksbäck, Ahmed Yusuf"), both cut at the comma by the patterns.
 */
/** A street name ending an audience phrase ("… på Södra Förstadsgatan", "… at Storgatan", "Samhall Drottninggatan"). */
const STREET_TAIL = /(?:\s+(?:på|at|on|i|in)|,)?\s+(?:(?:Södra|Norra|Västra|Östra|Stora|Lilla|Gamla|Nya)\s+)?[A-ZÅÄÖ]\p{L}*(?:gatan|vägen|gränd|torget|allén|backen|platsen|Street|Road|Avenue)$/u;

/** the words the audience patterns start from ("inbjudan till …", "bjud in …") */
const ANCHOR_WORDS = ['inbjudan', 'inbjudning', 'inbjudningar', 'skriva', 'bjuda'];
/** their other forms, which are no typos of them ("bjuds in", "inbjudna", "skrivs") */
const ANCHOR_FORMS = new Set(['inbjuden', 'inbjudet', 'inbjudna', 'inbjudningen', 'inbjudningarna', 'inbjuda', 'skriver', 'skrivs', 'skrivas', 'skrivit', 'skrivet', 'skrivna', 'skriven', 'bjuder', 'bjuds', 'bjudas', 'bjudit', 'bjuden', 'bjudna', 'bjudet']);

/**
 * The request with a mistyped or shortened anchor word spelled right ("skirva en inbjudn till företagen …" → "skriva en
 * inbjudan till företagen …", "inbj till kollegor" → "inbjudan till kollegor"): a word of five letters or more, none of the anchor words' own forms
 * (ANCHOR_FORMS), that starts as an anchor word does and is at most two edits from it (Levenshtein, `fastest-levenshtein`), one for words under seven letters. Only
 * these words change, so every other phrase keeps its place in the text.
 */
export function withAnchorWordsSpelled(text: string): string {
  // "inbj", "inbj.", "inbjud" are how "inbjudan" is shortened in a hurry
  return text.replace(/(?<![\p{L}])inbj(?:ud)?(?:\.|(?![\p{L}]))/giu, 'inbjudan').replace(/\p{L}{5,}/gu, (w) => {
    const lower = w.toLowerCase();
    if (ANCHOR_WORDS.includes(lower) || ANCHOR_FORMS.has(lower)) return w;
    const fix = ANCHOR_WORDS.find((a) => a[0] === lower[0] && distance(a, lower) <= (a.length < 7 ? 1 : 2));
    return fix && !/^\p{Lu}/u.test(w) ? fix : w;
  });
}

/** a list item that is a passive clause ("sprids på skolan", "skickas via mejl", "delas i föreningarna"), not a group */
const PASSIVE_CLAUSE_START = /^,\s*\p{Ll}{3,}s\s+(?:på|i|via|genom|till|av|ut|med)(?![\p{L}])/u;

/** the titles a person's name may follow ("Dr. Sofia Lund"); also the greeting's (compose.ts `salutationName`) */
export const PERSONAL_TITLES = 'Dr|Prof|Mr|Mrs|Ms';

/** a title's abbreviation point ("Dr. Sofia Lund"), which ends no sentence: read as a one-dot leader, put back in the label */
const TITLE_POINT = new RegExp(`(?<![\\p{L}])(${PERSONAL_TITLES}|Jr|Sr|Doc|Fil)\\.(?=\\s+\\p{Lu})`, 'gu');

function findAudienceLabel(typed: string): string | null {
  return audienceLabelWithin(typed.replace(TITLE_POINT, '$1\u2024'))?.replace(/\u2024/g, '.') ?? null;
}

function audienceLabelWithin(text: string): string | null {
  let label = audienceLabelOf(text);
  if (!label) return label;
  const at = text.indexOf(label);
  if (at < 0) return label;
  // a label cut at a comma inside its brackets ("styrgruppen för X (Arbetsförmedlingen, Coompanion och två bostadsbolag)")
  // goes on to the closing bracket: the brackets name its members
  // (also when the label stops right before the bracket, its cut part dropped by tidyAudience)
  if (label.lastIndexOf('(') > label.lastIndexOf(')') || /\s\($/.test(text.slice(at, at + label.length + 2))) {
    const close = text.indexOf(')', at + label.length);
    if (close > 0 && close - at < 200 && !/[.!?\n]/.test(text.slice(at + label.length, close))) label = tidyAudience(text.slice(at, close + 1));
  }
  // "Coompanion Skåne på Södra Förstadsgatan 2", "the Red Cross at Storgatan 12", "Samhall Drottninggatan 14": where they
  // are is the place, not part of who they are (a street with no number may be: "handlare på Storgatan i Tierp")
  const street = STREET_TAIL.exec(label);
  if (street && street.index > 0 && /^\s+\d/.test(text.slice(at + label.length))) return label.slice(0, street.index);
  const rest = text.slice(at + label.length);
  const list = /^((?:,\s*[\p{L}][\p{L} -]{0,40}?)+\s+(?:och|and)\s+[^,.:!?\n\d–]+?)(?=\s*[.:!?\n–]|$)/u.exec(rest);
  // (not a clause about the invitation itself: "unga 13-17 år i Kvarnby, sprids på skolan och insta" is how it is spread)
  if (list && !new RegExp(`(?<![\\p{L}])(?:${WEEKDAY_PATTERN}|${MONTH_PATTERN}|kl|klockan|om|about)(?![\\p{L}])`, 'iu').test(list[1]!) && !PASSIVE_CLAUSE_START.test(list[1]!)) {
    const whole = tidyAudience(label + list[1]!);
    if (whole.length > label.length) return whole;
  }
  const name = /^,\s*([A-ZÅÄÖ][a-zåäöé]+\s+[A-ZÅÄÖ][a-zåäöé]+)(?=\s*[.!?]|$)/u.exec(rest);
  if (name) return `${label}, ${name[1]!}`;
  // a person and their role after a comma ("Karin Ek, vd för Ekbergs Bygg AB.", "Councillor Sara Nyberg, chair of the
  // Labour Market Committee."): the role says who she is, as the request gives it
  if (PERSON_LABEL.test(label)) {
    const role = PERSON_ROLE_AFTER.exec(rest);
    if (role) return `${label}, ${role[1]!.trim()}`;
  }
  return label;
}

/** a person's name, with a title before it ("Karin Ek", "Dr. Sofia Lund", "Councillor Sara Nyberg") */
const PERSON_LABEL = new RegExp(String.raw`^(?:(?:${PERSONAL_TITLES}|Councillor|Professor|Docent)\.?\s+)?\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?\s+\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?$`, 'u');
/** a role after a person's name and a comma, up to the sentence's end or ", och/and …" */
const PERSON_ROLE_AFTER =
  /^,\s*((?:vd|ordförande|ordföranden|rektor|forskare|professor|lektor|docent|kommunalråd|grundare|ägare|chef|\p{Ll}+(?:chef|ledare|ansvarig|samordnare|forskare|direktör|handläggare|strateg|lektor|råd))(?![\p{L}])[^.!?\n]{0,80}?|(?:chair|chairperson|head|director|manager|researcher|professor|lecturer|ceo|founder|owner|coordinator|councillor|mayor)(?![\p{L}])[^.!?\n]{0,80}?)(?=\s*[.!?\n]|\s*$|,\s+(?:och|and|asking|som|who)\s)/iu;

/**
 * The register a request names between "inbjudan" and its audience ("inbjudan på engelska till …", "inbjudan, lätt
 * svenska, till …", "an invitation in plain English for …"): said of the text, not of who is invited
 */
const REGISTER_BEFORE_AUDIENCE = /\b(inbjudan|inbjudning|invitation|invite)\s*,?\s+(?:(?:på|in)\s+)?(?:(?:lätt|enkel|lättläst|plain|simple|easy)\s+)?(?:svenska|engelska|english|swedish)\s*,?\s+(?=(?:till|för|for|to)\s)/giu;

function audienceLabelOf(request: string): string | null {
  // ("inbjudan internt till …": who the invitation is for, not where it goes)
  const text = request.replace(REGISTER_BEFORE_AUDIENCE, '$1 ').replace(/\b(inbjudan|invitation)\s+(?:internt|externt|internally)\s+(?=(?:till|för|for|to)\s)/giu, '$1 ');
  // the request's own "Målgrupp: …" wins
  const explicit =
    /\b(?:målgrupp(?:en)?|audience|deltagare|participants)\s*(?::|är|is)\s*([^.\n]+)/i.exec(text) ??
    /(?:^|[.!?\n]\s*)(?:till|to|mottagare|recipients?)\s*:\s*([^.\n]+)/i.exec(text) ??
    // "en inbjudan riktad till …", "an invitation addressed to …": up to the colon, question mark or full stop
    /\b(?:riktad|riktas|vänder sig|addressed|aimed|directed|intended)\s+(?:till|to|at|for)\s+([^.:!?\n]+)/i.exec(text);
  if (explicit) {
    const l = tidyAudience(explicit[1]!);
    if (l) return l;
  }
  // else the longest phrase naming who is invited, however the request puts it
  const patterns = [
    /\binbjudan (?:på (?:lätt |enkel )?svenska |på engelska |på lättläst svenska )?(?:till|för)\s+([^.:!?\n]+?)\s+(?:till|om)\s+(?:ett|en|vår|vårt|våra|den|det|att)\b/i,
    /\binbjudan på (?:lätt |enkel |lättläst )?svenska (?:till|för)\s+([^.:!?\n]+?)(?:[.!?]|$)/i,
    // "It's for the members of …", "This is for …", "Den är till …": who the invitation is for, said in a sentence of its own
    /(?:^|[.!?\n]\s*)(?:it['’]?s|it is|this is|the invitation is|den är|inbjudan är)\s+(?:meant\s+|tänkt\s+|riktad\s+)?(?:for|to|till|för)\s+(?!(?:att|the purpose|all of it|tidigt|sent|early|late)\b)([^.:!?\n]+?)(?=\s*[.:!?\n]|$)/i,
    // "gör en inbjudan av det här kalenderinlägget, till företagen i …:", "an invitation from this calendar entry for …"
    /\b(?:inbjudan|invitation)\s+(?:av|utifrån|från|of|from|out of)\s+[^,.:!?\n]{1,60}?,?\s+(?:till|för|for|to)\s+([^.:!?\n]+?)(?=\s*[:.!?\n]|$)/i,
    /\b(?:bjuda?|bjuder)\s+in\s+(?!till\b)([^.:!?\n]+?)\s+(?:till|att)\s/i,
    // "ett mejl till ungdomsföreningarna i Lund om ett möte", "ett utskick till …", "an email to … about"
    // (… or ended by a colon, by ", och …" after a person and their role, or by the date after a comma: "brev till Johan Berg,
    // ordförande i Företagarna, och bjud in honom", "kallelse till kollegorna på upphandlingsenheten, imorgon efter lunch")
    new RegExp(`\\b(?:mejl|mail|e-post|epost|brev|meddelande|utskick|kallelse|email|e-mail|letter|message)\\s+(?:som\\s+(?:går|ska gå)\\s+ut\\s+)?(?:till|to)\\s+([^.:!?\\n]+?)(?:\\s+(?:om|kring|about|for|inför)\\s|\\s*:|,\\s+(?:och|and)\\s|,\\s+(?=(?:imorgon|i morgon|idag|i dag|nästa|next|tomorrow|today|den|on|kl|${WEEKDAY_PATTERN})(?![\\p{L}])|\\d))`, 'iu'),
    // "Inbjudan: sociala företag och ideella föreningar i Ronneby, träff …"
    /(?:^|[.!?\n]\s*)(?:inbjudan|invitation)\s*:\s*([^,.:!?\n–]+)/i,
    /\b(?:bjuda?|bjuder)\s+in\s+(?!till\b)([^.:!?\n]+?)\s*(?:[.!?]|$)/i,
    /\bbe\s+([^.:!?\n]+?)\s+att\s/i,
    /(?:^|[.!?]\s+)([^.:!?\n]+?)\s+(?:ska\s+)?bjud(?:s|as)\s+in\b/i,
    // "Vi vill nå föreningar med social verksamhet via HELSAM", "we want to reach …": who the invitation is for
    /\b(?:vill|ska)\s+nå\s+(?!ut\b)([^.:!?\n]+?)(?=\s+(?:via|genom|med hjälp av)\s|\s+[–-]\s|[.,:!?–]|$)/iu,
    /\b(?:want|need|would like)\s+to\s+reach\s+([^.:!?\n]+?)(?=\s+(?:via|through|by)\s|\s+[–-]\s|[.,:!?–]|$)/iu,
    /\b(?:vill|ska)\s+träffa\s+([^.:!?\n]+?)(?=\s+(?:någon|nästa|den|på|om|för|kl|i morgon|imorgon|\d)|[.,!?])/i,
    /\binvit(?:ation|e)\s*,?\s+(?:please\s*,?\s+)?(?:in\s+(?:[\w-]+\s+)?english\s+)?(?:for|to)\s+([^.:!?\n]+?)\s+(?:to|for)\s+(?:a|an|our|the)\b/i,
    /\binvit(?:ation|e)\s*,?\s+(?:please\s*,?\s+)?(?:in\s+(?:[\w-]+\s+)?english\s+)?(?:for|to)\s+([^.:!?\n]+?)\s*:/i,
    /\binvit(?:ation|e)\s*,?\s+(?:please\s*,?\s+)?(?:in\s+(?:[\w-]+\s+)?english\s+)?(?:for|to)\s+([^.:!?\n]+?)\s+(?:about|regarding|on the subject of)\s/i,
    /\binvit(?:e|ing)\s+([^.:!?\n]+?)\s+to\s+(?:a|an|our|the)\b/i,
    // "with the social enterprises in the Umeå network about …": "in" ends the audience only before a place
    /\b(?:call|meeting|session|workshop|dialogue|lunch|breakfast)\s+with\s+([^.:!?\n]+?)\s+(?:about|on|to|in(?!\s+the\s+(?!town|city|library|hall|room|office|centre|center|school|meeting|conference)[\p{L}-]+))\b/iu,
    /\b(?:inbjudan|invitation|invite)\s+(?:(?:behövs|skickas|ska gå|som går|som ska gå|som skickas|is needed|going)(?:\s+ut)?\s+)?(?:in\s+(?:[\w-]+\s+)?english\s+)?(?:till|för|for|to)\s+((?:[^,.:!?\n–]|(?<=\d)–(?=\d))+?)(?:[,:?!.]|(?<!\d)–|–(?!\d)|\s-\s|$|\s+(?:om|about|den|on|kl|at|digitalt|online)\b)/i,
    /\b[\p{L}-]*(?:möte(?:t)?|träff(?:en)?|marknad(?:en)?|dag(?:en)?|seminari(?:um|et)|webbinari(?:um|et)|workshop(?:en)?|samtal(?:et)?|dialog(?:en)?|föreläsning(?:en)?|utbildning(?:en)?|genomgång(?:en)?|konferens(?:en)?|uppföljning(?:en)?|avstämning(?:en)?)\s+(?:med|för)\s+([^,.:!?\n–]+?)(?=\s+(?:om|den|kl|\d)|[,.:!?–]|$)/iu,
    // "julbord för kollegorna på fastighetskontoret", "kickoff för upphandlarna", "Christmas party for the team"
    new RegExp(`(?<![\\p{L}])${OCCASION_WORDS}\\s+(?:med|för|with|for)\\s+([^,.:!?\\n–]+?)(?=\\s+(?:om|den|kl|on|at|about|\\d)\\b|[,.:!?–]|$)`, 'iu'),
    // "Dialogmöte om återbruk med företagare i Lund torsdagen …": the topic between the meeting word and its group
    new RegExp(`[\\p{L}-]*(?:möte|träff|workshop|samtal|dialog|meeting|session|dialogue)\\p{L}*\\s+(?:om|kring|about|on)\\s+[^.!?]{1,60}?\\s+(?:med|with)\\s+((?:[\\p{L}-]+\\s+){0,2}?${GROUP_NOUNS}(?![\\p{L}])[^,.:!?\\n–]*?)(?=\\s+(?:om|den|kl|on|at|\\d)\\b|[,.:!?–]|$)`, 'iu'),
    // a group named after a comma with "for the …" ("…, online via Teams, for the expat parents group - we want …")
    /,\s*for\s+((?:the|all|our)\s+[^,.:!?\n–]*?(?:group|parents|families|members|staff|team|network|residents|tenants|youth|pupils|students|teachers|volunteers|neighbours|neighbors|colleagues|businesses|companies|associations|employers))(?=\s+-\s|\s+(?:about|on|to|at|in|who)\b|[,.:!?–]|$)/iu,
    // English as the Swedish one above: "dialogue meeting for local employers, 12 March", "a meeting with social enterprises on Friday"
    /\b(?:meeting|session|workshop|dialogue|seminar|breakfast|lunch|briefing|panel|event|get-together|call|conversation)\s+(?:for|with)\s+(?!(?:a|an|the)\s+(?:short|brief|quick)\b)([^,.:!?\n–]+?)(?=\s+(?:about|on|at|from|to|in\s+(?:the\s+)?(?:town|city)\s+hall|\d)\b|[,.:!?–]|$)/iu,
    // "Möte i övermorgon kl 9 för kollegor på socialförvaltningen om rutiner": the date or time between
    // … also after "inbjudan till ett frukostmöte den 3 december kl 8 i Rådhuset för företagare i centrala Lund om …"
    // … but not inside the topic: in "möte … om IOP för läxhjälp" the "för" is the topic's (after a comma it is not)
    /(?:^|(?<![\p{L}]))(?:[\p{L}-]*(?:möte|träff|workshop|samtal|dialog|besök|frukost|lunch|middag|mingel)\p{L}*|öppe[tn] hus|öppna huset|drop-in)\s+(?:[^.!?]|(?<=\d)\.(?=\d)){0,120}?(?<![\p{L}])(?<!(?<![\p{L}])(?:om|kring|angående|där|som|vilka|vilken|hur|when|where|which)\s[^,.!?–]*)för\s+(?!\d|att\b|er\b|dig\b)([^,.:!?\n–]+?)(?=\s+(?:om|den|kl|\d)|[,.:!?–]|$)/iu,
  ];
  // first who the request invites (the object of bjud in / inbjudan till / invite), then "möte för X", "call with X"
  const first = longestLabel(text, patterns.slice(0, 14));
  const second = longestLabel(text, patterns.slice(14));
  // a one-word back reference ("bjud in företagen") names the group a fuller phrase has named already
  if (first && (/\s/.test(first) || !second)) return first;
  if (second ?? first) return second ?? first;
  // a group right after "inbjudan", before the meeting word, with no preposition ("inbjudan pensionärer dialog om …")
  const bare = new RegExp(`(?:^|[.!?]\\s*)(?:inbjudan|invitation)\\s+(?!(?:till|för|på|om|to|for|in|on)(?![\\p{L}]))((?:[\\p{L}-]+\\s+){0,2}?[\\p{L}-]+)\\s+(?=${MEETING_WORD}(?![\\p{L}])|om\\s)`, 'iu').exec(text);
  if (bare && AUDIENCE_PATTERNS.some(([, re]) => re.test(bare[1]!))) return tidyAudience(bare[1]!) || null;
  // last, a group the meeting is with, said apart from the meeting word: "Möte nästa månad, den 12:e kl 10, med
  // sociala företag i Lund", "Meeting next Thursday at 2 with the social enterprises in Lund" (not "samarbete med …")
  const withGroup = new RegExp(`(?<!tillsammans|together|samarbete|samverkan|cooperation|partnership|prata|talk)\\s+(?:med|with)\\s+((?:the\\s+|alla\\s+|all\\s+)?(?:[\\p{L}-]+\\s+){0,2}?${GROUP_NOUNS}(?![\\p{L}])[^,.:!?\\n–]*?)(?=\\s+(?:om|den|kl|on|at|about|\\d)\\b|[,.:!?–]|$)`, 'iu').exec(text);
  return withGroup ? tidyAudience(withGroup[1]!) || null : null;
}

/** Words a school year or class is given with ("eleverna i årskurs 8", "åk 9", "klass 7B", "Year 8 pupils", "grade 9"). */
const GRADE_WORDS = 'årskurs|åk|klass|klasserna|year|grade|grades';
/** A school year or class given with the audience: its number belongs to the audience. */
const GRADE_RE = new RegExp(`(?<![\\p{L}])(?:${GRADE_WORDS})\\s*\\d{1,2}[A-Za-z]?(?![\\p{L}\\d])`, 'giu');

/** An age given with the audience ("mellan 16 och 19 år", "aged 16–19"). */
const AGE_RE = /\b(?:(?:mellan\s+|aged\s+|between\s+)?\d+\s*(?:(?:och|till|to|and|–|-)\s*\d+\s*)?(?:år|years|åringar)\b|(?:aged|ages|i åldern)\s+\d+(?:\s*(?:och|till|to|and|–|-)\s*\d+)?)/gi;

/** a word a matched audience cannot start with: a date word, an article alone, the hosts themselves, a third-person pronoun (who it stands for is named elsewhere; "dig som …" and "dem som bor i …" are audiences) */
const NOT_A_LABEL_START = unicodeWords(/^(tomorrow|today|next|this|imorgon|i morgon|idag|nästa|på|i|en|ett|mig|oss|me|us|honom|henne|dem(?!\s+som\b)|dom(?!\s+som\b)|han|hon|him|her|them(?!\s+who\b))\b/i);

function longestLabel(text: string, patterns: RegExp[]): string | null {
  let best: string | null = null;
  for (const re of patterns) {
    const m = re.exec(text);
    if (!m) continue;
    const label = tidyAudience(m[1]!);
    if (!label || label.length > 200 || /\b(inbjudan|invitation|inbjudningar)\b/i.test(label)) continue;
    if (NOT_A_LABEL_START.test(label) || /\d/.test(label.replace(AGE_RE, '').replace(GRADE_RE, '')) && !AUDIENCE_WORD.test(label)) continue;
    // the occasion itself ("Inbjudan till träff om …") is not who is invited
    if (/^(?:(?:ett|en|a|an|the)\s+)?[\p{L}-]*(?:möte|träff|workshop|seminari\w*|samtal|dialog\w*|frukost|lunch|middag|föreläsning|kväll|evenemang|meeting|session|webinar|seminar|breakfast|dinner|call|evening|event|briefing)$/iu.test(label)) continue;
    if (new RegExp(`^(?:(?:ett|en|a|an|the|vårt|vår|our)\\s+)?${OCCASION_WORDS}$`, 'iu').test(label)) continue;
    // … nor the occasion where it is held ("studiebesök hos Tygbrons sömnadsverkstad", "möte på Stadshuset")
    if (new RegExp(`^(?:(?:ett|en|a|an|the|vårt|vår|our)\\s+)?(?:[\\p{L}-]*(?:möte|träff|besök|workshop|seminarium|samtal|dialog|frukost|lunch|middag|visit|meeting)|${OCCASION_WORDS})\\s+(?:hos|på|i|vid|at|in)\\s`, 'iu').test(label)) continue;
    if (!best || label.length > best.length) best = label;
  }
  return best;
}

/** The meeting is about something already decided: no "nothing is decided" promise fits it. */
const DECIDED = unicodeWords(/\bannonser(ad|ade|at|as)\b|\butlyst\w*|\bpublicera(d|de|t)\s+upphandling|\bpågående upphandling|\b(är|har) (?:redan |nu |just )?(beslutad|beslutat|fattat beslut|bestämt)(?!\s+(?:att|oss för att)\s+(?:vi\s+(?:ska\s+)?)?(?:bjuda|bjuder|ordna|ordnar|hålla|håller|ha|träffa|träffas|samla|starta|inleda|börja|genomföra|arrangera)\b)|\bbeslut(et)? (är|har) (fattat|tagits|tagit)|\binformationsmöte|\binformation meeting|\bannounced\b|\bpublished (tender|procurement)|\balready (been )?decided|\b(tender|procurement) (is|has been) (published|announced|open)/i);

/**
 * The audience as the request words it, without what the pattern caught around it: the meeting word
 * before ("möte med sociala företag" → "sociala företag") and the date or time after ("… fredag 5 november").
 */
const OCCASION_AFTER_AUDIENCE = new RegExp(`\\s+(?:till|to)\\s+(?:the\\s+)?${OCCASION_WORDS}(?![\\p{L}])`, 'iu');

/** a bracketed remark that is not part of a group's name: the form of address, a clause about the group, or the host's own note on it ("(vår arbetsmarknadsinsats)") */
const ASIDE_NOT_NAME = unicodeWords(/\b(?:du-form|ni-form|du-tilltal|ni-tilltal|duform|niform|informal|formal|don't|doesn't|do not|inte|not|speak|speaks|talar|pratar|are|is|är|har|has|have|många av|many of|vår|vårt|våra|our)\b/iu);
/** a meeting word that starts the occasion after the audience */
const MEETING_WORD = '[\\p{L}-]*(?:möte|träff|dialog|samtal|workshop|seminari\\p{L}*|frukost|lunch|meeting|session|dialogue|breakfast|briefing|webinar)';

function tidyAudience(raw: string): string {
  // a remark in brackets on how to write or on the group ("(du-form)", "(many of their staff don't speak Swedish)")
  // and the occasion after a dash ("… – dialog om …", "… – rundabordssamtal …") are not its name; brackets that
  // name its members ("(Byggföretagen, Fastighetsägarna m.fl)", "(Centrumföreningen)") stay, unless the label
  // was cut inside them ("… fastighet (Byggföretagen")
  let l = raw
    .replace(/\s*\([^)]*(?:\)|$)/gu, (aside) => (ASIDE_NOT_NAME.test(aside) || !aside.includes(')') ? ' ' : aside))
    .replace(new RegExp(`\\s+[–—-]\\s+(?:${MEETING_WORD}).*$`, 'iu'), '')
    // … nor the language the invitation is to be written in ("residents of Laxå, in English, to help …")
    .replace(/,?\s+(?:in\s+(?:plain\s+|simple\s+)?english|på\s+(?:lätt\s+|enkel\s+|lättläst\s+)?(?:svenska|engelska))(?![\p{L}]).*$/iu, '')
    .trim();
  // ("Idéverkstad för föreningar …", "Temakväll för föräldrar", "Framtidsforum med företagare": a named occasion before its group)
  l = l.replace(/^(?:(?:ett|en|a|an|the|vårt|vår|our)\s+)?(?:[\p{L}-]+\s+)?[\p{L}-]*(?:möte|träff|dialog|samtal|workshop|seminari\w*|seminar|frukost|lunch|meeting|session|call|webinar|briefing|breakfast|conference|event|verkstad|forum|kväll|temadag|idédag|mässa|hackathon)[\p{L}]*(?:\s+(?:via|över|på|i|on|over|via)\s+[\p{L}-]+)?\s+(?:med|för|with|for)\s+/iu, '');
  l = l.replace(new RegExp(`^(?:(?:ett|en|a|an|the|vårt|vår|our)\\s+)?${OCCASION_WORDS}\\s+(?:med|för|with|for)\\s+`, 'iu'), '');
  // an age ("mellan 16 och 19 år", "aged 16–19") belongs to the audience; other numbers start the date or time
  const cut = new RegExp(`\\s+(?:(?:den|the|on)\\s+)?(?:(?:i\\s*morgon|imorgon|i\\s*övermorgon|idag|i dag|tomorrow|today)\\b|(?<!(?:aged|ages|age|åldern|ålder|${GRADE_WORDS})\\s+)\\d(?!\\d*\\s*(?:(?:och|till|to|and|–|-)\\s*\\d+\\s*)?(?:år|years|åringar|-åringar)\\b)|kl\\b|klockan\\b|(?:${WEEKDAY_PATTERN})(?:en)?\\b|(?:${MONTH_PATTERN})\\b)`, 'i');
  const c = cut.exec(l);
  if (c) l = l.slice(0, c.index);
  // the preposition that led to the cut date or time ("sociala företag i Lund på | tisdag", "… den | 12 maj")
  if (c) l = l.replace(/(?:\s+(?:på|i|om|till|kl|on|at|in|by|nästa|next|this|denna|den))+$/iu, '');
  // … and a part of the month before it ("föreningar i mitten av | november", "… in the middle of | November")
  if (c) l = l.replace(/\s+(?:i|in)\s+(?:början|mitten|slutet|the\s+(?:beginning|middle|end))(?:\s+(?:av|of))?$/iu, '');
  // "dig som söker jobb i Laxå och vill veta mer …": the audience ends before a second clause
  const clause = /\s+och\s+(?:vill|kan|ska|har|är|behöver)\b|\s+att\s|\s+(?:inför|ahead of)\s|(?<!next|close|due|want|wants|wish|like|able|willing|need|needs|going|used)\s+to\s+(?:join|take part|participate|attend|come|discuss|help|share|meet)\b|\s+(?:till|to|for)\s+(?:ett|en|vår|vårt|våra|a|an|our)\s|\s+(?:om|about)\s|\s+(?:till|to)\s+(?:the\s+)?[\p{L}-]*(?:möte|träff|workshop|seminarium|samtal|dialog|frukost|lunch|middag|mingel|invigning|meeting|breakfast|lunch|session|webinar)\p{L}*(?![\p{L}])/iu.exec(l);
  if (clause) l = l.slice(0, clause.index);
  // "kollegorna till sommarfest", "the team to Christmas party": the occasion they are invited to is no part of them
  const occasion = OCCASION_AFTER_AUDIENCE.exec(l);
  if (occasion) l = l.slice(0, occasion.index);
  return l.replace(/[\s,;:.!?]+$/, '').trim();
}

/**
 * A named person ("Lena Holm, verksamhetsledare …", "kommundirektören Anna Berg"), a role with a first name
 * ("vår nya kollega Johan") or with the name after a comma, a first name at a workplace when the request says
 * she or he, or "dig som …".
 */
export function isOnePerson(label: string, request = ''): boolean {
  if (/^(dig|dej|you as)\b/i.test(label)) return true;
  const head = label.split(/,|\s+(?:på|från|at|from|of)\s+/)[0]!.trim();
  // a role and a first name ("vår nya kollega Johan"), a role with the name after a comma ("ordföranden i
  // Hyresgästföreningen Kroksbäck, Ahmed Yusuf"), or a first name alone at a workplace when the request says
  // she or he ("Pernilla på Bärlinans Flytt & Återbruk … bjuda henne på lunch")
  const role = '(?:kollega|kollegan|ordförande|ordföranden|chef|chefen|rektor|rektorn|handläggare|handläggaren|samordnare|samordnaren|verksamhetsledare|verksamhetsledaren|vd|colleague|chair|chairperson|manager|director|principal)';
  if (new RegExp(`(?<![\\p{L}])${role}\\s+[A-ZÅÄÖ][a-zåäöé]+$`, 'iu').test(head)) return true;
  if (new RegExp(`(?<![\\p{L}])${role}(?![\\p{L}])[^,]*,\\s*[A-ZÅÄÖ][a-zåäöé]+\\s+[A-ZÅÄÖ][a-zåäöé]+$`, 'iu').test(label)) return true;
  if (/^[A-ZÅÄÖ][a-zåäöé]+$/.test(head) && head !== label && /\b(hon|han|henne|honom|she|he|her|him)\b/i.test(request)) return true;
  // "Lena på Kvarnbackens kök": a first name at a named workplace (an organisation is not "X på Y")
  if (/^[A-ZÅÄÖ][a-zåäöé]+\s+(?:på|från|at|from)\s+[A-ZÅÄÖ]/.test(label) && !AUDIENCE_WORD.test(head)) return true;
  // "Svensk Handel, Företagarna och Visita lokalt": a list of names is a group
  if (/,\s*[A-ZÅÄÖ][^,]*\s(?:och|and)\s/.test(label)) return false;
  if (!/(^|\s)[A-ZÅÄÖ][a-zåäöé]+\s+[A-ZÅÄÖ][a-zåäöé]+$/.test(head) || /\b(och|and)\b/.test(head) || AUDIENCE_WORD.test(head)) return false;
  // a name, not an organisation ("Coompanion Skåne"): a role, a workplace or a personal pronoun says so
  return (
    /[a-zåäö](direktör|chef|ledare|ordförande|handläggare|samordnare|rektor|ansvarig)\w*|\b(ms|mr|mrs|dr)\.?\s|,\s*[a-zåäö]|\s(på|at|from)\s/i.test(label) ||
    /\b(hon|han|henne|honom|she|he|her|him)\b/i.test(request)
  );
}

/** Audience keys from the head of the audience phrase ("kollegor som arbetar med sociala företag" → internal). */
function audiencesOfLabel(label: string): AudienceKey[] {
  const head = label.split(/\s+(?:som|inom|från|på|med|who|working|from|at)\s+/i)[0] ?? label;
  const fromHead = findAudiences(head);
  return fromHead.length ? fromHead : findAudiences(label);
}

const DRAFT_TALK = /\b(inbjudan|utkast|texten|skriv|invitation|draft|write)\b/i;

/** A request that says no agenda goes with the invitation ("bifoga inget program", "ingen dagordning", "dagordningen skickar vi senare", "no agenda"). */
const AGENDA_DECLINED = unicodeWords(/\b(?:inget|ingen|utan|inte\s+(?:någon|något|med))\s+(?:\p{L}+\s+)?(?:program|dagordning|agenda)\b|\b(?:dagordning|agenda|program)(?:en|met)?\s+(?:skickar|skickas|kommer|mailar|mejlar)\b[^.?!]*\bsenare\b|\bno\s+agenda\b|\b(?:dagordning|agenda|program)(?:en|met)?\s+(?:behövs|krävs|önskas|is|are)\s+(?:inte|ej|not(?:\s+needed|\s+required)?)\b|\b(?:agenda|programme)\s+not\s+(?:needed|required)\b|\b(?:don't|do not|without)\s+(?:include|attach|add|an?)\s+(?:an?\s+)?agenda\b|\bagenda\s+(?:will\s+follow|comes\s+later|later)\b/iu);

/** A request asking for a proposed agenda ("bifoga ett förslag på dagordning", "gärna en kort dagordning", "include a draft agenda"). */
const AGENDA_ASK = unicodeWords(/\b(bifoga|lägg (till|in|med)|ta med|inkludera|skriv|gör|föreslå|ge|med)\b[^.?!]*\b(dagordning|agenda|program(punkter)?|upplägg)\b|(?<!(?:ingen|inte|någon|utan)\s+)\b(dagordning|agenda)(en)?\s+(önskas|behövs)\b(?!\s+(?:inte|ej)\b)|\b(önskar|vill\s+(?:gärna\s+|också\s+)?ha|behöver)\s+(en\s+|ett\s+)?(?:enkel\s+|enkelt\s+|kort\s+|kortfattat?\s+)?(dagordning|agenda|program)\b|\b(förslag på|förslag till)\s+(dagordning|agenda|program)\b|\b(?:gärna|också|även|plus)\s+(?:en\s+|ett\s+)?(?:enkel\s+|enkelt\s+|kort\s+|kortfattad\s+)?(?:dagordning|agenda)\b|\b(include|attach|add|propose|suggest|with)\b[^.?!]*\b(agenda|programme|program|running order)\b|(?<![\p{L}])(?:an?\s+|the\s+)?(?:short\s+|simple\s+|draft\s+)?(?:agenda|dagordning|programme)\s*,?\s+(?:please|tack|too|also|också|as well|would be (?:good|great|nice))\b|\b(?:please|can you|could you)\s+(?:also\s+)?(?:draft|write|make|do)\b[^.?!]*\b(?:agenda|programme)\b/iu);

/**
 * People who should take part, as the request says it to the assistant ("vi vill att någon från
 * fastighetskontoret och en upphandlare är med", "X should also attend"): a line about who takes part.
 */
const PARTICIPANTS = [
  // (not the invited themselves: "Vi vill att de är med och tycker till om …" says what the meeting is for)
  /\b(?:vi vill att|se till att|jag vill att|gärna att|det är bra om)\s+(?!(?:de|dom|ni|du|alla|deltagarna|they|you|everyone)\s)(.+?)\s+(?:är med|också är med|deltar|också deltar|medverkar|finns på plats|kommer)\b/i,
  /^(.+?)\s+(?:ska|kommer att|kommer)\s+(?:också\s+)?(?:vara med|delta|medverka)\b/i,
  /\b(?:we want|we'd like|we would like|make sure)\s+(.+?)\s+to\s+(?:attend|take part|join|be there)\b/i,
  /\bmake sure\s+(.+?)\s+(?:also\s+)?(?:attends|joins|takes part|is there)\b/i,
  /^(.+?)\s+(?:will|should)\s+(?:also\s+)?(?:attend|take part|join)\b/i,
];

/** Sentences of the request that instruct the assistant (about the text, not the meeting). */
export function isInstruction(sentence: string): boolean {
  return (
    AGENDA_ASK.test(sentence) ||
    PARTICIPANTS.some((re) => re.test(sentence)) ||
    /\b(skriv|formulera|gör|ta fram|hjälp mig|kan du)\b[^.?!]*\b(inbjudan|utkast|text|mejl|brev)\b|\b(inbjudan|texten|utkastet|den)\s+(ska|bör|får gärna)\s+(vara|bli|ha|skrivas|låta)\b|\b(du-form|ni-form|tilltala|på lätt svenska|lättläst|på engelska|formell(t)? ton)\b|\b(write|draft|make|prepare)\b[^.?!]*\b(invitation|email|text|letter)\b|\b(the invitation|the text|it)\s+should\b/i.test(sentence)
  );
}

/** The request says the matter is open, not only its date or place: "inget är bestämt", "vi har inte bestämt något", "förutsättningslöst". */
const OPEN_MATTER = unicodeWords(
  /\b(?:inget|ingenting) (?:är|har) (?:bestämt|beslutat|klart)|\binte (?:bestämt|beslutat) något\b|\bförutsättningslös\p{L}*|\b(?:inga|utan) färdiga lösningar\b|\bnothing (?:is|has been) (?:decided|settled)\b|\bopen[- ]ended\b|\bno ready-made\b/iu,
);

/** "Plats meddelas senare", "lokalen bestäms senare", "venue to be announced"; "länk(en) kommer i kalenderinbjudan", "link to follow". */
const PLACE_LATER = unicodeWords(/\b(?:plats(?:en)?|lokal(?:en)?|venue|location|place)\s*(?::\s*)?(?:\p{L}+\s+)?(?:meddelas|kommer|bestäms|annonseras|skickas|is|will be|to be)?\s*(?:senare|längre fram|announced|confirmed later|tba|tbd|later)\b/iu);
const LINK_LATER = unicodeWords(/\b(?:länk(?:en)?|(?:teams|zoom)-?länk(?:en)?|link|the link)\s+((?:kommer|skickas|meddelas|mejlas|will (?:follow|be sent|come)|to follow|follows)[^.!?;,\n)]*)/iu);

/** What the request says comes later (ParsedInvite.later), in the invitation's words. */
function laterFacts(text: string): { place: boolean; link: string | null } {
  return { place: PLACE_LATER.test(text), link: LINK_LATER.exec(text)?.[1]?.trim() ?? null };
}

/**
 * The agenda a request gives after a label ("Agenda:", "Dagordning:", "Program:"): numbered items ("1) Välkomna 2) Vad
 * behöver barnen i sommar? … 4) Nästa steg.") up to the sentence after the last, or a list with commas or semicolons up
 * to the end of its sentence. At least two items; with the span it was read from.
 */
export function agendaGiven(text: string): { items: string[]; start: number; end: number } | null {
  // (also with its count before the colon: "Dagordning med fyra punkter:", "Agenda (fem punkter):", "agenda with four items:")
  // ("agendaförslag:", "förslag på dagordning:": a suggested agenda the request gives is its agenda too)
  const label = /(?<![\p{L}])(?:(?:förslag\s+(?:på|till)\s+)?(?:agenda|dagordning)(?:s?förslag(?:et)?|en)?|program(?:met)?|programpunkter|programme)(?:\s+(?:med|with)\s+(?:\p{L}+\s+)?(?:punkter|points|items))?(?:\s*\([^()\n]{1,30}\))?\s*:\s*/iu.exec(text);
  if (!label) return null;
  const from = label.index + label[0].length;
  const rest = text.slice(from);
  let body: string;
  let items: string[];
  if (/^\s*1\s*[).]/.test(rest)) {
    // the numbers in order (1, 2, 3 …: a phone number's "00." later is none); the last item ends at its sentence's end
    const markers: RegExpMatchArray[] = [];
    for (const m of rest.matchAll(/(?:^|\s)(\d{1,2})\s*[).]\s*/g)) if (Number(m[1]) === markers.length + 1) markers.push(m);
    const lastNo = markers.at(-1)!;
    const tail = rest.slice(lastNo.index! + lastNo[0].length);
    const stop = /[.!?\n]/.exec(tail);
    body = rest.slice(0, lastNo.index! + lastNo[0].length + (stop ? stop.index + (stop[0] === '\n' ? 0 : 1) : tail.length));
    items = markers.map((m, i) => body.slice(m.index! + m[0].length, i + 1 < markers.length ? markers[i + 1]!.index : body.length).trim().replace(/[.;,]$/, '')).filter(Boolean);
  } else {
    const stop = /[.!?](?=\s|$)|\n/.exec(rest);
    body = rest.slice(0, stop ? stop.index + 1 : rest.length);
    // (items apart by commas, semicolons or slashes with spaces: "frukost och mingel / kort om läget / samtal i grupper")
    const bySlash = /\s\/\s/.test(body);
    items = body.replace(/[.!?]$/, '').split(bySlash ? /\s+\/\s+/ : /\s*[;,]\s*|\s+och\s+(?=[^,;]*$)/).map((x) => x.trim()).filter(Boolean);
  }
  if (items.length < 2) return null;
  return { items: items.map((x) => x.charAt(0).toUpperCase() + x.slice(1)), start: label.index, end: from + body.length };
}

/** The part of the day a request gives instead of a clock time: "imorgon eftermiddag", "på förmiddagen", "on Tuesday evening". */
function dayPartOf(text: string): { sv: string; en: string } | null {
  // (not a greeting: "God morgon!", "Good afternoon,")
  const m = /(?<![\p{L}])(?<!(?:god|good|trevlig)\s+)(?:på\s+|i\s+|in the\s+)?(förmiddag(?:en)?|eftermiddag(?:en)?|kväll(?:en)?|morgon(?:en)?|morning|afternoon|evening)(?![\p{L}])/iu.exec(text);
  if (!m) return null;
  const w = m[1]!.toLowerCase();
  // ("i morgon" is tomorrow, not the morning)
  if (/^morgon$/.test(w) && /(?:^|\s)i\s+$/i.test(text.slice(Math.max(0, m.index - 3), m.index + (m[0].length - m[1]!.length)))) return null;
  if (/^morgon$/.test(w) && /imorgon/i.test(text.slice(Math.max(0, m.index - 2), m.index + m[0].length))) return null;
  const table: Array<[RegExp, string, string]> = [
    [/^förmiddag/, 'på förmiddagen', 'in the morning'],
    [/^eftermiddag/, 'på eftermiddagen', 'in the afternoon'],
    [/^kväll/, 'på kvällen', 'in the evening'],
    [/^morgon|^morning/, 'på morgonen', 'in the morning'],
    [/^afternoon/, 'på eftermiddagen', 'in the afternoon'],
    [/^evening/, 'på kvällen', 'in the evening'],
  ];
  const hit = table.find(([re]) => re.test(w));
  return hit ? { sv: hit[1], en: hit[2] } : null;
}

/** A negation before a word in its clause: "skriv inte att det blir fika", "ingen fika", "utan kaffe", "no coffee", "don't mention coffee". */
const NEGATED_CLAUSE = unicodeWords(/\b(?:inte|ej|ingen|inget|inga|utan|aldrig|not|no|without|never|don't|do not)\b[^.!?;,\n]*$/iu);

/** Whether the request says a thing (`re`, global) at least once outside a negated clause (NEGATED_CLAUSE). */
export function saidUnnegated(text: string, re: RegExp): boolean {
  for (const m of text.matchAll(re)) {
    const clause = text.slice(0, m.index).split(/[.!?;,\n]/).at(-1) ?? '';
    if (!NEGATED_CLAUSE.test(clause)) return true;
  }
  return false;
}

/** the request asks for a short text ("skriv kort", "en kort inbjudan", "kort tack", a bare "kort." at the end) */
const BRIEF = /(?<![\p{L}])(?:skriv (?:det |en )?kort(?:\s+inbjudan)?|(?:en|gör en|skriv en) kort(?:are)? (?:inbjudan|text)|kort(?:are)?,? tack|(?<=[,;]\s{0,3})kort(?:are)?[.!]?(?=\s|$)|kortfattat?|kort och (?:koncis|gott)\p{L}*|håll det kort|^\s*kort[.!]?\s*$|max(?:imalt)?\s*\d+\s*meningar|högst\s*\d+\s*meningar|keep it (?:short|brief)|short and simple|be brief|(?:a )?short (?:invitation|text|one)|brief(?:ly)?(?: please)?[.!]?$)/imu;

/** the request asks for "du" or for "ni": "du-form", "tilltala med du", "skriv du", "använd du", "med du-tilltal", "dutilltal" */
const ADDRESS_DU = /(?<![\p{L}])(?:du-?form\p{L}*|(?:så (?:att )?det|som) passar (?:unga|ungdomar|barn)|du-?tilltal\p{L}*|tilltala (?:med |dem med |mottagaren med |läsaren med )?du|(?:skriv|använd|kör)(?: (?:på )?(?:lätt|enkel|lättläst) svenska)?,? (?:med )?(?:"du"|du)(?![\p{L}]))/iu;
/** "Ni med stort N", "stort N i Ni", "versalt N" */
const CAPITAL_NI = /(?<![\p{L}])(?:ni\s+med\s+(?:stort|versalt)\s+n|(?:stort|versalt)\s+n(?:\s+i\s+ni)?)(?![\p{L}])/iu;
const ADDRESS_NI = /(?<![\p{L}])(?:ni-?form\p{L}*|ni-?tilltal\p{L}*|tilltala (?:med |dem med )?ni|(?:skriv|använd|kör)(?: (?:på )?(?:lätt|enkel|lättläst) svenska)?,? (?:med )?(?:"ni"|ni)(?![\p{L}]))/iu;

/** a sentence saying what the hosts arrange for those who come */
const ARRANGEMENT = unicodeWords(
  /^(?:vi\s+(?:ordnar|erbjuder|fixar|har)|det\s+(?:finns|blir|kommer att finnas)|we(?:'ll| will)?\s+(?:arrange|provide|have|offer)|there\s+(?:is|will be))\b[^.!?]*\b(?:tolk\p{L}*|barnpassning|barnvakt|parkering|transport|hörslinga|teckenspråkstolk\p{L}*|interpret\p{L}*|childcare|babysitting|parking|hearing loop|sign language)\b|^(?:\p{L}+\s+){0,2}?(?:tolk\p{L}*|teckenspråkstolk\p{L}*|barnpassning|barnvakt|parkering|hörslinga|interpret\p{L}*|childcare|babysitting|parking|hearing loop)\b[^.!?]*\b(?:finns|ordnas|erbjuds|kan ordnas|kan beställas|på begäran|vid behov|is available|are available|available|provided|on request|can be arranged)\b/iu,
);

/** a date the request says is not yet fixed */
const DATE_TENTATIVE = unicodeWords(/\bpreliminär\p{L}*|\bprel\.|\b(?:datum\p{L}*|dagen|tiden|date|day)\b[^.!?]{0,30}\b(?:inte|ej|not)\s+(?:\p{L}+\s+)?(?:spikat|bekräftat|bestämt|klart|satt|confirmed|fixed|final|set)\b|\btentative\b|\bprovisional\b|\bto be confirmed\b/iu);

/** a hedge on who takes part: not confirmed, perhaps, if possible */
const TENTATIVE = unicodeWords(/\b(?:inte|ej|ännu inte|inte ännu)\s+(?:bekräftat|bekräftad|klart|säkert|spikat)|\bobekräftat|\boklart om\b|\bkanske\b|\bpreliminärt\b|\bhoppas\b|\bom möjligt\b|\bom de kan\b|\bnot (?:yet )?confirmed\b|\bunconfirmed\b|\btbc\b|\bto be confirmed\b|\bif possible\b|\bmaybe\b|\bhopefully\b|\bif they can\b/iu);

/**
 * Who else takes part, from the request's instruction ("vi vill att någon från fastighetskontoret är med"), and whether
 * the sentence that names them hedges on them ("… är med, men det är inte bekräftat"). Null when none is named.
 */
function findParticipants(ss: readonly string[]): { who: string; tentative: boolean; toCheck: boolean } | null {
  for (const [i, s] of ss.entries()) {
    for (const re of PARTICIPANTS) {
      const m = re.exec(s);
      if (m && m[1] && m[1].split(/\s+/).length <= 14 && !/\b(ni|du|de|alla|they|you|everyone)\b/i.test(m[1].split(/\s+/)[0]!)) {
        // "…, kan du kolla det?" in the sentence or the next one: someone still has to ask them
        const toCheck = CHECK_WITH_THEM.test(s) || (ss[i + 1] !== undefined && CHECK_WITH_THEM.test(ss[i + 1]!) && CHECK_STARTS.test(ss[i + 1]!));
        return { who: m[1].trim(), tentative: toCheck || TENTATIVE.test(s), toCheck };
      }
    }
  }
  return null;
}

/**
 * A participant someone still has to ask or confirm: the request asks the drafter to check ("kan du kolla det?",
 * "could you check if they can come?"), says the hosts will ask ("jag ska höra med dem") or wait for an answer
 * ("vi väntar på svar"). An invitation promises no one who has not said yes.
 */
const CHECK_WITH_THEM = unicodeWords(
  /\b(?:(?:kan|kunde|skulle)\s+(?:du|ni)\s+(?:\p{L}+\s+)?(?:kolla|kontrollera|höra|fråga|undersöka|stämma av|ta reda på)|(?:could|can|would)\s+you\s+(?:please\s+)?(?:check|ask|confirm|find out|see if)|(?:jag|vi)\s+(?:ska|får|måste|kommer att)\s+(?:kolla|höra|fråga|stämma av)|(?:vi|jag)\s+(?:har\s+)?(?:frågat|tillfrågat|hört av (?:mig|oss))|väntar\s+på\s+(?:svar|besked)|(?:i|we)\s+(?:will|'ll|need to|have to)\s+(?:check|ask|confirm)|(?:we|i)\s+(?:have\s+)?asked|waiting\s+(?:for|to hear))\b/iu,
);
/** a sentence after the one naming the participant that is about them ("Kan du kolla det?", "Could you check?") */
const CHECK_STARTS = /^\W*(?:kan|kunde|skulle|jag|vi|could|can|would|i|we)\b/i;

/** An instruction to add a fact: "Lägg till att …", "Skriv också att …", "Nämn att …", "Add that …", "Mention that …". */
const ADD_THAT = unicodeWords(/^(?:(?:och|and|also|också|gärna)\s+)?(?:lägg (?:också |även |gärna )?(?:till|in)|skriv|nämn|ta med|berätta|add|mention|say|include)\s+(?:också\s+|även\s+|gärna\s+|also\s+)?(?:att|that)\s+(.+)$/iu);

/** A sentence that asks to add a fact, as the fact itself (capitalised); any other sentence as it is. */
export function addedFact(sentence: string): string {
  const m = ADD_THAT.exec(sentence.trim());
  if (!m) return sentence;
  const fact = m[1]!.trim();
  return fact.charAt(0).toUpperCase() + fact.slice(1);
}

/** A clause about what the hosts serve or arrange, not about what the meeting is for. */
const SERVES_OR_ARRANGES = unicodeWords(
  /^(?:vi|jag|we|i)\s+(?:\p{L}+\s+){0,2}?(?:bjuda|bjuder|ordna|ordnar|fixa|fixar|servera|serverar|provide|serve|offer|arrange|bring)\b[^.!?]*\b(?:fika|kaffe|te|lunch|mat|frukost|middag|smörgås\p{L}*|pizza|tolk\p{L}*|barnpassning|coffee|tea|food|breakfast|dinner|snacks|refreshments|interpret\p{L}*|childcare)\b/iu,
);

/** "Syfte: …", "Målet är att …", "Purpose: …" (\b as unicodeWords reads it: "- Ämne: …" starts with a letter JavaScript's \b does not know) */
const EXPLICIT_PURPOSE = unicodeWords(/^(?:.*?\b)?(?:syfte(?:t)?(?: är)?|mål(?:et)?(?: är)?|goal|purpose|aim|objective)\s*(?::|är att|is to)\s*(.+)$/i);
/** "Tema: …", "Ämne: …", "Temat är …", "Topic: …" */
const STATED_THEME = unicodeWords(/^(?:.*?\b)?(?:tema(?:t)?(?:\s+för\s+(?:mötet|träffen|dagen))?|ämne(?:t)?|theme|topic|subject)\s*(?::|är|is)\s*(.+)$/i);

function findPurpose(text: string): { topic: string | null; goal: string | null; stated?: boolean } {
  // an instruction that goes on after a colon ("Skriv en inbjudan till kollegorna: på fredag kl 9 …, vi ska gå igenom …")
  // has the meeting's own words after it
  const ss = sentences(text)
    .flatMap((x) => (isInstruction(x) && /:\s/.test(x) ? x.split(/:\s+/).slice(1) : [x]))
    .filter((x) => !isInstruction(x) || /\b(om|about|kring)\b/i.test(x.replace(AGENDA_ASK, '')) && !AGENDA_ASK.test(x) && !PARTICIPANTS.some((re) => re.test(x)));
  let goal: string | null = null;
  let themeTopic: string | null = null;
  for (const s of ss) {
    const explicit = EXPLICIT_PURPOSE.exec(s);
    if (explicit) {
      goal = explicit[1].trim();
      break;
    }
    // "Tema: kompetensförsörjning inom handel", "Temat är hur …", "Theme: …": what the meeting is about
    const theme = STATED_THEME.exec(s);
    if (theme && !themeTopic) themeTopic = theme[1].replace(/[.!]+$/, '').trim();
    // … and what the meeting will do: "vi ska gå igenom resultaten …", "we are going to go through …"
    // (also as the clause after the logistics: "på fredag kl 9 i konferensrummet Ekeby, vi ska gå igenom …")
    const want = /(?:^|,\s+)(?:(?:vi|jag)\s+(?:vill|skulle vilja|behöver|hoppas|ska)\s+(.+)$|(?:we|i)\s+(?:want|would like|'d like|need|hope|will|are going to)\s+(?:to\s+)?(.+)$)/i.exec(s);
    const clause = want ? s.slice(want.index).replace(/^,\s+/, '') : '';
    // (not what the hosts serve or arrange: "We will provide coffee", "vi ska ordna tolk" are said where food and arrangements are)
    if (want && !DRAFT_TALK.test(clause) && !/bjuda in|invite/i.test(clause) && !SERVES_OR_ARRANGES.test(clause)) {
      goal = clause.trim();
      break;
    }
  }
  // "ett möte där de får träffa våra upphandlare": what the invited get to do is the purpose
  if (!goal) {
    const where = /\b(?:möte|mötet|träff|träffen|workshop|samtal|dialog|frukostmöte|seminarium|meeting|workshop|session)\s+(?:där|when|where)\s+(?:de|ni|du|deltagarna|they|you)\s+(?:får|kan|ska|will|can|get to)\s+([^.!?]+)/i.exec(text);
    if (where) goal = where[1]!.trim();
  }
  // "en workshop där vi tillsammans tar fram idéer", "ett möte för att …", "a workshop to test the prototype …": what the
  // meeting is for, said after its word ("Syftet är att vi tillsammans tar fram idéer", "The aim is to test …")
  if (!goal) {
    const sv = new RegExp(`(?<![\\p{L}])${MEETING_WORD}\\p{L}*\\s+(?:där\\s+(vi|ni|man)|för\\s+att)\\s+(?!(?:${MONTH_PATTERN}|${WEEKDAY_PATTERN})(?![\\p{L}]))([^.!?]+)`, 'iu').exec(text);
    const en = /\b(?:meeting|workshop|session|dialogue|seminar|event|breakfast|get-together)\s+(?:(?:in order\s+)?to\s+(?!(?:the|a|an|our|your|be)\b)|where\s+we\s+(?:will|can|are going to)\s+)([a-z]+\s[^.!?]+)/i.exec(text);
    if (sv) goal = `att ${sv[1] ? `${sv[1]} ` : ''}${sv[2]!.trim()}`;
    else if (en) goal = `to ${en[1]!.trim()}`;
  }
  // a purpose given as a question ("Syfte: hur vi tillsammans kan nå …") is what the meeting is about: "Syftet är att
  // hur vi …" is no Swedish
  let topic: string | null = themeTopic;
  if (goal && QUESTION_START.test(goal)) {
    topic ??= goal.replace(/[.?!]+$/, '');
    goal = null;
  }
  for (const s of topic ? [] : ss) {
    const m = /\b(?:dialog|dialogue|samtal|möte|träff|workshop|rundabordssamtal|meeting|conversation|roundtable|frukostmöte|seminarium|seminar|dialogmöte)\w*\b(?:\s+med\s+[\wåäö ]+?)?\s+(?:om|kring|about|on)\s+(.+)$/i.exec(s);
    if (m && !/^\d/.test(m[1]) && !TIME_SPAN.test(m[1]) && !new RegExp(`^(${MONTH_PATTERN}|${WEEKDAY_PATTERN})(?![\\p{L}])`, 'iu').test(m[1])) {
      topic = m[1].replace(/[.?!]+$/, '').trim();
      break;
    }
  }
  if (!topic) {
    for (const s of ss) {
      const m =
        /(?:^|\s|,)(?:om|kring|about|regarding)\s+(?!(?:det|du|ni|man|jag|sig|mig|dig|oss|er|dem|honom|henne|hen|varandra|möjligt|(?:en|ett|två|tre|fyra|fem|sex|\d+)\s+(?:dag|dagar|vecka|veckor|månad|månader)\b|\d))(.+)$/i.exec(s) ??
        // English "…, on buying services from …", "a session … on offering work placements": "on" and a topic, not a day, a date or a platform
        new RegExp(`(?:,|\\b(?:session|meeting|briefing|panel|workshop|seminar|webinar|talk|breakfast|lunch|conversation|dialogue|event))\\s+on\\s+(?!(?:the\\s+)?\\d|(?:${MONTH_PATTERN}|${WEEKDAY_PATTERN})\\b|(?:teams|zoom|site|line|behalf|time)\\b)(.+)$`, 'i').exec(s);
      if (m && !new RegExp(`^(${MONTH_PATTERN}|${WEEKDAY_PATTERN})(?![\\p{L}])`, 'iu').test(m[1]) && !/^(?:inbjudan|utkast|hjälp)/i.test(m[1])) {
        // "Frågor om upphandlingen ska ställas i …": the "om" phrase ends where the sentence's verb begins
        // a question as the topic ("hur staden kan …", "how the city can …") keeps its own verb
        const question = /^(?:hur|vad|vilka|vilken|vilket|varför|när|var|how|what|which|why|when|where|whether)\b/i.test(m[1]);
        // (… and so does a question later in it: "kommande upphandlingar, typ hur vi kan göra det lättare …", "Norrbyparken,
        // hur den kan bli tryggare": cut at its verb, it would end "… hur vi.")
        const whole = m[1].replace(/[.?!]+$/, '').trim();
        const verb = /\s+(?:ska|skall|kommer att|måste|bör|kan|får|ställs|skickas|lämnas|should|must|will|can|are|is)\s.*$/i.exec(whole);
        const asksBefore = verb && /(?<![\p{L}])(?:hur|vad|vilka|vilken|vilket|varför|när|how|what|which|why|when|whether)(?![\p{L}])/iu.test(whole.slice(0, verb.index));
        topic = question || !verb || asksBefore ? whole : whole.slice(0, verb.index).trim();
        break;
      }
    }
  }
  // the spoken filler "typ" before a question is left out: "…, typ hur vi kan …" is "…, hur vi kan …"
  if (topic) topic = topic.replace(/(?:,\s*|\s+)typ\s+(?=(?:hur|vad|vilka|vilken|vilket|varför|när|att)(?![\p{L}]))/iu, ', ');
  // an opening with no other purpose: what is opened ("Vi inviger den nya cykelverkstaden vid stationen")
  if (!goal && !topic) {
    const o = /(?<![\p{L}])(invigning|öppning|opening|inauguration)\s+(?:av|of)\s+((?:(?:den|det|de|vår|vårt|våra|the|our)\s+)?[^.!?–;]+)/iu.exec(text);
    if (o) {
      const what = stripFacts(o[2]!);
      if (what) goal = /^(opening|inauguration)$/i.test(o[1]!) ? `we are opening ${what}` : `vi inviger ${what}`;
    }
  }
  // "dialogmöte om återbruk med företagare i Lund": who the meeting is with ends the topic (it is the audience)
  // (not in a question, "how schools can offer jobs together with social enterprises", whose words are all its topic)
  // (a theme the request states, "Ämne: Hur gör vi Storgatan levande även efter kl 18?", is its own words: its "kl 18" is
  // part of the question, not the meeting's time)
  // (the topic is the theme whenever the request states one: the searches below run only without it)
  const stated = themeTopic !== null;
  if (topic && !stated) topic = stripFacts(QUESTION_START.test(topic) ? topic : topic.replace(TOPIC_THEN_AUDIENCE, ''));
  if (topic) topic = indirectQuestion(topic).replace(/\?+$/, '');
  if (goal) goal = stripFacts(goal);
  // a topic that is only the kind of meeting ("inbjudan till sociala företag om dialogmöte …") says nothing it is about
  if (topic && /^(?:ett?\s+|an?\s+)?(?:\p{L}*möte[nt]?|träff(?:en)?|workshop(?:en)?|samtal(?:et)?|seminari(?:um|et)|dialog(?:en)?|meeting|dialogue|session)$/iu.test(topic.trim())) topic = null;
  // (`stated`: the topic is the request's own "Ämne: …", kept as written)
  return { topic: topic || null, goal: goal || null, stated: stated && !!topic };
}

/** Nouns for the groups a meeting is with (företagare, föreningar, kollegor, businesses …), also ending compounds. */
const GROUP_NOUNS = '[\\p{L}-]*(?:företagare|företag|föreningar|organisationer|invånare|boende|kollegor|kollegorna|medarbetare|chefer|rektorer|aktörer|entreprenörer|representanter|ledamöter|politiker|näringsliv\\p{L}*|businesses|companies|enterprises|organisations|organizations|residents|colleagues|employers|associations|partners)';
/** " med <group>…" after a topic: the audience, not part of what the meeting is about. */
const QUESTION_START = /^(?:hur|vad|vilka|vilken|vilket|varför|när|var|how|what|which|why|when|where|whether)\b/i;

/**
 * A topic written as a direct question ("Hur gör vi Storgatan levande?", "How can we make the centre safer?") as the
 * indirect one an invitation's "Vi vill prata med er om …" needs: with a pronoun subject the verb moves after it ("hur vi
 * gör Storgatan levande", "how we can make …"; English "do" goes); any other direct question is quoted as the question it
 * is ("frågan ”Hur kan kommunen …?”"). A topic that is no direct question is returned as it is.
 */
export function indirectQuestion(topic: string): string {
  const t = topic.trim().replace(/\?+$/, '');
  const sv = /^(hur|vad|vilka|vilken|vilket|varför|när|var)\s+(\p{L}+)\s+(vi|ni|de|dom|man|jag|du)(?![\p{L}])(.*)$/iu.exec(t);
  if (sv && !/^(?:som|att|det)$/i.test(sv[2]!)) return `${sv[1]!.toLowerCase()} ${sv[3]!.toLowerCase()} ${sv[2]!.toLowerCase()}${sv[4]}`;
  const enDo = /^(how|what|which|why|when|where)\s+(?:do|does|did)\s+(we|you|they|i|one)(?![\p{L}])(.*)$/iu.exec(t);
  if (enDo) return `${enDo[1]!.toLowerCase()} ${enDo[2]}${enDo[3]}`;
  const enModal = /^(how|what|which|why|when|where)\s+(can|could|should|will|would|shall|must|are)\s+(we|you|they|i)(?![\p{L}])(.*)$/iu.exec(t);
  if (enModal) return `${enModal[1]!.toLowerCase()} ${enModal[3]} ${enModal[2]!.toLowerCase()}${enModal[4]}`;
  // a question with its verb before a subject that is no pronoun ("Hur kan kommunen …?", "How can the city …?"): quoted
  if (/^\p{Lu}/u.test(t) && QUESTION_START.test(t) && /\?\s*$/.test(topic.trim())) {
    return /^(?:how|what|which|why|when|where|whether)\b/i.test(t) ? `the question “${t}?”` : `frågan ”${t}?”`;
  }
  return topic;
}
const TOPIC_THEN_AUDIENCE = new RegExp(`(?<!tillsammans|together|samarbete|samverkan|cooperation|partnership)\\s+(?:med|with)\\s+(?:[\\p{L}-]+\\s+){0,2}?${GROUP_NOUNS}(?![\\p{L}]).*$`, 'iu');

/** "om två veckor", "in three weeks": when, not what about. */
const TIME_SPAN = /^(?:en|ett|två|tre|fyra|fem|sex|a|one|two|three|four|\d+)\s+(?:dag|dagar|vecka|veckor|månad|månader|days?|weeks?|months?)\b/i;

/** Relative time words that name no single date ("nästa vecka", "next month"): when, not what about. */
const UNDATED_WHEN = /(?<![\p{L}])(?:(?:någon gång|i|under)\s+)?(?:nästa|kommande|next|this|denna|den här)\s+(?:vecka|veckan|månad|månaden|week|month)(?![\p{L}])|(?<![\p{L}])(?:om|in)\s+(?:en|ett|två|tre|fyra|fem|sex|one|a|two|three|four|five|six|\d+)\s+(?:dag|dagar|vecka|veckor|månad|månader|days?|weeks?|months?)(?![\p{L}])/iu;

/**
 * A topic or goal without the date expressions the request's dates were read from (`sources`) or relative time words
 * with no date: the phrase ends where the first of them begins, unless what follows is joined on by "och"/"and" (then
 * only the date words go).
 */
export function withoutDateWords(s: string, sources: string[]): string {
  let out = s;
  for (;;) {
    let at = -1;
    let len = 0;
    for (const src of sources) {
      if (!src) continue;
      const re = new RegExp(`(?<![\\p{L}\\d])${src.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\d])`, 'iu');
      const m = re.exec(out);
      if (m && (at < 0 || m.index < at)) {
        at = m.index;
        len = m[0].length;
      }
    }
    const u = UNDATED_WHEN.exec(out);
    if (u && (at < 0 || u.index < at)) {
      at = u.index;
      len = u[0].length;
    }
    if (at < 0) break;
    // the words that lead into a date ("den", "on", "the", "på", a weekday before "den 8 december") go with it
    const before = out.slice(0, at).replace(new RegExp(`(?:[\\s,]+(?:den|on|the|på|kl\\.?|at|(?:${WEEKDAY_PATTERN})(?:en)?))*[\\s,–-]*$`, 'iu'), '');
    const after = out.slice(at + len);
    const joined = /^\s*,?\s*(?:och|samt|and)\s+(?!(?:kl|klockan|at)\b)/i.exec(after);
    out = joined ? `${before} ${after.trim()}` : before;
    if (!out.trim()) return '';
  }
  // a week number left at the end once its weekday went with the date ("nya fritidsgården, v. 6" of "…, v. 6 onsdag kl 15")
  out = out.replace(/[\s,–-]*(?<![\p{L}])(?:v\.?|vecka|veckan|week)\s*\d{1,2}\s*$/iu, '');
  return stripFacts(out);
}

/** A registration clause ("anmälan senast … till …", "OSA till …") or a sign-off ("hälsningar Anna Berg, …") after a comma or dash: no part of a topic. */
const AFTER_CLAUSE = /\s*[,;–]\s*(?:(?:länk|link|plats|lokal|venue|location|place|tid|time|datum|date|adress|address)\s*:|https?:\/\/\S*|anmälan|anmäl\p{L}*|osa|o\.s\.a\.?|svara|svar|sista dag|rsvp|register\p{L}*|registration|sign[- ]?up|reply|kontakt\p{L}*|contact|frågor|questions|(?:med\s+)?vänlig(?:a)?\s+hälsning(?:ar)?|hälsning(?:ar)?|mvh|vh|(?:best|kind|warm)\s+regards|regards|best wishes|cheers)(?![\p{L}]).*$/iu;

/** A sign-off ending the request: "hälsningar Anna Berg, Arbetsmarknadsförvaltningen", "mvh Kim", "Best regards, Sam Lee". */
const SIGN_OFF = /(?:^|[,.;!?–\n]\s*|\s)(?:(?:med\s+)?vänlig(?:a)?\s+hälsning(?:ar)?|hälsning(?:ar)?|mvh|vh|(?:best|kind|warm)\s+regards|regards|best wishes|cheers)\s*,?\s+([A-ZÅÄÖÉ][\p{L}-]+(?:\s+[A-ZÅÄÖÉ][\p{L}-]+){0,2})(?:\s*,\s*([A-ZÅÄÖÉ][^,.!?\n\d@]{1,60}?))?\s*[.!]?\s*$/u;

/** The sender a request names as such: "Avsändare: Mölndals stad, vuxenutbildningen", "X och Y står som avsändare", "Sender: …". */
const LABELLED_SENDER = [
  /(?<![\p{L}])(?:[Aa]vsändare|[Aa]vsändaren|[Ss]ender|[Ss]igned|[Uu]ndertecknas av|[Uu]ndertecknat av)\s*:?\s+(\p{Lu}[^.!?\n@]{1,80}?)\s*(?:[.!?\n]|$)/u,
  /(?:^|[.!?]\s+)(\p{Lu}[^.!?\n@]{1,80}?)\s+(?:står|ska stå|står med)\s+som\s+avsändare/u,
];
export function labelledSender(text: string): string | null {
  for (const re of LABELLED_SENDER) {
    const m = re.exec(text);
    if (m) return m[1]!.trim();
  }
  return null;
}

/** The sender a sign-off names, with the unit after a comma when given. */
export function findSignOff(text: string): { name: string; unit: string | null } | null {
  const m = SIGN_OFF.exec(text);
  if (!m || MONTH_OR_DAY.test(m[1]!)) return null;
  return { name: m[1]!.trim(), unit: m[2]?.trim() || null };
}

/** Cuts a purpose phrase at the first logistics (date, time, place) it runs into. */
function stripFacts(s: string): string {
  s = s.replace(AFTER_CLAUSE, '');
  const cut = new RegExp(`\\s*(?:,|\\s)\\s*(?:(?:på|on)\\s+(?:${Object.keys(HOLIDAY_ALIASES).join('|')})\\b|(?:(?:on|this|next|nästa|på|kommande)\\s+)?(?:${WEEKDAY_PATTERN})(?:en)?\\b(?=\\s*(?:den\\s+|the\\s+|v[.\u2024]?\\s*|vecka\\s+|week\\s+)?\\d|\\s*(?:kl\\.?|klockan|at)\\b|\\s+(?:i|på|vid|in|at)\\s+[A-ZÅÄÖ]|\\s*[,.;!?]|\\s*$)|(?:on|this|next|nästa|på|kommande)\\s+(?:${WEEKDAY_PATTERN})(?:en)?\\b|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}\\/\\d{1,2}|den\\s+\\d|on\\s+\\d|\\d{1,2}\\s+(?:${MONTH_PATTERN})|kl\\.?\\s*\\d|klockan|at\\s+\\d|\\d{1,2}[.:]\\d{2}|(?:på|i|at)\\s+[A-ZÅÄÖ][\\wåäö]*s?\\s+(?:bibliotek|library|hus|huset|hall|sal|salen)\\b|(?:i|på|in)\\s+(?:rum|sal|room|lokal)\\s+\\w+|(?:på|i|at|in)\\s+(?:the\\s+)?(?:[A-ZÅÄÖ][\\wåäö]*|[a-zåäö]*(?:stads|råd|kultur|medborgar|folkets\\s))(?:huset|salen|hallen|biblioteket|gården|skolan|kyrkan|museet|centret|town hall|city hall|library)\\b).*$`, 'i');
  return s.replace(cut, '').replace(/[.?!,;]+$/, '').trim();
}

function findContactName(text: string, email: string | null): string | null {
  const NAME = "([A-ZÅÄÖÉ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?(?:\\s+[A-ZÅÄÖÉ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?){1,2})";
  const patterns = [
    new RegExp(`(?:kontakt(?:person)?|kontakta|frågor till|contact(?: person)?|questions to|rsvp to|osa till|anmälan till|svar till)\\s*:?\\s*(?:mig,?\\s*)?${NAME}`, 'i'),
    new RegExp(`(?:till mig|jag heter|från mig|mig|me|my name is|i am|i'm)\\s*,?\\s*${NAME}`),
    new RegExp(`(?:OSA|RSVP|Kontakt|Contact)[^.]*?\\b${NAME}\\s*[,(]`),
  ];
  for (const re of patterns) {
    const m = re.exec(text);
    // the keywords match in any case; the name is its capitalised words only ("Kim Berg senast" → "Kim Berg")
    const name = m ? m[1].trim().split(/\s+/).filter((w, i, all) => all.slice(0, i + 1).every((x) => /^[A-ZÅÄÖÉ]/.test(x))).join(' ') : '';
    if (m && name.split(' ').length >= 2 && !MONTH_OR_DAY.test(name)) return name;
  }
  if (email) {
    const i = text.indexOf(email);
    const before = text.slice(Math.max(0, i - 50), i);
    const m = new RegExp(`${NAME}\\s*[,(:]?\\s*(?:e-?post:?|mejl:?|e-?mail:?)?\\s*$`).exec(before);
    if (m && !MONTH_OR_DAY.test(m[1])) return m[1].trim();
  }
  return null;
}
const MONTH_OR_DAY = new RegExp(`\\b(${MONTH_PATTERN}|${WEEKDAY_PATTERN}|OSA|RSVP|Teams|Zoom)\\b`, 'i');

function findHost(text: string): string | null {
  const sv = /\bmed\s+((?:vår|vårt|stadens|kommunens|regionens)\s+)?([a-zåäö-]*(?:direktör(?:en)?|ordförande(?:n)?|kommunalråd(?:et)?|borgmästare(?:n)?|förvaltningschef(?:en)?|stadsdirektör(?:en)?|chef(?:en)?|rektor(?:n)?))\b/i.exec(text);
  if (sv) return ((sv[1] ?? '') + sv[2]).trim();
  const en = /\b(?:with|hosted by|host(?:ed)?:)\s+(?:the\s+|our\s+)?((?:city\s+|municipal\s+|chief\s+|executive\s+)*(?:manager|mayor|director|ceo|chair(?:person)?|head of [a-z ]+?))\b/i.exec(text);
  if (en) return en[1].trim();
  return null;
}
