import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOnce, freePort, startApp, stopApp, type AppProcess } from "./helpers/app-server";
import { consistency, integrityCheck, markerCounts } from "./helpers/db-checks";
import { serverDatabase, serverDatabaseKinds, type ServerDatabase } from "./helpers/databases";
import { inParallel } from "./helpers/load";
import { acknowledged, prepareResponse, PRECEPT_SLUG, Resident } from "./helpers/resident";

/**
 * kill -9 in the middle of a burst of submissions, then restart: every submission that was
 * acknowledged (302 to the thank-you page) is stored exactly once, nothing is half-written, the
 * maintained counts equal a full recount and (SQLite) the file passes integrity_check.
 * Identity is never stored, so each virtual resident types a unique comment we look for after.
 */

const PORT = await freePort();
const RESIDENTS = 90;

for (const kind of serverDatabaseKinds()) {
  describe(`kill -9 mid-load [${kind}]`, () => {
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

    it("keeps every acknowledged submission exactly once and nothing half-written", async () => {
      app = await startApp({ buildDir, databaseUrl: database.url, port: PORT });
      const run = randomBytes(4).toString("hex");
      const residents = Array.from({ length: RESIDENTS }, (_, i) => ({ resident: new Resident(app!.url), marker: `crash-${run}-${i}`, token: "" }));
      // Drafts and tokens first, so that the kill lands among the final submits.
      const prepared = await inParallel(residents, 6, async (r) => (r.token = await prepareResponse(r.resident, r.marker)));
      expect(prepared.filter((p) => p.status === "rejected")).toEqual([]);

      const acked: string[] = [];
      let inFlight = 0;
      let maxInFlightAtKill = -1;
      const killAfter = RESIDENTS / 3;
      const outcomes = await inParallel(residents, 24, async (r) => {
        if (app!.child.signalCode) throw new Error("server gone");
        inFlight++;
        try {
          const reply = await r.resident.submit(PRECEPT_SLUG, r.token);
          if (acknowledged(reply)) acked.push(r.marker);
          else throw new Error(`not acknowledged: ${reply.status} ${reply.location} ${reply.body.slice(0, 300)}`);
        } finally {
          inFlight--;
          if (acked.length >= killAfter && maxInFlightAtKill < 0) {
            maxInFlightAtKill = inFlight;
            app!.child.kill("SIGKILL");
          }
        }
      });
      // Should the kill never have happened, end the server anyway and fail below with its log.
      if (maxInFlightAtKill < 0) app.child.kill("SIGKILL");
      expect(outcomes.filter((o) => o.status === "rejected").length, app.output().slice(-2000)).toBe(RESIDENTS - acked.length);
      const exit = await app.exited;
      expect(exit.signal).toBe("SIGKILL");
      expect(maxInFlightAtKill).toBeGreaterThan(0);
      expect(acked.length).toBeGreaterThanOrEqual(killAfter);
      expect(acked.length).toBeLessThan(RESIDENTS);

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

      // Restarted, the same data serves and takes new responses; counts stay exact.
      app = await startApp({ buildDir, databaseUrl: database.url, port: PORT });
      const again = new Resident(app.url);
      expect(acknowledged(await again.submit(PRECEPT_SLUG, await prepareResponse(again, `crash-${run}-after`)))).toBe(true);
      // A token issued before the crash and already spent stays spent.
      const replay = await residents.find((r) => r.marker === acked[0])!.resident.submit(PRECEPT_SLUG, residents.find((r) => r.marker === acked[0])!.token);
      expect(replay.status).toBe(302);
      const after = database.open();
      try {
        const markers = await markerCounts(after);
        expect(markers.get(`crash-${run}-after`)).toBe(1);
        expect(markers.get(acked[0])).toBe(1);
        expect((await consistency(after)).countMismatches).toEqual([]);
      } finally {
        await after.close();
      }
      // 120 resident submissions, a kill, a restart and a recount: minutes on a loaded shared machine.
    }, 240_000);
  });
}
