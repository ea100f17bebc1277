import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
// With TEST_DATABASE_URL (CI always sets it), the coding story also runs against a second server
// on PostgreSQL (E2E_PG_PORT, by default the next port): full-text search and the figures must
// behave the same on both.
const postgres = Boolean(process.env.TEST_DATABASE_URL);
const pgPort = Number(process.env.E2E_PG_PORT ?? port + 1);
const POSTGRES_SPECS = ["coding.spec.ts"];

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  outputDir: process.env.PW_OUTPUT_DIR ?? "test-results",
  // Generous: these machines are shared, and a long scenario can take several times its usual 15 s under load.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // Closed network: without these Chromium keeps trying to reach Google's hosts.
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "sqlite" },
    ...(postgres ? [{ name: "postgres", testMatch: POSTGRES_SPECS.map((s) => `**/${s}`), use: { baseURL: `http://127.0.0.1:${pgPort}` } }] : []),
  ],
  webServer: [
    {
      command: "tsx tests/e2e/server.ts",
      url: `http://127.0.0.1:${port}/healthcheck`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      env: { E2E_PORT: String(port) },
    },
    ...(postgres
      ? [
          {
            command: "tsx tests/e2e/server.ts",
            url: `http://127.0.0.1:${pgPort}/healthcheck`,
            reuseExistingServer: false,
            timeout: 180_000,
            stdout: "pipe" as const,
            env: { E2E_PORT: String(pgPort), E2E_DATABASE: "postgres" },
            // SIGTERM, so the server closes its pool and drops its database on the way out.
            gracefulShutdown: { signal: "SIGTERM" as const, timeout: 15_000 },
          },
        ]
      : []),
  ],
});
