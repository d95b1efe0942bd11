/** `brygga ask [--json] [--audience A] [--k N] "question"` and `ask --json --batch FILE.jsonl`. */
import { loadConfig } from '../config.js';
import { createAssistant } from '../assistant.js';
import { AudienceSchema, type AskResult, type Audience } from '../domain/types.js';
import { parse, runBatch, UsageError } from './args.js';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    json: { type: 'boolean', default: false },
    audience: { type: 'string', default: 'internal' },
    k: { type: 'string' },
    batch: { type: 'string' },
  });
  const audience = AudienceSchema.safeParse(values.audience);
  if (!audience.success) throw new UsageError(`--audience måste vara public, internal eller restricted (fick "${values.audience}")`);
  const k = values.k === undefined ? 10 : Number(values.k);
  if (!Number.isInteger(k) || k < 1 || k > 50) throw new UsageError('--k måste vara ett heltal från 1 till 50');
  if (!values.batch && positionals.length === 0) throw new UsageError('ange en fråga, t.ex. brygga ask "Vad är ett IOP?"');
  if (values.batch && positionals.length) throw new UsageError('ange antingen en fråga eller --batch, inte båda');

  const assistant = await createAssistant(loadConfig(), { logger: { info: (m) => process.stderr.write(m + '\n'), warn: (m) => process.stderr.write(`varning: ${m}\n`) } });
  if (values.batch) {
    return runBatch(values.batch, async (line) => {
      const lineAudience = line.audience === undefined ? audience.data : AudienceSchema.parse(line.audience);
      const { id: _id, ...result } = await assistant.ask({ question: line.question as string, audience: lineAudience as Audience, k });
      void _id;
      return result as unknown as Record<string, unknown>;
    });
  }
  const result = await assistant.ask({ question: positionals.join(' '), audience: audience.data, k });
  process.stdout.write(values.json ? JSON.stringify(result, null, 2) + '\n' : renderText(result));
  return 0;
}

function renderText(r: AskResult): string {
  return `${r.answer}\n`;
}
