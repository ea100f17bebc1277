import { seededRandom } from "../../db/seeded-random";
import { f1WithIntervals, type Confusion } from "./reliability";

/**
 * Suggested codes, learned from the analysts' own accepted codings and nothing else: for each
 * code, a two-class multinomial naive Bayes over the distinct words of an answer ("binarised"
 * naive Bayes, which suits short texts: S. Wang and C. D. Manning (2012), "Baselines and
 * bigrams: simple, good sentiment and topic classification", ACL), with add-one smoothing
 * (C. D. Manning, P. Raghavan and H. Schütze (2008), "Introduction to Information Retrieval",
 * chapter 13). Each suggestion carries the probability the model gives and the words that
 * weighed most for it. Naive Bayes is known to be over-confident, so the probability is shown as
 * the model's confidence, never as a measured accuracy: that is the F1 from cross-validation.
 */

export interface Example {
  /** Distinct terms of the answer (text.ts termSet). */
  terms: string[];
  codes: ReadonlySet<string>;
}

interface CodeModel {
  codeId: string;
  prior: number;
  /** Log-likelihood ratio per vocabulary index. */
  weights: Float64Array;
}

export interface Model {
  vocabulary: Map<string, number>;
  terms: string[];
  codes: CodeModel[];
  trainedOn: number;
}

export interface Suggestion {
  codeId: string;
  probability: number;
  /** The answer's words that weighed most for the code, strongest first. */
  because: string[];
}

/** A code is learned once it has this many answers coded with it. */
export const MIN_EXAMPLES = 3;
/** A suggestion at or above this probability is offered as "suggested". */
export const SUGGEST_AT = 0.5;

export function train(examples: Example[], codeIds: string[], { minExamples = MIN_EXAMPLES }: { minExamples?: number } = {}): Model {
  // Words in at least two answers: a word seen once says nothing about a code.
  const df = new Map<string, number>();
  for (const e of examples) for (const t of e.terms) df.set(t, (df.get(t) ?? 0) + 1);
  const terms = [...df.entries()].filter(([, n]) => n >= 2).map(([t]) => t);
  const vocabulary = new Map(terms.map((t, i) => [t, i]));
  const V = terms.length;
  const all = new Float64Array(V);
  const indexed = examples.map((e) => e.terms.map((t) => vocabulary.get(t)).filter((i): i is number => i !== undefined));
  for (const doc of indexed) for (const i of doc) all[i]++;
  const allTotal = all.reduce((s, x) => s + x, 0);
  const codes: CodeModel[] = [];
  for (const codeId of codeIds) {
    const positive = new Float64Array(V);
    let positives = 0;
    examples.forEach((e, d) => {
      if (!e.codes.has(codeId)) return;
      positives++;
      for (const i of indexed[d]) positive[i]++;
    });
    const negatives = examples.length - positives;
    if (positives < minExamples || negatives < 1) continue;
    const posTotal = positive.reduce((s, x) => s + x, 0);
    const negTotal = allTotal - posTotal;
    const weights = new Float64Array(V);
    for (let i = 0; i < V; i++) {
      weights[i] = Math.log((positive[i] + 1) / (posTotal + V)) - Math.log((all[i] - positive[i] + 1) / (negTotal + V));
    }
    codes.push({ codeId, prior: Math.log((positives + 1) / (negatives + 1)), weights });
  }
  return { vocabulary, terms, codes, trainedOn: examples.length };
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The probability of every learned code for one answer, most likely first. */
export function score(model: Model, terms: string[], { explain = 3, explainTop = Infinity }: { explain?: number; explainTop?: number } = {}): Suggestion[] {
  const idx = terms.map((t) => model.vocabulary.get(t)).filter((i): i is number => i !== undefined);
  const out: Suggestion[] = [];
  const byId = new Map<string, CodeModel>();
  for (const code of model.codes) {
    let logOdds = code.prior;
    for (const i of idx) logOdds += code.weights[i];
    byId.set(code.codeId, code);
    out.push({ codeId: code.codeId, probability: sigmoid(logOdds), because: [] });
  }
  out.sort((a, b) => b.probability - a.probability);
  // The words that weighed most, for the most likely codes only (the ones shown).
  if (explain) {
    for (const s of out.slice(0, explainTop)) {
      const code = byId.get(s.codeId)!;
      s.because = idx
        .filter((i) => code.weights[i] > 0)
        .sort((a, b) => code.weights[b] - code.weights[a])
        .slice(0, explain)
        .map((i) => model.terms[i]);
    }
  }
  return out;
}

/**
 * How unsure the model is about an answer, 0 (sure of every code) to 1 (a coin toss on at least
 * one): the least certain answers are offered first, since each human decision there teaches the
 * model most (uncertainty sampling: D. D. Lewis and W. A. Gale (1994), "A sequential algorithm
 * for training text classifiers", SIGIR).
 */
export function uncertainty(suggestions: Suggestion[]): number {
  if (!suggestions.length) return 1;
  return Math.max(...suggestions.map((s) => 1 - Math.abs(2 * s.probability - 1)));
}

export interface CodeAgreement {
  codeId: string;
  f1: number | null;
  low: number | null;
  high: number | null;
  answers: number;
  approximate: boolean;
}

/**
 * The model against the analysts, on answers it was not trained on: k-fold cross-validation
 * over the coded answers; a code counts as suggested at SUGGEST_AT. Per code and overall
 * (micro-averaged over every code), F1 with its bootstrap interval.
 */
export function crossValidate(
  examples: Example[],
  codeIds: string[],
  { folds = 5, seed = 1, resamples = 500 }: { folds?: number; seed?: number; resamples?: number } = {}
): { byCode: CodeAgreement[]; overall: CodeAgreement } {
  const rng = seededRandom(seed);
  const order = examples.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const predicted: Set<string>[] = examples.map(() => new Set());
  const learned = new Set<string>();
  const k = Math.max(2, Math.min(folds, examples.length));
  for (let f = 0; f < k; f++) {
    const test = order.filter((_, i) => i % k === f);
    const testSet = new Set(test);
    const model = train(
      examples.filter((_, i) => !testSet.has(i)),
      codeIds
    );
    for (const c of model.codes) learned.add(c.codeId);
    for (const i of test) for (const s of score(model, examples[i].terms, { explain: 0 })) if (s.probability >= SUGGEST_AT) predicted[i].add(s.codeId);
  }
  const confusion = (codeId: string, i: number): Confusion => {
    const truth = examples[i].codes.has(codeId);
    const guess = predicted[i].has(codeId);
    return { tp: truth && guess ? 1 : 0, fp: !truth && guess ? 1 : 0, fn: truth && !guess ? 1 : 0 };
  };
  const measured = codeIds.filter((id) => learned.has(id));
  const perCode = measured.map((codeId) => examples.map((_, i) => confusion(codeId, i)));
  const overallPerAnswer = examples.map((_, i) => perCode.reduce((s, m) => ({ tp: s.tp + m[i].tp, fp: s.fp + m[i].fp, fn: s.fn + m[i].fn }), { tp: 0, fp: 0, fn: 0 }));
  const intervals = f1WithIntervals([...perCode, overallPerAnswer], { seed, resamples });
  const byCode = measured.map((codeId, k) => ({ codeId, ...intervals[k] }));
  const overall = { codeId: "", ...intervals[measured.length] };
  return { byCode, overall };
}
