/**
 * Domain glossary, Swedish ↔ English, with the abbreviations of the field. Used for query
 * expansion so that English questions find Swedish passages and abbreviations meet their
 * spelled-out forms. Each line is one concept: terms separated by "|" (any language).
 */
import { analyze, tokenize } from './analyzer.js';
import { matchPhrases } from './phrases.js';

const GLOSSARY = `
ASF | arbetsintegrerande socialt företag | arbetsintegrerande sociala företag | work-integrating social enterprise | wise | work integration social enterprise
IOP | idéburet offentligt partnerskap | idéburna offentliga partnerskap | idea-based public partnership | public-civic partnership
LOU | lagen om offentlig upphandling | public procurement act
ESF | Europeiska socialfonden | socialfonden | European Social Fund
ERUF | Europeiska regionala utvecklingsfonden | regionalfonden | European Regional Development Fund | ERDF
SKR | Sveriges Kommuner och Regioner | Swedish Association of Local Authorities and Regions
SÖS | sektorsöverskridande samverkan | cross-sector collaboration | cross-sectoral collaboration
CSR | corporate social responsibility | samhällsansvar
OPI | innovationssamarbete | innovation partnership | innovation procurement
social enterprise | social enterprises | socialt företag | sociala företag | socialt företagande | social entrepreneurship
social economy | social ekonomi
civil society | civilsamhället | civilsamhälle | idéburen sektor | idéburna organisationer | non-profit | ngo | voluntary sector
procurement | procure | upphandling | upphandla | upphandlingar | tender | tendering
reserved contract | reserved contracts | reserved procurement | reserverad upphandling | reserverade kontrakt | reserverat kontrakt
direct award | direktupphandling
framework agreement | ramavtal
subcontractor | underleverantör
co-creation | cocreation | co-create | samskapande | samskapa | samskapande yta
collaboration | cooperation | samverkan | samarbete | samverka | samarbeta
partnership | partnerskap
municipality | municipalities | municipal | council | kommun | kommuner | kommunen | kommunal | kommunala
region | regions | regional | region | län
county | län
city | stad | staden
business | businesses | company | companies | firm | firms | enterprise | enterprises | företag | näringsliv | näringslivet | företagare | bolag
business community | näringslivet | näringsliv
large companies | stora företag | storföretag
small and medium-sized | små och medelstora företag | sme | smes
entrepreneur | entrepreneurs | entrepreneurship | entreprenör | entreprenörer | entreprenörskap
intrapreneur | intraprenör | intraprenörer
resident | residents | citizen | citizens | inhabitants | invånare | medborgare | boende
employer | employers | arbetsgivare
employee | employees | staff | anställda | medarbetare | personal
job | jobs | work | employment | employed | arbete | jobb | anställning | sysselsättning | arbetsmarknad
unemployed | unemployment | arbetslösa | arbetslöshet
labour market | labor market | arbetsmarknad | arbetsmarknaden
recruitment | recruit | recruiting | hiring | rekrytering | rekrytera | rekryteringar
skills | competence | competences | kompetens | kompetensbehov
education | studies | study | studying | training | utbildning | studier | studera | studerande
participant | participants | deltagare | deltog | deltagit
target group | målgrupp | målgruppen
young people | youth | young | unga | ungdomar | unga vuxna
newly arrived | immigrants | foreign-born | nyanlända | utrikes födda
disability | disabilities | funktionsnedsättning | funktionsvariation
goal | goals | target | targets | aim | objective | objectives | mål | målet | målsättning | syfte
purpose | syfte | syftet | ändamål
result | results | outcome | outcomes | resultat | utfall | effekter
impact | effect | effects | effekt | effekter | påverkan
impact measurement | effektmätning | effektmäta | mäta effekter
evaluation | utvärdering | utvärdera
funding | funds | fund | financing | finance | money | pengar | pengarna | grant | grants | eu funding | eu support | stöd | medel | finansiering | bidrag | eu-stöd | beviljades | beviljat
budget | cost | costs | budget | kostnad | kostnader | kostade
support | stöd | stödja | hjälp
support organisation | support organization | intermediary | intermediaries | stödorganisation | stödorganisationer | intermediär | intermediärer
obstacle | obstacles | barrier | barriers | hinder | challenge | challenges | difficulties | utmaning | utmaningar | svårigheter
success factor | success factors | framgångsfaktor | framgångsfaktorer
lesson | lessons | lessons learned | lärdom | lärdomar | erfarenheter
risk | risks | risk | risker
criticism | criticisms | critique | criticised | kritik | kritiserats
definition | define | defines | defined | characterises | characterizes | definition | definiera | definieras | kännetecknas | kännetecken
criteria | criterion | kriterier | kriterium
example | examples | exempel
innovation | innovations | innovation | innovationer | nyskapande
service innovation | tjänsteinnovation | tjänsteinnovationer
public sector | offentlig sektor | offentliga sektorn
private sector | privat sektor | privata företag
policy | policies | policy | policydokument | styrdokument | riktlinje | riktlinjer
guideline | guidelines | riktlinjer | riktlinje
strategy | strategi | strategin
national strategy | nationella strategin | nationell strategi
swedish | sweden | svensk | svenska | sverige
european | europe | eu | europeisk | europeiska | europa
network | nätverk | nätverket | utvecklingsnätverk
project | projects | projekt | projektet
phase | phases | stage | stages | fas | faser | fasen
method | methods | methodology | approach | metod | metoder | arbetssätt | metodik
process | processes | process | processer
workshop | workshops | workshop
focus group | focus groups | fokusgrupp | fokusgrupper
interview | interviews | interviewees | intervju | intervjuer | intervjupersoner
meeting | meetings | meet | möte | möten | träff | träffar | mötesplats
dialogue | dialog | dialoger | dialogmöte
digital | online | digitalt | digitala | på distans
physical | in person | on site | fysisk | fysiska | på plats
premises | venue | lokal | lokaler
coworking | co-working | kontorshotell
housing | bostad | bostäder | boende
housing first | bostad först
homeless | homelessness | hemlös | hemlöshet
elderly | older people | äldre | äldreomsorg
care | vård | omsorg
health | hälsa | friskvård
cleaning | städning | städtjänster | lokalvård
catering | meals | catering | måltider | mat
waste | garbage | bin | bins | avfall | sopor | soptunna | sophämtning
goods distribution | distribution | varudistribution | samordnad varudistribution
political | politics | politically | politisk | politiska | politiskt styre | majoritet
majority | majoritet | styre
legal | law | lawyers | juridik | juridiska | jurister | rättsläge
competition | konkurrens | konkurrensbegränsande
equal treatment | likställighetsprincipen | likabehandling
state aid | statsstöd
trust | tillit
logic | logics | logik | logiker
conflict | conflicts | konflikt | konflikter | motstridiga | krockar
why | varför | anledning | orsak | skäl
how many | antal | hur många
share | percentage | proportion | per cent | percent | andel | procent | %
minimum | minst | lägsta
maximum | högst | mest
most | mest | störst
least | minst
total | totalt | sammanlagt
year | years | år
month | months | månad | månader
period | period | perioden | genomförandeperiod
started | start | began | startade | påbörjades | inleddes
ended | end | avslutades | slut | projektavslut
owner | project owner | run by | ran | projektägare | drevs | drev | driva
partner | partners | samverkanspartner | samverkanspartners | projektparter
authors | author | written | wrote | författare | skrivit | skriven
presented | presentation | slides | presenterades | presentationen | bilder
complete | full | whole | hela | i sin helhet | urval
nodes | node | nod | noder
areas | parts | districts | neighbourhoods | områden | delar | stadsdelar
innovation environments | innovationsmiljöer | innovationsmiljö
products | product | produkter | produkt
digital products | digitala produkter | digitala system
tool | tools | verktyg | lathund
benefit | benefits | gain | value | added value | what is in it | vinna | nytta | mervärde | värde | fördelar
argument | arguments | argument
advantage | advantages | fördel | fördelar
reuse | återbruk | återbruket | återanvändning
furniture | möbler
caretaker | janitor | vaktmästare
dance | dance evenings | danskvällar | dans
storage | förvaring | container
equipment | utrustning
bin emptied | tömning | hämtning
summer | sommar | sommarrekrytering
applicants | sökande
positions | job positions | tjänster
accelerator | kommunaccelerator | accelerator
coordinated | samordnad | samordning
introduced | infördes | införa
compared | compare | difference | differ | jämföra | skillnad | skiljer | skillnader
experience | experienced | erfarenhet | erfarenheter
none | no | inga | saknade | ingen
`;

