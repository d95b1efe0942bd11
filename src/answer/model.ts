/**
 * The answer model, in two parts: a ranker that scores each candidate sentence of a question from
 * features of the sentence and the question (a conditional logit: which sentence states what was
 * asked?), and a logistic regression that gives the confidence that the best sentence holds the
 * answer. Fitted on the TUNE part of
 * the dev questions by `brygga eval fit` (evals/fit-answer.ts); its decision threshold chosen on the
 * MEASURE part. Weights live in answer-model.json beside this file, with when and on what they
 * were fitted.
 */
import { readFileSync } from 'node:fs';
import { fromRoot } from '../root.js';

export const FEATURES = [
  'bias',
  'coverage', // idf-weighted share of the question's content terms in the sentence (translations count)
  'coverageWithContext', // the same, with the passage's section path and case name
  'passageCoverage', // the passage's coverage (retrieval rerank)
  'retrievalScore', // the passage's fused score relative to the best passage
  'firstPassage', // 1 for the best-ranked passage
  'inverseRank', // 1 / (passage rank)
  'expansionCoverage', // share of glossary expansions / translations present
  'bigrams', // share of the question's adjacent content-term pairs present in order
  'proximity', // covered terms close together (covered / span)
  'typeMatch', // the sentence has what the answer type needs (a number, a name, a year, a definition, a list)
  'typeMiss', // the answer type needs something the sentence lacks
  'quantityStated', // number questions: the measured thing is named at the number
  'quantityAtNumber', // number questions: a number is followed by the question's own word for the measured thing ("3 169 individer")
  'durationStated', // "hur länge …?": the sentence states a duration ("upp emot tio år")
  'yearsHeld', // every year the question names is in the passage
  'polarityAgrees', // both speak of obstacles, or both of benefits
  'polarityOpposes', // the question asks for obstacles and the sentence speaks of benefits, or the other way round
  'heading', // a heading or label
  'table', // a flattened table
  'listLeadIn', // ends with ":"
  'logWords', // log(1 + words) / 4
  'english', // the question is English (quotes are Swedish)
  'unknownTopic', // the question names a word or name no passage has
  'fewTerms', // 1 / (1 + number of content terms)
  'neighbourCoverage', // the best coverage of the sentence before or after it (an answer often follows the sentence that names the topic)
  'missingName', // share of the question's names (capitalized words) that neither the sentence nor its passage's context has
  'reference', // a footnote or bibliography entry ("10 Nählinder, J. & … (2019): …", a bare link)
  'matchNumber', 'matchWho', 'matchWhen', 'matchDefinition', 'matchList', 'matchWhy', // typeMatch per answer type
  'coverageSq', 'coverageTimesType', 'coverageTimesRetrieval', // interactions
  'definesAsked', // "vad är X?": share of X's terms in what the sentence defines ("X är …", "Med X menas …")
  'windowCoverage', // coverage of the sentence with the sentences either side and the passage's context (what a direct answer quotes)
  'asks', // the sentence is itself a question ("Vad var det som gjorde att …?"): an interview's or a heading's, not an answer
  'newTerms', // log(1 + distinct terms of the sentence the question does not have) / 3: what it adds
  'newShare', // the share of the sentence's terms the question does not have (a sentence that restates the question adds nothing)
  'askedMissing', // "vilken lön …?": share of the asked noun's terms (QuestionAnalysis.asked) that neither the sentence, its neighbours nor its passage's context has
  'association', // learned associations of the question's terms with the sentence's (src/answer/associations.ts), idf-weighted mean / 3
  'associationType', // the learned association of the question's answer type with the sentence's terms / 3
] as const;

export type FeatureName = (typeof FEATURES)[number];
export type FeatureVector = Record<FeatureName, number>;

/** Features of a question's best sentence, for the confidence that it answers. */
export const CONFIDENCE_FEATURES = [
  'bias',
  'share', // the softmax share of the quoted sentences' windows among all candidates
  'margin', // the best sentence's score minus the best one outside those windows (capped at 3)
  'coverageWithContext',
  'passageCoverage',
  'typeMiss',
  'numberQuestion', // the question asks for a number (so quantityStated weighs within number questions)
  'quantityStated',
  'quantityAtNumber',
  'yearsHeld',
  'polarityOpposes',
  'unknownTopic',
  'english',
  'fewTerms',
  'bigrams',
  'unknownShare', // share of the question's content words that no passage has, nor any translation of them
  'coveredIdf', // the idf mass of the question's terms the best sentence and its context cover (/ 10, at most 1.5)
  'leadScore', // the best sentence's ranker score / 10 (how much evidence it has, not only how it compares)
  'openType', // the question asks how, why, whether or something else: no answer type to check the sentence against
  'askedMissing', // the best sentence's askedMissing
] as const;
export type ConfidenceFeature = (typeof CONFIDENCE_FEATURES)[number];
export type ConfidenceVector = Record<ConfidenceFeature, number>;

