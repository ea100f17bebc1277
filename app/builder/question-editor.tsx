import type { ReactNode } from "react";
import { QUESTION_TYPE_LABELS } from "~/builder/builder";
import { assertNever, type Question, type QuestionType } from "~/definition/definition";
import { missingAnswerMessage } from "~/responding/error-wording";
import { ABOUT_YOU_FIELDS, ABOUT_YOU_ITEMS } from "~/definition/about-you";
import { SCALE_NAMES } from "~/definition/scales";
import { ConditionsEditor, RowButtons, type ConditionTarget } from "./conditions-editor";
import { Checkbox, Checkboxes, Fieldset, Select, Textarea, TextInput } from "../ui/fields";

/**
 * The question editor: every setting of one question in one form. It renders what the editor
 * last submitted even when that was not valid, so nothing they typed is lost; hence the loose
 * shape rather than the schema's Question type.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type QuestionDraft = Record<string, any> & { type: QuestionType; id: string };

export function QuestionEditor({
  question: q,
  errors,
  targets,
  lockedIds,
}: {
  question: QuestionDraft;
  errors: Record<string, string>;
  targets: ConditionTarget[];
  /** Ids already in the published version: changing them would break comparisons, so they are read-only. */
  lockedIds: string[];
}) {
  const locked = new Set(lockedIds);
  const text = textProps(errors);
  return (
    <>
      {/* First submit button in the form, so pressing Enter in a text box saves rather than deleting a row. */}
      <button type="submit" name="intent" value="save" className="govuk-visually-hidden" tabIndex={-1} aria-hidden="true">
        Save
      </button>
      <p className="govuk-body">
        Type: <strong>{QUESTION_TYPE_LABELS[q.type]}</strong>
      </p>
      <TextInput
        {...text("id")}
        label="Question ID"
        hint={locked.has(`q:${q.id}`) ? "Fixed: residents have answered this question under this ID." : "Lower-case letters, digits, - or _. Answers are stored under it, so it cannot change once published."}
        value={q.id}
        readOnly={locked.has(`q:${q.id}`)}
        width={20}
      />
      <Textarea name="title" label="Question" labelSize="s" value={q.title} error={errors.title} rows={2} />
      <Textarea name="hint" label="Hint (optional)" labelSize="s" value={q.hint} error={errors.hint} rows={2} />
      {q.type !== "about_you" ? (
        <TextInput
          name="errorMessage"
          label="Error message when not answered (optional)"
          labelSize="s"
          hint={derivedMessage(q) ? `Leave blank to use the message worded from the question: "${derivedMessage(q)}"` : "Leave blank to use a message worded from the question."}
          value={q.errorMessage}
          error={errors.errorMessage}
        />
      ) : null}
      <TypeSettings question={q} errors={errors} locked={locked} />
      <ConditionsEditor showIf={q.showIf} targets={targets} errors={errors} what="question" />
    </>
  );
}

/** The message residents see without an errorMessage; none while the draft is too incomplete to word one. */
function derivedMessage(q: QuestionDraft): string | null {
  if (typeof q.title !== "string" || !q.title.trim()) return null;
  try {
    return missingAnswerMessage({ ...q, errorMessage: undefined } as Question);
  } catch {
    return null;
  }
}

/** The props every text box in the editor shares: ids and answers, not prose, so no spellcheck. */
const textProps = (errors: Record<string, string>) => (name: string, numeric = false) => ({
  name,
  error: errors[name],
  labelSize: "s" as const,
  spellCheck: false,
  inputMode: numeric ? ("decimal" as const) : undefined,
});

const checkbox = (errors: Record<string, string>, name: string, label: string, checked: boolean) => (
  <Checkbox name={name} label={label} value="true" checked={checked} error={errors[name]} small />
);

