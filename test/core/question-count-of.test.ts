/**
 * A count answers only for what it counts (a newcomer trial through `brygga serve`, session 17): "hur många var med i
 * fokusgrupperna?" is not answered by "Två fokusgrupper har genomförts" (a count of the groups), and "hur många
 * upphandlingar gjordes?" not by "fem kommuner genomförde upphandlingar" (a count of municipalities). Checked through
 * the whole assistant over a small knowledge folder, and the rule's reading of a sentence on its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, type CoreAssistant } from '../../src/assistant.js';
import { countsOnlyNamed } from '../../src/answer/extractive.js';
import { loadConfig } from '../../src/config.js';
import { rmrf, smallKnowledge, tempDir } from './helpers.js';

const dirs: string[] = [];
let assistant: CoreAssistant;

/** The whole assistant over a small knowledge folder of `docs`, in temporary dirs removed after the file. */
async function assistantOver(docs: Parameters<typeof smallKnowledge>[0]): Promise<CoreAssistant> {
  const knowledge = smallKnowledge(docs);
  const data = tempDir('brygga-data-');
  dirs.push(knowledge, data);
  return createAssistant(loadConfig({ BRYGGA_DATA_DIR: data, BRYGGA_KNOWLEDGE_DIR: knowledge }));
}

beforeAll(async () => {
  assistant = await assistantOver([
    {
      file: 'dalby.md',
      title: 'Dalby samskapar',
      text:
        '# Dalby samskapar\n\n## Metod\n\nStudien bygger på dokument och samtal. Två workshoppar har genomförts med boende i Dalby under hösten. ' +
        'De har syftat till att fånga behoven hos de boende i stadsdelen.\n\n## Upphandling\n\nUnder projektperioden har fyra kommuner genomfört upphandlingar av sociala företag. ' +
        'Dalby har upphandlat lokalvård och catering.\n\n## Övrigt\n\nKommunen ordnade också en mässa om återbruk för företagare i regionen.\n',
    },
  ]);
});

afterAll(() => {
  for (const d of dirs) rmrf(d);
});

describe('a count answers only for what it counts', () => {
  it('a count of the groups does not say how many took part in them', async () => {
    const r = await assistant.ask({ question: 'Hur många var med i workshopparna med boende?', audience: 'public' });
    expect(r.answered).toBe(false);
  });
  it('a count of municipalities does not say how many procurements there were', async () => {
    const r = await assistant.ask({ question: 'Hur många upphandlingar av sociala företag gjordes under projektperioden?', audience: 'public' });
    expect(r.answered).toBe(false);
  });
  it('… and does say how many municipalities procured', async () => {
    const r = await assistant.ask({ question: 'Hur många kommuner har genomfört upphandlingar av sociala företag?', audience: 'public' });
    expect(r.answered).toBe(true);
    expect(r.citations.map((c) => c.quote).join(' ')).toMatch(/fyra kommuner/);
  });
});

describe('countsOnlyNamed', () => {
  it('is true when every figure counts a word of the question', () => {
    expect(countsOnlyNamed('Två fokusgrupper har genomförts med invånare.', 'hur många var med i fokusgrupperna?')).toBe(true);
  });
  it('is false when a figure counts something else, or there is none', () => {
    expect(countsOnlyNamed('Två fokusgrupper med sex respektive sju personer.', 'hur många var med i fokusgrupperna?')).toBe(false);
    expect(countsOnlyNamed('Fokusgrupperna var välbesökta.', 'hur många var med i fokusgrupperna?')).toBe(false);
  });
});

describe('a question for who holds a post', () => {
  let small: CoreAssistant;
  beforeAll(async () => {
    small = await assistantOver([
      {
        file: 'lindby.md',
        title: 'Lindby arbetsmarknadsprojekt',
        text:
          '# Lindby arbetsmarknadsprojekt\n\n## Genomförande\n\nProjektet drevs i Lindby kommun under tre år. Samtidigt uppger projektledaren i Lindby att det varit svårt att nå arbetsgivarna i Norrby. ' +
          'Deltagarna fick stöd av coacher.\n\n## Samordning\n\nSamordnare för sociala företag i Norrby är Karin Holm, som också leder nätverket.\n',
      },
    ]);
  });
  it('is not answered by a sentence about what the post holder said, with a place in it', async () => {
    const r = await small.ask({ question: 'Vem var projektledare för projektet i Lindby?', audience: 'public' });
    expect(r.answered).toBe(false);
  });
  it('is answered by a person\'s name', async () => {
    const r = await small.ask({ question: 'Vem är samordnare för sociala företag i Norrby?', audience: 'public' });
    expect(r.answered).toBe(true);
    expect(r.citations.filter((c) => !c.related).map((c) => c.quote).join(' ')).toMatch(/Karin Holm/);
  });
});
