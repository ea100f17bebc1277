import type { AnswerValue, Answers } from "../responding/answers";
import { canonicalNumber } from "../responding/answers";
import { allQuestions, assertNever, type ConsultationDefinition, type Question } from "../definition/definition";
import { ABOUT_YOU_ITEMS, aboutYouOptions } from "../definition/about-you";
import { AUTHORITIES } from "../areas/postcode";
import { scalePoints } from "../definition/scales";
import { channelLabel } from "../responding/channels";
import { safeCell } from "./results-csv";

/**
 * The raw anonymised responses export: one row per counted response, one column per question
 * (or per option of a multiple choice, per item of a matrix…), holding ids rather than labels;
 * the codebook maps every column and id to its label. Columns are the union over every version
 * of the consultation, in the order they first appear, so a file covers all responses.
 */

export interface ResponseColumn {
  name: string;
  questionId: string;
  itemId: string;
  type: Question["type"];
  label: string;
  /** Coded values and their labels; empty for free text and numbers. */
  values: { id: string; label: string }[];
  read(answer: AnswerValue | undefined): string;
}

export const LEADING_COLUMNS = ["response", "version", "channel", "submitted_on"] as const;

const precept = [
  { id: "support", label: "Support" },
  { id: "oppose", label: "Oppose" },
  { id: "dont_know", label: "Don't know" },
];

function columnsOf(q: Question): ResponseColumn[] {
  const col = (name: string, itemId: string, label: string, values: { id: string; label: string }[], read: ResponseColumn["read"]): ResponseColumn => ({
    name,
    questionId: q.id,
    itemId,
    type: q.type,
    label,
    values,
    read,
  });
  switch (q.type) {
    case "single_choice": {
      const cols = [col(q.id, "", q.title, q.options, (a) => (a?.type === "single_choice" ? a.option : ""))];
      if (q.options.some((o) => o.other)) cols.push(col(`${q.id}.other`, "other", `${q.title} (other, as typed, redacted)`, [], (a) => (a?.type === "single_choice" ? (a.other ?? "") : "")));
      return cols;
    }
    case "multiple_choice":
      return q.options.map((o) =>
        col(`${q.id}.${o.id}`, o.id, `${q.title}: ${o.label}`, [{ id: "1", label: "Selected" }, { id: "0", label: "Not selected (answered the question)" }], (a) =>
          a?.type === "multiple_choice" ? (a.options.includes(o.id) ? "1" : "0") : "",
        ),
      );
    case "scale":
      return [col(q.id, "", q.title, scalePoints(q.scale, q.dontKnow), (a) => (a?.type === "scale" ? a.option : ""))];
    case "matrix":
      return q.items.map((i) => col(`${q.id}.${i.id}`, i.id, `${q.title}: ${i.label}`, scalePoints(q.scale, q.dontKnow), (a) => (a?.type === "matrix" ? (a.items[i.id] ?? "") : "")));
    case "ranking":
      return q.items.map((i) =>
        col(`${q.id}.${i.id}`, i.id, `${q.title}: ${i.label} (rank, 1 = most important)`, [], (a) => (a?.type === "ranking" && a.ranks[i.id] !== undefined ? String(a.ranks[i.id]) : "")),
      );
    case "free_text":
      return [col(q.id, "", `${q.title} (as typed, redacted)`, [], (a) => (a?.type === "free_text" ? a.text : ""))];
    case "number":
      return [col(q.id, "", q.title, [], (a) => (a?.type === "number" ? canonicalNumber(a.value) : ""))];
    case "postcode":
      return [
        col(`${q.id}.district`, "district", `${q.title}: postcode district (outward code)`, [], (a) => (a?.type === "postcode" ? a.outward : "")),
        col(
          `${q.id}.authority`,
          "",
          `${q.title}: local authority`,
          [...Object.entries(AUTHORITIES).map(([id, label]) => ({ id, label })), { id: "unknown", label: "Postcode district not recognised" }],
          (a) => (a?.type === "postcode" ? a.authority : ""),
        ),
        col(`${q.id}.area`, "area", `${q.title}: area`, [], (a) => (a?.type === "postcode" ? a.area : "")),
      ];
    case "precept":
      if (q.answer === "choose_one") {
        return [col(q.id, "", q.title, [...q.proposals.map((p) => ({ id: p.id, label: p.label })), { id: "dont_know", label: "Don't know" }], (a) => (a?.type === "precept" ? (a.choice ?? "") : ""))];
      }
      return q.proposals.map((p) => col(`${q.id}.${p.id}`, p.id, `${q.title}: ${p.label}`, precept, (a) => (a?.type === "precept" ? (a.items?.[p.id] ?? "") : "")));
    case "about_you":
      return q.fields.map((f) => col(`${q.id}.${f}`, f, ABOUT_YOU_ITEMS[f].question, aboutYouOptions(f), (a) => (a?.type === "about_you" ? (a.items[f] ?? "") : "")));
    default:
      return assertNever(q);
  }
}

