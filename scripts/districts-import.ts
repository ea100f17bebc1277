/**
 * npm run districts:import -- file.csv
 *
 * Replaces the postcode-district lookup ("Where you live") with a CSV of outward,authority,area.
 * The whole table is replaced in one transaction, or not at all: any bad line stops the import.
 * In the same transaction every stored answer's authority and area is looked up again from its
 * kept outward code, and the replacement is written to the audit trail.
 */
import fs from "node:fs";
import { loadEnv } from "../app/server/env.server";
import { parseDistrictCsv } from "../app/areas/district-csv";
import { countDistricts, replaceDistricts } from "../app/models/district.server";
import { createDb } from "../db/connection";
import { setupDatabase } from "../db/setup";

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
  await setupDatabase(handle.db, { seed: false });
  const before = await countDistricts(handle.db);
  const result = await replaceDistricts(handle.db, districts, { source: `npm run districts:import ${file}` });
  console.log(`Replaced the postcode lookup: ${before} districts before, ${districts.length} now.`);
  console.log(`Looked up ${result.answers} stored answers again: ${result.changed} changed authority or area.`);
} finally {
  await handle.close();
}
