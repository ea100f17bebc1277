import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False when rendered on the server and during hydration, true after: for controls that need
 * JavaScript (print, type-ahead), so the no-JavaScript page never shows a button that does nothing.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}
