import { randomUUID } from "node:crypto";
import { answerRowsCurrent } from "~/models/answer-rows.server";
import { expect, it } from "vitest";
import { aggregate } from "~/results/aggregate";
import { checkResponse } from "~/responding/validation";
import { type Answers } from "~/responding/answers";
import type { ConsultationDefinition } from "~/definition/definition";
import { exportDefinition, getConsultationBySlug, getVersionDefinitions, saveDefinition } from "~/models/consultation.server";
import { districtLookup } from "~/models/district.server";
import { readCounts, recountFromAnswers } from "~/models/answer-counts.server";
import { submitResponse } from "~/models/response.server";
import { describeEachDatabase } from "../databases";
import { allQuestionTypes, allQuestionTypesInput, completeAnswers } from "../fixtures";
import { inconsistencies } from "../fixtures/consistency";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

const sorted = <T extends { question_id: string; item_id: string; option_id: string; n: number }>(rows: T[]) =>
  rows.map((r) => ({ question_id: r.question_id, item_id: r.item_id, option_id: r.option_id, n: Number(r.n) })).sort((a, b) => `${a.question_id}|${a.item_id}|${a.option_id}`.localeCompare(`${b.question_id}|${b.item_id}|${b.option_id}`));

const choice = (option: string) => ({ type: "single_choice" as const, option });

/** As the submit route does it: the whole response is checked, and only the checked answers are stored. */
async function storeIfValid(db: Kysely<Database>, slug: string, answers: Answers): Promise<"recorded" | "rejected"> {
  const c = (await getConsultationBySlug(db, { slug }))!;
  const checked = checkResponse(c.definition, answers, await districtLookup(db));
  if (checked.errors.length) return "rejected";
  await submitResponse(db, { consultationId: c.id, versionId: c.versionId, channel: "online", answers: checked.answers, nonce: randomUUID(), tokenExpiresAt: "2999-01-01" });
  return "recorded";
}

