import { describe, expect, it } from 'vitest';
import { hasNumber, inheritListPolarity, passageInfo, statedNumbers } from '../../src/answer/passages.js';
import { analyze, BASE_LEXICON } from '../../src/retrieval/analyzer.js';
import type { Chunk } from '../../src/domain/types.js';

/** a passage of the given lines, one sentence per line */
function passage(section: string, lines: string[]): Chunk {
  let at = 0;
  const spans: Chunk['spans'] = lines.map((l, i) => {
    const span: [number, number, number] = [at, i + 1, i + 1];
    at += l.length + 1;
    return span;
  });
  return { id: 'c1', docId: 'd1', title: 'T', section, lines: [1, lines.length], page: null, access: 'public', text: lines.join('\n'), context: '', spans };
}

describe('the polarity of list items', () => {
  it('an item under a heading of obstacles speaks of an obstacle, and under one of benefits of a benefit', () => {
    const p = passageInfo(
      passage('Bild 3', ['Det som bromsar arbetet: hinder vi mötte', '• Olika språkbruk', '• Brist på tid', 'Det som gav fördelar', '• Korta beslutsvägar', 'Här slutar listan och texten går vidare som vanligt.', '• Ett löst påstående']),
      BASE_LEXICON,
    ).sentences;
    expect(p.map((s) => s.polarity)).toEqual([-1, -1, -1, 1, 1, 0, 0]);
  });

  it('a slide marks items with (+) and (-); the passage title carries over to items before any heading', () => {
    const p = passageInfo(passage('Bild 5: Faktorer som främjar samverkan', ['• Tillit', '• Starkt engagemang (+)', '• Oklart rättsläge (-)']), BASE_LEXICON).sentences;
    expect(p.map((s) => s.polarity)).toEqual([1, 1, -1]);
  });

  it('an item keeps its own polarity', () => {
    const s = [
      { polarity: -1 as const, item: false, heading: true, leadIn: false },
      { polarity: 1 as const, item: true, heading: false, leadIn: false },
    ];
    inheritListPolarity(s, 0);
    expect(s[1].polarity).toBe(1);
  });
});

describe('a list\'s lead-in', () => {
  it('a line that breaks off after a function word before a list introduces it, as a colon would; a heading stays a heading', () => {
    const [lead, item, , heading] = passageInfo(
      passage('EU', ['Sociala företag definieras i sin tur som företag som', '• säljer varor eller tjänster', '• har ett samhällsnyttigt mål', 'Fördelar för kommunen', '• Korta beslutsvägar']),
      BASE_LEXICON,
    ).sentences;
    expect(lead).toMatchObject({ leadIn: true, heading: false });
    expect(item).toMatchObject({ leadIn: false, item: true });
    expect(heading).toMatchObject({ leadIn: false, heading: true });
  });
});

describe("a table's rows", () => {
  it('are read under the table\'s caption; other sentences have none', () => {
    const s = passageInfo(passage('T', ['Tabell 7: Upphandlingar av sociala företag 2021–2022', 'Lund 2 Avtal med Kafé Ek.', 'Ystad 0', 'Här slutar tabellen.']), BASE_LEXICON).sentences;
    expect(s.map((x) => x.caption)).toEqual([-1, 0, 0, -1]);
  });
});

describe('quotes without repeats', () => {
  it('leaves out a quote whose lines lie mostly within an earlier quote of the same document', async () => {
    const { withoutRepeats } = await import('../../src/answer/extractive.js');
    const q = (docId: string, a: number, b: number) => ({ docId, lines: [a, b] as [number, number] });
    // 108–115 shares 108–110 (3 of 8 lines) with the first: kept; 104–109 lies within it: left out
    expect(withoutRepeats([q('d', 100, 110), q('d', 108, 115), q('d', 104, 109), q('e', 100, 110)])).toEqual([q('d', 100, 110), q('d', 108, 115), q('e', 100, 110)]);
  });
});

describe('the figures a sentence states', () => {
  it('not a footnote mark, a link or a year: "… en möjlig 14 https://…" states no figure', () => {
    expect(hasNumber('Av intervjuerna framkommer att delägarskap skulle vara en möjlig 14 https://helsingborg.se/kommun-och-politik/2020/ finansieringslösning.')).toBe(false);
    expect(hasNumber('Den Hertog (2000)6 skiljer på olika typer av tjänsteinnovationer.')).toBe(false);
    expect(hasNumber('Samverkan12 är viktig enligt 2019 års rapport.')).toBe(false);
    expect(statedNumbers('Totalt deltog 3 169 individer i SKAPA 2.0 under 2019–2021.')).toEqual(['3169', '2.0']);
    expect(hasNumber('Fem kommuner deltog.')).toBe(true);
    // a caption's or a note's own number counts nothing: "Tabell 1: Befolkningsstorlek …" answers no "hur många …?"
    expect(hasNumber('Tabell 1: Befolkningsstorlek, kommunstorlek och politiskt styre')).toBe(false);
    expect(hasNumber('Not. 9 Regeringens strategi för sociala företag')).toBe(false);
    expect(statedNumbers('Karta 1: Utvecklingsnätverkets 12 kommuner')).toEqual(['12']);
  });
});

describe("a sentence's terms", () => {
  it('are not the words of a link in it', () => {
    const [s] = passageInfo(passage('T', ['En representant menar att: 5 Forskarhubben, (2021), https://www.forskarhubben.se/samskapande-yta-rekrytera-forlangning']), BASE_LEXICON).sentences;
    expect([...s.terms].some((t) => /rekryter|förläng|forlang/.test(t))).toBe(false);
    expect(s.terms.has('represent') || s.terms.has('representant')).toBe(true);
  });
});

describe('organisations and roles', () => {
  it('an organisation or role noun in any case and place answers "vem …?" as a name does; a topic word does not', () => {
    const [owner, decided, contact, plain] = passageInfo(
      passage('T', ['Kommunstyrelsen äger riktlinjen.', 'Planen beslutades av socialnämnden i mars.', 'Prata med projektledaren eller kontaktpersonen.', 'Sociala företag bidrar till kommunen och staden.']),
      BASE_LEXICON,
    ).sentences;
    expect(owner.names).toEqual([]); // sentence-initial: not a capitalized name
    expect(owner.agentTerms.map((t) => t[0])).toEqual(analyzeFirst(['Kommunstyrelsen']));
    expect(decided.agentTerms.map((t) => t[0])).toEqual(analyzeFirst(['socialnämnden']));
    expect(contact.agentTerms.map((t) => t[0])).toEqual(analyzeFirst(['projektledaren', 'kontaktpersonen']));
    // "kommunen", "staden" and "företag" are what most sentences are about, not who did something
    expect(plain.agentTerms).toEqual([]);
  });
});

function analyzeFirst(words: string[]): string[] {
  return words.map((w) => analyze(w, { lexicon: BASE_LEXICON })[0]);
}
