import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setResultsPublished } from "~/models/consultation.server";
import { postgresUrl } from "../databases";
import { buildOnce, freePort, startApp, stopApp, type AppProcess } from "./helpers/app-server";
import { consistency, markerCounts } from "./helpers/db-checks";
import { serverDatabase, type ServerDatabase } from "./helpers/databases";
import { inParallel } from "./helpers/load";
import { acknowledged, preceptPages, PRECEPT_SLUG, Resident } from "./helpers/resident";

/**
 * Two app processes on different ports sharing one PostgreSQL: a resident's requests alternate
 * between them (start on one, pages split, the token from one, the submit on the other), as a
 * load balancer without sticky sessions would send them. Drafts, tokens and counts live in the
 * database, so each response is counted exactly once and both instances show the same results.
 */

const PORTS = [await freePort(), await freePort()];
const RESIDENTS = 24;
const resultsData = (base: string) =>
  fetch(`${base}/consultations/${PRECEPT_SLUG}/results?_data=${encodeURIComponent("routes/consultations.$slug.results")}`).then((r) => r.json());

const describePg = postgresUrl() ? describe : describe.skip;

describePg("two app instances on one PostgreSQL", () => {
  let database: ServerDatabase;
  const apps: AppProcess[] = [];
  beforeAll(async () => {
    database = await serverDatabase("postgres");
    const buildDir = buildOnce();
    // Migrated and seeded before either starts, as a deploy would run migrations once.
    for (const port of PORTS) apps.push(await startApp({ buildDir, databaseUrl: database.url, port }));
  });
  afterAll(async () => {
    for (const app of apps) await stopApp(app);
    await database?.drop();
  });

  it("keeps nothing a resident needs in one process: a draft started on A is served by B", async () => {
    const [a, b] = apps.map((app) => app.url);
    const resident = new Resident(a);
    const firstPage = await resident.start(PRECEPT_SLUG);
    // The page is served by B from the draft A created.
    const page = await resident.at(b).request("GET", firstPage);
    expect(page.status).toBe(200);
    expect(page.body).toContain("What matters most to you");
  });

  it("counts a resident whose pages are split across instances exactly once, with identical results from both", async () => {
    const [a, b] = apps.map((app) => app.url);
    const counted = async () => {
      const h = database.open();
      try {
        const row = await h.db.selectFrom("responses").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "counted").executeTakeFirstOrThrow();
        return Number(row.n);
      } finally {
        await h.close();
      }
    };
    const countedBefore = await counted();

    const outcomes = await inParallel(Array.from({ length: RESIDENTS }, (_, i) => i), 8, async (i) => {
      // Even residents start on A, odd on B; every request then goes to the other instance.
      const order = i % 2 ? [b, a] : [a, b];
      const resident = new Resident(order[0]);
      let hop = 0;
      const next = () => resident.at(order[hop++ % 2]);
      await next().start(PRECEPT_SLUG);
      for (const { page, fields } of preceptPages(`instances-${i}`)) await next().answer(`/consultations/${PRECEPT_SLUG}/questions/${page}`, fields);
      const token = await next().token(PRECEPT_SLUG);
      const first = await next().submit(PRECEPT_SLUG, token);
      // A double click that the load balancer sends to the other instance records nothing more.
      const second = await next().submit(PRECEPT_SLUG, token);
      return { first: acknowledged(first), second: acknowledged(second) };
    });
    expect(outcomes.filter((o) => o.status === "rejected")).toEqual([]);
    for (const o of outcomes) expect(o.status === "fulfilled" && o.value).toEqual({ first: true, second: true });

    const handle = database.open();
    try {
      const markers = await markerCounts(handle);
      for (let i = 0; i < RESIDENTS; i++) expect(markers.get(`instances-${i}`), `resident ${i}`).toBe(1);
      const check = await consistency(handle);
      expect(check.halfWritten).toEqual([]);
      expect(check.countMismatches).toEqual([]);
    } finally {
      await handle.close();
    }

    expect(await counted()).toBe(countedBefore + RESIDENTS);

    // Results are public once staff publish them (which also closes the consultation).
    const staff = database.open();
    const { id } = await staff.db.selectFrom("consultations").select("id").where("slug", "=", PRECEPT_SLUG).executeTakeFirstOrThrow();
    await setResultsPublished(staff.db, { id, whatWeDid: null, published: true });
    await staff.close();
    const [fromA, fromB] = await Promise.all([resultsData(a), resultsData(b)]);
    expect(fromA.published).toBe(true);
    expect(fromB).toEqual(fromA);
    const [pageA, pageB] = await Promise.all([a, b].map((base) => fetch(`${base}/consultations/${PRECEPT_SLUG}/results`).then((r) => r.text())));
    // The pages differ only in their per-response CSP nonce.
    const withoutNonce = (html: string) => html.replace(/nonce="[^"]*"/g, "");
    expect(withoutNonce(pageB)).toEqual(withoutNonce(pageA));
  });

});
