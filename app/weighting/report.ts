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

