import type { ConsultationDefinition, Question, QuestionOf } from "../definition/definition";
import { formatPounds, percentIncrease, roundToPenny } from "./precept-bands";

/**
 * Setting up this year's precept consultation: the financial year, this year's Band D, the
 * proposed increase(s) and the year's referendum limit, read from what an officer typed, checked,
 * and written into the definition's precept question. Also the warnings an officer needs before
 * opening: a year that disagrees with the title or the dates, or figures left from last year.
 *
 * The timetable behind the date warnings: the Commissioner must notify the Police and Crime
 * Panel of the proposed precept before 1 February, and the precept is issued before 1 March
 * (Police Reform and Social Responsibility Act 2011, Schedule 5; Police and Crime Panels
 * (Precepts and Chief Constable Appointments) Regulations 2012). A consultation that closes after
 * 1 February cannot inform the proposal; one that opens after the financial year has begun is
 * for the wrong year.
 */

export interface FinancialYear {
  /** The calendar year the financial year starts in (1 April). */
  start: number;
}

export const formatYear = (y: FinancialYear) => `${y.start}/${String((y.start + 1) % 100).padStart(2, "0")}`;

/**
 * Reads a financial year as officers write it: "2028/29", "2028-29", "2028–29", "2028/2029",
 * "2028 to 2029". The second year must follow the first.
 */
export function parseFinancialYear(text: string): FinancialYear | null {
  const m = text.trim().match(/^(\d{4})\s*(?:\/|-|–|—|to)\s*(\d{2}|\d{4})$/i);
  if (!m) return null;
  const start = Number(m[1]);
  const end = m[2].length === 2 ? Math.floor(start / 100) * 100 + Number(m[2]) + (Number(m[2]) < start % 100 ? 100 : 0) : Number(m[2]);
  if (end !== start + 1 || start < 2000 || start > 2099) return null;
  return { start };
}

/** Every financial year named in a piece of text, such as a title ("Police precept 2028/29"). */
export function yearsIn(text: string): FinancialYear[] {
  const found: FinancialYear[] = [];
  for (const m of text.matchAll(/\b(\d{4})\s*(?:\/|-|–|—|\s+to\s+)\s*(\d{4}|\d{2})\b/gi)) {
    const y = parseFinancialYear(`${m[1]}/${m[2]}`);
    if (y && !found.some((f) => f.start === y.start)) found.push(y);
  }
  return found;
}

/**
 * The financial year a precept consultation run on `date` is normally for: the one starting the
 * next 1 April (consultations run in the autumn and winter before it).
 */
export function nextFinancialYear(date: Date): FinancialYear {
  const year = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric" }).format(date));
  const month = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", month: "numeric" }).format(date));
  return { start: month < 4 ? year : year + 1 };
}

/** Money as officers type it: "£14", "14.00", "1,234.5". Null when it is not an amount. */
export function parseMoney(text: string): number | null {
  const cleaned = text.trim().replace(/^£\s*/, "").replace(/,/g, "");
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  return Number(cleaned);
}

export interface PreceptSetupInput {
  year: string;
  currentBandD: string;
  /** One or more proposed Band D increases, £ a year. */
  increases: string[];
  referendumLimit: string;
}

export interface PreceptSetup {
  year: FinancialYear;
  currentBandD: number;
  increases: number[];
  referendumLimit: number;
}

export interface SetupError {
  field: "year" | "currentBandD" | "referendumLimit" | `increases-${number}` | "increases";
  message: string;
}

/** Checks what an officer typed; every problem is named against its field. */
export function parsePreceptSetup(input: PreceptSetupInput): { ok: true; setup: PreceptSetup } | { ok: false; errors: SetupError[] } {
  const errors: SetupError[] = [];
  const year = parseFinancialYear(input.year);
  if (!input.year.trim()) errors.push({ field: "year", message: "Enter the financial year the precept is for, like 2028/29" });
  else if (!year) errors.push({ field: "year", message: "Enter the financial year as two years that follow each other, like 2028/29" });

  const bandD = parseMoney(input.currentBandD);
  if (!input.currentBandD.trim()) errors.push({ field: "currentBandD", message: "Enter this year's Band D precept, like £291.50" });
  else if (bandD === null || bandD <= 0 || bandD > 10_000) errors.push({ field: "currentBandD", message: "Enter this year's Band D precept in pounds and pence, like £291.50" });

  const limit = parseMoney(input.referendumLimit);
  if (!input.referendumLimit.trim()) errors.push({ field: "referendumLimit", message: "Enter the referendum limit for the year: the largest Band D increase allowed without one, like £14" });
  else if (limit === null || limit > 1000) errors.push({ field: "referendumLimit", message: "Enter the referendum limit in pounds and pence, like £14 or £14.00" });

  const typed = input.increases.map((t, i) => ({ text: t.trim(), i })).filter((x) => x.text !== "");
  if (typed.length === 0) errors.push({ field: "increases-0", message: "Enter the proposed Band D increase, like £14" });
  const increases: number[] = [];
  for (const { text, i } of typed) {
    const n = parseMoney(text);
    if (n === null || n > 1000) errors.push({ field: `increases-${i}`, message: `Enter proposed increase ${i + 1} in pounds and pence, like £14 or £9.50` });
    else if (increases.includes(n)) errors.push({ field: `increases-${i}`, message: `Proposed increase ${i + 1} repeats ${formatPounds(n)}; give each proposal a different amount` });
    else increases.push(n);
  }
  if (errors.length || !year || bandD === null || limit === null) return { ok: false, errors };
  // A neutral order, smallest first, rather than "recommended first" (GOV.UK radios guidance).
  return { ok: true, setup: { year, currentBandD: bandD, increases: [...increases].sort((a, b) => a - b), referendumLimit: limit } };
}

