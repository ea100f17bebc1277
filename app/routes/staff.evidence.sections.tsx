import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorMessage, ErrorSummary } from "~/ui/error-summary";
import { PageTitle } from "~/ui/page-title";
import { StaffNav } from "~/ui/staff-nav";
import { db } from "~/server/db.server";
import { recordAudit } from "~/models/audit.server";
import { addSection, listSections, removeSection, renameSection, sectionNameTaken } from "~/models/evidence.server";
import { requireStaff, requireStaffAction } from "~/auth/staff-auth.server";

/** The plan's sections: the 2021-24 plan's six ship as the default; a new plan brings its own. */

const NameSchema = z.string().trim().min(1, "Enter the name of the section").max(100, "Enter a name of 100 characters or fewer");

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "analyst");
  return json({ staff: session.staff, csrf: session.csrfToken, sections: await listSections(db()) });
}

type Errors = { field: string; message: string }[];

export async function action({ request }: ActionFunctionArgs) {
  const { session, form } = await requireStaffAction(request, "analyst");
  const intent = String(form.get("intent") ?? "");
  const id = String(form.get("id") ?? "");
  const fail = (field: string, message: string) => json({ errors: [{ field, message }] as Errors }, { status: 400 });
  const audit = (detail: string) => recordAudit(db(), { staff: session.staff, action: "evidence.changed", detail });
  if (intent === "add" || intent === "rename") {
    const field = intent === "add" ? "name" : `name-${id}`;
    const name = NameSchema.safeParse(form.get(intent === "add" ? "name" : "newName") ?? "");
    if (!name.success) return fail(field, name.error.issues[0].message);
    if (await sectionNameTaken(db(), { name: name.data, exceptId: intent === "rename" ? id : undefined })) return fail(field, `There is already a section called "${name.data}"`);
    if (intent === "add") await addSection(db(), { name: name.data });
    else await renameSection(db(), { id, name: name.data });
    await audit(`plan section ${intent === "add" ? "added" : "renamed"}: ${name.data}`);
    return redirect("/staff/evidence/sections");
  }
  if (intent === "remove") {
    if (!(await removeSection(db(), { id }))) return fail(`remove-${id}`, "Move or remove this section's indicators before removing the section");
    await audit(`plan section removed`);
    return redirect("/staff/evidence/sections");
  }
  return fail("name", "Choose one of the buttons on this page");
}

export default function Sections() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const errors = a?.errors ?? [];
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <>
      <PageTitle parts={["Plan sections", "Evidence", "Staff"]} error={errors.length > 0} />
      <StaffNav email={d.staff.email} role={d.staff.role} csrf={d.csrf} />
      <Link to="/staff/evidence" className="govuk-back-link">
        Back to the evidence
      </Link>
      <ErrorSummary errors={errors} />
      <h1 className="govuk-heading-l">Sections of the plan</h1>
      <p className="govuk-body">Evidence statements are grouped under these sections. A section with indicators cannot be removed.</p>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s">Sections, in order</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Name
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Indicators
            </th>
            <th scope="col" className="govuk-table__header">
              Change
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {d.sections.map((s) => (
            <tr key={s.id} className="govuk-table__row">
              <th scope="row" className="govuk-table__header govuk-!-font-weight-regular">
                {s.name}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{s.indicators}</td>
              <td className="govuk-table__cell">
                <Form method="post" className={`govuk-form-group govuk-!-margin-bottom-2${errorFor(`name-${s.id}`) ? " govuk-form-group--error" : ""}`}>
                  <input type="hidden" name="_csrf" value={d.csrf} />
                  <input type="hidden" name="id" value={s.id} />
                  <label className="govuk-label govuk-label--s" htmlFor={`name-${s.id}`}>
                    New name for {s.name}
                  </label>
                  <ErrorMessage id={`name-${s.id}-error`} message={errorFor(`name-${s.id}`)} />
                  <input className="govuk-input govuk-!-width-two-thirds" id={`name-${s.id}`} name="newName" type="text" defaultValue={s.name} />{" "}
                  <button type="submit" name="intent" value="rename" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                    Rename<span className="govuk-visually-hidden"> {s.name}</span>
                  </button>
                </Form>
                {s.indicators === 0 ? (
                  <Form method="post">
                    <input type="hidden" name="_csrf" value={d.csrf} />
                    <input type="hidden" name="id" value={s.id} />
                    <ErrorMessage id={`remove-${s.id}`} message={errorFor(`remove-${s.id}`)} />
                    <button type="submit" name="intent" value="remove" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0">
                      Remove<span className="govuk-visually-hidden"> {s.name}</span>
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Form method="post">
        <input type="hidden" name="_csrf" value={d.csrf} />
        <div className={`govuk-form-group${errorFor("name") ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label govuk-label--m" htmlFor="name">
            Add a section
          </label>
          <ErrorMessage id="name-error" message={errorFor("name")} />
          <input className="govuk-input govuk-!-width-two-thirds" id="name" name="name" type="text" aria-describedby={errorFor("name") ? "name-error" : undefined} />
        </div>
        <button type="submit" name="intent" value="add" className="govuk-button">
          Add section
        </button>
      </Form>
    </>
  );
}
