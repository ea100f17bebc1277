import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useRef } from "react";
import { activeInOrder } from "~/coding/codebook";
import { parseCodingForm, stateFromForm } from "~/coding/coding-state";
import { Announcer, CodeCheckboxes, codingBase, CodingNav, StanceAndEvidence } from "~/coding/coding-ui";
import { CodeFinder, useCodingKeys } from "~/coding/coding-keys";
import { codingQuestionAction, codingQuestionPage } from "~/coding/context.server";
import { sampleSize } from "~/coding/sampling";
import { formatCount } from "~/results/statistics";
import { Csrf, StaffPage } from "~/ui/staff-page";
import { db } from "~/server/db.server";
import { codingProgress, getOwnBlindCoding, getWrittenAnswer, saveCoding, SAVE_MESSAGES } from "~/models/coding.server";
import { blindQueue, drawDoubleCodingSample } from "~/models/coding-analysis.server";

/**
 * Blind double coding. This page and its action read and write only the blind pass: never the
 * main coding, its coder, its suggestions or its quotes, so the second analyst's judgement is
 * their own. The server also refuses answers the analyst coded in the main pass.
 */

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await codingQuestionPage(request, params);
  const { c, question } = ctx;
  const queue = await blindQueue(db(), { consultationId: c.id, questionId: question.id, staff: ctx.staffer });
  const progress = await codingProgress(db(), { consultationId: c.id, questionId: question.id });
  const url = new URL(request.url);
  const mine = queue.filter((q) => !q.mainCodedByMe && !q.codedByOther);
  const asked = url.searchParams.get("r");
  const current = (asked ? mine.find((q) => q.responseId === asked) : undefined) ?? mine.find((q) => !q.codedByMe) ?? null;
  const index = current ? mine.indexOf(current) : -1;
  const key = current ? { consultationId: c.id, questionId: question.id, responseId: current.responseId } : null;
  const [answer, own] = key ? await Promise.all([getWrittenAnswer(db(), key), getOwnBlindCoding(db(), key, ctx.staffer)]) : [null, null];
  return json({
    ...ctx.nav,
    consultation: { id: c.id, title: c.title },
    question,
    codes: ctx.codebook.codes,
    stance: ctx.settings.stanceQuestionIds.includes(question.id),
    sampled: queue.length,
    wouldDraw: sampleSize(progress.answered, ctx.settings.sampleFraction, ctx.settings.sampleMinimum),
    answered: progress.answered,
    settings: { fraction: ctx.settings.sampleFraction, minimum: ctx.settings.sampleMinimum },
    mine: { total: mine.length, done: mine.filter((q) => q.codedByMe).length, excludedAsOwn: queue.filter((q) => q.mainCodedByMe).length },
    current: answer
      ? { responseId: answer.responseId, text: answer.text, codes: own?.codes ?? [], stance: own?.stance ?? null, evidenceRich: own?.evidenceRich ?? false }
      : null,
    previous: index > 0 ? mine[index - 1].responseId : null,
    next: index >= 0 && index < mine.length - 1 ? mine[index + 1].responseId : null,
    saved: url.searchParams.get("saved") === "1",
    drawn: url.searchParams.get("drawn"),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { form, consultation: c, question, settings, staffer: staff } = await codingQuestionAction(request, params);
  const base = `${codingBase(c.id, question.id)}/blind`;
  if (form.get("intent") === "draw") {
    const r = await drawDoubleCodingSample(db(), {
      consultationId: c.id,
      questionId: question.id,
      staff,
      fraction: settings.sampleFraction,
      minimum: settings.sampleMinimum,
    });
    return redirect(`${base}?drawn=${r.already ? "already" : r.drawn}`);
  }
  const parsed = parseCodingForm(form);
  if (!parsed.success) return json({ errors: parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? "codes"), message: i.message })) }, { status: 400 });
  const key = { consultationId: c.id, questionId: question.id, responseId: parsed.data.responseId };
  const outcome = await saveCoding(db(), { key, pass: "blind", staff, state: { ...stateFromForm(parsed.data), excerpt: null } });
  if (!outcome.ok)
    return json(
      { errors: [{ field: "codes", message: SAVE_MESSAGES[outcome.reason] }] },
      { status: outcome.reason === "coded-other-pass" || outcome.reason === "blind-taken" ? 403 : 400 }
    );
  const next = String(form.get("next") ?? "");
  return redirect(`${base}?saved=1${next ? `&r=${encodeURIComponent(next)}` : ""}`);
}

