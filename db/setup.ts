import fs from "node:fs";
import { fileURLToPath } from "node:url";
import type { Kysely } from "kysely";
import { parseDistrictCsv } from "../app/consultation/postcode";
import { countConsultations } from "../app/models/consultation.server";
import { countDistricts, replaceDistricts } from "../app/models/district.server";
import { seedDemo } from "./demo";
import { migrateToLatest } from "./migrate";
import type { Database } from "./schema";

const DISTRICTS_CSV = fileURLToPath(new URL("./postcode-districts.csv", import.meta.url));

/** Brings a database up to date: migrations, the shipped postcode lookup, and (optionally) demo data. */
export async function setupDatabase(db: Kysely<Database>, { seed }: { seed: boolean }): Promise<{ seeded: boolean }> {
  await migrateToLatest(db);
  if ((await countDistricts(db)) === 0) {
    const { districts, errors } = parseDistrictCsv(fs.readFileSync(DISTRICTS_CSV, "utf8"));
    if (errors.length) throw new Error(`db/postcode-districts.csv: ${errors.join("; ")}`);
    await replaceDistricts(db, districts);
  }
  if (seed && (await countConsultations(db)) === 0) {
    await seedDemo(db);
    return { seeded: true };
  }
  return { seeded: false };
}
