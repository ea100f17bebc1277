import type { ReactNode } from "react";
import { renderToReadableStream } from "react-dom/server.browser";

/**
 * Streams a page's HTML as UTF-8 bytes. React 18's Node renderer (renderToPipeableStream)
 * encodes text into a reused 2,048-byte buffer with TextEncoder.encodeInto; when a multi-byte
 * character does not fit at the end, encodeInto stops short and React sends the whole buffer,
 * unwritten bytes included: NUL bytes in the page (facebook/react#31134; fixed by
 * facebook/react#26228 in React 19 only). The web-streams renderer (renderToReadableStream)
 * encodes each piece of text whole and copies bytes, so a character may be split across two
 * chunks of the byte stream (which is fine: the client decodes the stream, not the chunks) but
 * nothing is ever padded. Node 20 has the web streams it needs.
 */
export async function renderHtml(
  element: ReactNode,
  {
    nonce,
    waitForAll,
    signal,
    onError,
    onAllReady,
  }: { nonce: string; waitForAll: boolean; signal?: AbortSignal; onError?: (error: unknown) => void; /** Called once everything is rendered (or rendering failed). */ onAllReady?: () => void },
): Promise<ReadableStream<Uint8Array>> {
  const stream = await renderToReadableStream(element, { nonce, signal, onError });
  if (onAllReady) stream.allReady.then(onAllReady, onAllReady);
  // Bots and no-JavaScript clients get the whole document at once; browsers get it streamed.
  if (waitForAll) await stream.allReady;
  return stream;
}
