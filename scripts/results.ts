/**
 * npm run results -- <slug> [--published]: the results page's tables on the console, from the
 * maintained counts, through the same display model as the page (so the same measures, bases and
 * digits). With --published, as the public sees them, with small numbers withheld ([c]).
 */
import { aggregate } from "../app/results/aggregate";
import { resultsAsText } from "../app/results/as-text";
import { displayResults, publicChannelTotals } from "../app/results/display";
import { loadEnv } from "../app/server/env.server";
import { getConsultationBySlug } from "../app/models/consultation.server";
import { readCounts, responseTotals } from "../app/models/answer-counts.server";
import { createDb } from "../db/connection";

const args = process.argv.slice(2);
const published = args.includes("--published");
const slug = args.find((a) => !a.startsWith("--"));
if (!slug) {
  console.error("Usage: npm run results -- <consultation-slug> [--published]");
  process.exit(2);
}
const env = loadEnv();
const handle = createDb(env.DATABASE_URL);
try {
  const consultation = await getConsultationBySlug(handle.db, { slug });
  if (!consultation) {
    console.error(`No published consultation with the slug "${slug}".`);
    process.exitCode = 2;
  } else {
    const [counts, totals] = await Promise.all([readCounts(handle.db, { consultationId: consultation.id }), responseTotals(handle.db, { consultationId: consultation.id })]);
    const threshold = published ? env.SUPPRESSION_THRESHOLD : null;
    const shown =
      threshold === null ? { counted: totals.counted, byChannel: Object.entries(totals.byChannel).map(([channel, n]) => ({ channel, n })) } : publicChannelTotals(totals, threshold);
    console.log(resultsAsText(consultation.title, shown, displayResults(aggregate(consultation.definition, counts), threshold)));
  }
} finally {
  await handle.close();
}
