import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { chromium } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOnce, freePort, startApp, stopApp, type AppProcess } from "./helpers/app-server";
import { markerCounts } from "./helpers/db-checks";
import { serverDatabase, type ServerDatabase } from "./helpers/databases";
import { acknowledged, prepareResponse, PRECEPT_SLUG, Resident } from "./helpers/resident";

/**
 * Ballot-stuffing defences that store no personal data: the per-client hourly limit refuses
 * with a friendly 429 (nothing stored, the draft kept); the honeypot stores the response held
 * apart with its reason. The client is its address alone (behind a proxy: X-Forwarded-For), so
 * another browser on the same address is the same client, and another address is not.
 */

const PORT = await freePort();
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

describe("per-client rate limit and honeypot [sqlite]", () => {
  let database: ServerDatabase;
  let app: AppProcess | undefined;
  beforeAll(async () => {
    database = await serverDatabase("sqlite");
    app = await startApp({ buildDir: buildOnce(), databaseUrl: database.url, port: PORT, env: { SUBMISSIONS_PER_CLIENT_PER_HOUR: "2", TRUST_PROXY: "true" } });
  });
  afterAll(async () => {
    await stopApp(app);
    await database?.drop();
  });

  it("refuses the third submission in an hour from one client with a 429 page, storing nothing", async () => {
    const base = app!.url;
    const client = { "x-forwarded-for": "198.51.100.7" };
    const same = [0, 1, 2].map(() => new Resident(base, "Mozilla/5.0 same-client", client));
    const tokens = await Promise.all(same.map((r, i) => prepareResponse(r, `limit-${i}`)));
    expect(acknowledged(await same[0].submit(PRECEPT_SLUG, tokens[0]))).toBe(true);
    expect(acknowledged(await same[1].submit(PRECEPT_SLUG, tokens[1]))).toBe(true);
    const refused = await same[2].submit(PRECEPT_SLUG, tokens[2]);
    expect(refused.status).toBe(429);
    expect(refused.body).toContain("Too many attempts");
    expect(refused.body).toContain("Your answers are kept: wait an hour");
    // Their draft is kept for later.
    expect((await same[2].request("GET", `/consultations/${PRECEPT_SLUG}/check`)).status).toBe(200);

    // Another browser on the same address is the same client (issue 12, reproduction 4: a new
    // User-Agent used to be a fresh allowance); another address is another client.
    const otherBrowser = new Resident(base, "Mozilla/5.0 another-browser", client);
    expect((await otherBrowser.submit(PRECEPT_SLUG, await prepareResponse(otherBrowser, "limit-other-browser"))).status).toBe(429);
    const other = new Resident(base, "Mozilla/5.0 another-browser", { "x-forwarded-for": "198.51.100.8" });
    expect(acknowledged(await other.submit(PRECEPT_SLUG, await prepareResponse(other, "limit-other")))).toBe(true);

    const handle = database.open();
    try {
      const markers = await markerCounts(handle);
      expect([markers.get("limit-0"), markers.get("limit-1"), markers.get("limit-2"), markers.get("limit-other-browser"), markers.get("limit-other")]).toEqual([1, 1, undefined, undefined, 1]);
      // Nothing about the client is stored anywhere: no column holds the address or the agent.
      const dump = JSON.stringify(await handle.db.selectFrom("responses").selectAll().execute()) + JSON.stringify(await handle.db.selectFrom("drafts").selectAll().execute());
      expect(dump).not.toContain("127.0.0.1");
      expect(dump).not.toContain("198.51.100");
      expect(JSON.stringify(await handle.db.selectFrom("rate_limits").selectAll().execute())).not.toMatch(/198\.51\.100|127\.0\.0\.1|same-client/);
      expect(dump).not.toContain("same-client");
    } finally {
      await handle.close();
    }
  });

  it("stores a honeypot submission held apart with its reason, not counted", async () => {
    const bot = new Resident(app!.url, "Mozilla/5.0 honeypot-bot", { "x-forwarded-for": "198.51.100.9" });
    const reply = await bot.submit(PRECEPT_SLUG, await prepareResponse(bot, "limit-honeypot"), "http://spam.example/");
    expect(acknowledged(reply)).toBe(true);
    const handle = database.open();
    try {
      const row = await handle.db
        .selectFrom("responses")
        .select(["status", "excluded_reason", "answers_json"])
        .where("answers_json", "like", "%limit-honeypot%")
        .executeTakeFirstOrThrow();
      expect(row.status).toBe("excluded");
      expect(row.excluded_reason).toBe("automated: hidden field filled in");
    } finally {
      await handle.close();
    }
  });

  it.skipIf(!fs.existsSync(CHROMIUM) && process.env.CI !== "true")("shows a 429 page that passes axe (WCAG 2.2 AA)", async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
    try {
      const context = await browser.newContext({ userAgent: "Mozilla/5.0 axe-client", extraHTTPHeaders: { "x-forwarded-for": "198.51.100.10" } });
      const page = await context.newPage();
      // Two allowed submissions from this browser, then the refused third.
      for (let i = 0; i < 3; i++) {
        const r = new Resident(app!.url, "Mozilla/5.0 axe-client", { "x-forwarded-for": "198.51.100.10" });
        await prepareResponse(r, `limit-axe-${i}`);
        const [name, value] = r.draftCookie.split(/=(.*)/s);
        await context.clearCookies();
        // __Host-yoursay_draft in production: Secure, Path=/.
        await context.addCookies([{ name, value, domain: "127.0.0.1", path: "/", secure: true }]);
        await page.goto(`${app!.url}/consultations/${PRECEPT_SLUG}/check`);
        await page.getByRole("button", { name: "Submit your response" }).click();
        // Wait for the answer itself ("networkidle" could come before the submit had begun).
        if (i < 2) await page.waitForURL(/\/done$/);
        else await page.getByRole("heading", { level: 1, name: "Too many attempts" }).waitFor();
      }
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Too many attempts");
      expect(await page.title()).toContain("Too many attempts");
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
