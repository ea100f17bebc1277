/**
 * npm run retention -- [--months 12] [--dry-run]
 * Deletes individual responses of consultations that closed more than N months ago (the privacy
 * notice's retention period); published totals are kept. Run it on a schedule (e.g. nightly cron).
 */
import { parseArgs } from "node:util";
import { loadEnv } from "../app/server/env.server";
import { recordAudit } from "../app/models/audit.server";
import { deleteResponsesOfConsultationsClosedBefore } from "../app/models/response.server";
import { createDb } from "../db/connection";

const { values } = parseArgs({ options: { months: { type: "string", default: "12" }, "dry-run": { type: "boolean", default: false } } });
const months = Number(values.months);
if (!Number.isInteger(months) || months < 1) {
  console.error("--months must be a whole number of months, 1 or more");
  process.exit(2);
}
const cutoff = new Date();
cutoff.setUTCMonth(cutoff.getUTCMonth() - months);

const handle = createDb(loadEnv().DATABASE_URL);
try {
  const dryRun = values["dry-run"] === true;
  const deleted = await deleteResponsesOfConsultationsClosedBefore(handle.db, { closedBefore: cutoff, dryRun });
  for (const d of deleted) {
    console.log(`${dryRun ? "Would delete" : "Deleted"} ${d.responses} responses of "${d.title}"`);
    if (!dryRun) await recordAudit(handle.db, { staff: null, action: "responses.deleted", consultationId: d.consultationId, detail: `${d.responses} responses past the ${months}-month retention period` });
  }
  if (!deleted.length) console.log(`No responses of consultations closed before ${cutoff.toISOString().slice(0, 10)}.`);
} finally {
  await handle.close();
}
