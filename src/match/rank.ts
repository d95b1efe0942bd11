/**
 * Matching: hard constraints first (never propose a violator), then ranking by service fit
 * (category evidence + BM25 over the enterprise's own words) and soft wishes. Every match carries
 * reasons naming the fields that matched and warnings about what is uncertain.
 */
import { noticeCheck, noticeOf, type Notice } from './notice.js';
import { capacityLabel, experienceEn, languagesEn, targetGroupEn } from './english.js';
import { analyze, Lexicon, tokenize } from '../retrieval/analyzer.js';
import { dictionaryBases } from '../query/dictionary.js';
import type { EnterpriseMatch } from '../domain/types.js';
import type { Enterprise } from '../registry/schema.js';
import { DIETS, type CategoryIndex, type Need } from './parse.js';
import { GLOSSARY, phraseWords, stem, stemFit } from './text.js';
import { closedSeason, periodMonths } from './season.js';

// ---------------------------------------------------------------- BM25 over enterprise texts

export interface TextIndex {
  lexicon: Lexicon;
  docs: Array<{ len: number; tf: Map<string, number> }>;
  df: Map<string, number>;
  /** term → documents containing it */
  postings: Map<string, number[]>;
  /** per enterprise, the analyzed terms of each offering (for reasons) */
  offeringTerms: Array<Array<Set<string>>>;
  /** index terms of at least 7 letters by their first four (for sharedModifierTerms) */
  byPrefix: Map<string, string[]>;
  avgLen: number;
}

/**
 * A compound's first part written apart with a hyphen keeps its linking s ("kontors- och skolflyttar"):
 * the word itself is added after it ("kontors- kontor"), so a need's "kontor" meets it (the stems of
 * "kontors" and "kontor" differ).
 */
export function hangingModifiers(text: string): string {
  return text.replace(/(?<![\p{L}-])(\p{L}{3,}?)s-(?=\s|$)/gu, '$1s- $1');
}

/** The words an enterprise is found by: name, description, offerings, category labels (offerings count twice). */
export function enterpriseText(e: Enterprise, labels: Map<string, string>): string {
  return hangingModifiers([e.name, e.description, e.offerings.join('. '), e.offerings.join('. '), e.categories.map((c) => labels.get(c) ?? c).join('. '), e.capacity.note ?? ''].join('\n'));
}

export function buildTextIndex(enterprises: Enterprise[], index: CategoryIndex): TextIndex {
  const labels = new Map(index.categories.map((c) => [c.id, c.label]));
  const lexicon = new Lexicon();
  for (const e of enterprises.slice(0, 2000)) for (const t of tokenize(enterpriseText(e, labels))) lexicon.add(t);
  for (const c of index.categories) for (const s of [c.label, ...c.synonyms]) for (const t of tokenize(s)) lexicon.add(t);
  const df = new Map<string, number>();
  const postings = new Map<string, number[]>();
  let total = 0;
  const docs = enterprises.map((e, i) => {
    const terms = analyze(enterpriseText(e, labels), { lexicon });
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const t of tf.keys()) {
      df.set(t, (df.get(t) ?? 0) + 1);
      const list = postings.get(t);
      if (list) list.push(i);
      else postings.set(t, [i]);
    }
    total += terms.length;
    return { len: terms.length, tf };
  });
  const offeringTerms = enterprises.map((e) => e.offerings.map((o) => new Set(analyze(hangingModifiers(o), { lexicon }))));
  const byPrefix = new Map<string, string[]>();
  for (const t of df.keys()) {
    if (t.length < 7 || /\d/.test(t)) continue;
    const k = t.slice(0, 4);
    const list = byPrefix.get(k);
    if (list) list.push(t);
    else byPrefix.set(k, [t]);
  }
  return { lexicon, docs, df, postings, offeringTerms, byPrefix, avgLen: total / Math.max(1, docs.length) };
}

/** Words of how needs are phrased, not of what is needed; left out of the text query. */
const NEED_LANGUAGE = new Set(
  `behöver behövs behov vill ha hjälp gärna helst tips finns någon några ny nya nytt helt ta hand fixa fix par
  kommun kommunen förvaltning socialt sociala företag företaget aktör aktörer lokal lokala leverantör leverantörer
  upphandling upphandla direktupphandling reserverad reservera iop avtal anbud pris kostnad belopp beloppet litet
  stor stort liten små vecka veckor månad år höst vår sommar vinter vem vilka vilken kan kunde prata ordna kör
  sköta sköter sköts ordnar fixar anlita anlitar beställa hyra
  need needs want help someone somebody any social enterprise enterprises company local supplier who could would
  procurement contract direct award reserved please thanks hej tack`
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => stem(w)),
);

