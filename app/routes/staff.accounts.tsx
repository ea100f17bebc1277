import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { passwordProblems } from "~/auth/password-policy";
import { ROLE_LABELS, ROLES } from "~/auth/roles";
import { ErrorMessage } from "~/ui/error-summary";
import { NewPasswordInput, Radios, Select, TextInput } from "~/ui/fields";
import { Csrf, StaffPage, SuccessBanner } from "~/ui/staff-page";
import { Table } from "~/ui/table";
import { WarningText } from "~/ui/warning-text";
import { formatUkDate } from "~/lifecycle/lifecycle";
import { db } from "~/server/db.server";
import { recordAudit } from "~/models/audit.server";
import { changeStaff, createStaff, isStaffEmailTaken, listStaff } from "~/models/staff.server";
import { hashPassword, requireRecentAuth, requireStaff, requireStaffAction } from "~/auth/staff-auth.server";
import { navData } from "~/auth/staff-workspace.server";

const DONE: Record<string, string> = {
  added: "The staff member has been added.",
  role: "The role has been changed.",
  removed: "The account has been removed and signed out.",
  password: "The new password has been set, and the account signed out everywhere.",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "admin");
  return json({
    ...navData(session),
    accounts: await listStaff(db()),
    done: DONE[new URL(request.url).searchParams.get("done") ?? ""] ?? null,
  });
}

const roleError = { errorMap: () => ({ message: "Choose a role" }) };
const AddSchema = z.object({
  email: z.string().trim().min(1, "Enter the email address").max(320, "Enter an email address of 320 characters or fewer").email("Enter an email address in the correct format, like name@example.com"),
  role: z.enum(ROLES, roleError),
  password: z.string().max(1024, "Enter a password of 256 characters or fewer"),
});
const ChangeSchema = z.object({ id: z.string().uuid(), role: z.enum(ROLES, roleError) });
const RemoveSchema = z.object({ id: z.string().uuid(), confirm: z.literal("yes").optional() });

type Errors = { field: string; message: string }[];
type ConfirmRemove = { id: string; email: string; role: string };

export async function action({ request }: ActionFunctionArgs) {
  const { session, form } = await requireStaffAction(request, "admin");
  const raw = Object.fromEntries([...form].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const actor = session.staff;

  if (raw.intent === "add") {
    const parsed = AddSchema.safeParse(raw);
    const errors: Errors = parsed.success ? [] : parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message }));
    const problems = passwordProblems(raw.password ?? "");
    if (!errors.some((e) => e.field === "password") && problems.length) errors.push({ field: "password", message: problems[0] });
    if (parsed.success && (await isStaffEmailTaken(db(), { email: parsed.data.email }))) {
      errors.push({ field: "email", message: "There is already an account, or a removed account, with this email address" });
    }
    if (errors.length || !parsed.success) return json({ errors, values: { email: raw.email ?? "", role: raw.role ?? "" } }, { status: 400 });
    const added = await createStaff(db(), { email: parsed.data.email, role: parsed.data.role, passwordHash: await hashPassword(parsed.data.password) });
    await recordAudit(db(), { staff: actor, action: "staff.added", detail: `${added.email} added as ${ROLE_LABELS[added.role].toLowerCase()}` });
    return redirect("/staff/accounts?done=added");
  }

  // Changing a role or removing someone: password (and code) proved in the last 15 minutes.
  if (raw.intent === "role" || raw.intent === "remove") requireRecentAuth(session, request, "/staff/accounts");

  if (raw.intent === "role") {
    const parsed = ChangeSchema.safeParse(raw);
    if (!parsed.success) return json({ errors: [{ field: `role-${raw.id ?? ""}`, message: "Choose a role" }] as Errors, values: null }, { status: 400 });
    const outcome = await changeStaff(db(), { id: parsed.data.id, change: { role: parsed.data.role } });
    if (!outcome.ok) {
      const message = outcome.reason === "last_admin" ? "This is the only administrator: make someone else an administrator first" : "That account no longer exists";
      return json({ errors: [{ field: `role-${parsed.data.id}`, message }] as Errors, values: null }, { status: 400 });
    }
    if (outcome.before.role !== parsed.data.role) {
      await recordAudit(db(), {
        staff: actor,
        action: "staff.role_changed",
        detail: `${outcome.before.email} changed from ${ROLE_LABELS[outcome.before.role].toLowerCase()} to ${ROLE_LABELS[parsed.data.role].toLowerCase()}`,
      });
    }
    return redirect("/staff/accounts?done=role");
  }

  if (raw.intent === "remove") {
    const parsed = RemoveSchema.safeParse(raw);
    if (!parsed.success) return json({ errors: [{ field: "accounts", message: "Choose an account to remove" }] as Errors, values: null }, { status: 400 });
    if (parsed.data.id === actor.id) {
      return json({ errors: [{ field: `remove-${actor.id}`, message: "You cannot remove your own account; ask another administrator" }] as Errors, values: null }, { status: 400 });
    }
    if (!parsed.data.confirm) {
      // "Are you sure?" first (GOV.UK confirmation pattern): removing signs them out at once.
      const account = (await listStaff(db())).find((a) => a.id === parsed.data.id);
      if (!account) return json({ errors: [{ field: "accounts", message: "That account no longer exists" }] as Errors, values: null }, { status: 400 });
      const confirmRemove: ConfirmRemove = { id: account.id, email: account.email, role: ROLE_LABELS[account.role].toLowerCase() };
      return json({ errors: [] as Errors, values: null, confirmRemove });
    }
    const outcome = await changeStaff(db(), { id: parsed.data.id, change: { remove: true } });
    if (!outcome.ok) {
      const message = outcome.reason === "last_admin" ? "This is the only administrator and cannot be removed" : "That account no longer exists";
      return json({ errors: [{ field: `remove-${parsed.data.id}`, message }] as Errors, values: null }, { status: 400 });
    }
    await recordAudit(db(), { staff: actor, action: "staff.removed", detail: `${outcome.before.email} (${ROLE_LABELS[outcome.before.role].toLowerCase()}) removed` });
    return redirect("/staff/accounts?done=removed");
  }
  return json({ errors: [{ field: "accounts", message: "Choose one of the buttons on this page" }] as Errors, values: null }, { status: 400 });
}

