/**
 * npm run bench [-- --responses 1000000 --db sqlite|postgres --duration 10 --connections 10,100]
 *                [--only submit,flows,results,export,weight,coding --coding-answers 100000]
 *
 * Builds the production server into its own directory, starts it on 127.0.0.1 on fresh
 * databases under bench/data/, and measures with autocannon (as a library) and plain HTTP.
 * Every figure stands beside a raw baseline measured in the same run, as a ratio, because
 * absolute times on a shared machine drift. Prints a table and writes bench/results.json.
 * A benchmark, not a test: it never fails on speed.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import http from "node:http";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import { createDb } from "../db/connection";
import { setupDatabase } from "../db/setup";
import { setResultsPublished } from "../app/models/consultation.server";
import { startApp, stopApp, type AppProcess } from "../tests/integration/helpers/app-server";
import { signInOverHttp } from "../tests/integration/helpers/staff";
import { Resident } from "../tests/integration/helpers/resident";
import { inParallel } from "../tests/integration/helpers/load";
import { answersFor, benchDefinition, BENCH_SLUG, createBenchConsultation, randomPageFields, seededRandom } from "./consultation";
import { bulkLoad } from "./bulk-load";
import { bulkLoadPostgres } from "./bulk-load-postgres";
import { buildColumns } from "../app/models/column-store.server";
import { recountSubgroup } from "../app/models/answer-counts.server";
import { countColumns, maskOf } from "../app/results/column-store";
import { sql } from "kysely";
import { exportBaseline, groupByBaseline, timeRequests } from "./measure";
import { questionPageWeight, resultsPageWeight } from "./page-weight";
import { codingBench } from "./coding";
import { disclosureBench } from "./disclosure-decision";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values: opts } = parseArgs({
  options: {
    responses: { type: "string", default: "1000000" },
    db: { type: "string", default: "sqlite" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10,100" },
    tokens: { type: "string" },
    "skip-build": { type: "boolean", default: false },
    "keep-data": { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    only: { type: "string" },
    port: { type: "string", default: "3178" },
    "coding-answers": { type: "string", default: "100000" },
  },
});
const RESPONSES = Number(opts.responses);
const DURATION = Number(opts.duration);
const CONNECTIONS = opts.connections!.split(",").map(Number);
const PORT = Number(opts.port);
const BASELINE_PORT = PORT + 1;
const sections = new Set((opts.only ?? "submit,flows,results,export,weight,coding,views,rows,disclosure").split(","));
const usePostgres = opts.db === "postgres";
const EXPORT_LIMIT_S = 300;
const pgAdmin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (usePostgres && !pgAdmin) throw new Error("--db postgres needs BENCH_DATABASE_URL or TEST_DATABASE_URL (a role that may create databases)");

const dataDir = path.join(ROOT, "bench/data", new Date().toISOString().replace(/[:.]/g, "-"));
fs.mkdirSync(dataDir, { recursive: true });
// BUILD_DIR keeps one engineer's bench build apart from another's on a shared machine.
const buildDir = process.env.BUILD_DIR ? path.resolve(process.env.BUILD_DIR) : path.join(os.tmpdir(), "yoursay-bench-build");
const log = (...a: unknown[]) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

interface Row {
  section: string;
  measure: string;
  app: string;
  baseline: string;
  ratio: string;
  target: string;
}
const rows: Row[] = [];
const results: Record<string, unknown> = {};
const fmt = (n: number, digits = 0) => n.toLocaleString("en-GB", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : "n/a");

// ---------------------------------------------------------------------------------------------
// Databases and processes

const pgDatabases: string[] = [];
async function freshDatabase(name: string, kind: "sqlite" | "postgres"): Promise<string> {
  if (kind === "sqlite") return path.join(dataDir, `${name}.sqlite`);
  const db = `yoursay_bench_${name.replace(/-/g, "_")}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: pgAdmin });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  await admin.end();
  pgDatabases.push(db);
  const url = new URL(pgAdmin!);
  url.pathname = `/${db}`;
  return url.toString();
}

async function prepareDatabase(url: string) {
  const handle = createDb(url);
  await setupDatabase(handle.db, { seed: false });
  const { id } = await createBenchConsultation(handle.db);
  const { current_version_id } = await handle.db.selectFrom("consultations").select("current_version_id").where("id", "=", id).executeTakeFirstOrThrow();
  const districts = new Map((await handle.db.selectFrom("postcode_districts").selectAll().execute()).map((d) => [d.outward, d]));
  await handle.close();
  return { consultationId: id, versionId: current_version_id!, ctx: { lookupDistrict: (o: string) => districts.get(o) ?? null } };
}

function startBaseline(url: string, answerRows: "inline" | "pending" = "pending"): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/baseline-server.ts"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", BASELINE_DB: url, PORT: String(BASELINE_PORT), BASELINE_ANSWER_ROWS: answerRows },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d) => String(d).includes("listening") && resolve(child));
    child.once("exit", (code) => reject(new Error(`baseline exited ${code}`)));
  });
}
const stopChild = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null ? r() : (c.once("exit", () => r()), c.kill("SIGKILL"))));

const appEnv: Record<string, string> = {
  // One worker per core, as production runs (the scale sections set 1: one request's work
  // happens on one worker whatever the number, and the export's memory is read from one process).
  WEB_CONCURRENCY: String(os.availableParallelism()),
  SEED_DEMO: "false",
  MIN_COMPLETION_SECONDS: "0",
  SUBMISSIONS_PER_CLIENT_PER_HOUR: "0",
};
// --profile: the app server writes a V8 CPU profile per run (open it in Chrome DevTools).
const nodeArgs = opts.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.join(dataDir, "profiles")}`] : [];

/** A profiled server must exit cleanly to write its profile; otherwise it is simply killed. */
async function stopServer(app: AppProcess) {
  if (!opts.profile || app.child.exitCode !== null) return stopApp(app);
  app.child.kill("SIGTERM");
  await app.exited;
  log(`CPU profiles in ${path.join(dataDir, "profiles")}`);
}

