/**
 * A small gazetteer: the municipalities of the registry's service areas and well-known districts and
 * localities (tätorter, stadsdelar) mapped to their municipality. Used to find where a need is.
 */

import { dictionaryBases } from '../query/dictionary.js';
import { NAMES_THAT_ARE_WORDS, SWEDISH_MUNICIPALITIES } from './municipalities.js';
import { oneEdit } from './text.js';

/** district or locality → municipality */
export const DISTRICTS: Record<string, string> = {
  // Helsingborg
  drottninghög: 'Helsingborg', dalhem: 'Helsingborg', planteringen: 'Helsingborg', närlunda: 'Helsingborg',
  fredriksdal: 'Helsingborg', husensjö: 'Helsingborg', råå: 'Helsingborg', påarp: 'Helsingborg', ödåkra: 'Helsingborg',
  mariastaden: 'Helsingborg', väla: 'Helsingborg', kattarp: 'Helsingborg', hittarp: 'Helsingborg', laröd: 'Helsingborg',
  rydebäck: 'Helsingborg', gantofta: 'Helsingborg', 'elineberg': 'Helsingborg', 'söder i helsingborg': 'Helsingborg',
  'nordvästra helsingborg': 'Helsingborg', 'adolfsberg': 'Helsingborg', 'ramlösa': 'Helsingborg', 'bårslöv': 'Helsingborg',
  // Malmö
  rosengård: 'Malmö', möllevången: 'Malmö', hyllie: 'Malmö', limhamn: 'Malmö', fosie: 'Malmö', husie: 'Malmö',
  kirseberg: 'Malmö', oxie: 'Malmö', holma: 'Malmö', kroksbäck: 'Malmö', lindängen: 'Malmö', seved: 'Malmö',
  'västra hamnen': 'Malmö', sofielund: 'Malmö', augustenborg: 'Malmö', hermodsdal: 'Malmö', bunkeflostrand: 'Malmö',
  'södra innerstaden': 'Malmö', 'norra sorgenfri': 'Malmö', 'herrgården': 'Malmö',
  // Landskrona
  härslöv: 'Landskrona', häljarp: 'Landskrona', 'centrum-öster': 'Landskrona', 'öster i landskrona': 'Landskrona',
  // Lund
  'norra fäladen': 'Lund', linero: 'Lund', klostergården: 'Lund', 'södra sandby': 'Lund', dalby: 'Lund',
  veberöd: 'Lund', genarp: 'Lund', brunnshög: 'Lund',
  // Höganäs
  mölle: 'Höganäs', viken: 'Höganäs', jonstorp: 'Höganäs', arild: 'Höganäs', nyhamnsläge: 'Höganäs',
  lerberget: 'Höganäs', ingelsträde: 'Höganäs', 'kullabygden': 'Höganäs', 'kullahalvön': 'Höganäs',
  // Ängelholm
  'munka-ljungby': 'Ängelholm', vejbystrand: 'Ängelholm', skälderviken: 'Ängelholm', hjärnarp: 'Ängelholm',
  // Karlskrona, Ronneby, Sölvesborg
  nättraby: 'Karlskrona', rödeby: 'Karlskrona', lyckeby: 'Karlskrona', jämjö: 'Karlskrona', sturkö: 'Karlskrona',
  trossö: 'Karlskrona', kallinge: 'Ronneby', 'bräkne-hoby': 'Ronneby', listerby: 'Ronneby',
  mjällby: 'Sölvesborg', hällevik: 'Sölvesborg', nogersund: 'Sölvesborg', norje: 'Sölvesborg',
  // Umeå
  ålidhem: 'Umeå', tomtebo: 'Umeå', holmsund: 'Umeå', ersboda: 'Umeå', mariehem: 'Umeå', 
  obbola: 'Umeå', sävar: 'Umeå', hörnefors: 'Umeå', röbäck: 'Umeå',
  // Karlstad
  kronoparken: 'Karlstad', våxnäs: 'Karlstad', orrholmen: 'Karlstad', gruvlyckan: 'Karlstad', skåre: 'Karlstad', 
  // Uddevalla, Mölndal
  dalaberg: 'Uddevalla', tureborg: 'Uddevalla', ljungskile: 'Uddevalla', herrestad: 'Uddevalla',
  lindome: 'Mölndal', kållered: 'Mölndal', krokslätt: 'Mölndal', bifrost: 'Mölndal',
  // Tierp, Hudiksvall, Söderhamn
  örbyhus: 'Tierp', månkarbo: 'Tierp', söderfors: 'Tierp', skärplinge: 'Tierp', karlholm: 'Tierp',
  iggesund: 'Hudiksvall', delsbo: 'Hudiksvall', sörforsa: 'Hudiksvall',
  ljusne: 'Söderhamn', sandarne: 'Söderhamn', vallvik: 'Söderhamn', stugsund: 'Söderhamn', bergvik: 'Söderhamn', söderala: 'Söderhamn',
  // Härjedalen, Laxå
  sveg: 'Härjedalen', funäsdalen: 'Härjedalen', vemdalen: 'Härjedalen', lillhärdal: 'Härjedalen',
  tänndalen: 'Härjedalen', bruksvallarna: 'Härjedalen',
  hasslerör: 'Laxå', finnerödja: 'Laxå', ramundeboda: 'Laxå',
  // the other municipalities of the registry's service areas: their localities (SCB's tätorter) and, for the
  // cities, districts people name (a word that is also an everyday word is left out: "Backa", "Hov", "Forsa")
  åsbro: 'Askersund', olshammar: 'Askersund', zinkgruvan: 'Askersund',
  arbrå: 'Bollnäs', kilafors: 'Bollnäs', vallsta: 'Bollnäs', rengsjö: 'Bollnäs',
  näsum: 'Bromölla', gualöv: 'Bromölla', valje: 'Bromölla', nymö: 'Bromölla',
  torekov: 'Båstad', förslöv: 'Båstad', grevie: 'Båstad', 'västra karup': 'Båstad', 'östra karup': 'Båstad',
  angered: 'Göteborg', hisingen: 'Göteborg', 'västra hisingen': 'Göteborg', frölunda: 'Göteborg', majorna: 'Göteborg',
  biskopsgården: 'Göteborg', bergsjön: 'Göteborg', hammarkullen: 'Göteborg', hjällbo: 'Göteborg', kortedala: 'Göteborg',
  askim: 'Göteborg', torslanda: 'Göteborg', gamlestaden: 'Göteborg', tynnered: 'Göteborg', lövgärdet: 'Göteborg', rannebergen: 'Göteborg',
  skoghall: 'Hammarö',
  mölnlycke: 'Härryda', landvetter: 'Härryda', rävlanda: 'Härryda', hindås: 'Härryda', hällingsjö: 'Härryda',
  asarum: 'Karlshamn', mörrum: 'Karlshamn', svängsta: 'Karlshamn',
  fagerås: 'Kil', högboda: 'Kil',
  bergsjö: 'Nordanstig', harmånger: 'Nordanstig', gnarp: 'Nordanstig', jättendal: 'Nordanstig', hassela: 'Nordanstig', ilsbo: 'Nordanstig', strömsbruk: 'Nordanstig',
  sävedalen: 'Partille', öjersjö: 'Partille', jonsered: 'Partille',
  bygdeå: 'Robertsfors', ånäset: 'Robertsfors', sikeå: 'Robertsfors',
  skelleftehamn: 'Skellefteå', ursviken: 'Skellefteå', bureå: 'Skellefteå', burträsk: 'Skellefteå', kåge: 'Skellefteå', byske: 'Skellefteå', boliden: 'Skellefteå', lövånger: 'Skellefteå',
  sylte: 'Trollhättan', lextorp: 'Trollhättan', kronogården: 'Trollhättan', sjuntorp: 'Trollhättan', upphärad: 'Trollhättan',
  gottsunda: 'Uppsala', gränby: 'Uppsala', storvreta: 'Uppsala', sävja: 'Uppsala', björklinge: 'Uppsala', vattholma: 'Uppsala', 'gamla uppsala': 'Uppsala',
  tvärålund: 'Vindeln', hällnäs: 'Vindeln', åmsele: 'Vindeln',
  vännäsby: 'Vännäs',
  skutskär: 'Älvkarleby', gårdskär: 'Älvkarleby',
  näsviken: 'Hudiksvall',
  // English / other spellings
  gothenburg: 'Göteborg', 'hudiksvall municipality': 'Hudiksvall',
};

