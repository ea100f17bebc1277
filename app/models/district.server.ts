import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { ValidationContext } from "~/responding/validation";
import { parseDistrictCsv } from "~/areas/district-csv";
import { allQuestions, ConsultationDefinitionSchema, type Question } from "~/definition/definition";
import type { District } from "~/areas/postcode";
import { BASE, type Answers } from "~/responding/answers";
import { recordAudit } from "./audit.server";
import { writeAllPendingIn } from "./answer-rows.server";

/** The postcode lookup is empty: "Where you live" answers would be stored as "not recognised". */
export class ReferenceDataMissing extends Error {
  constructor() {
    super("The postcode lookup is empty. Run npm run db:migrate (or npm start), which loads the shipped lookup, or import one with npm run districts:import.");
  }
}

/**
 * Builds the postcode lookup for validating the given questions; read per request so every
 * instance agrees, and only when one of them asks for a postcode (most pages, and most
 * submissions' extra work, need no lookup at all). Without `questions`, it always reads. An
 * empty lookup is refused: every answer would be stored as "not recognised" for good.
 */
export async function districtLookup(db: Kysely<Database>, questions?: Question[]): Promise<ValidationContext> {
  if (questions && !questions.some((q) => q.type === "postcode")) return { lookupDistrict: () => null };
  const rows = await db.selectFrom("postcode_districts").select(["outward", "authority", "area"]).execute();
  if (rows.length === 0) throw new ReferenceDataMissing();
  const byOutward = new Map(rows.map((r) => [r.outward, { authority: r.authority, area: r.area }]));
  return { lookupDistrict: (outward) => byOutward.get(outward) ?? null };
}

export interface Replaced {
  districts: number;
  /** "Where you live" answers looked up again from their kept outward codes. */
  answers: number;
  /** Of those, answers whose authority or area changed. */
  changed: number;
}

/**
 * Replaces the whole lookup and re-derives every stored "Where you live" answer's authority and
 * area from the outward code kept with it, in one transaction with the audit entry: answers
 * stored while a district was missing ("not recognised") are recognised once it is added, and
 * every figure by area follows the lookup in use. Maintained counts of those answers are counted
 * again from the answer rows, and each consultation's counts revision goes up, so every instance
 * counts its kept subgroup figures afresh.
 */
export async function replaceDistricts(
  db: Kysely<Database>,
  districts: District[],
  /** Who replaced it and how, for the audit trail; null only when set-up fills an empty table. */
  audit: { staff?: { id: string; email: string } | null; source: string } | null,
): Promise<Replaced> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom("postcode_districts").execute();
    for (let i = 0; i < districts.length; i += 300) {
      await trx.insertInto("postcode_districts").values(districts.slice(i, i + 300)).execute();
    }
    const rederived = await rederiveAreas(trx, new Map(districts.map((d) => [d.outward, d])));
    if (audit) {
      await recordAudit(trx, {
        staff: audit.staff ?? null,
        action: "districts.replaced",
        detail: `${districts.length} postcode districts (${audit.source}); ${rederived.answers} stored answers looked up again, ${rederived.changed} changed`,
      });
    }
    return { districts: districts.length, ...rederived };
  });
}

const UNKNOWN = "unknown";

