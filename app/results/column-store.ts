import { answerRows, BASE, type Answers } from "../responding/answers";
import { CHANNELS, isChannel, type Channel } from "../responding/channels";
import type { CountRow } from "./aggregate";

/**
 * A consultation's counted answers in columns, for the analyst's views at a million responses:
 * one column per question and item, holding each response's answer as a small integer code
 * (or, for multiple choice, a bit per option), built from the same rows the submit transaction
 * writes (answerRows), so every count from it is the count a GROUP BY over the answer rows
 * gives. A subgroup, a breakdown, weighted figures or a representativeness table is then one
 * pass over typed arrays in memory (tens of milliseconds for a million responses) instead of a
 * join over 25 million rows. Columns only grow: counted responses are only ever added.
 */

export type Codes = Uint16Array | Uint32Array;

export interface Column {
  questionId: string;
  itemId: string;
  /** Code k (from 1) stands for options[k - 1]; 0 means the response has no row here. "" is free text's row. */
  options: string[];
  /** "one": at most one row per response (a code each); "many": multiple choice (a bit per option). */
  kind: "one" | "many";
  codes: Codes;
  /** For "many": bit b of words[w][i] is option w·32 + b. */
  words: Uint32Array[];
}

export interface ColumnLayout {
  columns: { questionId: string; itemId: string; kind: "one" | "many"; wide: boolean; words: number; options: string[] }[];
}

const key = (q: string, item: string) => `${q}\u0000${item}`;

export class ColumnStore {
  n = 0;
  seqs: Float64Array;
  /** Index into CHANNELS. */
  channels: Uint8Array;
  columns: Column[] = [];
  /** The first response not yet saved; 0 after a change of layout, when every chunk is saved again. */
  unsavedFrom = 0;
  private capacity: number;
  private byKey = new Map<string, number>();
  private optionCodes: Map<string, number>[] = [];

  constructor(capacity = 1024) {
    this.capacity = Math.max(16, capacity);
    this.seqs = new Float64Array(this.capacity);
    this.channels = new Uint8Array(this.capacity);
  }

  column(questionId: string, itemId: string): Column | undefined {
    const j = this.byKey.get(key(questionId, itemId));
    return j === undefined ? undefined : this.columns[j];
  }

