import { env } from "./env.server";

/**
 * The origin for absolute links (the evidence API's links, the evidence Markdown download):
 * PUBLIC_ORIGIN, never the Host header, which anyone can set (issue 12: "Host: evil.example"
 * put links to evil.example into a publicly cached response). In development and tests without
 * PUBLIC_ORIGIN, the origin the request came to.
 */
export function publicOrigin(request: Request): string {
  return env().PUBLIC_ORIGIN ?? new URL(request.url).origin;
}
