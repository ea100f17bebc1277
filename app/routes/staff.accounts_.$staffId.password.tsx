import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { passwordProblems } from "~/auth/password-policy";
import { NewPasswordInput } from "~/ui/fields";
import { Csrf, StaffPage } from "~/ui/staff-page";
import { db } from "~/server/db.server";
import { recordAudit } from "~/models/audit.server";
import { getStaff, setStaffPassword } from "~/models/staff.server";
import { hashPassword, requireRecentAuth, requireStaff, requireStaffAction } from "~/auth/staff-auth.server";
import { navData } from "~/auth/staff-workspace.server";

/** An administrator sets a new password for a staff member who has forgotten theirs. */

async function accountFor(staffId: string | undefined, actorId: string) {
  const id = z.string().uuid().safeParse(staffId);
  const account = id.success ? await getStaff(db(), { id: id.data }) : null;
  if (!account) throw json("There is no staff account at this address.", { status: 404 });
  // Your own password needs your current one: the change-password page asks for it.
  if (account.id === actorId) throw redirect("/staff/password");
  return account;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const account = await accountFor(params.staffId, session.staff.id);
  // Setting someone else's password: password (and code) proved in the last 15 minutes.
  requireRecentAuth(session, request);
  return json({ ...navData(session), account: { id: account.id, email: account.email } });
}

const ResetSchema = z.object({ password: z.string({ invalid_type_error: "Enter a new password" }).max(1024, "Enter a password of 256 characters or fewer").default("") });

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, form } = await requireStaffAction(request, "admin");
  const account = await accountFor(params.staffId, session.staff.id);
  requireRecentAuth(session, request);
  const parsed = ResetSchema.safeParse({ password: form.get("password") ?? undefined });
  const problem = !parsed.success ? parsed.error.issues[0].message : parsed.data.password === "" ? "Enter a new password" : passwordProblems(parsed.data.password)[0];
  if (problem || !parsed.success) return json({ errors: [{ field: "password", message: problem ?? "Enter a new password" }] }, { status: 400 });
  const reset = await setStaffPassword(db(), { id: account.id, passwordHash: await hashPassword(parsed.data.password) });
  if (!reset) throw json("There is no staff account at this address.", { status: 404 });
  await recordAudit(db(), { staff: session.staff, action: "staff.password_reset", detail: `new password set for ${reset.member.email}; signed out everywhere` });
  return redirect("/staff/accounts?done=password");
}

export default function ResetPassword() {
  const { account, ...nav } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors ?? [];
  return (
    <StaffPage title={["Set a new password", account.email]} nav={nav} errors={errors} back={{ to: "/staff/accounts", label: "Back to staff accounts" }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{account.email}</span>
          <h1 className="govuk-heading-l">Set a new password</h1>
          <p className="govuk-body">
            For a staff member who has forgotten theirs. They are signed out everywhere at once, and can change the password once they sign in again.
          </p>
          <Form method="post" noValidate>
            <Csrf token={nav.csrf} />
            <NewPasswordInput label="New password" error={errors[0]?.message} hintAfter="Give it to them in person or by phone, never by email." />
            <button type="submit" className="govuk-button">
              Set new password
            </button>
          </Form>
        </div>
      </div>
    </StaffPage>
  );
}
