import { useCallback, useSyncExternalStore, type ChangeEvent, type ReactNode } from "react";
import { MIN_PASSWORD_LENGTH } from "~/auth/password-policy";
import { ErrorMessage } from "./error-summary";

/**
 * React ports of govuk-frontend's form macros (node_modules/govuk-frontend/dist/govuk/components:
 * input, textarea, character-count, select, checkboxes, radios, file-upload, fieldset, label,
 * hint), with the same parameters under React names. The contract they share:
 * - a field's id defaults to its name; its hint is `<id>-hint` and its error `<id>-error`, and
 *   both go in the control's aria-describedby (the fieldset's, for a group);
 * - the error message starts with a visually hidden "Error:" (ErrorMessage), and the form group
 *   and control get their --error classes;
 * - in a group the first input's id is the bare id, so the error summary can link to it.
 */

export type LabelSize = "s" | "m" | "l" | "xl";

/** The fixed widths (govuk-input--width-N) and the fluid ones (govuk-!-width-…). */
export type InputWidth = 2 | 3 | 4 | 5 | 10 | 20 | 30 | "full" | "three-quarters" | "two-thirds" | "one-half" | "one-third" | "one-quarter";

const classes = (...names: (string | false | null | undefined)[]) => names.filter(Boolean).join(" ");
export const describedBy = (...ids: (string | false | null | undefined)[]) => ids.filter(Boolean).join(" ") || undefined;

/** What every single-control field takes (govuk-frontend: label, hint, errorMessage, formGroup). */
interface FieldProps {
  name: string;
  /** Defaults to the name, as in govuk-frontend. */
  id?: string;
  label: ReactNode;
  /** govuk-label--s/m/l/xl; none gives the plain label. A page heading is "l" unless given. */
  labelSize?: LabelSize;
  labelVisuallyHidden?: boolean;
  isPageHeading?: boolean;
  hint?: ReactNode;
  /** One message, or several (a list of problems in pasted text), each its own error message. */
  error?: string | string[];
  /** More ids for aria-describedby, ahead of the hint and error. */
  describedBy?: string;
  /** Extra classes on the form group (govuk-frontend formGroup.classes). */
  formGroupClassName?: string;
  /** Shown after the control, inside its form group (govuk-frontend formGroup.afterInput), e.g. a button beside it. */
  afterInput?: ReactNode;
}

const hasError = (error: FieldProps["error"]) => (Array.isArray(error) ? error.length > 0 : Boolean(error));

export function FormGroup({ error, className, children }: { error?: boolean; className?: string; children: ReactNode }) {
  return <div className={classes("govuk-form-group", error && "govuk-form-group--error", className)}>{children}</div>;
}

