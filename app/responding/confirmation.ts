import type { ConsultationDefinition } from "../definition/definition";
import { formatUkDate } from "../lifecycle/lifecycle";

/**
 * The confirmation page after a response is submitted: what happens next comes from the
 * consultation itself (its definition's own words, or what is true for its kind), never from
 * another kind of consultation: a survey's thank-you page does not talk about the precept.
 */

const BY_KIND: Record<string, string[]> = {
  precept: [
    "The Police and Crime Commissioner will read every response before deciding how much to ask for policing. The Police and Crime Panel reviews the Commissioner's proposal in late January or early February.",
  ],
  priorities: ["The Police and Crime Commissioner will read every response and use what people said to set the priorities in the Police and Crime Plan."],
  survey: [
    "The Police and Crime Commissioner uses what people tell us in the survey to shape the Police and Crime Plan and to hold the police to account for how they keep you safe where you live.",
  ],
};
const ANY_KIND = ["The Police and Crime Commissioner will read every response."];

export interface Confirmation {
  whatHappensNext: string[];
  /** "The survey closes on 4 March 2027." (or "closed on"), when it has a closing date. */
  closing: string | null;
  /** "You said, we did", once results are published. */
  results: { href: string } | null;
}

export function confirmationFor(
  consultation: { slug: string; kind: string; status: string; closesAt: string | null; resultsPublishedAt: string | null },
  definition: Pick<ConsultationDefinition, "whatHappensNext">,
): Confirmation {
  const own = definition.whatHappensNext?.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const noun = consultation.kind === "survey" ? "survey" : "consultation";
  const closed = consultation.status === "closed" || consultation.status === "published";
  return {
    whatHappensNext: own?.length ? own : (BY_KIND[consultation.kind] ?? ANY_KIND),
    closing: consultation.closesAt ? `The ${noun} ${closed ? "closed" : "closes"} on ${formatUkDate(consultation.closesAt)}.` : null,
    results: consultation.resultsPublishedAt ? { href: `/consultations/${consultation.slug}/results` } : null,
  };
}
