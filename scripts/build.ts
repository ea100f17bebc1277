/**
 * npm run build: the stylesheet (govuk-frontend through Sass) and the Remix build, quietly.
 * Remix prints "building... (NODE_ENV=production)" whatever mode the server later runs in, and
 * Vite (which the Remix CLI loads) warns about its own CJS entry point: neither is something a
 * newcomer can act on, so a successful build prints one line. Anything else the tools print
 * (warnings, errors) is shown as it is. `--verbose` shows everything.
 */
import { spawnSync } from "node:child_process";

const verbose = process.argv.includes("--verbose");
const routine = [/^\s*$/, /^\[info\] building\.\.\./, /^\[info\] built \(/, /The CJS build of Vite's Node API is deprecated/];
const started = Date.now();

function step(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: "utf8", env: { ...process.env, VITE_CJS_IGNORE_WARNING: "true" } });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  // eslint-disable-next-line no-control-regex
  const lines = output.split("\n").map((l) => l.replace(/\u001b\[[0-9;]*m/g, ""));
  const shown = verbose || result.status !== 0 ? lines : lines.filter((l) => !routine.some((r) => r.test(l)));
  if (shown.some((l) => l.trim())) console.log(shown.join("\n").trimEnd());
  if (result.status !== 0) {
    console.error(`Build failed: ${command} ${args.join(" ")} exited with ${result.status ?? result.signal}`);
    process.exit(1);
  }
}

step("npx", ["sass", "--no-source-map", "--style=compressed", "--quiet", "--load-path=node_modules", "app/styles/app.scss", "public/styles/app.css"]);
step("npx", ["remix", "build"]);
console.log(`Built the app in ${((Date.now() - started) / 1000).toFixed(1)} s`);
