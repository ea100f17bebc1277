import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { TEMPLATES } from "../app/builder/templates";
import { seededRandom } from "./seeded-random";
import type { Answers } from "../app/responding/answers";
import type { ConsultationDefinition } from "../app/definition/definition";
import { createConsultation } from "../app/models/consultation.server";
import { submitResponse } from "../app/models/response.server";
import { answerRowsCurrent } from "../app/models/answer-rows.server";
import { type Channel } from "../app/responding/channels";
import type { Database } from "./schema";
import { demoComment } from "./demo-comments";
import { seedCodingDemo } from "./demo-coding";
import { seedEvidenceDemo } from "./demo-evidence";

/**
 * Demo data: consultations modelled on the OPCC's published plans and reports (the Police and
 * Crime Plan 2021-24 and its consultations), with synthetic responses from a
 * seeded generator. Headline answers are dealt out in exact proportions (then shuffled), so the
 * results reproduce the figures the OPCC published; everything else is random but reproducible.
 */

/** n flags of which exactly k are true, in a seeded random order. */
export function dealExactly(rng: () => number, n: number, k: number): boolean[] {
  const flags = Array.from({ length: n }, (_, i) => i < k);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [flags[i], flags[j]] = [flags[j], flags[i]];
  }
  return flags;
}

function pick<T>(rng: () => number, items: readonly T[], weights?: number[]): T {
  const w = weights ?? items.map(() => 1);
  const total = w.reduce((a, b) => a + b, 0);
  let r = rng() * total;
  for (let i = 0; i < items.length; i++) {
    r -= w[i];
    if (r < 0) return items[i];
  }
  return items[items.length - 1];
}

const DISTRICTS = [
  { outward: "DH1", authority: "durham", area: "Durham City" },
  { outward: "DH7", authority: "durham", area: "West Durham villages" },
  { outward: "DH8", authority: "durham", area: "Consett" },
  { outward: "DH9", authority: "durham", area: "Stanley" },
  { outward: "DL1", authority: "darlington", area: "Darlington town" },
  { outward: "DL3", authority: "darlington", area: "Darlington west" },
  { outward: "DL14", authority: "durham", area: "Bishop Auckland" },
  { outward: "DL5", authority: "durham", area: "Newton Aycliffe" },
  { outward: "SR8", authority: "durham", area: "Peterlee and Horden" },
];

const COMMENTS = [
  "More officers on foot in the town centre in the evenings, please.",
  "Speeding on the main road through the village is a constant worry.",
  "Anti-social behaviour near the shops has got worse this year.",
  "Thank you to the neighbourhood team, they have been very helpful.",
  "It is hard to get through on 101.",
];

/**
 * "About you" answers that look like County Durham's residents, with a few per cent preferring not
 * to say. Sex and ethnicity follow Census 2021 for County Durham (ONS, E06000047: 255,477 males of
 * 522,378 residents, 48.9%; White 505,464 of 522,022, 96.8%), among those who say; the other
 * ethnic groups share the remaining 3.2% evenly, and age, disability and gender identity are
 * plausible but illustrative (the demo claims no source for them). One draw per answer whatever
 * the weights, so every other demo answer is the same as before.
 */
const ABOUT_YOU: Record<string, [string, number][]> = {
  age: [["16_24", 12], ["25_34", 14], ["35_44", 14], ["45_54", 15], ["55_64", 17], ["65_74", 14], ["75_plus", 11], ["prefer_not_to_say", 3]],
  sex: [["female", 51.1 * 0.97], ["male", 48.9 * 0.97], ["prefer_not_to_say", 3]],
  gender_identity: [["yes", 96.5], ["no", 0.5], ["prefer_not_to_say", 3]],
  disability: [["yes", 20], ["no", 77], ["prefer_not_to_say", 3]],
  ethnicity: [["white", 96.8 * 0.97], ["asian", 0.8 * 0.97], ["mixed", 0.8 * 0.97], ["black", 0.8 * 0.97], ["other", 0.8 * 0.97], ["prefer_not_to_say", 3]],
};

function aboutYou(rng: () => number, fields: string[]): Answers[string] | undefined {
  const items: Record<string, string> = {};
  for (const f of fields)
    if (rng() < 0.85)
      items[f] = pick(
        rng,
        ABOUT_YOU[f].map(([id]) => id),
        ABOUT_YOU[f].map(([, w]) => w),
      );
  return Object.keys(items).length ? { type: "about_you", items } : undefined;
}

function postcode(rng: () => number): Answers[string] | undefined {
  if (rng() > 0.85) return undefined;
  const d = pick(rng, DISTRICTS);
  return { type: "postcode", ...d };
}

function spreadDates(rng: () => number, from: string, days: number): Date {
  return new Date(new Date(from).getTime() + Math.floor(rng() * days) * 86_400_000 + 12 * 3_600_000);
}

