import { describe, expect, it } from "vitest";
import preceptJson from "../../db/templates/precept.json";
import { ConsultationDefinitionSchema, type ConsultationDefinition } from "./definition";
import { diffDefinitions } from "./definition-diff";

const before = ConsultationDefinitionSchema.parse(preceptJson);
const edit = (fn: (d: ConsultationDefinition) => void) => {
  const d = structuredClone(before);
  fn(d);
  return ConsultationDefinitionSchema.parse(d);
};
const investment = (d: ConsultationDefinition) => {
  const q = d.pages[0].questions[0];
  if (q.type !== "multiple_choice") throw new Error("template changed");
  return q;
};

describe("diffDefinitions", () => {
  it("finds nothing when nothing changed", () => {
    expect(diffDefinitions(before, structuredClone(before))).toEqual([]);
  });

  it("reports options added, removed and relabelled; removed ones lose comparability", () => {
    const after = edit((d) => {
      const q = investment(d);
      q.options = q.options.filter((o) => o.id !== "road_safety");
      q.options[0].label = "Neighbourhood policing teams";
      q.options.splice(1, 0, { id: "victims", label: "Support for victims" });
    });
    const changes = diffDefinitions(before, after);
    expect(changes.map((c) => [c.kind, c.optionId, c.breaksComparability])).toEqual([
      ["option_removed", "road_safety", true],
      ["option_relabelled", "neighbourhood_policing", false],
      ["option_added", "victims", true],
    ]);
    expect(changes[0].message).toBe(
      'In "Which of these would you like to see investment in?", the option "Safer roads" is removed: its earlier answers can no longer be compared with new responses.',
    );
  });

  it("reports questions added, removed, reworded and rerouted", () => {
    const after = edit((d) => {
      d.pages[0].questions[1].title = "How important is tackling anti-social behaviour?";
      d.pages[0].questions.splice(0, 1);
      d.pages[0].questions.push({ id: "new_q", type: "postcode", title: "Your postcode", required: false });
    });
    const kinds = diffDefinitions(before, after).map((c) => `${c.kind}:${c.questionId}`);
    expect(kinds).toEqual(["question_removed:investment", "question_relabelled:asb_priority", "question_added:new_q"]);
    const routed = edit((d) => {
      d.pages[1].showIf = { match: "all", conditions: [{ question: "asb_priority", operator: "equals", values: ["high"] }] };
      d.pages[1].questions.forEach((q) => (q.showIf = q.showIf ?? undefined));
    });
    // Page-level routing is not a question change; question-level routing is.
    const qRouted = edit((d) => {
      d.pages[1].questions[0].showIf = { match: "all", conditions: [{ question: "asb_priority", operator: "equals", values: ["high"] }] };
    });
    expect(diffDefinitions(before, routed)).toEqual([]);
    expect(diffDefinitions(before, qRouted).map((c) => c.kind)).toEqual(["routing_changed"]);
  });

  it("treats a scale change as points removed and added", () => {
    const after = edit((d) => {
      const q = d.pages[0].questions[1];
      if (q.type === "scale") q.dontKnow = false;
    });
    const changes = diffDefinitions(before, after);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: "option_removed", optionId: "dont_know", breaksComparability: true });
    expect(changes[0].message).toMatch(/scale point "Don't know" is removed/);
  });
});
