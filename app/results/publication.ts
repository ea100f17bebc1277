import { assertNever, type Condition, type ConsultationDefinition, type Question } from "../definition/definition";
import { DONT_KNOW } from "../definition/scales";
import type { QuestionResult, Table } from "./aggregate";
import type { Relation, Term } from "./audit";
import { equals, ModelBuilder, roundedRatio, type DisclosureModel } from "./disclosure";
import { roundRatio } from "./rounding";

/**
 * The model of what a consultation publishes: every figure the public results page, its data,
 * the "as published" exports, the Panel pack, the evidence statements and the charts show, and
 * the relations that tie them (disclosure.ts). One model, so one decision: every output withholds
 * the same figures.
 *
 * Figure ids (display.ts reads them):
 *   <table>|base              a base ("n=")
 *   <table>|cell|<option>     an answer's count (and its percentage and interval, shown with it)
 *   <table>|pct|<option>      its percentage of the base (shown only with the count and the base)
 *   <table>|net, net-pct      a net and its percentage
 *   <table>|valid             the "% excluding Don't know" column and its base
 *   <table>|valid-pct|<option>
 *   <q>|first|<item>, first-pct, top3, top3-pct, mean, score    a ranking's figures
 *   <q>|stats                 a number question's mean, median and quartiles
 *   _responses|base, _responses|cell|<channel>    how people responded
 *   statement|<id>            an evidence statement (count, base, percentage, interval)
 * where <table> is the question id, or "question.item" for a matrix row, an "about you" item or
 * a precept proposal.
 */

export const RESPONSES_TABLE = "_responses";

/** An evidence statement's figure, as the model needs it. */
export interface StatementInput {
  id: string;
  questionId: string;
  itemId: string;
  optionIds: string[];
  filter: { questionId: string; itemId: string; optionIds: string[] } | null;
  count: number;
  base: number;
}

export interface PublicationInput {
  definition: ConsultationDefinition;
  results: QuestionResult[];
  totals: { counted: number; byChannel: Record<string, number> };
  statements?: StatementInput[];
}

/** Tenths of a per cent, as shown: count / base × 1000, rounded half away from zero. */
const tenths = (count: number, base: number) => Number(roundRatio(BigInt(count) * 1000n, BigInt(base), 0));
const hundredths = (numerator: number, denominator: number) => Number(roundRatio(BigInt(numerator) * 100n, BigInt(denominator), 0));
const sum = (vars: number[]): Term[] => vars.map((v) => [v, 1] as const);

interface TableVars {
  key: string;
  base: number;
  /** option id → variable */
  cells: Map<string, number>;
  exclusive: boolean;
}

class PublicationBuilder {
  readonly total: number;
  /** Table key → its variables, for statements and routing. */
  readonly tables = new Map<string, TableVars>();
  /** Question id → the base variables of its tables (one per item for matrices). */
  readonly questionBases = new Map<string, number[]>();
  /** Ranking question id → item → rank variables. */
  readonly rankings = new Map<string, Map<string, number[]>>();
  readonly channels = new Map<string, number>();
  /** Number and free-text questions: their base variable. */
  readonly baseOnlyVars = new Map<string, number>();

  /**
   * `prefix` names a group's figures ("g:<group>/", see groupPrefix) in a model that also holds
   * the whole consultation's; "" for the whole consultation.
   */
  constructor(
    readonly b: ModelBuilder,
    readonly prefix: string,
    totals: PublicationInput["totals"],
  ) {
    const p = prefix;
    this.total = b.variable(`${p}responses`, totals.counted);
    const channelVars = Object.entries(totals.byChannel).map(([channel, n]) => {
      const v = b.variable(`${p}responses by ${channel}`, n);
      this.channels.set(channel, v);
      b.figure({ id: `${p}${RESPONSES_TABLE}|cell|${channel}`, kind: "cell", table: `${p}${RESPONSES_TABLE}`, relations: [equals([[v, 1]], n)], sizes: [n, totals.counted], protects: { variable: v, always: true, value: n }, cost: Math.max(n, 1) });
      return v;
    });
    b.holds([...sum(channelVars), [this.total, -1]], 0);
    b.figure({ id: `${p}${RESPONSES_TABLE}|base`, kind: "total", table: `${p}${RESPONSES_TABLE}`, relations: [equals([[this.total, 1]], totals.counted)], sizes: [totals.counted], protects: { variable: this.total, always: false, value: totals.counted }, cost: 2 * totals.counted + 1 });
  }

