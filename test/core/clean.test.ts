/**
 * Cleaning rules of src/ingest/clean.ts, each on real lines of the reports (the vocabulary is
 * the corpus' own, as ingest builds it). Line numbers are looked up by content, not hard-coded.
 */
import { describe, expect, it } from 'vitest';
import { cleanText, joinLines, repairLigatures, type CleanLine } from '../../src/ingest/clean.js';
import { corpusVocabulary, report } from './helpers.js';

const vocab = corpusVocabulary();
const cleaned = new Map<string, { raw: string[]; out: CleanLine[] }>();
function clean(prefix: string) {
  let c = cleaned.get(prefix);
  if (!c) {
    const r = report(prefix);
    c = { raw: r.lines, out: cleanText(r.text, vocab) };
    cleaned.set(prefix, c);
  }
  return c;
}
/** The 1-based raw line number of the first raw line containing `needle` (asserts it exists). */
function lineOf(prefix: string, needle: string, from = 0): number {
  const i = clean(prefix).raw.findIndex((l, j) => j >= from && l.includes(needle));
  expect(i, `"${needle}" in ${prefix}`).toBeGreaterThanOrEqual(0);
  return i + 1;
}
function cleanedLine(prefix: string, needle: string): CleanLine {
  return clean(prefix).out[lineOf(prefix, needle) - 1];
}

describe('line map', () => {
  it.each(['000', '001', '002', '003', '004'])('report %s: one CleanLine per raw line, numbered from 1', (prefix) => {
    const { raw, out } = clean(prefix);
    expect(out.length).toBe(raw.length);
    out.forEach((l, i) => expect(l.raw).toBe(i + 1));
    // a dropped line carries no text
    for (const l of out) if (l.dropped) expect(l.text).toBe('');
  });
});

describe('dropped fi/fl ligatures', () => {
  it('repairs "defnieras", "fnns" and "befntliga" on real lines of 002', () => {
    const a = cleanedLine('002', 'Social ekonomi defnieras');
    expect(a.text).toContain('Social ekonomi definieras');
    expect(a.text).not.toMatch(/\bdefnieras\b/);
    const b = cleanedLine('002', 'EUländer fnns särskild');
    expect(b.text).toContain('finns särskild lagstiftning');
    const c = cleanedLine('002', 'våra befntliga');
    expect(c.text).toContain('våra befintliga');
  });

  it('leaves every corpus line free of the broken forms', () => {
    const { out } = clean('002');
    const broken = out.filter((l) => /\b(fnns|defnieras|befntliga)\b/.test(l.text));
    expect(broken.map((l) => l.raw)).toEqual([]);
  });

  it('does not touch words that are already right, and keeps capitals', () => {
    for (const w of ['finns', 'för', 'flera', 'företag', 'effekt']) expect(repairLigatures(w, vocab)).toBe(w);
    expect(repairLigatures('Fnns', vocab)).toBe('Finns');
  });
});