/**
 * Abbreviations coordinators type for municipalities (hbg, gbg, sthlm): matched in any case, since they are
 * written lower case as often as not and are no Swedish words.
 */
export const ABBREVIATIONS: Record<string, string> = {
  hbg: 'Helsingborg', gbg: 'Göteborg', sthlm: 'Stockholm', hudik: 'Hudiksvall',
  kstad: 'Karlstad', lkrona: 'Landskrona',
};

/** municipalities known beyond the registry's own (the registry adds its service areas at run time) */
export const MUNICIPALITIES = [
  'Helsingborg', 'Hudiksvall', 'Härjedalen', 'Karlstad', 'Laxå', 'Malmö', 'Mölndal', 'Sölvesborg', 'Söderhamn',
  'Tierp', 'Uddevalla', 'Umeå', 'Höganäs', 'Landskrona', 'Lund', 'Ängelholm', 'Karlskrona', 'Ronneby', 'Båstad',
  'Bromölla', 'Karlshamn', 'Nordanstig', 'Bollnäs', 'Uppsala', 'Älvkarleby', 'Hammarö', 'Kil', 'Askersund',
  'Trollhättan', 'Göteborg', 'Härryda', 'Partille', 'Vännäs', 'Robertsfors', 'Skellefteå', 'Vindeln', 'Stockholm',
  'Kristianstad', 'Eslöv', 'Trelleborg', 'Ystad', 'Växjö', 'Örebro', 'Gävle', 'Sundsvall', 'Östersund', 'Luleå',
];

