/**
 * npm test: type check, lint and unused-code check, unit and integration tests (SQLite, and PostgreSQL when
 * TEST_DATABASE_URL is set), then a production build driven by Playwright in Chromium.
 * With CI=true a missing browser or database is a failure, never a silent skip.
 * Ends with one line "N passed, N failed, N skipped" summing both runners.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ci = process.env.CI === "true";
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "yoursay-test-run-"));
const failures: string[] = [];
const skippedSuites: string[] = [];
const totals = { passed: 0, failed: 0, skipped: 0 };

function run(title: string, command: string, args: string[], env: Record<string, string> = {}) {
  console.log(`\n=== ${title}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) failures.push(`${title} (exit ${result.status ?? result.signal})`);
  return result.status === 0;
}

if (!process.env.TEST_DATABASE_URL) {
  if (ci) {
    console.error("CI=true but TEST_DATABASE_URL is not set: PostgreSQL tests cannot be skipped in CI.");
    process.exit(1);
  }
  skippedSuites.push("PostgreSQL tests (set TEST_DATABASE_URL=postgres://… to run them)");
}

run("Type check", "npx", ["tsc"]);
run("Lint (typescript-eslint, import boundaries)", "npx", ["eslint", "."]);
run("Unused code (knip)", "npx", ["knip", "--no-config-hints"]);

const vitestJson = path.join(tmp, "vitest.json");
run("Unit and integration tests", "npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
if (fs.existsSync(vitestJson)) {
  const report = JSON.parse(fs.readFileSync(vitestJson, "utf8"));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
} else failures.push("vitest wrote no report");

if (fs.existsSync(chromium)) {
  if (run("Production build", "npm", ["run", "build", "--silent"])) {
    const playwrightJson = path.join(tmp, "playwright.json");
    run("Browser tests", "npx", ["playwright", "test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson, CHROMIUM_PATH: chromium });
    if (fs.existsSync(playwrightJson)) {
      const stats = JSON.parse(fs.readFileSync(playwrightJson, "utf8")).stats ?? {};
      totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
      totals.failed += stats.unexpected ?? 0;
      totals.skipped += stats.skipped ?? 0;
    } else failures.push("Playwright wrote no report");
  }
} else if (ci) {
  failures.push(`Chromium not found at ${chromium}: browser tests cannot be skipped in CI`);
} else {
  skippedSuites.push(`Browser tests (no Chromium at ${chromium}; install Debian's chromium or set CHROMIUM_PATH)`);
}

console.log("");
for (const s of skippedSuites) console.log(`SKIPPED: ${s}`);
for (const f of failures) console.log(`FAILED: ${f}`);
if (failures.length && totals.failed === 0) totals.failed = failures.length;
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length ? 1 : 0);
