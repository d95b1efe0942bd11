/**
 * A count of a part of a group answers only when it names the part (issue 12, unanswerable questions answered: "Hur
 * många av deltagarna i Boost by FC Rosengård II var tjejer?" was answered with the count of all participants, "Totalt
 * deltog 3 169 individer"). Checked through the whole assistant over a small knowledge folder, and the reading of the
 * question on its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, type CoreAssistant } from '../../src/assistant.js';
import { askedSubgroup } from '../../src/answer/extractive.js';
import { loadConfig } from '../../src/config.js';
import { rmrf, smallKnowledge, tempDir } from './helpers.js';

const dirs: string[] = [];
let assistant: CoreAssistant;

beforeAll(async () => {
  const knowledge = smallKnowledge([
    {
      file: 'projekt.md',
      title: 'Två arbetsmarknadsprojekt',
      text:
        '# Två arbetsmarknadsprojekt\n\n## Rydebäcksprojektet\n\nRydebäcksprojektet vände sig till unga arbetslösa i Rydebäck. Totalt deltog 300 ungdomar i Rydebäcksprojektet under de tre åren. ' +
        'Projektet samarbetade med idrottsföreningar.\n\n## Norrbyprojektet\n\nNorrbyprojektet gav stöd till långtidsarbetslösa i Norrby. I Norrbyprojektet deltog 120 personer, varav 70 kvinnor och 50 män. ' +
        'Deltagarna fick en personlig coach.\n',
    },
  ]);
  const data = tempDir('brygga-data-');
  dirs.push(knowledge, data);
  assistant = await createAssistant(loadConfig({ BRYGGA_DATA_DIR: data, BRYGGA_KNOWLEDGE_DIR: knowledge }));
});

afterAll(() => {
  for (const d of dirs) rmrf(d);
});

describe('a count of a part of a group', () => {
  it('the count of the whole group does not say how large a part of it was', async () => {
    const r = await assistant.ask({ question: 'Hur många av deltagarna i Rydebäcksprojektet var tjejer?', audience: 'public' });
    expect(r.answered).toBe(false);
  });
  it('… a count that names the part does', async () => {
    const r = await assistant.ask({ question: 'Hur många av deltagarna i Norrbyprojektet var kvinnor?', audience: 'public' });
    expect(r.answered).toBe(true);
    expect(r.citations.filter((c) => !c.related).map((c) => c.quote).join(' ')).toContain('70 kvinnor');
  });
  it('reads the part from a copula that ends the asking sentence', () => {
    expect(askedSubgroup('Hur många av deltagarna i Boost var tjejer?')).toBe('tjejer');
    expect(askedSubgroup('Hur många av deltagarna var kvinnor respektive män?')).toBe('kvinnor respektive män');
    expect(askedSubgroup('Did 140 people take part, and how many of them were women?')).toBe('women');
    // a part asked for by what it did, or a question about the whole, names none
    expect(askedSubgroup('Hur många av kommunerna var med från början?')).toBeNull();
    expect(askedSubgroup('Hur många av de tolv kommunerna hade ett IOP?')).toBeNull();
    expect(askedSubgroup('Hur många deltagare var kvinnor?')).toBeNull();
  });
});
