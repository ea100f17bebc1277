import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/ui/error-summary";
import { TextInput } from "~/ui/fields";
import { PageTitle } from "~/ui/page-title";
import { afterSignIn, checkSignInFormToken, getCurrentStaff, logIn, sessionStage, signInFormToken } from "~/auth/staff-auth.server";
import { clientAddressOf } from "~/server/rate-limit.server";
import { safeRedirectPath } from "~/server/request-checks.server";

const LoginSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address").max(320).email("Enter an email address in the correct format, like name@example.com"),
  password: z.string().min(1, "Enter your password").max(1024, "Enter your password"),
  // Any length: an over-long target is replaced by /staff (safeRedirectPath), not an error.
  redirectTo: z.string().optional(),
});

/** Only paths inside the staff workspace, re-serialised and capped: never an open redirect, never a 500. */
const safeRedirect = (to: string | null | undefined) => safeRedirectPath(to, { prefix: "/staff", fallback: "/staff" });

export async function loader({ request }: LoaderFunctionArgs) {
  // Signed in already: on to the workspace. A session still at its second step may start again.
  const current = await getCurrentStaff(request);
  if (current && sessionStage(current) === "complete") return redirect("/staff");
  const { token, setCookie } = await signInFormToken(request);
  return json({ csrf: token }, setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined);
}

export async function action({ request, context }: ActionFunctionArgs) {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw json("The form could not be read. Nothing has been changed. Go back and try again.", { status: 400 });
  }
  // Login CSRF: a sign-in form posted from another site (or replayed without its cookie) is
  // refused before any password is checked.
  if (!(await checkSignInFormToken(request, form.get("_csrf")))) {
    throw json("This sign-in form has expired or did not come from this site. Go back, reload the page and sign in again.", { status: 403 });
  }
  const parsed = LoginSchema.safeParse(Object.fromEntries([...form].filter(([k]) => k !== "_csrf")));
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message }));
    return json({ errors, email: "" }, { status: 400 });
  }
  const { email, password, redirectTo } = parsed.data;
  const result = await logIn({ email, password, clientAddress: clientAddressOf(context), request });
  if (!result.ok) {
    return json({ errors: [{ field: "email", message: result.message }], email }, { status: result.status });
  }
  const to = safeRedirect(redirectTo);
  const next =
    result.next === "verify"
      ? `/staff/two-factor?redirectTo=${encodeURIComponent(to)}`
      : result.next === "enrol"
        ? `/staff/two-factor/setup?redirectTo=${encodeURIComponent(to)}`
        : afterSignIn(to, result.notice);
  const headers = new Headers();
  for (const cookie of result.cookies) headers.append("Set-Cookie", cookie);
  return redirect(next, { headers });
}

export default function StaffLogin() {
  const actionData = useActionData<typeof action>();
  const { csrf } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const errors = actionData?.errors ?? [];
  const byField = Object.fromEntries(errors.map((e) => [e.field, e.message]));
  return (
    <div className="govuk-grid-row">
      <PageTitle parts={["Staff sign in"]} error={errors.length > 0} />
      <div className="govuk-grid-column-one-half">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Staff sign in</h1>
        <p className="govuk-body">For staff of the Office of the Police and Crime Commissioner. Residents do not need to sign in to take part.</p>
        <Form method="post" noValidate>
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/staff"} />
          <TextInput name="email" labelSize="m" label="Email address" autoComplete="username" error={byField.email} value={actionData?.email} spellCheck={false} />
          <TextInput name="password" type="password" label="Password" labelSize="m" error={byField.password} autoComplete="current-password" width="two-thirds" />
          <button type="submit" className="govuk-button">
            Sign in
          </button>
        </Form>
      </div>
    </div>
  );
}
