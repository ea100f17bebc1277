/**
 * Words from residents' answers for the classifier and the clusters: lower case, letters and
 * digits only, common English function words left out, and a light suffix stripper so that
 * "speeding", "speeders" and "speed" meet. The stripper follows the first steps of M. F. Porter
 * (1980), "An algorithm for suffix stripping", Program 14(3) (plurals, -ed/-ing, -ly, -er), which
 * is all short comments need; it never has to be a dictionary word, only the same stem each time.
 */

const STOP_WORDS = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves " +
    "im ive dont didnt doesnt isnt wasnt cant couldnt wont wouldnt theres thats its theyre youre weve id ill get got us one really would also much many even still lot like"
  ).split(/\s+/)
);

/** A word's stem: plural, -ed, -ing, -ly and -er endings taken off. */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) w = w.slice(0, -1);
  for (const suffix of ["ingly", "edly", "ing", "ed", "ly", "er"]) {
    // "speed", "need": Porter's step 1b keeps -eed words whole.
    if (suffix === "ed" && w.endsWith("eed")) break;
    if (w.endsWith(suffix) && w.length - suffix.length >= 3 && /[aeiouy]/.test(w.slice(0, -suffix.length))) {
      w = w.slice(0, -suffix.length);
      // "speeding" → "speed", "stopped" → "stop", "hoping" → "hop" (Porter's step 1b clean-up).
      if (/([bdfgmnprt])\1$/.test(w)) w = w.slice(0, -1);
      break;
    }
  }
  return w;
}

/** Tokens of a text, in order, stop words out, stemmed. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const raw of text
    .toLowerCase()
    .replace(/[’']/g, "")
    .split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 2 || STOP_WORDS.has(raw) || /^\d+$/.test(raw)) continue;
    out.push(stem(raw));
  }
  return out;
}

/** Distinct tokens (a set): the classifier counts whether a word is there, not how often. */
export function termSet(text: string): string[] {
  return [...new Set(tokens(text))];
}

/** The first word in the text whose stem is `term`, to show a person a word they can read. */
export function readableTerm(term: string, texts: string[]): string {
  for (const t of texts) {
    for (const raw of t
      .toLowerCase()
      .replace(/[’']/g, "")
      .split(/[^\p{L}\p{N}]+/u)) {
      if (raw.length >= 2 && stem(raw) === term) return raw;
    }
  }
  return term;
}

// Keyword rules: "speeding", "speed*", "101", or a phrase "boy racers". Case does not matter; a
// rule matches whole words, with * at the end of a word matching any ending.

export function ruleRegExp(rule: string): RegExp | null {
  const words = rule
    .toLowerCase()
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/[^\p{L}\p{N}*]/gu, ""))
    .filter(Boolean);
  if (!words.length) return null;
  const pattern = words
    .map((w) =>
      w
        .split("*")
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .join("[\\p{L}\\p{N}]*")
    )
    .join("[^\\p{L}\\p{N}]+");
  return new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, "iu");
}

const compiled = new Map<string, RegExp | null>();

/** The rules of a code that match the text (as written in the codebook). */
export function matchingRules(text: string, rules: string[]): string[] {
  const plain = text.replace(/[’']/g, "");
  return rules.filter((rule) => {
    let re = compiled.get(rule);
    if (re === undefined) {
      re = ruleRegExp(rule);
      // Rules are few and short; the cap only guards against an unbounded stream of new ones.
      if (compiled.size > 5000) compiled.clear();
      compiled.set(rule, re);
    }
    return re?.test(plain) ?? false;
  });
}
