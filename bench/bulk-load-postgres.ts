/**
 * The PostgreSQL twin of bulk-load.ts: N responses × 25 answers into one consultation, written
 * as bulk-load.ts writes them (the response with its answers_json copy, its answer rows, the
 * maintained counts summed and written once), with multi-row INSERT … SELECT FROM unnest(…)
 * batches and the answers' indexes dropped during the load and rebuilt after.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { BASE } from "../app/responding/answers";
import { seededRandom } from "./consultation";
import { countTally, residentPool, type LoadResult } from "./bulk-load";

const BATCH = 4_000;

export async function bulkLoadPostgres(url: string, { consultationId, versionId, n, onProgress }: { consultationId: string; versionId: string; n: number; onProgress?: (done: number) => void }): Promise<LoadResult> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rng = seededRandom(2027);
    const pool = residentPool((await client.query<{ outward: string; authority: string; area: string }>("SELECT outward, authority, area FROM postcode_districts")).rows, rng);
    await client.query("DROP INDEX IF EXISTS answers_question_option; DROP INDEX IF EXISTS answers_response");
    await client.query("SET synchronous_commit = off");
    const { counts, bump } = countTally();
    const prefix = randomBytes(4).toString("hex");
    const day = new Date().toISOString().slice(0, 10);
    for (let from = 0; from < n; from += BATCH) {
      const to = Math.min(n, from + BATCH);
      const ids: string[] = [];
      const jsons: string[] = [];
      const a: { r: string[]; q: string[]; i: string[]; o: string[]; vn: (number | null)[]; vt: (string | null)[] } = { r: [], q: [], i: [], o: [], vn: [], vt: [] };
      for (let r = from; r < to; r++) {
        const p = pool[Math.floor(rng() * pool.length)];
        const id = `${prefix}-0000-4000-8000-${r.toString(16).padStart(12, "0")}`;
        ids.push(id);
        jsons.push(p.json);
        for (const row of p.rows) {
          a.r.push(id);
          a.q.push(row.question_id);
          a.i.push(row.item_id);
          a.o.push(row.option_id);
          a.vn.push(row.value_num);
          a.vt.push(row.value_text);
        }
        for (const k of p.keys) bump(k.question_id, k.item_id, k.option_id);
        bump("_responses", "", BASE);
        bump("_responses", "", "online");
      }
      await client.query("BEGIN");
      await client.query(
        "INSERT INTO responses (id, consultation_id, version_id, channel, submitted_on, status, excluded_reason, answers_json) SELECT id, $2, $3, 'online', $4, 'counted', NULL, j FROM unnest($1::text[], $5::text[]) AS t(id, j)",
        [ids, consultationId, versionId, day, jsons],
      );
      await client.query(
        "INSERT INTO answers (response_id, consultation_id, question_id, item_id, option_id, value_num, value_text) SELECT r, $1, q, i, o, vn, vt FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::text[]) AS t(r, q, i, o, vn, vt)",
        [consultationId, a.r, a.q, a.i, a.o, a.vn, a.vt],
      );
      await client.query("COMMIT");
      onProgress?.(to);
    }
    for (const c of counts.values()) {
      await client.query(
        "INSERT INTO answer_counts (consultation_id, question_id, item_id, option_id, n) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (consultation_id, question_id, item_id, option_id) DO UPDATE SET n = answer_counts.n + excluded.n",
        [consultationId, c.q, c.i, c.o, c.n],
      );
    }
    // The same indexes the migration creates.
    await client.query("SET maintenance_work_mem = '1GB'");
    await client.query("CREATE INDEX answers_question_option ON answers (consultation_id, question_id, item_id, option_id, response_id)");
    await client.query("CREATE INDEX answers_response ON answers (response_id)");
    await client.query("VACUUM ANALYZE responses");
    await client.query("VACUUM ANALYZE answers");
  } finally {
    await client.end();
  }
  return { responses: n, answerRows: n * 25, seconds: (performance.now() - started) / 1000 };
}
