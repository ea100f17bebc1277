/**
 * How many responses a consultation has. A stored response is counted, or held apart (excluded)
 * with a reason, such as being completed too fast; an excluded response is in no figure, but
 * staff see how many there are and why.
 */

export const RESPONSE_STATUSES = ["counted", "excluded"] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

export interface ExcludedCount {
  reason: string;
  n: number;
}

export interface ResponseTotals {
  counted: number;
  /** Counted responses by channel id; a channel nobody used is absent. */
  byChannel: Record<string, number>;
  excluded: ExcludedCount[];
}

/** Counted responses as a page shows them: null where a figure is withheld ([c]). */
export interface ShownTotals {
  counted: number | null;
  byChannel: { channel: string; n: number | null }[];
}

/** Responses held apart, whatever the reason. */
export function excludedTotal(excluded: readonly ExcludedCount[]): number {
  return excluded.reduce((sum, e) => sum + e.n, 0);
}

/** Every response received, counted or not: what a change to the questions can affect. */
export function receivedTotal(totals: ResponseTotals): number {
  return totals.counted + excludedTotal(totals.excluded);
}
