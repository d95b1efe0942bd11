/**
 * Fits the answer model (src/answer/model.ts) — `brygga eval fit`:
 * 1. the ranker and the confidence, on the TUNE halves of the dev and held-out (qa-fresh*) questions and all of
 *    evals/qa-train*.jsonl: sentences labelled 1 when they hold (or are held by) a gold evidence string;
 * 2. the direct-answer threshold, on the MEASURE halves: the lowest threshold at which at most 10 % of
 *    direct answers are confidently wrong (issue 12's target), which gives the most correct answers
 *    (if at least MIN_CORRECT_SHARE of answerable questions are correct there);
 *    where none reaches it, the most correct less WRONG_COST per wrong one, averaged over ±0.03;
 *    the gain is flat over a wide range (0.35–0.60 on 150 questions), so of the thresholds within one
 *    answer of the best gain the highest is taken: the same gain with fewer wrong answers, and a
 *    choice that does not jump between the plateau's ends from one refit to the next.
 * Writes src/answer/answer-model.json.
 */
import { createHash } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CoreAssistant } from '../src/assistant.js';
import { answerSet, candidates, confidenceFeatures, DEFINITION_POOL, definitionFirst } from '../src/answer/extractive.js';
import { CONFIDENCE_FEATURES, FEATURES, fitLogistic, fitRanker, MODEL_FILE, setAnswerModel, type AnswerModel, type ConfidenceVector, type FeatureVector } from '../src/answer/model.js';
import { passageInfo } from '../src/answer/passages.js';
import { ASSOCIATIONS_FILE, fitAssociations, questionTokens, setAssociations, tableToText, type AssociationExample, type AssociationTable } from '../src/answer/associations.js';
import { analyzeQuestion } from '../src/query/analysis.js';
import { devQaFiles, evalAudience, evidenceNormalizer, heldOutQaFiles, judge, loadQaCases, splitOf, type QaOutcome } from './qa.js';

/** folds of the association table's cross-fit */
const ASSOCIATION_FOLDS = 5;
/** the share of direct answers that may be confidently wrong (issue 12) */
const MAX_CONFIDENTLY_WRONG = 0.1;
/**
 * a threshold meets MAX_CONFIDENTLY_WRONG only with at least this share of answerable questions
 * answered correctly (four fifths of issue 12's 75 %). At 0.25 (a third), once the threshold was
 * chosen on all measure halves (session 11), the rule took 0.85: confidently wrong 9.4 %, but correct
 * 64 → 33 %, and plain questions the ranker gets right ("Vad är samskapande?", 0.67) became closest
 * passages while "Vad är ett socialt företag?" was still answered wrongly at 0.89: the confidence does
 * not separate right from wrong well enough at the top for that trade.
 */
const MIN_CORRECT_SHARE = 0.6;
/**
 * Where no threshold reaches MAX_CONFIDENTLY_WRONG: what a confidently wrong answer costs, counted in
 * correct answers (a direct answer where it is more likely right than wrong). Cost 2 was measured
 * (session 5, measure part: correct 41 → 19 %, confidently wrong 34 → 24 %; held-out qa-fresh: wrong
 * 30 → 16 %, correct 32 → 22 %) and not chosen: it refused plain fact-box questions ("Hur mycket
 * EU-stöd fick SKAPA 2.0?") whose best sentence was right, because the confidence separates right
 * from wrong too weakly for a high threshold. Session 15 fitted both models to convergence (standardized
 * features) and the confidence separated better (measure halves, correct at ≤ 10 % confidently wrong: 35 → 45 %;
 * unseen qa-unseen-1: 45 → 58 %). Measured again then: cost 1.5 moves the threshold 0.53 → 0.55 (no real change);
 * cost 2 to about 0.75, measure halves correct 68.8 → 58.5 %, confidently wrong 17.8 → 12.1 %, the unseen file
 * 65.9 → 54.2 %, 14.1 → 10.0 %: ten correct answers given up for five wrong ones, not chosen.
 */
const WRONG_COST = 1;

