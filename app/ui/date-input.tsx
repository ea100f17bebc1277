import { ErrorMessage } from "./error-summary";
import { describedBy, Fieldset, FormGroup, Hint, Label } from "./fields";
import type { UkDateTimeParts } from "~/lifecycle/uk-time";

/**
 * GOV.UK date input (day, month, year) plus a 24-hour time, read as UK local time. The first
 * input's id is the bare name so the error summary can link to it.
 */
export function DateTimeInput({
  name,
  legend,
  hint,
  error,
  value,
  withTime = true,
}: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  value?: Partial<UkDateTimeParts>;
  /** False for a date alone (GOV.UK date input): a day, month and year. */
  withTime?: boolean;
}) {
  const hintId = `${name}-hint`;
  const errorId = error ? `${name}-error` : undefined;
  const cls = (width: number) => `govuk-input govuk-date-input__input govuk-input--width-${width}${error ? " govuk-input--error" : ""}`;
  return (
    <FormGroup error={Boolean(error)}>
      <Fieldset legend={legend} legendSize="s" role="group" describedBy={describedBy(hintId, errorId)}>
        <Hint id={hintId}>{hint ?? (withTime ? "UK time. For example, 31 1 2027 and 17:00." : "For example, 31 1 2027.")}</Hint>
        <ErrorMessage id={`${name}-error`} message={error} />
        <div className="govuk-date-input">
          {(
            [
              ["day", "Day", 2],
              ["month", "Month", 2],
              ["year", "Year", 4],
              ["time", "Time (24-hour)", 4],
            ] as const
          )
            .filter(([part]) => withTime || part !== "time")
            .map(([part, label, width], i) => (
            <div key={part} className="govuk-date-input__item">
              <FormGroup>
                <Label htmlFor={i === 0 ? name : `${name}-${part}`} className="govuk-date-input__label">
                  {label}
                </Label>
                <input
                  className={cls(width)}
                  id={i === 0 ? name : `${name}-${part}`}
                  name={`${name}-${part}`}
                  type="text"
                  inputMode={part === "time" ? "text" : "numeric"}
                  defaultValue={value?.[part] ?? ""}
                  autoComplete="off"
                />
              </FormGroup>
            </div>
          ))}
        </div>
      </Fieldset>
    </FormGroup>
  );
}

/** The four parts of a DateTimeInput from a submitted form. */
export function datePartsFrom(form: FormData, name: string): UkDateTimeParts {
  const get = (part: string) => String(form.get(`${name}-${part}`) ?? "").slice(0, 20);
  return { day: get("day"), month: get("month"), year: get("year"), time: get("time") };
}
