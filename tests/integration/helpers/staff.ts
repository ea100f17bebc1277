import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { ROOT, SECRET } from "./app-server";

/** Creates a staff account with `npm run staff:create` and signs in over HTTP: the session cookie. */
export async function staffSession(base: string, databaseUrl: string, role: "admin" | "editor" | "analyst" = "analyst"): Promise<string> {
  const email = `it-${role}-${randomBytes(3).toString("hex")}@yoursay.example`;
  const password = `It-${randomBytes(12).toString("base64url")}`;
  const created = spawnSync(process.execPath, ["--import", "tsx", "scripts/staff-create.ts", "--email", email, "--role", role], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", SESSION_SECRET: SECRET, DATABASE_URL: databaseUrl, STAFF_PASSWORD: password },
    encoding: "utf8",
  });
  if (created.status !== 0) throw new Error(`staff:create failed: ${created.stderr}${created.stdout}`);
  const res = await fetch(`${base}/staff/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password }),
  });
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (res.status !== 302 || !cookie) throw new Error(`staff sign-in failed: ${res.status}`);
  return cookie;
}