// ---------------------------------------------------------------------------------------------
// 1. Submission: only the final POST is timed; drafts and tokens are prepared through real HTTP.

interface Ticket {
  cookie: string;
  body: string;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]);
}

async function fire(url: string, tickets: Ticket[], connections: number) {
  let next = 0;
  const started = performance.now();
  // Exactly one request per prepared submission (no token is ever replayed), for at most
  // DURATION seconds; if the prepared ones run out first, the window is shorter and says so.
  const instance = autocannon({
    url,
    connections,
    amount: tickets.length,
    pipelining: 1,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        setupRequest: (req: autocannon.Request) => {
          const t = tickets[next++ % tickets.length];
          return { ...req, headers: { ...req.headers, cookie: t.cookie }, body: t.body };
        },
      },
    ],
  });
  // Latency is split: a connection's first request also waits for the server to take the new
  // connection, which a CPU-bound Node server does late (a bare node:http server spending 3 ms
  // per request showed first requests at 2 to 6 s and all others under 180 ms at 100
  // connections). A resident's submit arrives on the connection that fetched the check page, so
  // the target is read against requests on open connections; the first ones are shown apart.
  const seenClients = new WeakSet<object>();
  const warm: number[] = [];
  const first: number[] = [];
  instance.on("response", (client: object, _status: number, _bytes: number, ms: number) => {
    if (seenClients.has(client)) warm.push(ms);
    else {
      seenClients.add(client);
      first.push(ms);
    }
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    instance.stop();
  }, DURATION * 1000);
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    instance.on("done", resolve);
    instance.on("error", reject);
  });
  clearTimeout(timer);
  const seconds = (performance.now() - started) / 1000;
  const ok = r["3xx"];
  return {
    connections,
    seconds,
    acknowledged: ok,
    perSecond: ok / seconds,
    // All requests, as autocannon reports them.
    all: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    // Requests on connections already open, and each connection's first request.
    p50: percentile(warm, 0.5),
    p90: percentile(warm, 0.9),
    p99: percentile(warm, 0.99),
    // Not Math.max(...warm): a fast window holds more latencies than a call takes arguments.
    max: Math.round(warm.reduce((a, b) => Math.max(a, b), 0)),
    firstRequests: { n: first.length, p50: percentile(first, 0.5), max: Math.round(first.reduce((a, b) => Math.max(a, b), 0)) },
    errors: r.errors + r.timeouts + r["4xx"] + r["5xx"],
    ranOut: !timedOut,
  };
}

