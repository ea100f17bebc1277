import { json } from "@remix-run/node";
import { templates } from "../../db/demo";
import type { ConditionTarget } from "../builder/conditions-editor";
import { answerValues, findQuestion, type ConsultationDefinition } from "../definition/definition";
import { db } from "../server/db.server";
import { getConsultationForStaff, type ConsultationForStaff } from "../models/consultation.server";
import type { StaffSession } from "../models/staff-session.server";

/** Shared by the staff consultation routes: each still checks the role itself first. */

export async function requireStaffConsultation(id: string | undefined): Promise<ConsultationForStaff> {
  const consultation = id ? await getConsultationForStaff(db(), { id }) : null;
  if (!consultation) throw json("There is no consultation at this address. Go back to the list of consultations.", { status: 404 });
  return consultation;
}

/** What every staff page needs for its navigation. */
export function navData(session: StaffSession) {
  return { staff: session.staff, csrf: session.csrfToken };
}

export const TEMPLATES = {
  precept: { label: "Precept consultation", definition: templates.precept },
  survey: { label: "Police and Crime Survey", definition: templates.survey },
  blank: {
    label: "Blank",
    definition: {
      estimatedMinutes: 5,
      pages: [{ id: "your_views", title: "Your views", questions: [{ id: "comments", type: "free_text", title: "What would you like to tell us?", required: false, maxLength: 1000 }] }],
    } as ConsultationDefinition,
  },
} as const;
export type TemplateName = keyof typeof TEMPLATES;

/** Choice questions on pages before `pageIndex`, with the answer ids a routing condition can use. */
export function builderTargets(def: ConsultationDefinition, pageIndex: number): ConditionTarget[] {
  return def.pages.slice(0, Math.max(0, pageIndex)).flatMap((p) =>
    p.questions.flatMap((q) => {
      const values = answerValues(q);
      return values.size ? [{ id: q.id, title: q.title, values: [...values].map(([item, ids]) => ({ item, ids })) }] : [];
    }),
  );
}

/** Ids of a question (and its options, items, proposals) in the published version: `q:id`, `options:id`, … */
export function lockedIdsOf(published: ConsultationDefinition | undefined, questionId: string): string[] {
  const q = published ? findQuestion(published, questionId) : undefined;
  if (!q) return [];
  const ids = [`q:${q.id}`];
  if ("options" in q) ids.push(...q.options.map((o) => `options:${o.id}`));
  if ("items" in q) ids.push(...q.items.map((o) => `items:${o.id}`));
  if ("proposals" in q) ids.push(...q.proposals.map((o) => `proposals:${o.id}`));
  return ids;
}
