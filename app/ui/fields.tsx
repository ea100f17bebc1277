import { useState, type ChangeEvent, type ReactNode } from "react";
import { MIN_PASSWORD_LENGTH } from "~/auth/password-policy";
import { ErrorMessage } from "./error-summary";

/**
 * React ports of govuk-frontend's form markup. The contract (govuk-frontend radios/template.njk):
 * a group is a fieldset whose legend is the question; hint and error ids go in the fieldset's
 * aria-describedby; the first input's id is the bare field id so the error summary can link to it.
 */

export interface Choice {
  id: string;
  label: string;
  hint?: string;
  /** Draws the "or" divider before it and (checkboxes) makes it exclusive. */
  exclusive?: boolean;
}

const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(" ") || undefined;
const itemId = (id: string, index: number) => (index === 0 ? id : `${id}-${index + 1}`);

interface GroupProps {
  id: string;
  name: string;
  legend: ReactNode;
  /** The page's only question: its legend is the page heading. */
  isPageHeading?: boolean;
  hint?: string;
  error?: string;
  choices: Choice[];
  values: string[];
  small?: boolean;
  inline?: boolean;
  /** "s" for items inside a question's own fieldset (matrix rows, "about you" items). */
  legendSize?: "m" | "s";
  children?: ReactNode;
}

function Legend({ legend, isPageHeading, size = "m" }: { legend: ReactNode; isPageHeading?: boolean; size?: "m" | "s" }) {
  return isPageHeading ? (
    <legend className="govuk-fieldset__legend govuk-fieldset__legend--l">
      <h1 className="govuk-fieldset__heading">{legend}</h1>
    </legend>
  ) : (
    <legend className={`govuk-fieldset__legend govuk-fieldset__legend--${size}`}>{legend}</legend>
  );
}

export function Radios({ id, name, legend, isPageHeading, hint, error, choices, values, small, inline, legendSize, children }: GroupProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(hintId, errorId)}>
        <Legend legend={legend} isPageHeading={isPageHeading} size={legendSize} />
        {hint ? (
          <div id={hintId} className="govuk-hint">
            {hint}
          </div>
        ) : null}
        <ErrorMessage id={`${id}-error`} message={error} />
        <div className={`govuk-radios${small ? " govuk-radios--small" : ""}${inline ? " govuk-radios--inline" : ""}`}>
          {choices.map((c, i) => (
            <ChoiceItem key={c.id} kind="radio" id={itemId(id, i)} name={name} choice={c} checked={values.includes(c.id)} />
          ))}
        </div>
        {children}
      </fieldset>
    </div>
  );
}

export function Checkboxes({ id, name, legend, isPageHeading, hint, error, choices, values, small, children }: GroupProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(hintId, errorId)}>
        <Legend legend={legend} isPageHeading={isPageHeading} />
        {hint ? (
          <div id={hintId} className="govuk-hint">
            {hint}
          </div>
        ) : null}
        <ErrorMessage id={`${id}-error`} message={error} />
        <div className={`govuk-checkboxes${small ? " govuk-checkboxes--small" : ""}`} data-module="govuk-checkboxes">
          {choices.map((c, i) => (
            <ChoiceItem key={c.id} kind="checkbox" id={itemId(id, i)} name={name} choice={c} checked={values.includes(c.id)} />
          ))}
        </div>
        {children}
      </fieldset>
    </div>
  );
}

function ChoiceItem({ kind, id, name, choice, checked }: { kind: "radio" | "checkbox"; id: string; name: string; choice: Choice; checked: boolean }) {
  const block = kind === "radio" ? "govuk-radios" : "govuk-checkboxes";
  const hintId = choice.hint ? `${id}-item-hint` : undefined;
  return (
    <>
      {choice.exclusive ? <div className={`${block}__divider`}>or</div> : null}
      <div className={`${block}__item`}>
        <input
          className={`${block}__input`}
          id={id}
          name={name}
          type={kind}
          value={choice.id}
          defaultChecked={checked}
          aria-describedby={hintId}
          data-behaviour={choice.exclusive ? "exclusive" : undefined}
        />
        <label className={`govuk-label ${block}__label`} htmlFor={id}>
          {choice.label}
        </label>
        {choice.hint ? (
          <div id={hintId} className={`govuk-hint ${block}__hint`}>
            {choice.hint}
          </div>
        ) : null}
      </div>
    </>
  );
}

interface InputProps {
  id: string;
  name: string;
  label: ReactNode;
  isPageHeading?: boolean;
  hint?: string;
  error?: string;
  value?: string;
  inputMode?: "numeric" | "decimal" | "text";
  autoComplete?: string;
  width?: 2 | 3 | 4 | 5 | 10 | 20;
  suffix?: string;
  spellCheck?: boolean;
  /** "password" for passwords: never filled back in, whatever `value` says. */
  type?: "text" | "password";
}

