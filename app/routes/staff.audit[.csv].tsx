import type { LoaderFunctionArgs } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";
import { AUDIT_CSV_HEADER, auditCsvRow } from "~/audit/audit-words";
import { parseAuditFilter } from "~/audit/audit-filter";
import { BOM } from "~/exports/responses-stream.server";
import { db } from "~/server/db.server";
import { AUDIT_ACTIONS, countAudit, listAudit, recordAudit } from "~/models/audit.server";
import { requireStaff } from "~/auth/staff-auth.server";

/**
 * The audit trail as CSV, with the page's filters (every matching entry, not one page). Taking a
 * copy of the trail is itself an action worth recording, so it is recorded before the file is made
 * and appears in its own download.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const { query, filtered } = parseAuditFilter(new URL(request.url).searchParams, AUDIT_ACTIONS);
  const total = await countAudit(db(), query);
  const described = [query.action && `action ${query.action}`, query.staffEmail && `by ${query.staffEmail}`, query.consultationId && "one consultation", query.from && `from ${query.from.slice(0, 10)}`, query.to && `before ${query.to.slice(0, 10)}`].filter(Boolean);
  await recordAudit(db(), { staff: session.staff, action: "audit.exported", consultationId: query.consultationId ?? null, detail: `audit trail downloaded${filtered ? ` (${described.join(", ")})` : ""}; ${total} entries` });
  const entries = await listAudit(db(), { ...query, limit: total + 1, offset: 0 });
  return new Response(BOM + stringify([AUDIT_CSV_HEADER, ...entries.map(auditCsvRow)]), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="audit-trail.csv"', "Cache-Control": "no-store" },
  });
}
