/**
 * The matcher: a municipal need in plain Swedish or English → social enterprises from the registry
 * that can really do it, ranked, each with reasons and warnings, and advice grounded in the reports.
 * Offline; an LLM (when configured) may refine the parse but never replace it.
 */
import path from 'node:path';
import type { Chunk, MatchResult } from '../domain/types.js';
import { InputError, MAX_QUESTION_CHARS } from '../domain/types.js';
import { loadRegistry } from '../registry/load.js';
import type { Enterprise, Registry } from '../registry/schema.js';
import { dictionaryBases } from '../query/dictionary.js';
import { buildAdvice } from './advice.js';
import { leadOf } from './notice.js';
import { buildCategoryIndex, LANGUAGE_NAMES, parseNeed, serviceQuery, WISH_SHARE, type CategoryIndex, type Need } from './parse.js';
import { buildTextIndex, capacityValue, queryTerms, rank, sharedHeadTerms, sharedModifierTerms, SHARED_MODIFIER_WEIGHT, violations, type TextIndex } from './rank.js';
import { stem, stemFit, tokenize, withDiacriticsRestored } from './text.js';

export interface MatchDeps {
  /** passages from the reports to ground the advice (the lead supplies the core retriever) */
  retrieve?: (query: string, k: number) => Promise<Array<{ chunk: Chunk; score: number }>>;
  /** optional LLM refinement hook; may refine the parse, never replace the offline one */
  complete?: (promptName: string, vars: Record<string, string>) => Promise<string | null>;
}

export interface Matcher {
  match(need: string, opts?: { limit?: number }): Promise<MatchResult>;
  /** the need as read against the registry's categories and places, without ranking or advice (no model asked) */
  parse(need: string): Need;
  registry(): Enterprise[];
}

export interface MatcherOptions {
  knowledgeDir: string;
  dataDir: string;
  /** the reference date for "verified in the last 12 months" (default: now) */
  today?: Date;
  /** an already loaded registry (tests, benchmarks) instead of knowledgeDir/enterprises */
  registry?: Registry;
}

/**
 * What a need is read against: the registry's category index (its synonyms, with the words of the first
 * 500 enterprises' texts as the vocabulary for compounds) and the municipalities its enterprises serve.
 * `parse` is `parseNeed` over them.
 */
export function needReader(reg: Registry): {
  index: CategoryIndex;
  municipalities: Set<string>;
  known: Set<string>;
  /** the names a need may call each enterprise by (`exclusionNames`) */
  names: Map<string, { id: string; proper: boolean }>;
  parse(need: string): Need;
  parseSpelled(need: string): Need;
} {
  const vocabulary = new Set<string>();
  for (const e of reg.enterprises.slice(0, 500)) for (const t of tokenize(`${e.description} ${e.offerings.join(' ')}`)) vocabulary.add(t);
  const index = buildCategoryIndex(reg.categories, vocabulary);
  const municipalities = new Set<string>();
  for (const e of reg.enterprises) for (const m of e.serviceArea) municipalities.add(m);
  // the words a need typed without å/ä/ö is read against: the registry's own, its categories', its places', its
  // target groups' and the spoken languages' names ("dari" is no "däri")
  const known = new Set(vocabulary);
  for (const c of reg.categories) for (const t of tokenize(`${c.label} ${(c.synonyms ?? []).join(' ')}`)) known.add(t);
  for (const m of municipalities) for (const t of tokenize(m)) known.add(t);
  // the target groups' words ("kvinnor långt från arbetsmarknaden": "fran" is "från" there, not the dictionary's "frän")
  for (const e of reg.enterprises) for (const t of tokenize(e.targetGroups.join(' '))) known.add(t);
  for (const l of Object.keys(LANGUAGE_NAMES)) known.add(l);
  // the names a need may call an enterprise by: "Hyllans Möbelåterbruk i Mölndal" places the enterprise, not the need
  const names = exclusionNames(reg.enterprises.map((e) => ({ e, forms: nameForms(e.name) })).filter((x) => x.forms.length));
  const read = (need: string) => {
    const mentions = enterpriseMentions(need, names);
    return parseNeed(need, index, municipalities, { enterprisePlaces: enterprisePlaces(need, mentions), enterpriseClauses: unavailableMentions(need, mentions).map((x) => x.span) });
  };
  // (`parseSpelled` for a need whose å/ä/ö are restored already, so a match restores them once)
  return { index, municipalities, known, names, parse: (need) => read(withDiacriticsRestored(need, known)), parseSpelled: read };
}

