/**
 * The offline answer: picks the sentences of the retrieved passages that answer the question,
 * quotes them with numbered citations, and abstains when the passages do not support an answer.
 * Numbers and names are quoted as the source states them; nothing is paraphrased.
 */
import type { Audience, Citation, Language } from '../domain/types.js';
import { analyze, isStopword, QUESTION_WORDS, tokenize } from '../retrieval/analyzer.js';
import { isPlantedInstruction } from '../llm/citations.js';
import { expandQuery } from '../retrieval/glossary.js';

const expandQueryMatched = (q: string) => expandQuery(q).matched.join(' ');
import type { QueryTerms, Retriever, SearchHit } from '../retrieval/search.js';

export interface Composed {
  answered: boolean;
  answer: string;
  citations: Citation[];
  /** diagnostic: why it abstained */
  reason?: string;
  /** diagnostic: coverage of the best sentence */
  leadCoverage?: number;
}

interface Candidate {
  hitRank: number;
  hit: SearchHit;
  spanIndex: number;
  text: string;
  lines: [number, number];
  score: number;
  coverage: number;
  terms: Set<string>;
}

type QuestionKind = 'number' | 'list' | 'who' | 'when' | 'other';

export function questionKind(question: string): QuestionKind {
  const q = question.toLowerCase();
  if (/\b(hur många|hur mycket|hur stor|vilken andel|hur stor andel|andel|procent|antal|how many|how much|what share|what proportion|what percentage|how large|how big|minimum|maximum)\b/.test(q)) return 'number';
  if (/\b(vilka|which|what are|name some|list|nämn|vad har .* att vinna|exempel|examples|alternativ|faser|phases|områden|steg)\b/.test(q)) return 'list';
  if (/\b(vem|vilka personer|who|vilken organisation|which organisation|which organization|which company|vilket företag)\b/.test(q)) return 'who';
  if (/\b(när|when|vilket år|what year|under vilken period|which period)\b/.test(q)) return 'when';
  return 'other';
}

function sentencesOf(hit: SearchHit): Array<{ text: string; lines: [number, number]; i: number }> {
  const { text, spans } = hit.chunk;
  return spans.map(([start, a, b], i) => {
    const end = i + 1 < spans.length ? spans[i + 1][0] : text.length;
    // links around a sentence (slide footers, duplicated URLs) are not part of what it says
    const t = text
      .slice(start, end)
      .trim()
      .replace(/^(?:(?:https?:\/\/|www\.)\S+\s*|\S+\/\s+)+/, '') // also the tail of a link the PDF broke in two
      .replace(/(?:\s*(?:https?:\/\/|www\.)\S+)+$/, '');
    return { text: t, lines: [a, b] as [number, number], i };
  });
}

/** a stated quantity: a number that is not only a year, or a number word ("en"/"ett" are articles, not counted) */
const hasNumber = (s: string) =>
  /\d/.test(s.replace(/\b(?:19|20)\d\d(?:\s*[–-]\s*(?:19|20)?\d\d)?\b/g, '').replace(/\[\d+\]/g, '')) ||
  /\b(två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|dubbelt|hälften|tredjedel|fjärdedel|two|three|four|five|six|seven|eight|nine|ten|twice|half)\b/i.test(s);

const SHARE_RE = /\b(andel|procent|share|percentage|proportion|per cent|percent)\b/i;
const COUNT_TRIGGER = /\b(?:hur många|hur mycket|how many|how much)\s+(.*)$/i;

/**
 * The quantity a number question asks about: the words after "hur många", "how much" … (up to three
 * content words), analyzed and expanded through the glossary. A sentence that answers must name it.
 */
function measureTerms(question: string, lexicon: import('../retrieval/analyzer.js').Lexicon): { own: Set<string>; all: Set<string> } | null {
  const m = COUNT_TRIGGER.exec(question.split(/[?!.]/)[0]);
  if (!m) return null;
  const words = tokenize(m[1]).filter((w) => !QUESTION_WORDS.has(w) && !isStopword(w) && !/^\d/.test(w)).slice(0, 3);
  if (!words.length) return null;
  const text = words.join(' ');
  const own = new Set(analyze(text, { lexicon }));
  return { own, all: new Set([...own, ...expandQuery(text).terms]) };
}

/**
 * Whether a sentence states a number of the measured thing: the number is followed by it ("3 169
 * individer", "fem kommuner") or, in a fact box, is the value after its label ("Total EU-stöd: 79,8").
 */
