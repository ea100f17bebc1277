import { describe, expect, it } from "vitest";
import { QuestionSchema, type Question } from "../definition/definition";
import { indirectQuestion, listOf, missingAnswerMessage, missingRowsMessage, pastTense, secondPerson, wordingOf } from "./error-wording";

const question = (q: Record<string, unknown>): Question => QuestionSchema.parse({ id: "q", ...q });

describe("a question as an indirect question", () => {
  it.each([
    // The issue's own example: the statement is said back to the resident.
    ['How far do you agree: "I receive regular crime prevention advice"?', "how far you agree that you receive regular crime prevention advice"],
    ["To what extent do you agree that the police in my area listen to me?", "to what extent you agree that the police in your area listen to you"],
    ["How far do you agree or disagree with this statement: “I feel safe in my area”?", "how far you agree or disagree that you feel safe in your area"],
    // Subject and verb swap back ("do" goes, "does" and "did" move onto the verb).
    ["How do you usually find out about policing in your area?", "how you usually find out about policing in your area"],
    ["Which of these would you like to see investment in?", "which of these you would like to see investment in"],
    ["How confident are you that the police would deal with a crime you reported?", "how confident you are that the police would deal with a crime you reported"],
    ["How many years have you lived in County Durham or Darlington?", "how many years you have lived in County Durham or Darlington"],
    ["How easy or difficult is it to report issues to the police?", "how easy or difficult it is to report issues to the police"],
    ["How does it affect you?", "how it affects you"],
    ["Why did you not report it?", "why you did not report it"],
    ["Which of these, if any, do you use?", "which of these, if any, you use"],
    ["How much of a priority should tackling anti-social behaviour be?", "how much of a priority tackling anti-social behaviour should be"],
    // The question word is the subject: nothing moves.
    ["Which of these are a problem where you live?", "which of these are a problem where you live"],
    ["What one thing would make you feel safer where you live?", "what one thing would make you feel safer where you live"],
    ["What is your age?", "your age"],
    // Yes or no questions.
    ["Have you been a victim of crime in the last 12 months?", "whether you have been a victim of crime in the last 12 months"],
    ["Did you report it to the police?", "whether you reported it to the police"],
    ["Would you support this increase in the policing precept?", "whether you would support this increase in the policing precept"],
    ["Do you feel safe walking alone after dark?", "whether you feel safe walking alone after dark"],
    // Only the question itself, after any lead-in.
    ["Crime has fallen. How safe do you feel now?", "how safe you feel now"],
    ["Thinking about your area, how safe do you feel?", "how safe you feel, thinking about your area"],
  ])("%s → %s", (title, clause) => {
    expect(indirectQuestion(title)).toBe(clause);
  });

  it("gives up on wording it does not recognise, rather than guess", () => {
    expect(indirectQuestion("Is policing in your area good?")).toBeNull();
    expect(indirectQuestion("Your background")).toBeNull();
  });

  it("puts regular and irregular verbs in the past", () => {
    expect(["report", "use", "try", "stop", "visit", "see", "feel", "prefer"].map(pastTense)).toEqual(["reported", "used", "tried", "stopped", "visited", "saw", "felt", "preferred"]);
  });

  it("says a first-person statement back in the second person, keeping names' capitals", () => {
    expect(secondPerson("I'm worried about my car and I was burgled")).toBe("you're worried about your car and you were burgled");
    expect(secondPerson("The police keep me informed")).toBe("the police keep you informed");
    expect(secondPerson("Durham is safe")).toBe("Durham is safe");
  });
});

describe("the message for a required question left out", () => {
  it("is worded for the kind of answer: select, enter, tell us, rank", () => {
    expect(missingAnswerMessage(question({ type: "scale", scale: "agreement", title: 'How far do you agree: "I receive regular crime prevention advice"?' }))).toBe(
      "Select how far you agree that you receive regular crime prevention advice",
    );
    expect(missingAnswerMessage(question({ type: "number", title: "How many years have you lived here?" }))).toBe("Enter how many years you have lived here");
    expect(missingAnswerMessage(question({ type: "free_text", title: "What would make you feel safer?" }))).toBe("Tell us what would make you feel safer");
    const items = [{ id: "a", label: "A" }, { id: "b", label: "B" }, { id: "c", label: "C" }];
    expect(missingAnswerMessage(question({ type: "ranking", title: "Which matter most to you?", items, rankCount: 2 }))).toBe("Rank your top 2 to say which matter most to you");
    expect(missingAnswerMessage(question({ type: "ranking", title: "Which matter most to you?", items }))).toBe("Give every item a rank to say which matter most to you");
    expect(missingAnswerMessage(question({ type: "postcode", title: "What is your postcode?" }))).toBe("Enter your postcode");
  });

  it("uses an imperative title as it stands, a plain heading as what to select, and quotes anything else", () => {
    const options = [{ id: "a", label: "A" }, { id: "b", label: "B" }];
    expect(missingAnswerMessage(question({ type: "single_choice", title: "Choose the option that suits you best.", options }))).toBe("Choose the option that suits you best");
    expect(missingAnswerMessage(question({ type: "single_choice", title: "Your preferred contact time", options }))).toBe("Select your preferred contact time");
    expect(missingAnswerMessage(question({ type: "single_choice", title: "Is policing in your area good?", options }))).toBe('Select your answer to "Is policing in your area good?"');
    expect(wordingOf("Is policing in your area good?").toSay).toBe('for "Is policing in your area good?"');
  });

  it("is the definition's own errorMessage when it has one", () => {
    const q = question({ type: "single_choice", title: "Did you go?", options: [{ id: "y", label: "Yes" }, { id: "n", label: "No" }], errorMessage: "Select yes if you went to the meeting" });
    expect(missingAnswerMessage(q)).toBe("Select yes if you went to the meeting");
  });

  it("names a matrix's rows still to answer, or none when every row is", () => {
    const q = question({ type: "matrix", scale: "priority", title: "How much of a priority should each of these be?", items: [{ id: "a", label: "Speeding" }, { id: "b", label: "Burglary" }, { id: "c", label: "Fly-tipping" }] });
    if (q.type !== "matrix") throw new Error("matrix");
    expect(missingRowsMessage(q, ["a", "b", "c"])).toBe("Select how much of a priority each of these should be");
    expect(missingRowsMessage(q, ["a", "c"])).toBe("Select how much of a priority each of these should be for Speeding and Fly-tipping");
  });

  it("lists labels with commas of their own apart with semicolons", () => {
    expect(listOf(["A"])).toBe("A");
    expect(listOf(["A", "B", "C"])).toBe("A, B and C");
    expect(listOf(["Safer Communities: drugs, crime", "Safer Roads"])).toBe("Safer Communities: drugs, crime and Safer Roads");
    expect(listOf(["Safer Communities: drugs, crime", "Safer Roads", "Safer Online"])).toBe("Safer Communities: drugs, crime; Safer Roads and Safer Online");
  });
});