export default function Accounts() {
  const { accounts, done, ...nav } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  const err = Object.fromEntries(errors.map((e) => [e.field, e.message]));
  const values = actionData?.values ?? null;
  const confirmRemove = actionData && "confirmRemove" in actionData ? (actionData.confirmRemove as ConfirmRemove) : null;
  if (confirmRemove) {
    return (
      <StaffPage title={["Are you sure?", "Staff accounts"]} nav={nav} back={{ to: "/staff/accounts", label: "No, go back to staff accounts" }}>
        <h1 className="govuk-heading-l">
          {/* An email address is one long word: let it break on a phone. */}
          Are you sure you want to remove <span className="app-break-anywhere">{confirmRemove.email}</span>?
        </h1>
        <WarningText>
          They are signed out straight away and can no longer sign in as an {confirmRemove.role}. What they did stays in the audit trail, and the
          address cannot be used for a new account.
        </WarningText>
        <Form method="post" noValidate>
          <Csrf token={nav.csrf} />
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="id" value={confirmRemove.id} />
          <input type="hidden" name="confirm" value="yes" />
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button govuk-button--warning">
              Yes, remove the account
            </button>
            <Link className="govuk-link" to="/staff/accounts">
              No, keep it
            </Link>
          </div>
        </Form>
      </StaffPage>
    );
  }
  return (
    <StaffPage title={["Staff accounts"]} nav={nav} errors={errors}>
      <SuccessBanner message={errors.length ? null : done} />
      <h1 className="govuk-heading-l" id="accounts">Staff accounts</h1>
      <p className="govuk-body">
        Administrators manage accounts and see the audit trail; editors create and run consultations and enter paper responses; analysts see results and
        exports only.
      </p>
      <Table
        id="staff"
        scroll
        caption="Current staff"
        captionSize="m"
        head={["Email address", "Added", "Role", "Password", "Remove"]}
        firstCellIsHeader
        rows={accounts.map((a) => ({
          key: a.id,
          cells: [
            `${a.email}${a.id === nav.staff.id ? " (you)" : ""}`,
            formatUkDate(a.createdAt),
            {
              content: (
                <Form method="post">
                  <Csrf token={nav.csrf} />
                  <input type="hidden" name="id" value={a.id} />
                  <Select
                    id={`role-${a.id}`}
                    name="role"
                    label={`Role of ${a.email}`}
                    labelVisuallyHidden
                    error={err[`role-${a.id}`]}
                    value={a.role}
                    options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
                    afterInput={
                      <>
                        {" "}
                        <button type="submit" name="intent" value="role" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                          Change role<span className="govuk-visually-hidden"> of {a.email}</span>
                        </button>
                      </>
                    }
                  />
                </Form>
              ),
            },
            {
              content:
                a.id === nav.staff.id ? (
                  <Link className="govuk-link" to="/staff/password">
                    Change yours
                  </Link>
                ) : (
                  <Link className="govuk-link" to={`/staff/accounts/${a.id}/password`}>
                    Set a new password<span className="govuk-visually-hidden"> for {a.email}</span>
                  </Link>
                ),
            },
            {
              content:
                a.id === nav.staff.id ? null : (
                  <Form method="post">
                    <Csrf token={nav.csrf} />
                    <input type="hidden" name="id" value={a.id} />
                    <ErrorMessage id={`remove-${a.id}-error`} message={err[`remove-${a.id}`]} />
                    <button type="submit" name="intent" value="remove" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0" id={`remove-${a.id}`}>
                      Remove<span className="govuk-visually-hidden"> {a.email}</span>
                    </button>
                  </Form>
                ),
            },
          ],
        }))}
      />

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Add a staff member</h2>
          <Form method="post" noValidate>
            <Csrf token={nav.csrf} />
            <TextInput name="email" labelSize="m" label="Email address" error={err.email} value={values?.email} autoComplete="off" spellCheck={false} />
            <Radios id="role" name="role" legend="Role" error={err.role} choices={ROLES.map((r) => ({ id: r, label: ROLE_LABELS[r] }))} values={[values?.role ?? "analyst"]} />
            <NewPasswordInput
              label="Initial password"
              error={err.password}
              hintAfter="Give it to them in person or by phone, never by email. They can change it once signed in."
            />
            <button type="submit" name="intent" value="add" className="govuk-button">Add staff member</button>
          </Form>
        </div>
      </div>
    </StaffPage>
  );
}
