import { describe, expect, it } from "vitest";
import { needsAttention } from "./attention";

const now = new Date("2027-01-10T12:00:00Z");
const c = (id: string, status: "draft" | "scheduled" | "open" | "closed" | "published", opensAt: string | null, closesAt: string | null) => ({ id, title: id, status, opensAt, closesAt });

describe("what needs attention on the staff home", () => {
  it("lists closing soon, closed without results, no closing date, opening soon and drafts, most urgent first", () => {
    const list = needsAttention(
      [
        c("draft", "draft", null, null),
        c("published", "published", "2026-11-01T09:00:00Z", "2026-12-01T17:00:00Z"),
        c("closed", "closed", "2026-11-01T09:00:00Z", "2027-01-01T17:00:00Z"),
        c("closing", "open", "2026-12-01T09:00:00Z", "2027-01-13T17:00:00Z"),
        c("later", "open", "2026-12-01T09:00:00Z", "2027-03-01T17:00:00Z"),
        c("endless", "open", "2026-12-01T09:00:00Z", null),
        c("opening", "scheduled", "2027-01-11T09:00:00Z", "2027-02-11T17:00:00Z"),
      ],
      now,
    );
    expect(list.map((a) => [a.id, a.reason])).toEqual([
      ["closing", "Closes in 3 days"],
      ["closed", "Closed: results not yet published"],
      ["endless", "Open with no closing date"],
      ["opening", "Opens within a day: check it before it does"],
      ["draft", "Draft: not yet opened or scheduled"],
    ]);
  });
});