/** Builds the matcher from a registry (in memory). */
export function matcherFromRegistry(reg: Registry, deps: MatchDeps = {}, today?: Date): Matcher {
  const reader = needReader(reg);
  // the names a need may use for each enterprise, once per registry (not on every need: 10,000 enterprises)
  const named = reg.enterprises.map((e) => ({ e, forms: nameForms(e.name) })).filter((x) => x.forms.length);
  const exclusions = reader.names;
  const { index, municipalities } = reader;
  const text: TextIndex = buildTextIndex(reg.enterprises, index);
  const placeStems = new Set<string>();
  for (const m of municipalities) for (const t of tokenize(m)) placeStems.add(stem(t));
  const labels = new Map(reg.categories.map((c) => [c.id, c.label]));
  // an English need is answered with the categories' English labels where the registry gives them
  const labelsEn = new Map(reg.categories.map((c) => [c.id, c.labelEn ?? c.label]));
  const knownCategories = new Set(reg.categories.map((c) => c.id));
  const byId = new Map(reg.enterprises.map((e) => [e.id, e]));
  // a query term that is a word of some category (a service word), not what the work is done on (kept per term)
  const serviceTerm = new Map<string, boolean>();
  const isServiceTerm = (t: string) => {
    let v = serviceTerm.get(t);
    if (v === undefined) {
      v = index.single.some((x) => stemFit(t, x.sv[0]!) >= 0.9 || stemFit(x.sv[0]!, t) >= 0.9) || index.phrases.some((x) => x.sv.some((w) => stemFit(t, w) >= 0.9));
      if (serviceTerm.size > 5000) serviceTerm.clear();
      serviceTerm.set(t, v);
    }
    return v;
  };

  async function refine(need: Need, raw: string): Promise<Need> {
    if (!deps.complete || (need.categories.length && need.municipality)) return need;
    try {
      const out = await deps.complete('match-parse', { need: raw, parsed: JSON.stringify(need), categories: [...knownCategories].join(', ') });
      if (!out) return need;
      const json = JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1)) as { categories?: unknown; municipality?: unknown };
      const cats = Array.isArray(json.categories) ? json.categories.filter((c): c is string => typeof c === 'string' && knownCategories.has(c)) : [];
      return {
        ...need,
        categories: need.categories.length ? need.categories : cats,
        municipality: need.municipality ?? (typeof json.municipality === 'string' && municipalities.has(json.municipality) ? json.municipality : null),
      };
    } catch {
      return need;
    }
  }

  return {
    registry: () => reg.enterprises,
    parse: (raw) => reader.parse(String(raw ?? '').trim()),
    async match(raw, opts = {}) {
      const needText = String(raw ?? '').trim();
      if (!needText) throw new InputError('Behovet är tomt: beskriv vad som behövs, var och när.', 'empty_need');
      if (needText.length > MAX_QUESTION_CHARS) throw new InputError(`Behovet är för långt (högst ${MAX_QUESTION_CHARS} tecken).`, 'too_long');
      const limit = Math.max(1, Math.min(50, opts.limit ?? 5));
      // the need with the å/ä/ö it was typed without, once: the parse and the service words both read it
      const spelled = withDiacriticsRestored(needText, reader.known);
      const parsed = reader.parseSpelled(spelled);
      // (how soon the work is, counted from the matcher's day)
      const need = { ...capacityAsRecorded(await refine(parsed, needText), reg.enterprises), lead: leadOf(spelled, today ?? new Date()) };
      const evidence = new Map(Object.entries(need.categoryScores));
      // the service is searched by the need's own service words; wish words count less, flags not at all
      const q = serviceQuery(spelled);
      const mainTerms = queryTerms(q.main, text, placeStems);
      const wishTerms = q.wish ? queryTerms(q.wish, text, placeStems).filter((t) => !mainTerms.includes(t)) : [];
      const termWeights = new Map(wishTerms.map((t) => [t, WISH_SHARE]));
      // compounds of the same first part as a need word count a little (trapphus ~ trappstädning)
      const sharedTerms: string[] = [];
      for (const [terms, w] of [[mainTerms, 1], [wishTerms, WISH_SHARE]] as const) {
        for (const t of sharedModifierTerms(text, terms)) {
          if (mainTerms.includes(t) || wishTerms.includes(t) || termWeights.has(t)) continue;
          termWeights.set(t, w * SHARED_MODIFIER_WEIGHT);
          sharedTerms.push(t);
        }
        // … and compounds whose head is what the work is done on (skolor ~ förskolor), within a named service only:
        // they order the enterprises of the category and never bring in one the texts alone would propose
        for (const t of need.categories.length ? sharedHeadTerms(text, terms, isServiceTerm) : []) {
          if (mainTerms.includes(t) || wishTerms.includes(t) || termWeights.has(t)) continue;
          termWeights.set(t, w * SHARED_MODIFIER_WEIGHT);
          sharedTerms.push(t);
        }
      }
      // an enterprise the need leaves out by name ("men inte Salttornets"), or says cannot take it ("Salttornet är
      // fullbokat", "Skalbankens svarar inte"), is not proposed, and the advice says so
      const excludedIds = excludedByName(needText, exclusions);
      for (const id of unavailableByName(needText, enterpriseMentions(needText, exclusions))) excludedIds.add(id);
      const ranked = rank({
        need,
        enterprises: reg.enterprises,
        exclude: excludedIds,
        text,
        terms: [...mainTerms, ...wishTerms, ...sharedTerms],
        termWeights,
        evidence,
        today: today ?? new Date(),
        limit,
        categoryLabels: need.language === 'en' ? labelsEn : labels,
      });
      const noMatch = ranked.matches.length === 0;
      const top = ranked.matches.map((m) => byId.get(m.enterpriseId)!);
      let { advice, citations } = await buildAdvice({
        need,
        noMatch,
        serviceRecognised: ranked.serviceRecognised,
        topNames: ranked.matches.map((m) => m.name),
        top: top.map((e) => ({
          name: e.name,
          reservedContractEligible: e.procurement.reservedContractEligible,
          iop: e.procurement.iop,
          workIntegrating: e.workIntegrating,
          experience: e.procurement.publicContractsExperience,
        })),
        excludedCount: ranked.excluded.length,
        excludedReasons: ranked.excluded.map((x) => x.reasons),
        capacityUnknown: ranked.excluded
          .filter((x) => x.reasons.length === 1 && x.reasons[0]!.endsWith(' okänd'))
          .map((x) => byId.get(x.id)!.name),
        serviceLabel: need.categories.length ? need.categories.map((c) => (need.language === 'en' ? labelsEn : labels).get(c) ?? c).join(', ') : null,
        serviceText: `${q.main} ${need.categories.map((c) => labels.get(c) ?? c).join(' ')}`,
        hasSample: reg.hasSample,
        retrieve: deps.retrieve,
      });
      // the service named in the output when it was found through the texts
      const categories = need.categories.length
        ? need.categories
        : [...new Set(ranked.matches.slice(0, 1).flatMap((m) => reg.enterprises.find((e) => e.id === m.enterpriseId)?.categories ?? []))];
      // an enterprise the need names ("Vi vill anlita Ankarlyktans Arbetslag …") that is not proposed: the reason is said
      const namedNote = namedButNotProposed(needText, named.filter((x) => !excludedIds.has(x.e.id)), ranked.matches.map((m) => m.enterpriseId), need);
      if (namedNote) advice = `${need.language === 'en' ? namedNote.en : namedNote.sv}\n${advice}`;
      if (excludedIds.size) {
        const names = [...excludedIds].map((id) => byId.get(id)!.name).join(', ');
        advice = `${need.language === 'en' ? `Left out as the need asks: ${names}.` : `Utelämnat enligt behovet: ${names}.`}\n${advice}`;
      }
      const { categoryScores, namedCategories: _named, lead: _lead, ...needOut } = need;
      return {
        need: { ...needOut, categories },
        // the service as people read it, in the need's language ("Lokalvård och städning", "Cleaning"), not the ids
        categoryLabels: categories.map((c) => (need.language === 'en' ? labelsEn : labels).get(c) ?? c),
        matches: ranked.matches,
        noMatch,
        advice,
        citations,
        sample: reg.hasSample,
        ...(process.env.BRYGGA_DEBUG ? { debug: { categoryScores, excluded: ranked.excluded } } : {}),
      };
    },
  };
}

