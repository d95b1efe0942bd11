/**
 * An English question word's contraction ("What's", "Who's") is read as written out, so every rule over the question
 * reads one form: "What's the monthly salary …?" asks for a sum of money as "What is the monthly salary …?" does, and
 * is not answered by a sentence that gives a share ("75 procent forskning").
 */
import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/domain/types.js';
import { analyze, Lexicon } from '../../src/retrieval/analyzer.js';
import { Bm25Index } from '../../src/retrieval/bm25.js';
import { Retriever } from '../../src/retrieval/search.js';
import { analyzeQuestion, expandContractions } from '../../src/query/analysis.js';
import { statesWhatIsAsked } from '../../src/answer/extractive.js';

function chunk(i: number, text: string): Chunk {
  return { id: `c${i}`, docId: 'studie', title: 'Studie', section: 'Forskare', lines: [i * 10 + 1, i * 10 + 5], page: null, access: 'public', text, context: 'Studie | Forskare', spans: [[0, i * 10 + 1, i * 10 + 5]] };
}
const CHUNKS = [
  chunk(0, 'Tjänsten som forskare i staden består av 75 procent forskning och 25 procent tjänstgöring i organisationen.'),
  chunk(1, 'Forskaren har en tjänst i staden under tre år och skriver rapporter om innovation.'),
];
const lexicon = new Lexicon();
const retriever = new Retriever(CHUNKS, Bm25Index.build(CHUNKS.map((c) => analyze(`${c.text}\n${c.context}`, { lexicon }))), null, null, lexicon);

describe('contractions of a question word', () => {
  it('are written out, and a negation stays as typed', () => {
    expect(expandContractions("What's the salary? Who’s the contact? Why didn't they?")).toBe("What is the salary? Who is the contact? Why didn't they?");
  });
  it('"What\'s the monthly salary …?" asks for money as "What is …" does: a sentence with a share does not state it', () => {
    const share = { features: { typeMatch: 1, yearsHeld: 1, quantityStated: 1, quantityAtNumber: 1, durationStated: 0 }, sentence: { text: CHUNKS[0]!.text }, countedAtNumber: undefined };
    for (const question of ["What's the monthly salary of the researcher in the city?", 'What is the monthly salary of the researcher in the city?']) {
      const a = analyzeQuestion(question, retriever, { language: 'en' });
      expect(a.answerType, question).toBe('number');
      expect(statesWhatIsAsked(share as unknown as Parameters<typeof statesWhatIsAsked>[0], a), question).toBe(false);
    }
  });
});
