import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { codeLabel } from "~/coding/codebook";
import { CodingNav, codingBase } from "~/coding/coding-ui";
import { codingContext, requireFreeTextQuestion } from "~/coding/context.server";
import { formatUkDate } from "~/lifecycle/lifecycle";
import { Csrf, StaffPage, SuccessBanner } from "~/ui/staff-page";
import { db } from "~/server/db.server";
import { requireStaffAction } from "~/auth/staff-auth.server";
import { getWrittenAnswer } from "~/models/coding.server";
import { decideQuote, listQuotes } from "~/models/coding-analysis.server";

/**
 * Quotes proposed by one analyst wait here for another to approve or reject. The approver sees
 * the whole answer and what the machine removed from it when it was submitted.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await codingContext(request, params, "analyst");
  const c = ctx.consultation;
  const question = requireFreeTextQuestion(c.currentVersion?.definition, params.questionId);
  const [proposed, approved] = await Promise.all([
    listQuotes(db(), { consultationId: c.id, questionId: question.id, status: "proposed" }),
    listQuotes(db(), { consultationId: c.id, questionId: question.id, status: "approved" }),
  ]);
  const codes = ctx.codebook?.codes ?? [];
  const label = (id: string) => {
    const code = codes.find((x) => x.id === id);
    return code ? codeLabel(codes, code) : "a code no longer in the codebook";
  };
  const withAnswers = await Promise.all(
    proposed.map(async (q) => {
      const answer = await getWrittenAnswer(db(), { consultationId: c.id, questionId: question.id, responseId: q.responseId });
      return {
        id: q.id,
        excerpt: q.excerpt,
        code: label(q.codeId),
        markedBy: q.markedByEmail ?? "an analyst",
        mine: q.markedBy === ctx.staffer.id,
        markedAt: q.markedAt,
        text: answer?.text ?? "",
        redacted: answer?.redacted ?? [],
      };
    })
  );
  return json({
    ...ctx.nav,
    consultation: { id: c.id, title: c.title },
    question,
    noPublicQuotes: ctx.settings.noPublicQuotes,
    proposed: withAnswers,
    approved: approved.map((q) => ({ id: q.id, excerpt: q.excerpt, code: label(q.codeId), by: q.decidedByEmail, at: q.decidedAt })),
    done: new URL(request.url).searchParams.get("done"),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, form } = await requireStaffAction(request, "analyst");
  const ctx = await codingContext(request, params, "analyst");
  const c = ctx.consultation;
  const question = requireFreeTextQuestion(c.currentVersion?.definition, params.questionId);
  const intent = String(form.get("intent") ?? "");
  if (intent !== "approve" && intent !== "reject")
    return json({ errors: [{ field: "intent", message: "Choose to approve or reject the quote" }] }, { status: 400 });
  const r = await decideQuote(db(), {
    consultationId: c.id,
    id: String(form.get("quoteId") ?? ""),
    staff: { id: session.staff.id, email: session.staff.email },
    approve: intent === "approve",
  });
  if (!r.ok) {
    const message =
      r.reason === "own-quote"
        ? "You proposed this quote, so another analyst must approve it"
        : r.reason === "decided"
        ? "This quote has already been decided"
        : "There is no such quote";
    return json({ errors: [{ field: "proposed-quotes", message }] }, { status: r.reason === "own-quote" ? 403 : 400 });
  }
  return redirect(`${codingBase(c.id, question.id)}/quotes?done=${intent}`);
}

export default function Quotes() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  return (
    <StaffPage title={["Quotes", d.question.title]} nav={d} errors={a?.errors ?? []} back={{ to: codingBase(d.consultation.id), label: "Back to coding" }}>
      <SuccessBanner message={d.done === "approve" ? "The quote is approved." : d.done === "reject" ? "The quote is rejected." : null} />
      <span className="govuk-caption-l">{d.consultation.title}</span>
      <h1 className="govuk-heading-l">Quotes: {d.question.title}</h1>
      <CodingNav consultationId={d.consultation.id} questionId={d.question.id} />
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          People can be identified from what they describe even after names and numbers are removed. Approve a quote only if nobody could recognise the person
          from it.
          {d.noPublicQuotes ? ' This consultation is marked "no public quotes": approved quotes are never published.' : ""}
        </strong>
      </div>
      <h2 className="govuk-heading-m">Waiting for approval</h2>
      {d.proposed.length ? (
        <ul className="govuk-list" id="proposed-quotes">
          {d.proposed.map((q) => (
            <li key={q.id} className="govuk-!-margin-bottom-6">
              <blockquote className="app-quote">&ldquo;{q.excerpt}&rdquo;</blockquote>
              <p className="govuk-body-s">
                For {q.code}; proposed by {q.mine ? "you" : q.markedBy} on {formatUkDate(q.markedAt)}.
              </p>
              <details className="govuk-details">
                <summary className="govuk-details__summary">
                  <span className="govuk-details__summary-text">The whole answer</span>
                </summary>
                <div className="govuk-details__text">
                  <p className="govuk-body app-free-text">{q.text}</p>
                  <p className="govuk-body-s">
                    {q.redacted.length
                      ? `Removed by machine when submitted: ${q.redacted.join(", ")} (shown as [redacted]).`
                      : "Nothing was removed by machine when it was submitted."}
                  </p>
                </div>
              </details>
              {q.mine ? (
                <p className="govuk-body-s">Another analyst must approve your quote.</p>
              ) : (
                <Form method="post" className="app-inline-form">
                  <Csrf token={d.csrf} />
                  <input type="hidden" name="quoteId" value={q.id} />
                  <button type="submit" name="intent" value="approve" className="govuk-button govuk-!-margin-right-2">
                    Approve<span className="govuk-visually-hidden"> the quote for {q.code}</span>
                  </button>
                  <button type="submit" name="intent" value="reject" className="govuk-button govuk-button--secondary">
                    Reject<span className="govuk-visually-hidden"> the quote for {q.code}</span>
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">No quotes are waiting. Analysts propose quotes while coding.</p>
      )}
      <h2 className="govuk-heading-m">Approved</h2>
      {d.approved.length ? (
        <ul className="govuk-list" id="approved-list">
          {d.approved.map((q) => (
            <li key={q.id}>
              &ldquo;{q.excerpt}&rdquo; ({q.code}; approved by {q.by ?? "an analyst"})
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">None yet.</p>
      )}
    </StaffPage>
  );
}
