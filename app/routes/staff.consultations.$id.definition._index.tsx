import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorMessage } from "~/ui/error-summary";
import { Csrf, StaffPage, SuccessBanner } from "~/ui/staff-page";
import {
  addPage,
  addQuestion,
  deletePage,
  deleteQuestion,
  movePage,
  moveQuestion,
  QUESTION_TYPE_LABELS,
  QUESTION_TYPES,
  type BuilderError,
  type BuilderResult,
} from "~/builder/builder";
import type { QuestionType } from "~/definition/definition";
import { diffDefinitions } from "~/definition/definition-diff";
import { longPageWarning } from "~/builder/long-pages";
import { db } from "~/server/db.server";
import { recordAudit } from "~/models/audit.server";
import { publishWorkingDefinition, saveWorkingDefinition } from "~/models/consultation.server";
import { responseTotals } from "~/models/answer-counts.server";
import { requireStaff, requireStaffAction } from "~/auth/staff-auth.server";
import { navData, requireStaffConsultation } from "~/auth/staff-workspace.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "editor");
  const c = await requireStaffConsultation(params.id);
  const totals = await responseTotals(db(), { consultationId: c.id });
  const responses = totals.counted + totals.excluded.reduce((s, e) => s + e.n, 0);
  return json({
    ...navData(session),
    consultation: { id: c.id, title: c.title, status: c.status, version: c.currentVersion?.version ?? null, hasUnpublishedChanges: c.hasUnpublishedChanges },
    pages: c.draftDefinition.pages.map((p) => ({
      id: p.id,
      title: p.title,
      routed: Boolean(p.showIf),
      tooLong: longPageWarning(p),
      questions: p.questions.map((q) => ({ id: q.id, title: q.title, type: q.type, required: q.required, routed: Boolean(q.showIf) })),
    })),
    changes: c.currentVersion ? diffDefinitions(c.currentVersion.definition, c.draftDefinition) : [],
    responses,
    saved: new URL(request.url).searchParams.get("done") === "saved",
  });
}

const TypeSchema = z.enum(QUESTION_TYPES as [QuestionType, ...QuestionType[]]);
const IntentSchema = z.string().regex(/^(page|question):(up|down|delete):[a-z0-9][a-z0-9_-]{0,62}$|^add-question:[a-z0-9][a-z0-9_-]{0,62}$|^add-page$|^publish$/);

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, form } = await requireStaffAction(request, "editor");
  const c = await requireStaffConsultation(params.id);
  const get = (name: string) => String(form.get(name) ?? "").slice(0, 2000);
  const parsed = IntentSchema.safeParse(form.get("intent"));
  if (!parsed.success) return json({ errors: [{ field: "pages", message: "Choose one of the buttons on this page" }] }, { status: 400 });
  const intent = parsed.data;
  const def = c.draftDefinition;

  if (intent === "publish") {
    if (!c.currentVersion) return json({ errors: [{ field: "publish", message: "Open or schedule the consultation first: that publishes version 1" }] }, { status: 400 });
    if (!c.hasUnpublishedChanges) return json({ errors: [{ field: "publish", message: "There are no changes to publish" }] }, { status: 400 });
    const totals = await responseTotals(db(), { consultationId: c.id });
    const responses = totals.counted + totals.excluded.reduce((s, e) => s + e.n, 0);
    const changes = diffDefinitions(c.currentVersion.definition, def);
    if (responses > 0 && form.get("confirm") !== "yes") {
      return json({ errors: [{ field: "confirm", message: "Confirm that you have read what the changes do to the responses already given" }] }, { status: 400 });
    }
    const { version } = await publishWorkingDefinition(db(), { id: c.id });
    await recordAudit(db(), {
      staff: session.staff,
      action: "consultation.version_published",
      consultationId: c.id,
      detail: `version ${version} published with ${changes.length} change${changes.length === 1 ? "" : "s"} (${changes.filter((x) => x.breaksComparability).length} affecting comparability); ${responses} responses before it`,
    });
    return redirect(`/staff/consultations/${c.id}?done=version`);
  }

  let result: BuilderResult;
  let what: string;
  const [kind, verb, target] = intent.split(":");
  if (intent === "add-page") {
    const type = TypeSchema.safeParse(get("question-type"));
    if (!type.success) return json({ errors: [{ field: "question-type", message: "Choose the type of the new page's first question" }] }, { status: 400 });
    result = addPage(def, { id: get("page-id"), title: get("page-title"), intro: get("page-intro"), question: { type: type.data, title: get("question-title"), id: get("question-id") } });
    what = `page "${get("page-title")}" added`;
  } else if (kind === "add-question") {
    const type = TypeSchema.safeParse(get(`new-question-${verb}-type`));
    if (!type.success) return json({ errors: [{ field: `new-question-${verb}-type`, message: "Choose the type of the new question" }] }, { status: 400 });
    result = addQuestion(def, verb, { type: type.data, title: get(`new-question-${verb}`), id: get(`new-question-${verb}-id`) });
    what = `question added to page "${verb}"`;
  } else {
    const by = verb === "up" ? -1 : 1;
    if (kind === "page") result = verb === "delete" ? deletePage(def, target) : movePage(def, target, by);
    else result = verb === "delete" ? deleteQuestion(def, target) : moveQuestion(def, target, by);
    what = `${kind} "${target}" ${verb === "delete" ? "deleted" : `moved ${verb}`}`;
  }
  if (!result.ok) return json({ errors: result.errors.map(toSummary), values: Object.fromEntries([...form].filter(([k]) => k !== "_csrf")) }, { status: 400 });
  await saveWorkingDefinition(db(), { id: c.id, definition: result.definition });
  await recordAudit(db(), { staff: session.staff, action: "consultation.edited", consultationId: c.id, detail: `${what} in the working copy` });
  return redirect(`/staff/consultations/${c.id}/definition?done=saved`);
}

