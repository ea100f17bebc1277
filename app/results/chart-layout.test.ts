import { describe, expect, it } from "vitest";
import { chartLayout, wrapLabel } from "./chart-layout";

describe("chart text on a phone", () => {
  it("wraps a label at spaces, cutting only a word longer than a line", () => {
    expect(wrapLabel("Improved response times and meeting increased demand", 19)).toEqual(["Improved response", "times and meeting", "increased demand"]);
    expect(wrapLabel("Speeding", 19)).toEqual(["Speeding"]);
    expect(wrapLabel("Supercalifragilistic", 8)).toEqual(["Supercal", "ifragili", "stic"]);
    expect(wrapLabel("", 10)).toEqual([""]);
  });

  it("wraps more, and grows taller, on a 290px phone chart than on a 720px desktop one", () => {
    const labels = ["Improved response times and meeting increased demand", "An increase in the number of police officers", "Safer roads"];
    const phone = chartLayout({ labels, title: "Which of these would you like to see investment in?", width: 290 });
    const desktop = chartLayout({ labels, title: "Which of these would you like to see investment in?", width: 720 });
    expect(phone.labels[0].length).toBeGreaterThan(desktop.labels[0].length);
    for (const line of phone.labels.flat()) expect(line.length).toBeLessThanOrEqual(17);
    expect(phone.title.length).toBeGreaterThan(1);
    expect(desktop.title).toEqual(["Which of these would you like to see investment in?"]);
    expect(phone.height).toBeGreaterThan(desktop.height);
  });
});
