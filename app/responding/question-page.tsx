import { Form, Link, useLocation } from "@remix-run/react";
import { Fragment, useEffect, useState, type ReactNode } from "react";
import { parseBand, type Band } from "~/precept/precept-bands";
import type { FieldError } from "~/responding/validation";
import type { FormValues } from "~/responding/form-values";
import type { Question } from "~/definition/definition";
import { BackLink } from "../ui/back-link";
import { ErrorSummary } from "../ui/error-summary";
import { QuestionField } from "./question-field";
import { Checkbox } from "../ui/fields";

/**
 * One section of a consultation as a form, and the check-your-answers summary: shared by the
 * resident's journey, staff preview and paper entry, so all three show exactly the same thing.
 */

const BAND_FORM = "band-form";

export interface QuestionPageData {
  consultation: { title: string };
  page: { title: string; intro?: string };
  questions: Question[];
  progress: { number: number; total: number };
  backTo: string;
  changing: boolean;
}

export function QuestionPageForm({
  data,
  errors,
  values,
  hiddenFields,
  documentNavigation = false,
  notAnswered,
}: {
  data: QuestionPageData;
  errors: FieldError[];
  values: FormValues;
  /** Extra hidden inputs, e.g. the staff CSRF token. */
  hiddenFields?: ReactNode;
  /**
   * Continue and Back load a whole new document, with JavaScript too (the resident's journey):
   * every screen reader then does what it does on any page load (announces the new title, starts
   * reading from the top, or from the error summary, which focuses itself), exactly as without
   * JavaScript, instead of relying on an emulation of a page load (see ui/page-change.tsx).
   */
  documentNavigation?: boolean;
  /** Staff entry of paper, event and phone responses: the questions ticked "Not answered". */
  notAnswered?: string[];
}) {
  const location = useLocation();
  const errorByField = Object.fromEntries(errors.map((e) => [e.field, e.message]));
  // The resident's council tax band, for a precept question: from ?band= (the band form's GET,
  // without JavaScript), or chosen on the page. Kept in the answer form's address so it stays
  // through an error, never sent as an answer.
  const [band, setBand] = useState<Band | null>(() => parseBand(new URLSearchParams(location.search).get("band")));
  // A band picked before the page's scripts ran (a slow line) is checked on the page but not in
  // this state, so its effect would not show and React's next render would clear it: the state
  // starts from the page as the resident left it (React leaves a radio's checkedness alone when
  // it hydrates).
  useEffect(() => {
    const picked = document.querySelector<HTMLInputElement>(`input[name="band"][form="${BAND_FORM}"]:checked`);
    // Syncing from outside React, once.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (picked) setBand(parseBand(picked.value));
  }, []);
  const asksPrecept = data.questions.some((q) => q.type === "precept");
  const query = new URLSearchParams([...(data.changing ? [["change", "1"]] : []), ...(asksPrecept && band ? [["band", band]] : [])]).toString();
  return (
    <>
      <BackLink to={data.backTo} reloadDocument={documentNavigation} />
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">{data.consultation.title}</span>
      <h1 className="govuk-heading-l">{data.page.title}</h1>
      <p className="app-progress">
        Section {data.progress.number} of {data.progress.total}
      </p>
      {data.page.intro ? <p className="govuk-body">{data.page.intro}</p> : null}
      {asksPrecept ? (
        // The band's own form: its inputs are inside the answer form below, joined to this one by their form attribute.
        <form id={BAND_FORM} method="get" action={location.pathname}>
          {data.changing ? <input type="hidden" name="change" value="1" form={BAND_FORM} /> : null}
        </form>
      ) : null}
      <Form method="post" action={`${location.pathname}${query ? `?${query}` : ""}`} noValidate reloadDocument={documentNavigation}>
        {hiddenFields}
        {data.questions.map((q) => (
          <Fragment key={q.id}>
            <QuestionField question={q} values={values} errors={errorByField} band={{ chosen: band, choose: setBand, form: BAND_FORM }} />
            {notAnswered ? <NotAnsweredBox question={q} checked={notAnswered.includes(q.id)} /> : null}
          </Fragment>
        ))}
        <button type="submit" className="govuk-button" data-module="govuk-button">
          Continue
        </button>
      </Form>
    </>
  );
}

/**
 * On a paper form a question is often left blank, required or not. Staff say so, rather than
 * choosing an answer the form did not give; the question is then stored as not answered.
 */
function NotAnsweredBox({ question, checked }: { question: Question; checked: boolean }) {
  const partial = question.type === "matrix" || question.type === "ranking" || question.type === "about_you" || (question.type === "precept" && question.answer === "support_each");
  return (
    <Checkbox
      name="_not_answered"
      id={`${question.id}-not-answered`}
      value={question.id}
      checked={checked}
      small
      label={`${partial ? "Not answered, or only partly answered, on the form" : "Not answered on the form"}`}
      hint={`About: ${question.title}`}
    />
  );
}

export interface AnswerSection {
  id: string;
  title: string;
  rows: { id: string; title: string; lines: string[] }[];
}

/** GOV.UK summary lists, one per section, each answer with a Change link back to its page. */
export function AnswersSummary({
  sections,
  changeBase,
  whose = "your answer",
  documentNavigation = false,
}: {
  sections: AnswerSection[];
  changeBase: string;
  whose?: string;
  /** Change links load a whole document, as in QuestionPageForm. */
  documentNavigation?: boolean;
}) {
  return (
    <>
      {sections.map((section) => (
        <section key={section.id}>
          <h2 className="govuk-heading-m">{section.title}</h2>
          <dl className="govuk-summary-list govuk-!-margin-bottom-9">
            {section.rows.map((row) => (
              <div key={row.id} className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">{row.title}</dt>
                <dd className="govuk-summary-list__value">
                  {row.lines.length === 1 ? (
                    row.lines[0]
                  ) : (
                    <ul className="govuk-list">
                      {row.lines.map((line, i) => (
                        <li key={i}>{line}</li>
                      ))}
                    </ul>
                  )}
                </dd>
                <dd className="govuk-summary-list__actions">
                  <Link className="govuk-link" to={`${changeBase}/questions/${section.id}?change=1`} reloadDocument={documentNavigation}>
                    Change<span className="govuk-visually-hidden"> {whose} to: {row.title}</span>
                  </Link>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </>
  );
}
