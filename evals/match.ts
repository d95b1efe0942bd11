/**
 * Match eval: nDCG@5, precision@1, hard-constraint violations in the top 5 (from each case's
 * `constraints` and `must_not`), and whether no-match cases are recognised.
 * Targets (issue 14): nDCG@5 ≥ 0.90, P@1 ≥ 0.85, 0 violations, every no-match case recognised.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { MatchResult } from '../src/domain/types.js';
import { loadRegistry } from '../src/registry/load.js';
import type { Enterprise } from '../src/registry/schema.js';
import { partOf, type Part } from './split.js';
import { fromRoot } from '../src/root.js';

const here = fromRoot('evals');

export const MatchCaseSchema = z.object({
  id: z.string(),
  need: z.string(),
  constraints: z.object({
    municipality: z.string().optional(),
    categories: z.array(z.string()).optional(),
    minCapacity: z.object({ field: z.string(), value: z.number() }).optional(),
    reservedContract: z.boolean().optional(),
    iop: z.boolean().optional(),
    fSkatt: z.boolean().optional(),
    workIntegrating: z.boolean().optional(),
    targetGroup: z.string().optional(),
    languages: z.array(z.string()).optional(),
  }),
  relevant: z.record(z.string(), z.number()),
  must_not: z.array(z.string()).default([]),
  notes: z.string().optional(),
});
export type MatchCase = z.infer<typeof MatchCaseSchema>;

/** Hard-constraint violations of an enterprise for a case (as shared/evals/verify_match.py). */
export function caseViolations(e: Enterprise, c: MatchCase['constraints']): string[] {
  const v: string[] = [];
  if (e.status !== 'aktiv') v.push(`status ${e.status}`);
  if (c.municipality && !e.serviceArea.includes(c.municipality)) v.push(`does not serve ${c.municipality}`);
  if (c.categories?.length && !c.categories.some((x) => e.categories.includes(x))) v.push('no category overlap');
  if (c.minCapacity) {
    const have = c.minCapacity.field === 'traineePlaces' ? e.traineePlaces : (e.capacity as Record<string, unknown>)[c.minCapacity.field];
    if (typeof have !== 'number' || have < c.minCapacity.value) v.push(`${c.minCapacity.field} ${String(have)} < ${c.minCapacity.value}`);
  }
  if (c.reservedContract && !e.procurement.reservedContractEligible) v.push('not reserved-contract eligible');
  if (c.iop && !e.procurement.iop) v.push('not IOP');
  if (c.fSkatt && !e.procurement.fSkatt) v.push('no F-skatt');
  if (c.workIntegrating && !e.workIntegrating) v.push('not work-integrating');
  if (c.targetGroup && !(e.targetGroups as readonly string[]).includes(c.targetGroup)) v.push(`target group ${c.targetGroup} missing`);
  for (const l of c.languages ?? []) if (!e.languages.includes(l)) v.push(`language ${l} missing`);
  return v;
}

export function ndcgAt(ranked: string[], relevant: Record<string, number>, k = 5): number {
  const gains = (g: number) => 2 ** g - 1;
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => (dcg += gains(relevant[id] ?? 0) / Math.log2(i + 2)));
  const ideal = Object.values(relevant).sort((a, b) => b - a).slice(0, k);
  let idcg = 0;
  ideal.forEach((g, i) => (idcg += gains(g) / Math.log2(i + 2)));
  return idcg === 0 ? (ranked.length === 0 ? 1 : 0) : dcg / idcg;
}

/**
 * Precision@1: the first proposal is a good match (grade ≥ 2), or, in a case whose best enterprise only
 * meets the hard constraints and misses a wish (every grade 1), that best enterprise: proposing it first
 * is the best answer there is, so it cannot count as a miss.
 */
export function precisionAt1(ranked: string[], relevant: Record<string, number>): number {
  const best = Math.max(0, ...Object.values(relevant));
  return ranked[0] !== undefined && (relevant[ranked[0]] ?? 0) >= Math.min(2, best) && best > 0 ? 1 : 0;
}

