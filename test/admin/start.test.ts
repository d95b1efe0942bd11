/**
 * First start as a newcomer sees it: `brygga serve` (what `npm start` runs) prints one plain
 * "Brygga är redo: <url>" line when it can answer, and the admin URL when the admin area is on.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readyLines } from '../../src/cli/serve.js';
import { freshDataDir, REPO, sharedIndex } from '../server/fixture.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function serveUntilReady(env: Record<string, string>): Promise<string[]> {
  const { knowledgeDir } = await sharedIndex();
  const dataDir = await freshDataDir();
  dirs.push(dataDir);
  const child = spawn(process.execPath, [path.join(REPO, 'bin/brygga.js'), 'serve'], {
    cwd: REPO,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', BRYGGA_DATA_DIR: dataDir, BRYGGA_KNOWLEDGE_DIR: knowledgeDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line in 60 s; stdout: ${out}`)), 60_000);
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (/Brygga är redo: .*\n(?:Administration: .*\n)?/.test(out) && (!env.BRYGGA_ADMIN_TOKEN || /Administration:.*\n/.test(out))) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
  } finally {
    child.kill('SIGTERM');
  }
  return out.split('\n').filter((l) => l && !l.startsWith('{'));
}

describe('the ready line', () => {
  it('prints "Brygga är redo: http://…" when the server can answer, without admin when it is off', async () => {
    const lines = await serveUntilReady({});
    expect(lines).toHaveLength(1);
    const m = /^Brygga är redo: (http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0]!);
    expect(m).not.toBeNull();
  });

  it('adds the admin URL when the admin area is configured', async () => {
    const lines = await serveUntilReady({ BRYGGA_ADMIN_TOKEN: 'x'.repeat(32) });
    expect(lines[0]).toMatch(/^Brygga är redo: http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines[1]).toMatch(/^Administration: http:\/\/127\.0\.0\.1:\d+\/admin$/);
  });

  it('shows a wildcard listen address as localhost', () => {
    expect(readyLines('http://0.0.0.0:3000', false)).toEqual(['Brygga är redo: http://localhost:3000']);
    expect(readyLines('http://[::]:8080', true)).toEqual(['Brygga är redo: http://localhost:8080', 'Administration: http://localhost:8080/admin']);
  });
});

describe('dependencies', () => {
  it('every installed package supports the Node version Brygga promises (no EBADENGINE on npm ci)', async () => {
    const { createRequire } = await import('node:module');
    const semver = createRequire(import.meta.url)('semver') as { satisfies(v: string, r: string): boolean; minVersion(r: string): { version: string } | null };
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const lock = JSON.parse(fs.readFileSync(path.join(REPO, 'package-lock.json'), 'utf8'));
    const lowest = semver.minVersion(pkg.engines.node)!.version;
    const bad: string[] = [];
    for (const [where, p] of Object.entries<any>(lock.packages)) {
      if (!where || p.optional || !p.engines?.node) continue; // optional platform binaries are skipped by npm
      for (const v of [lowest, process.versions.node]) if (!semver.satisfies(v, p.engines.node)) bad.push(`${where}@${p.version} wants node ${p.engines.node}, not ${v}`);
    }
    expect(bad).toEqual([]);
  });
});
