/**
 * Access levels from manifest.json, through the real entry points: `brygga ingest` and the
 * real server's /api/chat (always the public audience).
 * - a missing or unknown access level means `internal`, with a warning naming the file (fail closed);
 * - a changed manifest makes the index stale like a changed document: a restart re-ingests.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildServer, type BryggaServer } from '../../src/server/app.js';
import { postJson, REPO } from './fixture.js';

const BIN = path.join(REPO, 'bin', 'brygga.js');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
function temp(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** One made-up organisation per document, so a question finds exactly that document. */
const NAMES = ['Kvarnbergsfonden', 'Ljungbyholmsrådet', 'Tallkrogsnätverket', 'Bryggarbergsgruppen', 'Stensjöalliansen', 'Granholmsforumet', 'Ekbackeinitiativet'];
function docText(name: string): string {
  return `# Om ${name}\n\n${name} delar ut stipendier till unga entreprenörer i Vallby varje vår.\n${name} förvaltas av föreningen Vallby Framåt sedan 2019.\n`;
}
const fileOf = (name: string) => `${name.toLowerCase()}.txt`;

async function serve(dataDir: string, knowledgeDir: string): Promise<{ server: BryggaServer; url: string }> {
  const config = loadConfig({ BRYGGA_DATA_DIR: dataDir, BRYGGA_KNOWLEDGE_DIR: knowledgeDir, LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1' });
  const server = await buildServer({ config, channels: [], rateLimits: false });
  const url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  await server.ready;
  return { server, url };
}

/** The docIds the public web chat cites for a question about `name`. */
async function citedFor(url: string, name: string): Promise<{ docIds: string[]; answer: string }> {
  const r = await postJson(`${url}/api/chat`, { message: `Vad gör ${name}?` });
  expect(r.status).toBe(200);
  return { docIds: r.json.citations.map((c: { docId: string }) => c.docId), answer: r.json.answer };
}

describe('a missing or unknown access level means internal', () => {
  it('warns naming each file, and residents never get its text', async () => {
    const knowledge = temp('brygga-acc-k-');
    const dataDir = temp('brygga-acc-d-');
    // generated: every way an access level can be absent or not one of the three
    const bad: Array<{ name: string; access?: unknown }> = [
      { name: NAMES[1]! }, // no field
      { name: NAMES[2]!, access: null },
      { name: NAMES[3]!, access: '' },
      { name: NAMES[4]!, access: 'offentlig' },
      { name: NAMES[5]!, access: 'Public' },
      { name: NAMES[6]!, access: 1 },
    ];
    const control = NAMES[0]!;
    const documents = [
      { file: fileOf(control), title: `Om ${control}`, kind: 'report', language: 'sv', access: 'public' },
      ...bad.map((b) => ({ file: fileOf(b.name), title: `Om ${b.name}`, kind: 'report', language: 'sv', ...('access' in b ? { access: b.access } : {}) })),
    ];
    for (const n of NAMES) fs.writeFileSync(path.join(knowledge, fileOf(n)), docText(n));
    fs.writeFileSync(path.join(knowledge, 'manifest.json'), JSON.stringify({ documents }, null, 2));

    const env = { ...process.env, BRYGGA_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const run = spawnSync(process.execPath, [BIN, 'ingest', '--knowledge', knowledge], { env, encoding: 'utf8', cwd: REPO });
    expect(run.status, run.stderr).toBe(0);
    for (const b of bad) {
      const line = run.stderr.split('\n').find((l) => l.includes(fileOf(b.name)));
      expect(line, `a warning names ${fileOf(b.name)}`).toMatch(/varning: .*internal/);
    }
    expect(run.stderr).not.toContain(fileOf(control));

    const { server, url } = await serve(dataDir, knowledge);
    try {
      const ok = await citedFor(url, control);
      expect(ok.docIds).toEqual([path.basename(fileOf(control), '.txt')]);
      for (const b of bad) {
        const r = await citedFor(url, b.name);
        expect(r.docIds).toEqual([]);
        expect(r.answer).not.toContain(b.name);
      }
    } finally {
      await server.close();
    }
  });
});

describe('a changed manifest makes the index stale', () => {
  it('a restart re-ingests and honours an access change in both directions', async () => {
    const knowledge = temp('brygga-acc-k-');
    const dataDir = temp('brygga-acc-d-');
    const [a, b] = [NAMES[0]!, NAMES[1]!];
    for (const n of [a, b]) fs.writeFileSync(path.join(knowledge, fileOf(n)), docText(n));
    const manifest = (accessA: string, accessB: string) =>
      fs.writeFileSync(
        path.join(knowledge, 'manifest.json'),
        JSON.stringify({
          documents: [
            { file: fileOf(a), title: `Om ${a}`, kind: 'report', language: 'sv', access: accessA },
            { file: fileOf(b), title: `Om ${b}`, kind: 'report', language: 'sv', access: accessB },
          ],
        }),
      );
    const id = (n: string) => path.basename(fileOf(n), '.txt');

    manifest('public', 'internal');
    let s = await serve(dataDir, knowledge); // builds the index on first start
    expect((await citedFor(s.url, a)).docIds).toEqual([id(a)]);
    expect((await citedFor(s.url, b)).docIds).toEqual([]);
    await s.server.close();

    // only the manifest changes; the documents' bytes stay the same
    manifest('internal', 'public');
    s = await serve(dataDir, knowledge);
    try {
      expect((await citedFor(s.url, a)).docIds).toEqual([]);
      expect((await citedFor(s.url, b)).docIds).toEqual([id(b)]);
      expect((await fetch(`${s.url}/sources/${id(a)}`)).status).toBe(404);
      expect((await fetch(`${s.url}/sources/${id(b)}`)).status).toBe(200);
    } finally {
      await s.server.close();
    }
  });
});
