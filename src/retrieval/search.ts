/**
 * Hybrid retrieval: BM25 over analyzed Swedish terms (with glossary expansion and, for English
 * questions, translations from the general word list) and dense vectors (an HNSW search with an
 * external embedding model; offline, a rescoring of the BM25 candidates), fused convexly (RRF is
 * computed for diagnosis, weight 0 by measurement), then reranked by how well each passage covers
 * the question's content terms. The audience filter is applied inside both searches.
 */
import { audienceCanRead, type Audience, type Chunk } from '../domain/types.js';
import { analyze, Lexicon, QUESTION_WORDS, tokenize } from './analyzer.js';
import type { Bm25Index } from './bm25.js';
import type { DenseVectors } from './dense.js';
import type { Embedder } from './embedder.js';
import { expandQuery } from '../lexicon/domain.js';
import { translateEnglish } from '../lexicon/bilingual.js';
import { expandEveryday } from '../lexicon/everyday.js';
import { cognate } from '../query/spelling.js';
import { detectLanguage } from '../answer/language.js';

export interface SearchHit {
  chunk: Chunk;
  index: number;
  score: number;
  /** the scores behind it, for diagnosis */
  parts: { bm25: number; dense: number; rrf: number; coverage: number };
}

export interface QueryTerms {
  /** content terms of the question itself, stemmed */
  core: string[];
  /** terms added by the glossary */
  expanded: string[];
  /**
   * The added terms by concept (the alternatives of one meaning), each with the most a term may
   * weigh: an expansion is never more telling than the question's word it came from ("slut" does
   * not become as specific as "projektavslut").
   */
  groups: Array<{ terms: string[]; maxIdf: number; weight?: number }>;
  /** a question word's translations: the word counts as present when one of them is */
  alternatives: Map<string, string[]>;
  /** a core term's weight relative to the others when not 1 (the context sentences of a long message: src/query/analysis.ts) */
  emphasis?: Map<string, number>;
  /**
   * The document the question names as its source ("enligt riktlinjen", "according to the innovation
   * report"), by docId: its passages are preferred (`weights.document`). Set by src/query/analysis.ts.
   */
  documents?: string[];
  /**
   * The case studies the question names (`Retriever.namedCases`: "Social innovation Skåne", "Tillit 2.3",
   * "KoSaVa"), by name as the passages' context has it. Their passages are preferred (`weights.case`), and
   * the terms of the name count `CASE_NAME_WEIGHT` in this search: every passage of the case carries the
   * name in its context, so within the case the name ranks the passages that repeat it (the fact box,
   * the introduction) above the one that answers. Set by src/query/analysis.ts.
   */
  cases?: string[];
}

export interface SearchOptions {
  audience: Audience;
  k: number;
  /** the question's terms, when the caller has them already (queryTerms of the same question) */
  terms?: QueryTerms;
}

/**
 * Per document (docId), the analyzed terms of its manifest name: title, author, publisher and who
 * commissioned it. What `Retriever.documentNames` holds, so that an attribution in a question can
 * name one document.
 */
export function documentNamesOf(
  docs: ReadonlyArray<{ docId: string; title?: string; author?: string; publisher?: string; commissionedBy?: string }>,
  lexicon?: Lexicon,
): Map<string, Set<string>> {
  return new Map(docs.map((d) => [d.docId, new Set(analyze([d.title, d.author, d.publisher, d.commissionedBy].filter(Boolean).join(' '), { lexicon }))]));
}

/**
 * Fusion and reranking weights (measured on the dev set; see docs/architecture.md). `document`: the
 * bonus, in units of the best normalized BM25 score, of a passage of the document the question names
 * ("enligt riktlinjen"); 0.2, 0.5 and 1 were equal on the tune part, 1 makes the naming decisive.
 * `case`: the same for a passage of a case study the question names (`QueryTerms.cases`); 0.3, 0.5
 * and 1 with CASE_NAME_WEIGHT 0.2–1 measured on the tune parts of the six QA files, 0.5 / 0.5 chosen.
 * `number`: how much a number the question states ("sexton intervjuer", "i juni 2018") counts in the
 * search (BM25 and coverage) relative to its other terms: numbers are frequent in the reports (dates,
 * page and table numbers), so their idf is low, yet a number typed in a question is as telling as a
 * name (1, 1.5 and 2 measured on the tune parts of the six QA files; 2 chosen). The composer's term
 * weights (`termWeight`) are not changed by it.
 */
