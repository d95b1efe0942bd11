/**
 * What to do next, grounded in the reports: passages about dialogue meetings with local social
 * enterprises, intermediaries such as Coompanion, splitting contracts, subcontracting and IOP are
 * retrieved and quoted with [n] citations. No legal threshold is ever stated from memory.
 */
import type { Chunk, Citation } from '../domain/types.js';
import { analyze } from '../retrieval/analyzer.js';
import type { Need } from './parse.js';

export type Retrieve = (query: string, k: number) => Promise<Array<{ chunk: Chunk; score: number }>>;

interface Topic {
  query: string;
  /** the quoted sentence must say this */
  must: RegExp;
  /** lead-in in Swedish and English; the quoted sentence follows */
  sv: string;
  en: string;
}

const TOPICS: Record<string, Topic> = {
  dialog: { must: /dialog/i, query: 'dialogmöte med lokala sociala företag och föreningar inför upphandling', sv: 'Bjud in till ett dialogmöte med lokala sociala företag och föreningar', en: 'Invite local social enterprises and associations to a dialogue meeting' },
  intermediary: { must: /coompanion|intermediär|stödorganisation|stödstruktur/i, query: 'Coompanion stödstruktur intermediär för sociala företag', sv: 'Ta hjälp av en stödorganisation som Coompanion', en: 'Ask an intermediary such as Coompanion' },
  split: { must: /dela upp|mindre (delar|kontrakt|upphandlingar)|delkontrakt|uppdelning/i, query: 'dela upp upphandlingen i mindre delar så att sociala företag kan lämna anbud', sv: 'Dela upp uppdraget i mindre delar', en: 'Split the contract into smaller lots' },
  sub: { must: /underleverantör/i, query: 'sociala företag som underleverantörer krav i upphandling', sv: 'Öppna för sociala företag som underleverantörer i en ordinarie upphandling', en: 'Open the ordinary procurement to social enterprises as subcontractors' },
  iop: { must: /\bIOP|partnerskap/i, query: 'idéburet offentligt partnerskap IOP när upphandlingsreglerna inte gäller', sv: 'Ett IOP är aktuellt bara när samarbetet inte omfattas av upphandlingsreglerna', en: 'An IOP applies only when the cooperation is not covered by procurement rules' },
  reserved: { must: /reserver/i, query: 'reserverad upphandling för sociala företag', sv: 'Om reserverad upphandling', en: 'On reserved contracts' },
  direct: { must: /direktupphandl/i, query: 'direktupphandling från sociala företag', sv: 'Om direktupphandling', en: 'On direct awards' },
};

function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9"”])/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 30 && s.length <= 400);
}

/** The sentence of a chunk that shares the most terms with the query. */
export function bestSentence(text: string, query: string, must?: RegExp): string | null {
  const q = new Set(analyze(query));
  let best: string | null = null;
  let bestScore = 0;
  for (const s of sentences(text)) {
    if (must && !must.test(s)) continue;
    const terms = new Set(analyze(s));
    let score = 0;
    for (const t of q) if (terms.has(t)) score++;
    if (score > bestScore) {
      bestScore = score;
      best = s;
    }
  }
  return bestScore >= 2 ? best : null;
}

export interface AdviceInput {
  need: Need;
  noMatch: boolean;
  serviceRecognised: boolean;
  topNames: string[];
  excludedCount: number;
  hasSample: boolean;
  retrieve?: Retrieve;
}

export async function buildAdvice(input: AdviceInput): Promise<{ advice: string; citations: Citation[] }> {
  const { need } = input;
  const sv = need.language === 'sv';
  const topics: string[] = [];
  if (input.noMatch) topics.push('dialog', 'intermediary', need.iop ? 'iop' : 'split', 'sub');
  else {
    if (need.reservedContract) topics.push('reserved');
    if (need.iop) topics.push('iop');
    if (need.route === 'underleverantör') topics.push('sub');
    if (need.route === 'direktupphandling') topics.push('direct');
    topics.push('dialog');
  }
  const citations: Citation[] = [];
  const lines: string[] = [];
  for (const key of topics) {
    const topic = TOPICS[key]!;
    let quote: string | null = null;
    let chunk: Chunk | null = null;
    if (input.retrieve) {
      try {
        for (const hit of await input.retrieve(topic.query, 8)) {
          quote = bestSentence(hit.chunk.text, topic.query, topic.must);
          if (quote) {
            chunk = hit.chunk;
            break;
          }
        }
      } catch {
        quote = null;
      }
    }
    if (quote && chunk) {
      let n = citations.findIndex((c) => c.docId === chunk!.docId && c.quote === quote) + 1;
      if (!n) {
        n = citations.length + 1;
        citations.push({ n, docId: chunk.docId, title: chunk.title, section: chunk.section, lines: chunk.lines, page: chunk.page, quote });
      }
      lines.push(`${sv ? topic.sv : topic.en}: ”${quote}” [${n}]`);
    } else if (input.noMatch || key === 'iop') {
      lines.push(`${sv ? topic.sv : topic.en}.`);
    }
  }
  const head: string[] = [];
  if (input.noMatch) {
    if (!input.serviceRecognised) {
      head.push(sv ? 'Jag kunde inte avgöra vilken tjänst behovet gäller; beskriv vad som ska göras.' : 'I could not tell which service the need is about; please describe the work.');
    }
    head.push(
      sv
        ? `Inget aktivt företag i registret uppfyller behovet${need.municipality ? ` i ${need.municipality}` : ''}${input.excludedCount ? ` (${input.excludedCount} med rätt tjänst bryter mot ett krav, t.ex. serviceområde, status eller kapacitet)` : ''}. Andra vägar:`
        : `No active enterprise in the registry fits the need${need.municipality ? ` in ${need.municipality}` : ''}${input.excludedCount ? ` (${input.excludedCount} offering the service break a requirement such as service area, status or capacity)` : ''}. Other routes:`,
    );
  } else {
    head.push(
      sv
        ? `Börja med att kontakta ${input.topNames.slice(0, 2).join(' och ')} och kontrollera kapacitet, pris och tidplan för ${need.period ? `perioden ${need.period}` : 'uppdraget'}.`
        : `Start by contacting ${input.topNames.slice(0, 2).join(' and ')} to confirm capacity, price and timing${need.period ? ` for ${need.period}` : ''}.`,
    );
    if (!need.municipality) head.push(sv ? 'Ange kommun så att serviceområdet kan kontrolleras.' : 'Name the municipality so the service area can be checked.');
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
