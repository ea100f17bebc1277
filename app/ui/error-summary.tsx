import { useEffect, useRef, type MouseEvent } from "react";

export interface SummaryError {
  field: string;
  message: string;
}

/**
 * GOV.UK error summary: at the top of the main content, focused when it appears so screen
 * readers announce it; each message links to its field. The role="alert" sits on an inner
 * element, as govuk-frontend does, to avoid a race in screen-reader announcements.
 */
export function ErrorSummary({ errors }: { errors: SummaryError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  }, [errors]);
  if (!errors.length) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" tabIndex={-1} ref={ref}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((e) => (
              <li key={`${e.field}:${e.message}`}>
                <a href={`#${e.field}`} onClick={focusField}>
                  {e.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/**
 * With JavaScript, move focus to the field without a navigation: a hash change would count as one
 * for Remix and drop the action data, losing the errors and what was typed. Without JavaScript the
 * plain link does the job.
 */
function focusField(event: MouseEvent<HTMLAnchorElement>) {
  const id = event.currentTarget.hash.slice(1);
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  window.history.replaceState(window.history.state, "", `#${id}`);
  (target.closest("fieldset")?.querySelector("legend") ?? target).scrollIntoView();
  target.focus({ preventScroll: true });
}

export function ErrorMessage({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {message}
    </p>
  );
}
