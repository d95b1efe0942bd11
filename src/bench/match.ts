/**
 * Match latency: p50/p95 over a set of needs with the sample registry and with a synthetic registry
 * of 10,000 enterprises (the sample's records repeated with new ids, municipalities and wording).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { loadRegistry } from '../registry/load.js';
import type { Enterprise, Registry } from '../registry/schema.js';
import { matcherFromRegistry } from '../match/index.js';
import { ROOT } from '../root.js';

const root = ROOT;

export function syntheticRegistry(base: Registry, size: number): Registry {
  const municipalities = [...new Set(base.enterprises.flatMap((e) => e.serviceArea))];
  const enterprises: Enterprise[] = [];
  for (let i = 0; i < size; i++) {
    const src = base.enterprises[i % base.enterprises.length]!;
    const home = municipalities[(i * 7) % municipalities.length]!;
    enterprises.push({
      ...src,
      id: `syn-${String(i + 1).padStart(5, '0')}`,
      name: `${src.name.split(' ')[0]} ${i + 1}`,
      municipality: home,
      serviceArea: [home, municipalities[(i * 13 + 1) % municipalities.length]!],
      description: `${src.description} Verksamhet nummer ${i + 1}.`,
    });
  }
  return { ...base, enterprises, hasSample: true };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function bench(out: NodeJS.WritableStream): Promise<void> {
  const base = loadRegistry(path.join(root, 'knowledge', 'enterprises'));
  const needs = readFileSync(path.join(root, 'evals', 'match-dev.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { need: string }).need);
  const rows: string[][] = [['registry', 'enterprises', 'build ms', 'runs', 'p50 ms', 'p95 ms', 'max ms']];
  for (const [label, reg, rounds] of [
    ['sample', base, 20],
    ['synthetic', syntheticRegistry(base, 10_000), 3],
  ] as const) {
    const t0 = performance.now();
    const matcher = matcherFromRegistry(reg, {}, new Date());
    const build = performance.now() - t0;
    const times: number[] = [];
    await matcher.match(needs[0]!); // warm-up
    for (let r = 0; r < rounds; r++) {
      for (const n of needs) {
        const s = performance.now();
        await matcher.match(n);
        times.push(performance.now() - s);
      }
    }
    times.sort((a, b) => a - b);
    rows.push([label, String(reg.enterprises.length), build.toFixed(0), String(times.length), percentile(times, 50).toFixed(1), percentile(times, 95).toFixed(1), times.at(-1)!.toFixed(1)]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  out.write('match latency (offline, no advice retrieval)\n');
  for (const r of rows) out.write(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ') + '\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await bench(process.stdout);
