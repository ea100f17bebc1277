import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Checkboxes, Select, Textarea } from "~/ui/fields";
import { Csrf, StaffPage } from "~/ui/staff-page";
import { checkIndicator, choiceTargets, IndicatorFormSchema, TEMPLATE_FIELDS } from "~/evidence/evidence";
import { filterChoices, parseFilterValue } from "~/results/query";
import { db } from "~/server/db.server";
import { recordAudit } from "~/models/audit.server";
import { getConsultationForStaff, listConsultations } from "~/models/consultation.server";
import { createIndicator, listLinkableIndicators, listSections } from "~/models/evidence.server";
import { requireStaff, requireStaffAction } from "~/auth/staff-auth.server";
import { codedTargets } from "~/coding/evidence-targets.server";

/**
 * Adding an indicator in three steps that work without JavaScript: choose the consultation, then
 * the question (each a GET form, so the next choices can be listed), then the answers that count,
 * the base, the sentence and the plan section.
 */

async function choicesFor(consultationId: string) {
  const c = consultationId ? await getConsultationForStaff(db(), { id: consultationId }) : null;
  if (!c?.currentVersion) return null;
  const def = c.currentVersion.definition;
  const coded = await codedTargets(db(), c.id, def);
  return {
    consultation: { id: c.id, title: c.title },
    def,
    coded,
    targets: [...choiceTargets(def), ...coded].map((t) => ({ value: `${t.questionId}|${t.itemId}`, label: t.label, options: t.options })),
    filters: filterChoices(def),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "analyst");
  const url = new URL(request.url);
  const consultationId = url.searchParams.get("consultation") ?? "";
  const question = url.searchParams.get("question") ?? "";
  const [consultations, sections, choices] = await Promise.all([listConsultations(db()), listSections(db()), choicesFor(consultationId)]);
  const target = choices?.targets.find((t) => t.value === question) ?? null;
  return json({
    staff: session.staff,
    csrf: session.csrfToken,
    consultations: consultations.filter((c) => c.status !== "draft").map((c) => ({ id: c.id, title: c.title })),
    sections: sections.map((s) => ({ id: s.id, name: s.name })),
    chosen: choices ? { consultation: choices.consultation, targets: choices.targets.map(({ value, label }) => ({ value, label })), filters: choices.filters } : null,
    target,
    linkable: choices ? await listLinkableIndicators(db(), { exceptConsultationId: choices.consultation.id }) : [],
  });
}

type Errors = { field: string; message: string }[];

export async function action({ request }: ActionFunctionArgs) {
  const { session, form } = await requireStaffAction(request, "analyst");
  const values = {
    consultationId: String(form.get("consultationId") ?? ""),
    sectionId: String(form.get("sectionId") ?? ""),
    question: String(form.get("question") ?? ""),
    optionIds: form.getAll("optionIds").map(String),
    filter: String(form.get("filter") ?? ""),
    template: String(form.get("template") ?? ""),
    previousIndicatorId: String(form.get("previousIndicatorId") ?? ""),
  };
  // Summary links go to the element that takes the answer.
  const anchor: Record<string, string> = { question: "question-choice", consultationId: "consultation" };
  const fail = (errors: Errors) => json({ errors: errors.map((e) => ({ ...e, field: anchor[e.field] ?? e.field })), values }, { status: 400 });
  const parsed = IndicatorFormSchema.safeParse(values);
  if (!parsed.success) return fail(parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message })));
  const choices = await choicesFor(parsed.data.consultationId);
  if (!choices) return fail([{ field: "question", message: "Choose a published consultation" }]);
  const sections = await listSections(db());
  if (!sections.some((s) => s.id === parsed.data.sectionId)) return fail([{ field: "sectionId", message: "Choose a section of the plan" }]);
  const [questionId, itemId = ""] = parsed.data.question.split("|");
  const filter = parsed.data.filter ? parseFilterValue(choices.def, parsed.data.filter) : null;
  if (parsed.data.filter && !filter) return fail([{ field: "filter", message: "Choose a group of respondents from the list" }]);
  const indicator = { questionId, itemId, optionIds: parsed.data.optionIds, filter, template: parsed.data.template };
  const errors = checkIndicator(choices.def, indicator, choices.coded);
  const previous = parsed.data.previousIndicatorId || null;
  if (previous && !(await listLinkableIndicators(db(), { exceptConsultationId: choices.consultation.id })).some((l) => l.id === previous)) {
    errors.push({ field: "previousIndicatorId", message: "Choose an indicator from an earlier consultation from the list" });
  }
  if (errors.length) return fail(errors);
  const { id } = await createIndicator(db(), { consultationId: choices.consultation.id, sectionId: parsed.data.sectionId, ...indicator, previousIndicatorId: previous });
  await recordAudit(db(), { staff: session.staff, action: "evidence.changed", consultationId: choices.consultation.id, detail: `indicator ${id} added: ${questionId}${itemId ? `.${itemId}` : ""}` });
  return redirect("/staff/evidence?done=added");
}

