import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadSolver } from "~/server/solver.server";
import { binding, ranges, type Relation, type Witness } from "./audit";

/**
 * A two-way table of counts with its row and column totals published and some cells withheld:
 * the ranges the audit reports, asked only as far as `need`, are proved by tables (witnesses)
 * that satisfy every published relation, and agree with the complete ranges.
 */
const tableArb = fc
  .tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 }))
  .chain(([rows, cols]) => fc.tuple(fc.constant(cols), fc.array(fc.nat(40), { minLength: rows * cols, maxLength: rows * cols }), fc.array(fc.boolean(), { minLength: rows * cols, maxLength: rows * cols })));

function relationsOf(cols: number, counts: number[], withheld: boolean[]): Relation[] {
  const rows = counts.length / cols;
  const out: Relation[] = [];
  const sum = (cells: number[]) => cells.reduce((s, i) => s + counts[i], 0);
  for (let r = 0; r < rows; r++) {
    const cells = Array.from({ length: cols }, (_, c) => r * cols + c);
    out.push({ terms: cells.map((i) => [i, 1] as const), low: sum(cells), high: sum(cells) });
  }
  for (let c = 0; c < cols; c++) {
    const cells = Array.from({ length: rows }, (_, r) => r * cols + c);
    out.push({ terms: cells.map((i) => [i, 1] as const), low: sum(cells), high: sum(cells) });
  }
  counts.forEach((n, i) => withheld[i] || out.push({ terms: [[i, 1]], low: n, high: n }));
  return out;
}

function satisfies(w: Witness, relations: Relation[], fixed: (v: number) => number): boolean {
  const value = (v: number) => {
    const i = w.variables.indexOf(v);
    return i >= 0 ? w.values[i] : fixed(v);
  };
  return relations.every((r) => {
    const total = r.terms.reduce((s, [v, c]) => s + c * value(v), 0);
    return total >= r.low - 1e-6 && total <= r.high + 1e-6;
  }) && w.values.length === w.variables.length && Array.from(w.values).every((x) => x >= -1e-9);
}

describe("ranges as far as the audit needs", () => {
  it("are proved by integer tables consistent with everything published, and lie within the complete ranges", async () => {
    const highs = await loadSolver();
    await fc.assert(
      fc.asyncProperty(tableArb, fc.integer({ min: 1, max: 15 }), async ([cols, counts, withheld], need) => {
        const relations = relationsOf(cols, counts, withheld);
        const hidden = counts.map((_, i) => i).filter((i) => withheld[i]);
        const complete = ranges(highs, relations, hidden);
        const needed = ranges(highs, relations, hidden, { need });
        for (const v of hidden) {
          const full = complete.get(v)!;
          const r = needed.get(v)!;
          expect(r.low).toBeGreaterThanOrEqual(full.low);
          expect(r.high).toBeLessThanOrEqual(full.high);
          // As wide as needed, or complete when it is not.
          if (full.high - full.low >= need) expect(r.high - r.low).toBeGreaterThanOrEqual(need);
          else expect(r).toMatchObject({ low: full.low, high: full.high });
          if (r.low === r.high) continue;
          // Two integer tables, each consistent with every published figure, set the count at both ends.
          for (const [w, at] of [
            [r.at!.low, r.low],
            [r.at!.high!, r.high],
          ] as const) {
            expect(satisfies(w, relations, (u) => counts[u])).toBe(true);
            expect(Array.from(w.values).every((x) => Math.abs(x - Math.round(x)) < 1e-7)).toBe(true);
            expect(w.values[w.variables.indexOf(v)]).toBeCloseTo(at, 6);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("the relations that bind a count's range", () => {
  it("are all it needs: every other published relation can go at once and the relaxation's range stays as it was", async () => {
    const highs = await loadSolver();
    // Nets (sums of some cells) published beside the table: relations that often bind nothing.
    const netsArb = fc.array(fc.array(fc.nat(15), { minLength: 2, maxLength: 5 }), { maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(tableArb, netsArb, async ([cols, counts, withheld], nets) => {
        const relations = relationsOf(cols, counts, withheld);
        for (const net of nets) {
          const cells = [...new Set(net.map((i) => i % counts.length))];
          const total = cells.reduce((s, i) => s + counts[i], 0);
          relations.push({ terms: cells.map((i) => [i, 1] as const), low: total, high: total });
        }
        for (const v of counts.map((_, i) => i).filter((i) => withheld[i])) {
          // Bounded: every cell lies in a published row total.
          const screen = binding(highs, relations, v);
          expect(screen).not.toBeNull();
          if (!screen) return;
          const kept = relations.filter((r) => screen.binding.has(r));
          const again = binding(highs, kept, v);
          expect(again?.range).toMatchObject({ low: screen.range.low, high: screen.range.high });
          // And the relaxation's range is the one `ranges` reports without the integer bounds' rounding, here where every coefficient is 1.
          expect(ranges(highs, relations, [v], { integer: false }).get(v)).toMatchObject({ low: screen.range.low, high: screen.range.high });
        }
      }),
      { numRuns: 150 },
    );
  });
});
