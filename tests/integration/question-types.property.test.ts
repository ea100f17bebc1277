import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { expect, it } from "vitest";
import { aggregate } from "~/results/aggregate";
import { checkResponse } from "~/responding/validation";
import { type Answers } from "~/responding/answers";
import { createConsultation, getConsultationBySlug } from "~/models/consultation.server";
import { districtLookup } from "~/models/district.server";
import { readCounts, recountFromAnswers, responseTotals } from "~/models/answer-counts.server";
import { submitResponse } from "~/models/response.server";
import { describeEachDatabase } from "../databases";
import { answerLikeAResident, definitionArb } from "../fixtures/arbitraries";
import { corruptions, inconsistencies } from "../fixtures/consistency";

const sorted = (rows: { question_id: string; item_id: string; option_id: string; n: number }[]) =>
  rows.map((r) => ({ ...r, n: Number(r.n) })).sort((a, b) => `${a.question_id}|${a.item_id}|${a.option_id}`.localeCompare(`${b.question_id}|${b.item_id}|${b.option_id}`));

describeEachDatabase("property: random consultations stored in the database", (ctx) => {
  it("store valid responses, reject malformed ones without a trace, and count exactly", async () => {
    const { db } = ctx().handle;
    const lookup = await districtLookup(db);
    await fc.assert(
      fc.asyncProperty(
        definitionArb,
        fc.array(fc.tuple(fc.integer(), fc.option(fc.tuple(fc.nat(), fc.nat()), { freq: 3 })), { minLength: 1, maxLength: 10 }),
        async (def, submissions) => {
          const slug = `prop-${randomUUID()}`;
          await createConsultation(db, { slug, title: "Property", summary: "", kind: "survey", status: "live", opensAt: null, closesAt: null, definition: def });
          const c = (await getConsultationBySlug(db, { slug }))!;
          const stored: Answers[] = [];
          for (const [seed, corrupt] of submissions) {
            const { answers, errors } = answerLikeAResident(c.definition, seed, lookup);
            expect(errors).toEqual([]);
            const sent = corrupt ? corruptions[corrupt[0] % corruptions.length].apply(c.definition, answers, corrupt[1]) ?? answers : answers;
            const checked = checkResponse(c.definition, sent, lookup);
            if (corrupt && sent !== answers) expect(checked.errors.length).toBeGreaterThan(0);
            // The submit route stores only when the whole response checks out.
            if (checked.errors.length) continue;
            await submitResponse(db, { consultationId: c.id, versionId: c.versionId, channel: "online", answers: checked.answers, nonce: randomUUID(), tokenExpiresAt: "2999-01-01" });
            stored.push(checked.answers);
          }
          const maintained = sorted(await readCounts(db, { consultationId: c.id }));
          expect(maintained).toEqual(sorted(await recountFromAnswers(db, { consultationId: c.id })));
          expect((await responseTotals(db, { consultationId: c.id })).counted).toBe(stored.length);
          const rows = await db.selectFrom("responses").select("answers_json").where("consultation_id", "=", c.id).execute();
          expect(rows.map((r) => JSON.parse(r.answers_json)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
            [...stored].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
          );
          expect(inconsistencies(c.definition, stored, aggregate(c.definition, maintained))).toEqual([]);
        },
      ),
      { numRuns: ctx().name === "sqlite" ? 100 : 50 },
    );
  });
});
