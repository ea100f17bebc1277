import { WEIGHTING_CAVEAT } from "./weighted";
import type { WeightVariable } from "./margins";
import type { WeightSummary } from "./rake";
import type { WeightingChoice } from "./weighting-query";

/** What a weighting did, for the page, the Panel pack and the downloads. */
export interface WeightingReport {
  choice: WeightingChoice;
  populationVersion: number | null;
  /** False when no chosen variable could be used: figures are then unweighted. */
  applied: boolean;
  margins: { name: string; categories: { label: string; population: number; respondents: number }[]; sources: string[] }[];
  notes: string[];
  unusable: { variable: WeightVariable; label: string; reason: string }[];
  converged: boolean;
  iterations: number;
  /** In percentage points. */
  largestMarginError: number;
  capped: number;
  summary: WeightSummary;
}


/**
 * What the weighting did in plain lines, for files that carry weighted figures (the workbook's
 * summary sheet): the same facts as the page's summary, and the caveat.
 */
export function weightingLines(report: WeightingReport): string[] {
  if (!report.applied) return ["Weighting was asked for, but no chosen variable could be used: the figures are not weighted.", ...report.unusable.map((u) => `Not used: ${u.label}: ${u.reason}.`)];
  const s = report.summary;
  return [
    `Weighted by ${report.margins.map((m) => m.name).join(", ")}, raking to the population figures${report.populationVersion ? ` (version ${report.populationVersion})` : ""}, weights kept between ${report.choice.cap.low} and ${report.choice.cap.high} times the mean.`,
    `${report.converged ? `Converged after ${report.iterations} iteration${report.iterations === 1 ? "" : "s"}` : `Did not converge: stopped after ${report.iterations} iterations`}; largest difference from a population share ${report.largestMarginError.toFixed(3)} percentage points; ${report.capped} respondents at the cap.`,
    `Weights from ${s.smallest === null ? "–" : s.smallest.toFixed(2)} to ${s.largest === null ? "–" : s.largest.toFixed(2)}; design effect ${s.designEffect === null ? "–" : s.designEffect.toFixed(2)}; effective sample size ${s.effectiveN === null ? "–" : Math.round(s.effectiveN)} of ${s.respondents} respondents.`,
    ...report.unusable.map((u) => `Not used: ${u.label}: ${u.reason}.`),
    WEIGHTING_CAVEAT,
  ];
}
