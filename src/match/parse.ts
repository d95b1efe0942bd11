/**
 * Need parsing, offline and without a model: what service (categories), where (municipality),
 * when (period), how much (capacity or volume), which procurement route, F-skatt, wished target group,
 * working languages and other soft wishes. Works for Swedish and English needs.
 */
import type { Lead } from './notice.js';
import type { Language, ParsedNeed } from '../domain/types.js';
import type { Category } from '../registry/schema.js';
import { Lexicon, splitCompound } from '../retrieval/analyzer.js';
import { findPlace } from './places.js';
import { GLOSSARY, phraseWords, detectLanguage, isStop, needTokens, oneEdit, stem, stemEnglish, stemFit, tokenize, type NeedToken } from './text.js';

export interface Volume {
  value: number;
  /** the words after the number, e.g. "förskolor" */
  unit: string;
  text: string;
}

export interface ContractValue {
  /** kronor */
  sek: number;
  perYear: boolean;
  /** as written ("ca 2 miljoner kr per år") */
  text: string;
}

/** Multipliers of an amount of money: "2 miljoner kr", "200 tkr", "1,5 mkr", "500 000 kr", "SEK 2 million". */
const MONEY_RE =
  /(?<![\p{L}\d])(?:(?:ca\.?|cirka|omkring|runt|ungefär|drygt|knappt|upp till|max(?:imalt)?|about|around|approx\.?|up to)\s+)?(?:(?:SEK|kr)\s*)?(\d{1,3}(?:[\s\u00a0]\d{3})+|\d+(?:[,.]\d+)?)\s*(miljarder|miljard|miljoner|miljon|mnkr|mkr|msek|mn|million|millions|m|tusen|tkr|ksek|kkr|k|thousand)?\s*(kronor|kr\.?|sek|:-)?(?:\s+(?:per|om|i|a|each|every)\s+(?:år|året|year|annum)|\s*\/\s*år|\s+årligen|\s+annually)?(?![\p{L}\d])/giu;

/** The contract value or budget of a need: an amount with a currency or a money multiplier. */
export function parseContractValue(text: string): ContractValue | null {
  for (const m of text.matchAll(MONEY_RE)) {
    const mult = (m[2] ?? '').toLowerCase();
    const cur = m[3];
    // an amount needs its currency, or a multiplier that only money has (tkr, mkr, mnkr, msek, ksek)
    if (!cur && !/^(?:tkr|mkr|mnkr|msek|ksek|kkr)$/.test(mult) && !/(?:SEK|kr)\s*\d/i.test(m[0])) continue;
    const n = Number(m[1]!.replace(/[\s\u00a0]/g, '').replace(',', '.'));
    if (!Number.isFinite(n)) continue;
    const factor = /^(?:miljard|miljarder)$/.test(mult) ? 1e9 : /^(?:miljon|miljoner|mnkr|mkr|msek|mn|million|millions|m)$/.test(mult) ? 1e6 : /^(?:tusen|tkr|ksek|kkr|k|thousand)$/.test(mult) ? 1e3 : 1;
    const sek = Math.round(n * factor);
    if (sek < 1000) continue;
    return { sek, perYear: /(?:per|om|i|a|each|every)\s+(?:år|året|year|annum)|\/\s*år|årligen|annually/i.test(m[0]), text: m[0].trim() };
  }
  return null;
}

export interface Need extends ParsedNeed {
  place: string | null;
  /**
   * trainee places the enterprise is to offer besides the capacity of its service ("lokalvård 4000 kvm, de ska också ta emot 5
   * praktikanter": 5), checked against `traineePlaces` like any capacity (unknown is no pass); null when none is asked for
   * or trainee places are the need's only capacity (then they are `minCapacity`)
   */
  trainees: number | null;
  /** a stated volume that is not one of the registry's capacity fields ("tre förskolor", "50 kg") */
  volume: Volume | null;
  route: 'direktupphandling' | 'reserverad upphandling' | 'IOP' | 'underleverantör' | 'ramavtal' | null;
  /** working languages required (hard: every one must be spoken) */
  languages: string[];
  /** working languages wished for ("gärna arabisktalande"): ranked higher, never a filter */
  languagesWished: string[];
  /**
   * languages named as alternatives ("somaliska alternativt arabiska", "polska eller arabiska"): each
   * group is met by any one of its languages, whether it is required or wished for
   */
  languageAlternatives?: string[][];
  /**
   * the services the required languages are asked of, when they are what a translation is into ("ska översättas till
   * arabiska och sen tryckas": the printer need not speak Arabic); absent: every service's staff
   */
  languageCategories?: string[];
  /** how a target group was asked for: a requirement filters, a wish ranks */
  targetGroupRequired: boolean;
  /** procurement flags asked for as a wish ("helst via IOP"): they rank, they do not filter */
  wished: { reservedContract: boolean; iop: boolean; fSkatt: boolean };
  workIntegratingWished: boolean;
  workIntegratingRequired: boolean;
  /**
   * legal forms the need rules out or requires (registry `legalForm`): "det får inte vara ett vanligt aktiebolag" rules
   * out `aktiebolag` (an aktiebolag with limited dividends, svb, stays); "måste vara en ekonomisk förening" requires one.
   * Absent when the need says nothing of it.
   */
  legalForms?: { excluded: string[]; required: string[] };
  /** how soon the work is (`leadOf`, read by the matcher against its day): checked against the notice an enterprise asks for */
  lead?: Lead | null;
  localWished: boolean;
  certifications: string[];
  /** what the food must be or is wished to be ("halal", "vegetarisk", "glutenfri"), in Swedish */
  diets: string[];
  asksThresholds: boolean;
  /** category evidence, strongest first (for diagnosis) */
  categoryScores: Record<string, number>;
  /** categories a word names in its own right (not only as an occasion or an object of another service) */
  namedCategories: string[];
}

// ---------------------------------------------------------------- categories

interface Term {
  category: string;
  /** Swedish stems of the term's content words (one word, or a phrase) */
  sv: string[];
  en: string[];
  weight: number;
  /** the word as written (single-word terms) */
  raw?: string;
  /** for a compound's first part: the stems of the heads it forms synonyms with */
  heads?: string[];
  /** a verb derived from a nominal synonym: full weight only where the need uses it as a verb */
  derived?: boolean;
  /**
   * a particle verb ("klä om", "sy upp"): its words must stand together in the need, since its content word
   * alone ("klä", "sy") or a form of it ("kläder") is something else
   */
  adjacent?: boolean;
}

export interface CategoryIndex {
  categories: Category[];
  single: Term[];
  phrases: Term[];
}

// label words that name who is served or how, not the service itself
const GENERIC_LABEL_WORDS = new Set(['tjänster', 'service', 'enklare', 'second', 'skapande', 'äldre']);
const WEAK_TERMS = new Set(['få', 'får', 'mat', 'tags', 'tag', 'event', 'sport']);

/**
 * First parts of compound synonyms (klotter in klottersanering, fönster in fönstertvätt) that belong to
 * one category only; generic first parts (kontor, lokal, arbets) that start synonyms of several are left out.
 */
const GENERIC_PARTS = new Set(['stad', 'stads', 'kontor', 'kontors', 'arbete', 'arbets', 'möte', 'mötes', 'språk', 'lokal', 'fastighet', 'fastighets', 'ändring', 'ändrings', 'altan', 'textil']);

/**
 * Words that end compounds without naming the service themselves: a synonym "klotter|sanering" then makes
 * "klotter" a word for its category, and a need's "flytt|hjälp" or "städ|firma" means "flytt", "städ".
 */
const HEADS = new Set(
  'hjälp hjälpen tjänst tjänster tjänsten service servicen firma firman företag företaget jobb jobbet uppdrag uppdraget arbete arbetet arbeten insats insatser insatsen personal folk gubbar gubbe arbetare hjälpare team ytor ytorna ytan skydd borttagning rengöring sanering tvätt reparation reparationer verkstad skötsel servering'.split(' '),
);

/** For each modifier part, the heads it forms synonyms with (fönster → tvätt in fönstertvätt). */
const partHeads = new Map<string, Set<string>>();

function modifierParts(categories: Category[], lexicon: Lexicon): Map<string, string> {
  const owners = new Map<string, Set<string>>();
  const known = new Set<string>(HEADS);
  const direct = new Set<string>();
  for (const c of categories) for (const s of [c.label, ...c.synonyms]) for (const t of tokenize(s)) {
    if (t.length >= 4) known.add(t);
    direct.add(t);
  }
  const add = (part: string, id: string) => {
    if (part.length < 5 || GENERIC_PARTS.has(part) || isStop(part, 'sv')) return;
    const set = owners.get(part) ?? new Set<string>();
    set.add(id);
    owners.set(part, set);
  };
  for (const c of categories) {
    for (const syn of [c.label, ...c.synonyms]) {
      for (const tok of tokenize(syn)) {
        const parts = splitCompound(tok, lexicon);
        if (parts.length >= 2) add(parts[0]!, c.id);
        // a known word at the end: klotter|sanering, fönster|tvätt, flyt(t)|tjänster
        for (const w of known) {
          if (tok.length - w.length < 4 || !tok.endsWith(w)) continue;
          const first = tok.slice(0, tok.length - w.length);
          add(first, c.id);
          const hs = partHeads.get(first) ?? new Set<string>();
          hs.add(w);
          partHeads.set(first, hs);
          if (/s$/.test(first)) add(first.slice(0, -1), c.id);
          // flyt|tjänster is flytt + tjänster (a short vowel's double consonant meets the head's first letter)
          if (first.at(-1) === w[0] && /[aeiouyåäö]/.test(first.at(-2) ?? '')) add(first + w[0], c.id);
        }
      }
    }
  }
  // a first part shared by several categories (kontors-, arbets-) or naming another category itself is no evidence
  return new Map([...owners].filter(([part, set]) => set.size === 1 && !direct.has(part)).map(([part, set]) => [part, [...set][0]!]));
}

/**
 * Everyday words for the registry's categories that its synonyms do not list (keyed by category id;
 * ids the registry lacks are ignored). Inflections are covered by stemming and compound heads.
 */
export const EVERYDAY: Record<string, string[]> = {
  flytt: ['flytta', 'flyttfirma', 'flytthjälp', 'flyttlådor', 'flyttkartonger', 'bära', 'bärare', 'movers', 'tömma', 'tömning'],
  klotter: ['klotter', 'klottrade', 'tagging', 'tagged', 'spray paint', 'spray-painted',  'klottrat', 'graffitti', 'taggar', 'klotterborttagning', 'nedklottrad', 'nedklottrade', 'spreja', 'sprejat', 'sprejade', 'sprayat', 'sprayade', 'sprayfärg'],
  stad: ['städa', 'städare', 'lokalvårdare', 'städas', 'hålla rent', 'hålls rent', 'rengöring', 'skura', 'moppa', 'dammtorka'],
  catering: ['kitchen', 'servera', 'serverar', 'iftar', 'frukt', 'fruktkorg', 'fruktkorgar', 'fruktskålar', 'luncher', 'lunchmat', 'måltider', 'smörgåsar', 'smörgås', 'mackor', 'smörgåstårta', 'matleveranser', 'matlådor', 'middagar', 'lunchlådor', 'lunchlåda', 'matlåda', 'kuvert', 'julbord', 'julbuffé', 'jullunch', 'skolmat', 'skollunch', 'husmanskost', 'knytkalas'],
  cafe: ['fikabröd', 'bullar', 'kanelbullar', 'kakor', 'tårta', 'tårtor', 'kaffeservering', 'förmiddagsfika', 'baka', 'bakning', 'bakat'],
  fonsterputs: ['fönster', 'fönstren', 'fönsterputsning', 'putsa'],
  gronyteskotsel: ['vattna', 'vattning', 'slåtter', 'slyröjning', 'röjning', 'gräs', 'gräsmattor', 'ogräs', 'häckar', 'häckklippning', 'buskar', 'löv', 'krattning', 'rabatterna', 'grönytor', 'beskära', 'beskärning', 'fruktträd', 'skräpplockning', 'plocka skräp'],
  snorojning: ['skotta', 'skottning', 'snöröjning', 'halkbekämpning'],
  transport: ['frakta', 'frakt', 'budbil', 'leverera', 'utkörning', 'utkörningar', 'köra ut', 'köra bort', 'forsla bort', 'dela ut', 'utdelning'],
  // the registry's "klädinsamling" as people say it: "samlar in kläder och skor" (collecting other things is other services)
  'second-hand': ['clothes collection', 'clothing collection', 'collect clothes', 'collecting clothes', 'used clothes', 'loppmarknad', 'begagnade', 'husgeråd', 'skänkta möbler', 'skänka bort', 'ta vara på', 'tas om hand',  'klädinsamling', 'samla in kläder', 'samlar in kläder', 'insamlade kläder', 'skänkta kläder'],
  aterbruk: ['återbruka', 'återbrukade', 'återbrukat', 'återbrukad', 'virke', 'återanvända', 'tas tillvara', 'ta tillvara', 'tillvaratas'],
  mobelrenovering: ['stoppning', 'klä om', 'nytt tyg', 'ny klädsel', 'byta tyg', 'byta klädsel', 'klädseln', 'lackas om', 'klädas om', 'ompolstra'],
  textil: ['sömmerska', 'skomakare', 'dragkedjor', 'klackar', 'textilier', 'sy om', 'sys om', 'sys upp', 'lappa', 'lappas', 'laga kläder', 'sydda', 'sydd', 'sytt'],
  tvatteri: ['tvätten', 'tvättas', 'mangla', 'handdukar', 'lakan', 'arbetskläderna'],
  cykelverkstad: ['bike workshop', 'bicycle workshop', 'bike shop', 'bicycle repair', 'cyklar', 'cykelreparationer', 'cykellagning', 'däck', 'bikes'],
  'it-aterbruk': ['datorerna', 'laptops', 'radering', 'surfplattor', 'mobiltelefoner'],
  'tryck-bokbinderi': ['trycka', 'affischer', 'inbundna', 'inbunden', 'bindas in', 'arkivkartonger', 'anteckningsböcker', 'foldrar', 'flyers', 'tryckning', 'binda in', 'binda om', 'laga böcker', 'bokreparationer'],
  fastighetsskotsel: ['vaktmästare', 'vaktmästaren', 'vaktmästarhjälp', 'vaktmästartjänster', 'husvärd', 'fastighetsvärd'],
  byggstadning: ['byggarbetsplats', 'byggarbetsplatser'],
  'hantverk-bygg': ['snickra', 'snickeri', 'snickrade', 'målare', 'reparera', 'altan', 'staket', 'tapetsera', 'spackla', 'ramp', 'ramper', 'rullstolsramp', 'ramps', 'carpenter', 'carpenters', 'repairs', 'renovate', 'renovation'],
  event: ['kurslokal', 'samlingssal', 'konferenslokal', 'värdskap', 'evenemangsvärdar', 'sal', 'salen', 'festlokal', 'samlingslokal', 'aula', 'hyra lokal', 'lokal att hyra', 'lokal med kök', 'mötesrum', 'festsal'],
  'tolk-oversattning': ['tolka', 'tolkar', 'översätta', 'översatt', 'översatta', 'översätts', 'translate', 'translated',  'översättare', 'tolkning', 'interpreters', 'språkcafé', 'språkkafé', 'språkcaféer'],
  arbetstraning: ['trainee places', 'trainee place', 'traineeships', 'internships', 'workplace training', 'job placement', 'job placements', 'prova på jobb', 'prova på arbete', 'sommarjobb', 'feriejobb', 'feriearbete', 'lärlingsplatser', 'praktikplatser', 'praktikanter', 'arbetsträningsplats', 'arbetsträna', 'praktikplats'],
  'halsa-idrott': ['träningspass', 'gympa', 'promenader', 'motionsgrupper', 'yoga', 'pilates', 'dans', 'gymnastik', 'stavgång', 'motionera', 'friluftsdag', 'friluftsliv', 'friluftsaktiviteter', 'idrottsdag', 'skidor', 'skidåkning', 'skidaktiviteter', 'skridskor', 'vandring'],
  kultur: ['workshoppar', 'lera', 'målarkurs', 'kulturverksamhet', 'konsert', 'konserter', 'föreställning', 'uppträdande', 'körsång', 'sångstund'],
  odling: ['odlingslådor', 'odlingslotter', 'odlingar', 'odling'],
  djur: ['betande', 'betesmark', 'getter', 'hundar', 'betar', 'beta av', 'betas av', 'hästar'],
  hushallsnara: ['hjälp i hemmet', 'gardiner', 'sällskap'],
};

/**
 * Everyday verbs whose stem is also a noun of something else ("lappa" ~ lappar, notes; "bära" ~ bär, berries):
 * like a verb derived from a synonym, they count in full only where the need uses them as verbs.
 */
const VERB_ONLY = new Set(['lappa', 'lappas', 'bära']);

/** Verbs too general to name one service ("laga mat", "laga cyklar", "laga dörrar", "utrusta en lokal"). */
const GENERAL_VERBS = new Set(['laga', 'göra', 'ta', 'ha', 'sätta', 'hålla', 'ordna', 'fixa', 'sköta', 'utrusta', 'stoppa']);

/**
 * The verbs behind a nominal synonym, Swedish deverbal nouns in -ning and -ering (Teleman et al.,
 * Svenska Akademiens grammatik, § nominalisering): körning → köra, lövkrattning → kratta (also the
 * compound's last part), dataradering → radera, översättning → översätta. General verbs are left out.
 */
export function derivedVerbs(synonym: string, lexicon?: Lexicon): string[] {
  const out = new Set<string>();
  for (const tok of tokenize(synonym)) {
    const words = [tok];
    const parts = lexicon ? splitCompound(tok, lexicon) : [];
    if (parts.length >= 2) words.push(parts.at(-1)!);
    for (const w of words) {
      const m = /^(\p{L}{2,}?)(n?ing)$/u.exec(w);
      if (!m || w.length < 7) continue;
      const verb = `${m[1]}a`;
      if (!GENERAL_VERBS.has(verb)) out.add(verb);
    }
  }
  return [...out];
}

/** Swedish verb particles ("klä om", "sy upp", "beta av", "köra ut"): function words that change a verb's meaning. */
const PARTICLES = new Set(['om', 'upp', 'av', 'ut', 'in', 'bort', 'till', 'på', 'ihop', 'undan']);
function isParticle(word: string): boolean {
  return PARTICLES.has(word);
}

