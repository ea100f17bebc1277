import type { AnswerValue } from "./answers";
import { assertNever, type Question } from "../definition/definition";
import { ABOUT_YOU_ITEMS, aboutYouOptions, type AboutYouField } from "../definition/about-you";
import { AUTHORITIES } from "../areas/postcode";
import { scalePoints } from "../definition/scales";
import { supportLabel } from "../precept/precept-support";


/** How an answer reads back to the resident on the check-your-answers page, line by line. */
export function describeAnswer(question: Question, answer: AnswerValue | undefined): string[] {
  if (!answer) return ["Not answered"];
  const label = (options: { id: string; label: string }[], id: string) => options.find((o) => o.id === id)?.label ?? id;
  switch (question.type) {
    case "single_choice": {
      if (answer.type !== "single_choice") break;
      const chosen = label(question.options, answer.option);
      return [answer.other !== undefined ? `${chosen}: ${answer.other}` : chosen];
    }
    case "multiple_choice":
      if (answer.type !== "multiple_choice") break;
      return answer.options.map((id) => label(question.options, id));
    case "scale":
      if (answer.type !== "scale") break;
      return [label(scalePoints(question.scale, question.dontKnow), answer.option)];
    case "matrix": {
      if (answer.type !== "matrix") break;
      const points = scalePoints(question.scale, question.dontKnow);
      return question.items.filter((i) => answer.items[i.id]).map((i) => `${i.label}: ${label(points, answer.items[i.id])}`);
    }
    case "ranking": {
      if (answer.type !== "ranking") break;
      return Object.entries(answer.ranks)
        .sort((a, b) => a[1] - b[1])
        .map(([item, rank]) => `${rank}. ${label(question.items, item)}`);
    }
    case "free_text":
      if (answer.type !== "free_text") break;
      return answer.text.split("\n");
    case "number":
      if (answer.type !== "number") break;
      return [`${answer.value.toLocaleString("en-GB")}${question.suffix ? ` ${question.suffix}` : ""}`];
    case "postcode":
      if (answer.type !== "postcode") break;
      return [
        `${answer.outward} (${AUTHORITIES[answer.authority] ?? "an area we do not recognise"}${answer.area !== "unknown" ? `, ${answer.area}` : ""})`,
      ];
    case "precept": {
      if (answer.type !== "precept") break;
      if (answer.choice !== undefined) {
        return [answer.choice === "dont_know" ? "Don't know" : label(question.proposals, answer.choice)];
      }
      return question.proposals
        .filter((p) => answer.items?.[p.id])
        .map((p) => `${question.proposals.length > 1 ? `${p.label}: ` : ""}${supportLabel(answer.items![p.id])}`);
    }
    case "about_you": {
      if (answer.type !== "about_you") break;
      return (Object.entries(answer.items) as [AboutYouField, string][]).map(
        ([field, id]) => `${ABOUT_YOU_ITEMS[field].question} ${label(aboutYouOptions(field), id)}`,
      );
    }
    default:
      return assertNever(question);
  }
  return ["Not answered"];
}
