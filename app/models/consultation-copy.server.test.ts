import { expect, it } from "vitest";
import { describeEachDatabase } from "../../tests/databases";
import { copyConsultation } from "./consultation-copy.server";
import { getConsultationBySlug, getConsultationForStaff } from "./consultation.server";
import { responseTotals } from "./answer-counts.server";

describeEachDatabase(
  "copying a consultation as a new draft",
  (ctx) => {
    it("copies last year's survey with its questions, routing and ids, but none of its responses, dates or results", async () => {
      const db = ctx().handle.db;
      const source = (await getConsultationBySlug(db, { slug: "police-and-crime-survey-2021" }))!;
      expect((await responseTotals(db, { consultationId: source.id })).counted).toBeGreaterThan(0);
      const copied = await copyConsultation(db, { fromId: source.id, slug: "police-and-crime-survey-2028", title: "Police and Crime Survey 2028" });
      if (copied.outcome !== "copied") throw new Error(copied.outcome);
      expect(copied.from.title).toBe(source.title);
      const c = (await getConsultationForStaff(db, { id: copied.id }))!;
      expect(c).toMatchObject({ status: "draft", title: "Police and Crime Survey 2028", summary: source.summary, kind: source.kind, opensAt: null, closesAt: null, resultsPublishedAt: null, currentVersion: null });
      // Same questions, in the same order, with the same ids and the same routing.
      expect(c.draftDefinition).toEqual(source.definition);
      expect(c.draftDefinition.pages.some((p) => p.showIf)).toBe(true);
      expect((await responseTotals(db, { consultationId: copied.id })).counted).toBe(0);
    });

    it("refuses a web address already in use, and a consultation that does not exist", async () => {
      const db = ctx().handle.db;
      const source = (await getConsultationBySlug(db, { slug: "police-precept-2022-23" }))!;
      expect(await copyConsultation(db, { fromId: source.id, slug: "police-precept-2022-23", title: "Again" })).toEqual({ outcome: "slug_taken" });
      expect(await copyConsultation(db, { fromId: "00000000-0000-4000-8000-000000000000", slug: "nothing-here", title: "Nothing" })).toEqual({ outcome: "not_found" });
    });
  },
  { seed: true },
);
