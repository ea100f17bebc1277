import type { ReactNode } from "react";

/**
 * govuk-frontend notification banner: "Important" news in a region, or (success) the outcome of
 * what the user just did, announced as an alert. `children` is the banner's heading text.
 */
export function NotificationBanner({
  title,
  titleId,
  success = false,
  headingId,
  children,
}: {
  title?: string;
  /** Unique on the page: the banner is labelled by its title. */
  titleId: string;
  success?: boolean;
  headingId?: string;
  children: ReactNode;
}) {
  return (
    <div
      className={`govuk-notification-banner${success ? " govuk-notification-banner--success" : ""}`}
      role={success ? "alert" : "region"}
      aria-labelledby={titleId}
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={titleId}>
          {title ?? (success ? "Success" : "Important")}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading" id={headingId}>
          {children}
        </p>
      </div>
    </div>
  );
}