/** Errors from an operation on the whole definition link to the question or page concerned. */
function toSummary(e: BuilderError) {
  if (e.field.startsWith("new-question-") || e.field.startsWith("page-") || e.field.startsWith("question-")) return { field: e.field, message: e.message };
  return { field: e.questionId ? `question-${e.questionId}` : e.pageId ? `page-${e.pageId}` : "pages", message: e.message };
}

export default function Builder() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  const err = Object.fromEntries(errors.map((e) => [e.field, e.message]));
  const values = (actionData && "values" in actionData ? actionData.values : {}) as Record<string, string>;
  const c = data.consultation;
  const base = `/staff/consultations/${c.id}`;
  const typeOptions = QUESTION_TYPES.map((t) => (
    <option key={t} value={t}>
      {QUESTION_TYPE_LABELS[t]}
    </option>
  ));
  return (
    <StaffPage title={["Builder", c.title]} nav={data} errors={errors} back={{ to: base, label: "Back to the consultation" }}>
      <SuccessBanner message={data.saved && !errors.length ? "Saved to the working copy." : null} />
      <span className="govuk-caption-l">{c.title}</span>
      <h1 className="govuk-heading-l">Questions</h1>
      <p className="govuk-body">
        You are editing the working copy. {c.version ? `Residents see version ${c.version} until you publish the changes.` : "Nobody outside the office sees it until the consultation opens."}{" "}
        <Link className="govuk-link" to={`${base}/preview`}>Preview the working copy</Link>.
      </p>
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href={`${base}/definition.json`} download="definition.json">Download the definition (definition.json)</a>
        </li>
        <li>
          <Link className="govuk-link" to={`${base}/definition/import`}>Import a definition (upload or paste JSON)</Link>
        </li>
      </ul>
      <ErrorMessage id="pages-error" message={err.pages} />

      {data.pages.map((page, p) => (
        <section key={page.id} className="app-builder-page" aria-labelledby={`page-heading-${page.id}`}>
          <h2 className="govuk-heading-m" id={`page-heading-${page.id}`}>
            <span className="govuk-caption-m">Page {p + 1} of {data.pages.length}</span>
            {page.title}
          </h2>
          <p className="govuk-body-s app-muted">
            ID <code>{page.id}</code>
            {page.routed ? " · shown only to some people (routing)" : ""}
          </p>
          <Form method="post" className="govuk-button-group">
            <Csrf token={data.csrf} />
            <Link className="govuk-link" to={`${base}/definition/pages/${page.id}`} id={`page-${page.id}`}>
              Edit page<span className="govuk-visually-hidden"> {page.title}</span>
            </Link>
            {p > 0 ? (
              <button type="submit" name="intent" value={`page:up:${page.id}`} className="govuk-button govuk-button--secondary">
                Move up<span className="govuk-visually-hidden"> page {page.title}</span>
              </button>
            ) : null}
            {p < data.pages.length - 1 ? (
              <button type="submit" name="intent" value={`page:down:${page.id}`} className="govuk-button govuk-button--secondary">
                Move down<span className="govuk-visually-hidden"> page {page.title}</span>
              </button>
            ) : null}
            <button type="submit" name="intent" value={`page:delete:${page.id}`} className="govuk-button govuk-button--warning">
              Delete<span className="govuk-visually-hidden"> page {page.title}</span>
            </button>
          </Form>
          <ErrorMessage id={`page-${page.id}-error`} message={err[`page-${page.id}`]} />
          {page.tooLong ? (
            <div className="govuk-warning-text" id={`page-${page.id}-long`}>
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <div className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>
                {page.tooLong}
              </div>
            </div>
          ) : null}
          <ol className="govuk-list app-builder-questions">
            {page.questions.map((q, i) => (
              <li key={q.id} className="app-builder-question">
                <p className="govuk-body govuk-!-margin-bottom-1">
                  <strong>{q.title}</strong>
                  {q.required ? "" : " (optional)"}
                </p>
                <p className="govuk-body-s app-muted govuk-!-margin-bottom-2">
                  {QUESTION_TYPE_LABELS[q.type]} · ID <code>{q.id}</code>
                  {q.routed ? " · shown only to some people" : ""}
                </p>
                <ErrorMessage id={`question-${q.id}-error`} message={err[`question-${q.id}`]} />
                <Form method="post" className="govuk-button-group">
                  <Csrf token={data.csrf} />
                  <Link className="govuk-link" to={`${base}/definition/questions/${q.id}`} id={`question-${q.id}`}>
                    Edit<span className="govuk-visually-hidden"> question {q.title}</span>
                  </Link>
                  {p > 0 || i > 0 ? (
                    <button type="submit" name="intent" value={`question:up:${q.id}`} className="govuk-button govuk-button--secondary">
                      Move up<span className="govuk-visually-hidden"> question {q.title}</span>
                    </button>
                  ) : null}
                  {p < data.pages.length - 1 || i < page.questions.length - 1 ? (
                    <button type="submit" name="intent" value={`question:down:${q.id}`} className="govuk-button govuk-button--secondary">
                      Move down<span className="govuk-visually-hidden"> question {q.title}</span>
                    </button>
                  ) : null}
                  <button type="submit" name="intent" value={`question:delete:${q.id}`} className="govuk-button govuk-button--warning">
                    Delete<span className="govuk-visually-hidden"> question {q.title}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ol>
          <details className="govuk-details" open={Boolean(err[`new-question-${page.id}`] || err[`new-question-${page.id}-type`])}>
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">Add a question to this page</span>
            </summary>
            <div className="govuk-details__text">
              <Form method="post" noValidate>
                <Csrf token={data.csrf} />
                <div className={`govuk-form-group${err[`new-question-${page.id}-type`] ? " govuk-form-group--error" : ""}`}>
                  <label className="govuk-label" htmlFor={`new-question-${page.id}-type`}>Type</label>
                  <ErrorMessage id={`new-question-${page.id}-type-error`} message={err[`new-question-${page.id}-type`]} />
                  <select className="govuk-select" id={`new-question-${page.id}-type`} name={`new-question-${page.id}-type`} defaultValue={values[`new-question-${page.id}-type`] ?? "single_choice"}>
                    {typeOptions}
                  </select>
                </div>
                <div className={`govuk-form-group${err[`new-question-${page.id}`] ? " govuk-form-group--error" : ""}`}>
                  <label className="govuk-label" htmlFor={`new-question-${page.id}`}>Question</label>
                  <ErrorMessage id={`new-question-${page.id}-error`} message={err[`new-question-${page.id}`]} />
                  <input
                    className={`govuk-input${err[`new-question-${page.id}`] ? " govuk-input--error" : ""}`}
                    id={`new-question-${page.id}`}
                    name={`new-question-${page.id}`}
                    type="text"
                    defaultValue={values[`new-question-${page.id}`] ?? ""}
                    aria-describedby={err[`new-question-${page.id}`] ? `new-question-${page.id}-error` : undefined}
                  />
                </div>
                <div className="govuk-form-group">
                  <label className="govuk-label" htmlFor={`new-question-${page.id}-id`}>Question ID (optional)</label>
                  <div id={`new-question-${page.id}-id-hint`} className="govuk-hint">Made from the question when left blank.</div>
                  <input className="govuk-input govuk-input--width-20" id={`new-question-${page.id}-id`} name={`new-question-${page.id}-id`} type="text" spellCheck={false} defaultValue={values[`new-question-${page.id}-id`] ?? ""} aria-describedby={`new-question-${page.id}-id-hint`} />
                </div>
                <button type="submit" name="intent" value={`add-question:${page.id}`} className="govuk-button govuk-button--secondary">
                  Add question<span className="govuk-visually-hidden"> to page {page.title}</span>
                </button>
              </Form>
            </div>
          </details>
        </section>
      ))}

      <h2 className="govuk-heading-m">Add a page</h2>
      <Form method="post" noValidate>
        <Csrf token={data.csrf} />
        <Field id="page-title" label="Page title" error={err["page-title"]} value={values["page-title"]} />
        <Field id="page-id" label="Page ID (optional)" hint="Made from the title when left blank." error={err["page-id"]} value={values["page-id"]} />
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="page-intro">Introduction (optional)</label>
          <textarea className="govuk-textarea" id="page-intro" name="page-intro" rows={3} defaultValue={values["page-intro"] ?? ""} />
        </div>
        <div className={`govuk-form-group${err["question-type"] ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label" htmlFor="question-type">First question&apos;s type</label>
          <ErrorMessage id="question-type-error" message={err["question-type"]} />
          <select className="govuk-select" id="question-type" name="question-type" defaultValue={values["question-type"] ?? "single_choice"}>
            {typeOptions}
          </select>
        </div>
        <Field id="question-title" label="First question" error={err["question-title"]} value={values["question-title"]} />
        <Field id="question-id" label="First question's ID (optional)" error={err["question-id"]} value={values["question-id"]} />
        <button type="submit" name="intent" value="add-page" className="govuk-button govuk-button--secondary">Add page</button>
      </Form>

      <h2 className="govuk-heading-m" id="publish-heading">Publish changes</h2>
      {!c.version ? (
        <p className="govuk-body">
          This consultation has not been published yet. <Link className="govuk-link" to={`${base}#lifecycle`}>Open or schedule it</Link> to publish these questions as version 1.
        </p>
      ) : !c.hasUnpublishedChanges ? (
        <p className="govuk-body">The working copy is the same as version {c.version}, which residents see now.</p>
      ) : (
        <Form method="post" noValidate>
          <Csrf token={data.csrf} />
          <p className="govuk-body">Publishing makes a new version {c.version + 1}. Responses already given keep the version they answered.</p>
          {data.changes.length ? (
            <div className={data.responses > 0 ? "govuk-warning-text" : undefined}>
              {data.responses > 0 ? (
                <span className="govuk-warning-text__icon" aria-hidden="true">
                  !
                </span>
              ) : null}
              <div className={data.responses > 0 ? "govuk-warning-text__text" : "govuk-body"}>
                {data.responses > 0 ? <span className="govuk-visually-hidden">Warning</span> : null}
                {data.responses > 0
                  ? `${data.responses.toLocaleString("en-GB")} ${data.responses === 1 ? "response has" : "responses have"} already been given. What these changes do:`
                  : "What these changes do:"}
              </div>
            </div>
          ) : (
            <p className="govuk-body">The changes are to wording, hints or settings only: no question or option is added, removed or relabelled.</p>
          )}
          {data.changes.length ? (
            <ul className="govuk-list govuk-list--bullet" id="changes">
              {data.changes.map((ch, i) => (
                <li key={i}>
                  {ch.message}
                  {ch.breaksComparability ? <strong className="govuk-tag govuk-tag--orange app-tag-inline">Affects comparability</strong> : null}
                </li>
              ))}
            </ul>
          ) : null}
          {data.responses > 0 ? (
            <div className={`govuk-form-group${err.confirm ? " govuk-form-group--error" : ""}`}>
              <ErrorMessage id="confirm-error" message={err.confirm} />
              <div className="govuk-checkboxes govuk-checkboxes--small">
                <div className="govuk-checkboxes__item">
                  <input className="govuk-checkboxes__input" id="confirm" name="confirm" type="checkbox" value="yes" aria-describedby={err.confirm ? "confirm-error" : undefined} />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor="confirm">
                    I have read what these changes do to the responses already given
                  </label>
                </div>
              </div>
            </div>
          ) : null}
          <ErrorMessage id="publish-error" message={err.publish} />
          <button type="submit" name="intent" value="publish" className="govuk-button" id="publish">
            Publish changes as version {c.version + 1}
          </button>
        </Form>
      )}
    </StaffPage>
  );
}

function Field({ id, label, hint, error, value }: { id: string; label: string; hint?: string; error?: string; value?: string }) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      <ErrorMessage id={`${id}-error`} message={error} />
      <input
        className={`govuk-input${error ? " govuk-input--error" : ""}`}
        id={id}
        name={id}
        type="text"
        defaultValue={value ?? ""}
        spellCheck={false}
        aria-describedby={[hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined}
      />
    </div>
  );
}
