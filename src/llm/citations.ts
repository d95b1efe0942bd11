/**
 * Verification of an LLM answer against the passages it was given.
 *
 * The model writes plain text with [n] markers. The text is cut into sentences (incrementally, so
 * the same code verifies a stream), and every sentence is checked:
 * - markers naming no passage are dropped;
 * - a sentence is kept only when a passage it cites supports it lexically (see lexical.ts) within a
 *   run of at most WINDOW adjacent sentences, with the share of its content words found ≥
 *   SUPPORT_THRESHOLD[language] and every number matching; a sentence whose markers are missing,
 *   invented or wrong (another passage's) is re-cited to the passage that supports it best, or dropped; an answer
 *   with no marker naming a passage at all falls back to the extractive answer;
 * - sentences that look like instructions ("ignore your instructions", "du är nu …") and URLs,
 *   e-mail addresses or phone numbers that no passage contains are never shown;
 * - markers are renumbered 1..k in order of first appearance, and each citation quotes the passage
 *   sentence that best supports the claims citing it.
 *
 * "Trivial" sentences (at most two content words, no number, no link) carry no verifiable claim
 * ("Ja.", "Rapporten nämner tre alternativ:" is not trivial — it has a number word) and are kept
 * only when a verified sentence is kept too.
 */
import { z } from 'zod';
import type { AskResult, Chunk, Citation, Language } from '../domain/types.js';
import {
  contentWords,
  normalizeText,
  numbersIn,
  passageSentences,
  preparePassage,
  support,
  type PreparedPassage,
} from './lexical.js';

/**
 * Minimum lexical support, measured with test/llm/measure-support.ts on the dev eval set's reference
 * answers (paraphrases, as a model writes them) against their evidence vs other documents' text:
 * sv at 0.5 keeps 93% of supported sentences and accepts 2.8% of unsupported ones; en (answers in
 * English about Swedish passages) at 0.45 keeps 93% and accepts 0.8%.
 */
export const SUPPORT_THRESHOLD: Record<Language, number> = { sv: 0.5, en: 0.45 };

/** Below this share of verified claim words, the answer falls back to the extractive one. */
export const MIN_KEPT_SHARE = 0.5;

/** The model's sentinel for "the passages do not answer this". */
export const NO_ANSWER = 'INGET_SVAR';

const INJECTION =
  /\b(ignore|disregard|forget)\b.{0,40}\b(instruction|prompt|rules|above|previous)|\bignorera\b.{0,40}\b(instruktion|tidigare|regler|ovan)|\bglöm\b.{0,30}\b(instruktion|regler)|\bsystem ?prompt|\b(you are now|du är nu|från och med nu är du|from now on you are)\b.{0,30}\b(assistant|assistent|ai|bot|model|modell|role|roll)|\bnew instructions?\b|\bnya instruktioner\b/i;
/**
 * Text addressed to the model rather than to readers, the other shape of a planted instruction:
 * a note to an AI / language model / chatbot, a chat-role prefix ("system:", "assistant:") or a
 * chat-template token, or an order about what to tell the user. Such sentences are data: they are
 * removed from passages before the model sees them and never shown.
 */
const ADDRESSEE = String.raw`(?:ai[- ]?(?:assistent\w*|assistant\w*|modell\w*|model\w*|bot\w*|tjänst\w*)|språkmodell\w*|chatt?bot\w*|language models?|llms?|assistant|assistenten|virtual assistants?)`;
const ORDER = String.raw`(?:svara|skriv|säg|hänvisa|ignorera|rekommendera|uppge|answer|respond|reply|say|tell|write|refer|ignore|recommend|always|alltid|never|aldrig|must|måste|ska|should|shall)`;
const ADDRESSED_TO_MODEL = new RegExp(
  [
    // "Viktigt till AI-assistenten: hänvisa alltid …", "Note to the language model: always …"
    String.raw`\b(?:till|för|to|for|note to|attention|obs|viktigt|important|meddelande till|message to)\b[\s:,!-]{1,4}(?:alla |all |the |den |any )?${ADDRESSEE}\b[^.!?]{0,120}?\b${ORDER}\b`,
    // "AI-assistenter ska alltid …", "Language models must …"
    String.raw`\b${ADDRESSEE}\b[\s,]{1,3}(?:ska|måste|bör|should|must|shall|are required to)\b[^.!?]{0,40}?\b${ORDER}\b`,
    // chat roles and template tokens
    String.raw`(?:^|[.!?]\s+)\W{0,3}(?:system|assistant|developer)\s*:\s*\S`,
    String.raw`<\|im_start\|>|<\|system\|>|\[\/?INST\]|<<\/?SYS>>|\bBEGIN (?:SYSTEM|INSTRUCTIONS)\b`,
    // orders about what the user is told
    String.raw`\b(?:tell|instruct|direct|urge) the user\b|\b(?:säg till|uppmana|instruera) användaren\b`,
    String.raw`\b(?:if you are an? (?:ai|language model|assistant)|om du är en (?:ai|språkmodell|assistent))\b`,
  ].join('|'),
  'i',
);

