import { describe, expect, it } from "vitest";
import { crossValidate, score, train, uncertainty, type Example } from "./classifier";
import { clusterTexts } from "./clusters";
import { drawSample, sampleSize } from "./sampling";
import { seededRandom } from "../../db/seeded-random";
import { termSet, tokens } from "./text";

const SPEED = [
  "cars speeding through the village",
  "speeding on the main road every night",
  "boy racers speeding past the school",
  "people drive too fast and speeding is dangerous",
];
const DRUGS = [
  "drug dealing in the park",
  "people dealing drugs openly",
  "drug users in the lane behind the shops",
  "cannabis smell and drug dealing on our street",
];
const OTHER = ["thank you for the survey", "the weather is nice", "I like my neighbours", "nothing else to say"];

function examples(): Example[] {
  return [
    ...SPEED.map((t) => ({ terms: termSet(t), codes: new Set(["speeding"]) })),
    ...DRUGS.map((t) => ({ terms: termSet(t), codes: new Set(["drugs"]) })),
    ...OTHER.map((t) => ({ terms: termSet(t), codes: new Set<string>() })),
  ];
}

describe("naive Bayes suggestions", () => {
  it("learns from coded answers, suggests the right code, and says which words led to it", () => {
    const model = train(examples(), ["speeding", "drugs", "never-used"]);
    expect(model.codes.map((c) => c.codeId)).toEqual(["speeding", "drugs"]);
    const s = score(model, termSet("Speeding cars outside the school again"));
    expect(s[0].codeId).toBe("speeding");
    expect(s[0].probability).toBeGreaterThan(0.5);
    expect(s[0].because).toContain("speed");
    expect(score(model, termSet("dealing drugs near the park"))[0].codeId).toBe("drugs");
  });

  it("is least certain about answers it has no words for", () => {
    const model = train(examples(), ["speeding", "drugs"]);
    const sure = uncertainty(score(model, termSet("speeding speeding cars road")));
    const unsure = uncertainty(score(model, termSet("completely unrelated vocabulary")));
    expect(unsure).toBeGreaterThan(sure);
  });

  it("cross-validates against the analysts with an F1 per code and overall", () => {
    const rng = seededRandom(3);
    const many: Example[] = [];
    for (let i = 0; i < 120; i++) {
      const k = Math.floor(rng() * 3);
      const pool = [SPEED, DRUGS, OTHER][k];
      many.push({
        terms: termSet(`${pool[Math.floor(rng() * pool.length)]} ${["today", "again", "sadly", "every week"][i % 4]}`),
        codes: new Set(k === 0 ? ["speeding"] : k === 1 ? ["drugs"] : []),
      });
    }
    const cv = crossValidate(many, ["speeding", "drugs"]);
    expect(cv.byCode.map((c) => c.codeId)).toEqual(["speeding", "drugs"]);
    for (const c of cv.byCode) {
      expect(c.f1!).toBeGreaterThan(0.9);
      expect(c.low!).toBeLessThanOrEqual(c.f1!);
      expect(c.answers).toBe(120);
    }
    expect(cv.overall.f1!).toBeGreaterThan(0.9);
  });
});

describe("candidate themes", () => {
  it("clusters uncoded answers into themes with top terms and members", () => {
    const docs = [...SPEED, ...DRUGS, ...SPEED.map((t) => `${t} again`), ...DRUGS.map((t) => `${t} again`)].map(tokens);
    const clusters = clusterTexts(docs, { k: 2, seed: 5 });
    expect(clusters).toHaveLength(2);
    const speedCluster = clusters.find((c) => c.topTerms.includes("speed"))!;
    expect(speedCluster).toBeTruthy();
    expect(speedCluster.members.every((i) => i % 8 < 4)).toBe(true);
    // Same seed, same candidates.
    expect(clusterTexts(docs, { k: 2, seed: 5 })).toEqual(clusters);
  });
});

describe("double-coding sample", () => {
  it("takes 10% with a floor of 50, never more than there are", () => {
    expect(sampleSize(2000)).toBe(200);
    expect(sampleSize(300)).toBe(50);
    expect(sampleSize(30)).toBe(30);
    const ids = Array.from({ length: 300 }, (_, i) => i);
    const s = drawSample(ids, 50, 9);
    expect(new Set(s).size).toBe(50);
    expect(drawSample(ids, 50, 9)).toEqual(s);
  });
});
