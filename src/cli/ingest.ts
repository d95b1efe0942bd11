/** `brygga ingest [--knowledge DIR]`: (re)builds the index; progress on a terminal, a summary always. */
import path from 'node:path';
import { loadConfig } from '../config.js';
import { ingest } from '../ingest/ingest.js';
import { parse } from './args.js';

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { knowledge: { type: 'string' } });
  const config = loadConfig();
  const knowledgeDir = values.knowledge ? path.resolve(values.knowledge) : config.knowledgeDir;
  const tty = process.stderr.isTTY;
  const summary = await ingest({
    knowledgeDir,
    dataDir: config.dataDir,
    logger: { info: (m) => process.stderr.write(m + '\n'), warn: (m) => process.stderr.write(`varning: ${m}\n`) },
    progress: tty
      ? (done, total, what) => {
          const pct = total ? Math.round((done / total) * 100) : 100;
          process.stderr.write(`\r\x1b[K[${'#'.repeat(Math.round(pct / 5)).padEnd(20)}] ${pct}% ${what}`.slice(0, (process.stderr.columns || 100) - 1));
        }
      : undefined,
  });
  if (tty) process.stderr.write('\r\x1b[K');
  process.stdout.write(
    `Indexerade ${summary.documents} dokument i ${summary.chunks} avsnitt på ${(summary.ms / 1000).toFixed(1)} s ` +
      `(${summary.processed} bearbetade, ${summary.reused} oförändrade återanvända).\n` +
      (summary.skipped.length ? `Hoppade över ${summary.skipped.length} fil(er):\n${summary.skipped.map((s) => `  - ${s.reason}`).join('\n')}\n` : '') +
      `Index: ${summary.indexDir}\n`,
  );
  return 0;
}
