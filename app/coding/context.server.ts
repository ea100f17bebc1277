import { json, redirect } from "@remix-run/node";
import { findQuestion, type ConsultationDefinition } from "../definition/definition";
import type { Role } from "../auth/roles";
import { requireStaff, requireStaffAction } from "../auth/staff-auth.server";
import { navData, requireStaffConsultation } from "../auth/staff-workspace.server";
import { getCodebook, getCodingSettings } from "../models/coding.server";
import { answerRowsCurrent } from "../models/answer-rows.server";
import { db } from "../server/db.server";
import { allQuestions } from "../definition/definition";

/** What every coding page loads first: the staff member (role checked), the consultation and its codebook. */
export async function codingContext(request: Request, params: { id?: string }, role: Role = "analyst") {
  const session = await requireStaff(request, role);
  const consultation = await requireStaffConsultation(params.id);
  const [codebook, settings] = await Promise.all([
    getCodebook(db(), { consultationId: consultation.id }),
    getCodingSettings(db(), { consultationId: consultation.id }),
    // Every coding page reads the written answers from the answer rows.
    answerRowsCurrent(db(), { consultationId: consultation.id }),
  ]);
  return { session, consultation, codebook, settings, nav: navData(session), staffer: { id: session.staff.id, email: session.staff.email } };
}

/** The free-text questions of the published definition (coding needs answers, so a version). */
export function freeTextQuestions(def: ConsultationDefinition | undefined) {
  return def
    ? allQuestions(def)
        .filter((q) => q.type === "free_text")
        .map((q) => ({ id: q.id, title: q.title }))
    : [];
}

export function requireFreeTextQuestion(def: ConsultationDefinition | undefined, questionId: string | undefined) {
  const q = def && questionId ? findQuestion(def, questionId) : undefined;
  if (!q || q.type !== "free_text") throw json("There is no free-text question at this address.", { status: 404 });
  return { id: q.id, title: q.title };
}

export function requireCodebook<T>(codebook: T | null, consultationId: string): T {
  if (!codebook) throw json(`This consultation has no codebook yet. Start one at /staff/consultations/${consultationId}/coding/codebook.`, { status: 404 });
  return codebook;
}

/**
 * What every action of one question's coding pages starts with: the form (CSRF and role checked),
 * the consultation, the free-text question and its codebook (404 when either is missing).
 */
export async function codingQuestionAction(request: Request, params: { id?: string; questionId?: string }) {
  const { session, form } = await requireStaffAction(request, "analyst");
  const ctx = await codingContext(request, params, "analyst");
  const def = ctx.consultation.currentVersion?.definition;
  const question = requireFreeTextQuestion(def, params.questionId);
  const codebook = requireCodebook(ctx.codebook, ctx.consultation.id);
  return { ...ctx, session, form, def: def!, question, codebook };
}

/** What one question's coding pages load first; without a codebook yet, they go to start one. */
export async function codingQuestionPage(request: Request, params: { id?: string; questionId?: string }) {
  const ctx = await codingContext(request, params, "analyst");
  const def = ctx.consultation.currentVersion?.definition;
  const question = requireFreeTextQuestion(def, params.questionId);
  if (!ctx.codebook) throw redirect(`/staff/consultations/${ctx.consultation.id}/coding/codebook`);
  return { ...ctx, c: ctx.consultation, def: def!, question, codebook: ctx.codebook };
}
