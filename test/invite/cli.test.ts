import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/assistant.js';
import { loadConfig } from '../../src/config.js';
import { createInviter } from '../../src/invite/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dataDir: string;

function brygga(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/brygga.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, BRYGGA_DATA_DIR: dataDir, OPENAI_BASE_URL: '', OPENAI_API_KEY: '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'brygga-invite-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('brygga invite', () => {
  it('--json prints the contract fields, with citations from the real index', () => {
    const r = brygga(['invite', '--json', '--today', '2026-09-15', 'Bjud in företagare i Helsingborg till ett frukostmöte den 5 november kl. 07.30–09.00 på Stadsbiblioteket om rekrytering. Kontakt: Sara Lind, sara.lind@helsingborg.se']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const k of ['language', 'audience', 'fields', 'missing', 'subject', 'text', 'ics', 'slackBlocks', 'adaptiveCard']) expect(out).toHaveProperty(k);
    expect(out.fields).toMatchObject({ date: '2026-11-05', start: '07:30', end: '09:00', place: 'Stadsbiblioteket', online: false });
    expect(out.citations.length).toBeGreaterThan(0);
    for (const c of out.citations) {
      expect(c.quote.length).toBeGreaterThan(10);
      expect(c.lines[0]).toBeLessThanOrEqual(c.lines[1]);
    }
    expect(() => ICAL.parse(out.ics)).not.toThrow();
  });
  it('prints a readable draft with the missing facts and the sources', () => {
    const r = brygga(['invite', '--today', '2026-09-15', 'Bjud in sociala företag till en dialog om catering']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Ämne: /);
    expect(r.stdout).toContain('[DATUM]');
    expect(r.stdout).toMatch(/Fyll i innan du skickar: .*datum/);
  });
  it('--batch answers line by line, keeps ids, and marks a bad line without stopping', () => {
    const file = path.join(dataDir, 'batch.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'a', request: 'Invite residents to a workshop on 12 March, 1–3 pm', today: '2026-01-01' }),
        '{not json',
        JSON.stringify({ id: 'c', request: '' }),
        JSON.stringify({ id: 'd', request: 'Bjud in kollegor till ett möte nästa tisdag kl 9', today: '2026-09-15' }),
      ].join('\n'),
    );
    const r = brygga(['invite', '--json', '--batch', file]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ id: 'a', language: 'en', fields: { date: '2026-03-12', start: '13:00', end: '15:00' } });
    expect(lines[1].error).toMatch(/JSON/);
    expect(lines[2]).toMatchObject({ id: 'c' });
    expect(lines[2].error).toBeTruthy();
    expect(lines[3].fields.date).toBe('2026-09-22');
  });
  it('exits 2 for bad usage, an empty or too long request, or a bad --today', () => {
    expect(brygga(['invite']).code).toBe(2);
    expect(brygga(['invite', '  ']).code).toBe(2);
    expect(brygga(['invite', 'x'.repeat(2001)]).code).toBe(2);
    const bad = brygga(['invite', '--today', '2026-02-30', 'möte']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/ÅÅÅÅ-MM-DD/);
    expect(brygga(['invite', '--bogus', 'x']).code).toBe(2);
  });
});

describe('invitations with the real core retriever', () => {
  it('cites the passages the method rests on, quoting the chunk text exactly', async () => {
    const config = { ...loadConfig(), dataDir };
    const assistant = await createAssistant(config);
    const inviter = createInviter({ retrieve: (q, k) => assistant.retrieve(q, k) });
    const r = await inviter.draft('Bjud in sociala företag till en dialog om stadens behov av lokalvård', { today: '2026-09-15' });
    expect(r.citations!.length).toBeGreaterThanOrEqual(3);
    const hits = await assistant.retrieve('färdiga lösningar definierats av staden', 10);
    expect(hits.length).toBeGreaterThan(0);
    for (const c of r.citations!) {
      const doc = assistant.source(c.docId, 'internal', c.lines);
      expect(doc).not.toBeNull();
    }
    expect(r.citations!.map((c) => c.quote).join(' ')).toMatch(/definiera behovet|färdiga lösningar/);
  });
});
