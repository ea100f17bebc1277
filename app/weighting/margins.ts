import { ABOUT_YOU_ITEMS } from "../definition/about-you";
import { allQuestions, type ConsultationDefinition } from "../definition/definition";
import { AUTHORITY_AREA_NAMES, POPULATION_AUTHORITIES, type PopulationAuthority } from "../areas/authority-codes";
import { POPULATION_VARIABLES, TOTAL_VARIABLE, type PopulationFigure, type PopulationVariable } from "./population-variables";
import type { RakeMargin } from "./rake";

/**
 * From population figures and respondents to the margins raking uses: which variables can be
 * used, their categories (collapsed by the declared rule below when too few respondents gave
 * them), and each cell's category. Respondents are grouped into cells by their answers to the
 * weighting variables; a cell's `values.authority` is the local authority its postcode gave.
 */

/** What can be weighted by: the about-you items with population figures, and the local authority. */
export type WeightVariable = PopulationVariable | "authority";
export const WEIGHT_VARIABLES: readonly WeightVariable[] = ["authority", ...POPULATION_VARIABLES];

export function isWeightVariable(v: string): v is WeightVariable {
  return (WEIGHT_VARIABLES as readonly string[]).includes(v);
}

/** Where each weighting variable's answers are in a consultation: the postcode question, or the about-you item; absent when it does not ask it. */
export function weightingColumns(definition: ConsultationDefinition): Partial<Record<WeightVariable, { questionId: string; itemId: string }>> {
  const out: Partial<Record<WeightVariable, { questionId: string; itemId: string }>> = {};
  for (const q of allQuestions(definition)) {
    if (q.type === "postcode" && !out.authority) out.authority = { questionId: q.id, itemId: "" };
    if (q.type === "about_you") for (const f of q.fields) if (isWeightVariable(f) && !out[f]) out[f] = { questionId: q.id, itemId: f };
  }
  return out;
}

export function variableLabel(v: WeightVariable): string {
  if (v === "authority") return "Local authority (from the postcode)";
  return { age: "Age", sex: "Sex", gender_identity: "Gender identity", disability: "Long-term health condition or illness", ethnicity: "Ethnic group" }[v];
}

export interface Cell {
  /** The option id given for each weighting variable, the authority id for "authority"; absent when not answered. */
  values: Partial<Record<WeightVariable, string>>;
  /** Respondents in the cell. */
  n: number;
}

export interface MarginCategory {
  label: string;
  optionIds: string[];
  population: number;
  respondents: number;
}

export interface PreparedMargin {
  variable: WeightVariable;
  /** Null: the whole area (the authority margin). Otherwise the authority whose figures these are. */
  geography: PopulationAuthority | null;
  name: string;
  categories: MarginCategory[];
  sources: string[];
}

/**
 * The declared collapsing rule: a category given by fewer than this many respondents (or by
 * none) is merged with its neighbour in the list order (age with the next band), the neighbour
 * with fewer respondents when it has two; repeated until every category has this many, or one
 * category is left, when the margin cannot be used.
 */
export const MIN_RESPONDENTS_PER_CATEGORY = 20;

export interface PreparedWeighting {
  margins: PreparedMargin[];
  /** Merges and other things said about the margins in use, for people. */
  notes: string[];
  /** Chosen variables that cannot be used, and why. */
  unusable: { variable: WeightVariable; reason: string }[];
}

const optionLabel = (v: PopulationVariable, id: string) => ABOUT_YOU_ITEMS[v].options.find((o) => o.id === id)?.label ?? id;
/** "Female"; "16 to 24 or 25 to 34"; a category of all answers but a few: "Other than White". */
export function categoryLabel(v: PopulationVariable, ids: string[]): string {
  const rest = ABOUT_YOU_ITEMS[v].options.filter((o) => !ids.includes(o.id)).map((o) => o.label);
  if (ids.length > 2 && rest.length > 0 && rest.length < ids.length) return `Other than ${rest.join(" or ")}`;
  return ids.map((id) => optionLabel(v, id)).join(" or ");
}
const optionOrder = (v: PopulationVariable, id: string) => ABOUT_YOU_ITEMS[v].options.findIndex((o) => o.id === id);

