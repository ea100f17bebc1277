/**
 * npm run bench -- --only disclosure
 *
 * The disclosure decision of an "as published" breakdown of the demo data (db/demo.ts): the
 * whole consultation's published figures and one group of figures per breakdown column, decided
 * together (app/models/publication.server.ts groupsOf, app/results/disclosure.ts protect). Each
 * decision stands beside a raw baseline measured in the same run: the exact audit (every withheld
 * count's range by linear programming, app/results/disclosure.ts audit) of the decided pattern
 * alone, which is the least any decision must do to be released. Also the figures withheld,
 * after the primary rule and at the end. On a fresh SQLite file.
 */
import { createDb } from "../db/connection";
import { setupDatabase } from "../db/setup";
import { getConsultationBySlug } from "../app/models/consultation.server";
import { groupsOf, publicationOf } from "../app/models/publication.server";
import { audit } from "../app/results/disclosure";
import { loadSolver } from "../app/server/solver.server";

const THRESHOLD = 10;
const CASES = [
  { slug: "police-and-crime-survey-2021", by: { questionId: "victim", itemId: "" }, label: "survey by victim", target: 2000 },
  { slug: "police-and-crime-survey-2021", by: { questionId: "about_you", itemId: "age" }, label: "survey by age", target: 5000 },
  { slug: "police-precept-2022-23", by: { questionId: "about_you", itemId: "sex" }, label: "precept by sex", target: 2000 },
] as const;

export interface DisclosureRow {
  measure: string;
  app: string;
  baseline: string;
  ratio: string;
  target: string;
}

export async function disclosureBench({ dataFile, log }: { dataFile: string; log: (...a: unknown[]) => void }) {
  const handle = createDb(dataFile);
  const rows: DisclosureRow[] = [];
  const results: Record<string, unknown>[] = [];
  try {
    await setupDatabase(handle.db, { seed: true });
    const highs = await loadSolver();
    for (const c of CASES) {
      const consultation = (await getConsultationBySlug(handle.db, { slug: c.slug }))!;
      const args = { consultationId: consultation.id, definition: consultation.definition, threshold: THRESHOLD };
      const publication = await publicationOf(handle.db, args);
      log(`disclosure: deciding ${c.label}`);
      let t = performance.now();
      const groups = await groupsOf(handle.db, publication, { ...args, by: c.by, within: null });
      const decisionMs = performance.now() - t;
      t = performance.now();
      const baseline = audit(highs, groups.model, groups.decision.withheld, THRESHOLD);
      const auditMs = performance.now() - t;
      if (!baseline.passed) throw new Error(`The exact audit of the ${c.label} decision failed`);
      const r = { case: c.label, figures: groups.model.figures.length, primary: groups.decision.primary.size, withheld: groups.decision.withheld.size, decisionMs, auditMs };
      results.push(r);
      rows.push({
        measure: `"as published" breakdown decision, ${c.label} (${r.figures} figures; withheld ${r.primary} primary → ${r.withheld})`,
        app: `${(decisionMs / 1000).toFixed(2)} s`,
        baseline: `exact audit of it ${(auditMs / 1000).toFixed(2)} s`,
        ratio: (decisionMs / auditMs).toFixed(1),
        target: `< ${c.target / 1000} s idle ${decisionMs < c.target ? "✔" : "✘"}`,
      });
    }
  } finally {
    await handle.close();
  }
  return { rows, results };
}
