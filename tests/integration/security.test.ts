import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "otplib";
import { setResultsPublished, getConsultationBySlug } from "~/models/consultation.server";
import { createIndicator, listSections } from "~/models/evidence.server";
import { buildOnce, freePort, startApp, stopApp, type AppProcess } from "./helpers/app-server";
import { markerCounts } from "./helpers/db-checks";
import { serverDatabase, serverDatabaseKinds, type ServerDatabase } from "./helpers/databases";
import { inParallel } from "./helpers/load";
import { acknowledged, prepareResponse, PRECEPT_SLUG, Resident } from "./helpers/resident";
import { CookieJar, createStaffAccount, formToken, signInOverHttp } from "./helpers/staff";

/**
 * Issue 12 ("Security a UK public body's reviewer signs off"), against the real production
 * server on SQLite and on PostgreSQL, behind a pretend reverse proxy (TRUST_PROXY=true, so each
 * test is a different client by its X-Forwarded-For). Each numbered test is one of the issue's
 * reproductions; each failed before the change that fixed it.
 */

const PORTS = { sqlite: [await freePort(), await freePort()], postgres: [await freePort(), await freePort()] };

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** node:http, for what fetch will not send (TRACE, a Host header, an Origin of "null"). */
function raw(base: string, path: string, { method = "GET", headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers: { ...headers, ...(body !== undefined ? { "content-length": String(Buffer.byteLength(body)) } : {}) }, agent: false });
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const form = { "content-type": "application/x-www-form-urlencoded" };