export function buildCategoryIndex(categories: Category[], vocabulary: Iterable<string> = []): CategoryIndex {
  const single: Term[] = [];
  const phrases: Term[] = [];
  const lexicon = new Lexicon(vocabulary);
  for (const c of categories) for (const s of [c.label, ...c.synonyms]) for (const t of tokenize(s)) lexicon.add(t);
  for (const [part, category] of modifierParts(categories, lexicon)) {
    const st = stem(part);
    single.push({ category, sv: [st.length <= 3 ? part : st], en: [stemEnglish(part)], weight: 0.9, raw: part, heads: [...(partHeads.get(part) ?? [])].map((h) => stem(h)) });
  }
  for (const c of categories) {
    const add = (text: string, weight: number) => {
      // tokenize adds the joined form of a hyphenated word (second-hand → second, hand, secondhand): a phrase needs its parts only
      // an acronym is never a stopword: "begagnad IT" keeps its "it"
      const acronyms = new Set([...text.matchAll(/(?<![\p{L}])\p{Lu}{2,}(?![\p{L}])/gu)].map((m) => m[0].toLowerCase()));
      const toks = tokenize(text)
        .filter((t) => !isStop(t, 'sv') && !(isStop(t, 'en') && !acronyms.has(t)) && t.length >= 2)
        .filter((t, i, all) => !(i >= 2 && all[i - 2]! + all[i - 1]! === t));
      if (!toks.length) return;
      // a particle verb ("klä om", "sys upp", "beta av"): the particle is a function word, but without it the
      // short verb is another word ("klä" ~ "kläder"), so the words are kept and must be adjacent in the need
      const all = tokenize(text);
      if (toks.length === 1 && all.length === 2 && all[0] === toks[0] && isParticle(all[1]!)) {
        phrases.push({ category: c.id, sv: all.map((t) => (isParticle(t) ? t : stem(t))), en: all.map((t) => stemEnglish(t)), weight, adjacent: true });
        return;
      }
      const term: Term = { category: c.id, sv: toks.map((t) => stem(t)), en: toks.map((t) => stemEnglish(t)), weight };
      // a long word the stemmer cuts to three letters (betande → bet) would match the end of any compound
      if (toks.length === 1 && term.sv[0]!.length <= 3 && toks[0]!.length >= 6) term.sv[0] = toks[0]!;
      if (toks.length === 1) single.push({ ...term, raw: toks[0]!, weight: WEAK_TERMS.has(toks[0]!) ? Math.min(weight, 0.4) : weight });
      else phrases.push(term);
    };
    for (const s of c.synonyms) add(s, 1);
    for (const s of EVERYDAY[c.id] ?? []) {
      add(s, 0.95);
      const t = single.at(-1);
      if (VERB_ONLY.has(s) && t?.raw === s) t.derived = true;
    }
    // the verb of a nominal synonym (körning → köra, sandning → sanda, radering → radera)
    for (const s of [...c.synonyms, ...(EVERYDAY[c.id] ?? [])]) {
      for (const v of derivedVerbs(s, lexicon)) {
        add(v, 0.9);
        const t = single.at(-1);
        if (t?.raw === v) t.derived = true;
      }
    }
    // label words ("Måltider och catering") are weaker evidence than the synonyms
    // (a hyphenated compound is one word, "IT-återbruk": its part "återbruk" is another category's word)
    const labelWords = c.label.split(/\s+/).flatMap((w) => (w.includes('-') ? tokenize(w).slice(-1) : tokenize(w)));
    for (const w of labelWords) if (!isStop(w, 'sv') && w.length >= 5 && !GENERIC_LABEL_WORDS.has(w)) add(w, 0.9);
  }
  // every first part of a compound synonym knows its heads, so the compound written apart is read as one
  for (const t of single) {
    const hs = t.raw ? partHeads.get(t.raw) : undefined;
    if (hs && !t.heads?.length) t.heads = [...hs].map((h) => stem(h));
  }
  return { categories, single, phrases };
}

const NEED_VERBS = new Set(
  'behöver behövs behov önskar söker letar vill köpa köper beställa anlita upphandla sköta fixa hjälp ordna ta driva bjuda bjuder need needs want wants looking seeking hire buy order require requires'.split(' '),
);
/** The Swedish asking verbs in every inflection (fixar, ordnade, sköts): stems of the verbs above. */
const NEED_VERB_STEMS = new Set(['fixa', 'ordna', 'sköta', 'anlita', 'beställa', 'köpa', 'söka', 'leta', 'behöva', 'önska', 'upphandla'].map((v) => stem(v)));
// the word after these is the occasion or the object of another service ("till dialogmötet", "transport av matlådor")
/** People counted at an occasion: the word before them names the occasion ("conference guests", "mässbesökare" is one word). */
const PEOPLE_AFTER_RE = /^(?:guests|participants|attendees|delegates|visitors|deltagare|deltagarna|gäster|gästerna|besökare|besökarna)$/;
const OCCASION_PREPS = new Set('till vid på under inför efter av åt for at during of after'.split(' '));
/** Nouns that ask for the service after their preposition: "förslag på", "offert på", "pris på", "upphandling av", "quote for". */
const ASKING_NOUNS = new Set('förslag förslaget offert offerter offerten pris priser prisförslag prisuppgift kostnadsförslag tips upphandling upphandlingen inköp beställning leverantör leverantörer quote quotes proposal proposals prices tender procurement supplier suppliers'.split(' '));
/**
 * Heads of a municipal body's name (parkförvaltningen, fastighetskontoret, kulturnämnden, bostadsbolaget):
 * the client the work is for, never the service, so its first part (park, fastighet, kultur) is no evidence.
 */
const CLIENT_HEAD_RE = /^\p{L}{3,}?(förvaltning|förvaltningen|förvaltningens|kontor|kontoret|kontorets|avdelning|avdelningen|enhet|enheten|nämnd|nämnden|bolag|bolaget|bolagets|department|office)$/u;
const ARTICLES = new Set('en ett den det the a an vårt vår våra our'.split(' '));

function tokenForms(tok: NeedToken, lang: Language): Array<{ sv: string; en?: string }> {
  const forms: Array<{ sv: string; en?: string }> = [{ sv: tok.sv, en: tok.en }];
  const gl = lang === 'en' || !/[åäö]/.test(tok.raw) ? GLOSSARY[tok.raw] : undefined;
  if (gl) for (const g of gl) for (const t of tokenize(g)) forms.push({ sv: stem(t) });
  // flytt|hjälp, städ|firma, klotter|jobbet: the first part names the service
  for (const h of HEADS) {
    if (tok.raw.length - h.length < 3 || !tok.raw.endsWith(h)) continue;
    const first = tok.raw.slice(0, tok.raw.length - h.length);
    forms.push({ sv: stem(first) });
    if (first.length >= 5 && first.endsWith('s')) forms.push({ sv: stem(first.slice(0, -1)) });
  }
  return forms;
}

// ---------------------------------------------------------------- clauses: wishes and requirements

export type ClauseKind = 'wish' | 'requirement' | 'plain';
export interface Clause {
  text: string;
  /** offset in the need */
  start: number;
  kind: ClauseKind;
}

/** Words that make a clause a wish (ranks higher, never filters). */
export const WISH_RE =
  /(?<![\p{L}])(gärna|helst|om möjligt|i bästa fall|önskvärt|önskemål|meriterande|ett plus|vore (bra|fint|toppen|ett plus|intressant|spännande|kul|önskvärt)|(?:är|vara|va) (?:intressant|av intresse|ett alternativ|en möjlighet)|kan (?:vara|va) (?:intressant|ett alternativ|aktuell\p{L}*)|(?:is|are|could be|would be) (?:interesting|of interest|an option)|skulle vara (bra|fint|ett plus|intressant)|(är|vara|va) (öppna|öppen) för|preferably|ideally|if possible|would be (nice|good|great|a plus)|nice to have|a plus|a bonus|preferred|ok|okej|går bra|funkar också|is fine|would be fine|is welcome|welcome)(?![\p{L}])/iu;
