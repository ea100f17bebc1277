/**
 * npm run staff:password -- --email demo-editor@yoursay.example [--generate]
 * Sets a new password for an existing staff account: for the administrator who is locked out,
 * or the newcomer who missed the demo editor's password on first start. The password comes from
 * STAFF_PASSWORD, a prompt, or (--generate) is made at random and printed once. Every session of
 * the account ends and any sign-in delay is lifted; the change is audited.
 */
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { passwordProblems } from "../app/auth/password-policy";
import { hashPassword } from "../app/auth/password.server";
import { loadEnv } from "../app/server/env.server";
import { recordAudit } from "../app/models/audit.server";
import { findStaffForLogin, setStaffPassword } from "../app/models/staff.server";
import { createDb } from "../db/connection";
import { migrateToLatest } from "../db/migrate";

const { values } = parseArgs({ options: { email: { type: "string" }, generate: { type: "boolean", default: false } } });
const email = values.email?.trim();
if (!email) {
  console.error("Usage: npm run staff:password -- --email name@example.org [--generate]");
  process.exit(2);
}

async function readPassword(): Promise<string> {
  if (values.generate) return randomBytes(12).toString("base64url");
  if (process.env.STAFF_PASSWORD) return process.env.STAFF_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const answer = await rl.question("New password (12 characters or more): ");
  rl.close();
  return answer;
}

const handle = createDb(loadEnv().DATABASE_URL);
try {
  await migrateToLatest(handle.db);
  const member = await findStaffForLogin(handle.db, { email });
  if (!member) {
    console.error(`There is no staff account for ${email}. Create one with: npm run staff:create -- --email ${email} --role editor`);
    process.exitCode = 2;
  } else {
    const password = await readPassword();
    const problems = passwordProblems(password);
    if (problems.length) {
      console.error(problems.join("\n"));
      process.exitCode = 2;
    } else {
      await setStaffPassword(handle.db, { id: member.id, passwordHash: await hashPassword(password) });
      await recordAudit(handle.db, { staff: null, action: "staff.password_reset", detail: `${member.email} (command line)` });
      console.log(values.generate ? `New password for ${member.email}: ${password}` : `The password for ${member.email} has been changed.`);
    }
  }
} finally {
  await handle.close();
}
