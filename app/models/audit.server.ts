import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { appendToChain } from "./audit-chain.server";

/**
 * The audit trail: who did what, when, to which consultation. Append-only: there is no update or
 * delete here, and no response content is ever recorded. Tamper-evident: every entry is a link
 * of a hash chain (audit-chain.server.ts; `npm run audit:verify`).
 */
export const AUDIT_ACTIONS = [
  "login.succeeded",
  "login.failed",
  "login.repeated_failures",
  "login.second_factor_failed",
  "login.recovery_code_used",
  "logout",
  "session.ended",
  "reauthenticated",
  "two_factor.enabled",
  "two_factor.disabled",
  "two_factor.recovery_codes_created",
  "staff.added",
  "staff.removed",
  "staff.role_changed",
  "staff.password_changed",
  "staff.password_reset",
  "consultation.created",
  "consultation.edited",
  "consultation.imported",
  "consultation.scheduled",
  "consultation.opened",
  "consultation.closed",
  "consultation.extended",
  "consultation.version_published",
  "results.published",
  "results.unpublished",
  "response.paper_entered",
  "responses.deleted",
  "export.downloaded",
  "evidence.changed",
  "districts.replaced",
  "population.loaded",
  "codebook.changed",
  "coding.settings_changed",
  "coding.sample_drawn",
  "coding.disagreement_settled",
  "coding.quote_marked",
  "coding.quote_approved",
  "coding.quote_rejected",
  "audit.exported",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  staff: { id: string; email: string } | null;
  action: AuditAction;
  consultationId?: string | null;
  /** A short description for people (never response content or passwords). */
  detail?: string | null;
}

export async function recordAudit(db: Kysely<Database>, entry: AuditEntry, now = new Date()): Promise<void> {
  await appendToChain(db, {
    id: randomUUID(),
    at: now.toISOString(),
    staff_id: entry.staff?.id ?? null,
    staff_email: entry.staff?.email ?? null,
    action: entry.action,
    consultation_id: entry.consultationId ?? null,
    detail: entry.detail ?? null,
  });
}

export interface AuditFilter {
  action?: string;
  staffEmail?: string;
  consultationId?: string;
  /** ISO instants: entries at or after `from`, and before `to`. */
  from?: string;
  to?: string;
}

function filtered(db: Kysely<Database>, filter: AuditFilter) {
  let q = db.selectFrom("audit_log as a");
  if (filter.action) q = q.where("a.action", "=", filter.action);
  if (filter.staffEmail) q = q.where("a.staff_email", "=", filter.staffEmail.toLowerCase());
  if (filter.consultationId) q = q.where("a.consultation_id", "=", filter.consultationId);
  if (filter.from) q = q.where("a.at", ">=", filter.from);
  if (filter.to) q = q.where("a.at", "<", filter.to);
  return q;
}

/** Newest first, a page at a time; entries made in the same millisecond keep one order. */
export async function listAudit(db: Kysely<Database>, filter: AuditFilter & { limit?: number; offset?: number } = {}) {
  return filtered(db, filter)
    .leftJoin("consultations as c", "c.id", "a.consultation_id")
    .select(["a.id", "a.at", "a.staff_email", "a.action", "a.consultation_id", "c.title as consultation_title", "a.detail"])
    .orderBy("a.at", "desc")
    .orderBy("a.id", "desc")
    .limit(filter.limit ?? 200)
    .offset(filter.offset ?? 0)
    .execute();
}

export async function countAudit(db: Kysely<Database>, filter: AuditFilter = {}): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Everyone who appears in the audit trail, for the "who" filter (removed staff included). */
export async function auditStaffEmails(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom("audit_log").select("staff_email").distinct().where("staff_email", "is not", null).orderBy("staff_email").execute();
  return rows.map((r) => r.staff_email!);
}