export interface AnswerModel {
  /** sentence ranker: a conditional logit (softmax over a question's candidate sentences) */
  weights: Record<FeatureName, number>;
  /** confidence: a logistic regression on the best sentence, P(it holds the answer) */
  confidence: Record<ConfidenceFeature, number>;
  /** direct answer when the confidence reaches this */
  answerThreshold: number;
  /**
   * below this confidence not even the closest passages are shown, only "nothing found" (fitted on the
   * tune part with the confidence, since it depends on its scale; default MIN_PASSAGES_CONFIDENCE)
   */
  passagesThreshold?: number;
  /** an adjacent sentence is quoted with the best one when its ranker score is within this of the best score */
  companionMargin: number;
  fittedOn?: string;
  fittedAt?: string;
  note?: string;
}

// read from (and written by `brygga eval fit` to) the sources, also when running from dist/
export const MODEL_FILE = fromRoot('src', 'answer', 'answer-model.json');

let loaded: AnswerModel | null = null;

/** The committed model (answer-model.json); throws naming the file when it is missing or malformed. */
export function answerModel(): AnswerModel {
  if (loaded) return loaded;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(MODEL_FILE, 'utf8'));
  } catch (e) {
    throw new Error(`svarsmodellen ${MODEL_FILE} kunde inte läsas: ${(e as Error).message}`);
  }
  const m = raw as AnswerModel;
  for (const f of FEATURES) if (typeof m.weights?.[f] !== 'number') throw new Error(`svarsmodellen ${MODEL_FILE} saknar vikten "${f}"`);
  for (const f of CONFIDENCE_FEATURES) if (typeof m.confidence?.[f] !== 'number') throw new Error(`svarsmodellen ${MODEL_FILE} saknar vikten "confidence.${f}"`);
  loaded = m;
  return m;
}

let version = 0;

/** Replaces the model in use (tests, the fitting script); answers cached under the old model are not reused. */
export function setAnswerModel(m: AnswerModel | null): void {
  loaded = m;
  version++;
}

/** A number that changes whenever the model in use is replaced (part of the answer cache's key). */
export function answerModelVersion(): number {
  return version;
}

/** The ranker's score of a sentence: w · x (higher is better; compared within one question). */
export function rankScore(x: FeatureVector, model: AnswerModel = answerModel()): number {
  return dot(model.weights, x);
}

/**
 * w · x summed in FEATURES order, as `for (const f of FEATURES) z += w[f] * x[f]` does (the same
 * result to the bit), written out with the feature names as constants: looked up by a variable name,
 * each of the ~40 reads was a slow keyed lookup, for every sentence of every question (issue 17).
 */
const dot: (w: Record<FeatureName, number>, x: FeatureVector) => number = new Function(
  'w',
  'x',
  `let z = 0;\n${FEATURES.map((f) => `z += w[${JSON.stringify(f)}] * x[${JSON.stringify(f)}];`).join('\n')}\nreturn z;`,
) as (w: Record<FeatureName, number>, x: FeatureVector) => number;

/** P(the best sentence holds the answer) = σ(v · c). */
export function confidenceOf(c: ConfidenceVector, model: AnswerModel = answerModel()): number {
  let z = 0;
  for (const f of CONFIDENCE_FEATURES) z += model.confidence[f] * c[f];
  return 1 / (1 + Math.exp(-z));
}

/**
 * Fits the ranker by gradient descent on the conditional-logit loss: for each question with at
 * least one positive sentence, −log(Σ_pos e^s / Σ_all e^s), s = w · x (McFadden's conditional logit,
 * as in listwise learning to rank), with L2 regularisation λ on the standardized scale (each feature divided by its
 * standard deviation over all sentences; before session 15 the raw scale, where 1,500 steps left the fit far from its
 * optimum: top sentence right on the measure halves 0.610, converged 0.622, as L-BFGS finds it).
 */
