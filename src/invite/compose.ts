/**
 * Builds the invitation from the parsed request and the method in the reports: a clear purpose
 * without a ready-made solution, the participants define the need, what is in it for them, room
 * for their input, what happens afterwards, and how to reply. Every fact comes from the request;
 * a fact it lacks becomes a visible placeholder and is listed in `missing`.
 */
import { EN_MONTHS, EN_WEEKDAYS, SV_MONTHS, SV_WEEKDAYS } from './dates.js';
import { AUDIENCE_NAMES, BENEFITS, type Benefit } from './method.js';
import { unicodeWords } from '../text/words.js';
import { PERSONAL_TITLES, type AudienceKey, type ParsedDate, type ParsedInvite } from './parse.js';

export interface DraftSection {
  heading?: string;
  paragraphs: string[];
  bullets?: string[];
}

export interface Draft {
  subject: string;
  greeting: string;
  sections: DraftSection[];
  closing: string[];
  /** which facts are placeholders: date, time, place, link, contact, rsvpBy, registrationLink, purpose, followUp */
  missing: string[];
  /** the method points (see method.ts) the draft uses, for citations */
  points: string[];
  /** the logistics as label/value pairs (for cards) */
  facts: Array<{ label: string; value: string }>;
}

export const PLACEHOLDERS = {
  sv: {
    date: '[DATUM]', time: '[TID]', place: '[PLATS]', contact: '[KONTAKT]', rsvpBy: '[SISTA SVARSDAG]',
    registrationLink: '[ANMÄLNINGSLÄNK]', purpose: '[SYFTE]', followUp: '[VAD HÄNDER EFTERÅT]',
    name: '[NAMN]', company: '[FÖRETAG]', sender: '[AVSÄNDARE]',
    link: (platform: string | null) => (platform ? `[${platform.toUpperCase().replace(/\s+/g, '-')}-LÄNK]` : '[MÖTESLÄNK]'),
  },
  en: {
    date: '[DATE]', time: '[TIME]', place: '[PLACE]', contact: '[CONTACT]', rsvpBy: '[RSVP DATE]',
    registrationLink: '[REGISTRATION LINK]', purpose: '[PURPOSE]', followUp: '[WHAT HAPPENS AFTERWARDS]',
    name: '[NAME]', company: '[COMPANY]', sender: '[SENDER]',
    link: (platform: string | null) => (platform ? `[${platform.toUpperCase()} LINK]` : '[MEETING LINK]'),
  },
};

const WORK_TOPIC = /kompetens|rekryt|personal|anställ|arbetskraft|jobb|arbete|sysselsättning|praktik|recruit|staff|skills|talent|employ|jobs?\b|hiring/i;

export function formatDate(d: ParsedDate, lang: 'sv' | 'en'): string {
  const [y] = d.iso.split('-');
  if (lang === 'en') {
    return `${d.weekday !== null ? EN_WEEKDAYS[d.weekday] + ' ' : ''}${d.day} ${EN_MONTHS[d.month - 1]}${d.yearGiven ? ' ' + Number(y) : ''}`;
  }
  return `${d.weekday !== null ? SV_WEEKDAYS[d.weekday] + ' ' : ''}${d.day} ${SV_MONTHS[d.month - 1]}${d.yearGiven ? ' ' + Number(y) : ''}`;
}

function ampm(t: string): { h: string; suffix: string } {
  const [h, m] = t.split(':').map(Number);
  const suffix = h >= 12 ? 'pm' : 'am';
  const h12 = h % 12 || 12;
  return { h: m ? `${h12}:${String(m).padStart(2, '0')}` : String(h12), suffix };
}

function durationText(min: number, lang: 'sv' | 'en'): string {
  if (min % 60 === 0) {
    const h = min / 60;
    return lang === 'en' ? `${h} hour${h === 1 ? '' : 's'}` : `${h} ${h === 1 ? 'timme' : 'timmar'}`;
  }
  return lang === 'en' ? `${min} minutes` : `${min} minuter`;
}

/** The time as the invitation shows it; null when the request gives no start time. */
export function formatTime(p: ParsedInvite, lang: 'sv' | 'en'): string | null {
  if (!p.start) return null;
  const showEnd = p.end && !p.endFromDuration ? p.end : null;
  // an end the request gives as approximate is shown so ("kl. 09.00–ca 15.00", "9 am–about 3 pm")
  const about = p.endApprox ? (lang === 'en' ? 'about ' : 'ca ') : '';
  const dur = p.endFromDuration && p.durationMinutes ? ` (${durationText(p.durationMinutes, lang)})` : '';
  if (lang === 'en') {
    if (p.timeStyle === 'ampm') {
      const a = ampm(p.start);
      if (!showEnd) return `${a.h} ${a.suffix}${dur}`;
      const b = ampm(showEnd);
      return a.suffix === b.suffix && !about ? `${a.h}–${b.h} ${b.suffix}${dur}` : `${a.h} ${a.suffix}–${about}${b.h} ${b.suffix}${dur}`;
    }
    return `${p.start}${showEnd ? '–' + about + showEnd : ''}${dur}`;
  }
  const sep = p.timeStyle === ':' ? ':' : '.';
  const f = (t: string) => t.replace(':', sep);
  return `kl. ${f(p.start)}${showEnd ? '–' + about + f(showEnd) : ''}${dur}`;
}

/**
 * "de" as the article of an adjective and a definite noun ("de reserverade kontrakten", "de nya
 * reglerna"): not the audience. A pronoun "de" is followed by a verb (an auxiliary such as "ska",
 * "kunde", or a finite verb), not by an adjective in -a/-e and a noun in -en/-na/-et.
 */
