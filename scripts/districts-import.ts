/**
 * npm run districts:import -- file.csv
 *
 * Replaces the postcode-district lookup ("Where you live") with a CSV of outward,authority,area.
 * The whole table is replaced in one transaction, or not at all: any bad line stops the import.
 * Responses already stored keep the authority and area they were recorded with.
 */
import fs from "node:fs";
import { loadEnv } from "../app/server/env.server";
import { parseDistrictCsv } from "../app/areas/district-csv";
import { countDistricts, replaceDistricts } from "../app/models/district.server";
import { createDb } from "../db/connection";
import { migrateToLatest } from "../db/migrate";

const [file, ...rest] = process.argv.slice(2);
if (!file || rest.length) {
  console.error("Usage: npm run districts:import -- file.csv   (columns: outward,authority,area)");
  process.exit(1);
}
let csv: string;
try {
  csv = fs.readFileSync(file, "utf8");
} catch {
  console.error(`${file}: cannot read the file; check the path`);
  process.exit(1);
}
const { districts, errors } = parseDistrictCsv(csv);
if (errors.length) {
  console.error(`${file} was not imported; the lookup is unchanged:`);
  for (const e of errors) console.error(`  ${e}`);
  process.exit(1);
}

const handle = createDb(loadEnv().DATABASE_URL);
try {
  await migrateToLatest(handle.db);
  const before = await countDistricts(handle.db);
  await replaceDistricts(handle.db, districts);
  console.log(`Replaced the postcode lookup: ${before} districts before, ${districts.length} now.`);
} finally {
  await handle.close();
}
