import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runMatchEval } from '../../evals/match.js';
import { partOf } from '../../evals/split.js';
import type { MatchResult } from '../../src/domain/types.js';

describe('match eval: measure-part failures are never shown', () => {
  // the dev set's cases, each answered wrongly (no match), so every case with a relevant enterprise fails
  const devFile = path.resolve('evals/match-dev.jsonl');
  const lines = readFileSync(devFile, 'utf8').split('\n').filter((l) => l.trim());
  const ids = lines.map((l) => (JSON.parse(l) as { id: string }).id);
  const dir = mkdtempSync(path.join(tmpdir(), 'match-split-'));
  const file = path.join(dir, 'match-x.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  const wrong = async (need: string) => ({ need: { raw: need, categories: [] }, matches: [], noMatch: true }) as unknown as MatchResult;

  it('a whole-file run lists tune-part failures only; the measure part lists none', async () => {
    expect(ids.some((id) => partOf(id) === 'measure')).toBe(true);
    for (const part of [undefined, 'measure'] as const) {
      const out = new PassThrough();
      let printed = '';
      out.on('data', (d) => (printed += d));
      const { failures, metrics } = await runMatchEval({ match: wrong, file, part, out });
      expect(metrics.cases).toBe(part ? ids.filter((id) => partOf(id) === 'measure').length : ids.length);
      for (const id of ids.filter((x) => partOf(x) === 'measure')) {
        expect(printed).not.toContain(`${id}:`);
        expect(failures.join('\n')).not.toContain(`${id}:`);
      }
      if (!part) expect(failures.length).toBeGreaterThan(0);
    }
  });
});

describe('match eval: precision@1', () => {
  it('counts a good first proposal, and the best there is where every relevant enterprise is grade 1', async () => {
    const { precisionAt1 } = await import('../../evals/match.js');
    expect(precisionAt1(['a', 'b'], { a: 3, b: 1 })).toBe(1);
    expect(precisionAt1(['b', 'a'], { a: 3, b: 1 })).toBe(0);
    // only grade-1 enterprises exist: proposing one first is right, proposing another is not
    expect(precisionAt1(['b'], { b: 1 })).toBe(1);
    expect(precisionAt1(['x', 'b'], { b: 1 })).toBe(0);
    expect(precisionAt1([], { b: 1 })).toBe(0);
  });
});
