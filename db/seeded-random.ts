/** A small seeded PRNG (mulberry32): the same sequence on every machine, for demo data, tests and the bench. */
export function seededRandom(seed: number): () => number {
  // mulberry32: small, fast, and identical on every machine.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
