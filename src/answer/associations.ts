/**
 * Learned term associations between questions and the sentences that answer them: a question term q
 * and a sentence term s are associated when, over the training questions that have q, sentences with s
 * are answers far more often than the other sentences of the same retrieved passages are. This is
 * the lexical "translation" model of answer-sentence selection (Berger et al. 2000, "Bridging the
 * lexical chasm"; Echihabi & Marcu 2003), estimated discriminatively: the negatives are the
 * question's own candidate sentences, so a word every passage of a topic has ("Boost", "projekt")
 * weighs nothing, and what separates answers remains: "bor" ↔ "invånare", "kritik" ↔ "criticism",
 * the answer type "number" ↔ "procent". It covers what no hand-made word list does (everyday and
 * English wording against the reports' words) and is fitted with the answer model (`brygga eval
 * fit`, evals/fit-answer.ts) on the tune halves and the training sets only.
 */
import { readFileSync } from 'node:fs';
import { fromRoot } from '../root.js';

/** q → s → weight (a log ratio > 0): what scoring reads (a fitted table, or the committed one read lazily) */
export interface AssociationTable {
  get(q: string): ReadonlyMap<string, number> | undefined;
}
/** a table as `fitAssociations` makes it */
export type FittedAssociations = Map<string, Map<string, number>>;

/** One training question: its terms (`questionTokens`) and the term sets of its answer sentences and of the others. */
export interface AssociationExample {
  question: readonly string[];
  positives: ReadonlyArray<ReadonlySet<string>>;
  negatives: ReadonlyArray<ReadonlySet<string>>;
}

export interface AssociationOptions {
  /** a pair is kept when at least this many questions' answers have it (default 2) */
  minSupport?: number;
  /** additive prior on both sides of the ratio, in questions (default 0.5) */
  prior?: number;
  /** the lowest weight kept (default 0.4, about 1.5× as frequent among answers) */
  minWeight?: number;
}

/** The question side of a pair for the answer type: `type:number`, `type:who` … */
export const typeToken = (answerType: string) => `type:${answerType}`;

/** The terms a question contributes: its core stems and its answer type (`typeToken`), without repeats. */
export function questionTokens(core: readonly string[], answerType: string): string[] {
  return [...new Set([...core, typeToken(answerType)])];
}

/**
 * Fits the table. For each question with at least one answer sentence and one other, and each of its
 * terms q: pos(q, s) += the share of its answer sentences that have s, neg(q, s) += the share of its other
 * sentences that have s; weight(q, s) = ln((pos + prior) / (neg + prior)), kept when s ≠ q, the
 * support (questions whose answers have s) reaches `minSupport` and the weight `minWeight`.
 */
export function fitAssociations(examples: readonly AssociationExample[], opts: AssociationOptions = {}): FittedAssociations {
  const minSupport = opts.minSupport ?? 2;
  const prior = opts.prior ?? 0.5;
  const minWeight = opts.minWeight ?? 0.4;
  const pos = new Map<string, Map<string, number>>();
  const neg = new Map<string, Map<string, number>>();
  const support = new Map<string, Map<string, number>>();
  const add = (m: Map<string, Map<string, number>>, q: string, s: string, v: number) => {
    let row = m.get(q);
    if (!row) m.set(q, (row = new Map()));
    row.set(s, (row.get(s) ?? 0) + v);
  };
  const shares = (sets: ReadonlyArray<ReadonlySet<string>>) => {
    const count = new Map<string, number>();
    for (const set of sets) for (const t of set) count.set(t, (count.get(t) ?? 0) + 1);
    for (const [t, n] of count) count.set(t, n / sets.length);
    return count;
  };
  for (const ex of examples) {
    if (!ex.positives.length || !ex.negatives.length) continue;
    const p = shares(ex.positives);
    const n = shares(ex.negatives);
    for (const q of new Set(ex.question)) {
      for (const [s, v] of p) {
        if (s === q) continue;
        add(pos, q, s, v);
        add(support, q, s, 1);
      }
      for (const [s, v] of n) if (s !== q && p.has(s)) add(neg, q, s, v);
    }
  }
  const table: FittedAssociations = new Map();
  for (const [q, row] of pos) {
    for (const [s, v] of row) {
      if ((support.get(q)?.get(s) ?? 0) < minSupport) continue;
      const w = Math.log((v + prior) / ((neg.get(q)?.get(s) ?? 0) + prior));
      if (w < minWeight) continue;
      let out = table.get(q);
      if (!out) table.set(q, (out = new Map()));
      out.set(s, Number(w.toFixed(3)));
    }
  }
  return table;
}

