/**
 * Statistical disclosure control for anything published (ONS, "Statistical disclosure control
 * policy"; Hundepool et al., "Statistical Disclosure Control", Wiley 2012, on frequency tables and
 * secondary suppression). A cell counting
 * fewer than the threshold (but more than none) is suppressed, shown as "[c]"; so is every cell
 * of a table whose total is below the threshold. Then secondary suppression: more cells (or, if
 * there is no other way, totals) are suppressed until no suppressed cell can be worked out from
 * the published figures by adding and subtracting them.
 *
 * A table is described generically as cells plus the published totals that are sums of some of
 * them (a question's base, a "net", the base excluding "Don't know", the row and column totals
 * of a breakdown). A suppressed cell is recoverable exactly when it is a linear function of the
 * published values: when every solution of "these suppressed cells add up to what the published
 * totals leave over" gives it the same value. That is decided by Gaussian elimination over the
 * suppressed cells; real tables are small (tens of cells), so this is instant.
 */

export const SUPPRESSED = "[c]";

export interface Constraint {
  /** Indexes of the cells that add up to the total. */
  cells: number[];
  total: number;
}

export interface SuppressionProblem {
  cells: number[];
  constraints: Constraint[];
  /** Cells hidden from the start whatever their size (e.g. every cell of a small group). */
  forced?: number[];
}

export interface SuppressionResult {
  /** Per cell: true when shown as "[c]". */
  cells: boolean[];
  /** Per constraint: true when its total is shown as "[c]". */
  totals: boolean[];
}

const EPS = 1e-9;

/**
 * What the published figures give away: suppressed cells (and suppressed totals) whose value is
 * a linear combination of published totals and published cells. Elimination on the system
 * "the suppressed cells of each published constraint add up to what its total leaves over";
 * a value is given away when its vector over the suppressed cells lies in that system's row space.
 */
export function exposed(
  problem: SuppressionProblem,
  suppressed: boolean[],
  totalSuppressed: boolean[],
): { cells: number[]; totals: number[] } {
  const hidden = suppressed.map((s, i) => (s ? i : -1)).filter((i) => i >= 0);
  const column = new Map(hidden.map((cell, j) => [cell, j]));
  const vectorOf = (cellsOf: number[]) => {
    const v = new Array<number>(hidden.length).fill(0);
    for (const cell of cellsOf) {
      const j = column.get(cell);
      if (j !== undefined) v[j] += 1;
    }
    return v;
  };
  const rows = problem.constraints.filter((_, k) => !totalSuppressed[k]).map((c) => vectorOf(c.cells)).filter((v) => v.some((x) => x !== 0));
  // Reduced row echelon form.
  const pivots: number[] = [];
  let r = 0;
  for (let col = 0; col < hidden.length && r < rows.length; col++) {
    let best = -1;
    for (let i = r; i < rows.length; i++) if (Math.abs(rows[i][col]) > EPS && (best < 0 || Math.abs(rows[i][col]) > Math.abs(rows[best][col]))) best = i;
    if (best < 0) continue;
    [rows[r], rows[best]] = [rows[best], rows[r]];
    const p = rows[r][col];
    for (let j = 0; j < hidden.length; j++) rows[r][j] /= p;
    for (let i = 0; i < rows.length; i++) {
      if (i === r || Math.abs(rows[i][col]) < EPS) continue;
      const f = rows[i][col];
      for (let j = 0; j < hidden.length; j++) rows[i][j] -= f * rows[r][j];
    }
    pivots.push(col);
    r++;
  }
  const inRowSpace = (v: number[]) => {
    const rest = [...v];
    pivots.forEach((col, i) => {
      const f = rest[col];
      if (Math.abs(f) > EPS) for (let j = 0; j < rest.length; j++) rest[j] -= f * rows[i][j];
    });
    return rest.every((x) => Math.abs(x) < EPS);
  };
  const cells = hidden.filter((cell) => inRowSpace(vectorOf([cell])));
  const totals = problem.constraints
    .map((c, k) => k)
    // A suppressed total over cells that are all published is simply their sum (inRowSpace of
    // the zero vector); one over hidden cells is given away when their sum is determined.
    .filter((k) => totalSuppressed[k] && problem.constraints[k].cells.length > 0 && inRowSpace(vectorOf(problem.constraints[k].cells)));
  return { cells, totals };
}

