import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allQuestionTypes, completeAnswers, testDistricts } from "../../tests/fixtures";
import { answerRows, canonicalNumber, countKeys, redactionsIn, type Answers } from "./answers";
import { answerToFormValues, formValuesFrom, type FormValues } from "./form-values";
import { checkResponse, parseQuestion, typedLength, validatePage } from "./validation";
import { findQuestion, type Question, type QuestionOf, type QuestionType } from "../definition/definition";

const def = allQuestionTypes();
const question = <T extends QuestionType>(id: string, type: T): QuestionOf<T> => {
  const q = findQuestion(def, id);
  if (q?.type !== type) throw new Error(`${id} is not a ${type}`);
  return q as QuestionOf<T>;
};
const parse = (q: Question, values: FormValues) => parseQuestion(q, values, testDistricts);
/** The messages and the fields they link to. */
const errorsOf = (q: Question, values: FormValues) => parse(q, values).errors.map((e) => `${e.field}: ${e.message}`);
const valueOf = (q: Question, values: FormValues) => {
  const result = parse(q, values);
  expect(result.errors).toEqual([]);
  return result.value;
};


describe("single choice", () => {
  const q = question("find_out", "single_choice");
  it("asks for an answer, and only one of the options shown, in the question's own words", () => {
    expect(errorsOf(q, {})).toEqual(["find_out: Select how you usually find out about policing in your area"]);
    expect(errorsOf(q, { find_out: ["  "] })).toEqual(["find_out: Select how you usually find out about policing in your area"]);
    expect(errorsOf(q, { find_out: ["carrier_pigeon"] })).toEqual(["find_out: Select how you usually find out about policing in your area from the options shown"]);
  });

  it("uses the definition's own message when it gives one", () => {
    expect(errorsOf({ ...q, errorMessage: "Select where you hear about policing" }, {})).toEqual(["find_out: Select where you hear about policing"]);
  });

  it('needs the "Other" text only when Other is chosen', () => {
    expect(valueOf(q, { find_out: ["social_media"], "find_out.other": ["ignored"] })).toEqual({ type: "single_choice", option: "social_media" });
    expect(errorsOf(q, { find_out: ["other"] })).toEqual(["find_out-other: Tell us how you usually find out about policing in your area"]);
    expect(errorsOf(q, { find_out: ["other"], "find_out.other": ["x".repeat(201)] })).toEqual(["find_out-other: Your answer must be 200 characters or fewer"]);
    expect(valueOf(q, { find_out: ["other"], "find_out.other": [" Parish newsletter "] })).toEqual({ type: "single_choice", option: "other", other: "Parish newsletter" });
  });

  it('redacts personal data in the "Other" text and records what kind', () => {
    expect(valueOf(q, { find_out: ["other"], "find_out.other": ["ask jo@example.com"] })).toEqual({
      type: "single_choice",
      option: "other",
      other: "ask [redacted]",
      redacted: ["email"],
    });
  });

  it("may be left out when optional", () => {
    expect(parse({ ...q, required: false }, {})).toEqual({ errors: [] });
  });
});

describe("multiple choice", () => {
  const q = question("concerns", "multiple_choice");
  const what = "which of these are a problem where you live";

  it.each([
    [[], `Select ${what}`],
    [["asb", "martians"], `Select ${what} from the options shown`],
    [["asb", "asb"], `Select each option only once to say ${what}`],
    [["asb", "none"], 'Select "None of these" on its own, or untick it to choose other answers'],
    [["asb"], `Select at least 2 answers to say ${what}`],
    [["asb", "speeding", "burglary", "fly_tipping"], `Select up to 3 answers to say ${what}`],
  ])("rejects %j", (chosen, message) => {
    expect(errorsOf(q, { concerns: chosen })).toEqual([`concerns: ${message}`]);
  });

  it('accepts "None of these" on its own despite the minimum, and keeps the definition\'s order', () => {
    expect(valueOf(q, { concerns: ["none"] })).toEqual({ type: "multiple_choice", options: ["none"] });
    expect(valueOf(q, { concerns: ["burglary", "asb"] })).toEqual({ type: "multiple_choice", options: ["asb", "burglary"] });
  });
});

