import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * govuk-frontend back link: before the main content, to the page the user came from.
 * reloadDocument: a whole page load, as in the resident journey (see QuestionPageForm).
 */
export function BackLink({ to, reloadDocument = false, children = "Back" }: { to: string; reloadDocument?: boolean; children?: ReactNode }) {
  return (
    <Link to={to} className="govuk-back-link" reloadDocument={reloadDocument}>
      {children}
    </Link>
  );
}