const DE_ARTICLE = /\bde(?=\s+(?!(?:ska|skulle|kan|kunde|vill|ville|måste|hade|fick|borde|brukade|inte|också|alla|själva|båda)\b)\p{L}+[ae]\s+\p{L}{2,}(?:en|na|et)\b)/gu;

function swapSv(s: string, du: boolean): string {
  // "de/dem/deras" of the request are the audience; a request's own "ni/er" or "du/dig" follow the chosen form
  const out = s
    .replace(DE_ARTICLE, '\u0000')
    .replace(/\bde\b/g, du ? 'du' : 'ni')
    .replace(/\u0000/g, 'de')
    .replace(/\bdem\b/g, du ? 'dig' : 'er')
    .replace(/\bderas\b/g, du ? 'dina' : 'era')
    .replace(/\bsina\b/g, du ? 'dina' : 'era');
  return du
    ? out.replace(/\bni\b/g, 'du').replace(/\bera\b/g, 'dina').replace(/\bert\b/g, 'ditt').replace(/\ber\b(?=\s+[a-zåäö]{3,})/g, 'din').replace(/\ber\b/g, 'dig')
    : out.replace(/\bdu\b/g, 'ni').replace(/\bdina\b/g, 'era').replace(/\bditt\b/g, 'ert').replace(/\b(din|dig)\b/g, 'er');
}

function swapEn(s: string): string {
  return s
    .replace(/\bthey\b/gi, 'you')
    .replace(/\bthem\b/gi, 'you')
    .replace(/\btheir\b/gi, 'your')
    .replace(/\bthemselves\b/gi, 'yourselves');
}

function cap(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

function lowerFirst(s: string): string {
  return /^[A-ZÅÄÖ][a-zåäö]/.test(s) && !/^(HETCH|Mindpark|Helsingborg)/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}

function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : t + '.';
}

/** Lätt svenska: common words for the jargon a request may carry into the purpose. */
const EASY_WORDS: Array<[RegExp, string]> = [
  [/kompetensförsörjning(en)?/gi, 'att hitta personal'],
  [/kompetensbehov/gi, 'behov av personal'],
  [/samskapande yta/gi, 'plats där vi skapar saker tillsammans'],
  [/samskapande(t)?/gi, 'att skapa något nytt tillsammans'],
  [/samverkan/gi, 'att arbeta tillsammans'],
  [/målgrupp(en|er|erna)?/gi, 'de som berörs'],
  [/aktörer(na)?/gi, 'de som är med'],
  [/delaktighet/gi, 'att vara med'],
  [/dialog(en)?/gi, 'samtal'],
  [/förvaltning(en|ar|arna)?/gi, 'delar av kommunen'],
  [/implementer(a|ing)/gi, 'genomföra'],
];

export function easyWords(s: string): string {
  let t = s;
  for (const [re, rep] of EASY_WORDS) t = t.replace(re, rep);
  return t;
}

function contactText(p: ParsedInvite): string | null {
  const parts = [p.contact.name, p.contact.email, p.contact.phone].filter((x): x is string => !!x);
  return parts.length ? parts.join(', ') : null;
}

/** a form of working together the meeting is already about ("dialog om kommande upphandling av mattransporter") */
const ROUTE_NAMED = unicodeWords(/\b(?:upphandl\p{L}*|IOP|idéburet offentligt partnerskap|ramavtal\p{L}*|direktupphandl\p{L}*|procurement|tender\p{L}*|public[- ]civic partnership)\b/iu);

/**
 * Whether a benefit line fits the request: a work-only line where work is the topic, a line that assumes
 * nothing is decided only where nothing is, and the line that offers to explore the forms of working
 * together ("till exempel upphandling eller IOP. Inget är bestämt i förväg") not where the meeting is
 * already about one of them.
 */
function fitsRequest(b: Benefit, p: ParsedInvite, about: string): boolean {
  return (!b.workOnly || WORK_TOPIC.test(about)) && !(b.open && p.decided) && !(b.point === 'iop' && ROUTE_NAMED.test(about));
}

function benefitsFor(p: ParsedInvite, lang: 'sv' | 'en' | 'easy'): string[] {
  const about = `${p.topic ?? ''} ${p.goal ?? ''}`;
  const pick = (key: AudienceKey): Benefit[] => BENEFITS[key].filter((b) => fitsRequest(b, p, about));
  const keys = p.audiences.length ? p.audiences : [];
  if (keys.length <= 1 || sameFamily(keys)) {
    if (!keys.length) return [BENEFITS.trade[2][lang]];
    const lines = keys.flatMap((k) => pick(k).map((b) => b[lang]));
    // no sentence said twice: a line whose opening clause an earlier line has said ("Ni får berätta om er verksamhet, …"
    // and "… och om behoven …") is left out
    const opening = (l: string) => l.toLowerCase().split(/,|\s+(?:och|and|så att|so that)\s+/)[0]!.trim();
    return lines.filter((l, i) => lines.findIndex((x) => opening(x) === opening(l)) === i).slice(0, 4);
  }
  // mixed audience: one line per group, the group named first
  return keys.flatMap((k) => {
    const names = AUDIENCE_NAMES[k];
    const b = pick(k)[0];
    if (!b) return [];
    const label = lang === 'en' ? names.enShort : names.svShort;
    return [`${label}: ${lowerFirst(b[lang])}`];
  });
}

const FAMILIES: AudienceKey[][] = [['business', 'trade'], ['social', 'civil'], ['residents'], ['internal']];
function sameFamily(keys: AudienceKey[]): boolean {
  return FAMILIES.some((f) => keys.every((k) => f.includes(k)));
}

export function benefitPoints(p: ParsedInvite): string[] {
  const about = `${p.topic ?? ''} ${p.goal ?? ''}`;
  const keys = p.audiences.length ? p.audiences : [];
  const pts = new Set<string>();
  for (const k of keys) for (const b of BENEFITS[k].filter((x) => fitsRequest(x, p, about)).slice(0, keys.length > 1 && !sameFamily(keys) ? 1 : 9)) pts.add(b.point);
  return [...pts];
}

