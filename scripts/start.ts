// npm start: migrate, seed the demo data on an empty database, then serve, and say where to look.
// With several workers (WEB_CONCURRENCY, default one per core) this script is also what each
// worker runs: the database is set up once, in the primary, before any worker is forked.
import cluster from "node:cluster";
import { DEMO_EDITOR_EMAIL, setupDatabase } from "../db/setup";
import { createDb } from "../db/connection";
import { loadEnv } from "../app/server/env.server";
import { findStaffForLogin } from "../app/models/staff.server";
import { serve } from "../server";

if (cluster.isWorker) {
  await serve();
} else {
  await primary();
}

async function primary() {
  const env = loadEnv();
  const handle = createDb(env.DATABASE_URL);
  const { seeded } = await setupDatabase(handle.db, { seed: env.SEED_DEMO === "true" });
  const demoEditor = Boolean(await findStaffForLogin(handle.db, { email: DEMO_EDITOR_EMAIL }));
  await handle.close();
  if (seeded) console.log(`Seeded the demo consultations into ${handle.dialect === "sqlite" ? env.DATABASE_URL : "PostgreSQL"}`);

  const served = await serve();
  const site = `http://localhost:${served!.port}`;
  const lines = [
    "",
    "Try this first:",
    `  Residents   ${site}/consultations  answer an open consultation, with or without JavaScript`,
    `  Staff       ${site}/staff`,
  ];
  if (demoEditor) {
    lines.push(
      `              sign in as ${DEMO_EDITOR_EMAIL} with the password ${seeded ? "printed above" : "printed on the first start"}`,
      `              missed it? npm run staff:password -- --email ${DEMO_EDITOR_EMAIL} --generate`,
    );
  } else {
    lines.push("              create an account: npm run staff:create -- --email you@example.org --role admin");
  }
  if (env.NODE_ENV !== "production") lines.push("", `Running in development mode (NODE_ENV=${env.NODE_ENV}); see docs/operations.md for production.`);
  // For a person at a terminal only: piped output (a process manager, a log shipper) stays one JSON
  // line per event, and server.ts has already logged where it listens.
  if (process.stdout.isTTY) console.log(lines.join("\n"));
}
