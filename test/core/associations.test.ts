import { describe, expect, it } from 'vitest';
import { associationsFromText, associationScore, fitAssociations, questionTokens, tableToText, typeToken } from '../../src/answer/associations.js';

const set = (...t: string[]) => new Set(t);

describe('learned question–answer term associations', () => {
  // three questions about where people live, each with one answering sentence and two others of the same passages
  const examples = [
    { question: questionTokens(['bo', 'laxå'], 'number'), positives: [set('invånare', 'laxå', '5600')], negatives: [set('laxå', 'kommun', 'nätverk'), set('laxå', 'företag')] },
    { question: questionTokens(['bo', 'tierp'], 'number'), positives: [set('invånare', 'tierp', '21000', 'kommun')], negatives: [set('tierp', 'kommun'), set('tierp', 'avtal')] },
    { question: questionTokens(['bo', 'umeå'], 'number'), positives: [set('invånare', 'umeå', 'kommun')], negatives: [set('umeå', 'kommun', 'nätverk')] },
  ];

  it('associates a question word with what separates answers from the other sentences, not with the topic every sentence shares', () => {
    const t = fitAssociations(examples);
    // "bor" ↔ "invånare": in every answer, in no other sentence
    expect(t.get('bo')?.get('invånare')).toBeGreaterThan(1);
    // "kommun" is in answers and non-answers alike (and "laxå" only in one question's sentences): no association
    expect(t.get('bo')?.has('kommun')).toBe(false);
    expect(t.get('bo')?.has('laxå')).toBe(false);
    // a term is never associated with itself (that is coverage, counted elsewhere)
    expect(t.get('laxå')?.has('laxå') ?? false).toBe(false);
    // the answer type is a question term too
    expect(t.get(typeToken('number'))?.get('invånare')).toBeGreaterThan(1);
  });

  it('keeps a pair only when at least minSupport questions support it', () => {
    expect(fitAssociations(examples.slice(0, 1)).size).toBe(0);
    expect(fitAssociations(examples.slice(0, 1), { minSupport: 1 }).get('bo')?.get('invånare')).toBeGreaterThan(0);
  });

  it('skips questions without an answer sentence or without another sentence', () => {
    const t = fitAssociations([...examples.map((e) => ({ ...e, negatives: [] })), { question: ['bo'], positives: [], negatives: [set('invånare')] }]);
    expect(t.size).toBe(0);
  });

  it('scores a sentence by the weighted mean of each question term’s strongest association', () => {
    const t = fitAssociations(examples);
    const w = t.get('bo')!.get('invånare')!;
    expect(associationScore(t, ['bo', 'skatt'], [1, 1], set('invånare', 'år'))).toBeCloseTo(w / 2);
    expect(associationScore(t, ['bo', 'skatt'], [3, 1], set('invånare'))).toBeCloseTo((3 * w) / 4);
    expect(associationScore(t, ['bo'], [1], set('nätverk'))).toBe(0);
    expect(associationScore(new Map(), ['bo'], [1], set('invånare'))).toBe(0);
  });

  it('round-trips through its text format, and a malformed line is named', () => {
    const t = fitAssociations(examples);
    const back = associationsFromText(tableToText(t));
    expect(back.get('bo')?.get('invånare')).toBe(t.get('bo')!.get('invånare'));
    expect(associationScore(back, ['bo'], [1], set('invånare'))).toBe(associationScore(t, ['bo'], [1], set('invånare')));
    expect(back.get('okänd')).toBeUndefined();
    expect(() => associationsFromText('bo\tinvånare=1.2\nbo invånare', 'tabellen')).toThrow(/tabellen, rad 2/);
  });
});
