import { seededRandom } from "../../db/seeded-random";

/**
 * Candidate themes from the answers nobody has coded yet: spherical k-means (cosine similarity on
 * unit-length TF-IDF vectors: I. S. Dhillon and D. S. Modha (2001), "Concept decompositions for
 * large sparse text data using clustering", Machine Learning 42) with k-means++ seeding
 * (D. Arthur and S. Vassilvitskii (2007), SODA) from a fixed seed, so the same answers give the
 * same candidates. Candidates are only ever offered; an analyst decides whether one is a code.
 */

export interface Cluster {
  /** Indexes of the documents in the cluster, closest to its centre first. */
  members: number[];
  /** Terms with the greatest weight in the centre. */
  topTerms: string[];
}

type Sparse = Map<number, number>;

function tfidf(docs: string[][]): { vectors: Sparse[]; terms: string[] } {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  // Words in at least two answers and in no more than half of them.
  const terms = [...df.entries()].filter(([, n]) => n >= 2 && n <= Math.max(2, docs.length / 2)).map(([t]) => t);
  const index = new Map(terms.map((t, i) => [t, i]));
  const vectors = docs.map((d) => {
    const v: Sparse = new Map();
    for (const t of d) {
      const i = index.get(t);
      if (i !== undefined) v.set(i, (v.get(i) ?? 0) + 1);
    }
    let norm = 0;
    for (const [i, tf] of v) {
      const w = (1 + Math.log(tf)) * Math.log(docs.length / df.get(terms[i])!);
      v.set(i, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [i, w] of v) v.set(i, w / norm);
    return v;
  });
  return { vectors, terms };
}

const dot = (v: Sparse, centre: Float64Array) => {
  let s = 0;
  for (const [i, w] of v) s += w * centre[i];
  return s;
};

export function clusterTexts(
  docs: string[][],
  { k, seed = 1, iterations = 20, topTerms = 6 }: { k?: number; seed?: number; iterations?: number; topTerms?: number } = {}
): Cluster[] {
  const { vectors, terms } = tfidf(docs);
  const usable = vectors.map((v, i) => (v.size ? i : -1)).filter((i) => i >= 0);
  const K = Math.min(k ?? Math.max(2, Math.min(8, Math.round(Math.sqrt(usable.length / 4)))), usable.length);
  if (K < 1 || terms.length === 0) return [];
  const rng = seededRandom(seed);
  const centres: Float64Array[] = [];
  const toCentre = (v: Sparse) => {
    const c = new Float64Array(terms.length);
    for (const [i, w] of v) c[i] = w;
    return c;
  };
  // k-means++: each next centre drawn with probability proportional to its distance from the nearest.
  centres.push(toCentre(vectors[usable[Math.floor(rng() * usable.length)]]));
  while (centres.length < K) {
    const dist = usable.map((d) => Math.max(0, 1 - Math.max(...centres.map((c) => dot(vectors[d], c)))));
    const total = dist.reduce((s, x) => s + x, 0);
    if (total <= 0) break;
    let r = rng() * total;
    let pick = usable[usable.length - 1];
    for (let j = 0; j < usable.length; j++) {
      r -= dist[j];
      if (r <= 0) {
        pick = usable[j];
        break;
      }
    }
    centres.push(toCentre(vectors[pick]));
  }
  let assignment = new Int32Array(usable.length).fill(-1);
  for (let it = 0; it < iterations; it++) {
    const next = new Int32Array(usable.length);
    usable.forEach((d, j) => {
      let best = 0;
      let bestSim = -Infinity;
      centres.forEach((c, ci) => {
        const s = dot(vectors[d], c);
        if (s > bestSim) [best, bestSim] = [ci, s];
      });
      next[j] = best;
    });
    const moved = next.some((a, j) => a !== assignment[j]);
    assignment = next;
    centres.forEach((c, ci) => {
      c.fill(0);
      usable.forEach((d, j) => {
        if (assignment[j] === ci) for (const [i, w] of vectors[d]) c[i] += w;
      });
      const norm = Math.sqrt(c.reduce((s, x) => s + x * x, 0));
      if (norm > 0) for (let i = 0; i < c.length; i++) c[i] /= norm;
    });
    if (!moved) break;
  }
  return centres
    .map((c, ci) => {
      const members = usable
        .filter((_, j) => assignment[j] === ci)
        .map((d) => ({ d, s: dot(vectors[d], c) }))
        .sort((a, b) => b.s - a.s || a.d - b.d)
        .map((x) => x.d);
      const top = [...c.keys()]
        .filter((i) => c[i] > 0)
        .sort((a, b) => c[b] - c[a] || a - b)
        .slice(0, topTerms)
        .map((i) => terms[i]);
      return { members, topTerms: top };
    })
    .filter((cl) => cl.members.length > 0)
    .sort((a, b) => b.members.length - a.members.length);
}
