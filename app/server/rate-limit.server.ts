import { createHmac } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { addHit, clearKey, pruneRateLimits, readWindow, saltForDay } from "../models/rate-limit.server";
import { env } from "./env.server";
import { DAY_MS, retryAfterSeconds, slidingCount, utcDay, windowIndex } from "./sliding-window";

/**
 * Limits per client that no one can game and every instance shares (issue 12):
 *
 * - Keyed on the client address alone (the user agent was part of the key, so changing it was a
 *   fresh allowance), as HMAC-SHA256 under a key made from SESSION_SECRET and the day's random
 *   salt. The salt lives in the database, so every instance computes the same key; the secret
 *   does not, so a copy of the database cannot be used to test which address made a row. The
 *   address itself is never stored or logged. Salts are deleted after two days and counter rows
 *   two windows after they start (about two hours): after that nothing links a row to anyone.
 * - A sliding window (sliding-window.ts), so there is no reset on the hour or at midnight: a
 *   window's key uses the salt of the day it starts in, and the previous window (yesterday's,
 *   just after midnight) is still counted.
 * - Counted in the database, with one atomic upsert per attempt, so N instances (or N worker
 *   processes) share one limit rather than allowing N times it.
 *
 * Decision kept from before: a client over the submission limit is refused (HTTP 429, nothing
 * stored, the draft kept so a genuine resident on a shared connection can submit later).
 * Refusing keeps a scripted flood out of the database; the honeypot and minimum-time checks,
 * which cannot be told apart from a real resident at the door, still store and hold apart.
 *
 * Privacy: these rows are never joined to responses, drafts or anything a resident sent; a
 * response carries nothing that identifies its sender (docs/operations.md).
 */

export interface LimitSpec {
  /** What is counted: "submit", "draft", "login-client"... Part of the key. */
  scope: string;
  /** Allowed in any `windowMs`; 0 turns the limit off. */
  limit: number;
  windowMs: number;
}

export const HOUR_MS = 60 * 60 * 1000;

const salts = new WeakMap<Kysely<Database>, Map<string, string>>();
const lastPrune = new WeakMap<Kysely<Database>, number>();
const PRUNE_EVERY_MS = 60_000;

async function keyFor(db: Kysely<Database>, scope: string, subject: string, windowStart: number): Promise<string> {
  const day = utcDay(windowStart);
  let byDay = salts.get(db);
  if (!byDay) salts.set(db, (byDay = new Map()));
  let salt = byDay.get(day);
  if (!salt) {
    salt = await saltForDay(db, { day });
    if (byDay.size > 4) byDay.clear();
    byDay.set(day, salt);
  }
  const dayKey = createHmac("sha256", env().SESSION_SECRET).update(`rate-limit\u0000${salt}`).digest();
  return createHmac("sha256", dayKey).update(`${scope}\u0000${subject}`).digest("base64url");
}

async function maybePrune(db: Kysely<Database>, now: number) {
  if (now - (lastPrune.get(db) ?? 0) < PRUNE_EVERY_MS) return;
  lastPrune.set(db, now);
  await pruneRateLimits(db, { now: new Date(now), keepSaltsFrom: utcDay(now - DAY_MS) });
}

async function windows(db: Kysely<Database>, scope: string, subject: string, windowMs: number, now: number) {
  const current = windowIndex(now, windowMs);
  const [currentKey, previousKey] = await Promise.all([keyFor(db, scope, subject, current * windowMs), keyFor(db, scope, subject, (current - 1) * windowMs)]);
  return { current, currentKey, previousKey };
}

export interface LimitOutcome {
  allowed: boolean;
  /** The sliding count including this attempt. */
  count: number;
  /** When refused: seconds until one more would be allowed. */
  retryAfter: number;
}

/** Counts one attempt by `subject` (a client address) and says whether it is within the limit. */
export async function attempt(db: Kysely<Database>, spec: LimitSpec, subject: string, now = Date.now()): Promise<LimitOutcome> {
  if (spec.limit <= 0) return { allowed: true, count: 0, retryAfter: 0 };
  await maybePrune(db, now);
  const w = await windows(db, spec.scope, subject, spec.windowMs, now);
  const current = await addHit(db, {
    scope: spec.scope,
    key: w.currentKey,
    windowIndex: w.current,
    now: new Date(now),
    expiresAt: new Date((w.current + 2) * spec.windowMs),
  });
  const previous = (await readWindow(db, { scope: spec.scope, key: w.previousKey, windowIndex: w.current - 1 })).hits;
  const count = slidingCount({ previous, current, now, windowMs: spec.windowMs });
  const allowed = count <= spec.limit;
  return { allowed, count, retryAfter: allowed ? 0 : retryAfterSeconds({ previous, current, now, windowMs: spec.windowMs, limit: spec.limit }) };
}

export interface FailureState {
  /** Failures in the last window (sliding estimate). */
  failures: number;
  /** When the latest failure was, in ms, or null. */
  lastAt: number | null;
}

/** Reads the failures counted against `subject` without adding one. */
export async function failures(db: Kysely<Database>, scope: string, subject: string, windowMs: number, now = Date.now()): Promise<FailureState> {
  const w = await windows(db, scope, subject, windowMs, now);
  const [cur, prev] = await Promise.all([
    readWindow(db, { scope, key: w.currentKey, windowIndex: w.current }),
    readWindow(db, { scope, key: w.previousKey, windowIndex: w.current - 1 }),
  ]);
  const lastAt = [cur.lastAt, prev.lastAt].filter((t): t is string => t !== null).map((t) => new Date(t).getTime());
  return { failures: slidingCount({ previous: prev.hits, current: cur.hits, now, windowMs }), lastAt: lastAt.length ? Math.max(...lastAt) : null };
}

export async function addFailure(db: Kysely<Database>, scope: string, subject: string, windowMs: number, now = Date.now()): Promise<void> {
  await maybePrune(db, now);
  const w = await windows(db, scope, subject, windowMs, now);
  await addHit(db, { scope, key: w.currentKey, windowIndex: w.current, now: new Date(now), expiresAt: new Date((w.current + 2) * windowMs) });
}

export async function clearFailures(db: Kysely<Database>, scope: string, subject: string, windowMs: number, now = Date.now()): Promise<void> {
  const w = await windows(db, scope, subject, windowMs, now);
  await clearKey(db, { scope, keys: [w.currentKey, w.previousKey] });
}

/** The final submit of an online response: SUBMISSIONS_PER_CLIENT_PER_HOUR, per client address. */
export const submissionLimit = (): LimitSpec => ({ scope: "submit", limit: env().SUBMISSIONS_PER_CLIENT_PER_HOUR, windowMs: HOUR_MS });

/** Starting answers in progress (a draft row): DRAFTS_PER_CLIENT_PER_HOUR, per client address. */
export const draftLimit = (): LimitSpec => ({ scope: "draft", limit: env().DRAFTS_PER_CLIENT_PER_HOUR, windowMs: HOUR_MS });

/** What server.ts passes to Remix through getLoadContext: used in memory, never stored or logged. */
export interface ClientContext {
  clientAddress?: string;
  requestId?: string;
}

/** The client address from a route's load context ("" when unknown, which then shares one key). */
export const clientAddressOf = (context: unknown): string => String((context as ClientContext | undefined)?.clientAddress ?? "");