/**
 * The form of address, chosen once for the whole text: what the request asks for ("med du"), else du
 * to one person (a personal invitation, a named recipient, "dig som …") and in lätt svenska, which speaks
 * to each reader ("Tilltala läsaren med du": Myndigheten för tillgängliga medier's advice on easy-to-read
 * Swedish; Språkrådet recommends du to the public too), and ni to a group or organisations otherwise.
 */
export function usesDu(p: ParsedInvite): boolean {
  if (p.addressAsked) return p.addressAsked === 'du';
  return p.personal || p.singleRecipient || (p.tone === 'easy' && p.language === 'sv');
}

/**
 * The invited person's name in the audience label, for the greeting: the name after a comma ("ordföranden i
 * Hyresgästföreningen Kroksbäck, Ahmed Yusuf"), a first and last name before the workplace or role ("Anna Berg,
 * verksamhetsledare på …"), or a first name alone ("vår nya kollega Johan på …", "Pernilla på …"). Null if none.
 */
export function personName(label: string): string | null {
  const afterComma = /,\s*([A-ZÅÄÖ][a-zåäöé]+\s+[A-ZÅÄÖ][a-zåäöé]+)$/.exec(label);
  if (afterComma) return afterComma[1]!;
  const head = label.split(/,|\s+(?:på|från|vid|hos|i|at|from|of)\s+/)[0]!.trim();
  return /(?:^|\s)([A-ZÅÄÖ][a-zåäöé]+\s+[A-ZÅÄÖ][a-zåäöé]+)$/.exec(head)?.[1] ?? /(?:^|\s)([A-ZÅÄÖ][a-zåäöé]+)$/.exec(head)?.[1] ?? null;
}

const TITLE_START = new RegExp(`^(${PERSONAL_TITLES})\\.?\\s`, 'i');

/** The name an English greeting uses: the title and surname when the label gives a title ("Dr. Sofia Lund" → "Dr. Lund"), else the name (personName). */
export function salutationName(label: string): string | null {
  const name = personName(label);
  const title = TITLE_START.exec(label.trim());
  return title && name ? `${title[1]}. ${name.split(/\s+/).at(-1)}` : name;
}

/** Composes the invitation. */
export function compose(p: ParsedInvite): Draft {
  let d = p.tone === 'easy' && p.language === 'sv' ? composeEasy(p) : p.language === 'en' ? composeEn(p) : composeSv(p);
  // "Ni med stort N": every form of ni written with its capital (Ni, Er, Ert, Era)
  if (p.capitalNi && p.language === 'sv' && !usesDu(p)) {
    const cap = (t: string) => t.replace(/(?<![\p{L}])(ni|er|ert|era)(?![\p{L}])/gu, (w) => w[0]!.toUpperCase() + w.slice(1));
    d = { ...d, greeting: cap(d.greeting), sections: d.sections.map((x) => ({ ...x, heading: x.heading && cap(x.heading), paragraphs: x.paragraphs.map(cap), bullets: x.bullets?.map(cap) })), closing: d.closing.map(cap) };
  }
  // a heading with nothing under it (a short text leaves "Så går det till" empty) is left out
  return { ...d, sections: d.sections.filter((x) => x.paragraphs.length || x.bullets?.length || !x.heading) };
}

function logistics(p: ParsedInvite, lang: 'sv' | 'en', missing: Set<string>) {
  const ph = PLACEHOLDERS[lang];
  const date = p.date ? `${formatDate(p.date, lang)}${p.dateTentative ? (lang === 'en' ? ' (provisional)' : ' (preliminärt)') : ''}` : (missing.add('date'), ph.date);
  // (a part of the day the request gives stays with the placeholder for the hour: "på eftermiddagen, [TID]")
  const time = formatTime(p, lang) ?? (missing.add('time'), p.dayPart ? `${p.dayPart[lang]}, ${ph.time}` : ph.time);
  let place: string;
  let link: string | null = null;
  // an English invitation from a Swedish request: the place's room and floor words in English ("Science Park, room Atrium")
  const venue = p.place && lang === 'en' ? placeInEnglish(p.place) : p.place;
  if (p.online) {
    link = p.link ?? p.later.link ?? (missing.add('link'), ph.link(p.platform));
    const via = p.platform ? (lang === 'en' ? `online via ${p.platform}` : `digitalt via ${p.platform}`) : lang === 'en' ? 'online' : 'digitalt';
    // a hybrid meeting: on site and online at the same time ("i stadshuset och via Teams")
    place = venue ? (p.platform ? `${venue}, ${lang === 'en' ? 'and' : 'och'} ${p.platform}` : `${venue}, ${lang === 'en' ? 'or ' : 'eller '}${via}`) : cap(via);
  } else {
    place = venue ?? (p.later.place ? (lang === 'en' ? 'to be announced' : 'meddelas senare') : (missing.add('place'), ph.place));
  }
  return { date, time, place, link };
}

/**
 * A place as a Swedish request words it, with its room and floor words in English: "rum Atrium" → "room Atrium",
 * "plan 3" / "våning 3" → "floor 3", "sal B" → "hall B" (only before a name or a number; the names stay as written).
 */
export function placeInEnglish(place: string): string {
  return place
    .replace(/(?<![\p{L}])(?:rum|rummet|mötesrum(?:met)?|konferensrum(?:met)?)(?=\s+(?:\p{Lu}|\d))/gu, (w) => (/^konferens/.test(w) ? 'conference room' : /^möte/.test(w) ? 'meeting room' : 'room'))
    .replace(/(?<![\p{L}])(?:plan|våning)(?=\s+\d)/gu, 'floor')
    .replace(/(?<![\p{L}])(?:sal|salen)(?=\s+(?:\p{Lu}|\d))/gu, 'hall');
}