function statesQuantityOf(text: string, measure: Set<string>, lexicon: import('../retrieval/analyzer.js').Lexicon): boolean {
  const near = (words: string) => {
    const terms = analyze(words, { lexicon });
    return terms.some((t) => measure.has(t)) || expandQuery(words).terms.some((t) => measure.has(t));
  };
  for (const m of text.matchAll(NUMBER_RE)) {
    const at = m.index ?? 0;
    const after = text.slice(at + m[0].length).split(/[.;:!?]/)[0].split(/\s+/).filter(Boolean).slice(0, 3).join(' ');
    if (near(after)) return true;
    // "Total EU-stöd: 79,8", "antalet … företag vid projektstart var 30", "ökat till 86"
    const before = text.slice(0, at);
    const lead = /(?::|\b(?:var|är|blev|uppgick till|till|was|were|is|totalled|totaled|to))\s*(?:(?:cirka|ca|drygt|nästan|omkring|about|around|nearly|over)\s+)?$/i.exec(before);
    if (lead && near(before.slice(0, lead.index).split(/\s+/).slice(-6).join(' '))) return true;
  }
  return false;
}

/** the years a text names: 2011, 2011–2014, and the short forms of fact boxes ("jan '15–dec '19") */
function yearsOf(text: string): string[] {
  const years = new Set<string>();
  for (const m of text.matchAll(/\b(?:19|20)\d{2}\b/g)) years.add(m[0]);
  for (const m of text.matchAll(/['’](\d{2})\b/g)) years.add(`20${m[1]}`);
  return [...years];
}

/** a number: digits (with Swedish or English separators) or a Swedish/English number word */
const NUMBER_RE = /\b\d[\d\s.,]*\d\b|\b\d\b|\b(?:två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|tjugo|hundra|tusen|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundred|thousand)\b/gi;

export interface ComposeOptions {
  question: string;
  language: Language;
  hits: SearchHit[];
  retriever: Retriever;
  /** how many passages to read for sentences */
  depth?: number;
  /** the question's terms, when the caller has them already (retriever.queryTerms of the same question) */
  terms?: QueryTerms;
}

/** Thresholds, measured on the dev set (see docs/architecture.md: Evaluation). */
export const ABSTAIN = {
  /** the best sentence must cover at least this share of the question's idf-weighted terms */
  minSentenceCoverage: 0.2,
  /** the best passage must cover at least this share */
  minPassageCoverage: 0.25,
};

export function compose(opts: ComposeOptions): Composed {
  const { question, language, hits, retriever } = opts;
  const q = opts.terms ?? retriever.queryTerms(question);
  const kind = questionKind(question);
  const depth = opts.depth ?? 5;
  const lexicon = retriever.lexicon;

  // terms the knowledge base has never seen (English words without a translation) cannot be
  // matched by any passage: they weigh nothing in the coverage
  const weightOf = (t: string) => retriever.termWeight(q, t);
  const coreWeight = new Map(q.core.map((t) => [t, weightOf(t)]));
  const coreTotal = q.core.reduce((s, t) => s + coreWeight.get(t)!, 0);
  const expTotal = q.expanded.reduce((s, t) => s + weightOf(t), 0);

  const coverageOf = (terms: Set<string>) => {
    let have = 0;
    for (const t of q.core) if (retriever.covers(q, t, (x) => terms.has(x))) have += coreWeight.get(t)!;
    let exp = 0;
    for (const t of q.expanded) if (terms.has(t)) exp += weightOf(t);
    const core = coreTotal > 0 ? have / coreTotal : 0;
    const ex = expTotal > 0 ? Math.min(1, (exp / expTotal) * 3) : 0;
    // English questions rely on the glossary: expansion matches count more there
    return coreTotal > 0 && language === 'sv' ? 0.85 * core + 0.15 * ex : Math.max(core, 0.5 * core + 0.5 * ex);
  };

  const top = hits.slice(0, depth);
  if (!top.length) return abstain(language, 'no passages');
  const best = top[0];
  if (best.parts.coverage < ABSTAIN.minPassageCoverage * 0.6) return abstain(language, `passage coverage ${best.parts.coverage.toFixed(2)}`);

  const cands: Candidate[] = [];
  top.forEach((hit, hitRank) => {
    // a sentence belongs to its case and section: "Projektet deltog …" in the SKAPA 2.0 case is about SKAPA 2.0
    const contextTerms = analyze(hit.chunk.context.split(' | ').slice(1).join(' '), { lexicon });
    for (const s of sentencesOf(hit)) {
      // a sentence must say something: not only links, not a bare reference
      if (s.text.replace(/(?:https?:\/\/|www\.)\S+/g, '').replace(/[^\p{L}]/gu, '').length < 12) continue;
      // an instruction planted in a document for a language model is never quoted to a reader (issue 13)
      if (isPlantedInstruction(s.text)) continue;
      const terms = new Set([...analyze(s.text, { lexicon }), ...contextTerms]);
      const coverage = coverageOf(terms);
      let score = coverage + (hit.score / (top[0].score || 1)) * 0.35 - hitRank * 0.03;
      if (kind === 'number' && hasNumber(s.text)) score += 0.12;
      if (kind === 'list' && /:$/.test(s.text)) score += 0.05;
      cands.push({ hitRank, hit, spanIndex: s.i, text: s.text, lines: s.lines, score, coverage, terms });
    }
  });
  if (!cands.length) return abstain(language, 'no sentences');
  cands.sort((a, b) => b.score - a.score);
  const lead = cands[0];
  if (lead.coverage < ABSTAIN.minSentenceCoverage) return abstain(language, `sentence coverage ${lead.coverage.toFixed(2)}`);

  // the question's rarest content word must appear somewhere in what we would quote or its passage
  const context = new Set<string>();
  for (const h of top.slice(0, 3)) for (const t of analyze(`${h.chunk.text} ${h.chunk.context}`, { lexicon })) context.add(t);
  // a name in the question (a capitalized word, not first) that the knowledge base never mentions: off topic
  const qTokens = question.split(/\s+/);
  const isCap = (w: string) => /^\p{Lu}\p{Ll}{2,}$/u.test(w.replace(/[^\p{L}\p{N}-]/gu, ''));
  const unknownNames = qTokens
    .filter((raw, i) => {
      if (i === 0 || /[.?!:]$/.test(qTokens[i - 1])) return false; // sentence-initial
      if (!isCap(raw)) return false;
      // a multi-word name is judged by its other words ("Housing First")
      if (isCap(qTokens[i - 1]) || (qTokens[i + 1] && isCap(qTokens[i + 1]) && !/[.?!,]$/.test(raw))) return false;
      const w = raw.replace(/[^\p{L}\p{N}-]/gu, '');
      if (isStopword(w.toLowerCase()) || QUESTION_WORDS.has(w.toLowerCase())) return false;
      return analyze(w, { lexicon }).every((t) => !retriever.knows(t)) && !expandQuery(w).terms.length;
    })
    .map((w) => w.replace(/[^\p{L}\p{N}-]/gu, ''));
  if (unknownNames.length) return abstain(language, `unknown names ${unknownNames.join(',')}`);
  if (language === 'sv') {
    // an unknown word of a Swedish question (never seen in the knowledge base) means the topic is not covered
    const expandedWords = new Set(tokenize(expandQueryMatched(question)));
    const unknown = tokenize(question).filter((w) => {
      if (w.length < 6 || expandedWords.has(w) || QUESTION_WORDS.has(w)) return false;
      const terms = analyze(w, { lexicon });
      return terms.length > 0 && terms.every((t) => !retriever.knows(t)) && !lexicon.knowsRoot(w);
    });
    if (unknown.length) return abstain(language, `unknown terms ${unknown.join(',')}`);
  }

  // select: the lead sentence, sentences close in score, neighbours that continue a list
  const maxSentences = kind === 'list' ? 7 : 3;
  const chosen: Candidate[] = [lead];
  for (const c of cands.slice(1)) {
    if (chosen.length >= maxSentences) break;
    if (chosen.some((x) => x.text === c.text)) continue;
    const close = c.score >= lead.score * (kind === 'list' ? 0.72 : 0.8);
    const sameChunkNeighbour = chosen.some((x) => x.hit.index === c.hit.index && Math.abs(x.spanIndex - c.spanIndex) === 1) && c.coverage >= lead.coverage * 0.4;
    if (close || (kind === 'list' && sameChunkNeighbour)) chosen.push(c);
  }
  // a lead-in ending in ":" brings its list items
  for (const c of [...chosen]) {
    if (!/:$/.test(c.text)) continue;
    const ss = sentencesOf(c.hit);
    for (let i = c.spanIndex + 1; i < ss.length && i <= c.spanIndex + 8; i++) {
      const s = ss[i];
      if (!/^(•|\d{1,2}[.)])/.test(s.text) && i > c.spanIndex + 1) break;
      if (!chosen.some((x) => x.hit.index === c.hit.index && x.spanIndex === i))
        chosen.push({ ...c, spanIndex: i, text: s.text, lines: s.lines, score: c.score - 0.001 });
    }
  }
  // a number question needs a number stated in a sentence that is itself about the question
  if (kind === 'number') {
    const measure = measureTerms(question, lexicon);
    const wantsShare = SHARE_RE.test(question);
    const answers = (c: Candidate) =>
      hasNumber(c.text) &&
      c.coverage >= Math.max(ABSTAIN.minSentenceCoverage, lead.coverage * 0.6) &&
      (!wantsShare || /%|procent|hälften|tredjedel|fjärdedel|per cent|percent/i.test(c.text)) &&
      // the measured thing in the question's own words anywhere in the sentence (a table's
      // heading), or in any of its forms right at the number
      (!measure || [...measure.own].some((t) => c.terms.has(t)) || statesQuantityOf(c.text, measure.all, lexicon)) &&
      // years the question names ("the first project (2011–2014)") must be in the passage that states it
      yearsOf(question).every((y) => yearsOf(`${c.hit.chunk.context} ${c.hit.chunk.text}`).includes(y));
    if (!chosen.some(answers)) return abstain(language, 'no stated quantity for a number question');
  }
  // a question for a name needs a name (a capitalized word that is not in the question) in the lead sentence
  if (/\b(vad heter|vilket namn|what is the name|what's the name|who is|vem är)\b/i.test(question)) {
    const qWords = new Set(tokenize(question));
    const names = (lead.text.match(/(?<!^|[.!?]\s)\b\p{Lu}[\p{L}-]+/gu) ?? []).filter((w) => !qWords.has(w.toLowerCase()));
    if (!names.length) return abstain(language, 'no name for a name question');
  }

  // number the passages in order of first use; quote sentences in document order within a passage
  const byChunk = new Map<number, Candidate[]>();
  for (const c of chosen) byChunk.set(c.hit.index, [...(byChunk.get(c.hit.index) ?? []), c]);
  const order = [...byChunk.keys()].sort((a, b) => Math.max(...byChunk.get(b)!.map((c) => c.score)) - Math.max(...byChunk.get(a)!.map((c) => c.score)));
  const citations: Citation[] = [];
  const parts: string[] = [];
  order.forEach((chunkIndex, i) => {
    const cs = byChunk.get(chunkIndex)!.sort((a, b) => a.spanIndex - b.spanIndex);
    const chunk = cs[0].hit.chunk;
    const n = i + 1;
    const quote = cs.map((c) => c.text).join(cs.some((c) => /^(•|\d{1,2}[.)])/.test(c.text)) ? '\n' : ' ');
    citations.push({
      n,
      docId: chunk.docId,
      title: chunk.title,
      section: chunk.section,
      lines: [Math.min(...cs.map((c) => c.lines[0])), Math.max(...cs.map((c) => c.lines[1]))],
      page: chunk.page,
      quote,
    });
    parts.push(renderQuote(quote, n));
  });

  const intro =
    language === 'en'
      ? citations.length > 1
        ? 'According to the sources (quoted in Swedish):'
        : 'According to the source (quoted in Swedish):'
      : citations.length > 1
        ? 'Enligt underlagen:'
        : 'Enligt underlaget:';
  const sourceNote = language === 'en' ? 'Sources' : 'Källor';
  const list = citations.map((c) => `[${c.n}] ${c.title}, ${c.section}, rad ${c.lines[0]}–${c.lines[1]}`.replace(', rad', language === 'en' ? ', lines' : ', rad'));
  const answer = `${intro}\n\n${parts.join('\n\n')}\n\n${sourceNote}:\n${list.join('\n')}`;
  return { answered: true, answer, citations, leadCoverage: lead.coverage };
}

function renderQuote(quote: string, n: number): string {
  const lines = quote.split('\n');
  if (lines.length > 1) return lines.map((l, i) => (i === lines.length - 1 ? `${l} [${n}]` : l)).join('\n');
  return `”${quote}” [${n}]`;
}

/**
 * What Brygga says when the sources do not answer. Residents (audience `public`, the web widget)
 * cannot match needs or draft invitations, so they are not offered those.
 */
export function abstainText(language: Language, audience: Audience = 'internal'): string {
  const skills = audience !== 'public';
  if (language === 'en')
    return (
      "I can't find that in the sources I have. I can answer questions about the reports and local policies in the knowledge base — for example on co-creation, social enterprises, procurement and the EU-funded projects" +
      (skills ? ' — or help you match a need to social enterprises or draft an invitation to a dialogue meeting.' : '.')
    );
  return (
    'Det hittar jag inte i underlagen. Jag kan svara på frågor om rapporterna och de lokala styrdokumenten – till exempel om samskapande, sociala företag, upphandling och de EU-finansierade projekten' +
    (skills ? ' – eller hjälpa dig att matcha ett behov mot sociala företag eller skriva en inbjudan till ett dialogmöte.' : '.')
  );
}

export function abstain(language: Language, reason: string): Composed {
  return { answered: false, answer: abstainText(language), citations: [], reason };
}
