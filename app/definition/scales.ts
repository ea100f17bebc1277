// Standard answer scales. Their option ids are stable and shared across consultations so that
// year-on-year comparisons line up; the labels follow common UK survey wording.

export const SCALE_NAMES = ["agreement", "priority", "satisfaction", "confidence"] as const;
export type ScaleName = (typeof SCALE_NAMES)[number];

export interface ScalePoint {
  id: string;
  label: string;
}

interface ScaleDefinition {
  points: ScalePoint[];
  /** The "net" that reports quote, e.g. "agree" = strongly agree + tend to agree. */
  net: { label: string; ids: string[] };
}

export const DONT_KNOW: ScalePoint = { id: "dont_know", label: "Don't know" };

export const SCALES: Record<ScaleName, ScaleDefinition> = {
  agreement: {
    points: [
      { id: "strongly_agree", label: "Strongly agree" },
      { id: "tend_to_agree", label: "Tend to agree" },
      { id: "neither", label: "Neither agree nor disagree" },
      { id: "tend_to_disagree", label: "Tend to disagree" },
      { id: "strongly_disagree", label: "Strongly disagree" },
    ],
    net: { label: "Agree", ids: ["strongly_agree", "tend_to_agree"] },
  },
  priority: {
    points: [
      { id: "high", label: "High priority" },
      { id: "medium", label: "Medium priority" },
      { id: "low", label: "Low priority" },
      { id: "not_priority", label: "Not a priority" },
    ],
    net: { label: "A priority (high, medium or low)", ids: ["high", "medium", "low"] },
  },
  satisfaction: {
    points: [
      { id: "very_satisfied", label: "Very satisfied" },
      { id: "fairly_satisfied", label: "Fairly satisfied" },
      { id: "neither", label: "Neither satisfied nor dissatisfied" },
      { id: "fairly_dissatisfied", label: "Fairly dissatisfied" },
      { id: "very_dissatisfied", label: "Very dissatisfied" },
    ],
    net: { label: "Satisfied", ids: ["very_satisfied", "fairly_satisfied"] },
  },
  confidence: {
    points: [
      { id: "very_confident", label: "Very confident" },
      { id: "fairly_confident", label: "Fairly confident" },
      { id: "not_very_confident", label: "Not very confident" },
      { id: "not_at_all_confident", label: "Not at all confident" },
    ],
    net: { label: "Confident", ids: ["very_confident", "fairly_confident"] },
  },
};

export function scalePoints(scale: ScaleName, dontKnow: boolean): ScalePoint[] {
  return dontKnow ? [...SCALES[scale].points, DONT_KNOW] : SCALES[scale].points;
}
