/** `brygga bench [retrieval|match|http|start|storage|all]`: speed and memory, printed as tables (a benchmark, not a test). */
import { parse, UsageError } from './args.js';

const BENCHES: Record<string, () => Promise<{ bench(out: NodeJS.WritableStream): Promise<void> }>> = {
  retrieval: () => import('../bench/retrieval.js'),
  match: () => import('../bench/match.js'),
  http: () => import('../bench/http.js'),
  start: () => import('../bench/start.js'),
  storage: () => import('../bench/storage.js'),
};

export async function run(argv: string[]): Promise<number> {
  const { positionals } = parse(argv, {});
  const which = positionals[0] ?? 'all';
  if (which !== 'all' && !BENCHES[which]) throw new UsageError(`okänd mätning "${which}" (${Object.keys(BENCHES).join(', ')} eller all)`);
  for (const [name, load] of Object.entries(BENCHES)) {
    if (which !== 'all' && which !== name) continue;
    process.stdout.write(`== ${name} ==\n`);
    await (await load()).bench(process.stdout);
    process.stdout.write('\n');
  }
  return 0;
}