export async function runMatchEval(opts: {
  match: (need: string) => Promise<MatchResult>;
  file?: string;
  out?: NodeJS.WritableStream;
  /** the registry the cases refer to (default: knowledge/enterprises) */
  registryDir?: string;
  /** only this part of the set (see split.ts); its failures are printed only for the tune part */
  part?: Part;
  /**
   * whole-set runs (no `part`) list the failures of tune-part cases only, so a measure case is never
   * shown; true lists every case's failures, for files that are not split dev sets (test fixtures)
   */
  allFailures?: boolean;
}): Promise<{ metrics: Record<string, number>; table: string; failures: string[] }> {
  const file = opts.file ?? path.join(here, 'match-dev.jsonl');
  const cases = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => MatchCaseSchema.parse(JSON.parse(l)))
    .filter((c) => !opts.part || partOf(c.id) === opts.part);
  const registry = loadRegistry(opts.registryDir ?? path.join(here, '..', 'knowledge', 'enterprises'));
  const byId = new Map(registry.enterprises.map((e) => [e.id, e]));
  const listed: string[] = [];
  let ndcgSum = 0;
  let ndcgN = 0;
  let p1Sum = 0;
  let violations = 0;
  let noMatchCases = 0;
  let noMatchRecognised = 0;
  let falseNoMatch = 0;
  const latencies: number[] = [];
  const tty = Boolean((opts.out as { isTTY?: boolean } | undefined)?.isTTY);
  for (const [i, c] of cases.entries()) {
    if (tty) opts.out!.write(`\rmatch ${i + 1}/${cases.length}`);
    // a measure-part case counts in the figures but its failures are never listed
    const shown = opts.allFailures || partOf(c.id) === 'tune';
    const failures = shown ? listed : [];
    const t0 = performance.now();
    let r: MatchResult;
    try {
      r = await opts.match(c.need);
    } catch (err) {
      failures.push(`${c.id}: error ${err instanceof Error ? err.message : String(err)}`);
      if (Object.keys(c.relevant).length) ndcgN++;
      else noMatchCases++;
      continue;
    }
    latencies.push(performance.now() - t0);
    const ids = r.matches.map((m) => m.enterpriseId);
    for (const id of ids.slice(0, 5)) {
      const e = byId.get(id);
      const v = e ? caseViolations(e, c.constraints) : ['unknown id'];
      if (c.must_not.includes(id) && !v.length) v.push('in must_not');
      if (v.length) {
        violations++;
        failures.push(`${c.id}: VIOLATION ${id} (${v.join('; ')})`);
      }
    }
    if (!Object.keys(c.relevant).length) {
      noMatchCases++;
      if (r.noMatch && ids.length === 0) noMatchRecognised++;
      else failures.push(`${c.id}: expected no match, got ${ids.join(', ') || '(noMatch=false)'}`);
      continue;
    }
    if (r.noMatch) falseNoMatch++;
    const n = ndcgAt(ids, c.relevant);
    ndcgSum += n;
    ndcgN++;
    const p1 = precisionAt1(ids, c.relevant);
    p1Sum += p1;
    if (n < 0.999 || !p1) {
      failures.push(
        `${c.id}: nDCG@5 ${n.toFixed(2)} P@1 ${p1} got [${ids.slice(0, 5).join(', ')}] want ${JSON.stringify(c.relevant)} parsed ${JSON.stringify({ categories: r.need.categories, municipality: r.need.municipality })}`,
      );
    }
  }
  if (tty) opts.out!.write('\r');
  latencies.sort((a, b) => a - b);
  const metrics: Record<string, number> = {
    cases: cases.length,
    'nDCG@5': ndcgN ? ndcgSum / ndcgN : 1,
    'P@1': ndcgN ? p1Sum / ndcgN : 1,
    violationsTop5: violations,
    noMatchRecognised: noMatchCases ? noMatchRecognised / noMatchCases : 1,
    falseNoMatch,
    p50Ms: latencies[Math.floor(latencies.length / 2)] ?? 0,
  };
  const targets: Record<string, [string, (v: number) => boolean]> = {
    'nDCG@5': ['≥ 0.90', (v) => v >= 0.9],
    'P@1': ['≥ 0.85', (v) => v >= 0.85],
    violationsTop5: ['= 0', (v) => v === 0],
    noMatchRecognised: ['= 1.00', (v) => v === 1],
  };
  const rows = Object.entries(metrics).map(([k, v]) => {
    const t = targets[k];
    return [k, Number.isInteger(v) ? String(v) : v.toFixed(3), t ? t[0] : '', t ? (t[1](v) ? 'ok' : 'MISS') : ''];
  });
  const widths = [0, 1, 2, 3].map((i) => Math.max(...[['metric', 'value', 'target', ''], ...rows].map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const table = [`match eval (${path.basename(file)}${opts.part ? `, ${opts.part} part` : ''})`, fmt(['metric', 'value', 'target', '']), ...rows.map(fmt)].join('\n');
  if (opts.out) {
    opts.out.write(table + '\n');
    // the measure part is for figures only: its failures are never shown (so nothing is fixed by looking at it)
    if (listed.length) opts.out.write(['', 'failures:', ...listed.map((f) => `  ${f}`)].join('\n') + '\n');
  }
  return { metrics, table, failures: listed };
}
