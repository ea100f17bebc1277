import { randomUUID } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createCookie, createRequestHandler, type ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConsultationBySlug } from "~/models/consultation.server";
import { createStaffSession, getStaffSession } from "~/models/staff-session.server";
import { createStaff } from "~/models/staff.server";
import { createSqliteTestDb } from "../databases";
import { buildOnce, SECRET } from "./helpers/app-server";

/**
 * Blind double coding, through the built app's routes on the seeded demo database (where a demo
 * analyst has coded the Police and Crime Survey's comments, the sample included): the second
 * coder's page and its data never carry the first coding, and an analyst who made the first
 * coding of an answer cannot code it blind.
 */
describe("blind double coding through the routes", () => {
  let handle: (request: Request) => Promise<Response>;
  let database: Awaited<ReturnType<typeof createSqliteTestDb>>;
  let consultationId: string;
  const sessions: Record<"second" | "first", { cookie: string; csrf: string; id: string }> = {} as never;
  const blindPath = () => `/staff/consultations/${consultationId}/coding/questions/comments/blind`;

  beforeAll(async () => {
    const buildDir = buildOnce();
    database = await createSqliteTestDb({ seed: true });
    process.env.DATABASE_URL = database.url;
    process.env.SESSION_SECRET = SECRET;
    const build = (await import(pathToFileURL(path.join(buildDir, "index.js")).href)) as ServerBuild;
    const handler = createRequestHandler(build, "production");
    handle = (request) => handler(request, { clientAddress: "127.0.0.1" });
    const cookie = createCookie("yoursay_staff", { secrets: [SECRET], path: "/", httpOnly: true, sameSite: "lax" });
    for (const who of ["second", "first"] as const) {
      const staff = await createStaff(database.handle.db, { email: `${who}-${randomUUID()}@coding.example`, role: "analyst", passwordHash: "not-used" });
      const id = await createStaffSession(database.handle.db, { staffId: staff.id });
      sessions[who] = { cookie: (await cookie.serialize(id)).split(";")[0], csrf: (await getStaffSession(database.handle.db, { id }))!.csrfToken, id: staff.id };
    }
    consultationId = (await getConsultationBySlug(database.handle.db, { slug: "police-and-crime-survey-2021" }))!.id;
  }, 300_000);

  afterAll(async () => {
    await database?.drop();
  });

  const get = (url: string, who: "first" | "second") => handle(new Request(`http://localhost${url}`, { headers: { Cookie: sessions[who].cookie } }));
  const post = (url: string, who: "first" | "second", body: Record<string, string | string[]>) => {
    const form = new URLSearchParams();
    form.set("_csrf", sessions[who].csrf);
    for (const [k, v] of Object.entries(body)) for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
    return handle(new Request(`http://localhost${url}`, { method: "POST", headers: { Cookie: sessions[who].cookie, "Content-Type": "application/x-www-form-urlencoded" }, body: form }));
  };

  /** The checkbox of a code in a page. */
  const inputFor = (html: string, codeId: string) => {
    const m = html.match(new RegExp(`<input[^>]*value="${codeId}"[^>]*>`));
    expect(m, `no checkbox for ${codeId}`).not.toBeNull();
    return m![0];
  };

  /** Sampled answers with a main coding (with codes) and no blind coding yet. */
  async function waiting() {
    const db = database.handle.db;
    const rows = await db
      .selectFrom("coding_samples as s")
      .innerJoin("coded_answers as m", (j) => j.onRef("m.response_id", "=", "s.response_id").on("m.pass", "=", "main"))
      .leftJoin("coded_answers as b", (j) => j.onRef("b.response_id", "=", "s.response_id").on("b.pass", "=", "blind"))
      .select(["s.response_id", "m.coder_id"])
      .where("s.consultation_id", "=", consultationId)
      .where("b.response_id", "is", null)
      .execute();
    const codes = await db.selectFrom("codings").select(["response_id", "code_id"]).where("pass", "=", "main").where("consultation_id", "=", consultationId).execute();
    return rows.map((r) => ({ responseId: r.response_id, coder: r.coder_id, codes: codes.filter((c) => c.response_id === r.response_id).map((c) => c.code_id) })).filter((r) => r.codes.length);
  }

  it("never shows the second coder the first coding, in the page or in its data", async () => {
    const [target] = await waiting();
    expect(target).toBeTruthy();
    const url = `${blindPath()}?r=${target.responseId}`;
    const page = await get(url, "second");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('id="answer-text"');
    // The answer is there, with the code list, but none of the first coder's codes is ticked.
    for (const codeId of target.codes) expect(inputFor(html, codeId)).not.toContain("checked");
    expect(html).not.toContain("checked");
    expect(html).not.toContain(target.coder);
    expect(html).not.toContain("Suggested codes");
    const data = await get(`${url}&_data=${encodeURIComponent("routes/staff.consultations.$id.coding.questions.$questionId.blind")}`, "second");
    expect(data.status).toBe(200);
    const body = await data.text();
    const json = JSON.parse(body);
    expect(json.current.responseId).toBe(target.responseId);
    expect(json.current.codes).toEqual([]);
    expect(body).not.toContain(target.coder);
    for (const codeId of target.codes) expect(JSON.stringify(json.current)).not.toContain(codeId);
  });

  it("saves the second coder's own coding and shows them only that", async () => {
    const [target] = await waiting();
    const chosen = target.codes.slice(0, 1);
    const saved = await post(blindPath(), "second", { responseId: target.responseId, codes: chosen, next: "" });
    expect(saved.status).toBe(302);
    const html = await (await get(`${blindPath()}?r=${target.responseId}`, "second")).text();
    expect(inputFor(html, chosen[0])).toContain("checked");
  });

  it("refuses a blind coding from the analyst who made the first coding of the answer", async () => {
    const [target] = await waiting();
    // The "first" analyst recodes the main pass of a sampled answer...
    const main = await post(`/staff/consultations/${consultationId}/coding/questions/comments`, "first", { intent: "save", responseId: target.responseId, codes: target.codes, back: "" });
    expect(main.status).toBe(302);
    // ...so that answer is not offered to them blind, and a blind save is refused.
    const queue = await (await get(`${blindPath()}?_data=${encodeURIComponent("routes/staff.consultations.$id.coding.questions.$questionId.blind")}`, "first")).json();
    expect(queue.current?.responseId).not.toBe(target.responseId);
    const blind = await post(blindPath(), "first", { responseId: target.responseId, codes: target.codes, next: "" });
    expect(blind.status).toBe(403);
    expect(await blind.text()).toContain("You coded this answer in the other pass");
    const rows = await database.handle.db.selectFrom("coded_answers").select("pass").where("response_id", "=", target.responseId).where("coder_id", "=", sessions.first.id).execute();
    expect(rows.map((r) => r.pass)).toEqual(["main"]);
  });
});
