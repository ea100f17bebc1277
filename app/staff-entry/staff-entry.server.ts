import { randomUUID } from "node:crypto";
import { json, redirect } from "@remix-run/node";
import { answerToFormValues, formValuesFrom, type FormValues } from "../responding/form-values";
import { validatePage, validateResponse } from "../responding/validation";
import { allQuestions, type ConsultationDefinition } from "../definition/definition";
import { firstIncompletePage, firstStep, lastPageId, nextStep, previousPageId, sectionProgress } from "../responding/journey";
import { visiblePages, visibleQuestions } from "../responding/routing";
import { describeAnswer } from "../responding/answer-summary";
import { db } from "../server/db.server";
import { recordAudit } from "../models/audit.server";
import { getVersionDefinitions, type ConsultationForStaff } from "../models/consultation.server";
import { postcodeLookup } from "../responding/respond.server";
import { createDraft, getDraft, saveDraftAnswers, type Draft } from "../models/draft.server";
import { submitResponse } from "../models/response.server";
import { isPaperChannel, type PaperChannel } from "../responding/channels";
import type { StaffSession } from "../models/staff-session.server";
import { requireStaffConsultation } from "../auth/staff-workspace.server";

/**
 * Staff going through a consultation's question pages, in two modes:
 *
 * - preview: the working copy exactly as a resident will see it, recording nothing. Answers are
 *   kept in a draft row with channel "preview" (and no version), which only these routes read and
 *   which no submit path accepts; it expires with other drafts after 24 hours.
 * - paper: an editor types in a response received on paper, at an event or by phone. The draft
 *   carries the channel and the published version; submitting validates it exactly as an online
 *   response is validated and stores it with that channel.
 *
 * The draft id is in the URL rather than a cookie: several staff may enter papers at once, and
 * every request is checked against the signed-in session's role anyway.
 */

export type EntryMode = "preview" | "paper";
const PREVIEW_VERSION = "working-copy";

export const entryBase = (consultationId: string, mode: EntryMode, draftId: string) => `/staff/consultations/${consultationId}/${mode}/${draftId}`;

/** Paper entry is allowed once a consultation has opened, and after it closes (papers arrive late). */
export function requirePaperAllowed(c: ConsultationForStaff) {
  if (c.status === "draft" || c.status === "scheduled" || !c.currentVersion) {
    throw json("Responses can be entered only once the consultation has opened. Nothing has been saved.", { status: 403 });
  }
}

export async function startEntry(c: ConsultationForStaff, mode: EntryMode, channel?: PaperChannel): Promise<Response> {
  let draft: Draft;
  let definition: ConsultationDefinition;
  if (mode === "preview") {
    draft = await createDraft(db(), { consultationId: c.id, versionId: PREVIEW_VERSION, channel: "preview" });
    definition = c.draftDefinition;
  } else {
    requirePaperAllowed(c);
    draft = await createDraft(db(), { consultationId: c.id, versionId: c.currentVersion!.id, channel: channel! });
    definition = c.currentVersion!.definition;
  }
  const step = firstStep(definition, {});
  const base = entryBase(c.id, mode, draft.id);
  return redirect(step.kind === "page" ? `${base}/questions/${step.pageId}` : `${base}/check`);
}

/** The consultation, the draft and the definition it is answered against, or 404. */
export async function loadEntry(params: { id?: string; draftId?: string }, mode: EntryMode) {
  const c = await requireStaffConsultation(params.id);
  const draft = params.draftId && /^[0-9a-f-]{36}$/.test(params.draftId) ? await getDraft(db(), { id: params.draftId, consultationId: c.id }) : null;
  const isPreview = draft?.channel === "preview";
  if (!draft || isPreview !== (mode === "preview") || (mode === "paper" && !isPaperChannel(draft.channel))) {
    throw redirect(`/staff/consultations/${c.id}/${mode}?expired=1`);
  }
  let definition: ConsultationDefinition;
  if (mode === "preview") definition = c.draftDefinition;
  else {
    requirePaperAllowed(c);
    const version = (await getVersionDefinitions(db(), { consultationId: c.id })).find((v) => v.id === draft.versionId);
    if (!version) throw redirect(`/staff/consultations/${c.id}/paper?expired=1`);
    definition = version.definition;
  }
  return { c, draft, definition, base: entryBase(c.id, mode, draft.id) };
}

