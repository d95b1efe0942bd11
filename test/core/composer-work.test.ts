/**
 * The answer composer's work per question (issue 17): the coverage features are worked out from
 * one look-up per sentence and question term, and the passages' analysis can be done ahead of the
 * questions (CoreAssistant.warm). Neither may change what a question gets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, type CoreAssistant } from '../../src/assistant.js';
import { candidates } from '../../src/answer/extractive.js';
import { passageAnalysed, passageInfo } from '../../src/answer/passages.js';
import { loadConfig } from '../../src/config.js';
import { analyzeQuestion } from '../../src/query/analysis.js';
import type { QueryTerms, Retriever } from '../../src/retrieval/search.js';
import { rmrf, smallKnowledge, tempDir } from './helpers.js';

const dirs: string[] = [];
let small: CoreAssistant;

beforeAll(async () => {
  const knowledge = smallKnowledge([
    {
      file: 'tallbacka.md',
      title: 'Tallbacka samverkar',
      text:
        '# Tallbacka samverkar\n\n## Samskapande i stadsdelen\n\nBegreppet samskapande innebär att kommunen och invånarna formar tjänsterna tillsammans från början. ' +
        'Arbetet startade i Tallbacka under 2019 med sex träffar.\n\nDeltagarna var boende, föreningar och två sociala företag. ' +
        'Upphandlingen av städtjänster reserverades för sociala företag.\n\n## Finansiering\n\nProjektet finansierades av Europeiska socialfonden med nio miljoner kronor. ' +
        'Kommunen bidrog med lokaler och personal.\n',
    },
    {
      file: 'granby.md',
      title: 'Granby bygger nätverk',
      text:
        '# Granby bygger nätverk\n\n## Sociala företag\n\nEtt socialt företag återinvesterar sin vinst i verksamheten. ' +
        'Granby kommun köpte catering från tre arbetsintegrerande sociala företag. Samverkan med näringslivet växte under projektet.\n',
    },
  ]);
  const data = tempDir('brygga-data-');
  dirs.push(knowledge, data);
  small = await createAssistant(loadConfig({ BRYGGA_DATA_DIR: data, BRYGGA_KNOWLEDGE_DIR: knowledge }));
});
afterAll(() => rmrf(...dirs));

/** the coverage as the features are defined: the idf-weighted share of core terms that `has` (or a translation of them) */
function coverageAsDefined(retriever: Retriever, q: QueryTerms, has: (t: string) => boolean): number {
  const weights = q.core.map((t) => retriever.termWeight(q, t));
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return 0;
  let have = 0;
  q.core.forEach((t, j) => {
    if (retriever.covers(q, t, has)) have += weights[j];
  });
  return have / total;
}

describe("the composer's coverage features", () => {
  it("count a question term or its translation in the sentence, its passage's context and its neighbours, as defined", async () => {
    const retriever = small.retriever;
    const questions: Array<[string, 'sv' | 'en']> = [
      ['Vad innebär samskapande i Tallbacka?', 'sv'],
      ['Hur finansierades projektet i Tallbacka?', 'sv'],
      ['What is co-creation and who took part in Tallbacka?', 'en'],
      ['Vilka sociala företag sålde catering i Granby?', 'sv'],
    ];
    let translated = 0;
    let checked = 0;
    for (const [question, language] of questions) {
      const analysis = analyzeQuestion(question, retriever, { language });
      const q = analysis.terms;
      translated += q.core.filter((t) => (q.alternatives.get(t) ?? []).length > 0).length;
      const hits = await retriever.search(analysis.text, { audience: 'public', k: 10, terms: q });
      for (const c of candidates({ analysis, hits, retriever })) {
        const { sentences, contextTerms } = passageInfo(c.hit.chunk, retriever.lexicon);
        const ctx = new Set(contextTerms);
        const k = sentences.indexOf(c.sentence);
        const s = c.sentence.terms;
        const before = sentences[k - 1]?.terms;
        const after = sentences[k + 1]?.terms;
        expect(c.features.coverage, question).toBe(coverageAsDefined(retriever, q, (t) => s.has(t)));
        expect(c.features.coverageWithContext, question).toBe(coverageAsDefined(retriever, q, (t) => s.has(t) || ctx.has(t)));
        expect(c.features.windowCoverage, question).toBe(coverageAsDefined(retriever, q, (t) => s.has(t) || ctx.has(t) || Boolean(before?.has(t)) || Boolean(after?.has(t))));
        expect(c.features.neighbourCoverage, question).toBe(Math.max(before ? coverageAsDefined(retriever, q, (t) => before.has(t)) : 0, after ? coverageAsDefined(retriever, q, (t) => after.has(t)) : 0));
        checked++;
      }
    }
    // the English question's words reach the Swedish passages through translations, which count too
    expect(translated).toBeGreaterThan(0);
    expect(checked).toBeGreaterThan(10);
  });
});

