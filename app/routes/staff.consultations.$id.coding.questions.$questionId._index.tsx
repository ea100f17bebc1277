import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useRef } from "react";
import { z } from "zod";
import { activeInOrder, codeLabel } from "~/coding/codebook";
import { excerptProblem, parseCodingForm, stateFromForm } from "~/coding/coding-state";
import { Announcer, CodeCheckboxes, codingBase, CodingNav, StanceAndEvidence } from "~/coding/coding-ui";
import { CodeFinder, SHORTCUTS, useCodingKeys } from "~/coding/coding-keys";
import { codingQuestionAction, codingQuestionPage } from "~/coding/context.server";
import { parseWorkspaceQuery, subgroupChoices, workspaceHref } from "~/coding/workspace-query";
import { channelLabel } from "~/responding/channels";
import { formatCount, formatPercent } from "~/results/statistics";
import { formatUkDate } from "~/lifecycle/lifecycle";
import { Select } from "~/ui/fields";
import { Csrf, StaffPage } from "~/ui/staff-page";
import { db } from "~/server/db.server";
import {
  codingHistory,
  codingProgress,
  getMainCoding,
  getWrittenAnswer,
  saveCoding,
  SAVE_MESSAGES,
  undoCoding,
  workspacePosition,
} from "~/models/coding.server";
import { latestModelRun, markQuote, refreshSuggestions, suggestionsFor } from "~/models/coding-analysis.server";

/**
 * The coding workspace: one written answer at a time, its codes as checkboxes, stance,
 * evidence-rich and a possible quote; filters as a GET form; next and previous as links; "Save
 * and next" as a form. With JavaScript, the keyboard does the same (coding-keys.tsx).
 */

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await codingQuestionPage(request, params);
  const { c, def, question, codebook } = ctx;
  const url = new URL(request.url);
  const { query, errors } = parseWorkspaceQuery(url.searchParams, def!, new Set(codebook.codes.map((x) => x.id)));
  const at = url.searchParams.get("r");
  const [position, progress, run] = await Promise.all([
    workspacePosition(db(), { consultationId: c.id, questionId: question.id, filter: query, at }),
    codingProgress(db(), { consultationId: c.id, questionId: question.id }),
    latestModelRun(db(), { consultationId: c.id, questionId: question.id }),
  ]);
  const key = position.current ? { consultationId: c.id, questionId: question.id, responseId: position.current } : null;
  const [answer, coding, suggestions, history] = key
    ? await Promise.all([getWrittenAnswer(db(), key), getMainCoding(db(), key), suggestionsFor(db(), key), codingHistory(db(), key, "main")])
    : [null, null, [], []];
  const saved = url.searchParams.get("saved");
  return json({
    ...ctx.nav,
    consultation: { id: c.id, title: c.title },
    question,
    codes: codebook.codes,
    stance: ctx.settings.stanceQuestionIds.includes(question.id),
    query: query.values,
    errors,
    subgroups: subgroupChoices(def!),
    position,
    progress,
    model: run ? { trainedAt: run.trainedAt, examples: run.examples } : null,
    answer,
    coding: coding ? { ...coding, mine: coding.coderId === ctx.staffer.id } : null,
    suggestions,
    history: history.slice(0, 5),
    saved: saved && /^[\w-]+$/.test(saved) ? saved : null,
    undone: url.searchParams.get("undone") === "1",
    refreshed: url.searchParams.get("refreshed"),
  });
}