/** Columns over every version, oldest first; a later version's labels win. */
export function responseColumns(definitions: ConsultationDefinition[]): ResponseColumn[] {
  const byName = new Map<string, ResponseColumn>();
  for (const def of definitions) {
    for (const q of allQuestions(def)) {
      for (const c of columnsOf(q)) {
        const before = byName.get(c.name);
        if (!before) byName.set(c.name, c);
        else {
          const values = [...before.values.filter((v) => !c.values.some((w) => w.id === v.id)), ...c.values];
          byName.set(c.name, { ...c, values });
        }
      }
    }
  }
  return [...byName.values()];
}

/**
 * The header row. With labels (for people reading the file in Excel rather than analysing it), each
 * column is headed by its question (and option or item) instead of its id; a label that two
 * columns share gets the column id after it, so every header stays unique.
 */
export function responsesHeader(columns: ResponseColumn[], { labels = false } = {}): string[] {
  if (!labels) return [...LEADING_COLUMNS, ...columns.map((c) => c.name)];
  const counts = new Map<string, number>();
  for (const c of columns) counts.set(c.label, (counts.get(c.label) ?? 0) + 1);
  return ["Response", "Version", "Channel", "Submitted on", ...columns.map((c) => (counts.get(c.label)! > 1 ? `${c.label} [${c.name}]` : c.label))].map(safeCell);
}

/** A coded value as its label ("tend_to_agree" → "Tend to agree"); typed text and numbers as they are. */
function labelled(column: ResponseColumn, value: string): string {
  if (value === "" || column.values.length === 0) return value;
  return column.values.find((v) => v.id === value)?.label ?? value;
}

export function responseRow(
  columns: ResponseColumn[],
  meta: { index: number; version: number; channel: string; submittedOn: string },
  answers: Answers,
  { labels = false } = {},
): string[] {
  const cells = labels
    ? columns.map((c) => labelled(c, c.read(answers[c.questionId])))
    : columns.map((c) => c.read(answers[c.questionId]));
  const channel = labels ? channelLabel(meta.channel, "name") : meta.channel;
  return [String(meta.index), String(meta.version), channel, meta.submittedOn, ...cells].map(safeCell);
}

export const CODEBOOK_HEADER = ["column", "question_id", "item_id", "question_type", "column_label", "value", "value_label"];

export function codebookRows(columns: ResponseColumn[]): string[][] {
  const rows: string[][] = [
    ["response", "", "", "", "Row number in this file (not an identifier kept anywhere else)", "", ""],
    ["version", "", "", "", "Version of the consultation the respondent answered", "", ""],
    ["channel", "", "", "", "How the response came in", "", ""],
    ["submitted_on", "", "", "", "Date submitted (date only)", "", ""],
  ];
  for (const c of columns) {
    if (c.values.length === 0) rows.push([c.name, c.questionId, c.itemId, c.type, c.label, "", c.type === "number" || c.type === "ranking" ? "number" : "text"]);
    for (const v of c.values) rows.push([c.name, c.questionId, c.itemId, c.type, c.label, v.id, v.label]);
  }
  return rows.map((r) => r.map(safeCell));
}
