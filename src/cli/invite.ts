/**
 * `brygga invite [--json] [--today YYYY-MM-DD] "request"` and
 * `brygga invite --json --batch FILE.jsonl` (lines {"id","request","today"?}).
 */
import { createAssistant } from '../assistant.js';
import { loadConfig } from '../config.js';
import type { InviteResult } from '../domain/types.js';
import { createInviter, validateInviteRequest } from '../invite/index.js';
import { missingText } from '../invite/render.js';
import { parse, runBatch, UsageError } from './args.js';

type Inviter = ReturnType<typeof createInviter>;

/** The inviter with the core retriever, so drafts carry the method's citations. */
export async function cliInviter(): Promise<Inviter> {
  const config = loadConfig();
  const assistant = await createAssistant(config, { logger: { info: (m) => process.stderr.write(m + '\n'), warn: (m) => process.stderr.write(`varning: ${m}\n`) } });
  return createInviter({ retrieve: (q, k) => assistant.retrieve(q, k) });
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    json: { type: 'boolean', default: false },
    batch: { type: 'string' },
    today: { type: 'string' },
  });
  if (values.batch && positionals.length) throw new UsageError('ange antingen en förfrågan eller --batch, inte båda');
  if (values.batch && !values.json) throw new UsageError('--batch kräver --json');
  if (!values.batch && positionals.length === 0) throw new UsageError('beskriv inbjudan, t.ex. brygga invite "bjud in företagare till frukostmöte 5 november kl. 07.30–09.00"');
  // bad input stops before the index is opened (exit 2 with a reason)
  const single = values.batch ? null : validateInviteRequest(positionals.join(' '), values.today);
  if (values.batch && values.today !== undefined) validateInviteRequest('x', values.today);

  const inviter = await cliInviter();
  if (values.batch) {
    return runBatch(values.batch, async (line) => {
      const input = validateInviteRequest(line.request, line.today ?? values.today);
      return (await inviter.draft(input.request, { today: input.today })) as unknown as Record<string, unknown>;
    });
  }
  const result = await inviter.draft(single!.request, { today: single!.today });
  process.stdout.write(values.json ? JSON.stringify(result, null, 2) + '\n' : renderText(result));
  return 0;
}

export function renderText(r: InviteResult): string {
  const en = r.language === 'en';
  const out: string[] = [`${en ? 'Subject' : 'Ämne'}: ${r.subject}`, '', r.text.trimEnd(), ''];
  const miss = missingText(r.missing, r.language);
  if (miss) out.push(miss);
  const notes = Array.isArray(r.notes) ? (r.notes as string[]) : [];
  for (const n of notes) out.push(`${en ? 'Note' : 'Obs'}: ${n}`);
  if (r.citations?.length) {
    out.push('', en ? 'Method sources:' : 'Metodstöd i rapporterna:');
    for (const c of r.citations) out.push(`[${c.n}] ${c.title}${c.section ? ` – ${c.section}` : ''} (rad ${c.lines[0]}–${c.lines[1]}): "${c.quote}"`);
  }
  if (r.ics) out.push('', en ? 'A calendar event (.ics) is included in --json output.' : 'En kalenderhändelse (.ics) finns i --json-utdata.');
  return out.join('\n') + '\n';
}
