import { createDb, type DbHandle } from "../../db/connection";
import { env } from "./env.server";

// One connection (pool) per process. Kept on globalThis so dev rebuilds do not open another.
const globalForDb = globalThis as unknown as { __yoursayDb?: DbHandle };

export function dbHandle(): DbHandle {
  globalForDb.__yoursayDb ??= createDb(env().DATABASE_URL, { backgroundCheckpoints: true });
  return globalForDb.__yoursayDb;
}

export function db() {
  return dbHandle().db;
}

export async function closeDb(): Promise<void> {
  const handle = globalForDb.__yoursayDb;
  globalForDb.__yoursayDb = undefined;
  await handle?.close();
}
