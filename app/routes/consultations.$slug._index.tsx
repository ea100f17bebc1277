import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageTitle } from "~/ui/page-title";
import { BackLink } from "~/ui/back-link";
import { NotificationBanner } from "~/ui/notification-banner";
import { StatusTag } from "~/ui/status-tag";
import { firstStep } from "~/responding/journey";
import { formatUkDate, formatUkDateTime } from "~/lifecycle/lifecycle";
import { db } from "~/server/db.server";
import { draftIdFor, setDraftId } from "~/responding/draft-cookie.server";
import { headline } from "~/models/consultation.server";
import { getDraft } from "~/models/draft.server";
import { clientAddressOf } from "~/server/rate-limit.server";
import { requireConsultation, requireOpen, startDraft } from "~/responding/respond.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const c = await requireConsultation(params.slug);
  const draftId = await draftIdFor(request, c.id);
  const draft = draftId ? await getDraft(db(), { id: draftId, consultationId: c.id }) : null;
  return json({
    consultation: {
      ...headline(c),
      estimatedMinutes: c.definition.estimatedMinutes,
      sections: c.definition.pages.length,
      resultsPublished: c.status === "published",
    },
    inProgress: Boolean(draft && Object.keys(draft.answers).length),
    expired: new URL(request.url).searchParams.has("expired"),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const c = await requireConsultation(params.slug);
  requireOpen(c);
  const draft = await startDraft(request, c, clientAddressOf(context));
  const step = firstStep(c.definition, {});
  const to = step.kind === "page" ? `/consultations/${c.slug}/questions/${step.pageId}` : `/consultations/${c.slug}/check`;
  return redirect(to, { headers: { "Set-Cookie": await setDraftId(request, c.id, draft.id) } });
}

export default function StartPage() {
  const { consultation: c, inProgress, expired } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <PageTitle parts={[c.title]} />
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/consultations">All consultations</BackLink>
        {expired ? (
          <NotificationBanner titleId="expired-title">
            We could not find your answers in progress. They are kept for 24 hours, or until you close your browser. Please start again.
          </NotificationBanner>
        ) : null}
        <h1 className="govuk-heading-xl">{c.title}</h1>
        <p className="govuk-body-l">{c.summary}</p>
        <p className="govuk-body">
          <StatusTag status={c.status} />
        </p>
        <dl className="govuk-summary-list govuk-summary-list--no-border">
          {c.status === "scheduled" ? (
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Opens</dt>
              <dd className="govuk-summary-list__value">{formatUkDateTime(c.opensAt)}</dd>
            </div>
          ) : null}
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{c.status === "open" || c.status === "scheduled" ? "Closes" : "Closed"}</dt>
            <dd className="govuk-summary-list__value">{c.status === "open" || c.status === "scheduled" ? formatUkDateTime(c.closesAt) : formatUkDate(c.closesAt)}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Time it takes</dt>
            <dd className="govuk-summary-list__value">
              About {c.estimatedMinutes} minutes, in {c.sections} short sections
            </dd>
          </div>
        </dl>

        {c.status === "open" ? (
          <>
            <h2 className="govuk-heading-m">Your privacy</h2>
            <p className="govuk-body">Your answers are anonymous. We keep only what you tell us in the questions:</p>
            <ul className="govuk-list govuk-list--bullet">
              <li>we do not ask for your name, email address or phone number</li>
              <li>we do not keep your IP address, your browser details or any cookie with your answers</li>
              <li>if you give a postcode, we keep only the first part (for example DH1)</li>
              <li>we remove email addresses, phone numbers, postcodes, vehicle registrations and National Insurance numbers from anything you type</li>
              <li>we publish totals only, and never a figure based on fewer than 10 people</li>
            </ul>
            <p className="govuk-body">
              Read the <Link className="govuk-link" to="/privacy">privacy notice</Link> to find out how the Police and Crime Commissioner uses your
              answers and how long they are kept.
            </p>
            <p className="govuk-body">You can also respond on paper or by phone: call 0191 000 0000 and we will post you a copy.</p>
            {/* The journey loads whole pages from here on (QuestionPageForm explains why). */}
            <Form method="post" reloadDocument>
              <button type="submit" className="govuk-button govuk-button--start" data-module="govuk-button">
                {inProgress ? "Start again" : "Start now"}
                <svg className="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
                  <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
                </svg>
              </button>
            </Form>
          </>
        ) : c.status === "scheduled" ? (
          <p className="govuk-body">This consultation is not open yet. Come back on {formatUkDate(c.opensAt)} to take part.</p>
        ) : (
          <>
            <p className="govuk-body">This consultation has closed and is no longer taking responses. Thank you to everyone who took part.</p>
            {c.resultsPublished ? (
              <p className="govuk-body">
                <Link className="govuk-link" to={`/consultations/${c.slug}/results`}>
                  Read what you said and what we did
                </Link>
              </p>
            ) : (
              <p className="govuk-body">We will publish the results here when they are ready.</p>
            )}
          </>
        )}
      </div>
    </div>
  );
}
