/** Word boundaries that know å, ä and ö (src/text/words.ts), and the rules that needed them. */
import { describe, expect, it } from 'vitest';
import { unicodeWords } from '../../src/text/words.js';
import { hasNumber } from '../../src/answer/passages.js';
import { answerTypeOf } from '../../src/query/analysis.js';

describe('unicodeWords', () => {
  it('matches Swedish words that start or end with å, ä or ö as whole words, and not inside longer words', () => {
    const re = unicodeWords(/\b(två|åtta|är|då)\b/i);
    for (const s of ['två kommuner', 'Åtta deltagare', 'det är bra', 'då startade det']) expect(re.test(s)).toBe(true);
    for (const s of ['tvåan', 'ärlig', 'dåligt', 'nåtta']) expect(re.test(s)).toBe(false);
    // the plain \b misses them: the reason for this function
    expect(/\b(två|är)\b/i.test('två kommuner är med')).toBe(false);
  });

  it('keeps an escaped backslash before b, the flags, and adds u', () => {
    const re = unicodeWords(/a\\b/g);
    expect(re.flags).toBe('gu');
    expect(re.test('a\\b')).toBe(true);
  });
});

describe('rules that read Swedish words with å/ä/ö', () => {
  it('a number word with å is a quantity ("två", "åtta")', () => {
    expect(hasNumber('Projektet hade två delprojekt')).toBe(true);
    expect(hasNumber('Åtta kommuner var med')).toBe(true);
    expect(hasNumber('Projektet hade ett delprojekt')).toBe(false);
  });

  it('a question that starts with "Är" is a yes/no question', () => {
    expect(answerTypeOf('Är IOP en form av upphandling?')).toBe('yesno');
  });

});