export const DEFAULT_WEIGHTS = { bm25: 1, dense: 0.1, rrf: 0, coverage: 0.3, expansion: 0.7, everyday: 0.3, document: 1, case: 0.5, number: 2 };

/** How much a term of a named case's name counts in the search (BM25 and coverage) once the case is known (`QueryTerms.cases`). */
export const CASE_NAME_WEIGHT = 0.5;

/** the prefix of a case study's name in a chunk's context (src/ingest/chunk.ts) */
const CASE_PREFIX = 'Projekt: ';
/** words of a case's name that do not name it */
const CASE_GENERIC = new Set(analyze('projekt projektet fallstudie'));

/** A case study of the index: its name (as in the passages' context), the analyzed terms of the name and its passages. */
export interface CaseStudy {
  name: string;
  terms: string[];
  chunks: Set<number>;
}

export class Retriever {
  weights = { ...DEFAULT_WEIGHTS };
  /**
   * Analyzed terms that name the indexed documents (titles, authors, publishers; set by the
   * assistant from the manifests): "enligt Lena Högbergs bilder" says where to look, not what about.
   */
  sourceTerms: ReadonlySet<string> = new Set();
  /** per document (docId), the analyzed terms of its own title, author and publisher (set by the assistant from the manifests) */
  documentNames: ReadonlyMap<string, ReadonlySet<string>> = new Map();
  constructor(
    readonly chunks: Chunk[],
    private readonly bm25: Bm25Index,
    /** null without a dense stage (the offline default: docs/architecture.md) */
    private readonly dense: DenseVectors | null,
    private readonly embedder: Embedder | null,
    readonly lexicon: Lexicon,
  ) {}

  private caseList: CaseStudy[] | null = null;
  private caseByChunk: Map<number, CaseStudy> | null = null;

  /** The case studies of the index (chunks whose context names a case, "Projekt: X"), once per index. */
  cases(): CaseStudy[] {
    if (this.caseList) return this.caseList;
    const byName = new Map<string, CaseStudy>();
    const byChunk = new Map<number, CaseStudy>();
    this.chunks.forEach((c, i) => {
      const part = c.context.split(' | ').find((p) => p.startsWith(CASE_PREFIX));
      if (!part) return;
      const name = part.slice(CASE_PREFIX.length).trim();
      let cs = byName.get(name);
      if (!cs) byName.set(name, (cs = { name, terms: [...new Set(analyze(name, { lexicon: this.lexicon }))].filter((t) => !CASE_GENERIC.has(t)), chunks: new Set() }));
      cs.chunks.add(i);
      byChunk.set(i, cs);
    });
    this.caseByChunk = byChunk;
    return (this.caseList = [...byName.values()].filter((c) => c.terms.length));
  }

  /** the case study a passage belongs to, if any */
  caseOf(index: number): CaseStudy | undefined {
    this.cases();
    return this.caseByChunk!.get(index);
  }

  /**
   * The case studies a question's terms name: a case whose name's terms the question has for at least
   * three quarters of their idf ("social innovation i Skåne" names "Social innovation Skåne"), or one of
   * whose name's terms is held mostly (≥ 80 %) by the case's own passages and is no word the lexicon
   * translates or expands ("KoSaVa" names "Kommunal samordnad varudistribution (KoSaVa)"; "Sweden" does
   * not name "Southern Sweden Creatives"). When several fit, those with the largest share of their name.
   */
  namedCases(q: Pick<QueryTerms, 'core' | 'alternatives'>): string[] {
    const have = new Set(q.core);
    const found: Array<{ name: string; share: number }> = [];
    for (const cs of this.cases()) {
      const known = cs.terms.filter((t) => this.knows(t));
      const total = known.reduce((s, t) => s + this.idf(t), 0);
      if (!total) continue;
      const share = known.filter((t) => have.has(t)).reduce((s, t) => s + this.idf(t), 0) / total;
      const own = known.some((t) => have.has(t) && !/^\d/.test(t) && !q.alternatives.get(t)?.length && [...cs.chunks].filter((i) => this.bm25.has(t, i)).length >= 0.8 * this.bm25.df(t));
      if (share >= 0.75 || own) found.push({ name: cs.name, share });
    }
    const best = Math.max(0, ...found.map((f) => f.share));
    return found.filter((f) => f.share === best).map((f) => f.name);
  }

