import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Radios, Textarea, TextInput } from "~/ui/fields";
import { DateTimeInput, datePartsFrom } from "~/ui/date-input";
import { Csrf, KIND_LABELS, StaffPage } from "~/ui/staff-page";
import { CONSULTATION_KINDS } from "~/lifecycle/lifecycle";
import { consultationDates } from "~/lifecycle/uk-time";
import { db } from "~/server/db.server";
import { recordAudit } from "~/models/audit.server";
import { createConsultation, isSlugTaken } from "~/models/consultation.server";
import { requireStaff, requireStaffAction } from "~/auth/staff-auth.server";
import { navData } from "~/auth/staff-workspace.server";
import { TEMPLATES, type TemplateName } from "~/builder/templates";

const NewSchema = z.object({
  template: z.enum(["precept", "survey", "blank"], { errorMap: () => ({ message: "Choose what to start from" }) }),
  title: z.string().trim().min(1, "Enter a title").max(200, "Enter a title of 200 characters or fewer"),
  summary: z.string().trim().min(1, "Enter a summary").max(1000, "Enter a summary of 1,000 characters or fewer"),
  kind: z.enum(CONSULTATION_KINDS, { errorMap: () => ({ message: "Choose the kind of consultation" }) }),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Enter a web address of lower-case letters, digits and single hyphens, like police-precept-2027-28")
    .max(80, "Enter a web address of 80 characters or fewer"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "editor");
  return json({ ...navData(session), templates: Object.entries(TEMPLATES).map(([id, t]) => ({ id, label: t.label })) });
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, form } = await requireStaffAction(request, "editor");
  const raw = Object.fromEntries([...form].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const errors: { field: string; message: string }[] = [];
  const parsed = NewSchema.safeParse(raw);
  if (!parsed.success) errors.push(...parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message })));
  const dates = consultationDates(datePartsFrom(form, "opens"), datePartsFrom(form, "closes"));
  errors.push(...dates.errors);
  if (parsed.success && (await isSlugTaken(db(), { slug: parsed.data.slug }))) {
    errors.push({ field: "slug", message: `Another consultation already uses /consultations/${parsed.data.slug}; choose a different web address` });
  }
  if (errors.length || !parsed.success) return json({ errors, values: raw }, { status: 400 });

  const { template, title, summary, kind, slug } = parsed.data;
  const { id } = await createConsultation(db(), {
    slug,
    title,
    summary,
    kind,
    definition: TEMPLATES[template as TemplateName].definition,
    opensAt: dates.opensAt,
    closesAt: dates.closesAt,
    status: "draft",
  });
  await recordAudit(db(), { staff: session.staff, action: "consultation.created", consultationId: id, detail: `created from the ${TEMPLATES[template].label.toLowerCase()} template` });
  return redirect(`/staff/consultations/${id}?done=created`);
}

export default function NewConsultation() {
  const { templates, ...nav } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  const err = Object.fromEntries(errors.map((e) => [e.field, e.message]));
  const v = (actionData?.values ?? {}) as Record<string, string>;
  const parts = (name: string) => ({ day: v[`${name}-day`], month: v[`${name}-month`], year: v[`${name}-year`], time: v[`${name}-time`] });
  return (
    <StaffPage title={["New consultation"]} nav={nav} errors={errors} back={{ to: "/staff", label: "All consultations" }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">New consultation</h1>
          <p className="govuk-body">It starts as a draft: nobody outside the office can see it until you open or schedule it.</p>
          <Form method="post" noValidate>
            <Csrf token={nav.csrf} />
            <Radios id="template" name="template" legend="Start from" error={err.template} choices={templates} values={[v.template ?? "precept"]} />
            <TextInput name="title" labelSize="m" label="Title" error={err.title} value={v.title} />
            <Textarea name="summary" label="Summary" labelSize="m" hint="One or two sentences residents see in the list of consultations." error={err.summary} value={v.summary} rows={3} />
            <Radios
              id="kind"
              name="kind"
              legend="Kind"
              error={err.kind}
              choices={CONSULTATION_KINDS.map((k) => ({ id: k, label: KIND_LABELS[k] }))}
              values={[v.kind ?? "precept"]}
            />
            <TextInput name="slug" labelSize="m" label="Web address" hint="Residents will find it at /consultations/ followed by this, for example police-precept-2027-28." error={err.slug} value={v.slug} spellCheck={false} />
            <DateTimeInput name="opens" legend="Opening date (optional)" hint="UK time. You can set or change this later. For example, 4 1 2027 and 09:00." error={err.opens} value={parts("opens")} />
            <DateTimeInput name="closes" legend="Closing date (optional)" hint="UK time. For example, 31 1 2027 and 23:59." error={err.closes} value={parts("closes")} />
            <button type="submit" className="govuk-button">Create draft</button>
          </Form>
        </div>
      </div>
    </StaffPage>
  );
}
