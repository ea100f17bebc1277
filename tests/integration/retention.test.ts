import { expect, it } from "vitest";
import { aggregate } from "~/results/aggregate";
import { formatPercent } from "~/results/statistics";
import { getConsultationBySlug } from "~/models/consultation.server";
import { deleteResponsesOfConsultationsClosedBefore } from "~/models/response.server";
import { readCounts, responseTotals } from "~/models/answer-counts.server";
import { describeEachDatabase } from "../databases";

describeEachDatabase(
  "retention deletes old individual responses and keeps the published totals",
  (ctx) => {
    const count = async (table: "responses" | "answers") =>
      Number((await ctx().handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

    it("a dry run says what it would delete and deletes nothing", async () => {
      const before = await count("responses");
      const due = await deleteResponsesOfConsultationsClosedBefore(ctx().handle.db, { closedBefore: new Date("2023-01-01"), dryRun: true });
      expect(due.map((d) => [d.title, d.responses]).sort()).toEqual([
        ["Police and Crime Survey", 600],
        ["Police precept 2022/23 consultation", 500],
      ]);
      expect(await count("responses")).toBe(before);
    });

    it("deletes only consultations closed before the cut-off, answer rows included, and results still read", async () => {
      const { db } = ctx().handle;
      // The survey closed in October 2021, the precept consultation in January 2022.
      const deleted = await deleteResponsesOfConsultationsClosedBefore(db, { closedBefore: new Date("2021-12-01") });
      expect(deleted.map((d) => d.title)).toEqual(["Police and Crime Survey"]);
      const survey = (await getConsultationBySlug(db, { slug: "police-and-crime-survey-2021" }))!;
      const precept = (await getConsultationBySlug(db, { slug: "police-precept-2022-23" }))!;
      const left = await db.selectFrom("responses").select(["consultation_id"]).where("consultation_id", "=", survey.id).execute();
      const leftAnswers = await db.selectFrom("answers").select(["response_id"]).where("consultation_id", "=", survey.id).execute();
      expect([left.length, leftAnswers.length]).toEqual([0, 0]);
      expect((await responseTotals(db, { consultationId: precept.id })).counted).toBe(500);
      // The aggregates are not personal data and stay, so the published figure is unchanged.
      const results = aggregate(survey.definition, await readCounts(db, { consultationId: survey.id }));
      const reported = results.find((r) => r.question.id === "reported");
      if (reported?.kind !== "options") throw new Error("kind");
      expect(formatPercent(reported.table.rows.find((r) => r.id === "no")!.percent)).toBe("34%");
    });
  },
  { seed: true },
);
