/**
 * A list under its lead-in is quoted whole up to twelve items, and a longer one says where the quote
 * stops (issue 12: every skipped stretch is marked "…"; a newcomer read eight of twelve names as the list).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, type CoreAssistant } from '../../src/assistant.js';
import { loadConfig } from '../../src/config.js';
import { rmrf, smallKnowledge, tempDir } from './helpers.js';

const PLACES = ['Alingsås', 'Borås', 'Eksjö', 'Falun', 'Gävle', 'Hjo', 'Kalmar', 'Luleå', 'Motala', 'Nora', 'Piteå', 'Rättvik', 'Sala', 'Tidaholm', 'Varberg'];
let assistant: CoreAssistant;
const dirs: string[] = [];

beforeAll(async () => {
  const knowledge = smallKnowledge([
    {
      file: 'nat.md',
      title: 'Odlingsnätverket',
      text: `# Odlingsnätverket\n\nOdlingsnätverket samlade femton kommuner under tre år:\n\n${PLACES.map((p) => `- ${p}`).join('\n')}\n\nNätverket träffades fyra gånger om året och delade erfarenheter av stadsodling.\n`,
    },
  ]);
  const dataDir = tempDir();
  dirs.push(knowledge, dataDir);
  assistant = await createAssistant(loadConfig({ BRYGGA_DATA_DIR: dataDir, BRYGGA_KNOWLEDGE_DIR: knowledge }));
});
afterAll(() => {
  for (const d of dirs) rmrf(d);
});

describe('a list under its lead-in', () => {
  it('is quoted with its first twelve items and "…" where the quote stops', async () => {
    const r = await assistant.ask({ question: 'Hur många kommuner samlade odlingsnätverket?', audience: 'public' });
    const quote = r.citations.map((c) => c.quote).join('\n');
    expect(quote).toMatch(/femton kommuner/);
    for (const p of PLACES.slice(0, 12)) expect(quote).toContain(p);
    expect(quote).not.toContain('Varberg');
    expect(quote).toMatch(/Rättvik\n…/);
  });
});
