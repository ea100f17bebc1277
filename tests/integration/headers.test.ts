import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOnce, freePort, startApp, stopApp, type AppProcess } from "./helpers/app-server";
import { serverDatabase, type ServerDatabase } from "./helpers/databases";
import { PRECEPT_SLUG, Resident } from "./helpers/resident";

/**
 * Security headers on every kind of response the production server sends: pages, errors,
 * redirects, refusals made before Remix (413, 415), static files, data requests and the
 * health check. And the body limit holds for chunked bodies, which carry no Content-Length.
 */

const PORT = await freePort();

interface Seen {
  name: string;
  status: number;
  headers: Headers;
  body: string;
}

function expectSecurityHeaders({ name, headers }: Seen) {
  const csp = headers.get("content-security-policy") ?? "";
  const directives = Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  expect(directives["default-src"], name).toEqual(["'self'"]);
  expect(directives["frame-ancestors"], name).toEqual(["'none'"]);
  expect(directives["object-src"], name).toEqual(["'none'"]);
  expect(directives["base-uri"], name).toEqual(["'none'"]);
  expect(directives["script-src"], name).toContain("'self'");
  expect(directives["script-src"], name).not.toContain("'unsafe-inline'");
  expect(directives["script-src"], name).not.toContain("'unsafe-eval'");
  expect(headers.get("x-content-type-options"), name).toBe("nosniff");
  expect(headers.get("referrer-policy"), name).toBe("same-origin");
  expect(headers.get("strict-transport-security"), name).toMatch(/max-age=(\d{8,}|3[2-9]\d{6}|31[6-9]\d{5}|3153[6-9]\d{3}); includeSubDomains/);
  expect(headers.get("x-powered-by"), name).toBeNull();
}

function chunkedPost(url: string, bytes: number, cookie: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked", cookie } });
    req.on("response", (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    });
    req.on("error", reject);
    req.write("comments=");
    // Sent in pieces, as a slow client would; the server must stop at the limit.
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += 16_384;
        if (!req.write("x".repeat(16_384))) return req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

describe("security headers and the body limit [sqlite, production]", () => {
  let database: ServerDatabase;
  let app: AppProcess | undefined;
  beforeAll(async () => {
    database = await serverDatabase("sqlite");
    app = await startApp({ buildDir: buildOnce(), databaseUrl: database.url, port: PORT });
  });
  afterAll(async () => {
    await stopApp(app);
    await database?.drop();
  });

  it("sends them on every kind of response", async () => {
    const base = app!.url;
    const seen: Seen[] = [];
    const get = async (name: string, path: string, init: RequestInit = {}) => {
      const res = await fetch(base + path, { redirect: "manual", ...init });
      const s = { name, status: res.status, headers: res.headers, body: await res.text() };
      seen.push(s);
      return s;
    };
    const page = await get("page", "/consultations");
    expect(page.status).toBe(200);
    await get("not found", "/consultations/no-such-consultation");
    await get("redirect", `/consultations/${PRECEPT_SLUG}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "" });
    const resident = new Resident(base);
    await resident.start(PRECEPT_SLUG);
    await get("validation error", `/consultations/${PRECEPT_SLUG}/questions/priorities`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: resident.draftCookie },
      body: "",
    });
    await get("too large", `/consultations/${PRECEPT_SLUG}/check`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "a=" + "x".repeat(300_000) });
    await get("wrong content type", `/consultations/${PRECEPT_SLUG}/check`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    await get("data request", `/consultations?_data=${encodeURIComponent("routes/consultations._index")}`);
    await get("stylesheet", "/styles/app.css");
    const script = page.body.match(/(?:src|href)="(\/build\/[^"]+\.js)"/)?.[1];
    expect(script).toBeTruthy();
    await get("script", script!);
    await get("health check", "/healthcheck");
    await get("method not allowed", "/consultations", { method: "DELETE", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "" });

    expect(seen.map((s) => `${s.name} ${s.status}`)).toEqual([
      "page 200",
      "not found 404",
      "redirect 302",
      "validation error 400",
      "too large 413",
      "wrong content type 415",
      "data request 200",
      "stylesheet 200",
      "script 200",
      "health check 200",
      "method not allowed 405",
    ]);
    for (const s of seen) expectSecurityHeaders(s);

    // The one inline script (Remix's hydration data) carries this response's nonce, and no other.
    const nonce = page.headers.get("content-security-policy")!.match(/'nonce-([^']+)'/)![1];
    const inline = [...page.body.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
    expect(inline.length).toBeGreaterThan(0);
    for (const attrs of inline) expect(attrs).toContain(`nonce="${nonce}"`);
    const second = await fetch(`${base}/consultations`);
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
  });

  it("refuses a chunked body over the limit and keeps serving", async () => {
    const resident = new Resident(app!.url);
    await resident.start(PRECEPT_SLUG);
    const refused = await chunkedPost(`${app!.url}/consultations/${PRECEPT_SLUG}/questions/anything-else`, 2 * 1024 * 1024, resident.draftCookie).catch((e: Error) => ({ status: 0, body: e.message }));
    expect(refused.status, refused.body).toBe(413);
    expect(refused.body).toMatch(/more than 256 KB/);
    // Under the limit, chunked is fine.
    const accepted = await chunkedPost(`${app!.url}/consultations/${PRECEPT_SLUG}/questions/anything-else`, 0, resident.draftCookie);
    expect(accepted.status).toBe(302);
    expect((await fetch(`${app!.url}/healthcheck`)).status).toBe(200);
  });
});
