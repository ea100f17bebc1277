import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Pagination, pageFrom } from "~/ui/pagination";
import { channelLabel } from "~/responding/channels";
import { StaffPage } from "~/ui/staff-page";
import { WarningText } from "~/ui/warning-text";
import { findQuestion } from "~/definition/definition";
import { formatUkDate } from "~/lifecycle/lifecycle";
import { formatCount } from "~/results/statistics";
import { db } from "~/server/db.server";
import { getConsultationForStaff } from "~/models/consultation.server";
import { listTextAnswers } from "~/models/results.server";
import { requireStaff } from "~/auth/staff-auth.server";

const PAGE_SIZE = 25;

/**
 * Written answers for staff to read, a page at a time. They were redacted by machine when
 * submitted; React escapes them on output; they are never published automatically.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "analyst");
  const c = params.id ? await getConsultationForStaff(db(), { id: params.id }) : null;
  const question = c?.currentVersion ? findQuestion(c.currentVersion.definition, params.questionId ?? "") : undefined;
  if (!c || !question || question.type !== "free_text") throw json("There is no free-text question at this address.", { status: 404 });
  const page = pageFrom(request.url);
  const { total, answers } = await listTextAnswers(db(), { consultationId: c.id, questionId: question.id, page, pageSize: PAGE_SIZE });
  return json({
    staff: session.staff,
    csrf: session.csrfToken,
    consultation: { id: c.id, title: c.title },
    question: { id: question.id, title: question.title },
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    total,
    answers,
  });
}

export default function TextAnswers() {
  const d = useLoaderData<typeof loader>();
  const base = `/staff/consultations/${d.consultation.id}/results/text/${d.question.id}`;
  const first = (d.page - 1) * PAGE_SIZE + 1;
  return (
    <StaffPage title={["Written answers", d.question.title]} nav={d} back={{ to: `/staff/consultations/${d.consultation.id}/results#q-${d.question.id}`, label: "Back to the results" }}>
      <span className="govuk-caption-l">{d.consultation.title}</span>
      <h1 className="govuk-heading-l">Written answers: {d.question.title}</h1>
      <WarningText>
        Personal details were removed by machine when these were submitted, shown as [redacted]. Read them before quoting any: people can still be
        identified from what they describe. They are never published automatically.
      </WarningText>
      <p className="govuk-body">
        {formatCount(d.total)} written answers{d.total ? `; showing ${formatCount(first)} to ${formatCount(Math.min(d.total, first + d.answers.length - 1))}` : ""}.
      </p>
      <ol className="govuk-list" start={first} id="text-answers">
        {d.answers.map((a, i) => (
          <li key={i} className="govuk-!-margin-bottom-4">
            <p className="govuk-body app-free-text govuk-!-margin-bottom-1">{a.text}</p>
            <p className="govuk-body-s app-muted">
              {formatUkDate(a.submittedOn)}, {channelLabel(a.channel)}
            </p>
          </li>
        ))}
      </ol>
      <Pagination page={d.page} pages={d.pages} label="Pages of written answers" href={(page) => `${base}?page=${page}`} />
    </StaffPage>
  );
}
