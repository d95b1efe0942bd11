/**
 * The co-creation method the invitations follow, as the reports describe it, and what each
 * audience gains from taking part. Every point names the passage it rests on (`source`) and a
 * retrieval query that finds that passage in the index, so the draft can show real citations
 * from the retrieved chunks. The texts here are short paraphrases of the reports, never new facts.
 *
 *  - 000 = Helsingborg co-creation study (Projekt Rekrytera): 1.1 spår 2, 2.1.1, 2.1.3, 2.1.4, 2.2.2, 2.3.1, 2.3.3
 *  - 002 = SKR, Kommuners samverkan med sociala företag
 */
import type { Chunk, Citation } from '../domain/types.js';
import type { AudienceKey } from './parse.js';

export interface MethodPoint {
  id: string;
  /** where the reports say it (for people reading the code) */
  source: string;
  /** query for the core retriever */
  query: string;
  /** the passage must contain this, else the retrieved chunk is not the one the point rests on */
  evidence: RegExp;
}

export const METHOD_POINTS: Record<string, MethodPoint> = {
  defineNeed: {
    id: 'defineNeed',
    source: '000 1.1 (spår 2)',
    query: 'bjuda in etablerade företagskontakter branschorganisationer och invånare till samtal för att låta dem definiera behovet',
    evidence: /definiera behovet/i,
  },
  noReadySolution: {
    id: 'noReadySolution',
    source: '000 2.2.2, 2.1.3',
    query: 'samskapande ytan ska inte innehålla färdiga lösningar som redan innan start har definierats av staden',
    evidence: /färdiga lösningar|peka mot en lösning/i,
  },
  clearPurpose: {
    id: 'clearPurpose',
    source: '000 2.2.2',
    query: 'tydlighet konkret syfte att hänga upp sitt deltagande problemformulering näringslivsrepresentanterna',
    evidence: /konkret syfte|problemformulering/i,
  },
  whyEngage: {
    id: 'whyEngage',
    source: '000 2.1.3, 3',
    query: 'tydligt svar på varför potentiella deltagare ska engagera sig samskapande',
    evidence: /varför potentiella deltagare ska engagera sig/i,
  },
  coCreation: {
    id: 'coCreation',
    source: '000 2.1.1',
    query: 'samskapande innebär att två eller fler parter skapar något nytt av värde tillsammans co-creation',
    evidence: /skapar något nytt/i,
  },
  ideas: {
    id: 'ideas',
    source: '000 2.1.3 (steg 4)',
    query: 'tillsammans med personer som ingår i målgrupperna ta fram idéer och lösningsförslag brainstorming workshops',
    evidence: /brainstorming|ta fram idéer/i,
  },
  transparency: {
    id: 'transparency',
    source: '000 2.1.3 (sista steget)',
    query: 'tillgängliggöra nya kunskaper och göra processen transparent förtroende',
    evidence: /transparent/i,
  },
  physical: {
    id: 'physical',
    source: '000 2.3.1',
    query: 'ytan behöver vara både digital och fysisk vikten av det fysiska mötet relationsbyggande tillgänglighet',
    evidence: /både digital och fysisk|fysiska mötet/i,
  },
  business: {
    id: 'business',
    source: '000 2.1.4',
    query: 'mervärde näringslivet bättre och mer tidseffektiva rekryteringar nya rekryteringskanaler samhällsansvar CSR',
    evidence: /tidseffektiva rekryteringar|samhällsansvar/i,
  },
  trade: {
    id: 'trade',
    source: '000 2.1.4',
    query: 'ökad kunskap om vilka möjligheter som finns och bättre förutsättningar att påverka utvecklingen gynnar företagens intressen',
    evidence: /påverka utvecklingen/i,
  },
  residents: {
    id: 'residents',
    source: '000 2.1.4, 3',
    query: 'för invånarna innebär deltagande i samskapandeprocesser en möjlighet att påverka utformandet av samhällstjänster',
    evidence: /påverka utformandet/i,
  },
  social: {
    id: 'social',
    source: '002 (upphandling och andra samverkansformer)',
    query: 'kommuner är viktiga kunder för många sociala företag vilka varor och tjänster de säljer',
    evidence: /viktiga kunder|varor och tjänster/i,
  },
  iop: {
    id: 'iop',
    source: '000 2.3.4.1, 002',
    query: 'idéburna offentliga partnerskap IOP samverkansavtal med en organisation från den sociala ekonomin socialt företag',
    evidence: /IOP|idéburna offentliga partnerskap/i,
  },
  civil: {
    id: 'civil',
    source: '002 (Helsingborgs dialogträffar)',
    query: 'Helsingborgs stad bjöd in civilsamhället till särskilda dialogträffar sociala företag',
    evidence: /dialogträffar|dialoger/i,
  },
  mutual: {
    id: 'mutual',
    source: '000 2.1.4',
    query: 'insikter och förståelse för varandras olika verksamheter förutsättningar och behov synergier dubbelarbete',
    evidence: /varandras/i,
  },
  internal: {
    id: 'internal',
    source: '000 2.3.3, 002',
    query: 'kommunintern grupp med bred representation från olika förvaltningar och avdelningar intern förankring',
    evidence: /bred representation|förankring/i,
  },
};