describe('hyphenation at line ends', () => {
  it('joins "medarbetar-" + "na" (001) and maps the characters back to their raw lines', () => {
    const n = lineOf('001', 'förmågan hos medarbetar-');
    const { out } = clean('001');
    expect(out[n - 1].text.endsWith('medarbetar-')).toBe(true);
    const { text, lineAt } = joinLines([out[n - 1], out[n]], vocab);
    expect(text).toContain('hos medarbetarna i organisationen');
    expect(text).not.toContain('medarbetar-');
    expect(lineAt.length).toBe(text.length);
    expect(lineAt[text.indexOf('hos medarb')]).toBe(n);
    expect(lineAt[text.indexOf('i organisationen')]).toBe(n + 1);
  });

  it('joins "Innovations-" + "partnerskapet" (001)', () => {
    const n = lineOf('001', 'resultatet av Innovations-');
    const { out } = clean('001');
    const { text } = joinLines([out[n - 1], out[n]], vocab);
    expect(text).toContain('av Innovationspartnerskapet kan');
  });

  it('keeps the hyphen before a conjunction ("kvalitets-" + "och ...")', () => {
    const lines: CleanLine[] = [
      { raw: 1, text: 'ett gemensamt kvalitets-', page: null, dropped: false, heading: 0 },
      { raw: 2, text: 'och uppföljningsarbete', page: null, dropped: false, heading: 0 },
    ];
    expect(joinLines(lines, vocab).text).toBe('ett gemensamt kvalitets- och uppföljningsarbete');
  });

  it('does not join across a line that ends a sentence or before a capital', () => {
    const lines: CleanLine[] = [
      { raw: 1, text: 'Projektet avslutades.', page: null, dropped: false, heading: 0 },
      { raw: 2, text: 'Nästa steg-', page: null, dropped: false, heading: 0 },
      { raw: 3, text: 'Malmö stad', page: null, dropped: false, heading: 0 },
    ];
    expect(joinLines(lines, vocab).text).toBe('Projektet avslutades. Nästa steg- Malmö stad');
  });
});

describe('spaces inside words', () => {
  it('joins split words on real lines of 002', () => {
    expect(cleanedLine('002', 'om sociala före tag och').text).toContain('om sociala företag och');
    expect(cleanedLine('002', 'socialt före tagande').text).toContain('på socialt företagande.');
    expect(cleanedLine('002', 'de sociala före tagen är').text).toContain('sociala företagen är');
    expect(cleanedLine('002', 'organi sationen. Men').text).toMatch(/^organisationen\. Men det finns/);
    expect(cleanedLine('002', 'befntliga fören ingar').text).toContain('befintliga föreningar');
  });

  it('leaves ordinary two-word phrases alone', () => {
    const a = cleanedLine('002', 'Utvecklingsnätverk sociala företag påbörj');
    expect(a.text).toContain('Utvecklingsnätverk sociala företag');
    const b = cleanedLine('002', 'Mot bakgrund av regeringens strategi');
    expect(b.text).toContain('Mot bakgrund av regeringens strategi från 2018');
    // a verb and the pronoun after it are two words, though "genomförde" is a word of the corpus too
    expect(cleanedLine('001', 'genomför de en').text).toContain('sommar genomför de en massrekryte');
  });

  // every neighbouring pair is considered, so the words before a split do not matter
  it('joins "före tag" whatever the parity of the words before it', () => {
    expect(cleanedLine('002', 'att sociala före tag är').text).toContain('att sociala företag är');
  });
});

describe('running headers and page numbers', () => {
  it('drops "**RAMBOLL**" in 004 every time it recurs', () => {
    const { raw, out } = clean('004');
    const idx = raw.map((l, i) => (l.trim() === '**RAMBOLL**' ? i : -1)).filter((i) => i >= 0);
    expect(idx.length).toBeGreaterThanOrEqual(3);
    for (const i of idx) expect(out[i]).toMatchObject({ dropped: true, text: '' });
  });

  it('drops lone page numbers ("19", "20 21") in 002 but keeps a line that only starts with a number', () => {
    const { raw, out } = clean('002');
    const lone = raw.map((l, i) => (/^\s*\d{1,3}(\s+\d{1,3})?\s*$/.test(l) ? i : -1)).filter((i) => i >= 0);
    expect(lone.length).toBeGreaterThanOrEqual(3);
    for (const i of lone) expect(out[i].dropped, `raw line ${i + 1} "${raw[i]}"`).toBe(true);
    const numbered = lineOf('002', '3. Företagets ekonomiska överskott');
    expect(out[numbered - 1].dropped).toBe(false);
    expect(out[numbered - 1].text).toContain('Företagets ekonomiska överskott');
  });

  it('drops letter-spaced running headers', () => {
    const out = cleanText(['K A P I T E L  3', 'Sociala företag i kommunerna', 'R A P P O R T'].join('\n'), vocab);
    expect(out.map((l) => l.dropped)).toEqual([true, false, true]);
    expect(out[1].text).toBe('Sociala företag i kommunerna');
  });
});

