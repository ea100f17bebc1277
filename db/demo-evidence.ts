import type { Kysely } from "kysely";
import type { SubgroupFilter } from "../app/evidence/evidence";
import { createIndicator, listSections } from "../app/models/evidence.server";
import type { Database } from "./schema";

/**
 * The chain the product exists for, on first start: the two past demo consultations published
 * with what the Commissioner did, and an evidence indicator for each figure the OPCC published
 * from them, under the Police and Crime Plan 2021-24 section it supports. The figures are not
 * stored here: each indicator names the answers that count and the figure is counted from the
 * seeded responses (db/demo.ts deals them out to reproduce the published percentages).
 *
 * Sources: "Police and Crime Commissioner's Quarterly Performance Report, Q4 2021/22" (28.2-28.4:
 * the January 2022 precept consultation) and "Police and Crime Plan 2021-24" (the Commissioner's
 * foreword: the Police and Crime Survey).
 */

interface DemoIndicator {
  section: string;
  questionId: string;
  optionIds: string[];
  filter?: SubgroupFilter;
  template: string;
}

interface DemoPublication {
  slug: string;
  publishedAt: string;
  whatWeDid: string;
  indicators: DemoIndicator[];
}

const DEMO_PUBLICATIONS: DemoPublication[] = [
  {
    slug: "police-precept-2022-23",
    publishedAt: "2022-03-31T12:00:00.000Z",
    whatWeDid: [
      "Most of you told us you want investment in neighbourhood policing: more police officers, Police Community Support Officer numbers kept up, more officers in uniform on your streets and less neighbourhood crime. Nearly half of you want faster response times, and almost everyone who answered sees tackling anti-social behaviour as a priority.",
      "Recruiting more officers is a key deliverable of the Police and Crime Plan. The Commissioner is working with the Chief Constable and local partners to bring more funding to County Durham and Darlington, so that police officers and PCSOs spend more time on our streets, visibly, and to tackle anti-social behaviour and neighbourhood crime.",
    ].join("\n\n"),
    indicators: [
      { section: "Safer Communities", questionId: "investment", optionIds: ["neighbourhood_policing"], template: "{percent} of respondents want to see investment in Neighbourhood Policing" },
      { section: "Safer Communities", questionId: "investment", optionIds: ["response_times"], template: "{percent} of respondents want to see improved response times" },
      { section: "Safer Communities", questionId: "asb_priority", optionIds: ["high", "medium", "low"], template: "{percent} consider tackling anti-social behaviour a priority" },
      { section: "Safer Communities", questionId: "investment", optionIds: ["more_officers"], template: "{percent} of respondents want to see more police officers" },
    ],
  },
  {
    slug: "police-and-crime-survey-2021",
    publishedAt: "2021-12-01T12:00:00.000Z",
    whatWeDid: [
      "Many of you who had been a victim of crime did not report it, and most of you found it difficult to report issues. Very few of you said you receive regular crime prevention advice.",
      "The Police and Crime Plan 2021-24 answers this: the Commissioner will make it easier, faster and more convenient to report crime and anti-social behaviour, and will embed a prevention first culture to reduce crime, victimisation and offending.",
    ].join("\n\n"),
    indicators: [
      {
        section: "Safer People",
        questionId: "reported",
        optionIds: ["no"],
        filter: { questionId: "victim", itemId: "", optionIds: ["yes"] },
        template: "{percent} of victims of crime who responded did not report it",
      },
      { section: "Safer People", questionId: "reporting_ease", optionIds: ["fairly_difficult", "very_difficult"], template: "{percent} found it difficult to report issues" },
      { section: "Safer Communities", questionId: "prevention_advice", optionIds: ["strongly_agree", "tend_to_agree"], template: "{percent} agree they receive regular crime prevention advice" },
    ],
  },
];

export async function seedEvidenceDemo(db: Kysely<Database>): Promise<void> {
  const sections = new Map((await listSections(db)).map((s) => [s.name, s.id]));
  for (const p of DEMO_PUBLICATIONS) {
    const { id } = await db.selectFrom("consultations").select("id").where("slug", "=", p.slug).executeTakeFirstOrThrow();
    await db.updateTable("consultations").set({ results_published_at: p.publishedAt, what_we_did: p.whatWeDid, updated_at: p.publishedAt }).where("id", "=", id).execute();
    for (const i of p.indicators) {
      const sectionId = sections.get(i.section);
      if (!sectionId) throw new Error(`The demo needs the plan section "${i.section}"`);
      await createIndicator(db, { consultationId: id, sectionId, questionId: i.questionId, itemId: "", optionIds: i.optionIds, filter: i.filter ?? null, template: i.template, previousIndicatorId: null });
    }
  }
}
