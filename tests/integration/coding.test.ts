import { beforeAll, expect, it } from "vitest";
import { parseSearch } from "~/coding/search";
import { POLICING_CODEBOOK } from "~/coding/policing-codebook";
import { themeTable } from "~/coding/figures";
import { ruleRegExp } from "~/coding/text";
import { listAudit } from "~/models/audit.server";
import {
  changeCodebook,
  createCodebook,
  getCodebook,
  getMainCoding,
  saveCoding,
  undoCoding,
  workspacePosition,
  type Codebook,
  type WorkspaceFilter,
} from "~/models/coding.server";
import {
  blindQueue,
  decideQuote,
  disagreementFor,
  disagreements,
  drawDoubleCodingSample,
  listQuotes,
  markQuote,
  refreshSuggestions,
  reliabilityFor,
  settleDisagreement,
  suggestionsFor,
  themeCounts,
  themeCountsBy,
} from "~/models/coding-analysis.server";
import { describeEachDatabase } from "../databases";
import { ensureDefaultSections } from "~/models/evidence.server";
import { codingFixture, staffMember } from "./helpers/coding";

/**
 * Coding through the real repositories on SQLite and PostgreSQL: codebook changes move codings,
 * figures equal a recount from the codings, suggestions never change a figure, blind double
 * coding is enforced, and full-text search finds the same answers on both databases.
 */
