import { describe, expect, it } from 'vitest';
import { parseServices, servicePhraseWords, services } from '../../src/lexicon/services.js';
import { queryTerms } from '../../src/match/rank.js';
import { GLOSSARY } from '../../src/match/text.js';

describe('the matcher’s English service words (src/lexicon/services-sv-en.txt)', () => {
  it('reads one-word lines as a glossary of the word as typed, and lines with a phrase as phrases', () => {
    const v = parseServices('# comment\ncykel | bike, bicycle\ncyklar | bikes\nskolträdgård | school garden, schoolgarden\n');
    expect(v.glossary.bike).toEqual(['cykel']);
    expect(v.glossary.bikes).toEqual(['cyklar']);
    expect(v.glossary.schoolgarden).toBeUndefined();
    expect(servicePhraseWords('Two School  Gardens in Lund', v)).toBe('');
    expect(servicePhraseWords('a school garden in Lund', v)).toBe('skolträdgård');
    expect(servicePhraseWords('our schoolgarden', v)).toBe('skolträdgård');
    expect(servicePhraseWords('the school and the garden', v)).toBe('');
  });
  it('names the file and line of a malformed line', () => {
    expect(() => parseServices('cykel | bike\ncyklar bikes\n')).toThrow(/services-sv-en\.txt line 2/);
  });
  it('is the matcher’s glossary, and a word that is a property of plain objects has no entry', () => {
    expect(GLOSSARY).toBe(services().glossary);
    expect(GLOSSARY.laundry).toContain('tvätt');
    expect(GLOSSARY.constructor).toBeUndefined();
    expect(servicePhraseWords('we need data wiping of old laptops')).toBe('dataradering');
  });
  it('does not break on a need whose word is an Object property name', () => {
    const ti = { lexicon: undefined, docs: [], df: new Map(), postings: new Map(), offeringTerms: [], avgLen: 0 } as never;
    expect(() => queryTerms('constructor toString cleaning', ti, new Set())).not.toThrow();
  });
});
