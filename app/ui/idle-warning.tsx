import { useEffect, useState } from "react";

/**
 * A warning before the staff session ends for want of activity, so nobody loses an edit they
 * have typed but not saved. With JavaScript: a few minutes before the end, a banner says so and
 * offers to stay signed in (one request to the server, which counts as activity). Without it, the
 * note says how long a session lasts. (WCAG 2.2.1 Timing Adjustable: warn, and let the user extend.)
 */
export function IdleWarning({ idleMinutes, warnMinutes = 5 }: { idleMinutes: number; warnMinutes?: number }) {
  const [warning, setWarning] = useState(false);
  const [last, setLast] = useState(() => Date.now());
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    const warnAt = setTimeout(() => setWarning(true), (idleMinutes - warnMinutes) * 60_000);
    const endAt = setTimeout(() => setExpired(true), idleMinutes * 60_000);
    return () => {
      clearTimeout(warnAt);
      clearTimeout(endAt);
    };
  }, [last, idleMinutes, warnMinutes]);

  const stay = async () => {
    // Any signed-in request is activity: the server moves the idle deadline on.
    const res = await fetch(window.location.pathname, { headers: { Accept: "text/html" }, credentials: "same-origin" });
    if (res.ok && !res.redirected) {
      setWarning(false);
      setExpired(false);
      setLast(Date.now());
    } else setExpired(true);
  };

  if (!warning) {
    return (
      <p className="govuk-body-s app-muted" id="idle-note">
        For security you are signed out after {idleMinutes} minutes without saving or moving between pages. Save your changes before a break.
      </p>
    );
  }
  return (
    <div className="govuk-notification-banner app-idle-warning" role="alert" aria-labelledby="idle-title" data-module="govuk-notification-banner">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="idle-title">
          Important
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        {expired ? (
          <p className="govuk-notification-banner__heading">
            You have been signed out because nothing was saved for {idleMinutes} minutes. Copy anything you typed, then sign in again.
          </p>
        ) : (
          <>
            <p className="govuk-notification-banner__heading">You will be signed out in {warnMinutes} minutes unless you save or stay signed in. Anything not saved will be lost.</p>
            <button type="button" className="govuk-button govuk-!-margin-bottom-0" onClick={() => void stay()}>
              Stay signed in
            </button>
          </>
        )}
      </div>
    </div>
  );
}
