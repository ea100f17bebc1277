import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorMessage, ErrorSummary } from "~/ui/error-summary";
import { PageTitle } from "~/ui/page-title";
import { StaffNav } from "~/ui/staff-nav";
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
  const group = (field: string) => `govuk-form-group${errorFor(field) ? " govuk-form-group--error" : ""}`;
  return (
    <>
      <PageTitle parts={["Add an indicator", "Evidence", "Staff"]} error={errors.length > 0} />
      <StaffNav email={d.staff.email} role={d.staff.role} csrf={d.csrf} />
      <Link to="/staff/evidence" className="govuk-back-link">
        Back to the evidence
      </Link>
      <ErrorSummary errors={errors} />
      <h1 className="govuk-heading-l">Add an indicator</h1>

      <Form method="get">
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="consultation">
            1. Consultation
          </label>
          <select className="govuk-select" id="consultation" name="consultation" defaultValue={d.chosen?.consultation.id ?? ""}>
            <option value="">Choose a consultation</option>
            {d.consultations.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary">
          Choose consultation
        </button>
      </Form>

      {d.chosen ? (
        <Form method="get">
          <input type="hidden" name="consultation" value={d.chosen.consultation.id} />
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="question-choice">
              2. Question
            </label>
            <select className="govuk-select" id="question-choice" name="question" defaultValue={d.target?.value ?? ""}>
              <option value="">Choose a question</option>
              {d.chosen.targets.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="govuk-button govuk-button--secondary">
            Choose question
          </button>
        </Form>
      ) : null}

      {d.chosen && d.target ? (
        <Form method="post" noValidate>
          <input type="hidden" name="_csrf" value={d.csrf} />
          <input type="hidden" name="consultationId" value={d.chosen.consultation.id} />
          <input type="hidden" name="question" value={d.target.value} />
          <h2 className="govuk-heading-m">3. The statement</h2>
          <div className={group("optionIds")}>
            <fieldset className="govuk-fieldset" aria-describedby={errorFor("optionIds") ? "optionIds-error" : undefined}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Answers that count towards the figure</legend>
              <ErrorMessage id="optionIds-error" message={errorFor("optionIds")} />
              <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                {d.target.options.map((o, i) => (
                  <div key={o.id} className="govuk-checkboxes__item">
                    <input
                      className="govuk-checkboxes__input"
                      id={i === 0 ? "optionIds" : `optionIds-${o.id}`}
                      name="optionIds"
                      type="checkbox"
                      value={o.id}
                      defaultChecked={v?.optionIds.includes(o.id)}
                    />
                    <label className="govuk-label govuk-checkboxes__label" htmlFor={i === 0 ? "optionIds" : `optionIds-${o.id}`}>
                      {o.label}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <div className={group("filter")}>
            <label className="govuk-label govuk-label--s" htmlFor="filter">
              Base
            </label>
            <div id="filter-hint" className="govuk-hint">
              Everyone who answered the question, or only respondents in one group (for example victims of crime).
            </div>
            <ErrorMessage id="filter-error" message={errorFor("filter")} />
            <select className="govuk-select" id="filter" name="filter" defaultValue={v?.filter ?? ""} aria-describedby={`filter-hint${errorFor("filter") ? " filter-error" : ""}`}>
              <option value="">All who answered the question</option>
              {d.chosen.filters.map((f) => (
                <option key={f.value} value={f.value}>
                  Only those who answered: {f.label}
                </option>
              ))}
            </select>
          </div>
          <div className={group("template")}>
            <label className="govuk-label govuk-label--s" htmlFor="template">
              Sentence
            </label>
            <div id="template-hint" className="govuk-hint">
              Write {"{percent}"} where the figure goes, for example &ldquo;{"{percent}"} of respondents want to see investment in Neighbourhood
              Policing&rdquo;. You can also use {TEMPLATE_FIELDS.filter((f) => f !== "percent").map((f) => `{${f}}`).join(", ")}.
            </div>
            <ErrorMessage id="template-error" message={errorFor("template")} />
            <textarea
              className={`govuk-textarea${errorFor("template") ? " govuk-textarea--error" : ""}`}
              id="template"
              name="template"
              rows={3}
              defaultValue={v?.template ?? ""}
              aria-describedby={`template-hint${errorFor("template") ? " template-error" : ""}`}
            />
          </div>
          <div className={group("sectionId")}>
            <label className="govuk-label govuk-label--s" htmlFor="sectionId">
              Section of the plan
            </label>
            <ErrorMessage id="sectionId-error" message={errorFor("sectionId")} />
            <select className="govuk-select" id="sectionId" name="sectionId" defaultValue={v?.sectionId ?? ""} aria-describedby={errorFor("sectionId") ? "sectionId-error" : undefined}>
              <option value="">Choose a section</option>
              {d.sections.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <div className={group("previousIndicatorId")}>
            <label className="govuk-label govuk-label--s" htmlFor="previousIndicatorId">
              The same indicator in an earlier consultation (optional)
            </label>
            <div id="previous-hint" className="govuk-hint">
              The statement will show the change in percentage points and whether it is statistically significant.
            </div>
            <ErrorMessage id="previousIndicatorId-error" message={errorFor("previousIndicatorId")} />
            <select
              className="govuk-select"
              id="previousIndicatorId"
              name="previousIndicatorId"
              defaultValue={v?.previousIndicatorId ?? ""}
              aria-describedby={`previous-hint${errorFor("previousIndicatorId") ? " previousIndicatorId-error" : ""}`}
            >
              <option value="">None</option>
              {d.linkable.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="govuk-button">
            Add indicator
          </button>
        </Form>
      ) : null}
    </>
  );
}
