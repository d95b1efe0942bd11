/** The CLI end to end with the real core (index, retriever) in a temporary data dir. */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bin = path.resolve('bin/brygga.js');
const dataDir = mkdtempSync(path.join(tmpdir(), 'brygga-cli-'));

async function brygga(args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(process.execPath, [bin, ...args], { env: { ...process.env, BRYGGA_DATA_DIR: dataDir, ...env }, maxBuffer: 20e6 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('brygga match', () => {
  it('exits 2 with a one-line reason for bad usage', async () => {
    for (const args of [['match'], ['match', '--limit', '0', 'x'], ['match', '--nope', 'x'], ['match', '--batch', 'f.jsonl', 'and a need']]) {
      const r = await brygga(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('answers --json with the contract fields and grounded advice quoting the reports', async () => {
    const r = await brygga(['match', '--json', 'Hemtjänsten i Laxå behöver få arbetskläderna tvättade, runt 50 kg i veckan.']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ noMatch: true, matches: [], need: { municipality: 'Laxå', categories: ['tvatteri'], language: 'sv' } });
    for (const k of ['period', 'minCapacity', 'reservedContract', 'iop', 'fSkatt', 'targetGroup']) expect(out.need).toHaveProperty(k);
    expect(out.citations.length).toBeGreaterThan(0);
    for (const c of out.citations) {
      expect(out.advice).toContain(`[${c.n}]`);
      expect(c).toEqual(expect.objectContaining({ docId: expect.any(String), title: expect.any(String), lines: expect.any(Array) }));
    }
    // every quote is really in the cited passage of the original file (whitespace and hyphenation aside)
    const squash = (s: string) => s.replace(/[\s\u00ad-]+/g, '').toLowerCase();
    const reports = readdirSync(path.resolve('knowledge/reports')).map((f) => squash(readFileSync(path.resolve('knowledge/reports', f), 'utf8')));
    const all = reports.join(' ');
    for (const c of out.citations) {
      const words = (c.quote as string).toLowerCase().match(/\p{L}{5,}/gu) ?? [];
      const found = words.filter((w) => all.includes(w)).length;
      expect(found / words.length, c.quote).toBeGreaterThanOrEqual(0.8);
    }
  }, 120_000);

  it('prints a readable answer that labels the sample data', async () => {
    const r = await brygga(['match', 'Catering till 120 personer på ett dialogmöte på Drottninghög']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/FIKTIVA EXEMPELDATA/);
    expect(r.stdout).toMatch(/Helsingborg/);
    expect(r.stdout).toMatch(/^1\. /m);
  }, 120_000);

  it('runs a batch: one line out per line in, same order, bad lines carry an error', async () => {
    const file = path.join(dataDir, 'batch.jsonl');
    writeFileSync(file, ['{"id":"a","need":"Fönsterputs i Lund"}', 'inte json', '{"id":"c"}', '{"id":"d","need":"Snow clearing in Karlstad"}'].join('\n'));
    const r = await brygga(['match', '--json', '--batch', file]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id ?? null)).toEqual(['a', null, 'c', 'd']);
    expect(lines[0].matches.length).toBeGreaterThan(0);
    expect(lines[1].error).toMatch(/JSON/);
    expect(lines[2].error).toMatch(/need/);
    expect(lines[3].need.language).toBe('en');
  }, 120_000);
});

describe('brygga registry and needs', () => {
  it('imports a CSV with a bad row: exit 2, the bad row named by line and field, the good row imported', async () => {
    const knowledge = mkdtempSync(path.join(tmpdir(), 'brygga-kn-'));
    mkdirSync(path.join(knowledge, 'enterprises'));
    cpSync(path.resolve('knowledge/enterprises/enterprises.json'), path.join(knowledge, 'enterprises', 'enterprises.json'));
    const tpl = await brygga(['registry', 'template'], { BRYGGA_KNOWLEDGE_DIR: knowledge });
    expect(tpl.code).toBe(0);
    const [header, row] = tpl.stdout.trim().split('\n');
    const good = row!.replace('se-001', 'new-1').replace('Kvarnbackens Kök', 'Nya Köket');
    const bad = row!.replace('se-001', 'new-2').replace('Kvarnbackens Kök', 'Trasiga Köket').replace(';aktiv;', ';pausad;');
    const file = path.join(knowledge, 'kommun.csv');
    writeFileSync(file, [header, good, bad].join('\n'));
    const r = await brygga(['registry', 'import', file], { BRYGGA_KNOWLEDGE_DIR: knowledge });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/Importerade 1 poster/);
    expect(r.stdout).toMatch(/rad 3 \(new-2\): status/);
    const check = await brygga(['registry', 'check', '--json'], { BRYGGA_KNOWLEDGE_DIR: knowledge });
    expect(JSON.parse(check.stdout)).toMatchObject({ enterprises: 73, issues: [] });
  });

  it('drives the needs register from the command line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'brygga-needs-cli-'));
    const env = { BRYGGA_DATA_DIR: dir };
    const add = await brygga(['needs', 'add', '--json', 'Fönsterputs på 20 förskolor i Lund'], env);
    expect(add.code).toBe(0);
    const id = JSON.parse(add.stdout).id;
    expect((await brygga(['needs', 'close', id, '--contacted', 'se-024,se-020'], env)).code).toBe(0);
    const list = JSON.parse((await brygga(['needs', 'list', '--json', '--status', 'closed'], env)).stdout);
    expect(list).toEqual([expect.objectContaining({ id, contacted: ['se-024', 'se-020'] })]);
    expect((await brygga(['needs', 'close', id], env)).code).toBe(2);
    expect((await brygga(['needs', 'frobnicate'], env)).code).toBe(2);
  });
});
