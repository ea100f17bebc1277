import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { childrenOf } from "~/coding/codebook";
import { CodingNav, codingBase } from "~/coding/coding-ui";
import { codingContext, codingQuestionAction, requireCodebook, requireFreeTextQuestion } from "~/coding/context.server";
import { formatCount } from "~/results/statistics";
import { Select } from "~/ui/fields";
import { Csrf, StaffPage } from "~/ui/staff-page";
import { db } from "~/server/db.server";
import { changeCodebook, getWrittenAnswers } from "~/models/coding.server";
import { candidateThemes } from "~/models/coding-analysis.server";

/**
 * Candidate themes: clusters of the answers nobody has coded yet, with their most telling words
 * and example answers. Only ever a suggestion: an analyst turns one into a code in one step, and
 * its examples are pinned to the new code.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await codingContext(request, params, "analyst");
  const c = ctx.consultation;
  const question = requireFreeTextQuestion(c.currentVersion?.definition, params.questionId);
  const book = requireCodebook(ctx.codebook, c.id);
  const { uncoded, themes } = await candidateThemes(db(), { consultationId: c.id, questionId: question.id });
  return json({
    ...ctx.nav,
    consultation: { id: c.id, title: c.title },
    question,
    uncoded,
    themes,
    groups: childrenOf(book.codes, null)
      .filter((x) => x.status === "active")
      .map((x) => ({ value: x.id, label: `Inside ${x.name}` })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { form, consultation: c, question, staffer } = await codingQuestionAction(request, params);
  const name = String(form.get("name") ?? "").trim();
  const examples = form.getAll("example").map(String).slice(0, 3);
  const texts = await getWrittenAnswers(db(), { consultationId: c.id, questionId: question.id, responseIds: examples });
  const parentId = String(form.get("parentId") ?? "") || null;
  const r = await changeCodebook(db(), {
    consultationId: c.id,
    change: {
      kind: "add",
      parentId,
      fields: { name, definition: "", include: "", exclude: "", examples: [...texts.values()].map((t) => t.slice(0, 500)), rules: [], planSection: null },
    },
    staff: staffer,
  });
  if (!r.ok)
    return json(
      { errors: [{ field: `name-${form.get("index")}`, message: r.field === "name" ? r.message : r.message || "Enter a name for the code" }] },
      { status: 400 }
    );
  return redirect(`${codingBase(c.id)}/codebook/${r.created[0]}?done=edit`);
}

export default function Candidates() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  return (
    <StaffPage
      title={["Candidate themes", d.question.title]}
      nav={d}
      errors={a?.errors ?? []}
      back={{ to: codingBase(d.consultation.id), label: "Back to coding" }}
    >
      <span className="govuk-caption-l">{d.consultation.title}</span>
      <h1 className="govuk-heading-l">Candidate themes: {d.question.title}</h1>
      <CodingNav consultationId={d.consultation.id} questionId={d.question.id} />
      <p className="govuk-body">
        Groups of similar answers among the {formatCount(d.uncoded)} not yet coded, found on this computer (k-means clustering). They are only candidates: read
        the examples before making one a code.
      </p>
      {d.themes.length ? (
        d.themes.map((t, i) => (
          <section key={i} className="govuk-!-margin-bottom-8" aria-labelledby={`candidate-${i}`}>
            <h2 className="govuk-heading-m" id={`candidate-${i}`}>
              {t.terms.slice(0, 3).join(", ")} ({formatCount(t.size)} answers)
            </h2>
            <p className="govuk-body-s">Most telling words: {t.terms.join(", ")}.</p>
            <ul className="govuk-list govuk-list--bullet">
              {t.examples.map((e) => (
                <li key={e.responseId} className="app-free-text">
                  {e.text}
                </li>
              ))}
            </ul>
            <Form method="post">
              <Csrf token={d.csrf} />
              <input type="hidden" name="index" value={i} />
              {t.examples.map((e) => (
                <input key={e.responseId} type="hidden" name="example" value={e.responseId} />
              ))}
              <div className="govuk-form-group">
                <label className="govuk-label" htmlFor={`name-${i}`}>
                  Name for the new code
                </label>
                <input
                  className="govuk-input govuk-!-width-two-thirds"
                  id={`name-${i}`}
                  name="name"
                  type="text"
                  defaultValue={t.terms.slice(0, 2).join(" and ")}
                />
              </div>
              <Select id={`parentId-${i}`} name="parentId" label="Where it goes" options={[{ value: "", label: "At the top level" }, ...d.groups]} />
              <button type="submit" className="govuk-button govuk-button--secondary">
                Make this a code<span className="govuk-visually-hidden">: {t.terms.slice(0, 3).join(", ")}</span>
              </button>
            </Form>
          </section>
        ))
      ) : (
        <p className="govuk-body">There are not enough uncoded answers to group.</p>
      )}
    </StaffPage>
  );
}
