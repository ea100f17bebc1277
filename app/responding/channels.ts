/** How a response reached us. Online responses come through the resident pages; the rest are entered by staff. */
export const CHANNELS = ["online", "paper", "event", "phone"] as const;
export type Channel = (typeof CHANNELS)[number];

/** The channels staff enter by hand (paper entry). */
export const PAPER_CHANNELS = ["paper", "event", "phone"] as const satisfies readonly Channel[];
export type PaperChannel = (typeof PAPER_CHANNELS)[number];

/**
 * A draft's channel: the channel its response will be stored with, or "preview" for staff trying
 * the working copy, which no submit path accepts.
 */
export type DraftChannel = Channel | "preview";

export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}

export function isPaperChannel(value: string): value is PaperChannel {
  return (PAPER_CHANNELS as readonly string[]).includes(value);
}

/**
 * The one wording of each channel, in two forms. `name` is the short noun of staff tallies and of
 * "a paper response"; `how` answers "how did they respond?", wherever a resident or an analyst
 * reads results (response totals, breakdowns, written answers) and on the entry form.
 */
export const CHANNEL_LABELS: Record<Channel, { name: string; how: string }> = {
  online: { name: "Online", how: "Online" },
  paper: { name: "Paper", how: "On paper" },
  event: { name: "Event", how: "At an event" },
  phone: { name: "Phone", how: "By phone" },
};

/** A channel id read back from the database, in words; an unknown id is shown as it is. */
export function channelLabel(id: string, form: "name" | "how" = "how"): string {
  return isChannel(id) ? CHANNEL_LABELS[id][form] : id;
}
