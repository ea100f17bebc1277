// The server the browser tests drive: the production build on a fresh SQLite file (or PostgreSQL
// database) with the demo data, plus one staff account per role with a known password
// (tests/e2e/staff-accounts.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yoursay-e2e-"));
process.env.PORT = process.env.E2E_PORT ?? "3100";
process.env.DATABASE_URL = path.join(dir, "e2e.sqlite");
// E2E_DATABASE=postgres (playwright.config.ts, when TEST_DATABASE_URL is set): a fresh PostgreSQL
// database for this server, named by its port, dropped when the server exits (and before it
// starts, should an earlier run have been killed).
if (process.env.E2E_DATABASE === "postgres") {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("E2E_DATABASE=postgres needs TEST_DATABASE_URL (a role that may create databases)");
  const name = `yoursay_e2e_${Number(process.env.PORT)}`;
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  const { spawnSync } = await import("node:child_process");
  // The server exits from its SIGTERM handler once its pool is closed; "exit" handlers must be synchronous.
  process.on("exit", () => {
    const drop = `const pg=require("pg");const c=new pg.Client({connectionString:process.env.ADMIN_URL});c.connect().then(()=>c.query("DROP DATABASE IF EXISTS ${name} WITH (FORCE)")).then(()=>c.end());`;
    spawnSync(process.execPath, ["-e", drop], { env: { ...process.env, ADMIN_URL: adminUrl }, stdio: "ignore", timeout: 10_000 });
  });
}
process.env.HOST = "127.0.0.1";
process.env.NODE_ENV = "production";
process.env.SESSION_SECRET = "e2e-secret-e2e-secret-e2e-secret-e2e-secret";
process.env.PUBLIC_ORIGIN = `http://127.0.0.1:${process.env.PORT}`;
// One JSON line per request would bury Playwright's own output; refusals and errors still show.
process.env.LOG_LEVEL = "warn";
process.env.SEED_DEMO = "true";
// Browser tests answer faster than any person; the timing check has its own tests.
process.env.MIN_COMPLETION_SECONDS = "0";
process.env.SUBMISSIONS_PER_CLIENT_PER_HOUR = "0";
// Specs that must see what was stored (question-types.spec.ts) find this server's database here.
fs.writeFileSync(path.join(os.tmpdir(), `yoursay-e2e-${process.env.PORT}.db-path`), process.env.DATABASE_URL);

const { createDb } = await import("../../db/connection");
const { setupDatabase } = await import("../../db/setup");
const { hashPassword } = await import("../../app/auth/password.server");
const { createStaff } = await import("../../app/models/staff.server");
const { STAFF_ACCOUNTS, ADMIN_TOTP_SECRET } = await import("./staff-accounts");
const { enableTotp } = await import("../../app/models/staff-two-factor.server");
const { seal } = await import("../../app/auth/secret-box.server");
const { hashRecoveryCodes, newRecoveryCodes } = await import("../../app/auth/two-factor.server");

const handle = createDb(process.env.DATABASE_URL);
await setupDatabase(handle.db, { seed: true });
for (const account of STAFF_ACCOUNTS) {
  const member = await createStaff(handle.db, { email: account.email, role: account.role, passwordHash: await hashPassword(account.password) });
  if (account.role === "admin") {
    const sealed = seal([process.env.SESSION_SECRET], ADMIN_TOTP_SECRET);
    await enableTotp(handle.db, { staffId: member.id, sealed, step: 0, recoveryHashes: await hashRecoveryCodes(newRecoveryCodes()) });
  }
}
// tests/fixtures/all-question-types.json, open now, for tests/e2e/question-types.spec.ts. Loaded
// here rather than seeded so the residents' list of demo consultations stays realistic.
const { saveDefinition } = await import("../../app/models/consultation.server");
const fixture = JSON.parse(fs.readFileSync(new URL("../fixtures/all-question-types.json", import.meta.url), "utf8"));
const loaded = await saveDefinition(handle.db, {
  slug: "all-question-types",
  definition: fixture,
  details: { title: "All question types (test)", summary: "Every question type Your Say supports.", kind: "survey", opensAt: null, closesAt: null, status: "live" },
});
if (loaded.outcome !== "created") throw new Error(`tests/fixtures/all-question-types.json: ${JSON.stringify(loaded)}`);
await handle.close();

const { startServer } = await import("../../server");
await startServer();