/** Query terms: the need's analyzed terms plus Swedish words for English ones (the registry is Swedish). */
export function queryTerms(text: string, ti: TextIndex, places: Set<string>): string[] {
  const extra: string[] = [];
  for (const t of tokenize(text)) {
    for (const g of GLOSSARY[t] ?? []) extra.push(g);
    // a verb in -era names what its noun in -ering does ("magasinera" ~ "magasinering", "sanera" ~ "sanering"); the
    // stemmer keeps them apart, and the enterprises' offerings are written as nouns
    const verb = /^(\p{L}{3,}er)(?:a|ar|ade|at|as|ad|ades)$/u.exec(t);
    if (verb) extra.push(`${verb[1]}ing`);
  }
  extra.push(phraseWords(text));
  return [...new Set(analyze(`${text} ${extra.join(' ')}`, { lexicon: ti.lexicon }))].filter((t) => !places.has(t) && !NEED_LANGUAGE.has(t) && !/^\d/.test(t));
}

/** How much a term that only shares the need word's first compound part counts (trapphus ~ trappstädning). */
export const SHARED_MODIFIER_WEIGHT = 0.4;

/**
 * Index terms that are compounds of the same first part as a need word, each with a different head:
 * "trapphus" (trapp|hus) meets "trappstädning" (trapp|städning), "bostadshus" meets "bostadsområden".
 * The shared part has at least five letters, the enterprise's head is a word of
 * the registry's texts and the need's head a word of the registry or of the Swedish dictionary, so
 * "kontor" never meets "kontroll"; terms the need already holds are left out.
 */
export function sharedModifierTerms(ti: TextIndex, terms: string[]): string[] {
  const out = new Set<string>();
  const known = (w: string) => ti.lexicon.count(w) > 0;
  for (const q of terms) {
    if (q.length < 7) continue;
    for (const t of ti.byPrefix.get(q.slice(0, 4)) ?? []) {
      if (t === q || terms.includes(t)) continue;
      let n = 0;
      while (n < q.length && n < t.length && q[n] === t[n]) n++;
      for (let cut = n; cut >= 5; cut--) {
        const qHead = q.slice(cut);
        const tHead = t.slice(cut);
        if (qHead.length < 3 || tHead.length < 4 || qHead === tHead || !known(tHead)) continue;
        if (known(qHead) || dictionaryBases(qHead).size) {
          out.add(t);
          break;
        }
      }
    }
  }
  return [...out];
}

/**
 * Index compounds whose head is a need word that names what the work is done on, not the service ("skolor" meets
 * "förskolor", "kontor" meets "stadskontor"): the modifier is a word of the registry or of the Swedish dictionary
 * (with or without its linking s). Service words are left out (`isService`): their compounds are the category's
 * business, and a verb stem would meet adjective compounds (städas ~ storstäda). Terms the need holds are left out.
 */
export function sharedHeadTerms(ti: TextIndex, terms: string[], isService: (term: string) => boolean): string[] {
  const out = new Set<string>();
  for (const q of terms) {
    if (q.length < 4 || /\d/.test(q) || isService(q)) continue;
    for (const t of headCompounds(ti, q)) if (!terms.includes(t)) out.add(t);
  }
  return [...out];
}

const headCache = new WeakMap<TextIndex, { byEnd: Map<string, string[]>; found: Map<string, string[]> }>();

/** The index terms that are compounds with head q and a known modifier, computed once per index and term. */
function headCompounds(ti: TextIndex, q: string): string[] {
  let cache = headCache.get(ti);
  if (!cache) {
    // the index's long terms by their last four letters, so a head is looked up, not searched for
    const byEnd = new Map<string, string[]>();
    for (const t of ti.df.keys()) {
      if (t.length < 7) continue;
      const k = t.slice(-4);
      const list = byEnd.get(k);
      if (list) list.push(t);
      else byEnd.set(k, [t]);
    }
    headCache.set(ti, (cache = { byEnd, found: new Map() }));
  }
  let hit = cache.found.get(q);
  if (hit) return hit;
  const known = (w: string) => w.length >= 3 && (ti.lexicon.count(w) > 0 || dictionaryBases(w).size > 0);
  hit = [];
  for (const t of cache.byEnd.get(q.slice(-4)) ?? []) {
    if (t.length - q.length < 3 || !t.endsWith(q)) continue;
    const mod = t.slice(0, t.length - q.length);
    if (known(mod) || (mod.endsWith('s') && known(mod.slice(0, -1)))) hit.push(t);
  }
  if (cache.found.size > 5000) cache.found.clear();
  cache.found.set(q, hit);
  return hit;
}

