/** The Swedish analyzer, the glossary and the audience filter inside retrieval. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, BASE_LEXICON, Lexicon, splitCompound, stem, tokenize } from '../../src/retrieval/analyzer.js';
import { expandQuery } from '../../src/lexicon/domain.js';
import { createAssistant, type CoreAssistant } from '../../src/assistant.js';
import { loadConfig } from '../../src/config.js';
import { rmrf, smallKnowledge, tempDir } from './helpers.js';

describe('analyzer', () => {
  it('gives Swedish and English decimal numbers the same token', () => {
    const sv = tokenize('79,8 miljoner kronor');
    const en = tokenize('79.8 million');
    expect(sv[0]).toBe(en[0]);
    expect(analyze('Totalt 79,8 miljoner')).toContain(analyze('79.8 million')[0]);
  });

  it('joins thousands written with a space: "3 169" → "3169" (also with a non-breaking space)', () => {
    expect(tokenize('Totalt deltog 3 169 individer')).toContain('3169');
    expect(tokenize('3\u00a0169 deltagare')).toContain('3169');
    expect(tokenize('3169')).toEqual(['3169']);
    // two separate small numbers stay apart
    expect(tokenize('15 och 24 år')).toEqual(['15', 'och', '24', 'år']);
  });

  it('splits "arbetsmarknadsförvaltningen" into parts including a "förvaltning" stem', () => {
    const parts = splitCompound('arbetsmarknadsförvaltningen', BASE_LEXICON);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(parts.map(stem)).toContain(stem('förvaltning'));
    expect(parts.join('')).toMatch(/^arbets?marknads?förvaltningen$/);
    const terms = analyze('Arbetsmarknadsförvaltningen i Helsingborg');
    expect(terms).toContain(stem('förvaltning'));
    expect(terms).toContain(stem('arbetsmarknadsförvaltningen'));
  });

  it('does not split short words or words of unknown parts', () => {
    expect(splitCompound('företag', BASE_LEXICON)).toEqual([]);
    expect(splitCompound('påbörjades', new Lexicon())).toEqual([]);
  });

  it('splits a compound with a short last word (förberedelse|fas, stads|del) but not a derivation', () => {
    const lexicon = new Lexicon([
      ['förberedelse', 5],
      ['fasen', 8],
      ['faser', 4],
      ['stad', 40],
      ['delen', 9],
      ['verksam', 6],
      ['heter', 5],
      ['företag', 50],
      ['tagare', 3],
    ]);
    expect(splitCompound('förberedelsefas', lexicon)).toEqual(['förberedelse', 'fas']);
    expect(splitCompound('stadsdelen', lexicon).map(stem)).toEqual([stem('stad'), stem('delen')]);
    // an ending that is also a short word is not a part
    expect(splitCompound('verksamheter', lexicon)).toEqual([]);
    expect(splitCompound('företagare', lexicon)).toEqual([]);
    expect(analyze('förberedelsefasen', { lexicon })).toContain(stem('faser'));
  });

  it('does not split a common word into rare fragments that PDF extraction left behind', () => {
    // "kommu nens" and "organisa tioner" broke somewhere, but the whole words are far more common
    const lexicon = new Lexicon([
      ['kommunens', 300],
      ['komm', 1],
      ['unens', 2],
      ['organisationer', 40],
      ['organisa', 2],
      ['tioner', 2],
      ['projekt', 200],
      ['ledare', 6],
    ]);
    expect(splitCompound('kommunens', lexicon)).toEqual([]);
    expect(splitCompound('organisationer', lexicon)).toEqual([]);
    expect(splitCompound('projektledare', lexicon)).toEqual(['projekt', 'ledare']);
  });

  it('knows a word whose root it has seen ("förvaringen" from "förvaras"), not an unrelated one', () => {
    const lexicon = new Lexicon(['förvaras', 'upphandling']);
    expect(lexicon.knowsRoot('förvaringen')).toBe(true);
    expect(lexicon.knowsRoot('förvaltningen')).toBe(false);
    expect(lexicon.knowsRoot('sommarrekrytering')).toBe(false);
  });

  it('drops stopwords and stems the rest', () => {
    const terms = analyze('Det är de sociala företagen som finns i kommunen');
    expect(terms).not.toContain('det');
    expect(terms).not.toContain('är');
    expect(terms).toContain(stem('företagen'));
    expect(stem('företagen')).toBe(stem('företag'));
  });
});

describe('glossary', () => {
  it('expands "social enterprise procurement" to Swedish stems of "företag" and "upphandling"', () => {
    const { terms, matched } = expandQuery('social enterprise procurement');
    expect(matched.length).toBeGreaterThan(0);
    expect(terms).toContain(stem('företag'));
    expect(terms).toContain(stem('upphandling'));
  });

  it('expands abbreviations to their spelled-out forms', () => {
    expect(expandQuery('Vad är IOP?').terms).toContain(stem('partnerskap'));
    expect(expandQuery('What did ESF fund?').terms).toContain(stem('socialfonden'));
  });

  it('adds nothing for a question without glossary terms', () => {
    expect(expandQuery('Zorblax qwerty').terms).toEqual([]);
  });
});

describe('audience filter inside retrieval', () => {
  let assistant: CoreAssistant;
  const dirs: string[] = [];
  beforeAll(async () => {
    const knowledge = smallKnowledge([
      {
        file: 'offentlig.md',
        title: 'Offentlig rapport om sociala företag',
        access: 'public',
        text: '# Sociala företag i Exempelstad\n\nExempelstad köper städtjänster av arbetsintegrerande sociala företag. Avtalen följs upp varje år av kommunen.\n',
      },
      {
        file: 'intern.md',
        title: 'Intern budget för Kvistraprojektet',
        access: 'internal',
        text: '# Kvistraprojektets budget\n\nKvistraprojektet har en intern budget på 4 200 000 kronor för sociala företag under 2026. Styrgruppen för Kvistraprojektet möts varje tisdag.\n',
      },
    ]);
    const dataDir = tempDir('brygga-data-');
    dirs.push(knowledge, dataDir);
    assistant = await createAssistant(loadConfig({ BRYGGA_DATA_DIR: dataDir, BRYGGA_KNOWLEDGE_DIR: knowledge }));
  });
  afterAll(() => rmrf(...dirs));

  it("'public' never gets the internal chunk, even for a query only it matches", async () => {
    const internalDoc = assistant.index.data.docs.find((d) => d.access === 'internal')!;
    expect(internalDoc).toBeDefined();
    for (const q of ['Kvistraprojektet budget styrgruppen', 'Vad är budgeten för Kvistraprojektet?', 'sociala företag']) {
      const hits = await assistant.retriever.search(q, { audience: 'public', k: 10 });
      expect(hits.every((h) => h.chunk.access === 'public'), q).toBe(true);
      expect(hits.some((h) => h.chunk.docId === internalDoc.docId), q).toBe(false);
      expect(hits.some((h) => h.chunk.text.includes('Kvistra')), q).toBe(false);
    }
    const res = await assistant.ask({ question: 'Hur stor är budgeten för Kvistraprojektet?', audience: 'public' });
    expect(JSON.stringify(res)).not.toContain('Kvistra');
  });

  it("'internal' (and 'restricted') get the internal chunk first for that query", async () => {
    for (const audience of ['internal', 'restricted'] as const) {
      const hits = await assistant.retriever.search('Kvistraprojektet budget styrgruppen', { audience, k: 10 });
      expect(hits[0]?.chunk.text, audience).toContain('Kvistraprojektet');
      expect(hits[0]?.chunk.access).toBe('internal');
    }
  });

  it('the public document is found by every audience', async () => {
    for (const audience of ['public', 'internal'] as const) {
      const hits = await assistant.retriever.search('städtjänster arbetsintegrerande', { audience, k: 10 });
      expect(hits[0]?.chunk.text).toContain('städtjänster');
    }
  });
});
