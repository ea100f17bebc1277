import { describe, expect, it } from "vitest";
import { describeEachDatabase } from "../../tests/databases";
import * as audit from "./audit.server";
import { createConsultation } from "./consultation.server";

describeEachDatabase("audit trail", (ctx) => {
  const db = () => ctx().handle.db;
  const editor = { id: "00000000-0000-4000-8000-000000000001", email: "editor@opcc.example" };
  const admin = { id: "00000000-0000-4000-8000-000000000002", email: "admin@opcc.example" };

  it("records who did what, when, to which consultation, and filters by each", async () => {
    const { id } = await createConsultation(db(), {
      slug: "audit-test",
      title: "Audit test consultation",
      summary: "s",
      kind: "survey",
      status: "draft",
      opensAt: null,
      closesAt: null,
      definition: { pages: [{ id: "p", title: "P", questions: [{ id: "q", type: "postcode", title: "Postcode" }] }] },
    });
    await audit.recordAudit(db(), { staff: editor, action: "consultation.created", consultationId: id, detail: "created" }, new Date("2026-11-23T09:00:00Z"));
    await audit.recordAudit(db(), { staff: editor, action: "response.paper_entered", consultationId: id, detail: "paper response entered" }, new Date("2026-11-23T09:05:00Z"));
    await audit.recordAudit(db(), { staff: admin, action: "staff.added", detail: "someone added" }, new Date("2026-11-23T09:10:00Z"));
    await audit.recordAudit(db(), { staff: null, action: "login.failed", detail: "unknown email address" }, new Date("2026-11-23T09:15:00Z"));

    const all = await audit.listAudit(db());
    expect(all.map((e) => e.action)).toEqual(["login.failed", "staff.added", "response.paper_entered", "consultation.created"]);
    expect(all[2]).toMatchObject({ staff_email: "editor@opcc.example", consultation_id: id, consultation_title: "Audit test consultation", at: "2026-11-23T09:05:00.000Z" });
    expect((await audit.listAudit(db(), { action: "staff.added" })).map((e) => e.staff_email)).toEqual(["admin@opcc.example"]);
    expect((await audit.listAudit(db(), { staffEmail: "EDITOR@opcc.example" })).map((e) => e.action)).toEqual(["response.paper_entered", "consultation.created"]);
    expect((await audit.listAudit(db(), { consultationId: id, action: "consultation.created" })).length).toBe(1);
    expect((await audit.listAudit(db(), { limit: 1 })).length).toBe(1);
  });

  it("pages through every entry once, newest first, with the filters' total", async () => {
    const pager = { id: "00000000-0000-4000-8000-000000000003", email: "pager@opcc.example" };
    // Seven entries, three of them in the same millisecond: pages must still not overlap.
    const times = ["10:00", "10:01", "10:02", "10:02", "10:02", "10:03", "10:04"];
    for (const [i, t] of times.entries()) {
      await audit.recordAudit(db(), { staff: pager, action: "export.downloaded", detail: `export ${i}` }, new Date(`2026-11-24T${t}:00Z`));
    }
    const filter = { staffEmail: pager.email };
    expect(await audit.countAudit(db(), filter)).toBe(7);
    const pages = [];
    for (let offset = 0; offset < 7; offset += 3) pages.push(await audit.listAudit(db(), { ...filter, limit: 3, offset }));
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    const details = pages.flat().map((e) => e.detail);
    expect(new Set(details).size).toBe(7);
    expect(details[0]).toBe("export 6");
    expect(details[6]).toBe("export 0");
    expect(await audit.countAudit(db(), { staffEmail: pager.email, action: "logout" })).toBe(0);
  });

  it("is append-only: the module offers no way to change or delete an entry", () => {
    const functions = Object.entries(audit)
      .filter(([, v]) => typeof v === "function")
      .map(([k]) => k)
      .sort();
    expect(functions).toEqual(["auditStaffEmails", "countAudit", "listAudit", "recordAudit"]);
  });
});

describe("audit actions in words", () => {
  it("every action the trail can hold has words for people", async () => {
    const { ACTION_WORDS } = await import("../audit/audit-words");
    const { AUDIT_ACTIONS } = await import("./audit.server");
    expect(AUDIT_ACTIONS.filter((a) => !ACTION_WORDS[a])).toEqual([]);
  });
});
