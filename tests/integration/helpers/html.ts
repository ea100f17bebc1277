/** A page's (or a fragment's) text as a reader sees it: tags dropped, the entities React writes decoded, spaces collapsed. */
export const htmlText = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ")
    .trim();
