import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { PageTitle } from "~/ui/page-title";
import { BackLink } from "~/ui/back-link";
import { AnswersSummary } from "~/responding/question-page";
import { redactionsIn } from "~/responding/answers";
import { firstIncompletePage, lastPageId } from "~/responding/journey";
import { visiblePages, visibleQuestions } from "~/responding/routing";
import { issueSubmissionToken } from "~/responding/submission-token";
import { describeAnswer } from "~/responding/answer-summary";
import { env } from "~/server/env.server";
import type { ClientContext } from "~/server/rate-limit.server";
import { requireConsultation, requireDraft, requireOpen } from "~/responding/respond.server";
import { submitOnline } from "~/responding/submit.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const c = await requireConsultation(params.slug);
  requireOpen(c);
  const draft = await requireDraft(request, c);
  const incomplete = firstIncompletePage(c.definition, draft.answers);
  if (incomplete) throw redirect(`/consultations/${c.slug}/questions/${incomplete}`);

  const sections = visiblePages(c.definition, draft.answers).map((page) => ({
    id: page.id,
    title: page.title,
    rows: visibleQuestions(page, draft.answers).map((q) => ({
      id: q.id,
      title: q.title,
      lines: describeAnswer(q, draft.answers[q.id]),
    })),
  }));
  const redacted = redactionsIn(draft.answers).length > 0;
  const last = lastPageId(c.definition, draft.answers);
  return json({
    consultation: { slug: c.slug, title: c.title },
    sections,
    redacted,
    backTo: last ? `/consultations/${c.slug}/questions/${last}` : `/consultations/${c.slug}`,
    token: issueSubmissionToken(env().SESSION_SECRET, c.id),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const c = await requireConsultation(params.slug);
  requireOpen(c);
  return submitOnline(request, c, { address: (context as ClientContext).clientAddress });
}

export default function CheckAnswers() {
  const { consultation, sections, redacted, backTo, token } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <PageTitle parts={["Check your answers before submitting", consultation.title]} />
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={backTo} reloadDocument />
        <span className="govuk-caption-l">{consultation.title}</span>
        <h1 className="govuk-heading-l">Check your answers before submitting</h1>
        {redacted ? (
          <div className="govuk-inset-text">
            We have replaced some details in what you typed with [redacted]. To keep your response anonymous we remove email addresses, phone
            numbers, postcodes, vehicle registrations and National Insurance numbers before anything is stored.
          </div>
        ) : null}
        <AnswersSummary sections={sections} changeBase={`/consultations/${consultation.slug}`} documentNavigation />
        <h2 className="govuk-heading-m">Now send your response</h2>
        <p className="govuk-body">By submitting you are sending your anonymous answers to the Police and Crime Commissioner. You cannot change them afterwards.</p>
        {/* A whole page load, as on every page of the journey (QuestionPageForm explains why). A second
            press sends the same token, which records nothing more and leads to the same confirmation. */}
        <Form method="post" reloadDocument>
          <input type="hidden" name="_token" value={token} />
          {/* Honeypot: people never see or fill this; form-filling robots do. */}
          <div className="app-honeypot" aria-hidden="true">
            <label htmlFor="_website">Leave this field empty</label>
            <input type="text" id="_website" name="_website" tabIndex={-1} autoComplete="off" defaultValue="" />
          </div>
          <button type="submit" className="govuk-button" data-module="govuk-button" data-prevent-double-click="true">
            Submit your response
          </button>
        </Form>
      </div>
    </div>
  );
}
