/**
 * The dependency direction of issue 15: adapters depend on the core (the channel contract in
 * src/channel.ts, the storage interface), the server mounts them, and nothing points back: no
 * adapter imports the server, no core module imports an adapter (the server's registry and the CLI
 * are edges that may), no adapter imports another.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

/** the repository paths a file imports (static and dynamic), resolved */
function imports(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:from\s+|import\(\s*)'(\.[^']+)'/g)].map((m) => path.relative(ROOT, path.resolve(ROOT, path.dirname(file), m[1]!)));
}

describe('layering', () => {
  it('adapters import neither the server nor each other', () => {
    const bad = files('adapters').flatMap((f) =>
      imports(f)
        .filter((i) => i.startsWith('src/server/') || (i.startsWith('adapters/') && i.split('/')[1] !== f.split('/')[1]))
        .map((i) => `${f} → ${i}`),
    );
    expect(bad).toEqual([]);
  });

  it('the core imports no adapter; the edges that mount them (server registry, CLI) may', () => {
    const edge = (f: string) => f === 'src/server/channels.ts' || f.startsWith('src/cli/');
    const bad = files('src').flatMap((f) =>
      imports(f)
        .filter((i) => i.startsWith('adapters/') && !edge(f))
        .map((i) => `${f} → ${i}`),
    );
    expect(bad).toEqual([]);
  });
});
