import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { aggregate } from "../results/aggregate";
import { ConsultationDefinitionSchema } from "../definition/definition";
import { codebookRows, responseColumns, responseRow, responsesHeader } from "./responses-csv";
import { RESULTS_CSV_HEADER, resultsCsvRows, safeCell } from "./results-csv";
import { displayResults } from "../results/display";

describe("safeCell (formula injection)", () => {
  it("escapes text that a spreadsheet would run as a formula", () => {
    for (const bad of ["=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"]) expect(safeCell(bad).startsWith("'")).toBe(true);
    // Issue 12, reproduction 11: the full-width forms too.
    for (const bad of ["＝HYPERLINK(\"http://x\")", "＋1+2", "－2+3", "＠SUM(A1)"]) expect(safeCell(bad), bad).toBe(`'${bad}`);
  });
  it("leaves ordinary text and numbers, including negative numbers, alone", () => {
    expect(safeCell("Neighbourhood Policing")).toBe("Neighbourhood Policing");
    expect(safeCell("-4.2")).toBe("-4.2");
    expect(safeCell(76.4)).toBe("76.4");
    expect(safeCell(null)).toBe("");
  });
  it("survives a CSV round trip escaped", () => {
    const csv = stringify([[safeCell("=1+1"), safeCell("a, \"b\"\nc")]]);
    expect(parse(csv)).toEqual([["'=1+1", "a, \"b\"\nc"]]);
  });
});

const def = ConsultationDefinitionSchema.parse({
  pages: [
    {
      id: "p",
      title: "P",
      questions: [
        { id: "pick", type: "single_choice", title: "Pick", options: [{ id: "a", label: "A" }, { id: "b", label: "B" }, { id: "other", label: "Other", other: true }] },
        { id: "many", type: "multiple_choice", title: "Many", options: [{ id: "x", label: "X" }, { id: "y", label: "Y" }] },
        { id: "say", type: "free_text", title: "Say", required: false },
      ],
    },
  ],
});

describe("raw responses rows", () => {
  it("puts ids in the data, one column per multiple-choice option, escaping typed text", () => {
    const columns = responseColumns([def]);
    expect(responsesHeader(columns)).toEqual(["response", "version", "channel", "submitted_on", "pick", "pick.other", "many.x", "many.y", "say"]);
    const row = responseRow(columns, { index: 1, version: 1, channel: "online", submittedOn: "2022-01-05" }, {
      pick: { type: "single_choice", option: "other", other: "=cmd|' /C calc'!A0" },
      many: { type: "multiple_choice", options: ["y"] },
    });
    expect(row).toEqual(["1", "1", "online", "2022-01-05", "other", "'=cmd|' /C calc'!A0", "0", "1", ""]);
    const codebook = codebookRows(columns);
    expect(codebook.find((r) => r[0] === "pick" && r[5] === "b")?.[6]).toBe("B");
    expect(codebook.find((r) => r[0] === "many.x" && r[5] === "1")?.[6]).toBe("Selected");
  });
});

describe("results CSV rows", () => {
  it("has one row per question × option with count, percent, base and interval; [c] when suppressed", () => {
    const counts = [
      { question_id: "pick", item_id: "", option_id: "*", n: 40 },
      { question_id: "pick", item_id: "", option_id: "a", n: 30 },
      { question_id: "pick", item_id: "", option_id: "b", n: 8 },
      { question_id: "pick", item_id: "", option_id: "other", n: 2 },
    ];
    const rows = resultsCsvRows(displayResults(aggregate(def, counts))).map((r) => Object.fromEntries(RESULTS_CSV_HEADER.map((h, i) => [h, r[i]])));
    const a = rows.find((r) => r.question_id === "pick" && r.option_id === "a")!;
    expect(a).toMatchObject({ count: "30", percent: "75", base: "40", ci_low: "59.8", ci_high: "85.8" });
    const published = resultsCsvRows(displayResults(aggregate(def, counts), 10)).map((r) => Object.fromEntries(RESULTS_CSV_HEADER.map((h, i) => [h, r[i]])));
    expect(published.filter((r) => r.question_id === "pick").map((r) => r.count)).toEqual(["30", "[c]", "[c]"]);
    // Free text: a count only, never the text.
    expect(published.find((r) => r.question_id === "say")?.option_id).toBe("written_answers");
  });
});