describe("scale", () => {
  it("asks for one of its points; don't know only where offered", () => {
    const priority = question("asb_priority", "scale");
    expect(errorsOf(priority, {})).toEqual(["asb_priority: Select how much of a priority tackling anti-social behaviour should be"]);
    expect(errorsOf(priority, { asb_priority: ["urgent"] })).toEqual(["asb_priority: Select how much of a priority tackling anti-social behaviour should be from the options shown"]);
    expect(valueOf(priority, { asb_priority: ["dont_know"] })).toEqual({ type: "scale", option: "dont_know" });
    const confidence = question("confidence", "scale");
    expect(confidence.dontKnow).toBe(false);
    expect(errorsOf(confidence, { confidence: ["dont_know"] })).toHaveLength(1);
  });
});

describe("matrix", () => {
  const q = question("issue_priorities", "matrix");
  const rows = (answered: Record<string, string>) => Object.fromEntries(Object.entries(answered).map(([item, v]) => [`issue_priorities.${item}`, [v]]));
  it("gives one message for the whole matrix, linked to the first row still to answer", () => {
    expect(errorsOf(q, {})).toEqual(["issue_priorities-asb: Select how much of a priority each of these should be"]);
    expect(errorsOf(q, rows({ asb: "high", drug_dealing: "high", burglary: "low" }))).toEqual([
      "issue_priorities-speeding: Select how much of a priority each of these should be for Speeding and Fly-tipping",
    ]);
    expect(errorsOf(q, rows({ asb: "high", drug_dealing: "high", speeding: "low", burglary: "low" }))).toEqual([
      "issue_priorities-fly_tipping: Select how much of a priority each of these should be for Fly-tipping",
    ]);
    // A definition's own message is kept, with the rows still missing added.
    expect(errorsOf({ ...q, errorMessage: "Select a priority for each issue" }, rows({ asb: "high", drug_dealing: "high", speeding: "low", fly_tipping: "low" }))).toEqual([
      "issue_priorities-burglary: Select a priority for each issue for Burglary",
    ]);
  });
  it("refuses a value no form offers, naming the row", () => {
    expect(errorsOf(q, rows({ asb: "high", drug_dealing: "high", speeding: "fast", burglary: "low" }))).toEqual(["issue_priorities-speeding: Select one of the options shown for Speeding"]);
  });
  it("stores every row, and partial rows when optional", () => {
    expect(valueOf({ ...q, required: false }, { "issue_priorities.asb": ["high"] })).toEqual({ type: "matrix", items: { asb: "high" } });
    expect(parse({ ...q, required: false }, {})).toEqual({ errors: [] });
  });
});

describe("ranking", () => {
  const q = question("plan_sections", "ranking");
  const f = (ranks: Record<string, string>) => Object.fromEntries(Object.entries(ranks).map(([item, r]) => [`plan_sections.${item}`, [r]]));

  it.each([
    [{}, "plan_sections-safer_communities: Rank your top 3 to say which three parts of the plan matter most to you"],
    [{ safer_roads: "4" }, "plan_sections-safer_roads: Choose a rank from 1 to 3 for Safer Roads"],
    [{ safer_roads: "first" }, "plan_sections-safer_roads: Choose a rank from 1 to 3 for Safer Roads"],
    [{ safer_roads: "1.5" }, "plan_sections-safer_roads: Choose a rank from 1 to 3 for Safer Roads"],
    [{ safer_roads: "1", safer_people: "2", safer_online: "1" }, "plan_sections-safer_roads: You have given more than one item rank 1. Give each rank to one item only"],
    [{ safer_roads: "1", safer_people: "2" }, "plan_sections-safer_communities: Give rank 3 to an item (rank your top 3)"],
    [{ safer_roads: "3" }, "plan_sections-safer_communities: Give rank 1, 2 to an item (rank your top 3)"],
  ])("rejects %j", (ranks, message) => {
    expect(errorsOf(q, f(ranks))).toEqual([message]);
  });

  it("stores the top N by item id; the rest stay unranked", () => {
    expect(valueOf(q, f({ safer_roads: "1", safer_people: "2", safer_online: "3", safer_business: "" }))).toEqual({
      type: "ranking",
      ranks: { safer_online: 3, safer_people: 2, safer_roads: 1 },
    });
  });
});

