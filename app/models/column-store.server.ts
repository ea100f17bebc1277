import { randomUUID } from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { dialectOfDb, storedOrder } from "../../db/connection";
import { ColumnStore, type ColumnLayout } from "~/results/column-store";
import type { Answers } from "~/responding/answers";
import type { Channel } from "~/responding/channels";
import { BASE } from "~/responding/answers";

/**
 * Keeps each consultation's column store (results/column-store.ts) exact, in memory and saved.
 *
 * Exact: counted responses are only ever added, and the counted total (maintained in the submit
 * transaction) says how many there are. A process asks the database for that total on every
 * request; when its store holds fewer, it reads the responses it has not seen (by the order they
 * were stored: SQLite's rowid, PostgreSQL's identity column) from their stored answers
 * (responses.answers_json) and appends them. On PostgreSQL identity values are taken before
 * commit, so a response can become visible after a later one: the total is read in the same
 * snapshot (repeatable read) as the new responses, and if the store still holds fewer than the
 * total, the responses it missed are found by comparing stored orders. Once the consultation has
 * no responses left (retention), the store is emptied and its saved copy deleted.
 *
 * Re-derived: replacing the postcode lookup rewrites stored answers' authority and area in place
 * (district.server.ts) and raises the consultation's counts_revision, in the same transaction that
 * deletes the saved store. The total does not move, so the store is held under the revision as
 * well: a store built under an older revision is built again from the stored answers, and a save
 * made under an older revision is refused.
 *
 * Saved: every few thousand responses the store is saved in compressed chunks, so a restarted
 * or second process loads it (a few hundred milliseconds at a million responses) instead of
 * reading every stored answer again (seconds). A save only replaces the saved store this process
 * loaded or last saved (its generation), so processes never mix their chunks; nothing depends on
 * a save succeeding.
 */

const CHUNK = 65_536;
const BATCH = 5_000;
const SAVE_EVERY = 2_000;

interface Held {
  store: ColumnStore;
  /** The saved generation this store extends; null when nothing was saved or loaded. */
  generation: string | null;
  savedN: number;
  lastSeq: number;
  /** Whether the consultation had any response rows at the last check. */
  rows: boolean;
  /** consultations.counts_revision read before the store was built (or brought up to date). */
  revision: number;
}

const held = new WeakMap<Kysely<Database>, Map<string, Held>>();
const running = new WeakMap<Kysely<Database>, Map<string, Promise<Held>>>();
const HELD_PER_DATABASE = 8;

function heldMap<T>(map: WeakMap<Kysely<Database>, Map<string, T>>, db: Kysely<Database>): Map<string, T> {
  let m = map.get(db);
  if (!m) map.set(db, (m = new Map()));
  return m;
}

/** The maintained count of counted responses: the store is exact while it holds this many. */
const countedTotalQuery = (db: Kysely<Database>, consultationId: string) =>
  db
    .selectFrom("answer_counts")
    .select("n")
    .where("consultation_id", "=", consultationId)
    .where("question_id", "=", "_responses")
    .where("item_id", "=", "")
    .where("option_id", "=", BASE);

