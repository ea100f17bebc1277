// npm run db:migrate: bring the database named by DATABASE_URL up to date (npm start does this
// too): migrations, then the reference data every instance needs (the postcode lookup and the
// plan sections), so a server started with npm run serve can take responses at once.
import { loadEnv } from "../app/server/env.server";
import { createDb } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { ensureReferenceData } from "../db/setup";

const handle = createDb(loadEnv().DATABASE_URL);
try {
  await migrateToLatest(handle.db);
  const { districts, sections } = await ensureReferenceData(handle.db);
  console.log(`The database is up to date: ${districts} postcode districts, ${sections} plan sections.`);
} catch (error) {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
