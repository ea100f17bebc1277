import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Table } from "~/ui/table";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Csrf, StaffPage, SuccessBanner } from "~/ui/staff-page";
import { formatUkDateTime } from "~/lifecycle/lifecycle";
import { endOtherSessions, endSession, regenerateRecoveryCodes, resetTwoFactor, securityOverview, turnOffOwnTwoFactor } from "~/auth/account-security.server";
import { requireRecentAuth, requireStaff, requireStaffAction } from "~/auth/staff-auth.server";
import { navData } from "~/auth/staff-workspace.server";
import { safeRedirectPath } from "~/server/request-checks.server";
import { RecoveryCodes } from "~/auth/recovery-codes";

/** Your account's security: the notice after sign-in, two-step verification, and sessions (administrators: everyone's). */

const DONE: Record<string, string> = {
  ended: "The session has been signed out.",
  others: "Your other sessions have been signed out.",
  off: "Two-step verification is off for your account.",
  reset: "Two-step verification has been reset, and the account signed out everywhere.",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "analyst");
  const url = new URL(request.url);
  const next = url.searchParams.get("next");
  return json({
    ...navData(session),
    ...(await securityOverview(session)),
    next: next ? safeRedirectPath(next, { prefix: "/staff", fallback: "/staff" }) : null,
    done: DONE[url.searchParams.get("done") ?? ""] ?? null,
  });
}

const Ref = z.string().min(1).max(64);

export async function action({ request }: ActionFunctionArgs) {
  const { session, form } = await requireStaffAction(request, "analyst");
  const intent = form.get("intent");
  if (intent === "end") {
    const ref = Ref.safeParse(form.get("ref"));
    const outcome = ref.success ? await endSession(session, ref.data) : "not_found";
    if (outcome === "current") return json({ error: "To end this session, use Sign out", codes: null }, { status: 400 });
    if (outcome === "not_found") return json({ error: "That session has already ended", codes: null }, { status: 400 });
    return redirect("/staff/security?done=ended");
  }
  if (intent === "end-others") {
    await endOtherSessions(session);
    return redirect("/staff/security?done=others");
  }
  if (intent === "recovery-codes") {
    requireRecentAuth(session, request, "/staff/security");
    if (!session.staff.twoFactor) return json({ error: "Set up two-step verification first", codes: null }, { status: 400 });
    return json({ error: null, codes: await regenerateRecoveryCodes(session) });
  }
  if (intent === "turn-off") {
    requireRecentAuth(session, request, "/staff/security");
    if (!(await turnOffOwnTwoFactor(session))) return json({ error: "Your role needs two-step verification, so it cannot be turned off", codes: null }, { status: 400 });
    return redirect("/staff/security?done=off");
  }
  if (intent === "reset-two-factor") {
    requireRecentAuth(session, request, "/staff/security");
    const id = z.string().uuid().safeParse(form.get("staffId"));
    const email = id.success ? await resetTwoFactor(session, id.data) : null;
    if (!email) return json({ error: "Only an administrator can reset someone else's two-step verification", codes: null }, { status: 403 });
    return redirect("/staff/security?done=reset");
  }
  return json({ error: "Choose one of the buttons on this page", codes: null }, { status: 400 });
}

