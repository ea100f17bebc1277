/**
 * Checks server.ts makes on every request before Remix sees it. Plain functions of strings, so
 * they are unit-tested without a server (request-checks.server.test.ts).
 */

/** The methods this site answers. Everything else (TRACE, PUT, DELETE, WebDAV...) gets a 405. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST"] as const;

export function isAllowedMethod(method: string): boolean {
  return (ALLOWED_METHODS as readonly string[]).includes(method);
}

export type OriginVerdict = { ok: true } | { ok: false; reason: "foreign origin" | "null origin" | "malformed origin" | "cross-site request" };

/**
 * Is a state-changing request (POST) from a page of this site? OWASP's CSRF cheat sheet,
 * "Verifying origin with standard headers": the Origin header, when sent, must be exactly the
 * public origin (scheme, host and port); "null" (sandboxed frames, some redirects) and anything
 * unparsable are refused. Without Origin, Referer is checked the same way; and where the browser
 * says Sec-Fetch-Site: cross-site, that is refused too. A request with none of these (curl, old
 * browsers, scripts) passes here: the CSRF tokens on staff forms and on the sign-in form, and
 * the one-time submission tokens, are what protect those forms; this check is the first line.
 */
export function checkOrigin(headers: { origin?: string; referer?: string; secFetchSite?: string }, publicOrigin: string): OriginVerdict {
  const { origin, referer, secFetchSite } = headers;
  if (origin !== undefined) {
    if (origin === "null") return { ok: false, reason: "null origin" };
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      return { ok: false, reason: "malformed origin" };
    }
    // An Origin header is an origin only: no path, no credentials.
    if (parsed.origin === "null" || parsed.origin !== origin.replace(/\/$/, "")) return { ok: false, reason: "malformed origin" };
    return parsed.origin === publicOrigin ? { ok: true } : { ok: false, reason: "foreign origin" };
  }
  if (secFetchSite === "cross-site") return { ok: false, reason: "cross-site request" };
  if (referer !== undefined && referer !== "") {
    let parsed: URL;
    try {
      parsed = new URL(referer);
    } catch {
      return { ok: false, reason: "malformed origin" };
    }
    return parsed.origin === publicOrigin ? { ok: true } : { ok: false, reason: "foreign origin" };
  }
  return { ok: true };
}

/** Longest redirect target kept (a path and query); anything longer goes to the fallback. */
export const MAX_REDIRECT_LENGTH = 1_000;

/**
 * A redirect target from user input (a `redirectTo` field or parameter), made safe for a
 * Location header: parsed as a URL against a placeholder origin, refused unless it stays on that
 * origin and under `prefix`, then re-serialised from the parsed URL, so non-ASCII characters,
 * CR, LF and U+2028 arrive percent-encoded (they made the Location header throw: a 500 after a
 * successful sign-in). Over MAX_REDIRECT_LENGTH the fallback is used.
 */
export function safeRedirectPath(to: string | null | undefined, { prefix, fallback }: { prefix: string; fallback: string }): string {
  if (!to || to.length > 4 * MAX_REDIRECT_LENGTH) return fallback;
  // Backslashes are read as slashes by browsers ("/\\evil.example"): never a path of ours.
  if (!to.startsWith("/") || to.startsWith("//") || to.includes("\\")) return fallback;
  let url: URL;
  try {
    url = new URL(to, "https://placeholder.invalid");
  } catch {
    return fallback;
  }
  if (url.origin !== "https://placeholder.invalid") return fallback;
  if (url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) return fallback;
  const path = url.pathname + url.search;
  if (path.startsWith("//") || path.length > MAX_REDIRECT_LENGTH) return fallback;
  return path;
}
