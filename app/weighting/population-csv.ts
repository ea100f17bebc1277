import { referenceCsvRecords } from "../areas/reference-csv";
import { ABOUT_YOU_ITEMS, PREFER_NOT_TO_SAY } from "../definition/about-you";
import { authorityOfGssCode, AUTHORITY_GSS_CODES } from "../areas/authority-codes";
import { POPULATION_CSV_HEADER, POPULATION_VARIABLES, TOTAL_VARIABLE, type PopulationFigure, type PopulationVariable } from "./population-variables";

/**
 * Population figures as staff load them: one CSV row per geography, variable and category, with
 * the count, its source, reference date and universe, for example ONS Census 2021 TS008 (sex)
 * for County Durham. Categories are the "about you" answers (app/definition/about-you.ts) they
 * stand for; a category covering several answers joins their ids with "+", as in
 * "asian+black+mixed+other". The variable "total" (category "all") is the geography's whole
 * population, used to compare and weight by local authority. Checked all or nothing: every
 * wrong line is reported with its line number, and nothing is stored unless every line is right.
 */

const MAX_COUNT = 100_000_000;
const MAX_ROWS = 2_000;

function isPopulationVariable(v: string): v is PopulationVariable {
  return (POPULATION_VARIABLES as readonly string[]).includes(v);
}

function validDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

export function parsePopulationCsv(csv: string): { figures: PopulationFigure[]; errors: string[] } {
  const { records, errors } = referenceCsvRecords(csv, POPULATION_CSV_HEADER);
  const figures: PopulationFigure[] = [];
  if (records.length > MAX_ROWS) return { figures: [], errors: [...errors, `The file has ${records.length} lines of figures; load at most ${MAX_ROWS}`] };
  // Which line first gave each answer of a geography and variable, to refuse one counted twice.
  const seen = new Map<string, number>();
  records.forEach((record, i) => {
    const line = i + 2;
    if (record.length !== POPULATION_CSV_HEADER.length) {
      errors.push(`Line ${line}: expected ${POPULATION_CSV_HEADER.length} columns (${POPULATION_CSV_HEADER.join(",")}) but found ${record.length}`);
      return;
    }
    const [geographyCode, variable, category, countText, source, referenceDate, universe] = record;
    const geography = authorityOfGssCode(geographyCode);
    if (!geography) {
      errors.push(`Line ${line}: geography "${geographyCode}" must be the ONS code of County Durham (${AUTHORITY_GSS_CODES.durham}) or Darlington (${AUTHORITY_GSS_CODES.darlington})`);
      return;
    }
    if (variable !== TOTAL_VARIABLE && !isPopulationVariable(variable)) {
      errors.push(`Line ${line}: variable "${variable}" must be one of ${[TOTAL_VARIABLE, ...POPULATION_VARIABLES].join(", ")}`);
      return;
    }
    let optionIds: string[];
    if (variable === TOTAL_VARIABLE) {
      if (category !== "all") {
        errors.push(`Line ${line}: the category of a total must be "all"`);
        return;
      }
      optionIds = ["all"];
    } else {
      const known = ABOUT_YOU_ITEMS[variable].options.map((o) => o.id);
      optionIds = category.split("+").map((s) => s.trim());
      const unknown = optionIds.filter((id) => !known.includes(id));
      if (optionIds.includes(PREFER_NOT_TO_SAY.id)) {
        errors.push(`Line ${line}: "${PREFER_NOT_TO_SAY.id}" has no population figure; leave it out`);
        return;
      }
      if (!category || unknown.length) {
        errors.push(`Line ${line}: category "${category}" of ${variable} must be one of ${known.join(", ")}, or several joined with "+"`);
        return;
      }
      if (new Set(optionIds).size !== optionIds.length) {
        errors.push(`Line ${line}: category "${category}" names an answer twice`);
        return;
      }
    }
    if (!/^\d+$/.test(countText) || Number(countText) <= 0 || Number(countText) > MAX_COUNT) {
      errors.push(`Line ${line}: count "${countText}" must be a whole number of people from 1 to ${MAX_COUNT.toLocaleString("en-GB")}, without commas`);
      return;
    }
    if (!source) {
      errors.push(`Line ${line}: enter the source, for example "ONS Census 2021, TS008 Sex"`);
      return;
    }
    if (!validDate(referenceDate)) {
      errors.push(`Line ${line}: reference date "${referenceDate}" must be a date written as YYYY-MM-DD, for example 2021-03-21`);
      return;
    }
    if (!universe) {
      errors.push(`Line ${line}: enter the universe the count is of, for example "All usual residents"`);
      return;
    }
    for (const id of optionIds) {
      const key = `${geography}\u0000${variable}\u0000${id}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        errors.push(`Line ${line}: ${geographyCode} ${variable} "${id}" is already counted on line ${earlier}; count each answer once per geography`);
        return;
      }
    }
    for (const id of optionIds) seen.set(`${geography}\u0000${variable}\u0000${id}`, line);
    figures.push({ line, geography, variable, optionIds, count: Number(countText), source, referenceDate, universe });
  });
  // A distribution needs two categories to compare or weight by; a total stands alone.
  const perMargin = new Map<string, PopulationFigure[]>();
  for (const f of figures) {
    if (f.variable === TOTAL_VARIABLE) continue;
    const key = `${f.geography} ${f.variable}`;
    perMargin.set(key, [...(perMargin.get(key) ?? []), f]);
  }
  for (const list of perMargin.values()) {
    if (list.length < 2) errors.push(`Line ${list[0].line}: ${AUTHORITY_GSS_CODES[list[0].geography]} has only one category of ${list[0].variable}; give at least two, or leave the variable out`);
  }
  if (!errors.length && figures.length === 0) errors.push("The file has no figures after the header line");
  return { figures: errors.length ? [] : figures, errors };
}

/** Back to CSV, for downloading the figures in use (and the demo's shipped file round-trips). */
export function populationCsvRows(figures: PopulationFigure[]): string[][] {
  return figures.map((f) => [AUTHORITY_GSS_CODES[f.geography], f.variable, f.optionIds.join("+"), String(f.count), f.source, f.referenceDate, f.universe]);
}