/** BM25 (k1 1.2, b 0.75) of every enterprise text; `weights` scales a term's share (default 1). */
export function bm25(ti: TextIndex, terms: string[], k1 = 1.2, b = 0.75, weights?: Map<string, number>): Float64Array {
  const n = ti.docs.length;
  const scores = new Float64Array(n);
  for (const term of terms) {
    const w = weights?.get(term) ?? 1;
    const df = ti.df.get(term);
    if (!df) continue;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    for (const i of ti.postings.get(term) ?? []) {
      const d = ti.docs[i]!;
      const f = d.tf.get(term)!;
      scores[i]! += (w * idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * d.len) / ti.avgLen));
    }
  }
  return scores;
}

// ---------------------------------------------------------------- hard constraints

/** Every hard constraint the enterprise breaks for this need (empty = may be proposed). */
export function violations(e: Enterprise, need: Need): string[] {
  const v: string[] = [];
  if (e.status !== 'aktiv') v.push(`status ${e.status}`);
  if (need.municipality && !e.serviceArea.includes(need.municipality)) v.push(`betjänar inte ${need.municipality}`);
  if (need.categories.length && !need.categories.some((c) => e.categories.includes(c))) v.push('annan tjänstekategori');
  const short = (field: string, wanted: number) => {
    const have = capacityValue(e, field);
    // an unknown capacity is never a pass: the enterprise is left out and the advice names it
    if (have === undefined) v.push(`${capacityLabel(field)} okänd`);
    else if (have < wanted) v.push(`${capacityLabel(field)} ${have} < ${wanted}`);
  };
  if (capacityApplies(e, need)) short(need.minCapacity!.field, need.minCapacity!.value);
  if (need.trainees) short('traineePlaces', need.trainees);
  const closed = closedOverlap(e, need.period);
  if (closed && closed.all) v.push(`ingen verksamhet ${closed.when}`);
  const notice = noticeFor(e);
  if (noticeCheck(notice, need.lead ?? null) === 'violation') v.push(`kräver ${notice!.days} dagars framförhållning`);
  if (need.reservedContract && !e.procurement.reservedContractEligible) v.push('kan inte delta i reserverad upphandling');
  if (need.iop && !e.procurement.iop) v.push('inte öppen för IOP');
  if (need.fSkatt && !e.procurement.fSkatt) v.push('saknar F-skatt');
  if (need.workIntegratingRequired && !e.workIntegrating) v.push('inte arbetsintegrerande');
  if (need.legalForms?.excluded.includes(e.legalForm) || (need.legalForms?.required.length && !need.legalForms.required.includes(e.legalForm))) v.push(`associationsform ${e.legalForm}`);
  // (languages a translation is into are asked of the translators only: need.languageCategories)
  const languagesApply = !need.languageCategories || need.languageCategories.some((c) => e.categories.includes(c));
  for (const group of languagesApply ? languageGroups(need.languages, need.languageAlternatives) : []) {
    if (!group.some((l) => speaks(e, l))) v.push(`saknar ${group.join(' eller ')}`);
  }
  if (need.targetGroup && need.targetGroupRequired && !(e.targetGroups as readonly string[]).includes(need.targetGroup)) v.push(`målgruppen ${need.targetGroup} saknas`);
  return v;
}

/**
 * Whether an enterprise's staff speak a language: the language itself, or for "samiska" (the language family, as a need
 * names it) any of its varieties the registry lists ("nordsamiska", "umesamiska").
 */
export function speaks(e: Pick<Enterprise, 'languages'>, language: string): boolean {
  return e.languages.includes(language) || (language === 'samiska' && e.languages.some((l) => l.endsWith('samiska')));
}

/** The languages of a list as groups: alternatives said together are one group, each other language its own. */
export function languageGroups(list: readonly string[], alternatives: readonly string[][] = []): string[][] {
  const out: string[][] = [];
  const done = new Set<string>();
  for (const l of list) {
    if (done.has(l)) continue;
    const group = alternatives.find((g) => g.includes(l))?.filter((x) => list.includes(x)) ?? [l];
    for (const x of group) done.add(x);
    out.push(group);
  }
  return out;
}

