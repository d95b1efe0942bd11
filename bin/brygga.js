#!/usr/bin/env node
// Entry point of the `brygga` command. `npm ci` compiles the TypeScript once into dist/
// (scripts/build.js, npm's `prepare`); that compiled code runs when it is newer than every source
// file. Otherwise (no build yet, or a source edited since) the sources run through tsx's loader,
// as in development: slower to start, same behaviour. BRYGGA_FROM_SOURCE=1 forces the sources.
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** true when dist/ holds a build newer than every .ts file under src/, adapters/ and evals/ */
function compiledIsFresh() {
  if (process.env.BRYGGA_FROM_SOURCE === '1') return false;
  let built;
  try {
    built = statSync(root + 'dist/BUILD').mtimeMs;
  } catch {
    return false;
  }
  for (const dir of ['src', 'adapters', 'evals']) {
    let entries;
    try {
      entries = readdirSync(root + dir, { recursive: true });
    } catch {
      continue;
    }
    for (const rel of entries) {
      if (typeof rel === 'string' && rel.endsWith('.ts') && statSync(`${root}${dir}/${rel}`).mtimeMs > built) return false;
    }
  }
  return true;
}

let main;
if (compiledIsFresh()) {
  ({ main } = await import('../dist/src/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
