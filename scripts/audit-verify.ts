/**
 * npm run audit:verify [-- --anchor <seq>:<hash>]
 * Checks the audit trail's hash chain (app/models/audit-chain.server.ts) and names the first
 * entry that no longer fits. Prints the head to record elsewhere; with --anchor, also checks
 * that a head recorded earlier is still part of the chain. Exit 0 intact, 1 broken, 2 usage.
 */
import { parseArgs } from "node:util";
import { loadEnv } from "../app/server/env.server";
import { verifyAuditChain } from "../app/models/audit-chain.server";
import { createDb } from "../db/connection";
import { migrateToLatest } from "../db/migrate";

const { values } = parseArgs({ options: { anchor: { type: "string" } } });
let anchor: { seq: number; hash: string } | undefined;
if (values.anchor) {
  const m = values.anchor.match(/^(\d+):([0-9a-f]{64})$/);
  if (!m) {
    console.error("--anchor must be <seq>:<hash>, as printed by an earlier npm run audit:verify, for example 1520:3f5a…");
    process.exit(2);
  }
  anchor = { seq: Number(m[1]), hash: m[2] };
}

const handle = createDb(loadEnv().DATABASE_URL);
try {
  await migrateToLatest(handle.db);
  const report = await verifyAuditChain(handle.db, { anchor });
  if (report.ok) {
    console.log(`Audit trail intact: ${report.entries} entries.${anchor ? ` The anchor ${anchor.seq} is in the chain.` : ""}`);
    console.log(`Head: ${report.head.seq}:${report.head.hash}`);
    console.log("Record the head somewhere the database's administrators cannot change, and pass it back later with --anchor.");
  } else {
    const e = report.firstBroken;
    console.error(`Audit trail BROKEN at entry ${e.seq ?? "(none)"} (id ${e.id}${e.at ? `, ${e.at}` : ""}): ${e.problem}.`);
    console.error(`${report.entries} entries before it are intact.`);
    process.exitCode = 1;
  }
} finally {
  await handle.close();
}
