import { randomUUID } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createCookie, createRequestHandler, type ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../app/auth/roles";
import { getConsultationForStaff, listConsultations } from "../../app/models/consultation.server";
import { createStaffSession, getStaffSession } from "../../app/models/staff-session.server";
import { createStaff } from "../../app/models/staff.server";
import { createSqliteTestDb } from "../databases";
import { buildOnce, SECRET } from "./helpers/app-server";

/**
 * Every route under /staff in the built app's route manifest refuses an anonymous request and a
 * request from a role below its minimum, for GET and for POST, and every action refuses a form
 * without the session's CSRF token. Sessions are real rows made through the models; cookies are
 * signed exactly as the app signs them. A new staff route fails this test until it is added to
 * MINIMUM_ROLE below, so no route can be forgotten.
 */

type Minimum = { loader: Role | "redirect-only"; action?: Role };

const MINIMUM_ROLE: Record<string, Minimum> = {
  "routes/staff._index": { loader: "analyst" },
  // Its loader only redirects to /staff, which checks; signing out needs a session and its token.
  "routes/staff.logout": { loader: "redirect-only", action: "analyst" },
  "routes/staff.accounts": { loader: "admin", action: "admin" },
  "routes/staff.accounts_.$staffId.password": { loader: "admin", action: "admin" },
  "routes/staff.audit": { loader: "admin" },
  "routes/staff.audit[.csv]": { loader: "admin" },
  "routes/staff.password": { loader: "analyst", action: "analyst" },
  // Two-step sign-in, re-authentication and sessions: every signed-in member, for themselves
  // (administrators also end others' sessions and reset others' two-step verification there).
  "routes/staff.two-factor": { loader: "analyst", action: "analyst" },
  "routes/staff.two-factor_.setup": { loader: "analyst", action: "analyst" },
  "routes/staff.confirm": { loader: "analyst", action: "analyst" },
  "routes/staff.security": { loader: "analyst", action: "analyst" },
  "routes/staff.districts": { loader: "editor", action: "editor" },
  "routes/staff.population": { loader: "editor", action: "editor" },
  "routes/staff.evidence._index": { loader: "analyst", action: "analyst" },
  "routes/staff.evidence.new": { loader: "analyst", action: "analyst" },
  "routes/staff.evidence.sections": { loader: "analyst", action: "analyst" },
  "routes/staff.evidence.export.$file": { loader: "analyst" },
  "routes/staff.consultations.new": { loader: "editor", action: "editor" },
  "routes/staff.consultations.$id._index": { loader: "analyst", action: "editor" },
  "routes/staff.consultations.$id.edit": { loader: "editor", action: "editor" },
  "routes/staff.consultations.$id.check": { loader: "editor" },
  "routes/staff.consultations.$id.definition._index": { loader: "editor", action: "editor" },
  "routes/staff.consultations.$id.definition[.json]": { loader: "editor" },
  "routes/staff.consultations.$id.definition.import": { loader: "editor", action: "editor" },
  "routes/staff.consultations.$id.definition.pages.$pageId": { loader: "editor", action: "editor" },
  "routes/staff.consultations.$id.definition.questions.$questionId": { loader: "editor", action: "editor" },
  "routes/staff.consultations.$id.preview._index": { loader: "editor", action: "editor" },
  "routes/staff.consultations.$id.preview.$draftId.questions.$pageId": { loader: "editor", action: "editor" },
  "routes/staff.consultations.$id.preview.$draftId.check": { loader: "editor" },
  "routes/staff.consultations.$id.paper._index": { loader: "editor", action: "editor" },
  "routes/staff.consultations.$id.paper.$draftId.questions.$pageId": { loader: "editor", action: "editor" },
  "routes/staff.consultations.$id.paper.$draftId.check": { loader: "editor", action: "editor" },
  "routes/staff.consultations.$id.paper.import": { loader: "editor", action: "editor" },
  "routes/staff.consultations.$id.results._index": { loader: "analyst" },
  "routes/staff.consultations.$id.results.text.$questionId": { loader: "analyst" },
  "routes/staff.consultations.$id.export.$file": { loader: "analyst" },
  "routes/staff.consultations.$id.panel-pack": { loader: "analyst" },
  // Coding written answers: analysts code, build the codebook and approve each other's quotes;
  // the settings that decide what may be published are an editor's (codebook changes that move
  // codings are checked per intent inside the code page's action).
  "routes/staff.consultations.$id.coding._index": { loader: "analyst", action: "editor" },
  "routes/staff.consultations.$id.coding.codebook._index": { loader: "analyst", action: "analyst" },
  "routes/staff.consultations.$id.coding.codebook.$codeId": { loader: "analyst", action: "analyst" },
  "routes/staff.consultations.$id.coding.codebook[.json]": { loader: "analyst" },
  "routes/staff.consultations.$id.coding.codebook[.csv]": { loader: "analyst" },
  "routes/staff.consultations.$id.coding.questions.$questionId._index": { loader: "analyst", action: "analyst" },
  "routes/staff.consultations.$id.coding.questions.$questionId.blind": { loader: "analyst", action: "analyst" },
  "routes/staff.consultations.$id.coding.questions.$questionId.reliability": { loader: "analyst" },
  "routes/staff.consultations.$id.coding.questions.$questionId.settle": { loader: "analyst", action: "analyst" },
  "routes/staff.consultations.$id.coding.questions.$questionId.themes": { loader: "analyst" },
  "routes/staff.consultations.$id.coding.questions.$questionId.quotes": { loader: "analyst", action: "analyst" },
  "routes/staff.consultations.$id.coding.questions.$questionId.candidates": { loader: "analyst", action: "analyst" },
  "routes/staff.consultations.$id.questionnaire": { loader: "editor", action: "editor" },
};

