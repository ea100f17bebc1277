import { describe, expect, it } from "vitest";
import { TEMPLATES } from "../builder/templates";
import { openingCheck } from "./opening-check";

describe("check before you open", () => {
  it("the survey: counts, routing in words, no precept", () => {
    const check = openingCheck(TEMPLATES.survey.definition, { title: "Police and Crime Survey 2027", opensAt: null, closesAt: "2027-03-01T17:00:00Z", now: new Date("2027-01-05T10:00:00Z") });
    expect(check).toMatchObject({ pages: 9, questions: 12, closes: "5:00pm GMT on 1 March 2027", precept: [], warnings: [] });
    expect(check.routing).toEqual([
      { where: 'Page 4, "Reporting the crime"', rule: 'Shown if "Have you been a victim of crime in the last 12 months?" is "Yes"' },
      { where: 'Page 5, "Why it was not reported"', rule: 'Shown if "Did you report it to the police?" is "No"' },
    ]);
  });

  it("the untouched precept template, for 2028/29: last years' figures and no closing date are warned about", () => {
    const check = openingCheck(TEMPLATES.precept.definition, { title: "Police precept 2028/29", opensAt: null, closesAt: null, now: new Date("2027-11-20T10:00:00Z") });
    expect(check.precept).toEqual([
      { question: "Would you support this increase in the policing precept?", year: "2022/23", bandD: "£230.24", limit: "£10.00", proposals: ["An increase of £10 a year for a Band D home: £10.00 a year at Band D (4.3%)"] },
    ]);
    expect(check.warnings).toEqual([
      "There is no closing date: set one so residents know how long they have",
      "The title names 2028/29, but the precept figures are for 2022/23",
      expect.stringContaining("consultations now are normally for 2028/29"),
    ]);
  });
});
