/**
 * The analyzer's work is bounded per token and so per question (issue 13: a 2,000-character
 * question of glued words blocked the event loop for about a second). Work is counted as lexicon
 * lookups, not timed (speed is measured in `npm run bench retrieval`).
 */
import { describe, expect, it } from 'vitest';
import { MAX_QUESTION_CHARS } from '../../src/domain/types.js';
import { analyze, Lexicon, MAX_COMPOUND_CHARS, splitCompound } from '../../src/retrieval/analyzer.js';

/** counts the characters of every candidate part looked up (each is also stemmed: work ∝ length) */
class CountingLexicon extends Lexicon {
  chars = 0;
  override has(word: string): boolean {
    this.chars += word.length;
    return super.has(word);
  }
}

/** candidate parts per character of question × their length: MAX_COMPOUND_CHARS² at the cap of 40 */
const WORK_PER_CHAR = 40 * 40;

const WORDS = ['arbetsmarknad', 'förvaltning', 'socialt', 'företag', 'upphandling', 'samverkan', 'kommun', 'projekt', 'partnerskap'];
function glued(chars: number, sep = ''): string {
  let s = '';
  for (let i = 0; s.length < chars; i++) s += WORDS[i % WORDS.length] + sep;
  return s.slice(0, chars);
}

describe('analyzer work bounds', () => {
  it('still splits real compounds', () => {
    const lex = new Lexicon(WORDS.flatMap((w) => [w, w, w]));
    expect(splitCompound('arbetsmarknadsförvaltning', lex)).toHaveLength(2);
    expect(splitCompound('upphandlingsprojekt', lex).at(-1)).toBe('projekt');
    expect(MAX_COMPOUND_CHARS).toBeGreaterThanOrEqual(30); // the corpus' longest compounds have under 30 letters
  });

  it('a longest question of glued words costs a bounded amount of lexicon work per character, however it is cut into tokens', () => {
    const questions = [
      glued(MAX_QUESTION_CHARS),
      ...[8, 20, MAX_COMPOUND_CHARS, MAX_COMPOUND_CHARS + 1, 200, 500].map((n) =>
        Array.from({ length: Math.ceil(MAX_QUESTION_CHARS / (n + 1)) }, () => glued(n)).join(' ').slice(0, MAX_QUESTION_CHARS),
      ),
    ];
    for (const q of questions) {
      const lex = new CountingLexicon(WORDS.flatMap((w) => [w, w, w]));
      analyze(q, { lexicon: lex });
      expect(lex.chars, `${q.split(' ')[0]!.length}-character tokens`).toBeLessThanOrEqual(q.length * WORK_PER_CHAR);
    }
  });
});

describe('analyze keeps what it worked out per lexicon', () => {
  it('gives the same terms again, and new ones once the lexicon has learnt a word', () => {
    const lex = new Lexicon(['kvartersodling', 'kvartersodling']);
    const before = analyze('kvartersodlingen blomstrar', { lexicon: lex });
    expect(analyze('kvartersodlingen blomstrar', { lexicon: lex })).toEqual(before);
    // the parts become words of the corpus: the compound is now split, not answered from what was kept
    for (const w of ['kvarter', 'kvarter', 'kvarter', 'odlingen', 'odlingen', 'odlingen']) lex.add(w);
    const after = analyze('kvartersodlingen blomstrar', { lexicon: lex });
    expect(before).toEqual(['kvartersodling', 'blomstr']);
    expect(after).toEqual(['kvartersodling', 'kvarter', 'odling', 'blomstr']);
    // what a caller does with the terms it got does not change what the next caller gets
    after.push('x');
    expect(analyze('kvartersodlingen blomstrar', { lexicon: lex })).not.toContain('x');
  });
});
