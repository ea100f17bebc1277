import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PageTitle } from "~/ui/page-title";
import { QuestionPageForm } from "~/responding/question-page";
import { answerToFormValues, formValuesFrom, type FormValues } from "~/responding/form-values";
import { validatePage, type FieldError } from "~/responding/validation";
import { nextStep, previousPageId, sectionProgress } from "~/responding/journey";
import { visibleQuestions } from "~/responding/routing";
import { db } from "~/server/db.server";
import { saveDraftAnswers } from "~/models/draft.server";
import { postcodeLookup, requireConsultation, requireDraft, requireOpen } from "~/responding/respond.server";

async function loadPage(request: Request, slug?: string, pageId?: string) {
  const consultation = await requireConsultation(slug);
  requireOpen(consultation);
  const draft = await requireDraft(request, consultation);
  const page = consultation.definition.pages.find((p) => p.id === pageId);
  if (!page) throw json("If you typed the web address, check it is correct.", { status: 404 });
  // A page that the resident's answers route around is not theirs to see.
  if (visibleQuestions(page, draft.answers).length === 0) {
    throw redirect(`/consultations/${consultation.slug}/check`);
  }
  return { consultation, draft, page, changing: new URL(request.url).searchParams.get("change") === "1" };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation: c, draft, page, changing } = await loadPage(request, params.slug, params.pageId);
  const questions = visibleQuestions(page, draft.answers);
  const values: FormValues = {};
  for (const q of questions) Object.assign(values, answerToFormValues(q, draft.answers[q.id]));
  const previous = previousPageId(c.definition, draft.answers, page.id);
  return json({
    consultation: { slug: c.slug, title: c.title },
    page: { id: page.id, title: page.title, intro: page.intro },
    questions,
    values,
    progress: sectionProgress(c.definition, draft.answers, page.id),
    backTo: changing ? `/consultations/${c.slug}/check` : previous ? `/consultations/${c.slug}/questions/${previous}` : `/consultations/${c.slug}`,
    changing,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { consultation: c, draft, page, changing } = await loadPage(request, params.slug, params.pageId);
  const values = formValuesFrom(await request.formData());
  const context = await postcodeLookup(page.questions);
  const result = validatePage(c.definition, page, values, draft.answers, context);
  if (result.errors.length) {
    return json({ errors: result.errors, values }, { status: 400 });
  }
  await saveDraftAnswers(db(), { id: draft.id, answers: result.answers });
  const step = nextStep(c.definition, result.answers, page.id, changing);
  return redirect(step.kind === "check" ? `/consultations/${c.slug}/check` : `/consultations/${c.slug}/questions/${step.pageId}${changing ? "?change=1" : ""}`);
}

export default function QuestionPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: FieldError[] = actionData?.errors ?? [];
  return (
    <div className="govuk-grid-row">
      <PageTitle parts={[data.page.title, data.consultation.title]} error={errors.length > 0} />
      <div className="govuk-grid-column-two-thirds">
        <QuestionPageForm data={data} errors={errors} values={actionData?.values ?? data.values} documentNavigation />
      </div>
    </div>
  );
}
