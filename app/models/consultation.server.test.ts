import { expect, it } from "vitest";
import { allQuestionTypesInput } from "../../tests/fixtures";
import { describeEachDatabase } from "../../tests/databases";
import { createConsultation, getConsultationBySlug, getVersionDefinitions, publishWorkingDefinition, saveWorkingDefinition } from "./consultation.server";

describeEachDatabase("published versions, parsed once", (ctx) => {
  it("hands every request the same frozen definition until a new version is published", async () => {
    const db = ctx().handle.db;
    const slug = `cache-${ctx().name}`;
    const { id } = await createConsultation(db, {
      slug,
      title: "Version cache",
      summary: "Test",
      kind: "survey",
      definition: allQuestionTypesInput(),
      opensAt: null,
      closesAt: null,
      status: "live",
    });
    const first = (await getConsultationBySlug(db, { slug }))!;
    const again = (await getConsultationBySlug(db, { slug }))!;
    expect(again.definition).toBe(first.definition);
    expect(Object.isFrozen(first.definition.pages[0].questions[0])).toBe(true);
    // No request can change what the next one sees.
    expect(() => {
      (first.definition.pages[0] as { title: string }).title = "changed";
    }).toThrow(TypeError);
    expect((await getConsultationBySlug(db, { slug }))!.definition.pages[0].title).not.toBe("changed");

    // A new version is a new id, so it is read fresh; the old one is still served for its responses.
    const edited = allQuestionTypesInput();
    edited.pages[0].title = "A retitled first page";
    await saveWorkingDefinition(db, { id, definition: edited });
    await publishWorkingDefinition(db, { id });
    const next = (await getConsultationBySlug(db, { slug }))!;
    expect(next.version).toBe(2);
    expect(next.definition.pages[0].title).toBe("A retitled first page");
    const versions = await getVersionDefinitions(db, { consultationId: id });
    expect(versions.map((v) => v.definition.pages[0].title)).toEqual([first.definition.pages[0].title, "A retitled first page"]);
    expect(versions[0].definition).toBe(first.definition);
  });
});
