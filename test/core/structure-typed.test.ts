/**
 * Extraction damage that cut answers from their topic (issue 12, second round): subheadings the PDF
 * extract left unmarked, and the last sentence of a section left in a passage of its own. Own texts.
 */
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../src/ingest/chunk.js';
import { cleanText } from '../../src/ingest/clean.js';
import { corpusVocabulary } from './helpers.js';

const vocab = corpusVocabulary();
const doc = { docId: 'd', title: 'Rapport', kind: 'report', access: 'public' as const };

describe('unmarked subheadings', () => {
  const text = [
    'KAPITEL 2',
    'Bakgrund',
    '',
    'Kommunen har länge köpt tjänster av föreningar. Det har fungerat väl i flera',
    'förvaltningar och nämnder, och både politiker och tjänstepersoner har varit nöjda med hur',
    'arbetet har gått under de senaste åren i hela kommunen.',
    ' Samarbete med föreningar i ',
    ' mindre orter',
    'Föreningarna på landsbygden driver ofta både café och lanthandel. De anställer',
    'personer som står långt från arbetsmarknaden.',
    '',
    'Bidragen betalades ut av',
    'Tillväxtverket. Det skedde två gånger.',
    '',
    'Kommun Ansvar Kontakt Styrgrupp',
    'Ale Ja Nej Ja',
  ].join('\n');
  const lines = cleanText(text, vocab);
  const headings = lines.filter((l) => l.heading).map((l) => [l.heading, l.text]);

  it('a title between a finished sentence and a capitalized line is a heading below the chapter, over its two lines', () => {
    expect(headings).toContainEqual([2, 'Samarbete med föreningar i mindre orter']);
  });

  it('a line that runs on into a name, or a table header, is not a heading', () => {
    expect(headings.map((h) => h[1])).not.toContain('Bidragen betalades ut av');
    expect(headings.map((h) => h[1])).not.toContain('Kommun Ansvar Kontakt Styrgrupp');
    expect(headings).toHaveLength(2);
  });

  it('the subsection starts its own passage, labelled by its title', async () => {
    const chunks = await chunkDocument(doc, lines, vocab, { targetWords: 180, maxWords: 300 });
    const cafe = chunks.find((c) => c.text.includes('lanthandel'))!;
    expect(cafe.section).toContain('Samarbete med föreningar i mindre orter');
    expect(cafe.text).not.toContain('köpt tjänster');
  });
});

describe('the end of a section', () => {
  it('a last sentence of a few words joins the passage before it instead of standing alone', async () => {
    // the passage closes after a sentence too long to repeat as overlap, so the tail would stand alone
    const long =
      Array.from({ length: 4 }, (_, i) => `Mening ${i + 1} om hur kommunen köper tjänster av sociala företag i länet varje år.`).join(' ') +
      ' Den sista meningen är lång och räknar upp städning, catering, flyttjänster, trädgårdsskötsel, tvätt, cykelreparationer, möbelrenovering, vaktmästeri, kontorsservice, snöskottning och många andra tjänster som kommunen har köpt av föreningar och sociala företag under året.';
    const text = ['# Inköp', '', long, '', 'Minskningen i Ale beror på en konkurs.', '', '# Nästa avsnitt', '', 'Här börjar något annat om cyklar och verkstäder i staden.'].join('\n');
    const chunks = await chunkDocument(doc, cleanText(text, vocab), vocab, { targetWords: 60, maxWords: 100 });
    const tail = chunks.find((c) => c.text.includes('konkurs'))!;
    expect(tail.text).toContain('Mening 1 ');
    expect(chunks.every((c) => c.text !== 'Minskningen i Ale beror på en konkurs.')).toBe(true);
  });
});
