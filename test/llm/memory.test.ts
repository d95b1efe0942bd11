import { describe, expect, it } from 'vitest';
import { ConversationMemory, documentSubject, extractSubjects, rewriteFollowUpOffline, withCitedDocument } from '../../src/conversation/memory.js';

describe('ConversationMemory', () => {
  it('keeps turns per session, bounded in turns and in sessions (least recently used goes first)', async () => {
    const m = new ConversationMemory({ maxSessions: 2, maxTurns: 3 });
    for (let i = 1; i <= 5; i++) await m.add('a', { role: i % 2 ? 'user' : 'assistant', text: `tur ${i}` });
    expect((await m.history('a')).map((t) => t.text)).toEqual(['tur 3', 'tur 4', 'tur 5']);
    await m.add('b', { role: 'user', text: 'hej' });
    await m.history('a'); // a is now the most recently used
    await m.add('c', { role: 'user', text: 'hallå' });
    expect(await m.history('b')).toEqual([]);
    expect(await m.history('a')).toHaveLength(3);
    expect(m.size).toBe(2);
  });

  it('records subjects with each turn and hands out copies', async () => {
    const m = new ConversationMemory();
    await m.add('s', { role: 'user', text: 'Vad gjorde Social Trade i Mölndal?' });
    const h = await m.history('s');
    expect(h[0]!.subjects).toEqual(expect.arrayContaining(['Social Trade', 'Mölndal']));
    h[0]!.text = 'ändrad';
    expect((await m.history('s'))[0]!.text).toBe('Vad gjorde Social Trade i Mölndal?');
  });
});

describe('extractSubjects', () => {
  it('a function word that starts a sentence is no subject, also after a sentence whose full stop ends its last word', () => {
    const subjects = extractSubjects('Mot bakgrund av strategin publicerade Sveriges Kommuner och Regioner en handbok. Under 2021 genomfördes nätverket i Malmö.');
    expect(subjects).not.toContain('Mot bakgrund');
    expect(subjects).not.toContain('Under');
    expect(subjects).toContain('Malmö');
  });

  it('finds names, acronyms and quoted names but not question words', () => {
    const s = extractSubjects('Hur fungerar ett IOP mellan Malmö stad och "Stiftelsen Fryshuset" enligt SKR?');
    expect(s).toEqual(expect.arrayContaining(['IOP', 'Stiftelsen Fryshuset', 'SKR']));
    expect(s.some((x) => /malmö/i.test(x))).toBe(true);
    expect(s).not.toContain('Hur');
    // a request for a language or a courtesy names nothing a follow-up could mean
    expect(extractSubjects('how many participants did Hela familjen 2.0 have? Please answer in Swedish')).not.toEqual(expect.arrayContaining(['Please']));
    expect(extractSubjects('how many participants did Hela familjen 2.0 have? Please answer in Swedish')).not.toEqual(expect.arrayContaining(['Swedish']));
    expect(extractSubjects('Hej! Vad kostade Boost? Svara på Engelska, tack')).toEqual(['Boost']);
  });

  it('falls back to long content words when there are no names', () => {
    expect(extractSubjects('vad säger rapporten om arbetsintegrerande företag och upphandling?')).toEqual(
      expect.arrayContaining(['arbetsintegrerande', 'upphandling']),
    );
  });
});

