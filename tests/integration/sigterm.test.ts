import fs from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/connection";
import { buildOnce, freePort, startApp, stopApp, type AppProcess } from "./helpers/app-server";
import { consistency, markerCounts } from "./helpers/db-checks";
import { serverDatabase, type ServerDatabase } from "./helpers/databases";
import { sleep } from "./helpers/load";
import { acknowledged, prepareResponse, PRECEPT_SLUG, Resident } from "./helpers/resident";

/**
 * SIGTERM (what a process manager or a rolling deploy sends): the server stops accepting new
 * connections, finishes the requests already in flight, closes the database and exits 0.
 * The in-flight request is made certain by sending half a chunked body before the signal.
 * With workers (the helper starts two) and with WEB_CONCURRENCY=1 alike.
 */

const PORT = await freePort();

describe("SIGTERM [sqlite]", () => {
  let database: ServerDatabase;
  let app: AppProcess | undefined;
  beforeAll(async () => {
    database = await serverDatabase("sqlite");
  });
  afterAll(async () => {
    await stopApp(app);
    await database?.drop();
  });

  it("finishes requests in flight, refuses new ones, closes the database and exits 0", async () => {
    app = await startApp({ buildDir: buildOnce(), databaseUrl: database.url, port: PORT });
    const slow = new Resident(app.url);
    const token = await prepareResponse(slow, "sigterm-in-flight");
    const quick = Array.from({ length: 8 }, () => new Resident(app!.url));
    const quickTokens = await Promise.all(quick.map((r, i) => prepareResponse(r, `sigterm-quick-${i}`)));

    // Half of a chunked submit body: the server is now waiting for the rest.
    let pendingRequest: http.ClientRequest | undefined;
    const body = new URLSearchParams([["_token", token], ["_website", ""]]).toString();
    const reply = new Promise<{ status: number; location?: string }>((resolve, reject) => {
      const req = http.request(`${app!.url}/consultations/${PRECEPT_SLUG}/check`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: slow.draftCookie, "transfer-encoding": "chunked" },
      });
      req.on("response", (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode!, location: res.headers.location }));
      });
      req.on("error", reject);
      req.write(body.slice(0, 20));
      pendingRequest = req;
    });
    await sleep(150);
    // Quick submits racing the signal: each either completes or is refused, never half-done.
    const racing = quick.map((r, i) => r.submit(PRECEPT_SLUG, quickTokens[i]).then(acknowledged, () => false));
    app.child.kill("SIGTERM");
    await sleep(300);

    // New connections are refused while the in-flight request is still open.
    await expect(fetch(`${app.url}/healthcheck`)).rejects.toThrow();
    expect(app.child.exitCode).toBeNull();

    pendingRequest!.end(body.slice(20));
    expect(await reply).toEqual({ status: 302, location: `/consultations/${PRECEPT_SLUG}/done` });
    const quickAcked = await Promise.all(racing);
    const exit = await app.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(app.output()).toMatch(/SIGTERM: finishing requests in flight/);
    expect(app.output()).toMatch(/SIGTERM: database closed, exiting/);
    // The last connection to a WAL database checkpoints and removes the -wal file on close.
    expect(fs.existsSync(`${database.url}-wal`)).toBe(false);

    const handle = createDb(database.url);
    try {
      const markers = await markerCounts(handle);
      expect(markers.get("sigterm-in-flight")).toBe(1);
      quickAcked.forEach((ok, i) => expect(markers.get(`sigterm-quick-${i}`) ?? 0).toBe(ok ? 1 : 0));
      const check = await consistency(handle);
      expect(check.halfWritten).toEqual([]);
      expect(check.countMismatches).toEqual([]);
    } finally {
      await handle.close();
    }
  });

  it("with WEB_CONCURRENCY=1, serves from the one process, as before workers, and stops on SIGTERM", async () => {
    // The same database; the first test's server is gone unless that test failed before SIGTERM.
    await stopApp(app);
    app = await startApp({ buildDir: buildOnce(), databaseUrl: database.url, port: PORT, env: { WEB_CONCURRENCY: "1" } });
    expect((await fetch(`${app.url}/healthcheck`)).status).toBe(200);
    expect(app.output()).not.toMatch(/worker listening|worker processes/);
    const listening = app.output().split("\n").find((l) => /Your Say is listening on/.test(l))!;
    // The line comes from the process started, not from a child of it.
    expect(JSON.parse(listening).pid).toBe(app.child.pid);
    app.child.kill("SIGTERM");
    expect(await app.exited).toEqual({ code: 0, signal: null });
  });
});
