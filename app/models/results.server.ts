import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { aggregate, type CountRow } from "~/results/aggregate";
import { breakdownTables } from "~/results/breakdown";
import type { ConsultationDefinition } from "~/definition/definition";
import { displayResults } from "~/results/display";
import { breakdownColumns, type ResultsQuery } from "~/results/query";
import { BASE } from "~/responding/answers";
import { CHANNEL_TARGET_ID, type SubgroupFilter } from "~/evidence/evidence";
import { readCounts, RESPONSES_KEY, responseTotals } from "./response.server";

/**
 * Counts for results beyond the maintained totals: a subgroup ("respondents who were victims of
 * crime") and breakdowns (column per group). All counting is GROUP BY in SQL over the answer
 * rows of counted responses; the only thing that reaches JavaScript is one row per
 * (group, question, item, option). Portable Kysely: the same SQL runs on SQLite and PostgreSQL.
 */

/**
 * Subgroup, breakdown and evidence counts take seconds at 100,000 responses, and the public
 * evidence API asks for them on every request. Counted responses are only ever added (retention
 * removes a consultation's rows all at once), so the counted total, maintained in the same
 * transaction as each response, says whether anything these counts read has changed. Results are
 * kept per process under that total, and recomputed once it moves; each instance reads the total
 * from the database first, so none serves figures older than the data it has just seen.
 * Concurrent requests for the same figures share one computation.
 */
const kept = new WeakMap<Kysely<Database>, Map<string, { version: string; value: Promise<unknown> }>>();
const KEPT_PER_DATABASE = 256;

async function countsVersion(db: Kysely<Database>, consultationId: string): Promise<string> {
  const [total, anyResponse] = await Promise.all([
    db
      .selectFrom("answer_counts")
      .select("n")
      .where("consultation_id", "=", consultationId)
      .where("question_id", "=", RESPONSES_KEY)
      .where("item_id", "=", "")
      .where("option_id", "=", BASE)
      .executeTakeFirst(),
    db.selectFrom("responses").select("id").where("consultation_id", "=", consultationId).limit(1).executeTakeFirst(),
  ]);
  return `${Number(total?.n ?? 0)}:${anyResponse ? "rows" : "none"}`;
}

async function keptOrCounted<T>(db: Kysely<Database>, consultationId: string, query: unknown, count: () => Promise<T>): Promise<T> {
  const version = await countsVersion(db, consultationId);
  let cache = kept.get(db);
  if (!cache) kept.set(db, (cache = new Map()));
  const key = `${consultationId} ${JSON.stringify(query)}`;
  const hit = cache.get(key);
  cache.delete(key);
  if (hit && hit.version === version) {
    cache.set(key, hit);
    return hit.value as Promise<T>;
  }
  const entry = { version, value: count() as Promise<unknown> };
  cache.set(key, entry);
  if (cache.size > KEPT_PER_DATABASE) cache.delete(cache.keys().next().value!);
  // A failed count is not kept: the next request tries again.
  entry.value.catch(() => cache.get(key) === entry && cache.delete(key));
  return entry.value as Promise<T>;
}

/** Response ids of respondents who gave one of the answers: read from the covering index on answers. */
function membersOf(db: Kysely<Database>, consultationId: string, target: { questionId: string; itemId: string; optionIds?: string[] }) {
  let q = db
    .selectFrom("answers")
    .select(["response_id", "option_id as grp"])
    .where("consultation_id", "=", consultationId)
    .where("question_id", "=", target.questionId)
    .where("item_id", "=", target.itemId);
  if (target.optionIds) q = q.where("option_id", "in", target.optionIds);
  return q;
}

/**
 * Answer rows ("a") of counted responses ("r"), limited to a subgroup and, for a breakdown,
 * joined to each response's group ("g.grp"). A subgroup or group is a derived table of response
 * ids that the query starts from, so only those respondents' answer rows are visited: the first
 * version, a correlated EXISTS per answer row, took 5 s for 20,000 responses on SQLite.
 */
