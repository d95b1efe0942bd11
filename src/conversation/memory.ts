/**
 * Conversation memory per session, used offline and in LLM mode, and the offline rewriting of
 * follow-up questions into standalone queries.
 *
 * The turns live behind a TurnStore: in process (bounded: at most `maxSessions` sessions, least
 * recently used dropped) for tools and tests, or in Brygga's Store (SQLite or PostgreSQL), so that
 * a follow-up sent to another replica still finds the turn before it. Each session keeps at most
 * `maxTurns` turns (oldest dropped); texts are capped at MAX_TURN_CHARS.
 */
import { LRUCache } from 'lru-cache';

import { unicodeWords } from '../text/words.js';
import { isStopword } from '../retrieval/analyzer.js';

export interface Turn {
  role: 'user' | 'assistant';
  text: string;
  /** named entities / key noun phrases of the turn; computed when not given (when the session is next read) */
  subjects?: string[];
}

export const MAX_TURN_CHARS = 4000;

/** Where the turns are kept. Implementations: memoryTurnStore (here), the Store's (storage/). */
export interface TurnStore {
  /** the session's last `max` turns, oldest first (copies); [] for an unknown session */
  recall(sessionId: string, max: number): Promise<Turn[]>;
  /** appends turns (in order) and keeps only the session's last `max` */
  remember(sessionId: string, turns: Turn[], max: number): Promise<void>;
}

/** In process memory, least recently used session dropped beyond `maxSessions`. */
export function memoryTurnStore(maxSessions = 1000): TurnStore & { readonly size: number } {
  const sessions = new Map<string, Turn[]>();
  const limit = Math.max(1, maxSessions);
  return {
    async recall(sessionId, max) {
      const turns = sessions.get(sessionId);
      if (!turns) return [];
      // reading counts as use
      sessions.delete(sessionId);
      sessions.set(sessionId, turns);
      return turns.slice(-max).map((t) => ({ ...t, subjects: t.subjects ? [...t.subjects] : undefined }));
    },
    async remember(sessionId, add, max) {
      const turns = sessions.get(sessionId) ?? [];
      sessions.delete(sessionId);
      turns.push(...add.map((t) => ({ ...t, subjects: t.subjects ? [...t.subjects] : undefined })));
      while (turns.length > max) turns.shift();
      sessions.set(sessionId, turns);
      while (sessions.size > limit) sessions.delete(sessions.keys().next().value as string);
    },
    get size() {
      return sessions.size;
    },
  };
}

export class ConversationMemory {
  readonly maxSessions: number;
  readonly maxTurns: number;
  private readonly store: TurnStore & { readonly size?: number };

  constructor(opts: { maxSessions?: number; maxTurns?: number; store?: TurnStore } = {}) {
    this.maxSessions = Math.max(1, opts.maxSessions ?? 1000);
    this.maxTurns = Math.max(2, opts.maxTurns ?? 12);
    this.store = opts.store ?? memoryTurnStore(this.maxSessions);
  }

  /** The session's turns, oldest first (copies). Reading counts as use. */
  history(sessionId: string): Promise<Turn[]> {
    return this.store.recall(sessionId, this.maxTurns);
  }

  /** Appends turns to a session; subjects are computed here when not given (they are stored with the turn). */
  async add(sessionId: string, ...turns: Turn[]): Promise<void> {
    const prepared = turns.map((turn) => {
      const text = turn.text.length > MAX_TURN_CHARS ? turn.text.slice(0, MAX_TURN_CHARS) : turn.text;
      return { role: turn.role, text, subjects: turn.subjects ?? [...subjectsOf(text)] };
    });
    await this.store.remember(sessionId, prepared, this.maxTurns);
  }

  /** sessions held in process memory (undefined when the turns live in a Store) */
  get size(): number | undefined {
    return this.store.size;
  }
}

/**
 * extractSubjects of the texts remembered most recently: the same question, and the same answer's
 * quotes, come again and again (issue 17: a tenth of a repeated answer's work was this).
 */
const SUBJECTS = new LRUCache<string, readonly string[]>({ max: 2000, maxSize: 4_000_000, sizeCalculation: (_v, key) => key.length + 1 });

/** extractSubjects(text), from the cache of recent texts when there (read only: it is shared) */
export function subjectsOf(text: string): readonly string[] {
  let s = SUBJECTS.get(text);
  if (!s) {
    s = extractSubjects(text);
    SUBJECTS.set(text, s);
  }
  return s;
}

/** Capitalised words that are not names when they open a sentence or are common. */
const NOT_NAMES = new Set(
  `jag du han hon vi ni de den det detta dessa denna vad vem vilken vilket vilka hur när var varför och eller men om
  i på för med till av från enligt kan ska har hade är var vilka finns fanns gick kostade berätta beskriv jämför
  ge visa the a an and or but what who which how when where why is are was were does did do can could should would
  tell describe compare give show list in on for with from to of by according also it they them their this that these those
  projektet rapporten kommunen kommunerna staden svaret källorna ja nej yes no enligt source sources report
  please thanks thank hi hello hej tack snälla svenska engelska swedish english svara svarar answer reply skriv write`
    .split(/\s+/)
    .filter(Boolean),
);