export function preceptDemoResponses(seed = 2022, n = 500): { answers: Answers; channel: Channel; date: Date }[] {
  const rng = seededRandom(seed);
  // Published January 2022 figures: 76.4%, 46.6%, 60% (of all respondents), 91.4% ASB a priority.
  const npt = dealExactly(rng, n, Math.round(n * 0.764));
  const response = dealExactly(rng, n, Math.round(n * 0.466));
  const officers = dealExactly(rng, n, Math.round(n * 0.6));
  const asb = dealExactly(rng, n, Math.round(n * 0.914));
  const paper = dealExactly(rng, n, Math.round(n * 0.06));
  return Array.from({ length: n }, (_, i) => {
    const chosen = [
      npt[i] && "neighbourhood_policing",
      response[i] && "response_times",
      officers[i] && "more_officers",
      rng() < 0.3 && "road_safety",
      rng() < 0.25 && "online_crime",
    ].filter((x): x is string => Boolean(x));
    const answers: Answers = {
      investment: { type: "multiple_choice", options: chosen.length ? chosen : ["none"] },
      asb_priority: {
        type: "scale",
        option: asb[i] ? pick(rng, ["high", "medium", "low"], [6, 3, 1]) : pick(rng, ["not_priority", "dont_know"], [3, 1]),
      },
      precept_support: { type: "precept", items: { increase_10: pick(rng, ["support", "oppose", "dont_know"] as const, [55, 35, 10]) } },
    };
    const pc = postcode(rng);
    if (pc) answers.postcode = pc;
    const ay = aboutYou(rng, ["age", "sex", "disability", "ethnicity"]);
    if (ay) answers.about_you = ay;
    if (rng() < 0.12) answers.comments = { type: "free_text", text: pick(rng, COMMENTS), redacted: [] };
    return { answers, channel: paper[i] ? "paper" : "online", date: spreadDates(rng, "2022-01-04T00:00:00Z", 27) };
  });
}

export function surveyDemoResponses(seed = 2021, n = 600): { answers: Answers; channel: Channel; date: Date; codes?: string[] }[] {
  const rng = seededRandom(seed);
  // Plan 2021-24: 34% of victims did not report; 68% found it difficult to report; 6% agree
  // they receive regular crime prevention advice.
  const victims = 200;
  const victim = dealExactly(rng, n, victims);
  const notReported = dealExactly(rng, victims, Math.round(victims * 0.34));
  const difficult = dealExactly(rng, n, Math.round(n * 0.68));
  const advised = dealExactly(rng, n, Math.round(n * 0.06));
  const sections = ["safer_communities", "safer_business", "safer_online", "safer_people", "safer_roads", "safer_countryside"];
  const issues = ["asb", "drugs", "speeding", "burglary", "fly_tipping", "neighbourhood_policing"];
  let victimIndex = 0;
  return Array.from({ length: n }, (_, i) => {
    const items: Record<string, string> = {};
    for (const s of sections) items[s] = pick(rng, ["high", "medium", "low", "not_priority", "dont_know"], [5, 3, 1, 0.5, 0.5]);
    const ranked = [...issues].sort(() => rng() - 0.5).slice(0, 3);
    const answers: Answers = {
      plan_priorities: { type: "matrix", items },
      top_issues: { type: "ranking", ranks: Object.fromEntries(ranked.map((id, r) => [id, r + 1])) },
      victim: { type: "single_choice", option: victim[i] ? "yes" : pick(rng, ["no", "prefer_not_to_say"], [12, 1]) },
      reporting_ease: {
        type: "single_choice",
        option: difficult[i] ? pick(rng, ["fairly_difficult", "very_difficult"], [3, 2]) : pick(rng, ["very_easy", "fairly_easy", "dont_know"], [1, 3, 1]),
      },
      prevention_advice: {
        type: "scale",
        option: advised[i]
          ? pick(rng, ["strongly_agree", "tend_to_agree"], [1, 3])
          : pick(rng, ["neither", "tend_to_disagree", "strongly_disagree", "dont_know"], [3, 4, 3, 1]),
      },
      confidence: { type: "scale", option: pick(rng, ["very_confident", "fairly_confident", "not_very_confident", "not_at_all_confident", "dont_know"]) },
    };
    if (victim[i]) {
      const didNotReport = notReported[victimIndex++];
      answers.reported = { type: "single_choice", option: didNotReport ? "no" : "yes" };
      if (didNotReport) {
        const reasons = ["too_trivial", "police_could_not_help", "too_difficult", "fear", "dealt_with", "other_reason"].filter(() => rng() < 0.35);
        answers.why_not = { type: "multiple_choice", options: reasons.length ? reasons : ["police_could_not_help"] };
      }
    }
    const pc = postcode(rng);
    if (pc) answers.postcode = pc;
    if (rng() < 0.7) answers.years_lived = { type: "number", value: Math.floor(rng() * 70) };
    const ay = aboutYou(rng, ["age", "sex", "gender_identity", "disability", "ethnicity"]);
    if (ay) answers.about_you = ay;
    // Comments come from their own generator (db/demo-comments.ts), seeded by one draw, so every
    // other answer stays as it was.
    const comment = rng() < 0.45 ? demoComment(seededRandom(Math.floor(rng() * 2 ** 32))) : null;
    if (comment) answers.comments = { type: "free_text", text: comment.text, redacted: [] };
    return { answers, channel: rng() < 0.1 ? "event" : "online", date: spreadDates(rng, "2021-09-06T00:00:00Z", 40), codes: comment?.codes };
  });
}

