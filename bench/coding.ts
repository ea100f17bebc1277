/**
 * npm run bench -- --only coding [--coding-answers 100000]
 *
 * Coding written answers at scale, on one SQLite file: training and scoring suggestions for
 * 10,000 answers, and the coding workspace page and the coded-theme figures at N answers (60%
 * coded), each beside a plain SQL count of the same codings.
 */
import { randomBytes, randomUUID } from "node:crypto";
import SQLite from "better-sqlite3";
import { createDb } from "../db/connection";
import { setupDatabase } from "../db/setup";
import { demoComment } from "../db/demo-comments";
import { seededRandom } from "../db/seeded-random";
import { POLICING_CODEBOOK } from "../app/coding/policing-codebook";
import { termSet } from "../app/coding/text";
import { createConsultation } from "../app/models/consultation.server";
import { createCodebook } from "../app/models/coding.server";
import { refreshSuggestions, suggestFor } from "../app/models/coding-analysis.server";
import { loadQuestionThemes } from "../app/coding/themes.server";
import type { ConsultationDefinition } from "../app/definition/definition";

const DEFINITION = {
  estimatedMinutes: 2,
  pages: [
    {
      id: "p1",
      title: "Views",
      questions: [
        { id: "area", type: "single_choice", title: "Where do you live?", required: false, options: [{ id: "town", label: "Town" }, { id: "country", label: "Countryside" }] },
        { id: "comments", type: "free_text", title: "Anything else?", required: false, maxLength: 2000 },
      ],
    },
  ],
} as const;

