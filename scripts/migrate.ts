// npm run db:migrate: bring the database named by DATABASE_URL up to date (npm start does this too).
import { loadEnv } from "../app/server/env.server";
import { createDb } from "../db/connection";
import { migrateToLatest } from "../db/migrate";

const handle = createDb(loadEnv().DATABASE_URL);
try {
  await migrateToLatest(handle.db);
  console.log("The database is up to date.");
} catch (error) {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
