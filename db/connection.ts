import path from "node:path";
import fs from "node:fs";
import SQLite from "better-sqlite3";
import { CompiledQuery, Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, SqliteDriver, sql, type DatabaseConnection, type Driver, type RawBuilder, type SqliteDatabase, type SqliteDialectConfig } from "kysely";
import pg from "pg";
import type { Database } from "./schema";
import { checkpointInBackground, WAL_BACKSTOP_PAGES } from "./sqlite-checkpoints";

/**
 * The one place that knows there are two databases. Everything above this file writes
 * portable Kysely; what differs (connection set-up, pragmas, numeric parsing) lives here.
 */
export type DialectName = "sqlite" | "postgres";

export function dialectOf(url: string): DialectName {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

/** The dialect behind a Kysely instance, for the few queries that must differ. */
export function dialectOfDb(db: Kysely<Database>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/**
 * The order responses were stored in (migration 2026-11-30T0200_weighting): SQLite's rowid, which grows
 * with each insert because SQLite has one writer at a time, or PostgreSQL's identity column,
 * whose values are taken before commit and so may become visible out of order.
 */
export function storedOrder(db: Kysely<Database>, alias = "responses"): RawBuilder<number> {
  return dialectOfDb(db) === "postgres" ? sql<number>`${sql.ref(`${alias}.seq`)}` : sql<number>`${sql.ref(`${alias}.rowid`)}`;
}

/**
 * Makes the calling transaction the only one doing `work` until it ends. SQLite's transactions
 * already are (each takes the write lock at BEGIN); PostgreSQL's take a transaction-level
 * advisory lock on a number standing for the work (https://www.postgresql.org/docs/15/explicit-locking.html#ADVISORY-LOCKS),
 * taken again by the same transaction at no cost, released at commit or rollback.
 */
export async function aloneIn(trx: Kysely<Database>, work: "answer rows"): Promise<void> {
  const keys = { "answer rows": 0x616e7377 };
  if (dialectOfDb(trx) === "postgres") await sql`SELECT pg_advisory_xact_lock(${keys[work]}::bigint)`.execute(trx);
}

// pg returns bigint (count(*), sum) and numeric as strings; our counts fit comfortably in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));

/** Values of a group joined with commas: group_concat on SQLite, string_agg on PostgreSQL (order not defined). */
export function commaList(db: Kysely<Database>, expression: RawBuilder<unknown>): RawBuilder<string | null> {
  return db.getExecutor().adapter instanceof PostgresAdapter ? sql<string | null>`string_agg(${expression}, ',')` : sql<string | null>`group_concat(${expression}, ',')`;
}

export interface DbHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The raw better-sqlite3 handle (SQLite only), for online backups and integrity checks. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export function openSqlite(file: string): SQLite.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers (results, exports, backups) run beside the single writer; NORMAL
  // synchronous is durable in WAL mode against process crashes, which is what kill -9 tests.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return sqlite;
}

/**
 * Kysely prepares every query afresh; on SQLite that was a tenth of a submission's time. Kysely
 * compiles the same SQL text for the same query shape (values are parameters), so statements
 * are kept by their text, least recently used dropped first. Safe to share: Kysely's SQLite
 * driver runs one query at a time on its single connection.
 */
export function withStatementCache(sqlite: SQLite.Database, size = 256): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) cache.delete(sql);
      else {
        statement = sqlite.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

/**
 * Transactions on SQLite begin IMMEDIATE (take the write lock at BEGIN, waiting up to
 * busy_timeout for it) rather than Kysely's plain BEGIN (deferred). With one process the two
 * behave alike. With several processes on one file (WEB_CONCURRENCY), a deferred transaction
 * that reads and then writes fails at once with SQLITE_BUSY whenever another process committed
 * after its read, without waiting: SQLite cannot upgrade a stale read snapshot to a write
 * (https://www.sqlite.org/lang_transaction.html, "BEGIN IMMEDIATE"; https://www.sqlite.org/wal.html,
 * "Sometimes Queries Return SQLITE_BUSY In WAL Mode"). Every transaction here writes, so taking
 * the lock first only queues them, as PostgreSQL's row locks do.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #sqlite: SQLite.Database;
  #waiting: DatabaseConnection | undefined;
  constructor(config: SqliteDialectConfig, sqlite: SQLite.Database) {
    super(config);
    this.#sqlite = sqlite;
  }
  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    return (this.#waiting ??= waitingWhileBusy(connection, this.#sqlite));
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

/** How long a statement waits for another process's write lock before it fails. */
export const SQLITE_LOCK_WAIT_MS = 5_000;

/**
 * Waits for another process's write lock without stopping this one. SQLite's own busy handler
 * (busy_timeout) sleeps inside the call, and better-sqlite3 calls are synchronous, so a worker
 * waiting for the other worker's commit stopped serving every request it held, for 1 ms at
 * first and up to 100 ms as the waits grew (sqliteDefaultBusyCallback in SQLite's main.c).
 * With busy_timeout 0 a busy statement fails at once; outside a transaction nothing of it
 * happened, so it is tried again after a short timer while the event loop serves other
 * requests. Inside a transaction (which holds the write lock, so meets no writer) an error
 * stands, and the transaction rolls back as before.
 */
function waitingWhileBusy(connection: DatabaseConnection, sqlite: SQLite.Database): DatabaseConnection {
  return {
    async executeQuery(query) {
      const deadline = performance.now() + SQLITE_LOCK_WAIT_MS;
      for (let attempt = 0; ; attempt++) {
        try {
          return await connection.executeQuery(query);
        } catch (error) {
          if ((error as { code?: string }).code !== "SQLITE_BUSY" || sqlite.inTransaction || performance.now() > deadline) throw error;
          // Another process's transaction here takes about a millisecond: look again soon,
          // less often the longer it lasts.
          await new Promise((resolve) => setTimeout(resolve, Math.min(attempt, 5)));
        }
      }
    },
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  };
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #sqlite: SQLite.Database;
  constructor(config: SqliteDialectConfig, sqlite: SQLite.Database) {
    super(config);
    this.#config = config;
    this.#sqlite = sqlite;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config, this.#sqlite);
  }
}

/**
 * poolSize: PostgreSQL connections. backgroundCheckpoints: SQLite WAL checkpoints on a worker
 * thread (see sqlite-checkpoints.ts), for the long-running server; scripts and tests keep
 * SQLite's default.
 */
export function createDb(url: string, options: { poolSize?: number; backgroundCheckpoints?: boolean } = {}): DbHandle {
  const dialect = dialectOf(url);
  if (dialect === "postgres") {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // An idle connection the server closes (a restart, a failover, a dropped test database)
    // must not crash the process: the pool replaces it on the next query.
    pool.on("error", (error) => console.warn(`PostgreSQL connection closed: ${error.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect, close: () => db.destroy() };
  }
  const sqlite = openSqlite(url);
  const checkpointer = options.backgroundCheckpoints && url !== ":memory:" ? checkpointInBackground(url) : null;
  if (checkpointer) sqlite.pragma(`wal_autocheckpoint = ${WAL_BACKSTOP_PAGES}`);
  // Kysely's statements wait for the write lock in waitingWhileBusy, not in SQLite's sleep.
  sqlite.pragma("busy_timeout = 0");
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }, sqlite) });
  return {
    db,
    dialect,
    sqlite,
    async close() {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}