const below = (role: Role): Role | null => (ROLES.indexOf(role) > 0 ? ROLES[ROLES.indexOf(role) - 1] : null);

interface StaffRoute {
  id: string;
  path: string;
  hasLoader: boolean;
  hasAction: boolean;
}

function staffRoutes(build: ServerBuild): StaffRoute[] {
  const fullPath = (id: string): string => {
    const route = build.routes[id];
    const parent = route.parentId ? fullPath(route.parentId) : "";
    return [parent, route.path ?? ""].filter(Boolean).join("/");
  };
  return Object.keys(build.routes)
    .map((id) => ({ id, path: fullPath(id), hasLoader: Boolean(build.routes[id].module.loader), hasAction: Boolean(build.routes[id].module.action) }))
    .filter((r) => (r.path === "staff" || r.path.startsWith("staff/")) && r.path !== "staff/login");
}

describe("route manifest authorization", () => {
  let build: ServerBuild;
  let handle: (request: Request) => Promise<Response>;
  let database: Awaited<ReturnType<typeof createSqliteTestDb>>;
  const cookies: Partial<Record<Role, { cookie: string; csrf: string }>> = {};
  let pendingAdmin: { cookie: string; csrf: string };
  let params: Record<string, string>;

  beforeAll(async () => {
    const buildDir = buildOnce();
    database = await createSqliteTestDb({ seed: true });
    // The built app reads its environment when it first needs it, so this must come first.
    process.env.DATABASE_URL = database.url;
    process.env.SESSION_SECRET = SECRET;
    build = (await import(pathToFileURL(path.join(buildDir, "index.js")).href)) as ServerBuild;
    const handler = createRequestHandler(build, "production");
    handle = (request) => handler(request, { clientAddress: "127.0.0.1" });

    const cookie = createCookie("yoursay_staff", { secrets: [SECRET], path: "/", httpOnly: true, sameSite: "lax" });
    for (const role of ROLES) {
      const staff = await createStaff(database.handle.db, { email: `${role}-${randomUUID()}@authz.example`, role, passwordHash: "not-used" });
      // Signed in with both steps (administrators must use two-step verification).
      const id = await createStaffSession(database.handle.db, { staffId: staff.id, secondFactor: true });
      const session = await getStaffSession(database.handle.db, { id });
      cookies[role] = { cookie: (await cookie.serialize(id)).split(";")[0], csrf: session!.csrfToken };
    }
    // An administrator who has given the password but not yet set up the second step.
    const admin = await createStaff(database.handle.db, { email: `pending-${randomUUID()}@authz.example`, role: "admin", passwordHash: "not-used" });
    const pendingId = await createStaffSession(database.handle.db, { staffId: admin.id });
    pendingAdmin = { cookie: (await cookie.serialize(pendingId)).split(";")[0], csrf: (await getStaffSession(database.handle.db, { id: pendingId }))!.csrfToken };
    // Real ids, so that a route which forgot its check would answer 200 rather than 404.
    const open = (await listConsultations(database.handle.db)).find((c) => c.status === "open")!;
    const c = (await getConsultationForStaff(database.handle.db, { id: open.id }))!;
    const question = c.draftDefinition.pages[0].questions[0];
    params = { id: c.id, pageId: c.draftDefinition.pages[0].id, questionId: question.id, draftId: randomUUID(), file: "responses.csv" };
  }, 300_000);

  afterAll(async () => {
    await database?.drop();
  });

  const url = (routePath: string) => `http://localhost/${routePath.replace(/:(\w+)/g, (_, name: string) => params[name] ?? "x")}`;

  function request(method: "GET" | "POST", routePath: string, as?: Role, body: Record<string, string> = {}) {
    const headers = new Headers();
    if (as) headers.set("Cookie", cookies[as]!.cookie);
    if (method === "GET") return handle(new Request(url(routePath), { headers }));
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    return handle(new Request(url(routePath), { method, headers, body: new URLSearchParams(body) }));
  }

  const isLoginRedirect = (r: Response) => [302, 303].includes(r.status) && (r.headers.get("Location") ?? "").startsWith("/staff/login");
  /** Refused: sent to sign in, forbidden, or (no loader/action) method not allowed. Never a page. */
  const refused = (r: Response) => isLoginRedirect(r) || r.status === 403 || r.status === 405;

  it("finds the staff routes, and every one has a minimum role in the table", () => {
    const routes = staffRoutes(build);
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const missing = routes.filter((r) => !MINIMUM_ROLE[r.id]).map((r) => `${r.id} (/${r.path})`);
    expect(missing, "add these routes to MINIMUM_ROLE with the role they need").toEqual([]);
    // The table names no route that no longer exists, either.
    const stale = Object.keys(MINIMUM_ROLE).filter((id) => !build.routes[id]);
    expect(stale).toEqual([]);
  });

  it("refuses anonymous GET and POST on every staff route", async () => {
    const failures: string[] = [];
    for (const route of staffRoutes(build)) {
      const get = await request("GET", route.path);
      const minimum = MINIMUM_ROLE[route.id];
      const getOk = minimum?.loader === "redirect-only" ? [302, 303].includes(get.status) && !(await get.clone().text()) : refused(get);
      if (!getOk) failures.push(`GET /${route.path} answered ${get.status}`);
      // A route without an action answers POST with 405 from Remix itself; only actions need checking.
      if (!route.hasAction) continue;
      const post = await request("POST", route.path, undefined, { intent: "add" });
      if (!refused(post)) failures.push(`POST /${route.path} answered ${post.status}`);
    }
    expect(failures).toEqual([]);
  });

  it("refuses a role below each route's minimum with 403, even with the session's own CSRF token", async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of staffRoutes(build)) {
      const minimum = MINIMUM_ROLE[route.id];
      if (!minimum) continue;
      const loaderRole = minimum.loader === "redirect-only" ? null : below(minimum.loader);
      if (loaderRole && route.hasLoader) {
        checked++;
        const get = await request("GET", route.path, loaderRole);
        if (get.status !== 403) failures.push(`GET /${route.path} as ${loaderRole} answered ${get.status}`);
      }
      const actionRole = minimum.action ? below(minimum.action) : null;
      if (route.hasAction && !minimum.action) failures.push(`/${route.path} has an action but MINIMUM_ROLE gives it no role`);
      if (actionRole && route.hasAction) {
        checked++;
        const post = await request("POST", route.path, actionRole, { _csrf: cookies[actionRole]!.csrf, intent: "add" });
        if (post.status !== 403) failures.push(`POST /${route.path} as ${actionRole} answered ${post.status}`);
      }
    }
    expect(checked).toBeGreaterThan(15);
    expect(failures).toEqual([]);
  });

  it("refuses every action without the session's CSRF token, even from an administrator", async () => {
    const failures: string[] = [];
    const withActions = staffRoutes(build).filter((r) => r.hasAction);
    expect(withActions.length).toBeGreaterThanOrEqual(10);
    for (const route of withActions) {
      for (const token of [undefined, "forged-token"]) {
        const body: Record<string, string> = { intent: "add" };
        if (token) body._csrf = token;
        const post = await request("POST", route.path, "admin", body);
        if (post.status !== 403) failures.push(`POST /${route.path} with ${token ?? "no"} token answered ${post.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("gives a session whose second step is not done no staff page and no action: only the second step", async () => {
    const failures: string[] = [];
    for (const route of staffRoutes(build)) {
      if (route.id === "routes/staff.two-factor_.setup" || route.id === "routes/staff.logout") continue;
      const headers = { Cookie: pendingAdmin.cookie };
      if (route.hasLoader) {
        const get = await handle(new Request(url(route.path), { headers }));
        const to = get.headers.get("Location") ?? "";
        if (![302, 303].includes(get.status) || !to.startsWith("/staff/two-factor/setup")) failures.push(`GET /${route.path} answered ${get.status} ${to}`);
      }
      if (route.hasAction) {
        const post = await handle(
          new Request(url(route.path), { method: "POST", headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ _csrf: pendingAdmin.csrf, intent: "add" }) }),
        );
        const to = post.headers.get("Location") ?? "";
        if (![302, 303].includes(post.status) || !to.startsWith("/staff/two-factor/setup")) failures.push(`POST /${route.path} answered ${post.status} ${to}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("lets the minimum role in (so the refusals above are about roles, not broken routes)", async () => {
    const failures: string[] = [];
    for (const route of staffRoutes(build)) {
      const minimum = MINIMUM_ROLE[route.id];
      if (!minimum || minimum.loader === "redirect-only" || !route.hasLoader) continue;
      // Draft ids are random here, so those pages redirect to their start page: still not refused.
      const get = await request("GET", route.path, minimum.loader);
      if (refused(get) || get.status >= 500) failures.push(`GET /${route.path} as ${minimum.loader} answered ${get.status}`);
    }
    expect(failures).toEqual([]);
  });
});
