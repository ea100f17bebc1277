import { aboutYouOptions, ABOUT_YOU_ITEMS } from "../definition/about-you";
import { describeShowIfForPaper } from "../definition/conditions-text";
import { assertNever, type ConsultationDefinition, type Question, type ShowIf } from "../definition/definition";
import { scalePoints } from "../definition/scales";
import { bandEffects, formatPounds, formatWeekly, percentIncrease, type BandEffect } from "../precept/precept-bands";
import type { AnswerValue } from "../responding/answers";
import { isShown } from "../responding/routing";

/**
 * The printed questionnaire, generated from the definition so that paper and online ask exactly
 * the same questions, in the same order, with the same answers. Questions are numbered through
 * the whole form; routing becomes instructions a person can follow with a pen: "If No, go to
 * question 7" beside the answer, and "Answer this only if…" on what is skipped.
 */

export interface PaperChoice {
  label: string;
  hint?: string;
  /** Where to go next after ticking this: a question number, or the end of the questionnaire. */
  goTo?: number | "end";
  /** "Other (please specify)": a line to write on. */
  writeIn?: boolean;
}

export type PaperBody =
  | { kind: "tick"; multiple: boolean; note: string; choices: PaperChoice[] }
  | { kind: "grid"; note: string; columns: string[]; rows: string[] }
  | { kind: "rank"; note: string; items: string[] }
  | { kind: "write"; note: string; lines: number }
  | { kind: "number"; note: string; suffix?: string }
  | { kind: "postcode"; note: string }
  | { kind: "precept"; intro: string; proposals: PaperProposal[]; answer: PaperBody }
  | { kind: "about_you"; parts: { question: string; choices: PaperChoice[] }[] };

export interface PaperProposal {
  label: string;
  summary: string;
  effects: BandEffect[];
}

export interface PaperQuestion {
  number: number;
  id: string;
  title: string;
  hint?: string;
  optional: boolean;
  /** "Answer this question only if you answered "Yes" at question 5." */
  filter?: string;
  body: PaperBody;
  /** The skip instructions in one sentence, also printed under the answers: "If No, go to question 7." */
  routing: string[];
}

export interface PaperSection {
  id: string;
  title: string;
  intro?: string;
  filter?: string;
  questions: PaperQuestion[];
}

export interface PaperQuestionnaire {
  sections: PaperSection[];
  questionCount: number;
}

/** The answer a single-valued choice question stores for an option, to test routing with. */
function answerFor(q: Question, optionId: string): AnswerValue | null {
  switch (q.type) {
    case "single_choice":
      return { type: "single_choice", option: optionId };
    case "scale":
      return { type: "scale", option: optionId };
    case "precept":
      return q.answer === "choose_one" ? { type: "precept", choice: optionId } : null;
    case "multiple_choice":
    case "matrix":
    case "ranking":
    case "free_text":
    case "number":
    case "postcode":
    case "about_you":
      return null;
    default:
      return assertNever(q);
  }
}

interface Placed {
  question: Question;
  pageShowIf?: ShowIf;
  number: number;
}

const conditionsOf = (p: Placed) => [...(p.pageShowIf?.conditions ?? []), ...(p.question.showIf?.conditions ?? [])];

/**
 * Where a respondent goes after choosing `optionId` at `from`: the next question still asked.
 * Later questions are settled in order: one whose conditions (and its page's) refer only to this
 * answer, or to questions already known to be skipped, is shown or skipped for certain; anything
 * else might be asked, so it ends the skip there.
 */
function skipTarget(placed: Placed[], fromIndex: number, optionId: string): number | "end" | null {
  const from = placed[fromIndex].question;
  const answer = answerFor(from, optionId);
  if (!answer) return null;
  const answers = { [from.id]: answer };
  const known = new Set([from.id]);
  for (let i = fromIndex + 1; i < placed.length; i++) {
    const p = placed[i];
    const conditions = conditionsOf(p);
    const settled = conditions.length > 0 && conditions.every((c) => known.has(c.question));
    const shown = !settled || (isShown(p.pageShowIf, answers) && isShown(p.question.showIf, answers));
    if (shown) return i === fromIndex + 1 ? null : p.number;
    known.add(p.question.id);
  }
  return fromIndex === placed.length - 1 ? null : "end";
}

export const goToText = (goTo: number | "end") => (goTo === "end" ? "go to the end of the questionnaire" : `go to question ${goTo}`);

function tickNote(multiple: boolean, min?: number, max?: number): string {
  if (!multiple) return "Tick one box.";
  const limits = [min ? `at least ${min}` : "", max ? `up to ${max}` : ""].filter(Boolean).join(" and ");
  return limits ? `Tick ${limits} boxes.` : "Tick all that apply.";
}