const FIELD_UNITS: Record<string, string> = { maxPeoplePerEvent: 'personer', maxPortionsPerDay: 'portioner per dag', crewSize: 'personer i arbetslaget', traineePlaces: 'praktikplatser' };

/**
 * A volume is a hard capacity check only where the registry records that capacity for the need's
 * service: 300 participants at a dialogue meeting are checked against event capacity for catering, but
 * for printing the flyers (no printer records people per event) they are the occasion, compared with
 * the capacity note like any other volume and named as unknown where it does not say. Needs whose
 * service was not recognised keep the check.
 */
export function capacityAsRecorded(need: Need, enterprises: readonly Enterprise[]): Need {
  const cap = need.minCapacity;
  if (!cap || !need.categories.length) return need;
  const records = (e: Enterprise) => typeof capacityValue(e, cap.field) === 'number' && capacityValue(e, cap.field)! > 0;
  const recorded = enterprises.some((e) => e.status === 'aktiv' && e.categories.some((c) => need.categories.includes(c)) && records(e));
  if (!recorded) {
    const unit = FIELD_UNITS[cap.field] ?? cap.field;
    return { ...need, minCapacity: null, volume: need.volume ?? { value: cap.value, unit, text: `${cap.value} ${unit}` } };
  }
  // several services, one count of the people at an event ("städning och catering till ett event för 80 personer"): the
  // count is checked for the services whose enterprises mostly record people per event (catering does, cleaning does
  // not), so a cleaner is not left out for lacking a capacity its trade never states. Goods and crews are checked for
  // every service: 400 matlådor a day are as many for the one who delivers them as for the kitchen
  if (need.categories.length > 1 && cap.field === 'maxPeoplePerEvent') {
    const tally = new Map(need.categories.map((c) => [c, { all: 0, recording: 0 }]));
    for (const e of enterprises) {
      if (e.status !== 'aktiv') continue;
      for (const c of e.categories) {
        const t = tally.get(c);
        if (!t) continue;
        t.all++;
        if (records(e)) t.recording++;
      }
    }
    const counting = need.categories.filter((c) => tally.get(c)!.all > 0 && tally.get(c)!.recording * 2 >= tally.get(c)!.all);
    if (counting.length && counting.length < need.categories.length) return { ...need, minCapacity: { ...cap, categories: counting } };
  }
  return need;
}

