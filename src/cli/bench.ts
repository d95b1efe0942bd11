/** `brygga bench [retrieval|match|http|start|storage|all] [--chunks N]`: speed and memory, printed as tables (a benchmark, not a test). */
import { parse, UsageError } from './args.js';

const BENCHES: Record<string, () => Promise<{ bench(out: NodeJS.WritableStream, opts?: { chunks?: number }): Promise<void> }>> = {
  retrieval: () => import('../bench/retrieval.js'),
  match: () => import('../bench/match.js'),
  http: () => import('../bench/http.js'),
  start: () => import('../bench/start.js'),
  storage: () => import('../bench/storage.js'),
};

export async function run(argv: string[]): Promise<number> {
  const { positionals, values } = parse(argv, { chunks: { type: 'string' } });
  // the synthetic corpus of the retrieval bench: 20,000 chunks unless asked (100000 is issue 17's figure)
  const chunks = values.chunks === undefined ? undefined : Number(values.chunks);
  if (chunks !== undefined && !(Number.isInteger(chunks) && chunks >= 100)) throw new UsageError('--chunks ska vara ett heltal, minst 100');
  const which = positionals[0] ?? 'all';
  if (which !== 'all' && !BENCHES[which]) throw new UsageError(`okänd mätning "${which}" (${Object.keys(BENCHES).join(', ')} eller all)`);
  for (const [name, load] of Object.entries(BENCHES)) {
    if (which !== 'all' && which !== name) continue;
    process.stdout.write(`== ${name} ==\n`);
    await (await load()).bench(process.stdout, { chunks });
    process.stdout.write('\n');
  }
  return 0;
}
