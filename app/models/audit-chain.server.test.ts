import { spawn, spawnSync } from "node:child_process";
import { Migrator } from "kysely";
import { expect, it } from "vitest";
import { migrations } from "../../db/migrations";
import { describeEachDatabase } from "../../tests/databases";
import { recordAudit } from "./audit.server";
import { verifyAuditChain } from "./audit-chain.server";

/** The audit trail's hash chain: links, what breaks it, concurrency, the migration, the command. */
describeEachDatabase("audit hash chain", (ctx) => {
  const db = () => ctx().handle.db;
  const staff = { id: "00000000-0000-4000-8000-0000000000aa", email: "chain@opcc.example" };

  it("links every entry to the one before and verifies", async () => {
    for (let i = 0; i < 5; i++) await recordAudit(db(), { staff, action: "export.downloaded", detail: `file ${i}` });
    const rows = await db().selectFrom("audit_log").select(["seq", "prev_hash", "hash"]).orderBy("seq").execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    const report = await verifyAuditChain(db());
    expect(report).toMatchObject({ ok: true, entries: rows.length, head: { seq: rows.length, hash: rows[rows.length - 1].hash } });
  });

  it("does not fork under concurrent writers: this process and another (a second instance) at once", async () => {
    const before = (await verifyAuditChain(db())) as { entries: number };
    // Another process writing 20 entries while this one writes 20.
    const script = `
      import { createDb } from "./db/connection.ts";
      import { recordAudit } from "./app/models/audit.server.ts";
      const h = createDb(process.env.DATABASE_URL, { poolSize: 4 });
      await Promise.all(Array.from({ length: 20 }, (_, i) => recordAudit(h.db, { staff: null, action: "evidence.changed", detail: "other process " + i })));
      await h.close();
    `;
    const other = new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { env: { PATH: process.env.PATH ?? "", DATABASE_URL: ctx().url, NODE_ENV: "test" }, stdio: "inherit" });
      child.on("exit", resolve);
    });
    await Promise.all(Array.from({ length: 20 }, (_, i) => recordAudit(db(), { staff, action: "evidence.changed", detail: `this process ${i}` })));
    expect(await other).toBe(0);
    const report = await verifyAuditChain(db());
    expect(report).toMatchObject({ ok: true, entries: before.entries + 40 });
    const prevs = await db().selectFrom("audit_log").select("prev_hash").execute();
    expect(new Set(prevs.map((p) => p.prev_hash)).size).toBe(prevs.length);
  });

  it("names the first entry changed, removed or cut off the end, and a rewritten anchor", async () => {
    const good = await verifyAuditChain(db());
    if (!good.ok) throw new Error("chain broken before tampering");
    const anchor = good.head;
    const target = await db().selectFrom("audit_log").select(["id", "seq", "detail"]).where("seq", "=", 3).executeTakeFirstOrThrow();
    await db().updateTable("audit_log").set({ detail: "nothing to see" }).where("id", "=", target.id).execute();
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, entries: 2, firstBroken: { seq: 3, id: target.id, problem: expect.stringMatching(/changed/) } });
    await db().updateTable("audit_log").set({ detail: target.detail }).where("id", "=", target.id).execute();
    expect((await verifyAuditChain(db())).ok).toBe(true);

    const four = await db().selectFrom("audit_log").selectAll().where("seq", "=", 4).executeTakeFirstOrThrow();
    await db().deleteFrom("audit_log").where("seq", "=", 4).execute();
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, firstBroken: { seq: 5, problem: expect.stringMatching(/missing/) } });
    await db().insertInto("audit_log").values(four).execute();

    const last = await db().selectFrom("audit_log").selectAll().where("seq", "=", anchor.seq).executeTakeFirstOrThrow();
    await db().deleteFrom("audit_log").where("seq", "=", anchor.seq).execute();
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, firstBroken: { problem: expect.stringMatching(/removed/) } });
    await db().insertInto("audit_log").values(last).execute();
    expect(await verifyAuditChain(db(), { anchor })).toMatchObject({ ok: true });
    expect(await verifyAuditChain(db(), { anchor: { seq: anchor.seq, hash: "f".repeat(64) } })).toMatchObject({ ok: false, firstBroken: { seq: anchor.seq, problem: expect.stringMatching(/anchor/) } });
  });

  it("npm run audit:verify says intact (exit 0) or names the broken entry (exit 1)", async () => {
    const run = () =>
      spawnSync(process.execPath, ["--import", "tsx", "scripts/audit-verify.ts"], {
        env: { PATH: process.env.PATH ?? "", DATABASE_URL: ctx().url, NODE_ENV: "test" },
        encoding: "utf8",
      });
    const ok = run();
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^Audit trail intact: \d+ entries\.\nHead: \d+:[0-9a-f]{64}/);
    const target = await db().selectFrom("audit_log").select(["id", "seq", "staff_email"]).where("seq", "=", 2).executeTakeFirstOrThrow();
    await db().updateTable("audit_log").set({ staff_email: "someone.else@opcc.example" }).where("id", "=", target.id).execute();
    const broken = run();
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(`Audit trail BROKEN at entry 2 (id ${target.id}`);
    await db().updateTable("audit_log").set({ staff_email: target.staff_email }).where("id", "=", target.id).execute();
  });
});

describeEachDatabase(
  "audit hash chain migration",
  (ctx) => {
    it("chains the entries written before it, in order", async () => {
      // A second database at the release before the chain, with entries, then migrated.
      const fresh = ctx();
      const migrator = new Migrator({ db: fresh.handle.db, provider: { getMigrations: async () => migrations } });
      const { error } = await migrator.migrateTo("2026-11-23T0410_export_order");
      if (error) throw error;
      for (let i = 0; i < 3; i++) {
        await fresh.handle.db
          .insertInto("audit_log")
          .values({ id: `00000000-0000-4000-8000-00000000000${i}`, at: `2026-11-2${i}T09:00:00.000Z`, staff_id: null, staff_email: null, action: "login.failed", consultation_id: null, detail: `old ${i}` } as never)
          .execute();
      }
      const done = await migrator.migrateToLatest();
      if (done.error) throw done.error;
      expect(await verifyAuditChain(fresh.handle.db)).toMatchObject({ ok: true, entries: 3 });
      await recordAudit(fresh.handle.db, { staff: null, action: "logout" });
      expect(await verifyAuditChain(fresh.handle.db)).toMatchObject({ ok: true, entries: 4 });
    });
  },
  { unmigrated: true },
);
