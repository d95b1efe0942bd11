/** Ingest is atomic (CURRENT always names a complete index) and incremental (unchanged files are reused). */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest, loadIndex } from '../../src/ingest/ingest.js';
import { knowledgeWithReports, rmrf, smallKnowledge, tempDir } from './helpers.js';

const dirs: string[] = [];
afterAll(() => rmrf(...dirs));
function temp(prefix?: string) {
  const d = tempDir(prefix);
  dirs.push(d);
  return d;
}

/** every file of an index dir is there */
function complete(dir: string): boolean {
  return (['index.json', 'chunks', 'words.txt', 'arrays.bin'] as const).every((f) => fs.existsSync(path.join(dir, f)));
}

function currentDir(dataDir: string): string {
  return path.join(dataDir, fs.readFileSync(path.join(dataDir, 'CURRENT'), 'utf8').trim());
}

describe('incremental ingest', () => {
  it('reuses unchanged files and processes only a changed one', async () => {
    const knowledge = knowledgeWithReports(['001', '003']);
    dirs.push(knowledge);
    const dataDir = temp('brygga-data-');
    const first = await ingest({ knowledgeDir: knowledge, dataDir });
    expect(first.documents).toBe(2);
    expect(first.processed).toBe(2);
    expect(first.reused).toBe(0);
    expect(first.chunks).toBeGreaterThan(10);

    const second = await ingest({ knowledgeDir: knowledge, dataDir });
    expect(second.documents).toBe(first.documents);
    expect(second.reused).toBe(second.documents);
    expect(second.processed).toBe(0);
    expect(second.chunks).toBe(first.chunks);
    const idx2 = await loadIndex(dataDir);
    expect(idx2?.data.chunks).toHaveLength(first.chunks);

    // change one file: only that one is processed, and the change is in the index
    const changed = fs.readdirSync(knowledge).find((f) => f.startsWith('003_'))!;
    fs.appendFileSync(path.join(knowledge, changed), '\n\nTillägg: Kvistrakommunen startade ett nytt nätverk för sociala företag.\n');
    const third = await ingest({ knowledgeDir: knowledge, dataDir });
    expect(third.processed).toBe(1);
    expect(third.reused).toBe(1);
    // only the changed file's passages were analysed; the other's were copied from the previous index
    const unchanged = idx2!.data.docs.find((d) => d.path !== changed)!;
    expect(third.tokenized).toBe(third.chunks - unchanged.chunks);
    expect(second.tokenized).toBe(0);
    // and the index is the one a cold build of the same files gives
    const cold = temp('brygga-data-');
    await ingest({ knowledgeDir: knowledge, dataDir: cold });
    const coldIdx = await loadIndex(cold);
    const idx3 = await loadIndex(dataDir);
    expect(idx3?.data.chunks.some((c) => c.text.includes('Kvistrakommunen'))).toBe(true);
    const doc = idx3!.data.docs.find((d) => d.path === changed)!;
    const before = idx2!.data.docs.find((d) => d.path === changed)!;
    expect(doc.sha).not.toBe(before.sha);
    expect(idx3!.bm25.toJSON()).toEqual(coldIdx!.bm25.toJSON());
    expect(idx3!.data.chunks).toEqual(coldIdx!.data.chunks);
  });
});

