import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import type { Role } from "~/auth/roles";
import type { ConsultationKind } from "~/lifecycle/lifecycle";
import { ErrorSummary, type SummaryError } from "./error-summary";
import { PageTitle } from "./page-title";
import { StaffNav } from "./staff-nav";

/** The frame of every staff page: title (with "Error: " when there are errors), navigation, back link, error summary. */
export function StaffPage({
  title,
  nav,
  errors = [],
  back,
  children,
}: {
  title: string[];
  nav: { staff: { email: string; role: Role }; csrf: string };
  errors?: SummaryError[];
  back?: { to: string; label: string };
  children: ReactNode;
}) {
  return (
    <>
      <PageTitle parts={[...title, "Staff"]} error={errors.length > 0} />
      <StaffNav email={nav.staff.email} role={nav.staff.role} csrf={nav.csrf} />
      {back ? (
        <Link to={back.to} className="govuk-back-link">
          {back.label}
        </Link>
      ) : null}
      <ErrorSummary errors={errors} />
      {children}
    </>
  );
}

/** A hidden CSRF field for every staff form. */
export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** Success message after a change (GOV.UK notification banner, success variant). */
export function SuccessBanner({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="success-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="success-title">
          Success
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{message}</p>
      </div>
    </div>
  );
}

export const KIND_LABELS: Record<ConsultationKind, string> = {
  precept: "Precept consultation",
  priorities: "Priorities consultation",
  survey: "Survey",
};
