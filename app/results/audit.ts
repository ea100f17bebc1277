import type { Highs } from "highs";

/**
 * The disclosure audit's arithmetic: given linear relations that everything published tells a
 * reader about the true counts (non-negative integers), the smallest and largest value each
 * withheld count can take. This is the "audit" of a suppressed table in Hundepool et al.,
 * Statistical Disclosure Control (Wiley 2012), §4.4 and §5.4: an intruder who knows the
 * published cells, totals and any other linear relation solves two linear programmes per
 * withheld cell, and a cell is protected when the interval is wide enough.
 *
 * The solver is HiGHS (Huangfu and Hall, "Parallelizing the dual revised simplex method",
 * Mathematical Programming Computation 10, 2018), compiled to WebAssembly by the `highs` npm
 * package (MIT licence; the .wasm file ships in the package, so nothing is fetched at run time,
 * and it runs on Node 20). Chosen over glpk.js (GPL-3.0, which would bind this project's
 * licence) and javascript-lp-solver (pure JavaScript, tolerance-based branch and bound, little
 * maintained, and wrong answers on degenerate problems are a known risk): HiGHS is the
 * maintained, state-of-the-art open-source LP/MIP solver, the same engine SciPy's linprog and
 * milp use.
 *
 * The solver is passed in (app/server/solver.server.ts loads it once per process), so this module
 * and its callers stay pure and out of the browser bundle.
 *
 * Ranges are exact in integers. Each linear programme is solved continuously first; when the
 * optimal vertex is integral (always, for the sums-of-cells structure of ordinary tables, whose
 * constraint matrices are totally unimodular), that vertex is an integer table consistent with
 * everything published, so the bound is attained. Otherwise (rounded percentages, mean ranks and
 * average scores add general coefficients) the same problem is solved again as an integer
 * programme, so a reported range never claims more protection than integers allow.
 */

export type Term = readonly [variable: number, coefficient: number];

/** low ≤ Σ coefficient × variable ≤ high, over non-negative integer variables. */
export interface Relation {
  terms: readonly Term[];
  low: number;
  high: number;
}

export interface Range {
  low: number;
  /** Infinity when nothing published bounds it from above. */
  high: number;
  /**
   * The solutions that attain the bounds (the part's variables and their values): tables
   * consistent with everything published at the time, with this count at `low` and at `high`
   * (integer tables when the range is exact). While both stay consistent with what is published
   * later, the count keeps at least this range, with no solving (disclosure.ts, the pruning).
   */
  at?: { low: Witness; high: Witness | null };
}

/** A solution of one part: its variables and their values. */
export interface Witness {
  variables: readonly number[];
  values: ArrayLike<number>;
}

const EPS = 1e-7;
const isIntegral = (x: number) => Math.abs(x - Math.round(x)) < EPS;

/** The relations with every value fixed by a one-variable equality substituted in, and what is left. */
export interface Reduced {
  /** Variables whose value the relations pin down. */
  fixed: Map<number, number>;
  /** Bounds on each free variable from one-variable relations (integers; low ≥ 0). */
  bounds: Map<number, Range>;
  /** Relations over two or more free variables, constants moved into the bounds. */
  relations: Relation[];
}

/**
 * Substitutes what a reader can read straight off: a published count fixes its variable, a
 * relation left with one unknown fixes or bounds it, and so on until nothing changes. What is
 * left splits into independent parts, each solved on its own (a page of twenty tables is twenty
 * small problems, not one large one).
 */
