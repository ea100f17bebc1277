import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { hasRole } from "~/auth/roles";
import { activeInOrder, childrenOf, codeLabel, type CodebookChange } from "~/coding/codebook";
import { codeFieldsFromForm, ParentSchema } from "~/coding/codebook-forms";
import { codingBase } from "~/coding/coding-ui";
import { codingContext, requireCodebook } from "~/coding/context.server";
import { Select, TextInput } from "~/ui/fields";
import { Csrf, StaffPage, SuccessBanner } from "~/ui/staff-page";
import { db } from "~/server/db.server";
import { requireStaffAction } from "~/auth/staff-auth.server";
import { listSections } from "~/models/evidence.server";
import { changeCodebook } from "~/models/coding.server";

/**
 * One code: analysts edit its definition, notes, examples, keyword rules and plan section, and
 * move it; editors retire, restore, merge and split, the changes that move or set aside codings
 * already made (each versioned, with the codings following in the same transaction).
 */

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await codingContext(request, params, "analyst");
  const book = requireCodebook(ctx.codebook, ctx.consultation.id);
  const code = book.codes.find((c) => c.id === params.codeId);
  if (!code) throw json("There is no code at this address in this consultation's codebook.", { status: 404 });
  const sections = await listSections(db());
  return json({
    ...ctx.nav,
    consultation: { id: ctx.consultation.id, title: ctx.consultation.title },
    code,
    codes: book.codes,
    sections: sections.map((s) => s.name),
    done: new URL(request.url).searchParams.get("done"),
  });
}

const EDITOR_ONLY = new Set(["retire", "restore", "merge", "split"]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, form } = await requireStaffAction(request, "analyst");
  const ctx = await codingContext(request, params, "analyst");
  const book = requireCodebook(ctx.codebook, ctx.consultation.id);
  const code = book.codes.find((c) => c.id === params.codeId);
  if (!code) throw json("There is no code at this address in this consultation's codebook.", { status: 404 });
  const intent = String(form.get("intent") ?? "");
  if (EDITOR_ONLY.has(intent) && !hasRole(session.staff.role, "editor")) {
    return json(
      { errors: [{ field: intent, message: "Only an editor can retire, restore, merge or split codes, since that changes codings already made" }] },
      { status: 403 }
    );
  }
  let change: CodebookChange;
  switch (intent) {
    case "edit": {
      const fields = codeFieldsFromForm(form);
      if (!fields.ok) return json({ errors: fields.errors }, { status: 400 });
      change = { kind: "edit", id: code.id, fields: fields.fields };
      break;
    }
    case "move":
      change = { kind: "move", id: code.id, parentId: ParentSchema.parse(form.get("parentId")) };
      break;
    case "retire":
      change = { kind: "retire", id: code.id };
      break;
    case "restore":
      change = { kind: "restore", id: code.id };
      break;
    case "merge":
      change = { kind: "merge", sourceIds: [code.id], targetId: String(form.get("targetId") ?? "") };
      break;
    case "split": {
      const into = String(form.get("into") ?? "")
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean);
      const keepWith =
        z.coerce
          .number()
          .int()
          .catch(0)
          .parse(form.get("keepWith") ?? 1) - 1;
      change = { kind: "split", id: code.id, into, keepWith };
      break;
    }
    default:
      return json({ errors: [{ field: "intent", message: "Choose what to do" }] }, { status: 400 });
  }
  const r = await changeCodebook(db(), { consultationId: ctx.consultation.id, change, staff: { id: session.staff.id, email: session.staff.email } });
  if (!r.ok) {
    const field =
      intent === "edit"
        ? r.field === "id"
          ? "name"
          : r.field
        : intent === "move"
        ? "parentId"
        : intent === "merge"
        ? "targetId"
        : intent === "split"
        ? "into"
        : intent;
    return json({ errors: [{ field, message: r.message }] }, { status: 400 });
  }
  const base = `${codingBase(ctx.consultation.id)}/codebook`;
  if (intent === "merge" || intent === "split") return redirect(`${base}?done=changed`);
  return redirect(`${base}/${code.id}?done=${intent}`);
}

const DONE: Record<string, string> = {
  edit: "The code has been saved.",
  move: "The code has been moved.",
  retire: "The code has been retired.",
  restore: "The code has been restored.",
};

