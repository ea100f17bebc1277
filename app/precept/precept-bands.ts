/**
 * Council tax band maths for the police precept (Local Government Finance Act 1992 s5(1)):
 * bands are in the proportion 6:7:8:9:11:13:15:18, so each band is Band D × ratio / 9.
 * Money is rounded to the penny only at the end, from unrounded values.
 */

export const BANDS = ["A", "B", "C", "D", "E", "F", "G", "H"] as const;
export type Band = (typeof BANDS)[number];

export const BAND_NINTHS: Record<Band, number> = { A: 6, B: 7, C: 8, D: 9, E: 11, F: 13, G: 15, H: 18 };

const WEEKS_PER_YEAR = 52;

/**
 * What a home in each band in England was worth on 1 April 1991, the valuation bands are set on
 * (Local Government Finance Act 1992 s5(2)): a resident who does not know their band can tell
 * roughly from these, or look it up on GOV.UK.
 */
export const BAND_VALUES: Record<Band, string> = {
  A: "up to £40,000",
  B: "£40,001 to £52,000",
  C: "£52,001 to £68,000",
  D: "£68,001 to £88,000",
  E: "£88,001 to £120,000",
  F: "£120,001 to £160,000",
  G: "£160,001 to £320,000",
  H: "more than £320,000",
};

/** GOV.UK's "Check your Council Tax band" service. */
export const FIND_YOUR_BAND_URL = "https://www.gov.uk/council-tax-bands";

/** A band as a resident chose it (a query parameter or form value): A–H, or null for none or anything else. */
export function parseBand(value: string | null | undefined): Band | null {
  const upper = value?.trim().toUpperCase();
  return (BANDS as readonly string[]).includes(upper ?? "") ? (upper as Band) : null;
}

/** Rounds £ to the penny, half away from zero, avoiding binary floating-point surprises. */
export function roundToPenny(pounds: number): number {
  const pence = Math.round(Math.abs(pounds) * 100 + 1e-9);
  return (Math.sign(pounds) * pence) / 100;
}

export function bandAmount(bandD: number, band: Band): number {
  return roundToPenny((bandD * BAND_NINTHS[band]) / 9);
}

export interface BandEffect {
  band: Band;
  currentYearly: number;
  increaseYearly: number;
  increaseWeekly: number;
  proposedYearly: number;
}

/** For each band: today's precept, the yearly and weekly increase, and the resulting precept. */
export function bandEffects(currentBandD: number, increaseBandD: number): BandEffect[] {
  return BANDS.map((band) => {
    const ratio = BAND_NINTHS[band] / 9;
    return {
      band,
      currentYearly: roundToPenny(currentBandD * ratio),
      increaseYearly: roundToPenny(increaseBandD * ratio),
      increaseWeekly: roundToPenny((increaseBandD * ratio) / WEEKS_PER_YEAR),
      proposedYearly: roundToPenny((currentBandD + increaseBandD) * ratio),
    };
  });
}

/** One band's figures: what a home in that band would pay more, a year and a week. */
export function bandEffect(currentBandD: number, increaseBandD: number, band: Band): BandEffect {
  return bandEffects(currentBandD, increaseBandD).find((e) => e.band === band)!;
}

export function percentIncrease(currentBandD: number, increaseBandD: number): number {
  return (increaseBandD / currentBandD) * 100;
}

export function formatPounds(pounds: number): string {
  return `£${pounds.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** "27p" for small weekly amounts, "£1.05" otherwise: how residents are used to reading them. */
export function formatWeekly(pounds: number): string {
  return pounds < 1 ? `${Math.round(pounds * 100)}p` : formatPounds(pounds);
}