export function reduce(relations: readonly Relation[]): Reduced {
  const fixed = new Map<number, number>();
  const bounds = new Map<number, Range>();
  const boundOf = (v: number) => bounds.get(v) ?? { low: 0, high: Infinity };
  let pending = relations.map((r) => ({ terms: r.terms.filter(([, c]) => c !== 0), low: r.low, high: r.high }));
  for (let changed = true; changed; ) {
    changed = false;
    const next: typeof pending = [];
    for (const r of pending) {
      let constant = 0;
      const free: Term[] = [];
      for (const [v, c] of r.terms) {
        const value = fixed.get(v);
        if (value === undefined) free.push([v, c]);
        else constant += c * value;
      }
      const low = r.low - constant;
      const high = r.high - constant;
      if (free.length === 0) {
        if (low > EPS || high < -EPS) throw new Error(`The published figures contradict each other (a relation needs ${r.low}..${r.high}, they give ${constant}).`);
        continue;
      }
      if (free.length === 1) {
        const [v, c] = free[0];
        const a = low / c;
        const b = high / c;
        const lo = Math.ceil(Math.min(a, b) - EPS);
        const hi = Math.floor(Math.max(a, b) + EPS);
        const old = boundOf(v);
        const merged = { low: Math.max(old.low, Number.isFinite(lo) ? lo : 0), high: Math.min(old.high, hi) };
        if (merged.low > merged.high) throw new Error(`The published figures leave no value for a withheld count (${merged.low} > ${merged.high}).`);
        if (merged.low === merged.high) {
          fixed.set(v, merged.low);
          bounds.delete(v);
        } else bounds.set(v, merged);
        changed = true;
        continue;
      }
      next.push({ terms: free, low, high });
    }
    // A bound can have fixed a variable that earlier relations still hold as free.
    for (const [v, b] of bounds) {
      if (b.low === b.high) {
        fixed.set(v, b.low);
        bounds.delete(v);
        changed = true;
      }
    }
    pending = next;
  }
  return { fixed, bounds, relations: pending };
}

/** Independent parts of a reduced system: variables joined by sharing a relation. */
export function components(reduced: Reduced): { variables: number[]; relations: Relation[] }[] {
  const parent = new Map<number, number>();
  const find = (v: number): number => {
    let root = v;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(v, root);
    return root;
  };
  for (const r of reduced.relations) {
    const [first] = r.terms[0];
    if (!parent.has(first)) parent.set(first, first);
    for (const [v] of r.terms) {
      if (!parent.has(v)) parent.set(v, v);
      const a = find(first);
      const b = find(v);
      if (a !== b) parent.set(b, a);
    }
  }
  const byRoot = new Map<number, { variables: number[]; relations: Relation[] }>();
  for (const v of parent.keys()) {
    const root = find(v);
    if (!byRoot.has(root)) byRoot.set(root, { variables: [], relations: [] });
    byRoot.get(root)!.variables.push(v);
  }
  for (const r of reduced.relations) byRoot.get(find(r.terms[0][0]))!.relations.push(r);
  return [...byRoot.values()];
}

type Sense = "min" | "max";

/**
 * One HiGHS instance per runtime, given each problem in turn (passModel): creating an instance
 * costs more than solving one of these small problems, and the audit solves thousands. Solving
 * is synchronous, so nothing else uses it meanwhile.
 */
const models = new WeakMap<Highs, ReturnType<Highs["createModel"]>>();
function solverModel(highs: Highs) {
  let model = models.get(highs);
  if (!model) {
    model = highs.createModel();
    model.options.set({ output_flag: false, presolve: "off", solver: "simplex" });
    models.set(highs, model);
  }
  return model;
}

/**
 * The range of each wanted variable of one part. With `integer: false`, the linear relaxation's
 * (a superset of the integer range), which the search for what to withhold uses for speed.
 * Otherwise in integers, as far as the audit needs: the smallest value exactly, and the largest
 * exactly whenever it is below `need` above the smallest (a failure is then reported as it is)
 * or the relaxation's optimum is already an integer table; where the relaxation's optimum is
 * fractional and wide enough, an integer table with a value at least `need` above the smallest
 * is found, and the range is reported up to that table's value: proof enough that the count is
 * protected, without optimising over integers (the slow part). In both modes, a count that two
 * tables already found for the part's other counts set at least `need` apart (integer tables,
 * in integer mode) is reported with the range between them and not solved on its own: the same
 * proof, found for free. Without `need`, every range is complete.
 */