function bodyOf(q: Question, choicesWithRouting: (ids: { id: string; label: string; hint?: string; other?: boolean }[]) => PaperChoice[]): PaperBody {
  switch (q.type) {
    case "single_choice":
      return { kind: "tick", multiple: false, note: tickNote(false), choices: choicesWithRouting(q.options) };
    case "multiple_choice": {
      const choices = q.options.map((o) => ({ label: o.exclusive ? `${o.label} (tick this on its own)` : o.label, hint: o.hint }));
      return { kind: "tick", multiple: true, note: tickNote(true, q.minSelections, q.maxSelections), choices };
    }
    case "scale":
      return { kind: "tick", multiple: false, note: tickNote(false), choices: choicesWithRouting(scalePoints(q.scale, q.dontKnow)) };
    case "matrix":
      return { kind: "grid", note: "Tick one box in each row.", columns: scalePoints(q.scale, q.dontKnow).map((p) => p.label), rows: q.items.map((i) => i.label) };
    case "ranking": {
      const n = q.rankCount ?? q.items.length;
      return {
        kind: "rank",
        note: n === q.items.length ? `Write a number from 1 to ${n} in each box: 1 is the most important.` : `Write 1 to ${n} beside your top ${n}: 1 is the most important. Leave the rest blank.`,
        items: q.items.map((i) => i.label),
      };
    }
    case "free_text":
      return { kind: "write", note: "Please write in the box. Do not include your name, contact details or anything that could identify you or someone else.", lines: Math.min(12, Math.max(4, Math.ceil(q.maxLength / 150))) };
    case "number":
      return {
        kind: "number",
        note: q.min !== undefined && q.max !== undefined ? `Write a ${q.wholeNumber ? "whole " : ""}number from ${q.min} to ${q.max}.` : `Write a ${q.wholeNumber ? "whole " : ""}number.`,
        suffix: q.suffix,
      };
    case "postcode":
      return { kind: "postcode", note: "We only keep the first part, for example DH1." };
    case "precept": {
      const proposals = q.proposals.map((p) => ({
        label: p.label,
        summary: `A Band D home would pay ${formatPounds(p.increase)} more a year (${formatWeekly(p.increase / 52)} a week), an increase of ${percentIncrease(q.currentBandD, p.increase).toFixed(1)}%.${p.requiresReferendum ? " This is above the limit and would need a local referendum." : ""}`,
        effects: bandEffects(q.currentBandD, p.increase),
      }));
      const answer: PaperBody =
        q.answer === "choose_one"
          ? { kind: "tick", multiple: false, note: tickNote(false), choices: choicesWithRouting([...q.proposals.map((p) => ({ id: p.id, label: p.label })), { id: "dont_know", label: "Don't know" }]) }
          : { kind: "grid", note: q.proposals.length > 1 ? "Tick one box for each proposal." : "Tick one box.", columns: ["Support", "Oppose", "Don't know"], rows: q.proposals.map((p) => p.label) };
      return {
        kind: "precept",
        intro: `A Band D home currently pays ${formatPounds(q.currentBandD)} a year for policing. For ${q.year}, the Government allows an increase of up to ${formatPounds(q.referendumLimit)} a year for Band D without a local referendum.`,
        proposals,
        answer,
      };
    }
    case "about_you":
      return {
        kind: "about_you",
        parts: q.fields.map((f) => ({ question: ABOUT_YOU_ITEMS[f].question, choices: aboutYouOptions(f).map((o) => ({ label: o.label })) })),
      };
    default:
      return assertNever(q);
  }
}

export function paperQuestionnaire(def: ConsultationDefinition): PaperQuestionnaire {
  const placed: Placed[] = [];
  for (const page of def.pages) for (const question of page.questions) placed.push({ question, pageShowIf: page.showIf, number: placed.length + 1 });
  const numbers = new Map(placed.map((p) => [p.question.id, p.number]));
  const numberOf = (id: string) => numbers.get(id);

  const questions = placed.map((p, index): PaperQuestion => {
    const q = p.question;
    const routing: string[] = [];
    const withRouting = (options: { id: string; label: string; hint?: string; other?: boolean }[]): PaperChoice[] =>
      options.map((o) => {
        const goTo = skipTarget(placed, index, o.id) ?? undefined;
        if (goTo !== undefined) routing.push(`If ${o.label}, ${goToText(goTo)}.`);
        return { label: o.label, hint: o.hint, goTo, writeIn: o.other || undefined };
      });
    const body = bodyOf(q, withRouting);
    return {
      number: p.number,
      id: q.id,
      title: q.title,
      hint: q.hint,
      optional: !q.required,
      filter: q.showIf ? `Answer this question only if ${describeShowIfForPaper(def, q.showIf, numberOf)}.` : undefined,
      body,
      routing,
    };
  });

  let i = 0;
  const sections = def.pages.map((page) => ({
    id: page.id,
    title: page.title,
    intro: page.intro,
    filter: page.showIf ? `Answer this section only if ${describeShowIfForPaper(def, page.showIf, numberOf)}.` : undefined,
    questions: page.questions.map(() => questions[i++]),
  }));
  return { sections, questionCount: questions.length };
}

