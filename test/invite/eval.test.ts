import path from 'node:path';
import { PassThrough } from 'node:stream';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { partOf } from '../../evals/split.js';
import { runInviteEval } from '../../evals/invite.js';
import { createInviter } from '../../src/invite/index.js';

describe('runInviteEval', () => {
  it('scores the fixture cases and reports item and case pass rates', async () => {
    const inviter = createInviter();
    const out = new PassThrough();
    let printed = '';
    out.on('data', (d) => (printed += d));
    const { metrics, table } = await runInviteEval({
      invite: (request, today) => inviter.draft(request, { today }),
      file: path.join(import.meta.dirname, 'fixtures.jsonl'),
      out,
      // a test fixture, not a split dev set: every case is listed
      allCases: true,
    });
    expect(metrics.cases).toBe(10);
    expect(metrics.items_total).toBeGreaterThan(100);
    expect(metrics.item_pass_rate).toBeGreaterThanOrEqual(0.95);
    expect(table).toMatch(/\| fx-01 \|/);
    expect(printed).toContain(table);
  });
  it('counts a failing invite as a failed case, not a crash', async () => {
    const { metrics } = await runInviteEval({
      invite: async () => {
        throw new Error('boom');
      },
      file: path.join(import.meta.dirname, 'fixtures.jsonl'),
    });
    expect(metrics.cases_passed).toBe(0);
    expect(metrics.case_pass_rate).toBe(0);
  });
  it('lists only tune-part cases of a whole dev set, and none of the measure part', async () => {
    const inviter = createInviter();
    const file = path.join(import.meta.dirname, 'fixtures.jsonl');
    const ids = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { id: string }).id);
    const tune = ids.filter((id) => partOf(id) === 'tune');
    const measure = ids.filter((id) => partOf(id) === 'measure');
    expect(tune.length).toBeGreaterThan(0);
    expect(measure.length).toBeGreaterThan(0);
    for (const part of [undefined, 'measure'] as const) {
      const { table, metrics } = await runInviteEval({ invite: (request, today) => inviter.draft(request, { today }), file, part });
      expect(metrics.cases).toBe(part ? measure.length : ids.length);
      for (const id of measure) expect(table).not.toContain(`| ${id} |`);
      if (!part) for (const id of tune) expect(table).toContain(`| ${id} |`);
    }
  });
});
