import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { withStatementCache } from "./connection";

describe("the SQLite statement cache", () => {
  it("hands back the same prepared statement for the same SQL, and a new one once it is dropped", () => {
    const sqlite = new SQLite(":memory:");
    const cached = withStatementCache(sqlite, 2);
    const a = cached.prepare("SELECT 1 AS n");
    expect(cached.prepare("SELECT 1 AS n")).toBe(a);
    cached.prepare("SELECT 2 AS n");
    cached.prepare("SELECT 1 AS n"); // now the most recently used
    cached.prepare("SELECT 3 AS n"); // drops "SELECT 2", the least recently used
    expect(cached.prepare("SELECT 1 AS n")).toBe(a);
    const two = cached.prepare("SELECT 2 AS n");
    expect(two.all([])).toEqual([{ n: 2 }]);
    cached.close();
    expect(sqlite.open).toBe(false);
  });

  it("a kept statement sees the schema as it is now (migrations run on the same connection)", () => {
    const sqlite = new SQLite(":memory:");
    const cached = withStatementCache(sqlite);
    sqlite.exec("CREATE TABLE t (a); INSERT INTO t VALUES (1)");
    expect(cached.prepare("SELECT * FROM t").all([])).toEqual([{ a: 1 }]);
    sqlite.exec("ALTER TABLE t ADD COLUMN b DEFAULT 2");
    expect(cached.prepare("SELECT * FROM t").all([])).toEqual([{ a: 1, b: 2 }]);
    sqlite.close();
  });
});

describe("SQLite transactions across processes", () => {
  it("take the write lock at BEGIN, so a transaction that reads and then writes never fails on another process's commit", async () => {
    const { createDb } = await import("./connection");
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yoursay-immediate-"));
    const file = path.join(dir, "t.sqlite");
    const handle = createDb(file);
    // Another process's connection, stood in for by a second connection that gives up quickly.
    const other = new SQLite(file);
    other.pragma("busy_timeout = 50");
    try {
      handle.sqlite!.exec("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER); INSERT INTO counter VALUES (1, 0)");
      let otherOutcome = "";
      await handle.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ n: number }>`SELECT n FROM counter WHERE id = 1`.execute(trx);
        // The other process tries to commit between this transaction's read and its write. With a
        // deferred BEGIN it would succeed, and the UPDATE below would fail with SQLITE_BUSY.
        try {
          other.prepare("UPDATE counter SET n = n + 100 WHERE id = 1").run();
          otherOutcome = "committed";
        } catch (error) {
          otherOutcome = (error as { code?: string }).code ?? String(error);
        }
        await sql`UPDATE counter SET n = ${rows[0].n + 1} WHERE id = 1`.execute(trx);
      });
      expect(otherOutcome).toBe("SQLITE_BUSY");
      // The other process, trying again after the commit, adds to the value written, not a lost update.
      other.prepare("UPDATE counter SET n = n + 100 WHERE id = 1").run();
      expect(handle.sqlite!.prepare("SELECT n FROM counter").get()).toEqual({ n: 101 });
    } finally {
      other.close();
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("waiting for another process's write lock", () => {
  it("keeps the event loop serving while a transaction and a single statement wait, and both go ahead once it is free", async () => {
    const { createDb } = await import("./connection");
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yoursay-busy-"));
    const file = path.join(dir, "t.sqlite");
    const handle = createDb(file);
    const other = new SQLite(file);
    try {
      handle.sqlite!.exec("CREATE TABLE t (n INTEGER)");
      // Another process holds the write lock.
      other.exec("BEGIN IMMEDIATE; INSERT INTO t VALUES (1)");
      const statement = sql`INSERT INTO t VALUES (2)`.execute(handle.db);
      // SQLite's own busy handler would sleep inside this call, stopping this thread (and the
      // other connection's COMMIT below) until it gave up with SQLITE_BUSY.
      let ticks = 0;
      const ticking = setInterval(() => ticks++, 5);
      await new Promise((r) => setTimeout(r, 100));
      clearInterval(ticking);
      expect(ticks).toBeGreaterThan(5);
      other.exec("COMMIT");
      await statement;

      other.exec("BEGIN IMMEDIATE; INSERT INTO t VALUES (3)");
      const transaction = handle.db.transaction().execute((trx) => sql`INSERT INTO t VALUES (4)`.execute(trx));
      await new Promise((r) => setTimeout(r, 50));
      other.exec("COMMIT");
      await transaction;
      expect(handle.sqlite!.prepare("SELECT n FROM t ORDER BY rowid").all()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    } finally {
      other.close();
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