  /** Grows every array to hold at least `size` responses. */
  reserve(size: number) {
    if (size <= this.capacity) return;
    let capacity = this.capacity;
    while (capacity < size) capacity *= 2;
    const grow = <T extends Float64Array | Uint8Array | Uint16Array | Uint32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(capacity);
      b.set(a);
      return b;
    };
    this.seqs = grow(this.seqs);
    this.channels = grow(this.channels);
    for (const c of this.columns) {
      c.codes = grow(c.codes);
      c.words = c.words.map(grow);
    }
    this.capacity = capacity;
  }

  private addColumn(questionId: string, itemId: string, layout?: ColumnLayout["columns"][number]): Column {
    const wide = layout?.wide ?? false;
    const c: Column = {
      questionId,
      itemId,
      options: layout ? [...layout.options] : [],
      kind: layout?.kind ?? "one",
      codes: wide ? new Uint32Array(this.capacity) : new Uint16Array(this.capacity),
      words: Array.from({ length: layout?.words ?? 0 }, () => new Uint32Array(this.capacity)),
    };
    this.byKey.set(key(questionId, itemId), this.columns.length);
    this.columns.push(c);
    this.optionCodes.push(new Map(c.options.map((o, i) => [o, i + 1])));
    if (!layout) this.unsavedFrom = 0;
    return c;
  }

  private codeFor(j: number, option: string): number {
    const codes = this.optionCodes[j];
    let code = codes.get(option);
    if (code !== undefined) return code;
    const c = this.columns[j];
    c.options.push(option);
    code = c.options.length;
    codes.set(option, code);
    if (code > 0xffff && c.codes instanceof Uint16Array) {
      c.codes = Uint32Array.from(c.codes);
      this.unsavedFrom = 0;
    }
    if (c.kind === "many") this.ensureWords(c, code);
    return code;
  }

  private ensureWords(c: Column, code: number) {
    while (c.words.length * 32 < code) {
      c.words.push(new Uint32Array(this.capacity));
      this.unsavedFrom = 0;
    }
  }

  private toMany(c: Column) {
    c.kind = "many";
    c.words = [];
    this.ensureWords(c, Math.max(1, c.options.length));
    for (let i = 0; i < this.n; i++) {
      const code = c.codes[i];
      if (code) c.words[(code - 1) >>> 5][i] |= 1 << ((code - 1) & 31);
      c.codes[i] = 0;
    }
    this.unsavedFrom = 0;
  }

  /** Adds one counted response, as the rows submitResponse writes for it. */
  append(seq: number, channel: Channel, answers: Answers) {
    this.reserve(this.n + 1);
    const i = this.n;
    this.seqs[i] = seq;
    this.channels[i] = CHANNELS.indexOf(channel);
    for (const [questionId, answer] of Object.entries(answers)) {
      for (const row of answerRows(questionId, answer)) {
        let j = this.byKey.get(key(row.question_id, row.item_id));
        if (j === undefined) {
          this.addColumn(row.question_id, row.item_id);
          j = this.columns.length - 1;
        }
        const c = this.columns[j];
        const code = this.codeFor(j, row.option_id);
        if (c.kind === "one") {
          if (c.codes[i] === 0 || c.codes[i] === code) {
            c.codes[i] = code;
            continue;
          }
          this.toMany(c);
          const earlier = c.codes[i];
          c.codes[i] = 0;
          c.words[(earlier - 1) >>> 5][i] |= 1 << ((earlier - 1) & 31);
        }
        c.words[(code - 1) >>> 5][i] |= 1 << ((code - 1) & 31);
      }
    }
    this.n++;
  }

  layout(): ColumnLayout {
    return {
      columns: this.columns.map((c) => ({ questionId: c.questionId, itemId: c.itemId, kind: c.kind, wide: c.codes instanceof Uint32Array, words: c.words.length, options: [...c.options] })),
    };
  }

  /** An empty store with a saved layout, to load saved chunks into. */
  static withLayout(layout: ColumnLayout, capacity: number): ColumnStore {
    const store = new ColumnStore(capacity);
    for (const c of layout.columns) store.addColumn(c.questionId, c.itemId, c);
    return store;
  }

  /** Responses [from, to) as bytes, in the layout's order. */
  encode(from: number, to: number): Uint8Array {
    const m = to - from;
    const parts: Uint8Array[] = [bytesOf(this.seqs.subarray(from, to)), this.channels.slice(from, to)];
    for (const c of this.columns) {
      if (c.kind === "one") parts.push(bytesOf(c.codes.subarray(from, to)));
      else for (const w of c.words) parts.push(bytesOf(w.subarray(from, to)));
    }
    const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    if (at !== m * this.bytesPerResponse()) throw new Error("column store: encoding size mismatch");
    return out;
  }

  bytesPerResponse(): number {
    return 9 + this.columns.reduce((s, c) => s + (c.kind === "one" ? c.codes.BYTES_PER_ELEMENT : 4 * c.words.length), 0);
  }

  /** Appends responses encoded by encode() under the same layout. */
  decodeAppend(bytes: Uint8Array) {
    const per = this.bytesPerResponse();
    if (bytes.length % per !== 0) throw new Error("column store: a saved chunk does not match its layout");
    const m = bytes.length / per;
    this.reserve(this.n + m);
    const from = this.n;
    let at = 0;
    const take = <T extends Float64Array | Uint8Array | Uint16Array | Uint32Array>(target: T, size: number) => {
      const copy = bytes.slice(at, at + m * size);
      at += m * size;
      target.set(new (target.constructor as new (b: ArrayBuffer) => T)(copy.buffer), from);
    };
    take(this.seqs, 8);
    take(this.channels, 1);
    for (const c of this.columns) {
      if (c.kind === "one") take(c.codes, c.codes.BYTES_PER_ELEMENT);
      else for (const w of c.words) take(w, 4);
    }
    this.n += m;
  }
}