async function prepareAppTickets(base: string, n: number): Promise<Ticket[]> {
  const rng = seededRandom(7);
  const pages = Array.from({ length: n }, (_, i) => randomPageFields(rng, `bench resident ${i}`));
  const tickets: Ticket[] = new Array(n);
  let done = 0;
  const out = await inParallel(pages, 16, async (fields, i) => {
    const r = new Resident(base);
    await r.start(BENCH_SLUG);
    for (const { page, fields: f } of fields) await r.answer(`/consultations/${BENCH_SLUG}/questions/${page}`, f);
    const token = await r.token(BENCH_SLUG);
    tickets[i] = { cookie: r.draftCookie, body: new URLSearchParams([["_token", token], ["_website", ""]]).toString() };
    if (++done % 2000 === 0) log(`prepared ${done} of ${n} drafts and tokens`);
  });
  const failed = out.find((o) => o.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return tickets;
}

async function prepareBaselineTickets(url: string, prep: Awaited<ReturnType<typeof prepareDatabase>>, n: number): Promise<Ticket[]> {
  const rng = seededRandom(7);
  const drafts = Array.from({ length: n }, (_, i) => ({ id: randomUUID(), answers: JSON.stringify(answersFor(randomPageFields(rng, `bench resident ${i}`), prep.ctx)) }));
  const handle = createDb(url);
  const now = new Date();
  for (let i = 0; i < drafts.length; i += 500) {
    await handle.db
      .insertInto("drafts")
      .values(
        drafts.slice(i, i + 500).map((d) => ({
          id: d.id,
          consultation_id: prep.consultationId,
          version_id: prep.versionId,
          channel: "online",
          answers: d.answers,
          started_at: now.toISOString(),
          expires_at: new Date(now.getTime() + 86_400_000).toISOString(),
        })),
      )
      .execute();
  }
  await handle.close();
  return drafts.map((d) => ({ cookie: `d=${d.id}`, body: `_token=${randomBytes(16).toString("base64url")}&_website=` }));
}

/** Waits until every stored response has its answer rows (the app writes them after the submit). */
async function rowsWritten(url: string): Promise<void> {
  const handle = createDb(url);
  try {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (!(await handle.db.selectFrom("answer_rows_pending").select("seq").limit(1).executeTakeFirst())) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("answer rows still pending 60 s after the window");
  } finally {
    await handle.close();
  }
}

async function countResponses(url: string): Promise<number> {
  const handle = createDb(url);
  const row = await handle.db.selectFrom("responses").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  await handle.close();
  return Number(row.n);
}

// Complete flows/s with one worker (the flows section measures it when it runs first).
let flowRateForSizing = 20;

async function submissionSection() {
  const kind = usePostgres ? "postgres" : "sqlite";
  const appUrl = await freshDatabase("submit-app", kind);
  const baseUrl = await freshDatabase("submit-baseline", kind);
  await prepareDatabase(appUrl);
  const basePrep = await prepareDatabase(baseUrl);
  const app = await startApp({ buildDir, databaseUrl: appUrl, port: PORT, env: appEnv, nodeArgs });
  let baseline: ChildProcess | undefined;
  try {
    const flowRate = flowRateForSizing;
    // Preparing a submission costs about half of a complete flow, and the submit alone about a
    // tenth of it: prepare enough for the window with a margin (--tokens overrides). Should they
    // run out, the window is shorter and the table says so; the rate is over the real window.
    const perRun = Number(opts.tokens ?? 0) || Math.min(8_000, Math.max(300, Math.round(flowRate * 10 * DURATION * 1.3)));
    // The baseline's drafts are written straight to its database, so it gets plenty.
    const perRunBaseline = Math.max(perRun, DURATION * 6_000);
    log(`preparing ${perRun * CONNECTIONS.length} drafts and tokens through the real HTTP flow`);
    const prepStarted = performance.now();
    const appTickets = await prepareAppTickets(app.url, perRun * CONNECTIONS.length).catch((error) => {
      // A failed request says only its status; the server's own log says why.
      log(`the app's log ends:\n${app.output().slice(-4000)}`);
      throw error;
    });
    log(`prepared in ${((performance.now() - prepStarted) / 1000).toFixed(0)} s`);
    const baseTickets = await prepareBaselineTickets(baseUrl, basePrep, perRunBaseline * CONNECTIONS.length);
    // The physical limit's requests carry the answers themselves; a thousand distinct ones, reused.
    const rngPhysical = seededRandom(11);
    const distinct = Array.from({ length: 1000 }, (_, i) => ({
      cookie: "",
      body: new URLSearchParams([["answers", JSON.stringify(answersFor(randomPageFields(rngPhysical, `bench resident ${i}`), basePrep.ctx))]]).toString(),
    }));
    const physicalTickets = Array.from({ length: DURATION * 20_000 }, (_, i) => distinct[i % distinct.length]);
    const responsesBefore = await countResponses(appUrl);
    baseline = await startBaseline(baseUrl);
    const runs: unknown[] = [];
    for (const [i, c] of CONNECTIONS.entries()) {
      log(`submit: app at ${c} connections`);
      // CPU per stored response, the answer rows written after the window included: the app's
      // process tree from the window's start until no response is left without its rows.
      const appCpuBefore = treeCpuSeconds(app.child.pid!);
      const a = await fire(`${app.url}/consultations/${BENCH_SLUG}/check`, appTickets.slice(i * perRun, (i + 1) * perRun), c);
      await rowsWritten(appUrl);
      const appCpuMs = ((treeCpuSeconds(app.child.pid!) - appCpuBefore) * 1000) / Math.max(1, a.acknowledged);
      log(`submit: baseline at ${c} connections`);
      const baseCpuBefore = treeCpuSeconds(baseline.pid!);
      const b = await fire(`http://127.0.0.1:${BASELINE_PORT}/submit`, baseTickets.slice(i * perRunBaseline, (i + 1) * perRunBaseline), c);
      const baseCpuMs = ((treeCpuSeconds(baseline.pid!) - baseCpuBefore) * 1000) / Math.max(1, b.acknowledged);
      log(`submit: physical limit at ${c} connections`);
      const physCpuBefore = treeCpuSeconds(baseline.pid!);
      const p = await fire(`http://127.0.0.1:${BASELINE_PORT}/physical`, physicalTickets, c);
      const physCpuMs = ((treeCpuSeconds(baseline.pid!) - physCpuBefore) * 1000) / Math.max(1, p.acknowledged);
      runs.push({ app: { ...a, cpuMsPerResponse: appCpuMs }, baseline: { ...b, cpuMsPerResponse: baseCpuMs }, physical: { ...p, cpuMsPerResponse: physCpuMs } });
      const note = [a.ranOut ? `app ran out of prepared submissions after ${a.seconds.toFixed(1)} s` : "", b.ranOut ? `baseline after ${b.seconds.toFixed(1)} s` : ""].filter(Boolean).join("; ");
      const workers = appEnv.WEB_CONCURRENCY;
      rows.push({ section: `1 Submit (${kind})`, measure: `responses/s at ${c} connections, ${workers} workers, vs the physical limit (one row of answers per request)${note ? ` (${note})` : ""}`, app: fmt(a.perSecond), baseline: fmt(p.perSecond), ratio: ratio(a.perSecond, p.perSecond), target: c === 10 ? "≥ 0.25" : "" });
      rows.push({ section: `1 Submit (${kind})`, measure: `responses/s at ${c} connections vs a bare server making the app's own writes`, app: fmt(a.perSecond), baseline: fmt(b.perSecond), ratio: ratio(a.perSecond, b.perSecond), target: "" });
      rows.push({
        section: `1 Submit (${kind})`,
        measure: `server CPU ms per stored response at ${c} (answer rows written after included): app / physical limit; the same writes`,
        app: fmt(appCpuMs, 2),
        baseline: `${fmt(physCpuMs, 2)}; ${fmt(baseCpuMs, 2)}`,
        ratio: ratio(physCpuMs, appCpuMs),
        target: "",
      });
      rows.push({ section: `1 Submit (${kind})`, measure: `p50 / p99 latency ms at ${c}, open connections`, app: `${a.p50} / ${a.p99}`, baseline: `${b.p50} / ${b.p99}`, ratio: ratio(a.p99, b.p99), target: c >= 100 ? "p99 < 100 ms" : "" });
      rows.push({
        section: `1 Submit (${kind})`,
        measure: `first request on each of the ${c} new connections: p50 / max ms`,
        app: `${a.firstRequests.p50} / ${a.firstRequests.max}`,
        baseline: `${b.firstRequests.p50} / ${b.firstRequests.max}`,
        ratio: "",
        target: "",
      });
      rows.push({ section: `1 Submit (${kind})`, measure: `errors at ${c}`, app: String(a.errors), baseline: String(b.errors), ratio: "", target: "0" });
    }
    // Honesty check: every acknowledged submit is a stored response. Requests still in flight
    // when a window closes are stored without their acknowledgement being counted, so stored
    // may exceed acknowledged by at most the connections open at each window's end.
    await new Promise((r) => setTimeout(r, 1000));
    const stored = (await countResponses(appUrl)) - responsesBefore;
    const acked = (runs as { app: { acknowledged: number } }[]).reduce((s, r) => s + r.app.acknowledged, 0);
    const slack = CONNECTIONS.reduce((a, b) => a + b, 0);
    rows.push({
      section: `1 Submit (${kind})`,
      measure: "acknowledged ≤ stored ≤ acknowledged + in flight at window ends",
      app: `${fmt(acked)} ≤ ${fmt(stored)} ≤ ${fmt(acked + slack)}`,
      baseline: "",
      ratio: "",
      target: acked <= stored && stored <= acked + slack ? "holds" : "VIOLATED",
    });
    results.submission = { database: kind, perRunPrepared: perRun, perRunBaseline, runs, acknowledged: acked, stored };
  } finally {
    await stopServer(app);
    if (baseline) await stopChild(baseline);
  }
}

// Complete resident flows, as a browser without JavaScript: every page of the consultation, GET
// and POST, the check page, the submit and the thank-you page (13 requests). Measured with one
// worker process (WEB_CONCURRENCY=1, the baseline) and with one per core, each on a fresh
// database, after a warm-up, at FLOW_RESIDENTS residents at once.
const FLOW_RESIDENTS = [10, 50];

/** CPU seconds used so far by a process and every process under it (its workers). */
function treeCpuSeconds(rootPid: number): number {
  const tick = 100; // USER_HZ on Linux
  const stats = new Map<number, { ppid: number; cpu: number }>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name (which may hold spaces) in parentheses.
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      stats.set(Number(entry), { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / tick });
    } catch {
      // Gone meanwhile.
    }
  }
  let total = 0;
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.pop()!;
    total += stats.get(pid)?.cpu ?? 0;
    for (const [child, s] of stats) if (s.ppid === pid) queue.push(child);
  }
  return total;
}

