import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { Answers } from "~/responding/answers";
import type { ConsultationDefinitionInput } from "~/definition/definition";
import { describeEachDatabase } from "../../tests/databases";
import { env } from "~/server/env.server";
import { createConsultation, getConsultationBySlug, setResultsPublished } from "./consultation.server";
import { createIndicator, ensureDefaultSections, listSections } from "./evidence.server";
import { ALL_RESPONDENTS, resultsFor } from "./results.server";
import { submitResponse } from "./response.server";
import { breakdownRows, countRows, proportion } from "./answer-counts.server";

const definition: ConsultationDefinitionInput = {
  pages: [
    {
      id: "you",
      title: "You",
      questions: [
        { id: "victim", type: "single_choice", title: "Victim of crime?", options: [{ id: "yes", label: "Yes" }, { id: "no", label: "No" }] },
        { id: "reported", type: "single_choice", title: "Reported it?", options: [{ id: "yes", label: "Yes" }, { id: "no", label: "No" }] },
      ],
    },
  ],
};

const cell = (rows: { question_id: string; item_id: string; option_id: string; n: number; group?: string }[], q: string, o: string, group?: string) =>
  rows.find((r) => r.question_id === q && r.option_id === o && (group === undefined || r.group === group))?.n ?? 0;

describeEachDatabase("subgroup and breakdown counts, kept until a response is added", (ctx) => {
  it("answers repeated questions from what it kept, and counts afresh once a response is added", async () => {
    const db = ctx().handle.db;
    const slug = `kept-${ctx().name}`;
    await createConsultation(db, { slug, title: "Kept counts", summary: "s", kind: "survey", status: "live", opensAt: null, closesAt: null, definition });
    const c = (await getConsultationBySlug(db, { slug }))!;
    const submit = (answers: Answers, excludedReason: string | null = null) =>
      submitResponse(db, { consultationId: c.id, versionId: c.versionId, channel: "online", answers, nonce: randomUUID(), tokenExpiresAt: "2099-01-01T00:00:00.000Z", excludedReason });
    const victim = (reported: "yes" | "no"): Answers => ({ victim: { type: "single_choice", option: "yes" }, reported: { type: "single_choice", option: reported } });
    await submit(victim("no"));
    await submit(victim("yes"));
    await submit({ victim: { type: "single_choice", option: "no" } });

    const victims = { questionId: "victim", itemId: "", optionIds: ["yes"] };
    const first = await countRows(db, { consultationId: c.id, filter: victims });
    expect(cell(first, "reported", "no")).toBe(1);
    expect(cell(first, "reported", "*")).toBe(2);
    // Asked again with nothing new: the same figures, not a second count.
    expect(await countRows(db, { consultationId: c.id, filter: victims })).toBe(first);
    const by = { questionId: "victim", itemId: "" };
    const table = await breakdownRows(db, { consultationId: c.id, by, filter: null });
    expect(await breakdownRows(db, { consultationId: c.id, by, filter: null })).toBe(table);
    const share = { consultationId: c.id, questionId: "reported", itemId: "", optionIds: ["no"], filter: victims };
    expect(await proportion(db, share)).toEqual({ count: 1, base: 2 });

    // A response held apart is not counted, so nothing changes.
    await submit(victim("no"), "automated: hidden field filled in");
    expect(await countRows(db, { consultationId: c.id, filter: victims })).toBe(first);

    // A counted response changes the total, and every figure is counted again.
    await submit(victim("no"));
    const after = await countRows(db, { consultationId: c.id, filter: victims });
    expect(after).not.toBe(first);
    expect(cell(after, "reported", "no")).toBe(2);
    expect(cell(after, "reported", "*")).toBe(3);
    const tableAfter = await breakdownRows(db, { consultationId: c.id, by, filter: null });
    expect(cell(tableAfter, "reported", "no", "yes")).toBe(2);
    expect(cell(table, "reported", "no", "yes")).toBe(1);
    expect(await proportion(db, share)).toEqual({ count: 2, base: 3 });
  });
});

