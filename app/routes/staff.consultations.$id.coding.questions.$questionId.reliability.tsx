import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { inOrder } from "~/coding/codebook";
import { CodingNav, codingBase, ReliabilityTag, Scroll } from "~/coding/coding-ui";
import { codingQuestionPage } from "~/coding/context.server";
import { reliabilityStatus, type ReliabilityStatus } from "~/coding/reliability";
import { numeric, Table, type TableCell } from "~/ui/table";
import { formatCount, formatPercent } from "~/results/statistics";
import { StaffPage } from "~/ui/staff-page";
import { db } from "~/server/db.server";
import { codingProgress } from "~/models/coding.server";
import { disagreements, latestModelRun, reliabilityFor } from "~/models/coding-analysis.server";

/**
 * Reliability: per code, Krippendorff's alpha and Cohen's kappa between the first and the blind
 * coding of the double-coded sample; the classifier's agreement with the analysts (F1 with a
 * bootstrap interval); and the disagreements a third analyst can settle.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await codingQuestionPage(request, params);
  const { c, question } = ctx;
  const codes = inOrder(ctx.codebook.codes);
  const [rel, progress, run, open] = await Promise.all([
    reliabilityFor(db(), { consultationId: c.id, questionId: question.id, codes }),
    codingProgress(db(), { consultationId: c.id, questionId: question.id }),
    latestModelRun(db(), { consultationId: c.id, questionId: question.id }),
    disagreements(db(), { consultationId: c.id, questionId: question.id }),
  ]);
  const f1 = new Map((run?.byCode ?? []).map((x) => [x.codeId, x]));
  const threshold = ctx.settings.alphaThreshold;
  return json({
    ...ctx.nav,
    consultation: { id: c.id, title: c.title },
    question,
    threshold,
    units: rel.units,
    progress,
    rows: codes
      .filter((code) => code.status === "active" || (rel.byCode.find((r) => r.codeId === code.id)?.present ?? 0) > 0)
      .map((code) => {
        const r = rel.byCode.find((x) => x.codeId === code.id)!;
        return {
          id: code.id,
          label: code.name,
          level: code.parentId ? 1 : 0,
          ...r,
          status: reliabilityStatus(r, threshold),
          f1: f1.get(code.id) ?? null,
        };
      }),
    // Where the question asks for a view, the stance is double-coded too: one more row.
    stance: ctx.settings.stanceQuestionIds.includes(question.id) ? { ...rel.stance, status: reliabilityStatus(rel.stance, threshold) } : null,
    model: run ? { trainedAt: run.trainedAt, examples: run.examples, overall: run.overall } : null,
    disagreements: open.map((o) => ({
      responseId: o.responseId,
      onlyFirst: o.onlyFirst.length,
      onlySecond: o.onlySecond.length,
      mine: o.coders.includes(ctx.staffer.id),
    })),
  });
}

const two = (x: number | null) => (x === null ? "–" : x.toFixed(2));

/** Used, agreement, alpha, kappa and status: for a code, or for the stance (present where both recorded one). */
function agreementCells(r: { present: number; units: number; agreements: number; alpha: number | null; kappa: number | null; status: ReliabilityStatus }): TableCell[] {
  return [
    numeric(formatCount(r.present)),
    numeric(r.units ? formatPercent((r.agreements / r.units) * 100) : "–"),
    numeric(two(r.alpha)),
    numeric(two(r.kappa)),
    {
      content: (
        <>
          <ReliabilityTag status={r.status} />
          {r.status.kind === "untested" ? <span className="govuk-body-s"> ({r.status.reason})</span> : null}
        </>
      ),
    },
  ];
}

export default function Reliability() {
  const d = useLoaderData<typeof loader>();
  const base = codingBase(d.consultation.id, d.question.id);
  const pct = (n: number) => (d.progress.answered ? formatPercent((n / d.progress.answered) * 100) : "–");
  return (
    <StaffPage title={["Reliability", d.question.title]} nav={d} back={{ to: codingBase(d.consultation.id), label: "Back to coding" }}>
      <span className="govuk-caption-l">{d.consultation.title}</span>
      <h1 className="govuk-heading-l">Reliability: {d.question.title}</h1>
      <CodingNav consultationId={d.consultation.id} questionId={d.question.id} />
      <p className="govuk-body" id="reliability-summary">
        {formatCount(d.units)} answers have been coded by two analysts independently ({pct(d.progress.doubleCoded)} of {formatCount(d.progress.answered)}{" "}
        answers); {pct(d.progress.coded)} of answers are coded. Codes with Krippendorff&apos;s alpha below {d.threshold} are provisional: say so wherever their
        figures are used.
      </p>
      <Scroll label="Agreement per code">
        <Table
          id="reliability-table"
          caption="Agreement per code, present or absent on each double-coded answer"
          captionSize="s"
          firstCellIsHeader
          head={["Code", numeric("Used"), numeric("Agree"), numeric("Alpha"), numeric("Kappa"), "Status", "Suggestions F1 (95% interval)"]}
          rows={[
            ...d.rows.map((r) => ({
              key: r.id,
              className: r.level ? "app-theme-child" : undefined,
              cells: [
                { content: r.label, className: "app-theme-name" },
                ...agreementCells(r),
                r.f1 && r.f1.f1 !== null ? `${two(r.f1.f1)} (${two(r.f1.low)} to ${two(r.f1.high)})${r.f1.approximate ? ", approximate" : ""}` : "–",
              ],
            })),
            ...(d.stance ? [{ key: "stance", className: "app-stance-row", cells: [{ content: "Stance (support, oppose, mixed, unclear)", className: "app-theme-name" }, ...agreementCells(d.stance), "–"] }] : []),
          ]}
        />
      </Scroll>
      <p className="govuk-body-s">
        Alpha: Krippendorff (2011), nominal, 1 is perfect agreement and 0 is no better than chance. Kappa: Cohen (1960). F1: how well the suggestions matched
        the analysts on answers they were not learned from (5-fold cross-validation), with a bootstrap interval; it measures the suggestions, never the figures,
        which count only what analysts applied.
      </p>
      {d.model ? (
        <p className="govuk-body" id="model-agreement">
          Suggestions overall: F1 {two(d.model.overall.f1)} ({two(d.model.overall.low)} to {two(d.model.overall.high)}) over{" "}
          {formatCount(d.model.overall.answers)} coded answers.
        </p>
      ) : null}
      <h2 className="govuk-heading-m">Disagreements to settle</h2>
      {d.disagreements.length ? (
        <>
          <p className="govuk-body">
            A third analyst, who coded neither version, decides what the answer&apos;s coding should be. The two original codings still count for reliability.
          </p>
          <ul className="govuk-list" id="disagreements">
            {d.disagreements.map((x, i) => (
              <li key={x.responseId}>
                {x.mine ? (
                  <span>
                    Answer {i + 1}: you coded it, so another analyst settles it ({x.onlyFirst + x.onlySecond} codes differ)
                  </span>
                ) : (
                  <Link className="govuk-link" to={`${base}/settle?r=${encodeURIComponent(x.responseId)}`}>
                    Settle answer {i + 1} ({x.onlyFirst + x.onlySecond} codes differ)
                  </Link>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="govuk-body">None: every double-coded answer agrees or has been settled.</p>
      )}
    </StaffPage>
  );
}