export default function CodePage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const errors = a?.errors ?? [];
  const err = (f: string) => errors.find((e) => e.field === f)?.message;
  const c = d.code;
  const base = codingBase(d.consultation.id);
  const editor = hasRole(d.staff.role, "editor");
  const tops = childrenOf(d.codes, null).filter((t) => t.status === "active" && t.id !== c.id);
  const others = activeInOrder(d.codes).filter((x) => x.id !== c.id && x.parentId !== c.id);
  const textarea = (name: string, label: string, value: string, hint?: string, rows = 3) => (
    <div className={`govuk-form-group${err(name) ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={name}>
        {label}
      </label>
      {hint ? (
        <div id={`${name}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      {err(name) ? (
        <p id={`${name}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {err(name)}
        </p>
      ) : null}
      <textarea className="govuk-textarea" id={name} name={name} rows={rows} defaultValue={value} aria-describedby={hint ? `${name}-hint` : undefined} />
    </div>
  );
  return (
    <StaffPage title={[c.name, "Codebook", d.consultation.title]} nav={d} errors={errors} back={{ to: `${base}/codebook`, label: "Back to the codebook" }}>
      <SuccessBanner message={d.done ? DONE[d.done] : null} />
      <span className="govuk-caption-l">Codebook: {d.consultation.title}</span>
      <h1 className="govuk-heading-l">
        {codeLabel(d.codes, c)}
        {c.status === "retired" ? " (retired)" : ""}
      </h1>
      <Form method="post" id="edit-code">
        <Csrf token={d.csrf} />
        <TextInput id="name" name="name" label="Name" value={c.name} error={err("name")} />
        {textarea("definition", "Definition", c.definition, "What an answer must be about to get this code.")}
        {textarea("include", "Include", c.include, "Borderline answers that do get this code.", 2)}
        {textarea("exclude", "Exclude", c.exclude, "Borderline answers that do not, and where they go instead.", 2)}
        {textarea(
          "rules",
          "Keyword rules",
          c.rules.join("\n"),
          "One a line: a word, a phrase, or a word ending in * (speed* finds speeding). Rules only suggest; an analyst decides.",
          4
        )}
        {textarea("examples", "Pinned example answers", c.examples.join("\n"), "One a line: typical answers that show what the code means.", 4)}
        <Select
          id="planSection"
          name="planSection"
          label="Police and Crime Plan section"
          value={c.planSection ?? ""}
          options={[{ value: "", label: "None" }, ...d.sections.map((s) => ({ value: s, label: s }))]}
        />
        <button type="submit" name="intent" value="edit" className="govuk-button">
          Save the code
        </button>
      </Form>
      {c.status === "active" ? (
        <Form method="post" id="move-code">
          <Csrf token={d.csrf} />
          <Select
            id="parentId"
            name="parentId"
            label="Move it"
            value={c.parentId ?? ""}
            error={err("parentId")}
            options={[{ value: "", label: "To the top level" }, ...tops.map((t) => ({ value: t.id, label: `Inside ${t.name}` }))]}
          />
          <button type="submit" name="intent" value="move" className="govuk-button govuk-button--secondary">
            Move
          </button>
        </Form>
      ) : null}
      {editor ? (
        <>
          <h2 className="govuk-heading-m">Changes that move codings</h2>
          {c.status === "active" ? (
            <>
              <Form method="post" id="merge-code">
                <Csrf token={d.csrf} />
                <Select
                  id="targetId"
                  name="targetId"
                  label="Merge into another code (its codings move there; this code is retired)"
                  error={err("targetId")}
                  options={[{ value: "", label: "Choose a code" }, ...others.map((o) => ({ value: o.id, label: codeLabel(d.codes, o) }))]}
                />
                <button type="submit" name="intent" value="merge" className="govuk-button govuk-button--warning">
                  Merge
                </button>
              </Form>
              <Form method="post" id="split-code">
                <Csrf token={d.csrf} />
                {textarea("into", "Split into new codes (one name a line)", "", "The new codes go beside this one; this code is retired.", 3)}
                <TextInput
                  id="keepWith"
                  name="keepWith"
                  label="Which new code (1, 2, …) keeps the answers already coded with this one"
                  value="1"
                  width={2}
                  inputMode="numeric"
                  error={err("keepWith")}
                />
                <button type="submit" name="intent" value="split" className="govuk-button govuk-button--warning">
                  Split
                </button>
              </Form>
              <Form method="post">
                <Csrf token={d.csrf} />
                <p className="govuk-body" id="retire">
                  Retiring a code keeps its codings and figures, but it can no longer be applied.
                </p>
                {err("retire") ? <p className="govuk-error-message">{err("retire")}</p> : null}
                <button type="submit" name="intent" value="retire" className="govuk-button govuk-button--secondary">
                  Retire the code
                </button>
              </Form>
            </>
          ) : (
            <Form method="post">
              <Csrf token={d.csrf} />
              {err("restore") ? (
                <p className="govuk-error-message" id="restore">
                  {err("restore")}
                </p>
              ) : null}
              <button type="submit" name="intent" value="restore" className="govuk-button govuk-button--secondary">
                Restore the code
              </button>
            </Form>
          )}
        </>
      ) : (
        <p className="govuk-body">An editor can merge, split or retire codes.</p>
      )}
    </StaffPage>
  );
}
