import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { closeDb, db } from "./server/db.server";
import { writeInBackground } from "./models/answer-rows.server";
import { renderHtml } from "./server/html-stream.server";
import { errorFields, log } from "./server/log.server";
import { NonceContext } from "./ui/nonce";

const ABORT_DELAY = 5_000;

let answerRowsWriter: { stop(): Promise<void> } | undefined;

/** Called by server.ts once the server is listening: the work a serving process does besides requests. */
export function startup(): void {
  answerRowsWriter ??= writeInBackground(db(), { onError: (error) => log().warn(errorFields(error), "writing answer rows failed; trying again") });
}

/** Called by server.ts on SIGTERM once in-flight requests have finished. */
export async function shutdown(): Promise<void> {
  await answerRowsWriter?.stop();
  answerRowsWriter = undefined;
  await closeDb();
}

/**
 * Remix's error hook. A 4xx (no route, a method a route does not take, a thrown 404 or 403) is
 * an answer, not an incident: server.ts writes its one request line, with no stack. Anything
 * else is logged once with its stack and the request id. Remix's default printed a stack for
 * every 404 and 405, thousands of lines a day that buried real failures.
 */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  const inner = isRouteErrorResponse(error) && (error as { error?: unknown }).error ? (error as { error?: unknown }).error : error;
  log().error({ reqId: (context as { requestId?: string }).requestId, ...errorFields(inner) }, "error in a route");
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
        if (shellRendered) log().error({ reqId: (loadContext as { requestId?: string }).requestId, ...errorFields(error) }, "error while rendering");
      },
    },
  );
  shellRendered = true;
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(body, { headers: responseHeaders, status: responseStatusCode });
}
