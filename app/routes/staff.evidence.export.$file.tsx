import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { EVIDENCE_CSV_HEADER, evidenceCsvRows, evidenceMarkdown, staffResultsUrl } from "~/evidence/evidence";
import { db } from "~/server/db.server";
import { recordAudit } from "~/models/audit.server";
import { listSections } from "~/models/evidence.server";
import { resultsFor } from "~/models/results.server";
import { csvText } from "~/exports/responses-stream.server";
import { requireStaff } from "~/auth/staff-auth.server";
import { publicOrigin } from "~/server/origin.server";

/** Evidence statements as Markdown (to paste into a plan or report) or CSV; analysts and up, audited. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "analyst");
  if (params.file !== "evidence.md" && params.file !== "evidence.csv") throw json("There is no such download. Choose evidence.md or evidence.csv.", { status: 404 });
  const url = new URL(request.url);
  const sectionId = url.searchParams.get("section") || undefined;
  const consultationId = url.searchParams.get("consultation") || undefined;
  const [sections, statements] = await Promise.all([listSections(db()), resultsFor(db(), "raw").statements({ sectionId, consultationId })]);
  await recordAudit(db(), { staff: session.staff, action: "export.downloaded", consultationId: consultationId ?? null, detail: params.file });
  const origin = publicOrigin(request);
  const headers = (type: string) => ({ "Content-Type": type, "Content-Disposition": `attachment; filename="${params.file}"`, "Cache-Control": "no-store" });
  if (params.file === "evidence.md") {
    return new Response(evidenceMarkdown(statements, sections, (s) => `${origin}${staffResultsUrl(s)}`), { headers: headers("text/markdown; charset=utf-8") });
  }
  return new Response(csvText(EVIDENCE_CSV_HEADER, evidenceCsvRows(statements)), { headers: headers("text/csv; charset=utf-8") });
}
