/**
 * npm run results -- <slug>: the same per-question tables as the results page, on the console,
 * from the maintained counts.
 */
import { aggregate } from "../app/results/aggregate";
import { resultsAsText } from "../app/results/as-text";
import { loadEnv } from "../app/server/env.server";
import { getConsultationBySlug } from "../app/models/consultation.server";
import { readCounts, responseTotals } from "../app/models/answer-counts.server";
import { createDb } from "../db/connection";

const slug = process.argv[2];
if (!slug) {
  console.error("Usage: npm run results -- <consultation-slug>");
  process.exit(2);
}
const handle = createDb(loadEnv().DATABASE_URL);
try {
  const consultation = await getConsultationBySlug(handle.db, { slug });
  if (!consultation) {
    console.error(`No published consultation with the slug "${slug}".`);
    process.exitCode = 2;
  } else {
    const [counts, totals] = await Promise.all([readCounts(handle.db, { consultationId: consultation.id }), responseTotals(handle.db, { consultationId: consultation.id })]);
    console.log(resultsAsText(consultation.title, totals, aggregate(consultation.definition, counts)));
  }
} finally {
  await handle.close();
}
