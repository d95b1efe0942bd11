import { describe, expect, it } from 'vitest';
import { passagesCut } from '../../evals/fit-answer.js';
import { normalizeForMatch } from '../../evals/qa.js';
import { buildVocabulary } from '../../src/ingest/clean.js';
import { fitLogistic } from '../../src/answer/model.js';

describe('fitting the answer model', () => {
  it('the closest-passages cut is the highest confidence below which few questions had the answer shown', () => {
    // below 0.20: four questions, none with the gold shown; at 0.20 one with it joins (1 of 5 = 20 % > 15 %)
    const rows = [
      { confidence: 0.08, holds: false },
      { confidence: 0.12, holds: false },
      { confidence: 0.15, holds: false },
      { confidence: 0.18, holds: false },
      { confidence: 0.2, holds: true },
      { confidence: 0.6, holds: true },
    ];
    expect(passagesCut(rows)).toBe(0.2);
    // a model whose confidences sit higher gets a higher cut: the cut follows the scale
    expect(passagesCut(rows.map((r) => ({ ...r, confidence: r.confidence + 0.05 })))).toBe(0.25);
    // an answered question at the very bottom keeps every question's passages
    expect(passagesCut([{ confidence: 0.06, holds: true }, ...rows])).toBe(0.06);
    // one such question among many below a higher cut does not stop the search at the first cuts
    const many = [{ confidence: 0.055, holds: true }, ...Array.from({ length: 19 }, (_, i) => ({ confidence: 0.07 + i * 0.005, holds: false }))];
    expect(passagesCut(many)).toBe(0.3);
  });

  it('a logistic regression learns the sign of a separating feature', () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ x: { bias: 1, f: i < 20 ? -1 : 1 }, y: (i < 20 ? 0 : 1) as 0 | 1 }));
    const w = fitLogistic(['bias', 'f'] as const, rows, { iterations: 500 });
    expect(w.f).toBeGreaterThan(1);
  });
});

describe('judging gold evidence', () => {
  it('evidence copied from the raw report with a glued footnote number meets the indexed text, which has none', () => {
    const vocab = buildVocabulary(['community med fler än 75 bolag och entreprenörer, inklusive HBG Works.13']);
    const gold = normalizeForMatch('community med fler än 75 bolag och entreprenörer, inklusive HBG Works.13', vocab);
    const indexed = normalizeForMatch('I anläggningen finns en coworking community med fler än 75 bolag och entreprenörer, inklusive HBG Works.', vocab);
    expect(indexed.includes(gold)).toBe(true);
    // a figure that is part of the text stays: "75 bolag" is not "bolag"
    expect(normalizeForMatch('fler än 75 bolag', vocab)).toBe('flerän75bolag');
  });
});
