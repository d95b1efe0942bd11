/**
 * What to do next: the procurement route that fits this need (direct award, reserved contract, IOP,
 * subcontracting, dialogue first), explained in a sentence or two, each with a passage of the reports
 * that says what the line claims, quoted with an [n] citation.
 *
 * Grounding rules: a passage is quoted only when its sentence matches every pattern of the claim
 * (`says`), so a passage that does not say it is never cited; a document whose title marks it as a
 * fictional example (the sample policy) is never the authority; no legal threshold is stated from memory.
 */
import { capacityLabel, languagesEn, targetGroupEn } from './english.js';
import type { Chunk, Citation } from '../domain/types.js';
import { analyze } from '../retrieval/analyzer.js';
import { sentenceTexts } from '../answer/passages.js';
import type { Need } from './parse.js';

export type Retrieve = (query: string, k: number) => Promise<Array<{ chunk: Chunk; score: number }>>;

export type RouteId = 'reserved' | 'iop' | 'sub' | 'direct' | 'framework' | 'dialog' | 'intermediary' | 'split';

interface Route {
  /** query for the core retriever; the need's service words are added to it */
  query: string;
  /** the quoted sentence must match every one of these: it must say what the line claims */
  says: RegExp[];
  /** the route's name in the advice */
  name: { sv: string; en: string };
}

/** Claims and the patterns a passage must match to support them (reports: 000 Helsingborg study, 001, 002 SKR). */
export const ROUTES: Record<RouteId, Route> = {
  reserved: {
    name: { sv: 'Reserverad upphandling', en: 'Reserved contract' },
    query: 'reserverade upphandlingar reserverade kontrakt med sociala företag verktyg',
    says: [/reserver\w*\s+(upphandling|kontrakt)\w*/i, /sociala\s*före\s*tag/i],
  },
  iop: {
    name: { sv: 'Idéburet offentligt partnerskap (IOP)', en: 'Idea-based public partnership (IOP)' },
    query: 'samarbetet inte omfattas av krav på upphandling idéburna offentliga partnerskap IOP',
    says: [/\bIOP\b|idéburna offentliga partnerskap/i, /inte omfattas av krav på upp\s*hand/i],
  },
  sub: {
    name: { sv: 'Underleverantör', en: 'Subcontracting' },
    query: 'sociala företags möjligheter att vara leverantör eller underleverantör inköp',
    says: [/underleverantör|avtalspartners öppnar upp för samarbeten med sociala/i],
  },
  direct: {
    name: { sv: 'Direktupphandling', en: 'Direct award' },
    query: 'direktupphandling av tjänster från socialt företag',
    says: [/direktupphandling\s+(av|med)\b/i],
  },
  framework: {
    name: { sv: 'Ramavtal', en: 'Framework agreement' },
    query: 'upphandlingsprocesser spänner ofta över längre tider befintliga och redan upphandlade ramavtal krav socialt företagande',
    says: [/ramavtal/i],
  },
  dialog: {
    name: { sv: 'Dialog först', en: 'Dialogue first' },
    query: 'planera för upphandling arbeta aktivt med dialog bjuder in leverantörer till en dialog',
    // the route is a dialogue with the suppliers (social enterprises) before the procurement: a sentence on dialogue in
    // general, or by another buyer ("Kommunala bolag följer LOU, men … dialog"), does not say it
    says: [/dialog/i, /upphandl|bjuder in|bjöd in|leverantörer/i, /leverantör|sociala\s*före\s*tag|socialt\s*företag/i],
  },
  intermediary: {
    name: { sv: 'Stödorganisationer', en: 'Intermediaries' },
    query: 'samarbete med stödorganisationer och intermediärer som har god kännedom om sociala företag',
    says: [/stödorganisation|intermediär|coompanion/i, /sociala\s*före\s*tag/i],
  },
  split: {
    name: { sv: 'Dela upp uppdraget', en: 'Split the contract' },
    query: 'dela upp kontrakt så att uppgifter kan utföras av sociala företag',
    says: [/dela upp (kontrakt|upphandling|uppdrag)/i],
  },
};

/** Titles of documents that must never be cited as the authority (fictional examples). */
const NOT_AUTHORITY = /fiktiv|fictional|sample|exempelkommun/i;