const Intent = z.enum(["save", "undo", "refresh"]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { form, consultation: c, def, question, codebook, staffer } = await codingQuestionAction(request, params);
  const base = codingBase(c.id, question.id);
  const back = new URLSearchParams(String(form.get("back") ?? ""));
  const { query } = parseWorkspaceQuery(back, def, new Set(codebook.codes.map((x) => x.id)));
  const intent = Intent.safeParse(form.get("intent"));
  if (!intent.success) return json({ errors: [{ field: "intent", message: "Choose what to do" }] }, { status: 400 });

  if (intent.data === "refresh") {
    const run = await refreshSuggestions(db(), { consultationId: c.id, questionId: question.id, staff: staffer });
    return redirect(workspaceHref(base, query.values, null, { refreshed: String(run.suggested) }));
  }
  const responseId = String(form.get("responseId") ?? "");
  const key = { consultationId: c.id, questionId: question.id, responseId };
  if (intent.data === "undo") {
    const undone = await undoCoding(db(), { key, pass: "main", staff: staffer });
    return redirect(workspaceHref(base, { ...query.values, status: "all" }, responseId, undone ? { undone: "1" } : {}));
  }
  const parsed = parseCodingForm(form);
  if (!parsed.success) {
    return json({ errors: parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? "codes"), message: i.message })) }, { status: 400 });
  }
  const answer = await getWrittenAnswer(db(), key);
  if (!answer) return json({ errors: [{ field: "codes", message: SAVE_MESSAGES["not-an-answer"] }] }, { status: 404 });
  const state = stateFromForm(parsed.data);
  const problem = excerptProblem(state.excerpt, answer.text);
  if (problem) return json({ errors: [{ field: "excerpt", message: problem }] }, { status: 400 });
  if (parsed.data.quoteCodeId && !state.excerpt)
    return json({ errors: [{ field: "excerpt", message: "Copy the words to quote into the excerpt box" }] }, { status: 400 });
  if (parsed.data.quoteCodeId && !state.codes.includes(parsed.data.quoteCodeId)) {
    return json(
      { errors: [{ field: "quoteCodeId", message: "A quote illustrates one of the codes applied to this answer: choose one of them" }] },
      { status: 400 }
    );
  }
  const outcome = await saveCoding(db(), { key, pass: "main", staff: staffer, state });
  if (!outcome.ok)
    return json({ errors: [{ field: "codes", message: SAVE_MESSAGES[outcome.reason] }] }, { status: outcome.reason === "coded-other-pass" ? 403 : 400 });
  if (parsed.data.quoteCodeId && state.excerpt) await markQuote(db(), { key, codeId: parsed.data.quoteCodeId, excerpt: state.excerpt, staff: staffer });
  const next = await workspacePosition(db(), { consultationId: c.id, questionId: question.id, filter: query, at: responseId });
  return redirect(workspaceHref(base, query.values, next.next, { saved: responseId }));
}

