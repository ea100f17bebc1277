// npm start: migrate, seed the demo data on an empty database, then serve.
import { setupDatabase } from "../db/setup";
import { createDb } from "../db/connection";
import { loadEnv } from "../app/server/env.server";
import { startServer } from "../server";

const env = loadEnv();
const handle = createDb(env.DATABASE_URL);
const { seeded } = await setupDatabase(handle.db, { seed: env.SEED_DEMO === "true" });
await handle.close();
if (seeded) console.log(`Seeded the demo consultations into ${handle.dialect === "sqlite" ? env.DATABASE_URL : "PostgreSQL"}`);
await startServer();
