import { seededRandom } from "../../db/seeded-random";

/**
 * The double-coding sample: a simple random sample of a question's answers, by default 10% and
 * at least 50 where there are that many (a common floor for reliability samples; Krippendorff
 * (2011) asks for enough units that every category is met in the sample).
 */

export const DEFAULT_SAMPLE_FRACTION = 0.1;
export const DEFAULT_SAMPLE_MINIMUM = 50;

export function sampleSize(population: number, fraction = DEFAULT_SAMPLE_FRACTION, minimum = DEFAULT_SAMPLE_MINIMUM): number {
  return Math.min(population, Math.max(Math.ceil(population * fraction), minimum));
}

/** `size` ids drawn without replacement (Fisher-Yates on a seeded generator, so a draw can be repeated). */
export function drawSample<T>(ids: readonly T[], size: number, seed: number): T[] {
  const rng = seededRandom(seed);
  const pool = [...ids];
  const n = Math.min(size, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rng() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n);
}
