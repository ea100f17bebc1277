// react-dom's web-streams renderer, which React 18 publishes as "react-dom/server.browser" and
// which runs on Node 20's global ReadableStream and TextEncoder (see html-stream.server.tsx).
declare module "react-dom/server.browser" {
  export { renderToReadableStream, renderToString } from "react-dom/server";
}