describe("free text", () => {
  const q = question("feel_safer", "free_text");

  it("asks for an answer when required, and enforces the limit on the server", () => {
    expect(errorsOf(q, {})).toEqual(["feel_safer: Tell us what one thing would make you feel safer where you live"]);
    expect(errorsOf(q, { feel_safer: ["é".repeat(201)] })).toEqual(["feel_safer: Your answer must be 200 characters or fewer"]);
    expect(valueOf(q, { feel_safer: ["é".repeat(200)] })).toMatchObject({ text: "é".repeat(200) });
    expect(errorsOf(question("comments", "free_text"), { comments: ["x".repeat(1001)] })).toEqual(["comments: Your answer must be 1,000 characters or fewer"]);
  });

  it("counts characters, not UTF-16 units, and a line break as one", () => {
    expect(valueOf(q, { feel_safer: ["🚓".repeat(100) + "\r\n" + "x".repeat(99)] })).toMatchObject({ type: "free_text" });
  });

  it("replaces personal data with [redacted] before it is kept", () => {
    expect(valueOf(q, { feel_safer: ["Call 07700 900123, car AB12 CDE outside DH1 3HP"] })).toEqual({
      type: "free_text",
      text: "Call [redacted], car [redacted] outside [redacted]",
      redacted: ["postcode", "phone number", "vehicle registration"],
    });
  });

  it("is optional when marked so", () => {
    expect(parse(question("comments", "free_text"), { comments: [""] })).toEqual({ errors: [] });
  });
});

describe("number", () => {
  const q = question("years_lived", "number");
  const what = "how many years you have lived in County Durham or Darlington";

  it.each([
    [undefined, `Enter ${what}`],
    ["ten", `Enter ${what} as a number, like 12`],
    ["1e3", `Enter ${what} as a number, like 12`],
    ["2.5", `Enter ${what} as a whole number`],
    ["111", "Enter a number between 0 and 110"],
    ["-1", "Enter a number between 0 and 110"],
    ["1234567890123456", `Enter ${what} as a number with 15 digits or fewer`],
  ])("rejects %j", (raw, message) => {
    expect(errorsOf(q, raw === undefined ? {} : { years_lived: [raw] })).toEqual([`years_lived: ${message}`]);
  });

  it("states a one-sided limit", () => {
    expect(errorsOf({ ...q, max: undefined }, { years_lived: ["-3"] })).toEqual(["years_lived: Enter a number that is 0 or more"]);
    expect(errorsOf({ ...q, min: undefined }, { years_lived: ["300"] })).toEqual(["years_lived: Enter a number that is 110 or less"]);
  });

  it("accepts thousands separators and decimals where allowed", () => {
    expect(valueOf({ ...q, max: undefined }, { years_lived: ["1,024"] })).toEqual({ type: "number", value: 1024 });
    expect(valueOf({ ...q, wholeNumber: false }, { years_lived: ["2.5"] })).toEqual({ type: "number", value: 2.5 });
  });
});

describe("where you live", () => {
  const q = question("postcode", "postcode");

  it("keeps only the outward code, mapped to an authority and area", () => {
    expect(valueOf(q, { postcode: ["dh1 3hp"] })).toEqual({ type: "postcode", outward: "DH1", authority: "durham", area: "Durham City" });
    expect(valueOf(q, { postcode: ["DL3"] })).toEqual({ type: "postcode", outward: "DL3", authority: "darlington", area: "Darlington west" });
  });

  it("records an outside-area or unknown district as such", () => {
    expect(valueOf(q, { postcode: ["DH4 5AA"] })).toMatchObject({ authority: "outside" });
    expect(valueOf(q, { postcode: ["SW1A 1AA"] })).toEqual({ type: "postcode", outward: "SW1A", authority: "unknown", area: "unknown" });
  });

  it("gives a clear error for a malformed postcode, or a missing one when required", () => {
    expect(errorsOf(q, { postcode: ["not a postcode"] })).toEqual(["postcode: Enter a real postcode, like DH1 3HP"]);
    expect(errorsOf({ ...q, required: true }, {})).toEqual(["postcode: Enter your postcode"]);
    expect(parse(q, {})).toEqual({ errors: [] });
  });
});

describe("precept", () => {
  const q = question("precept_support", "precept");

  it("asks for support, opposition or don't know on each proposal", () => {
    expect(errorsOf(q, {})).toEqual([
      "precept_support-increase_10: Select whether you support an increase of £10 a year for a Band D home",
      "precept_support-increase_14: Select whether you support an increase of £14 a year for a Band D home",
    ]);
    expect(errorsOf({ ...q, proposals: q.proposals.slice(0, 1) }, {})).toEqual(["precept_support-increase_10: Select whether you would support this increase"]);
    expect(errorsOf(q, { "precept_support.increase_10": ["maybe"], "precept_support.increase_14": ["support"] })).toEqual([
      "precept_support-increase_10: Select support, oppose or don't know",
    ]);
  });

  it("or a choice among the proposals", () => {
    const one = { ...q, answer: "choose_one" as const };
    expect(errorsOf(one, {})).toEqual(["precept_support: Select whether you would support this increase"]);
    expect(errorsOf(one, { precept_support: ["increase_99"] })).toEqual(["precept_support: Select whether you would support this increase from the options shown"]);
    expect(valueOf(one, { precept_support: ["dont_know"] })).toEqual({ type: "precept", choice: "dont_know" });
  });
});

