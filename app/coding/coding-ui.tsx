import { Link, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import { codeLabel, type Code } from "./codebook";
import { provisional, type ThemeTable } from "./figures";
import { formatAlpha, type ReliabilityStatus } from "./reliability";
import { formatCount, formatInterval, formatPercent } from "../results/statistics";

/** Building blocks of the coding pages (GOV.UK markup). */

export function codingBase(consultationId: string, questionId?: string): string {
  return `/staff/consultations/${consultationId}/coding${questionId ? `/questions/${questionId}` : ""}`;
}

/** The pages of one question's coding, as a sub-navigation. */
export function CodingNav({ consultationId, questionId }: { consultationId: string; questionId: string }) {
  const base = codingBase(consultationId, questionId);
  const links = [
    { to: base, label: "Code answers", end: true },
    { to: `${base}/blind`, label: "Double coding" },
    { to: `${base}/reliability`, label: "Reliability" },
    { to: `${base}/themes`, label: "Themes" },
    { to: `${base}/quotes`, label: "Quotes" },
    { to: `${base}/candidates`, label: "Candidate themes" },
  ];
  return (
    <nav aria-label="Coding this question" className="govuk-!-margin-bottom-6">
      <ul className="govuk-list app-coding-nav">
        <li>
          <Link className="govuk-link" to={codingBase(consultationId)}>
            All questions
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={`${codingBase(consultationId)}/codebook`}>
            Codebook
          </Link>
        </li>
        {links.map((l) => (
          <li key={l.to}>
            <NavLink className="govuk-link" to={l.to} end={l.end}>
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** "Provisional" wherever a code is shown that has not (yet) shown reliable coding. */
export function ReliabilityTag({ status }: { status: ReliabilityStatus }) {
  if (!provisional(status)) {
    return <span className="govuk-body-s app-muted">{formatAlpha(status.kind === "untested" ? null : status.alpha)}</span>;
  }
  const why = status.kind === "untested" ? status.reason : `${formatAlpha(status.alpha)}, below the threshold`;
  return (
    <strong className="govuk-tag govuk-tag--yellow app-provisional" title={why}>
      Provisional<span className="govuk-visually-hidden">: {why}</span>
    </strong>
  );
}

/** Codes as checkboxes, grouped under their top-level code, numbered for the keyboard. */
export function CodeCheckboxes({
  codes,
  active,
  checked,
  legend,
  hint,
  marks = {},
  error,
}: {
  codes: Code[];
  /** Active codes in order: their position (1-based) is their number. */
  active: Code[];
  checked: string[];
  legend: ReactNode;
  hint?: string;
  marks?: Record<string, ReactNode>;
  error?: string;
}) {
  const number = new Map(active.map((c, i) => [c.id, i + 1]));
  const tops = active.filter((c) => c.parentId === null);
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`} id="codes-group">
      <fieldset className="govuk-fieldset" aria-describedby={hint ? "codes-hint" : undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">{legend}</legend>
        {hint ? (
          <div id="codes-hint" className="govuk-hint">
            {hint}
          </div>
        ) : null}
        {error ? (
          <p id="codes-error" className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className="govuk-checkboxes govuk-checkboxes--small app-code-list" data-module="govuk-checkboxes">
          {tops.map((top) => (
            <div key={top.id} className="app-code-group">
              {[top, ...active.filter((c) => c.parentId === top.id)].map((c) => {
                const n = number.get(c.id)!;
                const id = n === 1 ? "codes" : `codes-${n}`;
                return (
                  <div key={c.id} className={`govuk-checkboxes__item${c.parentId ? " app-code-child" : ""}`} data-code-name={codeLabel(codes, c).toLowerCase()} data-code-label={c.name}>
                    <input
                      className="govuk-checkboxes__input"
                      id={id}
                      name="codes"
                      type="checkbox"
                      value={c.id}
                      defaultChecked={checked.includes(c.id)}
                      data-code-number={n}
                    />
                    <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                      <span className="app-code-number" aria-hidden="true">
                        {n}
                      </span>{" "}
                      {c.parentId ? c.name : <strong>{c.name}</strong>}
                      {marks[c.id] ? <> {marks[c.id]}</> : null}
                    </label>
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/** A coded question's figures: count, percentage of coded respondents, interval, reliability. */
export function ThemeFigures({ table, caption, intervals = true }: { table: ThemeTable; caption: string; intervals?: boolean }) {
  return (
    <>
      <div className="app-table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table className="govuk-table app-theme-table" id="themes-table">
          <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Code
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Respondents
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                %
              </th>
              {intervals ? (
                <th scope="col" className="govuk-table__header">
                  95% interval (indicative)
                </th>
              ) : null}
              <th scope="col" className="govuk-table__header">
                Reliability
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {table.rows.map((r) => (
              <tr key={r.codeId} className={`govuk-table__row${r.level === 1 ? " app-theme-child" : ""}`}>
                <th scope="row" className="govuk-table__header app-theme-name">
                  {r.level === 0 ? <strong>{r.name}</strong> : r.name}
                  {r.level === 0 ? <span className="govuk-visually-hidden"> (any of these)</span> : null}
                  {r.retired ? <span className="govuk-body-s app-muted"> (retired)</span> : null}
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{r.count === null ? "[c]" : formatCount(r.count)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{r.count === null ? "[c]" : formatPercent(r.percent)}</td>
                {intervals ? <td className="govuk-table__cell">{r.count === null ? "[c]" : formatInterval(r.interval)}</td> : null}
                <td className="govuk-table__cell">
                  <ReliabilityTag status={r.reliability} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="govuk-body-s">
        Base: respondents who answered this question and whose answer has been coded, n={table.base === null ? "[c]" : formatCount(table.base)}
        {table.coverage !== null ? ` (${formatPercent(table.coverage * 100)} of the ${formatCount(table.answered)} who answered)` : ""}. One answer can mention
        several themes, so percentages can add up to more than 100%. A top-level code counts respondents who mention it or any code inside it, once each.
      </p>
    </>
  );
}

/** A live region that screen readers announce; the keyboard module writes into it. */
export function Announcer({ message }: { message?: string | null }) {
  return (
    <div id="coding-announcer" className="govuk-visually-hidden" role="status" aria-live="polite">
      {message ?? ""}
    </div>
  );
}
