import type { Channel } from "../responding/channels";

/** The channels staff enter responses for, and the words a spreadsheet may use for each. */
export const PAPER_CHANNELS = ["paper", "event", "phone"] as const satisfies readonly Channel[];
export type PaperChannel = (typeof PAPER_CHANNELS)[number];

export const PAPER_CHANNEL_LABELS: Record<PaperChannel, string[]> = {
  paper: ["Paper", "On paper", "Post", "Postal"],
  event: ["Event", "At an event"],
  phone: ["Phone", "By phone", "Telephone"],
};