export async function createMatcher(opts: MatcherOptions, deps: MatchDeps = {}): Promise<Matcher> {
  const reg = opts.registry ?? loadRegistry(path.join(opts.knowledgeDir, 'enterprises'));
  return matcherFromRegistry(reg, deps, opts.today);
}

export type { Need } from './parse.js';

/** An enterprise's name without its legal form ("Ankarlyktans Arbetslag AB (svb)" → "Ankarlyktans Arbetslag"). */
function nameCore(name: string): string {
  return name.replace(/\s*\(svb\)|\s+(?:AB|HB|KB|ekonomisk förening|ek\.? för\.?|ideell förening|förening|stiftelse)\b.*$/giu, '').trim();
}

/** The lowercase forms a need may name an enterprise by: its name without the legal form, and that with a genitive -s taken off; none under five letters. */
export function nameForms(name: string): string[] {
  const core = nameCore(name).toLowerCase();
  return core.length < 5 ? [] : [...new Set([core, core.replace(/s(\s|$)/, '$1')])];
}

/** A need that leaves an enterprise out: "men inte Salttornets", "utom Kvarnbackens Kök", "not Lövkojans", "except …". */
const EXCLUDING = /(?<![\p{L}])(?:inte|ej|utom|förutom|not|except|excluding|other than)\s+(?:(?:ha|anlita|använda|välja|want|use|hire|have|choose)\s+)?(?:(?:från|med|hos|av|via|from|with)\s+)?/giu;

/**
 * The names a need may leave an enterprise out by, lowercase → its id, once per registry: its name forms (`nameForms`)
 * and the name's first word (with or without a genitive -s) when it has six letters or more and no other enterprise's
 * name starts with it ("Salttornets" for Salttornets Städkooperativ). `proper`: a first word that is also a word of the
 * language ("Smörblomman", "Kommunens") names the enterprise only when written with a capital, as a name is ("men inte
 * Smörblomman"; "inte kommunens lokaler" leaves nothing out).
 */
