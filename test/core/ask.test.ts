/**
 * Cited answers on the real corpus (indexed once into a temp data dir) and the `brygga ask` CLI:
 * exit statuses, one-line Swedish errors, JSONL batches that survive a bad line.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, validateQuestion, type CoreAssistant } from '../../src/assistant.js';
import { languageRequest } from '../../src/answer/language.js';
import { elideFootnoteLinks, RELATED_BELOW, RELATED_PASSAGES } from '../../src/answer/extractive.js';
import { loadConfig } from '../../src/config.js';
import { InputError, MAX_QUESTION_CHARS, type AskResult, type Chunk, type Citation } from '../../src/domain/types.js';
import { KNOWLEDGE, REPO, report, rmrf, tempDir } from './helpers.js';

let assistant: CoreAssistant;
const dataDir = tempDir('brygga-data-');
const work = tempDir('brygga-work-');

beforeAll(async () => {
  assistant = await createAssistant(loadConfig({ BRYGGA_DATA_DIR: dataDir, BRYGGA_KNOWLEDGE_DIR: KNOWLEDGE }));
});
afterAll(() => rmrf(dataDir, work));

/** The sentences of a chunk, as the composer reads them. */
function sentencesOf(chunk: Chunk): string[] {
  return chunk.spans.map(([start], i) => chunk.text.slice(start, i + 1 < chunk.spans.length ? chunk.spans[i + 1][0] : chunk.text.length).trim());
}

/** True when the quote is made of whole sentences of the chunk, in order. */
function quotedFrom(quote: string, chunk: Chunk): boolean {
  let rest = quote.trim();
  for (const s of sentencesOf(chunk)) {
    if (rest.startsWith(s)) rest = rest.slice(s.length).trimStart();
    if (!rest) return true;
  }
  return false;
}

function checkCitations(result: AskResult) {
  expect(result.citations.length).toBeGreaterThan(0);
  const docs = new Map(assistant.index.data.docs.map((d) => [d.docId, d]));
  result.citations.forEach((c: Citation, i) => {
    expect(c.n).toBe(i + 1);
    const doc = docs.get(c.docId);
    expect(doc, c.docId).toBeDefined();
    expect(c.title).toBe(doc!.title);
    const rawLines = fs.readFileSync(path.join(KNOWLEDGE, doc!.path), 'utf8').split(/\r?\n/);
    expect(c.lines[0]).toBeGreaterThanOrEqual(1);
    expect(c.lines[1]).toBeGreaterThanOrEqual(c.lines[0]);
    expect(c.lines[1]).toBeLessThanOrEqual(rawLines.length);
    // the quote is taken from one chunk of the cited document, whose range holds the cited lines
    const from = assistant.index.data.chunks.filter((ch) => ch.docId === c.docId && quotedFrom(c.quote, ch));
    expect(from.length, c.quote).toBeGreaterThan(0);
    expect(from.some((ch) => ch.lines[0] <= c.lines[0] && c.lines[1] <= ch.lines[1])).toBe(true);
    // and its words are on the cited raw lines
    const raw = rawLines.slice(c.lines[0] - 1, c.lines[1]).join(' ').toLowerCase();
    const words = (c.quote.toLowerCase().match(/\p{L}{5,}/gu) ?? []).filter((w) => !/fi|fl/.test(w));
    expect(words.filter((w) => !raw.includes(w)).length).toBeLessThanOrEqual(Math.ceil(words.length * 0.05));
    // the answer shows the citation's number
    expect(result.answer).toContain(`[${c.n}]`);
  });
}

