/**
 * The workspace's search box: what a person typed, as terms every matching answer must contain.
 * db/full-text-search.ts turns these into each database's own full-text query.
 */

export interface SearchTerm {
  words: string[];
  prefix: boolean;
}

/**
 * What a person typed, as terms every matching answer must contain: words, "quoted phrases",
 * and a trailing * for "starts with". Null when nothing searchable is left.
 */
export function parseSearch(input: string): SearchTerm[] | null {
  const terms: SearchTerm[] = [];
  const wordsOf = (s: string) =>
    s
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  for (const m of input.matchAll(/"([^"]*)"(\*?)|([^\s"]+)/g)) {
    if (m[1] !== undefined) {
      const words = wordsOf(m[1]);
      if (words.length) terms.push({ words, prefix: m[2] === "*" });
    } else {
      const raw = m[3];
      const words = wordsOf(raw);
      // "speed*" is a prefix; "boy-racers" is the phrase "boy racers".
      if (words.length) terms.push({ words, prefix: raw.endsWith("*") });
    }
  }
  return terms.length ? terms.slice(0, 10) : null;
}
