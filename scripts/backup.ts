/**
 * npm run backup -- <file>: an online backup of the SQLite database while the server runs.
 *
 * Uses SQLite's backup API (better-sqlite3 `.backup()`), which copies a consistent snapshot
 * page by page without stopping writers (WAL mode). The copy is checked with integrity_check
 * before this exits 0. PostgreSQL is backed up with pg_dump instead (docs/operations.md).
 * The daily rate-limit salt lives only in the server's memory, so it is never in a backup.
 */
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { dialectOf } from "../db/connection";
import { loadEnv } from "../app/server/env.server";

const target = process.argv[2];
if (!target) {
  console.error("Usage: npm run backup -- <file>   (for example: npm run backup -- backups/yoursay-2027-01-15.sqlite)");
  process.exit(2);
}
const env = loadEnv();
if (dialectOf(env.DATABASE_URL) !== "sqlite") {
  console.error("DATABASE_URL is PostgreSQL: back it up with pg_dump (see docs/operations.md).");
  process.exit(2);
}
if (fs.existsSync(target)) {
  console.error(`${target} already exists: choose a new file name so no backup is overwritten.`);
  process.exit(2);
}
fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });

const source = new SQLite(env.DATABASE_URL, { fileMustExist: true, readonly: true });
source.pragma("busy_timeout = 5000");
const started = Date.now();
// Large steps: each step holds a read snapshot, and a write by the server between steps makes
// SQLite restart the copy, so fewer, bigger steps finish even under a steady stream of submits.
await source.backup(target, { progress: ({ remainingPages }) => Math.max(remainingPages, 1000) });
source.close();

const copy = new SQLite(target, { readonly: true });
const integrity = String(copy.pragma("integrity_check", { simple: true }));
const responses = (copy.prepare("SELECT count(*) AS n FROM responses").get() as { n: number }).n;
copy.close();
if (integrity !== "ok") {
  console.error(`Backup written to ${target} but integrity_check says: ${integrity}`);
  process.exit(1);
}
console.log(`Backed up ${env.DATABASE_URL} to ${target} in ${Date.now() - started} ms: ${responses} responses, integrity_check ok.`);
