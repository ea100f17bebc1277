import { describe, expect, it } from "vitest";
import type { EffectiveStatus } from "./lifecycle";
import { LIFECYCLE_INTENTS, transition, type LifecycleForm, type LifecycleIntent, type LifecycleState, type Transition } from "./transitions";

// 12:00 UTC on 15 January 2027: GMT, so UK wall-clock time is UTC.
const NOW = new Date("2027-01-15T12:00:00.000Z");
const state = (status: EffectiveStatus, extra: Partial<LifecycleState> = {}): LifecycleState => ({
  status,
  opensAt: "2027-01-01T09:00:00.000Z",
  closesAt: "2027-02-01T17:00:00.000Z",
  whatWeDid: null,
  ...extra,
});
const blank = { day: "", month: "", year: "", time: "" };
const date = (day: number, month: number, year: number, time = "17:00") => ({ day: String(day), month: String(month), year: String(year), time });
const form = (f: Partial<LifecycleForm> = {}): LifecycleForm => ({ opens: blank, closes: blank, openCloses: blank, whatWeDid: "", ...f });

function allowed(t: Transition) {
  if (!t.ok) throw new Error(`refused: ${t.field}: ${t.message}`);
  return t;
}
const refusal = (t: Transition) => (t.ok ? null : { field: t.field, message: t.message });

describe("which statuses each button works from", () => {
  const works: Record<LifecycleIntent, EffectiveStatus[]> = {
    schedule: ["draft", "scheduled"],
    open: ["draft", "scheduled"],
    close: ["open"],
    extend: ["open", "closed"],
    publish_results: ["closed", "published"],
    unpublish_results: ["published"],
  };
  const valid = form({ opens: date(1, 3, 2027, "09:00"), closes: date(1, 4, 2027), openCloses: date(1, 4, 2027), whatWeDid: "We listened." });
  const statuses: EffectiveStatus[] = ["draft", "scheduled", "open", "closed", "published"];
  for (const intent of LIFECYCLE_INTENTS) {
    it(`${intent}: from ${works[intent].join(" or ")} only`, () => {
      for (const status of statuses) expect(transition(state(status), intent, valid, NOW).ok, status).toBe(works[intent].includes(status));
    });
  }
});

describe("schedule", () => {
  it("puts it live with both dates, noting the version published if there was one", () => {
    const t = allowed(transition(state("draft"), "schedule", form({ opens: date(1, 3, 2027, "09:00"), closes: date(1, 4, 2027) }), NOW));
    // 1 April 2027 is in British Summer Time: 17:00 BST is 16:00 UTC.
    expect(t.change).toEqual({ kind: "live", opensAt: "2027-03-01T09:00:00.000Z", closesAt: "2027-04-01T16:00:00.000Z" });
    expect(t.audit).toBe("consultation.scheduled");
    expect(t.done).toBe("scheduled");
    expect(t.detail(1)).toBe("opens 9:00am GMT on 1 March 2027, closes 5:00pm BST on 1 April 2027; version 1 published");
    expect(t.detail(null)).toBe("opens 9:00am GMT on 1 March 2027, closes 5:00pm BST on 1 April 2027");
  });

  it("refuses from the wrong status, on the opening date", () => {
    expect(refusal(transition(state("open"), "schedule", form(), NOW))).toEqual({ field: "opens", message: "Only a draft or forthcoming consultation can be scheduled" });
  });

  it("checks the opening date, then the closing date, then each against now and the other", () => {
    const s = state("scheduled");
    expect(refusal(transition(s, "schedule", form({ closes: date(1, 4, 2027) }), NOW))).toEqual({ field: "opens", message: "Enter the opening date" });
    expect(refusal(transition(s, "schedule", form({ opens: date(1, 3, 2027) }), NOW))).toEqual({ field: "closes", message: "Enter the closing date" });
    expect(refusal(transition(s, "schedule", form({ opens: date(31, 2, 2027), closes: date(1, 4, 2027) }), NOW))).toEqual({ field: "opens", message: "The opening date must be a real date" });
    expect(refusal(transition(s, "schedule", form({ opens: date(15, 1, 2027, "12:00"), closes: date(1, 4, 2027) }), NOW))).toEqual({
      field: "opens",
      message: "The opening date must be in the future; to open it now, use Open now",
    });
    expect(refusal(transition(s, "schedule", form({ opens: date(1, 3, 2027, "09:00"), closes: date(1, 3, 2027, "09:00") }), NOW))).toEqual({
      field: "closes",
      message: "The closing date must be after the opening date",
    });
  });
});

