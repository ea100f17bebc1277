import { createCookie } from "@remix-run/node";
import { z } from "zod";
import { cookieName, env } from "../server/env.server";

/**
 * The only cookie a resident gets: strictly necessary (PECR), it remembers which draft holds
 * their answers in progress. It expires when the browser closes and is never stored with a
 * response: the draft row, and with it the link, is deleted when the response is submitted.
 */
// In production the name carries the __Host- prefix (Secure, Path=/, no Domain), so the path is
// "/" there; elsewhere it stays on /consultations.
const draftCookie = () =>
  createCookie(cookieName("yoursay_draft"), {
    httpOnly: true,
    sameSite: "lax",
    secure: env().NODE_ENV === "production",
    path: env().NODE_ENV === "production" ? "/" : "/consultations",
    secrets: env().SESSION_SECRETS,
  });

const DraftIdsSchema = z.record(z.string().uuid());

export async function readDraftIds(request: Request): Promise<Record<string, string>> {
  const value = await draftCookie().parse(request.headers.get("Cookie"));
  const parsed = DraftIdsSchema.safeParse(value);
  return parsed.success ? parsed.data : {};
}

export async function draftIdFor(request: Request, consultationId: string): Promise<string | undefined> {
  return (await readDraftIds(request))[consultationId];
}

export async function setDraftId(request: Request, consultationId: string, draftId: string | null): Promise<string> {
  const ids = await readDraftIds(request);
  if (draftId) ids[consultationId] = draftId;
  else delete ids[consultationId];
  return draftCookie().serialize(ids);
}
