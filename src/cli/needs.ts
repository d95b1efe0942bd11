/**
 * `brygga needs …`: the needs register in the data dir, or in PostgreSQL with BRYGGA_DATABASE_URL.
 *   needs add "behov" [--by WHO] [--match]      saves a need (with the matcher's proposals when --match)
 *   needs list [--status open|closed] [--json]
 *   needs show ID [--json]
 *   needs update ID [--text T] [--note N]
 *   needs close ID [--contacted se-001,se-002] [--outcome T]
 */
import { loadConfig } from '../config.js';
import { NeedsRegister, type NeedRecord } from '../needs/register.js';
import { parse, UsageError } from './args.js';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    json: { type: 'boolean', default: false },
    status: { type: 'string' },
    by: { type: 'string' },
    text: { type: 'string' },
    note: { type: 'string' },
    contacted: { type: 'string' },
    outcome: { type: 'string' },
    match: { type: 'boolean', default: false },
  });
  const [sub, ...rest] = positionals;
  const config = loadConfig();
  // several replicas keep the register in PostgreSQL; one keeps it in the data dir
  const pg = config.databaseUrl ? await (await import('../storage/postgres.js')).openPostgresStore({ url: config.databaseUrl }) : null;
  try {
    return await runWith(pg ? new NeedsRegister(pg.needs) : new NeedsRegister(config.dataDir), sub, rest, values);
  } finally {
    await pg?.close();
  }
}

async function runWith(
  register: NeedsRegister,
  sub: string | undefined,
  rest: string[],
  values: { json?: boolean; status?: string; by?: string; text?: string; note?: string; contacted?: string; outcome?: string; match?: boolean },
): Promise<number> {
  const print = (v: NeedRecord | NeedRecord[]) =>
    process.stdout.write(values.json ? JSON.stringify(v, null, 2) + '\n' : (Array.isArray(v) ? v : [v]).map(render).join('\n') + '\n');
  switch (sub) {
    case 'add': {
      const text = rest.join(' ');
      if (!text.trim()) throw new UsageError('beskriv behovet: brygga needs add "behov"');
      let proposed: string[] | undefined;
      if (values.match) {
        const { cliMatcher } = await import('./match.js');
        proposed = (await (await cliMatcher()).match(text)).matches.map((m) => m.enterpriseId);
      }
      print(await register.save({ text, createdBy: values.by, proposed }));
      return 0;
    }
    case 'list': {
      if (values.status && values.status !== 'open' && values.status !== 'closed') throw new UsageError('--status måste vara open eller closed');
      print(await register.list({ status: values.status as 'open' | 'closed' | undefined }));
      return 0;
    }
    case 'show': {
      const n = rest[0] ? await register.get(rest[0]) : null;
      if (!rest[0]) throw new UsageError('ange id: brygga needs show B-0001');
      if (!n) throw new UsageError(`behovet ${rest[0]} finns inte`);
      print(n);
      return 0;
    }
    case 'update': {
      if (!rest[0]) throw new UsageError('ange id: brygga needs update B-0001 --note "…"');
      print(await register.update(rest[0], { text: values.text, note: values.note }));
      return 0;
    }
    case 'close': {
      if (!rest[0]) throw new UsageError('ange id: brygga needs close B-0001 --contacted se-001,se-004');
      const contacted = (values.contacted ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      print(await register.close(rest[0], { contacted, outcome: values.outcome }));
      return 0;
    }
    default:
      throw new UsageError('användning: brygga needs add|list|show|update|close …');
  }
}

function render(n: NeedRecord): string {
  const parts = [`${n.id} [${n.status === 'open' ? 'öppet' : 'stängt'}] ${n.text}`];
  if (n.proposed.length) parts.push(`  föreslagna: ${n.proposed.join(', ')}`);
  if (n.contacted.length) parts.push(`  kontaktade: ${n.contacted.join(', ')}`);
  if (n.outcome) parts.push(`  utfall: ${n.outcome}`);
  for (const note of n.notes) parts.push(`  ${note.at.slice(0, 10)}: ${note.text}`);
  return parts.join('\n');
}
