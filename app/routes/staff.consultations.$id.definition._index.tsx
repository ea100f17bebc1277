import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorMessage } from "~/ui/error-summary";
import { Checkbox, Select, Textarea, TextInput } from "~/ui/fields";
import { Csrf, StaffPage, SuccessBanner } from "~/ui/staff-page";
import { WarningText } from "~/ui/warning-text";
import { QUESTION_TYPE_LABELS, QUESTION_TYPES } from "~/builder/builder";
import { applyOutlineEdit, parseOutlineIntent, publishedDetail, publishRefusal } from "~/builder/outline";
import { formValuesFrom } from "~/responding/form-values";
import { diffDefinitions } from "~/definition/definition-diff";
import { longPageWarning } from "~/builder/long-pages";
import { db } from "~/server/db.server";
import { recordAudit } from "~/models/audit.server";
import { publishWorkingDefinition, saveWorkingDefinition } from "~/models/consultation.server";
import { responseTotals } from "~/models/answer-counts.server";
import { receivedTotal } from "~/results/totals";
import { IDLE_MS, requireStaff, requireStaffAction } from "~/auth/staff-auth.server";
import { IdleWarning } from "~/ui/idle-warning";
import { describeShowIf } from "~/definition/conditions-text";
import { navData, requireStaffConsultation } from "~/auth/staff-workspace.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "editor");
  const c = await requireStaffConsultation(params.id);
  const responses = receivedTotal(await responseTotals(db(), { consultationId: c.id }));
  return json({
    idleMinutes: IDLE_MS / 60_000,
    ...navData(session),
    consultation: { id: c.id, title: c.title, status: c.status, version: c.currentVersion?.version ?? null, hasUnpublishedChanges: c.hasUnpublishedChanges },
    pages: c.draftDefinition.pages.map((p) => ({
      id: p.id,
      title: p.title,
      routing: p.showIf ? describeShowIf(c.draftDefinition, p.showIf) : null,
      tooLong: longPageWarning(p),
      questions: p.questions.map((q) => ({ id: q.id, title: q.title, type: q.type, required: q.required, routing: q.showIf ? describeShowIf(c.draftDefinition, q.showIf) : null })),
    })),
    // IDs are how answers are stored; most of the time nobody needs to see them.
    showIds: new URL(request.url).searchParams.get("ids") === "1",
    changes: c.currentVersion ? diffDefinitions(c.currentVersion.definition, c.draftDefinition) : [],
    responses,
    saved: new URL(request.url).searchParams.get("done") === "saved",
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, form } = await requireStaffAction(request, "editor");
  const c = await requireStaffConsultation(params.id);
  const intent = parseOutlineIntent(form.get("intent"));
  if (!intent) return json({ errors: [{ field: "pages", message: "Choose one of the buttons on this page" }] }, { status: 400 });

  if (intent.kind === "publish") {
    const responses = receivedTotal(await responseTotals(db(), { consultationId: c.id }));
    const refused = publishRefusal({ version: c.currentVersion?.version ?? null, hasUnpublishedChanges: c.hasUnpublishedChanges }, responses, form.get("confirm") === "yes");
    if (refused) return json({ errors: [refused] }, { status: 400 });
    // publishRefusal has refused a consultation with no version yet.
    const changes = c.currentVersion ? diffDefinitions(c.currentVersion.definition, c.draftDefinition) : [];
    const { version } = await publishWorkingDefinition(db(), { id: c.id });
    await recordAudit(db(), { staff: session.staff, action: "consultation.version_published", consultationId: c.id, detail: publishedDetail(version, changes, responses) });
    return redirect(`/staff/consultations/${c.id}?done=version`);
  }

  const edit = applyOutlineEdit(c.draftDefinition, intent, formValuesFrom(form));
  if (!edit.ok) {
    if (!edit.echo) return json({ errors: edit.errors }, { status: 400 });
    return json({ errors: edit.errors, values: Object.fromEntries([...form].filter(([k]) => k !== "_csrf")) }, { status: 400 });
  }
  // Deleting a page or question is not undone by anything but typing it again: ask first.
  if (intent.kind !== "add-page" && intent.kind !== "add-question" && intent.verb === "delete" && form.get("confirm") !== "yes") {
    const page = intent.kind === "page" ? c.draftDefinition.pages.find((p) => p.id === intent.id) : undefined;
    const question = intent.kind === "question" ? c.draftDefinition.pages.flatMap((p) => p.questions).find((q) => q.id === intent.id) : undefined;
    if (page || question) {
      return json({
        errors: [] as { field: string; message: string }[],
        confirmDelete: {
          intent: String(form.get("intent")),
          heading: page ? `Are you sure you want to delete the page "${page.title}"?` : `Are you sure you want to delete the question "${question!.title}"?`,
          consequence: page
            ? `Its ${page.questions.length === 1 ? "question goes" : `${page.questions.length} questions go`} with it, and any routing that depends on ${page.questions.length === 1 ? "it" : "them"} stops working.`
            : "Any routing that depends on its answers stops working.",
          published: Boolean(c.currentVersion),
        },
      });
    }
  }
  await saveWorkingDefinition(db(), { id: c.id, definition: edit.definition });
  await recordAudit(db(), { staff: session.staff, action: "consultation.edited", consultationId: c.id, detail: `${edit.what} in the working copy` });
  return redirect(`/staff/consultations/${c.id}/definition?done=saved`);
}

