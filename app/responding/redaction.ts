/**
 * Free-text anonymisation: personal data is replaced by "[redacted]" before anything is stored.
 * Patterns: ICO, "Anonymisation, pseudonymisation and privacy enhancing technologies guidance"
 * (direct identifiers), and the UK recognisers of Microsoft Presidio (phone, postcode, NHS and NI
 * numbers, vehicle registrations), widened for the ways people actually write them (issue 12):
 *
 * - separators anywhere in a number: spaces (one or several), dots, hyphens, brackets
 *   ("07700.900.123", "0 7 7 0 0 9 0 0 1 2 3", "JG-10-37-59-A", "DH1  3LE");
 * - full-width forms ("name＠example.com", "０７７００…"), other Unicode spaces and dashes:
 *   matched as their ASCII equivalents (the text is folded, one character for one, so what is
 *   kept is exactly what the resident typed);
 * - email addresses spelled out ("name dot person at example dot com", "name(at)example(dot)org");
 * - spaced-out letters ("j o @ e x a m p l e . c o m", "D H 1 3 L E"): a run of single characters
 *   separated by spaces is checked with the spaces taken out.
 *
 * Limits (docs/statistics.md, "Redaction"): a machine pass cannot catch names, addresses written
 * in words, dates of birth, or anything identifying only in context ("the vicar of St Mary's"),
 * nor numbers split by words ("oh seven seven..."). So free text is never published
 * automatically; staff read it first. Ordinary numbers are left alone ("£10 a year", "2027/28",
 * "Band D", "30mph", "101", "999"): a phone number must start with 0 or +44 and have 10 or 11
 * digits.
 */

export const REDACTED = "[redacted]";

/** Top-level domains accepted after a spelled-out "dot" (so "meet at the park" is prose). */
const TLDS = "com|org|net|uk|gov|ac|co|nhs|police|edu|info|io|me|biz|eu|scot|wales|cymru|london|email|online";
const DOT = String.raw`(?:\s*(?:\(dot\)|\[dot\])\s*|\s+dot\s+|\.)`;
const AT = String.raw`(?:\s*(?:\(at\)|\[at\]|@)\s*|\s+at\s+)`;

/** Separators people put inside numbers and codes. */
const SEP = String.raw`[\s.\-()]`;

const PATTERNS: { kind: string; pattern: RegExp }[] = [
  { kind: "email", pattern: /[A-Za-z0-9._%+-]+\s*@\s*[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  // Spelled out: a name, "at" (or (at)), a domain, at least one "dot" and a known top-level domain.
  {
    kind: "email",
    pattern: new RegExp(String.raw`\b[A-Za-z0-9._%+-]+(?:${DOT}[A-Za-z0-9_%+-]+)*${AT}[A-Za-z0-9-]+(?:${DOT}[A-Za-z0-9-]+)*${DOT}(?:${TLDS})\b`, "gi"),
  },
  // Upper case throughout, or lower case throughout ("we 1000 12 D" is prose, not a number).
  {
    kind: "national insurance number",
    pattern: new RegExp(String.raw`\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]${SEP}{0,3}\d{2}${SEP}{0,3}\d{2}${SEP}{0,3}\d{2}${SEP}{0,3}[A-D]\b`, "g"),
  },
  {
    kind: "national insurance number",
    pattern: new RegExp(String.raw`\b(?!bg|gb|kn|nk|nt|tn|zz)[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z]${SEP}{0,3}\d{2}${SEP}{0,3}\d{2}${SEP}{0,3}\d{2}${SEP}{0,3}[a-d]\b`, "g"),
  },
  {
    kind: "postcode",
    pattern: new RegExp(
      String.raw`\b(?:GIR${SEP}{0,3}0AA|(?:[A-PR-UWYZ][0-9][ABCDEFGHJKPSTUW]?|[A-PR-UWYZ][0-9]{2}|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]?|[A-PR-UWYZ][A-HK-Y][0-9]{2})\s{0,3}[0-9][ABD-HJLNP-UW-Z]{2})\b`,
      "gi",
    ),
  },
  {
    kind: "phone number",
    // 0 then 9 or 10 more digits, or +44 / 0044 then 9 or 10, with up to three separators
    // between digits; never inside a longer run of digits.
    pattern: new RegExp(String.raw`(?<![\d+])(?:(?:\+|00)${SEP}{0,2}44(?:${SEP}{0,3}\(0\))?|\(?0)(?:${SEP}{0,3}\d){9,10}(?![\d])`, "g"),
  },
  // Current (2001+) registrations, e.g. "AB12 CDE", then the older prefix and suffix styles.
  { kind: "vehicle registration", pattern: new RegExp(String.raw`\b[A-HJ-PR-Y]{2}(?:0[1-9]|[1-7][0-9])${SEP}{0,3}[A-HJ-PR-Z]{3}\b`, "gi") },
  { kind: "vehicle registration", pattern: /\b[A-HJ-NPR-TV-Y]\d{1,3}\s?[A-HJ-PR-Y][A-HJ-PR-Z]{2}\b/g },
  { kind: "vehicle registration", pattern: /\b[A-HJ-PR-Z]{3}\s?\d{1,3}\s?[A-HJ-NPR-TV-Y]\b/g },
];

/**
 * One character for one: full-width ASCII (U+FF01-FF5E) as ASCII, Unicode spaces as a space,
 * Unicode hyphens and dashes as "-". Same length, so a match in the folded text is the same
 * range in the original.
 */
export function fold(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\u2010-\u2015\u2212\uFE63\u2024\uFE52]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
    if ((code >= 0x2010 && code <= 0x2015) || code === 0x2212 || code === 0xfe63) return "-";
    if (code === 0x2024 || code === 0xfe52) return ".";
    return " ";
  });
}

