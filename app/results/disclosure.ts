import type { Highs } from "highs";
import { binding, ranges, type Range, type Relation, type Term, type Witness } from "./audit";

/**
 * Disclosure control you can prove. Everything a published output shows about a consultation is
 * one model: unknown true counts (variables), what anyone knows about them whatever is published
 * (structural relations: a single-choice question's options add up to its base, every base is at
 * most the number of responses, a ranking gives each rank once), and the figures, each telling a
 * reader some linear relations when published (a count fixes a cell; a net fixes a sum; a
 * percentage rounded to one decimal place beside its base bounds a count; a mean rank bounds the
 * ranks' sum against the number ranking). Withholding a figure ("[c]") removes its relations.
 *
 * Primary suppression withholds every figure resting on 1 to threshold − 1 respondents (ONS,
 * "Statistical disclosure control" guidance; GSS, "Disclosure control for tables"). Secondary
 * suppression then withholds the least it can until the audit passes: for every withheld count,
 * the smallest and largest values consistent with everything published (audit.ts) are at least
 * the threshold apart, so no one can tell a small count from a safe one (Hundepool et al.,
 * Statistical Disclosure Control, Wiley 2012, ch. 4-5: the "feasibility interval" of a suppressed
 * cell). Least loss: the cost of withholding a figure is the number of respondents it hides, so a
 * derived figure (a net, the "excluding Don't know" column, a mean rank, a top-3 share) goes
 * before any count, a small count before a large one, and a base (which would take every
 * percentage with it) last; one figure at a time, cheapest first, then every secondary choice
 * that turns out unnecessary is published again.
 */

export type FigureKind = "cell" | "total" | "derived" | "attached";

export interface Figure {
  /** Stable id: "<table>|<what>[|<option>]". */
  id: string;
  kind: FigureKind;
  /** The question (or item) table it belongs to. */
  table: string;
  /** What publishing it tells a reader. */
  relations: Relation[];
  /** Primary rule: withheld when any of these is 1 to threshold − 1. */
  sizes: number[];
  /**
   * The count whose range the audit protects while this figure is withheld: a cell whatever its
   * size (a large count withheld beside a small one must not be worked out either, or the small
   * one follows), a total only when it is small. A true zero needs no range: zeros are published
   * as zeros, so learning that a withheld one is zero tells no more than the policy does.
   */
  protects?: { variable: number; always: boolean; value: number };
  /** Shown only while these are shown (a percentage needs its count and its base). */
  requires: string[];
  /** Information lost by withholding it (respondents hidden); derived figures cost least. */
  cost: number;
  /** Already published in an output decided elsewhere: never withheld here. */
  fixed?: boolean;
}

export interface DisclosureModel {
  /** True values (NaN where not known to the builder, e.g. a subgroup's count per option). */
  values: number[];
  names: string[];
  structural: Relation[];
  figures: Figure[];
}

export interface ProtectedCount {
  figure: string;
  name: string;
  value: number;
  range: Range;
}

export interface Decision {
  threshold: number;
  withheld: Set<string>;
  /** Withheld by the primary rule (small counts and everything resting on them). */
  primary: Set<string>;
  audit: { protected: ProtectedCount[]; failing: ProtectedCount[]; passed: boolean };
}

/** Builds a model: variables with their true values, structural relations and figures. */
export class ModelBuilder {
  readonly values: number[] = [];
  readonly names: string[] = [];
  readonly structural: Relation[] = [];
  readonly figures: Figure[] = [];
  private readonly ids = new Set<string>();

  variable(name: string, value: number): number {
    this.values.push(value);
    this.names.push(name);
    return this.values.length - 1;
  }

  /** Structural: holds whatever is published. */
  holds(terms: Term[], low: number, high = low): void {
    this.structural.push({ terms, low, high });
  }

