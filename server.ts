import cluster from "node:cluster";
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import fs from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { IncomingMessage, Server } from "node:http";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type ErrorRequestHandler, type Request as ExpressRequest, type Response as ExpressResponse } from "express";
import { runPrimary, workerCount } from "./app/server/cluster.server";
import { checkServerEnv, loadEnv } from "./app/server/env.server";
import { errorFields, log } from "./app/server/log.server";
import { plainPage } from "./app/server/plain-page.server";
import type { ClientContext } from "./app/server/rate-limit.server";
import { ALLOWED_METHODS, checkOrigin, isAllowedMethod } from "./app/server/request-checks.server";
import { securityHeaders } from "./app/server/security-headers.server";

const root = path.dirname(fileURLToPath(import.meta.url));

class BodyTooLarge extends Error {}

/**
 * Sends a response body chunk by chunk, waiting for the socket to drain before reading the next
 * chunk. Remix's writeReadableStreamToWritable ignores backpressure, so an export whose batches
 * come from synchronous SQLite reads never yielded to the event loop: a million-row CSV was
 * built in memory before its first byte left. Here a slow client slows the export down instead.
 */
async function writeBody(body: ReadableStream<Uint8Array>, res: ExpressResponse): Promise<void> {
  const reader = body.getReader();
  const flushable = res as ExpressResponse & { flush?: () => void };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const more = res.write(value);
      // compression() buffers inside zlib; flushing keeps streamed HTML and exports moving.
      flushable.flush?.();
      if (!more) {
        await new Promise<void>((resolve) => {
          const finish = () => {
            res.off("drain", finish);
            res.off("close", finish);
            resolve();
          };
          res.on("drain", finish);
          res.on("close", finish);
        });
      }
      if (res.destroyed) {
        await reader.cancel();
        return;
      }
    }
    res.end();
  } catch (error) {
    res.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}

/**
 * Reads a request body into memory, refusing it as soon as it passes the limit. This is what
 * bounds chunked bodies (no Content-Length to check up front); forms here are a few KB at most.
 */
function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.off("data", onData);
        req.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", reject);
    req.once("aborted", () => reject(new Error("client aborted")));
  });
}

function tooLarge(req: IncomingMessage, res: ExpressResponse, maxKb: number) {
  // Answer at once. The rest of the body is read and thrown away for a few seconds, so that a
  // client still sending sees this answer rather than a reset connection; then the socket goes,
  // however much more is coming.
  res.status(413).type("text/plain").send(`The form sent more than ${maxKb} KB. Shorten your answers and try again.`);
  res.on("finish", () => {
    req.resume();
    setTimeout(() => req.socket.destroy(), 5_000).unref();
  });
}

/**
 * Whether an urlencoded form holds a NUL character: decoding only makes one from "%00" or a raw
 * NUL byte (WHATWG URL, application/x-www-form-urlencoded parsing), so the bytes say it without
 * parsing the form a second time (Remix parses it for the action). Every resident's form is
 * urlencoded. Undefined for multipart, which must be parsed to tell file bytes from fields.
 */
function hasNulCharacter(type: string, body: Buffer): boolean | undefined {
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) return undefined;
  return body.includes(0) || body.includes("%00");
}

/** NUL in a multipart form's names or text fields (file contents may hold any byte). Throws when it does not parse. */
async function multipartHasNul(href: string, type: string, body: Blob): Promise<boolean> {
  const form = await new Request(href, { method: "POST", headers: { "content-type": type }, body }).formData();
  for (const [name, value] of form) if (name.includes("\0") || (typeof value === "string" && value.includes("\0"))) return true;
  return false;
}

/** The origin people use: PUBLIC_ORIGIN, or (development and tests only) the request's own. */
function publicOrigin(req: ExpressRequest, configured: string | undefined): string {
  return configured ?? `${req.protocol}://${req.get("host") ?? "localhost"}`;
}

/**
 * Staff pages hold unpublished figures and personal data: never stored by the browser or a
 * proxy, so the back button after signing out shows nothing (RFC 9111 §5.2.2.5).
 */
const isStaffPath = (path: string) => path === "/staff" || path.startsWith("/staff/");

/**
 * The request id: one a proxy in front already gave (X-Request-Id, when it looks like one), so
 * its log and ours line up, or a new UUID. Sent back in the response's X-Request-Id.
 */
function requestIdFor(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
}

/**
 * The Remix request handler, as @remix-run/express does it, except that the body is read in
 * full (within the limit) before Remix sees it, and the client address goes into the load
 * context for the rate limit only.
 */