export default function NewIndicator() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Errors = result?.errors ?? [];
  const v = result?.values;
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <StaffPage title={["Add an indicator", "Evidence"]} nav={d} errors={errors} back={{ to: "/staff/evidence", label: "Back to the evidence" }}>
      <h1 className="govuk-heading-l">Add an indicator</h1>

      <Form method="get">
        <Select
          name="consultation"
          label="1. Consultation"
          labelSize="s"
          value={d.chosen?.consultation.id ?? ""}
          options={[{ value: "", label: "Choose a consultation" }, ...d.consultations.map((c) => ({ value: c.id, label: c.title }))]}
        />
        <button type="submit" className="govuk-button govuk-button--secondary">
          Choose consultation
        </button>
      </Form>

      {d.chosen ? (
        <Form method="get">
          <input type="hidden" name="consultation" value={d.chosen.consultation.id} />
          <Select
            id="question-choice"
            name="question"
            label="2. Question"
            labelSize="s"
            value={d.target?.value ?? ""}
            options={[{ value: "", label: "Choose a question" }, ...d.chosen.targets]}
          />
          <button type="submit" className="govuk-button govuk-button--secondary">
            Choose question
          </button>
        </Form>
      ) : null}

      {d.chosen && d.target ? (
        <Form method="post" noValidate>
          <Csrf token={d.csrf} />
          <input type="hidden" name="consultationId" value={d.chosen.consultation.id} />
          <input type="hidden" name="question" value={d.target.value} />
          <h2 className="govuk-heading-m">3. The statement</h2>
          <Checkboxes
            id="optionIds"
            name="optionIds"
            legend="Answers that count towards the figure"
            legendSize="s"
            error={errorFor("optionIds")}
            choices={d.target.options.map((o) => ({ id: o.id, label: o.label }))}
            values={v?.optionIds}
            small
          />
          <Select
            name="filter"
            label="Base"
            labelSize="s"
            hint="Everyone who answered the question, or only respondents in one group (for example victims of crime)."
            error={errorFor("filter")}
            value={v?.filter ?? ""}
            options={[{ value: "", label: "All who answered the question" }, ...d.chosen.filters.map((f) => ({ value: f.value, label: `Only those who answered: ${f.label}` }))]}
          />
          <Textarea
            name="template"
            label="Sentence"
            labelSize="s"
            hint={
              <>
                Write {"{percent}"} where the figure goes, for example &ldquo;{"{percent}"} of respondents want to see investment in Neighbourhood
                Policing&rdquo;. You can also use {TEMPLATE_FIELDS.filter((f) => f !== "percent").map((f) => `{${f}}`).join(", ")}.
              </>
            }
            error={errorFor("template")}
            value={v?.template ?? ""}
            rows={3}
          />
          <Select
            name="sectionId"
            label="Section of the plan"
            labelSize="s"
            error={errorFor("sectionId")}
            value={v?.sectionId ?? ""}
            options={[{ value: "", label: "Choose a section" }, ...d.sections.map((s) => ({ value: s.id, label: s.name }))]}
          />
          <Select
            name="previousIndicatorId"
            label="The same indicator in an earlier consultation (optional)"
            labelSize="s"
            hint="The statement will show the change in percentage points and whether it is statistically significant."
            error={errorFor("previousIndicatorId")}
            value={v?.previousIndicatorId ?? ""}
            options={[{ value: "", label: "None" }, ...d.linkable.map((l) => ({ value: l.id, label: l.label }))]}
          />
          <button type="submit" className="govuk-button">
            Add indicator
          </button>
        </Form>
      ) : null}
    </StaffPage>
  );
}
