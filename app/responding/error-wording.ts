import { assertNever, type Question } from "../definition/definition";

/**
 * Error messages in the GOV.UK Design System's style, worded from the question itself: a missing
 * radio answer reads "Select how far you agree that you receive regular crime prevention advice",
 * not `Select an answer for "How far do you agree: "I receive …"?"`
 * (https://design-system.service.gov.uk/components/error-message/: "Select [whatever it is]",
 * "Enter [whatever it is]"; say what to do, in the resident's words, without quoting the question).
 *
 * The question's title is turned into an indirect question ("How do you find out …?" → "how you
 * find out …"; "Have you been …?" → "whether you have been …"). The rules cover the phrasings
 * surveys use; a title they do not recognise is quoted instead, and an editor can always give the
 * exact message in the definition (`errorMessage`).
 */

const WH = String.raw`(?:how|which|what|why|when|where|who|whom|whose|to what extent)`;
const AUX = String.raw`(?:do|does|did|am|are|is|was|were|have|has|had|would|will|should|could|can|may|might|must|shall)`;
const SUBJECT = String.raw`(?:you|i|we|they|it|he|she|there)`;
const MODAL_BE = String.raw`(?:should|would|could|will|can|must|might|may)`;

/** Irregular pasts of verbs a survey asks "Did you …?" with; the rest take -ed. */
const IRREGULAR_PAST: Record<string, string> = {
  be: "were", become: "became", buy: "bought", come: "came", do: "did", feel: "felt", find: "found", get: "got", give: "gave", go: "went",
  have: "had", hear: "heard", keep: "kept", know: "knew", leave: "left", lose: "lost", make: "made", meet: "met", pay: "paid", put: "put",
  read: "read", say: "said", see: "saw", sell: "sold", send: "sent", speak: "spoke", spend: "spent", take: "took", tell: "told",
  think: "thought", understand: "understood", write: "wrote", occur: "occurred", prefer: "preferred", refer: "referred",
};

/** "report" → "reported", "use" → "used", "try" → "tried", "stop" → "stopped". */
export function pastTense(verb: string): string {
  const v = verb.toLowerCase();
  if (IRREGULAR_PAST[v]) return IRREGULAR_PAST[v];
  if (v.endsWith("e")) return `${v}d`;
  if (/[^aeiou]y$/.test(v)) return `${v.slice(0, -1)}ied`;
  // One syllable ending consonant-vowel-consonant doubles its last letter (stop, plan, rob).
  if (/^[^aeiou]*[aeiou][^aeiouwxy]$/.test(v)) return `${v}${v.at(-1)}ed`;
  return `${v}ed`;
}

/** "affect" → "affects", "go" → "goes", "worry" → "worries": after "does it …". */
function thirdPerson(verb: string): string {
  const v = verb.toLowerCase();
  if (v === "have") return "has";
  if (/(s|sh|ch|x|z|o)$/.test(v)) return `${v}es`;
  if (/[^aeiou]y$/.test(v)) return `${v.slice(0, -1)}ies`;
  return `${v}s`;
}

/** Words that start a sentence but are not names, so may lose their capital mid-sentence. */
const COMMON_OPENERS = new Set(
  "a an the it its this that these those there their they we our my me you your people police policing crime most some many everyone nobody local officers".split(" "),
);