async function countedTotal(db: Kysely<Database>, consultationId: string): Promise<number> {
  const row = await countedTotalQuery(db, consultationId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * What says whether a held store is still exact, in one round trip (every analyst view asks it
 * before it counts) and so from one snapshot: the counted total, whether any response rows are
 * left (retention) and the counts revision (re-derivation).
 */
async function storeCheck(db: Kysely<Database>, consultationId: string): Promise<{ total: number; rows: boolean; revision: number }> {
  const row = await db
    .selectFrom("consultations as c")
    .select((eb) => [
      "c.counts_revision",
      countedTotalQuery(db, consultationId).as("total"),
      eb.exists(eb.selectFrom("responses").select("id").where("consultation_id", "=", consultationId)).as("rows"),
    ])
    .where("c.id", "=", consultationId)
    .executeTakeFirst();
  // SQLite gives EXISTS as 1 or 0, PostgreSQL as a boolean.
  return { total: Number(row?.total ?? 0), rows: Boolean(Number(row?.rows ?? 0)), revision: Number(row?.counts_revision ?? 0) };
}

/**
 * The consultation's column store, holding exactly its counted responses as of this call (or a
 * few more that arrived while it was read). The returned store is shared: read it, never change it.
 */
export async function columnsFor(db: Kysely<Database>, consultationId: string): Promise<ColumnStore> {
  const { total, rows, revision } = await storeCheck(db, consultationId);
  const current = heldMap(held, db).get(consultationId);
  if (current && current.rows === rows && current.revision === revision && (current.store.n === total || (!rows && current.store.n === 0))) return current.store;
  const busy = heldMap(running, db);
  let job = busy.get(consultationId);
  if (!job) {
    job = refresh(db, consultationId, rows, revision).finally(() => busy.delete(consultationId));
    busy.set(consultationId, job);
  }
  return (await job).store;
}

async function refresh(db: Kysely<Database>, consultationId: string, rows: boolean, revision: number): Promise<Held> {
  const map = heldMap(held, db);
  if (!rows) {
    // Retention removed the responses: the store (individual answers) goes with them.
    await db.deleteFrom("column_stores").where("consultation_id", "=", consultationId).execute();
    const empty: Held = { store: new ColumnStore(), generation: null, savedN: 0, lastSeq: 0, rows: false, revision };
    map.set(consultationId, empty);
    return empty;
  }
  let h = map.get(consultationId);
  // Answers re-derived since this store was built: its areas are stale, so it is built afresh
  // (the saved copy was deleted with the re-derivation, and load finds only a newer one).
  if (h && h.revision !== revision) h = undefined;
  if (!h || !h.rows) h = (await load(db, consultationId, revision)) ?? { store: new ColumnStore(), generation: null, savedN: 0, lastSeq: 0, rows: true, revision };
  await catchUp(db, consultationId, h);
  map.delete(consultationId);
  map.set(consultationId, h);
  if (map.size > HELD_PER_DATABASE) map.delete(map.keys().next().value!);
  if (h.store.n - h.savedN >= SAVE_EVERY || (h.generation === null && h.store.n > 0)) {
    await save(db, consultationId, h).catch((error: Error) => console.warn(`column store of ${consultationId} not saved: ${error.message}`));
  }
  return h;
}

type Reader = Pick<Kysely<Database>, "selectFrom">;

function append(h: Held, rows: { seq: number | string; channel: Channel; answers_json: string }[]) {
  for (const r of rows) {
    const seq = Number(r.seq);
    h.store.append(seq, r.channel, JSON.parse(r.answers_json) as Answers);
    if (seq > h.lastSeq) h.lastSeq = seq;
  }
}

async function catchUp(db: Kysely<Database>, consultationId: string, h: Held): Promise<void> {
  const order = storedOrder(db, "r");
  const counted = (q: Reader) => q.selectFrom("responses as r").where("r.consultation_id", "=", consultationId).where("r.status", "=", "counted");
  const run = async (q: Reader) => {
    const total = await countedTotal(q as Kysely<Database>, consultationId);
    for (;;) {
      const batch = await counted(q)
        .select([order.as("seq"), "r.channel", "r.answers_json"])
        .where(order, ">", h.lastSeq)
        .orderBy(order)
        .limit(BATCH)
        .execute();
      append(h, batch);
      if (batch.length < BATCH) break;
    }
    if (h.store.n >= total) return;
    // Responses that became visible after later ones (PostgreSQL): find them by their order.
    const all = (await counted(q).select(order.as("seq")).orderBy(order).execute()).map((r) => Number(r.seq));
    const have = Float64Array.from(h.store.seqs.subarray(0, h.store.n)).sort();
    const missing: number[] = [];
    let k = 0;
    for (const seq of all) {
      while (k < have.length && have[k] < seq) k++;
      if (k >= have.length || have[k] !== seq) missing.push(seq);
    }
    for (let i = 0; i < missing.length; i += 500) {
      append(h, await counted(q).select([order.as("seq"), "r.channel", "r.answers_json"]).where(order, "in", missing.slice(i, i + 500)).orderBy(order).execute());
    }
  };
  if (dialectOfDb(db) === "postgres") await db.transaction().setIsolationLevel("repeatable read").execute((trx) => run(trx));
  // SQLite: no transaction, so submissions go on between batches; one writer at a time means
  // the rowid never goes back, so nothing can be missed.
  else await run(db);
}

async function load(db: Kysely<Database>, consultationId: string, revision: number): Promise<Held | null> {
  const meta = await db.selectFrom("column_stores").selectAll().where("consultation_id", "=", consultationId).executeTakeFirst();
  if (!meta) return null;
  try {
    const chunks = await db.selectFrom("column_store_chunks").select(["chunk", "responses", "data"]).where("consultation_id", "=", consultationId).orderBy("chunk").execute();
    const n = Number(meta.responses);
    const store = ColumnStore.withLayout(JSON.parse(meta.layout) as ColumnLayout, n);
    chunks.forEach((c, i) => {
      if (c.chunk !== i || (i < chunks.length - 1 && c.responses !== meta.chunk_size)) throw new Error("chunks out of order");
      store.decodeAppend(new Uint8Array(inflateRawSync(Buffer.from(c.data, "base64"))));
    });
    if (store.n !== n) throw new Error(`holds ${store.n} responses, not ${n}`);
    store.unsavedFrom = n;
    let lastSeq = 0;
    for (let i = 0; i < n; i++) if (store.seqs[i] > lastSeq) lastSeq = store.seqs[i];
    return { store, generation: meta.generation, savedN: n, lastSeq, rows: true, revision };
  } catch (error) {
    console.warn(`column store of ${consultationId} could not be loaded (${(error as Error).message}); building it again`);
    await db.deleteFrom("column_stores").where("consultation_id", "=", consultationId).where("generation", "=", meta.generation).execute();
    return null;
  }
}

class SavedElsewhere extends Error {}

async function save(db: Kysely<Database>, consultationId: string, h: Held): Promise<void> {
  const store = h.store;
  const n = store.n;
  const first = Math.floor(Math.min(store.unsavedFrom, h.savedN) / CHUNK);
  const chunks: { consultation_id: string; chunk: number; responses: number; data: string }[] = [];
  for (let c = first; c * CHUNK < n; c++) {
    const to = Math.min(n, (c + 1) * CHUNK);
    chunks.push({ consultation_id: consultationId, chunk: c, responses: to - c * CHUNK, data: deflateRawSync(store.encode(c * CHUNK, to), { level: 1 }).toString("base64") });
  }
  const generation = randomUUID();
  const meta = { responses: n, generation, chunk_size: CHUNK, layout: JSON.stringify(store.layout()), updated_at: new Date().toISOString() };
  try {
    await db.transaction().execute(async (trx) => {
      // Locks the consultation's row (PostgreSQL) against a re-derivation until this save commits;
      // a store built before one is never saved after it. FOR NO KEY UPDATE, as the re-derivation's
      // own UPDATE of counts_revision takes, so the two exclude each other; FOR UPDATE would also wait
      // for the KEY SHARE lock every uncommitted submission's foreign key holds on this row
      // (https://www.postgresql.org/docs/15/explicit-locking.html#LOCKING-ROWS).
      const current = await trx
        .selectFrom("consultations")
        .select("counts_revision")
        .where("id", "=", consultationId)
        .$if(dialectOfDb(db) === "postgres", (q) => q.forNoKeyUpdate())
        .executeTakeFirst();
      if (Number(current?.counts_revision ?? 0) !== h.revision) throw new SavedElsewhere();
      if (h.generation === null) {
        const inserted = await trx
          .insertInto("column_stores")
          .values({ consultation_id: consultationId, ...meta })
          .onConflict((oc) => oc.column("consultation_id").doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new SavedElsewhere();
      } else {
        const updated = await trx.updateTable("column_stores").set(meta).where("consultation_id", "=", consultationId).where("generation", "=", h.generation).executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) throw new SavedElsewhere();
      }
      await trx.deleteFrom("column_store_chunks").where("consultation_id", "=", consultationId).where("chunk", ">=", first).execute();
      for (const c of chunks) await trx.insertInto("column_store_chunks").values(c).execute();
    });
  } catch (error) {
    if (error instanceof SavedElsewhere) return;
    throw error;
  }
  h.generation = generation;
  h.savedN = n;
  store.unsavedFrom = n;
}

/** For tests and the bench: forget what this process holds, so the next read loads the saved store. */
export function forgetColumns(db: Kysely<Database>): void {
  held.delete(db);
}

/** For the bench: builds (or brings up to date) and saves a consultation's store now. */
export async function buildColumns(db: Kysely<Database>, consultationId: string): Promise<ColumnStore> {
  const store = await columnsFor(db, consultationId);
  const h = heldMap(held, db).get(consultationId);
  if (h && h.savedN !== h.store.n) await save(db, consultationId, h);
  return store;
}
