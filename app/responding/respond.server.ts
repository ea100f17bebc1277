import { json, redirect } from "@remix-run/node";
import { db } from "../server/db.server";
import { draftIdFor } from "./draft-cookie.server";
import { formatUkDateTime } from "../lifecycle/lifecycle";
import { getConsultationBySlug, type ConsultationWithVersion } from "../models/consultation.server";
import { countLiveDrafts, createDraft, getDraft, type Draft } from "../models/draft.server";
import { env } from "../server/env.server";
import { errorFields, log } from "../server/log.server";
import { attempt, draftLimit } from "../server/rate-limit.server";
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
  log().error(errorFields(new ReferenceDataMissing()), "not ready for residents");
  throw json(NOT_READY, { status: 503, headers: { "Retry-After": "300" } });
}

/** The postcode lookup for validating these questions, or "not ready" (503) when it is empty. */
export async function postcodeLookup(questions: Question[]): Promise<ValidationContext> {
  try {
    return await districtLookup(db(), questions);
  } catch (error) {
    if (error instanceof ReferenceDataMissing) {
      log().error({ ...errorFields(error) }, "not ready for residents");
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

/**
 * Starts answers in progress for a resident (the start page's button): a draft row and the
 * cookie naming it. A client may start DRAFTS_PER_CLIENT_PER_HOUR in any hour (shared by every
 * instance, keyed on the address alone: rate-limit.server.ts), and no more than MAX_LIVE_DRAFTS
 * are kept at once, so a script posting to the start page cannot fill the database with empty
 * drafts (issue 12: 200 cookie-less posts made 200 rows, each kept a day). A resident who
 * presses the button again while their draft is still empty keeps that draft.
 */
export async function startDraft(request: Request, consultation: ConsultationWithVersion, clientAddress: string): Promise<Draft> {
  const existingId = await draftIdFor(request, consultation.id);
  const existing = existingId ? await getDraft(db(), { id: existingId, consultationId: consultation.id }) : null;
  if (existing && Object.keys(existing.answers).length === 0 && existing.versionId === consultation.versionId) return existing;
  const limit = await attempt(db(), draftLimit(), clientAddress);
  if (!limit.allowed) {
    throw json(
      "This form has been started many times from your connection in the last hour, so we have not started it again. Wait a few minutes, then try again. You can also respond on paper or by phone.",
      { status: 429, headers: { "Retry-After": String(limit.retryAfter) } },
    );
  }
  if ((await countLiveDrafts(db())) >= env().MAX_LIVE_DRAFTS) {
    throw json("Sorry, the service is very busy and cannot start a new response just now. Nothing has been saved. Try again in 10 minutes, or respond on paper or by phone.", {
      status: 503,
      headers: { "Retry-After": "600" },
    });
  }
  return createDraft(db(), { consultationId: consultation.id, versionId: consultation.versionId, channel: "online" });
}
