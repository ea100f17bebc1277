import { fieldId, fieldName, type FormValues } from "~/responding/form-values";
import { assertNever, type Question, type QuestionOf } from "~/definition/definition";
import { ABOUT_YOU_ITEMS, aboutYouOptions } from "~/definition/about-you";
import { bandEffects, formatPounds, formatWeekly, percentIncrease } from "~/precept/precept-bands";
import { scalePoints } from "~/definition/scales";
import { SUPPORT_CHOICES } from "~/precept/precept-support";
import { useState, type ReactNode } from "react";
import { CharacterCount, Checkboxes, describedBy, Fieldset, FormGroup, Hint, Radios, Select, TextInput } from "../ui/fields";
import { ErrorMessage } from "../ui/error-summary";
import { numeric, Table } from "../ui/table";

/** Renders one question of any type, from the definition, the current values and any errors. */
export function QuestionField({ question, values, errors }: { question: Question; values: FormValues; errors: Record<string, string> }) {
  const q = question.id;
  const v = (name: string) => values[name] ?? [];
  const optional = question.required ? "" : " (optional)";
  const legend = `${question.title}${optional}`;

  switch (question.type) {
    case "single_choice": {
      const other = question.options.find((o) => o.other);
      return (
        <Radios id={q} name={q} legend={legend} hint={question.hint} error={errors[q]} choices={question.options} values={v(q)}>
          {other ? (
            <TextInput
              id={fieldId(q, "other")}
              name={fieldName(q, "other")}
              label={`If you chose "${other.label}", please tell us more`}
              labelSize="m"
              error={errors[fieldId(q, "other")]}
              value={v(fieldName(q, "other"))[0]}
            />
          ) : null}
        </Radios>
      );
    }
    case "multiple_choice": {
      const limits = [
        question.minSelections ? `at least ${question.minSelections}` : "",
        question.maxSelections ? `up to ${question.maxSelections}` : "",
      ].filter(Boolean);
      const hint = [question.hint, limits.length ? `Select ${limits.join(" and ")}.` : ""].filter(Boolean).join(" ");
      return <Checkboxes id={q} name={q} legend={legend} hint={hint || undefined} error={errors[q]} choices={question.options} values={v(q)} />;
    }
    case "scale":
      return <Radios id={q} name={q} legend={legend} hint={question.hint} error={errors[q]} choices={scalePoints(question.scale, question.dontKnow)} values={v(q)} />;
    case "matrix": {
      const points = scalePoints(question.scale, question.dontKnow);
      // One message for the whole matrix (naming the rows still to answer), keyed by the first of them.
      const error = question.items.map((item) => errors[fieldId(q, item.id)]).find(Boolean);
      return (
        <ItemGroup id={q} legend={legend} hint={question.hint} error={error}>
          {question.items.map((item) => (
            <Radios
              key={item.id}
              id={fieldId(q, item.id)}
              name={fieldName(q, item.id)}
              legend={item.label}
              legendSize="s"
              choices={points}
              values={v(fieldName(q, item.id))}
              small
            />
          ))}
        </ItemGroup>
      );
    }
    case "ranking":
      return <RankingField question={question} values={values} errors={errors} legend={legend} />;
    case "free_text":
      return <CharacterCount name={q} label={legend} labelSize="m" hint={question.hint} error={errors[q]} value={v(q)[0]} maxLength={question.maxLength} />;
    case "number": {
      const range =
        question.min !== undefined && question.max !== undefined
          ? `Enter a ${question.wholeNumber ? "whole " : ""}number from ${question.min} to ${question.max}.`
          : undefined;
      return (
        <TextInput
          name={q}
          label={legend}
          labelSize="m"
          hint={[question.hint, range].filter(Boolean).join(" ") || undefined}
          error={errors[q]}
          value={v(q)[0]}
          inputMode={question.wholeNumber ? "numeric" : "decimal"}
          width={5}
          suffix={question.suffix}
          spellCheck={false}
        />
      );
    }
    case "postcode":
      return (
        <TextInput
          name={q}
          label={legend}
          labelSize="m"
          hint={question.hint ?? "We only keep the first part of your postcode, for example DH1."}
          error={errors[q]}
          value={v(q)[0]}
          autoComplete="postal-code"
          width={10}
          spellCheck={false}
        />
      );
    case "precept":
      return <PreceptField question={question} values={values} errors={errors} legend={legend} />;
    case "about_you":
      return (
        <ItemGroup id={q} legend={legend} hint={question.hint}>
          {question.fields.map((field) => (
            <Radios
              key={field}
              id={fieldId(q, field)}
              name={fieldName(q, field)}
              legend={`${ABOUT_YOU_ITEMS[field].question} (optional)`}
              legendSize="s"
              error={errors[fieldId(q, field)]}
              choices={aboutYouOptions(field)}
              values={v(fieldName(q, field))}
              small
            />
          ))}
        </ItemGroup>
      );
    default:
      return assertNever(question);
  }
}

/**
 * Ranking: a select per item ("Not ranked", 1…N), which works without JavaScript and never needs
 * drag and drop. With JavaScript, choosing a rank another item already has swaps the two, and a
 * live region says so, so a resident cannot give a rank twice by accident.
 */
