import { PassThrough } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { closeDb } from "./server/db.server";
import { errorFields, log } from "./server/log.server";
import { NonceContext } from "./ui/nonce";

const ABORT_DELAY = 5_000;

/** Called by server.ts on SIGTERM once in-flight requests have finished. */
export async function shutdown(): Promise<void> {
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

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = (loadContext as { cspNonce?: string }).cspNonce ?? "";
  // Bots and no-JS clients get the whole document at once; browsers get it streamed.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) log().error({ reqId: (loadContext as { requestId?: string }).requestId, ...errorFields(error) }, "error while rendering");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
