import { Link } from "@remix-run/react";

/**
 * GOV.UK pagination with Previous and Next only: `href(page)` builds each link, so a page keeps
 * whatever else its address carries (filters). Nothing is shown for a single page.
 */
export function Pagination({ page, pages, label, href }: { page: number; pages: number; label: string; href: (page: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav className="govuk-pagination" aria-label={label}>
      {page > 1 ? (
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" to={href(page - 1)} rel="prev">
            <span className="govuk-pagination__link-title">Previous page</span>
          </Link>
        </div>
      ) : null}
      <p className="govuk-body govuk-!-margin-bottom-0">
        Page {page} of {pages}
      </p>
      {page < pages ? (
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" to={href(page + 1)} rel="next">
            <span className="govuk-pagination__link-title">Next page</span>
          </Link>
        </div>
      ) : null}
    </nav>
  );
}

/** A page number from the address: a whole number from 1, anything else is page 1. */
export function pageFrom(url: string): number {
  const value = Number(new URL(url).searchParams.get("page") ?? "1");
  return Number.isInteger(value) && value >= 1 ? value : 1;
}
