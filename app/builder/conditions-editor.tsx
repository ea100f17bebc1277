import { Fieldset, Select, TextInput } from "../ui/fields";

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
            <Select
              id="match"
              name="showIf-match"
              label="When there are several conditions"
              value={showIf?.match ?? "all"}
              options={[
                { value: "all", label: "all must match" },
                { value: "any", label: "any one is enough" },
              ]}
            />
          ) : (
            <input type="hidden" name="showIf-match" value={showIf?.match ?? "all"} />
          )}
          {rows.map((c, i) => {
            const name = (k: string) => `conditions-${i}-${k}`;
            const e = (k: string) => errors[name(k)];
            const hasError = ["question", "item", "operator", "values"].some((k) => e(k));
            return (
              <Fieldset key={i} legend={`Condition ${i + 1}`} legendSize="s" className={`app-builder-row${hasError ? " govuk-form-group--error" : ""}`}>
                <Select
                  name={name("question")}
                  label="Question"
                  error={e("question")}
                  value={c.question ?? ""}
                  options={[
                    { value: "", label: "Choose a question" },
                    ...targets.map((t) => ({ value: t.id, label: `${t.title} (${t.id})` })),
                    ...(c.question && !targets.some((t) => t.id === c.question) ? [{ value: c.question, label: `${c.question} (not an earlier question)` }] : []),
                  ]}
                />
                <TextInput name={name("item")} label="Item (for matrix, precept and about-you questions)" error={e("item")} value={c.item ?? ""} width={20} spellCheck={false} />
                <Select name={name("operator")} label="The answer" value={c.operator ?? "any_of"} options={OPERATORS} />
                <TextInput
                  name={name("values")}
                  label="Answer IDs"
                  hint="Separate several with commas. The IDs each question offers are listed below."
                  error={e("values")}
                  value={(c.values ?? []).join(", ")}
                  spellCheck={false}
                />
                <RowButtons list="conditions" index={i} count={rows.length} noun="condition" />
              </Fieldset>
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
