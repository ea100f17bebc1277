import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EvidenceList } from "~/evidence/evidence-list";
import { Checkboxes, Select } from "~/ui/fields";
import { Csrf, StaffPage, SuccessBanner } from "~/ui/staff-page";
import { WarningText } from "~/ui/warning-text";
import { staffResultsUrl } from "~/evidence/evidence";
import { db } from "~/server/db.server";
import { recordAudit } from "~/models/audit.server";
import { getConsultationForStaff, listConsultations } from "~/models/consultation.server";
import { deleteIndicator, listSections } from "~/models/evidence.server";
import { resultsFor } from "~/models/results.server";
import { requireStaff, requireStaffAction } from "~/auth/staff-auth.server";
import { parseWeightingQuery } from "~/weighting/weighting-query";
import { variableLabel, WEIGHT_VARIABLES } from "~/weighting/margins";
import { WEIGHTING_CAVEAT, type WeightedFigure } from "~/weighting/weighted";

/** Staff see every statement, published or not, with its figures unsuppressed. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "analyst");
  const url = new URL(request.url);
  const sectionId = url.searchParams.get("section") || undefined;
  const consultationId = url.searchParams.get("consultation") || undefined;
  const results = resultsFor(db(), "raw");
  const [sections, statements, consultations] = await Promise.all([listSections(db()), results.statements({ sectionId, consultationId }), listConsultations(db())]);
  // Weighted figures beside each statement when asked for: each consultation weighted to the
  // population by its own respondents (the form offers the variables; other settings as the address gives them).
  const { weighting } = parseWeightingQuery(url.searchParams);
  const weighted: Record<string, WeightedFigure> = {};
  if (weighting) {
    for (const id of new Set(statements.map((s) => s.consultation.id))) {
      const c = await getConsultationForStaff(db(), { id });
      if (c?.currentVersion) Object.assign(weighted, await results.weightedStatements({ consultationId: id, definition: c.currentVersion.definition, weighting, statements }));
    }
  }
  return json({
    staff: session.staff,
    csrf: session.csrfToken,
    sections: sections.map((s) => ({ id: s.id, name: s.name })),
    consultations: consultations.map((c) => ({ id: c.id, title: c.title })),
    filter: { sectionId: sectionId ?? "", consultationId: consultationId ?? "" },
    weightBy: weighting?.variables ?? [],
    weighted,
    statements: statements.map((s) => ({ ...results.shown(s, staffResultsUrl(s)), published: s.consultation.resultsPublishedAt !== null })),
    done: url.searchParams.get("done"),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, form } = await requireStaffAction(request, "analyst");
  const id = String(form.get("indicatorId") ?? "");
  if (form.get("intent") !== "delete" || !id) return json({ errors: [{ path: "intent", message: "Choose an indicator to remove" }] }, { status: 400 });
  // Removing takes the statement out of the evidence and the public API at once: ask first.
  if (form.get("confirm") !== "yes") return json({ confirmRemove: { id, statement: String(form.get("statement") ?? "").slice(0, 500) } });
  if (await deleteIndicator(db(), { id })) {
    await recordAudit(db(), { staff: session.staff, action: "evidence.changed", detail: `indicator ${id} removed` });
  }
  return redirect("/staff/evidence?done=removed");
}

export default function Evidence() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const qs = new URLSearchParams();
  if (d.filter.sectionId) qs.set("section", d.filter.sectionId);
  if (d.filter.consultationId) qs.set("consultation", d.filter.consultationId);
  const suffix = qs.toString() ? `?${qs}` : "";
  const confirmRemove = (actionData as { confirmRemove?: { id: string; statement: string } } | undefined)?.confirmRemove;
  if (confirmRemove) {
    return (
      <StaffPage title={["Are you sure?", "Evidence"]} nav={d} back={{ to: "/staff/evidence", label: "No, go back to the evidence" }}>
        <h1 className="govuk-heading-l">Are you sure you want to remove this indicator?</h1>
        {confirmRemove.statement ? <p className="govuk-inset-text">{confirmRemove.statement}</p> : null}
        <WarningText>Its statement leaves the evidence pages and the public evidence API straight away.</WarningText>
        <Form method="post">
          <Csrf token={d.csrf} />
          <input type="hidden" name="indicatorId" value={confirmRemove.id} />
          <input type="hidden" name="confirm" value="yes" />
          <div className="govuk-button-group">
            <button type="submit" name="intent" value="delete" className="govuk-button govuk-button--warning">
              Yes, remove it
            </button>
            <Link className="govuk-link" to="/staff/evidence">
              No, keep it
            </Link>
          </div>
        </Form>
      </StaffPage>
    );
  }
  return (
    <StaffPage title={["Evidence"]} nav={d}>
      <SuccessBanner message={d.done ? (d.done === "added" ? "The indicator has been added." : "The indicator has been removed.") : null} />
      <h1 className="govuk-heading-l">Evidence for the Police and Crime Plan</h1>
      <p className="govuk-body">
        Statements from consultation results, by section of the plan. Each figure is worked out from the responses when the page is shown. Figures
        describe the people who responded, not the whole population; intervals show the precision they would have if respondents were a random
        sample, so treat them as indicative.
      </p>
      <div className="govuk-button-group">
        <Link to="/staff/evidence/new" className="govuk-button" role="button" draggable="false">
          Add an indicator
        </Link>
        <Link to="/staff/evidence/sections" className="govuk-button govuk-button--secondary" role="button" draggable="false">
          Edit the plan sections
        </Link>
      </div>

      <Form method="get" className="app-results-controls">
        <h2 className="govuk-heading-s">Show</h2>
        <Select
          id="section"
          name="section"
          label="Plan section"
          value={d.filter.sectionId}
          options={[{ value: "", label: "All sections" }, ...d.sections.map((s) => ({ value: s.id, label: s.name }))]}
        />
        <Select
          id="consultation"
          name="consultation"
          label="Consultation"
          value={d.filter.consultationId}
          options={[{ value: "", label: "All consultations" }, ...d.consultations.map((c) => ({ value: c.id, label: c.title }))]}
        />
        <Checkboxes
          id="weight"
          name="weight"
          legend="Weight to the population by"
          legendSize="s"
          hint="Optional. Each consultation's weighted figure is shown beside its statement, never instead of it."
          small
          values={d.weightBy}
          choices={WEIGHT_VARIABLES.map((v) => ({ id: v, label: variableLabel(v) }))}
        />
        <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
          Show statements
        </button>
      </Form>

      <h2 className="govuk-heading-m">Download</h2>
      <ul className="govuk-list govuk-list--bullet govuk-list--spaced" id="evidence-exports">
        <li>
          <a className="govuk-link" href={`/staff/evidence/export/evidence.md${suffix}`} download>
            Evidence statements (Markdown)
          </a>
        </li>
        <li>
          <a className="govuk-link" href={`/staff/evidence/export/evidence.csv${suffix}`} download>
            Evidence statements (CSV)
          </a>
        </li>
        <li>
          <a className="govuk-link" href="/api/evidence.json">
            Public evidence API (JSON): published consultations only, small numbers withheld
          </a>
        </li>
      </ul>

      {d.weightBy.length ? (
        <div className="govuk-inset-text" id="weighting-caveat">
          {WEIGHTING_CAVEAT}
        </div>
      ) : null}
      {d.statements.length === 0 ? <p className="govuk-body">There are no indicators yet. Add one to see its statement here.</p> : null}
      {d.sections.map((section) => {
        const mine = d.statements.filter((s) => s.section.id === section.id);
        if (!mine.length) return null;
        return (
          <section key={section.id} aria-labelledby={`section-${section.id}`} className="govuk-!-margin-bottom-8">
            <h2 className="govuk-heading-m" id={`section-${section.id}`}>
              {section.name}
            </h2>
            {mine.map((s) => (
              <div key={s.id}>
                <EvidenceList statements={[s]} weighted={d.weighted} />
                <p className="govuk-body-s">
                  {s.published ? "Published with the consultation's results." : "Not public: the consultation's results are not published."}
                </p>
                <Form method="post" className="govuk-!-margin-bottom-6">
                  <Csrf token={d.csrf} />
                  <input type="hidden" name="indicatorId" value={s.id} />
                  <input type="hidden" name="statement" value={s.statement ?? ""} />
                  <button type="submit" name="intent" value="delete" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0">
                    Remove<span className="govuk-visually-hidden"> the indicator: {s.statement}</span>
                  </button>
                </Form>
              </div>
            ))}
          </section>
        );
      })}
    </StaffPage>
  );
}
