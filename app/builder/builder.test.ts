import { describe, expect, it } from "vitest";
import preceptJson from "../../db/templates/precept.json";
import surveyJson from "../../db/templates/police-and-crime-survey.json";
import {
  addPage,
  addQuestion,
  type commit,
  deletePage,
  deleteQuestion,
  fieldForPath,
  idFrom,
  importDefinition,
  moveQuestion,
  movePage,
  newQuestion,
  pageFromForm,
  parseIntent,
  questionFromForm,
  QUESTION_TYPES,
  replaceQuestion,
  updatePage,
} from "./builder";
import type { FormValues as FormInput } from "../responding/form-values";
import { ConsultationDefinitionSchema, findQuestion, type ConsultationDefinition, type Question } from "../definition/definition";

const precept = ConsultationDefinitionSchema.parse(preceptJson);
const survey = ConsultationDefinitionSchema.parse(surveyJson);

function ok(result: ReturnType<typeof commit>): ConsultationDefinition {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.definition;
}
function errors(result: ReturnType<typeof commit>) {
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}

/** What the question editor would post for a question as it stands. */
function formFor(q: Question): FormInput {
  const f: FormInput = { id: [q.id], title: [q.title], hint: [q.hint ?? ""] };
  if (q.required) f.required = ["true"];
  const list = (name: string, rows: Record<string, unknown>[]) =>
    rows.forEach((r, i) => Object.entries(r).forEach(([k, v]) => (f[`${name}-${i}-${k}`] = typeof v === "boolean" ? (v ? ["true"] : []) : [String(v ?? "")])));
  switch (q.type) {
    case "single_choice":
    case "multiple_choice":
      list("options", q.options.map((o) => ({ id: o.id, label: o.label, hint: o.hint ?? "", exclusive: !!o.exclusive, other: !!o.other })));
      if (q.type === "multiple_choice") {
        f.minSelections = [String(q.minSelections ?? "")];
        f.maxSelections = [String(q.maxSelections ?? "")];
      }
      break;
    case "precept":
      f.year = [q.year];
      f.currentBandD = [String(q.currentBandD)];
      f.referendumLimit = [String(q.referendumLimit)];
      f.answer = [q.answer];
      list("proposals", q.proposals.map((p) => ({ ...p })));
      break;
    case "matrix":
      f.scale = [q.scale];
      if (q.dontKnow) f.dontKnow = ["true"];
      list("items", q.items);
      break;
    default:
      break;
  }
  return f;
}

