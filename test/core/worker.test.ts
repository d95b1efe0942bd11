/** An ingest in a worker thread (issue 17): the caller's event loop keeps running while the index is built. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadIndex } from '../../src/ingest/ingest.js';
import { ingestInWorker } from '../../src/ingest/worker.js';
import { knowledgeWithReports, rmrf, tempDir } from './helpers.js';

const dirs: string[] = [];
afterAll(() => rmrf(...dirs));

describe('ingestInWorker', () => {
  it('builds the index in another thread, reporting progress and warnings, while this thread keeps running', async () => {
    const knowledge = knowledgeWithReports(['001', '003']);
    fs.writeFileSync(path.join(knowledge, 'olistad.md'), '# Olistad\n\nEn anteckning om ett möte med föreningar i stadsdelen.\n');
    const dataDir = tempDir('brygga-worker-');
    dirs.push(knowledge, dataDir);
    const progress: string[] = [];
    const warnings: string[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const summary = await ingestInWorker({ knowledgeDir: knowledge, dataDir, progress: (_d, _t, what) => progress.push(what), logger: { info: () => {}, warn: (m) => warnings.push(m) } });
    clearInterval(timer);
    expect(summary.documents).toBe(3);
    expect(ticks).toBeGreaterThan(0);
    expect(progress.some((p) => p.includes('olistad.md'))).toBe(true);
    expect(warnings.some((w) => w.includes('olistad.md'))).toBe(true);
    const index = await loadIndex(dataDir);
    expect(index?.dir).toBe(summary.indexDir);
    expect(index?.data.chunks).toHaveLength(summary.chunks);
  });

  it('rejects with the ingest\'s own reason', async () => {
    const dataDir = tempDir('brygga-worker-');
    dirs.push(dataDir);
    await expect(ingestInWorker({ knowledgeDir: path.join(dataDir, 'finns-inte'), dataDir })).rejects.toThrow(/kunskapsmappen finns inte/);
  });
});