function RankingField({ question, values, errors, legend }: { question: QuestionOf<"ranking">; values: FormValues; errors: Record<string, string>; legend: string }) {
  const q = question.id;
  const rankCount = question.rankCount ?? question.items.length;
  const hintId = `${q}-hint`;
  const [ranks, setRanks] = useState<Record<string, string>>(() =>
    Object.fromEntries(question.items.map((i) => [i.id, values[fieldName(q, i.id)]?.[0] ?? ""])),
  );
  const [announcement, setAnnouncement] = useState("");
  // Errors are keyed by the select they concern; the message shows once, above the list.
  const errorItem = question.items.find((i) => errors[fieldId(q, i.id)]);
  const error = errorItem ? errors[fieldId(q, errorItem.id)] : undefined;
  const options = [{ value: "", label: "Not ranked" }, ...Array.from({ length: rankCount }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))];
  const choose = (item: string, rank: string) => {
    const holder = rank ? question.items.find((i) => i.id !== item && ranks[i.id] === rank) : undefined;
    setRanks({ ...ranks, [item]: rank, ...(holder ? { [holder.id]: ranks[item] } : {}) });
    setAnnouncement(holder ? `${holder.label} is now ${ranks[item] ? `ranked ${ranks[item]}` : "not ranked"}` : "");
  };
  return (
    <FormGroup error={Boolean(error)}>
      <Fieldset legend={legend} describedBy={`${hintId}${error ? ` ${q}-error` : ""}`}>
        <Hint id={hintId}>
          {question.hint ??
            (rankCount === question.items.length
              ? "Give each item a rank: 1 is the most important."
              : `Choose a rank for your top ${rankCount}: 1 is the most important. Leave the rest as "Not ranked".`)}
        </Hint>
        <ErrorMessage id={`${q}-error`} message={error} />
        {question.items.map((item) => (
          <Select
            key={item.id}
            id={fieldId(q, item.id)}
            name={fieldName(q, item.id)}
            label={item.label}
            value={ranks[item.id]}
            onChange={(rank) => choose(item.id, rank)}
            options={options}
            invalid={item.id === errorItem?.id}
          />
        ))}
        <div className="govuk-visually-hidden" aria-live="polite">
          {announcement}
        </div>
      </Fieldset>
    </FormGroup>
  );
}

/**
 * A question asked about several items (matrix rows, "about you" items): the question is the
 * outer legend and each item is its own fieldset, so a screen reader announces both and each
 * row stacks on a narrow phone.
 */
function ItemGroup({ id, legend, hint, error, children }: { id: string; legend: string; hint?: string; error?: string; children: ReactNode }) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <FormGroup error={Boolean(error)}>
      <Fieldset legend={legend} describedBy={describedBy(hintId, errorId)}>
        {hint ? <Hint id={hintId!}>{hint}</Hint> : null}
        <ErrorMessage id={`${id}-error`} message={error} />
        {children}
      </Fieldset>
    </FormGroup>
  );
}

function PreceptField({
  question,
  values,
  errors,
  legend,
}: {
  question: Extract<Question, { type: "precept" }>;
  values: FormValues;
  errors: Record<string, string>;
  legend: string;
}) {
  const q = question.id;
  return (
    <div className="govuk-form-group">
      <p className="govuk-body">
        A Band D home currently pays <strong>{formatPounds(question.currentBandD)} a year</strong> for policing. For {question.year}, the
        Government allows an increase of up to {formatPounds(question.referendumLimit)} a year for Band D without a local referendum.
      </p>
      {question.proposals.map((proposal) => {
        const effects = bandEffects(question.currentBandD, proposal.increase);
        const tableId = `${q}-${proposal.id}-bands`;
        return (
          <div key={proposal.id} className="govuk-!-margin-bottom-8">
            <h2 className="govuk-heading-m">{proposal.label}</h2>
            <p className="govuk-body">
              A Band D home would pay {formatPounds(proposal.increase)} more a year ({formatWeekly(proposal.increase / 52)} a week), an increase of{" "}
              {percentIncrease(question.currentBandD, proposal.increase).toFixed(1)}%.
              {proposal.requiresReferendum ? " This increase is above the limit and would need a local referendum." : ""}
            </p>
            <div className="app-table-wrapper" role="region" aria-labelledby={`${tableId}-caption`} tabIndex={0}>
              <Table
                className="govuk-table--small-text-until-tablet"
                caption="What this means for each council tax band"
                captionSize="s"
                captionId={`${tableId}-caption`}
                head={["Band", { content: "Rise a year", format: "numeric" }, { content: "Rise a week", format: "numeric" }, { content: "New total a year", format: "numeric" }]}
                firstCellIsHeader
                rows={effects.map((e) => ({
                  key: e.band,
                  cells: [e.band, numeric(formatPounds(e.increaseYearly)), numeric(formatWeekly(e.increaseWeekly)), numeric(formatPounds(e.proposedYearly))],
                }))}
              />
            </div>
            {question.answer === "support_each" ? (
              <Radios
                id={fieldId(q, proposal.id)}
                name={fieldName(q, proposal.id)}
                legend={question.proposals.length > 1 ? `${legend} (${proposal.label})` : legend}
                hint={question.hint}
                error={errors[fieldId(q, proposal.id)]}
                choices={[...SUPPORT_CHOICES]}
                values={values[fieldName(q, proposal.id)] ?? []}
              />
            ) : null}
          </div>
        );
      })}
      {question.answer === "choose_one" ? (
        <Radios
          id={q}
          name={q}
          legend={legend}
          hint={question.hint}
          error={errors[q]}
          choices={[...question.proposals.map((p) => ({ id: p.id, label: p.label })), { id: "dont_know", label: "Don't know" }]}
          values={values[q] ?? []}
        />
      ) : null}
    </div>
  );
}
