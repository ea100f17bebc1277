import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { hasRole } from "~/auth/roles";
import { StaffPage } from "~/ui/staff-page";
import { StatusTag } from "~/ui/status-tag";
import { Table } from "~/ui/table";
import { formatUkDate } from "~/lifecycle/lifecycle";
import { db } from "~/server/db.server";
import { listConsultations } from "~/models/consultation.server";
import { requireStaff } from "~/auth/staff-auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { staff, csrfToken } = await requireStaff(request, "analyst");
  return json({ staff, csrf: csrfToken, consultations: await listConsultations(db()) });
}

export default function StaffHome() {
  const { staff, csrf, consultations } = useLoaderData<typeof loader>();
  return (
    <StaffPage title={["Consultations"]} nav={{ staff, csrf }}>
      <h1 className="govuk-heading-l">Consultations</h1>
      {hasRole(staff.role, "editor") ? (
        <Link className="govuk-button" to="/staff/consultations/new">
          Create a consultation
        </Link>
      ) : null}
      <Table
        id="consultations"
        scroll
        caption="All consultations"
        captionSize="s"
        captionClassName="govuk-visually-hidden"
        head={["Consultation", "Status", "Closes"]}
        rows={consultations.map((c) => ({
          key: c.id,
          cells: [
            {
              content: (
                <Link className="govuk-link" to={`/staff/consultations/${c.id}`}>
                  {c.title}
                </Link>
              ),
            },
            { content: <StatusTag status={c.status} /> },
            formatUkDate(c.closesAt),
          ],
        }))}
      />
    </StaffPage>
  );
}
