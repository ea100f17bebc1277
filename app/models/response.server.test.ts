import { randomUUID } from "node:crypto";
import { answerRowsCurrent } from "./answer-rows.server";
import { describe, expect, it } from "vitest";
import { answerRows, countKeys, type Answers } from "~/responding/answers";
import { TEMPLATES } from "~/builder/templates";
import { describeEachDatabase } from "../../tests/databases";
import { createConsultation, getConsultationBySlug } from "./consultation.server";
import { readCounts, recountFromAnswers, responseTotals } from "./answer-counts.server";
import { submitResponse } from "./response.server";

const sortRows = <T extends { question_id: string; item_id: string; option_id: string }>(rows: T[]) =>
  [...rows].sort((a, b) => `${a.question_id}|${a.item_id}|${a.option_id}`.localeCompare(`${b.question_id}|${b.item_id}|${b.option_id}`));

const answers: Answers = {
  investment: { type: "multiple_choice", options: ["neighbourhood_policing", "more_officers"] },
  asb_priority: { type: "scale", option: "high" },
  precept_support: { type: "precept", items: { increase_10: "support" } },
  comments: { type: "free_text", text: "More patrols please", redacted: [] },
};

describeEachDatabase("response repository", (ctx) => {
  let consultationId = "";
  let versionId = "";

  it("creates a consultation with a frozen first version", async () => {
    const { db } = ctx().handle;
    await createConsultation(db, {
      slug: "repo-test",
      title: "Repository test",
      summary: "A test",
      kind: "precept",
      status: "live",
      opensAt: null,
      closesAt: null,
      definition: TEMPLATES.precept.definition,
    });
    const c = await getConsultationBySlug(db, { slug: "repo-test" });
    expect(c?.version).toBe(1);
    expect(c?.status).toBe("open");
    consultationId = c!.id;
    versionId = c!.versionId;
  });

  it("stores a response and its counts in one go, and its answer rows in the batch after", async () => {
    const { db } = ctx().handle;
    const result = await submitResponse(db, { consultationId, versionId, channel: "online", answers, nonce: randomUUID(), tokenExpiresAt: "2999-01-01" });
    expect(result.outcome).toBe("recorded");
    const rowsOf = () => db.selectFrom("answers").select(["question_id", "option_id"]).where("consultation_id", "=", consultationId).execute();
    const pending = () => db.selectFrom("answer_rows_pending").select("response_id").where("consultation_id", "=", consultationId).execute();
    expect(await rowsOf()).toHaveLength(0);
    expect(await pending()).toEqual([{ response_id: result.outcome === "recorded" ? result.responseId : "" }]);
    await answerRowsCurrent(db, { consultationId });
    expect(await rowsOf()).toHaveLength(5);
    expect(await pending()).toEqual([]);
    const response = await db.selectFrom("responses").selectAll().where("consultation_id", "=", consultationId).executeTakeFirstOrThrow();
    // Anonymised by design: the response row has no column that could hold an address or identifier.
    // PostgreSQL's "seq" is the order responses were stored in, what SQLite's hidden rowid holds.
    const seq = ctx().name === "postgres" ? ["seq"] : [];
    expect(Object.keys(response).sort()).toEqual(["answers_json", "channel", "consultation_id", "excluded_reason", "id", ...seq, "status", "submitted_on", "version_id"]);
    expect(response.submitted_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("records a spent token once: a replay stores nothing", async () => {
    const { db } = ctx().handle;
    const nonce = randomUUID();
    const first = await submitResponse(db, { consultationId, versionId, channel: "paper", answers, nonce, tokenExpiresAt: "2999-01-01" });
    const before = await db.selectFrom("answer_rows_pending").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const second = await submitResponse(db, { consultationId, versionId, channel: "paper", answers, nonce, tokenExpiresAt: "2999-01-01" });
    const after = await db.selectFrom("answer_rows_pending").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(first.outcome).toBe("recorded");
    expect(second.outcome).toBe("duplicate");
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("holds excluded responses apart: stored, reported, not counted", async () => {
    const { db } = ctx().handle;
    await submitResponse(db, { consultationId, versionId, channel: "online", answers, nonce: randomUUID(), tokenExpiresAt: "2999-01-01", excludedReason: "automated: hidden field filled in" });
    const totals = await responseTotals(db, { consultationId });
    expect(totals.counted).toBe(2);
    expect(totals.byChannel).toEqual({ online: 1, paper: 1 });
    expect(totals.excluded).toEqual([{ reason: "automated: hidden field filled in", n: 1 }]);
  });

  it("keeps maintained counts equal to a full GROUP BY recount", async () => {
    const { db } = ctx().handle;
    const maintained = await readCounts(db, { consultationId });
    const recount = await recountFromAnswers(db, { consultationId });
    expect(sortRows(maintained.map((r) => ({ ...r, n: Number(r.n) })))).toEqual(sortRows(recount));
    const npt = maintained.find((r) => r.question_id === "investment" && r.option_id === "neighbourhood_policing");
    expect(Number(npt?.n)).toBe(2);
  });

  it("rolls back everything when any part of the insert fails", async () => {
    const { db } = ctx().handle;
    const countAll = async () => Number((await db.selectFrom("responses").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const before = await countAll();
    await expect(
      submitResponse(db, { consultationId, versionId: "no-such-version", channel: "online", answers, nonce: randomUUID(), tokenExpiresAt: "2999-01-01" }),
    ).rejects.toThrow();
    expect(await countAll()).toBe(before);
    const recount = await recountFromAnswers(db, { consultationId });
    expect(sortRows((await readCounts(db, { consultationId })).map((r) => ({ ...r, n: Number(r.n) })))).toEqual(sortRows(recount));
  });
});

describe("count keys", () => {
  it("derive bases and option keys from answer rows", () => {
    const rows = answerRows("m", { type: "matrix", items: { a: "high", b: "low" } });
    expect(countKeys(rows).map((k) => `${k.question_id}/${k.item_id}/${k.option_id}`).sort()).toEqual(["m//*", "m/a/*", "m/a/high", "m/b/*", "m/b/low"]);
  });
});