/** "increase_14", "increase_9_50": readable ids that say which proposal an answer was about. */
export function proposalId(increase: number): string {
  const pence = Math.round(increase * 100);
  return pence % 100 === 0 ? `increase_${pence / 100}` : `increase_${Math.floor(pence / 100)}_${String(pence % 100).padStart(2, "0")}`;
}

export function proposalLabel(increase: number, limit: number): string {
  if (increase === 0) return "No increase (Band D stays the same)";
  return `An increase of ${formatPounds(increase)} a year for a Band D home${increase > limit ? " (needs a local referendum)" : ""}`;
}

export function preceptQuestions(def: ConsultationDefinition): QuestionOf<"precept">[] {
  return def.pages.flatMap((p) => p.questions.filter((q): q is QuestionOf<"precept"> => q.type === "precept"));
}

/**
 * Writes the set-up into every precept question of a definition (normally there is one). Ids of
 * proposals whose amount is unchanged are kept, so a copy of last year's consultation keeps
 * comparable ids where the amount is the same; the rest get readable ids from their amount.
 */
export function applyPreceptSetup(def: ConsultationDefinition, setup: PreceptSetup): { ok: true; definition: ConsultationDefinition } | { ok: false; message: string } {
  if (preceptQuestions(def).length === 0) return { ok: false, message: "This consultation has no precept question; add one in the builder first" };
  const next = structuredClone(def);
  for (const page of next.pages) {
    page.questions = page.questions.map((q): Question => {
      if (q.type !== "precept") return q;
      const proposals = setup.increases.map((increase) => {
        const same = q.proposals.find((p) => roundToPenny(p.increase) === roundToPenny(increase));
        return {
          id: same?.id ?? proposalId(increase),
          label: proposalLabel(increase, setup.referendumLimit),
          increase,
          requiresReferendum: increase > setup.referendumLimit,
        };
      });
      return { ...q, year: formatYear(setup.year), currentBandD: setup.currentBandD, referendumLimit: setup.referendumLimit, proposals };
    });
  }
  return { ok: true, definition: next };
}

export interface PreceptWarning {
  /** What the warning is about, for linking: the title, a date or the precept figures. */
  about: "title" | "opens" | "closes" | "figures";
  message: string;
}

const UK_DAY = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" });

/**
 * What an officer should look at before opening a precept consultation. Warnings, not errors: a
 * late or unusual consultation may be intended, but it should never be an accident.
 */
export function preceptWarnings(
  def: ConsultationDefinition,
  { title, opensAt, closesAt, now = new Date() }: { title: string; opensAt: string | null; closesAt: string | null; now?: Date },
): PreceptWarning[] {
  const warnings: PreceptWarning[] = [];
  for (const q of preceptQuestions(def)) {
    const year = parseFinancialYear(q.year);
    const named = `The precept question "${q.title}"`;
    if (!year) {
      warnings.push({ about: "figures", message: `${named} gives the year as "${q.year}", which is not a financial year like 2028/29` });
      continue;
    }
    const label = formatYear(year);
    const inTitle = yearsIn(title);
    if (inTitle.length && !inTitle.some((y) => y.start === year.start)) {
      warnings.push({ about: "title", message: `The title names ${inTitle.map(formatYear).join(" and ")}, but the precept figures are for ${label}` });
    }
    const yearStarts = Date.UTC(year.start, 3, 1);
    const panelDeadline = Date.UTC(year.start, 1, 1);
    if (closesAt && Date.parse(closesAt) > panelDeadline) {
      warnings.push({
        about: "closes",
        message: `It closes on ${UK_DAY.format(new Date(closesAt))}, after 1 February ${year.start}, when the Commissioner must tell the Police and Crime Panel the proposed precept for ${label}`,
      });
    }
    if (opensAt && Date.parse(opensAt) >= yearStarts) {
      warnings.push({ about: "opens", message: `It opens on ${UK_DAY.format(new Date(opensAt))}, after ${label} has begun (1 April ${year.start})` });
    }
    if (opensAt && Date.parse(opensAt) < Date.UTC(year.start - 1, 3, 1)) {
      warnings.push({ about: "opens", message: `It opens on ${UK_DAY.format(new Date(opensAt))}, more than a year before ${label} begins` });
    }
    const expected = nextFinancialYear(opensAt ? new Date(opensAt) : now);
    if (!opensAt && year.start < expected.start) {
      warnings.push({ about: "figures", message: `The precept figures are for ${label}, which has already begun or passed; consultations now are normally for ${formatYear(expected)}` });
    }
    for (const p of q.proposals) {
      if (p.increase > q.referendumLimit && !p.requiresReferendum) {
        warnings.push({ about: "figures", message: `"${p.label}" (${formatPounds(p.increase)}) is over the referendum limit of ${formatPounds(q.referendumLimit)}` });
      }
      if (p.increase > 0 && percentIncrease(q.currentBandD, p.increase) > 25) {
        warnings.push({ about: "figures", message: `"${p.label}" is a rise of ${percentIncrease(q.currentBandD, p.increase).toFixed(1)}% on Band D ${formatPounds(q.currentBandD)}: check this year's Band D figure` });
      }
    }
  }
  return warnings;
}
