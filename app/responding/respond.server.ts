import { json, redirect } from "@remix-run/node";
import { db } from "../server/db.server";
import { draftIdFor } from "./draft-cookie.server";
import { formatUkDateTime } from "../lifecycle/lifecycle";
import { getConsultationBySlug, type ConsultationWithVersion } from "../models/consultation.server";
import { getDraft, type Draft } from "../models/draft.server";
import { countDistricts, districtLookup, ReferenceDataMissing } from "../models/district.server";
import type { Question } from "../definition/definition";
import type { ValidationContext } from "./validation";

/** Shared by the resident's question, check and submit routes: find the consultation and the draft. */

const NOT_READY = "Sorry, this service is not ready to take responses yet. Try again later.";
let ready = false;

/**
 * Residents are served only once the reference data is in place: without the postcode lookup,
 * every "Where you live" answer would be stored as "not recognised". npm start and npm run
 * db:migrate load it; a server started on a database prepared any other way says so, and stores
 * nothing, until they are run. Checked until it first holds (the lookup is replaced, never emptied).
 */
export async function requireReadyForResidents(): Promise<void> {
  if (ready) return;
  let districts = 0;
  try {
    districts = await countDistricts(db());
  } catch {
    // Not even migrated.
  }
  if (districts > 0) {
    ready = true;
    return;
  }
  console.error(new ReferenceDataMissing().message);
  throw json(NOT_READY, { status: 503, headers: { "Retry-After": "300" } });
}

/** The postcode lookup for validating these questions, or "not ready" (503) when it is empty. */
export async function postcodeLookup(questions: Question[]): Promise<ValidationContext> {
  try {
    return await districtLookup(db(), questions);
  } catch (error) {
    if (error instanceof ReferenceDataMissing) {
      console.error(error.message);
      throw json(NOT_READY, { status: 503, headers: { "Retry-After": "300" } });
    }
    throw error;
  }
}

export async function requireConsultation(slug: string | undefined): Promise<ConsultationWithVersion> {
  await requireReadyForResidents();
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
