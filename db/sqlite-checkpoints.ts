import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * WAL checkpoints for the server's SQLite file, on a thread of their own.
 *
 * By default SQLite checkpoints on the connection that commits: every 1,000 pages of WAL, one
 * submission's commit copies the WAL back into the database file and waits for fsync, and with
 * better-sqlite3 that wait blocks the whole event loop, so every request in flight waits with it.
 * Under load that was a sixth of the server's time and most of its tail latency. SQLite's own
 * advice (https://www.sqlite.org/wal.html#ckpt) is to "turn off the automatic checkpoints and run
 * checkpoints ... in a separate thread": here a worker thread with its own connection runs a
 * PASSIVE checkpoint (never blocks readers or the writer) every CHECKPOINT_EVERY_MS.
 *
 * The server's connection keeps automatic checkpoints, at a higher threshold, as the backstop:
 * under a steady stream of commits a passive checkpoint can lag behind and the WAL cannot start
 * again from the beginning, so past WAL_BACKSTOP_PAGES the committing connection checkpoints
 * itself, which lets the WAL restart (if the worker is mid-checkpoint just then, the next commit
 * after it tries again: the WAL passes the backstop by what is committed meanwhile). Durability is unchanged: a commit is in the WAL
 * before it is acknowledged, whichever thread later copies it into the database file.
 */

export const CHECKPOINT_EVERY_MS = 100;
export const WAL_BACKSTOP_PAGES = 4_000;

// The worker is given as source, not a file, because this module is bundled into the Remix
// server build; better-sqlite3 is found from here and passed in.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const SQLite = require(workerData.sqlitePath);
const db = new SQLite(workerData.file);
db.pragma("busy_timeout = 1000");
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
}, workerData.everyMs);
parentPort.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {}
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function checkpointInBackground(file: string, everyMs = CHECKPOINT_EVERY_MS): Checkpointer {
  const sqlitePath = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, sqlitePath, everyMs } });
  // Never what keeps a process alive: the server's own handles decide when it exits.
  worker.unref();
  worker.on("message", (m: { error?: string }) => m.error && console.warn(`Background WAL checkpoint failed: ${m.error}`));
  worker.on("error", (error) => console.warn(`Background WAL checkpoints stopped: ${error.message}`));
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return {
    async stop() {
      worker.postMessage("stop");
      const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 5_000).unref());
      if ((await Promise.race([exited, timeout])) === "timeout") await worker.terminate();
    },
  };
}
