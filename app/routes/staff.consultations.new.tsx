import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Fieldset, FormGroup, Radios, Select, Textarea, TextInput } from "~/ui/fields";
import { DateTimeInput, datePartsFrom } from "~/ui/date-input";
import { Csrf, KIND_LABELS, StaffPage } from "~/ui/staff-page";
import { CONSULTATION_KINDS } from "~/lifecycle/lifecycle";
import { consultationDates } from "~/lifecycle/uk-time";
import { db } from "~/server/db.server";
import { recordAudit } from "~/models/audit.server";
import { createConsultation, getConsultationForStaff, isSlugTaken, listConsultations } from "~/models/consultation.server";
import type { ConsultationDefinition } from "~/definition/definition";
import { applyPreceptSetup, formatYear, nextFinancialYear, parsePreceptSetup, preceptQuestions, type PreceptSetup } from "~/precept/precept-setup";
import { requireStaff, requireStaffAction } from "~/auth/staff-auth.server";
import { navData } from "~/auth/staff-workspace.server";
import { TEMPLATES, type TemplateName } from "~/builder/templates";

const NewSchema = z.object({
  template: z.enum(["precept", "survey", "blank", "copy"], { errorMap: () => ({ message: "Choose what to start from" }) }),
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
  const copyFrom = new URL(request.url).searchParams.get("copy");
  return json({
    ...navData(session),
    templates: [...Object.entries(TEMPLATES).map(([id, t]) => ({ id, label: t.label })), { id: "copy", label: "A copy of an existing consultation, with its questions and routing" }],
    consultations: (await listConsultations(db())).map((c) => ({ value: c.id, label: c.title })),
    copyFrom,
    suggestedYear: formatYear(nextFinancialYear(new Date())),
  });
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
  // What it starts from: a template, or a copy of another consultation's working copy.
  let start: ConsultationDefinition | null = null;
  let source: { id: string; title: string } | null = null;
  const template = NewSchema.shape.template.safeParse(raw.template);
  if (template.success && template.data === "copy") {
    const from = raw.copyFrom ? await getConsultationForStaff(db(), { id: raw.copyFrom }).catch(() => null) : null;
    if (!from) errors.push({ field: "copyFrom", message: "Choose the consultation to copy" });
    else {
      start = from.draftDefinition;
      source = { id: from.id, title: from.title };
    }
  } else if (template.success) start = TEMPLATES[template.data as TemplateName].definition;
  // A precept consultation is set up with this year's figures, never last year's.
  let setup: PreceptSetup | null = null;
  if (start && preceptQuestions(start).length) {
    const read = parsePreceptSetup({ year: raw.year ?? "", currentBandD: raw.currentBandD ?? "", increases: [raw["increases-0"] ?? "", raw["increases-1"] ?? "", raw["increases-2"] ?? ""], referendumLimit: raw.referendumLimit ?? "" });
    if (read.ok) setup = read.setup;
    else errors.push(...read.errors);
  }
  if (errors.length || !parsed.success || !start) return json({ errors, values: raw }, { status: 400 });

  const { title, summary, kind, slug } = parsed.data;
  let definition = start;
  if (setup) {
    const applied = applyPreceptSetup(start, setup);
    if (applied.ok) definition = applied.definition;
  }
  const { id } = await createConsultation(db(), { slug, title, summary, kind, definition, opensAt: dates.opensAt, closesAt: dates.closesAt, status: "draft" });
  const how = source ? `copied from "${source.title}"` : `created from the ${TEMPLATES[parsed.data.template as TemplateName].label.toLowerCase()} template`;
  await recordAudit(db(), { staff: session.staff, action: "consultation.created", consultationId: id, detail: `${how}${setup ? `; precept set up for ${formatYear(setup.year)}` : ""}` });
  return redirect(`/staff/consultations/${id}?done=${source ? "copied" : "created"}`);
}

export default function NewConsultation() {
  const { templates, consultations, copyFrom, suggestedYear, ...nav } = useLoaderData<typeof loader>();
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
            <Radios id="template" name="template" legend="Start from" error={err.template} choices={templates} values={[v.template ?? (copyFrom ? "copy" : "precept")]} />
            <Select
              name="copyFrom"
              label="Consultation to copy"
              labelSize="s"
              hint="Only if you start from a copy. Its questions, routing and IDs are copied, so results can be compared year on year; none of its responses are."
              error={err.copyFrom}
              value={v.copyFrom ?? copyFrom ?? ""}
              options={[{ value: "", label: "Choose a consultation" }, ...consultations]}
            />
            <FormGroup>
              <Fieldset legend="This year's precept" legendSize="m" describedBy="precept-hint">
                <p className="govuk-hint" id="precept-hint">
                  For the precept template, or a copy of a precept consultation: the figures residents are asked about. Amounts are for a Band D home, in pounds a year.
                </p>
                <TextInput name="year" label="Financial year" labelSize="s" hint="For example, 2028/29." width={10} error={err.year} value={v.year ?? suggestedYear} spellCheck={false} />
                <TextInput name="currentBandD" label="This year's Band D precept" labelSize="s" prefix="£" width={5} inputMode="decimal" error={err.currentBandD} value={v.currentBandD} spellCheck={false} />
                {[0, 1, 2].map((i) => (
                  <TextInput
                    key={i}
                    name={`increases-${i}`}
                    label={i === 0 ? "Proposed increase" : `Another proposed increase (optional)`}
                    labelSize="s"
                    hint={i === 0 ? "For example, 14. Several proposals are shown smallest first." : undefined}
                    prefix="£"
                    width={5}
                    inputMode="decimal"
                    error={err[`increases-${i}`]}
                    value={v[`increases-${i}`]}
                    spellCheck={false}
                  />
                ))}
                <TextInput name="referendumLimit" label="Referendum limit for the year" labelSize="s" hint="The largest Band D increase allowed without a local referendum." prefix="£" width={5} inputMode="decimal" error={err.referendumLimit} value={v.referendumLimit} spellCheck={false} />
              </Fieldset>
            </FormGroup>
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