describeEachDatabase("counts of respondents by channel", (ctx) => {
  it("counts a channel subgroup, and nobody for ids that are no channel, or none", async () => {
    const db = ctx().handle.db;
    const slug = `channels-${ctx().name}`;
    await createConsultation(db, { slug, title: "Channels", summary: "s", kind: "survey", status: "live", opensAt: null, closesAt: null, definition });
    const c = (await getConsultationBySlug(db, { slug }))!;
    const submit = (channel: "online" | "paper", option: "yes" | "no") =>
      submitResponse(db, { consultationId: c.id, versionId: c.versionId, channel, answers: { victim: { type: "single_choice", option } }, nonce: randomUUID(), tokenExpiresAt: "2099-01-01T00:00:00.000Z" });
    await submit("online", "yes");
    await submit("paper", "yes");
    await submit("paper", "no");
    const share = (optionIds: string[]) => proportion(db, { consultationId: c.id, questionId: "victim", itemId: "", optionIds: ["yes"], filter: { questionId: "_channel", itemId: "", optionIds } });
    expect(await share(["paper"])).toEqual({ count: 1, base: 2 });
    expect(await share(["online", "paper"])).toEqual({ count: 2, base: 3 });
    expect(await share(["carrier_pigeon"])).toEqual({ count: 0, base: 0 });
    expect(await share([])).toEqual({ count: 0, base: 0 });
  });
});

describeEachDatabase("results for each audience", (ctx) => {
  it("gives staff raw figures, withholds small numbers as published, and shows the public only published evidence", async () => {
    const db = ctx().handle.db;
    const slug = `audience-${ctx().name}`;
    const { id } = await createConsultation(db, { slug, title: "Audiences", summary: "s", kind: "survey", status: "live", opensAt: null, closesAt: null, definition });
    const c = (await getConsultationBySlug(db, { slug }))!;
    const submit = (channel: "online" | "paper", option: "yes" | "no") =>
      submitResponse(db, { consultationId: id, versionId: c.versionId, channel, answers: { victim: { type: "single_choice", option } }, nonce: randomUUID(), tokenExpiresAt: "2099-01-01T00:00:00.000Z" });
    for (let i = 0; i < 12; i++) await submit("online", "no");
    for (let i = 0; i < 3; i++) await submit("paper", "yes");
    await ensureDefaultSections(db);
    const [section] = await listSections(db);
    await createIndicator(db, { consultationId: id, sectionId: section.id, questionId: "victim", itemId: "", optionIds: ["yes"], filter: null, template: "{percent} were victims", previousIndicatorId: null });
    const input = { consultationId: id, definition: c.definition, query: ALL_RESPONDENTS };
    const victimYes = (r: Awaited<ReturnType<ReturnType<typeof resultsFor>["results"]>>) => {
      const q = r.questions.find((x) => x.id === "victim");
      return q?.kind === "tables" ? q.tables[0].rows.find((row) => row.id === "yes")?.count : undefined;
    };

    const raw = resultsFor(db, "raw");
    expect(raw.threshold).toBeNull();
    const rawResults = await raw.results(input);
    expect(victimYes(rawResults)).toBe(3);
    expect(rawResults.channels).toEqual({ counted: 15, byChannel: expect.arrayContaining([{ channel: "online", n: 12 }, { channel: "paper", n: 3 }]) });
    expect((await raw.statements()).map((s) => raw.shown(s, "/x").statement)).toEqual(["20% were victims"]);

    const published = resultsFor(db, "published", { threshold: 10 });
    expect(published.threshold).toBe(10);
    const publishedResults = await published.results(input);
    expect(victimYes(publishedResults)).toBeNull();
    expect(publishedResults.channels.byChannel.every((ch) => ch.n === null)).toBe(true);
    // Staff totals stay as counted whatever the audience: they hold the reasons for exclusions.
    expect(publishedResults.totals.byChannel).toEqual({ online: 12, paper: 3 });
    const [shown] = (await published.statements()).map((s) => published.shown(s, "/x"));
    expect(shown).toMatchObject({ suppressed: true, statement: null, figure: null });

    const pub = resultsFor(db, "public");
    expect(pub.threshold).toBe(env().SUPPRESSION_THRESHOLD);
    expect(await pub.statements()).toEqual([]);
    await setResultsPublished(db, { id, whatWeDid: "We listened.", published: true });
    expect((await pub.statements()).map((s) => s.consultation.slug)).toEqual([slug]);
    // Whether a statement is withheld is its consultation's decision under the audience's threshold.
    const lower = resultsFor(db, "public", { threshold: 3 });
    expect(lower.shown((await lower.statements())[0], "/x").statement).toBe("20% were victims");
    expect(pub.shown((await pub.statements())[0], "/x").statement).toBeNull();
  });
});
