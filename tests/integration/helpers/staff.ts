import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { generate } from "otplib";
import { ROOT, SECRET } from "./app-server";

/** Cookies as a browser keeps them: name → value, updated from each response's Set-Cookie. */
export class CookieJar {
  private values = new Map<string, string>();
  take(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(";");
      const [name, value] = [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)];
      if (attrs.some((a) => /max-age=0\b/i.test(a.trim())) || value === "") this.values.delete(name);
      else this.values.set(name, value);
    }
  }
  get header(): string {
    return [...this.values].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  only(prefix: RegExp): string {
    return [...this.values].filter(([k]) => prefix.test(k)).map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** The hidden CSRF field of the sign-in form (or any form) in a page. */
export const formToken = (html: string, name = "_csrf") => html.match(new RegExp(`name="${name}" value="([^"]+)"`))?.[1] ?? "";

/**
 * Signs in over HTTP as a browser would: GET the form (its CSRF cookie and token), POST it; for
 * an account that must set up two-step verification, scans the setup key off the page and
 * confirms with a code. Returns the jar (session, device and form cookies) and the last response.
 */
export async function signInOverHttp(base: string, email: string, password: string, jar = new CookieJar()): Promise<{ jar: CookieJar; res: Response; totpSecret?: string }> {
  const form = await fetch(`${base}/staff/login`, { headers: { cookie: jar.header } });
  jar.take(form);
  const token = formToken(await form.text());
  const res = await fetch(`${base}/staff/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header },
    body: new URLSearchParams({ _csrf: token, email, password }),
  });
  jar.take(res);
  const location = res.headers.get("location") ?? "";
  if (res.status === 302 && location.startsWith("/staff/two-factor/setup")) {
    const page = await fetch(`${base}${location}`, { headers: { cookie: jar.header } });
    const html = await page.text();
    const secret = html.match(/id="setup-key">([^<]+)</)?.[1]?.replace(/\s/g, "");
    if (!secret) throw new Error(`no setup key on ${location}: ${page.status}`);
    const confirmed = await fetch(`${base}${location}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header },
      body: new URLSearchParams({ _csrf: formToken(html), code: await generate({ secret }) }),
    });
    jar.take(confirmed);
    if (confirmed.status !== 200) throw new Error(`two-step set-up failed: ${confirmed.status}`);
    return { jar, res: confirmed, totpSecret: secret };
  }
  return { jar, res };
}

/** Creates a staff account with `npm run staff:create` and signs in over HTTP: the session cookie. */
export async function staffSession(base: string, databaseUrl: string, role: "admin" | "editor" | "analyst" = "analyst"): Promise<string> {
  const email = `it-${role}-${randomBytes(3).toString("hex")}@yoursay.example`;
  const password = `It-${randomBytes(12).toString("base64url")}`;
  createStaffAccount(databaseUrl, email, password, role);
  const { jar, res } = await signInOverHttp(base, email, password);
  const cookie = jar.only(/yoursay_staff$/);
  if (![200, 302].includes(res.status) || !cookie) throw new Error(`staff sign-in failed: ${res.status}`);
  return cookie;
}

export function createStaffAccount(databaseUrl: string, email: string, password: string, role: "admin" | "editor" | "analyst") {
  const created = spawnSync(process.execPath, ["--import", "tsx", "scripts/staff-create.ts", "--email", email, "--role", role], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", SESSION_SECRET: SECRET, DATABASE_URL: databaseUrl, STAFF_PASSWORD: password },
    encoding: "utf8",
  });
  if (created.status !== 0) throw new Error(`staff:create failed: ${created.stderr}${created.stdout}`);
}
