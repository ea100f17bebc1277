/**
 * npx tsx bench/disclosure-share.ts [--threshold 10]: how much the disclosure control withholds of
 * the demo data, before (the old rule, table by table: app/results/suppression.ts) and after (one
 * decision per consultation with the audit and least-loss secondary suppression:
 * app/results/disclosure.ts). Counts the answer cells that have respondents (a true zero is
 * always shown) and the respondents behind the withheld ones. On a fresh in-memory demo database;
 * a measurement, not a test.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb } from "../db/connection";
import { setupDatabase } from "../db/setup";
import { listConsultations, getConsultationBySlug } from "../app/models/consultation.server";
import { publicationOf } from "../app/models/publication.server";
import { displayResults, type DisplayQuestion } from "../app/results/display";

const { values } = parseArgs({ options: { threshold: { type: "string", default: "10" } } });
const threshold = Number(values.threshold);

/** Every answer cell with respondents, as [true count, shown count or null]. */
function cells(truth: DisplayQuestion[], shown: DisplayQuestion[]): [number, number | null][] {
  const out: [number, number | null][] = [];
  truth.forEach((q, i) => {
    const s = shown[i];
    if (q.kind === "tables" && s.kind === "tables") {
      q.tables.forEach((t, k) => t.rows.forEach((r, j) => !r.net && r.count && out.push([r.count, s.tables[k].rows[j].count])));
    } else if (q.kind === "ranking" && s.kind === "ranking") {
      q.rows.forEach((r, j) => r.rankedFirst && out.push([r.rankedFirst, s.rows[j].rankedFirst]));
    }
  });
  return out;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yoursay-disclosure-share-"));
const handle = createDb(path.join(dir, "demo.sqlite"));
try {
  await setupDatabase(handle.db, { seed: true });
  console.log(`Disclosure control of the demo data, threshold ${threshold}: answer cells with respondents withheld ([c])`);
  console.log("consultation".padEnd(44), "cells".padStart(6), "before".padStart(16), "after".padStart(16), "respondents hidden before → after");
  for (const summary of await listConsultations(handle.db)) {
    const c = (await getConsultationBySlug(handle.db, { slug: summary.slug }))!;
    const publication = await publicationOf(handle.db, { consultationId: c.id, definition: c.definition, threshold });
    const truth = displayResults(publication.results, null);
    const before = cells(truth, displayResults(publication.results, threshold));
    const after = cells(truth, displayResults(publication.results, publication.decision));
    if (!before.length) continue;
    const share = (xs: [number, number | null][]) => {
      const n = xs.filter(([, s]) => s === null).length;
      return `${n} (${((100 * n) / xs.length).toFixed(1)}%)`;
    };
    const hidden = (xs: [number, number | null][]) => xs.filter(([, s]) => s === null).reduce((a, [t]) => a + t, 0);
    console.log(c.title.slice(0, 44).padEnd(44), String(before.length).padStart(6), share(before).padStart(16), share(after).padStart(16), `${hidden(before)} → ${hidden(after)}`);
  }
} finally {
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