/** A clause that only says the one before it is required ("det är ett krav", "det är själva poängen", "that's the point"). */
const REQUIREMENT_AFTER_RE =
  /^\W*(?:och\s+|and\s+)?(?:det|detta|that|this|it)(?:['’]s|\s+är|\s+is)\s+(?:ett krav|ett måste|själva poängen|hela poängen|hela syftet|syftet|poängen|avgörande|a must|a requirement|required|essential|the point|the whole point|non-negotiable)\W*$/iu;

/** Wish words that come before what is wished (the others follow it: "vore bra", "är ett plus"). */
const PREPOSED_WISH = /^(gärna|helst|i bästa fall|önskvärt|önskemål|preferably|ideally)$/i;

/** Words that make a clause a requirement (filters): "måste", "krav", "vi vill att det blir …", "ska det va(ra) …", "must". */
export const REQUIREMENT_RE =
  /(?<![\p{L}])(måste|krav(et|en)?|kräver|krävs|ska (?:(?:det|de|dom|den|dessa|företaget|ni)\s+)?(vara|va|ha|kunna)|skall|behöver (?:vara|va)|vill att \p{L}+ (\p{L}+ )?(blir|är|ska|ger|går till|har)|(har|är) (bestämt|beslutat|beslutad) att|ska gå till|endast|enbart|villkor(et)?|must|required?|requirements?|has to|have to|needs? to be|only)(?![\p{L}])/iu;

/** "would be fine but isn't required", "inget krav": what is named there is welcome, not required. */
export const NOT_REQUIRED_RE =
  /(?<![\p{L}])((is|are)n't (required|needed|a must)|(is|are) not (required|needed|a must)|not required|optional|inget krav|inte (ett )?krav|krävs inte|behövs inte|inte nödvändig\p{L}*|valfri\p{L}*)(?![\p{L}])/iu;

/**
 * Splits a need into clauses at sentence and list punctuation and before a wish word ("… i Göteborg,
 * gärna med arbetsträning"), and says which are wishes and which requirements (requirement wording wins).
 */
export function needClauses(text: string): Clause[] {
  const cuts = new Set<number>([0, text.length]);
  for (const m of text.matchAll(/[.;!?\n,–—()]+/g)) {
    cuts.add(m.index!);
    cuts.add(m.index! + m[0].length);
  }
  // a clause starts at a wish word that comes first ("…, gärna med arbetsträning"); a wish said after its
  // subject ("IOP vore intressant", "F-skatt är ett plus") keeps the subject in its clause
  for (const m of text.matchAll(new RegExp(WISH_RE.source, 'giu'))) if (PREPOSED_WISH.test(m[0])) cuts.add(m.index!);
  const points = [...cuts].sort((x, y) => x - y);
  const out: Clause[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const piece = text.slice(points[i], points[i + 1]);
    if (!/[\p{L}\p{N}]/u.test(piece)) continue;
    const kind: ClauseKind = NOT_REQUIRED_RE.test(piece) ? 'wish' : REQUIREMENT_RE.test(piece) ? 'requirement' : WISH_RE.test(piece) ? 'wish' : 'plain';
    // "…, det är ett krav", "– that's the point": a requirement said after what it requires
    if (REQUIREMENT_AFTER_RE.test(piece) && out.length && out.at(-1)!.kind === 'plain') out.at(-1)!.kind = 'requirement';
    out.push({ text: piece, start: points[i]!, kind });
  }
  return out;
}

/** The kind of the clause holding offset `index`. */
export function clauseKindAt(clauses: Clause[], index: number): ClauseKind {
  let kind: ClauseKind = 'plain';
  for (const c of clauses) if (c.start <= index) kind = c.kind;
  return kind;
}

/** A spoken language, not a service: "arabisktalande", "somaliskspråkig", "Arabic-speaking". */
/** What stands between two languages given as alternatives: "eller", "alternativt", "or", "/", "och/eller". */
const ALTERNATIVE_RE = /^[\s,]*(?:eller|alternativt|alt\.|el\.|or|och\/eller|and\/or|\/)(?:\s+(?:kanske|möjligen|perhaps|maybe))?\s*$/iu;

const SPEAKING_RE = /^(\p{L}+?)(?:-)?(talande|talare|språkig|språkiga|speaking|speakers?)$/u;

/** Share of a wish clause's evidence when another clause names the service (a wish must not take over the need). */
export const WISH_SHARE = 0.35;

const LOCAL_ADJECTIVE_RE = /(?<![\p{L}])lokala?(?=\s+(aktör|företag|leverantör|förening|kooperativ|socia|initiativ|organisation|krafter))/giu;

type EvidenceToken = NeedToken & { clause: number; wish: boolean; forms: Array<{ sv: string; en?: string }> };

/** Share of an object noun's evidence for a category its verb does not name ("bära möbler": möbler is not furniture reuse). */
const OBJECT_SHARE = 0.5;
/** Words before an infinitive ("kan bära", "att köra", "ska putsa", "hjälpa till att"). */
const INFINITIVE_MARKERS = new Set('kan kunna att ska skall vill måste hjälpa hjälper får brukar som can to will must who help helping'.split(' '));

const MODALS = new Set('kan kunde skulle vill ska can could would will'.split(' '));
const INVERTED_SUBJECTS = new Set('någon nån ni du man de vi someone somebody anyone anybody you'.split(' '));

/** Whether token i is a verb: after kan/att/ska/som …, a modal and its subject ("kan någon"), or "och" after such a verb. */
function isVerbAt(toks: EvidenceToken[], i: number, afterNeedVerb = false): boolean {
  const prev = toks[i - 1];
  if (!prev || prev.clause !== toks[i]!.clause) return false;
  if (INFINITIVE_MARKERS.has(prev.raw) || (afterNeedVerb && BARE_INFINITIVE_BEFORE.has(prev.raw))) return true;
  // a question or a clause with its subject after the modal: "Kan någon måla om …", "kan ni laga …", "could someone fix …"
  const modal = toks[i - 2];
  if (INVERTED_SUBJECTS.has(prev.raw) && modal && modal.clause === prev.clause && MODALS.has(modal.raw)) return true;
  return (prev.raw === 'och' || prev.raw === 'and') && i >= 2 && isVerbAt(toks, i - 2, afterNeedVerb);
}

/** A past participle of a verb with this stem: omkläd|da, putsa|de, klippt, sanera|d (Swedish participle endings). */
export function isParticiple(raw: string, verbStem: string): boolean {
  if (verbStem.length < 3 || !raw.startsWith(verbStem)) return false;
  return /^(a?de?|a?des|a?da|a?dd|a?dda|a?t|a?ts|tt|tts|ad|ade|ades|at|ats)$/.test(raw.slice(verbStem.length));
}

/** Verbs followed by a bare infinitive ("behöver ploga") or a noun ("behöver lunch"): a verb position only for a word that is a verb. */
const BARE_INFINITIVE_BEFORE = new Set(['behöver', 'behövde', 'önskar', 'need', 'needs']);

/** A verb and its object that is a procurement or a route: "köra en reserverad upphandling", "göra en direktupphandling". */
const PROCEDURE_VERB_RE =
  /(?<![\p{L}])(köra|kör|körde|kört|göra|gör|gjorde|genomföra|genomför|starta|run|running|do|doing)\s+(?=(?:(?:en|ett|vår|vårt|den|det|a|an|the|our)\s+)?(?:[\p{L}-]+\s+)?(?:\p{L}*upphandling\p{L}*|IOP|avrop\p{L}*|anbudsprocess\p{L}*|procurement|tender|direct award)(?![\p{L}]))/giu;

/** A verb of leading with a session or a course as its object: "köra idrottspass", "hålla i en kurs", "run a workshop" (no driving). */
const CONDUCT_VERB_RE =
  /(?<![\p{L}])(köra|kör|körde|hålla|håller|dra|drar|run|runs|running)\s+(?:i\s+)?(?=(?:(?:en|ett|några|a|an|the|some)\s+)?(?:[\p{L}-]+\s+){0,3}?\p{L}*(?:pass|passen|kurs|kursen|kurser|träning|träningar|workshop\p{L}*|aktivitet\p{L}*|lektion\p{L}*|grupp|grupper|gruppen|cirkel|cirklar|session\p{L}*|class|classes|course|courses)(?![\p{L}]))/giu;

/** places of work training or practice, then "för"/"for": the group after it is who the places are for */
const PLACES_FOR_RE = /(?:\p{L}*(?:praktik|träning|lärlings|arbets|jobb)\p{L}*plats(?:er)?|praktik\p{L}*|arbetsträning\p{L}*|(?:trainee|work|job)\s+(?:places|placements)|placements?|internships?)\s+(?:för|åt|for)\s+(?:[\p{L}-]+\s+){0,3}$/iu;

/** "hälsa på" as a verb of visiting, after a modal or an infinitive marker ("barnen får hälsa på djur") */
const VISIT_RE = /(?<=(?:får|ska|kan|kunna|att|vill|och|gärna)\s+)hälsa\s+på(?![\p{L}])/giu;

/** Sums, per category, how strongly the need's words point at it; words in wish clauses count less. */
/** a path or lane named by what travels on it: a place ("cykelvägen", "gång- och cykelbanan", "the cycle path", "bike lanes") */
const PATH_PLACE_RE = /(?<![\p{L}])(?:(?:gång-\s+och\s+)?cykel(?:väg|vägen|vägar|vägarna|bana|banan|banor|banorna|stråk|stråket|fält|fältet)|(?:cycle|bike|bicycle)\s+(?:paths?|lanes?|tracks?|routes?|ways?)|(?:town|city)\s+halls?)(?![\p{L}])/giu;

export function categoryEvidence(text: string, index: CategoryIndex, lang: Language, out?: { named: Set<string>; coordinated?: Array<[string, string]>; headline?: string[] }, peopleForIsService = false): Map<string, number> {
  // categories named by a word in its own right (not only as an occasion "efter en konferens" or an object "bära möbler")
  const named = out?.named ?? new Set<string>();
  const extra = lang === 'en' ? phraseWords(text) : '';
  // who the work is for ("äldre arbetssökande", "personer med psykisk ohälsa") is not the service
  let own = text;
  for (const t of TARGET_PATTERNS) own = own.replace(new RegExp(t.re.source, 'gi'), (m) => ' '.repeat(m.length));
  // "lokal förening", "lokala aktörer": local, not a venue (lokal)
  own = own.replace(LOCAL_ADJECTIVE_RE, (m) => ' '.repeat(m.length));
  own = own.replace(SELF_RE, (m) => ' '.repeat(m.length));
  // where the work is done, not a service: "längs cykelvägen", "along the cycle path" (no bicycles to repair), "the old
  // town hall offices" (no hall to hire)
  own = own.replace(PATH_PLACE_RE, (m) => ' '.repeat(m.length));
  // a verb whose object is how the work is bought ("köra en reserverad upphandling", "göra en direktupphandling",
  // "run a tender") does nothing for the need: "köra" is not driving there
  own = own.replace(PROCEDURE_VERB_RE, (m, verb: string) => ' '.repeat(verb.length) + m.slice(verb.length));
  // … nor does one whose object is a session it leads ("köra motions- och idrottspass", "run a workshop")
  own = own.replace(CONDUCT_VERB_RE, (m, verb: string) => ' '.repeat(verb.length) + m.slice(verb.length));
  // "(får/ska/att) hälsa på djuren" is visiting them, not health: what is visited stays
  own = own.replace(VISIT_RE, (m) => ' '.repeat(m.length));
  const clauses = needClauses(extra ? `${own} . ${extra}` : own);
  const toks: EvidenceToken[] = [];
  clauses.forEach((c, k) => {
    for (const t of needTokens(c.text)) toks.push({ ...t, clause: k, wish: c.kind === 'wish', forms: tokenForms(t, lang) });
  });
  let object: { categories: Set<string>; until: number; clause: number; verb?: string } | null = null;
  // the last word that named a service in its own right, for services joined by "och" ("tillsyn och plogning")
  let lastNamed: { i: number; clause: number; cats: string[]; verb: boolean } | null = null;
  const plain = new Map<string, number>();
  const wish = new Map<string, number>();
  let boostUntil = -1;
  // a compound synonym written apart ("fönstren tvättade" = fönstertvätt): the head word belongs to the first part's category
  let pending: { category: string; heads: string[]; until: number } | null = null;
  const plainToks = toks.filter((t) => !t.wish);
  // a phrase synonym written out ("window cleaning", "renovera möbler") owns its words: they are no evidence for other categories
  const consumed = new Map<number, string>();
  const wordFits = (tok: EvidenceToken, term: Term, k: number) => tok.forms.some((f) => stemFit(f.sv, term.sv[k]!) >= 0.9 || f.en === term.en[k]);
  for (const term of index.phrases) {
    for (let i = 0; i < toks.length; i++) {
      if (!wordFits(toks[i]!, term, 0)) continue;
      const at = [i];
      let j = i + 1;
      for (let k = 1; k < term.sv.length && j < toks.length; j++) {
        const t = toks[j]!;
        if (t.clause !== toks[i]!.clause) break;
        if (wordFits(t, term, k)) {
          at.push(j);
          k++;
        } else if (!isStop(t.raw, lang)) break;
      }
      if (at.length === term.sv.length) for (const k of at) consumed.set(k, term.category);
    }
  }
  toks.forEach((tok, i) => {
    if (pending && i <= pending.until && pending.heads.some((h) => stemFit(tok.sv, h) >= 0.9 || stemFit(h, tok.sv) >= 0.9)) {
      const into = tok.wish ? wish : plain;
      into.set(pending.category, (into.get(pending.category) ?? 0) + 1);
      pending = null;
      return;
    }
    if (NEED_VERBS.has(tok.raw) || NEED_VERB_STEMS.has(tok.sv)) {
      // the asking verb ("fixa", "sköta", "ordna") is not the service itself
      boostUntil = i + 8;
      return;
    }
    if (tok.raw.length < 2 || isStop(tok.raw, lang) && !WEAK_TERMS.has(tok.raw)) return;
    if (CLIENT_HEAD_RE.test(tok.raw)) return;
    // "catering, inte fika", "no coffee": a service the need rules out is no evidence for it
    if (negatedToken(toks, i)) return;
    // languages are a wish about the staff, not the service
    if (LANGUAGE_NAMES[tok.raw] || SPEAKING_RE.test(tok.raw)) return;
    const forms = tok.forms;
    const best = new Map<string, number>();
    const rawFit = new Map<string, number>();
    // a derived verb that opens the need or a clause is an imperative or a headline ("Ploga parkeringen",
    // "Måla om ett klassrum", "Magasinera möbler"): a verb position, so what follows is its object
    const opensClause = i === 0 || toks[i - 1]!.clause !== tok.clause;
    let headlineVerb = false;
    for (const term of index.single) {
      let fit = 0;
      for (const f of forms) {
        let x = stemFit(f.sv, term.sv[0]!);
        // a short head must end the word as written (eftermiddags|fika), not only as a stem (partner|skap ≠ skapande)
        if (x > 0 && x < 1 && term.sv[0]!.length < 5 && term.raw && !tok.raw.includes(term.raw.slice(0, term.sv[0]!.length + 1))) x = 0;
        fit = Math.max(fit, x);
        if (f.en && f.en === term.en[0]) fit = Math.max(fit, 1);
      }
      // a misspelt word ("katering", "snöröjnig"): one edit away from a term of seven letters or more
      if (!fit && term.raw && tok.raw.length >= 7 && term.raw.length >= 7 && oneEdit(tok.raw, term.raw)) fit = 0.9;
      // "vi kör reserverat kontrakt": a derived verb outside a verb position is weak evidence
      // (its past participle is the service done: "200 stolar omklädda", "fönstren putsade")
      // (an English imperative glossed by the verb: "Paint two rooms", "Repair the fence")
      if (fit > 0 && term.derived && opensClause && fit >= 0.9 && (tok.raw === term.raw || (lang === 'en' && forms.slice(1).some((f) => f.sv === term.sv[0])))) headlineVerb = true;
      else if (fit > 0 && term.derived && !isVerbAt(toks, i, true) && !isParticiple(tok.raw, term.sv[0]!)) fit *= 0.5;
      if (fit > 0) {
        // a weak word asked for outright ("vi behöver mat till 70", "beställa mat") names its service in full
        // (also as the need's first word, a headline: "Mat till 120 pers i Umeå")
        const outright = i === 0 || ASKED_RIGHT_BEFORE.has(toks[i - 1]?.raw ?? '');
        // (a weak word of the need meets a stronger term only by stemming: "tag" (a label) ~ "tagging" (graffiti))
        const weight = term.raw && WEAK_TERMS.has(term.raw) && tok.raw === term.raw && outright ? Math.max(term.weight, 0.95) : WEAK_TERMS.has(tok.raw) && tok.raw !== term.raw && !outright ? Math.min(term.weight, 0.4) : term.weight;
        best.set(term.category, Math.max(best.get(term.category) ?? 0, fit * weight));
        rawFit.set(term.category, Math.max(rawFit.get(term.category) ?? 0, fit));
      }
      if (fit >= 1 && term.heads?.length) pending = { category: term.category, heads: term.heads, until: i + 2 };
    }
    // the whole word is a term of one category: its parts (arbets|träning → träning) are not evidence for others
    if ([...rawFit.values()].some((f) => f >= 1)) for (const [cat, f] of rawFit) if (f < 1) best.delete(cat);
    const owner = consumed.get(i);
    if (owner !== undefined) for (const cat of [...best.keys()]) if (cat !== owner) best.delete(cat);
    let mult = 1;
    if (i <= boostUntil) mult *= 1.5;
    // the occasion rather than the service: "till dialogmötet", "at the conference"
    const prevAt = (k: number) => toks[k]?.raw;
    let p = i - 1;
    if (ARTICLES.has(prevAt(p) ?? '')) p--;
    const prep = prevAt(p);
    // … unless the preposition belongs to the asking verb ("letar efter (en)", "söker till")
    // or to a noun that asks for what follows ("förslag på catering", "offert på städning", "upphandling av flytt")
    // (an asking noun may head a compound: "direktupphandling av lunchlådor", "ramavtalsupphandling av städ")
    // (and "ut på" after a verb of going: "ska ut på arbetsträning", "komma ut på praktik" goes to the service itself)
    const verbPrep = prep !== undefined && OCCASION_PREPS.has(prep) && ((prep === 'på' && prevAt(p - 1) === 'ut') || NEED_VERBS.has(prevAt(p - 1) ?? '') || ASKING_NOUNS.has(prevAt(p - 1) ?? '') || /\p{L}{3,}(?:upphandling|upphandlingen|offert|offerten|beställning)$/u.test(prevAt(p - 1) ?? ''));
    // "för en konferens", "för ett möte": with an article between, "för" names the occasion too ("för städning" stays the service)
    const occasionFor = (prep === 'för' || prep === 'for') && p === i - 2;
    // "a crew of 5 for moving", "help with cleaning": an English gerund after the preposition is the work, not an occasion
    const gerund = lang === 'en' && p === i - 1 && /^\p{L}{3,}ing$/u.test(tok.raw) && ['for', 'with', 'in'].includes(prep ?? '');
    // "promenadgrupper för seniorer": the people the work is for are no service of their own (as "åt", "for")
    const peopleFor = !peopleForIsService && prep === 'för' && p === i - 1 && PEOPLE_UNIT.test(tok.raw);
    if (!verbPrep && !gerund && prep !== undefined && (OCCASION_PREPS.has(prep) || occasionFor || peopleFor)) mult *= 0.5;
    // a word before the people it counts names their occasion ("250 conference guests", "festival visitors")
    else if (PEOPLE_AFTER_RE.test(toks[i + 1]?.raw ?? '') && toks[i + 1]!.clause === tok.clause) mult *= 0.5;
    // the object of a service verb ("bära möbler", "köra ut matkassar") names what is handled, not another service
    const demoted = new Set<string>();
    if (mult < 1) for (const cat of best.keys()) demoted.add(cat);
    if (object && i <= object.until && tok.clause === object.clause) {
      // … unless the object and the verb make a synonym of the object's category ("reparera cyklar" = cykelreparation)
      for (const [cat, v] of best) if (!object.categories.has(cat) && !(object.verb && compoundOf(index, cat, object.verb))) {
        best.set(cat, v * OBJECT_SHARE);
        demoted.add(cat);
      }
    } else object = null;
    // a word that only starts like a term (arbets|jackor, park|förvaltning: fit 0.3) does not name its category
    const namesHere = [...best.keys()].filter((cat) => !demoted.has(cat) && (rawFit.get(cat) ?? 0) >= 0.5);
    for (const cat of namesHere) named.add(cat);
    // the need's first word, a service word in full ("Flytt av 25 arbetsplatser …", "Catering till …"): its headline;
    // so is a service word right after the asking verb ("Vi behöver fönsterputs på skolan … och gamla möbler ska …")
    const askedRightHere = i === 0 || (toks[i - 1]!.clause === tok.clause && NEED_VERBS.has(toks[i - 1]!.raw));
    if (askedRightHere && !tok.wish && out?.headline) for (const cat of namesHere) if ((rawFit.get(cat) ?? 0) >= 0.9) out.headline.push(cat);
    if (namesHere.length && !tok.wish) {
      // "X och Y" with at most one other word between: both services are asked for
      if (lastNamed && lastNamed.clause === tok.clause && i - lastNamed.i <= 3) {
        const between = toks.slice(lastNamed.i + 1, i).map((t) => t.raw);
        if (between.some((w) => CONJUNCTIONS.has(w)) && between.every((w) => CONJUNCTIONS.has(w) || isStop(w, lang))) {
          for (const a of lastNamed.cats) for (const b of namesHere) if (a !== b) out?.coordinated?.push([a, b]);
        }
      }
      lastNamed = { i, clause: tok.clause, cats: namesHere, verb: isVerbAt(toks, i, true) };
    }
    if (best.size && (isVerbAt(toks, i) || headlineVerb)) object = { categories: new Set(best.keys()), until: i + 3, clause: tok.clause, verb: tok.raw };
    // a verb that names no service after a word that did ("snickare som kan bygga ett förråd och några odlingslådor"):
    // what it makes or handles is the object of the service already named, not a second service
    // (a second verb after a service verb, "städa och sätta upp gardiner", is a second activity: not so)
    else if (!best.size && lastNamed && !lastNamed.verb && !tok.wish && isVerbAt(toks, i)) object = { categories: new Set(named), until: i + 5, clause: tok.clause };
    const into = tok.wish ? wish : plain;
    for (const [cat, v] of best) into.set(cat, (into.get(cat) ?? 0) + v * mult);
  });
  // phrases: every content word present somewhere in the need
  for (const term of index.phrases) {
    const fits = (tok: EvidenceToken, k: number) => tok.raw === term.sv[k] || (!isParticle(term.sv[k]!) && tok.forms.some((f) => stemFit(f.sv, term.sv[k]!) >= 0.9 || f.en === term.en[k]));
    const hit = term.adjacent
      ? (list: typeof toks) => list.some((_, i) => term.sv.every((_, k) => list[i + k] !== undefined && list[i + k]!.clause === list[i]!.clause && fits(list[i + k]!, k)))
      : (list: typeof toks) => term.sv.every((s, k) => list.some((tok) => tok.forms.some((f) => stemFit(f.sv, s) >= 0.9 || f.en === term.en[k])));
    if (hit(plainToks)) plain.set(term.category, (plain.get(term.category) ?? 0) + term.weight);
    else if (hit(toks)) wish.set(term.category, (wish.get(term.category) ?? 0) + term.weight);
    else continue;
    named.add(term.category);
  }
  const share = Math.max(0, ...plain.values()) >= 0.9 ? WISH_SHARE : 1;
  const scores = new Map(plain);
  for (const [cat, v] of wish) scores.set(cat, (scores.get(cat) ?? 0) + v * share);
  return scores;
}

const CONJUNCTIONS = new Set(['och', 'samt', 'plus', 'and', '&']);

const NEGATORS = new Set(['inte', 'ej', 'ingen', 'inget', 'inga', 'utan', 'not', 'no', 'without', "don't", "doesn't", 'dont', 'doesnt', "n't"]);
/** verbs of needing that may stand between a negator and what is not needed ("do not need catering", "don't want food") */
const NEEDING_VERBS = new Set(['need', 'needs', 'want', 'require', 'requires', 'behöver', 'behövs', 'vill', 'önskar']);

/**
 * Whether token i is ruled out: a negator right before it (or before one function word: "inte någon catering"),
 * not "inte bara" (not only); "utan" after "inte" in the same clause is "but" ("inte fika utan lunch").
 */
function negatedToken(toks: Array<NeedToken & { clause: number }>, i: number): boolean {
  const tok = toks[i]!;
  for (const k of [1, 2]) {
    const t = toks[i - k];
    if (!t || t.clause !== tok.clause) return false;
    if (NEGATORS.has(t.raw)) {
      // "inte någon catering", and a verb of needing between ("we do NOT need catering", "don't want catering")
      if (k === 2 && !isStop(toks[i - 1]!.raw, 'sv') && !isStop(toks[i - 1]!.raw, 'en') && !NEEDING_VERBS.has(toks[i - 1]!.raw)) return false;
      if (/^(bara|endast|enbart|only|just)$/.test(toks[i - k + 1]?.raw ?? '')) return false;
      if (t.raw === 'utan' && toks.slice(0, i - k).some((x) => x.clause === tok.clause && /^(inte|ej|not)$/.test(x.raw))) return false;
      return true;
    }
    if (!isStop(t.raw, 'sv') && !isStop(t.raw, 'en') && !NEEDING_VERBS.has(t.raw)) return false;
  }
  return false;
}

/**
 * Whether a term of the category is a compound whose head is the noun of this verb (cykelreparation for
 * "reparera", fönsterputsning for "putsa"): the verb's first five letters inside a longer term. Verbs of
 * fewer than six letters (bära, köra) are left out: their nouns are too short to tell.
 */
function compoundOf(index: CategoryIndex, category: string, verb: string): boolean {
  if (verb.length < 6) return false;
  const head = verb.slice(0, 5);
  return index.single.some((t) => t.category === category && t.raw !== undefined && t.raw.length >= head.length + 4 && t.raw.indexOf(head) >= 3);
}

/** Taking on trainees ("ta emot praktikanter", "erbjuda arbetsträningsplatser", "take trainees"). */
const HOSTS_TRAINEES_RE = /(?<![\p{L}])(ta emot|tar emot|erbjuda|erbjuder|ha|har|take|takes|host|hosts|offer|offers)\s+(?:[\p{L}\d]+\s+)?(praktikant\p{L}*|praktikplats\p{L}*|arbetsträningsplats\p{L}*|personer i arbetsträning|deltagare i arbetsträning|trainees?|interns?|work placements?)(?![\p{L}])/iu;

/**
 * A traineeship at a workplace named with its article: "praktik på ett café", "arbetsträning i en cykelverkstad",
 * "placements in a bike workshop" ("arbetsträningsplatser i lokalvård" names a field of training, not a host).
 */
const PLACEMENT_AT_RE = /(?<![\p{L}])(?:praktik\p{L}*|arbetsträn\p{L}*|trainees?|work placements?|internships?|placements?)(?![\p{L}])[^.!?]{0,40}?\s(?:på|i|hos|at|in|with)\s+(?:en|ett|a|an)\s+((?:\p{L}+\s+)?\p{L}+)/iu;

/** The registry's category of household services (hemhjälp, fixartjänst, gardinupphängning) and the words of a home setting. */
const HOUSEHOLD = 'hushallsnara';
/** Services that are errands of the household service when done in someone's home (cleaning, windows, curtains, small repairs, mending). */
const HOUSEHOLD_TASKS = new Set([HOUSEHOLD, 'stad', 'fonsterputs', 'hantverk-bygg', 'textil']);
const HOME_SETTING_RE = /(?<![\p{L}])(hemma|i hemmet|i hemmen|i sina hem|i deras hem|hushåll|hushållen|hushållet|hembesök|at home|in their homes?|households?)(?![\p{L}])/iu;

/** Workplaces that are a service's own place ("praktik i ett kök": a kitchen is where meals are made). */
const HOST_PLACES: Array<[RegExp, string]> = [[/^(?:kök|köket|storkök|storköket|restaurangkök|restaurang|restaurangen|kitchen|restaurant)$/iu, 'catering']];

/** The service of the place where a placement is ("på ett café", "i ett kök", "in a bike workshop"), not work training itself. */
function hostCategories(place: string, index: CategoryIndex, lang: Language): string[] {
  const found = primaryCategories(categoryEvidence(place, index, lang)).filter((c) => c !== 'arbetstraning');
  if (found.length) return found;
  const word = place.split(/\s+/)[0] ?? '';
  return HOST_PLACES.filter(([re, c]) => re.test(word) && index.categories.some((x) => x.id === c)).map(([, c]) => c);
}

/** an item marker: "(1)", "1)", "a)" after a space, colon or comma, or a bullet or "1." at a line's start */
const ITEM_MARKER = /(?:(?<=^|[\s:;,])(?:\(\d{1,2}\)|\d{1,2}\)|\([a-e]\)|[a-e]\))|(?<=^|\n)[ \t]*(?:[-•*–]|\d{1,2}\.))[ \t]+/gu;

/**
 * The items of an enumerated list in a need, each with its offset: the text from one marker (ITEM_MARKER) to the next,
 * the last item to its sentence's end. Empty unless there are at least two markers.
 */
export function enumeratedItems(text: string): Array<{ at: number; text: string }> {
  const marks = [...text.matchAll(ITEM_MARKER)];
  if (marks.length < 2) return [];
  return marks.map((m, k) => {
    const at = m.index! + m[0].length;
    const end = k + 1 < marks.length ? marks[k + 1]!.index! : text.length;
    const body = text.slice(at, end);
    // the last item ends with its sentence ("(3) coffee for ~40 volunteers. Fossil-free transport preferred.")
    const stop = k + 1 < marks.length ? body.length : body.search(/[.!?](?:\s|$)|\n\s*\n/u);
    return { at, text: body.slice(0, stop < 0 ? body.length : stop) };
  });
}

/** The categories the need is about: those close to the strongest evidence. */
export function primaryCategories(scores: Map<string, number>, ratio = 0.75, minimum = 0.9): string[] {
  const max = Math.max(0, ...scores.values());
  if (max < minimum) return [];
  return [...scores.entries()]
    .filter(([, v]) => v >= ratio * max)
    .sort((a, b) => b[1] - a[1])
    .map(([k]) => k);
}

// ---------------------------------------------------------------- numbers, period

const NUMBER_WORDS: Record<string, number> = {
  två: 2, tre: 3, fyra: 4, fem: 5, sex: 6, sju: 7, åtta: 8, nio: 9, tio: 10, elva: 11, tolv: 12, femton: 15, tjugo: 20,
  trettio: 30, fyrtio: 40, femtio: 50, sextio: 60, hundra: 100, tvåhundra: 200, trehundra: 300,
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, fifteen: 15, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, hundred: 100, dozen: 12,
};

const MONTHS =
  'januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|january|february|march|may|june|july|august|october|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec';

/** Units of a volume, by what they count (each maps to its own capacity field, see unitField). */
const PEOPLE_NOUNS =
  'personer|person|pers|vuxna|deltagare|gäster|gäst|besökare|åhörare|sittande|elever|barn|boende|anställda|medarbetare|ungdomar|unga|kvinnor|män|äldre|brukare|pensionärer|seniorer|invånare|familjer|föräldrar|kollegor|chefer|politiker|arbetssökande|långtidsarbetslösa|nyanlända|sittplatser|people|persons|seated|seats|guests|participants|attendees|visitors|pupils|students|children|employees|staff|women|men|residents|seniors|families|parents|colleagues|trainees|adults|youths|youngsters|teenagers|grannar|medlemmar|lärare|pedagoger|patienter|kunder|volontärer|frivilliga|tjejer|killar|flickor|pojkar|hyresgäster|besökande|neighbours|neighbors|members|teachers|patients|customers|clients|volunteers|girls|boys|kids|tenants|delegates|diners|visitors|elderly';
/** People, also with a describing word first ("5 nyanlända kvinnor", "tio unga vuxna", "20 äldre"). */
/** People nouns that also end compounds (gymnasie|elever, konferens|deltagare, läger|ungdomar). */
const PEOPLE_HEADS = 'elever|deltagare|personer|anställda|medarbetare|ungdomar|kvinnor|besökare|gäster|invånare|brukare|pensionärer';
const PEOPLE_UNIT = new RegExp(`^(?:\\p{L}+\\s+)?(?:${PEOPLE_NOUNS}|\\p{L}{3,}(?:${PEOPLE_HEADS}))(?![\\p{L}])`, 'u');
/** Nouns for the workers themselves (doers in -are, -gubbar, English agent nouns): a count of them is the crew. */
const CREW_UNIT = /^\p{L}*(?:bärare|städare|lokalvårdare|flyttare|flyttgubbar|flyttgubbe|gubbar|snickare|målare|putsare|fönsterputsare|vaktmästare|hantverkare|movers|cleaners|carriers|laborers|labourers)(?![\p{L}])/u;
/** The staff of the enterprise, as a count: "4 personal", "6 staff needed" (not what they use: "30 staff bikes"). */
const STAFF_UNIT = /^(?:personal|personalen|staff|crew)(?:\s+(?:members|behövs|krävs|needed|required|behöver|som|who|that))?$/u;
// a Swedish unit may be the head of a compound ("språkpraktikplatser", "skolluncher", "lunchportioner"): \p{L}* before it
const PORTION_UNIT = /^(?:\p{L}*(?:portioner|portion|matlådor|matlåda|luncher|måltider|måltid|middagar|frukostar)|lunch|kuvert|portions|meals|lunches|lunch boxes|meal boxes)(?![\p{L}])/u;
const TRAINEE_UNIT = /^(?:\p{L}*(?:träningsplatser|praktikplatser|praktikplats|praktikanter|praktikant|lärlingsplatser)|trainee places|work placements|placements|trainees|interns|internships)(?![\p{L}])/u;
const TRAINEE_CONTEXT = /praktik|arbetsträn|arbetsprövn|sysselsättning|sommarjobb|feriejobb|feriearbet|lärling|pr[oö]va på (?:\p{L}+ )?(?:jobb|arbete|arbetslivet|ett yrke|yrken)|trainee|placement|internship|work training|workplace training|job training|work experience|summer jobs?/iu;
const MEAL_RE = /(?<![\p{L}])(?:lunch\p{L}*|mat|maten|måltid\p{L}*|frukost\p{L}*|middag\p{L}*|matlåd\p{L}*|portion\p{L}*|meals?|breakfasts?|dinners?|food)(?![\p{L}])/iu;
/** Words right before a weak service word that ask for it outright ("behöver mat", "beställa mat", "need food"). */
const ASKED_RIGHT_BEFORE = new Set(['behöver', 'beställa', 'beställer', 'köpa', 'köper', 'önskar', 'söker', 'need', 'needs', 'order', 'buy']);

/**
 * Meals served day after day: "varje vardag", "måndag till fredag", "alla vardagar", "i tre veckor", "under
 * sommarlovet", "every school day", "for two weeks". Their count is portions per day, not guests at one event.
 */
const DAYS_SPAN =
  /(?<![\p{L}])(?:(?:varje|alla|samtliga)\s+(?:vardag|vardagar|skoldag|skoldagar|dag|dagar)|måndag(?:ar)?\s*(?:–|-|till)\s*fredag(?:ar)?|(?:i|under)\s+(?:två|tre|fyra|fem|sex|\d+)\s+(?:dagar|veckor|månader)|under\s+(?:hela\s+)?(?:sommarlovet|höstlovet|sportlovet|påsklovet|terminen|läsåret|veckan|sommaren)|(?:every|each)\s+(?:school\s+|working\s+|week)?day|(?:on\s+)?weekdays|monday\s*(?:–|-|to)\s*friday|for\s+(?:two|three|four|five|six|\d+)\s+(?:days|weeks|months))(?![\p{L}])/iu;
/** Meals, also as the head of a compound (skollunch, skolmat, matlådor). */
const MEALS_IN_COMPOUNDS = /\p{L}*(?:lunch|måltid|frukost|(?<!efter|för)middag|matlåd|portion)\p{L}*|(?<![\p{L}])\p{L}*mat(?:en)?(?![\p{L}])|(?<![\p{L}])(?:meals?|lunches|breakfasts?|dinners?|food)(?![\p{L}])/iu;
/** An occasion of one event (its guests are counted per event even when it lasts days). */
const ONE_EVENT_RE = /(?<![\p{L}])(?:\p{L}*konferens\p{L}*|\p{L}*möte\p{L}*|\p{L}*mötet|kongress\p{L}*|seminari\p{L}*|festival\p{L}*|\p{L}*conference\p{L}*|meeting\p{L}*|event\p{L}*)(?![\p{L}])/iu;

const PER_DAY_BEFORE = /(?<![\p{L}])(?:per|om|varje|each|every)\s+(?:dag|dagen|vardag|skoldag|day|weekday)(?![\p{L}])|(?<![\p{L}])(?:dagligen|daily)(?![\p{L}])/iu;
const PER_DAY = /^\W{0,3}(?:\p{L}+\s+){0,3}?(?:per|om|i|varje|a|each|every)\s+(?:dag|dagen|vardag|skoldag|day|weekday)\b|^\W{0,3}(?:\p{L}+\s+){0,3}?(?:dagligen|daily)\b|^\s*\/\s*dag/iu;

/** The words before and after a count up to the nearest other count or joined phrase ("och", "samt", ",", "plus", "and"). */
function ownPhrase(before: string, unit: string, after: string): string {
  const head = before.slice(-60).split(/(?:[,;.!?]|\s(?:och|samt|plus|and|as well as|även|också)\s|\d)/iu).at(-1) ?? '';
  const tail = after.slice(0, 40).split(/(?:[,;.!?]|\s(?:och|samt|plus|and|as well as)\s|\d)/iu)[0] ?? '';
  return `${head} ${unit} ${tail}`;
}

/**
 * The registry capacity field a volume is checked against (knowledge/enterprises/README.md):
 * trainee places (traineePlaces) for praktik/arbetsträning, also when counted in people ("praktikplatser
 * för 20 personer"); portions per day (capacity.maxPortionsPerDay) for meals, and for people fed every day
 * ("lunch till 150 elever om dagen"); people per event (capacity.maxPeoplePerEvent) for people at one
 * occasion; the crew (capacity.crewSize) for the workers themselves ("10 bärare", "8 flyttgubbar"). Null for any other unit (workstations, chairs, kg): that volume is compared with the free-text
 * capacity note, and where the note does not say, the match carries a warning.
 */
export function unitField(unit: string, before: string, after: string): string | null {
  const u = unit.toLowerCase();
  const near = `${before.slice(-60)} ${unit} ${after.slice(0, 30)}`;
  // "platser" are trainee places when the need's sentence speaks of placements before it ("praktikplatser för kvinnor …, vi behöver tolv platser")
  if (TRAINEE_UNIT.test(u) || (/^platser\b/.test(u) && TRAINEE_CONTEXT.test(`${before.slice(-160)} ${near}`))) return 'traineePlaces';
  if (PORTION_UNIT.test(u)) return 'maxPortionsPerDay';
  // the people who do the work ("10 bärare", "8 flyttgubbar", "6 städare", "12 movers"): the crew, not guests
  if (CREW_UNIT.test(u)) return 'crewSize';
  // staff counted ("4 personal", "a crew of 6", "6 staff needed") are the workers; staff served ("julbord för 60
  // personal", "lunch for 80 staff") are the guests
  if (STAFF_UNIT.test(u)) return /(?<![\p{L}])(?:för|till|åt|for)\s+(?:(?:ca\.?|cirka|ungefär|runt|about|around|some)\s+)?$/iu.test(before) ? 'maxPeoplePerEvent' : 'crewSize';
  if (PEOPLE_UNIT.test(u)) {
    // placements said in the count's own phrase ("20 personer i arbetsträning", "praktik för 3 personer", "3 personer
    // som behöver praktik"), not in a phrase of its own joined to it ("3 praktikplatser och catering till 120 pers")
    if (TRAINEE_CONTEXT.test(ownPhrase(before, unit, after))) return 'traineePlaces';
    // "90 pupils every day": the unit's own later words count as what follows it
    if (PER_DAY.test(`${u.replace(/^\S+\s*/, '')} ${after}`)) return 'maxPortionsPerDay';
    // "lunch varje dag till 150 elever": meals and their rhythm said before the count, in the same sentence
    const sentence = before.slice(-50).split(/[.!?;]/).at(-1) ?? '';
    if (PER_DAY_BEFORE.test(sentence) && MEAL_RE.test(sentence)) return 'maxPortionsPerDay';
    // meals for the same people day after day ("lunch till 90 barn under tre veckor", "for 100 pupils every school
    // day"), not at one event: portions per day
    const whole = `${before.slice(-80).split(/[.!?;]/).at(-1) ?? ''} ${unit} ${after.split(/[.!?;]/)[0] ?? ''}`;
    if (MEALS_IN_COMPOUNDS.test(whole) && DAYS_SPAN.test(whole) && !ONE_EVENT_RE.test(whole)) return 'maxPortionsPerDay';
    return 'maxPeoplePerEvent';
  }
  return null;
}

const NUM_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(?:ca\.?|cirka|omkring|runt|ungefär|drygt|knappt|upp till|minst|about|around|approx\.?|approximately|some|up to|at least)\s+)?` +
    String.raw`(?:(?:ett|an?)\s+)?(\d[\d\s]*\d|\d+|${Object.keys(NUMBER_WORDS).join('|')}|ett par|a couple of|a few)(-tal)?\s+([\p{L}-]+(?:\s+[\p{L}-]+)?)`,
  'giu',
);

/** A team size (capacity.crewSize): "ett arbetslag på minst 5", "a team of at least 5", "6 personer i arbetslaget". */
const CREW_RE = new RegExp(
  String.raw`(?:arbetslag|team|lag|crew|gang|staff|personalstyrka|bemanning)\s+(?:på|med|om|av|of|with)\s+(?:minst|at least|ca\.?|cirka|about|around)?\s*(\d+|${Object.keys(NUMBER_WORDS).join('|')})(?![\p{L}\d])|(\d+)\s+(?:personer|man|people|persons)\s+(?:(?:behövs|krävs|needed|required)\s+)?(?:(?:i|in)\s+(?:[a-zåäö]*laget|[a-zåäö]*gänget|teamet|the team|the crew)|(?:som|who|that)\s+(?:kan\s+|can\s+)?(?:bär|jobb|arbet|hjälp|pack|flytt|städ|work|carry|help|move|clean|pack))`,
  'iu',
);

const BARE_COUNT_RE =
  /(?<![\p{L}])(?:för|till|åt|for|vi blir|vi är|we are|we're|we'll be|we will be)\s+(?:(?:ca\.?|cirka|ungefär|runt|omkring|about|around|some)\s+)?(\d{1,4})(?=\s*(?:[,.;!?)–]|$)|\s+(?:i|på|den|kl|in|at|on|om|och|and|nästa|next|under|during|vid)\s)/iu;

/** Describing words before a counted noun: common adjectives and adjective endings (-iga, -liga, -ade, -ska), Swedish and English. */
const ADJECTIVE_BEFORE_NOUN =
  /^(?:gamla|nya|stora|små|lilla|stor|liten|begagnade|trasiga|slitna|fina|olika|extra|enkla|tunga|lätta|vita|svarta|old|new|large|small|big|used|broken|worn|heavy|light|extra|various|\p{L}+(?:iga|liga|ade|erade|ska|ed))$/u;

/** a rate by the week or the month right after a count ("i veckan", "per vecka", "/vecka", "a week", "monthly") */
const PER_WEEK = /^\W{0,3}(?:[\p{L}-]+\s+){0,2}?(?:(?:i|per|varje|a|each|every)\s+(?:veckan|vecka|week)|\/\s*(?:vecka|v|week|wk)|weekly|veckovis)(?![\p{L}])/iu;
const PER_MONTH = /^\W{0,3}(?:[\p{L}-]+\s+){0,2}?(?:(?:i|per|varje|a|each|every)\s+(?:månaden|månad|month)|\/\s*(?:månad|mån|month|mo)|monthly|månadsvis)(?![\p{L}])/iu;
/** the days of the week a need is served on, where it says: "mån–fre" 5, "måndag till lördag" 6, "alla dagar", "every day" 7 */
const SEVEN_DAYS = /(?<![\p{L}])(?:alla (?:veckans )?dagar|varje dag|hela veckan|sju dagar|7 dagar|mån(?:dag)?\s*(?:–|-|till)\s*sön(?:dag)?|every day|daily|seven days|7 days|mon(?:day)?\s*(?:–|-|to)\s*sun(?:day)?)(?![\p{L}])/iu;
const SIX_DAYS = /(?<![\p{L}])(?:mån(?:dag)?\s*(?:–|-|till)\s*lör(?:dag)?|mon(?:day)?\s*(?:–|-|to)\s*sat(?:urday)?)(?![\p{L}])/iu;

/**
 * A count of portions by the week or the month as portions a day (capacity.maxPortionsPerDay is per day): the week's
 * count over the days it is served on (seven or six where the need says so, else five: weekdays, as school and work
 * meals are), the month's over those days × 52 / 12; rounded up, so the check is never looser than the need. `after`:
 * the text right after the count's unit; `whole`: the need. Else the count as it is.
 */
export function perDay(value: number, after: string, whole: string): number {
  const days = SEVEN_DAYS.test(whole) ? 7 : SIX_DAYS.test(whole) ? 6 : 5;
  if (PER_WEEK.test(after)) return Math.ceil(value / days);
  if (PER_MONTH.test(after)) return Math.ceil(value / ((days * 52) / 12));
  return value;
}

/**
 * The counts of a need: `minCapacity`, the capacity field its service is checked against (the first count with a field; people
 * served before the crew serving them); `trainees`, trainee places asked for besides that service ("catering till 120 personer
 * och 3 praktikplatser": 3), null when none or when trainee places are the only capacity (then they are `minCapacity`);
 * `volume`, the first count with no field ("4000 kvm", "tre förskolor"), compared with the capacity note.
 */
export function parseQuantities(text: string): { minCapacity: ParsedNeed['minCapacity']; volume: Volume | null; trainees: number | null } {
  let minCapacity: ParsedNeed['minCapacity'] = null;
  let trainees: number | null = null;
  let volume: Volume | null = null;
  // a count made an adjective ("a 150-person conference", "en 40-personers lunch") counts people (same length: offsets hold)
  text = text.replace(/(?<![\p{L}\d])(\d+)-(person|personers|people|guest|seat)(?![\p{L}])/giu, (m, n: string, w: string) => `${n} ${'people'.padEnd(w.length, ' ')}`);
  // square metres written with a digit ("3000 m2", "450 m²", "sqm") are the area unit kvm, not metres
  text = text.replace(/(?<![\p{L}\d])(\d[\d\s]*)\s*(?:m2|m²|kvadratmeter|sqm|sq\.?\s?m|square met(?:re|er)s?)(?![\p{L}\d])/giu, (m, n: string) => `${n.trim()} kvm`);
  const crew = CREW_RE.exec(text);
  if (crew) {
    const n = (crew[1] ?? crew[2])!.toLowerCase();
    minCapacity = { field: 'crewSize', value: /^\d/.test(n) ? Number(n) : NUMBER_WORDS[n]! };
    text = text.slice(0, crew.index) + ' '.repeat(crew[0].length) + text.slice(crew.index + crew[0].length);
  }
  // a count with no unit after "för/till/åt" ("lunch för 60 i Lund", "catering for 40.") counts people
  const bare = BARE_COUNT_RE.exec(text);
  if (bare && !minCapacity) {
    const value = Number(bare[1]);
    const field = unitField('personer', text.slice(0, bare.index), text.slice(bare.index + bare[0].length));
    // not a year ("för 2027") and not the end of a time span ("kl 13 till 15")
    const timeBefore = /(?:kl\.?|klockan|\d)[\s.:\d]*$/i.test(text.slice(Math.max(0, bare.index - 12), bare.index));
    if (field && value > 1 && value < 1900 && !timeBefore) {
      minCapacity = { field, value };
      text = text.slice(0, bare.index) + ' '.repeat(bare[0].length) + text.slice(bare.index + bare[0].length);
    }
  }
  for (const m of text.matchAll(NUM_RE)) {
    const rawNum = m[1]!.toLowerCase();
    let value = /^\d/.test(rawNum) ? Number(rawNum.replace(/\s/g, '')) : rawNum === 'ett par' || rawNum === 'a couple of' ? 2 : rawNum === 'a few' ? 3 : NUMBER_WORDS[rawNum];
    if (value === undefined || !Number.isFinite(value)) continue;
    const unitWords = m[3]!.toLowerCase().split(/\s+/);
    while (unitWords.length > 1 && (isStop(unitWords.at(-1)!, 'sv') || isStop(unitWords.at(-1)!, 'en') || /^(nästa|plus|behöver|needs?)$/.test(unitWords.at(-1)!))) unitWords.pop();
    // an adjective before the noun ("60 gamla stolar", "3 trasiga cyklar", "20 used bikes") describes it: the noun is the unit
    const describedNoun = unitWords.length === 2 && ADJECTIVE_BEFORE_NOUN.test(unitWords[0]!) && !isStop(unitWords[1]!, 'sv') && !isStop(unitWords[1]!, 'en');
    // an English noun before the noun ("30 staff bikes", "12 staff laptops") says whose they are: the second is the
    // unit (Swedish writes the compound as one word, "personalcyklar"); "staff members", "school children" stay people
    const ownerNoun =
      unitWords.length === 2 && PEOPLE_UNIT.test(unitWords[0]!) && /^\p{Ll}{3,}s$/u.test(unitWords[1]!) && !PEOPLE_UNIT.test(unitWords[1]!) && !/^(?:members|needs)$/.test(unitWords[1]!);
    // (an area is its unit alone: "3000 kvm kontor" counts square metres)
    const unit = describedNoun || ownerNoun ? unitWords[1]! : unitWords[0] === 'kvm' ? 'kvm' : unitWords.join(' ');
    const first = unit.split(/\s+/)[0]!;
    if (new RegExp(`^(${MONTHS})$`).test(first) || /^(år|års|kronor|kr|sek|tkr|mkr|mnkr|msek|ksek|miljoner|miljon|miljarder|miljard|million|millions|thousand|procent|%|timmar|minuter|dagar|veckor|månader|eftermiddagar|förmiddagar|kvällar|morgnar|years|hours|days|weeks|months|afternoons|mornings|evenings|kap|kapitel|chapter|gånger|ggr|times|tillfällen|occasions)$/.test(first)) continue;
    // a number before a function word counts nothing ("mellan 100 och 180 gäster": the range's first end)
    if (unitWords.length === 1 && (isStop(first, 'sv') || isStop(first, 'en'))) continue;
    // a year ("hösten 2026 behöver vi"), unless a plural noun counts it ("2000 flyers", "1950 portioner")
    const counted = !isStop(first, 'sv') && !isStop(first, 'en') && /(ar|er|or|na|s)$/.test(first) && !/^(behöver|kommer|blir|har|är|startar|börjar|vill|ska|needs|was|is|has)$/.test(first);
    if (value >= 1900 && value <= 2100 && !counted) continue;
    // a clock time ("kl 12 på torsdag", "klockan 9") counts nothing
    if (/(?:kl\.?|klockan|at)\s*$/i.test(text.slice(Math.max(0, m.index! - 9), m.index!))) continue;
    const dropped = m[3]!.split(/\s+/).slice(unitWords.length).join(' ');
    const field = unitField(unit, text.slice(0, m.index!), `${dropped} ${text.slice(m.index! + m[0].length)}`);
    // portions counted by the week or the month ("1 200 portioner i veckan mån–fre") are so many a day over the days served
    // (what follows the unit's first word: "portioner per vecka" is read as the unit "portioner per" before this)
    if (field === 'maxPortionsPerDay') value = perDay(value, `${m[3]!.split(/\s+/).slice(1).join(' ')} ${text.slice(m.index! + m[0].length)}`, text);
    // trainee places beside another count are a second requirement, not the service's volume
    if (field === 'traineePlaces' && minCapacity && minCapacity.field !== 'traineePlaces') trainees ??= value;
    else if (field && minCapacity?.field === 'traineePlaces') {
      trainees ??= minCapacity.value;
      minCapacity = { field, value };
    }
    // the people served ("för 80 gäster") are the capacity to check before the size of the crew serving them
    else if (field && (!minCapacity || (minCapacity.field === 'crewSize' && field !== 'crewSize'))) minCapacity = { field, value };
    // the text is the count and the unit kept ("3 skolor", not "3 skolor i")
    else if (!field && !volume && value > 1) volume = { value, unit, text: m[0].slice(0, m[0].length - m[3]!.length) + m[3]!.split(/\s+/).slice(0, unitWords.length).join(' ') };
  }
  return { minCapacity, volume, trainees };
}

const PERIOD_RE = new RegExp(
  [
    String.raw`(?:(?:från|fr\.o\.m\.?|from)\s+)?(?:${MONTHS})\s*(?:–|-|—|till|to|until)\s*(?:${MONTHS})`,
    String.raw`(?:(?:från|före|innan|efter|till|senast|under|i|in|before|after|by|until|during|from)\s+)?(?:den\s+)?(?:\d{1,2}(?::e)?\s+)?(?:${MONTHS})(?:\s+\d{4})?`,
    String.raw`(?:vecka|v\.|week)\s*\d{1,2}(?:\s*(?:–|-)\s*\d{1,2})?`,
    // ("vår" is spring only where no noun follows: "till vår entreprenör" is "our contractor")
    String.raw`(?:i|nästa|till|under|this|next|in|in the)\s+(?:höst|vår(?=\s*(?:[.,;:!?)]|$|\s+(?:och|eller|med|till|på|i|för|att|som|så|men|när|då|behöver|vill|ska|skulle|kommer|är|har|\d)(?![\p{L}])))|sommar|vinter|autumn|fall|spring|summer|winter)`,
    String.raw`(?:hösten|våren|sommaren|vintern)(?:\s+\d{4})?`,
    String.raw`\d{4}-\d{2}-\d{2}`,
  ].join('|'),
  'giu',
);

export function parsePeriod(text: string): string | null {
  const found: string[] = [];
  for (const m of text.matchAll(PERIOD_RE)) {
    const s = m[0].trim();
    if (/^(mar|may|jan|dec|nov|sep|jun|jul|aug|apr|feb|okt|oct)$/i.test(s) && !/^[A-ZÅÄÖ]/.test(s)) continue;
    if (!found.some((f) => f.includes(s))) found.push(s);
  }
  return found.length ? found.join(', ') : null;
}

// ---------------------------------------------------------------- wishes

const TARGET_PATTERNS: Array<{ re: RegExp; group: string }> = [
  { re: /l[åa]ngtidsarbetsl[öo]s|long[- ]term unemployed/i, group: 'långtidsarbetslösa' },
  { re: /utrikes f[öo]dda|nyanl[äa]nda|invandrare|foreign[- ]born|newly arrived|immigrants|refugees/i, group: 'utrikes födda' },
  { re: /unga vuxna|ungdomar|unga som|young (adults|people)|youth/i, group: 'unga vuxna' },
  { re: /funktionsneds[äa]ttning|funktionshinder|disabilit/i, group: 'personer med funktionsnedsättning' },
  { re: /psykisk oh[äa]lsa|mental (ill[- ]?)?health/i, group: 'personer med psykisk ohälsa' },
  { re: /missbruk|beroende|addiction|recovery/i, group: 'personer i återhämtning från missbruk' },
  { re: /kvinnor (som st[åa]r )?l[åa]ngt fr[åa]n|women far from/i, group: 'kvinnor långt från arbetsmarknaden' },
  { re: /[äa]ldre arbetss[öo]kande|older job ?seekers/i, group: 'äldre arbetssökande' },
];

/** the Sami varieties by their English first word ("Northern Sami" is nordsamiska) */
const SAMI_VARIETIES: Record<string, string> = { northern: 'nordsamiska', north: 'nordsamiska', ume: 'umesamiska', southern: 'sydsamiska', south: 'sydsamiska', lule: 'lulesamiska', pite: 'pitesamiska' };
const SAMI_VARIETY_BEFORE = new RegExp(`(?:^|[^\\p{L}])(${Object.keys(SAMI_VARIETIES).join('|')})\\s+$`, 'iu');

export const LANGUAGE_NAMES: Record<string, string> = {
  arabiska: 'arabiska', arabic: 'arabiska', tigrinja: 'tigrinja', tigrinya: 'tigrinja', somaliska: 'somaliska', somali: 'somaliska',
  dari: 'dari', persiska: 'persiska', persian: 'persiska', farsi: 'persiska', kurdiska: 'kurdiska', kurdish: 'kurdiska',
  ukrainska: 'ukrainska', ukrainian: 'ukrainska', polska: 'polska', polish: 'polska', bosniska: 'bosniska', bosnian: 'bosniska',
  finska: 'finska', finnish: 'finska', engelska: 'engelska', english: 'engelska', romani: 'romani', romska: 'romani',
  nordsamiska: 'nordsamiska', umesamiska: 'umesamiska', samiska: 'samiska', sami: 'samiska', ryska: 'ryska', russian: 'ryska',
  turkiska: 'turkiska', turkish: 'turkiska', spanska: 'spanska', spanish: 'spanska', franska: 'franska', french: 'franska',
  tyska: 'tyska', german: 'tyska', amhariska: 'amhariska', amharic: 'amhariska', pashto: 'pashto', albanska: 'albanska',
  // other names and common spellings of the same languages: tigrinska (tigrinja), sorani and kurmanji (kurdish
  // varieties), bks/serbokroatiska (Bosnian–Croatian–Serbian), arabic spelt arabic
  tigrinska: 'tigrinja', tigrinia: 'tigrinja', sorani: 'kurdiska', kurmanji: 'kurdiska', serbokroatiska: 'bosniska', bks: 'bosniska',
  kroatiska: 'bosniska', serbiska: 'bosniska', pushtu: 'pashto',
  // more of the languages spoken in Sweden (Swedish names; the English adjectives that also name a cuisine, "Thai
  // food", are in SPOKEN_ONLY and count only when spoken)
  thailändska: 'thailändska', kinesiska: 'kinesiska', mandarin: 'kinesiska', kantonesiska: 'kinesiska',
  vietnamesiska: 'vietnamesiska', hindi: 'hindi', urdu: 'urdu', bengali: 'bengali', tamil: 'tamil', tamilska: 'tamil',
  swahili: 'swahili', portugisiska: 'portugisiska', italienska: 'italienska', grekiska: 'grekiska', rumänska: 'rumänska',
  ungerska: 'ungerska', estniska: 'estniska', lettiska: 'lettiska', litauiska: 'litauiska', tjeckiska: 'tjeckiska',
  slovakiska: 'slovakiska', bulgariska: 'bulgariska', makedonska: 'makedonska', hebreiska: 'hebreiska', japanska: 'japanska',
  koreanska: 'koreanska', tagalog: 'tagalog', oromo: 'oromo', oromiska: 'oromo', lingala: 'lingala', kinyarwanda: 'kinyarwanda',
  wolof: 'wolof', meänkieli: 'meänkieli', tornedalsfinska: 'meänkieli', jiddisch: 'jiddisch', romanes: 'romani',
  mongoliska: 'mongoliska', uiguriska: 'uiguriska', nepali: 'nepali',
  // Swedish Sign Language, a language of its own (an interpreter for it is a sign-language interpreter)
  teckenspråk: 'teckenspråk', teckenspråket: 'teckenspråk', teckenspråkstolk: 'teckenspråk', teckenspråkstolkar: 'teckenspråk',
  teckenspråkstolkning: 'teckenspråk', teckenspråkig: 'teckenspråk', teckenspråkiga: 'teckenspråk',
  punjabi: 'punjabi', berbiska: 'berbiska', tamazight: 'berbiska', azerbajdzjanska: 'azerbajdzjanska',
  georgiska: 'georgiska', armeniska: 'armeniska', assyriska: 'assyriska', syrianska: 'assyriska', arameiska: 'assyriska',
};

/**
 * English names of languages that are also a cuisine or a people ("Thai food", "Chinese takeaway"): a language only
 * when spoken ("speaks Thai", "Thai-speaking", "staff who speak Chinese", "in Vietnamese").
 */
const SPOKEN_ONLY: Record<string, string> = {
  thai: 'thailändska', chinese: 'kinesiska', vietnamese: 'vietnamesiska', portuguese: 'portugisiska', italian: 'italienska',
  greek: 'grekiska', romanian: 'rumänska', hungarian: 'ungerska', estonian: 'estniska', latvian: 'lettiska', lithuanian: 'litauiska',
  czech: 'tjeckiska', slovak: 'slovakiska', bulgarian: 'bulgariska', macedonian: 'makedonska', hebrew: 'hebreiska',
  japanese: 'japanska', korean: 'koreanska', croatian: 'bosniska', serbian: 'bosniska', albanian: 'albanska', romany: 'romani',
  mongolian: 'mongoliska', nepali: 'nepali', punjabi: 'punjabi', georgian: 'georgiska', armenian: 'armeniska', assyrian: 'assyriska',
};
/** Words before a spoken language: "talar", "pratar", "speak(s)", "in" ("information in Thai"), "på" ("på thai"). */
const SPOKEN_BEFORE = /(?<![\p{L}])(?:talar|pratar|kan|tala|prata|speak|speaks|speaking|in|på|och|and|or|eller)\s+(?:\p{L}+\s+)?$/iu;
/** What a cuisine adjective is said of ("thailändska rätter", "Arabic food"): no language asked for. */
const CUISINE_AFTER = /^[\s-]*(?:mat|maten|rätter|rätterna|maträtter|buffé|buffén|kök|köket|food|cuisine|dishes|buffet|takeaway|restaurant|restaurang)(?![\p{L}])/iu;

const CERTIFICATIONS: Array<{ re: RegExp; name: string }> = [
  { re: /social trade/i, name: 'Social Trade' },
  { re: /skoopi/i, name: 'Skoopi-medlem' },
  { re: /svanen|nordic swan/i, name: 'Svanen-licens' },
  // the label is written in capitals or with its mark ("KRAV", "kravmärkt", "KRAV-certifierad"); "f-skatt är ett krav" is a requirement
  { re: /\bKRAV\b|\bkrav-?(?:märk|certifier|godkän)\p{L}*/u, name: 'KRAV' },
  { re: /iso\s*14001/i, name: 'ISO 14001' },
];

/** Diets a need may ask the food to keep, with the words that name them (Swedish and English). */
export const DIETS: Array<{ re: RegExp; name: string }> = [
  { re: /(?<![\p{L}])halal\p{L}*/iu, name: 'halal' },
  { re: /(?<![\p{L}])kosher(?![\p{L}])/iu, name: 'kosher' },
  { re: /(?<![\p{L}])(?:vegan\p{L}*|vegetari\p{L}*|veggie)/iu, name: 'vegetarisk' },
  { re: /(?<![\p{L}])(?:glutenfri\p{L}*|gluten[- ]free)/iu, name: 'glutenfri' },
  { re: /(?<![\p{L}])(?:laktosfri\p{L}*|lactose[- ]free)/iu, name: 'laktosfri' },
];

function negatedBefore(text: string, index: number): boolean {
  // "doesn't have to be a WISE", "does not need to be", "behöver inte vara ett", "måste inte vara": not asked for
  if (NEED_NOT_BE.test(text.slice(Math.max(0, index - 40), index))) return true;
  const before = text.slice(Math.max(0, index - 25), index).toLowerCase();
  const m = /\b(inte|ej|inget|ingen|utan|not|no|without|snarare än|rather than)\s+(\S+\s+){0,2}$/.exec(before);
  if (!m) return false;
  return !(/^(utan|without)$/.test(m[1]!) && DOUBLE_NEGATION_RE.test(text.slice(index, index + 60)));
}

/** `text` with each span ([start, end) character offsets) made spaces of its length, so every other offset stays valid */
function blanked(text: string, spans: ReadonlyArray<readonly [number, number]>): string {
  return spans.reduce((t, [a, b]) => t.slice(0, a) + ' '.repeat(b - a) + t.slice(b), text);
}

/** a plain limited company, ruled out: "inte (vara) ett vanligt aktiebolag", "inget vanligt AB", "not a regular company" (an svb company is none) */
const NOT_PLAIN_COMPANY = /(?<![\p{L}])(?:inte|ej|inget|not|no)\s+(?:vara\s+|be\s+)?(?:ett\s+|en\s+|an?\s+)?(?:vanligt?|traditionellt?|privat|vinstdrivande|kommersiellt?|regular|ordinary|normal|conventional|private|commercial|for-profit|profit-making)\s+(?:aktiebolag|AB|företag|bolag|(?:limited\s+)?company|business|firm)(?![\p{L}])|(?<![\p{L}])(?:inte|ej|inget|not|no)\s+(?:(?:ha|vara|be|have)\s+)?(?:ett\s+|an?\s+)?(?:vanligt\s+)?(?:aktiebolag|AB|limited company)(?![\p{L}])/iu;
/** a legal form required: "måste vara en ekonomisk förening", "ska vara ett svb-bolag", "must be a cooperative" */
const FORM_WORDS = String.raw`ek\.?\s*för\.?|ekonomisk förening|kooperativ|ideell förening|förening|stiftelse|svb-bolag|svb|aktiebolag med särskild vinstutdelningsbegränsning|cooperative|non-?profit|association|foundation`;
const MUST_BE_FORM = new RegExp(String.raw`(?<![\p{L}])(?:måste|ska|bör|krav på att det är|must|has to|should)\s+(?:det\s+)?(?:vara|be)\s+(?:en\s+|ett\s+|an?\s+)?(${FORM_WORDS})(?![\p{L}])`, 'iu');
/** a second form after the required one: "… eller (en) ekonomisk förening", "… or a foundation" */
const OR_FORM = new RegExp(String.raw`^\s*(?:eller|or)\s+(?:en\s+|ett\s+|an?\s+)?(${FORM_WORDS})(?![\p{L}])`, 'iu');
const FORM_NAMES: Record<string, string[]> = {
  'ekonomisk förening': ['ekonomisk förening'],
  'ek. för.': ['ekonomisk förening'],
  kooperativ: ['ekonomisk förening'],
  cooperative: ['ekonomisk förening'],
  'ideell förening': ['ideell förening'],
  förening: ['ekonomisk förening', 'ideell förening'],
  association: ['ekonomisk förening', 'ideell förening'],
  'non-profit': ['ideell förening', 'stiftelse'],
  nonprofit: ['ideell förening', 'stiftelse'],
  stiftelse: ['stiftelse'],
  foundation: ['stiftelse'],
  'svb-bolag': ['aktiebolag med särskild vinstutdelningsbegränsning (svb)'],
  svb: ['aktiebolag med särskild vinstutdelningsbegränsning (svb)'],
  'aktiebolag med särskild vinstutdelningsbegränsning': ['aktiebolag med särskild vinstutdelningsbegränsning (svb)'],
};

/**
 * The legal forms a need rules out or requires (Need.legalForms): a plain aktiebolag denied (NOT_PLAIN_COMPANY), a form
 * it must be (MUST_BE_FORM, in the registry's `legalForm` words). Null when the need says neither.
 */
export function legalFormsOf(text: string): { excluded: string[]; required: string[] } | null {
  const excluded = NOT_PLAIN_COMPANY.test(text) ? ['aktiebolag'] : [];
  const m = MUST_BE_FORM.exec(text);
  const formOf = (w: string) => FORM_NAMES[w.toLowerCase().replace(/^ek\.?\s*för\.?$/, 'ek. för.')] ?? [];
  const required = m && !negatedBefore(text, m.index + m[0].length - m[1]!.length) ? [...formOf(m[1]!)] : [];
  // "… en ideell förening eller ekonomisk förening": either form
  if (m && required.length) {
    const or = OR_FORM.exec(text.slice(m.index + m[0].length));
    if (or) for (const f of formOf(or[1]!)) if (!required.includes(f)) required.push(f);
  }
  return excluded.length || required.length ? { excluded, required } : null;
}

/** a need that says something need not be (right before it): "doesn't have to be a", "need not be", "behöver inte vara ett" */
const NEED_NOT_BE = /(?<![\p{L}])(?:(?:does|do|did)n['’]?t|(?:does|do)\s+not|need\s+not|needn['’]?t|behöver\s+(?:\p{L}+\s+)?inte|måste\s+(?:\p{L}+\s+)?inte|ska\s+(?:\p{L}+\s+)?inte\s+behöva)\s+(?:(?:have|has|need)\s+to\s+)?(?:be|vara)\s+(?:(?:an?|ett|en|något|någon|some)\s+)?$/iu;

/** "utan F-skatt går det inte", "without F-tax it won't work": a double negation is a requirement, not a refusal. */
function doubleNegation(text: string, index: number): boolean {
  return /\b(utan|without)\s+(\S+\s+){0,2}$/i.test(text.slice(Math.max(0, index - 25), index)) && DOUBLE_NEGATION_RE.test(text.slice(index, index + 60));
}

/** What follows "utan X" / "without X" when X is required: "… går det inte", "… it won't work". */
const DOUBLE_NEGATION_RE = /^[\p{L}-]+(?:\s+[\p{L}-]+){0,2}?[\s,]+(?:(?:går|fungerar|funkar|blir)\s+det\s+(?:inte|inget)|kan vi inte|(?:it\s+)?(?:won't|will not|doesn't|does not|can't|cannot)\s+(?:work|happen|be done))/iu;

/** words that deny what they follow ("reserverad upphandling, inte aktuellt", "IOP, not needed") */
const DENYING_WORDS = /^(?:aktuell\p{L}*|nödvändig\p{L}*|behövs|krävs|krav|viktig\p{L}*|relevant\p{L}*|möjlig\p{L}*|ok|okej|intressant|nu|längre|heller|alls|needed|required|relevant|necessary|possible|an?|now|anymore|at)$/iu;

function negatedAfter(text: string, index: number, len: number): boolean {
  if (doubleNegation(text, index)) return false;
  const after = text.slice(index + len, index + len + 40).toLowerCase();
  // a clause after a comma is about something else ("gärna IOP, F-skatt behövs inte": F-skatt is not needed, IOP is wished),
  // unless it is the denial itself ("reserverad upphandling, inte aktuellt")
  // (a dash starts such a clause too: "vi tänker IOP – det ska inte upphandlas", "IOP – inte aktuellt")
  if (/^\s*(?:[,;.]|[–—]|-\s)/.test(after) && !/^\s*(?:,|[–—]|-\s)\s*(?:inte|ej|not)(?![\p{L}])/u.test(after)) return false;
  // "IOP, det ska inte upphandlas", "IOP – not procured": what is denied is a procurement, which sets the thing against it
  if (/^\W*(?:[\p{L}-]+\s+){0,3}?(?:inte|ej|not|no)\s+(?:be\s+)?(?:upphandl\p{L}*|konkurrensutsätt\p{L}*|procure\p{L}*|tender\p{L}*|put out to tender)/u.test(after)) return false;
  // "ett IOP, inte en upphandling", "IOP, not a tender": the "inte" sets another thing against it, it does not deny it
  if (/^\s*,?\s*(?:och\s+|and\s+)?(?:inte|ej|not)\s+(?:en|ett|någon|några|a|an|som|via|genom|through|by)\b/u.test(after)) return false;
  // … and so does a noun without its article ("Vi tänker IOP, inte upphandling"), not a word that denies ("…, inte aktuellt")
  const contrast = /^\s*,\s*(?:(?:och|men|and|but)\s+)?(?:inte|ej|not)\s+([\p{L}-]+)/u.exec(after);
  if (contrast && !DENYING_WORDS.test(contrast[1]!)) return false;
  // "reserverad upphandling är inte aktuellt", "IOP blir det inte": the thing's own noun may stand between
  return /^\W*(?:[\p{L}-]+\s+){0,2}?(behövs|krävs|är|blir|behöver)?\s*(väl|ju|nog|alltså|egentligen|kanske|det)?\s*(inte|ej)\b|^\W*(?:[\p{L}-]+\s+)?(is|are)(n't| not) (needed|required|relevant|an option)/u.test(after);
}

function flag(text: string, re: RegExp): boolean {
  for (const m of text.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'))) {
    if (!negatedBefore(text, m.index!) && !negatedAfter(text, m.index!, m[0].length)) return true;
  }
  return false;
}

/**
 * Asking for work integration, by name or by what it does: "arbetsintegrerande", "ASF", "WISE", "ge jobb
 * åt …", "personer som står långt från arbetsmarknaden", "social hänsyn" (what SKR and the reports call
 * work-integrating social enterprises: they employ and train people far from the labour market).
 */
const WORK_INTEGRATING_RE =
  /arbetsintegrer\p{L}*|\bASF\b|work[- ]integrat\p{L}*|\bWISE\b|långt från arbetsmarknaden|utanför arbetsmarknaden|ger (jobb|arbete|sysselsättning) (åt|till)|ge (jobb|arbete|sysselsättning) (åt|till)|anställer personer som|social hänsyn|far from the labou?r market|creates? jobs for|employs? people who/giu;

const NOT_PLACES = new Set('sverige sweden skåne norrland europa eu iop lou asf wise teams zoom google januari februari mars april maj juni juli augusti september oktober november december january february march may june july august october måndag tisdag onsdag torsdag fredag lördag söndag monday tuesday wednesday thursday friday saturday sunday'.split(' '));

/** "i Kalmar", "in Växjö": a capitalised name after i/in (not at a sentence start) that is not a month, weekday or abbreviation. */
function unknownPlace(text: string): { municipality: string; place: string } | null {
  for (const m of text.matchAll(/(?<=[\p{Ll},]\s+|^)(?:i|in)\s+([A-ZÅÄÖ][a-zåäöé]{2,}(?:-[A-ZÅÄÖ][a-zåäöé]+)?)(?![\p{L}-])/gu)) {
    const name = m[1]!;
    // a building or a definite noun ("i Stadshuset", "i Folkets hus") is a venue, not a municipality
    if (NOT_PLACES.has(name.toLowerCase()) || /(huset|hallen|skolan|parken|torget|gården|salen|kyrkan|biblioteket|museet|centret)$/.test(name)) continue;
    return { municipality: name.replace(/(?<=[^s])s$/, ''), place: name };
  }
  return null;
}

/** Spans that say who does the work or how it is bought, never what the service is. */
/** Who is asking ("Vi är en förskola på Söder", "vi på fritidsgården", "we are a school"): the client, not the service. */
// "vi är / we are" names the asker only with an article or a place after it: "we are moving our office" is the need
const SELF_RE = /(?<![\p{L}])(?:(?:vi är|jag är|we are|we're|i am|i'm)\s+(?:en|ett|an?|the|från|på|i|from|at|in)\s+|(?:vi på|jag jobbar på|vi jobbar på|i work at|we work at)\s+(?:(?:en|ett|an?|the|från|på|i)\s+)?)\p{L}+/giu;

/**
 * Reserved-contract wording: "reserverad upphandling", "reserverat kontrakt", "förbehållen upphandling" (the
 * directive's Swedish word), "förbehållet kontrakt", LOU's paragraph "4 kap. 18 §", English "reserved contract" and its passive ("the contract will be reserved").
 */
const RESERVED_RE = /reserver(ad|ade|at|a|ing)|förbehåll(?:en|et|na|a|s)?\s+(?:upphandling|kontrakt|avtal)\p{L}*|(?:upphandling|kontrakt|avtal)\p{L}*\s+(?:är|blir)\s+förbehåll\p{L}*|4\s*kap\.?\s*18\s*§|reserved?\b[\w -]{0,20}(contract|procurement|criteria)|reserved contract|(?:contract|procurement|tender)s?\s+(?:(?:will|would|must|shall|has to|have to|is going to|are going to)\s+be|is|are|gets|get)\s+(?:(?:a|an)\s+)?reserved/iu;

const NOT_SERVICE_RES: RegExp[] = [
  SELF_RE,
  WORK_INTEGRATING_RE,
  // what the need rules out ("inte fika", "no coffee"); "inte bara" (not only) rules nothing out
  /(?<![\p{L}])(?:inte|ej|ingen|inget|inga|not|no|without)\s+(?!bara\b|endast\b|enbart\b|only\b|just\b|(?:måste|behöver|need|must|krav|required)\b)\p{L}+/giu,
  /reserver\p{L}*( (upphandling|kontrakt)\p{L}*)?|förbehåll\p{L}*( (upphandling|kontrakt|avtal)\p{L}*)?|reserved?( contracts?| procurement)?|\bIOP\b|idébur\p{L}* (?:offentlig\p{L}* )?partnerskap\p{L}*|f-?skatt\p{L}*|f-tax|direktupphandl\p{L}*|direct award|underleverantör\p{L}*|subcontract\p{L}*/giu,
  new RegExp(`\\p{L}+(talande|talare|språkig|språkiga|speaking|speakers?)(?![\\p{L}])|(som )?(talar|pratar|kan|speaks?|speak) (\\p{L}+ )?(${[...Object.keys(LANGUAGE_NAMES), ...Object.keys(SPOKEN_ONLY)].sort((a, b) => b.length - a.length).join('|')}|\\p{L}*samiska)(?![\\p{L}])`, 'giu'),
];

/**
 * The words a need's service is found by in the enterprises' own texts, kept apart from the rest of the
 * parse: `main` is the need without wish clauses and without the spans that name a target group, work
 * integration, a spoken language or a procurement route; `wish` holds the wish clauses' words (they rank
 * with a smaller weight, so a wish never outweighs the service). Both are plain text for queryTerms.
 */
export function serviceQuery(text: string): { main: string; wish: string } {
  let own = text;
  for (const re of [...NOT_SERVICE_RES, ...TARGET_PATTERNS.map((t) => new RegExp(t.re.source, 'giu'))]) {
    own = own.replace(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`), (m) => ' '.repeat(m.length));
  }
  const clauses = needClauses(own);
  const main = clauses.filter((c) => c.kind !== 'wish').map((c) => c.text).join(' ');
  const wish = clauses.filter((c) => c.kind === 'wish').map((c) => c.text).join(' ');
  // a need worded as a wish throughout ("gärna någon som kan …") is searched by its whole text
  return /[\p{L}]{3,}/u.test(main) ? { main, wish } : { main: wish, wish: '' };
}

