import SQLite from "better-sqlite3";
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