/** A run of at least five single characters separated by spaces: "D H 1 3 L E", "j o @ x . c o m". */
const SPACED_RUN = /(?<![^\s])(?:[A-Za-z0-9@.+_-][ \t]+){4,}[A-Za-z0-9@.+_-](?![^\s])/g;

function redactFolded(original: string, folded: string, found: Set<string>): { text: string; folded: string } {
  let text = original;
  let f = folded;
  const replaceRanges = (ranges: [number, number][]) => {
    for (const [start, end] of ranges.sort((a, b) => b[0] - a[0])) {
      text = text.slice(0, start) + REDACTED + text.slice(end);
      f = f.slice(0, start) + REDACTED + f.slice(end);
    }
  };
  for (const { kind, pattern } of PATTERNS) {
    const ranges: [number, number][] = [];
    for (const m of f.matchAll(pattern)) {
      // Keep the space after a match that the pattern swallowed; trim separators at its ends.
      let start = m.index!;
      let end = start + m[0].length;
      while (end > start && /[\s.\-(]/.test(f[end - 1])) end--;
      while (start < end && /[\s.\-)]/.test(f[start])) start++;
      if (end > start) ranges.push([start, end]);
      found.add(kind);
    }
    replaceRanges(ranges);
  }
  // Spaced-out characters: check each run with its spaces taken out.
  const ranges: [number, number][] = [];
  for (const m of f.matchAll(SPACED_RUN)) {
    const collapsed = m[0].replace(/[ \t]+/g, "");
    const inner = new Set<string>();
    redactFolded(collapsed, collapsed, inner);
    if (inner.size) {
      ranges.push([m.index!, m.index! + m[0].length]);
      for (const k of inner) found.add(k);
    }
  }
  replaceRanges(ranges);
  return { text, folded: f };
}

export interface RedactionResult {
  text: string;
  /** What kinds of personal data were found (never the values themselves). */
  found: string[];
}

export function redact(input: string): RedactionResult {
  const found = new Set<string>();
  // Until nothing more is found: a match can open a word boundary for the next ("…123DH1 3HP"),
  // and what is stored must not change when it is checked again.
  let text = input;
  for (let pass = 0; pass < 5; pass++) {
    const next = redactFolded(text, fold(text), found).text;
    if (next === text) break;
    text = next;
  }
  return { text, found: [...found] };
}
