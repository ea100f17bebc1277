import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { logOut, requireSignedInAction } from "~/auth/staff-auth.server";

export const loader = () => redirect("/staff");

export async function action({ request }: ActionFunctionArgs) {
  // Any session may sign out, including one still at its second step.
  await requireSignedInAction(request.clone());
  return redirect("/staff/login", { headers: { "Set-Cookie": await logOut(request) } });
}
