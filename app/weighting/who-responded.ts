import { aboutYouOptions, PREFER_NOT_TO_SAY } from "../definition/about-you";
import { allQuestions, type ConsultationDefinition } from "../definition/definition";
import { AUTHORITY_AREA_NAMES, POPULATION_AUTHORITIES, type PopulationAuthority } from "../areas/authority-codes";
import { BASE } from "../responding/answers";
import { CountIndex, type CountRow } from "../results/aggregate";
import type { DisplayQuestion } from "../results/display";
import { suppressOneWay } from "../results/suppression";
import { authorityTotals, missingFigures, populationCategories, variableLabel } from "./margins";
import { POPULATION_VARIABLES, type PopulationFigure, type PopulationVariable } from "./population-variables";
import { compare, type Comparison, type ComparisonInput } from "./representativeness";

/**
 * "Who responded": a comparison with the population for the local authority (from the postcode)
 * and for every "about you" item that has population figures. Where both authorities have
 * figures with the same categories, respondents are compared with the whole area; otherwise
 * respondents whose postcode is in an authority are compared with that authority's figures.
 *
 * Disclosure control: the counts are those of the one-way tables of the same questions, withheld
 * exactly as those tables are (the consultation's disclosure decision, given as the tables the
 * audience sees; or suppressOneWay on the same rows), so the two never give away each other's
 * withheld cells; a category adding up several answers is withheld
 * when any of them is. Comparisons within one authority are a table of answers by area, which
 * published outputs do not carry (docs/statistics.md, "Limits"), so they are left to staff.
 */

export interface WhoRespondedInput {
  definition: ConsultationDefinition;
  figures: PopulationFigure[];
  /** Counts of the about-you and postcode questions among the respondents in view. */
  counts: CountRow[];
  /** The same, per authority of the postcode (group = authority id). */
  byAuthority: (CountRow & { group: string })[];
  /** Respondents in view. */
  respondents: number;
  threshold: number | null;
  /**
   * The one-way tables of the respondents in view as this audience sees them (published
   * audiences: decided by the consultation's disclosure decision). When given, a count here is
   * withheld exactly where those tables withhold it, and everything missing from them is withheld.
   */
  shown?: DisplayQuestion[] | null;
}

type Hidden = { counts: (number | null)[]; base: number | null } | null;

/** Which of a one-way table's counts (and its base) this audience sees withheld; null when none are. */
function hiddenCells(input: WhoRespondedInput, questionId: string, itemId: string, rows: { id: string; count: number }[], base: number): Hidden {
  if (input.shown) {
    const table = input.shown.flatMap((q) => (q.kind === "tables" ? q.tables : [])).find((t) => t.questionId === questionId && t.itemId === itemId);
    return {
      counts: rows.map((r) => table?.rows.find((x) => x.id === r.id && !x.net)?.count ?? null),
      base: table?.base ?? null,
    };
  }
  return input.threshold === null ? null : suppressOneWay({ rows, base, exclusive: true }, input.threshold);
}

export interface WhoResponded {
  comparisons: Comparison[];
  /** Figures not loaded, and comparisons left out, in words. */
  notes: string[];
}

const NOT_ANSWERED = "Not answered";
const NOT_COVERED = "An answer the figures do not cover";