describeEachDatabase("coding free-text answers", (ctx) => {
  let fixture: Awaited<ReturnType<typeof codingFixture>>;
  let book: Codebook;
  let first: { id: string; email: string };
  let second: { id: string; email: string };
  let third: { id: string; email: string };
  const db = () => ctx().handle.db;
  const key = (responseId: string) => ({ consultationId: fixture.consultationId, questionId: "comments", responseId });
  const codeId = (k: string) => book.codes.find((c) => c.key === k)!.id;
  const ensureSections = () => ensureDefaultSections(db());

  beforeAll(async () => {
    fixture = await codingFixture(db(), { n: 150 });
    first = await staffMember(db());
    second = await staffMember(db());
    third = await staffMember(db());
    const created = await createCodebook(db(), {
      consultationId: fixture.consultationId,
      file: POLICING_CODEBOOK,
      staff: first,
      source: "the starting policing codebook",
    });
    if (!created.ok) throw new Error(created.message);
    book = created.codebook;
    // The first analyst codes two thirds of the answers as the generator intended.
    const toCode = fixture.answers.slice(0, Math.ceil((fixture.answers.length * 2) / 3));
    for (const a of toCode) {
      const codes = fixture.intended.get(a.responseId)!.map(codeId);
      const r = await saveCoding(db(), {
        key: key(a.responseId),
        pass: "main",
        staff: first,
        state: { codes, stance: null, evidenceRich: a.text.length > 90, excerpt: null },
      });
      expect(r).toEqual({ ok: true });
    }
  });

  /** Figures recomputed from nothing but the raw coding rows. */
  async function recount(filter?: (responseId: string) => boolean) {
    const rows = await db()
      .selectFrom("codings")
      .select(["response_id", "code_id"])
      .where("consultation_id", "=", fixture.consultationId)
      .where("pass", "=", "main")
      .execute();
    const coded = (
      await db().selectFrom("coded_answers").select("response_id").where("consultation_id", "=", fixture.consultationId).where("pass", "=", "main").execute()
    ).map((r) => r.response_id);
    const keep = filter ?? (() => true);
    const byCode = new Map<string, number>();
    const groups = new Map<string, Set<string>>();
    const codes = (await getCodebook(db(), { consultationId: fixture.consultationId }))!.codes;
    for (const r of rows.filter((x) => keep(x.response_id))) {
      byCode.set(r.code_id, (byCode.get(r.code_id) ?? 0) + 1);
      const code = codes.find((c) => c.id === r.code_id)!;
      const grp = code.parentId ?? code.id;
      if (!groups.has(grp)) groups.set(grp, new Set());
      groups.get(grp)!.add(r.response_id);
    }
    return { coded: coded.filter(keep).length, byCode, byGroup: new Map([...groups].map(([g, s]) => [g, s.size])) };
  }

  it("figures from codings equal a recount, for everyone and within a subgroup", async () => {
    const counts = await themeCounts(db(), { consultationId: fixture.consultationId, questionId: "comments", filter: null });
    const expected = await recount();
    expect(counts.answered).toBe(fixture.answers.length);
    expect(counts.coded).toBe(expected.coded);
    expect(counts.byCode).toEqual(expected.byCode);
    expect(counts.byGroup).toEqual(expected.byGroup);
    expect(counts.byCode.get(codeId("speeding"))).toBeGreaterThan(5);

    const town = new Set(
      (
        await db()
          .selectFrom("answers")
          .select("response_id")
          .where("consultation_id", "=", fixture.consultationId)
          .where("question_id", "=", "area")
          .where("option_id", "=", "town")
          .execute()
      ).map((r) => r.response_id)
    );
    const filtered = await themeCounts(db(), {
      consultationId: fixture.consultationId,
      questionId: "comments",
      filter: { questionId: "area", itemId: "", optionIds: ["town"] },
    });
    const expectedTown = await recount((id) => town.has(id));
    expect(filtered.coded).toBe(expectedTown.coded);
    expect(filtered.byCode).toEqual(expectedTown.byCode);
    expect(filtered.byGroup).toEqual(expectedTown.byGroup);
    expect(filtered.answered).toBe(fixture.answers.filter((a) => town.has(a.responseId)).length);

    const byArea = await themeCountsBy(db(), {
      consultationId: fixture.consultationId,
      questionId: "comments",
      filter: null,
      by: { questionId: "area", itemId: "" },
    });
    expect(byArea.get("town")!.byCode).toEqual(expectedTown.byCode);
    expect((byArea.get("town")?.coded ?? 0) + (byArea.get("country")?.coded ?? 0)).toBe(counts.coded);
  });

  it("stance figures, where the question asks for a view, equal a recount, by group too, and only then", async () => {
    const { loadQuestionThemes } = await import("~/coding/themes.server");
    const { getCodingSettings, saveCodingSettings } = await import("~/models/coding.server");
    const definition = (await db().selectFrom("consultation_versions").select("definition").where("consultation_id", "=", fixture.consultationId).executeTakeFirstOrThrow())
      .definition;
    const load = (by: { questionId: string; itemId: string } | null = null) =>
      loadQuestionThemes(db(), { consultationId: fixture.consultationId, definition: JSON.parse(definition), questionId: "comments", by, threshold: null });
    expect((await load())!.stance).toBeNull();
    const settings = await getCodingSettings(db(), { consultationId: fixture.consultationId });
    await saveCodingSettings(db(), { consultationId: fixture.consultationId, settings: { ...settings, stanceQuestionIds: ["comments"] }, staff: first });
    // The first analyst records a stance on forty coded answers (by the answer's length, so all four occur).
    const coded = fixture.answers.slice(0, 40);
    const stances = ["support", "oppose", "mixed", "unclear"] as const;
    for (const [i, a] of coded.entries()) {
      const current = (await getMainCoding(db(), key(a.responseId)))!;
      const stance = stances[(a.text.length + i) % 4];
      await saveCoding(db(), { key: key(a.responseId), pass: "main", staff: first, state: { ...current, stance } });
    }
    const rows = await db()
      .selectFrom("coded_answers")
      .select(["response_id", "stance"])
      .where("consultation_id", "=", fixture.consultationId)
      .where("pass", "=", "main")
      .where("stance", "is not", null)
      .execute();
    expect(rows).toHaveLength(40);
    const area = new Map(
      (await db().selectFrom("answers").select(["response_id", "option_id"]).where("consultation_id", "=", fixture.consultationId).where("question_id", "=", "area").execute()).map(
        (r) => [r.response_id, r.option_id]
      )
    );
    const tally = (keep: (id: string) => boolean) => {
      const m = new Map<string, number>();
      for (const r of rows.filter((x) => keep(x.response_id))) m.set(r.stance!, (m.get(r.stance!) ?? 0) + 1);
      return m;
    };
    const themes = (await load())!;
    expect(themes.stance!.base).toBe(40);
    for (const r of themes.stance!.rows) expect(r.count, r.stance).toBe(tally(() => true).get(r.stance) ?? 0);
    expect(themes.statements.some((x) => / of respondents who commented (supported it|opposed it|had mixed views) \(n = \d+ of 40 whose view was coded/.test(x))).toBe(true);
    const byArea = (await load({ questionId: "area", itemId: "" }))!;
    for (const [j, col] of byArea.stanceBreakdown!.columns.entries()) {
      const expected = tally((id) => area.get(id) === col.id);
      expect(col.base).toBe([...expected.values()].reduce((x, y) => x + y, 0));
      for (const row of byArea.stanceBreakdown!.rows) expect(row.cells[j].count).toBe(expected.get(row.codeId.replace("stance:", "")) ?? 0);
    }
    // The codes' breakdown by group equals a recount too (each group from the group's answers).
    for (const col of byArea.breakdown!.columns) {
      const expected = await recount((id) => area.get(id) === col.id);
      expect(col.base).toBe(expected.coded);
      for (const row of byArea.breakdown!.rows) {
        const code = book.codes.find((c) => c.id === row.codeId)!;
        const want = code.parentId ? expected.byCode.get(code.id) ?? 0 : expected.byGroup.get(code.id) ?? 0;
        expect(row.cells[byArea.breakdown!.columns.indexOf(col)].count, `${col.id} ${code.key}`).toBe(want);
      }
    }
  });

  it("an evidence indicator counts a code like an answer option, of the coded respondents", async () => {
    const { createIndicator, listSections, listStatements } = await import("~/models/evidence.server");
    await ensureSections();
    const [section] = await listSections(db());
    await createIndicator(db(), {
      consultationId: fixture.consultationId,
      sectionId: section.id,
      questionId: "comments",
      itemId: "",
      optionIds: [codeId("roads")],
      filter: null,
      template: "{percent} of respondents who commented mentioned roads",
      previousIndicatorId: null,
    });
    const [statement] = await listStatements(db(), { consultationId: fixture.consultationId });
    const counts = await themeCounts(db(), { consultationId: fixture.consultationId, questionId: "comments", filter: null });
    expect(statement.figure.count).toBe(counts.byGroup.get(codeId("roads")));
    expect(statement.figure.base).toBe(counts.coded);
    expect(statement.optionLabels).toEqual(["Roads"]);
    expect(statement.baseDescription).toBe("respondents who answered the question and whose answer was coded");
  });

  it("suggestions never count as codings and never change a figure", async () => {
    const before = await themeCounts(db(), { consultationId: fixture.consultationId, questionId: "comments", filter: null });
    const tableBefore = themeTable(book.codes, before, { threshold: 10 });
    const run = await refreshSuggestions(db(), { consultationId: fixture.consultationId, questionId: "comments", staff: first });
    expect(run.suggested).toBeGreaterThan(0);
    expect(run.examples).toBe(before.coded);
    const uncoded = fixture.answers[fixture.answers.length - 1];
    const suggestions = await suggestionsFor(db(), key(uncoded.responseId));
    expect(suggestions.length).toBeGreaterThan(0);
    // The classifier learned the analysts' coding well enough to beat chance by far.
    expect(run.overall.f1!).toBeGreaterThan(0.5);
    const after = await themeCounts(db(), { consultationId: fixture.consultationId, questionId: "comments", filter: null });
    expect(after).toEqual(before);
    expect(themeTable(book.codes, after, { threshold: 10 })).toEqual(tableBefore);
    expect(await getMainCoding(db(), key(uncoded.responseId))).toBeNull();
  });

  it("offers the least certain answers first and moves on by keyset", async () => {
    const filter: WorkspaceFilter = { status: "uncoded", codeId: null, confidence: null, subgroup: null, search: null, order: "uncertain" };
    const pos = await workspacePosition(db(), { consultationId: fixture.consultationId, questionId: "comments", filter, at: null });
    const uncoded = fixture.answers.length - Math.ceil((fixture.answers.length * 2) / 3);
    expect(pos.total).toBe(uncoded);
    expect(pos.position).toBe(1);
    const u = await db()
      .selectFrom("coding_suggestion_answers")
      .select(["response_id", "uncertainty"])
      .where("consultation_id", "=", fixture.consultationId)
      .execute();
    const max = Math.max(...u.map((x) => Number(x.uncertainty)));
    expect(Number(u.find((x) => x.response_id === pos.current)!.uncertainty)).toBe(max);
    // Walk the list: every answer once.
    const seen = new Set<string>();
    let at: string | null = pos.current;
    while (at) {
      seen.add(at);
      at = (await workspacePosition(db(), { consultationId: fixture.consultationId, questionId: "comments", filter, at })).next;
    }
    expect(seen.size).toBe(uncoded);
  });

  it("full-text search finds the same answers on both databases as a whole-word match does", async () => {
    for (const q of ["speeding", "speed*", '"drug dealing"', "101", "parking school"]) {
      const terms = parseSearch(q)!;
      const filter: WorkspaceFilter = { status: "all", codeId: null, confidence: null, subgroup: null, search: terms, order: "fixed" };
      const got = await workspacePosition(db(), { consultationId: fixture.consultationId, questionId: "comments", filter, at: null });
      const rules = terms.map((t) => ruleRegExp(`${t.words.join(" ")}${t.prefix ? "*" : ""}`)!);
      const expected = fixture.answers.filter((a) => rules.every((r) => r.test(a.text))).length;
      expect(got.total, q).toBe(expected);
    }
  });

  it("codebook changes version the codebook and move codings with them", async () => {
    const parkingBefore =
      (await themeCounts(db(), { consultationId: fixture.consultationId, questionId: "comments", filter: null })).byCode.get(codeId("parking")) ?? 0;
    const speedingBefore =
      (await themeCounts(db(), { consultationId: fixture.consultationId, questionId: "comments", filter: null })).byCode.get(codeId("speeding")) ?? 0;
    const r = await changeCodebook(db(), {
      consultationId: fixture.consultationId,
      change: { kind: "merge", sourceIds: [codeId("parking")], targetId: codeId("speeding") },
      staff: first,
    });
    expect(r).toMatchObject({ ok: true, moved: parkingBefore });
    const after = await themeCounts(db(), { consultationId: fixture.consultationId, questionId: "comments", filter: null });
    expect(after.byCode.get(codeId("parking")) ?? 0).toBe(0);
    // Answers with both codes keep one, so the merged count is at most the sum.
    expect(after.byCode.get(codeId("speeding"))!).toBeGreaterThanOrEqual(speedingBefore);
    expect(after.byCode.get(codeId("speeding"))!).toBeLessThanOrEqual(speedingBefore + parkingBefore);
    const updated = (await getCodebook(db(), { consultationId: fixture.consultationId }))!;
    expect(updated.version).toBe(book.version + 1);
    book = updated;
    const audit = await listAudit(db(), { consultationId: fixture.consultationId, action: "codebook.changed" });
    expect(audit[0].detail).toContain('Merged "Parking" into "Speeding and road safety"');
  });

  it("enforces blind double coding: sample only, never the same analyst twice, and settles by a third", async () => {
    const drawn = await drawDoubleCodingSample(db(), {
      consultationId: fixture.consultationId,
      questionId: "comments",
      staff: first,
      fraction: 0.1,
      minimum: 50,
      seed: 4,
    });
    expect(drawn.drawn).toBe(50);
    const queue = await blindQueue(db(), { consultationId: fixture.consultationId, questionId: "comments", staff: second });
    expect(queue).toHaveLength(50);
    const sampled = new Set(queue.map((q) => q.responseId));
    const outside = fixture.answers.find((a) => !sampled.has(a.responseId))!;
    expect(
      await saveCoding(db(), {
        key: key(outside.responseId),
        pass: "blind",
        staff: second,
        state: { codes: [], stance: null, evidenceRich: false, excerpt: null },
      })
    ).toEqual({
      ok: false,
      reason: "not-in-sample",
    });
    const mainCoded = (
      await db().selectFrom("coded_answers").select("response_id").where("pass", "=", "main").where("consultation_id", "=", fixture.consultationId).execute()
    ).map((r) => r.response_id);
    const both = queue.filter((q) => mainCoded.includes(q.responseId));
    expect(both.length).toBeGreaterThan(10);
    // The first coder may not code their own answers blind.
    expect(
      await saveCoding(db(), {
        key: key(both[0].responseId),
        pass: "blind",
        staff: first,
        state: { codes: [], stance: null, evidenceRich: false, excerpt: null },
      })
    ).toEqual({
      ok: false,
      reason: "coded-other-pass",
    });
    // The second coder agrees except on "praise", which they never apply.
    for (const q of both) {
      const intended = fixture.intended
        .get(q.responseId)!
        .map((k) => (k === "parking" ? "speeding" : k))
        .map(codeId);
      const codes = intended.filter((c) => c !== codeId("praise"));
      expect(
        await saveCoding(db(), { key: key(q.responseId), pass: "blind", staff: second, state: { codes, stance: null, evidenceRich: false, excerpt: null } })
      ).toEqual({ ok: true });
    }
    // Nor may the blind coder then code the main pass of those answers.
    expect(
      await saveCoding(db(), {
        key: key(both[0].responseId),
        pass: "main",
        staff: second,
        state: { codes: [], stance: null, evidenceRich: false, excerpt: null },
      })
    ).toMatchObject({
      ok: false,
      reason: "coded-other-pass",
    });
    const rel = await reliabilityFor(db(), { consultationId: fixture.consultationId, questionId: "comments", codes: book.codes });
    expect(rel.units).toBe(both.length);
    expect(rel.byCode.find((c) => c.codeId === codeId("speeding"))!.alpha).toBe(1);
    const praise = rel.byCode.find((c) => c.codeId === codeId("praise"))!;
    if (praise.present > 0) expect(praise.alpha!).toBeLessThan(0.667);

    const open = await disagreements(db(), { consultationId: fixture.consultationId, questionId: "comments" });
    if (open.length) {
      const d = open[0];
      expect(await disagreementFor(db(), key(d.responseId), second)).toEqual({ ok: false, reason: "own-coding" });
      const seen = await disagreementFor(db(), key(d.responseId), third);
      expect(seen.ok).toBe(true);
      expect(
        await settleDisagreement(db(), {
          key: key(d.responseId),
          staff: third,
          state: { codes: [codeId("praise")], stance: null, evidenceRich: false, excerpt: null },
        })
      ).toEqual({ ok: true });
      expect((await getMainCoding(db(), key(d.responseId)))!.codes).toEqual([codeId("praise")]);
      // Reliability still compares the two independent codings.
      const again = await reliabilityFor(db(), { consultationId: fixture.consultationId, questionId: "comments", codes: book.codes });
      expect(again.byCode).toEqual(rel.byCode);
      expect((await disagreements(db(), { consultationId: fixture.consultationId, questionId: "comments" })).length).toBe(open.length - 1);
    }
  });

  it("undoes an analyst's own last change, with every step in the history", async () => {
    const a = fixture.answers[fixture.answers.length - 2];
    await saveCoding(db(), {
      key: key(a.responseId),
      pass: "main",
      staff: third,
      state: { codes: [codeId("drugs")], stance: "support", evidenceRich: true, excerpt: null },
    });
    await saveCoding(db(), {
      key: key(a.responseId),
      pass: "main",
      staff: third,
      state: { codes: [codeId("asb")], stance: null, evidenceRich: false, excerpt: null },
    });
    expect(await undoCoding(db(), { key: key(a.responseId), pass: "main", staff: first })).toBe(false);
    expect(await undoCoding(db(), { key: key(a.responseId), pass: "main", staff: third })).toBe(true);
    expect(await getMainCoding(db(), key(a.responseId))).toMatchObject({ codes: [codeId("drugs")], stance: "support", evidenceRich: true });
    const history = await db().selectFrom("coding_history").select(["reason"]).where("response_id", "=", a.responseId).orderBy("seq").execute();
    expect(history.map((h) => h.reason)).toEqual(["coded", "coded", "undo"]);
  });

  it("a quote needs another analyst's approval, and the audit trail never holds answer text", async () => {
    const a = fixture.answers[0];
    const excerpt = a.text.split(".")[0];
    await markQuote(db(), { key: key(a.responseId), codeId: book.codes[1].id, excerpt, staff: first });
    const [quote] = await listQuotes(db(), { consultationId: fixture.consultationId, status: "proposed" });
    expect(await decideQuote(db(), { consultationId: fixture.consultationId, id: quote.id, staff: first, approve: true })).toEqual({
      ok: false,
      reason: "own-quote",
    });
    expect(await decideQuote(db(), { consultationId: fixture.consultationId, id: quote.id, staff: second, approve: true })).toEqual({ ok: true });
    expect((await listQuotes(db(), { consultationId: fixture.consultationId, status: "approved" })).map((q) => q.excerpt)).toEqual([excerpt]);
    const audit = await listAudit(db(), { consultationId: fixture.consultationId, limit: 500 });
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(["codebook.changed", "coding.sample_drawn", "coding.quote_marked", "coding.quote_approved"])
    );
    for (const e of audit) for (const answer of fixture.answers) expect(e.detail ?? "").not.toContain(answer.text.slice(0, 30));
  });
});