export function exclusionNames(named: ReadonlyArray<{ e: Enterprise; forms: string[] }>): Map<string, { id: string; proper: boolean }> {
  const firstOf = (e: Enterprise) => nameCore(e.name).split(/\s+/)[0]!.toLowerCase().replace(/s$/, '');
  const count = new Map<string, number>();
  for (const { e } of named) count.set(firstOf(e), (count.get(firstOf(e)) ?? 0) + 1);
  const out = new Map<string, { id: string; proper: boolean }>();
  for (const { e, forms } of named) {
    for (const f of forms) out.set(f, { id: e.id, proper: false });
    const first = firstOf(e);
    if (first.length < 6 || count.get(first) !== 1) continue;
    const proper = dictionaryBases(first).size > 0;
    for (const f of [first, `${first}s`]) if (!out.has(f)) out.set(f, { id: e.id, proper });
  }
  return out;
}

/**
 * The enterprises a need leaves out by name ("städfirma i Helsingborg men inte Salttornets, vi har redan avtal med
 * dem"): a name of `names` (exclusionNames) of one to five words right after an excluding word (EXCLUDING: "men inte Salttornets", "vill inte ha
 * Gläntans igen", "do not use …"), a `proper`
 * one only capitalised. Their ids.
 */
export function excludedByName(text: string, names: ReadonlyMap<string, { id: string; proper: boolean }>): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(EXCLUDING)) {
    const words = text.slice(m.index! + m[0].length, m.index! + m[0].length + 80).match(/[\p{L}&-]+/gu) ?? [];
    const lower = words.map((w) => w.toLowerCase());
    for (let n = Math.min(5, words.length); n >= 1; n--) {
      const name = names.get(lower.slice(0, n).join(' '));
      if (name && (!name.proper || /^\p{Lu}/u.test(words[0]!))) {
        out.add(name.id);
        break;
      }
    }
  }
  return out;
}

/** One mention of an enterprise by name in a need: its id and where the name stands (character offsets, end exclusive). */
export interface EnterpriseMention {
  id: string;
  start: number;
  end: number;
}

/**
 * Where a need names enterprises (`names`: exclusionNames): at each word, the longest run of one to five words that is
 * a name form, a `proper` one only capitalised. In text order, not overlapping.
 */
export function enterpriseMentions(text: string, names: ReadonlyMap<string, { id: string; proper: boolean }>): EnterpriseMention[] {
  const words = [...text.matchAll(/[\p{L}&-]+/gu)];
  const out: EnterpriseMention[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let n = Math.min(5, words.length - i); n >= 1; n--) {
      const name = names.get(words.slice(i, i + n).map((w) => w[0].toLowerCase()).join(' '));
      if (!name || (name.proper && !/^\p{Lu}/u.test(words[i]![0]))) continue;
      const last = words[i + n - 1]!;
      out.push({ id: name.id, start: words[i]!.index!, end: last.index! + last[0].length });
      i += n - 1;
      break;
    }
  }
  return out;
}

