// "About you" equality-monitoring items, using the ONS 2021 Census categories (England) so that
// respondent profiles can be compared with the area's population. Every item is optional and
// offers "Prefer not to say" (special category data: DPA 2018 Sch 1 para 8).

export const ABOUT_YOU_FIELDS = ["age", "sex", "gender_identity", "disability", "ethnicity", "victim"] as const;
export type AboutYouField = (typeof ABOUT_YOU_FIELDS)[number];

export const PREFER_NOT_TO_SAY = { id: "prefer_not_to_say", label: "Prefer not to say" };

interface AboutYouItem {
  question: string;
  hint?: string;
  options: { id: string; label: string }[];
}

export const ABOUT_YOU_ITEMS: Record<AboutYouField, AboutYouItem> = {
  age: {
    question: "What is your age?",
    options: [
      { id: "under_16", label: "Under 16" },
      { id: "16_24", label: "16 to 24" },
      { id: "25_34", label: "25 to 34" },
      { id: "35_44", label: "35 to 44" },
      { id: "45_54", label: "45 to 54" },
      { id: "55_64", label: "55 to 64" },
      { id: "65_74", label: "65 to 74" },
      { id: "75_plus", label: "75 or over" },
    ],
  },
  sex: {
    question: "What is your sex?",
    options: [
      { id: "female", label: "Female" },
      { id: "male", label: "Male" },
    ],
  },
  gender_identity: {
    question: "Is the gender you identify with the same as your sex registered at birth?",
    options: [
      { id: "yes", label: "Yes" },
      { id: "no", label: "No" },
    ],
  },
  disability: {
    question:
      "Do you have any physical or mental health conditions or illnesses lasting or expected to last 12 months or more?",
    options: [
      { id: "yes", label: "Yes" },
      { id: "no", label: "No" },
    ],
  },
  ethnicity: {
    question: "What is your ethnic group?",
    options: [
      { id: "asian", label: "Asian, Asian British or Asian Welsh" },
      { id: "black", label: "Black, Black British, Black Welsh, Caribbean or African" },
      { id: "mixed", label: "Mixed or Multiple ethnic groups" },
      { id: "white", label: "White" },
      { id: "other", label: "Other ethnic group" },
    ],
  },
  victim: {
    question: "Have you been a victim of crime in the last 12 months?",
    options: [
      { id: "yes", label: "Yes" },
      { id: "no", label: "No" },
    ],
  },
};

export function aboutYouOptions(field: AboutYouField) {
  return [...ABOUT_YOU_ITEMS[field].options, PREFER_NOT_TO_SAY];
}
