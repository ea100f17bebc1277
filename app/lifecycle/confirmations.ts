import type { LifecycleIntent } from "./transitions";

/**
 * The "Are you sure?" step before each lifecycle action that is public or cannot be undone
 * (GOV.UK confirmation pattern, one more page, no JavaScript needed): what to ask, what happens,
 * and the words on the button that does it.
 */
export interface Confirmation {
  heading: string;
  consequence: string;
  button: string;
  /** Show the "check before you open" summary with it. */
  withCheck: boolean;
  warning: boolean;
}

export function confirmationFor(intent: LifecycleIntent, title: string, neverPublished: boolean): Confirmation | null {
  const fixed = neverPublished ? " The questions as they stand are published as version 1: once people answer, their question and option IDs cannot change." : "";
  switch (intent) {
    case "open":
      return { heading: `Are you sure you want to open "${title}" now?`, consequence: `Anyone can respond from now on, and it appears in the list of consultations.${fixed}`, button: "Yes, open it now", withCheck: true, warning: false };
    case "schedule":
      return { heading: `Are you sure you want to schedule "${title}"?`, consequence: `It is announced as forthcoming straight away, and opens and closes by itself at these times.${fixed}`, button: "Yes, schedule it", withCheck: true, warning: false };
    case "close":
      return { heading: `Are you sure you want to close "${title}" now?`, consequence: "Nobody can respond online from now on. You can reopen it with a new closing date, but anyone part-way through loses their answers.", button: "Yes, close it now", withCheck: false, warning: true };
    case "publish_results":
      return { heading: `Are you sure you want to publish the results of "${title}"?`, consequence: "The results page, with what we did, becomes public straight away, and the figures can be quoted from then on.", button: "Yes, publish the results", withCheck: false, warning: false };
    case "unpublish_results":
      return { heading: `Are you sure you want to unpublish the results of "${title}"?`, consequence: "The public results page is taken down; anyone who has a link to it will find nothing there.", button: "Yes, unpublish the results", withCheck: false, warning: true };
    case "extend":
      return null;
  }
}