  /** A text's own content terms as a question's `core` has them: analyzed, question words left out. */
  coreTerms(text: string): string[] {
    return analyze(tokenize(text).filter((t) => !QUESTION_WORDS.has(t)).join(' '), { lexicon: this.lexicon });
  }

  /** The analyzed terms of a question: its own content words and the glossary's expansions. */
  queryTerms(question: string, language: import('../domain/types.js').Language = detectLanguage(question)): QueryTerms {
    const toks = tokenize(question).filter((t) => !QUESTION_WORDS.has(t));
    const core = this.coreTerms(question);
    const { concepts: glossary } = expandQuery(question);
    // an English question also gets the Swedish words of the general word list; a Swedish one the report
    // words of its everyday words (funkar → fungerar), weighed by `weights.everyday` relative to the others
    const everyday = language === 'en' || this.weights.everyday <= 0 ? [] : expandEveryday(question).map((c) => ({ ...c, weight: this.weights.everyday }));
    const concepts: Array<{ via: string; terms: string[]; weight?: number }> = language === 'en' ? [...glossary, ...translateEnglish(question)] : [...glossary, ...everyday];
    if (language === 'en') {
      // an English word with no translation and unknown to the index may be a cognate of a Swedish word
      const via = new Set(concepts.flatMap((c) => tokenize(c.via)));
      const known = (w: string) => this.lexicon.has(w);
      for (const w of new Set(toks)) {
        if (via.has(w) || /\d/.test(w) || analyze(w, { lexicon: this.lexicon }).some((t) => this.knows(t))) continue;
        const sv = cognate(w, this.lexicon, known);
        if (sv) concepts.push({ via: w, terms: analyze(sv, { lexicon: this.lexicon }) });
      }
    }
    const terms = [...new Set(concepts.flatMap((c) => c.terms))];
    const coreSet = new Set(core);
    const groups = concepts
      .map((c) => {
        const known = analyze(c.via).filter((t) => this.knows(t));
        // a question word's stem ("hur många" → "mång") is no more evidence as an expansion than as a question word
        return { terms: c.terms.filter((t) => !coreSet.has(t) && !questionWordStems().has(t)), maxIdf: known.length ? Math.max(...known.map((t) => this.idf(t))) : Infinity, weight: c.weight };
      })
      .filter((g) => g.terms.length);
    const alternatives = new Map<string, string[]>();
    for (const c of concepts)
      for (const t of analyze(c.via, { lexicon: this.lexicon }))
        if (coreSet.has(t)) alternatives.set(t, [...new Set([...(alternatives.get(t) ?? []), ...c.terms.filter((x) => x !== t)])]);
    return { core: [...new Set(core)], expanded: terms.filter((t) => !coreSet.has(t)), groups, alternatives };
  }

  /**
   * How much a question word counts in coverage: its idf (capped), or for a word no passage has,
   * the idf of its best-known translation; 0 when neither is known.
   */
  termWeight(q: QueryTerms, t: string): number {
    const emphasis = q.emphasis?.get(t) ?? 1;
    const alts = (q.alternatives.get(t) ?? []).filter((x) => this.knows(x));
    if (alts.length) return emphasis * Math.min(6, Math.max(...alts.map((x) => this.idf(x)), this.knows(t) ? this.idf(t) : 0));
    return this.knows(t) ? emphasis * Math.min(this.idf(t), 6) : 0;
  }