function composeSv(p: ParsedInvite): Draft {
  const ph = PLACEHOLDERS.sv;
  const missing = new Set<string>();
  const party = p.celebration;
  const points = party ? [] : ['defineNeed', 'clearPurpose', 'whyEngage'];
  const du = usesDu(p);
  const A = (t: string) => address(t, du);
  const fmt = p.format ?? (p.halfDay ? { sv: 'träff', svArticle: 'en' as const, en: 'meeting' } : { sv: 'möte', svArticle: 'ett' as const, en: 'meeting' });
  const fmtWord = p.halfDay && ['workshop', 'träff', 'konferens', 'seminarium'].includes(fmt.sv) ? `halvdags${fmt.sv}` : fmt.sv;
  const article = fmt.svArticle;
  const label = p.audienceLabel ?? (p.audiences.length ? p.audiences.map((a) => AUDIENCE_NAMES[a].sv).join(', ') : null);
  const { date, time, place, link } = logistics(p, 'sv', missing);
  const business = p.audiences.some((a) => a === 'business' || a === 'trade');

  const named = p.singleRecipient && label && !/^(dig|dej)\b/i.test(label) ? label : null;
  const greeting = named ? `Hej ${personName(named) ?? ph.name}!` : p.personal ? `Hej ${ph.name}!` : p.tone === 'formal' ? (label ? `Till ${label}` : 'Hej,') : 'Hej!';
  const opening = named
    ? `Vi vill gärna bjuda in ${A('{dig}')}, ${named}, till ${article} ${fmtWord}${p.host ? ` med ${p.host}` : ''}.`
    : p.personal
    ? `Vi vill gärna bjuda in ${A('{dig}')}${business ? ` och ${ph.company}` : ''} till ${article} ${fmtWord}${label ? ` för ${label}` : ''}${p.host ? ` med ${p.host}` : ''}.`
    : p.tone === 'formal'
      ? `Härmed inbjuds ${label ?? A('{du}')} till ${article} ${fmtWord}${p.host ? ` med ${p.host}` : ''}.`
      : `Välkommen till ${article} ${fmtWord}${label ? ` för ${label}` : ''}${p.host ? ` med ${p.host}` : ''}!`;

  const why: string[] = [];
  if (p.goal) {
    const g = swapSv(p.goal, du);
    why.push(sentence(/^(vi|jag)\b/i.test(g) ? cap(g) : `Syftet är att ${lowerFirst(g).replace(/^att\s+/i, '')}`));
  }
  if (p.topic) why.push(sentence(`${p.goal ? 'Vi vill också prata' : 'Vi vill prata'} med ${A('{dig}')} om ${swapSv(p.topic, du)}`));
  // a celebration needs no stated purpose: the party is the reason
  if (!p.goal && !p.topic && !party) {
    missing.add('purpose');
    why.push(`Syftet med mötet är ${ph.purpose}.`);
  }
  for (const b of p.background) why.push(sentence(cap(swapSv(b, du))));
  // the report's term, carried in from the request, is said in plain words once (000 2.1: a space where the
  // sectors meet to create something new together)
  if (why.some((w) => /samskapande ytan?\b/i.test(w))) {
    points.push('coCreation');
    why.push('Med en samskapande yta menar vi en mötesplats, det vill säga ett forum där kommunen, företag och invånare tar fram nya lösningar tillsammans.');
  } else if (p.coCreation && !party) {
    points.push('coCreation');
    why.push('Vi arbetar med samskapande, det vill säga att vi tar fram något nytt tillsammans.');
  }
  if (!p.decided && !party) {
    // the method's promise only where the request leaves the matter open
    points.push('noReadySolution');
    // (a short text asked for keeps the method's promise and leaves out what explains it)
    why.push(A(p.brief ? 'Vi kommer inte med en färdig lösning.' : 'Vi kommer inte med en färdig lösning. Det är {du} som vet vilka behov {du} har, och vi vill att {du} är med och beskriver dem från början.'));
    // that nothing is decided only where the request says so: the sender may not be able to promise it
    if (p.openMatter) {
      points.push('ideas');
      why.push(A('Inget är bestämt i förväg – idéerna ska komma från {dig} som deltar.'));
    }
  }

  const how: string[] = [];
  // a participant the request only hopes for is not promised
  if (p.participants && p.participantsTentative) how.push(`Vi hoppas att också ${swapSv(p.participants, du)} kan vara med, men det är inte bekräftat än.`);
  else if (p.participants) how.push(party ? `Också med är ${swapSv(p.participants, du)}.` : `Med på mötet finns också ${swapSv(p.participants, du)}.`);
  if (!party && !p.brief) how.push(
    p.decided
      ? A('Det finns gott om tid för {dina} frågor.')
      : A('Samtalet utgår från {dina} erfarenheter, behov och idéer, och det finns gott om utrymme för det {du} vill ta upp.'),
  );
  if (p.capacity) how.push(`Antalet platser är begränsat till ${p.capacity}.`);
  for (const x of p.arrangements) how.push(sentence(cap(swapSv(x, du))));
  if (p.treat) how.push(`Vi bjuder på ${p.treat}${p.wishes.fika && !/fika|kaffe/i.test(p.treat) ? ' och fika' : ''}.`);
  else if (p.wishes.fika) how.push('Det blir fika.');
  if (p.wishes.childrenWelcome) how.push('Barn är välkomna.');

  const when = [`Datum: ${date}`, `Tid: ${time}`, `Plats: ${place}`];
  if (link) when.push(`Länk: ${link}`);

  const after = p.followUp ? [sentence(swapSv(p.followUp, du))] : (missing.add('followUp'), [ph.followUp]);

  const contact = contactText(p) ?? (missing.add('contact'), ph.contact);
  const reply: string[] = [];
  const osa = p.rsvp.osa ? 'OSA' : A('Anmäl {dig}');
  if (p.wishes.noRegistration) {
    reply.push('Ingen anmälan behövs.');
    reply.push(party ? `Frågor? Kontakta ${contact}.` : A(`Har {du} något {du} särskilt vill ta upp, eller frågor? Kontakta ${contact}.`));
  } else {
    if (p.registrationLink) {
      const reg = p.registrationLink === 'later' ? (missing.add('registrationLink'), ph.registrationLink) : p.registrationLink;
      reply.push(A(`Anmäl {dig} via länken: ${reg}${p.rsvp.by ? `, senast ${formatDate(p.rsvp.by, 'sv')}` : ''}.`));
      reply.push(`Frågor? Kontakta ${contact}.`);
    } else {
      const by = p.rsvp.by ? formatDate(p.rsvp.by, 'sv') : (missing.add('rsvpBy'), ph.rsvpBy);
      reply.push(`${osa} senast ${by} till ${contact}.`);
    }
    if (!party && !p.brief) reply.push(A('Har {du} något {du} särskilt vill ta upp? Skriv det gärna när {du} svarar.'));
  }

  const benefits = benefitsFor(p, 'sv').map(A).slice(0, p.brief ? 1 : undefined);
  if (!party) for (const b of benefitPoints(p)) points.push(b);
  if (p.online && !p.place && !party) points.push('physical');

  const [whyOnce, howOnce] = once([why, how]);
  const sections: DraftSection[] = party
    ? [
        { paragraphs: [opening, ...whyOnce!, ...howOnce!] },
        ...agendaSection(p, 'Program', 'Program', () => partyAgenda(p, 'sv')),
        { heading: 'Tid och plats', paragraphs: when },
        { heading: p.wishes.noRegistration ? 'Kontakt' : 'Anmälan och kontakt', paragraphs: reply },
      ]
    : [
    { paragraphs: [opening] },
    { heading: 'Varför vi bjuder in', paragraphs: whyOnce },
    { heading: A('Vad får {du} ut av det?'), paragraphs: [], bullets: benefits },
    { heading: 'Så går det till', paragraphs: howOnce },
    ...agendaSection(p, 'Dagordning', 'Förslag på dagordning', () => agenda(p, 'sv', du)),
    { heading: 'Tid och plats', paragraphs: when },
    { heading: 'Efter mötet', paragraphs: after },
    { heading: p.wishes.noRegistration ? 'Kontakt' : 'Anmälan och kontakt', paragraphs: reply },
  ];
  if (party) missing.delete('followUp');
  const sign = p.sender ?? p.contact.name ?? ph.sender;
  const closing = p.tone === 'formal' ? ['Med vänliga hälsningar', sign] : ['Varmt välkommen!', sign];
  const subject = `Inbjudan till ${fmtWord}${subjectTopic(p, 'sv')}${p.date ? ' ' + formatDate(p.date, 'sv') : ''}`;
  return {
    subject,
    greeting,
    sections,
    closing,
    missing: [...missing],
    points: [...new Set(points)],
    facts: [
      { label: 'Datum', value: date },
      { label: 'Tid', value: time },
      { label: 'Plats', value: place },
      ...(link ? [{ label: 'Länk', value: link }] : []),
      { label: 'Kontakt', value: contact },
    ],
  };
}