  private id(key: string, what: string): string {
    return `${this.prefix}${key}|${what}`;
  }

  /** A base: at most the number of responses. */
  private baseVariable(key: string, questionId: string, value: number): number {
    const b = this.b;
    const v = b.variable(`${this.prefix}${key} base`, value);
    b.holds([[v, 1], [this.total, -1]], -Infinity, 0);
    this.questionBases.set(questionId, [...(this.questionBases.get(questionId) ?? []), v]);
    b.figure({ id: this.id(key, "base"), kind: "total", table: this.prefix + key, relations: [equals([[v, 1]], value)], sizes: [value], protects: { variable: v, always: false, value }, cost: 2 * value + 1 });
    return v;
  }

  oneWay(key: string, questionId: string, table: Table, multiple: boolean): void {
    const b = this.b;
    const base = this.baseVariable(key, questionId, table.base);
    const cells = new Map<string, number>();
    for (const row of table.rows) {
      const v = b.variable(`${this.prefix}${key} ${row.id}`, row.count);
      cells.set(row.id, v);
      b.figure({
        id: this.id(key, `cell|${row.id}`),
        kind: "cell",
        table: this.prefix + key,
        relations: [equals([[v, 1]], row.count)],
        sizes: [row.count, table.base],
        protects: { variable: v, always: true, value: row.count },
        cost: Math.max(row.count, 1),
      });
      if (table.base > 0) {
        b.figure({ id: this.id(key, `pct|${row.id}`), kind: "attached", table: this.prefix + key, relations: roundedRatio([[v, 1]], [[base, 1]], tenths(row.count, table.base), 1000), requires: [this.id(key, `cell|${row.id}`), this.id(key, "base")], cost: 0 });
      }
    }
    const all = [...cells.values()];
    if (multiple) {
      // Respondents tick at least one option, and each option at most once.
      for (const v of all) b.holds([[v, 1], [base, -1]], -Infinity, 0);
      if (all.length) b.holds([...sum(all), [base, -1]], 0, Infinity);
    } else {
      b.holds([...sum(all), [base, -1]], 0);
    }
    this.tables.set(key, { key, base, cells, exclusive: !multiple });
    if (table.net) {
      const ids = table.netIds ?? [];
      const vars = ids.map((id) => cells.get(id)!).filter((v) => v !== undefined);
      b.figure({ id: this.id(key, "net"), kind: "derived", table: this.prefix + key, relations: [equals(sum(vars), table.net.count)], sizes: [table.net.count, table.base], cost: 0.5 });
      if (table.base > 0) {
        b.figure({ id: this.id(key, "net-pct"), kind: "attached", table: this.prefix + key, relations: roundedRatio(sum(vars), [[base, 1]], tenths(table.net.count, table.base), 1000), requires: [this.id(key, "net"), this.id(key, "base")], cost: 0 });
      }
    }
    const dk = table.rows.find((r) => r.id === DONT_KNOW.id);
    if (dk && table.baseExcludingDontKnow !== undefined) {
      const valid = table.baseExcludingDontKnow;
      const others = table.rows.filter((r) => r.id !== DONT_KNOW.id);
      const otherVars = others.map((r) => cells.get(r.id)!);
      b.figure({ id: this.id(key, "valid"), kind: "derived", table: this.prefix + key, relations: [equals(sum(otherVars), valid)], sizes: [valid, table.base], cost: 0.5 });
      if (valid > 0) {
        for (const r of others) {
          b.figure({
            id: this.id(key, `valid-pct|${r.id}`),
            kind: "attached",
            table: this.prefix + key,
            relations: roundedRatio([[cells.get(r.id)!, 1]], sum(otherVars), tenths(r.count, valid), 1000),
            requires: [this.id(key, `cell|${r.id}`), this.id(key, "valid")],
            cost: 0,
          });
        }
      }
    }
  }

