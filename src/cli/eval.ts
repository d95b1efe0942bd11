/** `brygga eval [qa|match|invite|all] [--verbose]`: runs the eval sets in evals/ and prints the metrics tables. */
import path from 'node:path';
import { createAssistant } from '../assistant.js';
import { loadConfig } from '../config.js';
import { parse, UsageError } from './args.js';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { verbose: { type: 'boolean', default: false }, file: { type: 'string' }, dump: { type: 'string' } });
  const which = positionals[0] ?? 'all';
  if (!['qa', 'match', 'invite', 'all', 'fit'].includes(which)) throw new UsageError(`okänd utvärdering "${which}" (qa, match, invite, all eller fit)`);
  const config = loadConfig();
  const assistant = await createAssistant(config, { logger: { info: (m) => process.stderr.write(m + '\n'), warn: (m) => process.stderr.write(`varning: ${m}\n`) } });
  const out = process.stdout;
  const file = values.file ? path.resolve(values.file) : undefined;
  if (which === 'fit') {
    // refits the answer model: weights on the tune part, threshold on the measure part
    const { fitAnswerModel } = await import('../../evals/fit-answer.js');
    await fitAnswerModel(assistant, out);
    return 0;
  }
  if (which === 'qa' || which === 'all') {
    const { runQaEval } = await import('../../evals/qa.js');
    await runQaEval({ assistant, out, verbose: values.verbose, file: which === 'qa' ? file : undefined, dump: values.dump });
    out.write('\n');
  }
  if (which === 'match' || which === 'all') {
    const { runMatchEval } = await import('../../evals/match.js');
    await runMatchEval({ match: (need: string) => assistant.match(need), out, file: which === 'match' ? file : undefined });
    out.write('\n');
  }
  if (which === 'invite' || which === 'all') {
    const { runInviteEval } = await import('../../evals/invite.js');
    await runInviteEval({ invite: (request: string, today?: string) => assistant.invite(request, { today }), out, file: which === 'invite' ? file : undefined });
    out.write('\n');
  }
  return 0;
}
