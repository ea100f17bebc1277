import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { hasRole } from "~/auth/roles";
import { PageTitle } from "~/ui/page-title";
import { StaffNav } from "~/ui/staff-nav";
import { StatusTag } from "~/ui/status-tag";
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
    <>
      <PageTitle parts={["Consultations", "Staff"]} />
      <StaffNav email={staff.email} role={staff.role} csrf={csrf} />
      <h1 className="govuk-heading-l">Consultations</h1>
      {hasRole(staff.role, "editor") ? (
        <Link className="govuk-button" to="/staff/consultations/new">
          Create a consultation
        </Link>
      ) : null}
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s govuk-visually-hidden">All consultations</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Consultation</th>
            <th scope="col" className="govuk-table__header">Status</th>
            <th scope="col" className="govuk-table__header">Closes</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {consultations.map((c) => (
            <tr key={c.id} className="govuk-table__row">
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/staff/consultations/${c.id}`}>
                  {c.title}
                </Link>
              </td>
              <td className="govuk-table__cell">
                <StatusTag status={c.status} />
              </td>
              <td className="govuk-table__cell">{formatUkDate(c.closesAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
