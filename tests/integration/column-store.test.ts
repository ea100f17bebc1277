import { randomUUID } from "node:crypto";
import { answerRowsCurrent } from "~/models/answer-rows.server";
import fc from "fast-check";
import { type Kysely } from "kysely";
import { expect, it } from "vitest";
import { createDb, storedOrder } from "../../db/connection";
import type { Database } from "../../db/schema";
import { choiceTargets, CHANNEL_TARGET_ID, type SubgroupFilter } from "~/evidence/evidence";
import { CHANNELS } from "~/responding/channels";
import { BASE } from "~/responding/answers";
import { countColumns, countColumnsWeighted, maskOf } from "~/results/column-store";
import { createConsultation, getConsultationBySlug } from "~/models/consultation.server";
import { districtLookup } from "~/models/district.server";
import {
  addToCounts,
  breakdownRows,
  countRows,
  proportion,
  recountBreakdown,
  recountFromAnswers,
  recountProportion,
  recountSubgroup,
  RESPONSES_KEY,
} from "~/models/answer-counts.server";
import { columnsFor, forgetColumns } from "~/models/column-store.server";
import { deleteResponsesOfConsultationsClosedBefore, submitResponse } from "~/models/response.server";
import { answerRows } from "~/responding/answers";
import { describeEachDatabase } from "../databases";
import { answerLikeAResident, definitionArb } from "../fixtures/arbitraries";

/**
 * Every view the column store gives (subgroups, breakdowns, evidence proportions, weighted sums)
 * equals the GROUP BY recount over the answer rows, on random consultations of every question
 * type; and the store stays exact as responses arrive, across processes and restarts, when
 * PostgreSQL makes a response visible after a later one, and after retention.
 */

type Row = { question_id: string; item_id: string; option_id: string; n: number; group?: string };
const sorted = <T extends Row>(rows: T[]) =>
  rows.map((r) => `${r.group ?? ""}|${r.question_id}|${r.item_id}|${r.option_id}|${Number(r.n)}`).sort();

async function newConsultation(db: Kysely<Database>, definition: Parameters<typeof createConsultation>[1]["definition"], closesAt: string | null = null) {
  const slug = `cols-${randomUUID()}`;
  await createConsultation(db, { slug, title: "Columns", summary: "", kind: "survey", status: "live", opensAt: null, closesAt, definition });
  return (await getConsultationBySlug(db, { slug }))!;
}