  figure(f: Omit<Figure, "requires" | "sizes"> & Partial<Pick<Figure, "requires" | "sizes">>): Figure {
    if (this.ids.has(f.id)) throw new Error(`Two figures with the id ${f.id}`);
    this.ids.add(f.id);
    const figure: Figure = { requires: [], sizes: [], ...f };
    this.figures.push(figure);
    return figure;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  build(): DisclosureModel {
    return { values: this.values, names: this.names, structural: this.structural, figures: this.figures };
  }
}

export const equals = (terms: Term[], value: number): Relation => ({ terms, low: value, high: value });

/**
 * What a value rounded half away from zero to 1/`per` of `whole` tells: numerator / whole × per
 * rounds to `shown` (e.g. per = 1000 for a percentage to one decimal place: shown in tenths of a
 * per cent). Two integer inequalities, linear in both:
 *   (2·shown − 1)·whole ≤ 2·per·numerator ≤ (2·shown + 1)·whole − 1.
 */
export function roundedRatio(numerator: Term[], whole: Term[], shown: number, per: number): Relation[] {
  const scale = (terms: Term[], k: number) => terms.map(([v, c]) => [v, c * k] as Term);
  const merge = (a: Term[], b: Term[]): Term[] => {
    const sum = new Map<number, number>();
    for (const [v, c] of [...a, ...b]) sum.set(v, (sum.get(v) ?? 0) + c);
    return [...sum].filter(([, c]) => c !== 0);
  };
  return [
    { terms: merge(scale(numerator, 2 * per), scale(whole, -(2 * shown - 1))), low: 0, high: Infinity },
    { terms: merge(scale(numerator, 2 * per), scale(whole, -(2 * shown + 1))), low: -Infinity, high: -1 },
  ];
}

/** Every relation of the structure and the truth must agree: a wrong relation would make the audit meaningless. */
export function checkModel(model: DisclosureModel): void {
  const all = [...model.structural.map((r) => ({ r, from: "structure" })), ...model.figures.flatMap((f) => f.relations.map((r) => ({ r, from: f.id })))];
  for (const { r, from } of all) {
    if (r.terms.some(([v]) => Number.isNaN(model.values[v]))) continue;
    const value = r.terms.reduce((s, [v, c]) => s + c * model.values[v], 0);
    if (value < r.low || value > r.high) {
      throw new Error(`Disclosure model: ${from} says ${r.terms.map(([v, c]) => `${c}×${model.names[v]}`).join(" + ")} is in ${r.low}..${r.high}, but it is ${value}`);
    }
  }
}

function closeOver(model: DisclosureModel, withheld: Set<string>): Set<string> {
  return closer(model)(new Set(), withheld);
}

/**
 * Closure under "shown only while these are shown", added to a set already closed: what needs
 * an added figure, and so on. The search closes a trial set for every candidate it weighs, so
 * this follows the added figures' dependents instead of sweeping the whole model each time.
 */
function closer(model: DisclosureModel): (closed: ReadonlySet<string>, extra: Iterable<string>) => Set<string> {
  const more = adder(model);
  return (closed, extra) => {
    const out = new Set(closed);
    for (const id of more(closed, extra)) out.add(id);
    return out;
  };
}

/** What closing a closed set over some extra figures adds to it (without copying the set). */
function adder(model: DisclosureModel): (closed: ReadonlySet<string>, extra: Iterable<string>) => Set<string> {
  const dependents = new Map<string, string[]>();
  for (const f of model.figures) for (const r of f.requires) dependents.set(r, [...(dependents.get(r) ?? []), f.id]);
  return (closed, extra) => {
    const out = new Set<string>();
    const stack: string[] = [];
    for (const id of extra) {
      if (closed.has(id) || out.has(id)) continue;
      out.add(id);
      stack.push(id);
    }
    while (stack.length) {
      for (const d of dependents.get(stack.pop()!) ?? []) {
        if (closed.has(d) || out.has(d)) continue;
        out.add(d);
        stack.push(d);
      }
    }
    return out;
  };
}

/** Primary suppression: every figure resting on 1 to threshold − 1 respondents, and what needs it. */
export function primary(model: DisclosureModel, threshold: number): Set<string> {
  const small = (n: number) => n > 0 && n < threshold;
  return closeOver(model, new Set(model.figures.filter((f) => !f.fixed && f.sizes.some(small)).map((f) => f.id)));
}

function relationsOf(model: DisclosureModel, withheld: Set<string>): Relation[] {
  return [...model.structural, ...model.figures.filter((f) => !withheld.has(f.id)).flatMap((f) => f.relations)];
}

function protectedOf(model: DisclosureModel, withheld: Set<string>, threshold: number) {
  return model.figures.filter((f) => withheld.has(f.id) && f.protects && f.protects.value > 0 && (f.protects.always || f.protects.value < threshold));
}

/** The audit: the range of every withheld count given everything published. */
export function audit(highs: Highs, model: DisclosureModel, withheld: Set<string>, threshold: number, options: { integer?: boolean; cache?: Map<string, Map<number, Range>> } = {}): Decision["audit"] {
  const figures = protectedOf(model, withheld, threshold);
  const found = ranges(highs, relationsOf(model, withheld), figures.map((f) => f.protects!.variable), { ...options, need: threshold });
  const counts = figures.map((f) => ({ figure: f.id, name: model.names[f.protects!.variable], value: f.protects!.value, range: found.get(f.protects!.variable)! }));
  const failing = counts.filter((c) => c.range.high - c.range.low < threshold);
  return { protected: counts, failing, passed: failing.length === 0 };
}

const width = (r: Range) => r.high - r.low;

/**
 * Decides what to withhold. With `audit: false` only the primary rule applies (for the property
 * test that shows the audit is what keeps withheld counts withheld). A model that extends one
 * already decided (a breakdown beside the published tables) passes that decision: its withheld
 * figures as `start`, its published ones marked `fixed`.
 */
export function protect(
  highs: Highs,
  model: DisclosureModel,
  threshold: number,
  { audit: auditing = true, start = [] }: { audit?: boolean; /** Withheld already, by a decision made elsewhere (figures marked fixed are published there). */ start?: Iterable<string> } = {},
): Decision {
  checkModel(model);
  const close = closer(model);
  const adds = adder(model);
  const first = close(new Set(), [...primary(model, threshold), ...start]);
  if (!auditing) return { threshold, withheld: new Set(first), primary: first, audit: { protected: [], failing: [], passed: true } };
  const byId = new Map(model.figures.map((f) => [f.id, f]));
  const withholdable = (f: Figure) => !f.fixed && f.kind !== "attached";
  let withheld = new Set(first);

  const fast = new Map<string, Map<number, Range>>();
  const exact = new Map<string, Map<number, Range>>();
  // Which figures share a variable with which: the candidates to withhold for a failing count.
  const varsOf = (f: Figure) => new Set(f.relations.flatMap((r) => r.terms.map(([v]) => v)));
  const figureVars = new Map(model.figures.map((f) => [f.id, varsOf(f)]));
  const neighbours = new Map<number, Set<number>>();
  for (const r of [...model.structural, ...model.figures.flatMap((f) => f.relations)]) {
    for (const [a] of r.terms) {
      if (!neighbours.has(a)) neighbours.set(a, new Set());
      for (const [b] of r.terms) neighbours.get(a)!.add(b);
    }
  }
  const reach = (start: number, hops: number): Set<number> => {
    let frontier = new Set([start]);
    const seen = new Set([start]);
    for (let i = 0; i < hops; i++) {
      const next = new Set<number>();
      for (const v of frontier) {
        for (const w of neighbours.get(v) ?? []) {
          if (seen.has(w)) continue;
          seen.add(w);
          next.add(w);
        }
      }
      frontier = next;
    }
    return seen;
  };

  // Every relation, with the figure it comes from (null: structural), indexed by variable, for
  // the neighbourhood of a count: the relations that can bear on its range.
  const owned = [...model.structural.map((relation) => ({ relation, owner: null as string | null })), ...model.figures.flatMap((f) => f.relations.map((relation) => ({ relation, owner: f.id as string | null })))];
  const liveIn = (i: number, trial: ReadonlySet<string>) => owned[i].owner === null || !trial.has(owned[i].owner!);
  const byVar = new Map<number, number[]>();
  const pins = new Map<number, number[]>();
  owned.forEach(({ relation }, i) => {
    for (const [v] of relation.terms) byVar.set(v, [...(byVar.get(v) ?? []), i]);
    if (relation.terms.length === 1 && relation.low === relation.high) pins.set(relation.terms[0][0], [...(pins.get(relation.terms[0][0]) ?? []), i]);
  });
  /**
   * The relations that can bear on a count's range: those reached from it through unknowns,
   * stopping at a count that a published figure states outright (beyond it, nothing more can be
   * learnt about this one: the stated value is all that passes). Exact, and far smaller than the
   * whole model: a table and its neighbours, not every table.
   */
  const neighbourhood = (start: number, trial: Set<string>): Relation[] => [...reachable([start], trial).relations].map((i) => owned[i].relation);
  /** The variables and relations reached from some variables through unknowns (see neighbourhood). */
  const reachable = (starts: number[], trial: Set<string>) => {
    const live = (i: number) => liveIn(i, trial);
    const stated = (v: number) => (pins.get(v) ?? []).find(live);
    const relations = new Set<number>();
    const seen = new Set(starts);
    const stack = [...starts];
    while (stack.length) {
      const v = stack.pop()!;
      for (const i of byVar.get(v) ?? []) {
        if (relations.has(i) || !live(i)) continue;
        relations.add(i);
        for (const [u] of owned[i].relation.terms) {
          if (seen.has(u)) continue;
          seen.add(u);
          const pin = stated(u);
          if (pin !== undefined) relations.add(pin);
          else stack.push(u);
        }
      }
    }
    return { relations, variables: seen };
  };
  const protectedIn = (trial: Set<string>) => protectedOf(model, trial, threshold).map((f) => ({ figure: f.id, variable: f.protects!.variable }));

  // Counts whose exact (integer) range failed where the relaxation's passed: judged exactly from then on.
  const exactly = new Set<number>();
  /**
   * The last range found for each count, with the two tables attaining it (audit.ts, Range.at).
   * Withholding only removes relations and publishing a figure adds its relations at their true
   * values, so a table stays consistent with a trial pattern when every live relation touching
   * a variable where it differs from the truth still holds (the rest of the table can take the
   * true values, which satisfy everything). Then the count still reaches both values, and its
   * range is at least as wide, with nothing to solve: most trials of the pruning and most checks
   * of the search's queue are settled so. Judgement by witnesses only ever errs towards solving.
   */
  const known = new Map<number, { range: Range; exact: boolean; low: Witnessed; high: Witnessed }>();
  type Witnessed = { witness: Witness; differs: Map<number, number>; sensitive: string[] };
  /** A table found under a pattern, what it changes from the truth, and the figures withheld then whose publication could contradict it. */
  const witnessed = (w: Witness, pattern: ReadonlySet<string>): Witnessed => {
    const differs = new Map<number, number>();
    for (let i = 0; i < w.variables.length; i++) {
      const v = w.variables[i];
      // A true value not known to the builder (NaN) counts as differing.
      if (!(Math.abs(w.values[i] - model.values[v]) <= 1e-9)) differs.set(v, w.values[i]);
    }
    const sensitive = new Set<string>();
    for (const v of differs.keys()) for (const i of byVar.get(v) ?? []) if (!liveIn(i, pattern)) sensitive.add(owned[i].owner!);
    return { witness: w, differs, sensitive: [...sensitive] };
  };
  const remember = (variable: number, range: Range, exact: boolean, pattern: ReadonlySet<string>) => {
    if (range.at?.high) known.set(variable, { range, exact, low: witnessed(range.at.low, pattern), high: witnessed(range.at.high, pattern) });
  };
  /** The table satisfied every relation live when it was found; of those published since, only figures touching what it changes can contradict it. */
  const consistent = (w: Witnessed, trial: ReadonlySet<string>): boolean => {
    for (const id of w.sensitive) {
      if (trial.has(id)) continue;
      for (const r of byId.get(id)!.relations) {
        let total = 0;
        for (const [u, c] of r.terms) {
          const x = w.differs.get(u) ?? model.values[u];
          if (Number.isNaN(x)) return false;
          total += c * x;
        }
        if (total < r.low - 1e-6 || total > r.high + 1e-6) return false;
      }
    }
    return true;
  };
  /** Whether the tables last found for a count show it still wide enough under a trial pattern (false: solve to know). */
  const keeps = (variable: number, trial: ReadonlySet<string>): boolean => {
    const k = known.get(variable);
    if (!k || (exactly.has(variable) && !k.exact)) return false;
    const at = (w: Witness) => w.values[w.variables.indexOf(variable)];
    return at(k.high.witness) - at(k.low.witness) >= threshold - 1e-9 && consistent(k.low, trial) && consistent(k.high, trial);
  };
  const rangeOf = (variable: number, trial: Set<string>, decide = false) => {
    const exactMode = exactly.has(variable);
    const range = ranges(highs, neighbourhood(variable, trial), [variable], exactMode ? { cache: exact, need: threshold, decide } : { integer: false, cache: fast, need: threshold }).get(variable)!;
    remember(variable, range, exactMode, trial);
    return range;
  };
  const widthWith = (extra: string[], variable: number, decide = false): number => width(rangeOf(variable, close(withheld, extra), decide));
  /** The withheld counts whose range is too narrow (of those given, or all): by the relaxation, and exactly where it has misled. */
  const failing = (trial: Set<string>): { figure: string; variable: number; range: Range }[] => {
    const relaxed = audit(highs, model, trial, threshold, { integer: false, cache: fast });
    const out = relaxed.failing.map((c) => ({ figure: c.figure, variable: byId.get(c.figure)!.protects!.variable, range: c.range }));
    for (const c of relaxed.protected) {
      const v = byId.get(c.figure)!.protects!.variable;
      if (!exactly.has(v)) remember(v, c.range, false, trial);
      if (!exactly.has(v) || out.some((o) => o.variable === v) || keeps(v, trial)) continue;
      const range = rangeOf(v, trial);
      if (width(range) < threshold) out.push({ figure: c.figure, variable: v, range });
    }
    return out;
  };

  /**
   * Withholds, one cheapest set at a time, until no withheld count fails. Withholding only ever
   * widens ranges, so after the first audit only the counts that failed, and those newly
   * withheld, need looking at again, each within its own neighbourhood.
   */
  const search = () => {
    const queue = failing(withheld);
    for (let guard = 0; queue.length && guard < 4 * model.figures.length; guard++) {
      const { variable } = queue[0];
      if (keeps(variable, withheld)) {
        queue.shift();
        continue;
      }
      const range = rangeOf(variable, withheld);
      if (width(range) >= threshold) {
        queue.shift();
        continue;
      }
      const target = { range };
      const near = reach(variable, 2);
      const candidates = model.figures
        .filter((f) => !withheld.has(f.id) && withholdable(f) && [...figureVars.get(f.id)!].some((v) => near.has(v)))
        .sort((a, b) => a.cost - b.cost || a.id.localeCompare(b.id));
      if (!candidates.length) {
        queue.shift();
        continue;
      }
      const before = width(target.range);
      // What withholding can move this count's range at all: a set none of whose relations
      // bind the relaxation's optima leaves the range as it is, so it is not solved for.
      const screen = exactly.has(variable) ? null : binding(highs, neighbourhood(variable, withheld), variable);
      const matters = screen && screen.range.low === range.low && screen.range.high === range.high ? screen.binding : null;
      const moves = (set: Figure[]) => {
        if (!matters) return true;
        for (const id of adds(withheld, set.map((f) => f.id))) if (byId.get(id)!.relations.some((r) => matters.has(r))) return true;
        return false;
      };
      // Single figures, cheapest first, up to the first that protects the count; then pairs and
      // triples of the cheapest and of the most useful alone, only while cheaper than the best
      // found. The cheapest set that protects the count wins; failing that, the one that widens
      // its range most for what it costs; failing that, the two cheapest.
      let best: { ids: string[]; cost: number } | null = null;
      let bestGain: { ids: string[]; ratio: number } | null = null;
      const gain = new Map<string, number>();
      // Sets that do not protect an exactly judged count, judged only that far (integer
      // programmes for its largest value are the search's dearest part): how much a single
      // widens the range is then known at least (from the integer tables found), which orders
      // the pairs to try. Exactly how much each set widens it is worked out below, in the order
      // tried, only where it chooses: singles before pairs are tried if no single protects the
      // count, pairs and triples if none at all does.
      const undecided: Figure[][] = [];
      const exactMode = exactly.has(variable);
      const costOf = (set: Figure[]) => set.reduce((sum, f) => sum + f.cost, 0);
      /** A set that widens the range without protecting the count: the best gain for what it costs. */
      const gained = (ids: string[], w: number, cost: number) => {
        if (w <= before) return;
        const ratio = (Math.min(w, threshold) - before) / cost;
        if (!bestGain || ratio > bestGain.ratio) bestGain = { ids, ratio };
      };
      const widening = (set: Figure[]) => {
        const ids = set.map((f) => f.id);
        const w = widthWith(ids, variable);
        if (set.length === 1) gain.set(set[0].id, w);
        gained(ids, w, costOf(set));
      };
      const consider = (set: Figure[]) => {
        const cost = costOf(set);
        if (best && cost >= best.cost) return;
        const ids = set.map((f) => f.id);
        const w = moves(set) ? widthWith(ids, variable, exactMode) : before;
        if (set.length === 1) gain.set(set[0].id, w);
        if (exactMode && w < threshold) undecided.push(set);
        else if (w >= threshold) best = { ids, cost };
        else gained(ids, w, cost);
      };
      for (const c of candidates) {
        consider([c]);
        if (best) break;
      }
      if (!best) for (const set of undecided.splice(0)) widening(set);
      const useful = [...candidates].sort((a, b) => (gain.get(b.id) ?? 0) - (gain.get(a.id) ?? 0) || a.cost - b.cost).slice(0, 6);
      const pool = [...new Set([...candidates.slice(0, 6), ...useful])];
      for (let i = 0; i < pool.length; i++) for (let j = i + 1; j < pool.length; j++) consider([pool[i], pool[j]]);
      // Three cheap figures can cost less than one large count (a net, the "excluding Don't know"
      // column and a small count, rather than a large count).
      const cheap = candidates.slice(0, 7);
      for (let i = 0; i < cheap.length; i++) for (let j = i + 1; j < cheap.length; j++) for (let k = j + 1; k < cheap.length; k++) consider([cheap[i], cheap[j], cheap[k]]);
      if (!best) for (const set of undecided.filter((s) => s.length > 1)) widening(set);
      const chosen: string[] = (best as { ids: string[] } | null)?.ids ?? (bestGain as { ids: string[] } | null)?.ids ?? candidates.slice(0, 2).map((c) => c.id);
      const before_ = new Set(withheld);
      withheld = close(withheld, chosen);
      // A count withheld to protect another must itself stay protected.
      for (const p of protectedIn(withheld)) if (!before_.has(p.figure)) queue.push({ ...p, range: { low: 0, high: 0 } });
    }
  };

  /**
   * Publishes again every secondary choice the audit does not need, dearest first: all of them
   * after the first search, and after a later one (when the exact audit overruled the
   * relaxation) only those it added; the others were judged already, and judging them again
   * exactly took longer than everything else together (a breakdown of the demo survey: 7 s).
   */
  /**
   * Whether every one of these counts keeps its range under a trial pattern: by their witnesses
   * where they still hold; otherwise the likeliest to fail first, on its own (most trials that
   * fail, fail there), then the rest judged by the relaxation in one call, so that counts of the
   * same part share one linear programme's set-up and warm start.
   */
  const holdAll = (variables: number[], trial: Set<string>): boolean => {
    const left = variables.filter((v) => !keeps(v, trial));
    if (!left.length) return true;
    const was = (v: number) => {
      const r = known.get(v)?.range;
      return r ? width(r) : 0;
    };
    left.sort((a, b) => was(a) - was(b) || a - b);
    if (width(rangeOf(left[0], trial)) < threshold) return false;
    const together = left.slice(1).filter((v) => !exactly.has(v) && !keeps(v, trial));
    for (const v of left.slice(1)) if (exactly.has(v) && width(rangeOf(v, trial)) < threshold) return false;
    if (!together.length) return true;
    const relations = [...reachable(together, trial).relations].map((i) => owned[i].relation);
    const found = ranges(highs, relations, together, { integer: false, cache: fast, need: threshold });
    for (const v of together) {
      const range = found.get(v)!;
      remember(v, range, false, trial);
      if (width(range) < threshold) return false;
    }
    return true;
  };

  const prune = (only: Set<string> | null) => {
    const secondary = [...withheld].filter((id) => (only === null || only.has(id)) && !first.has(id) && withholdable(byId.get(id)!)).sort((a, b) => byId.get(b)!.cost - byId.get(a)!.cost || a.localeCompare(b));
    for (const id of secondary) {
      if (!withheld.has(id)) continue;
      const trial = new Set(withheld);
      trial.delete(id);
      // Figures that were withheld only because this one was come back with it.
      for (const f of model.figures) if (f.kind === "attached" && trial.has(f.id) && !first.has(f.id) && f.requires.every((r) => !trial.has(r))) trial.delete(f.id);
      // Publishing it can narrow only the ranges of counts it reaches.
      const restored = [...withheld].filter((w) => !trial.has(w));
      const starts = [...new Set(restored.flatMap((w) => [...figureVars.get(w)!]))];
      const reached = reachable(starts, trial).variables;
      const affected = protectedIn(trial).filter((p) => reached.has(p.variable));
      if (holdAll(affected.map((p) => p.variable), trial)) withheld = trial;
    }
  };

  // The search and the pruning judge by the linear relaxation (fast, and its ranges contain the
  // integer ones); the exact audit has the last word. Where it disagrees, the counts concerned
  // are judged exactly from then on, and the search runs again.
  for (let round = 0; round < 4; round++) {
    const before = new Set(withheld);
    search();
    prune(round === 0 ? null : new Set([...withheld].filter((id) => !before.has(id))));
    const exactAudit = audit(highs, model, withheld, threshold, { cache: exact });
    if (exactAudit.passed) break;
    for (const f of exactAudit.failing) exactly.add(byId.get(f.figure)!.protects!.variable);
  }
  const final = audit(highs, model, withheld, threshold, { cache: exact });
  return { threshold, withheld, primary: first, audit: final };
}