const STOP_NOUNS = new Set(
  `något någon några sätt saker del delar typ fall mycket annat andra olika gång gånger exempel svar fråga frågor
  something anything things way part example answer question questions`.split(/\s+/).filter(Boolean),
);

/**
 * Subjects of a text: named entities (capitalised word runs, also inside sentences, "Malmö
 * innovationsarena", "FC Rosengård"), acronyms (IOP, ASF), quoted names and, when there are few of
 * those, long content words (Swedish compounds: "upphandling", "arbetsintegrerande"). At most 8, in
 * order of appearance.
 */
export function extractSubjects(text: string): string[] {
  const clean = text.replace(/\[\d+\]/g, ' ').replace(/\s+/g, ' ').trim();
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (s: string) => {
    const t = s.trim().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    const key = t.toLowerCase();
    if (t.length < 2 || seen.has(key) || NOT_NAMES.has(key)) return;
    seen.add(key);
    out.push(t);
  };
  for (const m of clean.matchAll(/["“”«»']([^"“”«»']{2,60})["“”«»']/g)) add(m[1]!);
  // capitalised runs; a run may contain short lowercase joiners ("Malmö innovationsarena" is caught
  // by allowing one lowercase word after a capitalised one only when it is long)
  const tokens = [...clean.matchAll(/[\p{L}\p{N}][\p{L}\p{N}&\-–.]*|[.!?:;,()]/gu)].map((m) => m[0]);
  let run: string[] = [];
  let sentenceStart = true;
  const flush = () => {
    if (run.length) add(run.join(' '));
    run = [];
  };
  for (const tok of tokens) {
    if (/^[.!?:;]$/.test(tok)) {
      flush();
      sentenceStart = true;
      continue;
    }
    if (/^[,()]$/.test(tok)) {
      flush();
      continue;
    }
    const acronym = /^[\p{Lu}\d][\p{Lu}\d&-]{1,9}$/u.test(tok) && /\p{Lu}/u.test(tok) && tok.length >= 2;
    const capital = /^\p{Lu}/u.test(tok);
    // a function word that starts a sentence ("Mot bakgrund av …", "Under 2021 …") is no name
    const common = sentenceStart && (NOT_NAMES.has(tok.toLowerCase()) || isStopword(tok.toLowerCase()));
    if (acronym || (capital && !common)) {
      if (capital && common && !acronym) {
        flush();
      } else run.push(tok.replace(/\.$/, ''));
    } else if (run.length === 1 && !/^[\p{Lu}\d]+$/u.test(run[0]!) && /^\p{Ll}{8,}$/u.test(tok) && !NOT_NAMES.has(tok)) {
      // "Malmö innovationsarena", "Social innovation": a long lowercase word glued to a name
      run.push(tok);
      flush();
    } else {
      flush();
    }
    sentenceStart = false;
    // a word that ends its sentence keeps its full stop ("… en handbok. Under 2021 …"): the next word starts one
    if (/\p{Ll}{3,}\.$/u.test(tok)) {
      flush();
      sentenceStart = true;
    }
  }
  flush();
  // sentence-initial question words were skipped; drop single capitalised words that are just the
  // first word of a sentence and common ("Hur", "Vilka") — handled by NOT_NAMES above.
  if (out.length < 3) {
    const long = [...clean.toLowerCase().matchAll(/\p{L}{9,}/gu)].map((m) => m[0]).filter((w) => !STOP_NOUNS.has(w));
    for (const w of long) {
      if (out.length >= 5) break;
      if (!out.some((o) => o.toLowerCase().includes(w))) add(w);
    }
  }
  return out.slice(0, 8);
}

const FOLLOW_UP_SV = unicodeWords(
  /^(och|men|så|samt|också|även)\b|\b(det|den|dem|dom|de|dess|deras|detta|dessa|denna|där|dit|därifrån|då|sen|sedan|samma|han|hon|hans|hennes|honom|henne)\b/i,
);
const FOLLOW_UP_EN =
  /^(and|but|so|also|what about|how about)\b|\b(it|its|they|them|their|theirs|those|these|that one|there|then|he|she|his|her|him|the same)\b/i;
const WHICH_OF = /\b(vilken|vilket|vilka|vem|which|who)\s+(av|of)\s+(dem|dom|de|them|those|these)\b/i;
/**
 * A definite common noun that points back to what was just discussed ("lever verksamheten kvar efter
 * att projektet tog slut?", "did the project reach its goal?"): a follow-up when the question names
 * nothing of its own.
 */