describeEachDatabase("column store equals the GROUP BY recount", (ctx) => {
  it("for every subgroup, breakdown, evidence proportion and weighted sum of random consultations", async () => {
    const { db } = ctx().handle;
    const lookup = await districtLookup(db);
    await fc.assert(
      fc.asyncProperty(definitionArb, fc.array(fc.tuple(fc.integer(), fc.constantFrom(...CHANNELS)), { minLength: 1, maxLength: 12 }), async (def, residents) => {
        const c = await newConsultation(db, def);
        for (const [seed, channel] of residents) {
          const { answers } = answerLikeAResident(c.definition, seed, lookup);
          await submitResponse(db, { consultationId: c.id, versionId: c.versionId, channel, answers, nonce: randomUUID(), tokenExpiresAt: "2999-01-01" });
        }
        const store = await columnsFor(db, c.id);
        expect(store.n).toBe(residents.length);
        // Everyone: the answer rows' recount, less the response totals kept beside them.
        const everyone = (await recountFromAnswers(db, { consultationId: c.id })).filter((r) => r.question_id !== RESPONSES_KEY);
        expect(sorted(countColumns(store))).toEqual(sorted(everyone));

        const targets = choiceTargets(c.definition);
        const filters: SubgroupFilter[] = [
          { questionId: CHANNEL_TARGET_ID, itemId: "", optionIds: ["online", "phone"] },
          ...targets.flatMap((t) => t.options.slice(0, 2).map((o) => ({ questionId: t.questionId, itemId: t.itemId, optionIds: [o.id] }))),
        ];
        for (const filter of filters) {
          expect(sorted(await countRows(db, { consultationId: c.id, filter }))).toEqual(sorted(await recountSubgroup(db, { consultationId: c.id, filter })));
        }
        const bys = [{ questionId: CHANNEL_TARGET_ID, itemId: "" }, ...targets.filter((t) => t.exclusive).map((t) => ({ questionId: t.questionId, itemId: t.itemId }))];
        for (const by of bys) {
          for (const filter of [null, filters[0], filters[1] ?? null]) {
            expect(sorted(await breakdownRows(db, { consultationId: c.id, by, filter }))).toEqual(sorted(await recountBreakdown(db, { consultationId: c.id, by, filter })));
          }
        }
        for (const t of targets) {
          for (const baseOnQuestion of [false, true]) {
            const share = { consultationId: c.id, questionId: t.questionId, itemId: t.itemId, optionIds: t.options.slice(0, 2).map((o) => o.id), filter: filters[0], baseOnQuestion };
            expect(await proportion(db, share)).toEqual(await recountProportion(db, share));
          }
        }

        // Weighted sums: weights from each response's stored order, summed from the answer rows.
        const order = storedOrder(db, "r");
        const stored = await db.selectFrom("responses as r").select(["r.id", order.as("seq")]).where("r.consultation_id", "=", c.id).execute();
        const weightOf = (seq: number) => 0.5 + (Number(seq) % 7) / 4;
        const weights = new Float64Array(store.n);
        for (let i = 0; i < store.n; i++) weights[i] = weightOf(store.seqs[i]);
        const bySeq = new Map(stored.map((s) => [s.id, weightOf(Number(s.seq))]));
        await answerRowsCurrent(db, { consultationId: c.id });
        const answerRowsStored = await db.selectFrom("answers").select(["response_id", "question_id", "item_id", "option_id"]).where("consultation_id", "=", c.id).execute();
        const expected = new Map<string, { n: number; w: number; w2: number }>();
        const add = (k: string, w: number) => {
          const e = expected.get(k) ?? { n: 0, w: 0, w2: 0 };
          e.n++;
          e.w += w;
          e.w2 += w * w;
          expected.set(k, e);
        };
        const seen = new Set<string>();
        for (const a of answerRowsStored) {
          const w = bySeq.get(a.response_id)!;
          const once = (k: string) => !seen.has(`${a.response_id}|${k}`) && (seen.add(`${a.response_id}|${k}`), add(k, w));
          once(`${a.question_id}||${BASE}`);
          if (a.item_id !== "") once(`${a.question_id}|${a.item_id}|${BASE}`);
          if (a.option_id !== "") add(`${a.question_id}|${a.item_id}|${a.option_id}`, w);
        }
        const got = countColumnsWeighted(store, weights);
        expect(got.length).toBe(expected.size);
        for (const r of got) {
          const e = expected.get(`${r.question_id}|${r.item_id}|${r.option_id}`)!;
          expect(r.n).toBe(e.n);
          expect(r.w).toBeCloseTo(e.w, 9);
          expect(r.w2).toBeCloseTo(e.w2, 9);
        }
        // A subgroup's mask selects the same respondents as SQL does.
        const victims = filters[1];
        if (victims) {
          const mask = maskOf(store, victims, CHANNEL_TARGET_ID);
          expect(sorted(countColumns(store, mask))).toEqual(sorted(await recountSubgroup(db, { consultationId: c.id, filter: victims })));
        }
      }),
      { numRuns: ctx().name === "sqlite" ? 40 : 20 },
    );
  });
});

const small = {
  pages: [
    {
      id: "p",
      title: "P",
      questions: [
        { id: "victim", type: "single_choice", title: "Victim?", options: [{ id: "yes", label: "Yes" }, { id: "no", label: "No" }] },
        { id: "why", type: "multiple_choice", title: "Why?", options: Array.from({ length: 40 }, (_, i) => ({ id: `o${i}`, label: `Reason ${i}` })) },
      ],
    },
  ],
} as const;