function remixHandler(build: ServerBuild, mode: string, maxBody: number, maxKb: number, configuredOrigin: string | undefined) {
  const handle = createRequestHandler(build, mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: (error?: unknown) => void) => {
    try {
      let body: Buffer | undefined;
      if (req.method !== "GET" && req.method !== "HEAD") {
        try {
          body = await readBody(req, maxBody);
        } catch (error) {
          if (error instanceof BodyTooLarge) return tooLarge(req, res, maxKb);
          if (!res.headersSent) res.status(400).type("text/plain").send("The form could not be read. Nothing has been saved. Go back and try again.");
          return;
        }
      }
      const origin = publicOrigin(req, configuredOrigin);
      const headers = new Headers();
      for (const [key, values] of Object.entries(req.headers)) {
        if (values === undefined) continue;
        // Remix compares Origin with these to refuse cross-site actions, and throws a plain
        // Error (a 500) when they differ. server.ts has already checked Origin against the
        // public origin, so Remix sees the public host and never a forwarded one.
        if (key === "host" || key === "x-forwarded-host") continue;
        for (const value of Array.isArray(values) ? values : [values]) headers.append(key, value);
      }
      headers.set("host", new URL(origin).host);
      const controller = new AbortController();
      let finished = false;
      res.on("finish", () => (finished = true));
      res.on("close", () => finished || controller.abort());
      let url: URL;
      // A NUL in the address would reach the database through a route parameter; never wanted.
      if (/%00|\0/.test(req.originalUrl)) {
        res.status(400).type("text/plain").send("The web address could not be read. Check it and try again.");
        return;
      }
      try {
        // Built on the public origin, never on the Host header: links a route makes from
        // request.url point where they should even when a client sends "Host: evil.example".
        if (!req.originalUrl.startsWith("/") || req.originalUrl.startsWith("//")) throw new Error("not a path");
        url = new URL(`${origin}${req.originalUrl}`);
        if (url.origin !== origin) throw new Error("not this site");
      } catch {
        res.status(400).type("text/plain").send("The web address could not be read. Check it and try again.");
        return;
      }
      const init: RequestInit = { method: req.method, headers, signal: controller.signal };
      if (body) {
        init.body = new Blob([new Uint8Array(body)]);
        // Every form here is urlencoded or multipart. Anything else, or a body that does not
        // parse as what it claims, is refused here with a clear 4xx rather than reaching an
        // action whose request.formData() would throw (a 500).
        const type = req.headers["content-type"] ?? "";
        if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
          res.status(415).type("text/plain").send("The form was sent in a format this website does not accept. Nothing has been saved. Go back and try again.");
          return;
        }
        // No one types a NUL character, and PostgreSQL cannot store one in text: refuse it here.
        let nul: boolean;
        try {
          nul = hasNulCharacter(type, body) ?? (await multipartHasNul(url.href, type, init.body as Blob));
        } catch {
          res.status(400).type("text/plain").send("The form could not be read. Nothing has been saved. Go back and try again.");
          return;
        }
        if (nul) {
          res.status(400).type("text/plain").send("The form contained a character that cannot be stored (a null character). Nothing has been saved. Remove it and try again.");
          return;
        }
      }
      const request = new Request(url.href, init);
      const context: ClientContext & { cspNonce: string; requestId: string } = {
        cspNonce: res.locals.cspNonce as string,
        clientAddress: req.ip,
        requestId: res.locals.requestId as string,
      };
      const response = await handle(request, context as unknown as AppLoadContext);
      res.statusMessage = response.statusText;
      res.status(response.status);
      for (const [key, value] of response.headers.entries()) if (key !== "set-cookie") res.append(key, value);
      for (const cookie of response.headers.getSetCookie()) res.append("Set-Cookie", cookie);
      if (isStaffPath(req.path)) res.set("Cache-Control", "no-store");
      if (response.body && req.method !== "HEAD") await writeBody(response.body, res);
      else res.end();
    } catch (error) {
      next(error);
    }
  };
}

/**
 * The production server: Express in front of the Remix build, for what remix-serve cannot do:
 * security headers on every response, a request body limit, and a graceful SIGTERM.
 */
