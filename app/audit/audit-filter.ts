import { z } from "zod";
import { ukPartsToIso, type UkDateTimeParts } from "../lifecycle/uk-time";

/**
 * The audit trail's filters, read from the page's GET form (so a filtered view is a link that
 * can be shared, and the CSV download takes the same address): action, person, consultation, and
 * a range of UK dates, from the start of the first day to the end of the last.
 */

export interface AuditFilterValues {
  action?: string;
  staff?: string;
  consultation?: string;
  from: Partial<UkDateTimeParts>;
  to: Partial<UkDateTimeParts>;
}

export interface ParsedAuditFilter {
  values: AuditFilterValues;
  query: { action?: string; staffEmail?: string; consultationId?: string; from?: string; to?: string };
  errors: { field: string; message: string }[];
  filtered: boolean;
}

const dateParts = (params: URLSearchParams, name: string) => ({
  day: (params.get(`${name}-day`) ?? "").slice(0, 4),
  month: (params.get(`${name}-month`) ?? "").slice(0, 4),
  year: (params.get(`${name}-year`) ?? "").slice(0, 6),
});

function nextDay(parts: { day: string; month: string; year: string }): { day: string; month: string; year: string } {
  const d = new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day) + 1));
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) };
}

export function parseAuditFilter(params: URLSearchParams, actions: readonly string[]): ParsedAuditFilter {
  const action = z.string().refine((a) => actions.includes(a)).optional().catch(undefined).parse(params.get("action") || undefined);
  const staff = z.string().trim().max(320).optional().catch(undefined).parse(params.get("staff") || undefined);
  const consultation = z.string().uuid().optional().catch(undefined).parse(params.get("consultation") || undefined);
  const fromParts = dateParts(params, "from");
  const toParts = dateParts(params, "to");
  const errors: { field: string; message: string }[] = [];
  const from = ukPartsToIso({ ...fromParts, time: "00:00" }, "the first date");
  const to = ukPartsToIso({ ...toParts, time: "00:00" }, "the last date");
  let fromIso: string | undefined;
  let toIso: string | undefined;
  const blank = (p: { day: string; month: string; year: string }) => !p.day && !p.month && !p.year;
  if (!blank(fromParts)) {
    if (from.ok) fromIso = from.iso ?? undefined;
    else errors.push({ field: "from", message: from.message });
  }
  if (!blank(toParts)) {
    const end = to.ok ? ukPartsToIso({ ...nextDay(toParts), time: "00:00" }, "the last date") : to;
    if (end.ok) toIso = end.iso ?? undefined;
    else errors.push({ field: "to", message: end.message });
  }
  if (fromIso && toIso && toIso <= fromIso) errors.push({ field: "to", message: "The last date must be the same as or after the first date" });
  const query = { action, staffEmail: staff, consultationId: consultation, from: errors.length ? undefined : fromIso, to: errors.length ? undefined : toIso };
  return {
    values: { action, staff, consultation, from: fromParts, to: toParts },
    query,
    errors,
    filtered: Boolean(action || staff || consultation || query.from || query.to),
  };
}

/** The query string of the same filters (for other pages and the CSV download). */
export function auditQueryString(values: AuditFilterValues, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const name of ["action", "staff", "consultation"] as const) if (values[name]) params.set(name, values[name]!);
  for (const name of ["from", "to"] as const) for (const part of ["day", "month", "year"] as const) if (values[name][part]) params.set(`${name}-${part}`, values[name][part]!);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}
