import fs from "node:fs";
import { once } from "node:events";
import SQLite from "better-sqlite3";
import { stringify } from "csv-stringify";
import type { AnswerValue } from "../app/responding/answers";
import { benchDefinition } from "./consultation";

/** Raw baselines read straight from the SQLite file with better-sqlite3, and request timing. */

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The plain SQL GROUP BY an analyst would write: counts per question, item and option over the
 * consultation's answer rows (the migration's covering index serves it). Also checks the
 * maintained counts against it, option by option.
 */
export function groupByBaseline(file: string, consultationId: string) {
  const db = new SQLite(file, { readonly: true });
  const query = db.prepare(
    "SELECT question_id, item_id, option_id, count(*) AS n FROM answers WHERE consultation_id = ? AND option_id <> '' GROUP BY question_id, item_id, option_id",
  );
  const runs: number[] = [];
  let rows: { question_id: string; item_id: string; option_id: string; n: number }[] = [];
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    rows = query.all(consultationId) as typeof rows;
    runs.push(performance.now() - t);
  }
  const maintained = db
    .prepare("SELECT question_id, item_id, option_id, n FROM answer_counts WHERE consultation_id = ? AND option_id <> '*' AND question_id <> '_responses'")
    .all(consultationId) as typeof rows;
  db.close();
  const key = (r: (typeof rows)[number]) => `${r.question_id}|${r.item_id}|${r.option_id}|${r.n}`;
  const a = rows.map(key).sort();
  const b = maintained.map(key).sort();
  return { runsMs: runs, bestMs: Math.min(...runs), groups: rows.length, countsEqual: a.length === b.length && a.every((k, i) => k === b[i]) };
}

function columns() {
  const cols: { header: string; get: (a: AnswerValue | undefined) => string | number | undefined }[] = [];
  for (const page of benchDefinition.pages) {
    for (const q of page.questions) {
      switch (q.type) {
        case "single_choice":
        case "scale":
          cols.push({ header: q.id, get: (a) => (a && "option" in a ? a.option : undefined) });
          break;
        case "multiple_choice":
          cols.push({ header: q.id, get: (a) => (a?.type === "multiple_choice" ? a.options.join(";") : undefined) });
          break;
        case "matrix":
          for (const it of q.items) cols.push({ header: `${q.id}.${it.id}`, get: (a) => (a?.type === "matrix" ? a.items[it.id] : undefined) });
          break;
        case "ranking":
          for (const it of q.items) cols.push({ header: `${q.id}.${it.id}`, get: (a) => (a?.type === "ranking" ? a.ranks[it.id] : undefined) });
          break;
        case "precept":
          for (const p of q.proposals) cols.push({ header: `${q.id}.${p.id}`, get: (a) => (a?.type === "precept" ? a.items?.[p.id] : undefined) });
          break;
        case "number":
          cols.push({ header: q.id, get: (a) => (a?.type === "number" ? a.value : undefined) });
          break;
        case "postcode":
          cols.push({ header: `${q.id}.district`, get: (a) => (a?.type === "postcode" ? a.outward : undefined) });
          cols.push({ header: `${q.id}.authority`, get: (a) => (a?.type === "postcode" ? a.authority : undefined) });
          cols.push({ header: `${q.id}.area`, get: (a) => (a?.type === "postcode" ? a.area : undefined) });
          break;
        case "about_you":
          for (const f of q.fields) cols.push({ header: `${q.id}.${f}`, get: (a) => (a?.type === "about_you" ? a.items[f] : undefined) });
          break;
        case "free_text":
          cols.push({ header: q.id, get: (a) => (a?.type === "free_text" ? a.text : undefined) });
          break;
      }
    }
  }
  return cols;
}

/** Reads every response from the file and writes it as CSV (csv-stringify) straight to a file. */
export async function exportBaseline(file: string, consultationId: string, outFile: string) {
  const started = performance.now();
  const db = new SQLite(file, { readonly: true });
  const cols = columns();
  const out = fs.createWriteStream(outFile);
  const csv = stringify({ header: true, columns: ["response_id", "submitted_on", "channel", ...cols.map((c) => c.header)] });
  csv.pipe(out);
  let n = 0;
  const rows = db.prepare("SELECT id, submitted_on, channel, answers_json FROM responses WHERE consultation_id = ? AND status = 'counted' ORDER BY rowid").iterate(consultationId);
  for (const r of rows as Iterable<{ id: string; submitted_on: string; channel: string; answers_json: string }>) {
    const answers = JSON.parse(r.answers_json) as Record<string, AnswerValue>;
    const ok = csv.write([r.id, r.submitted_on, r.channel, ...cols.map((c) => c.get(answers[c.header.split(".")[0]]) ?? "")]);
    n++;
    if (!ok) await once(csv, "drain");
  }
  csv.end();
  await once(out, "finish");
  db.close();
  const seconds = (performance.now() - started) / 1000;
  const bytes = fs.statSync(outFile).size;
  fs.rmSync(outFile);
  return { responses: n, bytes, seconds, responsesPerSecond: n / seconds, mbPerSecond: bytes / 1e6 / seconds };
}

/** n sequential GETs after one warm-up; the median time to the last byte. */
export async function timeRequests(url: string, n: number, headers: Record<string, string> = {}) {
  let status = 0;
  const times: number[] = [];
  for (let i = 0; i <= n; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    status = res.status;
    if (i > 0) times.push(performance.now() - t);
  }
  return { status, samples: n, medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times) };
}