function lowerFirstWord(text: string): string {
  const first = text.split(/\s/)[0];
  return COMMON_OPENERS.has(first.toLowerCase()) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** A statement in the resident's own voice ("I receive …") as said back to them ("you receive …"). */
export function secondPerson(statement: string): string {
  const swapped = statement
    .replace(/\bI'm\b/g, "you're")
    .replace(/\bI've\b/g, "you've")
    .replace(/\bI'd\b/g, "you'd")
    .replace(/\bI'll\b/g, "you'll")
    .replace(/\bI am\b/g, "you are")
    .replace(/\bI was\b/g, "you were")
    .replace(/\bI\b/g, "you")
    .replace(/\b([Mm])yself\b/g, (_, m: string) => (m === "M" ? "Yourself" : "yourself"))
    .replace(/\b([Mm])ine\b/g, (_, m: string) => (m === "M" ? "Yours" : "yours"))
    .replace(/\b([Mm])y\b/g, (_, m: string) => (m === "M" ? "Your" : "your"))
    .replace(/\b([Mm])e\b/g, (_, m: string) => (m === "M" ? "You" : "you"));
  return lowerFirstWord(swapped);
}

/** Rebuilds "… aux subject rest" as "subject aux rest", the order of an indirect question. */
function uninvert(aux: string, subject: string, rest: string): string {
  const a = aux.toLowerCase();
  const s = subject.toLowerCase() === "i" ? "you" : subject.toLowerCase();
  const words = rest.trim().split(/\s+/).filter(Boolean);
  const negated = words[0]?.toLowerCase() === "not";
  if ((a === "do" || a === "does" || a === "did") && !negated && words.length) {
    // "do you find" → "you find"; "does it affect" → "it affects"; "did you report" → "you reported".
    const verb = a === "did" ? pastTense(words[0]) : a === "does" ? thirdPerson(words[0]) : words[0];
    return [s, verb, ...words.slice(1)].join(" ");
  }
  return [s, a, ...words].join(" ");
}

/**
 * The title as an indirect question, to follow "Select", "Enter" or "Tell us": "How far do you
 * agree: "I receive …"?" → "how far you agree that you receive …". Null when no rule fits.
 */
export function indirectQuestion(title: string): string | null {
  const sentences = title.trim().split(/(?<=[.!?])\s+/);
  const last = sentences[sentences.length - 1];
  if (!last.endsWith("?")) return null;
  const t = last.replace(/\?+$/, "").trim();
  const direct = indirectClause(t);
  if (direct) return direct;
  // "Thinking about your area, how safe do you feel" → "how safe you feel, thinking about your area".
  const lead = t.match(/^([^,]+),\s*(.+)$/);
  const rest = lead ? indirectClause(lead[2]) : null;
  return lead && rest ? `${rest}, ${lead[1].replace(/^([A-Z])(?=[a-z])/, (c) => c.toLowerCase())}` : null;
}

function indirectClause(t: string): string | null {
  let m: RegExpMatchArray | null;

  // "How far do you agree: "I receive …"" / "To what extent do you agree that …"
  m = t.match(/^(how far|to what extent) do you (agree(?: or disagree)?)(?: with (?:this|the following) statement| that| with)?\s*[:,–-]?\s*(.+)$/i);
  if (m) {
    const statement = m[3].replace(/^["“‘']+|["”’'.]+$/g, "").trim();
    return `${m[1].toLowerCase()} you ${m[2].toLowerCase()} that ${secondPerson(statement)}`;
  }
  // "What is your age" → "your age".
  m = t.match(/^what (?:is|are) ((?:your|the|their|our) .+)$/i);
  if (m) return m[1];
  // "How many years have you lived …" → "how many years you have lived …".
  m = t.match(new RegExp(String.raw`^(${WH}\b[^:;"“]*?)\s+(${AUX})\s+(${SUBJECT})\b(.*)$`, "i"));
  if (m) return `${lowerWh(m[1])} ${uninvert(m[2], m[3], m[4])}`;
  // "How much of a priority should tackling crime be" → "how much of a priority tackling crime should be".
  m = t.match(new RegExp(String.raw`^(${WH}\b[^:;"“]*?)\s+(${MODAL_BE})\s+(.+)\s+be$`, "i"));
  if (m) return `${lowerWh(m[1])} ${m[3]} ${m[2].toLowerCase()} be`;
  // "Which of these are a problem …": the question word is the subject; nothing moves.
  m = t.match(new RegExp(String.raw`^(${WH}\b.*)$`, "i"));
  if (m) return lowerWh(m[1]);
  // "Have you been a victim …" → "whether you have been a victim …".
  m = t.match(new RegExp(String.raw`^(${AUX})\s+(${SUBJECT})\b(.*)$`, "i"));
  if (m) return `whether ${uninvert(m[1], m[2], m[3])}`;
  return null;
}

function lowerWh(phrase: string): string {
  return phrase.charAt(0).toLowerCase() + phrase.slice(1);
}

/** Question titles that are not questions: "Your background", "Choose your top three". */
const IMPERATIVE = /^(select|choose|tell|enter|give|rank|rate|pick|describe|list|name|say)\b/i;

export interface Wording {
  /** What the resident is asked, to follow "Select" or "Enter": "how you find out about …". */
  what: string;
  /** "to say how you find out about …", for messages that count answers. */
  toSay: string;
}

/** The words messages use for a question, derived from its title. */
export function wordingOf(title: string): Wording {
  const clause = indirectQuestion(title);
  if (clause) return { what: clause, toSay: `to say ${clause}` };
  const plain = title.trim().replace(/[.?]+$/, "");
  if (!title.trim().endsWith("?") && !IMPERATIVE.test(plain)) {
    const phrase = lowerFirstWord(plain);
    return { what: phrase, toSay: `for ${phrase}` };
  }
  return { what: `your answer to "${title.trim()}"`, toSay: `for "${title.trim()}"` };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "A", "A and B", "A, B and C"; labels with commas of their own are kept apart with semicolons. */
export function listOf(labels: string[]): string {
  if (labels.length <= 1) return labels.join("");
  const sep = labels.some((l) => l.includes(",")) ? "; " : ", ";
  return `${labels.slice(0, -1).join(sep)} and ${labels[labels.length - 1]}`;
}

/**
 * The message when a required question is not answered: the definition's own `errorMessage`, or
 * one worded from the title by the kind of answer it takes.
 */
export function missingAnswerMessage(question: Question): string {
  if (question.errorMessage) return question.errorMessage;
  const title = question.title.trim();
  // An imperative title already says what to do.
  if (IMPERATIVE.test(title)) return capitalise(title.replace(/[.]+$/, ""));
  const { what, toSay } = wordingOf(title);
  switch (question.type) {
    case "single_choice":
    case "multiple_choice":
    case "scale":
    case "matrix":
    case "precept":
    case "about_you":
      return `Select ${what}`;
    case "ranking": {
      const rankCount = question.rankCount ?? question.items.length;
      return rankCount === question.items.length ? `Give every item a rank ${toSay}` : `Rank your top ${rankCount} ${toSay}`;
    }
    case "free_text":
      return `Tell us ${what}`;
    case "number":
      return `Enter ${what}`;
    case "postcode":
      return "Enter your postcode";
    default:
      return assertNever(question);
  }
}

/** One message for a matrix with rows left unanswered: all of them, or naming the ones still missing. */
export function missingRowsMessage(question: Question & { items: { id: string; label: string }[] }, missing: string[]): string {
  const base = missingAnswerMessage(question);
  if (missing.length === question.items.length) return base;
  const labels = question.items.filter((i) => missing.includes(i.id)).map((i) => i.label);
  return `${base.replace(/[.]+$/, "")} for ${listOf(labels)}`;
}
