import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ConditionsEditor } from "~/builder/conditions-editor";
import { Textarea, TextInput } from "~/ui/fields";
import { Csrf, StaffPage } from "~/ui/staff-page";
import { pageFromForm, parseIntent, updatePage } from "~/builder/builder";
import { formValuesFrom, oneValue } from "~/responding/form-values";
import { db } from "~/server/db.server";
import { recordAudit } from "~/models/audit.server";
import { saveWorkingDefinition } from "~/models/consultation.server";
import { IDLE_MS, requireStaff, requireStaffAction } from "~/auth/staff-auth.server";
import { IdleWarning } from "~/ui/idle-warning";
import { builderTargets } from "~/builder/routing-targets";
import { navData, requireStaffConsultation } from "~/auth/staff-workspace.server";

async function load(id: string | undefined, pageId: string | undefined) {
  const c = await requireStaffConsultation(id);
  const index = c.draftDefinition.pages.findIndex((p) => p.id === pageId);
  if (index < 0) throw json("There is no page at this address in the working copy. Go back to the builder.", { status: 404 });
  return { c, page: c.draftDefinition.pages[index], targets: builderTargets(c.draftDefinition, index) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "editor");
  const { c, page, targets } = await load(params.id, params.pageId);
  return json({
    idleMinutes: IDLE_MS / 60_000, ...navData(session), consultation: { id: c.id, title: c.title }, page: { id: page.id, title: page.title, intro: page.intro, showIf: page.showIf }, targets });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, form } = await requireStaffAction(request, "editor");
  const { c, page } = await load(params.id, params.pageId);
  const f = formValuesFrom(form);
  const intent = parseIntent(oneValue(f, "intent"));
  const edited = pageFromForm(f, intent);
  const shown = { id: page.id, ...edited };
  if (intent.kind !== "save") return json({ page: shown, errors: [] as { field: string; message: string }[], notice: "Not saved yet: check the page, then select Save page." });
  if (!edited.title) return json({ page: shown, errors: [{ field: "title", message: `Page "${page.title}": enter a title` }], notice: null }, { status: 400 });
  const result = updatePage(c.draftDefinition, page.id, edited);
  if (!result.ok) return json({ page: shown, errors: result.errors.map((e) => ({ field: e.pageId === page.id || !e.pageId ? e.field : "title", message: e.message })), notice: null }, { status: 400 });
  await saveWorkingDefinition(db(), { id: c.id, definition: result.definition });
  await recordAudit(db(), { staff: session.staff, action: "consultation.edited", consultationId: c.id, detail: `page "${page.id}" edited in the working copy` });
  return redirect(`/staff/consultations/${c.id}/definition?done=saved#page-${page.id}`);
}

export default function EditPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const page = actionData?.page ?? data.page;
  const errors = actionData?.errors ?? [];
  const err = Object.fromEntries(errors.map((e) => [e.field, e.message]));
  return (
    <StaffPage title={["Edit page", data.consultation.title]} nav={data} errors={errors} back={{ to: `/staff/consultations/${data.consultation.id}/definition`, label: "Back to the builder" }}>
      <span className="govuk-caption-l">{data.consultation.title}</span>
      <h1 className="govuk-heading-l">Edit page &ldquo;{data.page.title}&rdquo;</h1>
      <IdleWarning idleMinutes={data.idleMinutes} />
      {actionData?.notice ? (
        <div className="govuk-inset-text" role="status">
          {actionData.notice}
        </div>
      ) : null}
      <Form method="post" noValidate key={JSON.stringify(page)} className="app-builder-form">
        <Csrf token={data.csrf} />
        <button type="submit" name="intent" value="save" className="govuk-visually-hidden" tabIndex={-1} aria-hidden="true">
          Save
        </button>
        <p className="govuk-body">
          Page ID: <code>{page.id}</code>
        </p>
        <TextInput name="title" labelSize="m" label="Page title" error={err.title} value={page.title} />
        <Textarea name="intro" label="Introduction (optional)" labelSize="m" error={err.intro} value={page.intro ?? ""} rows={4} />
        <ConditionsEditor showIf={page.showIf} targets={data.targets} errors={err} what="page" />
        <button type="submit" name="intent" value="save" className="govuk-button">
          Save page
        </button>
      </Form>
    </StaffPage>
  );
}