  ranking(result: Extract<QuestionResult, { kind: "ranking" }>): void {
    const b = this.b;
    const key = result.question.id;
    const R = result.rankCount;
    const base = this.baseVariable(key, key, result.base);
    const items = new Map<string, number[]>();
    for (const item of result.items) {
      items.set(
        item.id,
        item.byRank.map((n, r) => b.variable(`${this.prefix}${key} ${item.id} rank ${r + 1}`, n)),
      );
    }
    this.rankings.set(key, items);
    // Everyone who ranks gives each rank 1..R to exactly one item, and an item at most one rank.
    for (let r = 0; r < R; r++) b.holds([...sum(result.items.map((i) => items.get(i.id)![r])), [base, -1]], 0);
    for (const vars of items.values()) b.holds([...sum(vars), [base, -1]], -Infinity, 0);
    for (const item of result.items) {
      const vars = items.get(item.id)!;
      const first = vars[0];
      const top = vars.slice(0, Math.min(3, R));
      b.figure({
        id: this.id(key, `first|${item.id}`),
        kind: "cell",
        table: this.prefix + key,
        relations: [equals([[first, 1]], item.rankedFirst)],
        sizes: [item.rankedFirst, result.base],
        protects: { variable: first, always: true, value: item.rankedFirst },
        cost: Math.max(item.rankedFirst, 1),
      });
      b.figure({ id: this.id(key, `top3|${item.id}`), kind: "derived", table: this.prefix + key, relations: [equals(sum(top), item.rankedTop3)], sizes: [item.rankedTop3, result.base], cost: 0.5 });
      if (result.base > 0) {
        b.figure({ id: this.id(key, `first-pct|${item.id}`), kind: "attached", table: this.prefix + key, relations: roundedRatio([[first, 1]], [[base, 1]], tenths(item.rankedFirst, result.base), 1000), requires: [this.id(key, `first|${item.id}`), this.id(key, "base")], cost: 0 });
        b.figure({ id: this.id(key, `top3-pct|${item.id}`), kind: "attached", table: this.prefix + key, relations: roundedRatio(sum(top), [[base, 1]], tenths(item.rankedTop3, result.base), 1000), requires: [this.id(key, `top3|${item.id}`), this.id(key, "base")], cost: 0 });
        // Average score: Σ (R − r + 1)·n_r / base, to two decimal places.
        const borda: Term[] = vars.map((v, r) => [v, R - r] as const);
        b.figure({ id: this.id(key, `score|${item.id}`), kind: "derived", table: this.prefix + key, relations: roundedRatio(borda, [[base, 1]], hundredths(item.borda, result.base), 100), requires: [this.id(key, "base")], sizes: [result.base], cost: 0.5 });
      }
      if (item.ranked > 0) {
        // Mean rank among those ranking it: Σ r·n_r / Σ n_r, to two decimal places.
        const rankSum: Term[] = vars.map((v, r) => [v, r + 1] as const);
        b.figure({ id: this.id(key, `mean|${item.id}`), kind: "derived", table: this.prefix + key, relations: roundedRatio(rankSum, sum(vars), hundredths(item.rankSum, item.ranked), 100), sizes: [item.ranked], cost: 0.5 });
      }
    }
  }

  /** A question whose only count is its base: numbers (with their statistics) and written answers. */
  baseOnly(key: string, n: number, statistics: boolean): void {
    this.baseOnlyVars.set(key, this.baseVariable(key, key, n));
    if (statistics) this.b.figure({ id: this.id(key, "stats"), kind: "attached", table: this.prefix + key, relations: [], requires: [this.id(key, "base")], cost: 0 });
  }

  /**
   * Routing: a question shown only to some respondents has no more answers than they number
   * (exactly as many, when it is required). Added only where it holds in the data (a
   * consultation's earlier versions may have routed differently), and as an equality only for
   * a required question whose answers meet it, as a reader who knows the questionnaire may assume.
   */
  routing(def: ConsultationDefinition): void {
    for (const page of def.pages) {
      for (const q of page.questions) {
        const conditions: Condition[] = [];
        for (const showIf of [page.showIf, q.showIf]) {
          if (!showIf) continue;
          if (showIf.match === "all" || showIf.conditions.length === 1) conditions.push(...showIf.conditions);
        }
        for (const c of conditions) {
          const bound = this.routedCount(def, c);
          if (!bound) continue;
          for (const base of this.questionBases.get(q.id) ?? []) this.holdsIfTrue([[base, 1], ...bound.map(([v, k]) => [v, -k] as Term)], 0, q.required);
        }
      }
    }
  }