const askedMonths = new Map<string, Set<number>>();
const closedOf = new WeakMap<object, { months: Set<number>; when: string }>();

/**
 * The months of the need's period (`periodMonths`) the enterprise says it does not work (`closedSeason` of its capacity
 * note and description): null when none; `all` when every month of the period is closed (then it is not proposed),
 * `when` the closed season as the registry writes it ("december–februari").
 */
const noticeCache = new WeakMap<Pick<Enterprise, 'capacity' | 'description'>, Notice | null>();
/** The notice an enterprise asks for (`noticeOf` its capacity note, then its description), once per enterprise. */
export function noticeFor(e: Pick<Enterprise, 'capacity' | 'description'>): Notice | null {
  let n = noticeCache.get(e);
  if (n === undefined) noticeCache.set(e, (n = noticeOf(e.capacity.note ?? '') ?? noticeOf(e.description)));
  return n;
}

export function closedOverlap(e: Pick<Enterprise, 'capacity' | 'description'>, period: string | null): { all: boolean; when: string } | null {
  if (!period) return null;
  let asked = askedMonths.get(period);
  if (!asked) {
    // (a bounded memo: periods come from what users type)
    if (askedMonths.size > 500) askedMonths.clear();
    askedMonths.set(period, (asked = periodMonths(period)));
  }
  if (!asked.size) return null;
  // (read once per enterprise: a need with a period is checked against every enterprise of its service)
  let closed = closedOf.get(e);
  if (!closed) closedOf.set(e, (closed = closedSeason(`${e.capacity.note ?? ''} ${e.description}`)));
  const hit = [...asked].filter((m) => closed.months.has(m));
  if (!hit.length) return null;
  return { all: hit.length === asked.size, when: closed.when };
}

/** Whether the need's capacity is checked for this enterprise: it has one, and counts for a service the enterprise offers (`minCapacity.categories`, capacityAsRecorded). */
export function capacityApplies(e: Enterprise, need: Pick<Need, 'minCapacity'>): boolean {
  const cap = need.minCapacity;
  return Boolean(cap && (!cap.categories || cap.categories.some((c) => e.categories.includes(c))));
}

export function capacityValue(e: Enterprise, field: string): number | undefined {
  if (field === 'traineePlaces') return e.traineePlaces;
  const v = (e.capacity as Record<string, unknown>)[field];
  return typeof v === 'number' ? v : undefined;
}

// ---------------------------------------------------------------- soft comparison of a volume with the capacity note

/** Numbers in the capacity note with the words after them: "upp till 3 förskolegårdar per vecka". */
function noteQuantities(note: string): Array<{ value: number; words: string[] }> {
  const out: Array<{ value: number; words: string[] }> = [];
  const norm = note.replace(/(\d)\s(\d{3})\b/g, '$1$2');
  for (const m of norm.matchAll(/(\d+)(?:\s*[–-]\s*(\d+))?\s+([\p{L}-]+(?:\s+[\p{L}-]+){0,3})/gu)) {
    out.push({ value: Number(m[2] ?? m[1]), words: tokenize(m[3]!) });
  }
  return out;
}

/** Whether a capacity note speaks to a volume: it gives a number, or shares a word stem with the volume's unit. */
function relatesToVolume(note: string, unit: string): boolean {
  if (/\d/.test(note)) return true;
  const u = tokenize(unit).map((w) => w.slice(0, 5));
  return tokenize(note).some((w) => u.some((x) => x.length >= 4 && w.startsWith(x)));
}

/** The least category fit of a service the need asks for, relative to its strongest (primaryCategories' ratio). */
const ASKED_SHARE = 0.75;

/** Penalty for an enterprise closed in part of the need's period (closedOverlap): below one open all of it. */
const CLOSED_SEASON = 0.15;

/** Penalty for a volume the capacity note falls short of, at a shortfall of the whole volume (scaled by the share short). */
export const VOLUME_SHORTFALL = 0.2;

/** A unit that counts things of any kind: "enheter", "stycken", "st", "units", "pieces", "items". */
const GENERIC_COUNT = /^(?:enheter|enhet|stycken|styck|st|units?|pieces?|items?)$/;

/** Words of one unit, the square metre, as needs and notes write it: "kvm", "m2", "m²" (tokenized "m"), "kvadratmeter", "sq m". */
const AREA_UNIT = /^(?:kvm|m|m2|kvadratmeter|kvadratmetrar|kvadrat|sqm|sq|square)$/;