export function solveRanges(
  highs: Highs,
  part: { variables: number[]; relations: Relation[] },
  bounds: Map<number, Range>,
  wanted: number[],
  {
    integer = true,
    need = Infinity,
    decide = false,
    binding,
  }: {
    integer?: boolean;
    need?: number;
    /**
     * Integers only as far as deciding whether a count is protected (for the search's trials,
     * never for the audit): a protected count's range is reported as far as two integer tables
     * found show it; an unprotected one's is narrower than the truth (as far as the tables found
     * show, or no width at all when feasibility alone decided it), which is all the search needs
     * to reject it. Cached apart from complete ranges.
     */
    decide?: boolean;
    /** Filled with the rows whose dual value is not zero at a relaxed optimum found. */
    binding?: Set<number>;
  } = {},
): Map<number, Range> {
  const column = new Map(part.variables.map((v, i) => [v, i]));
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const r of part.relations) {
    for (const [v, c] of r.terms) {
      indices.push(column.get(v)!);
      values.push(c);
    }
    starts.push(indices.length);
  }
  const n = part.variables.length;
  const colLower = part.variables.map((v) => bounds.get(v)?.low ?? 0);
  const colUpper = part.variables.map((v) => bounds.get(v)?.high ?? Infinity);
  const model = solverModel(highs);
  model.passModel({
    numCols: n,
    numRows: part.relations.length,
    colCost: new Array<number>(n).fill(0),
    colLower,
    colUpper,
    rowLower: part.relations.map((r) => r.low),
    rowUpper: part.relations.map((r) => r.high),
    matrix: { format: "csr", numRows: part.relations.length, numCols: n, starts, indices, values },
  });
  const out = new Map<number, Range>();
  let solution: ArrayLike<number> = [];
  const taken = (): Witness => ({ variables: part.variables, values: solution });
  // Every solution found is a table consistent with the relations (an integer table, when
  // integral), so it shows every count of the part at some value it can take. Once two tables
  // found for other counts set a count at least `need` apart, that count needs no solving of its
  // own: a part's first few linear programmes usually settle most of its counts.
  const seenLow = new Array<number>(n).fill(Infinity);
  const seenHigh = new Array<number>(n).fill(-Infinity);
  const lowIn = new Array<ArrayLike<number>>(n);
  const highIn = new Array<ArrayLike<number>>(n);
  const see = () => {
    if (integer && !Array.prototype.every.call(solution, isIntegral)) return;
    for (let i = 0; i < n; i++) {
      const x = solution[i];
      if (x < seenLow[i]) {
        seenLow[i] = x;
        lowIn[i] = solution;
      }
      if (x > seenHigh[i]) {
        seenHigh[i] = x;
        highIn[i] = solution;
      }
    }
  };
  const { minimize, maximize } = highs.constants.objectiveSense;
  const status = highs.constants.modelStatus;
  let costed = -1;
  const objective = (col: number) => {
    if (costed === col) return;
    if (costed >= 0) model.changeColCost(costed, 0);
    if (col >= 0) model.changeColCost(col, 1);
    costed = col;
  };
  /** Runs with every column an integer: presolve on and primal heuristics off pay on these small problems. */
  const asIntegers = <T>(run: () => T): T => {
    model.changeColsIntegrality({ kind: "range", from: 0, to: n - 1 }, new Array(n).fill(highs.constants.variableType.integer));
    model.options.set({ presolve: "on", mip_heuristic_effort: 0 });
    try {
      return run();
    } finally {
      model.clearIntegrality();
      model.options.set({ presolve: "off", mip_heuristic_effort: 0.05 });
    }
  };
  const relaxed = (col: number, sense: Sense): { value: number; integral: boolean } => {
    objective(col);
    model.changeObjectiveSense(sense === "min" ? minimize : maximize);
    const run = model.run();
    if (run.modelStatus === status.unbounded || run.modelStatus === status.unboundedOrInfeasible) {
      if (sense === "max") return { value: Infinity, integral: true };
      throw new Error("A count with no lower bound: the disclosure model is malformed.");
    }
    if (run.modelStatus !== status.optimal) throw new Error(`The disclosure audit's solver stopped with status ${run.modelStatus}.`);
    const found = model.getSolution();
    solution = found.colValue.slice();
    if (binding) found.rowDual.forEach((d, row) => d !== 0 && binding.add(row));
    see();
    return { value: model.getObjectiveValue(), integral: Array.prototype.every.call(solution, isIntegral) };
  };
  const optimum = (col: number, sense: Sense): number =>
    asIntegers(() => {
      objective(col);
      model.changeObjectiveSense(sense === "min" ? minimize : maximize);
      const run = model.run();
      if (run.modelStatus !== status.optimal) throw new Error(`The disclosure audit's integer solve stopped with status ${run.modelStatus}.`);
      solution = model.getSolution().colValue.slice();
      see();
      return model.getObjectiveValue();
    });
  /** An integer table with this column at least `at` (at most, `below`), or null if there is none. */
  const reaches = (col: number, at: number, below = false): number | null => {
    const lower = below ? colLower[col] : Math.max(at, colLower[col]);
    const upper = below ? Math.min(at, colUpper[col]) : colUpper[col];
    if (lower > upper) return null;
    return asIntegers(() => {
      objective(-1);
      model.changeColBounds(col, lower, upper);
      try {
        const run = model.run();
        if (run.modelStatus === status.infeasible) return null;
        if (run.modelStatus !== status.optimal) throw new Error(`The disclosure audit's integer search stopped with status ${run.modelStatus}.`);
        solution = model.getSolution().colValue.slice();
        see();
        return Math.round(solution[col]);
      } finally {
        model.changeColBounds(col, colLower[col], colUpper[col]);
      }
    });
  };
  try {
    for (const v of wanted) {
      const col = column.get(v);
      if (col === undefined) continue;
      if (seenHigh[col] - seenLow[col] >= need - EPS) {
        out.set(v, { low: Math.round(seenLow[col]), high: Math.round(seenHigh[col]), at: { low: { variables: part.variables, values: lowIn[col] }, high: { variables: part.variables, values: highIn[col] } } });
        continue;
      }
      const min = relaxed(col, "min");
      let lowAt = taken();
      const max = relaxed(col, "max");
      let highAt: Witness | null = Number.isFinite(max.value) ? taken() : null;
      if (!integer) {
        out.set(v, { low: Math.round(min.value), high: Number.isFinite(max.value) ? Math.round(max.value) : Infinity, at: { low: lowAt, high: highAt } });
        continue;
      }
      if (decide && !min.integral) {
        // Decided by feasibility where it can be, without optimising: no integer table at least
        // `need` above the relaxation's least value means no two that far apart (reported as
        // no width at all, which is all the search needs); one, and another `need` below it,
        // prove the count protected.
        const lo = Math.ceil(min.value - EPS);
        const up = Math.floor(max.value + EPS) - lo < need ? null : reaches(col, lo + need);
        if (up === null) {
          out.set(v, { low: lo, high: lo });
          continue;
        }
        const upAt = taken();
        const down = reaches(col, up - need, true);
        if (down !== null) {
          out.set(v, { low: down, high: up, at: { low: taken(), high: upAt } });
          continue;
        }
      }
      let low: number;
      if (min.integral) low = Math.round(min.value);
      else {
        low = optimum(col, "min");
        lowAt = taken();
      }
      let high: number;
      if (!Number.isFinite(max.value)) high = Infinity;
      else if (max.integral) high = Math.round(max.value);
      else {
        const found = Math.floor(max.value + EPS) - low < need ? null : reaches(col, low + need);
        if (found !== null) {
          high = found;
          highAt = taken();
        } else if (decide) {
          high = Math.round(seenHigh[col]);
          highAt = { variables: part.variables, values: highIn[col] };
        } else {
          high = optimum(col, "max");
          highAt = taken();
        }
      }
      out.set(v, { low, high, at: { low: lowAt, high: highAt } });
    }
  } finally {
    // Nothing of this problem stays for the next: a fresh basis, no integrality.
    model.clearSolver();
  }
  return out;
}