export function Label({
  htmlFor,
  size,
  isPageHeading,
  visuallyHidden,
  className,
  children,
}: {
  htmlFor: string;
  size?: LabelSize;
  isPageHeading?: boolean;
  visuallyHidden?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const shownSize = size ?? (isPageHeading ? "l" : undefined);
  const label = (
    <label className={classes("govuk-label", shownSize && `govuk-label--${shownSize}`, className, visuallyHidden && "govuk-visually-hidden")} htmlFor={htmlFor}>
      {children}
    </label>
  );
  return isPageHeading ? <h1 className="govuk-label-wrapper">{label}</h1> : label;
}

export function Hint({ id, className, children }: { id: string; className?: string; children: ReactNode }) {
  return (
    <div id={id} className={classes("govuk-hint", className)}>
      {children}
    </div>
  );
}

/** A group of controls answering one question: the legend is the question (govuk-frontend fieldset). */
export function Fieldset({
  legend,
  legendSize = "m",
  isPageHeading,
  describedBy: ariaDescribedBy,
  role,
  className,
  children,
}: {
  legend: ReactNode;
  /** "s" for items inside a question's own fieldset (matrix rows, "about you" items) and staff forms. */
  legendSize?: LabelSize;
  /** The page's only question: its legend is the page heading. */
  isPageHeading?: boolean;
  describedBy?: string;
  role?: "group";
  className?: string;
  children: ReactNode;
}) {
  return (
    <fieldset className={classes("govuk-fieldset", className)} role={role} aria-describedby={ariaDescribedBy}>
      {isPageHeading ? (
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--l">
          <h1 className="govuk-fieldset__heading">{legend}</h1>
        </legend>
      ) : (
        <legend className={`govuk-fieldset__legend govuk-fieldset__legend--${legendSize}`}>{legend}</legend>
      )}
      {children}
    </fieldset>
  );
}

export interface Choice {
  /** The value sent. */
  id: string;
  label: string;
  hint?: string;
  /** Draws the "or" divider before it and (checkboxes) makes it exclusive. */
  exclusive?: boolean;
  /** For a group of independent boxes (govuk-frontend items[].name, id, checked): this input's own name, id and state. */
  name?: string;
  inputId?: string;
  checked?: boolean;
}

interface GroupProps {
  id: string;
  name: string;
  legend: ReactNode;
  /** The page's only question: its legend is the page heading. */
  isPageHeading?: boolean;
  hint?: ReactNode;
  error?: string;
  choices: Choice[];
  /** The values chosen (a choice's own `checked` wins). */
  values?: string[];
  small?: boolean;
  inline?: boolean;
  legendSize?: LabelSize;
  /** After the items, inside the fieldset (e.g. the "Other" text box). */
  children?: ReactNode;
  /** The id of the form the inputs belong to, when it is not the form around them (HTML's form attribute). */
  form?: string;
  /** Called with the value chosen, for an enhancement that reacts at once (the inputs stay uncontrolled). */
  onChange?: (value: string) => void;
}

const itemId = (id: string, index: number) => (index === 0 ? id : `${id}-${index + 1}`);

export function Radios(props: GroupProps) {
  return <ChoiceGroup kind="radio" {...props} />;
}

export function Checkboxes(props: GroupProps) {
  return <ChoiceGroup kind="checkbox" {...props} />;
}

function ChoiceGroup({ kind, id, name, legend, isPageHeading, hint, error, choices, values = [], small, inline, legendSize, children, form, onChange }: GroupProps & { kind: "radio" | "checkbox" }) {
  const block = kind === "radio" ? "govuk-radios" : "govuk-checkboxes";
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <FormGroup error={Boolean(error)}>
      <Fieldset legend={legend} legendSize={legendSize} isPageHeading={isPageHeading} describedBy={describedBy(hintId, errorId)}>
        {hint ? <Hint id={hintId!}>{hint}</Hint> : null}
        <ErrorMessage id={`${id}-error`} message={error} />
        <div className={classes(block, small && `${block}--small`, inline && `${block}--inline`)} data-module={kind === "checkbox" ? "govuk-checkboxes" : undefined}>
          {choices.map((c, i) => (
            <ChoiceItem key={c.inputId ?? c.id} kind={kind} id={c.inputId ?? itemId(id, i)} name={c.name ?? name} choice={c} checked={c.checked ?? values.includes(c.id)} form={form} onChange={onChange} />
          ))}
        </div>
        {children}
      </Fieldset>
    </FormGroup>
  );
}

function ChoiceItem({
  kind,
  id,
  name,
  choice,
  checked,
  ariaDescribedBy,
  form,
  onChange,
}: {
  kind: "radio" | "checkbox";
  id: string;
  name: string;
  choice: Choice;
  checked: boolean;
  ariaDescribedBy?: string;
  form?: string;
  onChange?: (value: string) => void;
}) {
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
          form={form}
          onChange={onChange ? (event) => onChange(event.currentTarget.value) : undefined}
          aria-describedby={describedBy(ariaDescribedBy, hintId)}
          data-behaviour={choice.exclusive ? "exclusive" : undefined}
        />
        <label className={`govuk-label ${block}__label`} htmlFor={id}>
          {choice.label}
        </label>
        {choice.hint ? (
          <Hint id={hintId!} className={`${block}__hint`}>
            {choice.hint}
          </Hint>
        ) : null}
      </div>
    </>
  );
}

/**
 * One checkbox on its own, answering yes or no (govuk-frontend checkboxes with one item and no
 * fieldset): the hint and error describe the input itself.
 */