/**
 * Sentence planning: each fact once. A sentence whose content words are (almost) all in an earlier
 * sentence of these paragraphs is dropped ("Vi vill prata om X." then "Vi vill också prata med er om X.").
 */
export function once(groups: string[][]): string[][] {
  const seen: Array<Set<string>> = [];
  const words = (t: string) => new Set((t.toLowerCase().match(/[\p{L}\d]{4,}/gu) ?? []).filter((w) => !ONCE_STOP.has(w)));
  return groups.map((g) =>
    g.filter((t) => {
      const w = words(t);
      if (w.size && seen.some((s) => [...w].filter((x) => s.has(x)).length / w.size >= 0.8)) return false;
      seen.push(w);
      return true;
    }),
  );
}
const ONCE_STOP = new Set('också vill prata with would like talk about also också gärna med oss dig er you'.split(' '));

/**
 * Du or ni throughout: {du} {Du} {dig} {din} {ditt} {dina} {själv} in the fixed texts become the chosen form
 * (ni, Ni, er, er, ert, era, själva for ni).
 */
export function address(t: string, du: boolean): string {
  const forms: Record<string, [string, string]> = {
    du: ['du', 'ni'], dig: ['dig', 'er'], din: ['din', 'er'], ditt: ['ditt', 'ert'], dina: ['dina', 'era'],
  };
  return t.replace(/\{själv\}/g, du ? 'själv' : 'själva').replace(/\{([dD])(u|ig|in|itt|ina)\}/g, (_, d: string, rest: string) => {
    const form = forms[`d${rest}`]![du ? 0 : 1];
    return d === 'D' ? cap(form) : form;
  });
}

/**
 * The agenda section, if any: the request's own agenda as it gives it under `givenHeading`, else, where an agenda is
 * asked for, the proposal `propose` makes under `proposedHeading`.
 */
function agendaSection(p: ParsedInvite, givenHeading: string, proposedHeading: string, propose: () => string[]): DraftSection[] {
  if (p.agendaGiven) return [{ heading: givenHeading, paragraphs: [], bullets: p.agendaGiven }];
  return p.agendaRequested ? [{ heading: proposedHeading, paragraphs: [], bullets: propose() }] : [];
}

/**
 * A proposed agenda, only from the request's own topics and the method's steps (purpose, the
 * participants' needs and ideas, next steps): no speakers, no times.
 */
