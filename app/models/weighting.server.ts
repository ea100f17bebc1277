import type { Kysely } from "kysely";
import { stringify } from "csv-stringify/sync";
import type { Database } from "../../db/schema";
import { storedOrder } from "../../db/connection";
import { allQuestions, findQuestion, type ConsultationDefinition } from "~/definition/definition";
import { CHANNEL_TARGET_ID, type SubgroupFilter } from "~/evidence/evidence";
import { countColumns, countColumnsByGroup, countColumnsWeighted, groupsOf, maskOf, proportionOf, type ColumnStore, type WeightedCountRow } from "~/results/column-store";
import { weightedProportion, type WeightedFigure } from "~/weighting/weighted";
import { prepareWeighting, rakeMargins, variableLabel, weightingColumns, type Cell, type WeightVariable } from "~/weighting/margins";
import { rake, summariseWeights } from "~/weighting/rake";
import type { WeightingChoice } from "~/weighting/weighting-query";
import type { WeightingReport } from "~/weighting/report";
import { whoResponded, type WhoResponded } from "~/weighting/who-responded";
import type { DisplayQuestion } from "~/results/display";
import { BOM } from "~/exports/responses-stream.server";
import { keptFor } from "./answer-counts.server";
import { columnsFor } from "./column-store.server";
import { currentPopulation, type Population } from "./population.server";

/**
 * Weighting and "who responded" for a consultation, from its column store and the population
 * figures in use. Raking runs over the cells of the weighting variables (a few hundred at most),
 * so weighting a million respondents costs one pass to find each one's cell.
 */

/** Each respondent's cell of the chosen variables, and the cells with their answers. */
function cellsOf(store: ColumnStore, columns: { variable: WeightVariable; questionId: string; itemId: string }[]): { cells: Cell[]; cellOf: Uint32Array } {
  const codes = columns.map((c) => {
    const column = store.column(c.questionId, c.itemId);
    return column && column.kind === "one" ? { codes: column.codes, options: column.options } : { codes: new Uint16Array(store.n), options: [] as string[] };
  });
  const cellOf = new Uint32Array(store.n);
  // Each respondent's combination of codes as one number; looked up in an array when there are
  // few combinations (always, for the variables there are), in a Map otherwise.
  const radix = codes.reduce((r, c) => r * (c.options.length + 1), 1);
  const dense = radix <= 1 << 20 ? new Int32Array(radix).fill(-1) : null;
  const index = new Map<number, number>();
  const cells: Cell[] = [];
  for (let i = 0; i < store.n; i++) {
    let key = 0;
    for (let j = 0; j < codes.length; j++) key = key * (codes[j].options.length + 1) + codes[j].codes[i];
    let cell = dense ? dense[key] : (index.get(key) ?? -1);
    if (cell < 0) {
      cell = cells.length;
      if (dense) dense[key] = cell;
      else index.set(key, cell);
      const values: Cell["values"] = {};
      columns.forEach((col, j) => {
        const code = codes[j].codes[i];
        if (code) values[col.variable] = codes[j].options[code - 1];
      });
      cells.push({ values, n: 0 });
    }
    cells[cell].n++;
    cellOf[i] = cell;
  }
  return { cells, cellOf };
}

