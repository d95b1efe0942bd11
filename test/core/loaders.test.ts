/** Loaders for .pdf, .docx, .html and .md, proven on files made in the test; unreadable files are skipped. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { loadFile, LoadError } from '../../src/ingest/loaders.js';
import { ingest, loadIndex } from '../../src/ingest/ingest.js';
import { rmrf, smallKnowledge, tempDir } from './helpers.js';

const dirs: string[] = [];
const dir = tempDir();
dirs.push(dir);
afterAll(() => rmrf(...dirs));

async function makePdf(pages: string[][]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = pdf.addPage([595, 842]);
    lines.forEach((l, i) => page.drawText(l, { x: 50, y: 780 - i * 20, size: 12, font }));
  }
  return Buffer.from(await pdf.save());
}

describe('PDF', () => {
  it('returns the text of both pages and the page of each line', async () => {
    const file = path.join(dir, 'rapport.pdf');
    fs.writeFileSync(
      file,
      await makePdf([
        ['Sociala företag i Malmö', 'Kommunen köper tjänster av sociala företag.'],
        ['Uppföljning år två', 'Fler deltagare fick arbete efter projektet.'],
      ]),
    );
    const loaded = await loadFile(file);
    expect(loaded.text).toContain('Sociala företag i Malmö');
    expect(loaded.text).toContain('Kommunen köper tjänster av sociala företag.');
    expect(loaded.text).toContain('Fler deltagare fick arbete efter projektet.');
    const lines = loaded.text.split('\n');
    expect(loaded.pageOfLine).toHaveLength(lines.length);
    const pageOf = (needle: string) => loaded.pageOfLine![lines.findIndex((l) => l.includes(needle))];
    expect(pageOf('Kommunen köper')).toBe(1);
    expect(pageOf('Fler deltagare')).toBe(2);
  });

  it('throws LoadError naming the file for a corrupt PDF', async () => {
    const file = path.join(dir, 'trasig.pdf');
    fs.writeFileSync(file, Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256)));
    const err = await loadFile(file).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LoadError);
    expect((err as LoadError).message).toContain('trasig.pdf');
    expect((err as LoadError).file).toBe(file);
  });
});

describe('DOCX', () => {
  it('turns a heading into a "# " line and keeps the paragraphs', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: 'Riktlinje för upphandling', heading: HeadingLevel.HEADING_1 }),
            new Paragraph('Kommunen ska använda reserverade kontrakt när det är möjligt.'),
            new Paragraph({ text: 'Uppföljning', heading: HeadingLevel.HEADING_2 }),
            new Paragraph('Riktlinjen följs upp varje år av kommunstyrelsen.'),
          ],
        },
      ],
    });
    const file = path.join(dir, 'riktlinje.docx');
    fs.writeFileSync(file, await Packer.toBuffer(doc));
    const loaded = await loadFile(file);
    const lines = loaded.text.split('\n');
    expect(lines).toContain('# Riktlinje för upphandling');
    expect(lines).toContain('## Uppföljning');
    expect(lines).toContain('Kommunen ska använda reserverade kontrakt när det är möjligt.');
    expect(lines.indexOf('## Uppföljning')).toBeLessThan(lines.indexOf('Riktlinjen följs upp varje år av kommunstyrelsen.'));
  });

  it('throws LoadError for a .docx that is not a zip', async () => {
    const file = path.join(dir, 'inte-en.docx');
    fs.writeFileSync(file, 'det här är ingen docx');
    await expect(loadFile(file)).rejects.toThrow(LoadError);
  });
});

describe('HTML and plain text', () => {
  it('keeps headings, paragraphs and list items, drops scripts and navigation', async () => {
    const file = path.join(dir, 'sida.html');
    fs.writeFileSync(
      file,
      `<!doctype html><html><head><title>Om IOP</title><style>p{color:red}</style><script>var hemligt = 1;</script></head>
<body><nav>Meny Hem Kontakt</nav><h1>Idéburet offentligt partnerskap</h1>
<p>Ett IOP är en   samverkansform mellan kommunen och idéburen sektor.</p>
<ul><li>Långsiktigt</li><li>Jämbördigt</li></ul></body></html>`,
    );
    const loaded = await loadFile(file);
    const lines = loaded.text.split('\n');
    expect(lines).toContain('# Idéburet offentligt partnerskap');
    expect(lines).toContain('Ett IOP är en samverkansform mellan kommunen och idéburen sektor.');
    expect(lines).toContain('• Långsiktigt');
    expect(lines).toContain('• Jämbördigt');
    expect(loaded.text).not.toContain('hemligt');
    expect(loaded.text).not.toContain('Meny');
    expect(loaded.text).not.toContain('color');
    expect(loaded.title).toBe('Om IOP');
  });

  it('reads a markdown title; a missing file and an unsupported type are LoadErrors', async () => {
    const md = path.join(dir, 'not.md');
    fs.writeFileSync(md, '# Mötesanteckningar\n\nVi träffades i stadshuset.\n');
    expect((await loadFile(md)).title).toBe('Mötesanteckningar');
    await expect(loadFile(path.join(dir, 'finns-inte.txt'))).rejects.toThrow(/finns-inte\.txt/);
    const odd = path.join(dir, 'bild.png');
    fs.writeFileSync(odd, 'x');
    await expect(loadFile(odd)).rejects.toThrow(LoadError);
  });
});

describe('ingest with an unreadable file', () => {
  it('indexes the good document and reports the corrupt PDF in skipped, by name', async () => {
    const knowledge = smallKnowledge([
      {
        file: 'bra.md',
        title: 'Samverkan i Exempelstad',
        text: '# Samverkan i Exempelstad\n\nExempelstad samverkar med tre arbetsintegrerande sociala företag om städning och catering.\n',
      },
      { file: 'trasig.pdf', text: Buffer.from('%PDF-1.7\n' + 'x'.repeat(500)), title: 'Trasig rapport' },
    ]);
    const dataDir = tempDir('brygga-data-');
    dirs.push(knowledge, dataDir);
    const warnings: string[] = [];
    const summary = await ingest({ knowledgeDir: knowledge, dataDir, logger: { info: () => {}, warn: (m) => warnings.push(m) } });
    expect(summary.documents).toBe(1);
    expect(summary.skipped).toHaveLength(1);
    expect(summary.skipped[0].file).toBe('trasig.pdf');
    expect(summary.skipped[0].reason).toContain('trasig.pdf');
    expect(warnings.some((w) => w.includes('trasig.pdf'))).toBe(true);
    const index = await loadIndex(dataDir);
    expect(index?.data.docs.map((d) => d.path)).toEqual(['bra.md']);
    expect(index?.data.chunks.some((c) => c.text.includes('arbetsintegrerande sociala företag'))).toBe(true);
  });
});
