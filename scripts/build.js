#!/usr/bin/env node
// Compiles Brygga's TypeScript (src/, adapters/, evals/) once into dist/ with esbuild, file by file
// (no bundling: the layout under dist/ mirrors the repository, and modules find their non-TS
// files through src/root.ts). Run by npm's `prepare` at `npm ci`/`npm install`, and by `npm run build`.
// bin/brygga.js runs dist/ when it is newer than every source file, and the sources through tsx
// otherwise, so a missing or stale build only costs start-up time.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist');
const DIRS = ['src', 'adapters', 'evals'];

/** every .ts file (not .d.ts) under the source folders, as paths relative to the root */
export function sources(base = root) {
  const files = [];
  for (const dir of DIRS) {
    const abs = path.join(base, dir);
    if (!fs.existsSync(abs)) continue;
    for (const rel of fs.readdirSync(abs, { recursive: true })) {
      const f = String(rel);
      if (f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.split(path.sep).includes('node_modules')) files.push(path.join(dir, f));
    }
  }
  return files;
}

async function main() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    process.stderr.write('brygga build: esbuild saknas; brygga körs från källkoden via tsx (långsammare start)\n');
    return;
  }
  const t0 = Date.now();
  // build into a fresh folder and swap it in, so a concurrent `brygga` never reads half a build
  const tmp = `${out}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const entryPoints = sources().map((f) => path.join(root, f));
  await esbuild.build({
    entryPoints,
    outdir: tmp,
    outbase: root,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
  fs.writeFileSync(path.join(tmp, 'BUILD'), JSON.stringify({ files: entryPoints.length, at: new Date().toISOString() }) + '\n');
  const old = `${out}.old-${process.pid}`;
  if (fs.existsSync(out)) fs.renameSync(out, old);
  fs.renameSync(tmp, out);
  fs.rmSync(old, { recursive: true, force: true });
  process.stderr.write(`brygga build: ${entryPoints.length} filer till dist/ på ${Date.now() - t0} ms\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    process.stderr.write(`brygga build: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
