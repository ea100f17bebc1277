import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FileUpload, Radios } from "~/ui/fields";
import { Csrf, StaffPage } from "~/ui/staff-page";
import { db } from "~/server/db.server";
import { recordAudit } from "~/models/audit.server";
import { PAPER_CHANNELS } from "~/responding/channels";
import { requirePaperAllowed } from "~/staff-entry/staff-entry.server";
import { importResponses, importTemplateCsv } from "~/staff-entry/response-import.server";
import { requireStaff, requireStaffUpload } from "~/auth/staff-auth.server";
import { navData, requireStaffConsultation } from "~/auth/staff-workspace.server";

/** Many paper, event or phone responses at once, from a CSV file: all or nothing. */

const MAX_BYTES = 5_000_000;
const SHOWN_ERRORS = 50;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "editor");
  const c = await requireStaffConsultation(params.id);
  requirePaperAllowed(c);
  if (new URL(request.url).searchParams.has("template")) {
    return new Response(importTemplateCsv(c), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${c.slug}-paper-responses.csv"`, "Cache-Control": "no-store" },
    });
  }
  return json({ ...navData(session), consultation: { id: c.id, title: c.title, version: c.currentVersion?.version ?? null } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const upload = await requireStaffUpload(request, "editor", { maxBytes: MAX_BYTES });
  if ("tooLarge" in upload) return json({ errors: [{ field: "file", message: `The file must be smaller than ${MAX_BYTES / 1_000_000} MB` }], total: 1 }, { status: 400 });
  const { session, form } = upload;
  const c = await requireStaffConsultation(params.id);
  requirePaperAllowed(c);
  const channel = z.enum(PAPER_CHANNELS).nullable().catch(null).parse(form.get("channel") || null);
  const csv = String(form.get("file") ?? "");
  if (!csv.trim()) return json({ errors: [{ field: "file", message: "Choose a CSV file of responses" }], total: 1 }, { status: 400 });
  const result = await importResponses(db(), { consultation: c, csv, channel });
  if (!result.ok) {
    const shown = result.errors.slice(0, SHOWN_ERRORS).map((e) => ({ field: "file", message: `Line ${e.line}: ${e.message}` }));
    return json({ errors: shown, total: result.errors.length }, { status: 400 });
  }
  const by = Object.entries(result.byChannel).map(([ch, n]) => `${n} ${ch}`).join(", ");
  // Who imported how many, on which channels: never what they say.
  await recordAudit(db(), { staff: session.staff, action: "response.paper_entered", consultationId: c.id, detail: `${result.count} responses imported from a CSV file (${by})` });
  return redirect(`/staff/consultations/${c.id}/paper?imported=${result.count}`);
}

export default function ImportResponses() {
  const { consultation: c, ...nav } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  const base = `/staff/consultations/${c.id}`;
  return (
    <StaffPage title={["Import responses", c.title]} nav={nav} errors={errors} back={{ to: `${base}/paper`, label: "Back to entering responses" }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{c.title}</span>
          <h1 className="govuk-heading-l">Import paper, event and phone responses</h1>
          <p className="govuk-body">
            For many forms at once: type them into a spreadsheet with one row per form, save it as CSV, and upload it here. Each row is checked
            exactly as a response typed on the question pages is. If any row is wrong nothing is imported, and every problem is listed with its
            line number, so you can correct the file and upload it again.
          </p>
          <ul className="govuk-list govuk-list--bullet">
            <li>
              <a className="govuk-link" href={`${base}/paper/import?template`} download>
                Download the spreadsheet to fill in (CSV)
              </a>
              : its first line names a column for each answer, as in the responses download.
            </li>
            <li>Write each answer as its label or its ID; for &ldquo;tick all that apply&rdquo; questions, 1 where a box is ticked and 0 where not.</li>
            <li>
              Where the form left a question blank, write <strong>Not answered</strong> (a required question left empty is an error, as on the
              question pages).
            </li>
            <li>A <code>channel</code> column (paper, event or phone) can say how each response came in; otherwise choose below.</li>
          </ul>
          {actionData && actionData.total > errors.length ? (
            <p className="govuk-body">
              {actionData.total.toLocaleString("en-GB")} problems were found; the first {errors.length} are listed above.
            </p>
          ) : null}
          <Form method="post" encType="multipart/form-data" noValidate>
            <Csrf token={nav.csrf} />
            <Radios
              id="channel"
              name="channel"
              legend="How did these responses come in?"
              hint="Used for rows without a channel of their own."
              choices={[
                { id: "paper", label: "On paper (posted or handed in)" },
                { id: "event", label: "At an event" },
                { id: "phone", label: "By phone" },
              ]}
              values={["paper"]}
            />
            <FileUpload
              name="file"
              label="CSV file of responses"
              labelSize="s"
              accept=".csv,text/csv"
              error={errors.length ? "Nothing has been imported: correct the lines listed above and upload the file again" : undefined}
            />
            <button type="submit" className="govuk-button">
              Import responses
            </button>
          </Form>
          <p className="govuk-body">
            <Link className="govuk-link" to={`${base}/paper`}>
              Enter one response at a time instead
            </Link>
          </p>
        </div>
      </div>
    </StaffPage>
  );
}