/** The population's categories of a variable in one authority, in the order of the about-you answers. */
export function populationCategories(figures: PopulationFigure[], variable: PopulationVariable, geography: PopulationAuthority) {
  return figures
    .filter((f) => f.variable === variable && f.geography === geography)
    .sort((a, b) => optionOrder(variable, a.optionIds[0]) - optionOrder(variable, b.optionIds[0]))
    .map((f) => ({ label: categoryLabel(variable, f.optionIds), optionIds: f.optionIds, population: f.count, source: f.source }));
}

/** Authority totals: the "total" rows. */
export function authorityTotals(figures: PopulationFigure[]) {
  return POPULATION_AUTHORITIES.flatMap((a) => {
    const f = figures.find((x) => x.geography === a && x.variable === TOTAL_VARIABLE);
    return f ? [{ authority: a, population: f.count, source: f.source }] : [];
  });
}

function respondentsIn(cells: Cell[], variable: WeightVariable, optionIds: string[], geography: PopulationAuthority | null): number {
  let n = 0;
  for (const c of cells) {
    if (geography && c.values.authority !== geography) continue;
    const v = c.values[variable];
    if (v !== undefined && optionIds.includes(v)) n += c.n;
  }
  return n;
}

/** Merges small categories by the declared rule; returns the merged list and what was merged. */
export function collapseCategories(categories: MarginCategory[], min = MIN_RESPONDENTS_PER_CATEGORY): { categories: MarginCategory[]; merges: string[] } {
  const list = categories.map((c) => ({ ...c, optionIds: [...c.optionIds] }));
  const merges: string[] = [];
  while (list.length > 1) {
    let smallest = -1;
    list.forEach((c, i) => {
      if (c.respondents < min && (smallest < 0 || c.respondents < list[smallest].respondents)) smallest = i;
    });
    if (smallest < 0) break;
    const before = smallest > 0 ? smallest - 1 : -1;
    const after = smallest < list.length - 1 ? smallest + 1 : -1;
    const into = before < 0 ? after : after < 0 ? before : list[before].respondents < list[after].respondents ? before : after;
    const a = list[smallest];
    const b = list[into];
    merges.push(`"${a.label}" (${a.respondents} respondents) merged with "${b.label}" (${b.respondents})`);
    const [first, second] = into < smallest ? [b, a] : [a, b];
    list.splice(Math.min(smallest, into), 2, {
      label: `${first.label} or ${second.label}`,
      optionIds: [...first.optionIds, ...second.optionIds],
      population: first.population + second.population,
      respondents: first.respondents + second.respondents,
    });
  }
  return { categories: list, merges };
}

