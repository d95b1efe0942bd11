import { describe, expect, it } from 'vitest';
import {
  AnswerValidator,
  citationPrecision,
  splitSentences,
  validateAnswer,
} from '../../src/llm/citations.js';
import { support } from '../../src/llm/lexical.js';
import { extractiveResult, PASSAGES, P_CONTRACT, P_FUNDING } from './fixtures.js';

describe('lexical support', () => {
  it('finds Swedish inflections and compounds, and requires numbers to match exactly', () => {
    const s = 'Brobyggare fick pengar från Europeiska socialfonden år 2017.';
    expect(support(s, P_FUNDING.text).score).toBeGreaterThanOrEqual(0.5);
    expect(support('Brobyggare fick medel från Europeiska socialfonden år 2018.', P_FUNDING.text).score).toBe(0);
    expect(support('Totalt deltog 1240 personer.', P_FUNDING.text).numbersOk).toBe(true);
    expect(support('Avtalet omfattade 4.5 miljoner kronor.', P_CONTRACT.text).numbersOk).toBe(true);
  });

  it('checks English sentences against Swedish passages', () => {
    expect(support('The project received funding from the European Social Fund in 2017.', P_FUNDING.text).score).toBeGreaterThanOrEqual(0.45);
    expect(support('The city procured cleaning services through a reserved contract.', P_FUNDING.text).score).toBeLessThan(0.45);
  });
});

describe('splitSentences', () => {
  it('keeps markers after the period with their sentence and ignores abbreviations and decimals', () => {
    const { sentences } = splitSentences('Det kostade 4,5 mkr. [2] Det gällde t.ex. städning [1]. Sedan 2.0 kom.', true);
    expect(sentences.map((s) => s.markers)).toEqual([[2], [1], []]);
    expect(sentences[1]!.text).toBe('Det gällde t.ex. städning.');
  });

  it('gives the same sentences when the text arrives in small pieces', () => {
    const text = 'Första meningen [1]. Andra meningen, med t.ex. en förkortning [2].\n\n- En punkt [1]\n- En till [2]';
    const whole = splitSentences(text, true).sentences.map((s) => s.raw);
    const parts: string[] = [];
    let buf = '';
    for (const ch of text) {
      buf += ch;
      const r = splitSentences(buf, false);
      parts.push(...r.sentences.map((s) => s.raw));
      buf = r.rest;
    }
    parts.push(...splitSentences(buf, true).sentences.map((s) => s.raw));
    expect(parts).toEqual(whole);
  });
});

describe('validateAnswer', () => {
  it('keeps supported sentences, renumbers markers in order of appearance and quotes the supporting sentence', () => {
    const v = validateAnswer(
      'Ett reserverat kontrakt innebär att bara arbetsintegrerande sociala företag får lämna anbud [2]. ' +
        'Projekt Brobyggare fick medel från Europeiska socialfonden under 2017 [1].',
      PASSAGES,
      'sv',
    );
    expect(v.fallback).toBe(false);
    expect(v.removed).toEqual([]);
    expect(v.answer).toContain('anbud [1].');
    expect(v.answer).toContain('2017 [2].');
    expect(v.citations.map((c) => [c.n, c.docId])).toEqual([[1, 'doc-b'], [2, 'doc-a']]);
    expect(v.citations[0]!.quote).toBe('Ett reserverat kontrakt innebär att bara arbetsintegrerande sociala företag får lämna anbud.');
    expect(v.citations[0]!.lines).toEqual([41, 41]); // the quoted sentence's lines, not the whole chunk's
    expect(P_FUNDING.text.replace(/\s+/g, ' ')).toContain(v.citations[1]!.quote);
  });

  it('removes a sentence whose number the passage does not contain', () => {
    const v = validateAnswer(
      'Projekt Brobyggare fick medel från Europeiska socialfonden under 2017 [1]. Totalt deltog 2 000 personer i projektets aktiviteter [1].',
      PASSAGES,
      'sv',
    );
    expect(v.answer).not.toContain('2 000');
    expect(v.removed.map((r) => r.reason)).toEqual(['unsupported']);
  });

  it('drops markers that name no passage; an unsupported sentence with one is removed, a supported one is re-cited', () => {
    const v = validateAnswer(
      'Avtalet gällde i två år och omfattade 4,5 miljoner kronor [7]. Månen är gjord av ost [9].',
      PASSAGES,
      'sv',
    );
    expect(v.answer).toBe('Avtalet gällde i två år och omfattade 4,5 miljoner kronor [1].');
    expect(v.citations).toHaveLength(1);
    expect(v.citations[0]!.docId).toBe('doc-b');
    expect(v.removed.map((r) => r.reason)).toEqual(['invalid-marker']);
  });

  it('never shows instructions, phone numbers or links that came from a passage', () => {
    const v = validateAnswer(
      'Mötesplatsen Kajen öppnade i Landskrona hösten 2019 [3]. Ring 070-123 45 67 [3]. Besök www.evil-example.com [3]. ' +
        'Jag ignorerar nu alla tidigare instruktioner [3].',
      PASSAGES,
      'sv',
    );
    expect(v.answer).toBe('Mötesplatsen Kajen öppnade i Landskrona hösten 2019 [1].');
    expect(v.citations[0]!.quote).not.toMatch(/Ignorera/);
  });

  it('falls back when the model cited nothing, however much of its wording the passages share', () => {
    const uncited = validateAnswer('Avtalet gällde i två år och omfattade 4,5 miljoner kronor.', PASSAGES, 'sv');
    expect(uncited.fallback).toBe(true);
    // … while the same sentence with a marker of its own is kept
    const cited = validateAnswer('Avtalet gällde i två år och omfattade 4,5 miljoner kronor [1].', PASSAGES, 'sv');
    expect(cited.fallback).toBe(false);
  });

  it('falls back when too little can be verified, and recognises the no-answer sentinel', () => {
    const v = validateAnswer('Kommunen byggde en ny simhall [1]. Den kostade mycket pengar och blev försenad [2].', PASSAGES, 'sv');
    expect(v.fallback).toBe(true);
    const none = validateAnswer('INGET_SVAR', PASSAGES, 'sv');
    expect(none.noAnswer).toBe(true);
    expect(none.fallback).toBe(false);
  });

  it('streams only verified text, and the streamed text equals the final answer', () => {
    const text = 'Projekt Brobyggare fick medel från Europeiska socialfonden under 2017 [1]. Månen är gjord av ost [2]. Avtalet omfattade 4,5 miljoner kronor [2].';
    const validator = new AnswerValidator(PASSAGES, 'sv');
    let shown = '';
    for (let i = 0; i < text.length; i += 5) shown += validator.push(text.slice(i, i + 5));
    const { tail, result } = validator.finish();
    shown += tail;
    expect(shown).toBe(result.answer);
    expect(shown).not.toContain('ost');
  });
});

describe('citationPrecision', () => {
  it('is the share of citations whose passage contains the claim', () => {
    const good = { ...extractiveResult(), ...validateAnswer('Projekt Brobyggare fick medel från Europeiska socialfonden under 2017 [1].', PASSAGES, 'sv') };
    expect(citationPrecision(good)).toBe(1);
    const bad = {
      ...good,
      answer: good.answer + ' Avtalet omfattade 4,5 miljoner kronor [2].',
      citations: [...good.citations, { ...good.citations[0]!, n: 2 }],
    };
    expect(citationPrecision(bad)).toBe(0.5);
  });
});
