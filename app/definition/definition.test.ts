import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { allQuestionTypesInput } from "../../tests/fixtures";
import { allQuestions, answerValues, formatPath, parseDefinition, type QuestionType } from "./definition";

const ALL_TYPES: QuestionType[] = ["single_choice", "multiple_choice", "scale", "matrix", "ranking", "free_text", "number", "postcode", "precept", "about_you"];

/** The errors parseDefinition gives, as the import command prints them. */
function errorsOf(input: unknown): string[] {
  const result = parseDefinition(input);
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
}

function minimal(questions: unknown[], more: unknown[] = []): { pages: any[] } {
  return { pages: [{ id: "one", title: "One", questions }, ...more] };
}

const yesNo = (id: string) => ({ id, type: "single_choice", title: `${id}?`, options: [{ id: "yes", label: "Yes" }, { id: "no", label: "No" }] });

describe("consultation definition", () => {
  it("accepts the fixture, which uses every question type and a routed branch", () => {
    const result = parseDefinition(allQuestionTypesInput());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(new Set(allQuestions(result.definition).map((q) => q.type))).toEqual(new Set(ALL_TYPES));
    const reporting = result.definition.pages.find((p) => p.id === "reporting");
    expect(reporting?.showIf?.conditions[0]).toEqual({ question: "victim", operator: "equals", values: ["yes"] });
  });

  it("fills in defaults: questions are required, 'about you' never is, scales offer don't know", () => {
    const result = parseDefinition(
      minimal([
        { id: "s", type: "scale", scale: "agreement", title: "S" },
        { id: "a", type: "about_you", title: "About you", fields: ["age"] },
      ]),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const [s, a] = result.definition.pages[0].questions;
    expect(s).toMatchObject({ required: true, dontKnow: true });
    expect(a.required).toBe(false);
    expect(result.definition.estimatedMinutes).toBe(5);
  });

  it("takes a question's own error message, not a blank or an essay", () => {
    const withMessage = (errorMessage: string) => minimal([{ ...yesNo("went"), errorMessage }]);
    const result = parseDefinition(withMessage("  Select yes if you went  "));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.definition.pages[0].questions[0].errorMessage).toBe("Select yes if you went");
    expect(errorsOf(withMessage(" "))).toEqual(["pages[0].questions[0].errorMessage: String must contain at least 1 character(s)"]);
    expect(errorsOf(withMessage("x".repeat(301)))).toEqual(["pages[0].questions[0].errorMessage: String must contain at most 300 character(s)"]);
  });

  it("names the path and the fix for a duplicate option id", () => {
    const input = allQuestionTypesInput();
    input.pages[2].questions[0] = {
      id: "issues",
      type: "multiple_choice",
      title: "Issues",
      options: [
        { id: "asb", label: "Anti-social behaviour" },
        { id: "drugs", label: "Drugs" },
        { id: "speeding", label: "Speeding" },
        { id: "asb", label: "ASB again" },
      ],
    };
    expect(errorsOf(input)).toEqual(['pages[2].questions[0].options[3].id: "asb" is used twice in this question']);
  });

  it.each([
    ["duplicate page ids", { pages: [{ id: "p", title: "P", questions: [yesNo("a")] }, { id: "p", title: "P2", questions: [yesNo("b")] }] }, 'pages[1].id: "p" is used by another page'],
    ["duplicate question ids", minimal([yesNo("a"), yesNo("a")]), 'pages[0].questions[1].id: "a" is used by another question'],
    [
      "duplicate matrix items",
      minimal([{ id: "m", type: "matrix", scale: "priority", title: "M", items: [{ id: "x", label: "X" }, { id: "x", label: "Y" }] }]),
      'pages[0].questions[0].items[1].id: "x" is used twice in this matrix',
    ],
    [
      "duplicate ranking items",
      minimal([{ id: "r", type: "ranking", title: "R", items: [{ id: "x", label: "X" }, { id: "x", label: "Y" }] }]),
      'pages[0].questions[0].items[1].id: "x" is used twice in this ranking',
    ],
    [
      "a ranking asking for more ranks than items",
      minimal([{ id: "r", type: "ranking", title: "R", rankCount: 3, items: [{ id: "x", label: "X" }, { id: "y", label: "Y" }] }]),
      "pages[0].questions[0].rankCount: Cannot rank more than the 2 items",
    ],
    [
      "an exclusive single-choice option",
      minimal([{ ...yesNo("a"), options: [{ id: "yes", label: "Yes" }, { id: "no", label: "No", exclusive: true }] }]),
      "pages[0].questions[0].options[1].exclusive: Only multiple choice options can be exclusive",
    ],
    [
      "two Other options",
      minimal([{ ...yesNo("a"), options: [{ id: "x", label: "X", other: true }, { id: "y", label: "Y", other: true }] }]),
      'pages[0].questions[0].options: Only one option can be "Other (please specify)"',
    ],
    [
      "Other on multiple choice",
      minimal([{ id: "m", type: "multiple_choice", title: "M", options: [{ id: "x", label: "X" }, { id: "y", label: "Y", other: true }] }]),
      'pages[0].questions[0].options[1].other: "Other (please specify)" is for single choice questions',
    ],
    [
      "maxSelections above the options",
      minimal([{ id: "m", type: "multiple_choice", title: "M", maxSelections: 3, options: [{ id: "x", label: "X" }, { id: "y", label: "Y" }] }]),
      "pages[0].questions[0].maxSelections: Cannot be more than the 2 options",
    ],
    [
      "minSelections above maxSelections",
      minimal([{ id: "m", type: "multiple_choice", title: "M", minSelections: 2, maxSelections: 1, options: [{ id: "x", label: "X" }, { id: "y", label: "Y" }] }]),
      "pages[0].questions[0].minSelections: Must not be more than maxSelections",
    ],
    ["min above max", minimal([{ id: "n", type: "number", title: "N", min: 5, max: 1 }]), "pages[0].questions[0].min: Must not be more than max"],
    [
      "an 'about you' item listed twice",
      minimal([{ id: "a", type: "about_you", title: "A", fields: ["age", "sex", "age"] }]),
      'pages[0].questions[0].fields[2]: "age" is listed twice',
    ],
    [
      "a question id that repeats another's field ids",
      minimal([yesNo("victim"), yesNo("victim-2")]),
      'pages[0].questions[1].id: "victim-2" starts with "victim-", which this page uses for "victim"\'s fields; choose an id that does not',
    ],
    ["a question id the page layout uses", minimal([yesNo("main-content")]), 'pages[0].questions[0].id: "main-content" is used by the page itself; choose another id'],
    [
      "matrix items that would repeat field ids",
      minimal([{ id: "m", type: "matrix", scale: "priority", title: "M", hint: "H", items: [{ id: "hint", label: "X" }, { id: "a", label: "Y" }] }]),
      'pages[0].questions[0].items[0].id: "hint" would repeat a field id on the page; use letters, digits and _ (not "-", and not hint, error, info, other)',
    ],
    [
      "ranking items with a hyphen",
      minimal([{ id: "r", type: "ranking", title: "R", items: [{ id: "a", label: "X" }, { id: "a-2", label: "Y" }] }]),
      'pages[0].questions[0].items[1].id: "a-2" would repeat a field id on the page; use letters, digits and _ (not "-", and not hint, error, info, other)',
    ],
    ["a malformed id", minimal([yesNo("Bad Id")]), "pages[0].questions[0].id: Use 1 to 63 lower-case letters, digits, - or _, starting with a letter or digit"],
    ["an unknown property", minimal([{ ...yesNo("a"), colour: "red" }]), "pages[0].questions[0]: Unrecognized key(s) in object: 'colour'"],
    [
      "an unknown question type",
      minimal([{ id: "a", type: "slider", title: "A" }]),
      "pages[0].questions[0].type: Invalid discriminator value. Expected 'single_choice' | 'multiple_choice' | 'scale' | 'matrix' | 'ranking' | 'free_text' | 'number' | 'postcode' | 'precept' | 'about_you'",
    ],
    ["a page without questions", { pages: [{ id: "p", title: "P", questions: [] }] }, "pages[0].questions: Array must contain at least 1 element(s)"],
  ])("rejects %s", (_, input, expected) => {
    expect(errorsOf(input)).toEqual([expected]);
  });

  describe("conditions", () => {
    const page2 = (showIf: unknown, questions: unknown[] = [yesNo("b")]) => ({ id: "two", title: "Two", showIf, questions });
    const when = (condition: Record<string, unknown>) => ({ match: "all", conditions: [{ operator: "equals", values: ["yes"], ...condition }] });

    it("accept a condition on an earlier page", () => {
      expect(errorsOf(minimal([yesNo("a")], [page2(when({ question: "a" }))]))).toEqual([]);
    });

    it("reject one that refers forward", () => {
      const input = { pages: [{ id: "one", title: "One", showIf: when({ question: "b" }), questions: [yesNo("a")] }, page2(undefined)] };
      expect(errorsOf(input)).toEqual(['pages[0].showIf.conditions[0].question: "b" comes later; a condition can only refer to a question on an earlier page']);
    });

    it("reject a question that depends on itself", () => {
      const input = minimal([{ ...yesNo("a"), showIf: when({ question: "a" }) }]);
      expect(errorsOf(input)).toEqual(["pages[0].questions[0].showIf.conditions[0].question: A question cannot depend on its own answer"]);
    });

    it("reject one on the same page, which could not work without JavaScript", () => {
      const input = minimal([yesNo("a"), { ...yesNo("b"), showIf: when({ question: "a" }) }]);
      expect(errorsOf(input)).toEqual([
        'pages[0].questions[1].showIf.conditions[0].question: "a" is on the same page; a condition can only refer to a question on an earlier page so it works without JavaScript',
      ]);
    });

    it("reject a missing option", () => {
      const input = minimal([yesNo("a")], [page2({ match: "any", conditions: [{ question: "a", operator: "any_of", values: ["yes", "maybe"] }] })]);
      expect(errorsOf(input)).toEqual(['pages[1].showIf.conditions[0].values[1]: "maybe" is not an option of "a"']);
    });

    it("reject a missing question", () => {
      expect(errorsOf(minimal([yesNo("a")], [page2(when({ question: "zz" }))]))).toEqual(['pages[1].showIf.conditions[0].question: "zz" is not a question in this consultation']);
    });

    it("reject a condition on a question without options", () => {
      const input = minimal([{ id: "t", type: "free_text", title: "T" }], [page2(when({ question: "t" }))]);
      expect(errorsOf(input)).toEqual(['pages[1].showIf.conditions[0].question: "t" is a free_text question; conditions need a choice question']);
    });

    it("need the item of a question with items, and check it exists", () => {
      const matrix = { id: "m", type: "matrix", scale: "priority", title: "M", items: [{ id: "asb", label: "ASB" }] };
      const cond = { question: "m", operator: "any_of", values: ["high"] };
      expect(errorsOf(minimal([matrix], [page2({ conditions: [cond] })]))).toEqual(['pages[1].showIf.conditions[0].item: Name which item of "m" the condition is about']);
      expect(errorsOf(minimal([matrix], [page2({ conditions: [{ ...cond, item: "nope" }] })]))).toEqual(['pages[1].showIf.conditions[0].item: "nope" is not an item of "m"']);
      expect(errorsOf(minimal([matrix], [page2({ conditions: [{ ...cond, item: "asb" }] })]))).toEqual([]);
    });

    it("allow exactly one value with equals", () => {
      const input = minimal([yesNo("a")], [page2({ conditions: [{ question: "a", operator: "equals", values: ["yes", "no"] }] })]);
      expect(errorsOf(input)).toEqual(['pages[1].showIf.conditions[0].values: "equals" takes exactly one value; use "any_of" for several']);
    });
  });

  describe("precept", () => {
    const precept = (proposal: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      minimal([{ id: "p", type: "precept", title: "Support?", year: "2027/28", currentBandD: 230.24, referendumLimit: 14, proposals: [{ id: "inc", label: "Rise", increase: 14, ...proposal }], ...extra }]);

    it("accepts an increase up to the referendum limit", () => {
      expect(errorsOf(precept({}))).toEqual([]);
    });

    it("rejects an increase over the referendum limit unless it is marked as needing a referendum", () => {
      expect(errorsOf(precept({ increase: 15 }))).toEqual([
        'pages[0].questions[0].proposals[0].increase: £15.00 is over the referendum limit of £14.00; lower it or mark the proposal "requiresReferendum": true',
      ]);
      expect(errorsOf(precept({ increase: 15, requiresReferendum: true }))).toEqual([]);
    });

    it('reserves "dont_know" and needs unique proposal ids', () => {
      expect(errorsOf(precept({ id: "dont_know" }))).toEqual(['pages[0].questions[0].proposals[0].id: "dont_know" is reserved']);
      const twice = precept({});
      (twice.pages[0].questions[0] as any).proposals.push({ id: "inc", label: "Again", increase: 5 });
      expect(errorsOf(twice)).toEqual(['pages[0].questions[0].proposals[1].id: "inc" is used twice in this precept question']);
    });

    it("offers support / oppose / don't know per proposal, or a choice of proposals", () => {
      const each = parseDefinition(precept({}));
      const one = parseDefinition(precept({}, { answer: "choose_one" }));
      if (!each.ok || !one.ok) throw new Error("invalid");
      expect(answerValues(each.definition.pages[0].questions[0])).toEqual(new Map([["inc", ["support", "oppose", "dont_know"]]]));
      expect(answerValues(one.definition.pages[0].questions[0])).toEqual(new Map([["", ["inc", "dont_know"]]]));
    });
  });

  it("formats zod paths the way editors read them", () => {
    expect(formatPath(["pages", 2, "questions", 0, "options", 3, "id"])).toBe("pages[2].questions[0].options[3].id");
    expect(formatPath([])).toBe("");
  });

  it("docs/definition-format.md shows the fixture as its complete example, unchanged", () => {
    const doc = fs.readFileSync(new URL("../../docs/definition-format.md", import.meta.url), "utf8");
    const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(JSON.parse(blocks[blocks.length - 1])).toEqual(allQuestionTypesInput());
  });

  describe("templates that ship in db/templates", () => {
    const read = (name: string) => JSON.parse(fs.readFileSync(new URL(`../../db/templates/${name}`, import.meta.url), "utf8"));

    it.each(["precept.json", "police-and-crime-survey.json"])("%s validates", (name) => {
      expect(errorsOf(read(name))).toEqual([]);
    });

    it("the Police and Crime Survey uses the plan's six sections as its priority list", () => {
      const result = parseDefinition(read("police-and-crime-survey.json"));
      if (!result.ok) throw new Error("invalid");
      const matrix = allQuestions(result.definition).find((q) => q.type === "matrix");
      expect(matrix?.type === "matrix" && matrix.items.map((i) => i.label.split(":")[0])).toEqual([
        "Safer Communities",
        "Safer Business",
        "Safer Online",
        "Safer People",
        "Safer Roads",
        "Safer Countryside",
      ]);
    });

    it("the survey ships the victim → reported → why not branch", () => {
      const result = parseDefinition(read("police-and-crime-survey.json"));
      if (!result.ok) throw new Error("invalid");
      const conditions = result.definition.pages.flatMap((p) => (p.showIf ? [`${p.id}: ${p.showIf.conditions.map((c) => `${c.question} ${c.operator} ${c.values}`)}`] : []));
      expect(conditions).toEqual(["reporting: victim equals yes", "why-not-reported: reported equals no"]);
    });
  });
});