/**
 * The need's volume against the numbers of the capacity note with the same unit: ok (with `have`, the
 * note's figure, for the headroom), low, or unknown when the note names no such unit.
 */
export function compareVolume(e: Enterprise, need: Need): { status: 'ok' | 'low' | 'unknown'; note?: string; have?: number } {
  if (!need.volume || !e.capacity.note) return { status: 'unknown' };
  const unitStems: string[] = [];
  for (const w of tokenize(need.volume.unit)) {
    unitStems.push(stem(w));
    for (const g of GLOSSARY[w] ?? []) for (const t of tokenize(g)) unitStems.push(stem(t));
  }
  const needArea = AREA_UNIT.test(tokenize(need.volume.unit)[0] ?? '');
  for (const q of noteQuantities(e.capacity.note)) {
    const first = q.words[0];
    if (!first) continue;
    const fs = stem(first.replace(/-$/, ''));
    // (a count in the note's generic unit, "ca 400 enheter i månaden", counts the need's things too: "200 datorer")
    if ((needArea && AREA_UNIT.test(first)) || (!needArea && GENERIC_COUNT.test(first)) || unitStems.some((u) => stemFit(fs, u) >= 0.3 || stemFit(u, fs) >= 0.3)) {
      return { status: q.value >= need.volume.value ? 'ok' : 'low', note: e.capacity.note, have: q.value };
    }
  }
  return { status: 'unknown' };
}

/**
 * Whether enterprise i's text holds a query term that at most a tenth of the registry uses (at least
 * two enterprises' worth): without any category evidence, sharing only common words ("bygga", "nytt")
 * with a text is no sign that the enterprise offers the service, and the need is left unmatched.
 */
export function sharesSpecificTerm(ti: TextIndex, i: number, terms: string[]): boolean {
  const limit = Math.max(2, 0.1 * ti.docs.length);
  return terms.some((t) => t.length >= 3 && ti.docs[i]!.tf.has(t) && (ti.df.get(t) ?? Infinity) <= limit);
}

// ---------------------------------------------------------------- ranking

export interface RankInput {
  need: Need;
  enterprises: Enterprise[];
  text: TextIndex;
  terms: string[];
  /** a smaller weight for terms that only wish clauses hold (see serviceQuery) */
  termWeights?: Map<string, number>;
  /** category evidence by id */
  evidence: Map<string, number>;
  today: Date;
  limit: number;
  categoryLabels: Map<string, string>;
  /**
   * ids the need leaves out by name ("inte Kvarnbackens den här gången"): never proposed, and not counted as the best
   * fit either. `enterprises` stays the whole registry, since `text`'s postings and offering terms are by its index.
   */
  exclude?: ReadonlySet<string>;
}

export interface Ranked {
  matches: EnterpriseMatch[];
  /** enterprises that fit the service but break a hard constraint (for advice) */
  excluded: Array<{ id: string; reasons: string[] }>;
  /** whether the service itself could be recognised */
  serviceRecognised: boolean;
}

const MONTH_MS = 30.44 * 24 * 3600 * 1000;
/**
 * How much asking for a work-integrating enterprise moves one up (and one that is not down): a swing of
 * 0.2, less than a service category (0.6), so the wish orders enterprises of the asked service and never
 * brings in another service. (0.15 was measured too and changed no figure.)
 */
const WORK_INTEGRATING_WISH = 0.1;
/**
 * Every need to Brygga asks for a social enterprise: among enterprises of the same service, one the
 * registry marks as meeting the conditions for reserved contracts (work integration is its main purpose,
 * LOU 4 kap. 18 §) ranks a little above one with a social profile only. Less than any wish (0.06 and up),
 * the home-municipality bonus (0.05) or a category, so it only orders near ties.
 */
const RESERVED_ELIGIBLE_PRIOR = 0.03;