function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9"”])/)
    .map((s) => s.trim())
    .map((s) => s.replace(/^(?:[\p{Lu}][\p{L}-]*\s+\d+\s+)+(?=\p{Lu})/u, ''))
    .filter((s) => s.length >= 30 && s.length <= 400);
}

/**
 * A footnote number the PDF extract left standing apart before a comma or full stop ("följer LOU 7 , men")
 * is dropped, as the ingest drops one glued to a word (src/ingest/clean.ts); a number in prose is never
 * followed by a space and a comma.
 */
export function dropFootnoteNumbers(s: string): string {
  return s.replace(/(?<=\S) \d{1,2} (?=[,.;:])/g, '');
}

/**
 * The sentence of a chunk that says every pattern of `says` and shares the most terms with the query
 * (null if none, or fewer than two shared terms), with its score: a term of `focus` (the need's own
 * service words) counts three times, so among passages that say the claim the one about this need wins.
 */
/**
 * The lines of a chunk a quote comes from: the lines of the chunk's sentences that hold it or that it holds (a citation
 * names the quoted lines, not the whole passage: two quotes from one passage are two citations with lines of their own).
 * The chunk's lines when no sentence matches.
 */
export function quoteLines(chunk: Chunk, quote: string): [number, number] {
  const norm = (x: string) => x.replace(/\s+/g, ' ').trim();
  const q = norm(quote);
  const hit = sentenceTexts(chunk).filter((s) => {
    const t = norm(s.text);
    return t.length > 0 && (t.includes(q) || q.includes(t));
  });
  if (!hit.length) return chunk.lines;
  return [Math.min(...hit.map((s) => s.lines[0])), Math.max(...hit.map((s) => s.lines[1]))];
}

export function scoredSentence(text: string, query: string, says: RegExp[] = [], focus = ''): { sentence: string; score: number } | null {
  const q = new Set(analyze(query));
  const f = new Set(analyze(focus));
  let best: string | null = null;
  let bestScore = 0;
  let bestShared = 0;
  for (const s of sentences(text)) {
    if (!says.every((re) => re.test(s))) continue;
    const terms = new Set(analyze(s));
    let shared = 0;
    let score = 0;
    for (const t of new Set([...q, ...f])) {
      // a service word also meets a compound it begins or ends ("flytt" in "flyttservice", "städ" in "lokalstäd")
      const met = terms.has(t) || (f.has(t) && t.length >= 4 && [...terms].some((x) => x.length >= t.length + 3 && (x.startsWith(t) || x.endsWith(t))));
      if (!met) continue;
      shared++;
      score += f.has(t) ? 3 : 1;
    }
    if (score > bestScore) {
      bestScore = score;
      bestShared = shared;
      best = s;
    }
  }
  return best && bestShared >= 2 ? { sentence: dropFootnoteNumbers(best), score: bestScore } : null;
}

/** The sentence of a chunk that says every pattern of `says` and shares the most terms with the query (null if none). */
export function bestSentence(text: string, query: string, says: RegExp[] = []): string | null {
  return scoredSentence(text, query, says)?.sentence ?? null;
}

/**
 * Whether a quoted sentence tells what one named municipality, supplier or the writers themselves did
 * ("I Söderhamn har kommunen …", "Mölndals kommun har …", "… med leverantören Björkåfrihet", "Vi påbörjade
 * …", a table row "Direktupphandling av …"): such a passage is an example of the route, not a statement of
 * when it may be used, and is introduced as one.
 */
export function isExample(sentence: string): boolean {
  return /(?:^|\s)[Ii] \p{Lu}\p{Ll}+ (?:har|hade|gjorde|startade|införde)\b|\p{Lu}\p{Ll}+s (?:kommun|stad|region)\b|(?:leverantören|avtal med|avtalet med) \p{Lu}|^(?:Vi|Vår|Våra)\s|^>?\s*(?:Direktupphandling|Upphandling|Reserverade? kontrakt)\p{Ll}* (?:av|med)\b/u.test(sentence);
}

export interface AdviceInput {
  need: Need;
  noMatch: boolean;
  serviceRecognised: boolean;
  topNames: string[];
  /** the proposed enterprises' procurement facts, in rank order */
  top?: Array<{ name: string; reservedContractEligible: boolean; iop: boolean; workIntegrating: boolean; experience: string }>;
  excludedCount: number;
  /** why each enterprise offering the service was left out (the hard constraints it breaks, as `violations` words them) */
  excludedReasons?: string[][];
  /** names of enterprises offering the service whose capacity for the asked volume is not stated */
  capacityUnknown?: string[];
  /** the service in words ("Flytt och magasinering") */
  serviceLabel?: string | null;
  /** the need's own service words (its text without wishes, routes, languages, target groups) */
  serviceText?: string;
  hasSample: boolean;
  retrieve?: Retrieve;
}

