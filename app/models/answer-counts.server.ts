import { sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { CountRow } from "~/results/aggregate";
import type { ResponseTotals } from "~/results/totals";
import { BASE, countKeys, type AnswerRow } from "~/responding/answers";
import { CHANNEL_TARGET_ID, type SubgroupFilter } from "~/evidence/evidence";
import { CHANNELS, isChannel, type Channel } from "~/responding/channels";
import { countColumns, countColumnsByGroup, groupsOf, maskOf, proportionOf, type ColumnStore, type GroupedCountRow } from "~/results/column-store";
import { columnsFor } from "./column-store.server";
import { answerRowsCurrent } from "./answer-rows.server";

/**
 * Where counts live. Maintained counts (answer_counts) are added to in the submit transaction
 * (addToCounts) and read by every results page (readCounts); recountFromAnswers recomputes them
 * with GROUP BY and must always agree. Subgroup, breakdown and evidence counts come from the
 * column store, kept per process under the counted total; recount* give them by GROUP BY over
 * the answer rows, after writing any still pending (answer-rows.server.ts).
 */

/** Pseudo-question under which response totals per channel are counted. */
export const RESPONSES_KEY = "_responses";

const CHUNK = 500;

/**
 * Adds one counted response to the maintained counts, inside the submit transaction: its
 * question and item bases, every option row, and the response total per channel.
 */
export async function addToCounts(
  trx: Transaction<Database>,
  { consultationId, rows, channel }: { consultationId: string; rows: AnswerRow[]; channel: Channel },
): Promise<void> {
  const keys = [
    ...countKeys(rows),
    { question_id: RESPONSES_KEY, item_id: "", option_id: BASE },
    { question_id: RESPONSES_KEY, item_id: "", option_id: channel },
  ].sort((a, b) => (a.question_id + "\u0000" + a.item_id + "\u0000" + a.option_id).localeCompare(b.question_id + "\u0000" + b.item_id + "\u0000" + b.option_id));
  // Sorted so that concurrent PostgreSQL transactions lock counter rows in the same order.
  for (let i = 0; i < keys.length; i += CHUNK) {
    await trx
      .insertInto("answer_counts")
      .values(keys.slice(i, i + CHUNK).map((k) => ({ ...k, consultation_id: consultationId, n: 1 })))
      .onConflict((oc) =>
        oc.columns(["consultation_id", "question_id", "item_id", "option_id"]).doUpdateSet({ n: sql`answer_counts.n + excluded.n` }),
      )
      .execute();
  }
}

/** The counts maintained at insert time: what the results pages read. */
export async function readCounts(db: Kysely<Database>, { consultationId }: { consultationId: string }): Promise<CountRow[]> {
  return db
    .selectFrom("answer_counts")
    .select(["question_id", "item_id", "option_id", "n"])
    .where("consultation_id", "=", consultationId)
    .execute();
}

/**
 * The same counts recomputed from scratch with GROUP BY over the answer rows of counted
 * responses. Used to prove the maintained counts exact, and to rebuild them.
 */
export async function recountFromAnswers(db: Kysely<Database>, { consultationId }: { consultationId: string }): Promise<CountRow[]> {
  await answerRowsCurrent(db, { consultationId });
  const [answerCounts, channels] = await Promise.all([
    groupedCounts(countedAnswers(db, consultationId, null)),
    db
      .selectFrom("responses")
      .where("consultation_id", "=", consultationId)
      .where("status", "=", "counted")
      .select((eb) => ["channel", eb.fn.countAll<number>().as("n")])
      .groupBy("channel")
      .execute(),
  ]);
  const total = channels.reduce((s, c) => s + Number(c.n), 0);
  const responseRows: CountRow[] = channels.map((c) => ({ question_id: RESPONSES_KEY, item_id: "", option_id: c.channel, n: Number(c.n) }));
  if (total > 0) responseRows.push({ question_id: RESPONSES_KEY, item_id: "", option_id: BASE, n: total });
  return [...answerCounts, ...responseRows];
}

export async function responseTotals(db: Kysely<Database>, { consultationId }: { consultationId: string }): Promise<ResponseTotals> {
  const [channelRows, excluded] = await Promise.all([
    db
      .selectFrom("answer_counts")
      .select(["option_id", "n"])
      .where("consultation_id", "=", consultationId)
      .where("question_id", "=", RESPONSES_KEY)
      .execute(),
    db
      .selectFrom("responses")
      .where("consultation_id", "=", consultationId)
      .where("status", "=", "excluded")
      .select((eb) => ["excluded_reason", eb.fn.countAll<number>().as("n")])
      .groupBy("excluded_reason")
      .execute(),
  ]);
  const byChannel: Record<string, number> = {};
  let counted = 0;
  for (const r of channelRows) {
    if (r.option_id === BASE) counted = Number(r.n);
    else byChannel[r.option_id] = Number(r.n);
  }
  return { counted, byChannel, excluded: excluded.map((e) => ({ reason: e.excluded_reason ?? "unknown", n: Number(e.n) })) };
}

/**
 * Subgroup, breakdown and evidence counts come from the consultation's column store
 * (column-store.server.ts), kept exact by the counted total: a view is one pass over it in
 * memory. What a view gives is kept per process under the store's size, so asking again costs a
 * lookup; once a counted response arrives, it is counted afresh. Concurrent requests for the same
 * figures share one computation. The GROUP BY queries below (recount*) give the same figures
 * from the answer rows: the tests and the bench hold the store to them.
 */
const kept = new WeakMap<Kysely<Database>, Map<string, { store: ColumnStore; n: number; value: unknown }>>();
const KEPT_PER_DATABASE = 256;

export async function keptOrCounted<T>(db: Kysely<Database>, consultationId: string, query: unknown, count: (store: ColumnStore) => T): Promise<T> {
  return keptFor(db, consultationId, await columnsFor(db, consultationId), query, count);
}

/**
 * The same, from a store already read: for callers that take several views of one store (the
 * weights, then the figures weighted by them) and need them all of the same responses. It does
 * not wait, so the store cannot grow between the views.
 */
export function keptFor<T>(db: Kysely<Database>, consultationId: string, store: ColumnStore, query: unknown, count: (store: ColumnStore) => T): T {
  let cache = kept.get(db);
  if (!cache) kept.set(db, (cache = new Map()));
  const key = `${consultationId} ${JSON.stringify(query)}`;
  const hit = cache.get(key);
  cache.delete(key);
  if (hit && hit.store === store && hit.n === store.n) {
    cache.set(key, hit);
    return hit.value as T;
  }
  const entry = { store, n: store.n, value: count(store) as unknown };
  cache.set(key, entry);
  if (cache.size > KEPT_PER_DATABASE) cache.delete(cache.keys().next().value!);
  return entry.value as T;
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
export function countedAnswers(db: Kysely<Database>, consultationId: string, filter: SubgroupFilter | null, by: { questionId: string; itemId: string } | null = null) {
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
  if (filter && filter.questionId === CHANNEL_TARGET_ID) {
    // An id that is no channel matches no response; an empty IN () is an error on PostgreSQL.
    const channels = filter.optionIds.filter(isChannel);
    q = channels.length ? q.where("r.channel", "in", channels) : q.where(sql<boolean>`1 = 0`);
  }
  return q;
}

/** Counts in the shape aggregate() takes: the maintained counts, or a subgroup's from the column store. */
export async function countRows(db: Kysely<Database>, { consultationId, filter }: { consultationId: string; filter: SubgroupFilter | null }): Promise<CountRow[]> {
  if (!filter) return readCounts(db, { consultationId });
  return keptOrCounted(db, consultationId, { subgroup: filter }, (store) => countColumns(store, maskOf(store, filter, CHANNEL_TARGET_ID)));
}

/** A subgroup's counts by GROUP BY over the answer rows: what countRows must equal. */
export async function recountSubgroup(db: Kysely<Database>, { consultationId, filter }: { consultationId: string; filter: SubgroupFilter }): Promise<CountRow[]> {
  await answerRowsCurrent(db, { consultationId });
  return groupedCounts(countedAnswers(db, consultationId, filter));
}

/**
 * The three GROUP BY queries every count from answer rows is made of, in the shape aggregate()
 * takes: respondents per question (its base, BASE), respondents per item of a question with
 * items, and answer rows per option. With a group column, each is counted per group as well.
 */
function groupedCounts(counted: ReturnType<typeof countedAnswers>): Promise<CountRow[]>;
function groupedCounts(counted: ReturnType<typeof countedAnswers>, group: RawBuilder<string>): Promise<GroupedCountRow[]>;
async function groupedCounts(counted: ReturnType<typeof countedAnswers>, group?: RawBuilder<string>): Promise<CountRow[]> {
  // The group column comes first in SELECT and GROUP BY.
  const from = counted.$if(group !== undefined, (q) => q.select(group!.as("group")).groupBy(group!));
  const [questionBases, itemBases, options] = await Promise.all([
    from
      .select((eb) => ["a.question_id", sql<string>`''`.as("item_id"), sql<string>`${BASE}`.as("option_id"), eb.fn.count<number>("a.response_id").distinct().as("n")])
      .groupBy("a.question_id")
      .execute(),
    from
      .where("a.item_id", "<>", "")
      .select((eb) => ["a.question_id", "a.item_id", sql<string>`${BASE}`.as("option_id"), eb.fn.count<number>("a.response_id").distinct().as("n")])
      .groupBy(["a.question_id", "a.item_id"])
      .execute(),
    from
      .where("a.option_id", "<>", "")
      .select((eb) => ["a.question_id", "a.item_id", "a.option_id", eb.fn.countAll<number>().as("n")])
      .groupBy(["a.question_id", "a.item_id", "a.option_id"])
      .execute(),
  ]);
  return [...questionBases, ...itemBases, ...options].map((r) => ({ ...r, n: Number(r.n) }));
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
  return keptOrCounted(db, consultationId, { breakdown: by, filter }, (store) =>
    countColumnsByGroup(store, groupsOf(store, by, CHANNEL_TARGET_ID), filter ? maskOf(store, filter, CHANNEL_TARGET_ID) : null),
  );
}

/** A breakdown by GROUP BY over the answer rows: what breakdownRows must equal. */
export async function recountBreakdown(
  db: Kysely<Database>,
  { consultationId, by, filter }: { consultationId: string; by: { questionId: string; itemId: string }; filter: SubgroupFilter | null },
): Promise<GroupedCountRow[]> {
  await answerRowsCurrent(db, { consultationId });
  return groupedCounts(countedAnswers(db, consultationId, filter, by), sql.ref<string>(by.questionId === CHANNEL_TARGET_ID ? "r.channel" : "g.grp"));
}

/**
 * Counted responses per group (as breakdownRows groups them) and channel: a filtered page's "How
 * people responded", and a breakdown's groups as the disclosure model ties them to the totals.
 */
export async function groupChannelTotals(
  db: Kysely<Database>,
  { consultationId, by, filter }: { consultationId: string; by: { questionId: string; itemId: string }; filter: SubgroupFilter | null },
): Promise<{ group: string; channel: string; n: number }[]> {
  return keptOrCounted(db, consultationId, { groupChannels: by, filter }, (store) => {
    const groups = groupsOf(store, by, CHANNEL_TARGET_ID);
    const mask = filter ? maskOf(store, filter, CHANNEL_TARGET_ID) : null;
    const n = new Map<number, number>();
    for (let i = 0; i < store.n; i++) {
      const g = groups.of[i];
      if (g === 0 || (mask && !mask[i])) continue;
      const key = (g - 1) * CHANNELS.length + store.channels[i];
      n.set(key, (n.get(key) ?? 0) + 1);
    }
    return [...n].map(([key, count]) => ({ group: groups.ids[Math.floor(key / CHANNELS.length)], channel: CHANNELS[key % CHANNELS.length], n: count }));
  });
}

export interface ProportionQuery {
  consultationId: string;
  questionId: string;
  itemId: string;
  optionIds: string[];
  filter: SubgroupFilter | null;
  /** Ranking: "% ranked first" is of everyone who ranked, not only those who ranked this item. */
  baseOnQuestion?: boolean;
}

/**
 * One proportion for an evidence statement: respondents giving any of the answers that count,
 * out of those who answered (the question, or the item), within the subgroup if there is one.
 * A respondent ticking two counted options of a multiple choice counts once.
 */
export async function proportion(
  db: Kysely<Database>,
  { consultationId, questionId, itemId, optionIds, filter, baseOnQuestion = false }: ProportionQuery,
): Promise<{ count: number; base: number }> {
  const query = { proportion: { questionId, itemId, optionIds, filter, baseOnQuestion } };
  return keptOrCounted(db, consultationId, query, (store) => {
    const { count, base } = proportionOf(store, { questionId, itemId, optionIds, baseOnQuestion }, filter ? maskOf(store, filter, CHANNEL_TARGET_ID) : null);
    return { count, base };
  });
}

/** The same proportion by COUNT(DISTINCT …) over the answer rows: what proportion() must equal. */
export async function recountProportion(
  db: Kysely<Database>,
  { consultationId, questionId, itemId, optionIds, filter, baseOnQuestion = false }: ProportionQuery,
): Promise<{ count: number; base: number }> {
  await answerRowsCurrent(db, { consultationId });
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


/** Counted responses of every consultation, in total and by channel, in one query (the staff home). */
export async function countedByConsultation(db: Kysely<Database>): Promise<Map<string, { counted: number; byChannel: Record<string, number> }>> {
  const rows = await db.selectFrom("answer_counts").select(["consultation_id", "option_id", "n"]).where("question_id", "=", RESPONSES_KEY).execute();
  const out = new Map<string, { counted: number; byChannel: Record<string, number> }>();
  for (const r of rows) {
    const entry = out.get(r.consultation_id) ?? { counted: 0, byChannel: {} };
    if (r.option_id === BASE) entry.counted = Number(r.n);
    else entry.byChannel[r.option_id] = Number(r.n);
    out.set(r.consultation_id, entry);
  }
  return out;
}
