/** Structure-following chunks of 004 (the Ramboll case studies): cases, fact boxes, line ranges, spans. */
import { beforeAll, describe, expect, it } from 'vitest';
import { chunkDocument } from '../../src/ingest/chunk.js';
import { cleanText } from '../../src/ingest/clean.js';
import type { Chunk } from '../../src/domain/types.js';
import { corpusVocabulary, report } from './helpers.js';

const r = report('004');
let chunks: Chunk[] = [];

/** Case studies as the raw file shows them: a "# " heading followed closely by "Projektägare:". */
function cases(): Array<{ name: string; start: number; factBox: number; end: number }> {
  const out: Array<{ name: string; start: number; factBox: number; end: number }> = [];
  r.lines.forEach((l, i) => {
    const m = /^# (.+)$/.exec(l.trim());
    if (!m) return;
    const ahead = r.lines.slice(i + 1, i + 8).filter((x) => x.trim()).slice(0, 3);
    if (ahead.some((x) => /^\**Projektägare\**:/.test(x.trim()))) out.push({ name: m[1].trim(), start: i + 1, factBox: -1, end: r.lines.length });
  });
  out.forEach((c, k) => {
    c.end = k + 1 < out.length ? out[k + 1].start - 1 : r.lines.length;
    c.factBox = r.lines.findIndex((l, i) => i >= c.start && i < c.end && /^#+ Faktaruta om projektet/.test(l.trim())) + 1;
  });
  return out;
}

beforeAll(async () => {
  const lines = cleanText(r.text, corpusVocabulary());
  chunks = await chunkDocument({ docId: 'ramboll', title: 'Fallstudier', kind: 'report', access: 'public' }, lines, corpusVocabulary());
});

/** The sentences (spans) of the first chunk of a small text, as quoted text. */
async function sentencesOf(text: string, docId = 't'): Promise<string[]> {
  const [chunk] = await chunkDocument({ docId, title: docId, kind: 'report', access: 'public' }, cleanText(text, corpusVocabulary()), corpusVocabulary());
  return chunk.spans.map(([start], i) => chunk.text.slice(start, chunk.spans[i + 1]?.[0] ?? chunk.text.length).trim());
}

describe('case studies in 004', () => {
  it('finds several cases, each with a fact box', () => {
    const cs = cases();
    expect(cs.length).toBeGreaterThanOrEqual(5);
    for (const c of cs) expect(c.factBox, c.name).toBeGreaterThan(c.start);
  });

  it('every chunk of a case (up to its fact box) names the case in its context', () => {
    for (const c of cases()) {
      const inCase = chunks.filter((ch) => ch.lines[0] >= c.start && ch.lines[1] <= c.end);
      expect(inCase.length, c.name).toBeGreaterThanOrEqual(2);
      for (const ch of inCase) expect(ch.context, `${ch.id} lines ${ch.lines}`).toContain(c.name);
    }
  });

  it('each fact box is one whole chunk including "Total EU-stöd", with the case name (also one with a "### Samarbetsparter:" field)', () => {
    let checked = 0;
    let withSubheading = 0;
    for (const c of cases()) {
      const eu = r.lines.findIndex((l, i) => i >= c.factBox && i < c.end && l.includes('Total EU-stöd')) + 1;
      expect(eu, c.name).toBeGreaterThan(c.factBox);
      if (r.lines.slice(c.factBox, eu - 1).some((l) => /^#+\s/.test(l.trim()))) withSubheading++;
      checked++;
      const holding = chunks.filter((ch) => ch.lines[0] <= eu && ch.lines[1] >= eu && ch.text.includes('Total EU-stöd'));
      expect(holding.length, c.name).toBe(1);
      const box = holding[0];
      // the whole box: from its first field to the EU support
      expect(box.text).toMatch(/Genomförandeperiod/);
      expect(box.text).toMatch(/Projektägare/);
      const amount = /Total EU-stöd:\**\s*(.+)$/.exec(r.lines[eu - 1].trim())![1].trim();
      expect(box.text).toContain(amount);
      expect(box.context).toContain(c.name);
      expect(box.section).toMatch(/Faktaruta om projektet/);
      // nothing of the fact box is split into another chunk
      const others = chunks.filter((ch) => ch !== box && ch.text.includes('Genomförandeperiod') && ch.lines[0] >= c.factBox && ch.lines[1] <= eu);
      expect(others).toEqual([]);
    }
    expect(checked).toBeGreaterThanOrEqual(5);
    // TILLIT 2.3's box has "### Samarbetsparter:" between its fields; it must be among the boxes checked
    expect(withSubheading).toBeGreaterThanOrEqual(1);
  });

});

describe('line ranges and spans', () => {
  it('every chunk has docId, title, section and a line range inside the file', () => {
    expect(chunks.length).toBeGreaterThan(20);
    for (const c of chunks) {
      expect(c.docId).toBe('ramboll');
      expect(c.title).toBe('Fallstudier');
      expect(c.section.length).toBeGreaterThan(0);
      expect(c.lines[0]).toBeGreaterThanOrEqual(1);
      expect(c.lines[1]).toBeGreaterThanOrEqual(c.lines[0]);
      expect(c.lines[1]).toBeLessThanOrEqual(r.lines.length);
      expect(c.id).toMatch(/^ramboll#\d+$/);
    }
    expect(new Set(chunks.map((c) => c.id)).size).toBe(chunks.length);
  });

  it("a chunk's words occur in its raw lines", () => {
    for (const c of chunks) {
      const raw = r.lines.slice(c.lines[0] - 1, c.lines[1]).join(' ').toLowerCase().replace(/\s+/g, ' ');
      const words = (c.text.toLowerCase().match(/\p{L}{5,}/gu) ?? []).filter((w) => !/fi|fl/.test(w));
      const missing = words.filter((w) => !raw.includes(w));
      expect(missing.length / Math.max(1, words.length), `${c.id} lines ${c.lines}: ${missing.slice(0, 5).join(', ')}`).toBeLessThanOrEqual(0.05);
    }
  });

  it("spans start at 0, increase, stay inside the text and inside the chunk's lines", () => {
    for (const c of chunks) {
      expect(c.spans.length).toBeGreaterThan(0);
      expect(c.spans[0][0]).toBe(0);
      for (let i = 0; i < c.spans.length; i++) {
        const [start, a, b] = c.spans[i];
        expect(start).toBeLessThan(c.text.length);
        if (i > 0) expect(start).toBeGreaterThan(c.spans[i - 1][0]);
        expect(a).toBeGreaterThanOrEqual(c.lines[0]);
        expect(b).toBeLessThanOrEqual(c.lines[1]);
        expect(b).toBeGreaterThanOrEqual(a);
      }
    }
  });

  it("each span's first word is on its first raw line and its last word on its last", () => {
    for (const c of chunks) {
      c.spans.forEach(([start, a, b], i) => {
        const end = i + 1 < c.spans.length ? c.spans[i + 1][0] : c.text.length;
        const words = (c.text.slice(start, end).toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => !/fi|fl/.test(w));
        if (words.length < 2) return;
        expect(r.lines[a - 1].toLowerCase(), `${c.id} span ${i} first`).toContain(words[0]);
        expect(r.lines[b - 1].toLowerCase(), `${c.id} span ${i} last`).toContain(words[words.length - 1]);
      });
    }
  });
});

describe('numbered list items', () => {
  it("a list item's own number ends no sentence: \"1. Arbete\" stays one sentence with its lead-in's list", async () => {
    const text = '## Upplägg\n\nVerksamheten hade fyra delar:\n\n1. Odling\n2) Matlagning\n• 3. Försäljning i butiken. Butiken låg i centrum.\n';
    const sentences = await sentencesOf(text, 'lista');
    expect(sentences).toContain('Verksamheten hade fyra delar:');
    expect(sentences.some((s) => /^(?:•\s*)?1\. Odling$/.test(s))).toBe(true);
    expect(sentences.some((s) => /^(?:•\s*)?2\) Matlagning$/.test(s))).toBe(true);
    // a real sentence end inside the item still ends a sentence
    expect(sentences.some((s) => /^(?:•\s*)?3\. Försäljning i butiken\.$/.test(s))).toBe(true);
    expect(sentences).toContain('Butiken låg i centrum.');
    expect(sentences.some((s) => /^(?:•\s*)?\d[.)]$/.test(s))).toBe(false);
  });
});

describe('list items a slide wraps over a blank line', () => {
  it('a lowercase line after an item that ends mid-sentence is its rest; a paragraph after a finished item is not', async () => {
    const text = '## IOP\n\n• En form för partnerskap där bägge parter bidrar till\n\nverksamhetens finansiering\n\n• Används när det inte finns konkurrens.\n\ndärefter en rad som inte hör till punkten.\n';
    const sentences = await sentencesOf(text, 'bild');
    expect(sentences).toContain('• En form för partnerskap där bägge parter bidrar till verksamhetens finansiering');
    expect(sentences).toContain('• Används när det inte finns konkurrens.');
    expect(sentences.some((s) => s.startsWith('• Används') && s.includes('därefter'))).toBe(false);
  });
});

describe('links between sentences', () => {
  it('a link ends the sentence before it and starts none after it: the next paragraph\'s first words are a sentence of their own', async () => {
    const text =
      '## EU\n\nNot. 4 https://ec.europa.eu/social/main.jsp?langId=en&catId=89.\nhttps://ec.europa.eu/social/main.jsp?catId=738&further-\nPubs=yes\nhttps://ec.europa.eu/social/main.jsp?catId=1537\nSociala företag definieras i sin tur som företag som\n\n• säljer varor eller tjänster\n';
    const sentences = await sentencesOf(text, 'eu');
    expect(sentences).toContain('Sociala företag definieras i sin tur som företag som');
    // a link the PDF broke at a hyphen goes on: its rest ("Pubs=yes") is not a sentence
    expect(sentences.some((s) => s.startsWith('Pubs'))).toBe(false);
  });
});

describe('table rows that hold sentences', () => {
  it('each row after a blank line starts a sentence, so none runs from one row into the next; a table without full stops stays whole', async () => {
    const text =
      '## Upphandlingar\n\nTabell 2: Avtal under året\nKommun Avtal Kommentar\n\nLund 2 Avtal med Kafé Ek. Avser lunch.\n\nYstad 0\n\nEslöv 3 Avtal med Städhjälpen. Tre aktörer.\n\nHöör 1 Direktupphandling av flytt.\n';
    const sentences = await sentencesOf(text, 't');
    expect(sentences).toContain('Ystad 0');
    expect(sentences).toContain('Höör 1 Direktupphandling av flytt.');
    expect(sentences.some((s) => /Tre aktörer\..*Höör|Avser lunch\..*Ystad/.test(s))).toBe(false);
    const plain = '## Antal\n\nTabell 3: Antal företag\nKommun Start Slut\n\nLund 1 5\n\nYstad 4 8\n\nEslöv 0 1\n\nAntal 5 14\n';
    const [whole] = await chunkDocument({ docId: 'u', title: 'U', kind: 'report', access: 'public' }, cleanText(plain, corpusVocabulary()), corpusVocabulary());
    expect(whole.spans.length).toBe(1);
  });
});

describe('section paths', () => {
  it('a numbered heading replaces the open one of its level even when the level above was never read as a heading', async () => {
    // "2.1 Vad är samskapande?" ends in "?" and is not read as a heading: 2.1.4 must still not nest under 2.1.3
    const body = (w: string) => `${w} handlar om hur parterna arbetar tillsammans i staden över lång tid. `.repeat(8).trim();
    const text = ['2 Resultat', '', '2.1 Vad är samskapande?', '', '2.1.3 Processen', '', body('Processen'), '', '2.1.4 Mervärden', '', body('Mervärdet'), '', '3 Slutsatser', '', body('Slutsatsen'), ''].join('\n');
    const chunks = await chunkDocument({ docId: 'nivåer', title: 'Nivåer', kind: 'report', access: 'public' }, cleanText(text, corpusVocabulary()), corpusVocabulary());
    const sectionOf = (w: string) => chunks.find((c) => c.text.includes(`${w} handlar`))?.section;
    expect(sectionOf('Processen')).toBe('2 Resultat › 2.1.3 Processen');
    expect(sectionOf('Mervärdet')).toBe('2 Resultat › 2.1.4 Mervärden');
    expect(sectionOf('Slutsatsen')).toBe('3 Slutsatser');
  });
});

describe('notes under a paragraph', () => {
  it('footnotes, a caption and its source line are sentences of their own, not one run-on sentence', async () => {
    const text = [
      '## Resultat',
      '',
      'Gränserna mellan begreppen blir tydliga i intervjuerna där samverkan och samarbete återkommer ofta.',
      '',
      '1 Jotte De Koning & Renee Wever, Models of co-creation (2016)',
      '',
      '2 Forskarhubben, Samskapandeguiden, (2021)',
      '',
      'Figur 1 Relationen mellan samskapande och samverkan',
      '',
      'Källa: Utvärderarnas tolkning av intervjumaterial',
      '',
      'Samverkan kan beskrivas som ett systematiserat samarbete över tid mellan 3 parter',
      '16 intervjuer gjordes med representanter för näringslivet.',
      '',
    ].join('\n');
    const sentences = await sentencesOf(text, 'noter');
    expect(sentences).toContain('1 Jotte De Koning & Renee Wever, Models of co-creation (2016)');
    expect(sentences).toContain('2 Forskarhubben, Samskapandeguiden, (2021)');
    expect(sentences).toContain('Figur 1 Relationen mellan samskapande och samverkan');
    expect(sentences).toContain('Källa: Utvärderarnas tolkning av intervjumaterial');
    // a number that starts a line in the middle of a sentence continues it
    expect(sentences).toContain('Samverkan kan beskrivas som ett systematiserat samarbete över tid mellan 3 parter 16 intervjuer gjordes med representanter för näringslivet.');
  });
});
