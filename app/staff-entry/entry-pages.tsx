import type { ReactNode } from "react";
import type { FieldError } from "~/responding/validation";
import type { FormValues } from "~/responding/form-values";
import { AnswersSummary, QuestionPageForm, type AnswerSection, type QuestionPageData } from "../responding/question-page";
import { BackLink } from "../ui/back-link";
import { NotificationBanner } from "../ui/notification-banner";
import { Csrf, StaffPage } from "../ui/staff-page";
import type { Role } from "~/auth/roles";

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
    <StaffPage title={[data.page.title, data.consultation.title]} nav={nav} errors={errors} summaryInContent>
      {banner}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <QuestionPageForm data={data} errors={errors} values={values} hiddenFields={<Csrf token={nav.csrf} />} notAnswered={notAnswered} />
        </div>
      </div>
    </StaffPage>
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
    <StaffPage title={["Check answers", data.consultation.title]} nav={nav}>
      {banner}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <BackLink to={data.backTo} />
          <span className="govuk-caption-l">{data.consultation.title}</span>
          <h1 className="govuk-heading-l">Check answers</h1>
          <AnswersSummary sections={data.sections} changeBase={data.base} whose="the answer" />
          {children}
        </div>
      </div>
    </StaffPage>
  );
}

/** Says which kind of staff entry this is, above every page of it. */
export function EntryBanner({ title, children }: { title: string; children: ReactNode }) {
  return (
    <NotificationBanner title={title} titleId="entry-banner-title">
      {children}
    </NotificationBanner>
  );
}
