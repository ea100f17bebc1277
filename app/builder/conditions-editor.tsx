import { ErrorMessage } from "../ui/error-summary";

export interface ConditionTarget {
  id: string;
  title: string;
  /** Answer values per item ("" when the question has no items). */
  values: { item: string; ids: string[] }[];
}

interface ConditionRow {
  question?: string;
  item?: string;
  operator?: string;
  values?: string[];
}

const OPERATORS = [
  { value: "any_of", label: "is any of" },
  { value: "equals", label: "is exactly" },
  { value: "none_of", label: "is none of" },
];

/**
 * Routing conditions ("show only if…") for a page or question: rows of question, item, operator
 * and values, each with move and delete buttons that are plain submits (no JavaScript needed).
 */
export function ConditionsEditor({
  showIf,
  targets,
  errors,
  what,
}: {
  showIf?: { match?: string; conditions?: ConditionRow[] };
  targets: ConditionTarget[];
  errors: Record<string, string>;
  what: "page" | "question";
}) {
  const rows = showIf?.conditions ?? [];
  return (
    <div className="govuk-form-group app-builder-conditions">
      <h2 className="govuk-heading-m" id="conditions">Routing</h2>
      {targets.length === 0 && rows.length === 0 ? (
        <p className="govuk-body">
          This {what} is always shown. Conditions can only refer to choice questions on earlier pages, and there are none before this one.
        </p>
      ) : (
        <>
          <p className="govuk-body">
            Show this {what} only to people whose earlier answers match. With no conditions it is shown to everyone.
          </p>
          {targets.length === 0 ? (
            <p className="govuk-body">There are no choice questions on earlier pages now, so these conditions cannot be met: delete them, or move this {what} later.</p>
          ) : null}
          {rows.length > 1 ? (
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor="match">When there are several conditions</label>
              <select className="govuk-select" id="match" name="showIf-match" defaultValue={showIf?.match ?? "all"}>
                <option value="all">all must match</option>
                <option value="any">any one is enough</option>
              </select>
            </div>
          ) : (
            <input type="hidden" name="showIf-match" value={showIf?.match ?? "all"} />
          )}
          {rows.map((c, i) => {
            const e = (k: string) => errors[`conditions-${i}-${k}`];
            const hasError = ["question", "item", "operator", "values"].some((k) => e(k));
            return (
              <fieldset key={i} className={`govuk-fieldset app-builder-row${hasError ? " govuk-form-group--error" : ""}`}>
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Condition {i + 1}</legend>
                <div className="govuk-form-group">
                  <label className="govuk-label" htmlFor={`conditions-${i}-question`}>Question</label>
                  <ErrorMessage id={`conditions-${i}-question-error`} message={e("question")} />
                  <select
                    className={`govuk-select${e("question") ? " govuk-select--error" : ""}`}
                    id={`conditions-${i}-question`}
                    name={`conditions-${i}-question`}
                    defaultValue={c.question ?? ""}
                    aria-describedby={e("question") ? `conditions-${i}-question-error` : undefined}
                  >
                    <option value="">Choose a question</option>
                    {targets.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.title} ({t.id})
                      </option>
                    ))}
                    {c.question && !targets.some((t) => t.id === c.question) ? <option value={c.question}>{c.question} (not an earlier question)</option> : null}
                  </select>
                </div>
                <div className="govuk-form-group">
                  <label className="govuk-label" htmlFor={`conditions-${i}-item`}>Item (for matrix, precept and about-you questions)</label>
                  <ErrorMessage id={`conditions-${i}-item-error`} message={e("item")} />
                  <input
                    className={`govuk-input govuk-input--width-20${e("item") ? " govuk-input--error" : ""}`}
                    id={`conditions-${i}-item`}
                    name={`conditions-${i}-item`}
                    type="text"
                    defaultValue={c.item ?? ""}
                    spellCheck={false}
                    aria-describedby={e("item") ? `conditions-${i}-item-error` : undefined}
                  />
                </div>
                <div className="govuk-form-group">
                  <label className="govuk-label" htmlFor={`conditions-${i}-operator`}>The answer</label>
                  <select className="govuk-select" id={`conditions-${i}-operator`} name={`conditions-${i}-operator`} defaultValue={c.operator ?? "any_of"}>
                    {OPERATORS.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="govuk-form-group">
                  <label className="govuk-label" htmlFor={`conditions-${i}-values`}>Answer IDs</label>
                  <div id={`conditions-${i}-values-hint`} className="govuk-hint">Separate several with commas. The IDs each question offers are listed below.</div>
                  <ErrorMessage id={`conditions-${i}-values-error`} message={e("values")} />
                  <input
                    className={`govuk-input${e("values") ? " govuk-input--error" : ""}`}
                    id={`conditions-${i}-values`}
                    name={`conditions-${i}-values`}
                    type="text"
                    defaultValue={(c.values ?? []).join(", ")}
                    spellCheck={false}
                    aria-describedby={`conditions-${i}-values-hint${e("values") ? ` conditions-${i}-values-error` : ""}`}
                  />
                </div>
                <RowButtons list="conditions" index={i} count={rows.length} noun="condition" />
              </fieldset>
            );
          })}
          <button type="submit" name="intent" value="add:conditions" className="govuk-button govuk-button--secondary">
            Add a condition
          </button>
          <details className="govuk-details">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">Answer IDs of earlier questions</span>
            </summary>
            <div className="govuk-details__text">
              <dl className="govuk-summary-list">
                {targets.map((t) => (
                  <div key={t.id} className="govuk-summary-list__row">
                    <dt className="govuk-summary-list__key">
                      {t.title} ({t.id})
                    </dt>
                    <dd className="govuk-summary-list__value">
                      {t.values.map((v) => (
                        <p key={v.item} className="govuk-body-s">
                          {v.item ? <>item <code>{v.item}</code>: </> : null}
                          {v.ids.map((id, n) => (
                            <span key={id}>
                              {n ? ", " : ""}
                              <code>{id}</code>
                            </span>
                          ))}
                        </p>
                      ))}
                    </dd>
                  </div>
                ))}
              </dl>
            </div>
          </details>
        </>
      )}
    </div>
  );
}

/** Move up, move down and delete for one row of a list; each is a named submit of the whole form. */
export function RowButtons({ list, index, count, noun }: { list: string; index: number; count: number; noun: string }) {
  return (
    <div className="govuk-button-group">
      {index > 0 ? (
        <button type="submit" name="intent" value={`up:${list}:${index}`} className="govuk-button govuk-button--secondary">
          Move up<span className="govuk-visually-hidden"> {noun} {index + 1}</span>
        </button>
      ) : null}
      {index < count - 1 ? (
        <button type="submit" name="intent" value={`down:${list}:${index}`} className="govuk-button govuk-button--secondary">
          Move down<span className="govuk-visually-hidden"> {noun} {index + 1}</span>
        </button>
      ) : null}
      <button type="submit" name="intent" value={`delete:${list}:${index}`} className="govuk-button govuk-button--warning">
        Delete<span className="govuk-visually-hidden"> {noun} {index + 1}</span>
      </button>
    </div>
  );
}
