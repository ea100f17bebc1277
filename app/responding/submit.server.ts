import { allQuestions } from "../definition/definition";
import { json, redirect } from "@remix-run/node";
import { z } from "zod";
import { checkResponse } from "./validation";
import { firstIncompletePage } from "./journey";
import { SUBMISSION_TOKEN_MAX_AGE_MS, verifySubmissionToken } from "./submission-token";
import { db } from "../server/db.server";
import { draftIdFor, setDraftId } from "./draft-cookie.server";
import { env } from "../server/env.server";
import type { ConsultationWithVersion } from "../models/consultation.server";
import { postcodeLookup } from "./respond.server";
import { getDraft } from "../models/draft.server";
import { isTokenSpent, submitResponse } from "../models/response.server";
import { attempt, submissionLimit } from "../server/rate-limit.server";

const SubmitFormSchema = z.object({
  _token: z.string().max(1000).default(""),
  _website: z.string().max(1000).default(""),
});

/**
 * The final submit of an online response. Stores nothing unless the token is genuine and unspent,
 * the draft is complete and valid, and the consultation is open (checked by the caller).
 * Submissions that look automated are stored but held apart, with the reason, not counted.
 */
export async function submitOnline(request: Request, consultation: ConsultationWithVersion, client: { address?: string } = {}): Promise<Response> {
  const form = SubmitFormSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) throw json("The form could not be read. Nothing has been saved. Go back and try again.", { status: 400 });

  const done = `/consultations/${consultation.slug}/done`;
  const token = verifySubmissionToken(env().SESSION_SECRETS, form.data._token, consultation.id);
  if (!token.ok) {
    throw json(
      token.reason === "expired"
        ? "Your session has expired. Nothing has been saved. Go back to check your answers and submit again."
        : "This form was not sent from this website, so nothing has been saved. Go back to check your answers and submit again.",
      { status: 400 },
    );
  }

  // Refused outright (nothing stored, draft kept): see rate-limit.server.ts for why. Keyed on
  // the address alone, shared by every instance through the database.
  const limit = await attempt(db(), submissionLimit(), client.address ?? "");
  if (!limit.allowed) {
    throw json(
      "We have had a lot of responses from your connection in the last hour, so we have not saved this one yet. Your answers are kept: wait an hour, then come back to check your answers and submit.",
      { status: 429, headers: { "Retry-After": String(limit.retryAfter) } },
    );
  }

  const draftId = await draftIdFor(request, consultation.id);
  const draft = draftId ? await getDraft(db(), { id: draftId, consultationId: consultation.id }) : null;
  if (!draft) {
    // A refresh or second click after a successful submit: the response is already recorded.
    if (await isTokenSpent(db(), { nonce: token.nonce })) return redirect(done);
    return redirect(`/consultations/${consultation.slug}?expired=1`);
  }

  // Stored as re-checked: only this version's questions that the route shows, in canonical form.
  const checked = checkResponse(consultation.definition, draft.answers, await postcodeLookup(allQuestions(consultation.definition)));
  if (checked.errors.length) {
    const page = firstIncompletePage(consultation.definition, draft.answers) ?? consultation.definition.pages[0].id;
    return redirect(`/consultations/${consultation.slug}/questions/${page}`);
  }

  const secondsTaken = (Date.now() - new Date(draft.startedAt).getTime()) / 1000;
  const excludedReason = form.data._website.trim()
    ? "automated: hidden field filled in"
    : secondsTaken < env().MIN_COMPLETION_SECONDS
      ? `completed in under ${env().MIN_COMPLETION_SECONDS} seconds`
      : null;

  const outcome = await submitResponse(db(), {
    consultationId: consultation.id,
    versionId: consultation.versionId,
    channel: "online",
    answers: checked.answers,
    nonce: token.nonce,
    tokenExpiresAt: new Date(token.issuedAt + SUBMISSION_TOKEN_MAX_AGE_MS).toISOString(),
    excludedReason,
    draftId: draft.id,
  });
  if (outcome.outcome === "duplicate") {
    // This page's token was spent by an earlier response, and these are new answers (the
    // draft is still here, so they were never stored). Nothing is saved and the draft is kept:
    // the check page gives a fresh token for sending them. Not the thank-you page, which
    // would say they had been received.
    throw json(
      {
        title: "This form was already sent",
        message:
          "You sent a response from this page before, so these answers have not been saved. Your answers are kept: check them and send them as a new response.",
        link: { to: `/consultations/${consultation.slug}/check`, text: "Check your answers and send them" },
      },
      { status: 409 },
    );
  }
  return redirect(done, { headers: { "Set-Cookie": await setDraftId(request, consultation.id, null) } });
}
