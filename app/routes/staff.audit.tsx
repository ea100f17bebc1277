import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Select, TextInput } from "~/ui/fields";
import { Pagination, pageFrom } from "~/ui/pagination";
import { StaffPage } from "~/ui/staff-page";
import { Table } from "~/ui/table";
import { formatUkDateTime } from "~/lifecycle/lifecycle";
import { formatCount } from "~/results/statistics";
import { db } from "~/server/db.server";
import { AUDIT_ACTIONS, countAudit, listAudit } from "~/models/audit.server";
import { listConsultations } from "~/models/consultation.server";
import { requireStaff } from "~/auth/staff-auth.server";
import { navData } from "~/auth/staff-workspace.server";

/** Read-only: there is no action here, and the model has no update or delete. */

const PAGE_SIZE = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const FilterSchema = z.object({
    action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
    staff: z.string().trim().max(320).optional().catch(undefined),
    consultation: z.string().uuid().optional().catch(undefined),
  });
  const filter = FilterSchema.parse({ action: params.action || undefined, staff: params.staff || undefined, consultation: params.consultation || undefined });
  const query = { action: filter.action, staffEmail: filter.staff, consultationId: filter.consultation };
  const total = await countAudit(db(), query);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  // Past the last page (entries filtered away, an old link): the last page.
  const page = Math.min(pageFrom(request.url), pages);
  const [entries, consultations] = await Promise.all([listAudit(db(), { ...query, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), listConsultations(db())]);
  return json({
    ...navData(session),
    actions: AUDIT_ACTIONS,
    entries,
    filter,
    consultations: consultations.map((c) => ({ id: c.id, title: c.title })),
    page,
    pages,
    total,
    first: (page - 1) * PAGE_SIZE + 1,
  });
}

/** The address of another page with the same filters. */
function pageHref(filter: { action?: string; staff?: string; consultation?: string }, page: number): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) if (value) params.set(name, value);
  params.set("page", String(page));
  return `/staff/audit?${params}`;
}

export default function AuditTrail() {
  const { actions, entries, filter, consultations, page, pages, total, first, ...nav } = useLoaderData<typeof loader>();
  const filtered = Boolean(filter.action || filter.staff || filter.consultation);
  return (
    <StaffPage title={["Audit trail"]} nav={nav}>
      <h1 className="govuk-heading-l">Audit trail</h1>
      <p className="govuk-body">
        Every change to consultations and staff accounts, every export, and every sign-in. Nobody can edit or delete it, and it never holds what residents said.
      </p>
      <Form method="get" className="app-audit-filter">
        <Select id="filter-action" name="action" label="Action" value={filter.action} options={[{ value: "", label: "All actions" }, ...actions.map((a) => ({ value: a, label: a }))]} />
        <TextInput id="filter-staff" name="staff" label="Staff email address" width={20} spellCheck={false} value={filter.staff ?? ""} />
        <Select
          id="filter-consultation"
          name="consultation"
          label="Consultation"
          value={filter.consultation}
          options={[{ value: "", label: "All consultations" }, ...consultations.map((c) => ({ value: c.id, label: c.title }))]}
        />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--secondary">Filter</button>
          {filtered ? (
            <Link className="govuk-link" to="/staff/audit">
              Clear filters
            </Link>
          ) : null}
        </div>
      </Form>
      <Table
        id="audit"
        scroll
        className="app-audit-table"
        caption={`${
          total === 0
            ? "No entries"
            : pages > 1
              ? `Entries ${formatCount(first)} to ${formatCount(first + entries.length - 1)} of ${formatCount(total)}`
              : `${formatCount(total)} ${total === 1 ? "entry" : "entries"}`
        }${filtered ? " matching the filters" : ""}, newest first`}
        captionSize="s"
        head={["When", "Who", "Action", "Consultation", "Detail"]}
        rows={entries.map((e) => ({
          key: String(e.id),
          cells: [
            { content: formatUkDateTime(e.at), className: "app-nowrap" },
            e.staff_email ?? "Unknown",
            { content: <code>{e.action}</code> },
            {
              content: e.consultation_id ? (
                <Link className="govuk-link" to={`/staff/consultations/${e.consultation_id}`}>
                  {e.consultation_title ?? "Deleted consultation"}
                </Link>
              ) : null,
            },
            e.detail ?? "",
          ],
        }))}
      />
      <Pagination page={page} pages={pages} label="Pages of the audit trail" href={(p) => pageHref(filter, p)} />
    </StaffPage>
  );
}
