import { formatUkDateTime } from "../lifecycle/lifecycle";
import { safeCell } from "../exports/results-csv";
import type { AuditAction } from "../models/audit.server";

/**
 * The audit trail's actions in words, as an administrator reads them; the stored ids stay as they
 * are. Keyed by every action, so a new action without words does not compile.
 */
export const ACTION_WORDS: Record<AuditAction, string> = {
  "login.succeeded": "Signed in",
  "login.failed": "Sign-in refused",
  "login.repeated_failures": "Repeated failed sign-ins",
  "login.second_factor_failed": "Wrong two-step code",
  "login.recovery_code_used": "Recovery code used",
  logout: "Signed out",
  "session.ended": "Session ended",
  reauthenticated: "Password given again",
  "two_factor.enabled": "Two-step verification set up",
  "two_factor.disabled": "Two-step verification turned off",
  "two_factor.recovery_codes_created": "New recovery codes made",
  "staff.added": "Staff account added",
  "staff.removed": "Staff account removed",
  "staff.role_changed": "Staff role changed",
  "staff.password_changed": "Own password changed",
  "staff.password_reset": "Password reset by an administrator",
  "consultation.created": "Consultation created",
  "consultation.edited": "Consultation edited",
  "consultation.imported": "Definition imported",
  "consultation.scheduled": "Consultation scheduled",
  "consultation.opened": "Consultation opened",
  "consultation.closed": "Consultation closed",
  "consultation.extended": "Closing date changed",
  "consultation.version_published": "Changes published as a new version",
  "results.published": "Results published",
  "results.unpublished": "Results unpublished",
  "response.paper_entered": "Paper, event or phone responses entered",
  "responses.deleted": "Responses deleted (retention)",
  "export.downloaded": "Data downloaded",
  "evidence.changed": "Evidence changed",
  "districts.replaced": "Postcode areas replaced",
  "audit.exported": "Audit trail downloaded",
  "codebook.changed": "Codebook changed",
  "coding.settings_changed": "Coding settings changed",
  "coding.sample_drawn": "Double-coding sample drawn",
  "coding.disagreement_settled": "Coding disagreement settled",
  "coding.quote_marked": "Quote proposed",
  "coding.quote_approved": "Quote approved",
  "coding.quote_rejected": "Quote rejected",
  "population.loaded": "Population figures loaded",
};

export function actionInWords(action: string): string {
  // Stored rows may hold an action this version no longer writes: show its id.
  return (ACTION_WORDS as Record<string, string>)[action] ?? action;
}

export const AUDIT_CSV_HEADER = ["when", "when_uk", "who", "action", "action_id", "consultation", "detail"];

export interface AuditRow {
  at: string;
  staff_email: string | null;
  action: string;
  consultation_title: string | null;
  consultation_id: string | null;
  detail: string | null;
}

/** One CSV row per entry, defused against spreadsheet formulas like every export. */
export function auditCsvRow(e: AuditRow): string[] {
  return [
    e.at,
    formatUkDateTime(e.at),
    e.staff_email ?? "Unknown",
    actionInWords(e.action),
    e.action,
    e.consultation_id ? (e.consultation_title ?? "Deleted consultation") : "",
    e.detail ?? "",
  ].map(safeCell);
}
