/**
 * Free-text anonymisation: personal data is replaced by "[redacted]" before anything is stored.
 * Patterns after Microsoft Presidio's UK recognisers (presidio-analyzer: UkNinoRecognizer,
 * UkPostcodeRecognizer, EmailRecognizer, PhoneRecognizer), for the identifiers the ICO names as
 * personal data ("What is personal data?"; Anonymisation code of practice, 2012). A machine pass cannot catch names or indirect identifiers, so free text is never published
 * automatically; staff read it first.
 */

export const REDACTED = "[redacted]";

const PATTERNS: { kind: string; pattern: RegExp }[] = [
  { kind: "email", pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g },
  {
    kind: "national insurance number",
    pattern: /\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/gi,
  },
  {
    kind: "postcode",
    pattern:
      /\b(?:GIR\s?0AA|[A-PR-UWYZ][0-9][ABCDEFGHJKPSTUW]?\s?[0-9][ABD-HJLNP-UW-Z]{2}|[A-PR-UWYZ][0-9]{2}\s?[0-9][ABD-HJLNP-UW-Z]{2}|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]?\s?[0-9][ABD-HJLNP-UW-Z]{2}|[A-PR-UWYZ][A-HK-Y][0-9]{2}\s?[0-9][ABD-HJLNP-UW-Z]{2})\b/gi,
  },
  {
    kind: "phone number",
    // Separators only between digits, so the space after a number is left alone.
    pattern: /(?:\+44\s?\(?0?\)?\s?|0044\s?|\(?0)\d(?:[\s)-]{0,2}\d){8,9}\b/g,
  },
  // Current (2001+) registrations, e.g. "AB12 CDE", then the older prefix and suffix styles.
  { kind: "vehicle registration", pattern: /\b[A-HJ-PR-Y]{2}(?:0[1-9]|[1-7][0-9])\s?[A-HJ-PR-Z]{3}\b/gi },
  { kind: "vehicle registration", pattern: /\b[A-HJ-NPR-TV-Y]\d{1,3}\s?[A-HJ-PR-Y][A-HJ-PR-Z]{2}\b/g },
  { kind: "vehicle registration", pattern: /\b[A-HJ-PR-Z]{3}\s?\d{1,3}\s?[A-HJ-NPR-TV-Y]\b/g },
];

export interface RedactionResult {
  text: string;
  /** What kinds of personal data were found (never the values themselves). */
  found: string[];
}

export function redact(input: string): RedactionResult {
  let text = input;
  const found = new Set<string>();
  for (const { kind, pattern } of PATTERNS) {
    text = text.replace(pattern, () => {
      found.add(kind);
      return REDACTED;
    });
  }
  return { text, found: [...found] };
}