/**
 * The range of every wanted variable under the relations: fixed ones are a single value, the
 * rest come from their part's linear programmes. Parts are cached by their relations, so the
 * search for what to withhold, which changes one part at a time, re-solves only that part.
 */
export function ranges(
  highs: Highs,
  relations: readonly Relation[],
  wanted: readonly number[],
  options: { integer?: boolean; need?: number; decide?: boolean; cache?: Map<string, Map<number, Range>> } = {},
): Map<number, Range> {
  const reduced = reduce(relations);
  const out = new Map<number, Range>();
  const left: number[] = [];
  for (const v of wanted) {
    const value = reduced.fixed.get(v);
    if (value !== undefined) out.set(v, { low: value, high: value });
    else left.push(v);
  }
  if (!left.length) return out;
  const parts = components(reduced);
  const partOf = new Map<number, (typeof parts)[number]>();
  for (const p of parts) for (const v of p.variables) partOf.set(v, p);
  const byPart = new Map<(typeof parts)[number], number[]>();
  for (const v of left) {
    const p = partOf.get(v);
    if (!p) {
      // In no relation with another unknown: only its own bounds hold it.
      out.set(v, reduced.bounds.get(v) ?? { low: 0, high: Infinity });
      continue;
    }
    byPart.set(p, [...(byPart.get(p) ?? []), v]);
  }
  for (const [p, vs] of byPart) {
    const key = options.cache ? partKey(p, reduced.bounds, `${options.integer ?? true ? "i" : "c"}${options.need ?? "exact"}${options.decide ? "d" : ""}`) : "";
    const cached = options.cache?.get(key);
    const missing = cached ? vs.filter((v) => !cached.has(v)) : vs;
    const solved = missing.length ? solveRanges(highs, p, reduced.bounds, missing, options) : new Map<number, Range>();
    if (options.cache) {
      const entry = cached ?? new Map<number, Range>();
      for (const [v, r] of solved) entry.set(v, r);
      options.cache.set(key, entry);
      for (const v of vs) out.set(v, entry.get(v)!);
    } else for (const [v, r] of solved) out.set(v, r);
  }
  return out;
}

