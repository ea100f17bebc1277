import { json, redirect } from "@remix-run/node";
import { db } from "../server/db.server";
import { draftIdFor } from "./draft-cookie.server";
import { formatUkDateTime } from "../lifecycle/lifecycle";
import { getConsultationBySlug, type ConsultationWithVersion } from "../models/consultation.server";
import { getDraft, type Draft } from "../models/draft.server";

/** Shared by the resident's question, check and submit routes: find the consultation and the draft. */

export async function requireConsultation(slug: string | undefined): Promise<ConsultationWithVersion> {
  const consultation = slug ? await getConsultationBySlug(db(), { slug }) : null;
  if (!consultation || consultation.status === "draft") {
    throw json("If you typed the web address, check it is correct.", { status: 404 });
  }
  return consultation;
}

/** Online responses are accepted only while a consultation is open; nothing is stored otherwise. */
export function requireOpen(consultation: ConsultationWithVersion): void {
  if (consultation.status === "open") return;
  const message =
    consultation.status === "scheduled"
      ? `This consultation opens at ${formatUkDateTime(consultation.opensAt)}. Nothing has been saved.`
      : `This consultation closed at ${formatUkDateTime(consultation.closesAt)}, so it is no longer taking responses. Nothing has been saved.`;
  throw json(message, { status: 403 });
}

export async function requireDraft(request: Request, consultation: ConsultationWithVersion): Promise<Draft> {
  const id = await draftIdFor(request, consultation.id);
  const draft = id ? await getDraft(db(), { id, consultationId: consultation.id }) : null;
  // No draft (cookie missing, expired or cleared): start again from the start page.
  if (!draft) throw redirect(`/consultations/${consultation.slug}?expired=1`);
  return draft;
}
