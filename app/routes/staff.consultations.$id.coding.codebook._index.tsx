import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { hasRole } from "~/auth/roles";
import { childrenOf, toFile } from "~/coding/codebook";
import { codebookFromUpload, codeFieldsFromForm, ParentSchema } from "~/coding/codebook-forms";
import { codingBase } from "~/coding/coding-ui";
import { codingContext } from "~/coding/context.server";
import { POLICING_CODEBOOK } from "~/coding/policing-codebook";
import { formatUkDate } from "~/lifecycle/lifecycle";
import { ErrorMessage } from "~/ui/error-summary";
import { Select, TextInput } from "~/ui/fields";
import { Csrf, StaffPage, SuccessBanner } from "~/ui/staff-page";
import { db } from "~/server/db.server";
import { requireStaffUpload } from "~/auth/staff-auth.server";
import { changeCodebook, createCodebook, getCodebook, listCodebookChanges, listCodebooks } from "~/models/coding.server";

/**
 * The codebook: its codes (two levels), adding a code, starting or importing a codebook, the
 * downloads and the change history. Analysts build the frame as they code (adding and clarifying
 * codes); changes that move or remove existing codings are on each code's page, for editors.
 */

const MAX_BYTES = 512_000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await codingContext(request, params, "analyst");
  const c = ctx.consultation;
  const [changes, others] = await Promise.all([
    ctx.codebook ? listCodebookChanges(db(), { codebookId: ctx.codebook.id }) : Promise.resolve([]),
    listCodebooks(db()),
  ]);
  const url = new URL(request.url);
  return json({
    ...ctx.nav,
    consultation: { id: c.id, title: c.title },
    codebook: ctx.codebook,
    changes,
    others: others.filter((o) => o.consultation_id !== c.id).map((o) => ({ value: o.consultation_id, label: `${o.title}: ${o.name} (version ${o.version})` })),
    done: url.searchParams.get("done"),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const upload = await requireStaffUpload(request, "analyst", { maxBytes: MAX_BYTES });
  if ("tooLarge" in upload) return json({ errors: [{ field: "file", message: `The file must be smaller than ${MAX_BYTES / 1000} KB` }] }, { status: 400 });
  const { session, form } = upload;
  const ctx = await codingContext(request, params, "analyst");
  const c = ctx.consultation;
  const staff = { id: session.staff.id, email: session.staff.email };
  const base = `${codingBase(c.id)}/codebook`;
  const fail = (field: string, message: string, status = 400) => json({ errors: [{ field, message }] }, { status });
  // Replacing a codebook that exists is an editor's decision; starting one is anyone's.
  const mayReplace = !ctx.codebook || hasRole(session.staff.role, "editor");
  switch (String(form.get("intent") ?? "")) {
    case "start": {
      if (!mayReplace) return fail("source", "Only an editor can replace a codebook", 403);
      const source = String(form.get("source") ?? "");
      let file = POLICING_CODEBOOK;
      let label = "the starting policing codebook";
      if (source !== "policing") {
        const other = source ? await getCodebook(db(), { consultationId: source }) : null;
        if (!other) return fail("source", "Choose a codebook to start from");
        file = toFile(other.name, other.codes);
        label = `the codebook "${other.name}" of another consultation`;
      }
      const r = await createCodebook(db(), { consultationId: c.id, file, staff, source: label });
      return r.ok ? redirect(`${base}?done=started`) : fail("source", r.message);
    }
    case "import": {
      if (!mayReplace) return fail("file", "Only an editor can replace a codebook", 403);
      const text = String(form.get("file") ?? "");
      if (!text.trim()) return fail("file", "Choose a codebook file (.json or .csv)");
      const parsed = codebookFromUpload(text, `Imported for ${c.title}`);
      if (!parsed.ok) return json({ errors: parsed.errors.map((message) => ({ field: "file", message })) }, { status: 400 });
      const r = await createCodebook(db(), { consultationId: c.id, file: parsed.file, staff, source: `an imported file ("${parsed.file.name}")` });
      return r.ok ? redirect(`${base}?done=imported`) : fail("file", r.message);
    }
    case "add": {
      const fields = codeFieldsFromForm(form);
      if (!fields.ok) return json({ errors: fields.errors }, { status: 400 });
      const parentId = ParentSchema.parse(form.get("parentId"));
      const r = await changeCodebook(db(), { consultationId: c.id, change: { kind: "add", fields: fields.fields, parentId }, staff });
      return r.ok ? redirect(`${base}?done=added#code-${r.created[0]}`) : fail(r.field === "parentId" ? "parentId" : "name", r.message);
    }
    default:
      return fail("intent", "Choose what to do");
  }
}

const DONE: Record<string, string> = {
  started: "The codebook has been started.",
  imported: "The codebook has been imported.",
  added: "The code has been added.",
  changed: "The codebook has been changed.",
};

export default function CodebookPage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const errors = a?.errors ?? [];
  const err = (f: string) => errors.find((e) => e.field === f)?.message;
  const base = codingBase(d.consultation.id);
  const book = d.codebook;
  const editor = hasRole(d.staff.role, "editor");
  const tops = book ? childrenOf(book.codes, null) : [];
  return (
    <StaffPage title={["Codebook", d.consultation.title]} nav={d} errors={errors} back={{ to: base, label: "Back to coding" }}>
      <SuccessBanner message={d.done ? DONE[d.done] : null} />
      <span className="govuk-caption-l">{d.consultation.title}</span>
      <h1 className="govuk-heading-l">Codebook</h1>
      {book ? (
        <>
          <p className="govuk-body">
            {book.name}, version {book.version}. Download:{" "}
            <a className="govuk-link" href={`${base}/codebook.json`} download>
              JSON
            </a>{" "}
            or{" "}
            <a className="govuk-link" href={`${base}/codebook.csv`} download>
              CSV
            </a>
            .
          </p>
          <div id="codes">
            {tops.map((top) => (
              <section key={top.id} className="govuk-!-margin-bottom-6" aria-labelledby={`code-${top.id}`}>
                <h2 className="govuk-heading-m" id={`code-${top.id}`}>
                  <Link className="govuk-link" to={`${base}/codebook/${top.id}`}>
                    {top.name}
                  </Link>
                  {top.status === "retired" ? <span className="govuk-body-s app-muted"> (retired)</span> : null}
                </h2>
                {top.definition ? <p className="govuk-body">{top.definition}</p> : null}
                <dl className="govuk-summary-list">
                  {childrenOf(book.codes, top.id).map((code) => (
                    <div className="govuk-summary-list__row" key={code.id} id={`code-${code.id}`}>
                      <dt className="govuk-summary-list__key">
                        <Link className="govuk-link" to={`${base}/codebook/${code.id}`}>
                          {code.name}
                        </Link>
                        {code.status === "retired" ? (
                          <span className="govuk-body-s app-muted"> (retired{code.replacedBy.length ? ", codings moved" : ""})</span>
                        ) : null}
                      </dt>
                      <dd className="govuk-summary-list__value">
                        {code.definition || <span className="app-muted">No definition yet</span>}
                        {code.rules.length ? <span className="govuk-body-s app-muted"> Keyword rules: {code.rules.join(", ")}.</span> : null}
                        {code.planSection ? <span className="govuk-body-s app-muted"> Plan: {code.planSection}.</span> : null}
                      </dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </div>

          <h2 className="govuk-heading-m">Add a code</h2>
          <Form method="post" id="add-code">
            <Csrf token={d.csrf} />
            <TextInput id="name" name="name" label="Name" error={err("name")} />
            <Select
              id="parentId"
              name="parentId"
              label="Inside"
              error={err("parentId")}
              options={[
                { value: "", label: "At the top level (a group of codes)" },
                ...tops.filter((t) => t.status === "active").map((t) => ({ value: t.id, label: t.name })),
              ]}
            />
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor="definition">
                Definition
              </label>
              <textarea className="govuk-textarea" id="definition" name="definition" rows={2} />
            </div>
            <input type="hidden" name="planSection" value="" />
            <button type="submit" name="intent" value="add" className="govuk-button govuk-button--secondary">
              Add the code
            </button>
          </Form>

          <h2 className="govuk-heading-m">Changes</h2>
          <table className="govuk-table" id="codebook-changes">
            <caption className="govuk-table__caption govuk-visually-hidden">Changes to the codebook, newest first</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Version
                </th>
                <th scope="col" className="govuk-table__header">
                  Change
                </th>
                <th scope="col" className="govuk-table__header">
                  By
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {d.changes.map((ch) => (
                <tr className="govuk-table__row" key={ch.version}>
                  <td className="govuk-table__cell">{ch.version}</td>
                  <td className="govuk-table__cell">
                    {ch.summary}
                    {ch.codingsMoved ? ` (${ch.codingsMoved} coded answers updated)` : ""}
                  </td>
                  <td className="govuk-table__cell">
                    {ch.staffEmail ?? "the system"}, {formatUkDate(ch.at)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p className="govuk-body">
          This consultation has no codebook yet. Start from the policing codebook built from the Police and Crime Plan, another consultation&apos;s codebook, or
          a file.
        </p>
      )}

      {!book || editor ? (
        <>
          <h2 className="govuk-heading-m">{book ? "Replace the codebook" : "Start the codebook"}</h2>
          {book ? <p className="govuk-body">Only while no answer has been coded with it.</p> : null}
          <Form method="post" id="start-codebook">
            <Csrf token={d.csrf} />
            <Select
              id="source"
              name="source"
              label="Start from"
              error={err("source")}
              options={[{ value: "policing", label: "The starting policing codebook" }, ...d.others]}
            />
            <button type="submit" name="intent" value="start" className="govuk-button govuk-button--secondary">
              {book ? "Replace with this codebook" : "Start with this codebook"}
            </button>
          </Form>
          <Form method="post" encType="multipart/form-data" id="import-codebook">
            <Csrf token={d.csrf} />
            <div className={`govuk-form-group${err("file") ? " govuk-form-group--error" : ""}`}>
              <label className="govuk-label" htmlFor="file">
                Or import a codebook file (JSON or CSV, as downloaded here)
              </label>
              {errors
                .filter((e) => e.field === "file")
                .map((e, i) => (
                  <ErrorMessage key={i} id={i === 0 ? "file-error" : `file-error-${i}`} message={e.message} />
                ))}
              <input className="govuk-file-upload" id="file" name="file" type="file" accept=".json,.csv,application/json,text/csv" />
            </div>
            <button type="submit" name="intent" value="import" className="govuk-button govuk-button--secondary">
              Import
            </button>
          </Form>
        </>
      ) : null}
    </StaffPage>
  );
}