/**
 * The association of a sentence with a question: for each question term its strongest association
 * with a term of the sentence (0 when none), weighted by `weights` (the terms' idf; a term without a
 * weight counts 1) and averaged. Unit: the table's log ratio. 0 when the table has none of the terms.
 */
export function associationScore(table: AssociationTable, question: readonly string[], weights: readonly number[], sentence: ReadonlySet<string>): number {
  return associationScorer(table, question, weights)(sentence);
}

/**
 * `associationScore` for one question and many sentences: the question's rows are turned once into
 * sentence term → (question term, weight) pairs, so a sentence costs a look-up per term of its own
 * instead of a scan per question term (the same sums in the same order: the same numbers).
 */
export function associationScorer(table: AssociationTable, question: readonly string[], weights: readonly number[]): (sentence: ReadonlySet<string>) => number {
  const w = question.map((_, j) => weights[j] ?? 1);
  const total = w.reduce((a, b) => a + b, 0);
  const bySentenceTerm = new Map<string, Array<[number, number]>>();
  question.forEach((t, j) => {
    for (const [term, v] of table.get(t) ?? []) {
      if (!(v > 0)) continue;
      const list = bySentenceTerm.get(term);
      if (list) list.push([j, v]);
      else bySentenceTerm.set(term, [[j, v]]);
    }
  });
  const best = new Float64Array(question.length);
  return (sentence) => {
    if (!(total > 0)) return 0;
    best.fill(0);
    for (const term of sentence) for (const [j, v] of bySentenceTerm.get(term) ?? []) if (v > best[j]) best[j] = v;
    let sum = 0;
    for (let j = 0; j < question.length; j++) sum += w[j] * best[j];
    return sum / total;
  };
}

/**
 * The table as text, one question term a line: `q<TAB>s1=w1 s2=w2 …` (strongest first). Stems have
 * no spaces, tabs or "=". Read back by `associations()`, which parses a line only when its term is
 * first asked for: 37,000 pairs as JSON took 100 ms to parse and 50 ms to turn into maps on every
 * start (issue 17: one `brygga ask` ≤ 1 s), a line split takes a few milliseconds.
 */
export function tableToText(table: FittedAssociations): string {
  return (
    [...table.keys()]
      .sort()
      .map((q) => `${q}\t${[...table.get(q)!].sort((x, y) => y[1] - x[1]).map(([s, w]) => `${s}=${w}`).join(' ')}`)
      .join('\n') + '\n'
  );
}

/** The committed table's lines by question term, each parsed on first use. */
class LazyAssociations implements AssociationTable {
  private readonly parsed = new Map<string, ReadonlyMap<string, number>>();
  constructor(private readonly lines: Map<string, string>) {}
  get(q: string): ReadonlyMap<string, number> | undefined {
    let row = this.parsed.get(q);
    if (row) return row;
    const line = this.lines.get(q);
    if (line === undefined) return undefined;
    row = new Map(
      line.split(' ').map((pair) => {
        const at = pair.lastIndexOf('=');
        return [pair.slice(0, at), Number(pair.slice(at + 1))] as [string, number];
      }),
    );
    this.parsed.set(q, row);
    return row;
  }
}

export const ASSOCIATIONS_FILE = fromRoot('src', 'answer', 'associations.tsv');

let loaded: AssociationTable | null = null;

/** The committed table (associations.tsv, written by `brygga eval fit`); empty when the file is missing, an error naming it when a line is malformed. */
export function associations(): AssociationTable {
  if (loaded) return loaded;
  let text: string;
  try {
    text = readFileSync(ASSOCIATIONS_FILE, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return (loaded = new Map());
    throw new Error(`termassociationerna ${ASSOCIATIONS_FILE} kunde inte läsas: ${(e as Error).message}`);
  }
  return (loaded = associationsFromText(text, ASSOCIATIONS_FILE));
}

/** A table from `tableToText`'s format; throws naming `source` and the line when a line is malformed. */
export function associationsFromText(text: string, source = 'text'): AssociationTable {
  const lines = new Map<string, string>();
  let n = 0;
  for (const line of text.split('\n')) {
    n++;
    if (!line) continue;
    const tab = line.indexOf('\t');
    if (tab <= 0 || !/^\S+=-?[\d.]+(?: \S+=-?[\d.]+)*$/.test(line.slice(tab + 1))) throw new Error(`termassociationerna ${source}, rad ${n}: väntade "term<TAB>term=vikt …"`);
    lines.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return new LazyAssociations(lines);
}

/** Replaces the table in use (the fitting script, tests). */
export function setAssociations(t: AssociationTable | null): void {
  loaded = t;
}
