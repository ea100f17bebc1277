import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FileUpload, Textarea } from "~/ui/fields";
import { Csrf, StaffPage } from "~/ui/staff-page";
import { importDefinition } from "~/builder/builder";
import { db } from "~/server/db.server";
import { recordAudit } from "~/models/audit.server";
import { saveWorkingDefinition } from "~/models/consultation.server";
import { requireStaff, requireStaffUpload } from "~/auth/staff-auth.server";
import { navData, requireStaffConsultation } from "~/auth/staff-workspace.server";

const MAX_BYTES = 200_000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "editor");
  const c = await requireStaffConsultation(params.id);
  return json({ ...navData(session), consultation: { id: c.id, title: c.title } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const upload = await requireStaffUpload(request, "editor", { maxBytes: MAX_BYTES });
  if ("tooLarge" in upload) return json({ errors: [{ field: "file", message: `The file must be smaller than ${MAX_BYTES / 1000} KB` }], json: "" }, { status: 400 });
  const { session, form } = upload;
  const c = await requireStaffConsultation(params.id);
  const pasted = String(form.get("json") ?? "");
  const uploaded = String(form.get("file") ?? "");
  const text = uploaded.trim() ? uploaded : pasted;
  if (!text.trim()) return json({ errors: [{ field: "file", message: "Choose a definition.json file or paste the JSON" }], json: "" }, { status: 400 });
  if (text.length > MAX_BYTES) return json({ errors: [{ field: "json", message: `The definition must be smaller than ${MAX_BYTES / 1000} KB` }], json: "" }, { status: 400 });
  const result = importDefinition(text);
  if (!result.ok) return json({ errors: result.errors.slice(0, 20).map((e) => ({ field: "json", message: e.message })), json: text }, { status: 400 });
  await saveWorkingDefinition(db(), { id: c.id, definition: result.definition });
  await recordAudit(db(), { staff: session.staff, action: "consultation.imported", consultationId: c.id, detail: `definition imported into the working copy (${result.definition.pages.length} pages)` });
  return redirect(`/staff/consultations/${c.id}/definition?done=saved`);
}

export default function ImportDefinition() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  const fileError = errors.find((e) => e.field === "file")?.message;
  const jsonErrors = errors.filter((e) => e.field === "json").map((e) => e.message);
  return (
    <StaffPage title={["Import a definition", data.consultation.title]} nav={data} errors={errors} back={{ to: `/staff/consultations/${data.consultation.id}/definition`, label: "Back to the builder" }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{data.consultation.title}</span>
          <h1 className="govuk-heading-l">Import a definition</h1>
          <p className="govuk-body">The imported questions replace the working copy. Residents keep seeing the published version until you publish the changes.</p>
          <Form method="post" encType="multipart/form-data" noValidate>
            <Csrf token={data.csrf} />
            <FileUpload name="file" label="Upload a definition.json file" labelSize="m" error={fileError} accept="application/json,.json" />
            <Textarea name="json" label="Or paste the JSON" labelSize="m" error={jsonErrors} value={actionData?.json ?? ""} rows={14} spellCheck={false} className="app-code" />
            <button type="submit" className="govuk-button">Import into the working copy</button>
          </Form>
        </div>
      </div>
    </StaffPage>
  );
}
