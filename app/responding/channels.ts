/** How a response reached us. Online responses come through the resident pages; the rest are entered by staff. */
export const CHANNELS = ["online", "paper", "event", "phone"] as const;
export type Channel = (typeof CHANNELS)[number];
