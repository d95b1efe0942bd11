/** `brygga match [--json] [--limit N] "need"` and `brygga match --json --batch FILE.jsonl` (lines {"id","need"}). */
import { createAssistant } from '../assistant.js';
import { loadConfig } from '../config.js';
import type { MatchResult } from '../domain/types.js';
import { createMatcher, type Matcher } from '../match/index.js';
import { capacityLabel } from '../match/english.js';
import { parse, runBatch, UsageError } from './args.js';

/** The matcher with the core retriever for grounded advice. */
export async function cliMatcher(): Promise<Matcher> {
  const config = loadConfig();
  const assistant = await createAssistant(config, { logger: { info: (m) => process.stderr.write(m + '\n'), warn: (m) => process.stderr.write(`varning: ${m}\n`) } });
  return createMatcher({ knowledgeDir: config.knowledgeDir, dataDir: config.dataDir }, { retrieve: (q, k) => assistant.retrieve(q, k) });
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    json: { type: 'boolean', default: false },
    batch: { type: 'string' },
    limit: { type: 'string' },
  });
  const limit = values.limit === undefined ? 5 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw new UsageError('--limit måste vara ett heltal från 1 till 50');
  if (!values.batch && positionals.length === 0) throw new UsageError('beskriv behovet, t.ex. brygga match "catering till 120 personer i Helsingborg"');
  if (values.batch && positionals.length) throw new UsageError('ange antingen ett behov eller --batch, inte båda');
  const need = positionals.join(' ');
  if (!values.batch && !need.trim()) throw new UsageError('behovet är tomt: beskriv vad som behövs, var och när, t.ex. brygga match "catering till 120 personer i Helsingborg"');

  const matcher = await cliMatcher();
  if (values.batch) {
    return runBatch(values.batch, async (line) => {
      if (typeof line.need !== 'string' || !line.need.trim()) throw new Error('fältet "need" saknas eller är tomt');
      return (await matcher.match(line.need, { limit })) as unknown as Record<string, unknown>;
    });
  }
  const result = await matcher.match(need, { limit });
  process.stdout.write(values.json ? JSON.stringify(result, null, 2) + '\n' : renderText(result));
  return 0;
}

export function renderText(r: MatchResult): string {
  const sv = r.need.language !== 'en';
  const out: string[] = [];
  if (r.sample) out.push(sv ? '[FIKTIVA EXEMPELDATA – inga verkliga leverantörer]' : '[FICTIONAL SAMPLE DATA – no real suppliers]', '');
  const n = r.need;
  out.push(
    `${sv ? 'Behov' : 'Need'}: ${(r.categoryLabels ?? n.categories).join(', ') || '?'} · ${n.municipality ?? (sv ? 'kommun okänd' : 'municipality unknown')}` +
      (n.period ? ` · ${n.period}` : '') +
      (n.minCapacity ? ` · ${capacityLabel(n.minCapacity.field, n.language !== 'en')} ≥ ${n.minCapacity.value}` : '') +
      (n.reservedContract ? ` · ${sv ? 'reserverad upphandling' : 'reserved contract'}` : '') +
      (n.iop ? ' · IOP' : '') +
      (n.fSkatt ? ' · F-skatt' : '') +
      (n.contractValue ? ` · ${sv ? 'avtalsvärde' : 'contract value'} ${n.contractValue.sek.toLocaleString('sv-SE').replace(/\u00a0/g, ' ')} kr${n.contractValue.perYear ? (sv ? '/år' : '/year') : ''}` : ''),
    '',
  );
  if (r.noMatch) out.push(sv ? 'Ingen träff i registret.' : 'No match in the registry.');
  for (const m of r.matches) {
    out.push(`${m.rank}. ${m.name} (${m.enterpriseId}) – ${m.score}`);
    for (const reason of m.reasons) out.push(`   + ${reason}`);
    for (const w of m.warnings) out.push(`   ! ${w}`);
  }
  out.push('', r.advice);
  if (r.citations.length) {
    out.push('', sv ? 'Källor:' : 'Sources:');
    for (const c of r.citations) out.push(`[${c.n}] ${c.title}${c.section ? ` – ${c.section}` : ''}${c.page ? `, ${sv ? 's.' : 'p.'} ${c.page}` : ''}, ${sv ? 'rad' : 'lines'} ${c.lines[0]}–${c.lines[1]}`);
  }
  return out.join('\n') + '\n';
}
