/**
 * A small gazetteer: the municipalities of the registry's service areas and well-known districts and
 * localities (tätorter, stadsdelar) mapped to their municipality. Used to find where a need is.
 */

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

/**
 * Finds the municipality a need is about: the first municipality or district mentioned (genitive -s and
 * missing diacritics accepted, "Malmo" → Malmö). Returns null when none is named.
 */
export function findPlace(text: string, extraMunicipalities: Iterable<string> = []): PlaceHit | null {
  const names = new Map<string, string>();
  for (const m of [...MUNICIPALITIES, ...extraMunicipalities]) names.set(m.toLowerCase(), m);
  for (const [d, m] of Object.entries(DISTRICTS)) names.set(d, m);
  const hits: PlaceHit[] = [];
  const lower = text.toLowerCase();
  const folded = fold(text);
  for (const [name, municipality] of names) {
    if (name.length <= 3) {
      // short names ("Kil") only when written with a capital letter
      const re = new RegExp(`(?<![\\p{L}\\p{N}])${name[0]!.toUpperCase()}${name.slice(1)}s?(?![\\p{L}\\p{N}])`, 'u');
      const m = re.exec(text);
      if (m) hits.push({ municipality, place: m[0], index: m.index });
      continue;
    }
    for (const [hay, needle] of [
      [lower, name],
      [folded, fold(name)],
    ] as const) {
      const re = new RegExp(`(?<![\\p{L}\\p{N}])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}s?(?![\\p{L}\\p{N}])`, 'gu');
      const m = re.exec(hay);
      if (m) {
        hits.push({ municipality, place: text.slice(m.index, m.index + m[0].length), index: m.index });
        break;
      }
    }
  }
  if (!hits.length) return null;
  // prefer the earliest mention; for ties the longest name ("södra sandby" over "sandby")
  hits.sort((a, b) => a.index - b.index || b.place.length - a.place.length);
  return hits[0]!;
}