describe('answers on the real corpus', () => {
  it('knows when a question is answered from a kept answer (no retrieval): only after it was asked, for the same audience', async () => {
    const question = 'Vilka kommuner deltog i utvecklingsnätverket, och i vilka regioner?';
    expect(assistant.answersAtOnce?.({ question, audience: 'public' })).toBe(false);
    await assistant.ask({ question, audience: 'public' });
    expect(assistant.answersAtOnce?.({ question, audience: 'public' })).toBe(true);
    expect(assistant.answersAtOnce?.({ question: `  ${question} `, audience: 'public' })).toBe(true);
    expect(assistant.answersAtOnce?.({ question, audience: 'internal' })).toBe(false);
    // bad input is no kept answer, and no error
    expect(assistant.answersAtOnce?.({ question: '', audience: 'public' })).toBe(false);
    expect(assistant.answersAtOnce?.({ question: 'x'.repeat(5000), audience: 'public' })).toBe(false);
  });

  it('a list after its lead-in is quoted whole: "tolv kommuner" with all twelve, not the first eight', async () => {
    const r = await assistant.ask({ question: 'Hur många kommuner var med i SKR:s utvecklingsnätverk?' });
    const quote = r.citations.map((c) => c.quote).join('\n');
    expect(quote).toMatch(/tolv kommuner/);
    for (const name of ['Helsingborg', 'Sölvesborg', 'Söderhamn', 'Tierp', 'Uddevalla', 'Umeå']) expect(quote).toContain(name);
  });

  it('answers a Swedish number question in Swedish, quoting the number as the source states it', async () => {
    const r = await assistant.ask({ question: 'Hur många individer deltog i Boost by FC Rosengård II?' });
    expect(r.answered).toBe(true);
    expect(r.language).toBe('sv');
    expect(r.mode).toBe('extractive');
    expect(r.answer).toMatch(/^Enligt underlage[nt]:/);
    expect(r.answer).toContain('Källor:');
    checkCitations(r);
    const stated = /Totalt deltog ([\d ]+) individer/.exec(report('004').text)![1].trim();
    expect(r.citations.some((c) => c.quote.includes(`${stated} individer`))).toBe(true);
    expect(r.citations[0].section).toContain('Boost by FC Rosengård II');
  });

  it('answers an English question with English framing around the Swedish quote', async () => {
    // a fact-box question the current answer model answers directly (the refit of session 5 puts
    // "How much EU support did … receive?" at 0.43, below its threshold: closest passages instead)
    const r = await assistant.ask({ question: 'What was the total EU support for SKAPA 2.0?' });
    expect(r.language).toBe('en');
    expect(r.answered).toBe(true);
    expect(r.answer).toMatch(/^According to the sources? \(quoted in Swedish\):/);
    expect(r.answer).toContain('Sources:');
    expect(r.answer).not.toContain('Enligt underlag');
    checkCitations(r);
    // the fact box of SKAPA 2.0 as the raw file states it
    const raw = report('004').lines;
    const start = raw.findIndex((l) => l.trim() === '# SKAPA 2.0');
    const amount = /Total EU-stöd:\**\s*(.+)$/.exec(raw.slice(start).find((l) => l.includes('Total EU-stöd'))!.trim())![1].trim();
    expect(r.citations[0].section).toContain('SKAPA 2.0');
    expect(r.citations[0].quote).toContain(amount);
  });

  it('retrieves at least 10 passages, best first', async () => {
    const r = await assistant.ask({ question: 'Vad är ett idéburet offentligt partnerskap?' });
    expect(r.retrieved.length).toBeGreaterThanOrEqual(10);
    r.retrieved.forEach((x, i) => {
      expect(x.rank).toBe(i + 1);
      if (i > 0) expect(x.score).toBeLessThanOrEqual(r.retrieved[i - 1].score);
    });
    expect(new Set(r.retrieved.map((x) => x.chunkId)).size).toBe(r.retrieved.length);
  });

  it('abstains on an off-topic question, in its language', async () => {
    const sv = await assistant.ask({ question: 'Vad kostar en flygresa till Tokyo?' });
    expect(sv.answered).toBe(false);
    expect(sv.citations).toEqual([]);
    expect(sv.language).toBe('sv');
    expect(sv.answer).toMatch(/^Det hittar jag inte i underlagen/);
  });

  it('offers matching and invitations when refusing staff, not residents (who cannot use them)', async () => {
    const staff = await assistant.ask({ question: 'Vad kostar en flygresa till Tokyo?', audience: 'internal' });
    const resident = await assistant.ask({ question: 'Vad kostar en flygresa till Tokyo?', audience: 'public' });
    expect(staff.answer).toMatch(/matcha ett behov/);
    expect(resident.answered).toBe(false);
    expect(resident.answer).toMatch(/^Det hittar jag inte i underlagen/);
    expect(resident.answer).not.toMatch(/matcha|inbjudan/);
    const en = await assistant.ask({ question: 'What does a flight to Tokyo cost?', audience: 'public' });
    expect(en.answer).not.toMatch(/match a need|invitation/);
  });

  it('a request to write an invitation asked as a question names the invitation skill to staff, and tells residents it is not offered', async () => {
    const staff = await assistant.ask({ question: 'Kan du skriva en inbjudan till sociala företag i Lund om en dialog den 5 maj?', audience: 'internal' });
    expect(staff.answered).toBe(false);
    expect(staff.citations).toEqual([]);
    expect(staff.answer).toMatch(/”inbjudan:”/);
    const en = await assistant.ask({ question: 'write me an email inviting the social enterprises in Lund to a dialogue meeting', audience: 'internal' });
    expect(en.language).toBe('en');
    expect(en.answer).toMatch(/"invite:"/);
    const resident = await assistant.ask({ question: 'Kan du skriva en inbjudan till ett möte om sociala företag?', audience: 'public' });
    expect(resident.answer).toMatch(/^Inbjudningar kan jag inte skriva här/);
    // a question about invitations is a question
    const q = await assistant.ask({ question: 'Hur skriver man en bra inbjudan till ett dialogmöte?', audience: 'internal' });
    expect(q.answer).not.toMatch(/”inbjudan:”/);
  });

  it('a need typed as a question names the matching skill to staff and tells residents it is not offered; a question or a wish for knowledge is searched', async () => {
    const staff = await assistant.ask({ question: 'behöver catering till 40 pers i malmö', audience: 'internal' });
    expect(staff.answered).toBe(false);
    expect(staff.citations).toEqual([]);
    expect(staff.answer).toMatch(/”matcha:”/);
    const en = await assistant.ask({ question: 'We need cleaning for 3 schools in Lund', audience: 'internal' });
    expect(en.answer).toMatch(/"match:"/);
    const resident = await assistant.ask({ question: 'Vi söker ett socialt företag som kan ta hand om klotter i Göteborg', audience: 'public' });
    expect(resident.answer).toMatch(/^Att matcha behov mot sociala företag är ett verktyg för kommunens samordnare/);
    for (const question of ['behöver vi upphandla catering?', 'Jag söker information om IOP', 'Vi behöver bli bättre på samverkan mellan förvaltningarna']) {
      const r = await assistant.ask({ question, audience: 'internal' });
      expect(r.answer, question).not.toMatch(/”matcha:”/);
    }
  });

  it('a common word the sources happen not to use ("ingick") does not make a question about them off-topic', async () => {
    const r = await assistant.ask({ question: 'Hur många kommuner ingick i utvecklingsnätverket?' });
    expect(r.citations.length).toBeGreaterThan(0);
    expect(r.answer).not.toMatch(/^Det hittar jag inte i underlagen/);
  });

  it('quotes leave out footnote links the PDF ran into the text, marked "…"; a single link in a sentence stays', async () => {
    const r = await assistant.ask({ question: 'Vilka plattformar i Helsingborg kan man inspireras av?', audience: 'public' });
    expect(r.citations.length).toBeGreaterThan(0);
    for (const c of r.citations) expect(c.quote).not.toMatch(/\b\d{1,3}\s+https?:\/\//);
    expect(elideFootnoteLinks('mötas i ”labbform” kring 7 https://h22.se/ 8 https://mindpark.se/x/ olika utmaningar')).toBe('mötas i ”labbform” kring … olika utmaningar');
    expect(elideFootnoteLinks('Läs mer på https://www.skr.se/ om projektet.')).toBe('Läs mer på https://www.skr.se/ om projektet.');
  });

  it('abstains on an off-topic English question whose only known word is a glossary term', async () => {
    for (const question of ['What does a flight to Tokyo cost?', 'How much does a flight to Tokyo cost?']) {
      const r = await assistant.ask({ question });
      expect(r.answered).toBe(false);
      expect(r.citations).toEqual([]);
    }
  });

  it('abstains on an off-topic English question', async () => {
    const en = await assistant.ask({ question: 'What is the weather in Paris tomorrow?' });
    expect(en.answered).toBe(false);
    expect(en.citations).toEqual([]);
    expect(en.language).toBe('en');
    expect(en.answer).toMatch(/^I can't find that in the sources/);
  });

  it('validateQuestion rejects an empty and an over-long question with InputError', async () => {
    for (const q of ['', '   \n ', 'x'.repeat(MAX_QUESTION_CHARS + 1), undefined]) {
      expect(() => validateQuestion(q)).toThrow(InputError);
    }
    expect(MAX_QUESTION_CHARS).toBe(2000);
    expect(validateQuestion('  Vad är IOP?  ')).toBe('Vad är IOP?');
    expect(validateQuestion('x'.repeat(MAX_QUESTION_CHARS))).toHaveLength(MAX_QUESTION_CHARS);
    expect(() => validateQuestion('x'.repeat(2001))).toThrow(/för lång/);
    expect(() => validateQuestion('')).toThrow(/tom/);
    await expect(assistant.ask({ question: '' })).rejects.toThrow(InputError);
    await expect(assistant.ask({ question: 'x'.repeat(2001) })).rejects.toThrow(InputError);
  });

  it('a request for the answer language is followed and not searched', async () => {
    expect(languageRequest('Please answer in Swedish: how many municipalities took part?')).toEqual({ language: 'sv', rest: 'how many municipalities took part?', only: false });
    expect(languageRequest('Vad är ett IOP? Svara på engelska tack.')).toEqual({ language: 'en', rest: 'Vad är ett IOP?', only: false });
    expect(languageRequest('What is an IOP, in Swedish please?').language).toBe('sv');
    // a question about Swedish or English is no request
    expect(languageRequest('Which reports are written in English?').language).toBeNull();
    expect(languageRequest('Hur svarar kommunen på engelska frågor?').language).toBeNull();
    const plain = await assistant.ask({ question: 'How many municipalities took part in the development network?', audience: 'public' });
    const sv = await assistant.ask({ question: 'Please answer in Swedish: how many municipalities took part in the development network?', audience: 'public' });
    expect(plain.language).toBe('en');
    expect(sv.language).toBe('sv');
    expect(sv.answer).not.toMatch(/According to|quoted in Swedish/);
    // the same passages: the request changed the language, not what was searched
    expect(sv.citations.map((c) => c.quote)).toEqual(plain.citations.map((c) => c.quote));
  });

  it("a policy's citation line in the answer text says who decided it and until when it holds", async () => {
    const r = await assistant.ask({ question: 'Vem äger riktlinjen för samverkan med sociala företag i Exempelkommun?', audience: 'internal' });
    const policy = r.citations.find((c) => c.decidedBy);
    expect(policy).toBeDefined();
    expect(r.answer).toMatch(new RegExp(`^\\[${policy!.n}\\] .*\\(Beslutad av ${policy!.decidedBy!.replace(/[()]/g, '.')} ${policy!.decisionDate} · gäller till ${policy!.validUntil}\\)$`, 'm'));
  });

  it('a question in HTML is read as its text; markup alone is an empty question', async () => {
    expect(validateQuestion('<b>Vad är ett IOP?</b>')).toBe('Vad är ett IOP?');
    expect(validateQuestion('<p>Hur m&aring;nga kommuner?<br/>Tack</p>')).toBe('Hur många kommuner? Tack');
    // a comparison is not a tag
    expect(validateQuestion('Fler än 5 < 10 kommuner?')).toBe('Fler än 5 < 10 kommuner?');
    expect(() => validateQuestion('<script>alert(1)</script>')).toThrow(/tom/);
    const plain = await assistant.ask({ question: 'Vad är ett socialt företag?', audience: 'public' });
    const html = await assistant.ask({ question: '<div><b>Vad är ett socialt företag?</b></div>', audience: 'public' });
    expect(html.answered).toBe(plain.answered);
    expect(html.citations.map((c) => c.quote)).toEqual(plain.citations.map((c) => c.quote));
  });
});

function brygga(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, BRYGGA_DATA_DIR: dataDir, BRYGGA_KNOWLEDGE_DIR: KNOWLEDGE };
  for (const k of ['OPENAI_BASE_URL', 'OPENAI_API_KEY', 'BRYGGA_CHAT_MODEL', 'BRYGGA_EMBEDDING_MODEL']) delete env[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO, 'bin/brygga.js'), ...args], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('brygga ask (CLI)', () => {
  it('an empty question exits 2 with one Swedish line on stderr', async () => {
    const r = await brygga(['ask', '']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Frågan är tom/);
  });

  it('--audience bogus exits 2 naming the option', async () => {
    const r = await brygga(['ask', '--audience', 'bogus', 'Vad är IOP?']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--audience/);
  });

  it('"ask --help" prints its usage in Swedish and exits 0; an unknown flag is named in Swedish, exit 2', async () => {
    const help = await brygga(['ask', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Användning: brygga ask /);
    const bad = await brygga(['ask', '--bogus', 'Vad är IOP?']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('brygga ask: okänd flagga --bogus');
  });

  it('--json --batch: one line out per line in, in order, a bad JSON line gets "error" and the rest are answered', async () => {
    const file = path.join(work, 'fragor.jsonl');
    fs.writeFileSync(
      file,
      [
        JSON.stringify({ id: 'a', question: 'Hur många individer deltog i Boost by FC Rosengård II?' }),
        '{"id": "b", "question": ',
        JSON.stringify({ id: 'c', question: 'Vad kostar en flygresa till Tokyo?' }),
        JSON.stringify({ id: 'd', question: '' }),
      ].join('\n') + '\n',
    );
    const r = await brygga(['ask', '--json', '--batch', file]);
    expect(r.code).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(4);
    expect(out[0]).toMatchObject({ id: 'a', answered: true, language: 'sv' });
    expect(Array.isArray(out[0].citations) && (out[0].citations as unknown[]).length).toBeGreaterThan(0);
    expect(out[1].error).toEqual(expect.stringMatching(/rad 2/));
    expect(out[1].answered).toBeUndefined();
    expect(out[2]).toMatchObject({ id: 'c', answered: false, citations: [] });
    expect(out[3]).toMatchObject({ id: 'd' });
    expect(out[3].error).toEqual(expect.stringMatching(/tom/));
  });
});

describe('number questions need the asked-for quantity', () => {
  let small: CoreAssistant;
  const dirs: string[] = [];
  beforeAll(async () => {
    const { smallKnowledge } = await import('./helpers.js');
    const knowledge = smallKnowledge([
      {
        file: 'gransjo.md',
        title: 'Projekt Gransjö',
        text:
          "# Projekt Gransjö\n\nProjektägare: Gransjö kommun\n\n## Bakgrund\n\nProjektet Gransjö byggde vidare på en förstudie som bedrevs under perioden 2011–2014.\n\n" +
          "## Faktaruta om projektet\n\n**Genomförandeperiod:** jan '15–dec '19\n\n**Projektägare:** Gransjö kommun\n\n**Total EU-stöd:** 12,5 miljoner kronor\n\n" +
          '## Resultat\n\nKommunen upphandlade städtjänster i två upphandlingar från totalt fyra sociala företag i Gransjö.\n',
      },
    ]);
    const data = tempDir('brygga-data-');
    dirs.push(knowledge, data);
    small = await createAssistant(loadConfig({ BRYGGA_DATA_DIR: data, BRYGGA_KNOWLEDGE_DIR: knowledge }));
  });
  afterAll(() => rmrf(...dirs));

  it('answers with the amount stated in the fact box', async () => {
    const r = await small.ask({ question: 'Hur mycket EU-stöd fick projektet Gransjö?', audience: 'public' });
    expect(r.answered).toBe(true);
    expect(r.citations.map((c) => c.quote).join(' ')).toContain('12,5 miljoner kronor');
  });

  it('refuses when the question names years the stating passage does not cover', async () => {
    const wrong = await small.ask({ question: 'Hur mycket EU-stöd fick projektet Gransjö under 2011–2014?', audience: 'public' });
    expect(wrong.answered).toBe(false);
    // the fact box's own period, in its short form, counts
    const right = await small.ask({ question: 'Hur mycket EU-stöd fick projektet Gransjö under 2015–2019?', audience: 'public' });
    expect(right.answered).toBe(true);
  });

  it('refuses a count of people when the passage only counts procurements and companies', async () => {
    const r = await small.ask({ question: 'Hur många personer fick jobb genom upphandlingarna i Gransjö?', audience: 'public' });
    expect(r.answered).toBe(false);
  });

  it('answers "hur länge/hur lång tid" only with a sentence that states a duration', async () => {
    // the newcomer trial got a sentence with "Figur 1" and a footnote number as a direct answer
    for (const question of ['Hur lång tid tar det att bygga upp en samskapande yta enligt intervjupersonerna?', 'Hur länge pågick projektet Boost by FC Rosengård II?', 'How long did the Tillit 2.3 project run?']) {
      const r = await assistant.ask({ question, audience: 'public' });
      // (a case's fact box states how long it ran as its period: "Genomförandeperiod: jan '15–dec '19")
      if (r.answered) expect(r.citations.map((c) => c.quote).join(' '), question).toMatch(/\d+\s+(?:\p{L}+\s+)?(?:år|månader|veckor|dagar)|\b(?:tio|två|tre|fyra|fem|sex)\s+(?:\p{L}+\s+)?(?:år|månader)|Genomförandeperiod:\s+\p{L}+\.?\s+'\d\d–\p{L}+\.?\s+'\d\d/u);
    }
  });
});

describe('further passages after an answer the model is not sure of', () => {
  // questions of several kinds; the check is on what any answer shows, whatever its confidence
  const questions = [
    'Hur definierar EU ett socialt företag?',
    'Hur många kommuner deltog i utvecklingsnätverket?',
    'Vilka hinder finns för samverkan med sociala företag?',
    'How does the EU define social enterprises?',
    'Vad är Hbg Works?',
    'När startade projektet Tillit?',
  ];

  it('follow the answer under their own label, numbered after its quotes, only below RELATED_BELOW', async () => {
    let shown = 0;
    for (const question of questions) {
      const r = await assistant.ask({ question, audience: 'public' });
      if (!r.answered) continue;
      const related = r.citations.filter((c) => c.related);
      const label = r.language === 'en' ? 'Other passages that may be relevant (not part of the answer above):' : 'Andra avsnitt som kan vara relevanta (de ingår inte i svaret ovan):';
      if ((r.confidence ?? 0) >= RELATED_BELOW) expect(related, question).toEqual([]);
      expect(related.length, question).toBeLessThanOrEqual(RELATED_PASSAGES);
      expect(r.answer.includes(label), question).toBe(related.length > 0);
      if (!related.length) continue;
      shown++;
      // the answer's own quotes come first, and the label stands between them and the further passages
      const own = r.citations.filter((c) => !c.related);
      expect(own.length, question).toBeGreaterThan(0);
      expect(Math.max(...own.map((c) => c.n)), question).toBeLessThan(Math.min(...related.map((c) => c.n)));
      expect(r.answer.indexOf(label), question).toBeGreaterThan(r.answer.indexOf(`[${own[own.length - 1].n}]`));
      expect(r.answer.indexOf(label), question).toBeLessThan(r.answer.indexOf(`[${related[0].n}]`));
      // a further passage is another passage than the answer's
      for (const c of related) expect(own.some((o) => o.docId === c.docId && o.lines[0] <= c.lines[1] && c.lines[0] <= o.lines[1]), question).toBe(false);
    }
    expect(shown).toBeGreaterThan(0);
  });

  it('are never shown with the closest passages that stand instead of an answer', async () => {
    const r = await assistant.ask({ question: 'Vilken lön har en projektledare i Tillit?', audience: 'public' });
    expect(r.answered).toBe(false);
    expect(r.citations.length).toBeGreaterThan(0);
    expect(r.citations.filter((c) => c.related)).toEqual([]);
  });
});