describe('atomic index', () => {
  it('an index of the earlier format (one index.json) is not loaded, so it is rebuilt', async () => {
    const dataDir = temp('brygga-data-');
    fs.mkdirSync(path.join(dataDir, 'index-1-1'));
    fs.writeFileSync(path.join(dataDir, 'index-1-1', 'index.json'), JSON.stringify({ version: 10, docs: [], chunks: [], bm25: { postings: {} } }));
    fs.writeFileSync(path.join(dataDir, 'CURRENT'), 'index-1-1\n');
    expect(await loadIndex(dataDir)).toBeNull();
  });

  it('loadIndex on an empty data dir (and a missing one) returns null', async () => {
    expect(await loadIndex(temp('brygga-data-'))).toBeNull();
    expect(await loadIndex(path.join(temp('brygga-data-'), 'finns-inte'))).toBeNull();
  });

  it('CURRENT names a complete index dir, and a leftover .tmp dir from a crash is neither used nor harmful', async () => {
    const knowledge = smallKnowledge([
      { file: 'a.md', title: 'Dokument A', text: '# Dokument A\n\nKommunen upphandlar städtjänster med sociala hänsyn från ett arbetsintegrerande socialt företag.\n' },
    ]);
    dirs.push(knowledge);
    const dataDir = temp('brygga-data-');
    const s = await ingest({ knowledgeDir: knowledge, dataDir });
    const cur = currentDir(dataDir);
    expect(cur).toBe(s.indexDir);
    expect(complete(cur)).toBe(true);

    // a crash in the middle of the next ingest leaves a half-written version behind
    const crashed = path.join(dataDir, `index-${Date.now() + 1000}-99999.tmp`);
    fs.mkdirSync(crashed);
    fs.writeFileSync(path.join(crashed, 'index.json'), '{"version": 4, "chunks": [');
    const idx = await loadIndex(dataDir);
    expect(idx).not.toBeNull();
    expect(idx!.dir).toBe(cur);
    expect(idx!.data.chunks.length).toBeGreaterThan(0);

    // the next ingest switches to a new complete version and clears the leftover
    const s2 = await ingest({ knowledgeDir: knowledge, dataDir });
    expect(currentDir(dataDir)).toBe(s2.indexDir);
    expect(fs.existsSync(crashed)).toBe(false);
    expect(fs.readdirSync(dataDir).filter((e) => e.startsWith('index-'))).toEqual([path.basename(s2.indexDir)]);
    expect((await loadIndex(dataDir))?.dir).toBe(s2.indexDir);
  });

  it('while an ingest runs, CURRENT always names a complete index dir', async () => {
    const knowledge = knowledgeWithReports(['003']);
    dirs.push(knowledge);
    const dataDir = temp('brygga-data-');
    await ingest({ knowledgeDir: knowledge, dataDir });
    fs.appendFileSync(path.join(knowledge, fs.readdirSync(knowledge).find((f) => f.endsWith('.txt'))!), '\nEn ny rad.\n');
    let done = false;
    const seen: string[] = [];
    const bad: string[] = [];
    const run = ingest({ knowledgeDir: knowledge, dataDir }).finally(() => (done = true));
    while (!done) {
      const cur = currentDir(dataDir);
      seen.push(cur);
      if (!complete(cur)) bad.push(cur);
      await new Promise((r) => setTimeout(r, 1));
    }
    await run;
    expect(seen.length).toBeGreaterThan(0);
    expect(bad).toEqual([]);
  });

  it('indexes a file missing from every manifest with access "internal"', async () => {
    const knowledge = smallKnowledge([
      { file: 'listad.md', title: 'Listad', access: 'public', text: '# Listad\n\nEn offentlig text om samverkan mellan kommunen och sociala företag.\n' },
      { file: 'olistad.md', unlisted: true, text: '# Olistad anteckning\n\nEn anteckning om ett möte med föreningar i stadsdelen.\n' },
    ]);
    dirs.push(knowledge);
    const dataDir = temp('brygga-data-');
    const warnings: string[] = [];
    await ingest({ knowledgeDir: knowledge, dataDir, logger: { info: () => {}, warn: (m) => warnings.push(m) } });
    const idx = await loadIndex(dataDir);
    const docs = new Map(idx!.data.docs.map((d) => [d.path, d]));
    expect(docs.get('listad.md')?.access).toBe('public');
    expect(docs.get('olistad.md')?.access).toBe('internal');
    expect(docs.get('olistad.md')?.title).toBe('Olistad anteckning');
    for (const c of idx!.data.chunks.filter((c) => c.docId === docs.get('olistad.md')!.docId)) expect(c.access).toBe('internal');
    expect(warnings.some((w) => w.includes('olistad.md'))).toBe(true);
  });
});