/** The settings of one question type, after its title and hint. A new type fails the type check here until it has its own. */
function TypeSettings({ question: q, errors, locked }: { question: QuestionDraft; errors: Record<string, string>; locked: Set<string> }) {
  const text = textProps(errors);
  const required = checkbox(errors, "required", "An answer is required", q.required !== false);
  const list = (name: ListName, render: (row: Row, i: number) => ReactNode) => <ListEditor list={name} rows={q[name] ?? []} errors={errors} locked={locked} render={render} />;
  const options = (flag: (row: Row, i: number) => ReactNode) =>
    list("options", (row, i) => (
      <>
        <TextInput {...text(`options-${i}-label`)} label="Label" value={row.label} />
        <TextInput {...text(`options-${i}-hint`)} label="Hint (optional)" value={row.hint} />
        {flag(row, i)}
      </>
    ));
  const scale = (
    <>
      <Select name="scale" label="Scale" labelSize="s" error={errors.scale} value={q.scale} options={SCALE_NAMES.map((s) => ({ value: s, label: s }))} />
      {checkbox(errors, "dontKnow", 'Offer "Don\'t know"', q.dontKnow !== false)}
    </>
  );
  const items = list("items", (row, i) => <TextInput {...text(`items-${i}-label`)} label="Label" value={row.label} />);
  switch (q.type) {
    case "single_choice":
      return (
        <>
          {required}
          {options((row, i) => checkbox(errors, `options-${i}-other`, '"Other (please specify)": asks for a few words when chosen', !!row.other))}
        </>
      );
    case "multiple_choice":
      return (
        <>
          {required}
          {options((row, i) => checkbox(errors, `options-${i}-exclusive`, 'Exclusive ("None of these": cannot be combined with other options)', !!row.exclusive))}
          <TextInput {...text("minSelections", true)} label="Minimum selections (optional)" value={q.minSelections} width={4} />
          <TextInput {...text("maxSelections", true)} label="Maximum selections (optional)" value={q.maxSelections} width={4} />
        </>
      );
    case "scale":
      return (
        <>
          {required}
          {scale}
        </>
      );
    case "matrix":
      return (
        <>
          {required}
          {scale}
          {items}
        </>
      );
    case "ranking":
      return (
        <>
          {required}
          {items}
          <TextInput {...text("rankCount", true)} label="How many to rank (optional; all when blank)" value={q.rankCount} width={4} />
        </>
      );
    case "free_text":
      return (
        <>
          {required}
          <TextInput {...text("maxLength", true)} label="Character limit" value={q.maxLength} width={5} />
        </>
      );
    case "number":
      return (
        <>
          {required}
          <TextInput {...text("min", true)} label="Smallest allowed (optional)" value={q.min} width={5} />
          <TextInput {...text("max", true)} label="Largest allowed (optional)" value={q.max} width={5} />
          {checkbox(errors, "wholeNumber", "Whole numbers only", q.wholeNumber !== false)}
          <TextInput {...text("suffix")} label="Unit shown after the box (optional)" value={q.suffix} width={10} />
        </>
      );
    case "postcode":
      return required;
    case "precept":
      return (
        <>
          {required}
          <TextInput {...text("year")} label="Financial year" hint="For example, 2027/28." value={q.year} width={10} />
          <TextInput {...text("currentBandD", true)} label="Current Band D precept (£ a year)" value={q.currentBandD} width={5} />
          <TextInput {...text("referendumLimit", true)} label="Referendum limit (largest Band D increase in £ a year without a referendum)" value={q.referendumLimit} width={5} />
          <Select
            name="answer"
            label="How residents answer"
            labelSize="s"
            value={q.answer ?? "support_each"}
            options={[
              { value: "support_each", label: "Support, oppose or don't know for each proposal" },
              { value: "choose_one", label: "Choose one proposal" },
            ]}
          />
          {list("proposals", (row, i) => (
            <>
              <TextInput {...text(`proposals-${i}-label`)} label="Label" value={row.label} />
              <TextInput {...text(`proposals-${i}-increase`, true)} label="Band D increase (£ a year)" value={Number.isFinite(row.increase) ? row.increase : ""} width={5} />
              {checkbox(errors, `proposals-${i}-requiresReferendum`, "Needs a referendum (over the limit)", !!row.requiresReferendum)}
            </>
          ))}
        </>
      );
    case "about_you":
      // Every "about you" item is optional for residents, so there is no "required" setting.
      return (
        <Checkboxes
          id="fields"
          name="fields"
          legend={'Questions to ask (all optional for residents, with "Prefer not to say")'}
          legendSize="s"
          error={errors.fields}
          choices={ABOUT_YOU_FIELDS.map((f) => ({ id: f, label: ABOUT_YOU_ITEMS[f].question }))}
          values={q.fields ?? []}
          small
        />
      );
    default:
      return assertNever(q.type);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;

type ListName = "options" | "items" | "proposals";
const LIST_WORDS: Record<ListName, { heading: string; noun: string }> = {
  options: { heading: "Options", noun: "option" },
  items: { heading: "Items", noun: "item" },
  proposals: { heading: "Proposals", noun: "proposal" },
};

function ListEditor({
  list,
  rows,
  errors,
  locked,
  render,
}: {
  list: ListName;
  rows: Row[];
  errors: Record<string, string>;
  locked: Set<string>;
  render: (row: Row, index: number) => ReactNode;
}) {
  const { heading, noun } = LIST_WORDS[list];
  return (
    <div className="govuk-form-group">
      <h2 className="govuk-heading-m">{heading}</h2>
      {rows.map((row, i) => {
        const fixed = locked.has(`${list}:${row.id}`);
        const hasError = Object.keys(errors).some((k) => k.startsWith(`${list}-${i}-`));
        return (
          <Fieldset key={i} legend={`${noun.charAt(0).toUpperCase() + noun.slice(1)} ${i + 1}`} legendSize="s" className={`app-builder-row${hasError ? " govuk-form-group--error" : ""}`}>
            <TextInput {...textProps(errors)(`${list}-${i}-id`)} label="ID" hint={fixed ? "Fixed: already answered under this ID." : undefined} value={row.id} readOnly={fixed} width={20} />
            {render(row, i)}
            <RowButtons list={list} index={i} count={rows.length} noun={noun} />
          </Fieldset>
        );
      })}
      <button type="submit" name="intent" value={`add:${list}`} className="govuk-button govuk-button--secondary">
        Add {/^[aeiou]/.test(noun) ? "an" : "a"} {noun}
      </button>
    </div>
  );
}
