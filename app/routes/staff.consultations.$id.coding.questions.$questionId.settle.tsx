import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { activeInOrder, codeLabel } from "~/coding/codebook";
import { parseCodingForm, STANCE_LABELS, stateFromForm } from "~/coding/coding-state";
import { CodeCheckboxes, codingBase, CodingNav, StanceAndEvidence } from "~/coding/coding-ui";
import { codingContext, codingQuestionAction, requireCodebook, requireFreeTextQuestion } from "~/coding/context.server";
import { Csrf, StaffPage } from "~/ui/staff-page";
import { db } from "~/server/db.server";
import { getWrittenAnswer } from "~/models/coding.server";
import { disagreementFor, settleDisagreement } from "~/models/coding-analysis.server";

/** A third analyst sees both codings of a disagreement and decides. Neither coder may. */

const NOT_YOURS = "You coded this answer, so another analyst must settle it. Ask a colleague who coded neither version.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await codingContext(request, params, "analyst");
  const c = ctx.consultation;
  const question = requireFreeTextQuestion(c.currentVersion?.definition, params.questionId);
  const book = requireCodebook(ctx.codebook, c.id);
  const responseId = new URL(request.url).searchParams.get("r") ?? "";
  const key = { consultationId: c.id, questionId: question.id, responseId };
  const both = await disagreementFor(db(), key, ctx.staffer);
  if (!both.ok)
    throw json(both.reason === "own-coding" ? NOT_YOURS : "This answer has not been coded twice.", { status: both.reason === "own-coding" ? 403 : 404 });
  const answer = await getWrittenAnswer(db(), key);
  if (!answer) throw json("There is no written answer at this address.", { status: 404 });
  const view = (s: typeof both.first) => ({ codes: s.codes, stance: s.stance, evidenceRich: s.evidenceRich, coder: s.coderEmail ?? "an analyst" });
  return json({
    ...ctx.nav,
    consultation: { id: c.id, title: c.title },
    question,
    codes: book.codes,
    stance: ctx.settings.stanceQuestionIds.includes(question.id),
    responseId,
    text: answer.text,
    first: view(both.first),
    second: view(both.blind),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { form, consultation: c, question, staffer } = await codingQuestionAction(request, params);
  const parsed = parseCodingForm(form);
  if (!parsed.success) return json({ errors: parsed.error.issues.map((i) => ({ field: "codes", message: i.message })) }, { status: 400 });
  const r = await settleDisagreement(db(), {
    key: { consultationId: c.id, questionId: question.id, responseId: parsed.data.responseId },
    staff: staffer,
    state: { ...stateFromForm(parsed.data), excerpt: null },
  });
  if (!r.ok)
    return json(
      { errors: [{ field: "codes", message: r.reason === "own-coding" ? NOT_YOURS : "This answer has not been coded twice." }] },
      { status: r.reason === "own-coding" ? 403 : 400 }
    );
  return redirect(`${codingBase(c.id, question.id)}/reliability`);
}

export default function Settle() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const names = (ids: string[]) =>
    ids
      .map((id) => {
        const x = d.codes.find((k) => k.id === id);
        return x ? codeLabel(d.codes, x) : id;
      })
      .join("; ") || "no codes";
  return (
    <StaffPage
      title={["Settle a disagreement", d.question.title]}
      nav={d}
      errors={a?.errors ?? []}
      back={{ to: `${codingBase(d.consultation.id, d.question.id)}/reliability`, label: "Back to reliability" }}
    >
      <span className="govuk-caption-l">{d.consultation.title}</span>
      <h1 className="govuk-heading-l">Settle a disagreement</h1>
      <CodingNav consultationId={d.consultation.id} questionId={d.question.id} />
      <blockquote className="app-answer govuk-inset-text" id="answer-text">
        <p className="govuk-body app-free-text">{d.text}</p>
      </blockquote>
      <dl className="govuk-summary-list" id="both-codings">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">First coding ({d.first.coder})</dt>
          <dd className="govuk-summary-list__value">
            {names(d.first.codes)}
            {d.first.stance ? `; ${STANCE_LABELS[d.first.stance]}` : ""}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Blind coding ({d.second.coder})</dt>
          <dd className="govuk-summary-list__value">
            {names(d.second.codes)}
            {d.second.stance ? `; ${STANCE_LABELS[d.second.stance]}` : ""}
          </dd>
        </div>
      </dl>
      <Form method="post">
        <Csrf token={d.csrf} />
        <input type="hidden" name="responseId" value={d.responseId} />
        <CodeCheckboxes
          codes={d.codes}
          active={activeInOrder(d.codes)}
          checked={[...new Set([...d.first.codes, ...d.second.codes])]}
          legend="The codes this answer should have"
          hint="Ticked: codes either analyst applied. Untick the ones that do not fit the codebook's definitions."
        />
        <StanceAndEvidence
          answerKey={d.responseId}
          stance={d.stance || Boolean(d.first.stance || d.second.stance)}
          current={{ stance: d.first.stance === d.second.stance ? d.first.stance : null, evidenceRich: d.first.evidenceRich || d.second.evidenceRich }}
        />
        <button type="submit" className="govuk-button">
          Settle
        </button>
      </Form>
    </StaffPage>
  );
}
