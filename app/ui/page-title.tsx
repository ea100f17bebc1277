/**
 * The document title, "Page - Consultation - Your Say", prefixed "Error: " when the page shows
 * validation errors (GOV.UK pattern). Rendered by the route rather than by Remix's meta export,
 * because meta cannot see action data and the prefix must work without JavaScript. Browsers use
 * the first <title> in the document wherever it stands.
 */
export function PageTitle({ parts, error = false }: { parts: string[]; error?: boolean }) {
  return <title>{`${error ? "Error: " : ""}${[...parts, "Your Say"].join(" - ")}`}</title>;
}