export function suppress(problem: SuppressionProblem, threshold: number): SuppressionResult {
  const cells = problem.cells.map((n) => n > 0 && n < threshold);
  for (const i of problem.forced ?? []) cells[i] = true;
  const totals = problem.constraints.map((c) => c.total > 0 && c.total < threshold);
  // A total below the threshold: none of its cells may be shown (a percentage of a small base
  // is itself a small count).
  problem.constraints.forEach((c, k) => {
    if (totals[k]) for (const cell of c.cells) cells[cell] = true;
  });

  const byValue = (a: number, b: number) => rank(problem.cells[a]) - rank(problem.cells[b]) || a - b;
  for (let guard = 0; guard <= problem.cells.length + problem.constraints.length; guard++) {
    const found = exposed(problem, cells, totals);
    if (found.cells.length) {
      const at = found.cells[0];
      const published = problem.constraints.map((c, k) => ({ c, k })).filter(({ c, k }) => !totals[k] && c.cells.includes(at));
      const candidates = [...new Set(published.flatMap(({ c }) => c.cells))].filter((i) => !cells[i]);
      if (candidates.length) {
        // The smallest non-zero cell loses least information; a zero is used only when nothing
        // else is left, since a hidden zero protects its neighbour less.
        cells[candidates.sort(byValue)[0]] = true;
      } else {
        // Every cell in reach is already hidden, so the totals give it away: hide the smallest.
        totals[published.sort((a, b) => a.c.total - b.c.total || a.k - b.k)[0].k] = true;
      }
      continue;
    }
    if (found.totals.length) {
      const k = found.totals[0];
      const own = problem.constraints[k].cells.filter((i) => !cells[i]);
      if (own.length) {
        cells[own.sort(byValue)[0]] = true;
      } else {
        // e.g. a small group's column: its base follows from the grand total less the other
        // columns' bases, so another total that shares hidden cells with it is hidden too.
        const mine = new Set(problem.constraints[k].cells);
        const others = problem.constraints
          .map((c, j) => ({ c, j }))
          .filter(({ c, j }) => !totals[j] && c.cells.some((i) => cells[i]) && !problem.constraints[k].cells.every((i) => c.cells.includes(i)))
          .sort((a, b) => Number(a.c.cells.some((i) => mine.has(i))) - Number(b.c.cells.some((i) => mine.has(i))) || a.c.total - b.c.total || a.j - b.j);
        const pick = others[0] ?? problem.constraints.map((c, j) => ({ c, j })).find(({ j }) => !totals[j]);
        if (!pick) break;
        totals[pick.j] = true;
      }
      continue;
    }
    break;
  }
  return { cells, totals };
}

function rank(n: number): number {
  return n === 0 ? Number.MAX_SAFE_INTEGER : n;
}

// Shapes used by the pages and exports: a one-way table (options of one question) and a
// breakdown (options × groups).

export interface OneWay {
  rows: { id: string; count: number }[];
  base: number;
  /** Options are mutually exclusive (single choice, scale): the rows add up to the base. */
  exclusive: boolean;
  net?: { ids: string[]; count: number };
  /** Rows other than "Don't know" add up to this published base. */
  baseExcludingDontKnow?: { excludedId: string; base: number };
}

export interface SuppressedOneWay {
  counts: (number | null)[];
  base: number | null;
  net: number | null;
  baseExcludingDontKnow: number | null;
}

