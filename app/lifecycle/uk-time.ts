/**
 * Staff enter dates as UK local date and time (what they read on the wall clock in Durham);
 * the database stores UTC ISO strings. British Summer Time shifts the offset twice a year.
 */

const PARTS = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  hourCycle: "h23",
});

export interface UkDateTimeParts {
  day: string;
  month: string;
  year: string;
  /** 24-hour "HH:MM". */
  time: string;
}

function londonFields(ms: number) {
  const parts = PARTS.formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute") };
}

export function isoToUkParts(iso: string | null): UkDateTimeParts {
  if (!iso) return { day: "", month: "", year: "", time: "" };
  const f = londonFields(new Date(iso).getTime());
  return { day: String(f.day), month: String(f.month), year: String(f.year), time: `${String(f.hour).padStart(2, "0")}:${String(f.minute).padStart(2, "0")}` };
}

export type UkDateResult = { ok: true; iso: string | null } | { ok: false; message: string };

/**
 * Reads a GOV.UK date input plus a 24-hour time. All blank means "no date" when allowed. `what`
 * names the field in messages, e.g. "the closing date".
 */
export function ukPartsToIso(parts: Partial<UkDateTimeParts>, what: string, { optional = true } = {}): UkDateResult {
  const day = (parts.day ?? "").trim();
  const month = (parts.month ?? "").trim();
  const year = (parts.year ?? "").trim();
  const time = (parts.time ?? "").trim().replace(".", ":");
  if (!day && !month && !year && !time) return optional ? { ok: true, iso: null } : { ok: false, message: `Enter ${what}` };
  if (!day || !month || !year) return { ok: false, message: `${capitalise(what)} must include a day, month and year` };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { ok: false, message: `${capitalise(what)} must be a real date, like 31 1 2027` };
  }
  const m = (time || "00:00").match(/^(\d{1,2}):(\d{2})$/);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return { ok: false, message: `Enter the time for ${what} as hours and minutes on the 24-hour clock, like 17:00` };
  const want = { year: Number(year), month: Number(month), day: Number(day), hour: Number(m[1]), minute: Number(m[2]) };
  if (want.year < 2000 || want.year > 2100) return { ok: false, message: `${capitalise(what)} must be between 2000 and 2100` };
  const guess = Date.UTC(want.year, want.month - 1, want.day, want.hour, want.minute);
  const check = new Date(guess);
  if (check.getUTCDate() !== want.day || check.getUTCMonth() !== want.month - 1) return { ok: false, message: `${capitalise(what)} must be a real date` };
  // London is UTC+0 or UTC+1: try both offsets and keep the one that reads back as entered.
  for (const offsetHours of [0, 1]) {
    const ms = guess - offsetHours * 3_600_000;
    const f = londonFields(ms);
    if (f.year === want.year && f.month === want.month && f.day === want.day && f.hour === want.hour && f.minute === want.minute) {
      return { ok: true, iso: new Date(ms).toISOString() };
    }
  }
  return { ok: false, message: `${time} on that day does not exist in the UK because the clocks go forward; choose another time for ${what}` };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export interface ConsultationDates {
  opensAt: string | null;
  closesAt: string | null;
  errors: { field: "opens" | "closes"; message: string }[];
}

/** The opening and closing dates a staff form gives, checked one by one and against each other. */
export function consultationDates(opens: Partial<UkDateTimeParts>, closes: Partial<UkDateTimeParts>): ConsultationDates {
  const o = ukPartsToIso(opens, "the opening date");
  const c = ukPartsToIso(closes, "the closing date");
  const errors: ConsultationDates["errors"] = [];
  if (!o.ok) errors.push({ field: "opens", message: o.message });
  if (!c.ok) errors.push({ field: "closes", message: c.message });
  const opensAt = o.ok ? o.iso : null;
  const closesAt = c.ok ? c.iso : null;
  if (opensAt && closesAt && closesAt <= opensAt) errors.push({ field: "closes", message: "The closing date must be after the opening date" });
  return { opensAt, closesAt, errors };
}