async function runFlows(app: AppProcess, residents: number, seconds: number, seed: number) {
  const rng = seededRandom(seed);
  const times: number[] = [];
  let failures = 0;
  const until = performance.now() + seconds * 1000;
  const cpuBefore = treeCpuSeconds(app.child.pid!);
  const worker = async (w: number) => {
    for (let i = 0; performance.now() < until; i++) {
      const started = performance.now();
      try {
        const r = new Resident(app.url);
        await r.request("GET", `/consultations/${BENCH_SLUG}`);
        await r.start(BENCH_SLUG);
        for (const { page, fields } of randomPageFields(rng, `flow ${seed} ${w}-${i}`)) {
          await r.request("GET", `/consultations/${BENCH_SLUG}/questions/${page}`);
          await r.answer(`/consultations/${BENCH_SLUG}/questions/${page}`, fields);
        }
        const reply = await r.submit(BENCH_SLUG, await r.token(BENCH_SLUG));
        if (reply.status !== 302) throw new Error(`submit ${reply.status}`);
        await r.request("GET", reply.location!);
        times.push(performance.now() - started);
      } catch {
        failures++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: residents }, (_, w) => worker(w)));
  const elapsed = (performance.now() - started) / 1000;
  const cpu = treeCpuSeconds(app.child.pid!) - cpuBefore;
  return {
    residents,
    completed: times.length,
    failures,
    seconds: elapsed,
    perSecond: times.length / elapsed,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    cpuMsPerFlow: times.length ? (cpu * 1000) / times.length : 0,
    cpuCoresUsed: cpu / elapsed,
  };
}

async function flowsSection() {
  const kind = usePostgres ? "postgres" : "sqlite";
  const perCore = os.availableParallelism();
  const configs = [...new Set([1, perCore])];
  const warmup = Math.min(5, Math.max(2, DURATION / 3));
  const measured: Record<string, Awaited<ReturnType<typeof runFlows>>[]> = {};
  // Both servers up at once (one idles while the other is measured), windows alternating, so
  // that a machine whose load drifts treats both alike.
  const apps = new Map<number, AppProcess>();
  try {
    for (const [i, workers] of configs.entries()) {
      const url = await freshDatabase(`flows-${workers}`, kind);
      await prepareDatabase(url);
      // PORT + 1 is the submit baseline's.
      const port = i === 0 ? PORT : PORT + 1 + i;
      apps.set(workers, await startApp({ buildDir, databaseUrl: url, port, env: { ...appEnv, WEB_CONCURRENCY: String(workers) }, nodeArgs }));
    }
    for (const workers of configs) {
      log(`flows: WEB_CONCURRENCY=${workers}, ${warmup} s warm-up`);
      await runFlows(apps.get(workers)!, 10, warmup, 1);
      measured[workers] = [];
    }
    for (const residents of FLOW_RESIDENTS) {
      for (const workers of configs) {
        log(`flows: WEB_CONCURRENCY=${workers}, ${residents} residents for ${DURATION} s`);
        measured[workers].push(await runFlows(apps.get(workers)!, residents, DURATION, 100 + residents));
      }
    }
  } finally {
    for (const app of apps.values()) await stopServer(app);
  }
  const one = measured[1];
  for (const [i, residents] of FLOW_RESIDENTS.entries()) {
    for (const workers of configs) {
      const r = measured[workers][i];
      const base = one[i];
      const label = `WEB_CONCURRENCY=${workers}${workers === perCore && perCore > 1 ? " (one per core)" : ""}`;
      const section = `1 Flows (${kind})`;
      rows.push({ section, measure: `complete no-JS flows/s, ${residents} residents, ${label}${r.failures ? `, ${r.failures} failed` : ""}`, app: fmt(r.perSecond, 1), baseline: `${fmt(base.perSecond, 1)} (1 worker)`, ratio: ratio(r.perSecond, base.perSecond), target: workers > 1 ? "≥ 1.8" : "" });
      rows.push({ section, measure: `  flow p50 / p99 ms (13 requests), ${label}`, app: `${r.p50} / ${r.p99}`, baseline: `${base.p50} / ${base.p99}`, ratio: ratio(r.p99, base.p99), target: "" });
      rows.push({ section, measure: `  server CPU ms per flow (cores busy), ${label}`, app: `${fmt(r.cpuMsPerFlow, 1)} (${fmt(r.cpuCoresUsed, 2)})`, baseline: `${fmt(base.cpuMsPerFlow, 1)} (${fmt(base.cpuCoresUsed, 2)})`, ratio: ratio(r.cpuMsPerFlow, base.cpuMsPerFlow), target: "" });
    }
  }
  results.flows = { database: kind, warmupSeconds: warmup, requestsPerFlow: 13, byWorkers: measured };
  // Submit sizes its prepared submissions from this.
  return one[0].perSecond;
}

