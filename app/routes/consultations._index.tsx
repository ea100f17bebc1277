import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageTitle } from "~/ui/page-title";
import { StatusTag } from "~/ui/status-tag";
import { formatUkDate, formatUkDateTime } from "~/lifecycle/lifecycle";
import { db } from "~/server/db.server";
import { listConsultations } from "~/models/consultation.server";

export async function loader() {
  const all = (await listConsultations(db())).filter((c) => c.status !== "draft");
  return json({
    open: all.filter((c) => c.status === "open").sort((a, b) => (a.closesAt ?? "").localeCompare(b.closesAt ?? "")),
    forthcoming: all.filter((c) => c.status === "scheduled"),
    closed: all.filter((c) => c.status === "closed" || c.status === "published"),
  });
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["open"][number];

function ConsultationList({ items, empty, when }: { items: Item[]; empty: string; when: (c: Item) => string }) {
  if (!items.length) return <p className="govuk-body">{empty}</p>;
  return (
    <ul className="govuk-list">
      {items.map((c) => (
        <li key={c.id} className="govuk-!-margin-bottom-6">
          <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
            <Link className="govuk-link" to={`/consultations/${c.slug}`}>
              {c.title}
            </Link>
          </h3>
          <p className="govuk-body govuk-!-margin-bottom-1">{c.summary}</p>
          <p className="govuk-body-s app-muted govuk-!-margin-bottom-0">
            <StatusTag status={c.status} /> {when(c)}
          </p>
        </li>
      ))}
    </ul>
  );
}

export default function ConsultationHub() {
  const { open, forthcoming, closed } = useLoaderData<typeof loader>();
  return (
    <>
      <PageTitle parts={["Consultations"]} />
      <h1 className="govuk-heading-xl">Have your say on policing in County Durham and Darlington</h1>
      <p className="govuk-body-l">
        The Police and Crime Commissioner asks residents what matters to them before setting the policing budget and the Police and Crime Plan.
      </p>
      <h2 className="govuk-heading-l">Open consultations</h2>
      <ConsultationList items={open} empty="There are no open consultations at the moment." when={(c) => `Closes at ${formatUkDateTime(c.closesAt)}`} />
      <h2 className="govuk-heading-l">Forthcoming consultations</h2>
      <ConsultationList items={forthcoming} empty="There are no forthcoming consultations." when={(c) => `Opens on ${formatUkDate(c.opensAt)}`} />
      <h2 className="govuk-heading-l">Closed consultations</h2>
      <p className="govuk-body">
        Read <Link className="govuk-link" to="/results">what people said and what the Commissioner did</Link>, and{" "}
        <Link className="govuk-link" to="/evidence">the evidence for the Police and Crime Plan</Link>.
      </p>
      <ConsultationList
        items={closed}
        empty="There are no closed consultations."
        // The tag already says "Results published"; the line does not say it again.
        when={(c) => `Closed on ${formatUkDate(c.closesAt)}`}
      />
    </>
  );
}