export function suppressOneWay(table: OneWay, threshold: number): SuppressedOneWay {
  const cells = table.rows.map((r) => r.count);
  const all = table.rows.map((_, i) => i);
  // A multiple-choice base is not the sum of its rows (respondents tick several), so it ties
  // no cells together; a base below the threshold still hides every row (smallBase below).
  const constraints: Constraint[] = [{ cells: table.exclusive ? all : [], total: table.base }];
  let netIndex = -1;
  if (table.net) {
    netIndex = constraints.length;
    constraints.push({ cells: all.filter((i) => table.net!.ids.includes(table.rows[i].id)), total: table.net.count });
  }
  let dkIndex = -1;
  if (table.baseExcludingDontKnow) {
    dkIndex = constraints.length;
    constraints.push({ cells: all.filter((i) => table.rows[i].id !== table.baseExcludingDontKnow!.excludedId), total: table.baseExcludingDontKnow.base });
  }
  const result = suppress({ cells, constraints }, threshold);
  const smallBase = table.base > 0 && table.base < threshold;
  return {
    counts: cells.map((n, i) => (result.cells[i] || smallBase ? null : n)),
    base: result.totals[0] ? null : table.base,
    net: netIndex < 0 ? null : result.totals[netIndex] || smallBase ? null : table.net!.count,
    baseExcludingDontKnow: dkIndex < 0 ? null : result.totals[dkIndex] || smallBase ? null : table.baseExcludingDontKnow!.base,
  };
}

export interface TwoWay {
  /** counts[row][column] */
  counts: number[][];
  /** Respondents per column answering the row question (the column base). */
  columnBases: number[];
  /** Rows add up to the column base (single-choice-like row question). */
  exclusive: boolean;
}

export interface SuppressedTwoWay {
  counts: (number | null)[][];
  columnBases: (number | null)[];
  /** Row totals across the columns (respondents in any column), published as the "All" column. */
  rowTotals: (number | null)[];
  total: number | null;
}

export function suppressTwoWay(table: TwoWay, threshold: number): SuppressedTwoWay {
  const nRows = table.counts.length;
  const nCols = table.columnBases.length;
  const at = (r: number, c: number) => r * nCols + c;
  const counts = table.counts.flatMap((row) => row);
  const rowTotals = table.counts.map((row) => row.reduce((s, n) => s + n, 0));
  const total = table.columnBases.reduce((s, n) => s + n, 0);
  const column = (c: number) => Array.from({ length: nRows }, (_, r) => at(r, c));
  // Every cell of a group below the threshold is hidden, as its base is.
  const forced = table.columnBases.flatMap((n, c) => (n > 0 && n < threshold ? column(c) : []));

  if (table.exclusive) {
    // Options add up to the column base; column bases add up to the total; every respondent is
    // in at most one column, so each row adds up to its total across the columns.
    const constraints: Constraint[] = [
      ...table.columnBases.map((n, c) => ({ cells: column(c), total: n })),
      ...rowTotals.map((n, r) => ({ cells: Array.from({ length: nCols }, (_, c) => at(r, c)), total: n })),
      { cells: counts.map((_, i) => i), total },
    ];
    const result = suppress({ cells: counts, constraints, forced }, threshold);
    return {
      counts: table.counts.map((row, r) => row.map((n, c) => (result.cells[at(r, c)] ? null : n))),
      columnBases: table.columnBases.map((n, c) => (result.totals[c] ? null : n)),
      rowTotals: rowTotals.map((n, r) => (result.totals[nCols + r] ? null : n)),
      total: result.totals[nCols + nRows] ? null : total,
    };
  }
  // Multiple choice: options do not add up to the base, so the column bases are cells of their
  // own (after the option cells) that add up to the total.
  const baseCell = (c: number) => nRows * nCols + c;
  const constraints: Constraint[] = [
    ...rowTotals.map((n, r) => ({ cells: Array.from({ length: nCols }, (_, c) => at(r, c)), total: n })),
    { cells: table.columnBases.map((_, c) => baseCell(c)), total },
  ];
  const result = suppress({ cells: [...counts, ...table.columnBases], constraints, forced }, threshold);
  return {
    counts: table.counts.map((row, r) => row.map((n, c) => (result.cells[at(r, c)] || result.cells[baseCell(c)] ? null : n))),
    columnBases: table.columnBases.map((n, c) => (result.cells[baseCell(c)] ? null : n)),
    rowTotals: rowTotals.map((n, r) => (result.totals[r] ? null : n)),
    total: result.totals[nRows] ? null : total,
  };
}