export default function BlindCoding() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const form = useRef<HTMLFormElement>(null);
  const undo = useRef<HTMLFormElement>(null);
  const find = useRef<HTMLInputElement>(null);
  const base = `${codingBase(d.consultation.id, d.question.id)}/blind`;
  const href = (r: string | null) => (r ? `${base}?r=${encodeURIComponent(r)}` : null);
  useCodingKeys({ form, next: href(d.next), previous: href(d.previous), undo, find });
  const active = activeInOrder(d.codes);
  return (
    <StaffPage
      title={["Double coding", d.question.title]}
      nav={d}
      errors={a?.errors ?? []}
      back={{ to: codingBase(d.consultation.id), label: "Back to coding" }}
    >
      <span className="govuk-caption-l">{d.consultation.title}</span>
      <h1 className="govuk-heading-l">Double coding: {d.question.title}</h1>
      <CodingNav consultationId={d.consultation.id} questionId={d.question.id} />
      <Announcer message={d.saved ? "Saved. Showing the next answer in the sample." : null} />
      {d.sampled === 0 ? (
        <>
          <p className="govuk-body">
            A random sample of answers is coded a second time by another analyst who cannot see the first coding. Comparing the two shows how reliably each code
            is applied.
          </p>
          <p className="govuk-body" id="sample-size">
            The sample will be {formatCount(d.wouldDraw)} of the {formatCount(d.answered)} answers ({Math.round(d.settings.fraction * 100)}%, at least{" "}
            {formatCount(d.settings.minimum)}).
          </p>
          <Form method="post">
            <Csrf token={d.csrf} />
            <button type="submit" name="intent" value="draw" className="govuk-button">
              Draw the double-coding sample
            </button>
          </Form>
        </>
      ) : (
        <>
          <p className="govuk-body" id="blind-progress">
            {d.drawn && d.drawn !== "already" ? `${formatCount(Number(d.drawn))} answers were drawn at random. ` : ""}
            The sample has {formatCount(d.sampled)} answers. You have coded {formatCount(d.mine.done)} of the {formatCount(d.mine.total)} you can code blind
            {d.mine.excludedAsOwn ? ` (${formatCount(d.mine.excludedAsOwn)} you coded first are left to someone else)` : ""}.
          </p>
          <div className="govuk-inset-text">You cannot see how anyone else coded these answers, nor any suggestion: code each as you would on its own.</div>
          {d.current ? (
            <>
              <blockquote className="app-answer govuk-inset-text" id="answer-text">
                <p className="govuk-body app-free-text">{d.current.text}</p>
              </blockquote>
              <Form method="post" ref={form} id="blind-form">
                <Csrf token={d.csrf} />
                <input type="hidden" name="responseId" value={d.current.responseId} />
                <input type="hidden" name="next" value={d.next ?? ""} />
                <CodeFinder inputRef={find} />
                <CodeCheckboxes
                  key={d.current.responseId}
                  codes={d.codes}
                  active={active}
                  checked={d.current.codes}
                  legend="Codes for this answer"
                  hint="Tick every code that applies to the answer as a whole."
                />
                <StanceAndEvidence answerKey={d.current.responseId} stance={d.stance} current={d.current} />
                <button type="submit" className="govuk-button">
                  Save and next
                </button>
              </Form>
              <nav className="govuk-pagination govuk-pagination--block" aria-label="Answers in the sample">
                {d.previous ? (
                  <div className="govuk-pagination__prev">
                    <Link className="govuk-link govuk-pagination__link" to={href(d.previous)!} rel="prev">
                      <span className="govuk-pagination__link-title">Previous answer</span>
                    </Link>
                  </div>
                ) : null}
                {d.next ? (
                  <div className="govuk-pagination__next">
                    <Link className="govuk-link govuk-pagination__link" to={href(d.next)!} rel="next">
                      <span className="govuk-pagination__link-title">Next answer</span>
                    </Link>
                  </div>
                ) : null}
              </nav>
            </>
          ) : (
            <p className="govuk-body" id="blind-done">
              There is nothing left in the sample for you to code.{" "}
              <Link className="govuk-link" to={`${codingBase(d.consultation.id, d.question.id)}/reliability`}>
                See the reliability figures
              </Link>
            </p>
          )}
        </>
      )}
    </StaffPage>
  );
}
