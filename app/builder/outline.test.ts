import { describe, expect, it } from "vitest";
import preceptJson from "../../db/templates/precept.json";
import { ConsultationDefinitionSchema } from "../definition/definition";
import type { DefinitionChange } from "../definition/definition-diff";
import { applyOutlineEdit, parseOutlineIntent, publishedDetail, publishRefusal, type OutlineEdit } from "./outline";

const precept = ConsultationDefinitionSchema.parse(preceptJson);
const outline = (def: typeof precept) => def.pages.map((p) => `${p.id}: ${p.questions.map((q) => q.id).join(" ")}`);
const edit = (intent: string, form: Record<string, string> = {}) =>
  applyOutlineEdit(precept, parseOutlineIntent(intent) as OutlineEdit, Object.fromEntries(Object.entries(form).map(([k, v]) => [k, [v]])));

describe("the outline's buttons", () => {
  it("reads each button's value", () => {
    expect(parseOutlineIntent("publish")).toEqual({ kind: "publish" });
    expect(parseOutlineIntent("add-page")).toEqual({ kind: "add-page" });
    expect(parseOutlineIntent("add-question:about-you")).toEqual({ kind: "add-question", pageId: "about-you" });
    expect(parseOutlineIntent("page:down:about-you")).toEqual({ kind: "page", verb: "down", id: "about-you" });
    expect(parseOutlineIntent("question:delete:asb_priority")).toEqual({ kind: "question", verb: "delete", id: "asb_priority" });
  });

  it("reads anything else as no button", () => {
    for (const raw of [null, undefined, "", "page:sideways:x", "page:up:", "page:up:Has Spaces", "question:delete:x:y", "add-question:", "publish ", "PUBLISH", `page:up:${"x".repeat(64)}`]) {
      expect(parseOutlineIntent(raw), String(raw)).toBeNull();
    }
    expect(parseOutlineIntent(`page:up:${"x".repeat(63)}`)).not.toBeNull();
  });
});

describe("editing the outline", () => {
  it("moves and deletes pages and questions, saying what it did for the audit trail", () => {
    const down = edit("page:down:priorities");
    if (!down.ok) throw new Error("refused");
    expect(outline(down.definition)[0]).toBe("precept: precept_support");
    expect(down.what).toBe('page "priorities" moved down');
    const deleted = edit("question:delete:asb_priority");
    if (!deleted.ok) throw new Error("refused");
    expect(outline(deleted.definition)[0]).toBe("priorities: investment");
    expect(deleted.what).toBe('question "asb_priority" deleted');
  });

  it("adds a page with its first question, and a question to a page, from the form", () => {
    const page = edit("add-page", { "page-title": "Your area", "question-type": "postcode", "question-title": "Your postcode", "question-id": "area_postcode" });
    if (!page.ok) throw new Error("refused");
    expect(outline(page.definition).at(-1)).toBe("your_area: area_postcode");
    expect(page.what).toBe('page "Your area" added');
    const question = edit("add-question:precept", { "new-question-precept-type": "free_text", "new-question-precept": "Why?" });
    if (!question.ok) throw new Error("refused");
    expect(outline(question.definition)[1]).toBe("precept: precept_support why");
    expect(question.what).toBe('question added to page "precept"');
  });

  it("refuses a question type that is no type, without showing the form again", () => {
    expect(edit("add-page", { "page-title": "P", "question-type": "essay", "question-title": "Q" })).toEqual({
      ok: false,
      errors: [{ field: "question-type", message: "Choose the type of the new page's first question" }],
      echo: false,
    });
    expect(edit("add-question:precept", { "new-question-precept": "Q" })).toEqual({
      ok: false,
      errors: [{ field: "new-question-precept-type", message: "Choose the type of the new question" }],
      echo: false,
    });
  });

  it("links a refused edit to the question or page concerned, showing the form again", () => {
    expect(edit("question:delete:precept_support")).toMatchObject({ ok: false, echo: true, errors: [{ field: "question-precept_support" }] });
    expect(edit("page:up:nowhere")).toMatchObject({ ok: false, echo: true, errors: [{ field: "page-nowhere", message: 'There is no page "nowhere"; reload the builder and try again' }] });
    expect(edit("add-page", { "question-type": "postcode" })).toMatchObject({ ok: false, echo: true, errors: [{ field: "page-title" }, { field: "question-title" }] });
  });
});

describe("publishing the working copy", () => {
  it("needs a version already, a change, and confirmation once anyone has responded", () => {
    expect(publishRefusal({ version: null, hasUnpublishedChanges: true }, 0, false)).toEqual({ field: "publish", message: "Open or schedule the consultation first: that publishes version 1" });
    expect(publishRefusal({ version: 1, hasUnpublishedChanges: false }, 0, true)).toEqual({ field: "publish", message: "There are no changes to publish" });
    expect(publishRefusal({ version: 1, hasUnpublishedChanges: true }, 3, false)).toEqual({
      field: "confirm",
      message: "Confirm that you have read what the changes do to the responses already given",
    });
    expect(publishRefusal({ version: 1, hasUnpublishedChanges: true }, 3, true)).toBeNull();
    expect(publishRefusal({ version: 1, hasUnpublishedChanges: true }, 0, false)).toBeNull();
  });

  it("notes the version, its changes and the responses before it", () => {
    const change = (breaksComparability: boolean) => ({ breaksComparability }) as DefinitionChange;
    expect(publishedDetail(2, [change(true), change(false)], 40)).toBe("version 2 published with 2 changes (1 affecting comparability); 40 responses before it");
    expect(publishedDetail(3, [change(false)], 0)).toBe("version 3 published with 1 change (0 affecting comparability); 0 responses before it");
  });
});
