import type { EffectiveStatus } from "./lifecycle";

/**
 * What on the staff home needs an officer's attention, most urgent first: a consultation that
 * closes within a week, one closed without its results published, one open with no closing date,
 * one about to open, and drafts not yet opened or scheduled.
 */

export interface AttentionInput {
  id: string;
  title: string;
  status: EffectiveStatus;
  opensAt: string | null;
  closesAt: string | null;
}

export interface Attention {
  id: string;
  title: string;
  reason: string;
  /** Lower is more urgent. */
  rank: number;
}

const DAY = 86_400_000;
const SOON_DAYS = 7;

function inDays(ms: number): string {
  const days = Math.floor(ms / DAY);
  return days <= 1 ? "within a day" : `in ${days} days`;
}

export function needsAttention(consultations: AttentionInput[], now: Date = new Date()): Attention[] {
  const out: Attention[] = [];
  for (const c of consultations) {
    const until = (iso: string | null) => (iso ? Date.parse(iso) - now.getTime() : Infinity);
    switch (c.status) {
      case "open":
        if (!c.closesAt) out.push({ id: c.id, title: c.title, reason: "Open with no closing date", rank: 2 });
        else if (until(c.closesAt) <= SOON_DAYS * DAY) out.push({ id: c.id, title: c.title, reason: `Closes ${inDays(until(c.closesAt))}`, rank: 0 });
        break;
      case "closed":
        out.push({ id: c.id, title: c.title, reason: "Closed: results not yet published", rank: 1 });
        break;
      case "scheduled":
        if (until(c.opensAt) <= SOON_DAYS * DAY) out.push({ id: c.id, title: c.title, reason: `Opens ${inDays(until(c.opensAt))}: check it before it does`, rank: 3 });
        break;
      case "draft":
        out.push({ id: c.id, title: c.title, reason: "Draft: not yet opened or scheduled", rank: 4 });
        break;
      case "published":
        break;
    }
  }
  return out.sort((a, b) => a.rank - b.rank || a.title.localeCompare(b.title));
}
