import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { allQuestionTypes, testDistricts } from "../../tests/fixtures";
import { fieldNames, parseQuestion } from "~/responding/validation";
import { type FormValues } from "~/responding/form-values";
import { allQuestions, type Question } from "~/definition/definition";
import { QuestionField } from "./question-field";

/**
 * The server-rendered markup contract (govuk-frontend): groups are fieldsets that start with a
 * legend; every control has a label; hint and error ids are in aria-describedby and exist; ids
 * are unique; each error is shown where the error summary's link lands. This is the HTML a
 * resident without JavaScript gets.
 */

const def = allQuestionTypes();
const precept = allQuestions(def).find((q) => q.type === "precept")!;
const questions: Question[] = [
  ...allQuestions(def),
  { ...precept, id: "precept_choice", answer: "choose_one" } as Question,
  { ...precept, id: "precept_single", proposals: precept.type === "precept" ? precept.proposals.slice(0, 1) : [] } as Question,
];

/** Values no form sends, so that every question type produces its errors. */
function invalidValues(q: Question): FormValues {
  if (q.type === "free_text") return { [q.id]: ["x".repeat(q.maxLength + 1)] };
  return Object.fromEntries(fieldNames(q).map((name) => [name, ["not-valid"]]));
}

function render(q: Question, withErrors: boolean) {
  const values = withErrors ? invalidValues(q) : {};
  const errors = withErrors ? parseQuestion(q, values, testDistricts).errors : [];
  const html = renderToStaticMarkup(<QuestionField question={q} values={values} errors={Object.fromEntries(errors.map((e) => [e.field, e.message]))} />);
  return { html, errors };
}

const attr = (html: string, name: string) => [...html.matchAll(new RegExp(`${name}="([^"]*)"`, "g"))].map((m) => m[1]);
const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

describe.each(questions.map((q) => [`${q.type} ${q.id}`, q] as const))("%s", (_, q) => {
  it.each([false, true])("keeps the markup contract (errors shown: %s)", (withErrors) => {
    const { html, errors } = render(q, withErrors);
    const ids = attr(html, "id");
    expect(ids.filter((id, i) => ids.indexOf(id) !== i), "duplicate ids").toEqual([]);

    for (const fieldset of html.match(/<fieldset[^>]*>\s*<[a-z]+/g) ?? []) expect(fieldset, "a fieldset starts with its legend").toMatch(/<legend$/);
    for (const described of attr(html, "aria-describedby")) for (const id of described.split(" ")) expect(ids, `aria-describedby "${id}"`).toContain(id);
    const labelled = new Set(attr(html, "for"));
    for (const control of html.match(/<(input|select|textarea)[^>]*>/g) ?? []) {
      const id = control.match(/ id="([^"]*)"/)?.[1];
      expect(id && labelled.has(id), `${control} has a label`).toBe(true);
      expect(control, "no maxlength: the server enforces limits").not.toMatch(/maxlength/i);
      expect(control, "no HTML5 required: the server validates").not.toMatch(/ required/);
    }

    if (!withErrors) {
      expect(html).not.toContain("govuk-error-message");
      return;
    }
    expect(errors.length, "the invalid values produce errors").toBeGreaterThan(0);
    const describedBy = attr(html, "aria-describedby").flatMap((d) => d.split(" "));
    for (const e of errors) {
      // The error summary links to #field: that element exists...
      expect(ids, `summary link target #${e.field}`).toContain(e.field);
      // ...and the message is on the page, in an error message that a control or group is described by.
      const messages = [...html.matchAll(/<p id="([^"]*)" class="govuk-error-message"><span class="govuk-visually-hidden">Error:<\/span> ([^<]*)<\/p>/g)];
      const shown = messages.find((m) => decode(m[2]) === e.message);
      expect(shown, `"${e.message}" is shown`).toBeDefined();
      expect(describedBy, `"${e.message}" is in an aria-describedby`).toContain(shown![1]);
    }
  });
});

describe("what each type renders", () => {
  const html = (id: string) => render(questions.find((q) => q.id === id)!, false).html;

  it("a matrix: the question as the outer legend, one fieldset per row", () => {
    const m = html("issue_priorities");
    expect(m.match(/<fieldset/g)).toHaveLength(6);
    expect(m).toMatch(/<legend class="govuk-fieldset__legend govuk-fieldset__legend--m">How much of a priority should each of these be\?<\/legend>/);
    expect(m).toMatch(/<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Fly-tipping<\/legend>/);
  });

  it("a ranking: a select per item, with Not ranked and ranks 1 to N", () => {
    const r = html("plan_sections");
    expect(r.match(/<select/g)).toHaveLength(6);
    expect(r).toContain('<option value="" selected="">Not ranked</option><option value="1">1</option><option value="2">2</option><option value="3">3</option></select>');
  });

  it("free text: the limit in words, no maxlength", () => {
    expect(html("feel_safer")).toContain("You can enter up to 200 characters");
  });

  it("a precept: a table per proposal, and support per proposal or one choice", () => {
    expect(html("precept_support").match(/<table/g)).toHaveLength(2);
    expect(html("precept_support").match(/value="support"/g)).toHaveLength(2);
    const choice = html("precept_choice");
    expect(choice.match(/type="radio"/g)).toHaveLength(3);
    expect(choice).toContain('value="increase_14"');
    expect(choice).toContain('value="dont_know"');
    expect(html("precept_single")).toContain("<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\">Would you support this increase?</legend>");
  });

  it("a precept: the resident's own band, chosen in a form of its own, with its figures and its row marked", () => {
    const single = questions.find((x) => x.id === "precept_single")!;
    const withBand = (chosen: "B" | null) =>
      renderToStaticMarkup(<QuestionField question={single} values={{}} errors={{}} band={{ chosen, choose: () => undefined, form: "band-form" }} />);
    const none = withBand(null);
    // Band A to H, and the button, belong to the band's own form, not to the answers.
    expect(none.match(/name="band"/g)).toHaveLength(8);
    expect(none.match(/form="band-form"/g)).toHaveLength(9);
    expect(none).toContain('href="https://www.gov.uk/council-tax-bands"');
    expect(none).toContain("Homes would pay from 13p a week more (Band A, £6.67 a year) to 38p a week more (Band H, £20.00 a year).");
    expect(none).not.toContain("(your band)");
    const b = withBand("B");
    expect(b).toMatch(/<input[^>]*id="precept_single-your-band-2"[^>]*checked=""[^>]*value="B"/);
    expect(b).toContain("Your Band B home would pay £7.78 more a year, 15p a week</strong>: £186.85 a year for policing instead of £179.08.");
    expect(b).toContain('<tr class="govuk-table__row app-your-band"><th scope="row" class="govuk-table__header">B<span class="govuk-visually-hidden"> (your band)</span></th>');
    // Every band's row is still there.
    expect(b.match(/<th scope="row"/g)).toHaveLength(8);
    // Ids stay unique with the band's inputs on the page.
    const ids = attr(b, "id");
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("an exclusive option after an or divider; optional questions say so", () => {
    expect(html("concerns")).toMatch(/<div class="govuk-checkboxes__divider">or<\/div><div class="govuk-checkboxes__item"><input [^>]*data-behaviour="exclusive" value="none"\/>/);
    expect(html("comments")).toContain("Is there anything else you would like to tell the Commissioner? (optional)");
    expect(html("about_you")).toContain("What is your age? (optional)");
  });
});