// ---------------------------------------------------------------------------------------------
// 2-4. Results at scale, export, page weight: one SQLite file with RESPONSES responses.

const ANALYST = { email: "bench-analyst@yoursay.example", password: `bench-${randomBytes(12).toString("hex")}` };

function createAnalyst(url: string): boolean {
  const created = spawnSync(process.execPath, ["--import", "tsx", "scripts/staff-create.ts", "--email", ANALYST.email, "--role", "analyst"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", SESSION_SECRET: "bench-secret-bench-secret-bench-secret-0123", DATABASE_URL: url, STAFF_PASSWORD: ANALYST.password },
    encoding: "utf8",
  });
  if (created.status !== 0) log(`staff:create failed, staff pages not measured: ${created.stderr || created.stdout}`);
  return created.status === 0;
}

async function signIn(app: AppProcess): Promise<string | null> {
  const { jar, res } = await signInOverHttp(app.url, ANALYST.email, ANALYST.password);
  const cookie = jar.only(/yoursay_staff$/);
  if (res.status !== 302 || !cookie) {
    log(`staff login failed (${res.status}), staff pages not measured`);
    return null;
  }
  return cookie;
}

async function staffCookie(app: AppProcess, url: string): Promise<string | null> {
  return createAnalyst(url) ? signIn(app) : null;
}

async function scaleSections() {
  const file = await freshDatabase("results", "sqlite");
  const prep = await prepareDatabase(file);
  log(`bulk loading ${fmt(RESPONSES)} responses × 25 answers`);
  const load = bulkLoad(file, { consultationId: prep.consultationId, versionId: prep.versionId, n: RESPONSES, onProgress: (d) => d % 200_000 === 0 && log(`  ${fmt(d)} loaded`) });
  rows.push({ section: "2 Results", measure: `bulk load ${fmt(RESPONSES)} × 25 answers`, app: `${fmt(load.seconds, 1)} s`, baseline: "", ratio: "", target: "" });
  results.bulkLoad = { ...load, responsesPerSecond: load.responses / load.seconds, fileBytes: fs.statSync(file).size };

  const app = await startApp({ buildDir, databaseUrl: file, port: PORT, env: { ...appEnv, SUPPRESSION_THRESHOLD: "10", WEB_CONCURRENCY: "1" }, nodeArgs });
  let cookie: string | null = null;
  try {
    cookie = await staffCookie(app, file);
    // The resident page is weighed while the consultation is open; publishing results closes it.
    const question = sections.has("weight") ? await questionPageWeight(app.url, BENCH_SLUG, benchDefinition.pages[0].id) : undefined;
    const handle = createDb(file);
    await setResultsPublished(handle.db, { id: prep.consultationId, whatWeDid: null, published: true });
    await handle.close();
    if (sections.has("results")) {
      log("results: plain SQL GROUP BY baseline");
      const baseline = groupByBaseline(file, prep.consultationId);
      results.groupBy = baseline;
      const targets: { name: string; path: string; headers?: Record<string, string> }[] = [
        { name: "public results page", path: `/consultations/${BENCH_SLUG}/results` },
        { name: "public results JSON (Remix data)", path: `/consultations/${BENCH_SLUG}/results?_data=${encodeURIComponent("routes/consultations.$slug.results")}` },
      ];
      if (cookie) targets.unshift({ name: "analyst results page", path: `/staff/consultations/${prep.consultationId}/results`, headers: { cookie } });
      const timed: Record<string, unknown> = {};
      for (const t of targets) {
        const r = await timeRequests(app.url + t.path, 10, t.headers);
        timed[t.name] = r;
        rows.push({
          section: "2 Results",
          measure: `${t.name}, median of ${r.samples} (status ${r.status})`,
          app: `${fmt(r.medianMs, 1)} ms`,
          baseline: `${fmt(baseline.bestMs, 0)} ms GROUP BY (best of 2)`,
          ratio: ratio(r.medianMs, baseline.bestMs),
          target: t.name.includes("page") ? "≤ 250 ms" : "",
        });
      }
      rows.push({ section: "2 Results", measure: "maintained counts equal the GROUP BY recount", app: baseline.countsEqual ? "yes" : "NO", baseline: "", ratio: "", target: "yes" });
      results.results = { timed, staffPagesMeasured: Boolean(cookie) };
    }
    if (question) {
      const w = { ...question, ...(await resultsPageWeight(app.url, BENCH_SLUG, cookie ? { path: `/staff/consultations/${prep.consultationId}/results`, cookie } : undefined)) };
      results.pageWeight = w;
      const kb = (b: number) => `${fmt(b / 1024, 1)} KB`;
      rows.push({ section: "4 Page weight", measure: "question page HTML + CSS, gzip (no JavaScript)", app: kb(w.question.html + w.css), baseline: "60 KB budget", ratio: ratio(w.question.html + w.css, 60 * 1024), target: "≤ 1.00" });
      rows.push({ section: "4 Page weight", measure: "question page with JavaScript, gzip", app: kb(w.question.html + w.css + w.js), baseline: "", ratio: "", target: "" });
      rows.push({ section: "4 Page weight", measure: "public results page HTML + CSS (+ JS), gzip", app: `${kb(w.results.html + w.css)} (+ ${kb(w.js)})`, baseline: "", ratio: "", target: "" });
      if (w.staffResults) rows.push({ section: "4 Page weight", measure: "analyst results page HTML + CSS, gzip", app: kb(w.staffResults.html + w.css), baseline: "", ratio: "", target: "" });
      rows.push({ section: "4 Page weight", measure: "render-blocking scripts before first paint", app: String(w.renderBlockingScripts), baseline: "", ratio: "", target: "0" });
    }
    // Last: a server still busy with an abandoned export must not delay the other figures.
    if (sections.has("export")) {
      try {
        await exportSection(app, file, prep.consultationId, cookie);
      } catch (error) {
        rows.push({ section: "3 Export", measure: `FAILED: ${String((error as Error).message).slice(0, 120)}`, app: "", baseline: "", ratio: "", target: "" });
      }
    }
  } finally {
    await stopServer(app);
  }
  if (sections.has("views")) await viewsSection("sqlite", file, prep.consultationId, cookie !== null);
}

