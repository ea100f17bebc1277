import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);

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
  webServer: {
    command: "tsx tests/e2e/server.ts",
    url: `http://127.0.0.1:${port}/healthcheck`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    env: { E2E_PORT: String(port) },
  },
});