/** N responses with a comment each, the first `coded` share coded (main pass) as the generator intends. */
export async function loadCodingBench(file: string, { n, coded, slug }: { n: number; coded: number; slug: string }) {
  const handle = createDb(file);
  await setupDatabase(handle.db, { seed: false });
  const { id } = await createConsultation(handle.db, { slug, title: slug, summary: "Bench", kind: "survey", status: "live", opensAt: null, closesAt: null, definition: DEFINITION as never });
  const created = await createCodebook(handle.db, { consultationId: id, file: POLICING_CODEBOOK, staff: null, source: "the starting policing codebook" });
  if (!created.ok) throw new Error(created.message);
  const version = (await handle.db.selectFrom("consultations").select("current_version_id").where("id", "=", id).executeTakeFirstOrThrow()).current_version_id!;
  await handle.close();
  const codeId = new Map(created.codebook.codes.map((c) => [c.key, c.id]));

  const db = new SQLite(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const rng = seededRandom(31);
  const prefix = randomBytes(4).toString("hex");
  const day = new Date().toISOString().slice(0, 10);
  const insResponse = db.prepare("INSERT INTO responses (id, consultation_id, version_id, channel, submitted_on, status, excluded_reason, answers_json) VALUES (?, ?, ?, ?, ?, 'counted', NULL, ?)");
  const insAnswer = db.prepare("INSERT INTO answers (response_id, consultation_id, question_id, item_id, option_id, value_num, value_text) VALUES (?, ?, ?, '', ?, NULL, ?)");
  const insCoded = db.prepare("INSERT INTO coded_answers (consultation_id, question_id, response_id, pass, coder_id, coded_at, stance, evidence_rich, excerpt, settled_by, settled_at) VALUES (?, 'comments', ?, 'main', 'bench', ?, NULL, 0, NULL, NULL, NULL)");
  const insCoding = db.prepare("INSERT INTO codings (consultation_id, question_id, response_id, pass, code_id) VALUES (?, 'comments', ?, 'main', ?)");
  const counts = { town: 0, country: 0, online: 0, paper: 0 };
  const at = new Date().toISOString();
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const rid = `${prefix}-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;
      const comment = demoComment(rng);
      const area = rng() < 0.7 ? "town" : "country";
      const channel = i % 10 === 0 ? "paper" : "online";
      counts[area]++;
      counts[channel]++;
      insResponse.run(rid, id, version, channel, day, JSON.stringify({ area: { type: "single_choice", option: area }, comments: { type: "free_text", text: comment.text, redacted: [] } }));
      insAnswer.run(rid, id, "area", area, null);
      insAnswer.run(rid, id, "comments", "", comment.text);
      // Coded answers are spread through the list, as least-certain-first coding leaves them.
      if (rng() < coded) {
        insCoded.run(id, rid, at);
        for (const k of comment.codes) insCoding.run(id, rid, codeId.get(k)!);
      }
    }
    const upsert = db.prepare("INSERT INTO answer_counts (consultation_id, question_id, item_id, option_id, n) VALUES (?, ?, '', ?, ?)");
    for (const [q, o, c] of [
      ["area", "*", n],
      ["area", "town", counts.town],
      ["area", "country", counts.country],
      ["comments", "*", n],
      ["_responses", "*", n],
      ["_responses", "online", counts.online],
      ["_responses", "paper", counts.paper],
    ] as const)
      upsert.run(id, q, o, c);
  })();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return { consultationId: id };
}

/** The plain SQL an analyst would write for the same figures: codings per code, best of 3. */
function sqlCountBaseline(file: string, consultationId: string) {
  const db = new SQLite(file, { readonly: true });
  const q = db.prepare("SELECT code_id, count(*) AS n FROM codings WHERE consultation_id = ? AND question_id = 'comments' AND pass = 'main' GROUP BY code_id");
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    q.all(consultationId);
    runs.push(performance.now() - t);
  }
  db.close();
  return Math.min(...runs);
}

export interface CodingBenchRow {
  measure: string;
  app: string;
  baseline: string;
  ratio: string;
  target: string;
}

export async function codingBench({
  dataFile,
  answers,
  startServer,
  timePage,
  log,
}: {
  dataFile: (name: string) => string;
  answers: number;
  /** Starts the app on a file; returns its base URL, a staff cookie (null if none) and a stop function. */
  startServer: (file: string) => Promise<{ url: string; cookie: string | null; stop: () => Promise<void> }>;
  timePage: (url: string, headers?: Record<string, string>) => Promise<{ medianMs: number; samples: number; status: number }>;
  log: (...a: unknown[]) => void;
}): Promise<{ rows: CodingBenchRow[]; results: Record<string, unknown> }> {
  const rows: CodingBenchRow[] = [];
  const fmt = (x: number, d = 0) => x.toLocaleString("en-GB", { maximumFractionDigits: d, minimumFractionDigits: d });
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : "n/a");

  // 1. Suggestions for 10,000 answers, 30% coded: in process, then through the repository.
  const SUGGEST_N = 10_000;
  const rng = seededRandom(7);
  const sample = Array.from({ length: SUGGEST_N }, (_, i) => {
    const c = demoComment(rng);
    return { responseId: `r${i}`, text: c.text, coded: i < SUGGEST_N * 0.3, codes: new Set(c.codes) };
  });
  const { codesFromFile } = await import("../app/coding/codebook");
  const codes = codesFromFile(POLICING_CODEBOOK, randomUUID);
  const keyToId = new Map(codes.map((c) => [c.key, c.id]));
  for (const a of sample) a.codes = new Set([...a.codes].map((k) => keyToId.get(k)!));
  let t = performance.now();
  for (const a of sample) termSet(a.text);
  const tokenMs = performance.now() - t;
  t = performance.now();
  suggestFor(codes, sample);
  const pureMs = performance.now() - t;
  rows.push({
    measure: `suggestions: train on 3,000 coded + score 7,000 (rules, naive Bayes, 5-fold CV with bootstrap), in process`,
    app: `${fmt(pureMs / 1000, 2)} s`,
    baseline: `${fmt(tokenMs, 0)} ms tokenising alone`,
    ratio: ratio(pureMs, tokenMs),
    target: "≤ 5 s",
  });
  const small = dataFile("coding-10k");
  const { consultationId: smallId } = await loadCodingBench(small, { n: SUGGEST_N, coded: 0.3, slug: "bench-coding-10k" });
  const h = createDb(small);
  t = performance.now();
  const run = await refreshSuggestions(h.db, { consultationId: smallId, questionId: "comments", staff: null });
  const refreshMs = performance.now() - t;
  await h.close();
  rows.push({
    measure: `suggestions for ${fmt(SUGGEST_N)} answers from the database, stored (F1 ${run.overall.f1?.toFixed(2)})`,
    app: `${fmt(refreshMs / 1000, 2)} s`,
    baseline: `${fmt(pureMs / 1000, 2)} s in process`,
    ratio: ratio(refreshMs, pureMs),
    target: "≤ 5 s",
  });

  // 2. The workspace and the theme figures at N answers, 60% coded.
  const file = dataFile("coding");
  log(`coding: loading ${fmt(answers)} written answers, 60% coded`);
  const { consultationId } = await loadCodingBench(file, { n: answers, coded: 0.6, slug: "bench-coding" });
  const sqlMs = sqlCountBaseline(file, consultationId);
  const handle = createDb(file);
  const definition = DEFINITION as unknown as ConsultationDefinition;
  const figures: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    await loadQuestionThemes(handle.db, { consultationId, definition, questionId: "comments", threshold: 10 });
    figures.push(performance.now() - t);
  }
  await handle.close();
  const figuresMs = figures.sort((a, b) => a - b)[2];
  rows.push({
    measure: `coded-theme figures at ${fmt(answers)} answers (counts, groups, reliability, suppression), median of 5`,
    app: `${fmt(figuresMs, 1)} ms`,
    baseline: `${fmt(sqlMs, 1)} ms SQL count per code`,
    ratio: ratio(figuresMs, sqlMs),
    target: "≤ 250 ms",
  });
  const server = await startServer(file);
  try {
    if (!server.cookie) {
      rows.push({ measure: "coding pages over HTTP", app: "not measured (no staff sign-in)", baseline: "", ratio: "", target: "" });
    } else {
      const base = `${server.url}/staff/consultations/${consultationId}/coding/questions/comments`;
      const pages = [
        { name: "workspace page (next uncoded answer)", path: base },
        { name: "workspace page, searched for speed*", path: `${base}?status=all&q=${encodeURIComponent("speed*")}` },
        { name: "themes page (figures)", path: `${base}/themes` },
        { name: "themes page as published, by area", path: `${base}/themes?published=1&by=${encodeURIComponent("area|")}` },
      ];
      for (const p of pages) {
        const r = await timePage(p.path, { cookie: server.cookie });
        rows.push({
          measure: `${p.name} at ${fmt(answers)} answers, median of ${r.samples} (status ${r.status})`,
          app: `${fmt(r.medianMs, 1)} ms`,
          baseline: `${fmt(sqlMs, 1)} ms SQL count per code`,
          ratio: ratio(r.medianMs, sqlMs),
          target: "≤ 250 ms",
        });
      }
    }
  } finally {
    await server.stop();
  }
  return { rows, results: { suggestions: { pureMs, tokenMs, refreshMs, f1: run.overall }, figuresMs, sqlMs } };
}