async function exportSection(app: AppProcess, file: string, consultationId: string, cookie: string | null) {
  log("export: csv-stringify baseline");
  const baseline = await exportBaseline(file, consultationId, path.join(dataDir, "baseline-export.csv"));
  results.exportBaseline = baseline;
  if (!cookie) {
    rows.push({ section: "3 Export", measure: "responses CSV over HTTP", app: "not measured (no staff sign-in)", baseline: `${fmt(baseline.responsesPerSecond)} responses/s`, ratio: "", target: "" });
    return;
  }
  log(`export: responses.csv over HTTP (given up after ${EXPORT_LIMIT_S} s)`);
  const pid = app.child.pid!;
  let peakRss = 0;
  const poll = setInterval(() => {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    peakRss = Math.max(peakRss, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024);
  }, 50);
  const started = performance.now();
  let bytes = 0;
  let lines = 0;
  let firstByteMs = 0;
  // node:http rather than fetch: no headers timeout, so a slow first byte is measured, not fatal.
  const { status, complete } = await new Promise<{ status: number; complete: boolean }>((resolve, reject) => {
    const req = http.get(`${app.url}/staff/consultations/${consultationId}/export/responses.csv`, { headers: { cookie } }, (res) => {
      res.on("data", (d: Buffer) => {
        if (!firstByteMs) firstByteMs = performance.now() - started;
        bytes += d.length;
        for (let i = 0; i < d.length; i++) if (d[i] === 10) lines++;
      });
      res.on("end", () => resolve({ status: res.statusCode!, complete: true }));
      res.on("error", () => resolve({ status: res.statusCode!, complete: false }));
    });
    req.on("error", reject);
    setTimeout(() => {
      req.destroy();
      resolve({ status: 0, complete: false });
    }, EXPORT_LIMIT_S * 1000).unref();
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(poll);
  const res = { status };
  // Rows are responses (a quoted free-text answer could hold a newline; the bench's do not).
  const responses = lines - 1;
  const perSecond = responses / seconds;
  results.export = { status: res.status, complete, firstByteMs, bytes, responses, seconds, responsesPerSecond: perSecond, mbPerSecond: bytes / 1e6 / seconds, peakRssBytes: peakRss };
  if (!complete) {
    rows.push({ section: "3 Export", measure: `responses.csv over HTTP: NOT FINISHED within ${EXPORT_LIMIT_S} s`, app: `${fmt(Math.max(0, responses))} responses received, first byte after ${fmt(firstByteMs / 1000, 1)} s`, baseline: `${fmt(baseline.seconds, 1)} s for all`, ratio: "", target: "≤ 40 s" });
    rows.push({ section: "3 Export", measure: "server peak RSS during the export", app: `${fmt(peakRss / 1048576)} MB`, baseline: "", ratio: "", target: "< 300 MB" });
    return;
  }
  rows.push({ section: "3 Export", measure: `responses.csv over HTTP (status ${res.status}, first byte ${fmt(firstByteMs / 1000, 1)} s): responses/s`, app: fmt(perSecond), baseline: fmt(baseline.responsesPerSecond), ratio: ratio(perSecond, baseline.responsesPerSecond), target: "≥ 0.7" });
  rows.push({ section: "3 Export", measure: "MB/s", app: fmt(bytes / 1e6 / seconds, 1), baseline: fmt(baseline.mbPerSecond, 1), ratio: ratio(bytes / seconds, baseline.bytes / baseline.seconds), target: "" });
  rows.push({ section: "3 Export", measure: `all ${fmt(responses)} responses`, app: `${fmt(seconds, 1)} s`, baseline: `${fmt(baseline.seconds, 1)} s`, ratio: ratio(seconds, baseline.seconds), target: "≤ 40 s" });
  rows.push({ section: "3 Export", measure: "server peak RSS during the export", app: `${fmt(peakRss / 1048576)} MB`, baseline: "", ratio: "", target: "< 300 MB" });
}


// ---------------------------------------------------------------------------------------------
// 6. Analyst views at scale: subgroup, breakdown, weighted results, who responded.

const VIEW_FILTER = { questionId: "about_you", itemId: "age", optionIds: ["25_34"] };

const BASELINE_LIMIT_S = 600;

/** A baseline's milliseconds, or Infinity when it was stopped at the limit. */
function viewBaseline(url: string, consultationId: string, view: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/view-baselines.ts", url, consultationId, view], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout!.on("data", (d) => (out += String(d)));
    const timer = setTimeout(() => child.kill("SIGKILL"), BASELINE_LIMIT_S * 1000);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (signal === "SIGKILL") resolve(Infinity);
      else if (code === 0) resolve(Number(out.trim()));
      else reject(new Error(`baseline ${view} exited ${code}`));
    });
  });
}

const baselineText = (ms: number) => (Number.isFinite(ms) ? `${fmt(ms, 0)} ms GROUP BY` : `> ${fmt(BASELINE_LIMIT_S * 1000, 0)} ms GROUP BY (stopped)`);
const baselineRatio = (ms: number, base: number) => (Number.isFinite(base) ? ratio(ms, base) : `< ${ratio(ms, BASELINE_LIMIT_S * 1000)}`);

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await run();
  return { ms: performance.now() - t, value };
}