export default function Workspace() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const form = useRef<HTMLFormElement>(null);
  const undo = useRef<HTMLFormElement>(null);
  const find = useRef<HTMLInputElement>(null);
  const base = codingBase(d.consultation.id, d.question.id);
  const href = (r: string | null) => (r ? workspaceHref(base, d.query, r) : null);
  useCodingKeys({ form, next: href(d.position.next), previous: href(d.position.previous), undo, find });
  const active = activeInOrder(d.codes);
  const errors = [...d.errors, ...(actionData?.errors ?? [])];
  const codeName = (id: string) => {
    const code = d.codes.find((x) => x.id === id);
    return code ? codeLabel(d.codes, code) : "a code no longer in the codebook";
  };
  const percent = (n: number) => (d.progress.answered ? formatPercent((n / d.progress.answered) * 100) : "–");
  const marks = Object.fromEntries(
    d.suggestions.map((s) => [
      s.codeId,
      <span key={s.codeId} className="govuk-tag govuk-tag--grey app-suggestion">
        suggested {s.source === "rule" ? "by a keyword rule" : `${Math.round(s.probability * 100)}%`}
      </span>,
    ])
  );
  const back = params.toString();
  return (
    <StaffPage title={["Code answers", d.question.title]} nav={d} errors={errors} back={{ to: codingBase(d.consultation.id), label: "Back to coding" }}>
      <span className="govuk-caption-l">{d.consultation.title}</span>
      <h1 className="govuk-heading-l">Code answers: {d.question.title}</h1>
      <CodingNav consultationId={d.consultation.id} questionId={d.question.id} />
      <Announcer message={d.saved ? "Saved. Showing the next answer." : d.undone ? "Your last save was undone." : null} />
      {d.saved ? (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="region" aria-labelledby="saved-title">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="saved-title">
              Saved
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-body">The coding was saved. This is the next answer.</p>
            <Form method="post" ref={undo}>
              <Csrf token={d.csrf} />
              <input type="hidden" name="responseId" value={d.saved} />
              <input type="hidden" name="back" value={back} />
              {/* In a field, not on the button: the keyboard's u submits without a button. */}
              <input type="hidden" name="intent" value="undo" />
              <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                Undo that save
              </button>
            </Form>
          </div>
        </div>
      ) : null}
      {d.undone ? <p className="govuk-inset-text">Your last save was undone: the answer is as it was before.</p> : null}

      <p className="govuk-body" id="coding-progress">
        {formatCount(d.progress.coded)} of {formatCount(d.progress.answered)} answers coded ({percent(d.progress.coded)}); {formatCount(d.progress.doubleCoded)}{" "}
        double-coded ({percent(d.progress.doubleCoded)}).
      </p>

      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Filter and search answers</span>
        </summary>
        <div className="govuk-details__text">
          <Form method="get" id="workspace-filters">
            <Select
              id="status"
              name="status"
              label="Show"
              value={d.query.status}
              options={[
                { value: "uncoded", label: "Not yet coded" },
                { value: "coded", label: "Coded" },
                { value: "all", label: "All answers" },
              ]}
            />
            <Select
              id="code"
              name="code"
              label="With code"
              value={d.query.code}
              options={[{ value: "", label: "Any code" }, ...active.map((x) => ({ value: x.id, label: codeLabel(d.codes, x) }))]}
            />
            <Select
              id="confidence"
              name="confidence"
              label="Suggestion confidence"
              value={d.query.confidence}
              options={[
                { value: "", label: "Any" },
                { value: "high", label: "High (80% or more)" },
                { value: "medium", label: "Medium (50% to 80%)" },
                { value: "low", label: "Low (under 50%)" },
              ]}
            />
            <Select id="filter" name="filter" label="Respondents" value={d.query.filter} options={d.subgroups} />
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor="q">
                Search the answers
              </label>
              <div id="q-hint" className="govuk-hint">
                Whole words; speed* for words starting with speed; &quot;drug dealing&quot; for a phrase.
              </div>
              <input className="govuk-input" id="q" name="q" type="search" defaultValue={d.query.q} aria-describedby="q-hint" />
            </div>
            <Select
              id="order"
              name="order"
              label="Order"
              value={d.query.order}
              options={[
                { value: "uncertain", label: "Least certain suggestions first" },
                { value: "fixed", label: "Fixed order" },
              ]}
            />
            <button type="submit" className="govuk-button govuk-button--secondary">
              Show answers
            </button>
          </Form>
        </div>
      </details>

      <nav className="govuk-pagination govuk-pagination--block" aria-label="Answers">
        {d.position.previous ? (
          <div className="govuk-pagination__prev">
            <Link className="govuk-link govuk-pagination__link" to={href(d.position.previous)!} rel="prev">
              <span className="govuk-pagination__link-title">Previous answer</span>
            </Link>
          </div>
        ) : null}
        {d.position.next ? (
          <div className="govuk-pagination__next">
            <Link className="govuk-link govuk-pagination__link" to={href(d.position.next)!} rel="next">
              <span className="govuk-pagination__link-title">Next answer</span>
            </Link>
          </div>
        ) : null}
      </nav>

      {!d.answer ? (
        <p className="govuk-body" id="no-answers">
          No answers match these filters{d.query.status === "uncoded" ? ": every answer has been coded" : ""}.
        </p>
      ) : (
        <>
          <p className="govuk-body-s app-muted" id="answer-position">
            {d.position.position
              ? `Answer ${formatCount(d.position.position)} of ${formatCount(d.position.total)}`
              : `${formatCount(d.position.total)} answers match`}
            {` · ${formatUkDate(d.answer.submittedOn)}, ${channelLabel(d.answer.channel)}`}
          </p>
          <blockquote className="app-answer govuk-inset-text" id="answer-text">
            <p className="govuk-body app-free-text">{d.answer.text}</p>
          </blockquote>
          {d.answer.redacted.length ? <p className="govuk-body-s">Removed by machine when submitted: {d.answer.redacted.join(", ")}.</p> : null}
          {d.coding ? (
            <p className="govuk-body-s" id="coded-by">
              Coded by {d.coding.mine ? "you" : d.coding.coderEmail ?? "another analyst"} on {formatUkDate(d.coding.codedAt)}
              {d.coding.settledAt ? " (settled after double coding)" : ""}.
            </p>
          ) : null}
          {d.suggestions.length ? (
            <div className="app-suggestions" id="suggestions">
              <h2 className="govuk-heading-s">Suggested codes (not applied until you tick them)</h2>
              <ul className="govuk-list govuk-list--bullet">
                {d.suggestions.map((s) => (
                  <li key={`${s.codeId}-${s.source}`}>
                    {codeName(s.codeId)}:{" "}
                    {s.source === "rule"
                      ? `keyword rule "${s.because.join('", "')}"`
                      : `${Math.round(s.probability * 100)}% confident, because of "${s.because.join('", "')}"`}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}

          <Form method="post" ref={form} id="coding-form">
            <Csrf token={d.csrf} />
            <input type="hidden" name="responseId" value={d.answer.responseId} />
            <input type="hidden" name="back" value={back} />
            <CodeFinder inputRef={find} />
            <CodeCheckboxes
              key={d.answer.responseId}
              codes={d.codes}
              active={active}
              checked={d.coding?.codes ?? []}
              legend="Codes for this answer"
              hint="Tick every code that applies to the answer as a whole. Leave all unticked and save if none applies."
              marks={marks}
            />
            <StanceAndEvidence answerKey={d.answer.responseId} stance={d.stance} current={d.coding} />
            <details className="govuk-details" open={Boolean(d.coding?.excerpt)}>
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">Mark a possible quote</span>
              </summary>
              <div className="govuk-details__text">
                <div className="govuk-form-group">
                  <label className="govuk-label" htmlFor="excerpt">
                    Excerpt, copied exactly from the answer
                  </label>
                  <textarea className="govuk-textarea" id="excerpt" name="excerpt" rows={3} defaultValue={d.coding?.excerpt ?? ""} key={d.answer.responseId} />
                </div>
                <Select
                  id="quoteCodeId"
                  name="quoteCodeId"
                  label="Propose it as a quote for the code"
                  value=""
                  options={[{ value: "", label: "Do not propose it as a quote" }, ...active.map((x) => ({ value: x.id, label: codeLabel(d.codes, x) }))]}
                />
                <p className="govuk-body-s">Another analyst must approve a quote before it can be published.</p>
              </div>
            </details>
            <input type="hidden" name="intent" value="save" />
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Save and next
            </button>
          </Form>
          {d.history.length ? (
            <details className="govuk-details">
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">History of this answer&apos;s coding</span>
              </summary>
              <div className="govuk-details__text">
                <ul className="govuk-list">
                  {d.history.map((h, i) => (
                    <li key={i}>
                      {formatUkDate(h.at)}, {h.staffEmail ?? "the system"}: {h.reason}
                      {h.codes ? ` (${h.codes.length ? h.codes.map(codeName).join("; ") : "no codes"})` : " (uncoded)"}
                    </li>
                  ))}
                </ul>
              </div>
            </details>
          ) : null}
        </>
      )}

      <h2 className="govuk-heading-m">Suggestions</h2>
      <p className="govuk-body">
        {d.model
          ? `Suggestions were last learned from ${formatCount(d.model.examples)} coded answers on ${formatUkDate(d.model.trainedAt)}.`
          : "No suggestions yet: they are learned from the answers you code, on this computer."}
        {d.refreshed ? ` ${formatCount(Number(d.refreshed))} answers now have suggestions.` : ""} Suggestions are never counted in any figure.
      </p>
      <Form method="post">
        <Csrf token={d.csrf} />
        <input type="hidden" name="back" value={back} />
        <button type="submit" name="intent" value="refresh" className="govuk-button govuk-button--secondary">
          Learn from the coded answers and update suggestions
        </button>
      </Form>

      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Keyboard shortcuts (with JavaScript)</span>
        </summary>
        <div className="govuk-details__text">
          <dl className="govuk-summary-list govuk-summary-list--no-border">
            {SHORTCUTS.map(([k, what]) => (
              <div className="govuk-summary-list__row" key={k}>
                <dt className="govuk-summary-list__key">{k}</dt>
                <dd className="govuk-summary-list__value">{what}</dd>
              </div>
            ))}
          </dl>
        </div>
      </details>
    </StaffPage>
  );
}