export default function Builder() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  const err = Object.fromEntries(errors.map((e) => [e.field, e.message]));
  const values = (actionData && "values" in actionData ? actionData.values : {}) as Record<string, string>;
  const c = data.consultation;
  const base = `/staff/consultations/${c.id}`;
  const typeOptions = QUESTION_TYPES.map((t) => ({ value: t, label: QUESTION_TYPE_LABELS[t] }));
  const confirmDelete = (actionData as { confirmDelete?: { intent: string; heading: string; consequence: string; published: boolean } } | undefined)?.confirmDelete;
  if (confirmDelete) {
    return (
      <StaffPage title={["Are you sure?", c.title]} nav={data} back={{ to: `${base}/definition`, label: "No, go back to the builder" }}>
        <span className="govuk-caption-l">{c.title}</span>
        <h1 className="govuk-heading-l">{confirmDelete.heading}</h1>
        <WarningText>
          {confirmDelete.consequence}
          {confirmDelete.published ? " Residents keep the published version until you publish the changes; answers already given are kept." : ""}
        </WarningText>
        <Form method="post" noValidate>
          <Csrf token={data.csrf} />
          <input type="hidden" name="intent" value={confirmDelete.intent} />
          <input type="hidden" name="confirm" value="yes" />
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button govuk-button--warning">
              Yes, delete it
            </button>
            <Link className="govuk-link" to={`${base}/definition`}>
              No, keep it
            </Link>
          </div>
        </Form>
      </StaffPage>
    );
  }
  return (
    <StaffPage title={["Builder", c.title]} nav={data} errors={errors} back={{ to: base, label: "Back to the consultation" }}>
      <SuccessBanner message={data.saved && !errors.length ? "Saved to the working copy." : null} />
      <span className="govuk-caption-l">{c.title}</span>
      <h1 className="govuk-heading-l">Questions</h1>
      <IdleWarning idleMinutes={data.idleMinutes} />
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
      <p className="govuk-body">
        <Link className="govuk-link" to={data.showIds ? `${base}/definition` : `${base}/definition?ids=1`}>
          {data.showIds ? "Hide IDs" : "Show IDs"}
        </Link>
      </p>
      <ErrorMessage id="pages-error" message={err.pages} />

      {data.pages.map((page, p) => (
        <section key={page.id} className="app-builder-page" aria-labelledby={`page-heading-${page.id}`}>
          <h2 className="govuk-heading-m" id={`page-heading-${page.id}`}>
            <span className="govuk-caption-m">Page {p + 1} of {data.pages.length}</span>
            {page.title}
          </h2>
          {data.showIds ? (
            <p className="govuk-body-s app-muted">
              ID <code>{page.id}</code>
            </p>
          ) : null}
          {page.routing ? <p className="govuk-body-s app-routing">{page.routing}</p> : null}
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
          {page.tooLong ? <WarningText>{page.tooLong}</WarningText> : null}
          <ol className="govuk-list app-builder-questions">
            {page.questions.map((q, i) => (
              <li key={q.id} className="app-builder-question">
                <p className="govuk-body govuk-!-margin-bottom-1">
                  <strong>{q.title}</strong>
                  {q.required ? "" : " (optional)"}
                </p>
                <p className="govuk-body-s app-muted govuk-!-margin-bottom-2">
                  {QUESTION_TYPE_LABELS[q.type]}
                  {data.showIds ? (
                    <>
                      {" "}· ID <code>{q.id}</code>
                    </>
                  ) : null}
                </p>
                {q.routing ? <p className="govuk-body-s app-routing govuk-!-margin-bottom-2">{q.routing}</p> : null}
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
                <Select
                  name={`new-question-${page.id}-type`}
                  label="Type"
                  error={err[`new-question-${page.id}-type`]}
                  value={values[`new-question-${page.id}-type`] ?? "single_choice"}
                  options={typeOptions}
                />
                <TextInput name={`new-question-${page.id}`} label="Question" error={err[`new-question-${page.id}`]} value={values[`new-question-${page.id}`] ?? ""} />
                <TextInput
                  name={`new-question-${page.id}-id`}
                  label="Question ID (optional)"
                  hint="Made from the question when left blank."
                  value={values[`new-question-${page.id}-id`] ?? ""}
                  width={20}
                  spellCheck={false}
                />
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
        <TextInput name="page-title" label="Page title" error={err["page-title"]} value={values["page-title"]} spellCheck={false} />
        <TextInput name="page-id" label="Page ID (optional)" hint="Made from the title when left blank." error={err["page-id"]} value={values["page-id"]} spellCheck={false} />
        <Textarea name="page-intro" label="Introduction (optional)" value={values["page-intro"] ?? ""} rows={3} />
        <Select name="question-type" label="First question's type" error={err["question-type"]} value={values["question-type"] ?? "single_choice"} options={typeOptions} />
        <TextInput name="question-title" label="First question" error={err["question-title"]} value={values["question-title"]} spellCheck={false} />
        <TextInput name="question-id" label="First question's ID (optional)" error={err["question-id"]} value={values["question-id"]} spellCheck={false} />
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
            data.responses > 0 ? (
              <WarningText>
                {data.responses.toLocaleString("en-GB")} {data.responses === 1 ? "response has" : "responses have"} already been given. What these changes do:
              </WarningText>
            ) : (
              <p className="govuk-body">What these changes do:</p>
            )
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
            <Checkbox name="confirm" label="I have read what these changes do to the responses already given" value="yes" error={err.confirm} small />
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

