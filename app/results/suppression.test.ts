import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SUPPRESSED, suppress, suppressOneWay, suppressTwoWay, type OneWay, type TwoWay } from "./suppression";

/**
 * The attacker's view, rebuilt from what is published (never from the algorithm's internals):
 * linear equations over the hidden values, and a target vector per hidden figure. A hidden
 * figure is recoverable when its target lies in the row space of the equations, checked here in
 * exact integer arithmetic (a different method from the module's floating-point elimination).
 */
interface AttackerView {
  unknowns: number;
  equations: number[][];
  targets: { what: string; vector: number[] }[];
}

function rank(rows: number[][]): number {
  const m = rows.map((r) => r.map((x) => BigInt(x)));
  let rank = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && rank < m.length; c++) {
    const p = m.findIndex((row, i) => i >= rank && row[c] !== 0n);
    if (p < 0) continue;
    [m[rank], m[p]] = [m[p], m[rank]];
    for (let i = 0; i < m.length; i++) {
      if (i === rank || m[i][c] === 0n) continue;
      const a = m[rank][c];
      const b = m[i][c];
      m[i] = m[i].map((x, j) => x * a - m[rank][j] * b);
    }
    rank++;
  }
  return rank;
}

function recoverable(view: AttackerView): string[] {
  const base = rank(view.equations);
  return view.targets.filter((t) => t.vector.some((x) => x !== 0) && rank([...view.equations, t.vector]) === base).map((t) => t.what);
}

/** A second table consistent with everything published: move one respondent along a ±1 cycle. */
function hasWitness(view: AttackerView, target: number[]): boolean {
  const d = new Array<number>(view.unknowns).fill(0);
  const search = (i: number): boolean => {
    if (i === view.unknowns) {
      return target.reduce((s, t, j) => s + t * d[j], 0) !== 0 && view.equations.every((e) => e.reduce((s, x, j) => s + x * d[j], 0) === 0);
    }
    for (const v of [0, 1, -1]) {
      d[i] = v;
      if (search(i + 1)) return true;
    }
    d[i] = 0;
    return false;
  };
  return search(0);
}

function oneWayView(table: OneWay, out: ReturnType<typeof suppressOneWay>): AttackerView {
  const hidden = out.counts.map((c, i) => (c === null ? i : -1)).filter((i) => i >= 0);
  const vec = (cells: number[]) => hidden.map((h) => (cells.includes(h) ? 1 : 0));
  const all = table.rows.map((_, i) => i);
  const equations: number[][] = [];
  const targets: AttackerView["targets"] = hidden.map((h) => ({ what: `cell ${h}`, vector: vec([h]) }));
  const sets: { what: string; cells: number[]; published: boolean }[] = [];
  if (table.exclusive) sets.push({ what: "base", cells: all, published: out.base !== null });
  if (table.net) sets.push({ what: "net", cells: all.filter((i) => table.net!.ids.includes(table.rows[i].id)), published: out.net !== null });
  if (table.baseExcludingDontKnow) {
    sets.push({ what: "valid base", cells: all.filter((i) => table.rows[i].id !== table.baseExcludingDontKnow!.excludedId), published: out.baseExcludingDontKnow !== null });
  }
  for (const s of sets) {
    if (s.published) equations.push(vec(s.cells));
    else targets.push({ what: s.what, vector: vec(s.cells) });
  }
  return { unknowns: hidden.length, equations, targets };
}

function twoWayView(table: TwoWay, out: ReturnType<typeof suppressTwoWay>): AttackerView {
  const nRows = table.counts.length;
  const nCols = table.columnBases.length;
  // Unknowns: hidden cells, then (multiple choice only) hidden column bases.
  const hiddenCells: [number, number][] = [];
  out.counts.forEach((row, r) => row.forEach((v, c) => v === null && hiddenCells.push([r, c])));
  const hiddenBases = table.exclusive ? [] : out.columnBases.map((b, c) => (b === null ? c : -1)).filter((c) => c >= 0);
  const unknowns = hiddenCells.length + hiddenBases.length;
  const cellVec = (pred: (r: number, c: number) => boolean) => [...hiddenCells.map(([r, c]) => (pred(r, c) ? 1 : 0)), ...hiddenBases.map(() => 0)];
  const baseVec = (pred: (c: number) => boolean) => [...hiddenCells.map(() => 0), ...hiddenBases.map((c) => (pred(c) ? 1 : 0))];
  const equations: number[][] = [];
  const targets: AttackerView["targets"] = [
    ...hiddenCells.map(([r, c]) => ({ what: `cell ${r},${c}`, vector: cellVec((rr, cc) => rr === r && cc === c) })),
  ];
  for (let r = 0; r < nRows; r++) {
    const v = cellVec((rr) => rr === r);
    if (out.rowTotals[r] !== null) equations.push(v);
    else targets.push({ what: `row total ${r}`, vector: v });
  }
  if (table.exclusive) {
    for (let c = 0; c < nCols; c++) {
      const v = cellVec((_, cc) => cc === c);
      if (out.columnBases[c] !== null) equations.push(v);
      else targets.push({ what: `column base ${c}`, vector: v });
    }
    const all = cellVec(() => true);
    if (out.total !== null) equations.push(all);
    else targets.push({ what: "total", vector: all });
  } else {
    for (const c of hiddenBases) targets.push({ what: `column base ${c}`, vector: baseVec((cc) => cc === c) });
    const all = baseVec(() => true);
    if (out.total !== null) equations.push(all);
    else targets.push({ what: "total", vector: all });
  }
  return { unknowns, equations, targets };
}

const THRESHOLD = 10;

