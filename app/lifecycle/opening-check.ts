import { describeShowIf } from "../definition/conditions-text";
import type { ConsultationDefinition } from "../definition/definition";
import { formatPounds, percentIncrease } from "../precept/precept-bands";
import { preceptQuestions, preceptWarnings } from "../precept/precept-setup";
import { formatUkDateTime } from "./lifecycle";

/**
 * "Check before you open": what residents will be given, in words, and what an officer should
 * look at first. Shown on its own page and in the "Are you sure?" step before opening or
 * scheduling, because once it is open the questions are fixed for everyone who answers.
 */

export interface OpeningCheck {
  opens: string;
  closes: string;
  pages: number;
  questions: number;
  required: number;
  estimatedMinutes: number;
  routing: { where: string; rule: string }[];
  precept: { question: string; year: string; bandD: string; limit: string; proposals: string[] }[];
  warnings: string[];
}

export function openingCheck(
  def: ConsultationDefinition,
  { title, opensAt, closesAt, now = new Date() }: { title: string; opensAt: string | null; closesAt: string | null; now?: Date },
): OpeningCheck {
  const all = def.pages.flatMap((p) => p.questions);
  const routing: OpeningCheck["routing"] = [];
  def.pages.forEach((page, i) => {
    if (page.showIf) routing.push({ where: `Page ${i + 1}, "${page.title}"`, rule: describeShowIf(def, page.showIf) });
    for (const q of page.questions) if (q.showIf) routing.push({ where: `Question "${q.title}"`, rule: describeShowIf(def, q.showIf) });
  });
  const warnings: string[] = [];
  if (!closesAt) warnings.push("There is no closing date: set one so residents know how long they have");
  else if (Date.parse(closesAt) <= now.getTime()) warnings.push(`The closing date, ${formatUkDateTime(closesAt)}, has already passed`);
  else if (Date.parse(closesAt) - Math.max(now.getTime(), opensAt ? Date.parse(opensAt) : 0) < 14 * 86_400_000) {
    warnings.push("It will be open for less than two weeks: consultations need long enough for people to respond");
  }
  warnings.push(...preceptWarnings(def, { title, opensAt, closesAt, now }).map((w) => w.message));
  return {
    opens: opensAt ? formatUkDateTime(opensAt) : "When you open it",
    closes: closesAt ? formatUkDateTime(closesAt) : "Not set",
    pages: def.pages.length,
    questions: all.length,
    required: all.filter((q) => q.required).length,
    estimatedMinutes: def.estimatedMinutes,
    routing,
    precept: preceptQuestions(def).map((q) => ({
      question: q.title,
      year: q.year,
      bandD: formatPounds(q.currentBandD),
      limit: formatPounds(q.referendumLimit),
      proposals: q.proposals.map((p) => `${p.label}: ${formatPounds(p.increase)} a year at Band D (${percentIncrease(q.currentBandD, p.increase).toFixed(1)}%)${p.requiresReferendum ? ", needs a referendum" : ""}`),
    })),
    warnings,
  };
}
