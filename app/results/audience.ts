/**
 * Who results are for decides what disclosure control they get, here and nowhere else:
 *
 * - "raw": staff working figures (the staff results page and its downloads unticked, the staff
 *   evidence page and downloads). Counts as they are; only a figure with no base is empty.
 * - "published": the staff view "as published" and what staff publish themselves (results
 *   downloads with "as published" ticked, the Panel pack). Small numbers withheld.
 * - "public": the public results page and the public evidence API. Small numbers withheld, and
 *   only consultations whose results staff have published.
 */

export const AUDIENCES = ["raw", "published", "public"] as const;
export type Audience = (typeof AUDIENCES)[number];

/** The threshold an audience's figures are withheld under; null for raw figures. */
export type ThresholdOf<A extends Audience> = A extends "raw" ? null : number;

export function thresholdFor<A extends Audience>(audience: A, configured: number): ThresholdOf<A> {
  return (audience === "raw" ? null : configured) as ThresholdOf<A>;
}

/** The staff results page and its downloads: raw, or as published when "as published" is ticked. */
export function staffAudience(asPublished: boolean): "raw" | "published" {
  return asPublished ? "published" : "raw";
}
