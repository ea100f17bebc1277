import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/staff-auth.server";
import { requireStaffConsultation } from "~/auth/staff-workspace.server";

/** The working copy's definition as a file, to keep, share or import into another consultation. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, "editor");
  const c = await requireStaffConsultation(params.id);
  return new Response(`${JSON.stringify(c.draftDefinition, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="definition.json"',
      "Cache-Control": "no-store",
    },
  });
}