function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

export interface PlaceHit {
  municipality: string;
  /** the words that named it, as written */
  place: string;
  index: number;
}

const gazetteerCache = new Map<string, Map<string, string>>();

/** The names of the full list that are not among the known ones: they count only as written with a capital. */
const capitalOnly = new Set<string>();

function gazetteer(extra: Iterable<string>): Map<string, string> {
  const extraList = [...extra].sort();
  const key = extraList.join('|');
  let names = gazetteerCache.get(key);
  if (!names) {
    names = new Map<string, string>();
    for (const m of SWEDISH_MUNICIPALITIES) {
      for (const k of [m.toLowerCase(), fold(m)]) {
        names.set(k, m);
        capitalOnly.add(k);
      }
    }
    for (const m of [...MUNICIPALITIES, ...extraList]) {
      capitalOnly.delete(m.toLowerCase());
      capitalOnly.delete(fold(m));
      names.set(m.toLowerCase(), m);
      names.set(fold(m), m);
    }
    for (const [d, m] of Object.entries(DISTRICTS)) {
      names.set(d, m);
      names.set(fold(d), m);
      // a locality whose name is also a word ("Viken", "Planteringen") counts only as a name, capitalised
      if (!d.includes(' ') && dictionaryBases(d).size) capitalOnly.add(d);
    }
    if (gazetteerCache.size > 20) gazetteerCache.clear();
    gazetteerCache.set(key, names);
  }
  return names;
}

/**
 * Finds the municipality a need is about: the first municipality or district mentioned (genitive -s and
 * missing diacritics accepted, "Malmo" → Malmö; names of three letters or fewer only when capitalised), also
 * as the first part of a compound ("Helsingborgsskolorna", see compoundPlace).
 * Returns null when none is named.
 */
