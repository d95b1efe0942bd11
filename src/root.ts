/**
 * The repository root: the nearest folder at or above this module that holds package.json. The
 * same whether Brygga runs from its sources (src/root.ts) or from the build (dist/src/root.js, see
 * scripts/build.js), so files that are not compiled (prompts/, adapters/web/widget.js, the word
 * lists, answer-model.json, evals/*.jsonl) are always read from, and written to, the repository.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; ) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`package.json hittades inte ovanför ${from}`);
    dir = up;
  }
}

/** absolute path of the repository root */
export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** an absolute path inside the repository, e.g. `fromRoot('prompts')` */
export function fromRoot(...parts: string[]): string {
  return path.join(ROOT, ...parts);
}
