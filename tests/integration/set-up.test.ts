import { execFile } from "node:child_process";
import { answerRowsCurrent } from "~/models/answer-rows.server";
import { promisify } from "node:util";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createDb } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { createConsultation } from "~/models/consultation.server";
import { buildOnce, freePort, ROOT, startApp, stopApp, type AppProcess } from "./helpers/app-server";
import { emptyServerDatabase, serverDatabaseKinds } from "./helpers/databases";
import { Resident } from "./helpers/resident";

/**
 * Set-up is one thing (issue 11, point 5): however a database is prepared, the reference data is
 * there before a resident is served, and a server on a database without it refuses residents
 * instead of storing their postcode as "not recognised". Here: an empty database, prepared with
 * npm run db:migrate alone and then served with npm run serve (the README's and the many-instance
 * set-up's path), and one migrated by the migrations alone.
 */

const run = promisify(execFile);
const SLUG = "where-you-live";


async function addConsultation(url: string) {
  const handle = createDb(url);
  try {
    await createConsultation(handle.db, {
      slug: SLUG,
      title: "Where you live",
      summary: "One question.",
      kind: "survey",
      status: "live",
      opensAt: "2020-01-01T00:00:00.000Z",
      closesAt: "2999-01-01T00:00:00.000Z",
      definition: { pages: [{ id: "where", title: "Where you live", questions: [{ id: "postcode", type: "postcode", title: "Your postcode", required: true }] }] },
    });
  } finally {
    await handle.close();
  }
}

async function storedAreas(url: string) {
  const handle = createDb(url);
  try {
    await answerRowsCurrent(handle.db);
    const rows = await handle.db.selectFrom("answers").select(["item_id", "option_id"]).where("question_id", "=", "postcode").orderBy("item_id").execute();
    const sections = await handle.db.selectFrom("plan_sections").select("name").execute();
    return { rows, sections: sections.length };
  } finally {
    await handle.close();
  }
}

async function respond(base: string) {
  const resident = new Resident(base);
  const start = await resident.request("POST", `/consultations/${SLUG}`, []);
  if (start.status !== 302) return start;
  await resident.answer(`/consultations/${SLUG}/questions/where`, [["postcode", "DH1 3HP"]]);
  return resident.submit(SLUG, await resident.token(SLUG));
}

for (const kind of serverDatabaseKinds()) {
  describe(`set-up is one thing [${kind}]`, () => {
    let app: AppProcess | undefined;
    const drops: (() => Promise<void>)[] = [];
    afterEach(async () => {
      await stopApp(app);
      app = undefined;
    });
    afterAll(async () => {
      for (const drop of drops) await drop();
    });

    it("npm run db:migrate then npm run serve: the postcode lookup and plan sections are there, and DH1 3HP is Durham", async () => {
      const db = await emptyServerDatabase(kind);
      drops.push(db.drop);
      const migrated = await run(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: db.url } });
      expect(migrated.stdout).toMatch(/The database is up to date: \d+ postcode districts, 6 plan sections\./);
      await addConsultation(db.url);
      app = await startApp({ buildDir: buildOnce(), databaseUrl: db.url, port: await freePort(), script: "server.ts" });
      const reply = await respond(app.url);
      expect(reply.status).toBe(302);
      const { rows, sections } = await storedAreas(db.url);
      expect(sections).toBe(6);
      expect(rows).toEqual([
        { item_id: "", option_id: "durham" },
        { item_id: "area", option_id: "Durham City" },
        { item_id: "district", option_id: "DH1" },
      ]);
    }, 180_000);

    it("a server on a database without the reference data refuses residents and stores nothing, until it is loaded", async () => {
      const db = await emptyServerDatabase(kind);
      drops.push(db.drop);
      // Migrated by the migrations alone, as a hand-run migrator would leave it.
      const handle = createDb(db.url);
      await migrateToLatest(handle.db);
      await handle.close();
      await addConsultation(db.url);
      app = await startApp({ buildDir: buildOnce(), databaseUrl: db.url, port: await freePort(), script: "server.ts" });
      const page = await fetch(`${app.url}/consultations/${SLUG}`);
      expect(page.status).toBe(503);
      expect(await page.text()).toContain("not ready to take responses yet");
      expect((await respond(app.url)).status).toBe(503);
      expect((await storedAreas(db.url)).rows).toEqual([]);
      expect(app.output()).toContain("The postcode lookup is empty. Run npm run db:migrate");
      // Loading it (with the server still running) is enough.
      await run(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: db.url } });
      expect((await respond(app.url)).status).toBe(302);
      expect((await storedAreas(db.url)).rows.find((r) => r.item_id === "")?.option_id).toBe("durham");
    }, 180_000);
  });
}
