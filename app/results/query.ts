import type { BreakdownColumn } from "./breakdown";
import type { ConsultationDefinition } from "../definition/definition";
import { CHANNEL_TARGET_ID, choiceTargets, type SubgroupFilter } from "../evidence/evidence";
import { CHANNEL_LABELS, CHANNELS } from "../responding/channels";

/**
 * The results page's GET form: break down by (a single-choice-like question or the channel),
 * filter to a subgroup, show intervals, show as published. Values are "question|item" and
 * "question|item|option" so they work as plain <select> values without JavaScript.
 */

export interface ResultsQuery {
  by: { questionId: string; itemId: string } | null;
  filter: SubgroupFilter | null;
  intervals: boolean;
  published: boolean;
}

export interface SelectOption {
  value: string;
  label: string;
}

export const CHANNEL_OPTIONS: BreakdownColumn[] = CHANNELS.map((id) => ({ id, label: CHANNEL_LABELS[id].how }));

export function breakdownChoices(def: ConsultationDefinition): SelectOption[] {
  return [
    { value: `${CHANNEL_TARGET_ID}|`, label: "How they responded (channel)" },
    ...choiceTargets(def)
      .filter((t) => t.exclusive)
      .map((t) => ({ value: `${t.questionId}|${t.itemId}`, label: t.label })),
  ];
}

export function filterChoices(def: ConsultationDefinition): SelectOption[] {
  return [
    ...CHANNEL_OPTIONS.map((c) => ({ value: `${CHANNEL_TARGET_ID}||${c.id}`, label: `Responded: ${c.label}` })),
    ...choiceTargets(def)
      .filter((t) => t.exclusive)
      .flatMap((t) => t.options.map((o) => ({ value: `${t.questionId}|${t.itemId}|${o.id}`, label: `${t.label} – ${o.label}` }))),
  ];
}

/** The groups (columns) of a breakdown, labelled. */
export function breakdownColumns(def: ConsultationDefinition, by: { questionId: string; itemId: string }): BreakdownColumn[] {
  if (by.questionId === CHANNEL_TARGET_ID) return CHANNEL_OPTIONS;
  const target = choiceTargets(def).find((t) => t.questionId === by.questionId && t.itemId === by.itemId);
  return target ? target.options.map((o) => ({ id: o.id, label: o.label })) : [];
}

export function breakdownLabel(def: ConsultationDefinition, by: { questionId: string; itemId: string }): string {
  return breakdownChoices(def).find((c) => c.value === `${by.questionId}|${by.itemId}`)?.label ?? by.questionId;
}

export function filterLabel(def: ConsultationDefinition, filter: SubgroupFilter): string {
  return filterChoices(def).find((c) => c.value === `${filter.questionId}|${filter.itemId}|${filter.optionIds[0]}`)?.label ?? filter.questionId;
}

export function parseFilterValue(def: ConsultationDefinition, value: string): SubgroupFilter | null {
  if (!filterChoices(def).some((c) => c.value === value)) return null;
  const [questionId, itemId, option] = value.split("|");
  return { questionId, itemId, optionIds: [option] };
}

export function parseResultsQuery(params: URLSearchParams, def: ConsultationDefinition): { query: ResultsQuery; errors: { field: string; message: string }[] } {
  const errors: { field: string; message: string }[] = [];
  const byValue = params.get("by") ?? "";
  let by: ResultsQuery["by"] = null;
  if (byValue) {
    if (breakdownChoices(def).some((c) => c.value === byValue)) {
      const [questionId, itemId] = byValue.split("|");
      by = { questionId, itemId };
    } else errors.push({ field: "by", message: "Choose a question to break the results down by from the list" });
  }
  const filterValue = params.get("filter") ?? "";
  let filter: SubgroupFilter | null = null;
  if (filterValue) {
    filter = parseFilterValue(def, filterValue);
    if (!filter) errors.push({ field: "filter", message: "Choose a group of respondents from the list" });
  }
  return { query: { by, filter, intervals: params.get("intervals") === "1", published: params.get("published") === "1" }, errors };
}

/** The same query as URL parameters, for links to exports and back. */
export function queryString(q: ResultsQuery, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  if (q.by) p.set("by", `${q.by.questionId}|${q.by.itemId}`);
  if (q.filter) p.set("filter", `${q.filter.questionId}|${q.filter.itemId}|${q.filter.optionIds[0]}`);
  if (q.intervals) p.set("intervals", "1");
  if (q.published) p.set("published", "1");
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
}
