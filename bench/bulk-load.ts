/**
 * Loads N responses × 25 answers into one consultation of a SQLite file, fast: better-sqlite3
 * prepared statements in large transactions, the answers' indexes dropped during the load and
 * rebuilt after. It writes exactly what submitResponse writes for a counted online response
 * (the response with its answers_json copy, its answer rows, and the maintained counts, summed
 * here and written once), except spent tokens, which no results or export path reads.
 */
import { randomBytes } from "node:crypto";
import SQLite from "better-sqlite3";
import { BASE, type Answers } from "../app/responding/answers";
import { answersFor, randomPageFields, rowsAndKeys, seededRandom } from "./consultation";

const POOL = 2_000;
const BATCH = 20_000;

export interface LoadResult {
  responses: number;
  answerRows: number;
  seconds: number;
}

type District = { outward: string; authority: string; area: string };

/** A pool of distinct residents, each validated by the app's own page validation (shared with bulk-load-postgres.ts). */
export function residentPool(districtRows: District[], rng: () => number) {
  const districts = new Map(districtRows.map((d) => [d.outward, d]));
  const ctx = { lookupDistrict: (outward: string) => districts.get(outward) ?? null };
  const pool = Array.from({ length: POOL }, (_, i) => {
    const answers: Answers = answersFor(randomPageFields(rng, `Comment number ${i}: more officers on foot, please.`), ctx);
    const { rows, keys } = rowsAndKeys(answers);
    return { json: JSON.stringify(answers), rows, keys };
  });
  if (pool.some((p) => p.rows.length !== 25)) throw new Error("bench consultation must give 25 answer rows per response");
  return pool;
}

/** The maintained counts a load adds, summed in memory to be written once at the end. */
export function countTally() {
  const counts = new Map<string, { q: string; i: string; o: string; n: number }>();
  const bump = (q: string, i: string, o: string) => {
    const k = `${q}\u0000${i}\u0000${o}`;
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { q, i, o, n: 1 });
  };
  return { counts, bump };
}

export function bulkLoad(file: string, { consultationId, versionId, n, onProgress }: { consultationId: string; versionId: string; n: number; onProgress?: (done: number) => void }): LoadResult {
  const started = performance.now();
  const db = new SQLite(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -1000000");
  db.pragma("temp_store = MEMORY");

  const rng = seededRandom(2027);
  const pool = residentPool(db.prepare("SELECT outward, authority, area FROM postcode_districts").all() as District[], rng);

  db.exec("DROP INDEX IF EXISTS answers_question_option; DROP INDEX IF EXISTS answers_response;");
  const insertResponse = db.prepare(
    "INSERT INTO responses (id, consultation_id, version_id, channel, submitted_on, status, excluded_reason, answers_json) VALUES (?, ?, ?, 'online', ?, 'counted', NULL, ?)",
  );
  const insertAnswer = db.prepare("INSERT INTO answers (response_id, consultation_id, question_id, item_id, option_id, value_num, value_text) VALUES (?, ?, ?, ?, ?, ?, ?)");
  const { counts, bump } = countTally();
  // UUID-shaped ids in insertion order, so the primary key is appended to rather than scattered.
  const prefix = randomBytes(4).toString("hex");
  const day = new Date().toISOString().slice(0, 10);
  const batch = db.transaction((from: number, to: number) => {
    for (let r = from; r < to; r++) {
      const p = pool[Math.floor(rng() * POOL)];
      const id = `${prefix}-0000-4000-8000-${r.toString(16).padStart(12, "0")}`;
      insertResponse.run(id, consultationId, versionId, day, p.json);
      for (const a of p.rows) insertAnswer.run(id, consultationId, a.question_id, a.item_id, a.option_id, a.value_num, a.value_text);
      for (const k of p.keys) bump(k.question_id, k.item_id, k.option_id);
      bump("_responses", "", BASE);
      bump("_responses", "", "online");
    }
  });
  for (let from = 0; from < n; from += BATCH) {
    batch(from, Math.min(n, from + BATCH));
    onProgress?.(Math.min(n, from + BATCH));
  }
  const upsert = db.prepare(
    "INSERT INTO answer_counts (consultation_id, question_id, item_id, option_id, n) VALUES (?, ?, ?, ?, ?) ON CONFLICT (consultation_id, question_id, item_id, option_id) DO UPDATE SET n = answer_counts.n + excluded.n",
  );
  db.transaction(() => {
    for (const c of counts.values()) upsert.run(consultationId, c.q, c.i, c.o, c.n);
  })();
  // The same indexes the migration creates.
  db.exec("CREATE INDEX answers_question_option ON answers (consultation_id, question_id, item_id, option_id, response_id)");
  db.exec("CREATE INDEX answers_response ON answers (response_id)");
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return { responses: n, answerRows: n * 25, seconds: (performance.now() - started) / 1000 };
}
