import type { Kysely } from "kysely";
import { answerRows, countKeys, type Answers } from "../app/responding/answers";
import { validatePage, type ValidationContext } from "../app/responding/validation";
import { type FormValues } from "../app/responding/form-values";
import { ConsultationDefinitionSchema } from "../app/definition/definition";
import { createConsultation } from "../app/models/consultation.server";
import { seededRandom } from "../db/seeded-random";
import type { Database } from "../db/schema";

/**
 * The bench's consultation: ten questions on four pages, one of each kind that stores rows,
 * answered so that every response is exactly 25 answer rows (1+3+1+6+3+1+1+3+5+1).
 */
export const BENCH_SLUG = "bench-precept";

export const benchDefinition = ConsultationDefinitionSchema.parse({
  estimatedMinutes: 5,
  pages: [
    {
      id: "policing",
      title: "Policing where you live",
      questions: [
        { id: "seen_officer", type: "single_choice", title: "Have you seen an officer in your area this month?", options: [{ id: "yes", label: "Yes" }, { id: "no", label: "No" }, { id: "dont_know", label: "Don't know" }] },
        {
          id: "investment",
          type: "multiple_choice",
          title: "Which of these would you like to see investment in?",
          options: ["neighbourhood", "response", "officers", "roads", "online", "rural"].map((id) => ({ id, label: `Investment in ${id}` })),
        },
        { id: "asb_priority", type: "scale", scale: "priority", title: "How much of a priority is anti-social behaviour?" },
      ],
    },
    {
      id: "priorities",
      title: "The plan's priorities",
      questions: [
        {
          id: "plan",
          type: "matrix",
          scale: "priority",
          title: "How much of a priority is each section of the plan?",
          items: ["communities", "business", "online", "people", "roads", "countryside"].map((id) => ({ id, label: `Safer ${id}` })),
        },
        { id: "top_issues", type: "ranking", rankCount: 3, title: "Rank your top three issues", items: ["asb", "drugs", "speeding", "burglary", "fly_tipping"].map((id) => ({ id, label: id })) },
      ],
    },
    {
      id: "precept",
      title: "The policing precept",
      questions: [
        {
          id: "precept_support",
          type: "precept",
          title: "Would you support this increase?",
          year: "2027/28",
          currentBandD: 290.24,
          referendumLimit: 15,
          proposals: [{ id: "increase_14", label: "An increase of £14 a year for a Band D home", increase: 14 }],
        },
        { id: "years_lived", type: "number", title: "How many years have you lived in the area?", min: 0, max: 100 },
      ],
    },
    {
      id: "about-you",
      title: "About you",
      questions: [
        { id: "postcode", type: "postcode", title: "What is your postcode?", required: false },
        { id: "about_you", type: "about_you", title: "About you", fields: ["age", "sex", "gender_identity", "disability", "ethnicity"] },
        { id: "comments", type: "free_text", title: "Anything else?", required: false, maxLength: 1000 },
      ],
    },
  ],
});

export async function createBenchConsultation(db: Kysely<Database>, now = new Date()) {
  return createConsultation(db, {
    slug: BENCH_SLUG,
    title: "Bench precept consultation",
    summary: "A ten-question consultation for npm run bench.",
    kind: "precept",
    status: "live",
    opensAt: new Date(now.getTime() - 86_400_000).toISOString(),
    closesAt: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
    definition: benchDefinition,
  });
}

const OUTWARDS = ["DH1", "DH7", "DH8", "DH9", "DL1", "DL3", "DL14", "DL5", "SR8"];
const AGES = ["16_24", "25_34", "35_44", "45_54", "55_64", "65_74", "75_plus"];

/** One random resident's form fields, page by page, as a browser would post them. */
export function randomPageFields(rng: () => number, marker: string): { page: string; fields: [string, string][] }[] {
  const pick = <T>(items: readonly T[]) => items[Math.floor(rng() * items.length)];
  const shuffled = <T>(items: readonly T[]) => [...items].sort(() => rng() - 0.5);
  const priority = () => pick(["high", "medium", "low", "not_priority", "dont_know"]);
  const top = shuffled(["asb", "drugs", "speeding", "burglary", "fly_tipping"]).slice(0, 3);
  return [
    {
      page: "policing",
      fields: [["seen_officer", pick(["yes", "no", "dont_know"])], ...shuffled(["neighbourhood", "response", "officers", "roads", "online", "rural"]).slice(0, 3).map((o): [string, string] => ["investment", o]), ["asb_priority", priority()]],
    },
    {
      page: "priorities",
      fields: [...["communities", "business", "online", "people", "roads", "countryside"].map((i): [string, string] => [`plan.${i}`, priority()]), ...top.map((item, r): [string, string] => [`top_issues.${item}`, String(r + 1)])],
    },
    { page: "precept", fields: [["precept_support.increase_14", pick(["support", "oppose", "dont_know"])], ["years_lived", String(Math.floor(rng() * 80))]] },
    {
      page: "about-you",
      fields: [
        ["postcode", `${pick(OUTWARDS)} 1AA`],
        ["about_you.age", pick(AGES)],
        ["about_you.sex", pick(["female", "male"])],
        ["about_you.gender_identity", pick(["yes", "no"])],
        ["about_you.disability", pick(["yes", "no"])],
        ["about_you.ethnicity", pick(["white", "asian", "mixed", "black", "other"])],
        ["comments", marker],
      ],
    },
  ];
}

/** The answers the app would store for those fields: validated by the app's own code. */
export function answersFor(pages: { page: string; fields: [string, string][] }[], ctx: ValidationContext): Answers {
  let answers: Answers = {};
  for (const { page, fields } of pages) {
    const values: FormValues = {};
    for (const [k, v] of fields) (values[k] ??= []).push(v);
    const p = benchDefinition.pages.find((x) => x.id === page)!;
    const result = validatePage(benchDefinition, p, values, answers, ctx);
    if (result.errors.length) throw new Error(`bench answers invalid on ${page}: ${JSON.stringify(result.errors)}`);
    answers = result.answers;
  }
  return answers;
}

/** What submitResponse derives from answers: the rows and the count keys. */
export function rowsAndKeys(answers: Answers) {
  const rows = Object.entries(answers).flatMap(([q, a]) => answerRows(q, a));
  return { rows, keys: countKeys(rows) };
}

export { seededRandom };