export default function Security() {
  const { notice, twoFactor, required, recoveryLeft, sessions, everyone, accounts, next, done, ...nav } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.error ? [{ field: "sessions", message: actionData.error }] : [];
  return (
    <StaffPage title={["Your account security"]} nav={nav} errors={errors}>
      <SuccessBanner message={errors.length ? null : done} />
      {notice ? (
        <div className="govuk-notification-banner" role="region" aria-labelledby="notice-title">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="notice-title">
              Important
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">
              Since you last signed in, there were {notice.failures} failed attempts to sign in to your account
              {notice.lastAt ? `, the last at ${formatUkDateTime(notice.lastAt)}` : ""}.
            </p>
            <p className="govuk-body">If this was not you, change your password and tell an administrator. The attempts are in the audit trail.</p>
          </div>
        </div>
      ) : null}
      {next ? (
        <p className="govuk-body">
          <Link className="govuk-button" to={next}>
            Continue
          </Link>
        </p>
      ) : null}
      <h1 className="govuk-heading-l" id="sessions">
        Your account security
      </h1>

      <h2 className="govuk-heading-m">Two-step verification</h2>
      {actionData?.codes ? (
        <>
          <p className="govuk-body">Your new recovery codes are below. The old ones no longer work. Save these somewhere safe that is not your phone: they are shown only this once.</p>
          <RecoveryCodes codes={actionData.codes} />
        </>
      ) : null}
      {twoFactor ? (
        <>
          <p className="govuk-body">
            On: you sign in with your password and a code from your authenticator app. You have {recoveryLeft} unused recovery {recoveryLeft === 1 ? "code" : "codes"}.
          </p>
          <Form method="post" className="govuk-!-display-inline-block govuk-!-margin-right-3">
            <Csrf token={nav.csrf} />
            <button type="submit" name="intent" value="recovery-codes" className="govuk-button govuk-button--secondary">
              Create new recovery codes
            </button>
          </Form>
          {required ? null : (
            <Form method="post" className="govuk-!-display-inline-block">
              <Csrf token={nav.csrf} />
              <button type="submit" name="intent" value="turn-off" className="govuk-button govuk-button--warning">
                Turn off two-step verification
              </button>
            </Form>
          )}
        </>
      ) : (
        <>
          <p className="govuk-body">Off: you sign in with your password only. A code from an app on your phone as well keeps your account safe if your password is ever guessed or stolen.</p>
          <p className="govuk-body">
            <Link className="govuk-button" to="/staff/two-factor/setup">
              Set up two-step verification
            </Link>
          </p>
        </>
      )}

      <h2 className="govuk-heading-m">Where you are signed in</h2>
      <SessionsTable sessions={sessions.map((s) => ({ ...s, label: s.current ? "This session" : null }))} csrf={nav.csrf} />
      {sessions.length > 1 ? (
        <Form method="post">
          <Csrf token={nav.csrf} />
          <button type="submit" name="intent" value="end-others" className="govuk-button govuk-button--warning">
            Sign out everywhere else
          </button>
        </Form>
      ) : null}

      {nav.staff.role === "admin" ? (
        <>
          <h2 className="govuk-heading-m">Everyone else's sessions</h2>
          {everyone.length ? <SessionsTable sessions={everyone.map((s) => ({ ...s, label: null }))} csrf={nav.csrf} showEmail /> : <p className="govuk-body">No one else is signed in.</p>}
          <h2 className="govuk-heading-m">Reset someone's two-step verification</h2>
          <p className="govuk-body">
            For a staff member who has lost their phone and their recovery codes. Check who is asking first, in person or by phone. They are signed out everywhere and set it up
            again when they next sign in.
          </p>
          <ul className="govuk-list">
            {accounts
              .filter((a) => a.twoFactor)
              .map((a) => (
                <li key={a.id}>
                  <Form method="post">
                    <Csrf token={nav.csrf} />
                    <input type="hidden" name="staffId" value={a.id} />
                    <button type="submit" name="intent" value="reset-two-factor" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2">
                      Reset two-step verification for {a.email}
                    </button>
                  </Form>
                </li>
              ))}
          </ul>
        </>
      ) : null}
    </StaffPage>
  );
}

function SessionsTable({
  sessions,
  csrf,
  showEmail = false,
}: {
  sessions: { ref: string; staffEmail: string; createdAt: string; lastSeenAt: string; complete: boolean; label: string | null }[];
  csrf: string;
  showEmail?: boolean;
}) {
  const id = showEmail ? "others-sessions" : "your-sessions";
  return (
    <Table
      id={id}
      caption={showEmail ? "Other staff members' sessions" : "Your sessions"}
      captionSize="s"
      captionClassName="govuk-visually-hidden"
      head={[...(showEmail ? ["Staff member"] : []), "Signed in", "Last active", "Sign out"]}
      firstCellIsHeader={showEmail}
      // A phone is narrower than three columns of dates and a button: the table scrolls in its own region.
      scroll
      rows={sessions.map((s) => ({
        key: s.ref,
        cells: [
          ...(showEmail ? [s.staffEmail] : []),
          `${formatUkDateTime(s.createdAt)}${s.complete ? "" : " (second step not done)"}`,
          formatUkDateTime(s.lastSeenAt),
          {
            content: s.label ? (
              <strong className="govuk-tag">{s.label}</strong>
            ) : (
              <Form method="post">
                <Csrf token={csrf} />
                <input type="hidden" name="ref" value={s.ref} />
                <button type="submit" name="intent" value="end" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                  Sign out<span className="govuk-visually-hidden"> the session {showEmail ? `of ${s.staffEmail} ` : ""}started {formatUkDateTime(s.createdAt)}</span>
                </button>
              </Form>
            ),
          },
        ],
      }))}
    />
  );
}