export function agenda(p: ParsedInvite, lang: 'sv' | 'en' | 'easy', du: boolean): string[] {
  const items = topicItems(p);
  const topics = items.map((t) => cap(lang === 'en' ? swapEn(t) : swapSv(t, du)));
  if (lang === 'en') {
    return [
      'Welcome and the purpose of the meeting',
      ...(topics.length ? topics : [PLACEHOLDERS.en.purpose]),
      p.decided ? 'Your questions' : 'Your experience, needs and ideas',
      'Summary and next steps',
    ];
  }
  if (lang === 'easy') {
    return ['Vi hälsar välkomna och berättar varför vi träffas', ...(topics.length ? topics.map((t) => easyWords(t)) : [PLACEHOLDERS.sv.purpose]), address(p.decided ? '{Dina} frågor' : 'Vad {du} tycker och behöver', du), 'Vad händer sen?'];
  }
  return [
    'Välkommen och syftet med mötet',
    ...(topics.length ? topics : [PLACEHOLDERS.sv.purpose]),
    address(p.decided ? '{Dina} frågor' : '{Dina} erfarenheter, behov och idéer', du),
    'Sammanfattning och nästa steg',
  ];
}

/** A celebration's programme: its own topics, else a welcome, what is served and time together (no method steps). */
function partyAgenda(p: ParsedInvite, lang: 'sv' | 'en'): string[] {
  const topics = topicItems(p).map((t) => cap(lang === 'en' ? swapEn(t) : swapSv(t, usesDu(p))));
  const served = p.treat ?? (p.wishes.fika ? (lang === 'en' ? 'coffee' : 'fika') : null);
  return lang === 'en'
    ? ['Welcome', ...topics, ...(served ? [cap(served)] : []), 'Time together']
    : ['Välkommen', ...topics, ...(served ? [cap(served)] : []), 'Umgänge'];
}

/** The topics the request lists ("lokalvård, catering och cykelreparationer" → three), else its one topic. */
function topicItems(p: ParsedInvite): string[] {
  // (a goal said as "att ta fram idéer" or "to test the prototype" is the item "Ta fram idéer", "Test the prototype")
  const t = p.topic ?? (p.goal ? p.goal.replace(/^(vi|jag)\s+(vill|skulle vilja|behöver|hoppas)\s+(att\s+)?|^(we|i)\s+(want|would like|need|hope)\s+(to\s+)?|^att\s+(?!(?:vi|ni|man|de|du)\s)|^to\s+/i, '') : null);
  if (!t) return [];
  const parts = t.split(/,\s*|\s+(?:och|samt|and)\s+/).map((x) => x.trim()).filter(Boolean);
  if (parts.length >= 2 && parts.length <= 5 && parts.every((x) => x.split(/\s+/).length <= 8)) return parts.map((x) => x.replace(/^(t\.ex\.|till exempel|e\.g\.)\s*/i, ''));
  return [t];
}

function subjectTopic(p: ParsedInvite, lang: 'sv' | 'en'): string {
  const t = p.topic;
  if (!t || t.split(/\s+/).length > 5) return '';
  return lang === 'en' ? ` on ${swapEn(t)}` : ` om ${swapSv(t, usesDu(p))}`;
}

