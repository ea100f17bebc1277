import { formatUkDateTime, type EffectiveStatus } from "./lifecycle";
import { ukPartsToIso, type UkDateTimeParts } from "./uk-time";

/**
 * What staff may do to a consultation from its overview page, and what each does: schedule it,
 * open it now, close it early, extend (or reopen) it, publish or unpublish its results. Given the
 * consultation as it stands, the button pressed, what the form holds and the time, `transition`
 * says no (with the field and the message to show) or says which change to make and what to write
 * in the audit trail. It decides only: the route makes the change.
 */

export const LIFECYCLE_INTENTS = ["schedule", "open", "close", "extend", "publish_results", "unpublish_results"] as const;
export type LifecycleIntent = (typeof LIFECYCLE_INTENTS)[number];

export interface LifecycleState {
  status: EffectiveStatus;
  opensAt: string | null;
  closesAt: string | null;
  whatWeDid: string | null;
}

/** The overview's form fields, as submitted (each date input's four parts). */
export interface LifecycleForm {
  /** "opens": the opening date of Schedule. */
  opens: Partial<UkDateTimeParts>;
  /** "closes": the closing date of Schedule, and the new closing date of Extend. */
  closes: Partial<UkDateTimeParts>;
  /** "open-closes": the closing date of Open now. */
  openCloses: Partial<UkDateTimeParts>;
  whatWeDid: string;
}

export type LifecycleChange =
  /** Live with these dates; a consultation never published has its working copy published as version 1. */
  | { kind: "live"; opensAt: string; closesAt: string }
  | { kind: "dates"; opensAt: string | null; closesAt: string }
  | { kind: "results"; published: boolean; whatWeDid: string | null };

export type LifecycleAuditAction =
  | "consultation.scheduled"
  | "consultation.opened"
  | "consultation.closed"
  | "consultation.extended"
  | "results.published"
  | "results.unpublished";

/** What the overview says once it is done (its `?done=` key). */
export type LifecycleDone = "scheduled" | "opened" | "closed" | "extended" | "published" | "unpublished";

export type Transition =
  | { ok: false; field: string; message: string }
  | {
      ok: true;
      change: LifecycleChange;
      audit: LifecycleAuditAction;
      /** The audit detail, given the version the change published (going live), if any. */
      detail: (publishedVersion: number | null) => string;
      done: LifecycleDone;
    };

const refuse = (field: string, message: string): Transition => ({ ok: false, field, message });
const versionNote = (publishedVersion: number | null) => (publishedVersion ? `; version ${publishedVersion} published` : "");

/** A required date from its parts: the ISO time, or the message for the field. */
function requiredDate(parts: Partial<UkDateTimeParts>, what: string): { iso: string } | { message: string } {
  const result = ukPartsToIso(parts, what, { optional: false });
  if (!result.ok) return { message: result.message };
  // optional: false never gives a null date; checked so the type says so.
  return result.iso ? { iso: result.iso } : { message: `Enter ${what}` };
}

export function transition(c: LifecycleState, intent: LifecycleIntent, form: LifecycleForm, now: Date): Transition {
  const nowIso = now.toISOString();
  switch (intent) {
    case "schedule": {
      if (c.status !== "draft" && c.status !== "scheduled") return refuse("opens", "Only a draft or forthcoming consultation can be scheduled");
      const opens = requiredDate(form.opens, "the opening date");
      if ("message" in opens) return refuse("opens", opens.message);
      const closes = requiredDate(form.closes, "the closing date");
      if ("message" in closes) return refuse("closes", closes.message);
      if (opens.iso <= nowIso) return refuse("opens", "The opening date must be in the future; to open it now, use Open now");
      if (closes.iso <= opens.iso) return refuse("closes", "The closing date must be after the opening date");
      return {
        ok: true,
        change: { kind: "live", opensAt: opens.iso, closesAt: closes.iso },
        audit: "consultation.scheduled",
        detail: (v) => `opens ${formatUkDateTime(opens.iso)}, closes ${formatUkDateTime(closes.iso)}${versionNote(v)}`,
        done: "scheduled",
      };
    }
    case "open": {
      if (c.status !== "draft" && c.status !== "scheduled") return refuse("open-closes", "Only a draft or forthcoming consultation can be opened");
      const closes = requiredDate(form.openCloses, "the closing date");
      if ("message" in closes) return refuse("open-closes", closes.message);
      if (closes.iso <= nowIso) return refuse("open-closes", "The closing date must be in the future");
      return {
        ok: true,
        change: { kind: "live", opensAt: nowIso, closesAt: closes.iso },
        audit: "consultation.opened",
        detail: (v) => `opened by hand; closes ${formatUkDateTime(closes.iso)}${versionNote(v)}`,
        done: "opened",
      };
    }
    case "close": {
      if (c.status !== "open") return refuse("close", "Only an open consultation can be closed");
      return {
        ok: true,
        change: { kind: "dates", opensAt: c.opensAt, closesAt: nowIso },
        audit: "consultation.closed",
        detail: () => `closed early; was due to close ${formatUkDateTime(c.closesAt)}`,
        done: "closed",
      };
    }
    case "extend": {
      if (c.status !== "open" && c.status !== "closed") return refuse("closes", "Only an open or closed consultation can be extended");
      const closes = requiredDate(form.closes, "the new closing date");
      if ("message" in closes) return refuse("closes", closes.message);
      if (closes.iso <= nowIso) return refuse("closes", "The new closing date must be in the future");
      return {
        ok: true,
        change: { kind: "dates", opensAt: c.opensAt, closesAt: closes.iso },
        audit: "consultation.extended",
        detail: () => `closing date changed from ${formatUkDateTime(c.closesAt)} to ${formatUkDateTime(closes.iso)}`,
        done: "extended",
      };
    }
    case "publish_results": {
      if (c.status !== "closed" && c.status !== "published") return refuse("whatWeDid", "Results can be published only after the consultation has closed");
      const text = form.whatWeDid.trim();
      if (!text) return refuse("whatWeDid", "Enter what the Commissioner did with the results");
      if (text.length > 5000) return refuse("whatWeDid", "Enter 5,000 characters or fewer for what we did");
      const updating = c.status === "published";
      return {
        ok: true,
        change: { kind: "results", published: true, whatWeDid: text },
        audit: "results.published",
        detail: () => (updating ? "\"what we did\" text updated" : "results published"),
        done: "published",
      };
    }
    case "unpublish_results": {
      if (c.status !== "published") return refuse("unpublish", "The results are not published");
      return {
        ok: true,
        change: { kind: "results", published: false, whatWeDid: c.whatWeDid },
        audit: "results.unpublished",
        detail: () => "results unpublished",
        done: "unpublished",
      };
    }
  }
}