for (const kind of serverDatabaseKinds()) {
  describe(`issue 12 security [${kind}]`, () => {
    let database: ServerDatabase;
    let app: AppProcess | undefined;
    let other: AppProcess | undefined;
    const env = { TRUST_PROXY: "true", SUBMISSIONS_PER_CLIENT_PER_HOUR: "3", DRAFTS_PER_CLIENT_PER_HOUR: "20" };
    const analyst = { email: `analyst-${kind}@security.example`, password: "analyst long password 1" };
    const admin = { email: `admin-${kind}@security.example`, password: "admin long password 12" };

    beforeAll(async () => {
      database = await serverDatabase(kind);
      createStaffAccount(database.url, analyst.email, analyst.password, "analyst");
      createStaffAccount(database.url, admin.email, admin.password, "admin");
      const [a, b] = PORTS[kind];
      app = await startApp({ buildDir: buildOnce(), databaseUrl: database.url, port: a, env });
      // A second instance on the same database, as behind a load balancer.
      other = await startApp({ buildDir: buildOnce(), databaseUrl: database.url, port: b, env: { ...env, PUBLIC_ORIGIN: `http://127.0.0.1:${a}` } });
    }, 180_000);
    afterAll(async () => {
      await stopApp(app);
      await stopApp(other);
      await database?.drop();
    });

    it("1. a POST with a foreign, null or malformed Origin gets a 403 page, never a 500; the public origin passes whatever the Host", async () => {
      const base = app!.url;
      for (const path of [`/consultations/${PRECEPT_SLUG}`, "/staff/login", `/consultations/${PRECEPT_SLUG}/check`]) {
        for (const origin of ["https://evil.example", "null", "not a url", "http://127.0.0.1:1", `${base}/path`]) {
          const r = await raw(base, path, { method: "POST", headers: { ...form, origin, "x-forwarded-for": "192.0.2.1" }, body: "" });
          expect(r.status, `${path} with Origin ${origin}`).toBe(403);
          expect(r.body).toContain("This form did not come from this website");
          expect(r.headers["content-type"]).toMatch(/text\/html/);
        }
      }
      // Behind a TLS proxy that forwards its upstream Host (and X-Forwarded-Host): a real
      // browser's POST carries the public origin, and is served.
      const ok = await raw(base, `/consultations/${PRECEPT_SLUG}`, {
        method: "POST",
        headers: { ...form, origin: base, host: "app-upstream.internal:8080", "x-forwarded-host": "other.example", "x-forwarded-for": "192.0.2.2" },
        body: "",
      });
      expect(ok.status).toBe(302);
      expect(ok.headers.location).toBe(`/consultations/${PRECEPT_SLUG}/questions/priorities`);
      // A cross-site request without Origin is refused by its Sec-Fetch-Site.
      const crossSite = await raw(base, `/consultations/${PRECEPT_SLUG}`, { method: "POST", headers: { ...form, "sec-fetch-site": "cross-site", "x-forwarded-for": "192.0.2.3" }, body: "" });
      expect(crossSite.status).toBe(403);
    });

    it("2. TRACE and other unknown methods get a 405 with Allow, never a 500", async () => {
      for (const method of ["TRACE", "PUT", "DELETE", "PATCH", "PROPFIND", "OPTIONS"]) {
        const r = await raw(app!.url, "/consultations", { method, headers: form, body: "a=1" });
        expect(r.status, method).toBe(405);
        expect(r.headers.allow).toBe("GET, HEAD, POST");
        expect(r.body).toMatch(/does not accept/);
      }
    });

    it("3. sign-in with a redirectTo of non-ASCII, CR/LF, U+2028 or great length redirects safely, with a short Location", async () => {
      const base = app!.url;
      const cases: [string, string][] = [
        ["/staff/%E2%82%AC", "/staff/%E2%82%AC"],
        ["/staff/€", "/staff/%E2%82%AC"],
        ["/staff/\r\nSet-Cookie: evil=1", "/staff/Set-Cookie:%20evil=1"],
        ["/staff/\u2028x", "/staff/%E2%80%A8x"],
        [`/staff/audit?action=${"a".repeat(20_000)}`, "/staff"],
        ["//evil.example/staff", "/staff"],
        ["/\\evil.example", "/staff"],
        ["https://evil.example/staff", "/staff"],
      ];
      for (const [redirectTo, expected] of cases) {
        const jar = new CookieJar();
        const page = await fetch(`${base}/staff/login`, { headers: { "x-forwarded-for": "192.0.2.10" } });
        jar.take(page);
        const r = await fetch(`${base}/staff/login`, {
          method: "POST",
          redirect: "manual",
          headers: { ...form, cookie: jar.header, "x-forwarded-for": "192.0.2.10" },
          body: new URLSearchParams({ _csrf: formToken(await page.text()), email: analyst.email, password: analyst.password, redirectTo }),
        });
        expect(r.status, JSON.stringify(redirectTo.slice(0, 40))).toBe(302);
        expect(r.headers.get("location")).toBe(expected);
        expect(r.headers.getSetCookie().some((c) => /yoursay_staff=/.test(c))).toBe(true);
      }
      // Sent to sign in from a long address: the redirectTo kept is capped too.
      const long = await raw(base, `/staff/audit?action=${"b".repeat(8_000)}`);
      expect(long.status).toBe(302);
      expect(String(long.headers.location).length).toBeLessThan(1_200);
      // Signing in without the form's token (login CSRF) is refused before any password check.
      const forged = await raw(base, "/staff/login", { method: "POST", headers: { ...form, "x-forwarded-for": "192.0.2.11" }, body: new URLSearchParams({ email: analyst.email, password: analyst.password }).toString() });
      expect(forged.status).toBe(403);
    });

    it("4. the submission limit holds across user agents and across two instances on one database", async () => {
      const [a, b] = [app!.url, other!.url];
      const client = { "x-forwarded-for": "198.51.100.44" };
      const residents = [new Resident(a, "Agent/1", client), new Resident(b, "Agent/2", client), new Resident(a, "Agent/3", client), new Resident(a, "Agent/4", client)];
      const tokens = [];
      for (const [i, r] of residents.entries()) tokens.push(await prepareResponse(r, `limit-${kind}-${i}`));
      // Three allowed (the limit), each with another user agent, split across the instances.
      expect(acknowledged(await residents[0].submit(PRECEPT_SLUG, tokens[0]))).toBe(true);
      expect(acknowledged(await residents[1].submit(PRECEPT_SLUG, tokens[1]))).toBe(true);
      expect(acknowledged(await residents[2].at(b).submit(PRECEPT_SLUG, tokens[2]))).toBe(true);
      // A fourth from the same address, yet another user agent, on either instance: refused.
      const refused = await residents[3].at(b).submit(PRECEPT_SLUG, tokens[3]);
      expect(refused.status).toBe(429);
      expect(refused.body).toContain("Too many attempts");
      expect((await residents[3].at(a).submit(PRECEPT_SLUG, tokens[3])).status).toBe(429);
      // Its draft is kept; another address is unaffected.
      expect((await residents[3].request("GET", `/consultations/${PRECEPT_SLUG}/check`)).status).toBe(200);
      const elsewhere = new Resident(a, "Agent/1", { "x-forwarded-for": "198.51.100.45" });
      expect(acknowledged(await elsewhere.submit(PRECEPT_SLUG, await prepareResponse(elsewhere, `limit-${kind}-elsewhere`)))).toBe(true);
      const h = database.open();
      try {
        const markers = await markerCounts(h);
        expect([0, 1, 2, 3].map((i) => markers.get(`limit-${kind}-${i}`))).toEqual([1, 1, 1, undefined]);
        const limits = JSON.stringify(await h.db.selectFrom("rate_limits").selectAll().execute());
        expect(limits).not.toContain("198.51.100");
        expect(limits).not.toContain("Agent/");
      } finally {
        await h.close();
      }
    });

    it("5. sign-in answers an unknown address exactly as a known one after repeated failures, and never locks the owner out", async () => {
      const base = app!.url;
      const attempt = async (email: string, password: string, client: string, jar = new CookieJar()) => {
        // Not the session cookie: a signed-in browser is sent on from the sign-in page.
        const cookie = () => jar.only(/yoursay_(device|signin)$/);
        const page = await fetch(`${base}/staff/login`, { headers: { cookie: cookie(), "x-forwarded-for": client } });
        jar.take(page);
        const res = await fetch(`${base}/staff/login`, {
          method: "POST",
          redirect: "manual",
          headers: { ...form, cookie: cookie(), "x-forwarded-for": client },
          body: new URLSearchParams({ _csrf: formToken(await page.text()), email, password }),
        });
        jar.take(res);
        const body = await res.text();
        return { status: res.status, message: body.match(/<a href="#email"[^>]*>([^<]+)</)?.[1] ?? null, jar };
      };
      const owner = { email: `owner-${kind}@security.example`, password: "the owner's long password" };
      createStaffAccount(database.url, owner.email, owner.password, "editor");
      // The owner signs in on their own browser once (it is then a trusted browser).
      const ownerJar = (await attempt(owner.email, owner.password, "192.0.2.77")).jar;
      // Seven tries at each address, the two side by side so that they stand in the same place:
      // five counted failures, then the delays (which a try may or may not outlast).
      const seen: { status: number; message: string | null }[] = [];
      for (let i = 0; i < 7; i++) {
        const [k, u] = await Promise.all([attempt(owner.email, `wrong ${i}`, `198.51.100.${120 + i}`), attempt(`nobody-${kind}@security.example`, `wrong ${i}`, `198.51.100.${130 + i}`)]);
        const same = (r: { status: number; message: string | null }) => ({ status: r.status, message: r.message?.replace(/\d+ seconds?/, "N seconds") });
        // The same answer for the real address and the unknown one, every time (it used to be
        // "Too many failed attempts" for the real one only, and sooner).
        expect(same(u), `try ${i + 1}`).toEqual(same(k));
        seen.push(k);
      }
      expect(seen.slice(0, 5).every((r) => r.status === 400 && r.message === "Enter a correct email address and password")).toBe(true);
      expect(seen.some((r) => r.status === 429 && /^Too many failed attempts\. Wait \d+ seconds? and try again\.$/.test(r.message ?? ""))).toBe(true);
      // The owner, on their own browser, is not held up, and is told about the attempts.
      const signedIn = await attempt(owner.email, owner.password, "192.0.2.77", ownerJar);
      expect(signedIn.status).toBe(302);
      const notice = await fetch(`${base}/staff/security?next=%2Fstaff`, { headers: { cookie: ownerJar.header } });
      expect((await notice.text()).replace(/<!-- -->/g, "")).toMatch(/there were \d+ failed attempts to sign in to your account/);
    });

    it("6. a spent token sent with a new, complete draft gets 'This form was already sent', and the draft is kept", async () => {
      const resident = new Resident(app!.url, "Agent/6", { "x-forwarded-for": "198.51.100.60" });
      const spent = await prepareResponse(resident, `spent-${kind}-first`);
      expect(acknowledged(await resident.submit(PRECEPT_SLUG, spent))).toBe(true);
      // Back to the start, a new response, and the old page's form (with its spent token) sent again.
      await prepareResponse(resident, `spent-${kind}-second`);
      const again = await resident.submit(PRECEPT_SLUG, spent);
      expect(again.status).toBe(409);
      expect(again.body).toContain("This form was already sent");
      expect(again.body).toContain("these answers have not been saved");
      // The draft is still there, and a fresh token sends it.
      const fresh = await resident.token(PRECEPT_SLUG);
      expect(acknowledged(await resident.submit(PRECEPT_SLUG, fresh))).toBe(true);
      const h = database.open();
      try {
        const markers = await markerCounts(h);
        expect([markers.get(`spent-${kind}-first`), markers.get(`spent-${kind}-second`)]).toEqual([1, 1]);
      } finally {
        await h.close();
      }
    });

    it("7. 200 cookie-less POSTs to a start page from one client make at most 20 drafts", async () => {
      const count = async () => {
        const h = database.open();
        try {
          return Number((await h.db.selectFrom("drafts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
        } finally {
          await h.close();
        }
      };
      const before = await count();
      const statuses = await inParallel(Array.from({ length: 200 }, (_, i) => i), 8, () =>
        raw(app!.url, `/consultations/${PRECEPT_SLUG}`, { method: "POST", headers: { ...form, "x-forwarded-for": "203.0.113.70", "user-agent": `bot-${Math.random()}` }, body: "" }).then((r) => r.status),
      );
      const values = statuses.map((s) => (s.status === "fulfilled" ? s.value : 0));
      expect(values.filter((s) => s === 302).length).toBeLessThanOrEqual(20);
      expect(values.filter((s) => s === 429).length).toBeGreaterThanOrEqual(180);
      expect(await count()).toBeLessThanOrEqual(before + 20);
      // Another client can still start.
      expect((await raw(other!.url, `/consultations/${PRECEPT_SLUG}`, { method: "POST", headers: { ...form, "x-forwarded-for": "203.0.113.71" }, body: "" })).status).toBe(302);
    });

    it("8. evidence links come from PUBLIC_ORIGIN, never from the Host header (API and Markdown download)", async () => {
      const h = database.open();
      try {
        const c = (await getConsultationBySlug(h.db, { slug: "police-precept-2022-23" }))!;
        const question = c.definition.pages[0].questions[0];
        const options = "options" in question ? (question.options as { id: string }[]) : [];
        await setResultsPublished(h.db, { id: c.id, whatWeDid: null, published: true });
        const [section] = await listSections(h.db);
        await createIndicator(h.db, { consultationId: c.id, sectionId: section.id, previousIndicatorId: null, questionId: question.id, itemId: "", optionIds: [options[0].id], filter: null, template: "{percent} chose it" });
      } finally {
        await h.close();
      }
      const api = await raw(app!.url, "/api/evidence.json", { headers: { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" } });
      expect(api.status).toBe(200);
      const links = [...api.body.matchAll(/"(https?:\/\/[^"]+)"/g)].map((m) => m[1]);
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) expect(link.startsWith(`${app!.url}/`), link).toBe(true);
      expect(api.body).not.toContain("evil.example");

      const { jar } = await signInOverHttp(app!.url, analyst.email, analyst.password);
      const md = await raw(app!.url, "/staff/evidence/export/evidence.md", { headers: { cookie: jar.header, host: "evil.example" } });
      expect(md.status).toBe(200);
      expect(md.body).toContain(`${app!.url}/staff/consultations/`);
      expect(md.body).not.toContain("evil.example");
    });

    it("9. every staff response says Cache-Control: no-store, before and after sign-out", async () => {
      const base = app!.url;
      const { jar } = await signInOverHttp(base, analyst.email, analyst.password);
      const h = database.open();
      const { id } = await h.db.selectFrom("consultations").select("id").where("slug", "=", PRECEPT_SLUG).executeTakeFirstOrThrow();
      await h.close();
      const seen: [string, number, string | undefined][] = [];
      for (const path of ["/staff", `/staff/consultations/${id}/results`, `/staff/consultations/${id}/results?_data=${encodeURIComponent("routes/staff.consultations.$id.results._index")}`, "/staff/security", "/staff/accounts"]) {
        const r = await raw(base, path, { headers: { cookie: jar.header } });
        seen.push([path, r.status, r.headers["cache-control"]]);
      }
      const page = await fetch(`${base}/staff`, { headers: { cookie: jar.header } });
      const out = await raw(base, "/staff/logout", { method: "POST", headers: { ...form, cookie: jar.header }, body: new URLSearchParams({ _csrf: formToken(await page.text()) }).toString() });
      seen.push(["sign out", out.status, out.headers["cache-control"]]);
      for (const path of ["/staff", `/staff/consultations/${id}/results`, "/staff/login"]) {
        const r = await raw(base, path, { headers: { cookie: jar.header } });
        seen.push([`${path} after`, r.status, r.headers["cache-control"]]);
      }
      for (const [what, status, cache] of seen) expect(cache, `${what} (${status})`).toBe("no-store");
      expect(seen.map(([, s]) => s)).toEqual([200, 200, 200, 200, 403, 302, 302, 302, 200]);
      // Public pages may still be cached as before.
      expect((await raw(base, "/consultations")).headers["cache-control"]).not.toBe("no-store");
    });

    it("two-step sign-in: set up at first sign-in for an administrator, codes never accepted twice, recovery codes once, re-authentication before a reset", async () => {
      const base = app!.url;
      const first = await signInOverHttp(base, admin.email, admin.password);
      expect(first.totpSecret).toBeTruthy();
      const body = await first.res.text();
      const codes = [...body.matchAll(/<code>([a-z0-9]{5}-[a-z0-9]{5})<\/code>/g)].map((m) => m[1]);
      expect(codes).toHaveLength(10);
      // The next sign-in asks for a code; a wrong one is refused, the right one once only.
      const signInPassword = async () => {
        const jar = new CookieJar();
        const res = (await signInOverHttp(base, admin.email, admin.password, jar)).res;
        expect(res.headers.get("location")).toMatch(/^\/staff\/two-factor\?redirectTo=/);
        const page = await fetch(`${base}/staff/two-factor`, { headers: { cookie: jar.header } });
        return { jar, csrf: formToken(await page.text()) };
      };
      const sendCode = (s: { jar: CookieJar; csrf: string }, code: string) =>
        fetch(`${base}/staff/two-factor`, { method: "POST", redirect: "manual", headers: { ...form, cookie: s.jar.header }, body: new URLSearchParams({ _csrf: s.csrf, code }) });
      const s1 = await signInPassword();
      // Before the second step, nothing else is served.
      expect((await raw(base, "/staff/accounts", { headers: { cookie: s1.jar.header } })).headers.location).toMatch(/^\/staff\/two-factor\?/);
      expect((await sendCode(s1, "000000")).status).toBe(400);
      // The code of the next 30-second step: the one set-up used is spent already (never twice).
      const code = await generate({ secret: first.totpSecret!, epoch: Math.floor(Date.now() / 1000) + 30 });
      const ok = await sendCode(s1, code);
      expect(ok.status).toBe(302);
      s1.jar.take(ok);
      expect((await raw(base, "/staff/accounts", { headers: { cookie: s1.jar.header } })).status).toBe(200);
      const s2 = await signInPassword();
      expect((await sendCode(s2, code)).status).toBe(400);
      expect((await sendCode(s2, codes[0].toUpperCase())).status).toBe(302);
      const s3 = await signInPassword();
      expect((await sendCode(s3, codes[0])).status).toBe(400);

      // Re-authentication: a session older than 15 minutes is sent to confirm before a reset.
      const h = database.open();
      const target = await h.db.selectFrom("staff").select("id").where("email", "=", analyst.email).executeTakeFirstOrThrow();
      await h.db.updateTable("staff_sessions").set({ authenticated_at: new Date(Date.now() - 20 * 60_000).toISOString() }).execute();
      await h.close();
      const reset = await raw(base, `/staff/accounts/${target.id}/password`, { headers: { cookie: s1.jar.header } });
      expect(reset.status).toBe(302);
      expect(reset.headers.location).toBe(`/staff/confirm?redirectTo=${encodeURIComponent(`/staff/accounts/${target.id}/password`)}`);
      const confirmPage = await fetch(`${base}${reset.headers.location}`, { headers: { cookie: s1.jar.header } });
      const csrf = formToken(await confirmPage.text());
      const wrong = await raw(base, reset.headers.location!, { method: "POST", headers: { ...form, cookie: s1.jar.header }, body: new URLSearchParams({ _csrf: csrf, password: admin.password, code: "123456" }).toString() });
      expect(wrong.status).toBe(400);
      const confirmed = await raw(base, reset.headers.location!, {
        method: "POST",
        headers: { ...form, cookie: s1.jar.header },
        body: new URLSearchParams({ _csrf: csrf, password: admin.password, code: codes[1] }).toString(),
      });
      expect(confirmed.status).toBe(302);
      expect(confirmed.headers.location).toBe(`/staff/accounts/${target.id}/password`);
      expect((await raw(base, `/staff/accounts/${target.id}/password`, { headers: { cookie: s1.jar.header } })).status).toBe(200);

      // Sessions: the administrator sees s2's session and ends it.
      const security = await (await fetch(`${base}/staff/security`, { headers: { cookie: s1.jar.header } })).text();
      const refs = [...security.matchAll(/name="ref" value="([^"]+)"/g)].map((m) => m[1]);
      expect(refs.length).toBeGreaterThanOrEqual(1);
      for (const ref of refs) {
        const ended = await raw(base, "/staff/security", { method: "POST", headers: { ...form, cookie: s1.jar.header }, body: new URLSearchParams({ _csrf: formToken(security), intent: "end", ref }).toString() });
        expect(ended.status).toBe(302);
      }
      expect((await raw(base, "/staff", { headers: { cookie: s2.jar.header } })).headers.location).toMatch(/^\/staff\/login/);
      expect((await raw(base, "/staff", { headers: { cookie: s1.jar.header } })).status).toBe(200);
    });

    it("10. logs are one JSON line per request, 4xx without a stack, and hold no address, email, cookie, query string or answer", async () => {
      // Some 4xx of every kind first: not found, refused method, foreign origin, bad form.
      await raw(app!.url, "/no-such-page");
      await raw(app!.url, "/consultations", { method: "TRACE" });
      await raw(app!.url, "/consultations/nope", { method: "POST", headers: { ...form, origin: "https://evil.example" }, body: "" });
      await raw(app!.url, `/consultations/${PRECEPT_SLUG}/results?secret=query-string-value`);
      const lines = app!
        .output()
        .split("\n")
        .filter((l) => l.trim());
      const parsed = lines.map((l) => {
        try {
          return JSON.parse(l) as Record<string, unknown>;
        } catch {
          throw new Error(`not a JSON log line: ${l.slice(0, 200)}`);
        }
      });
      const requests = parsed.filter((p) => typeof p.status === "number");
      expect(requests.length).toBeGreaterThan(100);
      for (const p of requests) {
        expect(p).toHaveProperty("reqId");
        expect(typeof p.method).toBe("string");
        expect(String(p.path)).not.toContain("?");
        expect(typeof p.ms).toBe("number");
      }
      const refused = requests.filter((p) => (p.status as number) >= 400 && (p.status as number) < 500);
      expect(refused.length).toBeGreaterThan(10);
      const byId = new Map<unknown, number>();
      for (const p of parsed) byId.set(p.reqId, (byId.get(p.reqId) ?? 0) + 1);
      for (const p of refused) {
        expect(p.level).toBe("warn");
        expect(JSON.stringify(p)).not.toMatch(/stack|\bat .*\.js:\d+/);
        expect(byId.get(p.reqId), `one line for ${p.method} ${p.path}`).toBe(1);
      }
      expect(requests.filter((p) => (p.status as number) >= 500)).toEqual([]);
      const all = app!.output();
      for (const secret of ["127.0.0.1", "192.0.2.", "198.51.100.", "203.0.113.", analyst.email, admin.email, "@security.example", "yoursay_staff=", "yoursay_draft=", "query-string-value", `limit-${kind}-0`, `spent-${kind}-first`, "Agent/", "Mozilla"]) {
        expect(all, secret).not.toContain(secret);
      }
    });
  });
}