  /** Terms for the number of respondents a condition admits (an upper bound: Σ terms ≥ routed). */
  private routedCount(def: ConsultationDefinition, c: Condition): Term[] | null {
    const target = def.pages.flatMap((p) => p.questions).find((q) => q.id === c.question);
    if (!target) return null;
    const key = c.item ? `${c.question}.${c.item}` : c.question;
    const table = this.tables.get(key);
    if (!table) return null;
    const chosen = c.values.map((v) => table.cells.get(v)).filter((v): v is number => v !== undefined);
    switch (c.operator) {
      case "equals":
      case "any_of":
        return sum(chosen);
      case "none_of":
        // Everyone, less those who chose one of them (exclusive: each respondent chose at most one).
        return table.exclusive ? [[this.total, 1], ...chosen.map((v) => [v, -1] as Term)] : chosen.length === 1 ? [[this.total, 1], [chosen[0], -1]] : [[this.total, 1]];
      default:
        return assertNever(c.operator);
    }
  }

  /**
   * Adds Σ ≤ high where the data satisfy it; as an equality where they meet it and a reader may
   * assume it (`exact`: everyone routed to a required question answers it).
   */
  holdsIfTrue(terms: Term[], high: number, exact: boolean): void {
    const value = terms.reduce((s, [v, k]) => s + k * this.b.values[v], 0);
    if (Number.isNaN(value) || value > high) return;
    if (value === high && exact) this.b.holds(terms, high);
    else this.b.holds(terms, -Infinity, high);
  }

  statement(s: StatementInput, def: ConsultationDefinition): void {
    const b = this.b;
    const question = def.pages.flatMap((p) => p.questions).find((q) => q.id === s.questionId);
    if (!question) return;
    const optionVars = this.optionVariables(question, s.itemId);
    if (!optionVars) return;
    const baseVar = this.baseOf(question, s.itemId);
    if (baseVar === undefined) return;
    const exclusive = question.type !== "multiple_choice";
    const id = `statement|${s.id}`;
    const relations: Relation[] = [];
    let count: Term[];
    let base: Term[];
    if (!s.filter) {
      base = [[baseVar, 1]];
      count = this.distinct(optionVars, s.optionIds, exclusive, baseVar, `${id} count`, s.count);
    } else {
      // The subgroup's answers: new unknowns, each at most the whole's, the subgroup's base at
      // most the group's size (exactly, where the data say so: a question routed to the group).
      const group = this.groupSize(def, s.filter);
      const sub = new Map([...optionVars.keys()].map((opt) => [opt, b.variable(`${id} ${opt}`, Number.NaN)]));
      const subBase = b.variable(`${id} base`, s.base);
      for (const [opt, v] of sub) {
        b.holds([[v, 1], [optionVars.get(opt)!, -1]], -Infinity, 0);
        // Those outside the group who chose it are at most the number outside the group.
        if (group) b.holds([[optionVars.get(opt)!, 1], [v, -1], [this.total, -1], ...group], -Infinity, 0);
      }
      const subVars = [...sub.values()];
      if (exclusive) b.holds([...sum(subVars), [subBase, -1]], 0);
      else {
        for (const v of subVars) b.holds([[v, 1], [subBase, -1]], -Infinity, 0);
        if (subVars.length) b.holds([...sum(subVars), [subBase, -1]], 0, Infinity);
      }
      // Equalities where the data meet them: the subgroup is the whole of those answering (a
      // question routed to the group), or everyone in the group answered (a required question).
      this.holdsIfTrue([[subBase, 1], [baseVar, -1]], 0, true);
      if (group) this.holdsIfTrue([[subBase, 1], ...group.map(([v, k]) => [v, -k] as Term)], 0, question.required);
      base = [[subBase, 1]];
      count = this.distinct(sub, s.optionIds, exclusive, subBase, `${id} count`, s.count);
    }
    relations.push(equals(count, s.count), equals(base, s.base));
    if (s.base > 0) relations.push(...roundedRatio(count, base, tenths(s.count, s.base), 1000));
    b.figure({ id, kind: "derived", table: `statement ${s.id}`, relations, sizes: [s.count, s.base - s.count, s.base], cost: 0.5 });
  }