describe("builder operations", () => {
  it("every question type's starting settings are a valid question", () => {
    let def = precept;
    for (const type of QUESTION_TYPES) def = ok(addQuestion(def, def.pages[0].id, { type, title: `A ${type} question` }));
    expect(def.pages[0].questions.map((q) => q.type).slice(-QUESTION_TYPES.length)).toEqual(QUESTION_TYPES);
    expect(newQuestion("about_you", "x", "About you").required).toBe(false);
  });

  it("adds a page with its first question, making ids from titles", () => {
    const def = ok(addPage(precept, { title: "Your area", question: { type: "single_choice", title: "Do you feel safe?" } }));
    const page = def.pages.at(-1)!;
    expect(page).toMatchObject({ id: "your_area", title: "Your area", questions: [{ id: "do_you_feel_safe", type: "single_choice" }] });
    expect(idFrom("Do you feel safe?", ["do_you_feel_safe"])).toBe("do_you_feel_safe_2");
  });

  it("refuses an id already used, naming it", () => {
    const e = errors(addQuestion(precept, "priorities", { type: "free_text", title: "Again", id: "investment" }));
    expect(e[0].message).toContain('"investment" is already used by another question');
    expect(e[0].field).toBe("new-question-priorities");
    expect(errors(addQuestion(precept, "priorities", { type: "free_text", title: "" }))[0].message).toMatch(/Enter the new question/);
    expect(errors(addPage(precept, { title: "", question: { type: "postcode", title: "" } })).map((x) => x.field)).toEqual(["page-title", "question-title"]);
  });

  it("moves questions within a page and across page boundaries, and pages up and down", () => {
    const first = precept.pages[0];
    const moved = ok(moveQuestion(precept, first.questions[1].id, -1));
    expect(moved.pages[0].questions.map((q) => q.id)).toEqual([first.questions[1].id, first.questions[0].id]);
    const down = ok(moveQuestion(precept, first.questions[1].id, 1));
    expect(down.pages[0].questions).toHaveLength(first.questions.length - 1);
    expect(down.pages[1].questions[0].id).toBe(first.questions[1].id);
    // Moving past the end is a no-op, not an error.
    expect(ok(movePage(precept, precept.pages[0].id, -1))).toEqual(precept);
    const swapped = ok(movePage(survey, survey.pages[0].id, 1));
    expect(swapped.pages.slice(0, 2).map((p) => p.id)).toEqual([survey.pages[1].id, survey.pages[0].id]);
  });

  it("refuses a move that breaks routing, naming the question with the condition", () => {
    // The survey's victim branch refers back to an earlier answer; moving its page first breaks it.
    const dependent = survey.pages.findIndex((p) => p.showIf || p.questions.some((q) => q.showIf));
    expect(dependent).toBeGreaterThan(0);
    let def = survey;
    let result = movePage(def, def.pages[dependent].id, -1);
    for (let i = dependent - 1; i > 0 && result.ok; i--) {
      def = result.definition;
      result = movePage(def, def.pages[i].id, -1);
    }
    const e = errors(result);
    expect(e[0].message).toMatch(/^(Page|Question) "/);
    expect(e[0].message).toMatch(/earlier page|comes later/);
  });

  it("deletes questions and pages, but never the last one", () => {
    const def = ok(deleteQuestion(precept, precept.pages[0].questions[0].id));
    expect(findQuestion(def, precept.pages[0].questions[0].id)).toBeUndefined();
    const single = ok(addPage(precept, { title: "Solo", question: { type: "postcode", title: "Your postcode", id: "pc2" } }));
    expect(errors(deleteQuestion(single, "pc2"))[0].message).toMatch(/only one on page "Solo"; delete the page instead/);
    expect(ok(deletePage(single, "solo")).pages).toHaveLength(precept.pages.length);
    const onePage = { ...precept, pages: [precept.pages[0]] };
    expect(errors(deletePage(onePage, precept.pages[0].id))[0].message).toMatch(/at least one page/);
  });

  it("edits a question through its form: labels, option rows, limits", () => {
    const q = findQuestion(precept, "investment")!;
    const f = formFor(q);
    f.title = ["Where should we invest?"];
    f["options-1-label"] = ["Faster response"];
    f.maxSelections = ["3"];
    const { question, errors: formErrors } = questionFromForm(q, f, { kind: "save" });
    expect(formErrors).toEqual([]);
    const def = ok(replaceQuestion(precept, "investment", question));
    const edited = findQuestion(def, "investment")!;
    expect(edited).toMatchObject({ title: "Where should we invest?", maxSelections: 3 });
    if (edited.type !== "multiple_choice") throw new Error("type");
    expect(edited.options[1].label).toBe("Faster response");
    expect(edited.options.at(-1)!.exclusive).toBe(true);
  });

  it("adds, moves and deletes option rows without losing what else was typed", () => {
    const q = findQuestion(precept, "investment")!;
    if (q.type !== "multiple_choice") throw new Error("type");
    const f = formFor(q);
    f.title = ["Typed but not saved"];
    const added = questionFromForm(q, f, parseIntent("add:options")).question as { title: string; options: { id: string; label: string }[] };
    expect(added.title).toBe("Typed but not saved");
    expect(added.options.at(-1)).toEqual({ id: `option_${q.options.length + 1}`, label: `Option ${q.options.length + 1}` });
    const up = questionFromForm(q, f, parseIntent("up:options:1")).question as { options: { id: string }[] };
    expect(up.options.slice(0, 2).map((o) => o.id)).toEqual([q.options[1].id, q.options[0].id]);
    const gone = questionFromForm(q, f, parseIntent("delete:options:0")).question as { options: { id: string }[] };
    expect(gone.options.map((o) => o.id)).toEqual(q.options.slice(1).map((o) => o.id));
    expect(parseIntent("drop table")).toEqual({ kind: "save" });
  });

  it("names the question and the option in errors, and points at the field", () => {
    const q = findQuestion(precept, "investment")!;
    const f = formFor(q);
    f["options-2-label"] = [""];
    f["options-3-id"] = [f["options-0-id"][0]];
    f.maxSelections = ["99"];
    const { question } = questionFromForm(q, f, { kind: "save" });
    const e = errors(replaceQuestion(precept, "investment", question));
    const byField = Object.fromEntries(e.map((x) => [x.field, x.message]));
    expect(byField["options-2-label"]).toMatch(/^Question "Which of these would you like to see investment in\?" \(investment\), option 3 \(label\): /);
    expect(byField["options-3-id"]).toMatch(/option 4 \(ID\): ".*" is used twice/);
    expect(byField.maxSelections).toMatch(/Cannot be more than the 6 options/);
    expect(e.every((x) => x.questionId === "investment")).toBe(true);
  });

  it("reports a number that is not a number, before validating", () => {
    const q = precept.pages.flatMap((p) => p.questions).find((x) => x.type === "precept")!;
    const f = formFor(q);
    f.currentBandD = ["lots"];
    const { errors: e } = questionFromForm(q, f, { kind: "save" });
    expect(e).toEqual([{ field: "currentBandD", message: expect.stringMatching(/^Question ".*" \(.*\), current Band D: enter a number/) }]);
  });

  it("checks a precept proposal over the referendum limit and points at its increase", () => {
    const q = precept.pages.flatMap((p) => p.questions).find((x) => x.type === "precept")!;
    const f = formFor(q);
    f.referendumLimit = ["1"];
    f["proposals-0-requiresReferendum"] = [];
    const e = errors(replaceQuestion(precept, q.id, questionFromForm(q, f, { kind: "save" }).question));
    expect(e[0].field).toBe("proposals-0-increase");
    expect(e[0].message).toMatch(/proposal 1 \(increase\): .* over the referendum limit/);
  });

  it("sets routing conditions on pages, validated against earlier answers", () => {
    const target = precept.pages[0].questions.find((q) => q.type === "scale")!;
    const form: FormInput = {
      title: [precept.pages[1].title],
      "showIf-match": ["all"],
      "conditions-0-question": [target.id],
      "conditions-0-operator": ["any_of"],
      "conditions-0-values": ["high, medium"],
    };
    const def = ok(updatePage(precept, precept.pages[1].id, pageFromForm(form, { kind: "save" })));
    expect(def.pages[1].showIf).toEqual({ match: "all", conditions: [{ question: target.id, operator: "any_of", values: ["high", "medium"] }] });
    form["conditions-0-values"] = ["nonsense"];
    const e = errors(updatePage(precept, precept.pages[1].id, pageFromForm(form, { kind: "save" })));
    expect(e[0]).toMatchObject({ field: "conditions-0-values", pageId: precept.pages[1].id });
    expect(e[0].message).toMatch(/^Page ".*", condition 1 \(condition's values\): "nonsense" is not an option/);
    // A blank condition row added with "Add a condition" is ignored when saved.
    const blank = pageFromForm({ title: ["T"] }, parseIntent("add:conditions"));
    expect(blank.showIf?.conditions).toHaveLength(1);
    expect(pageFromForm({ title: ["T"], "conditions-0-question": [""], "conditions-0-values": [""] }, { kind: "save" }).showIf).toBeUndefined();
  });

  it("imports JSON, with errors for bad JSON and bad definitions", () => {
    expect(ok(importDefinition(JSON.stringify(survey)))).toEqual(survey);
    expect(errors(importDefinition("{ not json"))[0].message).toMatch(/not valid JSON/);
    const broken = structuredClone(preceptJson) as { pages: { questions: { title: string }[] }[] };
    broken.pages[0].questions[0].title = "";
    const e = errors(importDefinition(JSON.stringify(broken)));
    expect(e[0]).toMatchObject({ field: "json", questionId: "investment" });
    expect(e[0].message).toMatch(/^Question 1 on page 1|^Question "" /);
  });

  it("maps schema paths to form fields", () => {
    expect(fieldForPath(".options[3].label")).toBe("options-3-label");
    expect(fieldForPath(".showIf.conditions[0].values[1]")).toBe("conditions-0-values");
    expect(fieldForPath(".fields[2]")).toBe("fields");
    expect(fieldForPath(".options")).toBe("options-0-label");
    expect(fieldForPath("")).toBe("title");
  });
});
