import { fieldId, fieldName, type FormValues } from "~/responding/form-values";
import { assertNever, type Question, type QuestionOf } from "~/definition/definition";
import { ABOUT_YOU_ITEMS, aboutYouOptions } from "~/definition/about-you";
import { BAND_VALUES, bandAmount, bandEffect, bandEffects, BANDS, FIND_YOUR_BAND_URL, formatPounds, formatWeekly, parseBand, percentIncrease, type Band } from "~/precept/precept-bands";
import { scalePoints } from "~/definition/scales";
import { SUPPORT_CHOICES } from "~/precept/precept-support";
import { useEffect, useState, type ReactNode } from "react";
import { CharacterCount, Checkboxes, describedBy, Fieldset, FormGroup, Hint, Radios, Select, TextInput } from "../ui/fields";
import { ErrorMessage } from "../ui/error-summary";
import { numeric, Table } from "../ui/table";

/** Renders one question of any type, from the definition, the current values and any errors. */
export function QuestionField({ question, values, errors, band }: { question: Question; values: FormValues; errors: Record<string, string>; band?: BandChoice }) {
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
      return <PreceptField question={question} values={values} errors={errors} legend={legend} band={band} />;
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
  // A rank chosen before the page's scripts ran (a slow line) is in the select but not in this
  // state; React's next render would put the state back into every select and lose it. So the
  // state starts from what the selects hold once the scripts run. React leaves a select's choice
  // alone when it hydrates (unlike an input's).
  useEffect(() => {
    const chosen = Object.fromEntries(
      question.items.map((i) => [i.id, (document.getElementById(fieldId(q, i.id)) as HTMLSelectElement | null)?.value ?? ""]),
    );
    // Reading the page as the resident left it is syncing from outside React, once.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setRanks((current) => (question.items.some((i) => current[i.id] !== chosen[i.id]) ? chosen : current));
    // Once, on hydration: afterwards every change goes through choose().
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
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

/**
 * The resident's own council tax band, for the precept question: chosen in a GET form of its own
 * (its inputs sit inside the answer form but belong to the band form through HTML's form
 * attribute), so without JavaScript "Show the change for my band" reloads the page with ?band=B;
 * with JavaScript the figures change as soon as a band is chosen. Nothing about the band is sent
 * with the answers or stored.
 */
export interface BandChoice {
  chosen: Band | null;
  choose: (band: Band | null) => void;
  /** The id of the band's own form. */
  form: string;
}

function PreceptField({
  question,
  values,
  errors,
  legend,
  band,
}: {
  question: Extract<Question, { type: "precept" }>;
  values: FormValues;
  errors: Record<string, string>;
  legend: string;
  band?: BandChoice;
}) {
  const q = question.id;
  const chosen = band?.chosen ?? null;
  const now = bandEffects(question.currentBandD, 0);
  return (
    <div className="govuk-form-group">
      <p className="govuk-body">
        The policing part of council tax depends on your home&apos;s council tax band. Most homes in County Durham and Darlington are in bands A to C.
        {chosen
          ? ` A Band ${chosen} home pays ${formatPounds(bandAmount(question.currentBandD, chosen))} a year for policing now.`
          : ` Homes pay from ${formatPounds(now[0].currentYearly)} a year (Band A) to ${formatPounds(now[now.length - 1].currentYearly)} a year (Band H) for policing now.`}
      </p>
      {band ? (
        <Radios
          id={`${q}-your-band`}
          name="band"
          form={band.form}
          legend="Which council tax band is your home in? (optional)"
          hint={
            <>
              It is on your council tax bill, or you can{" "}
              <a className="govuk-link" href={FIND_YOUR_BAND_URL} target="_blank" rel="noreferrer noopener">
                check your Council Tax band on GOV.UK (opens in new tab)
              </a>
              . Bands go from A (homes worth {BAND_VALUES.A} in April 1991) to H ({BAND_VALUES.H}). You can skip this: the tables show every band.
            </>
          }
          choices={BANDS.map((b) => ({ id: b, label: `Band ${b}` }))}
          values={chosen ? [chosen] : []}
          onChange={(value) => band.choose(parseBand(value))}
          small
          inline
        >
          <button type="submit" form={band.form} className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
            Show the change for my band
          </button>
        </Radios>
      ) : null}
      <p className="govuk-body">
        For {question.year}, the Government allows an increase of up to {formatPounds(question.referendumLimit)} a year for a Band D home (
        {formatPounds(bandAmount(question.referendumLimit, "A"))} for Band A) without a local referendum.
      </p>
      {question.proposals.map((proposal) => {
        const effects = bandEffects(question.currentBandD, proposal.increase);
        const yours = chosen ? bandEffect(question.currentBandD, proposal.increase, chosen) : null;
        const first = effects[0];
        const last = effects[effects.length - 1];
        const several = question.proposals.length > 1;
        return (
          <div key={proposal.id} className="govuk-!-margin-bottom-8">
            <h2 className="govuk-heading-m">{proposal.label}</h2>
            {/* Announced when a band is chosen with JavaScript. */}
            <div aria-live="polite" className="app-band-effect">
              {yours ? (
                <p className="govuk-body">
                  <strong>
                    Your Band {yours.band} home would pay {formatPounds(yours.increaseYearly)} more a year, {formatWeekly(yours.increaseWeekly)} a week
                  </strong>
                  : {formatPounds(yours.proposedYearly)} a year for policing instead of {formatPounds(yours.currentYearly)}.
                </p>
              ) : (
                <p className="govuk-body">
                  Homes would pay from {formatWeekly(first.increaseWeekly)} a week more (Band A, {formatPounds(first.increaseYearly)} a year) to{" "}
                  {formatWeekly(last.increaseWeekly)} a week more (Band H, {formatPounds(last.increaseYearly)} a year).
                </p>
              )}
            </div>
            <p className="govuk-body">
              That is an increase of {percentIncrease(question.currentBandD, proposal.increase).toFixed(1)}% in every band.
              {proposal.requiresReferendum ? " This increase is above the limit and would need a local referendum." : ""}
            </p>
            <Table
              id={`${q}-${proposal.id}-bands`}
              scroll
              className="govuk-table--small-text-until-tablet"
              // Each table names its own proposal: two regions with one name could not be told apart.
              caption={several ? `${proposal.label}: what it means for each council tax band` : "What this means for each council tax band"}
              captionSize="s"
              head={["Band", { content: "Rise a year", format: "numeric" }, { content: "Rise a week", format: "numeric" }, { content: "New total a year", format: "numeric" }]}
              firstCellIsHeader
              rows={effects.map((e) => ({
                key: e.band,
                className: e.band === chosen ? "app-your-band" : undefined,
                cells: [
                  {
                    content: (
                      <>
                        {e.band}
                        {e.band === chosen ? <span className="govuk-visually-hidden"> (your band)</span> : null}
                      </>
                    ),
                  },
                  numeric(formatPounds(e.increaseYearly)),
                  numeric(formatWeekly(e.increaseWeekly)),
                  numeric(formatPounds(e.proposedYearly)),
                ],
              }))}
            />
            {question.answer === "support_each" ? (
              <Radios
                id={fieldId(q, proposal.id)}
                name={fieldName(q, proposal.id)}
                legend={several ? `${legend} (${proposal.label})` : legend}
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