export function fitRanker(groups: Array<Array<{ x: FeatureVector; y: 0 | 1 }>>, opts: { iterations?: number; rate?: number; lambda?: number } = {}): Record<FeatureName, number> {
  const it = opts.iterations ?? 1500;
  const rate = opts.rate ?? 0.5;
  const lambda = opts.lambda ?? 0.001;
  const F = FEATURES.length;
  // the rows as one typed array per group (feature order of FEATURES): the loop below runs
  // iterations × sentences × features times
  const usable = groups
    .filter((g) => g.some((r) => r.y) && g.some((r) => !r.y))
    .map((g) => ({ x: Float64Array.from(g.flatMap((r) => FEATURES.map((f) => r.x[f]))), y: g.map((r) => r.y), n: g.length }));
  // each feature scaled to unit standard deviation over all sentences: gradient descent converges in as many steps
  // whatever a feature's range, and λ weighs every feature alike (a constant shift cancels within a group)
  const { sd } = featureMoments(usable.map((g) => g.x), F);
  for (const g of usable) for (let i = 0; i < g.x.length; i++) g.x[i] /= sd[i % F];
  const w = new Float64Array(F);
  const grad = new Float64Array(F);
  for (let k = 0; k < it; k++) {
    grad.fill(0);
    for (const g of usable) {
      const s = new Float64Array(g.n);
      let max = -Infinity;
      for (let i = 0; i < g.n; i++) {
        let z = 0;
        for (let f = 0; f < F; f++) z += w[f] * g.x[i * F + f];
        s[i] = z;
        if (z > max) max = z;
      }
      let all = 0;
      let pos = 0;
      for (let i = 0; i < g.n; i++) {
        s[i] = Math.exp(s[i] - max);
        all += s[i];
        if (g.y[i]) pos += s[i];
      }
      for (let i = 0; i < g.n; i++) {
        const coef = s[i] / all - (g.y[i] ? s[i] / pos : 0);
        for (let f = 0; f < F; f++) grad[f] += coef * g.x[i * F + f];
      }
    }
    for (let f = 0; f < F; f++) w[f] -= rate * (grad[f] / usable.length + lambda * w[f]);
  }
  return Object.fromEntries(FEATURES.map((f, i) => [f, w[i] / sd[i]])) as Record<FeatureName, number>;
}

/**
 * The mean and standard deviation of each of F features over rows stored F at a time (a standard deviation of 1 for
 * a constant feature): the scale both fits standardize by.
 */
function featureMoments(blocks: Float64Array[], F: number): { mean: Float64Array; sd: Float64Array } {
  const sum = new Float64Array(F);
  const sq = new Float64Array(F);
  let n = 0;
  for (const x of blocks) {
    for (let i = 0; i < x.length; i++) {
      sum[i % F] += x[i];
      sq[i % F] += x[i] * x[i];
    }
    n += x.length / F;
  }
  const mean = sum.map((s) => (n ? s / n : 0));
  const sd = sum.map((s, f) => {
    const v = n ? sq[f] / n - (s / n) ** 2 : 0;
    return v > 1e-12 ? Math.sqrt(v) : 1;
  });
  return { mean, sd };
}

/**
 * Fits a logistic regression by batch gradient descent on the log loss with L2 regularisation (λ on
 * all but the bias, on the standardized scale). `rows` are feature vectors with labels 0/1; a feature named
 * `bias` (1 in every row) is the intercept.
 */
export function fitLogistic<F extends string>(
  names: readonly F[],
  rows: Array<{ x: Record<F, number>; y: 0 | 1 }>,
  opts: { iterations?: number; rate?: number; lambda?: number } = {},
): Record<F, number> {
  const it = opts.iterations ?? 3000;
  const rate = opts.rate ?? 0.5;
  const lambda = opts.lambda ?? 0.001;
  // every feature but the bias centred and scaled to unit standard deviation (gradient descent converges whatever a
  // feature's range, and λ weighs every feature alike); the weights are turned back to the features' own scale
  const F = names.length;
  const n = rows.length || 1;
  const X = Float64Array.from(rows.flatMap((r) => names.map((f) => r.x[f])));
  const { mean, sd } = featureMoments([X], F);
  // (the bias is left as it is: 1 in every row)
  const bias = names.indexOf('bias' as F);
  if (bias >= 0) {
    mean[bias] = 0;
    sd[bias] = 1;
  }
  const z = rows.map(({ y }, i) => ({ x: names.map((_, j) => (X[i * F + j] - mean[j]) / sd[j]), y }));
  const w = new Float64Array(names.length);
  const grad = new Float64Array(names.length);
  for (let k = 0; k < it; k++) {
    grad.fill(0);
    for (const { x, y } of z) {
      let s = 0;
      for (let j = 0; j < x.length; j++) s += w[j] * x[j];
      const g = 1 / (1 + Math.exp(-s)) - y;
      for (let j = 0; j < x.length; j++) grad[j] += g * x[j];
    }
    for (let j = 0; j < F; j++) w[j] -= rate * (grad[j] / n + (j === bias ? 0 : lambda * w[j]));
  }
  const out = Object.fromEntries(names.map((f, j) => [f, w[j] / sd[j]])) as Record<F, number>;
  // the centring moves into the bias: Σ w'(x − μ)/σ = Σ (w'/σ) x − Σ (w'/σ) μ
  if (bias >= 0) out['bias' as F] -= names.reduce((a, f, j) => a + out[f] * mean[j], 0);
  return out;
}
