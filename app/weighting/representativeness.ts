/**
 * "Who responded?": respondents set beside the population, category by category. For each
 * category: the respondents' share (of those who gave a category the figures cover) against the
 * population's share, the difference in percentage points, their ratio, and responses per
 * 10,000 residents (the participation rate). For the variable as a whole: Pearson's chi-square
 * goodness-of-fit test of the respondents against the population shares (Pearson 1900),
 * proportional similarity Σ min(respondent share, population share) (the overlap of the two
 * distributions; 100% when they match), and the ratio of the lowest to the highest participation
 * rate. "Prefer not to say", answers the figures do not cover and no answer are shown as counts,
 * never hidden, and are left out of the shares.
 */

export interface ComparisonInput {
  key: string;
  title: string;
  categories: { label: string; population: number; respondents: number }[];
  /** Prefer not to say, answers the figures do not cover, not answered, outside the area. */
  others: { label: string; respondents: number }[];
  sources: string[];
  /** Disclosure control: which categories and other rows are withheld ([c]). */
  hidden?: { categories: boolean[]; others: boolean[] };
}

export interface ComparisonRow {
  label: string;
  respondents: number | null;
  /** Percentages, unrounded; null where withheld or undefined. */
  respondentShare: number | null;
  population: number;
  populationShare: number;
  differencePoints: number | null;
  ratio: number | null;
  per10000: number | null;
}

export interface ComparisonTests {
  chiSquare: number;
  degreesOfFreedom: number;
  p: number;
  /** Σ min(respondent share, population share), as a percentage. */
  similarity: number;
  lowestRate: { label: string; per10000: number };
  highestRate: { label: string; per10000: number };
  /** Lowest participation rate divided by the highest (1 when every group took part alike). */
  rateRatio: number | null;
}

export interface Comparison {
  key: string;
  title: string;
  sources: string[];
  /** Respondents who gave a category the figures cover: the base of the shares; null when withheld. */
  base: number | null;
  rows: ComparisonRow[];
  others: { label: string; respondents: number | null }[];
  /** Null when a category is withheld (they would give it away) or there are no respondents. */
  tests: ComparisonTests | null;
}

export function compare(input: ComparisonInput): Comparison {
  const hiddenCategory = (i: number) => input.hidden?.categories[i] ?? false;
  const anyHidden = input.categories.some((_, i) => hiddenCategory(i));
  const base = input.categories.reduce((s, c) => s + c.respondents, 0);
  const populationTotal = input.categories.reduce((s, c) => s + c.population, 0);
  // With a category withheld, the base would tell the withheld ones' sum: shares go with it.
  const shown = !anyHidden && base > 0;
  const rows: ComparisonRow[] = input.categories.map((c, i) => {
    const populationShare = (c.population / populationTotal) * 100;
    const respondentShare = shown ? (c.respondents / base) * 100 : null;
    return {
      label: c.label,
      respondents: hiddenCategory(i) ? null : c.respondents,
      respondentShare,
      population: c.population,
      populationShare,
      differencePoints: respondentShare === null ? null : respondentShare - populationShare,
      ratio: respondentShare === null ? null : respondentShare / populationShare,
      per10000: hiddenCategory(i) ? null : (c.respondents / c.population) * 10_000,
    };
  });
  let tests: ComparisonTests | null = null;
  if (shown && input.categories.length >= 2) {
    let chiSquare = 0;
    let similarity = 0;
    input.categories.forEach((c) => {
      const expected = (base * c.population) / populationTotal;
      chiSquare += ((c.respondents - expected) * (c.respondents - expected)) / expected;
      similarity += Math.min(c.respondents / base, c.population / populationTotal);
    });
    const rates = input.categories.map((c) => ({ label: c.label, per10000: (c.respondents / c.population) * 10_000 }));
    const lowestRate = rates.reduce((a, b) => (b.per10000 < a.per10000 ? b : a));
    const highestRate = rates.reduce((a, b) => (b.per10000 > a.per10000 ? b : a));
    const degreesOfFreedom = input.categories.length - 1;
    tests = {
      chiSquare,
      degreesOfFreedom,
      p: chiSquareUpperTail(chiSquare, degreesOfFreedom),
      similarity: similarity * 100,
      lowestRate,
      highestRate,
      rateRatio: highestRate.per10000 > 0 ? lowestRate.per10000 / highestRate.per10000 : null,
    };
  }
  return {
    key: input.key,
    title: input.title,
    sources: input.sources,
    base: shown ? base : null,
    rows,
    others: input.others.map((o, i) => ({ label: o.label, respondents: input.hidden?.others[i] ? null : o.respondents })),
    tests,
  };
}

/** ln Γ(x), Lanczos approximation (g = 7, n = 9; Press et al. 2007, Numerical Recipes, 6.1). */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Q(a, x), the regularised upper incomplete gamma function: its series below a + 1 and its
 * continued fraction above (Press et al. 2007, Numerical Recipes, 6.2; Abramowitz and Stegun
 * 6.5.29 and 6.5.31).
 */
function upperGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  const front = Math.exp(-x + a * Math.log(x) - logGamma(a));
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.max(0, 1 - sum * front);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.min(1, front * h);
}

/** P(χ²_df ≥ x): the p-value of a chi-square statistic. */
export function chiSquareUpperTail(x: number, df: number): number {
  return upperGamma(df / 2, x / 2);
}
