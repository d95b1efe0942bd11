/**
 * Start-up benchmark: the wall time of one `brygga ask "…"` (a fresh process that loads the index and
 * answers one question), run from the build in dist/ (what `npm ci` makes), from the sources through
 * tsx (BRYGGA_FROM_SOURCE=1, as before issue 17), and through `npx brygga`. Five runs each; the
 * median and the fastest are shown. Uses the data dir of the configuration (BRYGGA_DATA_DIR).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { formatTable } from '../../evals/table.js';
import { fromRoot } from '../root.js';

const RUNS = 5;
const QUESTION = 'Vad är ett socialt företag?';

function wall(cmd: string, args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: process.cwd(), env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}: ${r.stderr.trim().split('\n').pop() ?? ''}`);
  return ms;
}

export async function bench(out: NodeJS.WritableStream): Promise<void> {
  const bin = fromRoot('bin', 'brygga.js');
  const built = fs.existsSync(fromRoot('dist', 'BUILD'));
  const rows: Array<Array<string | number>> = [];
  for (const [name, cmd, args, env] of [
    ['node bin/brygga.js ask (dist/)', process.execPath, [bin, 'ask', QUESTION], {}],
    ['node bin/brygga.js ask (sources through tsx)', process.execPath, [bin, 'ask', QUESTION], { BRYGGA_FROM_SOURCE: '1' }],
    ['npx brygga ask (dist/)', 'npx', ['--no-install', 'brygga', 'ask', QUESTION], {}],
  ] as const) {
    const times: number[] = [];
    // one run first, unmeasured: the operating system's file cache
    wall(cmd, [...args], { ...process.env, ...env });
    for (let i = 0; i < RUNS; i++) times.push(wall(cmd, [...args], { ...process.env, ...env }));
    times.sort((a, b) => a - b);
    rows.push([name, (times[Math.floor(RUNS / 2)]! / 1000).toFixed(2), (times[0]! / 1000).toFixed(2)]);
  }
  out.write(`one question per process, ${RUNS} runs each${built ? '' : ' (no build in dist/: run npm run build; the first row then also runs through tsx)'}\n\n`);
  out.write(formatTable(['command', 'median s', 'fastest s'], rows) + '\n');
}
