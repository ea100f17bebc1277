import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Radios, Textarea, TextInput } from "~/ui/fields";
import { DateTimeInput, datePartsFrom } from "~/ui/date-input";
import { Csrf, KIND_LABELS, StaffPage } from "~/ui/staff-page";
import { CONSULTATION_KINDS, formatUkDateTime } from "~/lifecycle/lifecycle";
import { consultationDates, isoToUkParts, type UkDateTimeParts } from "~/lifecycle/uk-time";
import { db } from "~/server/db.server";
import { recordAudit } from "~/models/audit.server";
import { updateConsultationDetails } from "~/models/consultation.server";
import { requireStaff, requireStaffAction } from "~/auth/staff-auth.server";
import { navData, requireStaffConsultation } from "~/auth/staff-workspace.server";

const DetailsSchema = z.object({
  title: z.string().trim().min(1, "Enter a title").max(200, "Enter a title of 200 characters or fewer"),
  summary: z.string().trim().min(1, "Enter a summary").max(1000, "Enter a summary of 1,000 characters or fewer"),
  kind: z.enum(CONSULTATION_KINDS, { errorMap: () => ({ message: "Choose the kind of consultation" }) }),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "editor");
  const c = await requireStaffConsultation(params.id);
  return json({
    ...navData(session),
    consultation: { id: c.id, title: c.title, summary: c.summary, kind: c.kind, status: c.status },
    opens: isoToUkParts(c.opensAt),
    closes: isoToUkParts(c.closesAt),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, form } = await requireStaffAction(request, "editor");
  const c = await requireStaffConsultation(params.id);
  const raw = Object.fromEntries([...form].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const errors: { field: string; message: string }[] = [];
  const parsed = DetailsSchema.safeParse(raw);
  if (!parsed.success) errors.push(...parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message })));
  const dates = consultationDates(datePartsFrom(form, "opens"), datePartsFrom(form, "closes"));
  errors.push(...dates.errors);
  if (c.status !== "draft" && !dates.errors.some((e) => e.field === "closes") && !dates.closesAt) errors.push({ field: "closes", message: "A live consultation needs a closing date" });
  if (errors.length || !parsed.success) return json({ errors, values: raw }, { status: 400 });

  await updateConsultationDetails(db(), { id: c.id, ...parsed.data, opensAt: dates.opensAt, closesAt: dates.closesAt });
  const changed = [
    parsed.data.title !== c.title && "title",
    parsed.data.summary !== c.summary && "summary",
    parsed.data.kind !== c.kind && "kind",
    dates.opensAt !== c.opensAt && `opening date (now ${formatUkDateTime(dates.opensAt) || "not set"})`,
    dates.closesAt !== c.closesAt && `closing date (now ${formatUkDateTime(dates.closesAt) || "not set"})`,
  ].filter(Boolean);
  if (changed.length) await recordAudit(db(), { staff: session.staff, action: "consultation.edited", consultationId: c.id, detail: `changed ${changed.join(", ")}` });
  return redirect(`/staff/consultations/${c.id}?done=details`);
}

export default function EditDetails() {
  const { consultation: c, opens, closes, ...nav } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  const err = Object.fromEntries(errors.map((e) => [e.field, e.message]));
  const v = (actionData?.values ?? null) as Record<string, string> | null;
  const parts = (name: string, saved: UkDateTimeParts) => (v ? { day: v[`${name}-day`], month: v[`${name}-month`], year: v[`${name}-year`], time: v[`${name}-time`] } : saved);
  return (
    <StaffPage title={["Edit details", c.title]} nav={nav} errors={errors} back={{ to: `/staff/consultations/${c.id}`, label: "Back to the consultation" }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{c.title}</span>
          <h1 className="govuk-heading-l">Edit title, summary and dates</h1>
          <Form method="post" noValidate>
            <Csrf token={nav.csrf} />
            <TextInput name="title" labelSize="m" label="Title" error={err.title} value={v?.title ?? c.title} />
            <Textarea name="summary" label="Summary" labelSize="m" error={err.summary} value={v?.summary ?? c.summary} rows={3} />
            <Radios id="kind" name="kind" legend="Kind" error={err.kind} choices={CONSULTATION_KINDS.map((k) => ({ id: k, label: KIND_LABELS[k] }))} values={[v?.kind ?? c.kind]} />
            <DateTimeInput name="opens" legend="Opening date" error={err.opens} value={parts("opens", opens)} />
            <DateTimeInput name="closes" legend="Closing date" error={err.closes} value={parts("closes", closes)} />
            <button type="submit" className="govuk-button">Save details</button>
          </Form>
        </div>
      </div>
    </StaffPage>
  );
}
