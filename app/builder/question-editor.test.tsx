import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { allQuestionTypes } from "../../tests/fixtures";
import { parseIntent, questionFromForm, replaceQuestion } from "~/builder/builder";
import type { FormValues as FormInput } from "~/responding/form-values";
import { allQuestions, type Question } from "~/definition/definition";
import { QuestionEditor, type QuestionDraft } from "./question-editor";

/**
 * The question editor's HTML, submitted unchanged, must give back exactly the question it showed:
 * otherwise saving a question without touching it would change it. The form values are read
 * from the real rendered markup, as a browser would submit them.
 */

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const attr = (tag: string, name: string) => {
  const m = tag.match(new RegExp(`\\s${name}="([^"]*)"`));
  return m ? unescape(m[1]) : undefined;
};

/** What a browser would send for this markup with no button pressed (successful controls only). */
export function formFromMarkup(html: string): FormInput {
  const form: FormInput = {};
  const add = (name: string | undefined, value: string) => {
    if (name) (form[name] ??= []).push(value);
  };
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    const type = attr(tag, "type") ?? "text";
    if (type === "checkbox" || type === "radio") {
      if (/\schecked=""/.test(tag)) add(attr(tag, "name"), attr(tag, "value") ?? "on");
    } else if (type !== "submit" && type !== "file") add(attr(tag, "name"), attr(tag, "value") ?? "");
  }
  for (const [, open, body] of html.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) add(attr(open, "name"), unescape(body));
  for (const [, open, body] of html.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const options = [...body.matchAll(/<option\b([^>]*)>/g)].map((m) => m[1]);
    const chosen = options.find((o) => /\sselected=""/.test(o)) ?? options[0];
    add(attr(open, "name"), attr(chosen, "value") ?? "");
  }
  return form;
}

const render = (q: Question, lockedIds: string[] = []) =>
  renderToStaticMarkup(<QuestionEditor question={q as QuestionDraft} errors={{}} targets={[]} lockedIds={lockedIds} />);

describe("question editor form", () => {
  const def = allQuestionTypes();

  it.each(allQuestions(def).map((q) => [q.type, q.id, q] as const))("%s question %s survives an unchanged save", (_type, id, question) => {
    const form = formFromMarkup(render(question));
    const { question: candidate, errors } = questionFromForm(question, form, { kind: "save" });
    expect(errors).toEqual([]);
    const result = replaceQuestion(def, id, candidate);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.definition).toEqual(def);
  });

  it("adding an option from the rendered form keeps the rest and appends a new row", () => {
    const q = allQuestions(def).find((x) => x.type === "multiple_choice")!;
    if (q.type !== "multiple_choice") throw new Error("type");
    const { question } = questionFromForm(q, formFromMarkup(render(q)), parseIntent("add:options"));
    const next = question as { options: { id: string }[]; minSelections: number };
    expect(next.options.map((o) => o.id)).toEqual([...q.options.map((o) => o.id), `option_${q.options.length + 1}`]);
    expect(next.minSelections).toBe(q.minSelections);
    // The new row renders, so the editor can fill it in.
    expect(render(next as unknown as Question)).toContain(`name="options-${q.options.length}-label"`);
  });

  it("shows the error message residents see, and keeps an editor's own", () => {
    const derived = allQuestions(def).find((x) => x.id === "find_out")!;
    expect(render(derived)).toContain("Leave blank to use the message worded from the question: &quot;Select how you usually find out about policing in your area&quot;");
    const own = allQuestions(def).find((x) => x.id === "reported")!;
    expect(own.errorMessage).toBe("Select yes if you reported it to the police, or no if you did not");
    const { question } = questionFromForm(own, formFromMarkup(render(own)), { kind: "save" });
    expect(question).toMatchObject({ errorMessage: own.errorMessage });
  });

  it("shows published ids as read-only", () => {
    const q = allQuestions(def).find((x) => x.type === "single_choice")!;
    if (q.type !== "single_choice") throw new Error("type");
    const html = render(q, [`q:${q.id}`, `options:${q.options[0].id}`]);
    const input = (id: string) => html.match(new RegExp(`<input[^>]*id="${id}"[^>]*>`))![0];
    expect(input("id")).toMatch(/readonly=""/i);
    expect(input("options-0-id")).toMatch(/readonly=""/i);
    expect(input("options-1-id")).not.toMatch(/readonly/i);
  });
});
