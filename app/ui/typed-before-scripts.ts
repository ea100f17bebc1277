/**
 * Text typed into a box before the page's scripts have run (a slow line) would be lost when they
 * run: React, hydrating a <textarea> whose initial text is not empty, sets its value back to that
 * text (postMountWrapper in react-dom's ReactDOMTextarea). Inputs and selects keep what was
 * typed or chosen. So what was typed into a textarea is noted just before hydration and put back
 * once the page has hydrated. React reuses the page's own elements when it hydrates, so the same
 * elements hold it after.
 */
const typed: [HTMLTextAreaElement, string][] = [];

/** Called once, just before hydration (entry.client.tsx). */
export function noteTypedText(doc: Document): void {
  for (const box of doc.querySelectorAll("textarea")) if (box.value !== box.defaultValue) typed.push([box, box.value]);
}

/** Called once the page has hydrated (root.tsx). */
export function restoreTypedText(): void {
  for (const [box, value] of typed.splice(0)) if (box.isConnected && box.value !== value) box.value = value;
}
