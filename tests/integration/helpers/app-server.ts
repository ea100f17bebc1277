import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The built production server as a child process, for tests that kill it, signal it or run two
 * of it. Each vitest run builds once into its own directory under the OS temp dir (never the
 * default build/), shared by the test files of that run through a lock directory.
 */

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const SECRET = "integration-secret-integration-secret-0123";

function sleepSync(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds the app once per vitest run (workers share the parent's pid) and returns BUILD_DIR.
 * YOURSAY_IT_BUILD_DIR=<dir> reuses an existing build instead.
 */
/**
 * A port nobody is listening on, from the OS. Fixed ports collided when two checkouts ran their
 * suites on one machine at once; the port is chosen before the server starts because
 * PUBLIC_ORIGIN names it.
 */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export function buildOnce(): string {
  // For a quicker edit-test loop on one's own machine: reuse a build made beforehand.
  if (process.env.YOURSAY_IT_BUILD_DIR) return process.env.YOURSAY_IT_BUILD_DIR;
  const dir = path.join(os.tmpdir(), `yoursay-it-build-${process.ppid}`);
  const done = path.join(dir, ".built");
  const lock = `${dir}.lock`;
  for (let waited = 0; !fs.existsSync(done); waited += 200) {
    try {
      fs.mkdirSync(lock);
    } catch {
      if (waited > 180_000) throw new Error(`gave up waiting for another worker to build into ${dir}`);
      sleepSync(200);
      continue;
    }
    try {
      const result = spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, env: { ...process.env, NODE_ENV: "production", BUILD_DIR: dir }, encoding: "utf8" });
      if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
      fs.writeFileSync(done, new Date().toISOString());
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
  return dir;
}

export interface AppProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (null after a signal kill) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `script`: "scripts/start.ts" (npm start: migrate, seed, serve) or "server.ts" (npm run serve: serve only). */
export async function startApp(options: { buildDir: string; databaseUrl: string; port: number; env?: Record<string, string>; nodeArgs?: string[]; script?: string }): Promise<AppProcess> {
  let log = "";
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "--import", "tsx", options.script ?? "scripts/start.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(options.port),
      BUILD_DIR: options.buildDir,
      DATABASE_URL: options.databaseUrl,
      SESSION_SECRET: SECRET,
      SEED_DEMO: "true",
      MIN_COMPLETION_SECONDS: "0",
      SUBMISSIONS_PER_CLIENT_PER_HOUR: "0",
      DRAFTS_PER_CLIENT_PER_HOUR: "0",
      PUBLIC_ORIGIN: `http://127.0.0.1:${options.port}`,
      // Several workers, as production runs on any machine with more than one core; the same
      // number whatever the machine the tests run on. A test wanting one process sets it to 1.
      WEB_CONCURRENCY: "2",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 60_000;
  let ended = false;
  void exited.then(() => (ended = true));
  while (!/listening on/.test(log)) {
    if (ended) throw new Error(`server exited before listening:\n${log}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not start within 60 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, port: options.port, child, output: () => log, exited };
}

/**
 * The worker processes of a clustered server: those in the primary's "listening" line and any
 * replacement started since, less any the primary reported dead.
 */
export function workerPids(app: AppProcess): number[] {
  const pids = new Set<number>();
  for (const line of app.output().split("\n")) {
    if (!line.startsWith("{")) continue;
    let entry: { msg?: string; workers?: unknown; worker?: number };
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    if (Array.isArray(entry.workers) && /listening on/.test(entry.msg ?? "")) for (const pid of entry.workers) pids.add(Number(pid));
    if (entry.msg === "replacement worker listening" && entry.worker) pids.add(entry.worker);
    if (entry.msg === "a worker died; starting a replacement" && entry.worker) pids.delete(entry.worker);
  }
  return [...pids];
}

/** Stops a server if it is still running (SIGKILL: tests that care about SIGTERM send it themselves). */
export async function stopApp(app: AppProcess | undefined): Promise<void> {
  if (!app || app.child.exitCode !== null || app.child.signalCode !== null) return;
  app.child.kill("SIGKILL");
  await app.exited;
}