function composeEn(p: ParsedInvite): Draft {
  const ph = PLACEHOLDERS.en;
  const missing = new Set<string>();
  const party = p.celebration;
  const points = party ? [] : ['defineNeed', 'clearPurpose', 'whyEngage', ...(p.decided ? [] : ['noReadySolution'])];
  // names of holidays are capitalised in English ("a Christmas party")
  const fmt = (p.format?.en ?? 'meeting').replace(/\b(christmas|easter|midsummer|new year)\b/g, (w) => w.replace(/\b\p{L}/gu, (c) => c.toUpperCase()));
  const fmtWord = p.halfDay ? `half-day ${fmt}` : fmt;
  const article = /^[aeiou]/i.test(fmtWord) ? 'an' : 'a';
  const label = p.audienceLabel ?? (p.audiences.length ? p.audiences.map((a) => AUDIENCE_NAMES[a].en).join(', ') : null);
  const { date, time, place, link } = logistics(p, 'en', missing);
  const business = p.audiences.some((a) => a === 'business' || a === 'trade');

  // one named person is greeted by name, with the title the request gives ("Dr. Sofia Lund": "Dear Dr. Lund,")
  const named = p.singleRecipient && label && !/^you\b/i.test(label) ? label : null;
  const greeting = named ? `Dear ${salutationName(named) ?? ph.name},` : p.personal ? `Dear ${ph.name},` : p.tone === 'formal' ? 'Dear all,' : 'Hello,';
  const opening = named
    ? `We would like to invite you, ${named}, to ${article} ${fmtWord}${p.host ? ` with the ${p.host.replace(/^the\s+/i, '')}` : ''}.`
    : p.personal
    ? `We would like to invite you${business ? ` and ${ph.company}` : ''} to ${article} ${fmtWord}${label ? ` for ${label}` : ''}${p.host ? ` with the ${p.host.replace(/^the\s+/i, '')}` : ''}.`
    : `You are invited to ${article} ${fmtWord}${label ? ` for ${label}` : ''}${p.host ? ` with the ${p.host.replace(/^the\s+/i, '')}` : ''}.`;

  const why: string[] = [];
  if (p.goal) {
    const g = swapEn(p.goal);
    why.push(sentence(/^(we|i)\b/i.test(g) ? cap(g) : `The aim is to ${lowerFirst(g).replace(/^to\s+/i, '')}`));
  }
  if (p.topic) why.push(sentence(`${p.goal ? 'We would also like to talk' : 'We would like to talk'} with you about ${swapEn(p.topic)}`));
  if (!p.goal && !p.topic && !party) {
    missing.add('purpose');
    why.push(`The purpose of the meeting is ${ph.purpose}.`);
  }
  for (const b of p.background) why.push(sentence(cap(swapEn(b))));
  if (p.coCreation && !party) {
    points.push('coCreation');
    why.push('We will work through co-creation – that is, creating something new together.');
  }
  if (!p.decided && !party) {
    why.push('We are not bringing a ready-made solution. You know your needs best, and we want you to help define them from the start.');
    if (p.openMatter) {
      points.push('ideas');
      why.push('Nothing has been decided in advance – the ideas will come from the participants.');
    }
  }

  const how: string[] = [];
  if (p.participants && p.participantsTentative) how.push(`We hope that ${p.participants} can also take part, but this is not yet confirmed.`);
  else if (p.participants) how.push(`Also taking part: ${p.participants}.`);
  if (!party && !p.brief) how.push(p.decided ? 'There will be plenty of time for your questions.' : 'The conversation starts from your experience, needs and ideas, and there is plenty of room for what you want to raise.');
  if (p.capacity) how.push(`Places are limited to ${p.capacity}.`);
  for (const x of p.arrangements) how.push(sentence(cap(swapEn(x))));
  if (p.treat) how.push(`We will serve ${p.treat}${p.wishes.fika && !/fika|coffee/i.test(p.treat) ? ' and coffee' : ''}.`);
  else if (p.wishes.fika) how.push('There will be fika (coffee).');
  if (p.wishes.childrenWelcome) how.push('Children are welcome.');

  const when = [`Date: ${date}`, `Time: ${time}`, `${p.online && !p.place ? 'Where' : 'Place'}: ${place}`];
  if (link) when.push(`Link: ${link}`);
  const after = p.followUp ? [sentence(swapEn(p.followUp))] : (missing.add('followUp'), [ph.followUp]);

  const contact = contactText(p) ?? (missing.add('contact'), ph.contact);
  const reply: string[] = [];
  if (p.wishes.noRegistration) {
    reply.push('No registration needed.');
    reply.push(party ? `Questions? Contact ${contact}.` : `If there is something you would like to raise, or if you have questions, contact ${contact}.`);
  } else {
    if (p.registrationLink) {
      const reg = p.registrationLink === 'later' ? (missing.add('registrationLink'), ph.registrationLink) : p.registrationLink;
      reply.push(`Register via this link: ${reg}${p.rsvp.by ? `, by ${formatDate(p.rsvp.by, 'en')}` : ''}.`);
      reply.push(`Questions? Contact ${contact}.`);
    } else {
      const by = p.rsvp.by ? formatDate(p.rsvp.by, 'en') : (missing.add('rsvpBy'), ph.rsvpBy);
      reply.push(`Please reply by ${by} to ${contact}.`);
    }
    if (!party && !p.brief) reply.push('Is there something you would especially like to raise? Feel free to mention it when you reply.');
  }

  const benefits = benefitsFor(p, 'en').slice(0, p.brief ? 1 : undefined);
  if (!party) for (const b of benefitPoints(p)) points.push(b);
  if (p.online && !p.place && !party) points.push('physical');
  const [whyOnce, howOnce] = once([why, how]);
  if (party) missing.delete('followUp');
  const sections: DraftSection[] = party
    ? [
        { paragraphs: [opening, ...whyOnce!, ...howOnce!] },
        ...agendaSection(p, 'Programme', 'Programme', () => partyAgenda(p, 'en')),
        { heading: 'Time and place', paragraphs: when },
        { heading: p.wishes.noRegistration ? 'Contact' : 'Registration and contact', paragraphs: reply },
      ]
    : [
    { paragraphs: [opening] },
    { heading: 'Why we are inviting you', paragraphs: whyOnce },
    { heading: 'What is in it for you?', paragraphs: [], bullets: benefits },
    { heading: 'How it works', paragraphs: howOnce },
    ...agendaSection(p, 'Agenda', 'Proposed agenda', () => agenda(p, 'en', true)),
    { heading: 'Time and place', paragraphs: when },
    { heading: 'Afterwards', paragraphs: after },
    { heading: p.wishes.noRegistration ? 'Contact' : 'Registration and contact', paragraphs: reply },
  ];
  const sign = p.sender ?? p.contact.name ?? ph.sender;
  const closing = p.tone === 'formal' ? ['Kind regards,', sign] : ['We look forward to seeing you!', sign];
  const subject = `Invitation: ${cap(fmtWord)}${subjectTopic(p, 'en')}${p.date ? ' – ' + formatDate(p.date, 'en') : ''}`;
  return {
    subject,
    greeting,
    sections,
    closing,
    missing: [...missing],
    points: [...new Set(points)],
    facts: [
      { label: 'Date', value: date },
      { label: 'Time', value: time },
      { label: 'Place', value: place },
      ...(link ? [{ label: 'Link', value: link }] : []),
      { label: 'Contact', value: contact },
    ],
  };
}

