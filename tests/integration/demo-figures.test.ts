import { expect, it } from "vitest";
import { aggregate, type QuestionResult } from "~/results/aggregate";
import { formatPercent } from "~/results/statistics";
import { getConsultationBySlug } from "~/models/consultation.server";
import { readCounts, recountFromAnswers } from "~/models/answer-counts.server";
import { describeEachDatabase } from "../databases";

/**
 * The demo data must reproduce the OPCC's published figures exactly, through the real
 * aggregation code, from both the maintained counts and a full GROUP BY recount.
 */
describeEachDatabase(
  "seeded demo data reproduces the published figures",
  (ctx) => {
    async function results(slug: string, source: "maintained" | "recount") {
      const { db } = ctx().handle;
      const c = await getConsultationBySlug(db, { slug });
      if (!c) throw new Error(`no ${slug}`);
      const counts = source === "maintained" ? await readCounts(db, { consultationId: c.id }) : await recountFromAnswers(db, { consultationId: c.id });
      return aggregate(c.definition, counts);
    }
    const options = (all: QuestionResult[], id: string) => {
      const r = all.find((x) => x.question.id === id);
      if (r?.kind !== "options") throw new Error(`${id} is not an options result`);
      return r.table;
    };
    const pct = (count: number, base: number) => formatPercent((count / base) * 100);

    it("about you: the demo's residents look like County Durham's (Census 2021), with a few per cent preferring not to say", async () => {
      for (const slug of ["police-precept-2022-23", "police-and-crime-survey-2021"]) {
        const all = await results(slug, "maintained");
        const item = (id: string) => {
          const r = all.find((x) => x.question.id === "about_you");
          if (r?.kind !== "items") throw new Error("about_you is a set of items");
          const t = r.items.find((i) => i.id === id)!.table;
          return (option: string) => t.rows.find((x) => x.id === option)!.count / t.base;
        };
        const sex = item("sex");
        // Of those who say: 48.9% male (ONS Census 2021, County Durham), within sampling error of a few hundred.
        expect(Math.abs(sex("male") / (sex("male") + sex("female")) - 0.489)).toBeLessThan(0.07);
        const ethnicity = item("ethnicity");
        expect(ethnicity("white") / (1 - ethnicity("prefer_not_to_say"))).toBeGreaterThan(0.92);
        for (const id of ["age", "sex", "disability", "ethnicity"]) expect(item(id)("prefer_not_to_say"), id).toBeLessThan(0.08);
      }
    });

    for (const source of ["maintained", "recount"] as const) {
      it(`precept consultation January 2022 (${source} counts)`, async () => {
        const r = await results("police-precept-2022-23", source);
        const investment = options(r, "investment");
        const row = (id: string) => investment.rows.find((x) => x.id === id)!;
        expect(formatPercent(row("neighbourhood_policing").percent)).toBe("76.4%");
        expect(formatPercent(row("response_times").percent)).toBe("46.6%");
        expect(formatPercent(row("more_officers").percent)).toBe("60%");
        expect(formatPercent(options(r, "asb_priority").net!.percent)).toBe("91.4%");
        expect(investment.base).toBe(500);
      });

      it(`Police and Crime Survey (${source} counts)`, async () => {
        const r = await results("police-and-crime-survey-2021", source);
        // "34% of victims": the base is respondents who said they had been a victim, not everyone.
        const reported = options(r, "reported");
        expect(reported.base).toBe(200);
        expect(formatPercent(reported.rows.find((x) => x.id === "no")!.percent)).toBe("34%");
        const ease = options(r, "reporting_ease");
        const difficult = ease.rows.filter((x) => x.id === "fairly_difficult" || x.id === "very_difficult").reduce((s, x) => s + x.count, 0);
        expect(pct(difficult, ease.base)).toBe("68%");
        expect(formatPercent(options(r, "prevention_advice").net!.percent)).toBe("6%");
      });
    }
  },
  { seed: true },
);
