/**
 * The plain SQL GROUP BY of each analyst view's figures, run in a process of its own so that
 * bench/run.ts can stop one that takes too long (better-sqlite3 cannot be interrupted):
 * tsx bench/view-baselines.ts <database url> <consultation id> <view>. Prints the milliseconds.
 */
import { sql } from "kysely";
import { createDb } from "../db/connection";
import { recountBreakdown, recountSubgroup } from "../app/models/answer-counts.server";

const [url, consultationId, view] = process.argv.slice(2);
const handle = createDb(url);
const db = handle.db;
const started = performance.now();
switch (view) {
  case "subgroup":
    await recountSubgroup(db, { consultationId, filter: { questionId: "about_you", itemId: "age", optionIds: ["25_34"] } });
    break;
  case "breakdown":
    await recountBreakdown(db, { consultationId, by: { questionId: "about_you", itemId: "sex" }, filter: null });
    break;
  case "weighted":
    // Every answer counted per weighting cell (authority × sex), from which the weighted sums follow.
    await sql`SELECT g.authority, g.sex, a.question_id, a.item_id, a.option_id, count(*) AS n
      FROM (SELECT p.response_id, p.option_id AS authority, s.option_id AS sex
            FROM answers p JOIN answers s ON s.response_id = p.response_id AND s.question_id = 'about_you' AND s.item_id = 'sex'
            WHERE p.consultation_id = ${consultationId} AND p.question_id = 'postcode' AND p.item_id = '') g
      CROSS JOIN answers a
      JOIN responses r ON r.id = a.response_id
      WHERE a.response_id = g.response_id AND r.status = 'counted'
      GROUP BY g.authority, g.sex, a.question_id, a.item_id, a.option_id`.execute(db);
    break;
  case "who":
    // The about-you and postcode answers per authority.
    await sql`SELECT g.authority, a.question_id, a.item_id, a.option_id, count(*) AS n
      FROM (SELECT response_id, option_id AS authority FROM answers WHERE consultation_id = ${consultationId} AND question_id = 'postcode' AND item_id = '') g
      CROSS JOIN answers a
      JOIN responses r ON r.id = a.response_id
      WHERE a.response_id = g.response_id AND a.question_id IN ('about_you', 'postcode') AND r.status = 'counted'
      GROUP BY g.authority, a.question_id, a.item_id, a.option_id`.execute(db);
    break;
  default:
    throw new Error(`unknown view ${view}`);
}
console.log(String(performance.now() - started));
await handle.close();