const DEFINITE_BACK_REFERENCE = unicodeWords(
  /\b(projektet|projektets|verksamheten|verksamhetens|satsningen|initiativet|nätverket|studien|studiens|rapporten|rapportens|metoden|arbetet|företaget|företagets|föreningen|samarbetet|avtalet|fonden|idén|idéen|konceptet|evenemanget|evenemangen|mötesplatsen|utbildningen|tjänsten|modellen|the (?:project|programme|program|initiative|network|study|report|method|company|enterprise|scheme|fund|partnership|association|idea|concept|event|events|meeting place|course|service|model))\b/i,
);

/**
 * Offline rewriting: when the question is a follow-up (a pronoun or ellipsis and no subject of its
 * own), carry the previous turn's subjects into a standalone query: "och vad kostade det?" after a
 * question about Crossroads becomes "och vad kostade det? (Crossroads)". Returns the question
 * unchanged when it stands alone or there is no history.
 */
export function rewriteFollowUpOffline(history: Turn[], question: string): string {
  const q = question.trim();
  if (!history.length || !q) return question;
  const own = extractSubjects(q).filter((s) => /^\p{Lu}/u.test(s) || /^[\p{Lu}\d]{2,}$/u.test(s));
  const words = q.split(/\s+/).filter(Boolean);
  const pronoun = FOLLOW_UP_SV.test(q) || FOLLOW_UP_EN.test(q) || WHICH_OF.test(q);
  const short = words.length <= 4;
  const followUp = (pronoun && (own.length === 0 || WHICH_OF.test(q) || words.length <= 8)) || ((short || DEFINITE_BACK_REFERENCE.test(q)) && own.length === 0);
  if (!followUp) return question;

  // the previous exchange: last user turn and the assistant turn after it
  const subjects: string[] = [];
  const pushAll = (xs: string[] | undefined, limit: number) => {
    let n = 0;
    for (const s of xs ?? []) {
      if (n >= limit) break;
      if (s.startsWith(DOC_PREFIX)) continue;
      if (!subjects.some((x) => x.toLowerCase() === s.toLowerCase()) && !q.toLowerCase().includes(s.toLowerCase())) {
        subjects.push(s);
        n++;
      }
    }
  };
  for (let i = history.length - 1; i >= 0 && subjects.length === 0; i--) {
    const t = history[i]!;
    if (t.role !== 'user') continue;
    const answer = history[i + 1]?.role === 'assistant' ? history[i + 1] : undefined;
    pushAll(t.subjects ?? extractSubjects(t.text), 5);
    // "which of them" refers to what the answer listed; otherwise the answer's words are used only when
    // the question named nothing (an answer's sentence-initial words would only add noise)
    if (WHICH_OF.test(q) || subjects.length === 0) pushAll(answer ? (answer.subjects ?? extractSubjects(answer.text)) : [], WHICH_OF.test(q) ? 6 : 3);
  }
  if (!subjects.length) return question;
  return `${q} (${subjects.slice(0, 8).join(', ')})`;
}

/** A subject that names a document the answer cited (`documentSubject`), not a name in its text. */
const DOC_PREFIX = 'doc:';

/** The subject under which an assistant turn remembers a document it cited (its title). */
export function documentSubject(title: string): string {
  return `${DOC_PREFIX}${title}`;
}

/** a question about a document as such: "Vem skrev rapporten?", "When was the study published?" */
const DOCUMENT_BACK_REFERENCE = unicodeWords(
  /\b(?:rapporten|rapportens|studien|studiens|dokumentet|dokumentets|skriften|bilderna|presentationen|utvärderingen|riktlinjen|the (?:report|study|document|slides|presentation|evaluation|paper|guideline|policy))\b/i,
);

/**
 * A question about "the report" after an answer: the title of the document the last answer cited
 * first is added, so that "Vem skrev rapporten?" after an answer quoting the SKR report asks who
 * wrote that report (answered from its manifest entry). With `aboutDocument` (the question asks for an
 * author or a date) a pronoun refers to it too ("När kom den ut?"). `question` unchanged when it names
 * no document by a back-reference, already names one, or no earlier answer cited one.
 */
export function withCitedDocument(history: readonly Turn[], question: string, opts: { aboutDocument?: boolean } = {}): string {
  // a question for an author or a date refers to a document also by a pronoun ("När kom den ut?")
  if (!opts.aboutDocument && !DOCUMENT_BACK_REFERENCE.test(question)) return question;
  if (opts.aboutDocument && !DOCUMENT_BACK_REFERENCE.test(question) && !/\b(?:den|det|denna|detta|dessa|de|it|this|that|they|them)\b/i.test(question)) return question;
  for (let i = history.length - 1; i >= 0; i--) {
    const t = history[i]!;
    if (t.role !== 'assistant') continue;
    const doc = t.subjects?.find((x) => x.startsWith(DOC_PREFIX));
    if (!doc) continue;
    const title = doc.slice(DOC_PREFIX.length);
    return question.includes(title) ? question : `${question.trim()} (${title})`;
  }
  return question;
}