describe('footnote numbers glued to words', () => {
  it('removes "11" from "till ägarna.11" (002) and "1" from "tillsammans.1 Samskapande" (000)', () => {
    expect(cleanedLine('002', 'till ägarna.11').text).toBe('till ägarna.');
    const t = cleanedLine('000', 'skapar något nytt av värde tillsammans.1').text;
    expect(t).toContain('tillsammans. Samskapande');
  });

  it('removes a footnote after a parenthesis: "Hertog (2000)6 skiljer" (001)', () => {
    expect(cleanedLine('001', 'Hertog (2000)6 skiljer').text).toContain('Hertog (2000) skiljer');
  });

  it('keeps codes and numbers that are not footnotes', () => {
    expect(cleanedLine('004', 'Sysselsättningsinitiativet för unga (PO3)').text).toContain('(PO3)');
    expect(cleanedLine('004', 'Totalt deltog 3 169 individer').text).toContain('3 169 individer');
    expect(cleanedLine('004', 'Total EU-stöd:** 79,8').text).toContain('79,8 miljoner kronor');
  });
});

describe('duplicated URLs', () => {
  it('drops a bare URL line repeating the address of the footnote just above (000)', () => {
    const { raw, out } = clean('000');
    const foot = lineOf('000', 'Samskapandeguiden, (2021), https://www.forskarhubben.se/samskapandeguiden/');
    const dup = raw.findIndex((l, i) => i > foot - 1 && l.trim() === 'https://www.forskarhubben.se/samskapandeguiden/');
    expect(dup).toBeGreaterThan(foot - 1);
    expect(out[dup].dropped).toBe(true);
    // the footnote itself keeps its address
    expect(out[foot - 1].dropped).toBe(false);
    expect(out[foot - 1].text).toContain('https://www.forskarhubben.se/samskapandeguiden/');
  });

  it('drops "mailto:" repeating an address given just before (003)', () => {
    const { raw, out } = clean('003');
    const i = raw.findIndex((l) => l.trim().startsWith('mailto:'));
    expect(i).toBeGreaterThan(0);
    expect(out[i].dropped).toBe(true);
    const given = out.slice(Math.max(0, i - 4), i).find((l) => l.text.includes('@'));
    expect(given?.text).toContain(raw[i].trim().replace('mailto:', ''));
  });

  it('keeps a bare URL that is not a repetition', () => {
    const out = cleanText(['Läs mer om satsningen här:', 'https://example.org/sociala-foretag'].join('\n'), vocab);
    expect(out[1]).toMatchObject({ dropped: false, text: 'https://example.org/sociala-foretag' });
  });
});

