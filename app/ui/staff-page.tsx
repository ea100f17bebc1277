import type { ReactNode } from "react";
import type { Role } from "~/auth/roles";
import type { ConsultationKind } from "~/lifecycle/lifecycle";
import { BackLink } from "./back-link";
import { ErrorSummary, type SummaryError } from "./error-summary";
import { NotificationBanner } from "./notification-banner";
import { PageTitle } from "./page-title";
import { StaffNav } from "./staff-nav";

/**
 * The frame of every signed-in staff page: title (with "Error: " when there are errors),
 * navigation, back link, error summary. The site's header, footer and main element are the
 * document's (root.tsx); the navigation and back link are left out when printed (app.scss).
 */
export function StaffPage({
  title,
  nav,
  errors = [],
  summaryInContent = false,
  back,
  children,
}: {
  /** The page's own title parts, most specific first; " - Staff - Your Say" follows. */
  title: string[];
  nav: { staff: { email: string; role: Role }; csrf: string };
  errors?: SummaryError[];
  /** The content shows the error summary itself (the shared question form does, in its column). */
  summaryInContent?: boolean;
  back?: { to: string; label: string };
  children: ReactNode;
}) {
  return (
    <>
      <PageTitle parts={[...title, "Staff"]} error={errors.length > 0} />
      <StaffNav email={nav.staff.email} role={nav.staff.role} csrf={nav.csrf} />
      {back ? <BackLink to={back.to}>{back.label}</BackLink> : null}
      {summaryInContent ? null : <ErrorSummary errors={errors} />}
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
    <NotificationBanner success titleId="success-title">
      {message}
    </NotificationBanner>
  );
}

export const KIND_LABELS: Record<ConsultationKind, string> = {
  precept: "Precept consultation",
  priorities: "Priorities consultation",
  survey: "Survey",
};