function countedAnswers(db: Kysely<Database>, consultationId: string, filter: SubgroupFilter | null, by: { questionId: string; itemId: string } | null = null) {
  const members = filter && filter.questionId !== CHANNEL_TARGET_ID ? membersOf(db, consultationId, filter) : null;
  let groups = by && by.questionId !== CHANNEL_TARGET_ID ? membersOf(db, consultationId, by) : null;
  // A subgroup within a breakdown: IN (subquery), which both databases evaluate once as a set.
  if (groups && members) groups = groups.where("response_id", "in", membersOf(db, consultationId, filter!).clearSelect().select("response_id"));
  const start = groups ?? members;
  // CROSS JOIN plus a WHERE: SQLite then keeps the ids as the outer loop (it may not reorder a
  // CROSS JOIN) and finds each one's answer rows by the response_id index; PostgreSQL plans it
  // as an ordinary join.
  const fromStart = (ids: NonNullable<typeof start>) => db.selectFrom(ids.as("g")).crossJoin("answers as a").whereRef("a.response_id", "=", "g.response_id");
  // Without a set of ids to start from, every answer row of the consultation is visited; "g" is
  // then never referred to (no breakdown, or a breakdown by channel).
  // Starting from ids, a's rows are found by response_id alone: the ids already belong to this
  // consultation, and a condition on a.consultation_id would lead SQLite to scan that index
  // for every id instead (quadratic).
  let q = (
    start
      ? fromStart(start)
      : (db.selectFrom("answers as a").where("a.consultation_id", "=", consultationId) as unknown as ReturnType<typeof fromStart>)
  )
    .innerJoin("responses as r", "r.id", "a.response_id")
    .where("r.status", "=", "counted");
  if (filter && filter.questionId === CHANNEL_TARGET_ID) q = q.where("r.channel", "in", filter.optionIds);
  return q;
}

/** Counts in the shape aggregate() takes: the maintained counts, or a subgroup's by GROUP BY. */
export async function countRows(db: Kysely<Database>, { consultationId, filter }: { consultationId: string; filter: SubgroupFilter | null }): Promise<CountRow[]> {
  if (!filter) return readCounts(db, { consultationId });
  return keptOrCounted(db, consultationId, { subgroup: filter }, () => countSubgroup(db, consultationId, filter));
}

async function countSubgroup(db: Kysely<Database>, consultationId: string, filter: SubgroupFilter): Promise<CountRow[]> {
  const counted = () => countedAnswers(db, consultationId, filter);
  const [questionBases, itemBases, options] = await Promise.all([
    counted()
      .select((eb) => ["a.question_id", sql<string>`''`.as("item_id"), sql<string>`${BASE}`.as("option_id"), eb.fn.count<number>("a.response_id").distinct().as("n")])
      .groupBy("a.question_id")
      .execute(),
    counted()
      .where("a.item_id", "<>", "")
      .select((eb) => ["a.question_id", "a.item_id", sql<string>`${BASE}`.as("option_id"), eb.fn.count<number>("a.response_id").distinct().as("n")])
      .groupBy(["a.question_id", "a.item_id"])
      .execute(),
    counted()
      .where("a.option_id", "<>", "")
      .select((eb) => ["a.question_id", "a.item_id", "a.option_id", eb.fn.countAll<number>().as("n")])
      .groupBy(["a.question_id", "a.item_id", "a.option_id"])
      .execute(),
  ]);
  return [...questionBases, ...itemBases, ...options].map((r) => ({ ...r, n: Number(r.n) }));
}

export interface GroupedCountRow extends CountRow {
  group: string;
}

/**
 * Counts per group of a single-choice-like question (or the channel): every question's counts
 * as aggregate() takes them, once per group. Respondents who did not answer the grouping
 * question are in no group.
 */
export async function breakdownRows(
  db: Kysely<Database>,
  { consultationId, by, filter }: { consultationId: string; by: { questionId: string; itemId: string }; filter: SubgroupFilter | null },
): Promise<GroupedCountRow[]> {
  return keptOrCounted(db, consultationId, { breakdown: by, filter }, () => countBreakdown(db, consultationId, by, filter));
}

async function countBreakdown(db: Kysely<Database>, consultationId: string, by: { questionId: string; itemId: string }, filter: SubgroupFilter | null): Promise<GroupedCountRow[]> {
  const grouped = () => {
    const q = countedAnswers(db, consultationId, filter, by);
    return by.questionId === CHANNEL_TARGET_ID ? q.select("r.channel as group") : q.select("g.grp as group");
  };
  const groupColumn = sql.ref<string>(by.questionId === CHANNEL_TARGET_ID ? "r.channel" : "g.grp");
  const [questionBases, itemBases, options] = await Promise.all([
    grouped()
      .select((eb) => ["a.question_id", sql<string>`''`.as("item_id"), sql<string>`${BASE}`.as("option_id"), eb.fn.count<number>("a.response_id").distinct().as("n")])
      .groupBy([groupColumn, "a.question_id"])
      .execute(),
    grouped()
      .where("a.item_id", "<>", "")
      .select((eb) => ["a.question_id", "a.item_id", sql<string>`${BASE}`.as("option_id"), eb.fn.count<number>("a.response_id").distinct().as("n")])
      .groupBy([groupColumn, "a.question_id", "a.item_id"])
      .execute(),
    grouped()
      .where("a.option_id", "<>", "")
      .select((eb) => ["a.question_id", "a.item_id", "a.option_id", eb.fn.countAll<number>().as("n")])
      .groupBy([groupColumn, "a.question_id", "a.item_id", "a.option_id"])
      .execute(),
  ]);
  return [...questionBases, ...itemBases, ...options].map((r) => ({ ...(r as GroupedCountRow), n: Number(r.n) }));
}