/** Cleaning said with the building work it follows, in either order, in one sentence. */
const AFTER_BUILDING_RE = /(?:städ\p{L}*|clean\p{L}*)[^.!?]{0,40}?(?<![\p{L}])(?:efter|after)\s+(?:the\s+|en\s+|ett\s+)?(?:\p{L}*ombyggnad\p{L}*|\p{L}*renover\p{L}*|nybygg\p{L}*|byggarbet\p{L}*|construction|renovation|refurbishment|building work)|(?<![\p{L}])(?:efter|after)\s+(?:the\s+|en\s+|ett\s+)?(?:\p{L}*ombyggnad\p{L}*|\p{L}*renover\p{L}*|nybygg\p{L}*|byggarbet\p{L}*|construction|renovation|refurbishment|building work)[^.!?]{0,60}?(?:städ\p{L}*|clean\p{L}*)/iu;

/** Verbs of washing and rinsing, a method many services use (windows, façades, floors, laundry). */
const METHOD_VERB_RE = /(?<![\p{L}])(?:tvätta|tvättas|tvättar|tvättade|tvättat|rengöra|rengörs|rengör|spola|spolas|wash|washed|washing)(?![\p{L}])/giu;

/** A generic word of care with what it cares for after it: "underhåll av", "skötsel av", "maintenance of". */
const GENERIC_CARE_RE = /(?<![\p{L}])(?:underhåll|underhållet|skötsel|skötseln|tillsyn|tillsynen|översyn|service|servicen|maintenance|upkeep)\s+(?:av|på|för|of|for)(?![\p{L}])/giu;