export async function fitAnswerModel(assistant: CoreAssistant, out: NodeJS.WritableStream): Promise<AnswerModel> {
  // training: the TUNE half of the dev files and of the held-out files, and all of qa-train*.jsonl
  // (written for training by helpers who saw neither code nor evals); the threshold: the MEASURE halves
  const freshFiles = heldOutQaFiles();
  const trainFiles = readdirSync(path.resolve('evals'))
    .filter((f) => /^qa-train(-\d+)?\.jsonl$/.test(f))
    .sort()
    .map((f) => path.resolve('evals', f));
  const dev = devQaFiles().flatMap(loadQaCases);
  const held = freshFiles.flatMap(loadQaCases);
  const extra = trainFiles.flatMap(loadQaCases);
  const cases = [...dev, ...held];
  const norm = evidenceNormalizer(assistant);
  const audienceOf = evalAudience(assistant);
  const zeros = <F extends string>(names: readonly F[]) => Object.fromEntries(names.map((f) => [f, 0])) as Record<F, number>;
  const companionMargin = 1;
  const holds = (gold: string[], text: string) => {
    const s = norm(text);
    return gold.some((e) => s.includes(e));
  };
  // the quoted window of a candidate: the sentence with the one before and after it in its passage
  const windowOf = (cand: { hit: { chunk: Parameters<typeof passageInfo>[0] }; sentence: { i: number } }) => {
    const ss = passageInfo(cand.hit.chunk, assistant.retriever.lexicon).sentences;
    const j = ss.findIndex((s) => s.i === cand.sentence.i);
    return ss.slice(Math.max(0, j - 1), j + 2).map((s) => s.text).join(' ');
  };
  const tune = [...cases.filter((c) => splitOf(c.id) === 'tune'), ...extra];
  // the threshold on every MEASURE half (dev and held-out, about 700 questions): on the dev files' 150
  // alone it moved by up to 0.07 between refits that changed little else (session 11)
  const measure = cases.filter((c) => splitOf(c.id) === 'measure');
  const analysisOf = (c: (typeof cases)[number], table?: AssociationTable) => analyzeQuestion(c.question, assistant.retriever, { associations: table });
  const candidatesOf = async (c: (typeof cases)[number], model: AnswerModel, table: AssociationTable) => {
    const analysis = analysisOf(c, table);
    const hits = definitionFirst(await assistant.retriever.search(analysis.text, { audience: audienceOf(c), k: DEFINITION_POOL, terms: analysis.terms }), analysis, assistant.retriever);
    return candidates({ analysis, hits, retriever: assistant.retriever, model, associations: table });
  };
  const zeroModel: AnswerModel = { weights: zeros(FEATURES), confidence: zeros(CONFIDENCE_FEATURES), answerThreshold: 0, companionMargin };
  /** a candidate sentence holds (or is held by) the gold evidence */
  const isAnswer = (gold: string[], text: string): 0 | 1 => {
    const s = norm(text);
    return gold.some((e) => s.includes(e) || (s.length >= 30 && e.includes(s)) || (e.length >= 40 && (s.includes(e.slice(0, 25)) || s.includes(e.slice(-25))))) ? 1 : 0;
  };

  // 0. the term associations (src/answer/associations.ts), cross-fitted: a question's features are
  // computed with the table fitted on the other folds, so the ranker weighs the association as it
  // will work on questions it has not seen; the committed table is fitted on all tune questions
  const foldOf = (c: (typeof cases)[number]) => createHash('sha256').update(`${c.id}\u0000${c.question}`).digest()[0] % ASSOCIATION_FOLDS;
  const examples: AssociationExample[] = [];
  for (const c of tune) {
    const analysis = analysisOf(c, new Map());
    const gold = c.evidence.map(norm);
    const cands = await candidatesOf(c, zeroModel, new Map());
    examples.push({
      question: questionTokens(analysis.terms.core, analysis.answerType),
      positives: cands.filter((x) => isAnswer(gold, x.sentence.text)).map((x) => x.sentence.terms),
      negatives: cands.filter((x) => !isAnswer(gold, x.sentence.text)).map((x) => x.sentence.terms),
    });
  }
  const folds = Array.from({ length: ASSOCIATION_FOLDS }, (_, k) => fitAssociations(examples.filter((_, i) => foldOf(tune[i]) !== k)));
  const table = fitAssociations(examples);
  const tableOf = (c: (typeof cases)[number]) => folds[foldOf(c)];
  out.write(`term associations: ${[...table.values()].reduce((n, r) => n + r.size, 0)} pairs of ${table.size} question terms (${ASSOCIATION_FOLDS} folds for the fit)\n`);

  // 1. the ranker on the tune part: which sentence holds (or is held by) the gold evidence
  const groups: Array<Array<{ x: FeatureVector; y: 0 | 1 }>> = [];
  for (const c of tune) {
    const gold = c.evidence.map(norm);
    const g = (await candidatesOf(c, zeroModel, tableOf(c))).map((cand) => ({ x: cand.features, y: isAnswer(gold, cand.sentence.text) }));
    groups.push(g);
  }
  const weights = fitRanker(groups);
  out.write(`ranker fitted on ${groups.flat().length} sentences of ${tune.length} tune questions (${groups.filter((g) => g.some((r) => r.y)).length} with a positive)\n`);

  // 2. the confidence on the tune part: does what a direct answer would quote hold the gold evidence?
  const ranked: AnswerModel = { weights, confidence: zeros(CONFIDENCE_FEATURES), answerThreshold: 0, companionMargin };
  const confRows: Array<{ x: ConfidenceVector; y: 0 | 1 }> = [];
  for (const c of tune) {
    const sorted = (await candidatesOf(c, ranked, tableOf(c))).sort((x, y) => y.score - x.score);
    if (!sorted.length) continue;
    // what a direct answer would quote: the best sentence and its companions, each with its window
    const chosen = answerSet(sorted, ranked, analysisOf(c, tableOf(c)));
    const quoted = chosen.map((x) => windowOf(x)).join(' ');
    confRows.push({ x: confidenceFeatures(sorted, chosen), y: c.evidence.length && holds(c.evidence.map(norm), quoted) ? 1 : 0 });
  }
  const confidence = fitLogistic(CONFIDENCE_FEATURES, confRows);
  out.write(`confidence fitted on ${confRows.length} tune questions (${confRows.filter((r) => r.y).length} whose best sentence holds the answer)\n`);
  // from here on the committed table (the cut below is fitted on the questions the table was fitted on: it sees them a little more confidently than new ones)
  setAssociations(table);
  writeFileSync(ASSOCIATIONS_FILE, tableToText(table));
  // the closest-passages cut on the tune part: every question shown its closest passages, then judged
  setAnswerModel({ weights, confidence, answerThreshold: 2, passagesThreshold: 0, companionMargin });
  const shownRows: Array<{ confidence: number; holds: boolean }> = [];
  for (const c of tune) {
    const j = judge(c, await assistant.ask({ question: c.question, audience: audienceOf(c), k: 10 }), null, norm);
    if (j.confidence) shownRows.push({ confidence: j.confidence, holds: j.helped });
  }
  const passagesThreshold = passagesCut(shownRows);
  out.write(`closest passages shown from confidence ${passagesThreshold} (tune part)\n`);

  // 3. the threshold on the measure part: every question answered, then the cut chosen
  const model: AnswerModel = { weights, confidence, answerThreshold: 0, companionMargin };
  setAnswerModel(model);
  const judged: QaOutcome[] = [];
  for (const c of measure) {
    const r = await assistant.ask({ question: c.question, audience: audienceOf(c), k: 10 });
    judged.push(judge(c, r, null, norm));
  }
  const answerable = judged.filter((j) => j.answerable).length;
  const at = (t: number) => {
    const direct = judged.filter((j) => j.outcome === 'answer' && (j.confidence ?? 0) >= t);
    const wrong = direct.filter((j) => !j.correct).length;
    const correct = direct.length - wrong;
    // the most correct answers with at most MAX_CONFIDENTLY_WRONG of direct answers wrong (and at
    // least MIN_CORRECT_SHARE of answerable questions correct: 10 direct answers of 150 meet the share
    // of wrong by chance); where no threshold reaches that, the most correct less WRONG_COST per wrong one
    const meets = direct.length > 0 && wrong / direct.length <= MAX_CONFIDENTLY_WRONG && correct >= MIN_CORRECT_SHARE * answerable;
    return { direct: direct.length, wrong, correct, gain: meets ? 1e6 + correct : correct - WRONG_COST * wrong };
  };
  const grid = Array.from({ length: 91 }, (_, i) => Number((0.05 + i * 0.01).toFixed(2)));
  const points = grid.map(at);
  // the gain is flat over a wide range of thresholds on 150 questions, so a refit would jump between
  // its ends: each threshold is judged by its gain averaged over ±SMOOTHING
  const SMOOTHING = 3;
  const smoothed = grid.map((_, i) => {
    const near = points.slice(Math.max(0, i - SMOOTHING), i + SMOOTHING + 1);
    return near.reduce((sum, p) => sum + p.gain, 0) / near.length;
  });
  grid.forEach((t, i) => {
    if (Math.round(t * 100) % 5 === 0) out.write(`  t=${t.toFixed(2)} direct ${points[i].direct} wrong ${points[i].wrong} (gain ${smoothed[i].toFixed(1)})\n`);
  });
  // on the plateau (within PLATEAU of the best gain) the highest threshold: the same gain, fewer wrong answers
  const PLATEAU = 1;
  const top = Math.max(...smoothed.filter((_, i) => points[i].direct));
  const pick = smoothed.reduce((found, g, i) => (points[i].direct && g >= top - PLATEAU ? i : found), -1);
  const best = { t: grid[pick], correct: points[pick].correct, gain: smoothed[pick] };
  const round = <F extends string>(w: Record<F, number>) => Object.fromEntries(Object.entries(w).map(([k, v]) => [k, Number((v as number).toFixed(4))])) as Record<F, number>;
  const final: AnswerModel = {
    weights: round(weights),
    confidence: round(confidence),
    answerThreshold: Number(best.t.toFixed(2)),
    passagesThreshold,
    companionMargin,
    fittedOn: `weights: ${tune.length} questions (the tune halves of ${[...devQaFiles(), ...freshFiles].map((f) => path.basename(f)).join(', ')} and all of ${trainFiles.map((f) => path.basename(f)).join(', ')}); threshold: ${measure.length} measure questions of the dev and held-out files (confidently wrong ≤ ${MAX_CONFIDENTLY_WRONG * 100} %, else the most correct less ${WRONG_COST} per wrong answer)`,
    fittedAt: new Date().toISOString().slice(0, 10),
  };
  writeFileSync(MODEL_FILE, JSON.stringify(final, null, 2) + '\n');
  setAnswerModel(final);
  out.write(`threshold ${final.answerThreshold}: ${best.correct} correct direct answers of ${measure.length} measure questions\n`);
  out.write(`ranker: ${FEATURES.map((f) => `${f}=${final.weights[f]}`).join(' ')}\nconfidence: ${CONFIDENCE_FEATURES.map((f) => `${f}=${final.confidence[f]}`).join(' ')}\n`);
  return final;
}

