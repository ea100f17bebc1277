import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { logOut, requireStaffAction } from "~/auth/staff-auth.server";

export const loader = () => redirect("/staff");

export async function action({ request }: ActionFunctionArgs) {
  await requireStaffAction(request.clone(), "analyst");
  return redirect("/staff/login", { headers: { "Set-Cookie": await logOut(request) } });
}