describeEachDatabase("every question type, stored and counted", (ctx) => {
  const slug = "all-question-types";
  const responses: Answers[] = [
    completeAnswers,
    // Not a victim: the reporting pages are skipped.
    (() => {
      const a: Answers = { ...completeAnswers, victim: choice("no"), find_out: { type: "single_choice", option: "other", other: "Text jo@example.com" } };
      delete a.reported;
      delete a.why_not;
      return a;
    })(),
    // Reported it: satisfaction is asked, "why not" is not.
    (() => {
      const a: Answers = { ...completeAnswers, reported: choice("yes"), satisfaction: { type: "scale", option: "fairly_satisfied" }, postcode: { type: "postcode", outward: "SW1A", authority: "unknown", area: "unknown" } };
      delete a.why_not;
      return a;
    })(),
  ];

  it("imports the fixture as a live consultation", async () => {
    const result = await saveDefinition(ctx().handle.db, {
      slug,
      definition: allQuestionTypesInput(),
      details: { title: "All question types", summary: "Every type", kind: "survey", opensAt: null, closesAt: null, status: "live" },
    });
    expect(result).toMatchObject({ outcome: "created", version: 1 });
  });

  it("stores every type as answer rows, keeping only what the route shows", async () => {
    const { db } = ctx().handle;
    for (const r of responses) expect(await storeIfValid(db, slug, r)).toBe("recorded");
    // A hidden answer sent anyway is dropped, not stored.
    expect(await storeIfValid(db, slug, { ...responses[1], why_not: { type: "multiple_choice", options: ["fear"] } })).toBe("recorded");
    const c = (await getConsultationBySlug(db, { slug }))!;
    await answerRowsCurrent(db, { consultationId: c.id });
    const whyNot = await db.selectFrom("answers").select((eb) => eb.fn.count<number>("response_id").distinct().as("n")).where("consultation_id", "=", c.id).where("question_id", "=", "why_not").executeTakeFirstOrThrow();
    expect(Number(whyNot.n)).toBe(1);
    const types = await db.selectFrom("answers").select("question_id").distinct().where("consultation_id", "=", c.id).execute();
    expect(types.map((t) => t.question_id).sort()).toEqual(
      ["about_you", "asb_priority", "concerns", "confidence", "feel_safer", "find_out", "issue_priorities", "plan_sections", "postcode", "precept_support", "prevention_advice", "reported", "satisfaction", "victim", "why_not", "years_lived"].sort(),
    );
    const other = await db.selectFrom("answers").select("value_text").where("consultation_id", "=", c.id).where("question_id", "=", "find_out").where("option_id", "=", "other").execute();
    expect(other.map((o) => o.value_text)).toEqual(["Text [redacted]", "Text [redacted]"]);
  });

  it("rejects malformed responses and stores nothing for them", async () => {
    const { db } = ctx().handle;
    const c = (await getConsultationBySlug(db, { slug }))!;
    const before = sorted(await readCounts(db, { consultationId: c.id }));
    for (const broken of [
      { ...completeAnswers, concerns: { type: "multiple_choice", options: ["asb", "none"] } },
      { ...completeAnswers, plan_sections: { type: "ranking", ranks: { safer_roads: 1, safer_people: 1, safer_online: 3 } } },
      { ...completeAnswers, years_lived: { type: "number", value: 500 } },
      { ...completeAnswers, postcode: { type: "postcode", outward: "NOT A CODE", authority: "durham", area: "x" } },
      { ...completeAnswers, victim: { type: "free_text", text: "yes", redacted: [] } },
    ] as Answers[]) {
      expect(await storeIfValid(db, slug, broken)).toBe("rejected");
    }
    expect(sorted(await readCounts(db, { consultationId: c.id }))).toEqual(before);
  });

  it("aggregates consistently, and the maintained counts equal a GROUP BY recount", async () => {
    const { db } = ctx().handle;
    const c = (await getConsultationBySlug(db, { slug }))!;
    const maintained = sorted(await readCounts(db, { consultationId: c.id }));
    expect(maintained).toEqual(sorted(await recountFromAnswers(db, { consultationId: c.id })));
    const stored = (await db.selectFrom("responses").select("answers_json").where("consultation_id", "=", c.id).execute()).map((r) => JSON.parse(r.answers_json) as Answers);
    expect(stored).toHaveLength(4);
    const results = aggregate(c.definition, maintained);
    expect(inconsistencies(c.definition, stored, results)).toEqual([]);
    const victim = results.find((r) => r.question.id === "victim");
    expect(victim?.kind === "options" && victim.table.rows.map((r) => [r.id, r.count])).toEqual([["yes", 2], ["no", 2], ["prefer_not_to_say", 0]]);
  });
});