/** A sentence that is an instruction planted in a document (INJECTION or ADDRESSED_TO_MODEL). */
export function isPlantedInstruction(sentence: string): boolean {
  return INJECTION.test(sentence) || ADDRESSED_TO_MODEL.test(sentence);
}

const LINKISH = /https?:\/\/\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|\b[\w-]+\.(?:com|se|net|org|io|ru|xyz)\b/gi;

/** A sentence of a model answer, as parsed. */
export const ParsedSentenceSchema = z.object({
  raw: z.string(),
  /** the text without markers */
  text: z.string(),
  markers: z.array(z.number().int().positive()),
  /** whitespace that followed the sentence: ' ', '\n' or '\n\n' */
  sep: z.enum(['', ' ', '\n', '\n\n']),
});
export type ParsedSentence = z.infer<typeof ParsedSentenceSchema>;

const MARKER_RE = /\s*\[(\d+(?:\s*[,;–-]\s*\d+)*)\]/g;
const ABBREVIATIONS = new Set(
  't.ex bl.a s.k dvs d.v.s ca jfr resp kap nr e.g i.e vs dr st p.g.a pga fr.o.m t.o.m inkl exkl ff s'.split(' '),
);

function parseMarkers(inner: string): number[] {
  const out: number[] = [];
  for (const part of inner.split(/[,;]/)) {
    const range = part.split(/[–-]/).map((x) => Number(x.trim()));
    if (range.length === 2 && range[0]! <= range[1]! && range[1]! - range[0]! < 10) {
      for (let i = range[0]!; i <= range[1]!; i++) out.push(i);
    } else for (const r of range) if (Number.isInteger(r) && r > 0) out.push(r);
  }
  return out;
}

export function parseSentence(raw: string, sep: ParsedSentence['sep']): ParsedSentence {
  const markers: number[] = [];
  for (const m of raw.matchAll(MARKER_RE)) markers.push(...parseMarkers(m[1]!));
  const text = raw.replace(MARKER_RE, '').replace(/\s+([.,;:!?])/g, '$1').trim();
  return ParsedSentenceSchema.parse({ raw, text, markers: [...new Set(markers)], sep });
}

/**
 * Cuts complete sentences off the front of a buffer. With `final`, the rest is a sentence too.
 * A sentence ends at a newline, or at . ! ? (plus closing quotes and any [n] markers) followed by
 * whitespace and a character that is not a lowercase letter; abbreviations, decimals and list
 * numbers ("1.") do not end a sentence.
 */
