import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { passwordChangeProblems } from "~/auth/password-policy";
import { NewPasswordInput, TextInput } from "~/ui/fields";
import { Csrf, StaffPage, SuccessBanner } from "~/ui/staff-page";
import { changeOwnPassword, requireStaff, requireStaffAction } from "~/auth/staff-auth.server";
import { navData } from "~/auth/staff-workspace.server";

/** Any signed-in staff member changes their own password (an administrator sets the first one). */

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "analyst");
  const changed = new URL(request.url).searchParams.get("changed") === "1";
  return json({ ...navData(session), changed });
}

const tooLong = "Enter a password of 256 characters or fewer";
const ChangeSchema = z.object({
  current: z.string().max(1024, tooLong).default(""),
  password: z.string().max(1024, tooLong).default(""),
  confirm: z.string().max(1024, tooLong).default(""),
});

export async function action({ request }: ActionFunctionArgs) {
  const { session, form } = await requireStaffAction(request, "analyst");
  const parsed = ChangeSchema.safeParse(Object.fromEntries([...form].filter(([, v]) => typeof v === "string")));
  if (!parsed.success) return json({ errors: parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message })) }, { status: 400 });
  const errors = passwordChangeProblems(parsed.data);
  if (errors.length) return json({ errors }, { status: 400 });
  const outcome = await changeOwnPassword(session, parsed.data);
  if (!outcome.ok) return json({ errors: [{ field: "current", message: "Your current password is not right" }] }, { status: 400 });
  return redirect("/staff/password?changed=1");
}

export default function ChangePassword() {
  const { changed, ...nav } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors ?? [];
  const err = Object.fromEntries(errors.map((e) => [e.field, e.message]));
  return (
    <StaffPage title={["Change your password"]} nav={nav} errors={errors}>
      <SuccessBanner message={changed && !errors.length ? "Your password has been changed. Anywhere else you were signed in has been signed out." : null} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Change your password</h1>
          <Form method="post" noValidate>
            <Csrf token={nav.csrf} />
            <TextInput name="current" labelSize="m" type="password" label="Current password" error={err.current} autoComplete="current-password" width={20} />
            <NewPasswordInput label="New password" error={err.password} />
            <TextInput name="confirm" labelSize="m" type="password" label="Type the new password again" error={err.confirm} autoComplete="new-password" width={20} />
            <button type="submit" className="govuk-button">
              Change password
            </button>
          </Form>
        </div>
      </div>
    </StaffPage>
  );
}
