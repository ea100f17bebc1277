import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOnce, freePort, startApp, stopApp, workerPids, type AppProcess } from "./helpers/app-server";
import { consistency, integrityCheck, markerCounts } from "./helpers/db-checks";
import { serverDatabase, serverDatabaseKinds, type ServerDatabase } from "./helpers/databases";
import { inParallel, sleep } from "./helpers/load";
import { acknowledged, prepareResponse, PRECEPT_SLUG, Resident } from "./helpers/resident";

/**
 * kill -9 in the middle of a burst of submissions to a server running two worker processes: of
 * the primary (which takes every worker with it; then a restart), and of one worker (the other
 * keeps serving, the primary starts a replacement). Every submission that was acknowledged (302
 * to the thank-you page) is stored exactly once, nothing is half-written, the maintained counts
 * equal a full recount and (SQLite) the file passes integrity_check. Then every resident whose
 * submit was cut off sends it again with the same token, as a refresh would: each response is
 * then stored exactly once, never twice. Identity is never stored, so each virtual resident
 * types a unique comment we look for after.
 */

const PORT = await freePort();
const RESIDENTS = 90;

interface Run {
  resident: Resident;
  marker: string;
  token: string;
}

async function prepare(app: AppProcess, label: string, n: number): Promise<Run[]> {
  const run = randomBytes(4).toString("hex");
  const residents = Array.from({ length: n }, (_, i) => ({ resident: new Resident(app.url), marker: `crash-${label}-${run}-${i}`, token: "" }));
  // Drafts and tokens first, so that the kill lands among the final submits.
  const prepared = await inParallel(residents, 6, async (r) => (r.token = await prepareResponse(r.resident, r.marker)));
  // A connection the primary was handing to a worker at the moment it died is never answered
  // (Node's round-robin hand-off has no reply to wait for): the resident gives up, as a browser
  // or a proxy in front would, and that request was never read, so nothing of it was stored.
  for (const r of residents) r.resident.timeoutMs = 30_000;
  expect(prepared.filter((p) => p.status === "rejected")).toEqual([]);
  return residents;
}

/** Submits every resident's response, 24 at a time, and calls kill once a third are acknowledged. */
async function burst(residents: Run[], kill: () => void, alive: () => boolean) {
  const acked: string[] = [];
  let inFlight = 0;
  let inFlightAtKill = -1;
  const killAfter = residents.length / 3;
  const outcomes = await inParallel(residents, 24, async (r) => {
    if (!alive()) throw new Error("server gone");
    inFlight++;
    try {
      const reply = await r.resident.submit(PRECEPT_SLUG, r.token);
      if (acknowledged(reply)) acked.push(r.marker);
      else throw new Error(`not acknowledged: ${reply.status} ${reply.location} ${reply.body.slice(0, 300)}`);
    } finally {
      inFlight--;
      if (acked.length >= killAfter && inFlightAtKill < 0) {
        inFlightAtKill = inFlight;
        kill();
      }
    }
  });
  return { acked, outcomes, inFlightAtKill, killAfter };
}

/** What must hold after any crash: acknowledged ones once, none twice, nothing half-written. */
async function checkStored(database: ServerDatabase, kind: string, residents: Run[], acked: string[]) {
  const handle = database.open();
  try {
    if (kind === "sqlite") expect(await integrityCheck(handle)).toBe("ok");
    const markers = await markerCounts(handle);
    for (const m of acked) expect(markers.get(m), m).toBe(1);
    // Submissions cut off by the kill may or may not have committed, but never twice.
    for (const r of residents) expect(markers.get(r.marker) ?? 0).toBeLessThanOrEqual(1);
    const check = await consistency(handle);
    expect(check.halfWritten).toEqual([]);
    expect(check.countMismatches).toEqual([]);
  } finally {
    await handle.close();
  }
}

/** Each resident not acknowledged sends the same submit again: now acknowledged, and stored once. */
async function resendCutOff(database: ServerDatabase, residents: Run[], acked: string[]) {
  const cutOff = residents.filter((r) => !acked.includes(r.marker));
  for (const r of cutOff) {
    // A keep-alive connection to a process that was killed may fail once; the resident retries.
    const reply = await r.resident.submit(PRECEPT_SLUG, r.token).catch(() => r.resident.submit(PRECEPT_SLUG, r.token));
    expect(acknowledged(reply), `${r.marker}: ${reply.status} ${reply.location} ${reply.body.slice(0, 200)}`).toBe(true);
  }
  const handle = database.open();
  try {
    const markers = await markerCounts(handle);
    for (const r of residents) expect(markers.get(r.marker), r.marker).toBe(1);
    expect((await consistency(handle)).countMismatches).toEqual([]);
  } finally {
    await handle.close();
  }
  return cutOff.length;
}