/** The registry's category of furniture renovation (ompolstring, renovera möbler). */
const FURNITURE_REPAIR = 'mobelrenovering';
/** Furniture, also in compounds (kontorsstolar, skrivbordsstolar) and definite (sofforna). */
const FURNITURE_RE =
  /(?<![\p{L}])\p{L}*?(?:stolar|stol|soffor|soffa|fåtöljer|fåtölj|möbler|möbel|pallar|chairs?|sofas?|armchairs?|furniture|stools)(?:na|n|en)?(?![\p{L}])/giu;
/** Repair words: laga/reparera/renovera/fixa in their forms, English repair/fix/mend/refurbish. */
const FURNITURE_MEND_RE =
  /(?<![\p{L}])(?:laga|lagar|lagas|lagade|reparera\p{L}*|reparation\p{L}*|renovera\p{L}*|fixa|fixas|repair\p{L}*|fix|fixed|fixing|mend\p{L}*|refurbish\p{L}*)(?![\p{L}])/iu;

/** Furniture and a repair word in one sentence, at most five words apart, either order; the furniture's offset, or null. */
export function furnitureRepair(text: string): { index: number } | null {
  for (const sentence of text.matchAll(/[^.!?]+/g)) {
    const s = sentence[0];
    for (const f of s.matchAll(new RegExp(FURNITURE_RE.source, 'giu'))) {
      const before = s.slice(0, f.index).split(/\s+/).slice(-6).join(' ');
      const after = s.slice(f.index! + f[0].length).split(/\s+/).slice(0, 6).join(' ');
      if (FURNITURE_MEND_RE.test(before) || FURNITURE_MEND_RE.test(after)) return { index: sentence.index! + f.index! };
    }
  }
  return null;
}

