/** The general English → Swedish word list: parsing, phrase matching, and English questions finding Swedish passages. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLexicon, translateEnglish } from '../../src/lexicon/bilingual.js';
import { stem } from '../../src/retrieval/analyzer.js';
import { expandQuery } from '../../src/lexicon/domain.js';
import { createAssistant, type CoreAssistant } from '../../src/assistant.js';
import { loadConfig } from '../../src/config.js';
import { rmrf, smallKnowledge, tempDir } from './helpers.js';
import { detectLanguage } from '../../src/answer/language.js';

describe('English → Swedish word list', () => {
  it('translates inflected English words through their stems', () => {
    const t = translateEnglish('Which municipalities had experiences of participating?');
    const terms = t.flatMap((x) => x.terms);
    expect(terms).toContain(stem('kommuner'));
    expect(terms).toContain(stem('erfarenheter'));
    expect(t.map((x) => x.via)).toContain('municipalities');
  });

  it('matches the longest phrase first ("labour market" is one concept, not "labour" + "market")', () => {
    const t = translateEnglish('the labour market for young people');
    const labour = t.find((x) => x.via === 'labour market');
    expect(labour).toBeDefined();
    expect(labour!.terms).toContain(stem('arbetsmarknaden'));
    expect(t.some((x) => x.via === 'labour')).toBe(false);
  });

  it('leaves English function words alone', () => {
    expect(translateEnglish('what is it about and with whom')).toEqual([]);
  });

  it('rejects a malformed line with its line number', () => {
    expect(() => parseLexicon('# ok\nkommun | municipality\nfel | a | b\n')).toThrow(/line 3/);
    expect(parseLexicon('kommun, kommuner | municipality, local authority').byKey.get('local author')).toBeDefined();
  });
});

describe('English questions over Swedish passages', () => {
  let assistant: CoreAssistant;
  const dirs: string[] = [];
  beforeAll(async () => {
    const knowledge = smallKnowledge([
      {
        file: 'erfarenhet.md',
        title: 'Erfarenheter i kommunerna',
        text: '# Erfarenheter\n\nTvå av kommunerna hade sedan flera år arbetat med lokala föreningar, medan de övriga saknade sådan erfarenhet helt.\n',
      },
      {
        file: 'cykel.md',
        title: 'Cykelverkstaden',
        text: '# Cykelverkstad\n\nCykelverkstaden lagar cyklar åt skolor och förskolor i hela regionen och har öppet på vardagar.\n',
      },
      {
        file: 'lokaler.md',
        title: 'Lokaler',
        text: '# Lokaler\n\nFöreningen hyr lokaler i centrum och delar dem med en kör på kvällarna.\n',
      },
    ]);
    const dataDir = tempDir('brygga-data-');
    dirs.push(knowledge, dataDir);
    assistant = await createAssistant(loadConfig({ BRYGGA_DATA_DIR: dataDir, BRYGGA_KNOWLEDGE_DIR: knowledge }));
  });
  afterAll(() => rmrf(...dirs));

  it('finds the Swedish passage for an English question with no glossary term in it', async () => {
    const hits = await assistant.retriever.search('Which of the municipalities had several years of experience, and which had none?', { audience: 'public', k: 3 });
    expect(hits[0].chunk.title).toBe('Erfarenheter i kommunerna');
    const q = assistant.retriever.queryTerms('Who repairs bicycles for schools?');
    expect(q.expanded).toContain(stem('skolor'));
    const bikes = await assistant.retriever.search('Who repairs bicycles for schools?', { audience: 'public', k: 3 });
    expect(bikes[0].chunk.title).toBe('Cykelverkstaden');
  });

  it('answers it in English with the Swedish quote, and counts translated words as covered', async () => {
    const r = await assistant.ask({ question: 'Which of the municipalities had several years of experience?', audience: 'public' });
    expect(r.answered).toBe(true);
    expect(r.language).toBe('en');
    expect(r.citations[0].quote).toMatch(/erfarenhet/);
  });

  it('does not translate the words of a Swedish question', () => {
    // an English word in a Swedish sentence: the word list would translate it, but the question is Swedish
    const question = 'Vilka kommuner hade erfarenhet av schools?';
    expect(translateEnglish(question).flatMap((t) => t.terms)).toContain(stem('skolor'));
    const q = assistant.retriever.queryTerms(question);
    const glossary = new Set(expandQuery(question).terms);
    expect(q.expanded.every((t) => glossary.has(t))).toBe(true);
    expect(q.expanded).not.toContain(stem('skolor'));
  });
});

describe('the language of a short message', () => {
  it.each([
    ['Tell me more', 'en'],
    ['hello', 'en'],
    ['Thanks!', 'en'],
    ['Berätta mer', 'sv'],
    ['hej', 'sv'],
    ['Tack!', 'sv'],
    ['Vad är ett socialt företag?', 'sv'],
    ['What is a social enterprise?', 'en'],
  ])('%s is %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });
});