/**
 * Each view is measured on a freshly started server (its first view loads the saved column
 * store), then asked again five times; beside it, the plain SQL GROUP BY of the same figures
 * over the answer rows, run once.
 */
async function viewsSection(kind: "sqlite" | "postgres", url: string, consultationId: string, hasAnalyst: boolean) {
  const section = `6 Views (${kind})`;
  const handle = createDb(url);
  try {
    log(`${section}: building the column store from the stored answers`);
    const build = await timed(() => buildColumns(handle.db, consultationId));
    rows.push({ section, measure: `column store built once from ${fmt(build.value.n)} stored answers (answers_json), then saved`, app: `${fmt(build.ms / 1000, 1)} s`, baseline: "", ratio: "", target: "" });
    const stored = await handle.db.selectFrom("column_store_chunks").select((eb) => eb.fn.sum<number>(sql`length(data)`).as("bytes")).where("consultation_id", "=", consultationId).executeTakeFirst();
    rows.push({ section, measure: "saved column store, compressed", app: `${fmt(Number(stored?.bytes ?? 0) / 1e6, 1)} MB`, baseline: "", ratio: "", target: "" });
    const same = JSON.stringify(countColumns(build.value, maskOf(build.value, VIEW_FILTER, "_channel")).map((r) => `${r.question_id}|${r.item_id}|${r.option_id}|${r.n}`).sort());
    const recount = await recountSubgroup(handle.db, { consultationId, filter: VIEW_FILTER });
    const equal = JSON.stringify(recount.map((r) => `${r.question_id}|${r.item_id}|${r.option_id}|${Number(r.n)}`).sort()) === same;
    log(`${section}: plain SQL GROUP BY baselines (each stopped after ${BASELINE_LIMIT_S} s)`);
    const baseline = (view: string) => viewBaseline(url, consultationId, view);
    const baselines = { subgroup: await baseline("subgroup"), breakdown: await baseline("breakdown"), weighted: await baseline("weighted"), whoResponded: await baseline("who") };
    results.views = { buildMs: build.ms, baselines, subgroupEqualsRecount: equal };
    rows.push({ section, measure: "subgroup from the column store equals the GROUP BY recount", app: equal ? "yes" : "NO", baseline: "", ratio: "", target: "yes" });
    if (!hasAnalyst) return;
    const base = `/staff/consultations/${consultationId}/results`;
    const views = [
      { name: "subgroup filter (aged 25 to 34)", path: `${base}?filter=${encodeURIComponent("about_you|age|25_34")}`, baseline: baselines.subgroup },
      { name: "breakdown by sex", path: `${base}?by=${encodeURIComponent("about_you|sex")}`, baseline: baselines.breakdown },
      { name: "weighted results (authority and sex)", path: `${base}?weight=authority&weight=sex`, baseline: baselines.weighted },
      { name: "who responded (the results page)", path: base, baseline: baselines.whoResponded },
    ];
    const measured: Record<string, unknown> = {};
    const get = async (app: AppProcess, cookie: string, path: string) =>
      (
        await timed(async () => {
          const res = await fetch(app.url + path, { headers: { cookie } });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`${path}: status ${res.status}`);
        })
      ).ms;
    // One worker, as for the other scale sections: with several, the "store in memory" request
    // could reach a worker the warming request never did, and be a cold one after all.
    const env = { ...appEnv, WEB_CONCURRENCY: "1" };
    for (const v of views) {
      // Cold: the first request of a restarted server, which loads the saved column store.
      let app = await startApp({ buildDir, databaseUrl: url, port: PORT, env, nodeArgs });
      let cold: number;
      try {
        const cookie = await signIn(app);
        if (!cookie) return;
        cold = await get(app, cookie, v.path);
      } finally {
        await stopServer(app);
      }
      // Warm: the store in memory (another view asked first), this view never asked before.
      app = await startApp({ buildDir, databaseUrl: url, port: PORT, env, nodeArgs });
      try {
        const cookie = await signIn(app);
        if (!cookie) return;
        await get(app, cookie, `${base}?filter=${encodeURIComponent("about_you|sex|female")}`);
        const first = await get(app, cookie, v.path);
        const again = await timeRequests(app.url + v.path, 5, { cookie });
        measured[v.name] = { coldMs: cold, firstMs: first, repeated: again, baselineMs: v.baseline };
        rows.push({ section, measure: `${v.name}: first view, server just restarted (loads the saved store)`, app: `${fmt(cold, 0)} ms`, baseline: baselineText(v.baseline), ratio: baselineRatio(cold, v.baseline), target: "≤ 1,000 ms" });
        rows.push({ section, measure: `${v.name}: first view, store in memory`, app: `${fmt(first, 0)} ms`, baseline: baselineText(v.baseline), ratio: baselineRatio(first, v.baseline), target: "≤ 1,000 ms" });
        rows.push({ section, measure: `${v.name}: asked again, median of 5`, app: `${fmt(again.medianMs, 1)} ms`, baseline: baselineText(v.baseline), ratio: baselineRatio(again.medianMs, v.baseline), target: "≤ 250 ms" });
      } finally {
        await stopServer(app);
      }
    }
    results.views = { ...(results.views as object), measured };
  } finally {
    await handle.close();
  }
}

async function postgresViews() {
  const url = await freshDatabase("views", "postgres");
  const prep = await prepareDatabase(url);
  log(`bulk loading ${fmt(RESPONSES)} responses × 25 answers into PostgreSQL`);
  const load = await bulkLoadPostgres(url, { consultationId: prep.consultationId, versionId: prep.versionId, n: RESPONSES, onProgress: (d) => d % 100_000 === 0 && log(`  ${fmt(d)} loaded`) });
  rows.push({ section: "6 Views (postgres)", measure: `bulk load ${fmt(RESPONSES)} × 25 answers`, app: `${fmt(load.seconds, 1)} s`, baseline: "", ratio: "", target: "" });
  await viewsSection("postgres", url, prep.consultationId, createAnalyst(url));
}

