import { describe, expect, it } from "vitest";
import { describeConditionAgainst, describeShowIf } from "../definition/conditions-text";
import { TEMPLATES } from "./templates";
import { idFrom, pageFromForm, parseIntent } from "./builder";
import { builderTargets } from "./routing-targets";

describe("routing without typing ids", () => {
  const survey = TEMPLATES.survey.definition;
  const targets = builderTargets(survey, 3);

  it("offers earlier questions with their answers labelled, and reads ticked boxes as the condition's answers", () => {
    const victim = targets.find((t) => t.id === "victim")!;
    expect(victim.groups).toEqual([{ item: "", itemLabel: "", values: [{ id: "yes", label: "Yes" }, { id: "no", label: "No" }, { id: "prefer_not_to_say", label: "Prefer not to say" }] }]);
    // A grid offers its rows as parts.
    expect(targets.find((t) => t.id === "plan_priorities")!.groups[0].itemLabel).toBe("Safer Communities: anti-social behaviour, drugs and neighbourhood crime");
    const page = pageFromForm({ title: ["Reporting"], "conditions-0-question": ["victim"], "conditions-0-operator": ["any_of"], "conditions-0-values": ["yes", "prefer_not_to_say"] }, { kind: "save" });
    expect(page.showIf).toEqual({ match: "all", conditions: [{ question: "victim", item: undefined, operator: "any_of", values: ["yes", "prefer_not_to_say"] }] });
    expect(parseIntent("refresh")).toEqual({ kind: "refresh" });
  });

  it("lists each condition in words", () => {
    expect(describeConditionAgainst(targets, { question: "victim", operator: "any_of", values: ["yes", "prefer_not_to_say"] })).toBe('Shown if "Have you been a victim of crime in the last 12 months?" is "Yes" or "Prefer not to say"');
    expect(describeConditionAgainst(targets, { question: "plan_priorities", item: "safer_roads", operator: "equals", values: ["high"] })).toBe('Shown if "How much of a priority should each of these be?", for "Safer Roads: speeding and dangerous driving", is "High priority"');
    expect(describeConditionAgainst(targets, { question: "victim", values: [] })).toBeNull();
    expect(describeShowIf(survey, survey.pages[3].showIf!)).toBe('Shown if "Have you been a victim of crime in the last 12 months?" is "Yes"');
  });

  it("makes readable ids from whole words, not cut at 40 characters", () => {
    const long = "How confident are you that the police in your area would respond quickly in an emergency?";
    const id = idFrom(long, []);
    expect(id).toBe("how_confident_are_you_that_the_police_in_your_area_would");
    expect(id.length).toBeLessThanOrEqual(60);
    expect(idFrom(long, [id])).toBe(`${id}_2`);
  });
});
