import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { hasRole } from "~/auth/roles";
import { codingBase, Scroll } from "~/coding/coding-ui";
import { codingContext, freeTextQuestions } from "~/coding/context.server";
import { formatCount, formatPercent } from "~/results/statistics";
import { numeric, Table } from "~/ui/table";
import { TextInput } from "~/ui/fields";
import { Csrf, StaffPage, SuccessBanner } from "~/ui/staff-page";
import { db } from "~/server/db.server";
import { requireStaffAction } from "~/auth/staff-auth.server";
import { codingProgress, saveCodingSettings } from "~/models/coding.server";

/**
 * Coding overview: each free-text question with how far coding has got, the codebook, and the
 * consultation's coding settings (editors: they decide what may be published).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await codingContext(request, params, "analyst");
  const c = ctx.consultation;
  const questions = freeTextQuestions(c.currentVersion?.definition);
  const progress = await Promise.all(questions.map((q) => codingProgress(db(), { consultationId: c.id, questionId: q.id })));
  return json({
    ...ctx.nav,
    consultation: { id: c.id, title: c.title },
    codebook: ctx.codebook
      ? { name: ctx.codebook.name, version: ctx.codebook.version, codes: ctx.codebook.codes.filter((x) => x.status === "active").length }
      : null,
    questions: questions.map((q, i) => ({ ...q, ...progress[i] })),
    settings: ctx.settings,
    done: new URL(request.url).searchParams.get("done") === "settings",
  });
}

const percentField = (what: string, min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: `Enter ${what} as a number` })
    .min(min, `${what[0].toUpperCase()}${what.slice(1)} must be ${min} or more`)
    .max(max, `${what[0].toUpperCase()}${what.slice(1)} must be ${max} or less`);

const SettingsSchema = z.object({
  noPublicQuotes: z.preprocess((v) => v === "yes", z.boolean()),
  alphaThreshold: percentField("the reliability threshold", 0, 1),
  samplePercent: percentField("the sample percentage", 1, 100),
  sampleMinimum: z.coerce
    .number({ invalid_type_error: "Enter the smallest sample as a whole number" })
    .int("Enter the smallest sample as a whole number")
    .min(1, "The smallest sample must be 1 or more")
    .max(10_000, "The smallest sample must be 10,000 or less"),
  stanceQuestionIds: z.array(z.string()),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, form } = await requireStaffAction(request, "editor");
  const ctx = await codingContext(request, params, "editor");
  const c = ctx.consultation;
  const known = new Set(freeTextQuestions(c.currentVersion?.definition).map((q) => q.id));
  const parsed = SettingsSchema.safeParse({
    noPublicQuotes: form.get("noPublicQuotes"),
    alphaThreshold: form.get("alphaThreshold"),
    samplePercent: form.get("samplePercent"),
    sampleMinimum: form.get("sampleMinimum"),
    stanceQuestionIds: form
      .getAll("stanceQuestionIds")
      .map(String)
      .filter((id) => known.has(id)),
  });
  if (!parsed.success) return json({ errors: parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message })) }, { status: 400 });
  const s = parsed.data;
  await saveCodingSettings(db(), {
    consultationId: c.id,
    settings: {
      noPublicQuotes: s.noPublicQuotes,
      alphaThreshold: s.alphaThreshold,
      sampleFraction: s.samplePercent / 100,
      sampleMinimum: s.sampleMinimum,
      stanceQuestionIds: s.stanceQuestionIds,
    },
    staff: { id: session.staff.id, email: session.staff.email },
  });
  return redirect(`${codingBase(c.id)}?done=settings`);
}

export default function CodingOverview() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const errors = a?.errors ?? [];
  const err = (f: string) => a?.errors.find((e) => e.field === f)?.message;
  const base = codingBase(d.consultation.id);
  const pct = (n: number, of: number) => (of ? formatPercent((n / of) * 100) : "–");
  return (
    <StaffPage
      title={["Coding written answers", d.consultation.title]}
      nav={d}
      errors={errors}
      back={{ to: `/staff/consultations/${d.consultation.id}`, label: "Back to the consultation" }}
    >
      <SuccessBanner message={d.done ? "The coding settings have been saved." : null} />
      <span className="govuk-caption-l">{d.consultation.title}</span>
      <h1 className="govuk-heading-l">Coding written answers</h1>
      <p className="govuk-body">
        Code what residents wrote with a shared codebook, check the coding with a blind second coder, and report themes as figures with their bases. Suggestions
        are learned on this computer from your own coding; no text leaves it. The staff guide to coding is docs/free-text-coding.md.
      </p>
      <h2 className="govuk-heading-m">Codebook</h2>
      {d.codebook ? (
        <p className="govuk-body">
          {d.codebook.name}: {formatCount(d.codebook.codes)} active codes, version {d.codebook.version}.{" "}
          <Link className="govuk-link" to={`${base}/codebook`}>
            View and change the codebook
          </Link>
        </p>
      ) : (
        <p className="govuk-body">
          There is no codebook yet.{" "}
          <Link className="govuk-link" to={`${base}/codebook`}>
            Start the codebook
          </Link>
        </p>
      )}
      <h2 className="govuk-heading-m">Questions with written answers</h2>
      {d.questions.length ? (
        <Scroll label="How far coding has got">
          <Table
            id="coding-questions"
            caption="How far coding has got on each question"
            captionClassName="govuk-visually-hidden"
            firstCellIsHeader
            head={["Question", numeric("Answers"), numeric("Coded"), numeric("Double-coded")]}
            rows={d.questions.map((q) => ({
              key: q.id,
              cells: [
                {
                  content: (
                    <>
                      {d.codebook ? (
                        <Link className="govuk-link" to={`${base}/questions/${q.id}`}>
                          {q.title}
                        </Link>
                      ) : (
                        q.title
                      )}
                      {d.codebook ? (
                        <span className="govuk-body-s app-coding-links">
                          {" "}
                          <Link className="govuk-link" to={`${base}/questions/${q.id}/themes`}>
                            themes<span className="govuk-visually-hidden"> for {q.title}</span>
                          </Link>
                          ,{" "}
                          <Link className="govuk-link" to={`${base}/questions/${q.id}/reliability`}>
                            reliability<span className="govuk-visually-hidden"> for {q.title}</span>
                          </Link>
                        </span>
                      ) : null}
                    </>
                  ),
                },
                numeric(formatCount(q.answered)),
                numeric(pct(q.coded, q.answered)),
                numeric(pct(q.doubleCoded, q.answered)),
              ],
            }))}
          />
        </Scroll>
      ) : (
        <p className="govuk-body">This consultation has no published free-text questions.</p>
      )}

      <h2 className="govuk-heading-m">Settings</h2>
      {hasRole(d.staff.role, "editor") ? (
        <Form method="post" id="coding-settings">
          <Csrf token={d.csrf} />
          <div className="govuk-form-group">
            <div className="govuk-checkboxes">
              <div className="govuk-checkboxes__item">
                <input
                  className="govuk-checkboxes__input"
                  id="noPublicQuotes"
                  name="noPublicQuotes"
                  type="checkbox"
                  value="yes"
                  defaultChecked={d.settings.noPublicQuotes}
                  aria-describedby="noPublicQuotes-hint"
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor="noPublicQuotes">
                  No public quotes from this consultation
                </label>
                <div id="noPublicQuotes-hint" className="govuk-hint govuk-checkboxes__hint">
                  For consultations where any quote could put someone at risk, such as a survey on violence against women and girls. Figures are still
                  published.
                </div>
              </div>
            </div>
          </div>
          <TextInput
            id="alphaThreshold"
            name="alphaThreshold"
            label="Reliability threshold (Krippendorff's alpha)"
            hint="Codes below it are labelled provisional. 0.667 is the usual lowest level for tentative conclusions; 0.8 for firm ones."
            value={String(d.settings.alphaThreshold)}
            error={err("alphaThreshold")}
            width={4}
            inputMode="decimal"
          />
          <TextInput
            id="samplePercent"
            name="samplePercent"
            label="Double-coding sample, % of answers"
            value={String(Math.round(d.settings.sampleFraction * 100))}
            error={err("samplePercent")}
            width={3}
            inputMode="numeric"
            suffix="%"
          />
          <TextInput
            id="sampleMinimum"
            name="sampleMinimum"
            label="Smallest sample (answers)"
            value={String(d.settings.sampleMinimum)}
            error={err("sampleMinimum")}
            width={4}
            inputMode="numeric"
          />
          {d.questions.length ? (
            <div className="govuk-form-group">
              <fieldset className="govuk-fieldset">
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Questions that ask for a view (record a stance)</legend>
                <div className="govuk-checkboxes govuk-checkboxes--small">
                  {d.questions.map((q, i) => (
                    <div className="govuk-checkboxes__item" key={q.id}>
                      <input
                        className="govuk-checkboxes__input"
                        id={i === 0 ? "stanceQuestionIds" : `stanceQuestionIds-${i + 1}`}
                        name="stanceQuestionIds"
                        type="checkbox"
                        value={q.id}
                        defaultChecked={d.settings.stanceQuestionIds.includes(q.id)}
                      />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor={i === 0 ? "stanceQuestionIds" : `stanceQuestionIds-${i + 1}`}>
                        {q.title}
                      </label>
                    </div>
                  ))}
                </div>
              </fieldset>
            </div>
          ) : null}
          <button type="submit" className="govuk-button govuk-button--secondary">
            Save settings
          </button>
        </Form>
      ) : (
        <ul className="govuk-list govuk-list--bullet" id="coding-settings">
          <li>{d.settings.noPublicQuotes ? "No public quotes from this consultation." : "Quotes can be published once another analyst approves them."}</li>
          <li>Codes with reliability below α = {d.settings.alphaThreshold} are provisional.</li>
          <li>
            Double-coding sample: {Math.round(d.settings.sampleFraction * 100)}% of answers, at least {d.settings.sampleMinimum}. An editor can change these.
          </li>
        </ul>
      )}
    </StaffPage>
  );
}