describe("about you", () => {
  const q = question("about_you", "about_you");
  it("is optional item by item, with prefer not to say, and only the options shown", () => {
    expect(parse(q, {})).toEqual({ errors: [] });
    expect(valueOf(q, { "about_you.sex": ["prefer_not_to_say"] })).toEqual({ type: "about_you", items: { sex: "prefer_not_to_say" } });
    expect(errorsOf(q, { "about_you.age": ["42"] })).toEqual(["about_you-age: Select your age from the options shown"]);
  });
});

describe("a submitted page", () => {
  const page = (id: string) => def.pages.find((p) => p.id === id)!;

  it("rejects fields the page does not ask for, and repeated single answers", () => {
    const values = { victim: ["yes", "no"], reported: ["no"] };
    expect(validatePage(def, page("experience"), values, {}, testDistricts).errors.map((e) => e.message)).toEqual([
      "The form sent a field this page does not ask for (reported). Reload the page and try again",
      "The form sent more than one answer where one is expected (victim). Reload the page and try again",
    ]);
  });

  it("validates only the questions the route shows", () => {
    // satisfaction is shown only to those who reported a crime
    const values = { prevention_advice: ["neither"], confidence: ["very_confident"] };
    const result = validatePage(def, page("contact"), values, { reported: { type: "single_choice", option: "no" } }, testDistricts);
    expect(result.errors).toEqual([]);
    const shown = validatePage(def, page("contact"), values, { reported: { type: "single_choice", option: "yes" } }, testDistricts);
    expect(shown.errors.map((e) => e.field)).toEqual(["satisfaction"]);
  });

  it("reads FormData entries, skipping files", () => {
    const form = new FormData();
    form.append("concerns", "asb");
    form.append("concerns", "speeding");
    form.append("upload", new Blob(["x"]));
    expect(formValuesFrom(form.entries())).toEqual({ concerns: ["asb", "speeding"] });
  });
});

describe("a whole response", () => {
  it("passes when complete, and comes back exactly as it should be stored", () => {
    const result = checkResponse(def, completeAnswers, testDistricts);
    expect(result.errors).toEqual([]);
    expect(result.answers).toEqual(completeAnswers);
  });

  it("drops answers the route hides and answers to questions it does not have", () => {
    const answers: Answers = { ...completeAnswers, victim: { type: "single_choice", option: "no" }, stale: { type: "scale", option: "high" } };
    const result = checkResponse(def, answers, testDistricts);
    expect(result.errors).toEqual([]);
    expect(Object.keys(result.answers)).not.toContain("reported");
    expect(Object.keys(result.answers)).not.toContain("why_not");
    expect(Object.keys(result.answers)).not.toContain("stale");
  });

  it("rejects a missing required answer, an answer of the wrong type and an unknown option", () => {
    const { feel_safer: _, ...missing } = completeAnswers;
    expect(checkResponse(def, missing, testDistricts).errors.map((e) => e.field)).toEqual(["feel_safer"]);
    expect(checkResponse(def, { ...completeAnswers, victim: { type: "scale", option: "yes" } }, testDistricts).errors[0].message).toBe(
      'The answer to "Have you been a victim of crime in the last 12 months?" is not a single choice answer',
    );
    const unknownItem = { ...completeAnswers, plan_sections: { type: "ranking", ranks: { safer_mars: 1, safer_roads: 2, safer_people: 3 } } } as Answers;
    expect(checkResponse(def, unknownItem, testDistricts).errors.map((e) => e.message)).toEqual([
      "The form sent a field this page does not ask for (plan_sections.safer_mars). Reload the page and try again",
      "Give rank 1 to an item (rank your top 3)",
    ]);
  });

  it("re-validates redacted text that is now longer than the limit the resident met", () => {
    const typed = `${"x".repeat(190)} a@b.uk`; // 197 characters; "[redacted]" makes it 201
    const page = def.pages.find((p) => p.id === "anything-else")!;
    const first = validatePage(def, page, { feel_safer: [typed] }, {}, testDistricts);
    expect(first.errors).toEqual([]);
    const stored = first.answers.feel_safer;
    expect(stored).toEqual({ type: "free_text", text: `${"x".repeat(190)} [redacted]`, redacted: ["email"] });
    const result = checkResponse(def, { ...completeAnswers, feel_safer: stored }, testDistricts);
    expect(result.errors).toEqual([]);
    expect(result.answers.feel_safer).toEqual(stored);
    expect(redactionsIn(result.answers)).toEqual(["email"]);
  });

  it("reads small and large numbers back exactly", () => {
    for (const value of [1e-7, 0.1, 123456789012345, -2.25, 0, -0, 1e21, -3.5e-12]) {
      expect(canonicalNumber(value)).not.toMatch(/e/);
      expect(Number(canonicalNumber(value))).toBe(value === 0 ? 0 : value);
    }
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = canonicalNumber(value);
        expect(text).toMatch(/^-?\d+(\.\d+)?$/);
        // Wherever the locale formatter it replaced was exact, the same digits; it rounded to 20
        // decimal places, so where it was not (0.0000010000000000000002), these are the exact ones.
        const before = value === 0 ? "0" : value.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 });
        if (Number(before) === value) expect(text).toBe(before);
        else if (Math.abs(value) >= 1e-6) expect(Number(text)).toBe(value);
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }).filter((v) => v === 0 || Math.abs(v) >= 1e-6), (value) => {
        const text = canonicalNumber(value);
        expect(text).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(text)).toBe(value === 0 ? 0 : value);
      }),
    );
  });

  it("counts a redacted token as one typed character", () => {
    expect(typedLength("ab [redacted]")).toBe(4);
    expect(typedLength("🚓")).toBe(1);
  });
});