for (const kind of serverDatabaseKinds()) {
  describe(`kill -9 mid-load, two workers [${kind}]`, () => {
    let buildDir: string;
    let database: ServerDatabase;
    let app: AppProcess | undefined;

    beforeAll(async () => {
      buildDir = buildOnce();
      database = await serverDatabase(kind);
    });
    afterAll(async () => {
      await stopApp(app);
      await database?.drop();
    });

    it("of the primary: keeps every acknowledged submission exactly once and nothing half-written", async () => {
      app = await startApp({ buildDir, databaseUrl: database.url, port: PORT });
      const workers = workerPids(app);
      expect(workers).toHaveLength(2);
      const residents = await prepare(app, "primary", RESIDENTS);
      const { acked, outcomes, inFlightAtKill, killAfter } = await burst(
        residents,
        () => app!.child.kill("SIGKILL"),
        () => !app!.child.signalCode,
      );
      // Should the kill never have happened, end the server anyway and fail below with its log.
      if (inFlightAtKill < 0) app.child.kill("SIGKILL");
      expect(outcomes.filter((o) => o.status === "rejected").length, app.output().slice(-2000)).toBe(RESIDENTS - acked.length);
      const exit = await app.exited;
      expect(exit.signal).toBe("SIGKILL");
      expect(inFlightAtKill).toBeGreaterThan(0);
      expect(acked.length).toBeGreaterThanOrEqual(killAfter);
      expect(acked.length).toBeLessThan(RESIDENTS);
      // No worker outlives its primary (each ends when its channel to the primary closes).
      for (let waited = 0; workers.some(isAlive) && waited < 10_000; waited += 100) await sleep(100);
      expect(workers.filter(isAlive)).toEqual([]);

      await checkStored(database, kind, residents, acked);

      // Restarted, the same data serves and takes new responses; counts stay exact.
      app = await startApp({ buildDir, databaseUrl: database.url, port: PORT });
      const again = new Resident(app.url);
      const marker = `${residents[0].marker}-after`;
      expect(acknowledged(await again.submit(PRECEPT_SLUG, await prepareResponse(again, marker)))).toBe(true);
      // A token issued before the crash and already spent stays spent.
      const first = residents.find((r) => r.marker === acked[0])!;
      expect(acknowledged(await first.resident.submit(PRECEPT_SLUG, first.token))).toBe(true);
      await resendCutOff(database, residents, acked);
      const handle = database.open();
      try {
        expect((await markerCounts(handle)).get(marker)).toBe(1);
      } finally {
        await handle.close();
      }
      await stopApp(app);
      // 120 resident submissions, a kill, a restart and a recount: minutes on a loaded shared machine.
    }, 360_000);

    it("of one worker: the other keeps serving, a replacement starts, and nothing is lost or stored twice", async () => {
      app = await startApp({ buildDir, databaseUrl: database.url, port: PORT });
      const [victim, survivor] = workerPids(app);
      expect(survivor).toBeGreaterThan(0);
      const residents = await prepare(app, "worker", RESIDENTS);
      const { acked, inFlightAtKill, killAfter } = await burst(
        residents,
        () => process.kill(victim, "SIGKILL"),
        () => true,
      );
      expect(inFlightAtKill).toBeGreaterThan(0);
      expect(acked.length).toBeGreaterThanOrEqual(killAfter);
      // The primary and the other worker never stopped.
      expect(app.child.exitCode).toBeNull();
      expect(isAlive(survivor)).toBe(true);
      expect(isAlive(victim)).toBe(false);
      await checkStored(database, kind, residents, acked);

      // The primary noticed and started a replacement, which serves.
      for (let waited = 0; !/replacement worker listening/.test(app.output()) && waited < 60_000; waited += 200) await sleep(200);
      expect(app.output()).toMatch(/"signal":"SIGKILL","msg":"a worker died; starting a replacement"/);
      const now = workerPids(app);
      expect(now).toHaveLength(2);
      expect(now).toContain(survivor);
      expect(now).not.toContain(victim);

      // Those cut off by the kill send again with their token: each stored exactly once.
      await resendCutOff(database, residents, acked);
    }, 360_000);
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
