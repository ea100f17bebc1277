import type { ReactNode } from "react";
import { QUESTION_TYPE_LABELS } from "~/builder/builder";
import type { Question, QuestionType } from "~/definition/definition";
import { missingAnswerMessage } from "~/responding/error-wording";
import { ABOUT_YOU_FIELDS, ABOUT_YOU_ITEMS } from "~/definition/about-you";
import { SCALE_NAMES } from "~/definition/scales";
import { ConditionsEditor, RowButtons, type ConditionTarget } from "./conditions-editor";
import { ErrorMessage } from "../ui/error-summary";

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
  return (
    <>
      {/* First submit button in the form, so pressing Enter in a text box saves rather than deleting a row. */}
      <button type="submit" name="intent" value="save" className="govuk-visually-hidden" tabIndex={-1} aria-hidden="true">
        Save
      </button>
      <p className="govuk-body">
        Type: <strong>{QUESTION_TYPE_LABELS[q.type]}</strong>
      </p>
      <Text name="id" label="Question ID" hint={locked.has(`q:${q.id}`) ? "Fixed: residents have answered this question under this ID." : "Lower-case letters, digits, - or _. Answers are stored under it, so it cannot change once published."} value={q.id} error={errors.id} readOnly={locked.has(`q:${q.id}`)} width={20} />
      <Area name="title" label="Question" value={q.title} error={errors.title} rows={2} />
      <Area name="hint" label="Hint (optional)" value={q.hint} error={errors.hint} rows={2} />
      {q.type !== "about_you" ? (
        <Text
          name="errorMessage"
          label="Error message when not answered (optional)"
          hint={derivedMessage(q) ? `Leave blank to use the message worded from the question: "${derivedMessage(q)}"` : "Leave blank to use a message worded from the question."}
          value={q.errorMessage}
          error={errors.errorMessage}
        />
      ) : null}
      {q.type !== "about_you" ? <Check name="required" label="An answer is required" checked={q.required !== false} error={errors.required} /> : null}

      {q.type === "single_choice" || q.type === "multiple_choice" ? (
        <ListEditor
          list="options"
          heading="Options"
          noun="option"
          rows={q.options ?? []}
          errors={errors}
          locked={locked}
          render={(row, i) => (
            <>
              <Text name={`options-${i}-label`} label="Label" value={row.label} error={errors[`options-${i}-label`]} />
              <Text name={`options-${i}-hint`} label="Hint (optional)" value={row.hint} error={errors[`options-${i}-hint`]} />
              {q.type === "multiple_choice" ? (
                <Check name={`options-${i}-exclusive`} label='Exclusive ("None of these": cannot be combined with other options)' checked={!!row.exclusive} error={errors[`options-${i}-exclusive`]} />
              ) : (
                <Check name={`options-${i}-other`} label='"Other (please specify)": asks for a few words when chosen' checked={!!row.other} error={errors[`options-${i}-other`]} />
              )}
            </>
          )}
        />
      ) : null}
      {q.type === "multiple_choice" ? (
        <>
          <Text name="minSelections" label="Minimum selections (optional)" value={q.minSelections} error={errors.minSelections} width={4} numeric />
          <Text name="maxSelections" label="Maximum selections (optional)" value={q.maxSelections} error={errors.maxSelections} width={4} numeric />
        </>
      ) : null}

      {q.type === "scale" || q.type === "matrix" ? (
        <>
          <div className={`govuk-form-group${errors.scale ? " govuk-form-group--error" : ""}`}>
            <label className="govuk-label govuk-label--s" htmlFor="scale">Scale</label>
            <ErrorMessage id="scale-error" message={errors.scale} />
            <select className="govuk-select" id="scale" name="scale" defaultValue={q.scale}>
              {SCALE_NAMES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
          <Check name="dontKnow" label={'Offer "Don\'t know"'} checked={q.dontKnow !== false} error={errors.dontKnow} />
        </>
      ) : null}

      {q.type === "matrix" || q.type === "ranking" ? (
        <ListEditor
          list="items"
          heading="Items"
          noun="item"
          rows={q.items ?? []}
          errors={errors}
          locked={locked}
          render={(row, i) => <Text name={`items-${i}-label`} label="Label" value={row.label} error={errors[`items-${i}-label`]} />}
        />
      ) : null}
      {q.type === "ranking" ? <Text name="rankCount" label="How many to rank (optional; all when blank)" value={q.rankCount} error={errors.rankCount} width={4} numeric /> : null}

      {q.type === "free_text" ? <Text name="maxLength" label="Character limit" value={q.maxLength} error={errors.maxLength} width={5} numeric /> : null}

      {q.type === "number" ? (
        <>
          <Text name="min" label="Smallest allowed (optional)" value={q.min} error={errors.min} width={5} numeric />
          <Text name="max" label="Largest allowed (optional)" value={q.max} error={errors.max} width={5} numeric />
          <Check name="wholeNumber" label="Whole numbers only" checked={q.wholeNumber !== false} error={errors.wholeNumber} />
          <Text name="suffix" label="Unit shown after the box (optional)" value={q.suffix} error={errors.suffix} width={10} />
        </>
      ) : null}

      {q.type === "precept" ? (
        <>
          <Text name="year" label="Financial year" hint="For example, 2027/28." value={q.year} error={errors.year} width={10} />
          <Text name="currentBandD" label="Current Band D precept (£ a year)" value={q.currentBandD} error={errors.currentBandD} width={5} numeric />
          <Text name="referendumLimit" label="Referendum limit (largest Band D increase in £ a year without a referendum)" value={q.referendumLimit} error={errors.referendumLimit} width={5} numeric />
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="answer">How residents answer</label>
            <select className="govuk-select" id="answer" name="answer" defaultValue={q.answer ?? "support_each"}>
              <option value="support_each">Support, oppose or don&apos;t know for each proposal</option>
              <option value="choose_one">Choose one proposal</option>
            </select>
          </div>
          <ListEditor
            list="proposals"
            heading="Proposals"
            noun="proposal"
            rows={q.proposals ?? []}
            errors={errors}
            locked={locked}
            render={(row, i) => (
              <>
                <Text name={`proposals-${i}-label`} label="Label" value={row.label} error={errors[`proposals-${i}-label`]} />
                <Text name={`proposals-${i}-increase`} label="Band D increase (£ a year)" value={Number.isFinite(row.increase) ? row.increase : ""} error={errors[`proposals-${i}-increase`]} width={5} numeric />
                <Check name={`proposals-${i}-requiresReferendum`} label="Needs a referendum (over the limit)" checked={!!row.requiresReferendum} error={errors[`proposals-${i}-requiresReferendum`]} />
              </>
            )}
          />
        </>
      ) : null}

      {q.type === "about_you" ? (
        <div className={`govuk-form-group${errors.fields ? " govuk-form-group--error" : ""}`}>
          <fieldset className="govuk-fieldset" aria-describedby={errors.fields ? "fields-error" : undefined}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Questions to ask (all optional for residents, with "Prefer not to say")</legend>
            <ErrorMessage id="fields-error" message={errors.fields} />
            <div className="govuk-checkboxes govuk-checkboxes--small">
              {ABOUT_YOU_FIELDS.map((f, i) => (
                <div key={f} className="govuk-checkboxes__item">
                  <input className="govuk-checkboxes__input" id={i === 0 ? "fields" : `fields-${f}`} name="fields" type="checkbox" value={f} defaultChecked={(q.fields ?? []).includes(f)} />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={i === 0 ? "fields" : `fields-${f}`}>
                    {ABOUT_YOU_ITEMS[f].question}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
      ) : null}

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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;

function ListEditor({
  list,
  heading,
  noun,
  rows,
  errors,
  locked,
  render,
}: {
  list: "options" | "items" | "proposals";
  heading: string;
  noun: string;
  rows: Row[];
  errors: Record<string, string>;
  locked: Set<string>;
  render: (row: Row, index: number) => ReactNode;
}) {
  return (
    <div className="govuk-form-group">
      <h2 className="govuk-heading-m">{heading}</h2>
      {rows.map((row, i) => {
        const fixed = locked.has(`${list}:${row.id}`);
        const hasError = Object.keys(errors).some((k) => k.startsWith(`${list}-${i}-`));
        return (
          <fieldset key={i} className={`govuk-fieldset app-builder-row${hasError ? " govuk-form-group--error" : ""}`}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
              {noun.charAt(0).toUpperCase() + noun.slice(1)} {i + 1}
            </legend>
            <Text name={`${list}-${i}-id`} label="ID" hint={fixed ? "Fixed: already answered under this ID." : undefined} value={row.id} error={errors[`${list}-${i}-id`]} readOnly={fixed} width={20} />
            {render(row, i)}
            <RowButtons list={list} index={i} count={rows.length} noun={noun} />
          </fieldset>
        );
      })}
      <button type="submit" name="intent" value={`add:${list}`} className="govuk-button govuk-button--secondary">
        Add {/^[aeiou]/.test(noun) ? "an" : "a"} {noun}
      </button>
    </div>
  );
}

function Text({
  name,
  label,
  hint,
  value,
  error,
  width,
  numeric,
  readOnly,
}: {
  name: string;
  label: string;
  hint?: string;
  value: unknown;
  error?: string;
  width?: 4 | 5 | 10 | 20;
  numeric?: boolean;
  readOnly?: boolean;
}) {
  const describedBy = [hint && `${name}-hint`, error && `${name}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={name}>
        {label}
      </label>
      {hint ? (
        <div id={`${name}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      <ErrorMessage id={`${name}-error`} message={error} />
      <input
        className={`govuk-input${width ? ` govuk-input--width-${width}` : ""}${error ? " govuk-input--error" : ""}`}
        id={name}
        name={name}
        type="text"
        inputMode={numeric ? "decimal" : undefined}
        defaultValue={value === undefined || value === null ? "" : String(value)}
        readOnly={readOnly}
        spellCheck={false}
        autoComplete="off"
        aria-describedby={describedBy}
      />
    </div>
  );
}

function Area({ name, label, value, error, rows }: { name: string; label: string; value: unknown; error?: string; rows: number }) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={name}>
        {label}
      </label>
      <ErrorMessage id={`${name}-error`} message={error} />
      <textarea
        className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        id={name}
        name={name}
        rows={rows}
        defaultValue={value === undefined || value === null ? "" : String(value)}
        aria-describedby={error ? `${name}-error` : undefined}
      />
    </div>
  );
}

function Check({ name, label, checked, error }: { name: string; label: string; checked: boolean; error?: string }) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <ErrorMessage id={`${name}-error`} message={error} />
      <div className="govuk-checkboxes govuk-checkboxes--small">
        <div className="govuk-checkboxes__item">
          <input className="govuk-checkboxes__input" id={name} name={name} type="checkbox" value="true" defaultChecked={checked} aria-describedby={error ? `${name}-error` : undefined} />
          <label className="govuk-label govuk-checkboxes__label" htmlFor={name}>
            {label}
          </label>
        </div>
      </div>
    </div>
  );
}
