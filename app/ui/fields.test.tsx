import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CharacterCount, Checkbox, Checkboxes, FileUpload, Radios, Select, Textarea, TextInput } from "./fields";

/**
 * The accessible wiring the error summary, axe and screen readers depend on (govuk-frontend's
 * input, textarea, select, checkboxes and file-upload macros): ids default to the name; the hint
 * is <id>-hint and the error <id>-error, both in the control's aria-describedby; the error
 * message starts with a visually hidden "Error:"; the form group and the control get their
 * --error classes.
 */

const html = (el: JSX.Element) => renderToStaticMarkup(el);
const tag = (markup: string, name: string) => markup.match(new RegExp(`<${name}\\b[^>]*>`))![0];
const errorMessage = (id: string, message: string) => `<p id="${id}" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${message}</p>`;

/** Every aria-describedby id exists, every control is labelled, no id is used twice. */
function expectWired(markup: string) {
  const ids = [...markup.matchAll(/ id="([^"]*)"/g)].map((m) => m[1]);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i), "duplicate ids").toEqual([]);
  for (const [, list] of markup.matchAll(/aria-describedby="([^"]*)"/g)) for (const id of list.split(" ")) expect(ids).toContain(id);
  const labelled = new Set([...markup.matchAll(/ for="([^"]*)"/g)].map((m) => m[1]));
  for (const [control] of markup.matchAll(/<(input|select|textarea)\b[^>]*>/g)) expect(labelled.has(control.match(/ id="([^"]*)"/)![1]), control).toBe(true);
}

describe("TextInput", () => {
  it("takes its id from its name, with a plain label and autocomplete off", () => {
    expect(html(<TextInput name="staff" label="Staff email address" />)).toBe(
      '<div class="govuk-form-group"><label class="govuk-label" for="staff">Staff email address</label><input class="govuk-input" id="staff" name="staff" type="text" autoComplete="off"/></div>',
    );
  });

  it("describes the input by its hint and error, in that order, and marks the group and input", () => {
    const markup = html(<TextInput id="new-q" name="question" label="Question" labelSize="s" hint="In plain English." error="Enter the question" value="Why" />);
    expect(markup).toContain('<div class="govuk-form-group govuk-form-group--error"><label class="govuk-label govuk-label--s" for="new-q">Question</label>');
    expect(markup).toContain('<div id="new-q-hint" class="govuk-hint">In plain English.</div>');
    expect(markup).toContain(errorMessage("new-q-error", "Enter the question"));
    expect(tag(markup, "input")).toContain('class="govuk-input govuk-input--error"');
    expect(tag(markup, "input")).toContain('aria-describedby="new-q-hint new-q-error"');
    expect(tag(markup, "input")).toContain('value="Why"');
    expectWired(markup);
  });

  it("sizes by fixed and fluid widths", () => {
    expect(tag(html(<TextInput name="n" label="N" width={4} />), "input")).toContain('class="govuk-input govuk-input--width-4"');
    expect(tag(html(<TextInput name="n" label="N" width="two-thirds" />), "input")).toContain('class="govuk-input govuk-!-width-two-thirds"');
  });

  it("puts a prefix and suffix in the input wrapper, hidden from screen readers", () => {
    const markup = html(<TextInput name="cost" label="Cost" prefix="£" suffix="a year" />);
    expect(markup).toMatch(/<div class="govuk-input__wrapper"><div class="govuk-input__prefix" aria-hidden="true">£<\/div><input [^>]*\/><div class="govuk-input__suffix" aria-hidden="true">a year<\/div><\/div>/);
  });

  it("shows a read-only value, and never fills a password back in", () => {
    expect(tag(html(<TextInput name="id" label="ID" value="q1" readOnly />), "input")).toMatch(/readOnly=""/i);
    const password = tag(html(<TextInput name="password" type="password" label="Password" value="secret" autoComplete="current-password" />), "input");
    expect(password).not.toContain("secret");
    expect(password).toContain('autoComplete="current-password"');
  });

  it("as the page heading, wraps a large label in the h1", () => {
    expect(html(<TextInput name="q" label="Your postcode" isPageHeading />)).toContain('<h1 class="govuk-label-wrapper"><label class="govuk-label govuk-label--l" for="q">Your postcode</label></h1>');
  });

  it("keeps what comes after the input in its form group", () => {
    expect(html(<TextInput name="n" label="N" formGroupClassName="govuk-!-margin-bottom-2" afterInput={<button type="submit">Rename</button>} />)).toMatch(
      /^<div class="govuk-form-group govuk-!-margin-bottom-2">.*<input [^>]*\/><button type="submit">Rename<\/button><\/div>$/,
    );
  });
});

describe("Textarea", () => {
  it("has five rows unless told, and the hint and error wiring", () => {
    const markup = html(<Textarea name="whatWeDid" label="What we did" hint="Published with the results." error="Enter what we did" />);
    expect(tag(markup, "textarea")).toBe('<textarea class="govuk-textarea govuk-textarea--error" id="whatWeDid" name="whatWeDid" rows="5" aria-describedby="whatWeDid-hint whatWeDid-error">');
    expect(markup).toContain(errorMessage("whatWeDid-error", "Enter what we did"));
    expectWired(markup);
  });

  it("shows several errors under one id the textarea is described by", () => {
    const markup = html(<Textarea name="csv" label="Or paste the CSV" error={["Line 2: no authority", "Line 3: no area"]} rows={8} />);
    expect(markup).toContain(`<div id="csv-error">${errorMessage("csv-error-0", "Line 2: no authority")}${errorMessage("csv-error-1", "Line 3: no area")}</div>`);
    expect(tag(markup, "textarea")).toContain('aria-describedby="csv-error"');
    expect(html(<Textarea name="csv" label="CSV" error={[]} />)).not.toContain("error");
  });
});

describe("CharacterCount", () => {
  it("describes the textarea by the count message as well as its hint and error", () => {
    const markup = html(<CharacterCount name="comments" label="Comments" hint="Optional." error="Too long" maxLength={200} />);
    expect(tag(markup, "textarea")).toContain('aria-describedby="comments-info comments-hint comments-error"');
    expect(markup).toContain('<div id="comments-info" class="govuk-hint govuk-character-count__message" aria-live="polite">You can enter up to 200 characters</div>');
    expect(markup).not.toMatch(/maxlength/i);
    expectWired(markup);
  });
});

describe("Select", () => {
  const options = [
    { value: "", label: "All actions" },
    { value: "staff.added", label: "staff.added" },
  ];

  it("selects the value and marks an error", () => {
    const markup = html(<Select name="action" label="Action" labelSize="s" hint="Filter by one." error="Choose an action" value="staff.added" options={options} />);
    expect(tag(markup, "select")).toBe('<select class="govuk-select govuk-select--error" id="action" name="action" aria-describedby="action-hint action-error">');
    expect(markup).toContain('<option value="staff.added" selected="">staff.added</option>');
    expectWired(markup);
  });

  it("marks the select an error elsewhere is about, describing it by that error", () => {
    const markup = html(<Select name="rank" label="Safer Roads" options={options} describedBy="plan-error" invalid />);
    expect(tag(markup, "select")).toBe('<select class="govuk-select govuk-select--error" id="rank" name="rank" aria-describedby="plan-error" aria-invalid="true">');
  });

  it("can hide its label visually, keeping it for screen readers", () => {
    expect(html(<Select id="role-1" name="role" label="Role of a@b.c" labelVisuallyHidden options={options} />)).toContain('<label class="govuk-label govuk-visually-hidden" for="role-1">Role of a@b.c</label>');
  });
});

describe("Checkbox", () => {
  it("is one small checkbox with no fieldset, described by its own hint and error", () => {
    const markup = html(<Checkbox name="confirm" label="I have read what these changes do" value="yes" hint="Required to publish." error="Confirm that you have read it" small />);
    expect(markup).not.toContain("fieldset");
    expect(markup).toContain('<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes"><div class="govuk-checkboxes__item">');
    expect(tag(markup, "input")).toBe('<input class="govuk-checkboxes__input" id="confirm" name="confirm" type="checkbox" aria-describedby="confirm-hint confirm-error" value="yes"/>');
    expect(markup).toContain(errorMessage("confirm-error", "Confirm that you have read it"));
    expectWired(markup);
  });

  it("is ticked when checked", () => {
    expect(tag(html(<Checkbox name="required" label="An answer is required" value="true" checked />), "input")).toMatch(/checked=""/);
  });
});

describe("Checkboxes and Radios", () => {
  it("give the first input the bare id and the rest -2, -3; the fieldset is described by hint and error", () => {
    const markup = html(<Radios id="role" name="role" legend="Role" hint="Pick one." error="Choose a role" choices={[{ id: "admin", label: "Administrator" }, { id: "editor", label: "Editor" }]} values={["editor"]} />);
    expect(markup).toContain('<fieldset class="govuk-fieldset" aria-describedby="role-hint role-error"><legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Role</legend>');
    expect(markup).toMatch(/<input class="govuk-radios__input" id="role" name="role" type="radio" value="admin"\/>/);
    expect(markup).toMatch(/<input class="govuk-radios__input" id="role-2" name="role" type="radio" checked="" value="editor"\/>/);
    expectWired(markup);
  });

  it("can hold independent boxes, each with its own name, id and state", () => {
    const markup = html(
      <Checkboxes
        id="show"
        name="show"
        legend="Show"
        legendSize="s"
        small
        choices={[
          { id: "1", name: "intervals", inputId: "intervals", checked: true, label: "95% intervals" },
          { id: "1", name: "published", inputId: "published", checked: false, label: "As published" },
        ]}
      />,
    );
    expect(markup).toContain('<input class="govuk-checkboxes__input" id="intervals" name="intervals" type="checkbox" checked="" value="1"/>');
    expect(markup).toContain('<input class="govuk-checkboxes__input" id="published" name="published" type="checkbox" value="1"/>');
    expect(markup).toContain('<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Show</legend>');
    expectWired(markup);
  });
});

describe("FileUpload", () => {
  it("marks an error on the group and the input", () => {
    const markup = html(<FileUpload name="file" label="Upload a CSV file" labelSize="s" error="Choose a CSV file" accept=".csv,text/csv" />);
    expect(tag(markup, "input")).toBe('<input class="govuk-file-upload govuk-file-upload--error" id="file" name="file" type="file" accept=".csv,text/csv" aria-describedby="file-error"/>');
    expect(markup).toContain('class="govuk-form-group govuk-form-group--error"');
    expectWired(markup);
  });
});