/** The registry's category of sewing and mending (lagning, ändringssömnad). */
const MENDING = 'textil';
/** Garments, also in compounds (arbetsbyxor, varselvästar) and definite (byxorna). */
const GARMENT_RE =
  /(?<![\p{L}])\p{L}*?(?:kläder|klädes\p{L}+|byxor|jackor|overaller|skjortor|tröjor|uniformer|västar|kjolar|klänningar|rockar|trousers|pants|jackets|clothes|clothing|uniforms|workwear|overalls|shirts)(?:na|s)?(?![\p{L}])/giu;
/** Mending words: Swedish laga/lappa/reparera/sy om/ändra in their forms, English mend/repair/fix/alter. */
const MEND_RE =
  /(?<![\p{L}])(?:laga|lagar|lagas|lagade|lagad|lagat|lagning\p{L}*|lappa\p{L}*|reparera\p{L}*|reparation\p{L}*|sy om|sys om|sydda om|ändra|ändras|ändrade|ändring\p{L}*|mend\p{L}*|repair\p{L}*|fix|fixa|fixas|fixed|fixing|alter|altered|alterations?)(?![\p{L}])/iu;

/**
 * A garment and a mending word in one sentence, either order, at most five words apart ("laga arbetsbyxor",
 * "byxorna behöver lagas", "fix our work trousers"); the garment's offset, or null.
 */
export function garmentMending(text: string): { index: number } | null {
  for (const sentence of text.matchAll(/[^.!?;\n]+/g)) {
    const g = new RegExp(GARMENT_RE.source, 'iu').exec(sentence[0]);
    if (!g) continue;
    const near = (a: number, b: number) => sentence[0].slice(a, b).trim().split(/\s+/).filter(Boolean).length <= 5;
    const m = MEND_RE.exec(sentence[0]);
    if (m && (m.index < g.index ? near(m.index + m[0].length, g.index) : near(g.index + g[0].length, m.index))) return { index: sentence.index + g.index };
  }
  return null;
}

