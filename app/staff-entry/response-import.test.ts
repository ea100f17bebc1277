import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { TEMPLATES } from "../builder/templates";
import { ConsultationDefinitionSchema } from "../definition/definition";
import { checkResponse } from "../responding/validation";
import { importTemplate, parseResponsesCsv } from "./response-import";

const def = ConsultationDefinitionSchema.parse({
  pages: [
    {
      id: "one",
      title: "One",
      questions: [
        { id: "victim", type: "single_choice", title: "Have you been a victim of crime?", options: [{ id: "yes", label: "Yes" }, { id: "no", label: "No" }] },
        { id: "worries", type: "multiple_choice", title: "What worries you?", options: [{ id: "speeding", label: "Speeding" }, { id: "litter", label: "Litter" }] },
        { id: "grid", type: "matrix", title: "Priority", scale: "priority", dontKnow: false, items: [{ id: "asb", label: "ASB" }] },
      ],
    },
    { id: "two", title: "Two", showIf: { conditions: [{ question: "victim", operator: "equals", values: ["yes"] }] }, questions: [{ id: "reported", type: "single_choice", title: "Did you report it?", options: [{ id: "yes", label: "Yes" }, { id: "no", label: "No" }] }] },
    { id: "three", title: "Three", questions: [{ id: "say", type: "free_text", title: "Anything else?", required: false }, { id: "postcode", type: "postcode", title: "Postcode", required: false }] },
  ],
});
const ctx = { lookupDistrict: (o: string) => (o === "DH1" ? { authority: "durham", area: "Durham City" } : null) };
const csv = (rows: string[][]) => `\uFEFF${stringify(rows)}`;
const HEADER = ["channel", "victim", "worries.speeding", "worries.litter", "grid.asb", "reported", "say", "postcode.district"];

describe("importing paper responses from CSV", () => {
  it("reads ids or labels, 1 and 0 for ticks, per-row channels, and checks each row as the pages do", () => {
    const result = parseResponsesCsv(
      csv([
        HEADER,
        ["paper", "yes", "1", "0", "High priority", "No", "Too busy,\nsorry", "dh1 4xx"],
        ["By phone", "No", "0", "1", "low", "", "", ""],
      ]),
      def,
      ctx,
      { channel: null },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.responses.map((r) => [r.line, r.channel])).toEqual([
      [2, "paper"],
      [4, "phone"],
    ]);
    expect(result.responses[0].answers).toEqual({
      victim: { type: "single_choice", option: "yes" },
      worries: { type: "multiple_choice", options: ["speeding"] },
      grid: { type: "matrix", items: { asb: "high" } },
      reported: { type: "single_choice", option: "no" },
      say: { type: "free_text", text: "Too busy,\nsorry", redacted: [] },
      postcode: { type: "postcode", outward: "DH1", authority: "durham", area: "Durham City" },
    });
    // Every row is exactly what the whole-response check would store.
    for (const r of result.responses) expect(checkResponse(def, r.answers, ctx)).toEqual({ answers: r.answers, errors: [] });
  });

  it("drops an answer the route skips, as the pages do", () => {
    const result = parseResponsesCsv(csv([HEADER, ["event", "no", "1", "0", "high", "yes", "", ""]]), def, ctx, { channel: null });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.responses[0].answers.reported).toBeUndefined();
  });

  it("all or nothing, with every problem on its line: a bad answer, a blank required question, an unknown channel", () => {
    const result = parseResponsesCsv(
      csv([
        HEADER,
        ["paper", "yes", "1", "0", "high", "no", "", ""],
        ["paper", "maybe", "1", "0", "high", "", "", ""],
        ["paper", "", "1", "0", "high", "", "", ""],
        ["post office", "no", "1", "0", "high", "", "", ""],
        ["paper", "no", "2", "0", "high", "", "", ""],
      ]),
      def,
      ctx,
      { channel: null },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { line: 3, message: '"maybe" is not an answer to "Have you been a victim of crime?"; use one of: Yes, No' },
      { line: 4, message: "Select whether you have been a victim of crime" },
      { line: 5, message: 'channel "post office" is not paper, event or phone' },
      { line: 6, message: '"2" under "What worries you?: Speeding": write 1 (ticked) or 0 (not ticked)' },
    ]);
  });

  it('"Not answered" leaves a required question unanswered, as on the pages', () => {
    const result = parseResponsesCsv(csv([HEADER, ["phone", "Not answered", "not answered", "", "Not answered", "", "", ""]]), def, ctx, { channel: null });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.responses[0].answers).toEqual({});
    expect(result.responses[0].notAnswered.sort()).toEqual(["grid", "victim", "worries"]);
    // "worries" was left blank without saying so: that is an error.
    const blank = parseResponsesCsv(csv([["victim", "grid.asb"], ["Not answered", "high"]]), def, ctx, { channel: "paper" });
    expect(blank).toEqual({ ok: false, errors: [{ line: 2, message: "Select what worries you" }] });
  });

  it("refuses a file whose columns are not this consultation's, or that says no channel", () => {
    expect(parseResponsesCsv(csv([["victim", "colour"], ["yes", "blue"]]), def, ctx, { channel: "paper" })).toEqual({
      ok: false,
      errors: [{ line: 1, message: 'Column 2, "colour", is not a question of this consultation; download the template for the columns it has' }],
    });
    expect(parseResponsesCsv(csv([["victim"], ["yes"]]), def, ctx, { channel: null })).toMatchObject({ ok: false, errors: [{ line: 1, message: expect.stringContaining("choose a channel") }] });
    expect(parseResponsesCsv("", def, ctx, { channel: "paper" })).toMatchObject({ ok: false, errors: [{ line: 1 }] });
  });

  it("accepts the labelled export's headings, and the template names every column the import reads", () => {
    const labelled = parseResponsesCsv(csv([["Have you been a victim of crime?", "What worries you?: Speeding", "What worries you?: Litter", "Priority: ASB"], ["No", "Selected", "Not selected", "Medium priority"]]), def, ctx, { channel: "paper" });
    if (!labelled.ok) throw new Error(JSON.stringify(labelled.errors));
    expect(labelled.responses[0].answers.grid).toEqual({ type: "matrix", items: { asb: "medium" } });
    expect(importTemplate(TEMPLATES.survey.definition)).toContain("victim");
    expect(importTemplate(def)).toEqual(HEADER);
  });
});
