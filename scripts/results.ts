/**
 * npm run results -- <slug> [--published]: the results page's tables on the console, read the
 * way the page reads them (resultsFor), so the same measures, bases and digits. With
 * --published, as the public sees them: the consultation's disclosure decision, [c] where a
 * figure is withheld.
 */
import { resultsAsText } from "../app/results/as-text";
import { ALL_RESPONDENTS, resultsFor } from "../app/models/results.server";
import { getConsultationBySlug } from "../app/models/consultation.server";
import { loadEnv } from "../app/server/env.server";
import { createDb } from "../db/connection";

const args = process.argv.slice(2);
const published = args.includes("--published");
const slug = args.find((a) => !a.startsWith("--"));
if (!slug) {
  console.error("Usage: npm run results -- <consultation-slug> [--published]");
  process.exit(2);
}
const handle = createDb(loadEnv().DATABASE_URL);
try {
  const consultation = await getConsultationBySlug(handle.db, { slug });
  if (!consultation) {
    console.error(`No published consultation with the slug "${slug}".`);
    process.exitCode = 2;
  } else {
    const { questions, channels } = await resultsFor(handle.db, published ? "published" : "raw").results({ consultationId: consultation.id, definition: consultation.definition, query: ALL_RESPONDENTS });
    console.log(resultsAsText(consultation.title, channels, questions));
  }
} finally {
  await handle.close();
}
