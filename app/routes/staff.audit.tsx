import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Select } from "~/ui/fields";
import { DateTimeInput } from "~/ui/date-input";
import { Pagination, pageFrom } from "~/ui/pagination";
import { StaffPage } from "~/ui/staff-page";
import { Table } from "~/ui/table";
import { formatUkDate } from "~/lifecycle/lifecycle";
import { formatCount } from "~/results/statistics";
import { actionInWords } from "~/audit/audit-words";
import { auditQueryString, parseAuditFilter } from "~/audit/audit-filter";
import { db } from "~/server/db.server";
import { AUDIT_ACTIONS, auditStaffEmails, countAudit, listAudit } from "~/models/audit.server";
import { listConsultations } from "~/models/consultation.server";
import { requireStaff } from "~/auth/staff-auth.server";
import { navData } from "~/auth/staff-workspace.server";

/** Read-only: there is no action here, and the model has no update or delete. */

const PAGE_SIZE = 100;

const TIME = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "numeric", minute: "2-digit", second: "2-digit", hour12: false, timeZoneName: "short" });

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "admin");
  const { values, query, errors, filtered } = parseAuditFilter(new URL(request.url).searchParams, AUDIT_ACTIONS);
  const total = await countAudit(db(), query);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  // Past the last page (entries filtered away, an old link): the last page.
  const page = Math.min(pageFrom(request.url), pages);
  const [entries, consultations, people] = await Promise.all([listAudit(db(), { ...query, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), listConsultations(db()), auditStaffEmails(db())]);
  return json(
    {
      ...navData(session),
      actions: AUDIT_ACTIONS.map((a) => ({ value: a, label: actionInWords(a) })).sort((x, y) => x.label.localeCompare(y.label)),
      entries: entries.map((e) => ({ ...e, day: formatUkDate(e.at), time: TIME.format(new Date(e.at)), actionWords: actionInWords(e.action) })),
      values,
      errors,
      filtered,
      people,
      consultations: consultations.map((c) => ({ id: c.id, title: c.title })),
      page,
      pages,
      total,
      first: (page - 1) * PAGE_SIZE + 1,
    },
    { status: errors.length ? 400 : 200 },
  );
}

export default function AuditTrail() {
  const { actions, entries, values, errors, filtered, people, consultations, page, pages, total, first, ...nav } = useLoaderData<typeof loader>();
  const err = Object.fromEntries(errors.map((e) => [e.field, e.message]));
  return (
    <StaffPage title={["Audit trail"]} nav={nav} errors={errors}>
      <h1 className="govuk-heading-l">Audit trail</h1>
      <p className="govuk-body">
        Every change to consultations and staff accounts, every export, and every sign-in. Nobody can edit or delete it, and it never holds what residents said.
      </p>
      <Form method="get" className="app-audit-filter" aria-label="Filter the audit trail">
        <Select id="filter-action" name="action" label="Action" value={values.action} options={[{ value: "", label: "All actions" }, ...actions]} />
        <Select id="filter-staff" name="staff" label="Who" value={values.staff} options={[{ value: "", label: "Everyone" }, ...people.map((p) => ({ value: p, label: p }))]} />
        <Select
          id="filter-consultation"
          name="consultation"
          label="Consultation"
          value={values.consultation}
          options={[{ value: "", label: "All consultations" }, ...consultations.map((c) => ({ value: c.id, label: c.title }))]}
        />
        <DateTimeInput name="from" legend="From" withTime={false} hint="For example, 1 11 2027." error={err.from} value={values.from} />
        <DateTimeInput name="to" legend="To" withTime={false} hint="The whole of that day is included." error={err.to} value={values.to} />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--secondary">
            Filter
          </button>
          {filtered ? (
            <Link className="govuk-link" to="/staff/audit">
              Clear filters
            </Link>
          ) : null}
        </div>
      </Form>
      <p className="govuk-body">
        <a className="govuk-link" href={`/staff/audit.csv${auditQueryString(values)}`} download>
          Download {filtered ? "these entries" : "the audit trail"} (CSV)
        </a>
        . The download is itself recorded here.
      </p>
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
        head={[
          { content: "When", width: "one-quarter" },
          "Who",
          "Action",
          "Consultation",
          "Detail",
        ]}
        rows={entries.map((e) => ({
          key: String(e.id),
          cells: [
            { content: <>{e.day}<br />{e.time}</> },
            { content: e.staff_email ?? "Unknown", className: "app-break-anywhere" },
            { content: <span title={e.action}>{e.actionWords}</span> },
            {
              content: e.consultation_id ? (
                <Link className="govuk-link" to={`/staff/consultations/${e.consultation_id}`}>
                  {e.consultation_title ?? "Deleted consultation"}
                </Link>
              ) : null,
            },
            { content: e.detail ?? "", className: "app-break-anywhere" },
          ],
        }))}
      />
      <Pagination page={page} pages={pages} label="Pages of the audit trail" href={(p) => `/staff/audit${auditQueryString(values, { page: String(p) })}`} />
    </StaffPage>
  );
}