/** The routes that fit the need, first the one it names. */
export function routesFor(input: AdviceInput): RouteId[] {
  const { need } = input;
  // a reserved contract asked or wished for is still a route when the registry has no one: an open reserved call
  // reaches social enterprises the registry lacks
  if (input.noMatch) return ['dialog', ...(need.reservedContract || need.wished.reservedContract ? ['reserved' as const] : []), 'intermediary', need.iop || need.wished.iop ? 'iop' : 'split', 'sub'];
  const out: RouteId[] = [];
  if (need.reservedContract || need.wished.reservedContract) out.push('reserved');
  if (need.iop || need.wished.iop) out.push('iop');
  if (need.route === 'underleverantör') out.push('sub');
  if (need.route === 'direktupphandling') out.push('direct');
  // a framework agreement runs for years: what it asks for is set in the procurement, and lots open it to small suppliers
  if (need.route === 'ramavtal') out.push('framework', 'split');
  if (!out.length) {
    // no route named: a reserved contract fits when work integration is asked for and the proposals qualify
    if ((need.workIntegratingWished || need.workIntegratingRequired) && input.top?.some((t) => t.reservedContractEligible)) out.push('reserved');
    out.push('dialog');
  }
  return out;
}

/** One or two sentences on why the route fits this need (no legal figures). */
function explain(id: RouteId, input: AdviceInput, sv: boolean): string {
  const { need } = input;
  // a label inside a sentence starts in lower case ("such as meals and catering"), an acronym keeps its capitals (IT)
  const what = input.serviceLabel ? (sv ? input.serviceLabel.toLowerCase() : input.serviceLabel.replace(/^(\p{Lu})(?=\p{Ll})/u, (c) => c.toLowerCase())) : sv ? 'uppdraget' : 'the work';
  const top = input.top ?? [];
  const eligible = top.filter((t) => t.reservedContractEligible).length;
  const iopOpen = top.filter((t) => t.iop).length;
  switch (id) {
    case 'reserved':
      if (input.noMatch) {
        return sv
          ? `Det reserverade kontraktet ni önskade går fortfarande: annonsera upphandlingen av ${what} som reserverad, så kan sociala företag som registret saknar lämna anbud. Kontrollera villkoren i just denna upphandling.`
          : `The reserved contract you wished for is still possible: advertise the procurement of ${what} as reserved, so that social enterprises the registry lacks can tender. Check the conditions for this procurement.`;
      }
      return sv
        ? `Upphandlingen av ${what} kan reserveras för leverantörer som uppfyller villkoren för reserverade kontrakt, så att bara sådana lämnar anbud${top.length ? `; ${eligibleShare(eligible, top.length, true)}` : ''}. Kontrollera villkoren i just denna upphandling.`
        : `The procurement of ${what} can be reserved for suppliers that meet the conditions for reserved contracts, so that only they tender${top.length ? `; ${eligibleShare(eligible, top.length, false)}` : ''}. Check the conditions for this procurement.`;
    case 'iop':
      return sv
        ? `Ett IOP passar bara om samarbetet om ${what} inte omfattas av upphandlingsreglerna (t.ex. en verksamhet som organisationen själv driver och kommunen stödjer), så pröva det först med upphandlare eller jurist${top.length ? `; ${iopOpen} av förslagen är öppna för IOP` : ''}.`
        : `An IOP fits only if the cooperation on ${what} is not covered by procurement rules (for instance an activity the organisation runs itself and the municipality supports), so test that first with procurement or legal staff${top.length ? `; ${iopOpen} of the proposals are open to an IOP` : ''}.`;
    case 'sub':
      return sv
        ? `Låt ${what} ingå i en ordinarie upphandling eller ett befintligt avtal och öppna för att huvudleverantören anlitar ett socialt företag som underleverantör.`
        : `Keep ${what} in an ordinary procurement or an existing contract and open it for the main supplier to bring in a social enterprise as a subcontractor.`;
    case 'direct':
      return sv
        ? `Ett litet, avgränsat uppdrag som ${what} kan direktupphandlas om värdet ligger under direktupphandlingsgränsen; kontrollera aktuellt belopp hos Upphandlingsmyndigheten och be om F-skattsedel.`
        : `A small, well-defined job such as ${what} can be awarded directly if its value is below the direct-award limit; check the current limit with the National Agency for Public Procurement and ask for the F-tax certificate.`;
    case 'framework':
      return sv
        ? `Ett ramavtal för ${what} löper ofta i flera år, så det som ska gälla för sociala företag behöver stå i upphandlingen: sociala krav eller villkor, delområden som ett mindre socialt företag kan lämna anbud på, eller ett reserverat delområde. Ett befintligt ramavtal utan sådana krav gäller tills det löper ut.`
        : `A framework agreement for ${what} often runs for years, so what is to apply for social enterprises must be in the procurement: social requirements or conditions, lots a small social enterprise can bid for, or a reserved lot. An existing framework agreement without such requirements applies until it expires.`;
    case 'dialog':
      if (input.noMatch) {
        return sv
          ? `Bjud in lokala sociala företag och föreningar till ett dialogmöte om ${what}${need.municipality ? ` i ${need.municipality}` : ''} för att höra vad de kan erbjuda; registret är inte komplett.`
          : `Invite local social enterprises and associations to a dialogue meeting about ${what}${need.municipality ? ` in ${need.municipality}` : ''} to hear what they can offer; the registry is not complete.`;
      }
      return sv
        ? `Inget upphandlingssätt är angivet, så börja med en dialog med de föreslagna och andra lokala sociala företag om ${what}${need.municipality ? ` i ${need.municipality}` : ''} innan ni väljer mellan direktupphandling, reserverad upphandling, underleverantör eller IOP.`
        : `No route is named, so start with a dialogue with the proposed and other local social enterprises about ${what}${need.municipality ? ` in ${need.municipality}` : ''} before choosing between a direct award, a reserved contract, subcontracting or an IOP.`;
    case 'intermediary':
      return sv ? 'Be en stödorganisation (t.ex. Coompanion) om hjälp att hitta sociala företag som registret saknar.' : 'Ask an intermediary (such as Coompanion) to help find social enterprises the registry lacks.';
    case 'split':
      return sv ? 'Dela upp uppdraget i mindre delar som ett mindre socialt företag kan ta.' : 'Split the work into smaller lots a small social enterprise can take on.';
  }
}