/** A benefit line in each language; `when` limits it to a purpose that is about work or recruitment. */
export interface Benefit {
  sv: string;
  easy: string;
  en: string;
  point: string;
  workOnly?: boolean;
  /** assumes nothing is decided yet (left out when the meeting is about a decided matter) */
  open?: boolean;
}

/** What each audience gains, from 000 2.1.4 and its conclusions, and from 002 for social enterprises. */
export const BENEFITS: Record<AudienceKey, Benefit[]> = {
  business: [
    {
      point: 'business',
      workOnly: true,
      sv: 'Nya rekryteringskanaler kan ge bättre och mer tidseffektiva rekryteringar och en väg till nya målgrupper.',
      easy: 'Det kan bli lättare att hitta personal.',
      en: 'New recruitment channels can make recruiting faster and easier and help you reach new groups of candidates.',
    },
    {
      point: 'trade',
      open: true,
      sv: '{Du} kan vara med tidigt och påverka utvecklingen i en riktning som också gynnar företagen.',
      easy: '{Du} kan påverka från början.',
      en: 'You can take part early and influence the direction in a way that also serves your business.',
    },
    {
      point: 'business',
      sv: 'Det är ett konkret sätt för {ditt} företag att ta samhällsansvar.',
      easy: '{Ditt} företag kan göra nytta för staden.',
      en: 'It is a concrete way for your company to take social responsibility (CSR).',
    },
  ],
  trade: [
    {
      point: 'trade',
      open: true,
      sv: '{Du} kan föra fram {dina} medlemmars behov och perspektiv innan något är bestämt.',
      easy: '{Du} kan berätta vad {dina} medlemmar behöver.',
      en: 'You can bring your members’ needs and perspectives to the table before anything is decided.',
    },
    {
      point: 'trade',
      sv: '{Du} får bättre kunskap om vilka möjligheter som finns och kan påverka utvecklingen.',
      easy: '{Du} får veta mer om vilka möjligheter som finns.',
      en: 'You gain a better picture of the opportunities and a chance to influence how things develop.',
    },
    {
      point: 'mutual',
      sv: 'Vi får en bättre förståelse för varandras verksamheter, förutsättningar och behov.',
      easy: 'Vi lär känna varandra bättre.',
      en: 'We gain a better understanding of each other’s work, conditions and needs.',
    },
  ],
  social: [
    {
      point: 'social',
      sv: '{Du} får berätta om {din} verksamhet, vad {du} erbjuder och vilka förutsättningar {du} har.',
      easy: '{Du} får berätta om det {du} gör.',
      en: 'You can tell us about your organisation, what you offer and what conditions you work under.',
    },
    {
      point: 'social',
      sv: 'Kommunen är en viktig kund för många sociala företag, och vi vill lära känna vilka varor och tjänster {du} erbjuder.',
      easy: 'Staden vill veta vad {du} kan göra och sälja.',
      en: 'Municipalities are important customers for many social enterprises, and we want to learn which goods and services you offer.',
    },
    {
      point: 'iop',
      open: true,
      sv: 'Tillsammans kan vi utforska vilka samarbetsformer som skulle kunna passa, till exempel upphandling eller idéburet offentligt partnerskap (IOP).',
      easy: 'Vi kan prata om hur vi kan arbeta ihop.',
      en: 'Together we can explore which forms of cooperation might fit, for example public procurement or an idea-based public partnership (IOP).',
    },
  ],
  civil: [
    {
      point: 'civil',
      sv: '{Du} får berätta om {din} verksamhet och om behoven hos dem {du} möter.',
      easy: '{Du} får berätta om det {din} förening gör.',
      en: 'You can tell us about your work and the needs of the people you meet.',
    },
    {
      point: 'mutual',
      sv: 'Vi får en bättre förståelse för varandras verksamheter, förutsättningar och behov.',
      easy: 'Vi lär känna varandra bättre.',
      en: 'We gain a better understanding of each other’s work, conditions and needs.',
    },
  ],
  residents: [
    {
      point: 'residents',
      open: true,
      sv: '{Du} kan påverka hur stadens tjänster utformas, så att de bättre möter invånarnas behov.',
      easy: '{Du} kan påverka hur staden gör saker.',
      en: 'You can influence how the city’s services are designed, so that they better meet residents’ needs.',
    },
    {
      point: 'residents',
      workOnly: true,
      sv: '{Du} får veta mer om vad företagen behöver och vilka möjligheter som finns till kompetensutveckling och arbete.',
      easy: '{Du} hör mer om vilka jobb som finns och vad företagen behöver.',
      en: 'You learn more about what businesses need and what opportunities there are for skills development and work.',
    },
  ],
  internal: [
    {
      point: 'mutual',
      sv: 'Vi får en gemensam bild av varandras verksamheter och förutsättningar, och kan hitta synergier och undvika dubbelarbete.',
      easy: 'Vi lär känna varandras arbete. Då gör vi inte samma sak två gånger.',
      en: 'We get a shared picture of each other’s work and conditions, find synergies and avoid duplicated work.',
    },
    {
      point: 'internal',
      sv: 'Med bred representation från olika förvaltningar blir arbetet bättre förankrat.',
      easy: 'Det är bra att många delar av staden är med.',
      en: 'Broad representation from different departments gives the work a firmer footing.',
    },
  ],
};