const oneWayArb = fc
  .record({
    counts: fc.array(fc.nat({ max: 40 }), { minLength: 2, maxLength: 7 }),
    exclusive: fc.boolean(),
    netSize: fc.nat({ max: 3 }),
    dontKnow: fc.boolean(),
  })
  .map(({ counts, exclusive, netSize, dontKnow }): OneWay => {
    const rows = counts.map((count, i) => ({ id: dontKnow && i === counts.length - 1 ? "dont_know" : `o${i}`, count }));
    const base = exclusive ? counts.reduce((s, n) => s + n, 0) : Math.max(0, ...counts) + 5;
    const table: OneWay = { rows, base, exclusive };
    if (exclusive && netSize > 0 && counts.length > netSize + 1) {
      const ids = rows.slice(0, netSize).map((r) => r.id);
      table.net = { ids, count: rows.slice(0, netSize).reduce((s, r) => s + r.count, 0) };
    }
    if (exclusive && dontKnow) table.baseExcludingDontKnow = { excludedId: "dont_know", base: base - rows[rows.length - 1].count };
    return table;
  });

const twoWayArb = (min: number) =>
  fc
    .record({
      nRows: fc.integer({ min: 2, max: 4 }),
      nCols: fc.integer({ min: 2, max: 4 }),
      exclusive: fc.boolean(),
      seed: fc.array(fc.integer({ min, max: 30 }), { minLength: 16, maxLength: 16 }),
      extra: fc.array(fc.nat({ max: 6 }), { minLength: 4, maxLength: 4 }),
    })
    .map(({ nRows, nCols, exclusive, seed, extra }): TwoWay => {
      const counts = Array.from({ length: nRows }, (_, r) => Array.from({ length: nCols }, (_, c) => seed[r * 4 + c]));
      const columnBases = Array.from({ length: nCols }, (_, c) => {
        const column = counts.map((row) => row[c]);
        return exclusive ? column.reduce((s, n) => s + n, 0) : Math.max(...column) + extra[c];
      });
      return { counts, columnBases, exclusive };
    });

describe("suppression", () => {
  it("hides small cells and protects a lone small cell with a second one", () => {
    const out = suppressOneWay({ rows: [{ id: "a", count: 50 }, { id: "b", count: 40 }, { id: "c", count: 3 }], base: 93, exclusive: true }, THRESHOLD);
    expect(out.counts).toEqual([50, null, null]);
    expect(out.base).toBe(93);
    expect(SUPPRESSED).toBe("[c]");
  });

  it("shows a true zero, and every figure of a table whose base is small is hidden", () => {
    expect(suppressOneWay({ rows: [{ id: "a", count: 0 }, { id: "b", count: 30 }], base: 30, exclusive: true }, THRESHOLD).counts).toEqual([0, 30]);
    const small = suppressOneWay({ rows: [{ id: "a", count: 2 }, { id: "b", count: 5 }], base: 7, exclusive: true }, THRESHOLD);
    expect(small).toEqual({ counts: [null, null], base: null, net: null, baseExcludingDontKnow: null });
  });

  it("does not let a net give a suppressed answer away", () => {
    const table: OneWay = {
      rows: [{ id: "strongly_agree", count: 4 }, { id: "tend_to_agree", count: 60 }, { id: "neither", count: 30 }, { id: "dont_know", count: 20 }],
      base: 114,
      exclusive: true,
      net: { ids: ["strongly_agree", "tend_to_agree"], count: 64 },
      baseExcludingDontKnow: { excludedId: "dont_know", base: 94 },
    };
    const out = suppressOneWay(table, THRESHOLD);
    expect(out.counts[0]).toBeNull();
    expect(recoverable(oneWayView(table, out))).toEqual([]);
  });

  it("hides a small group's base in a breakdown, and another so it cannot be had by subtraction", () => {
    const table: TwoWay = { counts: [[40, 30, 4], [35, 25, 3]], columnBases: [75, 55, 7], exclusive: true };
    const out = suppressTwoWay(table, THRESHOLD);
    expect(out.columnBases[2]).toBeNull();
    expect(out.counts.map((r) => r[2])).toEqual([null, null]);
    expect(recoverable(twoWayView(table, out))).toEqual([]);
  });

  it("property: no suppressed cell or total of a one-way table is recoverable from what is published", () => {
    fc.assert(
      fc.property(oneWayArb, (table) => {
        const out = suppressOneWay(table, THRESHOLD);
        // Primary rule: no published count is below the threshold (true zeros aside).
        out.counts.forEach((c) => expect(c === null || c === 0 || c >= THRESHOLD).toBe(true));
        if (out.base !== null && out.base < THRESHOLD) expect(out.base).toBe(0);
        expect(recoverable(oneWayView(table, out))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("property: no suppressed cell or total of a breakdown is recoverable from any published total", () => {
    fc.assert(
      fc.property(twoWayArb(0), (table) => {
        const out = suppressTwoWay(table, THRESHOLD);
        out.counts.flat().forEach((c) => expect(c === null || c === 0 || c >= THRESHOLD).toBe(true));
        [...out.columnBases, ...out.rowTotals, out.total].forEach((c) => expect(c === null || c === 0 || c >= THRESHOLD).toBe(true));
        expect(recoverable(twoWayView(table, out))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("property: with no empty cells, a second table consistent with everything published always exists", () => {
    fc.assert(
      fc.property(twoWayArb(1), (table) => {
        const view = twoWayView(table, suppressTwoWay(table, THRESHOLD));
        if (view.unknowns > 9) return;
        for (const t of view.targets) expect(hasWitness(view, t.vector), t.what).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("is the generic algorithm the shapes use: a cell alone in a published total is hidden with it", () => {
    const out = suppress({ cells: [5], constraints: [{ cells: [0], total: 5 }] }, THRESHOLD);
    expect(out).toEqual({ cells: [true], totals: [true] });
  });
});
