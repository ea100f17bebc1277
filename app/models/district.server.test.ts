import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import type { Question } from "~/definition/definition";
import { parseDistrictCsv } from "~/areas/district-csv";
import { checkResponse } from "~/responding/validation";
import { describeEachDatabase } from "../../tests/databases";
import { ensureReferenceData } from "../../db/setup";
import { breakdownRows, countRows, readCounts, recountBreakdown, recountFromAnswers, recountSubgroup } from "./answer-counts.server";
import { forgetColumns } from "./column-store.server";
import { createConsultation, getConsultationBySlug } from "./consultation.server";
import { countDistricts, districtLookup, ReferenceDataMissing, replaceDistricts } from "./district.server";
import { submitResponse } from "./response.server";

const postcode = { id: "where", type: "postcode", title: "Postcode", required: false } as Question;
const other = { id: "comments", type: "free_text", title: "Comments", required: false, maxLength: 100 } as Question;

describeEachDatabase("postcode district lookup", (ctx) => {
  it("maps outward codes from the shipped table when a question asks for a postcode", async () => {
    const lookup = await districtLookup(ctx().handle.db, [other, postcode]);
    expect(lookup.lookupDistrict("DL3")).toEqual({ authority: "darlington", area: "Darlington west" });
    expect(lookup.lookupDistrict("ZZ9")).toBeNull();
  });

  it("does not read the table for questions that ask for no postcode", async () => {
    const lookup = await districtLookup(ctx().handle.db, [other]);
    expect(lookup.lookupDistrict("DL3")).toBeNull();
  });
});

