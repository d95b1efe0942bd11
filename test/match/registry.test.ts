import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importRegistryFile } from '../../src/registry/import.js';
import { loadRegistry, parseCsv, toCsv } from '../../src/registry/load.js';
import { createMatcher } from '../../src/match/index.js';

function tempEnterprisesDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'brygga-reg-'));
  cpSync(path.resolve('knowledge/enterprises/enterprises.json'), path.join(dir, 'enterprises.json'));
  return dir;
}

const sample = loadRegistry(path.resolve('knowledge/enterprises'));

describe('registry loading', () => {
  it('loads the sample registry fully and marks it as sample data', () => {
    expect(sample.issues).toEqual([]);
    expect(sample.enterprises).toHaveLength(72);
    expect(sample.hasSample).toBe(true);
    expect(sample.categories.length).toBeGreaterThan(20);
  });

  it('round-trips enterprises through the CSV layout', () => {
    const dir = tempEnterprisesDir();
    const csv = toCsv(sample.enterprises.slice(0, 5).map((e) => ({ ...e, id: `${e.id}-csv`, name: `${e.name} (kopia)` })));
    writeFileSync(path.join(dir, 'copy.csv'), csv);
    const reg = loadRegistry(dir);
    expect(reg.issues).toEqual([]);
    const copy = reg.enterprises.find((e) => e.id === 'se-001-csv')!;
    const orig = sample.enterprises.find((e) => e.id === 'se-001')!;
    expect({ ...copy, id: orig.id, name: orig.name }).toEqual(orig);
  });

  it('parses quoted CSV fields with delimiters and newlines', () => {
    const rows = parseCsv('a;b\n"x;1";"rad1\nrad2"\n', ';');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x;1', 'rad1\nrad2'] },
    ]);
  });
});

describe('registry import', () => {
  it('reports every bad CSV row by line and field, imports the good ones and reports duplicates', () => {
    const dir = tempEnterprisesDir();
    const good = sample.enterprises.slice(0, 2).map((e, i) => ({ ...e, id: `imp-${i}`, name: `Nytt Företag ${i}`, sample: false }));
    const lines = toCsv(good).trimEnd().split('\n');
    type E = (typeof good)[number];
    const bad = (patch: Record<string, unknown>, id: string) => toCsv([{ ...good[0]!, ...patch, id } as E]).trimEnd().split('\n')[1]!;
    const dup = toCsv([{ ...sample.enterprises[0]!, id: 'imp-dup' }]).trimEnd().split('\n')[1]!;
    const csv = [
      lines[0],
      lines[1], // line 2: good
      bad({ status: 'pausad' }, 'imp-bad1'), // line 3: bad enum
      bad({ contact: { name: 'X', email: 'inte-en-adress' } }, 'imp-bad2'), // line 4: bad email
      bad({ categories: ['rymdfärder'] }, 'imp-bad3'), // line 5: unknown category
      dup, // line 6: same name + municipality as se-001
      lines[2], // line 7: good
      'kort;rad', // line 8: wrong number of fields
    ].join('\n');
    const file = path.join(dir, '..', `kommun-${path.basename(dir)}.csv`);
    writeFileSync(file, csv);
    const report = importRegistryFile(file, dir);
    expect(report.imported).toBe(2);
    const byLine = Object.fromEntries(report.rejected.map((r) => [r.line, r.field]));
    expect(byLine).toEqual({ 3: 'status', 4: 'contact.email', 5: 'categories', 8: '(rad)' });
    expect(report.duplicates).toHaveLength(1);
    expect(report.duplicates[0]).toMatchObject({ line: 6, id: 'imp-dup' });
    expect(report.duplicates[0]!.reason).toMatch(/se-001/);
    // written atomically next to the sample: no temporary files left, and the matcher sees the new rows
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const reg = loadRegistry(dir);
    expect(reg.issues).toEqual([]);
    expect(reg.enterprises.map((e) => e.id)).toEqual(expect.arrayContaining(['imp-0', 'imp-1']));
    // importing the same file again adds nothing and reports duplicates
    const again = importRegistryFile(file, dir);
    expect(again.imported).toBe(0);
    expect(again.duplicates.length).toBe(3);
  });

  it('reports bad JSON records by the line they start on', () => {
    const dir = tempEnterprisesDir();
    const recs = sample.enterprises.slice(0, 3).map((e, i) => ({ ...e, id: `j-${i}`, name: `JSON ${i}` }));
    (recs[1] as Record<string, unknown>).legalForm = 'handelsbolag';
    const text = JSON.stringify({ enterprises: recs }, null, 2);
    const file = path.join(dir, '..', `j-${path.basename(dir)}.json`);
    writeFileSync(file, text);
    const report = importRegistryFile(file, dir, { dryRun: true });
    expect(report.valid).toBe(2);
    expect(report.written).toBeNull();
    expect(report.rejected).toHaveLength(1);
    const line = report.rejected[0]!.line;
    expect(text.split('\n')[line - 1]).toMatch(/^\s*\{/);
    expect(text.split('\n').slice(line, line + 3).join('\n')).toMatch(/"j-1"/);
    expect(report.rejected[0]!.field).toBe('legalForm');
  });

  it('lets the matcher use imported enterprises', async () => {
    const dir = tempEnterprisesDir();
    const base = sample.enterprises.find((e) => e.id === 'se-050')!;
    const mine = { ...base, id: 'kil-1', name: 'Kils Möbelverkstad', municipality: 'Kil', serviceArea: ['Kil'], sample: false };
    const file = path.join(dir, '..', `kil-${path.basename(dir)}.json`);
    writeFileSync(file, JSON.stringify([mine]));
    expect(importRegistryFile(file, dir).imported).toBe(1);
    const knowledgeDir = path.dirname(dir);
    // the matcher reads <knowledgeDir>/enterprises; use a registry loaded from the temp dir instead
    const m = await createMatcher({ knowledgeDir, dataDir: knowledgeDir, registry: loadRegistry(dir) });
    const r = await m.match('Vi behöver klä om stolar i Kil');
    expect(r.matches.map((x) => x.enterpriseId)).toEqual(['kil-1']);
    expect(r.matches[0]!.warnings.join(' ')).not.toMatch(/fiktiva/);
    expect(readFileSync(path.join(dir, readdirSync(dir).find((f) => f.startsWith('imported-'))!), 'utf8')).toMatch(/kil-1/);
  });
});
