import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { QuestionEditor, type QuestionDraft } from "~/builder/question-editor";
import { Csrf, StaffPage } from "~/ui/staff-page";
import { parseIntent, questionFromForm, replaceQuestion } from "~/builder/builder";
import { formValuesFrom, oneValue } from "~/responding/form-values";
import { findQuestion } from "~/definition/definition";
import { db } from "~/server/db.server";
import { recordAudit } from "~/models/audit.server";
import { saveWorkingDefinition } from "~/models/consultation.server";
import { IDLE_MS, requireStaff, requireStaffAction } from "~/auth/staff-auth.server";
import { IdleWarning } from "~/ui/idle-warning";
import { builderTargets, lockedIdsOf } from "~/builder/routing-targets";
import { navData, requireStaffConsultation } from "~/auth/staff-workspace.server";

async function load(id: string | undefined, questionId: string | undefined) {
  const c = await requireStaffConsultation(id);
  const question = questionId ? findQuestion(c.draftDefinition, questionId) : undefined;
  if (!question) throw json("There is no question at this address in the working copy. Go back to the builder.", { status: 404 });
  const pageIndex = c.draftDefinition.pages.findIndex((p) => p.questions.some((q) => q.id === question.id));
  return { c, question, page: c.draftDefinition.pages[pageIndex], targets: builderTargets(c.draftDefinition, pageIndex), lockedIds: lockedIdsOf(c.currentVersion?.definition, question.id) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "editor");
  const { c, question, page, targets, lockedIds } = await load(params.id, params.questionId);
  return json({
    idleMinutes: IDLE_MS / 60_000, ...navData(session), consultation: { id: c.id, title: c.title }, page: { id: page.id, title: page.title }, question: question as QuestionDraft, targets, lockedIds });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, form } = await requireStaffAction(request, "editor");
  const { c, question, lockedIds } = await load(params.id, params.questionId);
  const f = formValuesFrom(form);
  // A published question keeps its id whatever the form says: answers are stored under it.
  if (lockedIds.includes(`q:${question.id}`)) f.id = [question.id];
  const intent = parseIntent(oneValue(f, "intent"));
  const { question: candidate, errors } = questionFromForm(question, f, intent);
  const draft = candidate as QuestionDraft;
  if (intent.kind !== "save") {
    return json({ question: draft, errors: [] as { field: string; message: string }[], notice: "Not saved yet: check the question, then select Save question." });
  }
  if (errors.length) return json({ question: draft, errors, notice: null }, { status: 400 });
  const result = replaceQuestion(c.draftDefinition, question.id, candidate);
  if (!result.ok) {
    const own = new Set([question.id, draft.id]);
    const shown = result.errors.map((e) => ({ field: !e.questionId || own.has(e.questionId) ? e.field : "id", message: e.message }));
    return json({ question: draft, errors: shown, notice: null }, { status: 400 });
  }
  await saveWorkingDefinition(db(), { id: c.id, definition: result.definition });
  await recordAudit(db(), { staff: session.staff, action: "consultation.edited", consultationId: c.id, detail: `question "${draft.id}" edited in the working copy` });
  return redirect(`/staff/consultations/${c.id}/definition?done=saved#question-${draft.id}`);
}

export default function EditQuestion() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const question = actionData?.question ?? data.question;
  const errors = actionData?.errors ?? [];
  const byField = Object.fromEntries(errors.map((e) => [e.field, e.message]));
  return (
    <StaffPage
      title={["Edit question", data.consultation.title]}
      nav={data}
      errors={errors}
      back={{ to: `/staff/consultations/${data.consultation.id}/definition`, label: "Back to the builder" }}
    >
      <span className="govuk-caption-l">
        {data.consultation.title}: page &ldquo;{data.page.title}&rdquo;
      </span>
      <h1 className="govuk-heading-l">Edit question</h1>
      <IdleWarning idleMinutes={data.idleMinutes} />
      {actionData?.notice ? (
        <div className="govuk-inset-text" role="status">
          {actionData.notice}
        </div>
      ) : null}
      {/* Keyed by content so that, with JavaScript, rows re-render from the server's state after a move. */}
      <Form method="post" noValidate key={JSON.stringify(question)} className="app-builder-form">
        <Csrf token={data.csrf} />
        <QuestionEditor question={question} errors={byField} targets={data.targets} lockedIds={data.lockedIds} />
        <div className="govuk-button-group">
          <button type="submit" name="intent" value="save" className="govuk-button">
            Save question
          </button>
        </div>
      </Form>
    </StaffPage>
  );
}
