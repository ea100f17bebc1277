import cluster, { type Worker } from "node:cluster";
import os from "node:os";
import type { Logger } from "pino";

/**
 * One worker process per core (node:cluster, https://nodejs.org/api/cluster.html). A single
 * Node process runs JavaScript on one core; the resident's path (render, validate, write) is
 * CPU-bound, so on a machine with several cores the rest sat idle.
 *
 * Nothing correctness depends on lives in a worker's memory: drafts, tokens, spent tokens,
 * maintained counts, rate-limit counters and their salts, the audit chain head and staff
 * sessions are all in the database. What a worker keeps is a cache keyed by something that
 * cannot change under it (a published version's parsed definition by version id, prepared
 * statements by SQL text, subgroup counts under the counted total read from the database first,
 * a day's rate-limit salt once the database has chosen it), so any worker may serve any request.
 *
 * The primary only forks, replaces and stops workers; migrations and the demo seed run in it
 * before the first fork (scripts/start.ts), never in a worker.
 */

/** WEB_CONCURRENCY when set, otherwise one worker per core this process may use. */
export function workerCount(configured: number | undefined): number {
  return configured ?? os.availableParallelism();
}

/** A worker that died this many times within a minute (per configured worker) is given up on. */
const DEATHS_PER_MINUTE_PER_WORKER = 5;
/** How long the primary waits for workers to drain after SIGTERM before killing them. */
const DRAIN_LIMIT_MS = 30_000;

export interface Primary {
  /** Resolves with the port once every first-generation worker is listening. */
  listening: Promise<number>;
  /** The process ids of the live workers. */
  pids(): number[];
}

/**
 * Runs in the primary: forks `workers` copies of the current script (which must call serve(),
 * server.ts, in a worker too), replaces any that dies, and on SIGTERM or SIGINT passes
 * SIGTERM to every worker (each finishes its requests in flight and closes the database, see
 * server.ts) and exits once all have exited: 0 when all drained cleanly.
 *
 * Killed itself (kill -9), the primary cannot tell anyone: each worker's IPC channel closes and
 * Node ends the worker at once, so no worker outlives it and the port is free for a restart.
 */
export function runPrimary({ workers, logger }: { workers: number; logger: Logger }): Primary {
  const live = new Set<Worker>();
  const listened = new WeakSet<Worker>();
  let deaths: number[] = [];
  let stopping: string | null = null;
  let anyFailed = false;
  let resolveListening!: (port: number) => void;
  let rejectListening!: (error: Error) => void;
  const listening = new Promise<number>((resolve, reject) => {
    resolveListening = resolve;
    rejectListening = reject;
  });
  // A caller that never awaits `listening` must not see an unhandled rejection.
  listening.catch(() => {});
  let firstGeneration = workers;

  const exitWhenAllGone = (signal: string) => {
    if (live.size > 0) return;
    logger.info({ signal }, `${signal}: every worker has finished, exiting`);
    process.exit(anyFailed ? 1 : 0);
  };

  const stop = (signal: string, failed = false) => {
    if (stopping) return;
    stopping = signal;
    anyFailed ||= failed;
    logger.info({ signal, workers: live.size }, `${signal}: asking every worker to finish its requests in flight`);
    for (const worker of live) worker.process.kill("SIGTERM");
    exitWhenAllGone(signal);
    setTimeout(() => {
      logger.error({ signal, workers: live.size }, `${signal}: workers still running after ${DRAIN_LIMIT_MS / 1000} s, killing them`);
      for (const worker of live) worker.process.kill("SIGKILL");
      process.exit(1);
    }, DRAIN_LIMIT_MS).unref();
  };

  const fork = (replacing?: number) => {
    const worker = cluster.fork();
    live.add(worker);
    worker.once("listening", (address) => {
      listened.add(worker);
      if (replacing !== undefined) {
        logger.info({ worker: worker.process.pid, replaced: replacing }, "replacement worker listening");
      } else if (--firstGeneration === 0) {
        resolveListening(address.port);
      }
    });
    worker.once("exit", (code, signal) => {
      live.delete(worker);
      if (stopping) {
        if (code !== 0) anyFailed = true;
        return exitWhenAllGone(stopping);
      }
      const pid = worker.process.pid;
      if (!listened.has(worker)) {
        // It never started (a missing build, a bad setting): another would fail the same way.
        logger.fatal({ worker: pid, code, signal }, "a worker exited before it was listening; stopping");
        rejectListening(new Error(`worker ${pid} exited (${signal ?? code}) before listening`));
        return stop("worker failure", true);
      }
      const now = Date.now();
      deaths = [...deaths.filter((t) => now - t < 60_000), now];
      if (deaths.length > DEATHS_PER_MINUTE_PER_WORKER * workers) {
        logger.fatal({ worker: pid, code, signal, deaths: deaths.length }, "workers keep dying; stopping");
        return stop("worker failure", true);
      }
      logger.error({ worker: pid, code, signal }, "a worker died; starting a replacement");
      fork(pid);
    });
  };

  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  for (let i = 0; i < workers; i++) fork();
  return { listening, pids: () => [...live].map((w) => w.process.pid!).filter(Boolean) };
}
