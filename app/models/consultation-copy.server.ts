import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { ConsultationDefinitionSchema } from "~/definition/definition";
import type { ConsultationKind } from "~/lifecycle/lifecycle";
import { createConsultation, isSlugTaken } from "./consultation.server";

export type CopyOutcome = { outcome: "copied"; id: string; from: { id: string; title: string } } | { outcome: "not_found" } | { outcome: "slug_taken" };

/**
 * Copies any consultation (draft, open, closed or published) as a new draft: its questions,
 * routing, ids and settings, from its working copy (the builder's latest state, which is the last
 * published version unless edits are waiting). Keeping question and option ids is what lets next
 * year's results be set beside this year's. No responses, dates or results come with it.
 */
export async function copyConsultation(
  db: Kysely<Database>,
  input: { fromId: string; slug: string; title: string; summary?: string; kind?: ConsultationKind; opensAt?: string | null; closesAt?: string | null },
): Promise<CopyOutcome> {
  const source = await db.selectFrom("consultations").select(["id", "title", "summary", "kind", "draft_definition"]).where("id", "=", input.fromId).executeTakeFirst();
  if (!source) return { outcome: "not_found" };
  if (await isSlugTaken(db, { slug: input.slug })) return { outcome: "slug_taken" };
  const definition = ConsultationDefinitionSchema.parse(JSON.parse(source.draft_definition));
  const { id } = await createConsultation(db, {
    slug: input.slug,
    title: input.title,
    summary: input.summary ?? source.summary,
    kind: input.kind ?? (source.kind as ConsultationKind),
    definition,
    opensAt: input.opensAt ?? null,
    closesAt: input.closesAt ?? null,
    status: "draft",
  });
  return { outcome: "copied", id, from: { id: source.id, title: source.title } };
}
