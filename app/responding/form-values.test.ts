import { describe, expect, it } from "vitest";
import { pageFromForm, questionFromForm } from "../builder/builder";
import type { Question } from "../definition/definition";
import { formValuesFrom, oneValue } from "./form-values";

describe("reading a submitted form", () => {
  it("keeps every value of every name, and nothing on the prototype", () => {
    const form = new FormData();
    form.append("__proto__", "x");
    form.append("title", " Safer roads ");
    form.append("title", "Safer streets");
    const values = formValuesFrom(form);
    expect(values.title).toEqual([" Safer roads ", "Safer streets"]);
    expect(Object.getPrototypeOf(values)).toBeNull();
  });

  it("reads a single-valued field trimmed, the last value when a name comes twice, undefined when blank", () => {
    expect(oneValue({ a: ["  yes  "] }, "a")).toBe("yes");
    expect(oneValue({ a: ["first", "second"] }, "a")).toBe("second");
    expect(oneValue({ a: ["   "] }, "a")).toBeUndefined();
    expect(oneValue({ a: [] }, "a")).toBeUndefined();
    expect(oneValue({}, "a")).toBeUndefined();
  });

  it("the builder's editors read fields as residents' pages do", () => {
    const question: Question = { id: "q", type: "postcode", title: "Your postcode", required: true };
    const sentTwice = { id: ["q"], title: ["Your postcode", "Your home postcode"], required: ["true"] };
    expect(questionFromForm(question, sentTwice, { kind: "save" }).question).toMatchObject({ title: "Your home postcode" });
    expect(pageFromForm({ title: ["Old", " New "], intro: ["  "] }, { kind: "save" })).toEqual({ title: "New", intro: undefined, showIf: undefined });
  });
});