/** the place right after an enterprise's name, which is where the enterprise is: "Hyllans Möbelåterbruk i Mölndal", "Kvarnbackens Kök (Lund)" */
const OWN_PLACE = /^\s*(?:AB\s*)?(?:\(svb\)\s*)?(?:,\s*)?(?:(?:sitter|ligger|finns|håller\s+till|är|is|are|is\s+based|are\s+based|is\s+located|are\s+located)\s+)?(?:(?:ute|borta|nere|uppe)\s+)?(?:i|in|från|from|\()\s*(\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?)/u;

/** The character spans of the places that follow an enterprise's name (OWN_PLACE): where the enterprise is, not the need. */
export function enterprisePlaces(text: string, mentions: readonly EnterpriseMention[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of mentions) {
    const p = OWN_PLACE.exec(text.slice(m.end));
    if (p) out.push([m.end + p[0].length - p[1]!.length, m.end + p[0].length]);
  }
  return out;
}

/**
 * What a need says of an enterprise it names that cannot take the work: fully booked, not answering, no time or
 * capacity, declined, closed down ("Salttornet säger att de är fullbokade", "men nu svarar de inte", "X is fully
 * booked"). Said in the rest of the name's sentence, before another enterprise is named.
 */
const UNAVAILABLE =
  /(?<![\p{L}])(?:kan\s+inte(?=\s*(?:[,.;!?–-]|$))|(?:har\s+)?tackat\s+nej|har\s+(?:\p{L}+\s+){0,2}inte\s+(?:svarat|hört av sig|återkommit)|svarar\s+(?:\p{L}+\s+){0,2}aldrig|är\s+(?:alldeles\s+|alltför\s+|för\s+)?(?:för\s+)?dyr[a]?|har\s+sagt\s+upp|(?:har\s+)?(?:ingen|inte\s+någon)\s+kapacitet|ingen\s+(?:tid|plats)\s+kvar|(?:is|are)\s+too\s+expensive|(?:has|have)\s+(?:no|run out of)\s+capacity|full(?:bokad|bokade|bokat|tecknad|tecknade|tecknat)|uppbokad\p{L}*|(?:svarar|svarade)\s+(?:\p{L}+\s+){0,2}inte|har\s+(?:\p{L}+\s+){0,2}inte\s+(?:tid|kapacitet|möjlighet|plats|personal)|hinner\s+(?:\p{L}+\s+){0,2}inte|kan\s+(?:\p{L}+\s+){0,2}inte\s+(?:ta|åta|hjälpa|leverera|göra)|tackade\s+nej|sa\s+nej|har\s+(?:lagt|slagit)\s+(?:ner|ned|igen)|gått\s+i\s+konkurs|finns\s+inte\s+(?:längre|kvar)|nedlagd\p{L}*|(?:fully\s+)?booked\s+up|fully\s+booked|(?:can't|cannot|can\s+not|couldn't)\s+(?:take|do|help|deliver|make)|(?:doesn't|don't|didn't|do\s+not|does\s+not|did\s+not)\s+(?:answer|respond|reply|have\s+(?:the\s+)?(?:time|capacity|room))|(?:not|isn't|aren't)\s+(?:available|answering|responding)|unavailable|no\s+longer|went\s+(?:bankrupt|out\s+of\s+business)|(?:has|have)\s+closed|declined|said\s+no)(?![\p{L}])/iu;

/**
 * The enterprises a need names and says cannot take the work (UNAVAILABLE; "någon som inte är fullbokad" is no such
 * word): each one's id and the span of what is said of it (from its name to the end of that clause), which speaks of the
 * enterprise, not of the need ("fullbokade till hösten" is no period of the work).
 */
export function unavailableMentions(text: string, mentions: readonly EnterpriseMention[]): Array<{ id: string; span: [number, number] }> {
  const out: Array<{ id: string; span: [number, number] }> = [];
  mentions.forEach((m, i) => {
    const next = mentions[i + 1]?.start ?? text.length;
    const rest = text.slice(m.end, Math.min(next, m.end + 160)).split(/[.!?\n]/)[0]!;
    const u = UNAVAILABLE.exec(rest);
    if (u && !/(?<![\p{L}])(?:inte|not)\s+(?:(?:är|var|is|was)\s+)?$/iu.test(rest.slice(0, u.index))) out.push({ id: m.id, span: [m.start, m.end + rest.length] });
  });
  return out;
}

/** The ids of the enterprises a need names and says cannot take the work (`unavailableMentions`). */
export function unavailableByName(text: string, mentions: readonly EnterpriseMention[]): Set<string> {
  return new Set(unavailableMentions(text, mentions).map((x) => x.id));
}

/** Whether `form` stands in `lower` at a word's start. */
function namesAt(lower: string, form: string): boolean {
  for (let at = lower.indexOf(form); at >= 0; at = lower.indexOf(form, at + 1)) if (at === 0 || !/\p{L}/u.test(lower[at - 1]!)) return true;
  return false;
}

/**
 * The enterprise a need names by name (`nameForms`, worked out once per registry) that is not among the proposals,
 * and why in words: its status, or the need's hard constraints it breaks (`violations`). Null when the need names
 * none, or every one it names is proposed.
 */
export function namedButNotProposed(text: string, named: ReadonlyArray<{ e: Enterprise; forms: string[] }>, proposed: readonly string[], need: Need): { sv: string; en: string } | null {
  const lower = text.toLowerCase();
  for (const { e, forms } of named) {
    if (proposed.includes(e.id) || !forms.some((f) => namesAt(lower, f))) continue;
    const v = violations(e, need);
    const why = e.status !== 'aktiv' ? (e.status === 'vilande' ? 'är vilande enligt registret' : `har status ${e.status} i registret`) : v.length ? `uppfyller inte behovet: ${v.join(', ')}` : 'rankades lägre än förslagen';
    const whyEn = e.status !== 'aktiv' ? `is ${e.status === 'vilande' ? 'dormant' : e.status} in the registry` : v.length ? `does not meet the need (${v.join(', ')})` : 'ranked below the proposals';
    return { sv: `${e.name}, som ni nämner, ${why} och föreslås därför inte.`, en: `${e.name}, which you name, ${whyEn}, so it is not proposed.` };
  }
  return null;
}