describe('what a sentence must have for the answer type', () => {
  const typeMatches = async (question: string) => {
    const retriever = small.retriever;
    const analysis = analyzeQuestion(question, retriever);
    const hits = await retriever.search(analysis.text, { audience: 'public', k: 10, terms: analysis.terms });
    return new Map(candidates({ analysis, hits, retriever }).map((c) => [c.sentence.text, c.features]));
  };

  it('"vem …?" is answered by a name the question does not have itself', async () => {
    const who = await typeMatches('Vem finansierade projektet i Tallbacka?');
    // "Tallbacka" is what the question is about; "Europeiska socialfonden" answers it
    expect(who.get('Arbetet startade i Tallbacka under 2019 med sex träffar.')?.typeMatch).toBe(0);
    expect(who.get('Projektet finansierades av Europeiska socialfonden med nio miljoner kronor.')?.typeMatch).toBe(1);
  });

  it('"hur många X …": the count must be of X, the words right after "hur många", not of another thing the question names', async () => {
    const f = await typeMatches('Hur många deltagare var med på träffarna i Tallbacka?');
    // "sex träffar" counts meetings, not participants
    expect(f.get('Arbetet startade i Tallbacka under 2019 med sex träffar.')?.quantityAtNumber).toBe(0);
    const g = await typeMatches('Hur många träffar hade Tallbacka?');
    expect(g.get('Arbetet startade i Tallbacka under 2019 med sex träffar.')?.quantityAtNumber).toBe(1);
  });

  it('"vilken X …?": a sentence whose window lacks the asked noun X is marked', async () => {
    const f = await typeMatches('Vilken lön hade personalen i Tallbacka?');
    expect(f.get('Arbetet startade i Tallbacka under 2019 med sex träffar.')?.askedMissing).toBe(1);
    const g = await typeMatches('Vilken finansiering fick Tallbacka?');
    expect(g.get('Projektet finansierades av Europeiska socialfonden med nio miljoner kronor.')?.askedMissing).toBe(0);
  });
});

describe('warm', () => {
  it('analyses every passage ahead of the questions, and the answers stay the same', async () => {
    const data = tempDir('brygga-data-');
    dirs.push(data);
    const fresh = await createAssistant(loadConfig({ BRYGGA_DATA_DIR: data, BRYGGA_KNOWLEDGE_DIR: dirs[0] }));
    const chunks = fresh.index.data.chunks;
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.some((c) => passageAnalysed(c))).toBe(false);
    await fresh.warm();
    expect(chunks.every((c) => passageAnalysed(c))).toBe(true);
    const question = 'Hur finansierades projektet i Tallbacka?';
    const warmed = await fresh.ask({ question, audience: 'public' });
    // the same answer as an assistant that analyses the passages as questions reach them
    const other = await small.ask({ question, audience: 'public' });
    const { timings: _a, ...w } = warmed;
    const { timings: _b, ...c } = other;
    expect(w).toEqual(c);
    expect(w.answered).toBe(true);
  });
});