  /** Respondents who chose any of the options: their sum when options exclude each other, else an unknown between the largest and the sum. */
  private distinct(vars: Map<string, number>, optionIds: string[], exclusive: boolean, base: number, name: string, value: number): Term[] {
    const chosen = optionIds.map((o) => vars.get(o)).filter((v): v is number => v !== undefined);
    if (exclusive || chosen.length <= 1) return sum(chosen);
    const y = this.b.variable(name, value);
    for (const v of chosen) this.b.holds([[y, 1], [v, -1]], 0, Infinity);
    this.b.holds([[y, 1], ...chosen.map((v) => [v, -1] as Term)], -Infinity, 0);
    this.b.holds([[y, 1], [base, -1]], -Infinity, 0);
    return [[y, 1]];
  }

  private optionVariables(question: Question, itemId: string): Map<string, number> | null {
    if (question.type === "ranking") {
      const items = this.rankings.get(question.id)?.get(itemId);
      return items ? new Map(items.map((v, r) => [String(r + 1), v])) : null;
    }
    return this.tables.get(itemId ? `${question.id}.${itemId}` : question.id)?.cells ?? null;
  }

  private baseOf(question: Question, itemId: string): number | undefined {
    if (question.type === "ranking") return this.questionBases.get(question.id)?.[0];
    return this.tables.get(itemId ? `${question.id}.${itemId}` : question.id)?.base;
  }

  /** The size of a subgroup (respondents who gave one of the answers, or came by one of the channels), as terms. */
  groupSize(def: ConsultationDefinition, filter: NonNullable<StatementInput["filter"]>): Term[] | null {
    if (filter.questionId === "_channel") {
      const vars = filter.optionIds.map((c) => this.channels.get(c)).filter((v): v is number => v !== undefined);
      return sum(vars);
    }
    const key = filter.itemId ? `${filter.questionId}.${filter.itemId}` : filter.questionId;
    const table = this.tables.get(key);
    if (!table || !table.exclusive) return null;
    return sum(filter.optionIds.map((o) => table.cells.get(o)).filter((v): v is number => v !== undefined));
  }
}

/** A consultation's answers split into groups: a breakdown's columns, or the groups a filter picks one of. */
export interface GroupsInput {
  /** The question (or item) whose answers define the groups, or the channel. */
  by: { questionId: string; itemId: string };
  /** Groups within one subgroup (a breakdown of a filtered page), or null for everyone. */
  within: { questionId: string; itemId: string; optionIds: string[] } | null;
  groups: { id: string; results: QuestionResult[]; totals: PublicationInput["totals"] }[];
}

/** Figure ids of a group's tables start with this: "g:victim-yes/reported|cell|no". */
export const groupPrefix = (group: string) => `g:${group}/`;
/** Figure ids of a breakdown's "All in these groups" column and total: "b:reported|row|no", "b:reported|total". */
export const BREAKDOWN_PREFIX = "b:";

function addTables(p: PublicationBuilder, results: QuestionResult[]): void {
  for (const r of results) {
    switch (r.kind) {
      case "options":
        p.oneWay(r.question.id, r.question.id, r.table, r.multiple);
        break;
      case "items":
        for (const item of r.items) p.oneWay(`${r.question.id}.${item.id}`, r.question.id, item.table, false);
        break;
      case "ranking":
        p.ranking(r);
        break;
      case "number":
        p.baseOnly(r.question.id, r.n, true);
        break;
      case "text":
        p.baseOnly(r.question.id, r.count, false);
        break;
      default:
        assertNever(r);
    }
  }
}

/**
 * The groups' tables, each built as a consultation of its own, tied to the whole consultation's:
 * a group's count of an answer is at most the whole's, and the groups together at most the whole
 * (exactly, where the data meet it: a reader who sees every group published can add them up).
 * A group's size is the count of its answer to the grouping question (or channel). The
 * breakdown's "All in these groups" column and its total are figures too.
 */