/** Short labels for a mixed audience ("Företag och entreprenörer: …"). */
export const AUDIENCE_NAMES: Record<AudienceKey, { sv: string; en: string; svShort: string; enShort: string }> = {
  business: { sv: 'företag', en: 'businesses', svShort: 'Företag', enShort: 'Businesses' },
  trade: { sv: 'branschorganisationer', en: 'trade organisations', svShort: 'Branschorganisationer', enShort: 'Trade organisations' },
  social: { sv: 'sociala företag', en: 'social enterprises', svShort: 'Sociala företag', enShort: 'Social enterprises' },
  civil: { sv: 'föreningar', en: 'non-profit organisations', svShort: 'Föreningar och ideella organisationer', enShort: 'Non-profits' },
  residents: { sv: 'boende', en: 'residents', svShort: 'Boende', enShort: 'Residents' },
  internal: { sv: 'kollegor i stadens förvaltningar', en: 'colleagues across departments', svShort: 'Förvaltningarna', enShort: 'Departments' },
};

export type Retrieve = (query: string, k: number) => Promise<Array<{ chunk: Chunk; score: number }>>;

/**
 * Looks up the passages the used method points rest on. A point whose passage the retriever does
 * not return (the evidence pattern is absent from the top chunks) gets no citation: nothing is faked.
 */
export async function citeMethod(retrieve: Retrieve, pointIds: string[]): Promise<Citation[]> {
  const out: Citation[] = [];
  const seen = new Set<string>();
  for (const id of pointIds) {
    const point = METHOD_POINTS[id];
    if (!point) continue;
    let hits: Array<{ chunk: Chunk; score: number }> = [];
    try {
      hits = await retrieve(point.query, 8);
    } catch {
      continue;
    }
    const hit = hits.find((h) => point.evidence.test(h.chunk.text));
    if (!hit) continue;
    const quote = quoteAround(hit.chunk.text, point.evidence);
    const key = `${hit.chunk.id}|${quote}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      n: out.length + 1,
      docId: hit.chunk.docId,
      title: hit.chunk.title,
      section: hit.chunk.section,
      lines: hit.chunk.lines,
      page: hit.chunk.page,
      quote,
    });
  }
  return out;
}

/** The sentence(s) of a chunk around the evidence, exactly as the chunk has them. */
export function quoteAround(text: string, evidence: RegExp): string {
  const m = evidence.exec(text);
  if (!m) return text.slice(0, 300);
  let start = m.index;
  while (start > 0 && !/[.!?]\s/.test(text.slice(start - 2, start))) start--;
  let end = m.index + m[0].length;
  while (end < text.length && !/[.!?]/.test(text[end])) end++;
  const quote = text.slice(start, Math.min(text.length, end + 1)).trim();
  return quote.length > 500 ? quote.slice(0, 500).trimEnd() + '…' : quote;
}
