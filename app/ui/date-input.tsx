import { ErrorMessage } from "./error-summary";
import type { UkDateTimeParts } from "~/lifecycle/uk-time";

/**
 * GOV.UK date input (day, month, year) plus a 24-hour time, read as UK local time. The first
 * input's id is the bare name so the error summary can link to it.
 */
export function DateTimeInput({ name, legend, hint, error, value }: { name: string; legend: string; hint?: string; error?: string; value?: Partial<UkDateTimeParts> }) {
  const hintId = `${name}-hint`;
  const errorId = error ? `${name}-error` : undefined;
  const cls = (width: number) => `govuk-input govuk-date-input__input govuk-input--width-${width}${error ? " govuk-input--error" : ""}`;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={[hintId, errorId].filter(Boolean).join(" ")}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <div id={hintId} className="govuk-hint">
          {hint ?? "UK time. For example, 31 1 2027 and 17:00."}
        </div>
        <ErrorMessage id={`${name}-error`} message={error} />
        <div className="govuk-date-input">
          {(
            [
              ["day", "Day", 2],
              ["month", "Month", 2],
              ["year", "Year", 4],
              ["time", "Time (24-hour)", 4],
            ] as const
          ).map(([part, label, width], i) => (
            <div key={part} className="govuk-date-input__item">
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={i === 0 ? name : `${name}-${part}`}>
                  {label}
                </label>
                <input
                  className={cls(width)}
                  id={i === 0 ? name : `${name}-${part}`}
                  name={`${name}-${part}`}
                  type="text"
                  inputMode={part === "time" ? "text" : "numeric"}
                  defaultValue={value?.[part] ?? ""}
                  autoComplete="off"
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/** The four parts of a DateTimeInput from a submitted form. */
export function datePartsFrom(form: FormData, name: string): UkDateTimeParts {
  const get = (part: string) => String(form.get(`${name}-${part}`) ?? "").slice(0, 20);
  return { day: get("day"), month: get("month"), year: get("year"), time: get("time") };
}
