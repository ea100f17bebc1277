import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, it } from "vitest";
import { createDb, type DbHandle } from "../db/connection";
import { setupDatabase } from "../db/setup";

/**
 * Runs a suite against a real, freshly migrated SQLite file and, when TEST_DATABASE_URL is set
 * (CI always sets it), against a fresh PostgreSQL database created for the suite and dropped
 * after it. With CI=true a missing PostgreSQL fails the run instead of skipping.
 */

export interface TestDatabase {
  name: "sqlite" | "postgres";
  url: string;
  handle: DbHandle;
}

/** seed: the demo data; unmigrated: an empty database, for tests of the migrations themselves. */
export interface TestDbOptions {
  seed?: boolean;
  unmigrated?: boolean;
}

export async function createSqliteTestDb(options: TestDbOptions = {}): Promise<{ url: string; handle: DbHandle; drop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yoursay-test-"));
  const url = path.join(dir, "test.sqlite");
  const handle = createDb(url);
  if (!options.unmigrated) await setupDatabase(handle.db, { seed: options.seed ?? false });
  return {
    url,
    handle,
    drop: async () => {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function createPostgresTestDb(adminUrl: string, options: TestDbOptions = {}) {
  const name = `yoursay_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = createDb(url.toString());
  if (!options.unmigrated) await setupDatabase(handle.db, { seed: options.seed ?? false });
  return {
    url: url.toString(),
    handle,
    drop: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function postgresUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (!url && process.env.CI === "true") {
    throw new Error("CI=true but TEST_DATABASE_URL is not set: the PostgreSQL tests must run in CI (.ci/run sets it).");
  }
  return url;
}

/** describe() once per database; `ctx()` gives the suite's database inside tests. */
export function describeEachDatabase(title: string, body: (ctx: () => TestDatabase) => void, options: TestDbOptions = {}) {
  const pgUrl = postgresUrl();
  for (const name of ["sqlite", "postgres"] as const) {
    if (name === "postgres" && !pgUrl) {
      describe(`${title} [postgres]`, () => {
        it.skip("SKIPPED: PostgreSQL tests need TEST_DATABASE_URL (see README)", () => {});
      });
      continue;
    }
    describe(`${title} [${name}]`, () => {
      let current: TestDatabase | undefined;
      let drop: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        const created = name === "sqlite" ? await createSqliteTestDb(options) : await createPostgresTestDb(pgUrl!, options);
        current = { name, url: created.url, handle: created.handle };
        drop = created.drop;
      });
      afterAll(async () => {
        await drop?.();
      });
      body(() => {
        if (!current) throw new Error("test database not ready");
        return current;
      });
    });
  }
}