describe("answer rows", () => {
  it("store every type by question id, item id and option id", () => {
    const rows = Object.entries(completeAnswers).flatMap(([id, a]) => answerRows(id, a).map((r) => `${r.question_id}/${r.item_id}/${r.option_id}/${r.value_num ?? ""}/${r.value_text ?? ""}`));
    expect(rows).toEqual([
      "find_out//local_news//",
      "concerns//asb//",
      "concerns//speeding//",
      "asb_priority//high//",
      "issue_priorities/asb/high//",
      "issue_priorities/drug_dealing/high//",
      "issue_priorities/speeding/medium//",
      "issue_priorities/fly_tipping/low//",
      "issue_priorities/burglary/dont_know//",
      "plan_sections/safer_roads/1/1/",
      "plan_sections/safer_communities/2/2/",
      "plan_sections/safer_people/3/3/",
      "victim//yes//",
      "reported//no//",
      "why_not//too_trivial//",
      "why_not//fear//",
      "prevention_advice//tend_to_disagree//",
      "confidence//fairly_confident//",
      "precept_support/increase_10/support//",
      "precept_support/increase_14/oppose//",
      "postcode//durham//DH1",
      "postcode/area/Durham City//",
      "postcode/district/DH1//",
      "years_lived//23/23/",
      "about_you/age/35_44//",
      "about_you/ethnicity/prefer_not_to_say//",
      "feel_safer////More patrols at night",
    ]);
    expect(answerRows("find_out", { type: "single_choice", option: "other", other: "Parish newsletter" })[0].value_text).toBe("Parish newsletter");
    expect(answerRows("p", { type: "precept", choice: "increase_10" }).map((r) => r.option_id)).toEqual(["increase_10"]);
  });

  it("give each response one base per question and per item", () => {
    const keys = countKeys(answerRows("concerns", { type: "multiple_choice", options: ["asb", "speeding"] })).map((k) => `${k.item_id}/${k.option_id}`);
    expect(keys).toEqual(["/*", "/asb", "/speeding"]);
    expect(countKeys(answerRows("feel_safer", { type: "free_text", text: "x", redacted: [] })).map((k) => k.option_id)).toEqual(["*"]);
  });

  it("fill a form back in from a stored answer", () => {
    const q = findQuestion(def, "plan_sections")!;
    expect(answerToFormValues(q, completeAnswers.plan_sections)).toEqual({ "plan_sections.safer_roads": ["1"], "plan_sections.safer_communities": ["2"], "plan_sections.safer_people": ["3"] });
    expect(answerToFormValues(q, undefined)).toEqual({});
  });
});