const templates = { precept: TEMPLATES.precept.definition, survey: TEMPLATES.survey.definition };

function withPrecept(def: ConsultationDefinition, year: string, currentBandD: number, referendumLimit: number, proposals: { id: string; label: string; increase: number }[]) {
  const copy = structuredClone(def);
  for (const page of copy.pages) {
    for (const q of page.questions) {
      if (q.type === "precept") {
        q.year = year;
        q.currentBandD = currentBandD;
        q.referendumLimit = referendumLimit;
        q.proposals = proposals.map((p) => ({ ...p, requiresReferendum: false }));
      }
    }
  }
  return copy;
}

async function seedResponses(db: Kysely<Database>, consultationId: string, versionId: string, rows: { answers: Answers; channel: Channel; date: Date }[]): Promise<string[]> {
  const ids: string[] = [];
  for (const r of rows) {
    const outcome = await submitResponse(db, {
      consultationId,
      versionId,
      channel: r.channel,
      answers: r.answers,
      nonce: randomUUID(),
      tokenExpiresAt: new Date(r.date.getTime() + 86_400_000).toISOString(),
      now: r.date,
    });
    ids.push(outcome.outcome === "recorded" ? outcome.responseId : "");
  }
  // The demo starts complete: the coding demo and the written answers read the rows at once.
  await answerRowsCurrent(db, { consultationId });
  return ids;
}

export async function seedDemo(db: Kysely<Database>, now = new Date()): Promise<string[]> {
  const day = 86_400_000;
  const ukEvening = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 23, 59)).toISOString();

  const precept = await createConsultation(db, {
    slug: "police-precept-2022-23",
    title: "Police precept 2022/23 consultation",
    summary: "How much should you pay towards policing in County Durham and Darlington in 2022/23, and what matters most to you?",
    kind: "precept",
    status: "live",
    opensAt: "2022-01-04T09:00:00.000Z",
    closesAt: "2022-01-31T23:59:00.000Z",
    definition: templates.precept,
  });
  const survey = await createConsultation(db, {
    slug: "police-and-crime-survey-2021",
    title: "Police and Crime Survey",
    summary: "Tell the Police and Crime Commissioner about crime and policing where you live, to shape the Police and Crime Plan 2021-24.",
    kind: "survey",
    status: "live",
    opensAt: "2021-09-06T09:00:00.000Z",
    closesAt: "2021-10-15T23:59:00.000Z",
    definition: templates.survey,
  });
  await createConsultation(db, {
    slug: "police-precept-2027-28",
    title: "Police precept 2027/28 consultation",
    summary: "The Commissioner proposes to raise the policing part of council tax. Tell us whether you support it and what matters most to you.",
    kind: "precept",
    status: "live",
    opensAt: new Date(now.getTime() - 7 * day).toISOString(),
    closesAt: ukEvening(new Date(now.getTime() + 60 * day)),
    definition: withPrecept(templates.precept, "2027/28", 290.24, 15, [
      { id: "increase_14", label: "An increase of £14 a year for a Band D home", increase: 14 },
    ]),
  });
  await createConsultation(db, {
    slug: "police-and-crime-survey-2026",
    title: "Police and Crime Survey 2026",
    summary: "Help set the priorities for the next Police and Crime Plan: what matters most where you live?",
    kind: "survey",
    status: "live",
    opensAt: new Date(now.getTime() - 14 * day).toISOString(),
    closesAt: ukEvening(new Date(now.getTime() + 45 * day)),
    definition: templates.survey,
  });
  await createConsultation(db, {
    slug: "rural-crime-consultation-2027",
    title: "Rural crime consultation",
    summary: "How should the Safer Countryside priority be delivered? Opens in the new year.",
    kind: "priorities",
    status: "live",
    opensAt: new Date(now.getTime() + 40 * day).toISOString(),
    closesAt: ukEvening(new Date(now.getTime() + 90 * day)),
    definition: templates.survey,
  });

  const versionOf = async (id: string) =>
    (await db.selectFrom("consultations").select("current_version_id").where("id", "=", id).executeTakeFirstOrThrow()).current_version_id!;
  await seedResponses(db, precept.id, await versionOf(precept.id), preceptDemoResponses());
  const surveyRows = surveyDemoResponses();
  const surveyIds = await seedResponses(db, survey.id, await versionOf(survey.id), surveyRows);
  await seedCodingDemo(
    db,
    survey.id,
    surveyRows.flatMap((r, i) => (r.codes && r.answers.comments?.type === "free_text" ? [{ responseId: surveyIds[i], text: r.answers.comments.text, codes: r.codes }] : [])),
  );
  await seedEvidenceDemo(db);
  return ["police-precept-2022-23", "police-and-crime-survey-2021", "police-precept-2027-28", "police-and-crime-survey-2026", "rural-crime-consultation-2027"];
}