function computeWeights(store: ColumnStore, definition: ConsultationDefinition, population: Population, choice: WeightingChoice): { report: WeightingReport; weights: Float64Array | null } {
  const where = weightingColumns(definition);
  const asked = choice.variables.filter((v) => where[v]);
  const notAsked = choice.variables.filter((v) => !where[v]).map((v) => ({ variable: v, label: variableLabel(v), reason: v === "authority" ? "this consultation asks for no postcode" : "this consultation does not ask it" }));
  const columns = asked.map((v) => ({ variable: v, ...where[v]! }));
  const { cells, cellOf } = cellsOf(store, columns);
  const prepared = prepareWeighting(population.figures, cells, asked);
  const margins = rakeMargins(prepared.margins, cells);
  const result = margins.length ? rake(cells.map((c) => c.n), margins, { cap: choice.cap, tolerance: choice.tolerance, maxIterations: choice.maxIterations }) : null;
  const report: WeightingReport = {
    choice,
    populationVersion: population.version?.version ?? null,
    applied: result !== null,
    margins: prepared.margins.map((m) => ({ name: m.name, categories: m.categories.map(({ label, population: p, respondents }) => ({ label, population: p, respondents })), sources: m.sources })),
    notes: prepared.notes,
    unusable: [...notAsked, ...prepared.unusable.map((u) => ({ ...u, label: variableLabel(u.variable) }))],
    converged: result?.converged ?? false,
    iterations: result?.iterations ?? 0,
    largestMarginError: (result?.largestMarginError ?? 0) * 100,
    capped: result?.capped ?? 0,
    summary: summariseWeights(cells.map((c) => c.n), result ? result.weights : cells.map(() => 1)),
  };
  if (!result) return { report, weights: null };
  const weights = new Float64Array(store.n);
  for (let i = 0; i < store.n; i++) weights[i] = result.weights[cellOf[i]];
  return { report, weights };
}

/**
 * The store and the population figures, read together once per call: the weights and every
 * figure weighted by them are then worked out without waiting (weightsIn, keptFor), so the store
 * cannot grow in between and the weights are always those of exactly its responses.
 */
async function weightingInputs(db: Kysely<Database>, consultationId: string) {
  const [population, store] = await Promise.all([currentPopulation(db), columnsFor(db, consultationId)]);
  return { population, store };
}

function weightsIn(db: Kysely<Database>, consultationId: string, store: ColumnStore, population: Population, definition: ConsultationDefinition, choice: WeightingChoice) {
  const key = { weights: choice, population: population.version?.id ?? null, definition: definition.pages.map((p) => p.questions.map((q) => q.id)) };
  return { key, ...keptFor(db, consultationId, store, key, (s) => computeWeights(s, definition, population, choice)) };
}

/** Weighted sums of every question (of the subgroup), and the weighting's report. */
export async function weightedCounts(
  db: Kysely<Database>,
  { consultationId, definition, choice, filter }: { consultationId: string; definition: ConsultationDefinition; choice: WeightingChoice; filter: SubgroupFilter | null },
): Promise<{ report: WeightingReport; rows: WeightedCountRow[] | null }> {
  const { population, store } = await weightingInputs(db, consultationId);
  const { key, report, weights } = weightsIn(db, consultationId, store, population, definition, choice);
  if (!weights) return { report, rows: null };
  const rows = keptFor(db, consultationId, store, { weighted: key, filter }, (s) => countColumnsWeighted(s, weights, filter ? maskOf(s, filter, CHANNEL_TARGET_ID) : null));
  return { report, rows };
}

/**
 * Weighted figures for evidence statements of one consultation, by statement id: each the share
 * of the statement's base (its subgroup, if any) giving the counted answers, under the weights,
 * with its own effective n (weighted.ts). A statement on written answers (coded themes) has
 * none: codes are not in the column store. Suppression stays with the unweighted figure.
 */
export async function weightedStatementFigures(
  db: Kysely<Database>,
  {
    consultationId,
    definition,
    choice,
    statements,
  }: { consultationId: string; definition: ConsultationDefinition; choice: WeightingChoice; statements: { id: string; question: { id: string; itemId: string }; optionIds: string[]; filter: SubgroupFilter | null }[] },
): Promise<Record<string, WeightedFigure>> {
  const { population, store } = await weightingInputs(db, consultationId);
  const { weights } = weightsIn(db, consultationId, store, population, definition, choice);
  if (!weights) return {};
  const out: Record<string, WeightedFigure> = {};
  for (const s of statements) {
    const type = findQuestion(definition, s.question.id)?.type;
    if (!type || type === "free_text") continue;
    const { part, weightedBase } = proportionOf(
      store,
      { questionId: s.question.id, itemId: s.question.itemId, optionIds: s.optionIds, baseOnQuestion: type === "ranking" },
      s.filter ? maskOf(store, s.filter, CHANNEL_TARGET_ID) : null,
      weights,
    );
    out[s.id] = weightedProportion(part, weightedBase);
  }
  return out;
}