export function rank(input: RankInput): Ranked {
  const { need, enterprises, text, evidence, today } = input;
  const sv = need.language === 'sv';
  const scores = bm25(text, input.terms, undefined, undefined, input.termWeights);
  const present = (e: Enterprise) => !input.exclude?.has(e.id);
  let maxText = 0;
  enterprises.forEach((e, i) => {
    if (e.status === 'aktiv' && present(e)) maxText = Math.max(maxText, scores[i]!);
  });
  const maxEvidence = Math.max(0, ...need.categories.map((c) => evidence.get(c) ?? 0));
  const categoryMode = need.categories.length > 0;

  // service fit of every active enterprise, wherever it is
  // evidence too weak to name the service still ranks among the enterprises the texts find, and keeps
  // them to its categories (fail closed: the texts alone would let any enterprise sharing a word through)
  const maxWeak = categoryMode ? 0 : Math.max(0, ...evidence.values());
  // only categories a word names in its own right filter ("till en konferens" is the occasion, not the service)
  const weakNamed = new Set(need.namedCategories?.filter((c) => (evidence.get(c) ?? 0) >= 0.5 * maxWeak) ?? []);
  const weakCategory = (e: Enterprise) => e.categories.some((c) => weakNamed.has(c));
  const fits = enterprises.map((e, i) => {
    const t = maxText > 0 ? scores[i]! / maxText : 0;
    if (!categoryMode) {
      const weak = maxWeak > 0 ? Math.max(0, ...e.categories.map((c) => (evidence.get(c) ?? 0) / maxWeak)) : 0;
      return { fit: maxWeak > 0 ? 0.7 * t + 0.3 * weak : t, cat: 0, t };
    }
    // every service the need asks for counts (at least at primaryCategories' share of the strongest): a second service
    // said in fewer words ("Flytt av 25 arbetsplatser … + möblerna till återbruk") is asked for as much as the first
    const cat = Math.max(0, ...e.categories.map((c) => (need.categories.includes(c) ? Math.max(ASKED_SHARE, (evidence.get(c) ?? 0) / maxEvidence) : 0)));
    return { fit: 0.6 * cat + 0.4 * t, cat, t };
  });
  let bestFit = 0;
  enterprises.forEach((e, i) => {
    if (e.status === 'aktiv' && present(e)) bestFit = Math.max(bestFit, fits[i]!.fit);
  });
  const serviceRecognised = categoryMode || maxText > 0;
  // the need's own words (not a compound that only shares a first part with one, "stadsfesten" ~ "stadsodling", nor a wish's)
  const ownTerms = input.terms.filter((t) => (input.termWeights?.get(t) ?? 1) >= 1);
  const threshold = categoryMode ? 0.6 * bestFit : Math.max(0.5 * bestFit, 1e-9);

  const candidates: Array<{ e: Enterprise; score: number; reasons: string[]; warnings: string[] }> = [];
  const excluded: Ranked['excluded'] = [];
  enterprises.forEach((e, i) => {
    if (!present(e)) return;
    const f = fits[i]!;
    const serviceFits = categoryMode
      ? f.cat > 0 && f.fit >= threshold
      : f.fit >= threshold &&
        (weakNamed.size ? f.t >= 0.3 && weakCategory(e) : f.t >= (maxWeak > 0 ? 0.3 : 0.5) && sharesSpecificTerm(text, i, ownTerms));
    if (!serviceFits) return;
    const v = violations(e, need);
    if (v.length) {
      excluded.push({ id: e.id, reasons: v });
      return;
    }
    const reasons: string[] = [];
    const warnings: string[] = [];
    let score = f.fit;
    const matchedCats = e.categories.filter((c) => need.categories.includes(c));
    if (matchedCats.length) reasons.push(`${sv ? 'kategori' : 'category'}: ${matchedCats.map((c) => input.categoryLabels.get(c) ?? c).join(', ')}`);
    const hitOfferings = e.offerings.filter((_, k) => input.terms.some((t) => text.offeringTerms[i]![k]!.has(t)));
    if (hitOfferings.length) reasons.push(`${sv ? 'erbjuder' : 'offerings'}: ${hitOfferings.slice(0, 3).join('; ')}`);
    else if (f.t >= 0.3) reasons.push(sv ? 'beskrivningen stämmer med behovet' : 'description fits the need');
    if (need.municipality) {
      if (e.municipality === need.municipality) {
        score += need.localWished ? 0.2 : 0.05;
        reasons.push(`${sv ? 'lokal aktör, hemkommun' : 'local, home municipality'} ${e.municipality}`);
      } else reasons.push(`${sv ? 'serviceområde omfattar' : 'service area includes'} ${need.municipality} (${sv ? 'hemkommun' : 'based in'} ${e.municipality})`);
    }
    if (need.minCapacity && capacityApplies(e, need)) {
      const have = capacityValue(e, need.minCapacity.field)!;
      score += 0.1 * Math.min(1, (have - need.minCapacity.value) / need.minCapacity.value);
      reasons.push(`${capacityLabel(need.minCapacity.field, sv)}: ${have} ≥ ${need.minCapacity.value}`);
    }
    if (need.trainees) reasons.push(`${capacityLabel('traineePlaces', sv)}: ${e.traineePlaces} ≥ ${need.trainees}`);
    if (need.volume) {
      const c = compareVolume(e, need);
      if (c.status === 'ok') {
        // more headroom ranks higher, as for the capacity fields (full bonus at twice the volume)
        score += 0.03 + 0.05 * Math.min(1, (c.have! - need.volume.value) / need.volume.value);
        reasons.push(`${sv ? 'kapacitet' : 'capacity'}: ${c.note}`);
      } else if (c.status === 'low') {
        // the further the note's figure falls short, the lower: a third of the volume (40 of 120 arbetsplatser) must not
        // outrank an enterprise whose note takes it all for a closer home municipality or a better-worded text
        score -= Math.max(0.02, VOLUME_SHORTFALL * Math.min(1, (need.volume.value - c.have!) / need.volume.value));
        warnings.push(`${sv ? 'kapaciteten kan vara för liten för' : 'capacity may be too small for'} ${need.volume.text}: ${c.note}`);
      } else {
        // the capacity note is quoted only when it speaks of an amount or of the volume's unit, not of something else ("Jour för kränkande klotter vardagar.")
        const note = e.capacity.note && relatesToVolume(e.capacity.note, need.volume.unit) ? ` (${e.capacity.note})` : '';
        warnings.push(sv ? `kapacitet för ${need.volume.value} ${need.volume.unit} okänd${note}` : `capacity for ${need.volume.value} ${need.volume.unit} unknown`);
      }
    }
    // a notice that may apply to this job ("större uppdrag planeras med en månads framförhållning") is said, not ruled on
    const notice = noticeFor(e);
    if (noticeCheck(notice, need.lead ?? null) === 'warning') warnings.push(sv ? `framförhållning: ${notice!.text}` : `notice: ${notice!.text} (${notice!.days} days)`);
    const closed = closedOverlap(e, need.period);
    if (closed) {
      score -= CLOSED_SEASON;
      warnings.push(sv ? `ingen verksamhet ${closed.when} enligt registret: stäm av perioden` : `no activity ${closed.when} according to the registry: check the period`);
    }
    if (need.reservedContract) reasons.push(sv ? 'kan delta i reserverad upphandling' : 'eligible for reserved contracts');
    else if (e.procurement.reservedContractEligible && !need.wished.reservedContract) score += RESERVED_ELIGIBLE_PRIOR;
    if (need.iop) reasons.push(sv ? 'öppen för IOP' : 'open to an IOP');
    if (need.fSkatt) reasons.push(sv ? 'har F-skatt' : 'has an F-tax certificate');
    const wishedFlags: Array<[boolean, boolean, string, string]> = [
      [need.wished.reservedContract, e.procurement.reservedContractEligible, sv ? 'kan delta i reserverad upphandling' : 'eligible for reserved contracts', sv ? 'kan inte delta i reserverad upphandling' : 'not eligible for reserved contracts'],
      [need.wished.iop, e.procurement.iop, sv ? 'öppen för IOP' : 'open to an IOP', sv ? 'inte öppen för IOP' : 'not open to an IOP'],
      [need.wished.fSkatt, e.procurement.fSkatt, sv ? 'har F-skatt' : 'has an F-tax certificate', sv ? 'saknar F-skatt' : 'no F-tax certificate'],
    ];
    for (const [wished, has, reason, warning] of wishedFlags) {
      if (!wished) continue;
      if (has) {
        score += 0.08;
        reasons.push(`${reason} (${sv ? 'önskemål' : 'wish'})`);
      } else warnings.push(warning);
    }
    if (!need.fSkatt && !need.wished.fSkatt && need.route === 'direktupphandling') {
      if (e.procurement.fSkatt) score += 0.03;
      else warnings.push(sv ? 'saknar F-skatt (krävs ofta vid direktupphandling)' : 'no F-tax certificate (often required for a direct award)');
    }
    for (const group of languageGroups(need.languages, need.languageAlternatives)) {
      const spoken = group.filter((l) => speaks(e, l));
      reasons.push(sv ? `språk: ${spoken.join(', ')}` : `language: ${languagesEn(spoken)}`);
    }
    // a wished group of alternatives is met by any one of its languages (one bonus, a warning only when none is spoken)
    for (const group of languageGroups(need.languagesWished, need.languageAlternatives)) {
      const spoken = group.filter((l) => speaks(e, l));
      if (spoken.length) {
        score += 0.06;
        reasons.push(sv ? `språk (önskemål): ${spoken.join(', ')}` : `language (wish): ${languagesEn(spoken)}`);
      } else warnings.push(sv ? `ingen i personalen anges tala ${group.join(' eller ')}` : `no staff listed as speaking ${languagesEn(group, ' or ')}`);
    }
    if (need.workIntegratingWished || need.workIntegratingRequired) {
      if (e.workIntegrating) {
        score += WORK_INTEGRATING_WISH;
        reasons.push(sv ? 'arbetsintegrerande' : 'work-integrating');
      } else {
        score -= WORK_INTEGRATING_WISH;
        warnings.push(sv ? 'inte arbetsintegrerande' : 'not work-integrating');
      }
    }
    if (need.targetGroup && (e.targetGroups as readonly string[]).includes(need.targetGroup)) {
      score += 0.08;
      reasons.push(sv ? `målgrupp: ${need.targetGroup}` : `target group: ${targetGroupEn(need.targetGroup)}`);
    } else if (need.targetGroup) {
      // a group the need names and the enterprise does not list is said, as a language wished for is
      warnings.push(sv ? `målgruppen ${need.targetGroup} anges inte i registret` : `target group ${targetGroupEn(need.targetGroup)} not listed in the registry`);
    }
    for (const c of need.certifications) {
      if (e.certifications.includes(c)) {
        score += 0.05;
        reasons.push(`${sv ? 'certifiering' : 'certification'}: ${c}`);
      } else warnings.push(sv ? `har inte ${c} enligt registret` : `no ${c} in the registry`);
    }
    // a diet the need names ("maten måste vara halal") is checked against what the enterprise says it offers:
    // the registry rarely states diets, so a silence is a question to ask, not a reason to leave it out
    const offers = `${e.description} ${e.offerings.join(' ')}`;
    for (const d of need.diets ?? []) {
      const re = DIETS.find((x) => x.name === d)!.re;
      if (re.test(offers)) {
        score += 0.05;
        reasons.push(sv ? `erbjuder ${d} mat` : `offers ${d} food`);
      } else warnings.push(sv ? `nämner inte ${d} mat – fråga` : `does not mention ${d} food – ask`);
    }
    const exp = e.procurement.publicContractsExperience;
    if (exp === 'ingen') {
      score -= 0.03;
      warnings.push(sv ? 'ingen erfarenhet av offentliga kontrakt' : 'no experience of public contracts');
    } else if (need.route && need.route !== 'IOP' && exp === need.route) {
      score += 0.08;
      reasons.push(sv ? `erfarenhet: ${exp}` : `experience: ${experienceEn(exp)}`);
    } else {
      score += 0.02;
      reasons.push(sv ? `erfarenhet av offentliga kontrakt: ${exp}` : `public contracts: ${experienceEn(exp)}`);
    }
    const verified = Date.parse(e.lastVerified);
    if (Number.isFinite(verified) && today.getTime() - verified > 12 * MONTH_MS) {
      warnings.push(sv ? `uppgifterna kontrollerades senast ${e.lastVerified} (mer än 12 månader sedan)` : `last verified ${e.lastVerified} (more than 12 months ago)`);
    }
    if (need.reservedContract) warnings.push(sv ? 'villkoren för reserverad upphandling (LOU 4 kap. 18 §) ska kontrolleras i varje upphandling' : 'the conditions for reserved contracts (LOU ch. 4 § 18) must be checked in each procurement');
    if (e.sample) warnings.push(sv ? 'fiktiva exempeldata – inte en verklig leverantör' : 'fictional sample data – not a real supplier');
    candidates.push({ e, score, reasons, warnings });
  });
  candidates.sort((a, b) => b.score - a.score || a.e.id.localeCompare(b.e.id));
  const matches = candidates.slice(0, input.limit).map((c, i) => ({
    rank: i + 1,
    enterpriseId: c.e.id,
    name: c.e.name,
    score: Math.round(Math.max(0, Math.min(1, c.score / 1.5)) * 1000) / 1000,
    reasons: c.reasons,
    warnings: c.warnings,
    municipality: c.e.municipality,
    contact: c.e.contact,
    sample: c.e.sample,
  }));
  return { matches, excluded, serviceRecognised };
}
