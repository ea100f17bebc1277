import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { answerRows, type Answers } from "~/responding/answers";
import { TEMPLATES } from "~/builder/templates";
import { createDb } from "../../db/connection";
import { describeEachDatabase } from "../../tests/databases";
import { answerRowsCurrent, writeInBackground } from "./answer-rows.server";
import { createConsultation, getConsultationBySlug } from "./consultation.server";
import { readCounts, recountFromAnswers } from "./answer-counts.server";
import { deleteResponsesOfConsultationsClosedBefore, submitResponse } from "./response.server";

const answersOf = (i: number): Answers => ({
  investment: { type: "multiple_choice", options: i % 2 ? ["neighbourhood_policing"] : ["neighbourhood_policing", "more_officers"] },
  asb_priority: { type: "scale", option: i % 3 ? "high" : "low" },
  comments: { type: "free_text", text: `Answer number ${i}`, redacted: [] },
});
const rowsExpected = (i: number) => Object.entries(answersOf(i)).reduce((n, [q, a]) => n + answerRows(q, a).length, 0);

describeEachDatabase("answer rows written after the submit", (ctx) => {
  let consultationId = "";
  let versionId = "";
  const submit = async (i: number) => {
    const out = await submitResponse(ctx().handle.db, { consultationId, versionId, channel: "online", answers: answersOf(i), nonce: randomUUID(), tokenExpiresAt: "2999-01-01" });
    if (out.outcome !== "recorded") throw new Error("not recorded");
    return out.responseId;
  };
  const rowsPerResponse = async () =>
    new Map(
      (
        await ctx()
          .handle.db.selectFrom("answers")
          .select((eb) => ["response_id", eb.fn.countAll<number>().as("n")])
          .where("consultation_id", "=", consultationId)
          .groupBy("response_id")
          .execute()
      ).map((r) => [r.response_id, Number(r.n)]),
    );
  const pendingCount = async () => Number((await ctx().handle.db.selectFrom("answer_rows_pending").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

  it("sets up a consultation", async () => {
    const { db } = ctx().handle;
    await createConsultation(db, { slug: "rows-test", title: "Rows", summary: "Rows", kind: "precept", status: "live", opensAt: null, closesAt: "2000-01-01T00:00:00.000Z", definition: TEMPLATES.precept.definition });
    const c = (await getConsultationBySlug(db, { slug: "rows-test" }))!;
    consultationId = c.id;
    versionId = c.versionId;
  });

  it("gives every response its rows exactly once when two processes write them at the same time", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2_500; i++) ids.push(await submit(i));
    expect(await pendingCount()).toBe(2_500);
    // A second handle is a second process's connection (on PostgreSQL, a second pool).
    const other = createDb(ctx().url);
    try {
      // Each returns only once every response stored before it was called has its rows, even
      // when another took some of the lines it was about to take.
      const leftWhenDone: number[] = [];
      const done = async (writing: Promise<void>) => {
        await writing;
        leftWhenDone.push(await pendingCount());
      };
      await Promise.all([done(answerRowsCurrent(ctx().handle.db, { consultationId })), done(answerRowsCurrent(other.db, { consultationId })), done(answerRowsCurrent(other.db))]);
      expect(leftWhenDone).toEqual([0, 0, 0]);
    } finally {
      await other.close();
    }
    const stored = await rowsPerResponse();
    expect(stored.size).toBe(2_500);
    for (const [i, id] of ids.entries()) expect(stored.get(id)).toBe(rowsExpected(i));
    expect(await pendingCount()).toBe(0);
    const db = ctx().handle.db;
    expect(JSON.stringify(sortRows(await readCounts(db, { consultationId })))).toBe(JSON.stringify(sortRows(await recountFromAnswers(db, { consultationId }))));
  });

  it("writes them in the background, a batch at a time, until stopped", async () => {
    const fresh = [await submit(1), await submit(2), await submit(3)];
    const errors: unknown[] = [];
    const writer = writeInBackground(ctx().handle.db, { everyMs: 10, batch: 2, onError: (e) => errors.push(e) });
    try {
      const deadline = Date.now() + 10_000;
      while ((await pendingCount()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await writer.stop();
    }
    expect(errors).toEqual([]);
    expect(await pendingCount()).toBe(0);
    const stored = await rowsPerResponse();
    expect(fresh.map((id) => stored.get(id))).toEqual([rowsExpected(1), rowsExpected(2), rowsExpected(3)]);
    // Stopped means stopped: a response stored now keeps its line.
    await submit(4);
    await new Promise((r) => setTimeout(r, 100));
    expect(await pendingCount()).toBe(1);
  });

  it("retention takes the lines of the responses it deletes", async () => {
    const { db } = ctx().handle;
    const done = await deleteResponsesOfConsultationsClosedBefore(db, { closedBefore: new Date() });
    expect(done.map((d) => d.consultationId)).toEqual([consultationId]);
    expect(await pendingCount()).toBe(0);
    expect((await rowsPerResponse()).size).toBe(0);
  });
});

function sortRows<T extends { question_id: string; item_id: string; option_id: string; n: number }>(rows: T[]) {
  return rows.map((r) => ({ q: r.question_id, i: r.item_id, o: r.option_id, n: Number(r.n) })).sort((a, b) => `${a.q}|${a.i}|${a.o}`.localeCompare(`${b.q}|${b.i}|${b.o}`));
}
