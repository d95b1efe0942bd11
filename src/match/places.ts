/**
 * A small gazetteer: the municipalities of the registry's service areas and well-known districts and
 * localities (tätorter, stadsdelar) mapped to their municipality. Used to find where a need is.
 */

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
  mölle: 'Höganäs', jonstorp: 'Höganäs', arild: 'Höganäs', nyhamnsläge: 'Höganäs',
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
  // English / other spellings
  gothenburg: 'Göteborg', 'hudiksvall municipality': 'Hudiksvall',
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

function gazetteer(extra: Iterable<string>): Map<string, string> {
  const extraList = [...extra].sort();
  const key = extraList.join('|');
  let names = gazetteerCache.get(key);
  if (!names) {
    names = new Map<string, string>();
    for (const m of [...MUNICIPALITIES, ...extraList]) {
      names.set(m.toLowerCase(), m);
      names.set(fold(m), m);
    }
    for (const [d, m] of Object.entries(DISTRICTS)) {
      names.set(d, m);
      names.set(fold(d), m);
    }
    if (gazetteerCache.size > 20) gazetteerCache.clear();
    gazetteerCache.set(key, names);
  }
  return names;
}

/**
 * Finds the municipality a need is about: the first municipality or district mentioned (genitive -s and
 * missing diacritics accepted, "Malmo" → Malmö; names of three letters or fewer only when capitalised).
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
        const m = names.get(cand);
        if (!m) continue;
        if (cand.replace(/s$/, '').length <= 3 && !/^[A-ZÅÄÖ]/.test(original)) continue;
        return { municipality: m, place: original, index: first.index! };
      }
    }
  }
  // a misspelt name ("Uddevala", "Söderham"): one edit from a capitalised word of six letters or more
  for (const w of words) {
    if (w[0].length < 6 || !/^[A-ZÅÄÖ]/.test(w[0])) continue;
    const lw = w[0].toLowerCase();
    for (const [name, m] of names) if (name.length >= 6 && !name.includes(' ') && oneEdit(lw, name)) return { municipality: m, place: w[0], index: w.index! };
  }
  return null;
}
