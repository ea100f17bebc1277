import { DEFAULT_RAKE_OPTIONS } from "./rake";
import { isWeightVariable, WEIGHT_VARIABLES, type WeightVariable } from "./margins";

/**
 * The weighting an analyst asks for on the results page's GET form: the variables to weight by
 * (`weight`, repeated), the cap on weights as multiples of the mean (`cap_low`, `cap_high`), the
 * tolerance in percentage points and the iteration limit. No variable: no weighting.
 */

export interface WeightingChoice {
  variables: WeightVariable[];
  cap: { low: number; high: number };
  /** Largest margin error accepted, as a proportion. */
  tolerance: number;
  maxIterations: number;
}

export const DEFAULT_WEIGHTING: Omit<WeightingChoice, "variables"> = {
  cap: { ...DEFAULT_RAKE_OPTIONS.cap },
  tolerance: DEFAULT_RAKE_OPTIONS.tolerance,
  maxIterations: DEFAULT_RAKE_OPTIONS.maxIterations,
};

export function parseWeightingQuery(params: URLSearchParams): { weighting: WeightingChoice | null; errors: { field: string; message: string }[] } {
  const errors: { field: string; message: string }[] = [];
  const asked = params.getAll("weight").filter(Boolean);
  const variables = WEIGHT_VARIABLES.filter((v) => asked.includes(v));
  if (asked.some((v) => !isWeightVariable(v))) errors.push({ field: "weight", message: "Choose variables to weight by from the list" });
  const number = (name: string, fallback: number, check: (x: number) => boolean, message: string) => {
    const text = params.get(name)?.trim();
    if (!text) return fallback;
    const x = Number(text);
    if (!Number.isFinite(x) || !check(x)) {
      errors.push({ field: name, message });
      return fallback;
    }
    return x;
  };
  const low = number("cap_low", DEFAULT_WEIGHTING.cap.low, (x) => x > 0 && x <= 1, "Enter the lowest weight as a number above 0 and no more than 1, such as 0.2");
  const high = number("cap_high", DEFAULT_WEIGHTING.cap.high, (x) => x >= 1 && x <= 100, "Enter the highest weight as a number from 1 to 100, such as 5");
  const points = number("tolerance", DEFAULT_WEIGHTING.tolerance * 100, (x) => x > 0 && x <= 5, "Enter the tolerance in percentage points, above 0 and no more than 5, such as 0.01");
  const maxIterations = number("iterations", DEFAULT_WEIGHTING.maxIterations, (x) => Number.isInteger(x) && x >= 1 && x <= 1000, "Enter the iteration limit as a whole number from 1 to 1,000");
  if (!variables.length) return { weighting: null, errors };
  return { weighting: { variables, cap: { low, high }, tolerance: points / 100, maxIterations }, errors };
}

/** The same weighting as URL parameters, to carry into downloads and the Panel pack. */
export function weightingParams(w: WeightingChoice | null): [string, string][] {
  if (!w) return [];
  return [
    ...w.variables.map((v): [string, string] => ["weight", v]),
    ["cap_low", String(w.cap.low)],
    ["cap_high", String(w.cap.high)],
    ["tolerance", String(Number((w.tolerance * 100).toPrecision(6)))],
    ["iterations", String(w.maxIterations)],
  ];
}
