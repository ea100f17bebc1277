import { stringify } from "csv-stringify/sync";
import { expect, it } from "vitest";
import { getConsultationBySlug, getConsultationForStaff } from "../../app/models/consultation.server";
import { readCounts, recountFromAnswers, responseTotals } from "../../app/models/answer-counts.server";
import { importResponses } from "../../app/staff-entry/response-import.server";
import { describeEachDatabase } from "../databases";
import { sortedCounts } from "./helpers/db-checks";

/** The CSV import stores every row or none, on SQLite and PostgreSQL, and its counts agree with a recount. */
describeEachDatabase(
  "importing paper responses",
  (ctx) => {
    const db = () => ctx().handle.db;
    const header = ["channel", "investment.neighbourhood_policing", "investment.more_officers", "asb_priority", "precept_support.increase_14", "postcode.district", "comments"];

    it("stores nothing when any line is wrong, and names the line", async () => {
      const id = (await getConsultationBySlug(db(), { slug: "police-precept-2027-28" }))!.id;
      const c = (await getConsultationForStaff(db(), { id }))!;
      const before = await responseTotals(db(), { consultationId: id });
      const csv = stringify([header, ["paper", "1", "0", "High priority", "Support", "DH1", "More patrols"], ["paper", "1", "1", "urgent", "Oppose", "", ""]]);
      const result = await importResponses(db(), { consultation: c, csv, channel: null });
      expect(result).toEqual({ ok: false, errors: [{ line: 3, message: expect.stringContaining('"urgent" is not an answer') }] });
      expect(await responseTotals(db(), { consultationId: id })).toEqual(before);
    });

    it("stores every line, counted with its channel, when all are right", async () => {
      const id = (await getConsultationBySlug(db(), { slug: "police-precept-2027-28" }))!.id;
      const c = (await getConsultationForStaff(db(), { id }))!;
      const before = await responseTotals(db(), { consultationId: id });
      const csv = stringify([header, ["paper", "1", "0", "High priority", "Support", "DH1", "More patrols"], ["phone", "0", "1", "low", "Not answered", "", ""], ["", "1", "1", "medium", "oppose", "", ""]]);
      const result = await importResponses(db(), { consultation: c, csv, channel: "event" });
      expect(result).toEqual({ ok: true, count: 3, byChannel: { paper: 1, phone: 1, event: 1 } });
      const after = await responseTotals(db(), { consultationId: id });
      expect(after.counted).toBe(before.counted + 3);
      for (const ch of ["paper", "phone", "event"]) expect(after.byChannel[ch] ?? 0).toBe((before.byChannel[ch] ?? 0) + 1);
      // The maintained counts were added in the same transaction and agree with a full recount.
      expect(sortedCounts(await readCounts(db(), { consultationId: id }))).toEqual(sortedCounts(await recountFromAnswers(db(), { consultationId: id })));
    });
  },
  { seed: true },
);
