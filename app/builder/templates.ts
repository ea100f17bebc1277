import preceptTemplate from "../../db/templates/precept.json";
import surveyTemplate from "../../db/templates/police-and-crime-survey.json";
import { ConsultationDefinitionSchema, type ConsultationDefinition } from "../definition/definition";

/** What a new consultation can start from. The JSON templates are checked against the schema once, at load. */
export const TEMPLATES = {
  precept: { label: "Precept consultation", definition: ConsultationDefinitionSchema.parse(preceptTemplate) },
  survey: { label: "Police and Crime Survey", definition: ConsultationDefinitionSchema.parse(surveyTemplate) },
  blank: {
    label: "Blank",
    definition: {
      estimatedMinutes: 5,
      pages: [{ id: "your_views", title: "Your views", questions: [{ id: "comments", type: "free_text", title: "What would you like to tell us?", required: false, maxLength: 1000 }] }],
    } as ConsultationDefinition,
  },
} as const;
export type TemplateName = keyof typeof TEMPLATES;
