import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/ui/error-summary";
import { TextInput } from "~/ui/fields";
import { PageTitle } from "~/ui/page-title";
import { getCurrentStaff, logIn } from "~/auth/staff-auth.server";

const LoginSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address").max(320).email("Enter an email address in the correct format, like name@example.com"),
  password: z.string().min(1, "Enter your password").max(1024, "Enter your password"),
  redirectTo: z.string().max(2000).optional(),
});

/** Only paths inside the staff workspace: never an open redirect to another site. */
function safeRedirect(to: string | undefined): string {
  return to && to.startsWith("/staff") && !to.startsWith("//") ? to : "/staff";
}

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getCurrentStaff(request)) return redirect("/staff");
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = LoginSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message }));
    return json({ errors, email: "" }, { status: 400 });
  }
  const { email, password, redirectTo } = parsed.data;
  const result = await logIn({ email, password, clientAddress: String((context as { clientAddress?: string }).clientAddress ?? "") });
  if (!result.ok) {
    return json({ errors: [{ field: "email", message: result.message }], email }, { status: result.status });
  }
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": result.cookie } });
}

export default function StaffLogin() {
  const actionData = useActionData<typeof action>();
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