/** The registry's capacity fields in words. */
const CAPACITY_WORDS: Record<string, { sv: string; en: string }> = {
  traineePlaces: { sv: 'praktikplatser', en: 'trainee places' },
  maxPortionsPerDay: { sv: 'portioner per dag', en: 'portions per day' },
  maxPeoplePerEvent: { sv: 'platser per tillfälle', en: 'places per event' },
  crewSize: { sv: 'personer i arbetslaget', en: 'people in the crew' },
};

/**
 * The kind of a hard-constraint reason, in words for the advice ("betjänar inte Lund", "för liten kapacitet
 * (traineePlaces)"); in English with the verb agreeing with the count before it ("1 does not serve Lund", "3 do not").
 */
function reasonKind(reason: string, sv: boolean, n = 2): string {
  const does = n === 1 ? 'does' : 'do';
  if (/^status /.test(reason)) return sv ? 'inte aktivt' : 'not active';
  if (/^betjänar inte /.test(reason)) return sv ? reason : reason.replace(/^betjänar inte/, `${does} not serve`);
  const cap = /^(\w+) (?:\d+ < \d+|okänd)$/.exec(reason);
  if (cap) {
    const what = CAPACITY_WORDS[cap[1]!] ?? { sv: cap[1]!, en: cap[1]! };
    return reason.endsWith('okänd') ? (sv ? `har inte angett ${what.sv}` : `${what.en} not stated`) : sv ? `har för få ${what.sv}` : `too few ${what.en}`;
  }
  if (sv) return reason;
  return reason
    .replace(/^saknar (.*)$/, (_, l: string) => (/f-skatt/i.test(l) ? 'no F-tax certificate' : `${does} not speak ${languagesEn(l.split(/ eller /), ' or ')}`))
    .replace(/^kan inte delta i reserverad upphandling$/, 'not eligible for reserved contracts')
    .replace(/^inte öppen för IOP$/, 'not open to an IOP')
    .replace(/^inte arbetsintegrerande$/, 'not work-integrating')
    .replace(/^kräver (\d+) dagars framförhållning$/, (_, d: string) => `needs ${d} days' notice`)
    .replace(/^associationsform (.*)$/, (_, f: string) => `legal form: ${LEGAL_FORMS_EN[f] ?? f}`)
    .replace(/^målgrupp (.*) saknas$/, (_, g: string) => `target group ${targetGroupEn(g)} missing`);
}

