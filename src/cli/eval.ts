/**
 * `brygga eval [qa|match|invite|all] [--verbose] [--file F] [--part tune|measure]`: runs the eval sets in
 * evals/ and prints the metrics tables. Matching and invitations run every set (evals/match-*.jsonl,
 * evals/invite-*.jsonl) twice: the TUNE part with its failures, the MEASURE part with figures only
 * (evals/split.ts). With --file, that one file is run the same way (or only the --part asked for); no
 * command prints the failures of a measure-part case.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createAssistant } from '../assistant.js';
import { loadConfig } from '../config.js';
import { parse, UsageError } from './args.js';
import { fromRoot } from '../root.js';

const EVALS = fromRoot('evals');

function sets(prefix: string): string[] {
  return readdirSync(EVALS)
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.jsonl'))
    .sort()
    .map((f) => path.join(EVALS, f));
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { verbose: { type: 'boolean', default: false }, file: { type: 'string' }, dump: { type: 'string' }, part: { type: 'string' } });
  const which = positionals[0] ?? 'all';
  if (!['qa', 'match', 'invite', 'all', 'fit'].includes(which)) throw new UsageError(`okänd utvärdering "${which}" (qa, match, invite, all eller fit)`);
  if (values.part !== undefined && values.part !== 'tune' && values.part !== 'measure') throw new UsageError('--part ska vara tune eller measure');
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
  // a file is run as every set is: its tune part with failures, its measure part with figures only
  const parts = (values.part ? [values.part] : ['tune', 'measure']) as Array<'tune' | 'measure'>;
  if (which === 'qa' || which === 'all') {
    const { runQaEval } = await import('../../evals/qa.js');
    await runQaEval({ assistant, out, verbose: values.verbose, file: which === 'qa' ? file : undefined, dump: values.dump });
    out.write('\n');
    // the held-out sets beside the dev figures (their failures are never listed)
    if (!(which === 'qa' && file)) {
      const { heldOutQaFiles, unseenQaFiles } = await import('../../evals/qa.js');
      for (const f of [...heldOutQaFiles(), ...unseenQaFiles()]) {
        await runQaEval({ assistant, out, file: f, noPeers: true, brief: true });
        out.write('\n');
      }
    }
  }
  if (which === 'match' || which === 'all') {
    const { runMatchEval } = await import('../../evals/match.js');
    for (const f of which === 'match' && file ? [file] : sets('match')) {
      for (const part of parts) {
        await runMatchEval({ match: (need: string) => assistant.match(need), out, file: f, part });
        out.write('\n');
      }
    }
  }
  if (which === 'invite' || which === 'all') {
    const { runInviteEval } = await import('../../evals/invite.js');
    for (const f of which === 'invite' && file ? [file] : sets('invite')) {
      for (const part of parts) {
        await runInviteEval({ invite: (request: string, today?: string) => assistant.invite(request, { today }), out, file: f, part });
        out.write('\n');
      }
    }
  }
  return 0;
}
