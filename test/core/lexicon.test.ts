/** The one lexicon (src/lexicon/): its format, its files, and the views built on it. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConcepts, parseConcepts } from '../../src/lexicon/lexicon.js';
import { expandQuery, glossarySize } from '../../src/lexicon/domain.js';
import { swedishStemsFor, translateEnglish } from '../../src/lexicon/bilingual.js';
import { expandEveryday } from '../../src/lexicon/everyday.js';
import { support } from '../../src/llm/lexical.js';
import { stem, tokenize } from '../../src/retrieval/analyzer.js';
import { createAssistant, type CoreAssistant } from '../../src/assistant.js';
import { loadConfig } from '../../src/config.js';
import { KNOWLEDGE, REPORTS, rmrf, smallKnowledge, tempDir } from './helpers.js';

describe('lexicon format', () => {
  it('parses "svenska | english" lines with comma-separated forms and skips comments', () => {
    const c = parseConcepts('# kommentar\n\nkommun, kommuner | municipality, local council\n', 'x.txt');
    expect(c).toEqual([{ line: 3, sv: ['kommun', 'kommuner'], other: ['municipality', 'local council'] }]);
  });

  it('names the file and line of a malformed line: no bar, two bars, or an empty side', () => {
    expect(() => parseConcepts('kommun\n', 'a.txt')).toThrow(/a\.txt line 1/);
    expect(() => parseConcepts('ok | ok\nfel | a | b\n', 'b.txt')).toThrow(/b\.txt line 2/);
    expect(() => parseConcepts('ok | ok\n\n | municipality\n', 'c.txt')).toThrow(/c\.txt line 3/);
    expect(() => parseConcepts('kommun | , \n', 'd.txt')).toThrow(/d\.txt line 1/);
  });

  it('loads all three word lists of the folder', () => {
    expect(loadConcepts('domain.txt').length).toBe(glossarySize());
    expect(glossarySize()).toBeGreaterThan(100);
    expect(loadConcepts('sv-en.txt').length).toBeGreaterThan(1500);
    expect(loadConcepts('sv-vardag.txt').length).toBeGreaterThan(150);
  });

  it('maps everyday Swedish only to words the reports use', () => {
    const files = [...fs.readdirSync(REPORTS).filter((f) => f.endsWith('.txt')).map((f) => path.join(REPORTS, f)), path.join(KNOWLEDGE, 'policies/riktlinje-sociala-foretag-exempelkommun.md')];
    const stems = new Set(tokenize(files.map((f) => fs.readFileSync(f, 'utf8')).join('\n')).map(stem));
    const missing = loadConcepts('sv-vardag.txt').flatMap((c) => c.sv.filter((f) => !tokenize(f).some((t) => stems.has(stem(t)))).map((f) => `${c.line}: ${f}`));
    expect(missing).toEqual([]);
  });
});

describe('views', () => {
  it('domain: any form of a concept, in either language, brings all its forms', () => {
    expect(expandQuery('Vad är IOP?').terms).toContain(stem('partnerskap'));
    expect(expandQuery('idea-based public partnership').terms).toContain(stem('iop'));
    // a two-letter abbreviation names its concept when typed in capitals, not as a lowercase word
    expect(expandQuery('Vem från AF satt med i gruppen?').terms).toContain(stem('arbetsförmedlingen'));
    expect(expandQuery('Äger KS eller KF riktlinjen?').terms).toEqual(expect.arrayContaining([stem('kommunstyrelsen'), stem('kommunfullmäktige')]));
    expect(expandQuery('ks och af').terms).not.toContain(stem('arbetsförmedlingen'));
    const town = expandQuery('Which municipality?').concepts.find((c) => c.via === 'municipality');
    expect(town?.terms).toContain(stem('kommuner'));
  });

  it('English: everyday words reach the reports\' words (issue → problem, town hall → kommun)', () => {
    expect(translateEnglish('a big issue').flatMap((t) => t.terms)).toContain(stem('problem'));
    const hall = translateEnglish('what did the town hall do').find((t) => t.via === 'town hall');
    expect(hall?.terms).toContain(stem('kommun'));
    expect(translateEnglish('the labor market and the labour market').filter((t) => t.via.endsWith('market')).length).toBe(2);
  });

  it('citation checker: an English word gets the stems of its Swedish translations', () => {
    expect(swedishStemsFor('municipalities')).toContain(stem('kommun'));
    expect(swedishStemsFor('zorblax')).toEqual([]);
    expect(support('The municipality procured cleaning.', 'Kommunen upphandlade städning av lokaler.').score).toBe(1);
    expect(support('The municipality procured bicycles.', 'Kommunen upphandlade städning av lokaler.').score).toBeLessThan(1);
  });

  it('everyday Swedish: inflected colloquial words and phrases, longest first', () => {
    const funkar = expandEveryday('Hur funkade det?');
    expect(funkar.map((m) => m.via)).toEqual(['funkade']);
    expect(funkar[0].terms).toContain(stem('fungerar'));
    const ihop = expandEveryday('Hur kan kommuner och föreningar jobba ihop?');
    expect(ihop.map((m) => m.via)).toContain('jobba ihop');
    expect(ihop.flatMap((m) => m.terms)).toContain(stem('samverka'));
    expect(expandEveryday('Vilka kommuner deltog i projektet?')).toEqual([]);
    // function words name nothing on their own
    expect(expandEveryday('och att som men')).toEqual([]);
  });
});

describe('everyday Swedish in search', () => {
  let assistant: CoreAssistant;
  const dirs: string[] = [];
  beforeAll(async () => {
    const knowledge = smallKnowledge([
      { file: 'samverkan.md', title: 'Samverkan', text: '# Samverkan\n\nSamverkan mellan kommunen och föreningarna fungerar bäst när rollerna är tydliga från början.\n' },
      { file: 'lokaler.md', title: 'Lokaler', text: '# Lokaler\n\nFöreningen hyr lokaler i centrum och delar dem med en kör på kvällarna.\n' },
      { file: 'mat.md', title: 'Mat', text: '# Mat\n\nSkolköket lagar mat åt förskolorna varje vardag.\n' },
    ]);
    const dataDir = tempDir('brygga-data-');
    dirs.push(knowledge, dataDir);
    assistant = await createAssistant(loadConfig({ BRYGGA_DATA_DIR: dataDir, BRYGGA_KNOWLEDGE_DIR: knowledge }));
  });
  afterAll(() => rmrf(...dirs));

  it('a colloquial word counts as the report word it means, as an alternative, never above it', async () => {
    const q = assistant.retriever.queryTerms('Hur funkar det när kommunen och föreningarna jobbar ihop?', 'sv');
    expect(q.alternatives.get(stem('funkar'))).toContain(stem('fungerar'));
    const hits = await assistant.retriever.search('Hur funkar det när man jobbar ihop?', { audience: 'public', k: 3 });
    expect(hits[0].chunk.title).toBe('Samverkan');
  });

  it('is not used for English questions', () => {
    const q = assistant.retriever.queryTerms('How does it funkar?', 'en');
    expect(q.alternatives.get(stem('funkar')) ?? []).not.toContain(stem('fungerar'));
  });
});
