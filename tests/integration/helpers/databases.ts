import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, type DbHandle } from "../../../db/connection";
import { createPostgresTestDb, createSqliteTestDb, postgresUrl } from "../../databases";

/** A fresh, migrated and demo-seeded database for a server process to run on. */
export interface ServerDatabase {
  url: string;
  /** Opens a handle for checks (close it before the server needs the file to itself). */
  open(): DbHandle;
  drop(): Promise<void>;
}

export async function serverDatabase(kind: "sqlite" | "postgres"): Promise<ServerDatabase> {
  if (kind === "postgres") {
    const created = await createPostgresTestDb(postgresUrl()!, { seed: true });
    await created.handle.close();
    const handles: DbHandle[] = [];
    return {
      url: created.url,
      open: () => {
        const h = createDb(created.url, { poolSize: 2 });
        handles.push(h);
        return h;
      },
      drop: async () => {
        for (const h of handles) await h.close().catch(() => {});
        await dropPostgres(created.url);
      },
    };
  }
  const created = await createSqliteTestDb({ seed: true });
  await created.handle.close();
  return {
    url: created.url,
    open: () => createDb(created.url),
    drop: async () => fs.rmSync(path.dirname(created.url), { recursive: true, force: true }),
  };
}

async function dropPostgres(url: string) {
  const { default: pg } = await import("pg");
  const name = new URL(url).pathname.slice(1);
  const c = new pg.Client({ connectionString: postgresUrl() });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
}

/** A database with nothing in it, not even the schema: what `npm start` or `npm run db:migrate` meets on a new machine. */
export async function emptyServerDatabase(kind: "sqlite" | "postgres"): Promise<{ url: string; drop(): Promise<void> }> {
  if (kind === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yoursay-empty-"));
    return { url: path.join(dir, "empty.sqlite"), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const { default: pg } = await import("pg");
  const name = `yoursay_empty_${randomBytes(6).toString("hex")}`;
  const c = new pg.Client({ connectionString: postgresUrl() });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(postgresUrl()!);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => dropPostgres(url.toString()) };
}

/** The databases to run a server suite on: SQLite always, PostgreSQL when configured (always in CI). */
export function serverDatabaseKinds(): ("sqlite" | "postgres")[] {
  return postgresUrl() ? ["sqlite", "postgres"] : ["sqlite"];
}

export const tmpFile = (name: string) => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "yoursay-it-")), name);
