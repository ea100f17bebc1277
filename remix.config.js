// BUILD_DIR moves the whole build (server bundle and browser assets) elsewhere, so that several
// checkouts or test runs on one machine do not overwrite each other's build. Default: build/ and public/build/.
import fs from "node:fs";
import path from "node:path";

const buildDir = process.env.BUILD_DIR ? path.resolve(process.env.BUILD_DIR) : undefined;
if (buildDir) {
  // A build outside the checkout still has to find its dependencies.
  fs.mkdirSync(buildDir, { recursive: true });
  const link = path.join(buildDir, "node_modules");
  if (!fs.existsSync(link)) fs.symlinkSync(path.resolve("node_modules"), link, "dir");
}

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}", "**/*.css"],
  serverModuleFormat: "esm",
  ...(buildDir
    ? { serverBuildPath: `${buildDir}/index.js`, assetsBuildDirectory: `${buildDir}/public/build`, cacheDirectory: `${buildDir}/.cache` }
    : {}),
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    // Single Fetch streams loader data as inline scripts and changes data-request URLs; the strict
    // nonce CSP and the route-level tests are written for classic JSON data requests, which React
    // Router v7 still supports. Declared false so Remix does not warn on every build.
    v3_singleFetch: false,
  },
};