export function Checkbox({
  name,
  id = name,
  label,
  value,
  checked,
  hint,
  error,
  small,
}: {
  name: string;
  id?: string;
  label: string;
  /** What is sent when it is ticked. */
  value: string;
  checked?: boolean;
  hint?: string;
  error?: string;
  small?: boolean;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <FormGroup error={Boolean(error)}>
      {hint ? <Hint id={hintId!}>{hint}</Hint> : null}
      <ErrorMessage id={`${id}-error`} message={error} />
      <div className={classes("govuk-checkboxes", small && "govuk-checkboxes--small")} data-module="govuk-checkboxes">
        <ChoiceItem kind="checkbox" id={id} name={name} choice={{ id: value, label }} checked={Boolean(checked)} ariaDescribedBy={describedBy(hintId, errorId)} />
      </div>
    </FormGroup>
  );
}

/** The form group of a single-control field: label, hint, error message, then the control, given the ids that describe it. */
function SingleField({ field, control }: { field: FieldProps; control: (id: string, ariaDescribedBy: string | undefined) => ReactNode }) {
  const id = field.id ?? field.name;
  const { label, labelSize, labelVisuallyHidden, isPageHeading, hint, error, formGroupClassName, afterInput } = field;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = hasError(error) ? `${id}-error` : undefined;
  return (
    <FormGroup error={hasError(error)} className={formGroupClassName}>
      <Label htmlFor={id} size={labelSize} isPageHeading={isPageHeading} visuallyHidden={labelVisuallyHidden}>
        {label}
      </Label>
      {hint ? <Hint id={hintId!}>{hint}</Hint> : null}
      <FieldError id={`${id}-error`} error={error} />
      {control(id, describedBy(field.describedBy, hintId, errorId))}
      {afterInput}
    </FormGroup>
  );
}

function FieldError({ id, error }: { id: string; error?: string | string[] }) {
  if (!Array.isArray(error)) return <ErrorMessage id={id} message={error} />;
  if (!error.length) return null;
  return (
    <div id={id}>
      {error.map((message, i) => (
        <ErrorMessage key={i} id={`${id}-${i}`} message={message} />
      ))}
    </div>
  );
}

/** govuk-frontend input. A value of null or undefined renders an empty box. */
export function TextInput({
  value,
  type = "text",
  inputMode,
  autoComplete,
  width,
  prefix,
  suffix,
  spellCheck,
  readOnly,
  ...field
}: FieldProps & {
  value?: string | number | null;
  /** "password" for passwords: never filled back in, whatever `value` says. */
  type?: "text" | "password";
  inputMode?: "numeric" | "decimal" | "text";
  /** "off" unless given: answers and ids typed here are not for the browser to offer again elsewhere. */
  autoComplete?: string;
  width?: InputWidth;
  prefix?: string;
  suffix?: string;
  spellCheck?: boolean;
  /** A value shown but not changed (for example an id already answered under). */
  readOnly?: boolean;
}) {
  return (
    <SingleField
      field={field}
      control={(id, ariaDescribedBy) => {
        const input = (
          <input
            className={classes("govuk-input", width && (typeof width === "number" ? `govuk-input--width-${width}` : `govuk-!-width-${width}`), hasError(field.error) && "govuk-input--error")}
            id={id}
            name={field.name}
            type={type}
            defaultValue={type === "password" ? undefined : (value ?? undefined)}
            inputMode={inputMode}
            autoComplete={autoComplete ?? "off"}
            spellCheck={spellCheck}
            readOnly={readOnly}
            aria-describedby={ariaDescribedBy}
          />
        );
        if (!prefix && !suffix) return input;
        return (
          <div className="govuk-input__wrapper">
            {prefix ? (
              <div className="govuk-input__prefix" aria-hidden="true">
                {prefix}
              </div>
            ) : null}
            {input}
            {suffix ? (
              <div className="govuk-input__suffix" aria-hidden="true">
                {suffix}
              </div>
            ) : null}
          </div>
        );
      }}
    />
  );
}

