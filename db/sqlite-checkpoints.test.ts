import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "./connection";
import { WAL_BACKSTOP_PAGES } from "./sqlite-checkpoints";

const dirs: string[] = [];
const handles: DbHandle[] = [];
afterEach(async () => {
  for (const h of handles.splice(0)) await h.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function open(backgroundCheckpoints: boolean) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yoursay-ckpt-"));
  dirs.push(dir);
  const file = path.join(dir, "db.sqlite");
  const handle = createDb(file, { backgroundCheckpoints });
  handles.push(handle);
  const raw = handle.sqlite!;
  raw.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  const insert = raw.prepare("INSERT INTO t (body) VALUES (?)");
  const commitPages = (commits: number) => {
    // One page of text per commit, each its own transaction, as submissions are.
    for (let i = 0; i < commits; i++) insert.run("x".repeat(4000));
  };
  return { file, handle, raw, commitPages };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const size = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);

describe("WAL checkpoints on a thread of their own", () => {
  it("copies committed pages into the database file without the committing connection doing it", async () => {
    const without = open(false);
    const withWorker = open(true);
    // 300 commits (some 600 WAL pages): under SQLite's own 1,000-page automatic checkpoint, so
    // only a background checkpoint can move them into the database file.
    without.commitPages(300);
    withWorker.commitPages(300);
    // The worker runs every 100 ms; a loaded machine may take longer to schedule it.
    for (let waited = 0; waited < 10_000 && size(withWorker.file) <= 300 * 4000; waited += 100) await sleep(100);
    expect(size(withWorker.file)).toBeGreaterThan(300 * 4000);
    expect(size(without.file)).toBeLessThan(100_000);
    // And every committed row is there, read through Kysely.
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM t`.execute(withWorker.handle.db);
    expect(rows[0].n).toBe(300);
  });

  it("keeps the WAL bounded under a stream of commits that never pauses", async () => {
    const { file, raw, commitPages } = open(true);
    let largestWal = 0;
    for (let round = 0; round < 40; round++) {
      commitPages(500);
      largestWal = Math.max(largestWal, size(`${file}-wal`));
    }
    const pageSize = raw.pragma("page_size", { simple: true }) as number;
    // Some 40,000 WAL pages committed. The backstop checkpoint is skipped while the worker is
    // mid-checkpoint, so the WAL can pass it by what is committed meanwhile (5,500 pages on a
    // loaded CI machine, 4,000 idle, 13,000 at a load of 11 on two cores, past 16,000 once with
    // other suites running); without the backstop this loop grew it to 250 MB (some 60,000
    // pages), so eight times the backstop still tells the two apart.
    expect(largestWal).toBeLessThan(8 * WAL_BACKSTOP_PAGES * (pageSize + 24));
    expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
  });

  it("stops with the connection: close() returns and the file is consistent", async () => {
    const { file, handle, commitPages } = open(true);
    commitPages(200);
    const started = performance.now();
    await handle.close();
    handles.splice(handles.indexOf(handle), 1);
    expect(performance.now() - started).toBeLessThan(5_000);
    const again = createDb(file);
    handles.push(again);
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM t`.execute(again.db);
    expect(rows[0].n).toBe(200);
  });
});
