import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { ValidationContext } from "~/responding/validation";
import { parseDistrictCsv } from "~/areas/district-csv";
import type { Question } from "~/definition/definition";
import type { District } from "~/areas/postcode";

/**
 * Builds the postcode lookup for validating the given questions; read per request so every
 * instance agrees, and only when one of them asks for a postcode (most pages, and most
 * submissions' extra work, need no lookup at all). Without `questions`, it always reads.
 */
export async function districtLookup(db: Kysely<Database>, questions?: Question[]): Promise<ValidationContext> {
  if (questions && !questions.some((q) => q.type === "postcode")) return { lookupDistrict: () => null };
  const rows = await db.selectFrom("postcode_districts").select(["outward", "authority", "area"]).execute();
  const byOutward = new Map(rows.map((r) => [r.outward, { authority: r.authority, area: r.area }]));
  return { lookupDistrict: (outward) => byOutward.get(outward) ?? null };
}

/** Replaces the whole lookup table in one transaction (staff upload a new CSV). */
export async function replaceDistricts(db: Kysely<Database>, districts: District[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("postcode_districts").execute();
    for (let i = 0; i < districts.length; i += 300) {
      await trx.insertInto("postcode_districts").values(districts.slice(i, i + 300)).execute();
    }
  });
}

export async function countDistricts(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("postcode_districts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listDistricts(db: Kysely<Database>): Promise<District[]> {
  return db.selectFrom("postcode_districts").select(["outward", "authority", "area"]).orderBy("authority").orderBy("outward").execute();
}

/**
 * Replaces the lookup from a staff-supplied CSV, all or nothing. Lives here (not in the route)
 * so the CSV parser stays out of the browser bundle.
 */
export async function replaceDistrictsFromCsv(db: Kysely<Database>, csv: string): Promise<{ ok: true; count: number } | { ok: false; errors: string[] }> {
  const { districts, errors } = parseDistrictCsv(csv);
  if (errors.length) return { ok: false, errors };
  if (districts.length === 0) return { ok: false, errors: ["The lookup has no districts: add a line for each outward code"] };
  await replaceDistricts(db, districts);
  return { ok: true, count: districts.length };
}
