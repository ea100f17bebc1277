import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/connection";
import { buildOnce, freePort, ROOT, startApp, stopApp, type AppProcess } from "./helpers/app-server";
import { consistency, integrityCheck, markerCounts } from "./helpers/db-checks";
import { serverDatabase, tmpFile, type ServerDatabase } from "./helpers/databases";
import { inParallel, sleep } from "./helpers/load";
import { acknowledged, prepareResponse, PRECEPT_SLUG, Resident } from "./helpers/resident";

/**
 * npm run backup -- <file> while residents are submitting, then the restore in
 * docs/operations.md (copy the file into place, start the server on it): the restored database
 * is intact, holds every response acknowledged before the backup began, and its maintained
 * counts equal a full recount.
 */

const PORTS = [await freePort(), await freePort()];

function runBackup(databaseUrl: string, target: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    let output = "";
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/backup.ts", target], { cwd: ROOT, env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", DATABASE_URL: databaseUrl } });
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("online backup and restore [sqlite]", () => {
  let database: ServerDatabase;
  const apps: AppProcess[] = [];
  beforeAll(async () => {
    database = await serverDatabase("sqlite");
  });
  afterAll(async () => {
    for (const app of apps) await stopApp(app);
    await database?.drop();
  });

  it("backs up under load; the restored copy is intact and its counts equal a recount", async () => {
    const buildDir = buildOnce();
    const app = await startApp({ buildDir, databaseUrl: database.url, port: PORTS[0] });
    apps.push(app);
    const submitOne = async (marker: string) => {
      const r = new Resident(app.url);
      const reply = await r.submit(PRECEPT_SLUG, await prepareResponse(r, marker));
      if (!acknowledged(reply)) throw new Error(`${marker}: ${reply.status}`);
      return marker;
    };
    const before = await inParallel(Array.from({ length: 20 }, (_, i) => `backup-before-${i}`), 4, submitOne);
    expect(before.every((r) => r.status === "fulfilled")).toBe(true);

    // Residents keep submitting while the backup runs.
    let loading = true;
    const during: string[] = [];
    const load = inParallel([0, 1, 2, 3], 4, async (w) => {
      for (let i = 0; loading; i++) during.push(await submitOne(`backup-during-${w}-${i}`));
    });
    await sleep(300);
    const target = tmpFile("backup.sqlite");
    const backup = await runBackup(database.url, target);
    await sleep(300);
    loading = false;
    await load;
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toMatch(/integrity_check ok/);
    expect(during.length).toBeGreaterThan(0);
    // Refuses to overwrite an existing backup.
    expect((await runBackup(database.url, target)).code).toBe(2);

    // Restore as docs/operations.md says: copy the backup into place and start the server on it.
    const restored = path.join(path.dirname(target), "restored.sqlite");
    fs.copyFileSync(target, restored);
    const second = await startApp({ buildDir, databaseUrl: restored, port: PORTS[1] });
    apps.push(second);
    expect((await fetch(`${second.url}/consultations/${PRECEPT_SLUG}`)).status).toBe(200);
    const after = new Resident(second.url);
    expect(acknowledged(await after.submit(PRECEPT_SLUG, await prepareResponse(after, "backup-after-restore")))).toBe(true);

    const handle = createDb(restored);
    try {
      expect(await integrityCheck(handle)).toBe("ok");
      const markers = await markerCounts(handle);
      for (let i = 0; i < 20; i++) expect(markers.get(`backup-before-${i}`)).toBe(1);
      expect(markers.get("backup-after-restore")).toBe(1);
      // Submissions during the backup are in it or not, as a whole, never twice.
      for (const m of during) expect(markers.get(m) ?? 0).toBeLessThanOrEqual(1);
      const check = await consistency(handle);
      expect(check.halfWritten).toEqual([]);
      expect(check.countMismatches).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});
