import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { aggregate, type QuestionResult } from "~/results/aggregate";
import type { ConsultationDefinition } from "~/definition/definition";
import { protect, type Decision, type DisclosureModel } from "~/results/disclosure";
import type { Disclosure } from "~/results/display";
import { groupPrefix, publicationModel, type GroupsInput, type StatementInput } from "~/results/publication";
import { breakdownColumns } from "~/results/query";
import type { BreakdownColumn } from "~/results/breakdown";
import type { ResponseTotals } from "~/results/totals";
import type { EvidenceStatement, SubgroupFilter } from "~/evidence/evidence";
import { loadSolver } from "~/server/solver.server";
import { breakdownRows, groupChannelTotals, readCounts, responseTotals } from "./answer-counts.server";
import type { GroupedCountRow } from "~/results/column-store";
import { listStatements } from "./evidence.server";

/**
 * A consultation's published figures and the one disclosure decision every public output reads
 * (app/results/publication.ts, disclosure.ts): the results page and its data, the "as published"
 * downloads, the Panel pack, the evidence page and API, the charts. Decisions are kept per
 * process under a hash of their model (the counts, the evidence statements and the threshold),
 * so a new response or a new indicator is decided afresh, and the same figures are never
 * decided twice. A decision whose audit fails is never released.
 */

export class DisclosureAuditFailed extends Error {}

const KEPT = 64;
const kept = new Map<string, Promise<Decision>>();

function decide(model: DisclosureModel, threshold: number, start: string[] = []): Promise<Decision> {
  const key = createHash("sha256").update(JSON.stringify([threshold, start, model])).digest("hex");
  const hit = kept.get(key);
  if (hit) {
    kept.delete(key);
    kept.set(key, hit);
    return hit;
  }
  const decision = loadSolver().then((highs) => {
    const d = protect(highs, model, threshold, { start });
    if (!d.audit.passed) {
      throw new DisclosureAuditFailed(`The disclosure audit failed, so these figures are not released: ${d.audit.failing.map((f) => `${f.name} (${f.range.low}..${f.range.high})`).join(", ")}`);
    }
    return d;
  });
  kept.set(key, decision);
  if (kept.size > KEPT) kept.delete(kept.keys().next().value!);
  decision.catch(() => kept.get(key) === decision && kept.delete(key));
  return decision;
}

export interface Publication {
  results: QuestionResult[];
  totals: ResponseTotals;
  /** Every evidence statement of the consultation, with its figure as counted. */
  statements: EvidenceStatement[];
  model: DisclosureModel;
  decision: Decision;
}

export function statementInput(s: EvidenceStatement): StatementInput {
  return { id: s.id, questionId: s.question.id, itemId: s.question.itemId, optionIds: s.optionIds, filter: s.filter, count: s.figure.count, base: s.figure.base };
}

/** The whole consultation's published tables, totals and statements, decided together. */
export async function publicationOf(
  db: Kysely<Database>,
  { consultationId, definition, threshold }: { consultationId: string; definition: ConsultationDefinition; threshold: number },
): Promise<Publication> {
  const [counts, totals, statements] = await Promise.all([readCounts(db, { consultationId }), responseTotals(db, { consultationId }), listStatements(db, { consultationId })]);
  const results = aggregate(definition, counts);
  const model = publicationModel({ definition, results, totals, statements: statements.map(statementInput) });
  return { results, totals, statements, model, decision: await decide(model, threshold) };
}

export interface Groups {
  columns: BreakdownColumn[];
  groups: { id: string; results: QuestionResult[]; totals: { counted: number; byChannel: Record<string, number> } }[];
  rows: GroupedCountRow[];
  /** The model decided: the whole consultation's figures and the groups'. */
  model: DisclosureModel;
  decision: Decision;
}

/**
 * A breakdown (or the groups a filtered page shows one of), decided in one model with the whole
 * consultation's published figures: those stay as decided (published or withheld), and the
 * groups' figures are withheld until no withheld count, of the groups or of the whole, can be
 * narrowed below the threshold by combining them.
 */
export async function groupsOf(
  db: Kysely<Database>,
  publication: Publication,
  { consultationId, definition, threshold, by, within }: { consultationId: string; definition: ConsultationDefinition; threshold: number; by: { questionId: string; itemId: string }; within: SubgroupFilter | null },
): Promise<Groups> {
  const columns = breakdownColumns(definition, by);
  const [rows, channelRows] = await Promise.all([breakdownRows(db, { consultationId, by, filter: within }), groupChannelTotals(db, { consultationId, by, filter: within })]);
  const groups = columns.map((c) => {
    const byChannel: Record<string, number> = {};
    for (const r of channelRows) if (r.group === c.id) byChannel[r.channel] = r.n;
    return {
      id: c.id,
      results: aggregate(
        definition,
        rows.filter((r) => r.group === c.id),
      ),
      totals: { counted: Object.values(byChannel).reduce((a, b) => a + b, 0), byChannel },
    };
  });
  const input: GroupsInput = { by, within, groups };
  const model = publicationModel(
    { definition, results: publication.results, totals: publication.totals, statements: publication.statements.map(statementInput) },
    input,
  );
  // The whole consultation's figures stay as its own decision has them.
  for (const f of model.figures) if (!f.id.startsWith("g:") && !f.id.startsWith("b:") && !publication.decision.withheld.has(f.id)) f.fixed = true;
  const start = [...publication.decision.withheld].filter((id) => model.figures.some((f) => f.id === id));
  return { columns, groups, rows, model, decision: await decide(model, threshold, start.sort()) };
}

/** One group's figures as a page about that group shows them: the group's ids, without their prefix. */
export function groupView(decision: Decision, group: string): Disclosure {
  const prefix = groupPrefix(group);
  return { threshold: decision.threshold, withheld: new Set([...decision.withheld].filter((id) => id.startsWith(prefix)).map((id) => id.slice(prefix.length))) };
}