/** Decides the margins for the chosen variables. */
export function prepareWeighting(figures: PopulationFigure[], cells: Cell[], chosen: WeightVariable[], min = MIN_RESPONDENTS_PER_CATEGORY): PreparedWeighting {
  const margins: PreparedMargin[] = [];
  const notes: string[] = [];
  const unusable: PreparedWeighting["unusable"] = [];
  for (const variable of chosen) {
    if (variable === "authority") {
      const totals = authorityTotals(figures);
      if (totals.length < 2) {
        unusable.push({ variable, reason: "population totals for both County Durham and Darlington are needed (the variable \"total\")" });
        continue;
      }
      const categories = totals.map((t) => ({ label: AUTHORITY_AREA_NAMES[t.authority], optionIds: [t.authority], population: t.population, respondents: respondentsIn(cells, "authority", [t.authority], null) }));
      if (categories.every((c) => c.respondents === 0)) {
        unusable.push({ variable, reason: "no respondent gave a postcode in County Durham or Darlington" });
        continue;
      }
      const { categories: merged, merges } = collapseCategories(categories, min);
      if (merged.length < 2) {
        unusable.push({ variable, reason: `fewer than ${min} respondents gave a postcode in one of the two authorities (${merges.join("; ")})` });
        continue;
      }
      const elsewhere = cells.filter((c) => c.values.authority !== "durham" && c.values.authority !== "darlington").reduce((s, c) => s + c.n, 0);
      if (elsewhere) notes.push(`Local authority: ${elsewhere} respondents gave no postcode, one outside the area or one not recognised; they keep their weight.`);
      margins.push({ variable, geography: null, name: variableLabel(variable), categories: merged, sources: totals.map((t) => t.source) });
      continue;
    }
    const reasons: string[] = [];
    let used = 0;
    for (const geography of POPULATION_AUTHORITIES) {
      const population = populationCategories(figures, variable, geography);
      const place = AUTHORITY_AREA_NAMES[geography];
      if (population.length === 0) {
        reasons.push(`no figures for ${place}`);
        continue;
      }
      const categories = population.map((p) => ({ label: p.label, optionIds: p.optionIds, population: p.population, respondents: respondentsIn(cells, variable, p.optionIds, geography) }));
      const { categories: merged, merges } = collapseCategories(categories, min);
      const name = `${variableLabel(variable)} (${place})`;
      if (merged.length < 2) {
        reasons.push(`too few respondents in ${place} to keep two categories${merges.length ? ` (${merges.join("; ")})` : ""}`);
        continue;
      }
      for (const m of merges) notes.push(`${name}: ${m}.`);
      const covered = population.flatMap((p) => p.optionIds);
      const uncovered = cells
        .filter((c) => c.values.authority === geography && c.values[variable] !== undefined && !covered.includes(c.values[variable]!))
        .reduce((s, c) => s + c.n, 0);
      if (uncovered) notes.push(`${name}: ${uncovered} respondents chose "prefer not to say" or an answer the figures do not cover; they keep their weight.`);
      margins.push({ variable, geography, name, categories: merged, sources: [...new Set(population.map((p) => p.source))] });
      used++;
    }
    if (used === 0) unusable.push({ variable, reason: reasons.join("; ") });
    else if (reasons.length) notes.push(`${variableLabel(variable)}: ${reasons.join("; ")}, so respondents there keep their weight in this margin.`);
  }
  return { margins, notes, unusable };
}

/** The raking margins over cells: each cell's category index, or -1 where the cell keeps its weight. */
export function rakeMargins(prepared: PreparedMargin[], cells: Cell[]): RakeMargin[] {
  return prepared.map((m) => {
    const category = new Int32Array(cells.length);
    cells.forEach((cell, u) => {
      const inArea = m.geography === null || cell.values.authority === m.geography;
      const v = cell.values[m.variable];
      category[u] = inArea && v !== undefined ? m.categories.findIndex((c) => c.optionIds.includes(v)) : -1;
    });
    return { name: m.name, category, targets: m.categories.map((c) => c.population) };
  });
}

/** Which figures are missing, in words: "Age: none loaded", "Sex: none for Darlington". */
export function missingFigures(figures: PopulationFigure[]): string[] {
  const out: string[] = [];
  const totals = authorityTotals(figures).map((t) => t.authority);
  const lacking = (has: PopulationAuthority[]) => POPULATION_AUTHORITIES.filter((a) => !has.includes(a)).map((a) => AUTHORITY_AREA_NAMES[a]);
  const say = (what: string, missing: string[]) => {
    if (missing.length === POPULATION_AUTHORITIES.length) out.push(`${what}: none loaded`);
    else if (missing.length) out.push(`${what}: none for ${missing.join(" or ")}`);
  };
  say("Population totals (to compare and weight by local authority)", lacking(totals));
  for (const v of POPULATION_VARIABLES) say(variableLabel(v), lacking(POPULATION_AUTHORITIES.filter((a) => figures.some((f) => f.variable === v && f.geography === a))));
  return out;
}
