import { describe, expect, it } from "vitest";
import { TEMPLATES } from "../builder/templates";
import { ConsultationDefinitionSchema } from "../definition/definition";
import {
  applyPreceptSetup,
  formatYear,
  nextFinancialYear,
  parseFinancialYear,
  parseMoney,
  parsePreceptSetup,
  preceptQuestions,
  preceptWarnings,
  proposalId,
  yearsIn,
} from "./precept-setup";

const template = TEMPLATES.precept.definition;

describe("financial years", () => {
  it("reads the ways officers write a year, and refuses years that do not follow each other", () => {
    for (const text of ["2028/29", "2028-29", "2028–29", "2028/2029", "2028 to 2029"]) expect(parseFinancialYear(text)).toEqual({ start: 2028 });
    expect(parseFinancialYear("2099/00")).toEqual({ start: 2099 });
    for (const bad of ["2028/30", "2028", "28/29", "2028/2028", "next year"]) expect(parseFinancialYear(bad)).toBeNull();
    expect(formatYear({ start: 2029 })).toBe("2029/30");
  });

  it("finds the years named in a title", () => {
    expect(yearsIn("Police precept 2028/29").map(formatYear)).toEqual(["2028/29"]);
    expect(yearsIn("Precept 2028-29 (was 2027 to 2028)").map(formatYear)).toEqual(["2028/29", "2027/28"]);
    expect(yearsIn("Police and Crime Survey")).toEqual([]);
  });

  it("a consultation run in the autumn or winter is for the year starting the next April", () => {
    expect(formatYear(nextFinancialYear(new Date("2027-11-20T12:00:00Z")))).toBe("2028/29");
    expect(formatYear(nextFinancialYear(new Date("2028-01-15T12:00:00Z")))).toBe("2028/29");
    expect(formatYear(nextFinancialYear(new Date("2028-04-02T12:00:00Z")))).toBe("2029/30");
  });
});

describe("precept set-up", () => {
  it("reads money as typed, and names each bad field", () => {
    expect(parseMoney("£1,234.50")).toBe(1234.5);
    expect(parseMoney("14")).toBe(14);
    expect(parseMoney("14.005")).toBeNull();
    const bad = parsePreceptSetup({ year: "2028/30", currentBandD: "", increases: ["£14", "fourteen", "14"], referendumLimit: "£14" });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => e.field)).toEqual(["year", "currentBandD", "increases-1", "increases-2"]);
    expect(bad.errors[3].message).toContain("repeats £14.00");
  });

  it("writes the year's figures into the precept question, smallest proposal first, flagging any over the limit", () => {
    const parsed = parsePreceptSetup({ year: "2028/29", currentBandD: "£291.50", increases: ["£20", "£14", ""], referendumLimit: "£14" });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const applied = applyPreceptSetup(template, parsed.setup);
    if (!applied.ok) throw new Error(applied.message);
    const [q] = preceptQuestions(applied.definition);
    expect(q).toMatchObject({ year: "2028/29", currentBandD: 291.5, referendumLimit: 14 });
    expect(q.proposals).toEqual([
      { id: "increase_14", label: "An increase of £14.00 a year for a Band D home", increase: 14, requiresReferendum: false },
      { id: "increase_20", label: "An increase of £20.00 a year for a Band D home (needs a local referendum)", increase: 20, requiresReferendum: true },
    ]);
    // The result is a valid definition, and the template itself is untouched.
    expect(ConsultationDefinitionSchema.safeParse(applied.definition).success).toBe(true);
    expect(preceptQuestions(template)[0].year).toBe("2022/23");
  });

  it("keeps a proposal's id when its amount is unchanged, so answers stay comparable", () => {
    const applied = applyPreceptSetup(template, { year: { start: 2028 }, currentBandD: 240.24, increases: [9.5, 10], referendumLimit: 10 });
    if (!applied.ok) throw new Error(applied.message);
    expect(preceptQuestions(applied.definition)[0].proposals.map((p) => p.id)).toEqual(["increase_9_50", "increase_10"]);
    expect(proposalId(0)).toBe("increase_0");
  });

  it("refuses a definition without a precept question", () => {
    const applied = applyPreceptSetup(TEMPLATES.survey.definition, { year: { start: 2028 }, currentBandD: 1, increases: [1], referendumLimit: 1 });
    expect(applied).toEqual({ ok: false, message: expect.stringContaining("no precept question") });
  });
});

describe("precept warnings", () => {
  const setUp = (year: number) => {
    const applied = applyPreceptSetup(template, { year: { start: year }, currentBandD: 291.5, increases: [14], referendumLimit: 14 });
    if (!applied.ok) throw new Error(applied.message);
    return applied.definition;
  };

  it("the untouched template, for a 2028/29 title, warns about the title and last years' figures", () => {
    const warnings = preceptWarnings(template, { title: "Police precept 2028/29", opensAt: null, closesAt: null, now: new Date("2027-11-01T00:00:00Z") });
    expect(warnings.map((w) => w.about)).toEqual(["title", "figures"]);
    expect(warnings[0].message).toBe("The title names 2028/29, but the precept figures are for 2022/23");
    expect(warnings[1].message).toContain("consultations now are normally for 2028/29");
  });

  it("set up for the right year with sensible dates, there is nothing to warn about", () => {
    const def = setUp(2028);
    expect(preceptWarnings(def, { title: "Police precept 2028/29", opensAt: "2027-11-20T09:00:00Z", closesAt: "2028-01-10T17:00:00Z" })).toEqual([]);
  });

  it("warns when it closes after the Panel must be told, or opens after the year begins", () => {
    const def = setUp(2028);
    const late = preceptWarnings(def, { title: "Police precept", opensAt: "2028-04-03T09:00:00Z", closesAt: "2028-05-01T17:00:00Z" });
    expect(late.map((w) => w.about)).toEqual(["closes", "opens"]);
    expect(late[0].message).toContain("after 1 February 2028");
    expect(late[1].message).toContain("after 2028/29 has begun");
    const early = preceptWarnings(def, { title: "", opensAt: "2026-12-01T09:00:00Z", closesAt: "2027-01-05T17:00:00Z" });
    expect(early.map((w) => w.message)).toEqual([expect.stringContaining("more than a year before 2028/29 begins")]);
  });

  it("warns when a rise looks like the wrong Band D figure", () => {
    const applied = applyPreceptSetup(template, { year: { start: 2028 }, currentBandD: 29.15, increases: [14], referendumLimit: 14 });
    if (!applied.ok) throw new Error(applied.message);
    const warnings = preceptWarnings(applied.definition, { title: "", opensAt: "2027-11-20T09:00:00Z", closesAt: "2028-01-10T17:00:00Z" });
    expect(warnings.map((w) => w.message)).toEqual([expect.stringContaining("check this year's Band D figure")]);
  });
});
