import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { authorityOfGssCode, AUTHORITY_GSS_CODES } from "~/areas/authority-codes";
import { parsePopulationCsv } from "~/weighting/population-csv";
import type { PopulationFigure } from "~/weighting/population-variables";

/**
 * Population figures, versioned: every load is a new version holding the whole set, and the
 * newest is the one in use; earlier versions stay, so what a figure was weighted with can be
 * told. Loads are all or nothing (population-csv.ts checks every line first).
 */

export interface PopulationVersion {
  id: string;
  version: number;
  createdAt: string;
  /** Null for the figures shipped with Your Say. */
  staffEmail: string | null;
  figures: number;
}

export interface Population {
  version: PopulationVersion | null;
  figures: PopulationFigure[];
}

const toVersion = (r: { id: string; version: number; created_at: string; staff_email: string | null; figures: number }): PopulationVersion => ({
  id: r.id,
  version: Number(r.version),
  createdAt: r.created_at,
  staffEmail: r.staff_email,
  figures: Number(r.figures),
});

export async function listPopulationVersions(db: Kysely<Database>): Promise<PopulationVersion[]> {
  return (await db.selectFrom("population_versions").selectAll().orderBy("version", "desc").execute()).map(toVersion);
}

/**
 * A version's figures, by version id: a load writes the version and all its figures in one
 * transaction and nothing changes them afterwards, so once seen they are kept, frozen (callers
 * share them). Which version is in use is asked of the database on every call. Bounded.
 */
const figuresByVersion = new Map<string, readonly PopulationFigure[]>();
const VERSIONS_KEPT = 8;

async function figuresOf(db: Kysely<Database>, versionId: string): Promise<PopulationFigure[]> {
  let figures = figuresByVersion.get(versionId);
  if (!figures) {
    const rows = await db.selectFrom("population_figures").selectAll().where("version_id", "=", versionId).orderBy("line").execute();
    figures = Object.freeze(
      rows.map((r) =>
        Object.freeze({
          line: Number(r.line),
          geography: authorityOfGssCode(r.geography)!,
          variable: r.variable as PopulationFigure["variable"],
          optionIds: Object.freeze(r.category.split("+")) as string[],
          count: Number(r.count),
          source: r.source,
          referenceDate: r.reference_date,
          universe: r.universe,
        }),
      ),
    );
    if (figuresByVersion.size >= VERSIONS_KEPT) figuresByVersion.delete(figuresByVersion.keys().next().value!);
    figuresByVersion.set(versionId, figures);
  }
  return figures as PopulationFigure[];
}

/** The figures in use: the newest version's. */
export async function currentPopulation(db: Kysely<Database>): Promise<Population> {
  const latest = await db.selectFrom("population_versions").selectAll().orderBy("version", "desc").limit(1).executeTakeFirst();
  if (!latest) return { version: null, figures: [] };
  return { version: toVersion(latest), figures: await figuresOf(db, latest.id) };
}

/** Checks the CSV and, only if every line is right, stores it as the next version. */
export async function loadPopulationCsv(
  db: Kysely<Database>,
  { csv, staffEmail, now = new Date() }: { csv: string; staffEmail: string | null; now?: Date },
): Promise<{ ok: true; version: number; figures: number } | { ok: false; errors: string[] }> {
  const { figures, errors } = parsePopulationCsv(csv);
  if (errors.length) return { ok: false, errors };
  return db.transaction().execute(async (trx) => {
    const last = await trx.selectFrom("population_versions").select((eb) => eb.fn.max("version").as("v")).executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const id = randomUUID();
    await trx.insertInto("population_versions").values({ id, version, created_at: now.toISOString(), staff_email: staffEmail, figures: figures.length }).execute();
    for (let i = 0; i < figures.length; i += 200) {
      await trx
        .insertInto("population_figures")
        .values(
          figures.slice(i, i + 200).map((f) => ({
            version_id: id,
            line: f.line,
            geography: AUTHORITY_GSS_CODES[f.geography],
            variable: f.variable,
            category: f.optionIds.join("+"),
            count: f.count,
            source: f.source,
            reference_date: f.referenceDate,
            universe: f.universe,
          })),
        )
        .execute();
    }
    return { ok: true as const, version, figures: figures.length };
  });
}