function partKey(part: { variables: number[]; relations: Relation[] }, bounds: Map<number, Range>, mode: string): string {
  const rel = part.relations.map((r) => `${r.terms.map(([v, c]) => `${c}*${v}`).join("+")}:${r.low}:${r.high}`).sort();
  const b = [...part.variables].sort((a, z) => a - z).map((v) => `${v}:${bounds.get(v)?.low ?? 0}:${bounds.get(v)?.high ?? "inf"}`);
  return `${mode}|${rel.join(";")}|${b.join(";")}`;
}

/**
 * The relations whose removal can change a count's range under the linear relaxation, from one
 * pair of solves (the least and the largest value) instead of one pair per relation: a
 * relation with a zero dual value at an optimum can go without moving that optimum (the same
 * dual solution stays feasible and optimal without it; Chvátal, Linear Programming, Freeman
 * 1983, ch. 10, sensitivity analysis), and so can any set of such relations together. Solved
 * with every relation as a row (a published count too, not substituted), so that each one's
 * dual shows, and without the reduction's rounding of bounds to integers: the range found here
 * can be wider than `ranges` reports, and the screen holds only where the two agree (then no
 * removal of non-binding relations can widen either). Null when the range is unbounded.
 */
export function binding(highs: Highs, relations: readonly Relation[], variable: number): { range: Range; binding: Set<Relation> } | null {
  const rows = relations.filter((r) => r.terms.some(([, c]) => c !== 0));
  const variables = [...new Set([variable, ...rows.flatMap((r) => r.terms.map(([v]) => v))])];
  const found = new Set<number>();
  const range = solveRanges(highs, { variables, relations: rows }, new Map(), [variable], { integer: false, binding: found }).get(variable)!;
  if (!Number.isFinite(range.high)) return null;
  return { range, binding: new Set([...found].map((row) => rows[row])) };
}
