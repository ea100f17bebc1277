import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import type { Kysely } from "kysely";
import { parseDistrictCsv } from "../app/areas/district-csv";
import { hashPassword } from "../app/auth/password.server";
import { countConsultations } from "../app/models/consultation.server";
import { createStaff } from "../app/models/staff.server";
import { countDistricts, replaceDistricts } from "../app/models/district.server";
import { ensureDefaultSections, listSections } from "../app/models/evidence.server";
import { listPopulationVersions, loadPopulationCsv } from "../app/models/population.server";
import { seedDemo } from "./demo";
import { migrateToLatest } from "./migrate";
import type { Database } from "./schema";

export const DEMO_EDITOR_EMAIL = "demo-editor@yoursay.example";

const DISTRICTS_CSV = fileURLToPath(new URL("./postcode-districts.csv", import.meta.url));
// Only figures that can be cited to ONS tables; staff load the rest (age, Darlington's sex and
// ethnic group…) from the population page.
const POPULATION_CSV = fileURLToPath(new URL("./population-figures.csv", import.meta.url));

/**
 * The reference data every instance needs before it can take a response: the postcode lookup
 * (shipped as db/postcode-districts.csv, loaded on a database that has none), the population
 * figures (db/population-figures.csv, likewise) and the Police and Crime Plan 2021-24 sections
 * (until staff make their own list). Idempotent; never replaces what staff have loaded.
 */
export async function ensureReferenceData(db: Kysely<Database>): Promise<{ districts: number; sections: number }> {
  if ((await countDistricts(db)) === 0) {
    const { districts, errors } = parseDistrictCsv(fs.readFileSync(DISTRICTS_CSV, "utf8"));
    if (errors.length) throw new Error(`db/postcode-districts.csv: ${errors.join("; ")}`);
    // Set-up filling an empty table, not a replacement anyone made: not an audit trail entry.
    await replaceDistricts(db, districts, null);
  }
  if ((await listPopulationVersions(db)).length === 0) {
    const loaded = await loadPopulationCsv(db, { csv: fs.readFileSync(POPULATION_CSV, "utf8"), staffEmail: null });
    if (!loaded.ok) throw new Error(`db/population-figures.csv: ${loaded.errors.join("; ")}`);
  }
  // The Police and Crime Plan 2021-24 sections, until staff make their own list.
  await ensureDefaultSections(db);
  return { districts: await countDistricts(db), sections: (await listSections(db)).length };
}

/**
 * Brings a database up to date, whichever command prepares it (npm start, npm run db:migrate,
 * the import scripts, the tests): migrations, the reference data, and (optionally) demo data.
 */
export async function setupDatabase(db: Kysely<Database>, { seed }: { seed: boolean }): Promise<{ seeded: boolean }> {
  await migrateToLatest(db);
  await ensureReferenceData(db);
  if (seed && (await countConsultations(db)) === 0) {
    await seedDemo(db);
    // A demo editor with a random password, shown once: there is never a default password.
    const password = randomBytes(12).toString("base64url");
    await createStaff(db, { email: DEMO_EDITOR_EMAIL, role: "editor", passwordHash: await hashPassword(password) });
    console.log(`Demo editor account: ${DEMO_EDITOR_EMAIL} with password ${password} (shown only this once)`);
    return { seeded: true };
  }
  return { seeded: false };
}