/**
 * at most this share of the questions below the passages cut may have had the answer in what they
 * would quote: issue 12's 5 % for "nothing useful shown" (0.15 until session 11, where the cut was 0.26
 * and a third of the measure questions below it had the answer among their closest passages)
 */
const PASSAGES_CUT_LOSS = 0.05;

/**
 * The confidence below which not even the closest passages are shown: the highest cut on a grid
 * 0.05–0.30 (step 0.01) where at most PASSAGES_CUT_LOSS of the tune questions below it had the gold
 * evidence among their closest passages (the rest are unanswerable or got nothing useful).
 * Session 6 chose 0.1 by hand by this rule (8 tune questions below it, 1 of them with the gold shown);
 * a refit moves the confidence's scale, so the cut is fitted with it. `rows`: one per tune question with a confidence (`holds`: the gold was shown).
 */
export function passagesCut(rows: Array<{ confidence: number; holds: boolean }>): number {
  let cut = 0.05;
  for (let i = 0; i <= 25; i++) {
    const c = Number((0.05 + i * 0.01).toFixed(2));
    const below = rows.filter((r) => r.confidence < c);
    // the highest such cut, as documented (the first version stopped at the first cut that failed, which
    // a handful of questions below 0.06 decided in session 8)
    if (!below.length || below.filter((r) => r.holds).length / below.length <= PASSAGES_CUT_LOSS) cut = c;
  }
  return cut;
}
