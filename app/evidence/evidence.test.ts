import { describe, expect, it } from "vitest";
import { ConsultationDefinitionSchema } from "../definition/definition";
import {
  changeBetween,
  checkIndicator,
  choiceTargets,
  EvidenceApiSchema,
  evidenceCsvRows,
  evidenceMarkdown,
  figureOf,
  IndicatorFormSchema,
  renderStatement,
  toApiStatement,
  type EvidenceStatement,
} from "./evidence";

const def = ConsultationDefinitionSchema.parse({
  pages: [
    {
      id: "p",
      title: "P",
      questions: [
        { id: "victim", type: "single_choice", title: "Victim?", options: [{ id: "yes", label: "Yes" }, { id: "no", label: "No" }] },
        { id: "want", type: "multiple_choice", title: "Want?", options: [{ id: "npt", label: "Neighbourhood Policing" }, { id: "roads", label: "Roads" }] },
        { id: "grid", type: "matrix", title: "Priority of", scale: "priority", items: [{ id: "asb", label: "ASB" }] },
        { id: "say", type: "free_text", title: "Say", required: false },
      ],
    },
  ],
});

describe("indicators", () => {
  it("offers every question and item whose answers are options, and knows which can define groups", () => {
    const targets = choiceTargets(def).map((t) => [t.questionId, t.itemId, t.exclusive]);
    expect(targets).toEqual([
      ["victim", "", true],
      ["want", "", false],
      ["grid", "asb", true],
    ]);
  });

  it("checks ids against the definition and the sentence's placeholders", () => {
    expect(checkIndicator(def, { questionId: "want", itemId: "", optionIds: ["npt"], filter: { questionId: "victim", itemId: "", optionIds: ["yes"] }, template: "{percent} want it" })).toEqual([]);
    expect(checkIndicator(def, { questionId: "say", itemId: "", optionIds: ["x"], filter: null, template: "{percent}" })[0].field).toBe("question");
    expect(checkIndicator(def, { questionId: "want", itemId: "", optionIds: ["nope"], filter: null, template: "{percent}" })[0].field).toBe("optionIds");
    // A multiple choice cannot define a subgroup: one respondent could be in two groups.
    expect(checkIndicator(def, { questionId: "victim", itemId: "", optionIds: ["yes"], filter: { questionId: "want", itemId: "", optionIds: ["npt"] }, template: "{percent}" })[0].field).toBe("filter");
    expect(checkIndicator(def, { questionId: "victim", itemId: "", optionIds: ["yes"], filter: null, template: "{percent} of {people}" })[0].message).toContain("{people}");
    const form = IndicatorFormSchema.safeParse({ consultationId: "c", sectionId: "s", question: "want|", optionIds: [], template: "Most want it" });
    expect(form.success ? [] : form.error.issues.map((i) => i.message)).toEqual(["Select at least one answer that counts", "Include {percent} in the sentence, where the figure goes"]);
  });

  it("renders the sentence from unrounded figures", () => {
    const f = figureOf(382, 500);
    expect(renderStatement("{percent} of respondents ({count} of {base}; {low} to {high})", f)).toBe("76.4% of respondents (382 of 500; 72.5% to 79.9%)");
  });

  it("tests the change between waves: 55% of 800 to 60% of 900 is significant at 95%", () => {
    const change = changeBetween(figureOf(440, 800), figureOf(540, 900))!;
    expect(change.points).toBeCloseTo(5, 9);
    expect(change.z).toBeCloseTo(2.08, 2);
    expect(change.significant).toBe(true);
    expect(changeBetween(figureOf(50, 100), figureOf(52, 100))!.significant).toBe(false);
  });
});

const statement = (count: number, base: number): EvidenceStatement => ({
  id: "i1",
  section: { id: "s1", name: "Safer Communities" },
  consultation: { id: "c1", slug: "precept", title: "Precept", closesAt: "2022-01-31T23:59:00.000Z", resultsPublishedAt: "2022-02-10T00:00:00.000Z" },
  question: { id: "want", title: "Want?", itemId: "", itemLabel: null },
  optionIds: ["npt"],
  optionLabels: ["Neighbourhood Policing"],
  baseDescription: "all who answered the question",
  filter: null,
  figure: figureOf(count, base),
  statement: renderStatement("=HYPERLINK() {percent} want it", figureOf(count, base)),
  suppressed: false,
  previous: {
    indicatorId: "i0",
    consultationId: "c0",
    consultationTitle: "Precept 2021",
    consultationSlug: "p21",
    figure: figureOf(440, 800),
    change: changeBetween(figureOf(440, 800), figureOf(count, base)),
    suppressed: false,
  },
});

describe("evidence outputs", () => {
  it("JSON statements match the published schema, and show nothing of a withheld one", () => {
    const ok = toApiStatement(statement(382, 500), "/consultations/precept/results");
    const doc = { schemaVersion: 1, generatedAt: new Date().toISOString(), suppressionThreshold: 10, intervalNote: "x", filters: { section: null, consultation: null }, sections: [{ id: "s1", name: "Safer Communities" }], statements: [ok] };
    expect(EvidenceApiSchema.parse(doc).statements[0].figure).toEqual({ count: 382, base: 500, percent: 76.4, interval: { low: 72.5, high: 79.9 } });
    expect(ok.change?.percentagePoints).toBe(21.4);
    // Which statements are withheld is the disclosure model's decision (disclosure.test.ts); a
    // withheld one shows no figure, no base, no sentence and no change.
    const hidden = toApiStatement({ ...statement(4, 500), suppressed: true }, "/x");
    expect(hidden).toMatchObject({ suppressed: true, figure: null, statement: null, change: null, base: { n: null } });
    expect(EvidenceApiSchema.parse({ ...doc, statements: [hidden] }).statements).toHaveLength(1);
    // Nor a change from an earlier figure that its own consultation withholds.
    const earlierWithheld = statement(382, 500);
    expect(toApiStatement({ ...earlierWithheld, previous: { ...earlierWithheld.previous!, suppressed: true } }, "/x").change).toBeNull();
  });

  it("Markdown groups by section; CSV escapes formula-like sentences", () => {
    const md = evidenceMarkdown([statement(382, 500)], [{ id: "s1", name: "Safer Communities" }], () => "https://example/results");
    expect(md).toContain("## Safer Communities");
    expect(md).toContain("n=500; 95% interval 72.5% to 79.9%; [results](https://example/results)");
    expect(md).toContain("+21.4 percentage points since Precept 2021: a statistically significant change");
    const [row] = evidenceCsvRows([statement(382, 500)]);
    expect(row[1].startsWith("'=")).toBe(true);
    expect(row[2]).toBe("76.4");
  });
});
