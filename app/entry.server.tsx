import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { closeDb } from "./server/db.server";
import { renderHtml } from "./server/html-stream.server";
import { NonceContext } from "./ui/nonce";

const ABORT_DELAY = 5_000;

/** Called by server.ts on SIGTERM once in-flight requests have finished. */
export async function shutdown(): Promise<void> {
  await closeDb();
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = (loadContext as { cspNonce?: string }).cspNonce ?? "";
  let shellRendered = false;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ABORT_DELAY);
  timer.unref();
  // A shell error rejects here, and Remix answers with its error page.
  const body = await renderHtml(
    <NonceContext.Provider value={nonce}>
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
    </NonceContext.Provider>,
    {
      nonce,
      waitForAll: isbot(request.headers.get("user-agent") ?? ""),
      signal: abort.signal,
      // Aborting a stream React has already closed throws (ERR_INVALID_STATE) in the timer.
      onAllReady: () => clearTimeout(timer),
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) console.error(error);
      },
    },
  );
  shellRendered = true;
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(body, { headers: responseHeaders, status: responseStatusCode });
}