export function whoResponded(input: WhoRespondedInput): WhoResponded {
  const { definition, figures, threshold } = input;
  const questions = allQuestions(definition);
  const postcode = questions.find((q) => q.type === "postcode");
  const aboutYou = questions.find((q) => q.type === "about_you");
  const all = new CountIndex(input.counts);
  const comparisons: Comparison[] = [];
  const notes: string[] = missingFigures(figures).map((m) => `No population figures: ${m}.`);
  const small = (n: number) => threshold !== null && n > 0 && n < threshold;

  const totals = authorityTotals(figures);
  if (postcode && totals.length === POPULATION_AUTHORITIES.length) {
    const rowIds = ["durham", "darlington", "outside", "unknown"];
    const counts = rowIds.map((id) => all.get(postcode.id, "", id));
    const base = all.get(postcode.id, "", BASE);
    const hidden = hiddenCells(input, postcode.id, "", rowIds.map((id, i) => ({ id, count: counts[i] })), base);
    const notAnswered = input.respondents - base;
    comparisons.push(
      compare({
        key: "authority",
        title: "Where respondents live (local authority, from the postcode)",
        categories: totals.map((t, i) => ({ label: AUTHORITY_AREA_NAMES[t.authority], population: t.population, respondents: counts[i] })),
        others: [
          { label: "Outside County Durham and Darlington", respondents: counts[2] },
          { label: "Postcode district not recognised", respondents: counts[3] },
          { label: NOT_ANSWERED, respondents: notAnswered },
        ],
        sources: [...new Set(totals.map((t) => t.source))],
        hidden: hidden
          ? { categories: [hidden.counts[0] === null, hidden.counts[1] === null], others: [hidden.counts[2] === null, hidden.counts[3] === null, hidden.base === null || small(notAnswered)] }
          : undefined,
      }),
    );
  }

  const fields = (aboutYou?.type === "about_you" ? aboutYou.fields : []).filter((f): f is PopulationVariable => (POPULATION_VARIABLES as readonly string[]).includes(f));
  for (const field of fields) {
    const q = aboutYou!.id;
    const per = POPULATION_AUTHORITIES.map((a) => ({ authority: a, categories: populationCategories(figures, field, a) })).filter((p) => p.categories.length);
    if (!per.length) continue;
    const sameCategories = per.length === POPULATION_AUTHORITIES.length && per.every((p) => JSON.stringify(p.categories.map((c) => c.optionIds)) === JSON.stringify(per[0].categories.map((c) => c.optionIds)));
    if (sameCategories) {
      comparisons.push(
        compareField(field, `${variableLabel(field)}: respondents and the population of County Durham and Darlington`, all, q, input.respondents, (rows, base) => hiddenCells(input, q, field, rows, base), threshold, per[0].categories.map((c, i) => ({
          label: c.label,
          optionIds: c.optionIds,
          population: per.reduce((s, p) => s + p.categories[i].population, 0),
        })), [...new Set(per.flatMap((p) => p.categories.map((c) => c.source)))]),
      );
      continue;
    }
    if (threshold !== null) {
      notes.push(`${variableLabel(field)}: the figures are for ${per.map((p) => AUTHORITY_AREA_NAMES[p.authority]).join(" and ")}${per.length === 1 ? " only" : " separately"}, so respondents are compared area by area, which staff see in their working figures only.`);
      continue;
    }
    if (!postcode) {
      notes.push(`${variableLabel(field)}: the figures are for one area at a time, and this consultation asks for no postcode to tell where respondents live.`);
      continue;
    }
    for (const p of per) {
      const mine = new CountIndex(input.byAuthority.filter((r) => r.group === p.authority));
      const inArea = mine.get(postcode.id, "", BASE);
      comparisons.push(
        compareField(field, `${variableLabel(field)}: respondents whose postcode is in ${AUTHORITY_AREA_NAMES[p.authority]}, and its population`, mine, q, inArea, () => null, null, p.categories, [...new Set(p.categories.map((c) => c.source))], p.authority),
      );
    }
  }
  return { comparisons, notes };
}

function compareField(
  field: PopulationVariable,
  title: string,
  counts: CountIndex,
  questionId: string,
  respondents: number,
  hide: (rows: { id: string; count: number }[], base: number) => Hidden,
  threshold: number | null,
  categories: { label: string; optionIds: string[]; population: number }[],
  sources: string[],
  authority: PopulationAuthority | null = null,
): Comparison {
  const options = aboutYouOptions(field);
  const n = (id: string) => counts.get(questionId, field, id);
  const base = counts.get(questionId, field, BASE);
  const hidden = hide(options.map((o) => ({ id: o.id, count: n(o.id) })), base);
  const isHidden = (id: string) => (hidden ? hidden.counts[options.findIndex((o) => o.id === id)] === null : false);
  const covered = categories.flatMap((c) => c.optionIds);
  const uncovered = options.filter((o) => o.id !== PREFER_NOT_TO_SAY.id && !covered.includes(o.id)).map((o) => o.id);
  const notAnswered = respondents - base;
  const others: ComparisonInput["others"] = [{ label: PREFER_NOT_TO_SAY.label, respondents: n(PREFER_NOT_TO_SAY.id) }];
  const othersHidden = [isHidden(PREFER_NOT_TO_SAY.id)];
  if (uncovered.length) {
    others.push({ label: NOT_COVERED, respondents: uncovered.reduce((s, id) => s + n(id), 0) });
    othersHidden.push(uncovered.some(isHidden));
  }
  others.push({ label: NOT_ANSWERED, respondents: notAnswered });
  othersHidden.push(hidden !== null && (hidden.base === null || (threshold !== null && notAnswered > 0 && notAnswered < threshold)));
  return compare({
    key: authority ? `${field}-${authority}` : field,
    title,
    categories: categories.map((c) => ({ label: c.label, population: c.population, respondents: c.optionIds.reduce((s, id) => s + n(id), 0) })),
    others,
    sources,
    hidden: hidden ? { categories: categories.map((c) => c.optionIds.some(isHidden)), others: othersHidden } : undefined,
  });
}