function addGroups(whole: PublicationBuilder, input: GroupsInput, def: ConsultationDefinition): void {
  const b = whole.b;
  const parts = input.groups.map((g) => {
    const p = new PublicationBuilder(b, groupPrefix(g.id), g.totals);
    addTables(p, g.results);
    p.routing(def);
    return { group: g, p };
  });
  const tie = (wholeVar: number | undefined, groupVars: (number | undefined)[]) => {
    const vars = groupVars.filter((v): v is number => v !== undefined);
    if (wholeVar === undefined || !vars.length) return;
    whole.holdsIfTrue([...sum(vars), [wholeVar, -1]], 0, true);
  };
  // Answers, bases and ranks.
  for (const [key, table] of whole.tables) {
    tie(table.base, parts.map(({ p }) => p.tables.get(key)?.base));
    for (const [option, v] of table.cells) tie(v, parts.map(({ p }) => p.tables.get(key)?.cells.get(option)));
  }
  for (const [key, items] of whole.rankings) {
    tie(whole.questionBases.get(key)?.[0], parts.map(({ p }) => p.questionBases.get(key)?.[0]));
    for (const [item, ranks] of items) ranks.forEach((v, r) => tie(v, parts.map(({ p }) => p.rankings.get(key)?.get(item)?.[r])));
  }
  for (const [key, v] of whole.baseOnlyVars) tie(v, parts.map(({ p }) => p.baseOnlyVars.get(key)));
  // Responses: by channel, in total, and each group's size.
  for (const [channel, v] of whole.channels) tie(v, parts.map(({ p }) => p.channels.get(channel)));
  const within = input.within ? whole.groupSize(def, input.within) : null;
  if (within) whole.holdsIfTrue([...sum(parts.map(({ p }) => p.total)), ...within.map(([v, k]) => [v, -k] as Term)], 0, true);
  else tie(whole.total, parts.map(({ p }) => p.total));
  for (const { group, p } of parts) {
    const size = whole.groupSize(def, { ...input.by, optionIds: [group.id] });
    if (size) whole.holdsIfTrue([[p.total, 1], ...size.map(([v, k]) => [v, -k] as Term)], 0, !input.within);
  }
  // The breakdown's "All in these groups" column and its total.
  const keys = new Set(parts.flatMap(({ p }) => [...p.tables.keys(), ...p.rankings.keys()]));
  for (const key of keys) {
    const ranking = parts.some(({ p }) => p.rankings.has(key));
    const bases = parts.map(({ p }) => (ranking ? p.questionBases.get(key)?.[0] : p.tables.get(key)?.base)).filter((v): v is number => v !== undefined);
    const value = (vars: number[]) => vars.reduce((t, v) => t + b.values[v], 0);
    b.figure({ id: `${BREAKDOWN_PREFIX}${key}|total`, kind: "derived", table: `${BREAKDOWN_PREFIX}${key}`, relations: [equals(sum(bases), value(bases))], sizes: [value(bases)], cost: 0.5 });
    const options = ranking
      ? [...new Set(parts.flatMap(({ p }) => [...(p.rankings.get(key)?.keys() ?? [])]))].map((item) => ({ id: item, vars: parts.map(({ p }) => p.rankings.get(key)?.get(item)?.[0]) }))
      : [...new Set(parts.flatMap(({ p }) => [...(p.tables.get(key)?.cells.keys() ?? [])]))].map((option) => ({ id: option, vars: parts.map(({ p }) => p.tables.get(key)?.cells.get(option)) }));
    for (const o of options) {
      const vars = o.vars.filter((v): v is number => v !== undefined);
      b.figure({ id: `${BREAKDOWN_PREFIX}${key}|row|${o.id}`, kind: "derived", table: `${BREAKDOWN_PREFIX}${key}`, relations: [equals(sum(vars), value(vars))], sizes: [value(vars)], cost: 0.5 });
    }
  }
}

/**
 * The disclosure model of a consultation's published results; with `groups`, also of one
 * breakdown (or of the groups a filtered page shows one of), in the same model, so the audit sees
 * the whole consultation's figures and the groups' together.
 */
export function publicationModel(input: PublicationInput, groups?: GroupsInput): DisclosureModel {
  const p = new PublicationBuilder(new ModelBuilder(), "", input.totals);
  addTables(p, input.results);
  p.routing(input.definition);
  for (const s of input.statements ?? []) p.statement(s, input.definition);
  if (groups) addGroups(p, groups, input.definition);
  return p.b.build();
}
