import { useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

/**
 * Makes a client-side navigation behave like a page load for assistive technology. After a full
 * page load a screen reader announces the new title and starts at the top; after Remix swaps the
 * page in place it would say nothing, and focus would stay on the link or button that was pressed
 * (often now at the bottom of a different page). So, once the new page has rendered:
 *
 * - focus moves to its error summary if it shows one (ErrorSummary focuses itself), otherwise to
 *   its h1 (made focusable with tabindex="-1", the GOV.UK pattern for programmatic focus), so the
 *   next Tab starts from the top of the new content;
 * - the new document title is put in a polite live region, so it is announced as a page load's
 *   would be (the approach of Gatsby's and Next.js's route announcers, after Marcy Sutton's user
 *   testing, https://www.gatsbyjs.com/blog/2019-07-11-user-testing-accessible-client-routing/).
 *
 * A change of hash only (the skip link, an error summary link) is not a new page and is left alone.
 * The resident journey itself uses full document navigation instead (see QuestionPageForm).
 */
export function PageChangeAnnouncer() {
  const location = useLocation();
  const previous = useRef(`${location.pathname}${location.search}`);
  const [title, setTitle] = useState("");
  useEffect(() => {
    const page = `${location.pathname}${location.search}`;
    if (page === previous.current) return;
    previous.current = page;
    const summary = document.querySelector<HTMLElement>("main .govuk-error-summary");
    if (!summary) {
      const heading = document.querySelector<HTMLElement>("main h1") ?? document.getElementById("main-content");
      if (heading) {
        if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
        // ScrollRestoration has already put the page where it belongs (top, or back where it was).
        heading.focus({ preventScroll: true });
      }
    }
    setTitle(document.title);
  }, [location.pathname, location.search]);
  return (
    <div className="govuk-visually-hidden" role="status" aria-live="polite" aria-atomic="true" id="page-change-announcer">
      {title}
    </div>
  );
}