function bytesOf(a: Float64Array | Uint16Array | Uint32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

// ---------------------------------------------------------------------------------------------
// Counting

export interface GroupedCountRow extends CountRow {
  group: string;
}

export interface WeightedCountRow extends CountRow {
  /** Σw and Σw² over the respondents counted in n. */
  w: number;
  w2: number;
}

/** Which responses to count (1) and which not (0); null counts every one. */
export type Mask = Uint8Array | null;

/** Groups for a breakdown: a group number per response (0 = in no group) and each group's id. */
export interface Groups {
  of: ArrayLike<number>;
  ids: string[];
}

interface Tally {
  n: Float64Array;
  w: Float64Array | null;
  w2: Float64Array | null;
}

const newTally = (size: number, weighted: boolean): Tally => ({
  n: new Float64Array(size),
  w: weighted ? new Float64Array(size) : null,
  w2: weighted ? new Float64Array(size) : null,
});

/**
 * The three counts every view is made of, per group: respondents per question (BASE), per item
 * of a question with items, and per option; as GROUP BY gives them over the answer rows.
 */
function tally(store: ColumnStore, mask: Mask, groups: Groups | null, weights: Float64Array | null, questions: string[] | null = null) {
  const n = store.n;
  const G = groups ? groups.ids.length + 1 : 2;
  const groupOf = groups?.of ?? null;
  const out: { question_id: string; item_id: string; option_id: string; g: number; n: number; w: number; w2: number }[] = [];
  const emit = (q: string, item: string, option: string, t: Tally, at: number, g: number) => {
    if (t.n[at] > 0) out.push({ question_id: q, item_id: item, option_id: option, g, n: t.n[at], w: t.w ? t.w[at] : 0, w2: t.w2 ? t.w2[at] : 0 });
  };
  const answered = new Uint8Array(n);
  // The responses to count, as a list when there is a mask: a subgroup then costs a pass over its
  // own members, not over every response.
  const members = mask === null ? null : membersOf(mask, n);
  const m = members === null ? n : members.length;
  const byQuestion = new Map<string, Column[]>();
  for (const c of store.columns) if (!questions || questions.includes(c.questionId)) byQuestion.set(c.questionId, [...(byQuestion.get(c.questionId) ?? []), c]);

  for (const [questionId, columns] of byQuestion) {
    answered.fill(0);
    for (const c of columns) {
      const K = c.options.length + 1;
      const t = newTally(G * K, weights !== null);
      const itemBase = newTally(G, weights !== null);
      // Each kind of column in a small function of its own, which V8 optimises within the first
      // view's pass rather than running a large function's loops unoptimised.
      if (c.kind === "one") tallyOne(c.codes, members, m, groupOf, K, weights, t, itemBase, answered);
      else tallyMany(c.words, members, m, groupOf, K, weights, t, itemBase, answered);
      for (let g = 1; g < G; g++) {
        if (c.itemId !== "") emit(questionId, c.itemId, BASE, itemBase, g, g);
        for (let code = 1; code < K; code++) if (c.options[code - 1] !== "") emit(questionId, c.itemId, c.options[code - 1], t, g * K + code, g);
      }
    }
    const base = newTally(G, weights !== null);
    tallyAnswered(answered, members, m, groupOf, weights, base);
    for (let g = 1; g < G; g++) emit(questionId, "", BASE, base, g, g);
  }
  return out;
}

type GroupOf = ArrayLike<number> | null;

/** A column of single answers: respondents per group and code, the item's base per group. */
function tallyOne(codes: Codes, members: Uint32Array | null, m: number, groupOf: GroupOf, K: number, weights: Float64Array | null, t: Tally, item: Tally, answered: Uint8Array) {
  const tn = t.n;
  const itemN = item.n;
  if (weights === null) {
    for (let k = 0; k < m; k++) {
      const i = members === null ? k : members[k];
      const code = codes[i];
      if (code === 0) continue;
      const g = groupOf === null ? 1 : groupOf[i];
      if (g === 0) continue;
      answered[i] = 1;
      tn[g * K + code]++;
      itemN[g]++;
    }
    return;
  }
  const tw = t.w!;
  const tw2 = t.w2!;
  const itemW = item.w!;
  const itemW2 = item.w2!;
  for (let k = 0; k < m; k++) {
    const i = members === null ? k : members[k];
    const code = codes[i];
    if (code === 0) continue;
    const g = groupOf === null ? 1 : groupOf[i];
    if (g === 0) continue;
    answered[i] = 1;
    const at = g * K + code;
    const w = weights[i];
    tn[at]++;
    tw[at] += w;
    tw2[at] += w * w;
    itemN[g]++;
    itemW[g] += w;
    itemW2[g] += w * w;
  }
}

/** A multiple-choice column (a bit per option): respondents per group and option, and the item's base. */
function tallyMany(words: Uint32Array[], members: Uint32Array | null, m: number, groupOf: GroupOf, K: number, weights: Float64Array | null, t: Tally, item: Tally, answered: Uint8Array) {
  const tn = t.n;
  const tw = t.w;
  const tw2 = t.w2;
  for (let k = 0; k < m; k++) {
    const i = members === null ? k : members[k];
    const g = groupOf === null ? 1 : groupOf[i];
    if (g === 0) continue;
    let any = false;
    const w = weights === null ? 0 : weights[i];
    for (let word = 0; word < words.length; word++) {
      let bits = words[word][i];
      while (bits !== 0) {
        const low = bits & -bits;
        const at = g * K + word * 32 + (31 - Math.clz32(low)) + 1;
        tn[at]++;
        if (tw !== null) {
          tw[at] += w;
          tw2![at] += w * w;
        }
        bits ^= low;
        any = true;
      }
    }
    if (!any) continue;
    answered[i] = 1;
    item.n[g]++;
    if (item.w !== null) {
      item.w[g] += w;
      item.w2![g] += w * w;
    }
  }
}

/** The question's base per group: respondents with a row in any of its columns. */
function tallyAnswered(answered: Uint8Array, members: Uint32Array | null, m: number, groupOf: GroupOf, weights: Float64Array | null, base: Tally) {
  for (let k = 0; k < m; k++) {
    const i = members === null ? k : members[k];
    if (answered[i] === 0) continue;
    const g = groupOf === null ? 1 : groupOf[i];
    base.n[g]++;
    if (weights !== null) {
      base.w![g] += weights[i];
      base.w2![g] += weights[i] * weights[i];
    }
  }
}

function membersOf(mask: Uint8Array, n: number): Uint32Array {
  let count = 0;
  for (let i = 0; i < n; i++) count += mask[i];
  const out = new Uint32Array(count);
  for (let i = 0, k = 0; i < n; i++) if (mask[i] !== 0) out[k++] = i;
  return out;
}

/** Counts in the shape aggregate() takes, of the responses in the mask (of every question, or those named). */
export function countColumns(store: ColumnStore, mask: Mask = null, questions: string[] | null = null): CountRow[] {
  return tally(store, mask, null, null, questions).map(({ question_id, item_id, option_id, n }) => ({ question_id, item_id, option_id, n }));
}

/** Counts per group, as breakdownTables() takes them. */
export function countColumnsByGroup(store: ColumnStore, groups: Groups, mask: Mask = null, questions: string[] | null = null): GroupedCountRow[] {
  return tally(store, mask, groups, null, questions).map(({ question_id, item_id, option_id, n, g }) => ({ question_id, item_id, option_id, n, group: groups.ids[g - 1] }));
}

/** Counts with Σw and Σw² for weighted figures. */
export function countColumnsWeighted(store: ColumnStore, weights: Float64Array, mask: Mask = null): WeightedCountRow[] {
  return tally(store, mask, null, weights).map(({ question_id, item_id, option_id, n, w, w2 }) => ({ question_id, item_id, option_id, n, w, w2 }));
}

/** Responses whose answer to (question, item) is one of the options; or, for "_channel", whose channel is. */
export function maskOf(store: ColumnStore, target: { questionId: string; itemId: string; optionIds: string[] }, channelTargetId: string): Uint8Array {
  const mask = new Uint8Array(store.n);
  if (target.questionId === channelTargetId) {
    const wanted = new Set(target.optionIds.filter(isChannel).map((c) => CHANNELS.indexOf(c)));
    for (let i = 0; i < store.n; i++) if (wanted.has(store.channels[i])) mask[i] = 1;
    return mask;
  }
  const c = store.column(target.questionId, target.itemId);
  if (!c) return mask;
  const codes = target.optionIds.map((o) => c.options.indexOf(o) + 1).filter((code) => code > 0);
  if (c.kind === "one") {
    const wanted = new Uint8Array(c.options.length + 1);
    for (const code of codes) wanted[code] = 1;
    for (let i = 0; i < store.n; i++) if (wanted[c.codes[i]]) mask[i] = 1;
  } else {
    for (const code of codes) {
      const word = c.words[(code - 1) >>> 5];
      const bit = 1 << ((code - 1) & 31);
      for (let i = 0; i < store.n; i++) if (word[i] & bit) mask[i] = 1;
    }
  }
  return mask;
}

/** Groups of a breakdown: by the answer to a single-choice-like (question, item), or by channel. */
export function groupsOf(store: ColumnStore, by: { questionId: string; itemId: string }, channelTargetId: string): Groups {
  if (by.questionId === channelTargetId) {
    const of = new Uint8Array(store.n);
    for (let i = 0; i < store.n; i++) of[i] = store.channels[i] + 1;
    return { of, ids: [...CHANNELS] };
  }
  const c = store.column(by.questionId, by.itemId);
  if (!c) return { of: new Uint8Array(store.n), ids: [] };
  if (c.kind === "one") return { of: c.codes.subarray(0, store.n), ids: [...c.options] };
  // A multiple-choice question defines no groups (a respondent may be in several).
  return { of: new Uint8Array(store.n), ids: [] };
}

/**
 * Respondents giving any of the answers that count, out of those who answered the item (or the
 * question), within the mask: one evidence statement's figure. Each respondent counts once.
 */
export function proportionOf(
  store: ColumnStore,
  { questionId, itemId, optionIds, baseOnQuestion }: { questionId: string; itemId: string; optionIds: string[]; baseOnQuestion: boolean },
  mask: Mask,
  weights: Float64Array | null = null,
): { count: number; base: number; part: { w: number; w2: number }; weightedBase: { n: number; w: number; w2: number } } {
  const inBase = new Uint8Array(store.n);
  const columns = baseOnQuestion ? store.columns.filter((c) => c.questionId === questionId) : [store.column(questionId, itemId)].filter((c): c is Column => Boolean(c));
  for (const c of columns) {
    for (let i = 0; i < store.n; i++) {
      if (c.kind === "one" ? c.codes[i] !== 0 : c.words.some((w) => w[i] !== 0)) inBase[i] = 1;
    }
  }
  const counted = maskOf(store, { questionId, itemId, optionIds }, "\u0000");
  let count = 0;
  const part = { w: 0, w2: 0 };
  const weightedBase = { n: 0, w: 0, w2: 0 };
  for (let i = 0; i < store.n; i++) {
    if (!inBase[i] || (mask !== null && !mask[i])) continue;
    const w = weights ? weights[i] : 1;
    weightedBase.n++;
    weightedBase.w += w;
    weightedBase.w2 += w * w;
    if (counted[i]) {
      count++;
      part.w += w;
      part.w2 += w * w;
    }
  }
  return { count, base: weightedBase.n, part, weightedBase };
}
