import type { AboutYouField } from "../definition/about-you";
import type { PopulationAuthority } from "../areas/authority-codes";

/**
 * The shape of population figures, apart from the CSV reader (population-csv.ts) so that pages
 * which only show figures never carry the CSV parser to the browser (it needs Node's Buffer).
 */

export const POPULATION_CSV_HEADER = ["geography", "variable", "category", "count", "source", "reference_date", "universe"] as const;

/** About-you items that population tables describe (being a victim of crime is not one). */
export const POPULATION_VARIABLES = ["age", "sex", "gender_identity", "disability", "ethnicity"] as const satisfies readonly AboutYouField[];
export type PopulationVariable = (typeof POPULATION_VARIABLES)[number];
export const TOTAL_VARIABLE = "total";

export interface PopulationFigure {
  /** The CSV line it came from (1 is the header). */
  line: number;
  geography: PopulationAuthority;
  variable: PopulationVariable | typeof TOTAL_VARIABLE;
  /** The about-you option ids this category stands for; ["all"] for a total. */
  optionIds: string[];
  count: number;
  source: string;
  referenceDate: string;
  universe: string;
}