export async function entryPageData(params: { id?: string; draftId?: string; pageId?: string }, mode: EntryMode, request: Request) {
  const { c, draft, definition, base } = await loadEntry(params, mode);
  const page = definition.pages.find((p) => p.id === params.pageId);
  if (!page) throw json("There is no page at this address. Go back and try again.", { status: 404 });
  if (visibleQuestions(page, draft.answers).length === 0) throw redirect(`${base}/check`);
  const changing = new URL(request.url).searchParams.get("change") === "1";
  const questions = visibleQuestions(page, draft.answers);
  const values: FormValues = {};
  for (const q of questions) Object.assign(values, answerToFormValues(q, draft.answers[q.id]));
  const previous = previousPageId(definition, draft.answers, page.id);
  return {
    consultation: { id: c.id, title: c.title },
    channel: draft.channel,
    // Paper, event and phone: each question can be recorded as "Not answered".
    notAnswered: mode === "paper" ? { checked: draft.notAnswered.filter((id) => questions.some((q) => q.id === id)) } : null,
    page: { id: page.id, title: page.title, intro: page.intro },
    questions,
    values,
    progress: sectionProgress(definition, draft.answers, page.id),
    backTo: changing ? `${base}/check` : previous ? `${base}/questions/${previous}` : `/staff/consultations/${c.id}/${mode}`,
    changing,
  };
}

export async function saveEntryPage(params: { id?: string; draftId?: string; pageId?: string }, mode: EntryMode, request: Request, form: FormData) {
  const { draft, definition, base } = await loadEntry(params, mode);
  const page = definition.pages.find((p) => p.id === params.pageId);
  if (!page) throw json("There is no page at this address. Go back and try again.", { status: 404 });
  const changing = new URL(request.url).searchParams.get("change") === "1";
  const values = formValuesFrom(form);
  const shown = visibleQuestions(page, draft.answers).map((q) => q.id);
  // "Not answered" ticks from this page replace this page's earlier ones; other pages' stay.
  const ticked = mode === "paper" ? form.getAll("_not_answered").filter((v): v is string => typeof v === "string" && shown.includes(v)) : [];
  const onPage = new Set(page.questions.map((q) => q.id));
  const notAnswered = new Set([...draft.notAnswered.filter((id) => !onPage.has(id)), ...ticked]);
  const result = validatePage(definition, page, values, draft.answers, { ...(await postcodeLookup(page.questions)), notAnswered });
  if (result.errors.length) return json({ errors: result.errors, values, notAnswered: ticked }, { status: 400 });
  // Only questions still on the route can be "not answered".
  const stillAsked = new Set(visiblePages(definition, result.answers).flatMap((p) => visibleQuestions(p, result.answers).map((q) => q.id)));
  const kept = [...notAnswered].filter((id) => stillAsked.has(id));
  await saveDraftAnswers(db(), { id: draft.id, answers: result.answers, notAnswered: mode === "paper" ? kept : undefined });
  const step = nextStep(definition, result.answers, page.id, changing, new Set(kept));
  return redirect(step.kind === "check" ? `${base}/check` : `${base}/questions/${step.pageId}${changing ? "?change=1" : ""}`);
}

export async function entryCheckData(params: { id?: string; draftId?: string }, mode: EntryMode) {
  const { c, draft, definition, base } = await loadEntry(params, mode);
  const incomplete = firstIncompletePage(definition, draft.answers, new Set(draft.notAnswered));
  if (incomplete) throw redirect(`${base}/questions/${incomplete}`);
  const last = lastPageId(definition, draft.answers);
  return {
    consultation: { id: c.id, title: c.title },
    channel: draft.channel,
    base,
    backTo: last ? `${base}/questions/${last}` : `/staff/consultations/${c.id}/${mode}`,
    sections: visiblePages(definition, draft.answers).map((page) => ({
      id: page.id,
      title: page.title,
      rows: visibleQuestions(page, draft.answers).map((q) => ({ id: q.id, title: q.title, lines: describeAnswer(q, draft.answers[q.id]) })),
    })),
  };
}

/**
 * Stores a paper, event or phone response: validated against its version exactly as an online
 * response is, then stored with its channel. Not subject to the online minimum completion time
 * or the per-client rate limit: staff type quickly and from one office connection.
 */
export async function submitPaper(params: { id?: string; draftId?: string }, session: StaffSession): Promise<Response> {
  const { c, draft, definition, base } = await loadEntry(params, "paper");
  // loadEntry has already turned away any other channel; this tells the compiler so.
  if (!isPaperChannel(draft.channel)) throw redirect(`/staff/consultations/${c.id}/paper?expired=1`);
  const notAnswered = new Set(draft.notAnswered);
  const errors = validateResponse(definition, draft.answers, { ...(await postcodeLookup(allQuestions(definition))), notAnswered });
  if (errors.length) {
    const page = firstIncompletePage(definition, draft.answers, notAnswered) ?? definition.pages[0].id;
    return redirect(`${base}/questions/${page}`);
  }
  await submitResponse(db(), {
    consultationId: c.id,
    versionId: draft.versionId,
    channel: draft.channel,
    answers: draft.answers,
    nonce: randomUUID(),
    tokenExpiresAt: new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString(),
    draftId: draft.id,
  });
  // Who entered it, on which channel: never what it says.
  await recordAudit(db(), { staff: session.staff, action: "response.paper_entered", consultationId: c.id, detail: `${draft.channel} response entered` });
  return redirect(`/staff/consultations/${c.id}/paper?entered=${draft.channel}`);
}