describeEachDatabase("replacing the postcode lookup", (ctx) => {
  it("re-derives stored areas from the kept outward codes, with the counts, audited, in one transaction", async () => {
    const { db } = ctx().handle;
    const shipped = parseDistrictCsv(fs.readFileSync(fileURLToPath(new URL("../../db/postcode-districts.csv", import.meta.url)), "utf8")).districts;
    // A lookup that lacks DH1, as one loaded before the district was added.
    await replaceDistricts(db, shipped.filter((d) => d.outward !== "DH1"), { source: "test: without DH1" });
    const slug = `rederive-${randomUUID()}`;
    const c = await createConsultation(db, {
      slug,
      title: "Where you live",
      summary: "",
      kind: "survey",
      status: "live",
      opensAt: null,
      closesAt: null,
      definition: { pages: [{ id: "p", title: "P", questions: [{ id: "where", type: "postcode", title: "Postcode", required: true }] }] },
    });
    const consultation = (await getConsultationBySlug(db, { slug }))!;
    const lookup = await districtLookup(db);
    const postcodes = [...Array(7).fill("DH1 3HP"), ...Array(5).fill("DL3 7AB")];
    for (const [i, postcode] of postcodes.entries()) {
      const { answers, errors } = checkResponse(consultation.definition, { where: parsePostcode(postcode, lookup) }, lookup);
      expect(errors).toEqual([]);
      // One held apart, which is re-derived too but never counted.
      await submitResponse(db, { consultationId: c.id, versionId: consultation.versionId, channel: "online", answers, nonce: randomUUID(), tokenExpiresAt: "2999-01-01", ...(i === 0 ? { excludedReason: "completed too fast" } : {}) });
    }
    const option = (rows: { question_id: string; item_id: string; option_id: string; n: number }[], item: string, id: string) =>
      Number(rows.find((r) => r.question_id === "where" && r.item_id === item && r.option_id === id)?.n ?? 0);
    const before = await readCounts(db, { consultationId: c.id });
    expect(option(before, "", "unknown")).toBe(6);
    const unknownGroup = { questionId: "where", itemId: "", optionIds: ["unknown"] };
    expect(option(await countRows(db, { consultationId: c.id, filter: unknownGroup }), "", "unknown")).toBe(6);

    // Adding DH1 back: the stored answers are looked up again.
    const result = await replaceDistricts(db, shipped, { staff: null, source: "test: full lookup" });
    expect(result).toEqual({ districts: shipped.length, answers: 12, changed: 7 });
    const after = await readCounts(db, { consultationId: c.id });
    expect(option(after, "", "unknown")).toBe(0);
    expect(option(after, "", "durham")).toBe(6);
    expect(option(after, "area", "Durham City")).toBe(6);
    expect(option(after, "", "darlington")).toBe(5);
    const sorted = (rows: typeof after) => rows.map((r) => ({ ...r, n: Number(r.n) })).sort((a, b) => `${a.question_id}|${a.item_id}|${a.option_id}`.localeCompare(`${b.question_id}|${b.item_id}|${b.option_id}`));
    expect(sorted(after)).toEqual(sorted(await recountFromAnswers(db, { consultationId: c.id })));
    const stored = await db.selectFrom("responses").select("answers_json").where("consultation_id", "=", c.id).execute();
    expect(stored.map((r) => JSON.parse(r.answers_json).where).filter((w) => w.outward === "DH1")).toEqual(Array(7).fill({ type: "postcode", outward: "DH1", authority: "durham", area: "Durham City" }));
    // Figures kept per process are counted afresh: the subgroup of "not recognised" is empty now.
    expect(option(await countRows(db, { consultationId: c.id, filter: unknownGroup }), "", "unknown")).toBe(0);
    const entry = await db.selectFrom("audit_log").select(["action", "detail"]).where("detail", "like", "%test: full lookup%").executeTakeFirstOrThrow();
    expect(entry).toEqual({ action: "districts.replaced", detail: `${shipped.length} postcode districts (test: full lookup); 12 stored answers looked up again, 7 changed` });

    // A lookup that cannot be stored changes nothing: not the table, not the answers, not the audit trail.
    const broken = [...shipped.filter((d) => d.outward !== "DL3"), { outward: "DH1", authority: "outside", area: "Elsewhere" }];
    await expect(replaceDistricts(db, broken, { source: "test: broken" })).rejects.toThrow();
    expect(await countDistricts(db)).toBe(shipped.length);
    expect(sorted(await readCounts(db, { consultationId: c.id }))).toEqual(sorted(after));
    expect(await db.selectFrom("audit_log").select("id").where("detail", "like", "%test: broken%").execute()).toEqual([]);
  });

  it("counts subgroups and breakdowns by area afresh after a re-derivation, in this process and from the saved column store", async () => {
    const { db } = ctx().handle;
    const shipped = parseDistrictCsv(fs.readFileSync(fileURLToPath(new URL("../../db/postcode-districts.csv", import.meta.url)), "utf8")).districts;
    await replaceDistricts(db, shipped.filter((d) => d.outward !== "DH1"), { source: "test: without DH1, again" });
    const slug = `rederive-areas-${randomUUID()}`;
    const definition = {
      pages: [
        {
          id: "p",
          title: "P",
          questions: [
            { id: "where", type: "postcode", title: "Postcode", required: true },
            { id: "safe", type: "single_choice", title: "Do you feel safe?", required: true, options: [{ id: "yes", label: "Yes" }, { id: "no", label: "No" }] },
          ],
        },
      ],
    };
    const c = await createConsultation(db, { slug, title: "Areas", summary: "", kind: "survey", status: "live", opensAt: null, closesAt: null, definition: definition as never });
    const consultation = (await getConsultationBySlug(db, { slug }))!;
    const lookup = await districtLookup(db);
    for (const [postcode, safe] of [...Array(4).fill(["DH1 3HP", "yes"]), ...Array(2).fill(["DH1 3HP", "no"]), ...Array(3).fill(["DL3 7AB", "no"])] as [string, string][]) {
      const { answers, errors } = checkResponse(consultation.definition, { where: parsePostcode(postcode, lookup), safe: { type: "single_choice", option: safe } }, lookup);
      expect(errors).toEqual([]);
      await submitResponse(db, { consultationId: c.id, versionId: consultation.versionId, channel: "online", answers, nonce: randomUUID(), tokenExpiresAt: "2999-01-01" });
    }
    const safe = (rows: { question_id: string; item_id: string; option_id: string; n: number }[], id: string) => Number(rows.find((r) => r.question_id === "safe" && r.option_id === id)?.n ?? 0);
    const durhamCity = { questionId: "where", itemId: "area", optionIds: ["Durham City"] };
    const byArea = { questionId: "where", itemId: "area" };
    const sorted = (rows: { question_id: string; item_id: string; option_id: string; n: number; group?: string }[]) =>
      rows.map((r) => JSON.stringify([r.group ?? null, r.question_id, r.item_id, r.option_id, Number(r.n)])).sort();
    // The column store is built (and saved) while DH1 is not recognised: no one is in Durham City.
    expect(safe(await countRows(db, { consultationId: c.id, filter: durhamCity }), "yes")).toBe(0);
    expect((await breakdownRows(db, { consultationId: c.id, by: byArea, filter: null })).filter((r) => r.group === "Durham City")).toEqual([]);

    await replaceDistricts(db, shipped, { staff: null, source: "test: full lookup, again" });
    // Same counted total, new areas: this process's store and kept figures are counted afresh.
    const subgroup = await countRows(db, { consultationId: c.id, filter: durhamCity });
    expect([safe(subgroup, "yes"), safe(subgroup, "no")]).toEqual([4, 2]);
    expect(sorted(subgroup)).toEqual(sorted(await recountSubgroup(db, { consultationId: c.id, filter: durhamCity })));
    const breakdown = await breakdownRows(db, { consultationId: c.id, by: byArea, filter: null });
    expect(sorted(breakdown)).toEqual(sorted(await recountBreakdown(db, { consultationId: c.id, by: byArea, filter: null })));
    // A process that starts now (nothing held) loads no store saved before the re-derivation.
    forgetColumns(db);
    const fresh = await countRows(db, { consultationId: c.id, filter: { ...durhamCity, optionIds: ["Durham City", "Darlington west"] } });
    expect([safe(fresh, "yes"), safe(fresh, "no")]).toEqual([4, 5]);
  });

  it("refuses to look postcodes up in an empty lookup", async () => {
    const { db } = ctx().handle;
    await db.deleteFrom("postcode_districts").execute();
    await expect(districtLookup(db, [postcode])).rejects.toBeInstanceOf(ReferenceDataMissing);
    await ensureReferenceData(db);
    expect((await districtLookup(db, [postcode])).lookupDistrict("DH1")).toEqual({ authority: "durham", area: "Durham City" });
  });
});

function parsePostcode(postcode: string, lookup: Awaited<ReturnType<typeof districtLookup>>) {
  const outward = postcode.split(" ")[0];
  const found = lookup.lookupDistrict(outward);
  return { type: "postcode" as const, outward, authority: found?.authority ?? "unknown", area: found?.area ?? "unknown" };
}