/** Lätt svenska: short sentences, common words, "du", no jargon. */
function composeEasy(p: ParsedInvite): Draft {
  const ph = PLACEHOLDERS.sv;
  const missing = new Set<string>();
  const party = p.celebration;
  const points = party ? [] : ['defineNeed', 'whyEngage', ...(p.decided ? [] : ['noReadySolution'])];
  const fmt = p.format?.sv === 'workshop' || p.format?.sv === 'träff' || !p.format ? 'träff' : 'möte';
  const { date, time, place, link } = logistics(p, 'sv', missing);
  // the audience as given; du unless the request asks for ni (usesDu)
  const label = p.audienceLabel;
  const du = usesDu(p);
  const A = (t: string) => address(t, du);

  // a party is named as the request names it ("en afterwork"), a meeting in common words
  const event = party && p.format ? `${p.format.svArticle} ${p.format.sv}` : fmt === 'träff' ? 'en träff' : 'ett möte';
  const intro: string[] = [A(`Vi vill bjuda in {dig} till ${event}.`)];
  if (label) intro.push(`${party ? 'Den' : cap(fmt === 'träff' ? 'träffen' : 'mötet')} är för ${label}.`);
  if (p.goal) {
    const g = easyWords(swapSv(p.goal, du));
    intro.push(sentence(/^(vi|jag)\b/i.test(g) ? cap(g) : `Vi vill ${lowerFirst(g).replace(/^att\s+/i, '')}`));
  }
  if (p.topic) intro.push(sentence(`Vi vill prata om ${easyWords(swapSv(p.topic, du))}`));
  if (!p.goal && !p.topic && !party) {
    missing.add('purpose');
    intro.push(`Vi vill prata om ${ph.purpose}.`);
  }
  for (const b of p.background) intro.push(sentence(cap(easyWords(swapSv(b, du)))));
  if (p.participants && p.participantsTentative) intro.push(sentence(`Vi hoppas att ${easyWords(swapSv(p.participants, du))} också kan komma`));
  else if (p.participants) intro.push(sentence(`Med på ${fmt === 'träff' ? 'träffen' : 'mötet'} finns också ${easyWords(swapSv(p.participants, du))}`));
  if (party) {
    // a party: no method lines
  } else if (p.decided) intro.push(A('{Du} kan ställa frågor.'));
  else intro.push('Vi har inga färdiga svar.', A('Vi vill höra vad {du} tycker.'), A('{Du} vet {själv} vad {du} behöver.'));

  const why = party ? [] : benefitsFor(p, 'easy').map(A);
  if (!party) for (const b of benefitPoints(p)) points.push(b);

  const when = [`När: ${date}, ${time.replace(/^kl\. /, 'klockan ')}.`, `Var: ${place}.`];
  if (link) when.push(`Länk: ${link}`);
  if (p.capacity) when.push(`Det finns ${p.capacity} platser.`);
  for (const x of p.arrangements) when.push(sentence(cap(easyWords(swapSv(x, du)))));
  if (p.treat) when.push(`Vi bjuder på ${p.treat}${p.wishes.fika && !/fika|kaffe/i.test(p.treat) ? ' och fika' : ''}.`);
  else if (p.wishes.fika) when.push('Det blir fika.');
  if (p.wishes.childrenWelcome) when.push('Barn får gärna följa med.');

  const after = p.followUp ? [sentence(easyWords(swapSv(p.followUp, du)))] : (missing.add('followUp'), [ph.followUp]);
  const contact = contactText(p) ?? (missing.add('contact'), ph.contact);
  const reply: string[] = [];
  if (p.wishes.noRegistration) reply.push(A('{Du} behöver inte anmäla {dig}.'));
  else if (p.registrationLink) {
    const reg = p.registrationLink === 'later' ? (missing.add('registrationLink'), ph.registrationLink) : p.registrationLink;
    reply.push(A(`Anmäl {dig} här: ${reg}`));
    if (p.rsvp.by) reply.push(`Gör det senast ${formatDate(p.rsvp.by, 'sv')}.`);
  } else {
    const by = p.rsvp.by ? formatDate(p.rsvp.by, 'sv') : (missing.add('rsvpBy'), ph.rsvpBy);
    reply.push(A(`Anmäl {dig} senast ${by}.`));
  }
  reply.push(A(`Har {du} frågor? Kontakta ${contact}.`));

  if (party) missing.delete('followUp');
  const [introOnce] = once([intro]);
  const sections: DraftSection[] = [
    { paragraphs: introOnce },
    ...(party ? [] : [{ heading: A('Varför ska {du} komma?'), paragraphs: [], bullets: why }]),
    ...agendaSection(p, 'Så här ser träffen ut', 'Så här ser träffen ut', () => (party ? partyAgenda(p, 'sv') : agenda(p, 'easy', du))),
    { heading: 'När och var?', paragraphs: when },
    ...(party ? [] : [{ heading: 'Efter mötet', paragraphs: after }]),
    { heading: 'Anmälan', paragraphs: reply },
  ];
  return {
    subject: `Välkommen till ${event}${p.date ? ' ' + formatDate(p.date, 'sv') : ''}`,
    greeting: 'Hej!',
    sections,
    closing: ['Välkommen!', p.sender ?? p.contact.name ?? ph.sender],
    missing: [...missing],
    points: [...new Set(points)],
    facts: [
      { label: 'När', value: `${date}, ${time}` },
      { label: 'Var', value: place },
      ...(link ? [{ label: 'Länk', value: link }] : []),
      { label: 'Kontakt', value: contact },
    ],
  };
}

/** Plain text: headings on their own line, bullets with "–". */
export function toPlainText(d: Draft): string {
  const out: string[] = [d.greeting, ''];
  for (const s of d.sections) {
    if (s.heading) out.push(s.heading);
    for (const para of s.paragraphs) out.push(para);
    for (const b of s.bullets ?? []) out.push(`– ${b}`);
    out.push('');
  }
  out.push(...d.closing);
  return out.join('\n').trim() + '\n';
}

/** Markdown: headings in bold, bullets as a list (also Slack's and Teams' subset when converted). */
export function toMarkdown(d: Draft, bold: (s: string) => string = (s) => `**${s}**`): string {
  const out: string[] = [d.greeting, ''];
  for (const s of d.sections) {
    if (s.heading) out.push(bold(s.heading));
    for (const para of s.paragraphs) out.push(para);
    for (const b of s.bullets ?? []) out.push(`• ${b}`);
    out.push('');
  }
  out.push(...d.closing);
  return out.join('\n').trim() + '\n';
}
