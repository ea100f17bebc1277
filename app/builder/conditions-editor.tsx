import { describeConditionAgainst, type ConditionTarget } from "../definition/conditions-text";
import { Checkboxes, Fieldset, Select } from "../ui/fields";

export type { ConditionTarget };

interface ConditionRow {
  question?: string;
  item?: string;
  operator?: string;
  values?: string[];
}

const OPERATORS = [
  { value: "any_of", label: "is one of the ticked answers" },
  { value: "equals", label: "is exactly the ticked answer" },
  { value: "none_of", label: "is none of the ticked answers" },
];

/**
 * Routing conditions ("show only if…") for a page or question. Choose the earlier question, then
 * tick its answers (and, for a grid, choose the row): no ids to type. Each condition is repeated
 * in words. Choosing a question shows its answers after "Show its answers", a plain submit, so it
 * works without JavaScript; the ids behind the answers are listed only on request.
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
            const target = targets.find((t) => t.id === c.question);
            const hasItems = Boolean(target && (target.groups.length > 1 || target.groups[0]?.item));
            const group = target ? (target.groups.find((g) => g.item === (c.item ?? "")) ?? (hasItems ? undefined : target.groups[0])) : undefined;
            const words = describeConditionAgainst(targets, c);
            return (
              <Fieldset key={i} legend={`Condition ${i + 1}`} legendSize="s" className={`app-builder-row${hasError ? " govuk-form-group--error" : ""}`}>
                {words ? <p className="govuk-inset-text app-condition-words">{words}</p> : null}
                <Select
                  name={name("question")}
                  label="Earlier question"
                  error={e("question")}
                  value={c.question ?? ""}
                  options={[
                    { value: "", label: "Choose a question" },
                    ...targets.map((t) => ({ value: t.id, label: t.title })),
                    ...(c.question && !targets.some((t) => t.id === c.question) ? [{ value: c.question, label: `${c.question} (not an earlier question)` }] : []),
                  ]}
                />
                {hasItems && target ? (
                  <Select
                    name={name("item")}
                    label="Which part of it"
                    error={e("item")}
                    value={c.item ?? ""}
                    options={[{ value: "", label: "Choose a part" }, ...target.groups.map((g) => ({ value: g.item, label: g.itemLabel }))]}
                  />
                ) : null}
                <button type="submit" name="intent" value="refresh" className="govuk-button govuk-button--secondary">
                  Show its answers<span className="govuk-visually-hidden"> for condition {i + 1}</span>
                </button>
                {group ? (
                  <>
                    <Select name={name("operator")} label="The answer" value={c.operator ?? "any_of"} options={OPERATORS} />
                    <Checkboxes
                      id={name("values")}
                      name={name("values")}
                      legend="Answers"
                      legendSize="s"
                      small
                      error={e("values")}
                      choices={group.values.map((v) => ({ id: v.id, label: v.label }))}
                      values={c.values ?? []}
                    />
                  </>
                ) : (
                  <>
                    <input type="hidden" name={name("operator")} value={c.operator ?? "any_of"} />
                    {(c.values ?? []).map((v) => (
                      <input key={v} type="hidden" name={name("values")} value={v} />
                    ))}
                    {e("values") ? <p className="govuk-error-message">{e("values")}</p> : null}
                    <p className="govuk-body">{target ? "Choose the part of the question, then select Show its answers." : "Choose the question, then select Show its answers."}</p>
                  </>
                )}
                <RowButtons list="conditions" index={i} count={rows.length} noun="condition" />
              </Fieldset>
            );
          })}
          <button type="submit" name="intent" value="add:conditions" className="govuk-button govuk-button--secondary">
            Add a condition
          </button>
          <details className="govuk-details">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">Show the IDs of earlier questions and their answers</span>
            </summary>
            <div className="govuk-details__text">
              <dl className="govuk-summary-list">
                {targets.map((t) => (
                  <div key={t.id} className="govuk-summary-list__row">
                    <dt className="govuk-summary-list__key">
                      {t.title} (<code>{t.id}</code>)
                    </dt>
                    <dd className="govuk-summary-list__value">
                      {t.groups.map((g) => (
                        <p key={g.item} className="govuk-body-s">
                          {g.item ? <>{g.itemLabel} (<code>{g.item}</code>): </> : null}
                          {g.values.map((v, n) => (
                            <span key={v.id}>
                              {n ? ", " : ""}
                              {v.label} (<code>{v.id}</code>)
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
