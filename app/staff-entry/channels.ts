import { CHANNEL_LABELS, type PaperChannel } from "../responding/channels";

/** The words a spreadsheet of paper responses may use for each channel, beyond its id. */
export const PAPER_CHANNEL_LABELS: Record<PaperChannel, string[]> = {
  paper: [CHANNEL_LABELS.paper.name, CHANNEL_LABELS.paper.how, "Post", "Postal"],
  event: [CHANNEL_LABELS.event.name, CHANNEL_LABELS.event.how],
  phone: [CHANNEL_LABELS.phone.name, CHANNEL_LABELS.phone.how, "Telephone"],
};