export function findPlace(text: string, extraMunicipalities: Iterable<string> = []): PlaceHit | null {
  const names = gazetteer(extraMunicipalities);
  const words = [...text.matchAll(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu)];
  for (let i = 0; i < words.length; i++) {
    for (let n = 3; n >= 1; n--) {
      if (i + n > words.length) continue;
      const first = words[i]!;
      const last = words[i + n - 1]!;
      const original = text.slice(first.index!, last.index! + last[0].length);
      const gram = original.toLowerCase().replace(/\s+/g, ' ');
      for (const cand of [gram, gram.replace(/s$/, ''), fold(gram), fold(gram).replace(/s$/, '')]) {
        const abbreviation = n === 1 ? ABBREVIATIONS[cand] : undefined;
        const m = abbreviation ?? names.get(cand);
        if (!m) continue;
        if (!abbreviation && cand.replace(/s$/, '').length <= 3 && !/^[A-ZÅÄÖ]/.test(original)) continue;
        // a municipality of the full list only as a name: capitalised, and a name that is also a word ("Vara",
        // "Mark") not first in a sentence unless "kommun" or "stad" follows
        // (written lower case, a name that is no word counts after "i"/"in": "snöröjning i kalmar")
        const afterIn = /(?:^|\s)(?:i|in)\s+$/i.test(text.slice(Math.max(0, first.index! - 4), first.index!)) && !NAMES_THAT_ARE_WORDS.has(m.toLowerCase());
        if (!abbreviation && capitalOnly.has(cand) && !/^[A-ZÅÄÖ]/.test(original) && !afterIn) continue;
        // … and spelt as the name is, with its å, ä and ö: "Måla" is not Malå
        if (!abbreviation && capitalOnly.has(cand) && cand !== gram && cand !== gram.replace(/s$/, '')) continue;
        if (!abbreviation && NAMES_THAT_ARE_WORDS.has(m.toLowerCase()) && /(?:^|[.!?:]\s*)$/.test(text.slice(0, first.index!)) && !/^\s+(?:kommun|stad)/i.test(text.slice(last.index! + last[0].length))) continue;
        return { municipality: m, place: original, index: first.index! };
      }
    }
    // a place inside a compound ("Helsingborgsskolorna", "Lundakontoret", "Höganäsbaden", "Rosengårdsskolan")
    const inCompound = compoundPlace(words[i]![0], names);
    if (inCompound) return { municipality: inCompound, place: words[i]![0], index: words[i]!.index! };
  }
  // a misspelt name ("Uddevala", "Söderham"): one edit from a capitalised word of six letters or more, or from
  // one in lower case after "i"/"in" ("fönsterputs i uddevala"); after "i"/"in" a capitalised word of five
  // letters with one left out ("i Vänäs" for Vännäs) too
  for (const w of words) {
    const afterIn = /(?:^|\s)(?:i|in)\s+$/i.test(text.slice(Math.max(0, w.index! - 4), w.index!));
    if (w[0].length < (afterIn && /^[A-ZÅÄÖ]/.test(w[0]) ? 5 : 6)) continue;
    if (!/^[A-ZÅÄÖ]/.test(w[0]) && !afterIn) continue;
    const lw = w[0].toLowerCase();
    for (const [name, m] of names) if (name.length >= 6 && !name.includes(' ') && !capitalOnly.has(name) && oneEdit(lw, name)) return { municipality: m, place: w[0], index: w.index! };
  }
  return null;
}

/**
 * Last parts of street and road names: "Stockholmsvägen", "Malmögatan" are streets of any town, named after
 * another place, so the place in them is not where the need is.
 */
const STREET_HEAD = /^(?:gatan|gata|vägen|väg|gränd|gränden|allé|allén|leden|stigen|backen|torg|torget|plan|platsen|esplanaden|kajen|strand|parkvägen|boulevard|street|road|avenue)$/;
/** Last parts of surnames built on a place name (Lundgren, Lundberg, Malmström): a person, not a place. */
const SURNAME_HEAD = /^(?:berg|gren|kvist|qvist|ström|holm|dahl|dal|blad|man|sten|stam|ling|lund|mark|ell|in|ius|feldt|fors|sjö|vall|hage|bom|bäck|borg|stedt|quist|ander|gård)$/;

/**
 * The municipality a capitalised compound starts with ("Helsingborgs|skolorna", "Lund|a|kontoret",
 * "Höganäs|baden", "Karlskrona|skolorna"): a known name of four letters or more (not a name that is also a
 * word), its linking -s or -a, then a Swedish word (the Hunspell headwords, inflected) that is neither a
 * street's last part nor a surname's. The longest name wins. Null when the word is no such compound.
 */
export function compoundPlace(word: string, names: Map<string, string>): string | null {
  if (!/^[A-ZÅÄÖ][a-zåäöéü]{6,}$/.test(word)) return null;
  const lw = word.toLowerCase();
  let best: { name: string; m: string } | null = null;
  for (let n = lw.length - 3; n >= 4; n--) {
    const name = lw.slice(0, n);
    const m = names.get(name);
    if (!m || name.includes(' ') || NAMES_THAT_ARE_WORDS.has(name) || NAMES_THAT_ARE_WORDS.has(m.toLowerCase())) continue;
    const rest = lw.slice(n);
    for (const tail of [rest, rest.replace(/^[sa](?=\p{L}{3})/u, '')]) {
      if (tail.length < 3 || STREET_HEAD.test(tail) || SURNAME_HEAD.test(tail.replace(/s$/, ''))) continue;
      if (dictionaryBases(tail).size) {
        best = { name, m };
        break;
      }
    }
    if (best) break;
  }
  return best?.m ?? null;
}