/**
 * One proportion for an evidence statement: respondents giving any of the answers that count,
 * out of those who answered (the question, or the item), within the subgroup if there is one.
 * COUNT(DISTINCT …) so a respondent ticking two counted options of a multiple choice counts once.
 */
export async function proportion(
  db: Kysely<Database>,
  {
    consultationId,
    questionId,
    itemId,
    optionIds,
    filter,
    baseOnQuestion = false,
  }: { consultationId: string; questionId: string; itemId: string; optionIds: string[]; filter: SubgroupFilter | null; baseOnQuestion?: boolean },
): Promise<{ count: number; base: number }> {
  const query = { proportion: { questionId, itemId, optionIds, filter, baseOnQuestion } };
  return keptOrCounted(db, consultationId, query, () => countProportion(db, consultationId, { questionId, itemId, optionIds, filter, baseOnQuestion }));
}

async function countProportion(
  db: Kysely<Database>,
  consultationId: string,
  { questionId, itemId, optionIds, filter, baseOnQuestion }: { questionId: string; itemId: string; optionIds: string[]; filter: SubgroupFilter | null; baseOnQuestion: boolean },
): Promise<{ count: number; base: number }> {
  let base = countedAnswers(db, consultationId, filter).where("a.question_id", "=", questionId);
  if (!baseOnQuestion) base = base.where("a.item_id", "=", itemId);
  const [b, c] = await Promise.all([
    base.select((eb) => eb.fn.count<number>("a.response_id").distinct().as("n")).executeTakeFirst(),
    countedAnswers(db, consultationId, filter)
      .where("a.question_id", "=", questionId)
      .where("a.item_id", "=", itemId)
      .where("a.option_id", "in", optionIds.length ? optionIds : ["\u0000"])
      .select((eb) => eb.fn.count<number>("a.response_id").distinct().as("n"))
      .executeTakeFirst(),
  ]);
  return { count: Number(c?.n ?? 0), base: Number(b?.n ?? 0) };
}

/** Written answers to a free-text question, for staff: already redacted at submission; a page at a time. */
export async function listTextAnswers(
  db: Kysely<Database>,
  { consultationId, questionId, page, pageSize = 25 }: { consultationId: string; questionId: string; page: number; pageSize?: number },
): Promise<{ total: number; answers: { text: string; submittedOn: string; channel: string }[] }> {
  const base = countedAnswers(db, consultationId, null).where("a.question_id", "=", questionId).where("a.item_id", "=", "").where("a.value_text", "is not", null);
  const [total, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst(),
    base
      .select(["a.value_text", "r.submitted_on", "r.channel"])
      // Oldest first, with the response id as the tie-break so pages never overlap.
      .orderBy("r.submitted_on")
      .orderBy("a.response_id")
      .limit(pageSize)
      .offset((Math.max(1, page) - 1) * pageSize)
      .execute(),
  ]);
  return { total: Number(total?.n ?? 0), answers: rows.map((r) => ({ text: r.value_text ?? "", submittedOn: r.submitted_on, channel: r.channel })) };
}

/**
 * Everything a results view needs: per-question tables (maintained counts, or the subgroup's),
 * the breakdown when one is asked for, and the response totals. With a threshold, disclosure
 * control is applied.
 */
export async function loadResults(
  db: Kysely<Database>,
  { consultationId, definition, query, threshold }: { consultationId: string; definition: ConsultationDefinition; query: Pick<ResultsQuery, "by" | "filter">; threshold: number | null },
) {
  const [counts, totals, grouped] = await Promise.all([
    countRows(db, { consultationId, filter: query.filter }),
    responseTotals(db, { consultationId }),
    query.by ? breakdownRows(db, { consultationId, by: query.by, filter: query.filter }) : Promise.resolve(null),
  ]);
  const questions = displayResults(aggregate(definition, counts), threshold);
  const breakdown = query.by && grouped ? breakdownTables(definition, breakdownColumns(definition, query.by), grouped, threshold) : null;
  return { questions, breakdown, totals };
}