/** Respondents against the population (of the subgroup), as an audience with this threshold may see it. */
export async function whoRespondedFor(
  db: Kysely<Database>,
  {
    consultationId,
    definition,
    filter,
    threshold,
    shown = null,
  }: { consultationId: string; definition: ConsultationDefinition; filter: SubgroupFilter | null; threshold: number | null; shown?: DisplayQuestion[] | Promise<DisplayQuestion[] | null> | null },
): Promise<WhoResponded & { populationVersion: number | null }> {
  const [{ population, store }, shownTables] = await Promise.all([weightingInputs(db, consultationId), shown]);
  const questions = allQuestions(definition).filter((q) => q.type === "postcode" || q.type === "about_you");
  const postcode = questions.find((q) => q.type === "postcode");
  const ids = questions.map((q) => q.id);
  const counted = keptFor(db, consultationId, store, { whoResponded: ids, filter }, (store) => {
    const mask = filter ? maskOf(store, filter, CHANNEL_TARGET_ID) : null;
    let respondents = store.n;
    if (mask) {
      respondents = 0;
      for (let i = 0; i < store.n; i++) respondents += mask[i];
    }
    return {
      respondents,
      counts: countColumns(store, mask, ids),
      byAuthority: postcode ? countColumnsByGroup(store, groupsOf(store, { questionId: postcode.id, itemId: "" }, CHANNEL_TARGET_ID), mask, ids) : [],
    };
  });
  return { ...whoResponded({ definition, figures: population.figures, threshold, shown: shownTables, ...counted }), populationVersion: population.version?.version ?? null };
}

/**
 * The weights file: one line per counted response, its id and weight, to join to the responses
 * export. Streamed in batches by the order responses were stored.
 */
export async function weightsCsv(
  db: Kysely<Database>,
  { consultationId, definition, choice }: { consultationId: string; definition: ConsultationDefinition; choice: WeightingChoice },
): Promise<ReadableStream<Uint8Array> | null> {
  const { population, store } = await weightingInputs(db, consultationId);
  const { weights } = weightsIn(db, consultationId, store, population, definition, choice);
  if (!weights) return null;
  // Responses by stored order, to find each one's weight.
  const order = Array.from({ length: store.n }, (_, i) => i).sort((a, b) => store.seqs[a] - store.seqs[b]);
  const sortedSeqs = Float64Array.from(order, (i) => store.seqs[i]);
  const position = (seq: number) => {
    let lo = 0;
    let hi = sortedSeqs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (sortedSeqs[mid] === seq) return order[mid];
      if (sortedSeqs[mid] < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  const seq = storedOrder(db, "r");
  const encoder = new TextEncoder();
  let after = -Infinity;
  let header = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!header) {
        header = true;
        // The byte order mark every CSV we offer starts with, so Excel reads it as UTF-8.
        controller.enqueue(encoder.encode(BOM + stringify([["response_id", "weight"]])));
        return;
      }
      let q = db.selectFrom("responses as r").select(["r.id", seq.as("seq")]).where("r.consultation_id", "=", consultationId).where("r.status", "=", "counted").orderBy(seq).limit(2_000);
      if (after > -Infinity) q = q.where(seq, ">", after);
      const batch = await q.execute();
      if (!batch.length) return controller.close();
      after = Number(batch[batch.length - 1].seq);
      const rows = batch.flatMap((r) => {
        const i = position(Number(r.seq));
        // A response stored after the store was read has no weight yet: it is left out.
        return i < 0 ? [] : [[r.id, weights[i].toFixed(6)]];
      });
      controller.enqueue(encoder.encode(stringify(rows)));
    },
  });
}