describe('debris of tables printed vertically', () => {
  it('drops the runs of 1-3 character lines in 000 ("D", "e", "fi", "n" …) and keeps the text around them', () => {
    const { raw, out } = clean('000');
    const start = raw.findIndex((l, i) => l === 'D' && raw[i + 1] === 'e');
    expect(start).toBeGreaterThan(0);
    let checked = 0;
    for (let i = start; i < start + 10; i++) {
      if (raw[i].trim()) {
        expect(out[i].dropped, `raw line ${i + 1} "${raw[i]}"`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(6);
    const before = out.slice(0, start).reverse().find((l) => l.text);
    expect(before?.dropped).toBe(false);
    expect(before?.text.length).toBeGreaterThan(10);
  });

  it('keeps a short list of bullets and a short real line', () => {
    const out = cleanText(['Målen var:', '- A', '- B', '- C', 'Ja.'].join('\n'), vocab);
    expect(out.filter((l) => l.dropped)).toEqual([]);
  });
});

describe('slide extracts: where a slide starts', () => {
  // as the slide PDF extracts print them: the slide's first text line starts with one space; a
  // title standing alone on the line before it belongs to the same slide
  const deck = [
    ' Första bilden',
    '• punkt ett',
    '',
    '',
    'Faktorer som främjar samverkan',
    ' + Tydlighet i beslutsordning',
    '+ Tillit',
    '',
    '',
    'Faktorer som hämmar samverkan',
    ' – Skilda syften',
    '– Statusskillnader',
    '',
    '– Som klargör skillnader i synsätt',
    ' Läget förändras',
    '• Nya frågor tar över',
  ].join('\n');
  const out = cleanText(deck, vocab, { markedPages: true });
  const pageOf = (text: string) => out.find((l) => l.text === text)?.page;

  it('a title alone before the marked line starts the slide it names', () => {
    expect(pageOf('Faktorer som främjar samverkan')).toBe(pageOf('+ Tydlighet i beslutsordning'));
    expect(pageOf('Faktorer som hämmar samverkan')).toBe(pageOf('– Skilda syften'));
    expect(pageOf('Faktorer som hämmar samverkan')).not.toBe(pageOf('+ Tillit'));
  });

  it('a slide the extract did not mark starts after three blank lines; a bullet there does not start one', () => {
    const unmarked = cleanText([' Första', '• a', '', '', '', 'Sektorsöverskridande samverkan ”SÖS”', '', '• Organisering över sektorsgränser', '', '', '', '— Men hur?', '', 'Bakgrund', ' • b', '', 'Slut', ' • c'].join('\n'), vocab, { markedPages: true });
    const pageAt = (t: string) => unmarked.find((l) => l.text === t)?.page;
    expect(pageAt('Sektorsöverskridande samverkan ”SÖS”')).not.toBe(pageAt('• a'));
    expect(pageAt('• Organisering över sektorsgränser')).toBe(pageAt('Sektorsöverskridande samverkan ”SÖS”'));
    expect(pageAt('— Men hur?')).toBe(pageAt('• Organisering över sektorsgränser'));
    // a marked first line of text after a title line is flagged as the slide's text
    expect(out.find((l) => l.text === '+ Tydlighet i beslutsordning')?.textStart).toBe(true);
  });

  it('a bullet before the marked line stays on the slide before (the marked line is the title)', () => {
    expect(pageOf('– Som klargör skillnader i synsätt')).toBe(pageOf('– Statusskillnader'));
    expect(pageOf('Läget förändras')).toBe(pageOf('• Nya frågor tar över'));
    expect(pageOf('Läget förändras')).not.toBe(pageOf('– Statusskillnader'));
  });
});

describe('headings of the reports', () => {
  it('a table of contents (page number and title, page numbers never falling) is dropped, not read as numbered headings', () => {
    const toc = ['Innehåll', '7 Sammanfattning – ur ett kommunalt perspektiv', '', '11 Kapitel 1. Inledning', '', '15 Ett europeiskt sammanhang', '52 En hållbar struktur?', '63 Referenser', '', 'Sammanfattning', 'Den här rapporten handlar om tolv kommuner.'];
    const out = cleanText(toc.join('\n'), vocab);
    for (const t of toc.slice(1, 8).filter(Boolean)) {
      const line = out[toc.indexOf(t)];
      expect(line.dropped, t).toBe(true);
      expect(line.heading, t).toBe(0);
    }
    // a report's standard part alone on its line is a heading; the running text stays
    expect(out[toc.indexOf('Sammanfattning')].heading).toBe(1);
    expect(out[toc.length - 1].text).toBe('Den här rapporten handlar om tolv kommuner.');
    // numbered headings far apart in the text are still headings
    const body = cleanText(['1 Inledning', 'Text om bakgrunden.', '', '2 Resultat', 'Mer text.'].join('\n'), vocab);
    expect(body.map((l) => l.heading)).toEqual([1, 0, 0, 1, 0]);
  });

  it('"KAPITEL n" and "Del n:" take their title from the lines after them, on a real report', () => {
    const chapter = cleanedLine('002', 'KAPITEL 3');
    expect(chapter.heading).toBe(1);
    expect(chapter.text).toMatch(/^KAPITEL 3 \p{Lu}\p{L}+/u);
    const { out } = clean('002');
    const title = chapter.text.replace(/^KAPITEL 3 /, '');
    // the title's own line is now empty: it is said once, in the heading
    expect(out.slice(chapter.raw, chapter.raw + 3).some((l) => l.text === title)).toBe(false);
    // a title wrapped over lines, up to a blank line, and a title the extract says twice
    const part = cleanText(['Del 3:', 'Exempel på idéer som', 'kan bli innovationer', '', 'Text.'].join('\n'), vocab);
    expect(part[0].text).toBe('Del 3: Exempel på idéer som kan bli innovationer');
    const twice = cleanText(['Del 2:', 'Innovation i', 'offentlig sektor', 'Innovation i offentlig sektor', 'Kommuner står inför utmaningar.'].join('\n'), vocab);
    expect(twice[0].text).toBe('Del 2: Innovation i offentlig sektor');
    expect(twice[3].text).toBe('Innovation i offentlig sektor');
  });
});

describe('letter-spaced running footers', () => {
  it('are dropped also when the extract joined some of their letters and put a page number first', () => {
    const out = cleanText(['Text om innovation.', '1 3D E N  I N N O V AT I V A  S T A D E N  -  I N N O V AT I O N  I  O F F E N T L I G  S E K T O R', 'Mer text här.'].join('\n'), vocab);
    expect(out[1].dropped).toBe(true);
    expect(out[0].dropped || out[2].dropped).toBe(false);
    // an ordinary line with a few one-letter words stays
    expect(cleanText('Det är i år en av de få i Sverige som gör så.', vocab)[0].dropped).toBe(false);
  });
});

describe('words split over a line end without a hyphen', () => {
  const vocab2 = corpusVocabulary();
  const lines = (...texts: string[]): CleanLine[] => texts.map((text, i) => ({ raw: i + 1, text, page: null, dropped: false, heading: 0 }));

  it('are joined when the joined word is known and the pieces are rarer together (as the report prints "fler tjänste" / "personer")', () => {
    const { text, lineAt } = joinLines(lines('behövde även projektteamet förstärkas med fler tjänste', 'personer, förtroendevalda eller aktörer'), vocab2);
    expect(text).toContain('fler tjänstepersoner, förtroendevalda');
    // the joined word's letters keep their own raw lines
    expect(lineAt[text.indexOf('tjänste')]).toBe(1);
    expect(lineAt[text.indexOf('personer')]).toBe(2);
  });

  it('two words at a line end stay two words', () => {
    expect(joinLines(lines('kommunen och', 'samverkan med företag'), vocab2).text).toBe('kommunen och samverkan med företag');
    expect(joinLines(lines('ett arbete i', 'kommunen'), vocab2).text).toBe('ett arbete i kommunen');
  });
});

describe('excerpt captions', () => {
  it('"Ur <source> 2022–2026" labels the excerpt after it as a heading, on a real report; a line with other digits does not', () => {
    const caption = cleanedLine('002', 'Ur Laxå kommuns näringslivsprogram 2022–2026');
    expect(caption.heading).toBeGreaterThan(0);
    expect(caption.text).toBe('Ur Laxå kommuns näringslivsprogram 2022–2026');
    // the same caption wrapped over two lines without a year, as the report prints Karlstad's
    expect(cleanedLine('002', 'Ur Karlstad stads riktlinje').heading).toBeGreaterThan(0);
    // a figure that is no year keeps a line from being a heading (a table's row)
    const row = cleanText(['Text som slutar.', 'Ur Laxå kommuns program 15 punkter', 'Kommunen ska verka för det.'].join('\n'), vocab);
    expect(row[1].heading).toBe(0);
  });
});