/** The registry's category of crafts and simple building work (reparationer, snickare, handyman). */
const BUILDING_REPAIR = 'hantverk-bygg';
/** Parts of a building that are repaired, also in compounds (ytterdörrar, fönsterbågar) and definite (dörrarna). */
const BUILDING_PART_RE =
  /(?<![\p{L}])\p{L}*?(?:dörr|dörrar|fönster|fönstren|fönsterbågar|fönsterbåge|karmar|karm|tak|taket|golv|golvet|väggar|vägg|trappor|trappa|trappsteg|staket|plank|grind|grindar|lås|trösklar|tröskel|lister|skåp|hyllor|hylla|räcken|räcke|doors?|windows?|window frames?|roofs?|floors?|walls?|stairs|steps|fences?|gates?|locks?|shelves|cupboards?|railings?)(?:na|arna|erna|en|et|n)?(?![\p{L}])/giu;
/** Repair words for a building's parts: laga/reparera/fixa/åtgärda/byta ut/renovera, English repair/fix/mend/replace. */
const BUILDING_MEND_RE =
  /(?<![\p{L}])(?:laga|lagar|lagas|lagade|lagad|lagat|lagning\p{L}*|reparera\p{L}*|reparation\p{L}*|renovera\p{L}*|fixa|fixas|fixar|åtgärda\p{L}*|byta ut|bytas ut|byta|bytas|justera|justeras|sätta upp|montera|monteras|trasig\p{L}*|repair\p{L}*|fix|fixed|fixing|mend\p{L}*|replace|replaced|replacing|broken)(?![\p{L}])/iu;
/** What cleans a building part (its object is then window cleaning or cleaning, not a repair). */
const CLEAN_VERB_RE = /(?<![\p{L}])(?:putsa\p{L}*|tvätta\p{L}*|torka|städa\p{L}*|rengöra|rengörs|clean\p{L}*|wash\p{L}*)(?![\p{L}])/iu;

/**
 * A part of a building and a repair word in one sentence, at most five words apart, either order ("laga dörrar och
 * fönster", "fönstren behöver lagas", "repair the doors"): the repair is the service (crafts and building work),
 * the part what is repaired, whatever else its word names (fönster is a window-cleaning word). The part's offset, or null.
 */
export function buildingRepair(text: string): { index: number } | null {
  for (const sentence of text.matchAll(/[^.!?;\n]+/g)) {
    const s = sentence[0];
    if (CLEAN_VERB_RE.test(s)) continue;
    const m = BUILDING_MEND_RE.exec(s);
    if (!m) continue;
    for (const p of s.matchAll(new RegExp(BUILDING_PART_RE.source, 'giu'))) {
      const near = (a: number, b: number) => s.slice(a, b).trim().split(/\s+/).filter(Boolean).length <= 5;
      if (m.index < p.index! ? near(m.index + m[0].length, p.index!) : near(p.index! + p[0].length, m.index)) return { index: sentence.index! + p.index! };
    }
  }
  return null;
}

const TRANSPORT = 'transport';
/** Services that make what they deliver (meals, fika). */
const FOOD = new Set(['catering', 'cafe']);
/** Auxiliaries and adverbs between a subject and its passive verb ("… borde kunna tas tillvara", "… ska också återbrukas"). */
const AUXILIARIES = new Set('ska skall bör borde kan kunna måste behöver får vill kommer att gärna också även helst nog sen sedan should could can must will also'.split(' '));
/** Words that end a list of things going back from a verb: prepositions, sentence marks. */
const LIST_STOP = new Set('i på till för av med från vid hos in at on for from with by'.split(' '));

/**
 * Where the things before a passive reuse verb begin: going back over auxiliaries, then over the listed things
 * (words, commas, "och", "o", "samt", "and") up to a preposition, a sentence mark, a dash or a capitalised name.
 */
function reusedListStart(text: string, verbAt: number): number {
  const words = [...text.slice(0, verbAt).matchAll(/[\p{L}\p{N}-]+|[.!?;:()–—]/gu)];
  let k = words.length - 1;
  while (k >= 0 && AUXILIARIES.has(words[k]![0].toLowerCase())) k--;
  let start = verbAt;
  for (let n = 0; k >= 0 && n < 10; k--, n++) {
    const w = words[k]![0];
    if (/^[.!?;:()–—]$/.test(w) || LIST_STOP.has(w.toLowerCase()) || (/^\p{Lu}/u.test(w) && k > 0)) break;
    start = words[k]!.index!;
  }
  return start;
}

/** A passive verb after a modal or "och sen": "ska återbrukas", "behöver putsas", "och sedan tryckas", "ska tas tillvara" (group 1: the verb). */
const PASSIVE_ASKED_RE = /(?<![\p{L}])(?:ska|skall|måste|behöver|bör|borde|och sen|och sedan|sen|sedan)\s+(?:(?:också|även|kunna|sedan|sen|dessutom|därefter|helst|gärna|först)\s+){0,2}(\p{L}{4,}as|tas (?:till)?vara(?: på)?|tas om hand)(?![\p{L}])/giu;

/** The registry's category of interpreting and translation. */
const TRANSLATION = 'tolk-oversattning';
/** A language as what is translated or interpreted into: "översättas till", "tolk på", "translated into" (then a language). */
const TRANSLATED_INTO_RE = /(?:översätt\p{L}*|tolk\p{L}*|translat\p{L}*|interpret\p{L}*)\s+(?:[\p{L}-]+\s+){0,3}?(?:till|på|into|to|in)\s+(?:[\p{L}-]+\s+(?:och|o|eller|\+|&|and|or)\s+)?$/iu;

/**
 * The people served needing language support, as a clause of their own: "flera behöver språkstöd på arabiska", "några av
 * dem behöver tolk", "some participants need an interpreter" (a subject that is people, a verb of needing, a word of
 * interpreting or language support).
 */
const LANGUAGE_SUPPORT_RE =
  /(?<![\p{L}])(?:flera|några|många|vissa|somliga|en del|de flesta|hälften|alla|deltagarna|eleverna|föräldrarna|de|dom|some|several|many|most|all|half|they|the participants|participants)(?:\s+(?:av|of)\s+(?:dem|dom|deltagarna|them|the participants))?\s+(?:(?:kommer att|will|may|might|kan|kanske)\s+)?(?:behöver|behövs|kräver|har behov av|needs?|require|requires)\s+(?:(?:en|ett|an?|some)\s+)?(?:språkstöd|tolk|tolkar|tolkning|tolkstöd|översättning|interpreters?|interpreting|translation|language support)(?:\s+(?:på|i|in|into)\s+(\p{L}+))?/iu;

/** The registry's categories of reuse: what they take care of is material, not a service of its own. */
const REUSE = new Set(['aterbruk', 'second-hand', 'it-aterbruk']);
/**
 * Taking things to be reused, as a verb after them ("fönster, dörrar o virke borde kunna tas tillvara", "möblerna ska
 * återbrukas", "datorerna ska skänkas"): the things listed before it in its clause are what is reused.
 */
const REUSE_VERB_RE = /(?<![\p{L}])(?:tas (?:till)?vara(?: på)?|ta (?:till)?vara på|tillvaratas|tas om hand|tas hand om|återbrukas|återanvändas|skänkas|säljas vidare)(?![\p{L}])/iu;

/**
 * A festive occasion of the staff or guests ("personalfest", "sommarfesten", "kickoff", "afterwork", "jubileum",
 * "Christmas party"): it names no service, but with no service named the occasion asks for food (catering), as
 * "julbord" does in the everyday words.
 */
const FESTIVE_RE =
  /(?<![\p{L}])(?:(?!mani|pro)\p{L}*fest(?:en|er|erna)?|kick-?off\p{L}*|kickoffen|afterwork\p{L}*|after work|aw|mingel|minglet|jubileum|jubileet|kalas\p{L}*|firande|\p{L}*party|\p{L}*parties|parties|celebration|banquet|bankett\p{L}*|gala\p{L}*|avtackning\p{L}*|julavslutning\p{L}*)(?![\p{L}])/iu;
const CATERING = 'catering';
/** Words that ask for nothing in particular ("hjälp till festen", "något till kalaset"). */
const NOTHING_PARTICULAR = new Set('hjälp något nåt någon nån lite stöd förslag tips help something someone anything support ideas suggestions'.split(' '));
/**
 * Whether the text before a festive occasion asks for something else for it: a need verb, then a word that asks for
 * something in particular, then the occasion's preposition ("Vi behöver vakter till stadsfesten", "we need security
 * guards for the party"): the occasion is not catered, what is asked for is what the registry has or lacks.
 */
function asksOtherForOccasion(before: string): boolean {
  const m = /(?<![\p{L}])(?:behöver|behövs|söker|önskar|vill ha|need|needs|looking for|want)\s+((?:[\p{L}-]+\s+){1,3}?)(?:till|för|inför|på|vid|under|for|at|during)\s+(?:\p{L}+\s+){0,2}$/iu.exec(before);
  if (!m) return false;
  const words = m[1]!.trim().toLowerCase().split(/\s+/).filter((w) => !isStop(w, 'sv') && !isStop(w, 'en'));
  return words.length > 0 && !words.every((w) => NOTHING_PARTICULAR.has(w));
}
/** The registry's category of venues, conferences and meeting hosts. */
const VENUE = 'event';
/** Hiring, booking or borrowing a room, hall or premises. */
const VENUE_HIRE_RE =
  /(?<![\p{L}])(?:hyra|hyr|hyrs|boka|bokar|låna|lånar|hire|hiring|rent|renting|book|booking)\s+(?:(?:ett|en|a|an|the|some|our)\s+)?(?:[\p{L}-]+\s+)?(?:rum|rummet|lokal|lokalen|lokaler|sal|salen|room|rooms|hall|space|venue|premises)(?![\p{L}])/iu;
/**
 * Food by its cuisine: a compound of "mat" ("thaimat", "vegomat", "husmanskost" is an everyday word), a cuisine's
 * adjective before food words ("indisk buffé", "syriska rätter", "Thai food", "Lebanese catering"), or a dish.
 */
const CUISINE_RE = new RegExp(
  `(?<![\\p{L}])(?:(?!(?:auto|for|kli|diplo|to|pri|plo|sy)mat)\\p{L}{2,}mat(?:en)?|(?:thai|thailändsk|indisk|kinesisk|libanesisk|syrisk|etiopisk|eritreansk|somalisk|persisk|afghansk|kurdisk|arabisk|turkisk|grekisk|italiensk|mexikansk|japansk|koreansk|vietnamesisk|asiatisk|afrikansk|vegetarisk|vegansk|halal)\\p{L}*\\s+(?:mat|maten|rätter|buffé|buffén|lunch|luncher|middag|meny|catering)|(?:thai|indian|chinese|lebanese|syrian|ethiopian|eritrean|somali|persian|afghan|kurdish|arabic|turkish|greek|italian|mexican|japanese|korean|vietnamese|asian|african|middle eastern|vegetarian|vegan|halal)\\s+(?:food|cuisine|dishes|buffet|lunch|dinner|meals?)|sushi|tacos|falafel|kebab|pizza|pizzor|curry|meze|mezze|tapas|dumplings|wraps|sallader|soppa|soppor|smårätter|fingerfood|finger food|canapés)(?![\\p{L}])`,
  'iu',
);
/** Delivering as a verb (the noun "leverans", "transport av" names the transport service itself). */
const DELIVERY_VERB_RE = /(?<![\p{L}])(?:leverera|levereras|levererar|levererade|levererad|levererat|köra ut|körs ut|kör ut|deliver|delivers|delivered|delivering)(?![\p{L}])/giu;

/** Words that say a need asks for more than one thing. */
const BOTH_ASKED = /(?<![\p{L}])(?:båda|bägge|both|dessutom|också nån|också någon|även nån|även någon|as well as|also someone|plus nån|plus någon)(?![\p{L}])|\s\+\s*(?=\p{L})/iu;

/**
 * The asker a need opens with as the subject of its asking verb ("Kultur o fritid i Söderhamn vill starta …", "Fritid
 * Laxå söker nån …", "The parks department needs …"): the length of the need before that verb, or 0 when the need
 * opens otherwise. A word before the verb with "vi"/"jag" after it is what is asked for, not who asks ("Flytthjälp
 * söker vi"); so is one before a passive ("Catering behövs"), which ASKER_VERB_RE does not have.
 */
export function askerBefore(text: string): number {
  const m = ASKER_VERB_RE.exec(text);
  if (!m || m.index === 0) return 0;
  const subject = text.slice(0, m.index);
  // a short subject of words and a place, first in the need (no sentence ends before it, no number in it)
  if (/[.!?:;\d]/.test(subject) || subject.trim().split(/\s+/).length > 6) return 0;
  // "Lokalvård i Uddevalla och vi vill …": the asker is the pronoun, and what comes before it is asked for
  if (/(?<![\p{L}])(?:vi|jag|ni|man|we|i|they|de)\s*$/iu.test(subject)) return 0;
  return m.index;
}
/** parts of the day whose words end in a meal's ("eftermiddag", "förmiddag"; not a compound they head: "eftermiddagsfika") */
const TIME_OF_DAY_RE = /(?<![\p{L}])(?:efter|för)middag(?:en|ar|arna|s)?(?![\p{L}])/giu;
/** an active asking verb without a pronoun subject after it, nor before a passive (in "Trädgården behöver skötas" the garden is the service) */
const ASKER_VERB_RE = /(?<![\p{L}])(?:vill|söker|behöver|letar|önskar|undrar|wants?|needs?|is looking|are looking|would like|seeks?)(?![\p{L}])(?!\s+(?:vi|jag|ni|man|we|i|\p{L}{2,}as|to be)(?![\p{L}]))/iu;

