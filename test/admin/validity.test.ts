/**
 * Policies past their validUntil are not quoted as current: the filter step leaves them out of
 * the passages an answer is composed from, and citations of policies carry who decided them, when,
 * and until when — on a real index built from a knowledge dir with a current and an expired policy.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, type CoreAssistant } from '../../src/assistant.js';
import { annotateCitations, docsById, dropExpired, isExpired, policyNote } from '../../src/answer/validity.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

let dir: string;
let assistant: CoreAssistant;
const TODAY = '2026-06-15';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-validity-'));
  const k = path.join(dir, 'knowledge');
  fs.mkdirSync(k, { recursive: true });
  fs.writeFileSync(path.join(k, 'gammal.md'), '# Riktlinje för föreningsbidrag 2022\n\nFöreningsbidraget till idrottsföreningar är 150 kronor per aktiv medlem och år.\n');
  fs.writeFileSync(path.join(k, 'ny.md'), '# Riktlinje för föreningsbidrag 2025\n\nFöreningsbidraget till idrottsföreningar är 210 kronor per aktiv medlem och år.\n');
  fs.writeFileSync(
    path.join(k, 'manifest.json'),
    JSON.stringify({
      documents: [
        { file: 'gammal.md', title: 'Riktlinje för föreningsbidrag 2022', kind: 'policy', access: 'internal', decidedBy: 'Kultur- och fritidsnämnden', decisionDate: '2022-01-20', validUntil: '2024-12-31' },
        { file: 'ny.md', title: 'Riktlinje för föreningsbidrag 2025', kind: 'policy', access: 'internal', publisher: 'Kvarnbo kommun', decisionDate: '2025-01-16', validUntil: '2099-12-31' },
      ],
    }),
  );
  assistant = await createAssistant(loadConfig({ BRYGGA_DATA_DIR: path.join(dir, 'data'), BRYGGA_KNOWLEDGE_DIR: k }), { logger: createLogger({ logLevel: 'silent' }) });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('policy validity', () => {
  it('leaves passages of an expired policy out of what answers are composed from', async () => {
    const docs = docsById(assistant.index.data.docs);
    const hits = await assistant.retrieve('Hur stort är föreningsbidraget per medlem?', 10, 'internal');
    const titles = (h: typeof hits) => h.map((x) => x.chunk.title);
    expect(titles(hits)).toContain('Riktlinje för föreningsbidrag 2022'); // retrieval finds both…
    const kept = dropExpired(hits, docs, { today: TODAY });
    expect(titles(kept)).not.toContain('Riktlinje för föreningsbidrag 2022'); // …the expired one is left out
    expect(titles(kept)).toContain('Riktlinje för föreningsbidrag 2025');
    expect(dropExpired(hits, docs, { today: TODAY, expired: 'mark' })).toEqual(hits);
  });

  it('citations of policies show who decided, when, and until when; an expired one "gällde till"', async () => {
    const docs = docsById(assistant.index.data.docs);
    const result = await assistant.ask({ question: 'Hur stort är föreningsbidraget per medlem?', audience: 'internal' });
    expect(result.citations.length).toBeGreaterThan(0);
    // through the assistant: the expired policy is not quoted, and citations come annotated
    expect(result.citations.map((c) => c.title)).not.toContain('Riktlinje för föreningsbidrag 2022');
    for (const c of result.citations) {
      expect(c.decisionDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(policyNote(c)).toMatch(/^Beslutad av .+ \d{4}-\d{2}-\d{2} · (gäller|gällde) till \d{4}-\d{2}-\d{2}$/);
    }
    const all = annotateCitations(
      assistant.index.data.docs.map((d, i) => ({ n: i + 1, docId: d.docId, title: d.title, section: '', lines: [1, 1] as [number, number], page: null, quote: '' })),
      docs,
      { today: TODAY },
    );
    const old = all.find((c) => c.title.endsWith('2022'))!;
    expect(old).toMatchObject({ decidedBy: 'Kultur- och fritidsnämnden', decisionDate: '2022-01-20', validUntil: '2024-12-31', expired: true });
    expect(policyNote(old)).toBe('Beslutad av Kultur- och fritidsnämnden 2022-01-20 · gällde till 2024-12-31');
    expect(policyNote(old, 'en')).toBe('Decided by Kultur- och fritidsnämnden on 2022-01-20 · was valid until 2024-12-31');
    const current = all.find((c) => c.title.endsWith('2025'))!;
    // a policy without decidedBy names its publisher; valid through its last day
    expect(current).toMatchObject({ decidedBy: 'Kvarnbo kommun', validUntil: '2099-12-31' });
    expect(current.expired).toBeUndefined();
    expect(policyNote(current)).toBe('Beslutad av Kvarnbo kommun 2025-01-16 · gäller till 2099-12-31');
  });

  it('validUntil is inclusive; documents without it, or with an unreadable date, are never expired', () => {
    expect(isExpired({ validUntil: '2026-06-15' }, '2026-06-15')).toBe(false);
    expect(isExpired({ validUntil: '2026-06-15' }, '2026-06-16')).toBe(true);
    expect(isExpired({}, '2030-01-01')).toBe(false);
    expect(isExpired({ validUntil: 'tills vidare' }, '2030-01-01')).toBe(false);
  });
});
