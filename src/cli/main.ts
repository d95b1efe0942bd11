/**
 * `brygga` command line: dispatches to one module per command. Each module exports
 * `run(argv): Promise<number>` and returns the exit status (0 ok, 2 bad usage/input, 1 internal).
 */
import { ConfigError } from '../config.js';
import { InputError } from '../domain/types.js';
import { UsageError } from './args.js';

type CommandModule = { run(argv: string[]): Promise<number> };

const COMMANDS: Record<string, { load: () => Promise<CommandModule>; help: string }> = {
  ingest: { load: () => import('./ingest.js'), help: 'ingest [--knowledge DIR]            bygger om indexet' },
  ask: { load: () => import('./ask.js'), help: 'ask [--json] [--audience A] [--k N] "fråga" | --json --batch FIL' },
  match: { load: () => import('./match.js'), help: 'match [--json] "behov" | --json --batch FIL' },
  invite: { load: () => import('./invite.js'), help: 'invite [--json] [--today ÅÅÅÅ-MM-DD] "förfrågan" | --batch FIL' },
  registry: { load: () => import('./registry.js'), help: 'registry import FIL                 importerar ett register (JSON/CSV)' },
  needs: { load: () => import('./needs.js'), help: 'needs list|add|update|close …       behovsregistret' },
  serve: { load: () => import('./serve.js'), help: 'serve                              startar HTTP-servern' },
  eval: { load: () => import('./eval.js'), help: 'eval [qa|match|invite|all]          kör utvärderingarna' },
  bench: { load: () => import('./bench.js'), help: 'bench                              kör prestandamätningarna' },
  'teams-package': { load: () => import('./teams-package.js'), help: 'teams-package [--out FIL]          bygger Teams-appaketet' },
};

function usage(): string {
  return ['Användning: brygga <kommando> [flaggor]', '', ...Object.values(COMMANDS).map((c) => `  brygga ${c.help}`)].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`brygga: okänt kommando "${name}"\n${usage()}\n`);
    return 2;
  }
  // "brygga ask --help": that command's usage, as "brygga --help" gives all of them
  if (rest.length === 1 && (rest[0] === '--help' || rest[0] === '-h')) {
    process.stdout.write(`Användning: brygga ${command.help}\n`);
    return 0;
  }
  try {
    const mod = await command.load();
    return await mod.run(rest);
  } catch (err) {
    if (err instanceof UsageError || err instanceof InputError || err instanceof ConfigError) {
      process.stderr.write(`brygga ${name}: ${oneLine(err.message)}\n`);
      return 2;
    }
    process.stderr.write(`brygga ${name}: internt fel: ${oneLine(err instanceof Error ? err.message : String(err))}\n`);
    if (process.env.BRYGGA_DEBUG) console.error(err);
    return 1;
  }
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