/** govuk-frontend textarea. */
export function Textarea({
  value,
  rows = 5,
  spellCheck,
  className,
  onChange,
  ...field
}: FieldProps & {
  value?: string | null;
  rows?: number;
  spellCheck?: boolean;
  className?: string;
  onChange?: (value: string) => void;
}) {
  return (
    <SingleField
      field={field}
      control={(id, ariaDescribedBy) => (
        <textarea
          className={classes("govuk-textarea", className, hasError(field.error) && "govuk-textarea--error")}
          id={id}
          name={field.name}
          rows={rows}
          defaultValue={value ?? undefined}
          spellCheck={spellCheck}
          aria-describedby={ariaDescribedBy}
          onChange={onChange ? (e) => onChange(e.currentTarget.value) : undefined}
        />
      )}
    />
  );
}

/**
 * Textarea with the character-count pattern: the limit is stated in words and counted live when
 * JavaScript runs. No maxlength attribute, so pasted text is never silently cut; the server checks.
 */
export function CharacterCount({ maxLength, value, ...field }: FieldProps & { value?: string; maxLength: number }) {
  const id = field.id ?? field.name;
  // The box itself is the source of truth, read once the script runs (null on the server, so the
  // limit is stated in words): text typed before the page finished loading (pages load whole in the
  // resident journey) or put back by the browser's Back button counts, as in govuk-frontend.
  const length = useSyncExternalStore(
    useCallback(
      (notify: () => void) => {
        const box = document.getElementById(id);
        box?.addEventListener("input", notify);
        return () => box?.removeEventListener("input", notify);
      },
      [id],
    ),
    () => {
      const box = document.getElementById(id);
      return box instanceof HTMLTextAreaElement ? [...box.value].length : null;
    },
    () => null,
  );
  const infoId = `${id}-info`;
  const remaining = length === null ? null : maxLength - length;
  const over = remaining !== null && remaining < 0;
  return (
    <div className="govuk-form-group govuk-character-count">
      <Textarea
        {...field}
        id={id}
        value={value}
        className={classes("govuk-js-character-count", over && !hasError(field.error) && "govuk-textarea--error")}
        describedBy={infoId}
      />
      <div id={infoId} className={classes("govuk-hint govuk-character-count__message", over && "govuk-error-message")} aria-live="polite">
        {remaining === null
          ? `You can enter up to ${maxLength.toLocaleString("en-GB")} characters`
          : remaining >= 0
            ? `You have ${remaining.toLocaleString("en-GB")} character${remaining === 1 ? "" : "s"} remaining`
            : `You have ${(-remaining).toLocaleString("en-GB")} character${remaining === -1 ? "" : "s"} too many`}
      </div>
    </div>
  );
}

/** govuk-frontend select. */
export function Select({
  value,
  options,
  invalid,
  onChange,
  ...field
}: FieldProps & {
  value?: string | null;
  options: { value: string; label: string }[];
  /** Marks the select as the one an error shown elsewhere (e.g. on its fieldset) is about. */
  invalid?: boolean;
  /** Makes the select controlled (a JavaScript enhancement); the server-rendered HTML is the same. */
  onChange?: (value: string) => void;
}) {
  return (
    <SingleField
      field={field}
      control={(id, ariaDescribedBy) => (
        <select
          className={classes("govuk-select", (hasError(field.error) || invalid) && "govuk-select--error")}
          id={id}
          name={field.name}
          {...(onChange ? { value: value ?? "", onChange: (e: ChangeEvent<HTMLSelectElement>) => onChange(e.currentTarget.value) } : { defaultValue: value ?? "" })}
          aria-describedby={ariaDescribedBy}
          aria-invalid={invalid || undefined}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** govuk-frontend file upload. */
export function FileUpload({ accept, ...field }: FieldProps & { accept: string }) {
  return (
    <SingleField
      field={field}
      control={(id, ariaDescribedBy) => (
        <input className={classes("govuk-file-upload", hasError(field.error) && "govuk-file-upload--error")} id={id} name={field.name} type="file" accept={accept} aria-describedby={ariaDescribedBy} />
      )}
    />
  );
}

/** A new staff password (field "password"), with the policy in its hint. */
export function NewPasswordInput({ label, error, hintAfter }: { label: string; error?: string; hintAfter?: string }) {
  return (
    <TextInput
      name="password"
      type="password"
      label={label}
      labelSize="m"
      hint={`At least ${MIN_PASSWORD_LENGTH} characters; three random words work well.${hintAfter ? ` ${hintAfter}` : ""}`}
      error={error}
      autoComplete="new-password"
      width={20}
    />
  );
}