export async function startServer(env = serverEnv()): Promise<Server> {
  const buildDir = env.BUILD_DIR ? path.resolve(root, env.BUILD_DIR) : null;
  const buildPath = buildDir ? path.join(buildDir, "index.js") : path.join(root, "build/index.js");
  const assetsDir = buildDir ? path.join(buildDir, "public/build") : path.join(root, "public/build");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;

  let stopping = false;
  const logger = log();
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY === "true");
  app.use((req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    const requestId = requestIdFor(req);
    res.locals.requestId = requestId;
    res.set("X-Request-Id", requestId);
    // One line per request, written when it ends: no query string (it can hold anything a
    // person typed), no address, no user agent, no cookie.
    const started = process.hrtime.bigint();
    let logged = false;
    const line = () => {
      if (logged) return;
      logged = true;
      const status = res.headersSent ? res.statusCode : 499;
      const fields = {
        reqId: requestId,
        method: req.method,
        path: req.path.slice(0, 300),
        status,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
      };
      if (status >= 500) logger.error(fields, "request failed");
      else if (status >= 400) logger.warn(fields, "request refused");
      else logger.info(fields, "request");
    };
    res.on("finish", line);
    res.on("close", line);
    // While shutting down, no connection is kept open for another request.
    if (stopping) res.set("Connection", "close");
    if (isStaffPath(req.path)) res.set("Cache-Control", "no-store");
    next();
  });
  app.use(securityHeaders(env.NODE_ENV === "production"));
  // Known methods only: anything else (TRACE, PUT, DELETE...) never reaches a route, whose
  // action would otherwise run for it.
  app.use((req, res, next) => {
    if (isAllowedMethod(req.method)) return next();
    res.set("Allow", ALLOWED_METHODS.join(", "));
    res.status(405).type("text/plain").send(`This address does not accept ${req.method.replace(/[^A-Za-z-]/g, "").slice(0, 20)} requests. Go back and try again.`);
  });
  // Forms from another site are refused with a page that says so (a 403, never a 500).
  app.use((req, res, next) => {
    if (req.method !== "POST") return next();
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const verdict = checkOrigin({ origin: header("origin"), referer: header("referer"), secFetchSite: header("sec-fetch-site") }, publicOrigin(req, env.PUBLIC_ORIGIN));
    if (verdict.ok) return next();
    res.status(403).type("html").send(
      plainPage({
        title: "This form did not come from this website",
        paragraphs: [
          "Nothing has been saved or changed. Forms on Your Say can only be sent from Your Say's own pages.",
          "If you were filling in a form on this website, go back, reload the page and try again.",
        ],
        link: { href: "/consultations", text: "See all consultations" },
      }),
    );
  });
  app.use(compression());

  const maxBody = env.MAX_BODY_KB * 1024;
  app.use((req, res, next) => {
    const length = Number(req.headers["content-length"] ?? 0);
    if (length > maxBody) return tooLarge(req, res, env.MAX_BODY_KB);
    next();
  });

  app.use("/build", express.static(assetsDir, { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
  app.all("*", remixHandler(build, env.NODE_ENV, maxBody, env.MAX_BODY_KB, env.PUBLIC_ORIGIN));
  // Anything that escapes Remix (a malformed URL, a bug): a plain message, never a stack trace
  // to the client, and nothing about the client in the log.
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    const status = typeof error?.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
    // A 4xx is the request line alone; only a 5xx is worth a stack.
    if (status >= 500) logger.error({ reqId: res.locals.requestId, ...errorFields(error) }, "unhandled error");
    if (res.headersSent) return res.end();
    res.status(status).type("text/plain").send(status < 500 ? "There is a problem with this request. Go back and try again." : "Sorry, there is a problem with the service. Try again later.");
  };
  app.use(onError);

  const server = app.listen(env.PORT, env.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    // In a cluster the primary says where the site is, once every worker is listening.
    if (cluster.isWorker) logger.info({ port }, "worker listening");
    else logger.info({ port }, `Your Say is listening on http://localhost:${port}`);
  });
  (build.entry.module as { startup?: () => void }).startup?.();
  server.keepAliveTimeout = 65_000;
  // A client that trickles a request (slowloris) is cut off: a whole form within a minute.
  server.requestTimeout = 60_000;

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${signal}: finishing requests in flight, then closing`);
    // Stop accepting, let in-flight requests finish, then close the database and exit 0.
    server.close(async () => {
      const shutdown = (build.entry.module as { shutdown?: () => Promise<void> }).shutdown;
      await shutdown?.();
      logger.info({ signal }, `${signal}: database closed, exiting`);
      process.exit(0);
    });
    // Keep-alive connections become idle as their last response ends: close them as they do.
    server.closeIdleConnections();
    setInterval(() => server.closeIdleConnections(), 100).unref();
    setTimeout(() => process.exit(1), 25_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  return server;
}

/** The settings, .env included, refused here when a server must not start with them. */
function serverEnv() {
  if (fs.existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));
  const env = loadEnv();
  checkServerEnv(env);
  return env;
}

/**
 * `npm run serve` and `npm start`: WEB_CONCURRENCY worker processes (default one per core,
 * app/server/cluster.server.ts), or, with WEB_CONCURRENCY=1, this process serving alone as
 * before. In a worker, serves and returns null; otherwise returns the port once listening.
 * The script calling it is what each worker runs, so it must call serve() again there.
 */
export async function serve(): Promise<{ port: number } | null> {
  if (cluster.isWorker) {
    await startServer();
    return null;
  }
  // Refused once here rather than by every worker in turn.
  const env = serverEnv();
  const workers = workerCount(env.WEB_CONCURRENCY);
  if (workers === 1) {
    const server = await startServer(env);
    if (!server.listening) await new Promise((resolve) => server.once("listening", resolve));
    return { port: (server.address() as { port: number }).port };
  }
  const logger = log();
  const primary = runPrimary({ workers, logger });
  const port = await primary.listening;
  logger.info({ port, workers: primary.pids() }, `Your Say is listening on http://localhost:${port} (${workers} worker processes)`);
  return { port };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await serve();
}