function Label({ id, label, isPageHeading }: { id: string; label: ReactNode; isPageHeading?: boolean }) {
  return isPageHeading ? (
    <h1 className="govuk-label-wrapper">
      <label className="govuk-label govuk-label--l" htmlFor={id}>
        {label}
      </label>
    </h1>
  ) : (
    <label className="govuk-label govuk-label--m" htmlFor={id}>
      {label}
    </label>
  );
}

export function TextInput({ id, name, label, isPageHeading, hint, error, value, inputMode, autoComplete, width, suffix, spellCheck, type = "text" }: InputProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const input = (
    <input
      className={`govuk-input${width ? ` govuk-input--width-${width}` : ""}${error ? " govuk-input--error" : ""}`}
      id={id}
      name={name}
      type={type}
      defaultValue={type === "password" ? undefined : value}
      inputMode={inputMode}
      autoComplete={autoComplete ?? "off"}
      spellCheck={spellCheck}
      aria-describedby={describedBy(hintId, errorId)}
    />
  );
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <Label id={id} label={label} isPageHeading={isPageHeading} />
      {hint ? (
        <div id={hintId} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      <ErrorMessage id={`${id}-error`} message={error} />
      {suffix ? (
        <div className="govuk-input__wrapper">
          {input}
          <div className="govuk-input__suffix" aria-hidden="true">
            {suffix}
          </div>
        </div>
      ) : (
        input
      )}
    </div>
  );
}

/**
 * Textarea with the character-count pattern: the limit is stated in words and counted live when
 * JavaScript runs. No maxlength attribute, so pasted text is never silently cut; the server checks.
 */
export function CharacterCount({ id, name, label, isPageHeading, hint, error, value, maxLength }: InputProps & { maxLength: number }) {
  const [length, setLength] = useState<number | null>(null);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const infoId = `${id}-info`;
  const remaining = length === null ? null : maxLength - length;
  return (
    <div className="govuk-form-group govuk-character-count">
      <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
        <Label id={id} label={label} isPageHeading={isPageHeading} />
        {hint ? (
          <div id={hintId} className="govuk-hint">
            {hint}
          </div>
        ) : null}
        <ErrorMessage id={`${id}-error`} message={error} />
        <textarea
          className={`govuk-textarea govuk-js-character-count${error || (remaining !== null && remaining < 0) ? " govuk-textarea--error" : ""}`}
          id={id}
          name={name}
          rows={5}
          defaultValue={value}
          aria-describedby={describedBy(hintId, errorId, infoId)}
          onChange={(e) => setLength([...e.currentTarget.value].length)}
        />
      </div>
      <div id={infoId} className={`govuk-hint govuk-character-count__message${remaining !== null && remaining < 0 ? " govuk-error-message" : ""}`} aria-live="polite">
        {remaining === null
          ? `You can enter up to ${maxLength.toLocaleString("en-GB")} characters`
          : remaining >= 0
            ? `You have ${remaining.toLocaleString("en-GB")} character${remaining === 1 ? "" : "s"} remaining`
            : `You have ${(-remaining).toLocaleString("en-GB")} character${remaining === -1 ? "" : "s"} too many`}
      </div>
    </div>
  );
}

export function Select({
  id,
  name,
  label,
  error,
  value,
  options,
  describedById,
  invalid,
  onChange,
}: {
  id: string;
  name: string;
  label: ReactNode;
  error?: string;
  value?: string;
  options: { value: string; label: string }[];
  describedById?: string;
  /** Marks the select as the one an error shown elsewhere (e.g. on its fieldset) is about. */
  invalid?: boolean;
  /** Makes the select controlled (a JavaScript enhancement); the server-rendered HTML is the same. */
  onChange?: (value: string) => void;
}) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      <ErrorMessage id={`${id}-error`} message={error} />
      <select
        className={`govuk-select${error || invalid ? " govuk-select--error" : ""}`}
        id={id}
        name={name}
        {...(onChange ? { value: value ?? "", onChange: (e: ChangeEvent<HTMLSelectElement>) => onChange(e.currentTarget.value) } : { defaultValue: value ?? "" })}
        aria-describedby={describedBy(describedById, error && `${id}-error`)}
        aria-invalid={invalid || undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A new staff password (field "password"), with the policy in its hint. */
export function NewPasswordInput({ label, error, hintAfter }: { label: string; error?: string; hintAfter?: string }) {
  return (
    <TextInput
      id="password"
      name="password"
      type="password"
      label={label}
      hint={`At least ${MIN_PASSWORD_LENGTH} characters; three random words work well.${hintAfter ? ` ${hintAfter}` : ""}`}
      error={error}
      autoComplete="new-password"
      width={20}
    />
  );
}
