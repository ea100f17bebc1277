import { describe, expect, it } from "vitest";
import { CHANNEL_LABELS, CHANNELS, channelLabel, isPaperChannel, PAPER_CHANNELS } from "./channels";
import { CHANNEL_OPTIONS } from "../results/query";

describe("channel labels", () => {
  it("reads each channel as a short name and as how people responded", () => {
    expect(CHANNELS.map((c) => channelLabel(c, "name"))).toEqual(["Online", "Paper", "Event", "Phone"]);
    expect(CHANNELS.map((c) => channelLabel(c))).toEqual(["Online", "On paper", "At an event", "By phone"]);
  });

  it("shows an id it does not know as it is", () => {
    expect(channelLabel("carrier_pigeon")).toBe("carrier_pigeon");
    expect(channelLabel("preview", "name")).toBe("preview");
  });

  it("breakdowns by channel use the same wording", () => {
    expect(CHANNEL_OPTIONS).toEqual(CHANNELS.map((id) => ({ id, label: CHANNEL_LABELS[id].how })));
  });

  it("paper entry takes every channel but online", () => {
    expect(PAPER_CHANNELS.every(isPaperChannel)).toBe(true);
    expect(isPaperChannel("online")).toBe(false);
    expect(isPaperChannel("preview")).toBe(false);
  });
});