describe("open now", () => {
  it("opens it from now until the closing date given", () => {
    const t = allowed(transition(state("scheduled"), "open", form({ openCloses: date(1, 2, 2027) }), NOW));
    expect(t.change).toEqual({ kind: "live", opensAt: NOW.toISOString(), closesAt: "2027-02-01T17:00:00.000Z" });
    expect(t.audit).toBe("consultation.opened");
    expect(t.done).toBe("opened");
    expect(t.detail(2)).toBe("opened by hand; closes 5:00pm GMT on 1 February 2027; version 2 published");
  });

  it("needs a closing date in the future", () => {
    expect(refusal(transition(state("draft"), "open", form(), NOW))).toEqual({ field: "open-closes", message: "Enter the closing date" });
    expect(refusal(transition(state("draft"), "open", form({ openCloses: date(15, 1, 2027, "12:00") }), NOW))).toEqual({ field: "open-closes", message: "The closing date must be in the future" });
    expect(refusal(transition(state("closed"), "open", form({ openCloses: date(1, 2, 2027) }), NOW))).toEqual({ field: "open-closes", message: "Only a draft or forthcoming consultation can be opened" });
  });
});

describe("close early", () => {
  it("closes it now, keeping the opening date", () => {
    const t = allowed(transition(state("open"), "close", form(), NOW));
    expect(t.change).toEqual({ kind: "dates", opensAt: "2027-01-01T09:00:00.000Z", closesAt: NOW.toISOString() });
    expect(t.audit).toBe("consultation.closed");
    expect(t.done).toBe("closed");
    expect(t.detail(null)).toBe("closed early; was due to close 5:00pm GMT on 1 February 2027");
  });

  it("refuses unless open", () => {
    expect(refusal(transition(state("closed"), "close", form(), NOW))).toEqual({ field: "close", message: "Only an open consultation can be closed" });
  });
});

describe("extend or reopen", () => {
  it("moves the closing date, keeping the opening date", () => {
    const t = allowed(transition(state("closed"), "extend", form({ closes: date(1, 3, 2027) }), NOW));
    expect(t.change).toEqual({ kind: "dates", opensAt: "2027-01-01T09:00:00.000Z", closesAt: "2027-03-01T17:00:00.000Z" });
    expect(t.audit).toBe("consultation.extended");
    expect(t.done).toBe("extended");
    expect(t.detail(null)).toBe("closing date changed from 5:00pm GMT on 1 February 2027 to 5:00pm GMT on 1 March 2027");
  });

  it("needs a new closing date in the future", () => {
    expect(refusal(transition(state("open"), "extend", form(), NOW))).toEqual({ field: "closes", message: "Enter the new closing date" });
    expect(refusal(transition(state("open"), "extend", form({ closes: date(1, 1, 2027) }), NOW))).toEqual({ field: "closes", message: "The new closing date must be in the future" });
    expect(refusal(transition(state("draft"), "extend", form({ closes: date(1, 3, 2027) }), NOW))).toEqual({ field: "closes", message: "Only an open or closed consultation can be extended" });
  });
});

describe("publish results", () => {
  it("publishes with what we did, trimmed; publishing again updates the text", () => {
    const first = allowed(transition(state("closed"), "publish_results", form({ whatWeDid: "  We kept the increase to £10.  " }), NOW));
    expect(first.change).toEqual({ kind: "results", published: true, whatWeDid: "We kept the increase to £10." });
    expect(first.audit).toBe("results.published");
    expect(first.done).toBe("published");
    expect(first.detail(null)).toBe("results published");
    const again = allowed(transition(state("published"), "publish_results", form({ whatWeDid: "Updated." }), NOW));
    expect(again.detail(null)).toBe('"what we did" text updated');
  });

  it("needs the consultation closed and what we did, in 5,000 characters or fewer", () => {
    expect(refusal(transition(state("open"), "publish_results", form({ whatWeDid: "x" }), NOW))).toEqual({ field: "whatWeDid", message: "Results can be published only after the consultation has closed" });
    expect(refusal(transition(state("closed"), "publish_results", form({ whatWeDid: "   " }), NOW))).toEqual({ field: "whatWeDid", message: "Enter what the Commissioner did with the results" });
    expect(refusal(transition(state("closed"), "publish_results", form({ whatWeDid: "x".repeat(5001) }), NOW))).toEqual({ field: "whatWeDid", message: "Enter 5,000 characters or fewer for what we did" });
    expect(transition(state("closed"), "publish_results", form({ whatWeDid: "x".repeat(5000) }), NOW).ok).toBe(true);
  });
});

describe("unpublish results", () => {
  it("withdraws the results, keeping what we did", () => {
    const t = allowed(transition(state("published", { whatWeDid: "We listened." }), "unpublish_results", form({ whatWeDid: "ignored" }), NOW));
    expect(t.change).toEqual({ kind: "results", published: false, whatWeDid: "We listened." });
    expect(t.audit).toBe("results.unpublished");
    expect(t.done).toBe("unpublished");
    expect(t.detail(null)).toBe("results unpublished");
  });

  it("refuses when nothing is published", () => {
    expect(refusal(transition(state("closed"), "unpublish_results", form(), NOW))).toEqual({ field: "unpublish", message: "The results are not published" });
  });
});
