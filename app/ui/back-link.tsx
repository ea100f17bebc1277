import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** govuk-frontend back link: before the main content, to the page the user came from. */
export function BackLink({ to, children = "Back" }: { to: string; children?: ReactNode }) {
  return (
    <Link to={to} className="govuk-back-link">
      {children}
    </Link>
  );
}