// What the answer rows cost a submission, on the raw baseline: the same writes with the rows in
// the submit (as the app wrote them before) and with a pending line instead (as it does now).
async function answerRowsSection() {
  const kind = usePostgres ? "postgres" : "sqlite";
  const measured: Record<string, number> = {};
  for (const withRows of [true, false]) {
    const url = await freshDatabase(`rows-${withRows}`, kind);
    const prep = await prepareDatabase(url);
    const tickets = await prepareBaselineTickets(url, prep, DURATION * 6_000);
    const child = await startBaseline(url, withRows ? "inline" : "pending");
    try {
      const r = await fire(`http://127.0.0.1:${BASELINE_PORT}/submit`, tickets, 10);
      measured[withRows ? "with" : "without"] = r.perSecond;
    } finally {
      await stopChild(child);
    }
  }
  rows.push({ section: `7 Answer rows (${kind})`, measure: "raw baseline submissions/s at 10 connections: a pending line / the answer rows in the submit", app: fmt(measured.without), baseline: fmt(measured.with), ratio: ratio(measured.without, measured.with), target: "" });
  results.answerRows = measured;
}

// ---------------------------------------------------------------------------------------------
// 5. Coding written answers (bench/coding.ts).

async function codingSection() {
  const { rows: coding, results: r } = await codingBench({
    dataFile: (name) => path.join(dataDir, `${name}.sqlite`),
    answers: Number(opts["coding-answers"]),
    log,
    timePage: (url, headers) => timeRequests(url, 10, headers),
    startServer: async (file) => {
      const app = await startApp({ buildDir, databaseUrl: file, port: PORT, env: { ...appEnv, SUPPRESSION_THRESHOLD: "10", WEB_CONCURRENCY: "1" }, nodeArgs });
      return { url: app.url, cookie: await staffCookie(app, file), stop: () => stopServer(app) };
    },
  });
  for (const row of coding) rows.push({ section: "5 Coding", ...row });
  results.coding = r;
}

// ---------------------------------------------------------------------------------------------
// 8. The disclosure decision of an "as published" breakdown (bench/disclosure-decision.ts).

async function disclosureSection() {
  const { rows: decided, results: r } = await disclosureBench({ dataFile: path.join(dataDir, "disclosure.sqlite"), log });
  for (const row of decided) rows.push({ section: "8 Disclosure", ...row });
  results.disclosure = r;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  // The disclosure section runs in this process, on no server.
  if (!opts["skip-build"] && [...sections].some((s) => s !== "disclosure")) {
    log(`building into ${buildDir}`);
    const b = spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, env: { ...process.env, NODE_ENV: "production", BUILD_DIR: buildDir }, stdio: "inherit" });
    if (b.status !== 0) throw new Error("build failed");
  }
  const startedAt = new Date();
  // A section that fails is reported in the table; the others still run.
  const guarded = async (name: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      log(`${name} failed:`, error);
      rows.push({ section: name, measure: `FAILED: ${String((error as Error).message ?? error).slice(0, 120)}`, app: "", baseline: "", ratio: "", target: "" });
    }
  };
  try {
    if (sections.has("flows")) await guarded("1 Flows", async () => void (flowRateForSizing = await flowsSection()));
    if (sections.has("submit")) await guarded("1 Submit", submissionSection);
    if (!usePostgres && (sections.has("results") || sections.has("export") || sections.has("weight") || sections.has("views"))) await guarded("2-4, 6 At scale", scaleSections);
    if (usePostgres && sections.has("views")) await guarded("6 Views (postgres)", postgresViews);
    if (sections.has("rows")) await guarded("7 Answer rows", answerRowsSection);
    if (!usePostgres && sections.has("coding")) await guarded("5 Coding", codingSection);
    if (!usePostgres && sections.has("disclosure")) await guarded("8 Disclosure", disclosureSection);
  } finally {
    if (pgDatabases.length && !opts["keep-data"]) {
      const admin = new pg.Client({ connectionString: pgAdmin });
      await admin.connect();
      for (const d of pgDatabases) await admin.query(`DROP DATABASE IF EXISTS ${d} WITH (FORCE)`);
      await admin.end();
    }
    if (!opts["keep-data"] && !opts.profile) fs.rmSync(dataDir, { recursive: true, force: true });
    else if (pgDatabases.length) log(`kept PostgreSQL databases: ${pgDatabases.join(", ")}`);
  }

  const machine = { cpu: os.cpus()[0]?.model ?? "unknown", cores: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.type()} ${os.release()}` };
  const out = { date: startedAt.toISOString(), machine, options: { responses: RESPONSES, db: opts.db, duration: DURATION, connections: CONNECTIONS }, rows, ...results };
  // The PostgreSQL run (submissions only) keeps its own file beside the main one.
  // A run of some sections only (--only) must not replace the full run's figures: its own file.
  const outFile = opts.only ? `bench/data/results-only-${[...sections].join("-")}${usePostgres ? "-postgres" : ""}.json` : usePostgres ? "bench/results-postgres.json" : "bench/results.json";
  fs.mkdirSync(path.dirname(path.join(ROOT, outFile)), { recursive: true });
  fs.writeFileSync(path.join(ROOT, outFile), JSON.stringify(out, null, 2) + "\n");

  const header: Row = { section: "section", measure: "measure", app: "app", baseline: "raw baseline", ratio: "ratio", target: "target" };
  const cols = Object.keys(header) as (keyof Row)[];
  const widths = cols.map((c) => Math.max(...[header, ...rows].map((r) => r[c].length)));
  const line = (r: Row) => `| ${cols.map((c, i) => r[c].padEnd(widths[i])).join(" | ")} |`;
  console.log(`\nYour Say bench, ${startedAt.toISOString().slice(0, 16)} UTC, ${machine.cpu} × ${machine.cores}, ${machine.memoryGb} GB, Node ${machine.node}; ${fmt(RESPONSES)} responses; submissions on ${opts.db}`);
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(r));
  console.log(`\nWritten to ${outFile}`);
}

await main();
