import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { listAudit } from "~/models/audit.server";
import { createStaff, findStaffForLogin } from "~/models/staff.server";
import { createStaffSession, getStaffSession } from "~/models/staff-session.server";
import { describeEachDatabase } from "../databases";

/** npm run staff:password, run as a newcomer who missed the demo editor's password would run it. */
const run = promisify(execFile);

describeEachDatabase("npm run staff:password", (ctx) => {
  const cli = async (args: string[], extraEnv: Record<string, string> = {}) => {
    try {
      const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "scripts/staff-password.ts", ...args], {
        env: { ...process.env, DATABASE_URL: ctx().url, ...extraEnv },
      });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };

  it("sets a generated password that signs in, ends every session, and is audited", async () => {
    const db = ctx().handle.db;
    const member = await createStaff(db, { email: "forgetful@example.org", role: "editor", passwordHash: await hashPassword("an old password 123") });
    const session = await createStaffSession(db, { staffId: member.id });
    const result = await cli(["--email", "Forgetful@example.org", "--generate"]);
    expect(result.code).toBe(0);
    const password = /New password for forgetful@example\.org: (\S+)/.exec(result.stdout)?.[1];
    expect(password).toBeDefined();
    const row = await findStaffForLogin(db, { email: "forgetful@example.org" });
    expect(await verifyPassword(row!.password_hash, password!)).toBe(true);
    expect(await verifyPassword(row!.password_hash, "an old password 123")).toBe(false);
    expect(await getStaffSession(db, { id: session })).toBeNull();
    const audit = await listAudit(db, { action: "staff.password_reset" });
    expect(audit.map((a) => a.detail)).toContain("forgetful@example.org (command line)");
  });

  it("refuses a weak password and an unknown address, changing nothing", async () => {
    const db = ctx().handle.db;
    const before = await findStaffForLogin(db, { email: "forgetful@example.org" });
    const weak = await cli(["--email", "forgetful@example.org"], { STAFF_PASSWORD: "short" });
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/12 characters/);
    const unknown = await cli(["--email", "nobody@example.org", "--generate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("There is no staff account for nobody@example.org");
    expect((await findStaffForLogin(db, { email: "forgetful@example.org" }))!.password_hash).toBe(before!.password_hash);
  });
});