/** the registry's legal forms in English */
const LEGAL_FORMS_EN: Record<string, string> = {
  aktiebolag: 'limited company',
  'aktiebolag med särskild vinstutdelningsbegränsning (svb)': 'limited company with restricted dividends (svb)',
  'ekonomisk förening': 'cooperative',
  'ideell förening': 'non-profit association',
  stiftelse: 'foundation',
};

/** ": 8 betjänar inte Lund, 1 för liten kapacitet (traineePlaces)": each enterprise counted under its first reason. */
function excludedWhy(reasons: string[][] | undefined, sv: boolean): string {
  if (!reasons?.length) return sv ? ', t.ex. serviceområde, status eller kapacitet' : ' such as service area, status or capacity';
  // counted by the reason's words ("betjänar inte Lund"), then said with the verb agreeing with the count
  const groups = new Map<string, { raw: string; n: number }>();
  for (const r of reasons) {
    const raw = r[0] ?? '';
    const key = reasonKind(raw, sv);
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { raw, n: 1 });
  }
  return `: ${[...groups.values()].sort((a, b) => b.n - a.n).map((g) => `${g.n} ${reasonKind(g.raw, sv, g.n)}`).join(', ')}`;
}

export async function buildAdvice(input: AdviceInput): Promise<{ advice: string; citations: Citation[] }> {
  const { need } = input;
  const sv = need.language === 'sv';
  const citations: Citation[] = [];
  const lines: string[] = [];
  for (const id of routesFor(input)) {
    const route = ROUTES[id];
    const query = `${route.query} ${input.serviceLabel ?? ''}`;
    let quote: string | null = null;
    let chunk: Chunk | null = null;
    if (input.retrieve) {
      try {
        // of every retrieved passage that says the claim, the sentence closest to this need's service
        let bestScore = 0;
        const asked = input.serviceText ? `${query} ${input.serviceText}` : query;
        for (const hit of await input.retrieve(asked, 10)) {
          if (NOT_AUTHORITY.test(hit.chunk.title)) continue;
          const found = scoredSentence(hit.chunk.text, query, route.says, input.serviceText ?? input.serviceLabel ?? '');
          if (found && found.score > bestScore) {
            bestScore = found.score;
            quote = found.sentence;
            chunk = hit.chunk;
          }
        }
      } catch {
        quote = null;
      }
    }
    let cite = '';
    if (quote && chunk) {
      let n = citations.findIndex((c) => c.docId === chunk!.docId && c.quote === quote) + 1;
      if (!n) {
        n = citations.length + 1;
        citations.push({ n, docId: chunk.docId, title: chunk.title, section: chunk.section, lines: quoteLines(chunk, quote), page: chunk.page, quote });
      }
      const example = isExample(quote);
      cite = ` ${example ? (sv ? 'Exempel i rapporterna' : 'An example in the reports') : sv ? 'Rapporterna' : 'The reports'}: ”${quote}” [${n}]`;
    }
    lines.push(`${sv ? route.name.sv : route.name.en}: ${explain(id, input, sv)}${cite}`);
  }
  const head: string[] = [];
  if (input.noMatch) {
    if (!input.serviceRecognised) {
      head.push(sv ? 'Jag kunde inte avgöra vilken tjänst behovet gäller; beskriv vad som ska göras.' : 'I could not tell which service the need is about; please describe the work.');
    }
    head.push(
      sv
        ? `Inget aktivt företag i registret uppfyller behovet${need.municipality ? ` i ${need.municipality}` : ''}${input.excludedCount ? ` (${input.excludedCount} ${need.categories.length ? 'med rätt tjänst' : 'som kan vara aktuella'} bryter mot ett krav${excludedWhy(input.excludedReasons, true)})` : ''}. Andra vägar:`
        : `No active enterprise in the registry fits the need${need.municipality ? ` in ${need.municipality}` : ''}${input.excludedCount ? ` (${input.excludedCount} ${need.categories.length ? 'offering the service' : 'that might be relevant'} break a requirement${excludedWhy(input.excludedReasons, false)})` : ''}. Other routes:`,
    );
  } else {
    head.push(
      sv
        ? `Börja med att kontakta ${input.topNames.slice(0, 2).join(' och ')} och kontrollera kapacitet, pris och tidplan för ${need.period ? `perioden ${need.period}` : 'uppdraget'}.`
        : `Start by contacting ${input.topNames.slice(0, 2).join(' and ')} to confirm capacity, price and timing${need.period ? ` for ${need.period}` : ''}.`,
    );
    if (!need.municipality) head.push(sv ? 'Ange kommun så att serviceområdet kan kontrolleras.' : 'Name the municipality so the service area can be checked.');
  }
  if (input.capacityUnknown?.length && need.minCapacity) {
    const names = input.capacityUnknown.slice(0, 3).join(sv ? ' och ' : ' and ');
    head.push(
      sv
        ? `Varning: ${names} erbjuder tjänsten men har inte angett kapacitet för ${need.minCapacity.value} ${capacityLabel(need.minCapacity.field, true)}; de föreslås inte förrän det är kontrollerat.`
        : `Warning: ${names} offer the service but have not stated a capacity for ${need.minCapacity.value} ${capacityLabel(need.minCapacity.field, false)}; they are not proposed until that is checked.`,
    );
  }
  // a stated contract value: the direct-award limit decides the route (the reports give no figure, so none is given)
  if (need.contractValue) {
    const v = need.contractValue;
    const amount = `${v.sek.toLocaleString('sv-SE').replace(/\u00a0/g, ' ')} kr${v.perYear ? (sv ? ' per år' : ' per year') : ''}`;
    head.push(
      sv
        ? `Avtalsvärde: ca ${amount}${v.perYear ? ' (räkna på hela avtalstiden)' : ''}. Ligger värdet över direktupphandlingsgränsen gäller LOU: upphandla, gärna som reserverad upphandling för sociala företag, i stället för att direktupphandla; rapporterna anger inget belopp, så kontrollera aktuell gräns hos Upphandlingsmyndigheten.`
        : `Contract value: about ${amount}${v.perYear ? ' (count the whole contract period)' : ''}. Above the direct-award limit the procurement act (LOU) applies: run a procurement, for instance a reserved contract for social enterprises, rather than a direct award; the reports give no figure, so check the current limit with the National Agency for Public Procurement.`,
    );
  }
  if (need.asksThresholds) {
    head.push(
      sv
        ? 'Rapporterna anger inga tröskelvärden eller beloppsgränser; aktuella värden (t.ex. direktupphandlingsgränsen) finns i Upphandlingsmyndighetens publicerade tröskelvärden.'
        : 'The reports give no thresholds; the current values (such as the direct-award limit) are published by the Swedish National Agency for Public Procurement (Upphandlingsmyndigheten).',
    );
  }
  if (input.hasSample) head.push(sv ? 'Obs: registret innehåller fiktiva exempeldata, inte verkliga leverantörer.' : 'Note: the registry holds fictional sample data, not real suppliers.');
  return { advice: [...head, ...lines.map((l) => `- ${l}`)].join('\n'), citations };
}

/** How many of the proposals the registry marks as eligible for reserved contracts, in words ("1 av de 1 förslagen" is not said). */
function eligibleShare(eligible: number, total: number, sv: boolean): string {
  if (total === 1) return sv ? (eligible ? 'förslaget är markerat som kvalificerat' : 'förslaget är inte markerat som kvalificerat') : eligible ? 'the proposal is marked as eligible' : 'the proposal is not marked as eligible';
  if (eligible === total) return total === 2 ? (sv ? 'båda förslagen är markerade som kvalificerade' : 'both proposals are marked as eligible') : sv ? `alla ${total} förslagen är markerade som kvalificerade` : `all ${total} proposals are marked as eligible`;
  if (eligible === 0) return sv ? `inget av de ${total} förslagen är markerat som kvalificerat` : `none of the ${total} proposals is marked as eligible`;
  return sv ? `${eligible} av de ${total} förslagen är markerade som kvalificerade` : `${eligible} of the ${total} proposals are marked as eligible`;
}
