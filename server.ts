import { randomBytes } from "node:crypto";
import path from "node:path";
import fs from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Server } from "node:http";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { loadEnv } from "./app/env.server";
import { securityHeaders } from "./app/security-headers.server";

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * The production server: Express in front of the Remix build, for what remix-serve cannot do:
 * security headers on every response, a request body limit, and a graceful SIGTERM.
 */
export async function startServer(): Promise<Server> {
  if (fs.existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));
  const env = loadEnv();
  const buildDir = env.BUILD_DIR ? path.resolve(root, env.BUILD_DIR) : null;
  const buildPath = buildDir ? path.join(buildDir, "index.js") : path.join(root, "build/index.js");
  const assetsDir = buildDir ? path.join(buildDir, "public/build") : path.join(root, "public/build");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY === "true");
  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(securityHeaders(env.NODE_ENV === "production"));
  app.use(compression());

  const maxBody = env.MAX_BODY_KB * 1024;
  app.use((req, res, next) => {
    const length = Number(req.headers["content-length"] ?? 0);
    if (length > maxBody) {
      res.status(413).type("text/plain").send(`The form sent more than ${env.MAX_BODY_KB} KB. Shorten your answers and try again.`);
      return;
    }
    next();
  });

  app.use("/build", express.static(assetsDir, { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
  app.all(
    "*",
    createRequestHandler({ build, mode: env.NODE_ENV, getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }) }),
  );

  const server = app.listen(env.PORT, env.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    console.log(`Your Say is listening on http://localhost:${port}`);
  });
  server.keepAliveTimeout = 65_000;

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight, then closing`);
    // Stop accepting, let in-flight requests finish, then close the database and exit 0.
    server.close(async () => {
      const shutdown = (build.entry.module as { shutdown?: () => Promise<void> }).shutdown;
      await shutdown?.();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 25_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  return server;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await startServer();
}