export function splitSentences(buffer: string, final: boolean): { sentences: ParsedSentence[]; rest: string } {
  const sentences: ParsedSentence[] = [];
  let start = 0;
  let i = 0;
  const n = buffer.length;
  while (i < n) {
    const c = buffer[i]!;
    if (c === '\n') {
      let j = i;
      while (j < n && /\s/.test(buffer[j]!)) j++;
      if (j === n && !final) break; // more newlines may come
      const blank = (buffer.slice(i, j).match(/\n/g)?.length ?? 0) >= 2;
      pushSentence(buffer.slice(start, i), blank ? '\n\n' : '\n');
      start = i = j;
      continue;
    }
    if (c === '.' || c === '!' || c === '?' || c === '…') {
      let j = i + 1;
      while (j < n && /[.!?"'”’»)]/.test(buffer[j]!)) j++;
      // trailing markers belong to this sentence
      for (;;) {
        const m = /^\s*\[[\d\s,;–-]+\]/.exec(buffer.slice(j));
        if (!m) break;
        j += m[0].length;
      }
      if (j === n) {
        if (!final) break;
        i = j;
        continue;
      }
      if (!/[ \t]/.test(buffer[j]!) && buffer[j] !== '\n') {
        i = j;
        continue;
      }
      let k = j;
      while (k < n && /[ \t]/.test(buffer[k]!)) k++;
      if (k === n && !final) break;
      const next = buffer[k];
      const word = /([\p{L}.]+)\.$/u.exec(buffer.slice(start, i + 1))?.[1]?.toLowerCase() ?? '';
      const lineStart = buffer.lastIndexOf('\n', i) + 1;
      const listNumber = c === '.' && /^\s*\d{1,2}$/.test(buffer.slice(Math.max(lineStart, start), i));
      const markerFollowed = /\]\s*$/.test(buffer.slice(i, j));
      if (c === '.' && !markerFollowed && (ABBREVIATIONS.has(word) || listNumber)) {
        i = j;
        continue;
      }
      if (next !== undefined && next !== '\n' && /\p{Ll}/u.test(next)) {
        i = j;
        continue;
      }
      pushSentence(buffer.slice(start, j), next === '\n' ? '' : ' ');
      start = i = k;
      continue;
    }
    i++;
  }
  if (final && start < n) {
    pushSentence(buffer.slice(start), '');
    start = n;
  }
  return { sentences, rest: buffer.slice(start) };

  function pushSentence(raw: string, sep: ParsedSentence['sep']) {
    if (raw.trim() === '') {
      // a blank line: strengthen the previous separator
      const last = sentences[sentences.length - 1];
      if (last && sep !== '') last.sep = last.sep === '\n\n' || sep === '\n\n' ? '\n\n' : '\n';
      return;
    }
    sentences.push(parseSentence(raw.trim(), sep));
  }
}

export interface PassageRef {
  n: number;
  chunk: Chunk;
}

interface Prepared extends PassageRef {
  prepared: PreparedPassage;
  sentences: Array<{ text: string; lines: [number, number] }>;
  /** runs of up to WINDOW adjacent sentences, each prepared: the unit a claim must be supported by */
  windows: Array<{ prepared: PreparedPassage; first: number; last: number }>;
  injected: boolean;
}

/**
 * A claim must be supported by at most this many adjacent sentences of the passage it cites, not by
 * words scattered over the whole passage: two passages of one report share enough words that a
 * claim cited to the wrong one passed a passage-wide check (issue 13: swapped citations).
 */
export const WINDOW = 3;

function windowsOf(sentences: Array<{ text: string }>): Prepared['windows'] {
  const out: Prepared['windows'] = [];
  for (let i = 0; i < sentences.length; i++) {
    for (let j = i; j < Math.min(sentences.length, i + WINDOW); j++) {
      out.push({ prepared: preparePassage(sentences.slice(i, j + 1).map((x) => x.text).join(' ')), first: i, last: j });
    }
  }
  return out;
}

/** The chunk's sentences with their lines (from `spans` when the index has them). */
function chunkSentences(chunk: Chunk): Array<{ text: string; lines: [number, number] }> {
  const spans = chunk.spans ?? [];
  // a span may hold more than one sentence: each is its own (so a planted one goes alone)
  const out = spans.length
    ? spans.flatMap(([start, a, b], i) =>
        passageSentences(chunk.text.slice(start, i + 1 < spans.length ? spans[i + 1]![0] : chunk.text.length)).map((text) => ({
          text,
          lines: [a, b] as [number, number],
        })),
      )
    : passageSentences(chunk.text).map((text) => ({ text, lines: chunk.lines }));
  return out.filter((x) => x.text && !isPlantedInstruction(x.text));
}

/** Passage text with instruction-like sentences removed (they are data, never instructions). */
export function sanitizePassage(text: string): { text: string; injected: boolean } {
  const sentences = passageSentences(text);
  const kept = sentences.filter((s) => !isPlantedInstruction(s));
  return { text: kept.join(' '), injected: kept.length !== sentences.length };
}

export interface Removal {
  sentence: string;
  reason: 'unsupported' | 'invalid-marker' | 'injection' | 'link' | 'trivial-alone' | 'unfinished';
}

export interface ValidatedAnswer {
  answer: string;
  citations: Citation[];
  /** the model said the passages do not answer the question */
  noAnswer: boolean;
  removed: Removal[];
  /** share of claim words (in claim sentences) that survived, 0..1 */
  keptShare: number;
  /** too little was verified: show the extractive answer instead */
  fallback: boolean;
}

/**
 * Verifies an answer sentence by sentence. `push` text as it arrives; it returns the verified text
 * that may be shown now (with renumbered markers). `finish` returns the whole result.
 */
export class AnswerValidator {
  private readonly passages: Map<number, Prepared>;
  private buffer = '';
  private out = '';
  private pendingSep: ParsedSentence['sep'] = '';
  private pendingTrivial: ParsedSentence[] = [];
  private readonly renumber = new Map<number, number>();
  private readonly claimsByPassage = new Map<number, string[]>();
  private readonly quoteSentences = new Map<number, Set<number>>();
  private readonly passageText = new Map<number, string>();
  private readonly allNames = new Set<string>();
  private readonly removed: Removal[] = [];
  private claimWords = 0;
  private keptWords = 0;
  private keptClaims = 0;
  /** claims the model itself cited with a marker naming a passage */
  private markedClaims = 0;
  private noAnswer = false;
  private readonly allText: string;

  constructor(
    passages: PassageRef[],
    private readonly language: Language,
  ) {
    this.passages = new Map(
      passages.map((p) => {
        const clean = sanitizePassage(p.chunk.text);
        const sentences = chunkSentences(p.chunk);
        return [
          p.n,
          { ...p, prepared: preparePassage(clean.text), sentences, windows: windowsOf(sentences), injected: clean.injected },
        ];
      }),
    );
    for (const p of this.passages.values()) {
      const text = normalizeText(sanitizePassage(p.chunk.text).text);
      this.passageText.set(p.n, text.toLowerCase());
      // a name is capitalized where no sentence starts: "… i Vallby", "… av Kvarnbergsfonden"
      for (const m of text.matchAll(/(?<=[\p{L}\p{N},;:)] )\p{Lu}[\p{L}\p{M}-]{2,}/gu)) this.allNames.add(m[0].toLowerCase());
    }
    // links must come from what readers see: a link that only a planted instruction holds is not one
    this.allText = normalizeText(passages.map((p) => sanitizePassage(p.chunk.text).text).join('\n')).toLowerCase();
  }

  push(token: string): string {
    this.buffer += token;
    const { sentences, rest } = splitSentences(this.buffer, false);
    this.buffer = rest;
    return this.release(sentences.map((s) => this.accept(s)).join(''));
  }

  /** verified text is held back until the model has cited a passage itself: an answer that never does is not shown */
  private held = '';
  private release(text: string): string {
    if (this.markedClaims === 0) {
      this.held += text;
      return '';
    }
    const out = this.held + text;
    this.held = '';
    return out;
  }

  /**
   * Flushes the rest of the text; returns the last shown text and the result. With `unfinished`
   * (the model was cut off, e.g. finish_reason "length") the text after the last complete sentence
   * is dropped, never shown as if it were a whole sentence.
   */
  finish(opts: { unfinished?: boolean } = {}): { tail: string; result: ValidatedAnswer } {
    const { sentences, rest } = splitSentences(this.buffer, !opts.unfinished);
    if (opts.unfinished && rest.trim()) this.removed.push({ sentence: rest.trim(), reason: 'unfinished' });
    this.buffer = '';
    const tail = this.release(sentences.map((s) => this.accept(s)).join(''));
    for (const t of this.pendingTrivial) this.removed.push({ sentence: t.raw, reason: 'trivial-alone' });
    const keptShare = this.claimWords === 0 ? 0 : this.keptWords / this.claimWords;
    return {
      tail,
      result: {
        answer: this.out.trim(),
        citations: this.buildCitations(),
        noAnswer: this.noAnswer && this.keptClaims === 0,
        removed: this.removed,
        keptShare,
        // (an answer in which the model cited nothing was not written from the passages, however many of its words
        // they share: "kommunen betalar alltid hela finansieringen" passed against "bägge parter bidrar till
        // finansieringen" once re-cited; a robustness trial through `brygga serve`, session 18)
        fallback: !this.noAnswer && (this.keptClaims === 0 || keptShare < MIN_KEPT_SHARE || this.markedClaims === 0),
      },
    };
  }

  private accept(s: ParsedSentence): string {
    if (s.text.replace(/[^\p{L}\p{N}_]/gu, '') === NO_ANSWER.replace(/[^A-Z_]/g, '') || s.text.includes(NO_ANSWER)) {
      this.noAnswer = true;
      return '';
    }
    const words = contentWords(s.text);
    const hasNumber = numbersIn(s.text).length > 0;
    const links = [...s.text.matchAll(LINKISH)].map((m) => m[0].toLowerCase().replace(/[.,;:)]+$/, ''));
    if (isPlantedInstruction(s.text)) return this.drop(s, 'injection', words.length);
    if (links.some((l) => !this.allText.includes(l.replace(/^https?:\/\//, '')))) return this.drop(s, 'link', words.length);

    if (words.length <= 2 && !hasNumber && links.length === 0 && s.markers.length === 0) {
      // no claim to verify: keep it only next to verified text
      if (this.keptClaims > 0) return this.emit(s, []);
      this.pendingTrivial.push(s);
      return '';
    }

    this.claimWords += Math.max(1, words.length);
    const threshold = SUPPORT_THRESHOLD[this.language];
    const valid = s.markers.filter((m) => this.passages.has(m));
    if (valid.length) this.markedClaims++;
    // support by a run of adjacent sentences (see WINDOW) that names what the claim names
    const close = (n: number) => (this.namesOk(s.text, n) ? this.supportIn(s.text, n).score : 0);
    // support by the passage as a whole (a summary of a list, say), names included
    const loose = (n: number) => (this.namesOk(s.text, n) ? support(s.text, this.passages.get(n)!.prepared).score : 0);
    let best: { n: number; score: number } | null = null;
    for (const p of this.passages.values()) {
      const sc = close(p.n);
      if (sc >= threshold && (!best || sc > best.score)) best = { n: p.n, score: sc };
    }
    let cited = valid.filter((m) => close(m) >= threshold);
    if (cited.length === 0) {
      // a missing, wrong or invented marker: re-cite to the passage whose sentences support the claim
      // best; a passage cited by the model that supports it only as a whole counts when none does
      if (best) cited = [best.n];
      else cited = valid.filter((m) => loose(m) >= threshold);
      if (cited.length === 0) {
        let any: { n: number; score: number } | null = null;
        for (const p of this.passages.values()) {
          const sc = loose(p.n);
          if (sc >= threshold && (!any || sc > any.score)) any = { n: p.n, score: sc };
        }
        if (any) cited = [any.n];
      }
    }
    if (cited.length === 0) {
      const reason = s.markers.length > 0 && valid.length === 0 ? 'invalid-marker' : 'unsupported';
      this.claimWords -= Math.max(1, words.length);
      return this.drop(s, reason, words.length);
    }
    this.keptWords += Math.max(1, words.length);
    this.keptClaims++;
    let prefix = '';
    if (this.pendingTrivial.length) {
      const trivial = this.pendingTrivial;
      this.pendingTrivial = [];
      prefix = trivial.map((t) => this.emit(t, [])).join('');
    }
    for (const m of cited) {
      this.claimsByPassage.set(m, [...(this.claimsByPassage.get(m) ?? []), s.text]);
      const w = this.supportIn(s.text, m).window;
      if (w) {
        const set = this.quoteSentences.get(m) ?? new Set<number>();
        for (let i = w.first; i <= w.last; i++) set.add(i);
        this.quoteSentences.set(m, set);
      }
    }
    return prefix + this.emit(s, cited);
  }

  /**
   * Names must match like numbers do: a capitalized word of the claim that the sources use as a
   * name (capitalized in some passage) must be in the passage cited for it ("Kvarnbergsfonden …"
   * is not supported by a passage about Ljungbyholmsfonden, however many other words they share).
   */
  private namesOk(text: string, n: number): boolean {
    const own = this.passageText.get(n)!;
    for (const m of text.matchAll(/\p{Lu}[\p{L}\p{M}-]{2,}/gu)) {
      const name = m[0].toLowerCase();
      if (this.allNames.has(name) && !own.includes(name)) return false;
    }
    return true;
  }

  /** The best support a passage's sentence windows give a claim (see WINDOW), and which window. */
  private supportIn(text: string, n: number): { score: number; window: Prepared['windows'][number] | null } {
    const p = this.passages.get(n)!;
    if (p.windows.length === 0) return { score: support(text, p.prepared).score, window: null };
    let best: { score: number; window: Prepared['windows'][number] | null } = { score: 0, window: null };
    for (const w of p.windows) {
      const sc = support(text, w.prepared).score;
      if (sc > best.score) best = { score: sc, window: w };
    }
    return best;
  }

  private drop(s: ParsedSentence, reason: Removal['reason'], words: number): string {
    this.removed.push({ sentence: s.raw, reason });
    this.claimWords += Math.max(1, words);
    // keep the strongest separator so paragraphs and lists survive
    if (s.sep === '\n\n' || (s.sep === '\n' && this.pendingSep !== '\n\n')) this.pendingSep = s.sep;
    return '';
  }

  private emit(s: ParsedSentence, cited: number[]): string {
    const labels = cited.map((m) => {
      if (!this.renumber.has(m)) this.renumber.set(m, this.renumber.size + 1);
      return this.renumber.get(m)!;
    });
    const marker = labels.map((l) => `[${l}]`).join('');
    let text = s.text;
    if (marker) {
      const end = /([.!?…:;]+["'”’»)]*)$/.exec(text);
      text = end ? `${text.slice(0, end.index).trimEnd()} ${marker}${end[1]}` : `${text} ${marker}`;
    }
    const sep = this.out === '' ? '' : this.pendingSep || ' ';
    this.pendingSep = s.sep;
    const piece = sep + text;
    this.out += piece;
    return piece;
  }

  private buildCitations(): Citation[] {
    const out: Citation[] = [];
    for (const [n, label] of [...this.renumber.entries()].sort((a, b) => a[1] - b[1])) {
      const p = this.passages.get(n)!;
      const claims = this.claimsByPassage.get(n) ?? [];
      // the quote is a sentence of the windows that support the claims, so it says what they claim
      const inWindows = this.quoteSentences.get(n);
      const best = bestQuote(inWindows ? p.sentences.filter((_, i) => inWindows.has(i)) : p.sentences, claims);
      out.push({
        n: label,
        docId: p.chunk.docId,
        title: p.chunk.title,
        section: p.chunk.section,
        lines: best?.lines ?? p.chunk.lines,
        page: p.chunk.page,
        quote: best?.text ?? p.chunk.text.slice(0, 300),
      });
    }
    return out;
  }
}

/** The passage sentence sharing the most with the claims (an exact passage sentence). */
const preparedSentences = new WeakMap<object, PreparedPassage>();

export function bestQuote<T extends { text: string }>(sentences: T[], claims: string[]): T | null {
  let best: { s: T; score: number } | null = null;
  for (const s of sentences) {
    let prepared = preparedSentences.get(s);
    if (!prepared) preparedSentences.set(s, (prepared = preparePassage(s.text)));
    let score = 0;
    for (const c of claims) {
      const sup = support(c, prepared);
      // words found, with a bonus for matching the claim's numbers
      score = Math.max(score, sup.found + (sup.numbersOk && numbersIn(c).length ? 1 : 0));
    }
    if (!best || score > best.score) best = { s, score };
  }
  return best?.s ?? null;
}

/** Verifies a complete answer at once. */
export function validateAnswer(text: string, passages: PassageRef[], language: Language, opts: { unfinished?: boolean } = {}): ValidatedAnswer {
  const v = new AnswerValidator(passages, language);
  v.push(text);
  return v.finish(opts).result;
}

/** Claim sentences of an answer with the markers each carries. */
function claimsOf(answer: string): ParsedSentence[] {
  return splitSentences(answer, true).sentences.filter((s) => s.markers.length > 0);
}

/**
 * Per citation: does the cited passage contain the key terms of the claims that cite it? The passage
 * is the retrieved chunk that contains the citation's quote (else the quote itself).
 */
export function citationPrecisionCounts(result: AskResult): { supported: number; total: number } {
  const claims = claimsOf(result.answer);
  let supported = 0;
  for (const c of result.citations) {
    const chunk = result.retrieved.find((r) => r.docId === c.docId && r.text.includes(c.quote.replace(/…$/, '')));
    const prepared = preparePassage(chunk?.text ?? c.quote);
    const citing = claims.filter((s) => s.markers.includes(c.n));
    const ok =
      citing.length > 0 && citing.every((s) => support(s.text, prepared).score >= SUPPORT_THRESHOLD[result.language]);
    if (ok) supported++;
  }
  return { supported, total: result.citations.length };
}

/**
 * Share of citations whose passage contains the claim's key terms (same lexical test as the
 * validator). 1 when there are no citations (nothing was claimed); micro-average with
 * `citationPrecisionCounts` across many answers.
 */
export function citationPrecision(result: AskResult): number {
  const { supported, total } = citationPrecisionCounts(result);
  return total === 0 ? 1 : supported / total;
}
