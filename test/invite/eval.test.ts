import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
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
});