  /** whether any passage has the term */
  /**
   * Whether the index has a term; with an audience, whether a passage that audience may read has it
   * (a resident's question about an internal policy names something that, for the resident, is not there).
   */
  knows(term: string, audience?: Audience): boolean {
    if (audience === undefined) return this.bm25.df(term) > 0;
    return this.bm25.occursIn(term, (i) => audienceCanRead(audience, this.chunks[i].access));
  }

  /** whether a question word, or one of its translations, is among a passage's terms */
  covers(q: QueryTerms, t: string, has: (term: string) => boolean): boolean {
    return has(t) || (q.alternatives.get(t)?.some(has) ?? false);
  }

  idf(term: string): number {
    return this.bm25.idf(term);
  }

  async search(question: string, opts: SearchOptions): Promise<SearchHit[]> {
    const allow = (i: number) => audienceCanRead(opts.audience, this.chunks[i].access);
    const q = opts.terms ?? this.queryTerms(question);
    // a named case: its passages are preferred, and its name's terms count little (every passage of it has them)
    const cases = new Set(q.cases ?? []);
    const nameTerms = new Set(this.cases().filter((c) => cases.has(c.name)).flatMap((c) => c.terms));
    const inCase = (i: number) => cases.size > 0 && cases.has(this.caseOf(i)?.name ?? '');
    // a number the question states counts `weights.number`; a term of a named case's name CASE_NAME_WEIGHT
    const nameWeight = (t: string) => (nameTerms.has(t) ? CASE_NAME_WEIGHT : /^\d/.test(t) ? this.weights.number : 1);
    const weighted = [
      ...q.core.map((term) => ({ term, weight: (q.emphasis?.get(term) ?? 1) * nameWeight(term) })),
      // the forms of one glossary concept are alternatives: a passage scores the best of them
      ...q.groups.flatMap((g, group) => g.terms.map((term) => ({ term, weight: this.weights.expansion * (g.weight ?? 1) * Math.min(1, g.maxIdf / this.idf(term)), group }))),
    ];
    const pool = Math.max(60, opts.k * 4);
    const lex = this.bm25.search(weighted, pool, allow);
    // the best passages of a document the question names are candidates even when other documents fill the pool
    const named = new Set(q.documents ?? []);
    if (named.size) {
      const have = new Set(lex.map((h) => h.index));
      for (const h of this.bm25.search(weighted, opts.k, (i) => allow(i) && named.has(this.chunks[i].docId))) if (!have.has(h.index)) lex.push(h);
    }
    // and so are the passages of a named case
    if (cases.size) {
      const have = new Set(lex.map((h) => h.index));
      for (const h of this.bm25.search(weighted, opts.k, (i) => allow(i) && inCase(i))) if (!have.has(h.index)) lex.push(h);
    }
    // an external embedding endpoint that fails must not fail the question: lexical results stand alone
    let den: Array<{ index: number; score: number }> = [];
    const dense = this.dense && this.embedder && this.weights.dense > 0 ? { index: this.dense, embedder: this.embedder } : null;
    if (dense) {
      try {
        const qv = await dense.embedder.embedQuery(question + ' ' + q.expanded.join(' '));
        if (dense.index.search) den = dense.index.search(qv, pool, allow);
        else {
          // offline vectors rescore the lexical candidates (exact cosine; issue 17)
          const sims = dense.index.similarity(qv, lex.map((h) => h.index));
          den = lex.map((h, i) => ({ index: h.index, score: sims[i] })).sort((a, b) => b.score - a.score || a.index - b.index);
        }
      } catch {
        den = [];
      }
    }

    // reciprocal rank fusion
    const K = 60;
    const fused = new Map<number, { bm25: number; dense: number; rrf: number }>();
    lex.forEach((h, r) => {
      const e = fused.get(h.index) ?? { bm25: 0, dense: 0, rrf: 0 };
      e.bm25 = h.score;
      e.rrf += 1 / (K + r + 1);
      fused.set(h.index, e);
    });
    den.forEach((h, r) => {
      const e = fused.get(h.index) ?? { bm25: 0, dense: 0, rrf: 0 };
      e.dense = h.score;
      e.rrf += this.weights.dense / (K + r + 1);
      fused.set(h.index, e);
    });

    // rerank the fused candidates by idf-weighted coverage of the question's terms
    const maxRrf = Math.max(...[...fused.values()].map((e) => e.rrf), 1e-9);
    const maxBm25 = Math.max(...lex.map((h) => h.score), 1e-9);
    const maxDense = Math.max(...den.map((h) => h.score), 1e-9);
    // without a dense stage its weight is not part of the fusion
    const w = dense ? this.weights : { ...this.weights, dense: 0 };
    const hits: SearchHit[] = [];
    // rerank only the best fused candidates
    // passages of the document the question names as its source get a fixed bonus
    const candidates = [...fused.entries()]
      // convex fusion of normalized lexical and dense scores (plus optional RRF)
      .map(([index, e]) => ({
        index,
        e,
        fused:
          (w.bm25 * (e.bm25 / maxBm25) + w.dense * Math.max(0, e.dense / maxDense) + w.rrf * (e.rrf / maxRrf)) / (w.bm25 + w.dense + w.rrf || 1) +
          (named.has(this.chunks[index].docId) ? w.document : 0) +
          (inCase(index) ? w.case : 0),
      }))
      .sort((a, b) => b.fused - a.fused)
      .slice(0, Math.max(40, opts.k * 2));
    // the question's term weights, once for all candidates (they do not depend on the passage)
    const weights = this.coverageWeights(q);
    weights.core = weights.core.map((x, i) => x * nameWeight(q.core[i]));
    for (const { index, e, fused: fusedScore } of candidates) {
      const chunk = this.chunks[index];
      const coverage = this.coverageWith(q, (t) => this.bm25.has(t, index), weights);
      const score = (1 - w.coverage) * fusedScore + w.coverage * coverage;
      hits.push({ chunk, index, score, parts: { ...e, coverage } });
    }
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, Math.max(opts.k, 10));
  }

  /** idf-weighted share of the question's terms found in a passage (a translated word counts when a translation is there; expansions add a little). */
  coverage(q: QueryTerms, chunk: Chunk, index?: number): number {
    const own = index === undefined ? new Set(analyze(`${chunk.text}\n${chunk.context}`, { lexicon: this.lexicon })) : null;
    return this.coverageWith(q, (t) => (own ? own.has(t) : this.bm25.has(t, index!)), this.coverageWeights(q));
  }

  /** the weights `coverage` gives the question's own terms and its expansions */
  private coverageWeights(q: QueryTerms): { core: number[]; expanded: number[] } {
    return { core: q.core.map((t) => this.termWeight(q, t)), expanded: q.expanded.map((t) => Math.min(this.idf(t), 6) * 0.5) };
  }

  private coverageWith(q: QueryTerms, has: (t: string) => boolean, weights: { core: number[]; expanded: number[] }): number {
    let have = 0;
    let total = 0;
    q.core.forEach((t, i) => {
      // a term no passage has (an English word without a translation) cannot be covered
      const w = weights.core[i];
      total += w;
      if (w && this.covers(q, t, has)) have += w;
    });
    let exp = 0;
    let expTotal = 0;
    q.expanded.forEach((t, i) => {
      const w = weights.expanded[i];
      expTotal += w;
      if (has(t)) exp += w;
    });
    const base = total > 0 ? have / total : 0;
    const ex = expTotal > 0 ? exp / expTotal : 0;
    return q.core.length && total > 0 ? 0.8 * base + 0.2 * Math.min(1, ex * 3) : Math.min(1, ex * 3);
  }
}

let questionStems: Set<string> | null = null;
/** The stems of QUESTION_WORDS ("många" → "mång"): what a question asks with, never what it is about. */
function questionWordStems(): Set<string> {
  return (questionStems ??= new Set([...QUESTION_WORDS].flatMap((w) => analyze(w))));
}