describeEachDatabase("definition versions", (ctx) => {
  const slug = "versioned";
  const v2 = (): ConsultationDefinition => {
    const def = allQuestionTypes();
    const q = def.pages[0].questions[0];
    if (q.type !== "single_choice") throw new Error("fixture changed");
    q.title = "Where do you hear about policing?";
    q.options[1].label = "Local news";
    q.options.splice(4, 0, { id: "leaflet", label: "A leaflet through the door" });
    return def;
  };

  it("keeps responses on the version they answered and combines versions by question and option id", async () => {
    const { db } = ctx().handle;
    const details = { title: "Versioned", summary: "", kind: "survey" as const, opensAt: null, closesAt: null, status: "live" as const };
    expect(await saveDefinition(db, { slug, definition: allQuestionTypesInput(), details })).toMatchObject({ outcome: "created", version: 1 });
    expect(await storeIfValid(db, slug, completeAnswers)).toBe("recorded");
    expect(await storeIfValid(db, slug, { ...completeAnswers, find_out: choice("social_media") })).toBe("recorded");
    // "leaflet" does not exist in version 1.
    expect(await storeIfValid(db, slug, { ...completeAnswers, find_out: choice("leaflet") })).toBe("rejected");

    expect(await saveDefinition(db, { slug, definition: v2() })).toMatchObject({ outcome: "new_version", version: 2, responses: 2 });
    expect(await storeIfValid(db, slug, completeAnswers)).toBe("recorded");
    expect(await storeIfValid(db, slug, { ...completeAnswers, find_out: choice("leaflet") })).toBe("recorded");

    const c = (await getConsultationBySlug(db, { slug }))!;
    expect(c.version).toBe(2);
    const versions = await getVersionDefinitions(db, { consultationId: c.id });
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[0].definition).toEqual(allQuestionTypes());
    const perVersion = await db
      .selectFrom("responses as r")
      .innerJoin("consultation_versions as v", "v.id", "r.version_id")
      .select((eb) => ["v.version", eb.fn.countAll<number>().as("n")])
      .where("r.consultation_id", "=", c.id)
      .groupBy("v.version")
      .orderBy("v.version")
      .execute();
    expect(perVersion.map((p) => [p.version, Number(p.n)])).toEqual([[1, 2], [2, 2]]);

    const counts = await readCounts(db, { consultationId: c.id });
    expect(sorted(counts)).toEqual(sorted(await recountFromAnswers(db, { consultationId: c.id })));
    const findOut = aggregate(c.definition, counts).find((r) => r.question.id === "find_out");
    if (findOut?.kind !== "options") throw new Error("expected an options table");
    expect(findOut.question.title).toBe("Where do you hear about policing?");
    expect(findOut.table.base).toBe(4);
    expect(findOut.table.rows.map((r) => `${r.label}: ${r.count}`)).toEqual([
      "Social media: 1",
      "Local news: 2",
      "Friends, family or neighbours: 0",
      "The police or Commissioner's website: 0",
      "A leaflet through the door: 1",
      "Other (please specify): 0",
    ]);
  });

  it("writes nothing for an invalid document or an id that changes type", async () => {
    const { db } = ctx().handle;
    const c = (await getConsultationBySlug(db, { slug }))!;
    const bad = allQuestionTypesInput();
    bad.pages[0].questions[0].options[3].id = "local_news";
    expect(await saveDefinition(db, { slug, definition: bad })).toEqual({
      outcome: "invalid",
      errors: [{ path: "pages[0].questions[0].options[3].id", message: '"local_news" is used twice in this question' }],
    });
    const retyped = v2();
    retyped.pages[0].questions[0] = { id: "find_out", type: "free_text", title: "How do you find out?", required: true, maxLength: 100 };
    expect(await saveDefinition(db, { slug, definition: retyped })).toEqual({
      outcome: "invalid",
      errors: [{ path: "pages[0].questions[0].type", message: '"find_out" was a single_choice question in the published version; give the changed question a new id so its answers are counted apart' }],
    });
    expect(await saveDefinition(db, { slug, definition: v2() })).toMatchObject({ outcome: "unchanged", version: 2 });
    expect((await getVersionDefinitions(db, { consultationId: c.id })).length).toBe(2);
  });

  it("exports the current version, an earlier one, or a draft's working copy", async () => {
    const { db } = ctx().handle;
    expect(await exportDefinition(db, { slug })).toEqual({ definition: v2(), version: 2 });
    expect(await exportDefinition(db, { slug, version: 1 })).toEqual({ definition: allQuestionTypes(), version: 1 });
    expect(await exportDefinition(db, { slug, version: 3 })).toBeNull();
    expect(await exportDefinition(db, { slug: "nope" })).toBeNull();
    expect(await saveDefinition(db, { slug: "a-draft", definition: allQuestionTypesInput() })).toMatchObject({ outcome: "invalid" });
    const details = { title: "Draft", summary: "", kind: "survey" as const, opensAt: null, closesAt: null, status: "draft" as const };
    expect(await saveDefinition(db, { slug: "a-draft", definition: allQuestionTypesInput(), details })).toMatchObject({ outcome: "created", version: null });
    expect(await saveDefinition(db, { slug: "a-draft", definition: v2() })).toMatchObject({ outcome: "draft_saved" });
    expect(await exportDefinition(db, { slug: "a-draft" })).toEqual({ definition: v2(), version: null });
  });
});
