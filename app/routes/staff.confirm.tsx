import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { TextInput } from "~/ui/fields";
import { Csrf, StaffPage } from "~/ui/staff-page";
import { reauthenticate, requireStaff, requireStaffAction } from "~/auth/staff-auth.server";
import { navData } from "~/auth/staff-workspace.server";
import { safeRedirectPath } from "~/server/request-checks.server";

/**
 * Confirm it is you: the password, and the code where two-step verification is on, before a
 * sensitive action (resetting someone's password or two-step verification, changing a role,
 * removing staff, downloading raw responses). Good for 15 minutes (REAUTH_MS).
 */

const target = (request: Request) => safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), { prefix: "/staff", fallback: "/staff" });

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "analyst");
  return json({ ...navData(session), twoFactor: session.staff.twoFactor });
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, form } = await requireStaffAction(request, "analyst");
  const password = form.get("password");
  const code = form.get("code");
  const errors: { field: string; message: string }[] = [];
  if (typeof password !== "string" || !password || password.length > 1024) errors.push({ field: "password", message: "Enter your password" });
  if (session.staff.twoFactor && (typeof code !== "string" || !code.trim() || code.length > 40)) errors.push({ field: "code", message: "Enter the 6-digit code from your authenticator app" });
  if (errors.length) return json({ errors }, { status: 400 });
  const result = await reauthenticate(session, { password: String(password), code: typeof code === "string" ? code : "" });
  if (!result.ok) return json({ errors: [{ field: result.field, message: result.message }] }, { status: result.status });
  return redirect(target(request));
}

export default function Confirm() {
  const { twoFactor, ...nav } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors ?? [];
  const err = Object.fromEntries(errors.map((e) => [e.field, e.message]));
  return (
    <StaffPage title={["Confirm it is you"]} nav={nav} errors={errors}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Confirm it is you</h1>
          <p className="govuk-body">
            What you are about to do needs you to prove it is you again, in case someone else is using your computer. You will not be asked again for 15 minutes.
          </p>
          <Form method="post" noValidate>
            <Csrf token={nav.csrf} />
            <TextInput id="password" name="password" type="password" label="Your password" error={err.password} autoComplete="current-password" width={20} />
            {twoFactor ? (
              <TextInput id="code" name="code" label="Security code" hint="The 6-digit code your authenticator app shows now, or one of your recovery codes" error={err.code} autoComplete="one-time-code" spellCheck={false} width={10} />
            ) : null}
            <button type="submit" className="govuk-button">
              Confirm
            </button>
          </Form>
        </div>
      </div>
    </StaffPage>
  );
}
