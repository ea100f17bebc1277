import { randomUUID } from "node:crypto";
import { answerRowsCurrent } from "~/models/answer-rows.server";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { demoComment } from "../../../db/demo-comments";
import { seededRandom } from "../../../db/seeded-random";
import { createConsultation } from "~/models/consultation.server";
import { submitResponse } from "~/models/response.server";
import { createStaff } from "~/models/staff.server";
import type { Answers } from "~/responding/answers";

/**
 * A consultation with one free-text question and a single-choice question (for subgroups), and
 * `n` responses with generated comments; returns the comments' intended codes by response.
 */
export async function codingFixture(db: Kysely<Database>, { n = 120, seed = 11, slug = `coding-${randomUUID().slice(0, 8)}` } = {}) {
  const { id } = await createConsultation(db, {
    slug,
    title: "Coding test",
    summary: "A consultation for coding tests.",
    kind: "survey",
    status: "live",
    opensAt: null,
    closesAt: null,
    definition: {
      estimatedMinutes: 2,
      pages: [
        {
          id: "p1",
          title: "Views",
          questions: [
            { id: "area", type: "single_choice", title: "Where do you live?", required: false, options: [{ id: "town", label: "Town" }, { id: "country", label: "Countryside" }] },
            { id: "comments", type: "free_text", title: "Anything else?", required: false, maxLength: 2000 },
          ],
        },
      ],
    },
  });
  const version = (await db.selectFrom("consultations").select("current_version_id").where("id", "=", id).executeTakeFirstOrThrow()).current_version_id!;
  const rng = seededRandom(seed);
  const intended = new Map<string, string[]>();
  for (let i = 0; i < n; i++) {
    const comment = demoComment(rng);
    const answers: Answers = { area: { type: "single_choice", option: rng() < 0.7 ? "town" : "country" } };
    // Some respondents leave the comment box empty.
    if (rng() < 0.9) answers.comments = { type: "free_text", text: comment.text, redacted: i % 7 === 0 ? ["phone number"] : [] };
    const outcome = await submitResponse(db, { consultationId: id, versionId: version, channel: i % 5 === 0 ? "paper" : "online", answers, nonce: randomUUID(), tokenExpiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    if (outcome.outcome !== "recorded") throw new Error("fixture response not recorded");
    if (answers.comments) intended.set(outcome.responseId, comment.codes);
  }
  await answerRowsCurrent(db, { consultationId: id });
  const rows = await db.selectFrom("answers").select(["response_id", "value_text"]).where("consultation_id", "=", id).where("question_id", "=", "comments").execute();
  return { consultationId: id, slug, answers: rows.map((r) => ({ responseId: r.response_id, text: r.value_text ?? "" })), intended };
}

export async function staffMember(db: Kysely<Database>, role: "analyst" | "editor" | "admin" = "analyst") {
  const email = `${role}-${randomUUID().slice(0, 8)}@coding.example`;
  const s = await createStaff(db, { email, role, passwordHash: "not-used" });
  return { id: s.id, email };
}
