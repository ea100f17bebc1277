import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { FieldError } from "~/responding/validation";
import type { FormValues } from "~/responding/form-values";
import { PageTitle } from "../ui/page-title";
import { AnswersSummary, QuestionPageForm, type AnswerSection, type QuestionPageData } from "../responding/question-page";
import { Csrf } from "../ui/staff-page";
import { StaffNav } from "../ui/staff-nav";
import type { Role } from "~/auth/roles";

export const CHANNEL_NAMES: Record<string, string> = { paper: "Paper", event: "Event", phone: "Phone", preview: "Preview" };

interface Nav {
  staff: { email: string; role: Role };
  csrf: string;
}

/** A question page for preview and paper entry: the resident's page, framed for staff. */
export function EntryQuestionPage({
  nav,
  banner,
  data,
  errors,
  values,
  notAnswered,
}: {
  nav: Nav;
  banner: ReactNode;
  data: QuestionPageData;
  errors: FieldError[];
  values: FormValues;
  notAnswered?: string[];
}) {
  return (
    <>
      <PageTitle parts={[data.page.title, data.consultation.title, "Staff"]} error={errors.length > 0} />
      <StaffNav email={nav.staff.email} role={nav.staff.role} csrf={nav.csrf} />
      {banner}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <QuestionPageForm data={data} errors={errors} values={values} hiddenFields={<Csrf token={nav.csrf} />} notAnswered={notAnswered} />
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
  data: { consultation: { title: string }; base: string; backTo: string; sections: AnswerSection[] };
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
          <AnswersSummary sections={data.sections} changeBase={data.base} whose="the answer" />
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
