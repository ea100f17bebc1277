import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/ui/error-summary";
import { TextInput } from "~/ui/fields";
import { PageTitle } from "~/ui/page-title";
import { completeEnrolment, getCurrentStaff, requirePendingStaff, requirePendingStaffAction, requireStaff, requireStaffAction, sessionStage } from "~/auth/staff-auth.server";
import { confirmEnrolment, groupSecret, pendingSecret, qrCodeDataUri, totpUri } from "~/auth/two-factor.server";
import { recordAudit } from "~/models/audit.server";
import { db } from "~/server/db.server";
import { safeRedirectPath } from "~/server/request-checks.server";
import { RecoveryCodes } from "~/auth/recovery-codes";

/**
 * Setting up two-step verification: at sign-in where it is required and not yet set up, or
 * from /staff/security by choice. A QR code (drawn on the server, no script) and the same secret
 * in groups of four to type in; then a code from the app to confirm; then ten recovery codes,
 * shown this once.
 */

const target = (request: Request) => safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), { prefix: "/staff", fallback: "/staff" });

/** At sign-in (a session waiting for its second step) or by choice (a complete session without it). */
async function sessionFor(request: Request) {
  const current = await getCurrentStaff(request);
  if (current && sessionStage(current) === "complete") return { session: await requireStaff(request, "analyst"), atSignIn: false };
  return { session: await requirePendingStaff(request, "enrol"), atSignIn: true };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { session, atSignIn } = await sessionFor(request);
  if (session.staff.twoFactor) return json({ enrolled: true as const, csrf: session.csrfToken, email: session.staff.email, atSignIn, qr: "", secret: "" });
  const secret = await pendingSecret(session.staff.id);
  return json({ enrolled: false as const, csrf: session.csrfToken, email: session.staff.email, atSignIn, qr: await qrCodeDataUri(totpUri(session.staff.email, secret)), secret: groupSecret(secret) });
}

export async function action({ request }: ActionFunctionArgs) {
  const current = await getCurrentStaff(request);
  const atSignIn = !(current && sessionStage(current) === "complete");
  const { session, form } = atSignIn ? await requirePendingStaffAction(request, "enrol") : await requireStaffAction(request, "analyst");
  if (session.staff.twoFactor) return json({ error: "Two-step verification is already set up for your account", codes: null, continueTo: null }, { status: 400 });
  const code = form.get("code");
  if (typeof code !== "string" || !/^\d{6}$/.test(code.replace(/\s/g, ""))) {
    return json({ error: "Enter the 6-digit code your authenticator app shows for Your Say", codes: null, continueTo: null }, { status: 400 });
  }
  const result = await confirmEnrolment(session.staff.id, code.replace(/\s/g, ""));
  if (!result.ok) return json({ error: "That code is not right. Check the app is set up for Your Say and enter the code it shows now", codes: null, continueTo: null }, { status: 400 });
  await recordAudit(db(), { staff: session.staff, action: "two_factor.enabled", detail: atSignIn ? "set up at sign-in" : null });
  const headers = new Headers();
  for (const cookie of await completeEnrolment(request, session)) headers.append("Set-Cookie", cookie);
  return json({ error: null, codes: result.recoveryCodes, continueTo: atSignIn ? target(request) : "/staff/security" }, { headers });
}

export default function SetUpTwoFactor() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.error ? [{ field: "code", message: actionData.error }] : [];
  if (actionData?.codes) {
    return (
      <div className="govuk-grid-row">
        <PageTitle parts={["Save your recovery codes", "Two-step verification"]} />
        <div className="govuk-grid-column-two-thirds">
          <div className="govuk-panel govuk-panel--confirmation">
            <h1 className="govuk-panel__title">Two-step verification is on</h1>
          </div>
          <h2 className="govuk-heading-m">Save your recovery codes</h2>
          <p className="govuk-body">
            If you lose your phone, each of these codes lets you sign in once instead of a code from the app. Keep them somewhere safe that is not your phone,
            such as a password manager or printed in a locked drawer. They are shown only this once.
          </p>
          <RecoveryCodes codes={actionData.codes} />
          <p className="govuk-body">
            <Link className="govuk-button" to={actionData.continueTo ?? "/staff"}>
              I have saved my recovery codes
            </Link>
          </p>
        </div>
      </div>
    );
  }
  if (data.enrolled) {
    return (
      <div className="govuk-grid-row">
        <PageTitle parts={["Two-step verification"]} />
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Two-step verification is already on</h1>
          <p className="govuk-body">
            <Link className="govuk-link" to="/staff/security">
              Go to your account security
            </Link>
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="govuk-grid-row">
      <PageTitle parts={["Set up two-step verification", "Staff"]} error={errors.length > 0} />
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">{data.email}</span>
        <h1 className="govuk-heading-l">Set up two-step verification</h1>
        {data.atSignIn ? (
          <p className="govuk-body">Your account needs a second step when you sign in: a code from an authenticator app on your phone. Set it up now to continue.</p>
        ) : null}
        <ol className="govuk-list govuk-list--number">
          <li>Install an authenticator app on your phone, such as Microsoft Authenticator or Google Authenticator, if you do not have one.</li>
          <li>In the app, add an account and scan this QR code.</li>
          <li>Enter the 6-digit code the app then shows for Your Say.</li>
        </ol>
        <img src={data.qr} alt="QR code to add Your Say to your authenticator app. If you cannot scan it, type the setup key below instead." width={200} height={200} className="app-qr-code" />
        <p className="govuk-body">If you cannot scan the QR code, choose to enter a setup key in the app and type this key:</p>
        <p className="govuk-body">
          <code className="app-setup-key" id="setup-key">
            {data.secret}
          </code>
        </p>
        <Form method="post" noValidate>
          <input type="hidden" name="_csrf" value={data.csrf} />
          <TextInput id="code" name="code" label="Code from the app" error={actionData?.error ?? undefined} autoComplete="one-time-code" inputMode="numeric" spellCheck={false} width={10} />
          <button type="submit" className="govuk-button">
            Turn on two-step verification
          </button>
        </Form>
      </div>
    </div>
  );
}
