/**
 * A consultation's life: draft → scheduled → open → closed → results published. Only "draft"
 * and "live" are stored; scheduled, open and closed follow from the clock (opens_at, closes_at),
 * so opening and closing on time needs no job runner and agrees across app instances.
 */

export const CONSULTATION_KINDS = ["precept", "priorities", "survey"] as const;
export type ConsultationKind = (typeof CONSULTATION_KINDS)[number];

export function isConsultationKind(value: string): value is ConsultationKind {
  return (CONSULTATION_KINDS as readonly string[]).includes(value);
}

export const STORED_STATUSES = ["draft", "live"] as const;
export type StoredStatus = (typeof STORED_STATUSES)[number];
export type EffectiveStatus = "draft" | "scheduled" | "open" | "closed" | "published";

export interface LifecycleFields {
  status: string;
  opens_at: string | null;
  closes_at: string | null;
  results_published_at: string | null;
}

export function effectiveStatus(c: LifecycleFields, now: Date = new Date()): EffectiveStatus {
  if (c.status !== "live") return "draft";
  if (c.results_published_at) return "published";
  const t = now.toISOString();
  if (c.opens_at && t < c.opens_at) return "scheduled";
  if (c.closes_at && t >= c.closes_at) return "closed";
  return "open";
}

export const STATUS_LABELS: Record<EffectiveStatus, string> = {
  draft: "Draft",
  scheduled: "Forthcoming",
  open: "Open",
  closed: "Closed",
  published: "Results published",
};

const UK_DATE = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" });
const UK_DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
  hour12: true,
  timeZoneName: "short",
});

/** "23 November 2026" in UK time. */
export function formatUkDate(iso: string | null): string {
  return iso ? UK_DATE.format(new Date(iso)) : "";
}

/** "5:00pm GMT on 23 November 2026": closing times always carry their time zone. */
export function formatUkDateTime(iso: string | null): string {
  if (!iso) return "";
  const parts = UK_DATE_TIME.formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const time = `${get("hour")}:${get("minute")}${get("dayPeriod").toLowerCase().replace(/\s/g, "")}`;
  return `${time} ${get("timeZoneName")} on ${get("day")} ${get("month")} ${get("year")}`;
}