describe('rewriteFollowUpOffline', () => {
  const history = [
    { role: 'user' as const, text: 'Vad var Crossroads i Göteborg?' },
    { role: 'assistant' as const, text: 'Crossroads var ett stöd för EU-migranter som drevs av Stadsmissionen [1].' },
  ];

  it('carries the previous subjects into a follow-up', () => {
    for (const q of ['och vad kostade det?', 'hur gick det sen?', 'Vem betalade för det?']) {
      const r = rewriteFollowUpOffline(history, q);
      expect(r.startsWith(q)).toBe(true);
      expect(r).toContain('Crossroads');
    }
  });

  it("adds the previous question's subjects, not the words that start the answer's sentences", () => {
    const h = [
      { role: 'user' as const, text: 'Vad är Bygdepotten?' },
      { role: 'assistant' as const, text: 'Genom Bygdepotten kan föreningar söka bidrag. Från Bygdepotten betalas högst 20 000 kronor [1].' },
    ];
    expect(rewriteFollowUpOffline(h, 'Vem kan söka pengar därifrån?')).toBe('Vem kan söka pengar därifrån? (Bygdepotten)');
  });

  it('a definite noun with no name of its own points back to the previous subject', () => {
    const h = [
      { role: 'user' as const, text: 'Hur många deltog i Boost by FC Rosengård?' },
      { role: 'assistant' as const, text: 'Totalt deltog 3 169 individer i projektet [1].' },
    ];
    expect(rewriteFollowUpOffline(h, 'lever verksamheten kvar efter att projektet tog slut?')).toContain('Boost');
    expect(rewriteFollowUpOffline(h, 'did the project reach its goal in the end?')).toContain('Boost');
    // an idea, a concept or an event discussed before ("Vem kom på idén?", "Who came up with the idea?")
    const d = [
      { role: 'user' as const, text: 'Vad är danskvällarna bakom Dunkers?' },
      { role: 'assistant' as const, text: 'Dansorganisationer fick använda ytan bakom Dunkers kulturhus [1].' },
    ];
    expect(rewriteFollowUpOffline(d, 'Vem kom på idén?')).toContain('Dunkers');
    expect(rewriteFollowUpOffline(d, 'Who came up with the idea?')).toContain('Dunkers');
    expect(rewriteFollowUpOffline(d, 'Will the event happen again?')).toContain('Dunkers');
    // a question that names its own subject stands alone
    expect(rewriteFollowUpOffline(h, 'Lever verksamheten i Crossroads kvar?')).toBe('Lever verksamheten i Crossroads kvar?');
  });

  it('uses the previous answer for "which of them"', () => {
    const h = [
      { role: 'user' as const, text: 'Which innovation environments took part?' },
      { role: 'assistant' as const, text: 'Netport in Karlshamn, Blue Science Park in Karlskrona and NetPort Science Park [1].' },
    ];
    const r = rewriteFollowUpOffline(h, 'which of them was in Blekinge?');
    expect(r).toContain('Netport');
    expect(r).toContain('Blue Science Park');
  });

  it('leaves a standalone question alone', () => {
    expect(rewriteFollowUpOffline(history, 'Hur fungerar ett IOP enligt rapporten från Helsingborg?')).toBe(
      'Hur fungerar ett IOP enligt rapporten från Helsingborg?',
    );
    expect(rewriteFollowUpOffline([], 'och vad kostade det?')).toBe('och vad kostade det?');
  });
});

describe('withCitedDocument', () => {
  const history = [
    { role: 'user' as const, text: 'Vad gjorde KoSaVa?', subjects: ['KoSaVa'] },
    { role: 'assistant' as const, text: 'Projektet KoSaVa syftade till …', subjects: ['KoSaVa', documentSubject('Fallstudier – Strukturfondsprojekt i Skåne och Blekinge')] },
  ];

  it('adds the title of the document the last answer cited to a question about "the report"', () => {
    expect(withCitedDocument(history, 'Vem skrev rapporten?')).toBe('Vem skrev rapporten? (Fallstudier – Strukturfondsprojekt i Skåne och Blekinge)');
    expect(withCitedDocument(history, 'Who wrote the study?')).toMatch(/\(Fallstudier – /);
    // a pronoun only when the question asks for an author or a date
    expect(withCitedDocument(history, 'När kom den ut?', { aboutDocument: true })).toMatch(/\(Fallstudier – /);
    expect(withCitedDocument(history, 'När började den?')).toBe('När började den?');
  });

  it('leaves a question alone when no answer cited a document, and never offers a title as a subject', () => {
    expect(withCitedDocument(history.slice(0, 1), 'Vem skrev rapporten?')).toBe('Vem skrev rapporten?');
    expect(rewriteFollowUpOffline(history, 'Och var?')).not.toMatch(/Fallstudier|doc:/);
  });
});
