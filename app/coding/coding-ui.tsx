import { Link, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import { codeLabel, type Code } from "./codebook";
import { STANCES, STANCE_LABELS, type Stance } from "./coding-state";
import { provisional, type StanceTable, type ThemeBreakdown, type ThemeTable } from "./figures";
import { formatAlpha, type ReliabilityStatus } from "./reliability";
import { formatCount, formatInterval, formatPercent } from "../results/statistics";
import { numeric, Table, type TableCell } from "../ui/table";

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

/**
 * The rest of the coding form: the stance (where the question asks for a view) and the
 * evidence-rich flag. Keyed by the answer so the browser does not carry ticks over to the next.
 */
export function StanceAndEvidence({ answerKey, stance, current }: { answerKey: string; stance: boolean; current: { stance: Stance | null; evidenceRich: boolean } | null }) {
  return (
    <>
      {stance ? (
        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Stance</legend>
            <div className="govuk-radios govuk-radios--small govuk-radios--inline" key={answerKey}>
              {STANCES.map((s, i) => (
                <div className="govuk-radios__item" key={s}>
                  <input className="govuk-radios__input" id={i === 0 ? "stance" : `stance-${s}`} name="stance" type="radio" value={s} defaultChecked={current?.stance === s} />
                  <label className="govuk-label govuk-radios__label" htmlFor={i === 0 ? "stance" : `stance-${s}`}>
                    {STANCE_LABELS[s]}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
      ) : null}
      <div className="govuk-form-group">
        <div className="govuk-checkboxes govuk-checkboxes--small" key={answerKey}>
          <div className="govuk-checkboxes__item">
            <input
              className="govuk-checkboxes__input"
              id="evidenceRich"
              name="evidenceRich"
              type="checkbox"
              value="yes"
              defaultChecked={current?.evidenceRich ?? false}
              aria-describedby="evidenceRich-hint"
            />
            <label className="govuk-label govuk-checkboxes__label" htmlFor="evidenceRich">
              Evidence-rich
            </label>
            <div id="evidenceRich-hint" className="govuk-hint govuk-checkboxes__hint">
              Gives facts, a concrete example or a detailed experience.
            </div>
          </div>
        </div>
      </div>
    </>
  );
}

/** A coded question's figures: count, percentage of coded respondents, interval, reliability. */
export function ThemeFigures({ table, caption, intervals = true }: { table: ThemeTable; caption: string; intervals?: boolean }) {
  return (
    <>
      <Scroll label={caption}>
        <Table
          id="themes-table"
          className="app-theme-table"
          caption={caption}
          captionSize="s"
          firstCellIsHeader
          head={["Code", numeric("Respondents"), numeric("%"), ...(intervals ? ["95% interval (indicative)"] : []), "Reliability"]}
          rows={table.rows.map((r) => ({
            key: r.codeId,
            className: r.level === 1 ? "app-theme-child" : undefined,
            cells: [
              {
                className: "app-theme-name",
                content: (
                  <>
                    {r.level === 0 ? <strong>{r.name}</strong> : r.name}
                    {r.level === 0 ? <span className="govuk-visually-hidden"> (any of these)</span> : null}
                    {r.retired ? <span className="govuk-body-s app-muted"> (retired)</span> : null}
                  </>
                ),
              },
              ...figureCells(r, intervals),
              { content: <ReliabilityTag status={r.reliability} /> },
            ],
          }))}
        />
      </Scroll>
      <p className="govuk-body-s">
        Base: respondents who answered this question and whose answer has been coded, n={table.base === null ? "[c]" : formatCount(table.base)}
        {table.coverage !== null ? ` (${formatPercent(table.coverage * 100)} of the ${formatCount(table.answered)} who answered)` : ""}. One answer can mention
        several themes, so percentages can add up to more than 100%. A top-level code counts respondents who mention it or any code inside it, once each.
      </p>
    </>
  );
}

/** Where a question asks for a view: each stance's respondents, percentage and interval; the rows add up to the base. */
export function StanceFigures({ table, caption, intervals = true }: { table: StanceTable; caption: string; intervals?: boolean }) {
  return (
    <>
      <Scroll label={caption}>
        <Table
          id="stance-table"
          className="app-theme-table"
          caption={
            <>
              {caption} <ReliabilityTag status={table.reliability} />
            </>
          }
          captionSize="s"
          firstCellIsHeader
          head={["Stance", numeric("Respondents"), numeric("%"), ...(intervals ? ["95% interval (indicative)"] : [])]}
          rows={table.rows.map((r) => ({ key: r.stance, cells: [r.label, ...figureCells(r, intervals)] }))}
        />
      </Scroll>
      <p className="govuk-body-s">
        Base: respondents whose answer has been coded with a stance, n={table.base === null ? "[c]" : formatCount(table.base)} (of {formatCount(table.coded)} coded
        answers). One stance an answer, so these add up to 100%.
      </p>
    </>
  );
}

/** Count, percentage and (optionally) interval cells, "[c]" where withheld. */
function figureCells(r: { count: number | null; percent: number | null; interval: { low: number; high: number } | null }, intervals: boolean): TableCell[] {
  const withheld = r.count === null;
  return [
    numeric(withheld ? "[c]" : formatCount(r.count!)),
    numeric(withheld ? "[c]" : formatPercent(r.percent)),
    ...(intervals ? [withheld ? "[c]" : formatInterval(r.interval)] : []),
  ];
}

/** Codes (or stances) by the groups of a breakdown, each cell a percentage of its group's base. */
export function BreakdownFigures({ breakdown, caption, id, firstHeader }: { breakdown: ThemeBreakdown; caption: string; id: string; firstHeader: string }) {
  return (
    <Scroll label={caption}>
      <Table
        id={id}
        caption={caption}
        captionSize="s"
        firstCellIsHeader
        head={[firstHeader, ...breakdown.columns.map((col) => numeric(`${col.label} (n=${col.base === null ? "[c]" : formatCount(col.base)})`))]}
        rows={breakdown.rows.map((r) => ({
          key: r.codeId,
          cells: [r.label, ...r.cells.map((cell) => numeric(cell.count === null ? "[c]" : `${formatPercent(cell.percent)} (${formatCount(cell.count)})`))],
        }))}
      />
    </Scroll>
  );
}

/** A wide table's scrolling wrapper, focusable and named, so keyboard users can scroll it. */
export function Scroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="app-table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
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