describeEachDatabase("column store kept exact", (ctx) => {
  it("catches up as responses arrive, and a restarted or second process loads the saved store", async () => {
    const { db } = ctx().handle;
    const c = await newConsultation(db, small as never);
    const submit = (i: number) =>
      submitResponse(db, {
        consultationId: c.id,
        versionId: c.versionId,
        channel: i % 3 ? "online" : "paper",
        answers: { victim: { type: "single_choice", option: i % 2 ? "yes" : "no" }, why: { type: "multiple_choice", options: [`o${i % 40}`, `o${(i * 7 + 1) % 40}`] } },
        nonce: randomUUID(),
        tokenExpiresAt: "2999-01-01",
        excludedReason: i % 11 === 0 ? "completed too fast" : null,
      });
    const recount = async () => sorted((await recountFromAnswers(db, { consultationId: c.id })).filter((r) => r.question_id !== RESPONSES_KEY));
    for (let i = 1; i <= 30; i++) await submit(i);
    const first = await columnsFor(db, c.id);
    expect(sorted(countColumns(first))).toEqual(await recount());
    // Asked again with nothing new: the same store, not read again.
    expect(await columnsFor(db, c.id)).toBe(first);
    for (let i = 31; i <= 45; i++) await submit(i);
    expect(sorted(countColumns(await columnsFor(db, c.id)))).toEqual(await recount());

    // A restart: the saved store is loaded and brought up to date.
    forgetColumns(db);
    for (let i = 46; i <= 50; i++) await submit(i);
    const restarted = await columnsFor(db, c.id);
    expect(restarted).not.toBe(first);
    expect(sorted(countColumns(restarted))).toEqual(await recount());
    // A second process on the same database.
    const other = createDb(ctx().url);
    try {
      const theirs = await columnsFor(other.db, c.id);
      expect(sorted(countColumns(theirs))).toEqual(await recount());
      expect(theirs.n).toBe(restarted.n);
    } finally {
      await other.close();
    }
  });

  it("deletes the store with the responses at retention", async () => {
    const { db } = ctx().handle;
    const c = await newConsultation(db, small as never, "2001-01-01T00:00:00.000Z");
    await submitResponse(db, { consultationId: c.id, versionId: c.versionId, channel: "online", answers: { victim: { type: "single_choice", option: "yes" } }, nonce: randomUUID(), tokenExpiresAt: "2999-01-01" });
    expect((await columnsFor(db, c.id)).n).toBe(1);
    expect(await db.selectFrom("column_stores").select("responses").where("consultation_id", "=", c.id).executeTakeFirst()).toEqual({ responses: 1 });
    await deleteResponsesOfConsultationsClosedBefore(db, { closedBefore: new Date("2002-01-01") });
    expect(await db.selectFrom("column_stores").select("responses").where("consultation_id", "=", c.id).executeTakeFirst()).toBeUndefined();
    expect((await columnsFor(db, c.id)).n).toBe(0);
  });

  it("finds a response that became visible after a later one (PostgreSQL takes identity values before commit; SQLite has one writer)", async ({ skip }) => {
    // Reported as skipped on SQLite, not as passed: it has no such case to test.
    skip(ctx().name !== "postgres", "PostgreSQL only");
    const { db } = ctx().handle;
    const c = await newConsultation(db, small as never);
    const answers = { victim: { type: "single_choice" as const, option: "yes" } };
    let release!: () => void;
    const paused = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const insertedYet = new Promise<void>((r) => (inserted = r));
    // The first response takes its identity value, then waits before counting and committing.
    const early = db.transaction().execute(async (trx) => {
      await trx.insertInto("responses").values({ id: randomUUID(), consultation_id: c.id, version_id: c.versionId, channel: "online", submitted_on: "2026-01-01", status: "counted", excluded_reason: null, answers_json: JSON.stringify(answers) }).execute();
      inserted();
      await paused;
      await addToCounts(trx, { consultationId: c.id, rows: answerRows("victim", answers.victim), channel: "online" });
    });
    await insertedYet;
    await submitResponse(db, { consultationId: c.id, versionId: c.versionId, channel: "online", answers: { victim: { type: "single_choice", option: "no" } }, nonce: randomUUID(), tokenExpiresAt: "2999-01-01" });
    expect((await columnsFor(db, c.id)).n).toBe(1);
    release();
    await early;
    const store = await columnsFor(db, c.id);
    expect(store.n).toBe(2);
    expect(countColumns(store).find((r) => r.question_id === "victim" && r.option_id === "yes")?.n).toBe(1);
  });
});
