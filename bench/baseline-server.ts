/**
 * The raw baseline for the submission benchmark: a minimal node:http server, no framework,
 * that parses the same form body as the app's submit and makes the same database writes in one
 * transaction per response: spend the token, insert the response (with its answers_json copy)
 * and the line saying its answer rows are to be written, add its contribution to the maintained
 * counts, and delete the draft.
 * It skips everything else the app does (signed cookies and tokens, validation, rendering).
 *
 * POST /physical is the physical limit: the whole response (its answers, as the form would
 * carry them) written as one row of a table with nothing else on it (an integer key and the
 * answers as JSON), one autocommit INSERT per request, no lookup, no index, no count.
 * Run as its own process, as the app is: BASELINE_DB=<file|postgres://…> PORT=… tsx bench/baseline-server.ts
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import type SQLite from "better-sqlite3";
import pg from "pg";
import { AnswersSchema } from "../app/responding/answers";
import { openSqlite } from "../db/connection";
import { rowsAndKeys } from "./consultation";

const url = process.env.BASELINE_DB!;
const port = Number(process.env.PORT);
// The app writes a line saying a response's answer rows are still to be written, and writes the
// rows afterwards in batches (app/models/answer-rows.server.ts). BASELINE_ANSWER_ROWS=inline
// writes the rows in the submit instead, as the app did before: what the rows and their two
// indexes cost each submission.
const answerRows = process.env.BASELINE_ANSWER_ROWS === "inline";

type Store = (draftId: string, nonce: string) => Promise<boolean>;
type Physical = (answers: string) => Promise<void>;

function sqlitePhysical(file: string): Physical {
  const db: SQLite.Database = openSqlite(file);
  db.exec("CREATE TABLE IF NOT EXISTS physical_responses (id INTEGER PRIMARY KEY, answers TEXT NOT NULL)");
  const insert = db.prepare("INSERT INTO physical_responses (answers) VALUES (?)");
  return async (answers) => void insert.run(answers);
}

function postgresPhysical(connectionString: string): Physical {
  const pool = new pg.Pool({ connectionString, max: 10 });
  const ready = pool.query("CREATE TABLE IF NOT EXISTS physical_responses (id bigserial PRIMARY KEY, answers text NOT NULL)");
  return async (answers) => {
    await ready;
    await pool.query("INSERT INTO physical_responses (answers) VALUES ($1)", [answers]);
  };
}

function sqliteStore(file: string): Store {
  const db: SQLite.Database = openSqlite(file);
  const getDraft = db.prepare("SELECT consultation_id, version_id, answers FROM drafts WHERE id = ?");
  const spend = db.prepare("INSERT INTO spent_tokens (nonce, expires_at) VALUES (?, ?) ON CONFLICT (nonce) DO NOTHING");
  const insertResponse = db.prepare(
    "INSERT INTO responses (id, consultation_id, version_id, channel, submitted_on, status, excluded_reason, answers_json) VALUES (?, ?, ?, 'online', ?, 'counted', NULL, ?)",
  );
  const insertAnswer = db.prepare("INSERT INTO answers (response_id, consultation_id, question_id, item_id, option_id, value_num, value_text) VALUES (?, ?, ?, ?, ?, ?, ?)");
  const bump = db.prepare(
    "INSERT INTO answer_counts (consultation_id, question_id, item_id, option_id, n) VALUES (?, ?, ?, ?, 1) ON CONFLICT (consultation_id, question_id, item_id, option_id) DO UPDATE SET n = answer_counts.n + 1",
  );
  const pending = db.prepare("INSERT INTO answer_rows_pending (response_id, consultation_id) VALUES (?, ?)");
  const deleteDraft = db.prepare("DELETE FROM drafts WHERE id = ?");
  const submit = db.transaction((draftId: string, nonce: string) => {
    const draft = getDraft.get(draftId) as { consultation_id: string; version_id: string; answers: string } | undefined;
    if (!draft) return false;
    if (spend.run(nonce, new Date(Date.now() + 86_400_000).toISOString()).changes === 0) return false;
    const answers = AnswersSchema.parse(JSON.parse(draft.answers));
    const { rows, keys } = rowsAndKeys(answers);
    const id = randomUUID();
    insertResponse.run(id, draft.consultation_id, draft.version_id, new Date().toISOString().slice(0, 10), JSON.stringify(answers));
    if (answerRows) for (const r of rows) insertAnswer.run(id, draft.consultation_id, r.question_id, r.item_id, r.option_id, r.value_num, r.value_text);
    else pending.run(id, draft.consultation_id);
    for (const k of [...keys, { question_id: "_responses", item_id: "", option_id: "*" }, { question_id: "_responses", item_id: "", option_id: "online" }]) {
      bump.run(draft.consultation_id, k.question_id, k.item_id, k.option_id);
    }
    deleteDraft.run(draftId);
    return true;
  });
  return async (draftId, nonce) => submit(draftId, nonce);
}

function postgresStore(connectionString: string): Store {
  const pool = new pg.Pool({ connectionString, max: 10 });
  return async (draftId, nonce) => {
    const c = await pool.connect();
    try {
      await c.query("BEGIN");
      const { rows: drafts } = await c.query("SELECT consultation_id, version_id, answers FROM drafts WHERE id = $1", [draftId]);
      const draft = drafts[0];
      const spent = await c.query("INSERT INTO spent_tokens (nonce, expires_at) VALUES ($1, $2) ON CONFLICT (nonce) DO NOTHING", [nonce, new Date(Date.now() + 86_400_000).toISOString()]);
      if (!draft || spent.rowCount === 0) {
        await c.query("ROLLBACK");
        return false;
      }
      const answers = AnswersSchema.parse(JSON.parse(draft.answers));
      const { rows, keys } = rowsAndKeys(answers);
      const id = randomUUID();
      await c.query("INSERT INTO responses (id, consultation_id, version_id, channel, submitted_on, status, excluded_reason, answers_json) VALUES ($1, $2, $3, 'online', $4, 'counted', NULL, $5)", [
        id,
        draft.consultation_id,
        draft.version_id,
        new Date().toISOString().slice(0, 10),
        JSON.stringify(answers),
      ]);
      // Multi-row statements, as the app's Kysely inserts are.
      const aParams: unknown[] = [];
      const aValues = rows.map((r, i) => {
        aParams.push(id, draft.consultation_id, r.question_id, r.item_id, r.option_id, r.value_num, r.value_text);
        return `($${i * 7 + 1}, $${i * 7 + 2}, $${i * 7 + 3}, $${i * 7 + 4}, $${i * 7 + 5}, $${i * 7 + 6}, $${i * 7 + 7})`;
      });
      if (answerRows) await c.query(`INSERT INTO answers (response_id, consultation_id, question_id, item_id, option_id, value_num, value_text) VALUES ${aValues.join(", ")}`, aParams);
      else await c.query("INSERT INTO answer_rows_pending (response_id, consultation_id) VALUES ($1, $2)", [id, draft.consultation_id]);
      const allKeys = [...keys, { question_id: "_responses", item_id: "", option_id: "*" }, { question_id: "_responses", item_id: "", option_id: "online" }].sort((a, b) =>
        (a.question_id + "\u0000" + a.item_id + "\u0000" + a.option_id).localeCompare(b.question_id + "\u0000" + b.item_id + "\u0000" + b.option_id),
      );
      const kParams: unknown[] = [];
      const kValues = allKeys.map((k, i) => {
        kParams.push(draft.consultation_id, k.question_id, k.item_id, k.option_id);
        return `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4}, 1)`;
      });
      await c.query(
        `INSERT INTO answer_counts (consultation_id, question_id, item_id, option_id, n) VALUES ${kValues.join(", ")} ON CONFLICT (consultation_id, question_id, item_id, option_id) DO UPDATE SET n = answer_counts.n + excluded.n`,
        kParams,
      );
      await c.query("DELETE FROM drafts WHERE id = $1", [draftId]);
      await c.query("COMMIT");
      return true;
    } catch (error) {
      await c.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      c.release();
    }
  };
}

const store = /^postgres/.test(url) ? postgresStore(url) : sqliteStore(url);
const physical = /^postgres/.test(url) ? postgresPhysical(url) : sqlitePhysical(url);

http
  .createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      try {
        const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
        if (req.url === "/physical") {
          await physical(form.get("answers") ?? "");
          res.writeHead(302, { location: "/done" }).end();
          return;
        }
        const draftId = /(?:^|;\s*)d=([^;]+)/.exec(req.headers.cookie ?? "")?.[1] ?? "";
        const ok = await store(draftId, form.get("_token") ?? "");
        res.writeHead(ok ? 302 : 400, ok ? { location: "/done" } : {}).end();
      } catch (error) {
        console.error(error);
        res.writeHead(500).end();
      }
    });
  })
  .listen(port, "127.0.0.1", () => console.log(`baseline listening on ${port}`));
