import { Form, Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { FieldError, FormValues } from "~/consultation/answers";
import type { Question } from "~/consultation/definition";
import { ErrorSummary } from "./error-summary";
import { PageTitle } from "./page-title";
import { QuestionField } from "./question";
import { Csrf } from "./staff-page";
import { StaffNav } from "./staff-nav";
import type { Role } from "~/auth/roles";

export const CHANNEL_NAMES: Record<string, string> = { paper: "Paper", event: "Event", phone: "Phone", preview: "Preview" };

interface Nav {
  staff: { email: string; role: Role };
  csrf: string;
}

/** A question page for preview and paper entry: the resident's page (same QuestionField), framed for staff. */
export function EntryQuestionPage({
  nav,
  banner,
  data,
  errors,
  values,
}: {
  nav: Nav;
  banner: ReactNode;
  data: {
    consultation: { title: string };
    page: { title: string; intro?: string };
    questions: Question[];
    progress: { number: number; total: number };
    backTo: string;
    changing: boolean;
  };
  errors: FieldError[];
  values: FormValues;
}) {
  const location = useLocation();
  const errorByField = Object.fromEntries(errors.map((e) => [e.field, e.message]));
  return (
    <>
      <PageTitle parts={[data.page.title, data.consultation.title, "Staff"]} error={errors.length > 0} />
      <StaffNav email={nav.staff.email} role={nav.staff.role} csrf={nav.csrf} />
      {banner}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Link to={data.backTo} className="govuk-back-link">
            Back
          </Link>
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{data.consultation.title}</span>
          <h1 className="govuk-heading-l">{data.page.title}</h1>
          <p className="app-progress">
            Section {data.progress.number} of {data.progress.total}
          </p>
          {data.page.intro ? <p className="govuk-body">{data.page.intro}</p> : null}
          <Form method="post" action={`${location.pathname}${data.changing ? "?change=1" : ""}`} noValidate>
            <Csrf token={nav.csrf} />
            {data.questions.map((q) => (
              <QuestionField key={q.id} question={q} values={values} errors={errorByField} />
            ))}
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Continue
            </button>
          </Form>
        </div>
      </div>
    </>
  );
}

/** Check answers for preview and paper entry; `children` holds the submit (paper) or nothing (preview). */
export function EntryCheckPage({
  nav,
  banner,
  data,
  children,
}: {
  nav: Nav;
  banner: ReactNode;
  data: { consultation: { title: string }; base: string; backTo: string; sections: { id: string; title: string; rows: { id: string; title: string; lines: string[] }[] }[] };
  children?: ReactNode;
}) {
  return (
    <>
      <PageTitle parts={["Check answers", data.consultation.title, "Staff"]} />
      <StaffNav email={nav.staff.email} role={nav.staff.role} csrf={nav.csrf} />
      {banner}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Link to={data.backTo} className="govuk-back-link">
            Back
          </Link>
          <span className="govuk-caption-l">{data.consultation.title}</span>
          <h1 className="govuk-heading-l">Check answers</h1>
          {data.sections.map((section) => (
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
                      <Link className="govuk-link" to={`${data.base}/questions/${section.id}?change=1`}>
                        Change<span className="govuk-visually-hidden"> the answer to: {row.title}</span>
                      </Link>
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
          {children}
        </div>
      </div>
    </>
  );
}

export function EntryBanner({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="entry-banner-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="entry-banner-title">
          {title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{children}</p>
      </div>
    </div>
  );
}
