import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorMessage } from "~/ui/error-summary";
import { TextInput } from "~/ui/fields";
import { Csrf, StaffPage } from "~/ui/staff-page";
import { numeric, Table } from "~/ui/table";
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
    <StaffPage title={["Plan sections", "Evidence"]} nav={d} errors={errors} back={{ to: "/staff/evidence", label: "Back to the evidence" }}>
      <h1 className="govuk-heading-l">Sections of the plan</h1>
      <p className="govuk-body">Evidence statements are grouped under these sections. A section with indicators cannot be removed.</p>
      <Table
        id="sections"
        scroll
        caption="Sections, in order"
        captionSize="s"
        head={["Name", { content: "Indicators", format: "numeric" }, "Change"]}
        firstCellIsHeader
        rows={d.sections.map((s) => ({
          key: s.id,
          cells: [
            { content: s.name, className: "govuk-!-font-weight-regular" },
            numeric(s.indicators),
            {
              content: (
                <>
                  <Form method="post">
                    <Csrf token={d.csrf} />
                    <input type="hidden" name="id" value={s.id} />
                    <TextInput
                      id={`name-${s.id}`}
                      name="newName"
                      label={`New name for ${s.name}`}
                      labelSize="s"
                      error={errorFor(`name-${s.id}`)}
                      value={s.name}
                      width="two-thirds"
                      formGroupClassName="govuk-!-margin-bottom-2"
                      afterInput={
                        <>
                          {" "}
                          <button type="submit" name="intent" value="rename" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                            Rename<span className="govuk-visually-hidden"> {s.name}</span>
                          </button>
                        </>
                      }
                    />
                  </Form>
                  {s.indicators === 0 ? (
                    <Form method="post">
                      <Csrf token={d.csrf} />
                      <input type="hidden" name="id" value={s.id} />
                      <ErrorMessage id={`remove-${s.id}`} message={errorFor(`remove-${s.id}`)} />
                      <button type="submit" name="intent" value="remove" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0">
                        Remove<span className="govuk-visually-hidden"> {s.name}</span>
                      </button>
                    </Form>
                  ) : null}
                </>
              ),
            },
          ],
        }))}
      />
      <Form method="post">
        <Csrf token={d.csrf} />
        <TextInput name="name" label="Add a section" labelSize="m" error={errorFor("name")} width="two-thirds" />
        <button type="submit" name="intent" value="add" className="govuk-button">
          Add section
        </button>
      </Form>
    </StaffPage>
  );
}