/** Parses a need; `municipalities` adds the registry's own service areas to the gazetteer. */
export function parseNeed(text: string, index: CategoryIndex, municipalities: Iterable<string> = [], opts: { enterprisePlaces?: ReadonlyArray<readonly [number, number]>; enterpriseClauses?: ReadonlyArray<readonly [number, number]> } = {}): Need {
  const lang = detectLanguage(text);
  // the need's clauses, once: a rule below does not apply to what a wish clause says ("gärna …")
  const clauses = needClauses(text);
  const inWish = (at: number) => clauseKindAt(clauses, at) === 'wish';
  const named = new Set<string>();
  const coordinated: Array<[string, string]> = [];
  const headline: string[] = [];
  // who asks is not what is asked for: "Kultur o fritid i Söderhamn vill …", "Fritid Laxå söker …" (the services'
  // evidence is read without the subject before the asking verb; the place in it still counts)
  const asker = askerBefore(text);
  // (nor is a time of day: "3 eftermiddagar i veckan" has no dinner in it)
  const serviceText = (asker ? ' '.repeat(asker) + text.slice(asker) : text).replace(TIME_OF_DAY_RE, (m) => ' '.repeat(m.length));
  let scores = categoryEvidence(serviceText, index, lang, { named, coordinated, headline });
  let categories = primaryCategories(scores);
  // the people the work is for name its service when nothing else does ("stöd för seniorer": household services)
  if (!categories.length) {
    named.clear();
    coordinated.length = 0;
    scores = categoryEvidence(serviceText, index, lang, { named, coordinated }, true);
    categories = primaryCategories(scores);
  }
  // a need that says it asks for several things ("för båda delarna", "both", "dessutom", "också nån som …") keeps every
  // service a word names in its own right with at least half the strongest evidence (or a word's full evidence, 0.9),
  // not only those near the strongest
  if (BOTH_ASKED.test(text)) {
    const max = Math.max(0, ...scores.values());
    for (const c of named) if (!categories.includes(c) && (scores.get(c) ?? 0) >= Math.min(0.9, 0.5 * max) && c !== 'arbetstraning') categories.push(c);
  }
  // a service the need asks for in its own words is kept beside the others when a word names it in full (0.9)
  const askedToo = (c: string) => {
    if (!categories.includes(c) && (scores.get(c) ?? 0) >= 0.9) categories.push(c);
  };
  // the service the need opens with, or names right after the asking verb, is asked for, however much more the rest
  // says about another ("Flytt av 25 arbetsplatser … + alla möbler behöver tas om hand (återbruk)")
  // (not a venue's word: a meeting or a conference heading the need is its occasion, "Dialogmöte med föräldrar – vi behöver tolkar")
  for (const c of headline) if (c !== VENUE) askedToo(c);
  // words at `at` that ask for a service in their own right are read on their own: each service they name in full (0.9)
  // is asked for, however much more the rest of the need says about another (not in a wish, nor denied)
  const askedInOwnWords = (words: string, at: number, keep: (c: string) => boolean = () => true) => {
    if (inWish(at) || negatedBefore(text, at)) return;
    const own = categoryEvidence(words, index, lang);
    for (const c of primaryCategories(own))
      if (!categories.includes(c) && keep(c) && (own.get(c) ?? 0) >= 0.9) {
        categories.push(c);
        named.add(c);
      }
  };
  // a passive service verb after a modal is a service asked for in its own clause ("… och hyllorna ska återbrukas",
  // "fönstren behöver putsas", "och sen tryckas") (the verb's own evidence counts: in the whole need it may stand as
  // the object of another service's clause)
  for (const m of text.matchAll(PASSIVE_ASKED_RE)) askedInOwnWords(m[1]!, m.index!);
  // each item of an enumerated list ("(1) … (2) … (3) …", "1) …", "a) …", or bullets or numbers at a line's start) is a
  // service asked for in its own right: in the whole need a service the other items say more about drowns the one an
  // item says in a word ("… (2) a bike repair stand, (3) coffee for ~40 volunteers")
  for (const item of enumeratedItems(text)) askedInOwnWords(item.text, item.at, (c) => c !== 'arbetstraning');
  // a washing verb is how the work is done when a noun names another service ("tvätta fönstren" is window
  // cleaning, "tvätta bort klottret" graffiti removal): the verb's own service (laundry) is dropped when the
  // need without the verb still names the others; "tvätta handdukar" keeps laundry, its noun names it
  if (categories.length > 1 && new RegExp(METHOD_VERB_RE.source, 'iu').test(text)) {
    const without = primaryCategories(categoryEvidence(text.replace(METHOD_VERB_RE, (m) => ' '.repeat(m.length)), index, lang));
    const kept = categories.filter((c) => without.includes(c));
    if (kept.length && kept.length < categories.length) categories = kept;
  }
  // "underhåll av odlingslotterna", "skötsel av betesmarken": a generic word of care names the service only when what
  // it cares for names none; what is cared for ("av X") is otherwise the service, not an object or an occasion
  const care = new RegExp(GENERIC_CARE_RE.source, 'iu').exec(text);
  if (care && !inWish(care.index)) {
    const without = primaryCategories(categoryEvidence(text.replace(GENERIC_CARE_RE, (m) => ' '.repeat(m.length)), index, lang));
    if (without.length && without.some((c) => !categories.includes(c))) {
      categories = without;
      for (const c of without) named.add(c);
    }
  }
  // what is repaired decides the service (mending, furniture, building work): it comes first, named in full,
  // and the other services stay only where `keep` says
  const promote = (id: string, keep: (c: string) => boolean) => {
    categories = [id, ...categories.filter((c) => c !== id && keep(c))];
    scores.set(id, Math.max(scores.get(id) ?? 0, 1));
    named.add(id);
  };
  // mending clothes ("laga arbetsbyxor", "arbetskläderna behöver lagas", "fix our work trousers") is sewing and mending,
  // whatever else the garment's word names (arbetskläder is a laundry word): the garment is what is mended
  if (index.categories.some((c) => c.id === MENDING)) {
    const mend = garmentMending(text);
    if (mend && !inWish(mend.index)) {
      const without = primaryCategories(categoryEvidence(text.replace(GARMENT_RE, (m) => ' '.repeat(m.length)), index, lang));
      promote(MENDING, (c) => without.includes(c));
    }
  }
  // furniture repaired ("reparera 25 kontorsstolar", "laga sofforna", "repair 25 office chairs") is furniture renovation,
  // whatever the repair verb names on its own (reparera is a handyman's word): the furniture is what is repaired
  if (index.categories.some((c) => c.id === FURNITURE_REPAIR)) {
    const repair = furnitureRepair(text);
    if (repair && !inWish(repair.index)) {
      promote(FURNITURE_REPAIR, (c) => c !== 'hantverk-bygg');
    }
  }
  // doors, windows, floors repaired ("laga dörrar och fönster", "fix the broken locks") are crafts and building work, the
  // repair verb decides: the parts are what is repaired, not services of their own (fönster is not window cleaning here)
  if (index.categories.some((c) => c.id === BUILDING_REPAIR) && !categories.includes(FURNITURE_REPAIR) && !categories.includes(MENDING)) {
    const repair = buildingRepair(text);
    if (repair && !inWish(repair.index)) {
      const without = primaryCategories(categoryEvidence(text.replace(BUILDING_PART_RE, (m) => ' '.repeat(m.length)), index, lang));
      promote(BUILDING_REPAIR, (c) => without.includes(c));
    }
  }
  // food delivered ("leverera smörgåsar", "sandwiches delivered") is bought from the kitchen that makes it: the
  // delivery verb is how it arrives, not a transport service, when the need without the verb still names the food
  // (the food is then the verb's object, which counts less for its own service: it is restored here)
  if (categories.includes(TRANSPORT) && new RegExp(DELIVERY_VERB_RE.source, 'iu').test(text)) {
    const without = primaryCategories(categoryEvidence(text.replace(DELIVERY_VERB_RE, (m) => ' '.repeat(m.length)), index, lang));
    if (!without.includes(TRANSPORT) && without.some((c) => FOOD.has(c))) {
      categories = [...new Set([...categories.filter((c) => c !== TRANSPORT), ...without.filter((c) => FOOD.has(c))])];
    }
  }
  // language support the people served need at the service ("8 deltagare ska ut på arbetsträning … Flera behöver språkstöd
  // på arabiska", "some of them need an interpreter") is a wish on the enterprise that does the service (its languages),
  // not interpreting bought of its own: with another service named without it, that service is the need
  // (when the clause names the language, which then is the enterprise's, or when the service hosts the people, as a
  // placement does; "lunch för 40, några behöver tolk" may ask for an interpreter at the lunch, and keeps both)
  const support = LANGUAGE_SUPPORT_RE.exec(text);
  if (categories.includes(TRANSLATION) && support) {
    const without = primaryCategories(categoryEvidence(text.replace(new RegExp(LANGUAGE_SUPPORT_RE.source, 'giu'), (m) => ' '.repeat(m.length)), index, lang));
    if (without.length && !without.includes(TRANSLATION) && (support[1] !== undefined || without.includes('arbetstraning'))) categories = without;
  }
  // things listed before a reuse verb ("fönster, dörrar o virke borde kunna tas tillvara") are the material reused,
  // not services of their own (fönster is no window cleaning here): with a reuse service named, the categories only
  // those words name are dropped
  const reuse = REUSE_VERB_RE.exec(text);
  if (reuse && !inWish(reuse.index) && categories.some((c) => REUSE.has(c)) && categories.some((c) => !REUSE.has(c))) {
    const start = reusedListStart(text, reuse.index);
    const listed = text.slice(0, start) + ' '.repeat(reuse.index - start) + text.slice(reuse.index);
    // (a category keeps at least half its evidence without the listed things when a word of its own names it elsewhere)
    const without = categoryEvidence(listed, index, lang);
    const kept = categories.filter((c) => REUSE.has(c) || (without.get(c) ?? 0) >= 0.5 * (scores.get(c) ?? 0));
    if (kept.length < categories.length) categories = kept;
  }
  // a service joined by "och" to one the need is about is asked for too ("lekplatstillsyn och plogning")
  for (const [a, b] of coordinated) {
    if (categories.includes(a)) askedToo(b);
    else if (categories.includes(b)) askedToo(a);
  }
  // a category only an occasion or an object points at is not a second service when another is named
  if (categories.some((c) => named.has(c))) categories = categories.filter((c) => named.has(c));
  // a festive occasion with no service named ("Personalfest för 120 personer", "Christmas party for 80 staff") is catered
  if (!categories.length && index.categories.some((c) => c.id === CATERING)) {
    const festive = FESTIVE_RE.exec(text);
    if (festive && !negatedBefore(text, festive.index) && !asksOtherForOccasion(text.slice(0, festive.index))) {
      categories = [CATERING];
      scores.set(CATERING, Math.max(scores.get(CATERING) ?? 0, 0.9));
    }
  }
  // a room hired with no service named ("hyra ett rum för en workshop", "hire a room for 40 people") is a venue: the
  // verb decides, as for repairs; the room's word alone is no service ("måla två rum", "cleaning of the rooms")
  if (!categories.length && index.categories.some((c) => c.id === VENUE)) {
    const hire = VENUE_HIRE_RE.exec(text);
    if (hire && !negatedBefore(text, hire.index) && !inWish(hire.index)) {
      categories = [VENUE];
      scores.set(VENUE, Math.max(scores.get(VENUE) ?? 0, 0.9));
      named.add(VENUE);
    }
  }
  // a cuisine with no service named ("Thaimat till 30 personer", "indisk buffé", "Thai food for 30", "sushi för 20") is catered
  if (!categories.length && index.categories.some((c) => c.id === CATERING)) {
    const cuisine = CUISINE_RE.exec(text);
    if (cuisine && !negatedBefore(text, cuisine.index)) {
      categories = [CATERING];
      scores.set(CATERING, Math.max(scores.get(CATERING) ?? 0, 0.9));
      named.add(CATERING);
    }
  }
  // work in people's homes ("putsa fönster hemma", "40 hushåll") with a household word or for the elderly is the household service,
  // its tasks (windows, curtains, cleaning) the errands of it, not services of their own
  const householdWord = (scores.get(HOUSEHOLD) ?? 0) >= 0.9 || /(?<![\p{L}])(äldre|pensionärer|seniorer|elderly|seniors)(?![\p{L}])/iu.test(text);
  if (index.categories.some((c) => c.id === HOUSEHOLD) && householdWord && categories.length && categories.every((c) => HOUSEHOLD_TASKS.has(c)) && flag(text, HOME_SETTING_RE)) {
    const m = new RegExp(HOME_SETTING_RE.source, 'giu').exec(text);
    if (m && !inWish(m.index)) categories = [HOUSEHOLD];
  }
  // cleaning after building work ("städning efter renoveringen", "efter ombyggnaden behöver det städas") is construction cleaning
  if (categories.includes('stad') && index.categories.some((c) => c.id === 'byggstadning') && AFTER_BUILDING_RE.test(text)) {
    categories = [...new Set(categories.map((c) => (c === 'stad' ? 'byggstadning' : c)))];
  }
  const { minCapacity: counted, volume, trainees } = parseQuantities(text);
  let minCapacity = counted;
  // trainee places asked for besides another service's volume: the other service named hosts them
  if (trainees) {
    const others = primaryCategories(new Map([...scores].filter(([c]) => c !== 'arbetstraning' && named.has(c))));
    if (others.length) categories = others;
  }
  // trainees counted with another service ("8 trainees in a kitchen") are the capacity (traineePlaces), not a second service
  if (minCapacity?.field === 'traineePlaces' && categories.length > 1) categories = categories.filter((c) => c !== 'arbetstraning');
  // an enterprise of another service that hosts trainees ("ett café som kan ta emot praktikanter"): that service,
  // and trainee places as its capacity (at least one; unknown is never a pass)
  let hosts: ParsedNeed['minCapacity'] = null;
  const traineeAsk = HOSTS_TRAINEES_RE.exec(text);
  if (traineeAsk && !inWish(traineeAsk.index) && (!minCapacity || minCapacity.field === 'traineePlaces')) {
    const others = primaryCategories(new Map([...scores].filter(([c]) => c !== 'arbetstraning' && named.has(c))));
    if (others.length && categories.includes('arbetstraning')) {
      categories = others;
      if (!minCapacity) hosts = { field: 'traineePlaces', value: 1 };
    }
  }
  minCapacity ??= hosts;
  // a placement at an enterprise of another service ("praktikplats för 3 personer på ett café", "work placements
  // in a bike workshop"): that service hosts the trainees, who are its capacity (traineePlaces)
  if (categories.includes('arbetstraning')) {
    const at = PLACEMENT_AT_RE.exec(text);
    if (at && !inWish(at.index)) {
      const host = hostCategories(at[1]!, index, lang);
      if (host.length) {
        categories = host;
        // the host is as strongly evidenced as the placement that names it (its place may be no category word: "ett kök")
        for (const c of host) scores.set(c, Math.max(scores.get(c) ?? 0, scores.get('arbetstraning') ?? 0.9));
        if (!minCapacity || minCapacity.field !== 'traineePlaces') minCapacity = { field: 'traineePlaces', value: minCapacity?.field === 'maxPeoplePerEvent' ? minCapacity.value : 1 };
      }
    }
  }
  // a place the gazetteer does not know is still a place: no enterprise serves it, so nothing is proposed from elsewhere
  // (the place of an enterprise the need names, "Hyllans Möbelåterbruk i Mölndal", is where it is, not where the work is,
  // when the need names another place; `opts.enterprisePlaces`)
  const spans = opts.enterprisePlaces ?? [];
  const outsideEnterprises = spans.length ? findPlace(blanked(text, spans), municipalities) : null;
  const place = outsideEnterprises ?? findPlace(text, municipalities) ?? unknownPlace(text);
  // a route or flag in a wish clause ("helst via IOP") ranks; elsewhere it filters
  const strength = (re: RegExp): { required: boolean; wished: boolean } => {
    const out = { required: false, wished: false };
    for (const m of text.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'))) {
      if (negatedBefore(text, m.index!) || negatedAfter(text, m.index!, m[0].length)) continue;
      if (clauseKindAt(clauses, m.index!) === 'wish') out.wished = true;
      else out.required = true;
    }
    return out;
  };
  const reserved = strength(RESERVED_RE);
  const iopS = strength(/\bIOP\b|idébur\p{L}* (?:offentlig\p{L}* )?partnerskap|public[- ]civil partnership|partnership agreement/iu);
  const fSkattS = strength(/\bf-?skatt|f-tax|f tax/i);
  const reservedContract = reserved.required;
  const iop = iopS.required;
  const fSkatt = fSkattS.required;
  const direct = flag(text, /direktupphandl|direct award|direct procurement|direct purchase/i);
  const sub = flag(text, /underleverantör|underentrepren|subcontract/i);
  const framework = flag(text, /ramavtal|framework (?:agreement|contract)/i);
  // work-integrating: a requirement when worded as one ("måste", "vi vill att det blir …"), else a wish
  let workIntegratingWished = false;
  let workIntegratingRequired = false;
  for (const m of text.matchAll(WORK_INTEGRATING_RE)) {
    if (negatedBefore(text, m.index!) || negatedAfter(text, m.index!, m[0].length)) continue;
    if (clauseKindAt(clauses, m.index!) === 'requirement') workIntegratingRequired = true;
    else workIntegratingWished = true;
  }
  const legalForms = legalFormsOf(text);
  // spoken languages ("tolkar för arabiska", "arabisktalande personal", "som talar somaliska")
  const languages: string[] = [];
  const languagesWished: string[] = [];
  const mentions: Array<{ l: string; start: number; end: number; list: string[] }> = [];
  const intoLanguages = new Set<string>();
  for (const m of text.matchAll(/[\p{L}][\p{L}-]*/gu)) {
    const w = m[0].toLowerCase();
    const sp = SPEAKING_RE.exec(w);
    const spokenOnly = SPOKEN_ONLY[w] && (SPOKEN_BEFORE.test(text.slice(Math.max(0, m.index! - 30), m.index!)) || /^-?speak/i.test(text.slice(m.index! + w.length))) ? SPOKEN_ONLY[w] : undefined;
    // "Northern Sami", "Ume Sami": the variety the English name gives in two words
    const variety = w === 'sami' ? SAMI_VARIETY_BEFORE.exec(text.slice(Math.max(0, m.index! - 12), m.index!))?.[1]?.toLowerCase() : undefined;
    const l = (variety ? SAMI_VARIETIES[variety] : undefined) ?? LANGUAGE_NAMES[w] ?? spokenOnly ?? (sp ? (LANGUAGE_NAMES[sp[1]!] ?? LANGUAGE_NAMES[`${sp[1]}a`] ?? SPOKEN_ONLY[sp[1]!] ?? SPOKEN_ONLY[`${sp[1]}a`]) : undefined);
    if (!l || l === 'svenska') continue;
    // "thailändska rätter", "Arabic food": a cuisine, not a language
    // "English speaking staff", "Arabic speakers" written as two words are spoken languages as "English-speaking" is
    const spokenNext = /^\s+(?:speaking|speakers?|talande|talare)\b/i.test(text.slice(m.index! + m[0].length));
    if (!sp && !spokenNext && CUISINE_AFTER.test(text.slice(m.index! + m[0].length))) continue;
    if (l === 'engelska' && lang === 'en' && !sp && !spokenNext && !/\b(in english|på engelska)\b/i.test(text)) continue;
    if (negatedBefore(text, m.index!)) continue;
    // the second of two alternatives ("somaliska alternativt arabiska") goes where the first went
    const prev = mentions.at(-1);
    const alternative = prev !== undefined && ALTERNATIVE_RE.test(text.slice(prev.end, m.index!));
    const list = alternative ? prev.list : clauseKindAt(clauses, m.index!) === 'wish' ? languagesWished : languages;
    if (TRANSLATED_INTO_RE.test(text.slice(Math.max(0, m.index! - 60), m.index!))) intoLanguages.add(l);
    mentions.push({ l, start: m.index!, end: m.index! + m[0].length, list });
    if (!list.includes(l)) list.push(l);
  }
  for (const l of languages) if (languagesWished.includes(l)) languagesWished.splice(languagesWished.indexOf(l), 1);
  const languageAlternatives: string[][] = [];
  for (let i = 1, group: string[] = [mentions[0]?.l ?? '']; i <= mentions.length; i++) {
    const next = mentions[i];
    if (next && ALTERNATIVE_RE.test(text.slice(mentions[i - 1]!.end, next.start))) {
      if (!group.includes(next.l)) group.push(next.l);
      continue;
    }
    if (group.length > 1) languageAlternatives.push(group);
    group = next ? [next.l] : [];
  }
  const tg = TARGET_PATTERNS.map((p) => ({ p, m: p.re.exec(text) })).find((x) => x.m);
  // (places of work training or practice for a group are for that group: "8 arbetsträningsplatser för personer med
  // funktionsnedsättning" asks for an enterprise that takes them, not only welcomes one that does)
  const placesFor = Boolean(tg && clauseKindAt(clauses, tg.m!.index) !== 'wish' && PLACES_FOR_RE.test(text.slice(Math.max(0, tg.m!.index - 40), tg.m!.index)));
  const targetGroupRequired = Boolean(tg && (clauseKindAt(clauses, tg.m!.index) === 'requirement' || placesFor));
  const targetGroup = TARGET_PATTERNS.find((p) => p.re.test(text))?.group ?? null;
  const route: Need['route'] = reservedContract || reserved.wished ? 'reserverad upphandling' : iop || iopS.wished ? 'IOP' : sub ? 'underleverantör' : direct ? 'direktupphandling' : framework ? 'ramavtal' : null;
  return {
    categories,
    municipality: place?.municipality ?? null,
    // (what the need says of an enterprise that cannot take the work, "fullbokade till hösten", dates no part of the need)
    period: parsePeriod(blanked(text, opts.enterpriseClauses ?? [])),
    minCapacity,
    trainees: trainees ?? null,
    reservedContract,
    iop,
    fSkatt,
    targetGroup,
    language: lang,
    place: place?.place ?? null,
    volume,
    route,
    languages,
    workIntegratingWished,
    workIntegratingRequired,
    ...(legalForms ? { legalForms } : {}),
    languagesWished,
    ...(languageAlternatives.length ? { languageAlternatives } : {}),
    ...(categories.length > 1 && categories.includes(TRANSLATION) && languages.length && languages.every((l) => intoLanguages.has(l)) ? { languageCategories: [TRANSLATION] } : {}),
    targetGroupRequired,
    wished: { reservedContract: reserved.wished && !reserved.required, iop: iopS.wished && !iopS.required, fSkatt: fSkattS.wished && !fSkattS.required },
    localWished: /\b(helst|gärna|någon|en)\s+(någon\s+)?lokal(a)?\b(?!er)|\blokal(a)?\s+(aktör|företag|leverantör|förening|kooperativ)|\blocal\b|i närheten|nearby/i.test(text),
    certifications: CERTIFICATIONS.filter((c) => c.re.test(text)).map((c) => c.name),
    diets: DIETS.filter((d) => d.re.test(text)).map((d) => d.name),
    asksThresholds: /tröskelvärde|beloppsgräns|direktupphandlingsgräns|gränsvärde|värdegräns|threshold/i.test(text),
    contractValue: parseContractValue(text),
    namedCategories: [...named],
    categoryScores: Object.fromEntries([...scores.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v * 100) / 100])),
  };
}
