import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/ui/error-summary";
import { TextInput } from "~/ui/fields";
import { PageTitle } from "~/ui/page-title";
import { afterSignIn, proveSecondFactor, requirePendingStaff, requirePendingStaffAction } from "~/auth/staff-auth.server";
import { safeRedirectPath } from "~/server/request-checks.server";

/** The second step of signing in: a code from the authenticator app, or a recovery code. */

const target = (request: Request) => safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), { prefix: "/staff", fallback: "/staff" });

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePendingStaff(request, "verify");
  return json({ csrf: session.csrfToken, email: session.staff.email });
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, form } = await requirePendingStaffAction(request, "verify");
  const code = form.get("code");
  if (typeof code !== "string" || !code.trim()) return json({ error: "Enter the 6-digit code from your authenticator app" }, { status: 400 });
  if (code.length > 40) return json({ error: "Enter the 6-digit code your authenticator app shows now, or one of your recovery codes" }, { status: 400 });
  const result = await proveSecondFactor(request, session, code);
  if (!result.ok) return json({ error: result.message }, { status: result.status });
  const headers = new Headers();
  for (const cookie of result.cookies) headers.append("Set-Cookie", cookie);
  // A recovery code was used: the security page says how many are left and offers new ones.
  const notice = session.notice !== null || result.recoveryLeft !== undefined;
  return redirect(afterSignIn(target(request), notice), { headers });
}

export default function TwoFactor() {
  const { csrf, email } = useLoaderData<typeof loader>();
  const error = useActionData<typeof action>()?.error;
  const errors = error ? [{ field: "code", message: error }] : [];
  return (
    <div className="govuk-grid-row">
      <PageTitle parts={["Enter your security code", "Staff sign in"]} error={errors.length > 0} />
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">{email}</span>
        <h1 className="govuk-heading-l">Enter your security code</h1>
        <p className="govuk-body">Open the authenticator app on your phone and enter the 6-digit code it shows for Your Say.</p>
        <Form method="post" noValidate>
          <input type="hidden" name="_csrf" value={csrf} />
          <TextInput
            id="code"
            name="code"
            label="Security code"
            hint="If you cannot use your app, enter one of your recovery codes instead. Each recovery code works once."
            error={error}
            autoComplete="one-time-code"
            spellCheck={false}
            width={10}
          />
          <button type="submit" className="govuk-button">
            Continue
          </button>
        </Form>
        <p className="govuk-body">If you have lost your phone and your recovery codes, ask an administrator to reset two-step verification for your account.</p>
      </div>
    </div>
  );
}