async function rederiveAreas(trx: Transaction<Database>, lookup: Map<string, District>): Promise<{ answers: number; changed: number }> {
  // Areas are looked up again from the answer rows: a response still without them would keep
  // its old area in its answers and gain its rows after the recount below.
  await writeAllPendingIn(trx);
  // Which questions ask for a postcode, in any version of any consultation.
  const versions = await trx.selectFrom("consultation_versions").select(["consultation_id", "definition"]).execute();
  const postcodeQuestions = new Map<string, Set<string>>();
  for (const v of versions) {
    const def = ConsultationDefinitionSchema.parse(JSON.parse(v.definition));
    for (const q of allQuestions(def)) {
      if (q.type !== "postcode") continue;
      if (!postcodeQuestions.has(v.consultation_id)) postcodeQuestions.set(v.consultation_id, new Set());
      postcodeQuestions.get(v.consultation_id)!.add(q.id);
    }
  }
  let answers = 0;
  let changed = 0;
  for (const [consultationId, ids] of postcodeQuestions) {
    const questionIds = [...ids];
    let touched = false;
    // A batch at a time, by response id, so memory stays flat however many responses there are.
    let after = "";
    for (;;) {
      const rows = await trx
        .selectFrom("answers")
        .select(["response_id", "question_id", "option_id as outward"])
        .where("consultation_id", "=", consultationId)
        .where("question_id", "in", questionIds)
        .where("item_id", "=", "district")
        .where("response_id", ">", after)
        .orderBy("response_id")
        .limit(500)
        .execute();
      if (!rows.length) break;
      after = rows[rows.length - 1].response_id;
      const current = await trx
        .selectFrom("answers")
        .select(["response_id", "question_id", "item_id", "option_id"])
        .where("response_id", "in", rows.map((r) => r.response_id))
        .where("question_id", "in", questionIds)
        .where("item_id", "in", ["", "area"])
        .execute();
      const byKey = new Map(current.map((c) => [`${c.response_id}|${c.question_id}|${c.item_id}`, c.option_id]));
      const changedResponses = new Map<string, { question: string; authority: string; area: string }[]>();
      for (const r of rows) {
        answers++;
        const found = lookup.get(r.outward);
        const authority = found?.authority ?? UNKNOWN;
        const area = found?.area ?? UNKNOWN;
        if (byKey.get(`${r.response_id}|${r.question_id}|`) === authority && byKey.get(`${r.response_id}|${r.question_id}|area`) === area) continue;
        changed++;
        const where = (item: string) =>
          trx.updateTable("answers").where("response_id", "=", r.response_id).where("question_id", "=", r.question_id).where("item_id", "=", item);
        await where("").set({ option_id: authority }).execute();
        await where("area").set({ option_id: area }).execute();
        changedResponses.set(r.response_id, [...(changedResponses.get(r.response_id) ?? []), { question: r.question_id, authority, area }]);
      }
      for (const [responseId, updates] of changedResponses) {
        const row = await trx.selectFrom("responses").select("answers_json").where("id", "=", responseId).executeTakeFirstOrThrow();
        const stored = JSON.parse(row.answers_json) as Answers;
        for (const u of updates) {
          const a = stored[u.question];
          if (a?.type === "postcode") stored[u.question] = { ...a, authority: u.authority, area: u.area };
        }
        await trx.updateTable("responses").set({ answers_json: JSON.stringify(stored) }).where("id", "=", responseId).execute();
      }
      if (changedResponses.size) touched = true;
    }
    if (!touched) continue;
    // The maintained counts of these answers, counted again from the answer rows.
    await trx
      .deleteFrom("answer_counts")
      .where("consultation_id", "=", consultationId)
      .where("question_id", "in", questionIds)
      .where("item_id", "in", ["", "area"])
      .where("option_id", "<>", BASE)
      .execute();
    const recounted = await trx
      .selectFrom("answers as a")
      .innerJoin("responses as r", "r.id", "a.response_id")
      .where("a.consultation_id", "=", consultationId)
      .where("r.status", "=", "counted")
      .where("a.question_id", "in", questionIds)
      .where("a.item_id", "in", ["", "area"])
      .select((eb) => ["a.question_id", "a.item_id", "a.option_id", eb.fn.countAll<number>().as("n")])
      .groupBy(["a.question_id", "a.item_id", "a.option_id"])
      .execute();
    if (recounted.length) {
      await trx
        .insertInto("answer_counts")
        .values(recounted.map((c) => ({ consultation_id: consultationId, question_id: c.question_id, item_id: c.item_id, option_id: c.option_id, n: Number(c.n) })))
        .execute();
    }
    await trx
      .updateTable("consultations")
      .set({ counts_revision: sql`counts_revision + 1` })
      .where("id", "=", consultationId)
      .execute();
    // The saved column store holds the old areas: it goes, and is built again under the new revision.
    await trx.deleteFrom("column_stores").where("consultation_id", "=", consultationId).execute();
  }
  return { answers, changed };
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
export async function replaceDistrictsFromCsv(
  db: Kysely<Database>,
  csv: string,
  audit: { staff?: { id: string; email: string } | null; source: string },
): Promise<({ ok: true } & Replaced) | { ok: false; errors: string[] }> {
  const { districts, errors } = parseDistrictCsv(csv);
  if (errors.length) return { ok: false, errors };
  if (districts.length === 0) return { ok: false, errors: ["The lookup has no districts: add a line for each outward code"] };
  return { ok: true, ...(await replaceDistricts(db, districts, audit)) };
}
