/**
 * npm run staff:create -- --email someone@durham-pcc.gov.uk --role admin
 * The password comes from STAFF_PASSWORD or, when that is unset, a prompt. There is no default.
 */
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { passwordProblems } from "../app/auth/password-policy";
import { hashPassword } from "../app/auth/password.server";
import { isRole, ROLES } from "../app/auth/roles";
import { loadEnv } from "../app/server/env.server";
import { recordAudit } from "../app/models/audit.server";
import { createStaff, findStaffForLogin } from "../app/models/staff.server";
import { createDb } from "../db/connection";
import { migrateToLatest } from "../db/migrate";

const { values } = parseArgs({ options: { email: { type: "string" }, role: { type: "string" } } });
const email = values.email?.trim();
const role = values.role ?? "";
if (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
  console.error("Usage: npm run staff:create -- --email name@example.org --role admin|editor|analyst");
  process.exit(2);
}
if (!isRole(role)) {
  console.error(`--role must be one of: ${ROLES.join(", ")}`);
  process.exit(2);
}

async function readPassword(): Promise<string> {
  if (process.env.STAFF_PASSWORD) return process.env.STAFF_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const answer = await rl.question("Password (12 characters or more): ");
  rl.close();
  return answer;
}

const password = await readPassword();
const problems = passwordProblems(password);
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(2);
}

const handle = createDb(loadEnv().DATABASE_URL);
try {
  await migrateToLatest(handle.db);
  if (await findStaffForLogin(handle.db, { email })) {
    console.error(`There is already a staff account for ${email}.`);
    process.exitCode = 2;
  } else {
    const member = await createStaff(handle.db, { email, role, passwordHash: await hashPassword(password) });
    await recordAudit(handle.db, { staff: null, action: "staff.added", detail: `${member.email} as ${role} (command line)` });
    console.log(`Created ${role} account ${member.email}.`);
  }
} finally {
  await handle.close();
}