interface Concept {
  terms: string[];
}

const concepts: Concept[] = GLOSSARY.split('\n')
  .map((l) => l.trim())
  .filter(Boolean)
  .map((l) => ({ terms: l.split('|').map((t) => t.trim().toLowerCase()).filter(Boolean) }));

/** phrase (lowercased, tokens joined by space) → concept indexes */
const phraseIndex = new Map<string, number[]>();
let maxPhraseLen = 1;
concepts.forEach((c, i) => {
  for (const t of c.terms) {
    const key = tokenize(t).join(' ');
    if (!key) continue;
    maxPhraseLen = Math.max(maxPhraseLen, key.split(' ').length);
    const list = phraseIndex.get(key) ?? [];
    if (!list.includes(i)) list.push(i);
    phraseIndex.set(key, list);
  }
});

/** the analyzed terms of each concept's forms, computed once */
const conceptTerms: string[][] = concepts.map((c) => [...new Set(c.terms.flatMap((t) => analyze(t)))]);

export interface ExpandedConcept {
  /** the words of the question that named the concept */
  via: string;
  /** the analyzed terms of all the concept's forms */
  terms: string[];
}

/**
 * Finds glossary concepts in a text and returns the analyzed terms of all their forms, by concept.
 * Longest phrases match first.
 */
export function expandQuery(text: string): { terms: string[]; matched: string[]; concepts: ExpandedConcept[] } {
  // a single very short word (e.g. "no", "år") only counts inside a phrase or when it is an abbreviation
  const found = matchPhrases(tokenize(text), maxPhraseLen, (key, _start, len) => (len === 1 && key.length < 3 ? undefined : phraseIndex.get(key)));
  const hit = new Map<number, string>();
  for (const { key, value: cs } of found) for (const c of cs) if (!hit.has(c)) hit.set(c, key);
  const expanded = [...hit].map(([c, via]) => ({ via, terms: conceptTerms[c] }));
  return { terms: [...new Set(expanded.flatMap((g) => g.terms))], matched: found.map((f) => f.key), concepts: expanded };
}

export function glossarySize(): number {
  return concepts.length;
}
