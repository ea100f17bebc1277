import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { hasRole } from "~/auth/roles";
import { StaffPage } from "~/ui/staff-page";
import { StatusTag } from "~/ui/status-tag";
import { numeric, Table } from "~/ui/table";
import { formatUkDate } from "~/lifecycle/lifecycle";
import { needsAttention } from "~/lifecycle/attention";
import { CHANNEL_LABELS, CHANNELS } from "~/responding/channels";
import { db } from "~/server/db.server";
import { listConsultations } from "~/models/consultation.server";
import { countedByConsultation } from "~/models/answer-counts.server";
import { requireStaff } from "~/auth/staff-auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { staff, csrfToken } = await requireStaff(request, "analyst");
  const [consultations, counts] = await Promise.all([listConsultations(db()), countedByConsultation(db())]);
  return json({
    staff,
    csrf: csrfToken,
    consultations: consultations.map((c) => ({ ...c, responses: counts.get(c.id) ?? { counted: 0, byChannel: {} } })),
    attention: needsAttention(consultations),
  });
}

export default function StaffHome() {
  const { staff, csrf, consultations, attention } = useLoaderData<typeof loader>();
  return (
    <StaffPage title={["Consultations"]} nav={{ staff, csrf }}>
      <h1 className="govuk-heading-l">Consultations</h1>
      {hasRole(staff.role, "editor") ? (
        <Link className="govuk-button" to="/staff/consultations/new">
          Create a consultation
        </Link>
      ) : null}
      <h2 className="govuk-heading-m" id="attention-heading">
        Needs attention
      </h2>
      {attention.length ? (
        <ul className="govuk-list app-attention" aria-labelledby="attention-heading">
          {attention.map((a) => (
            <li key={`${a.id}-${a.rank}`}>
              <Link className="govuk-link" to={`/staff/consultations/${a.id}`}>
                {a.title}
              </Link>
              : {a.reason}
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">Nothing needs attention.</p>
      )}
      <Table
        id="consultations"
        scroll
        caption="All consultations"
        captionSize="m"
        head={["Consultation", "Status", "Closes", { content: "Responses", format: "numeric" }, ...CHANNELS.map((ch) => ({ content: CHANNEL_LABELS[ch].name, format: "numeric" as const }))]}
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
            numeric(<strong>{c.responses.counted.toLocaleString("en-GB")}</strong>),
            ...CHANNELS.map((ch) => numeric((c.responses.byChannel[ch] ?? 0).toLocaleString("en-GB"))),
          ],
        }))}
      />
    </StaffPage>
  );
}
