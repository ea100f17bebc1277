import highsLoader, { type Highs } from "highs";

/**
 * HiGHS, the linear programming solver of the disclosure audit (app/results/audit.ts says why
 * this one), compiled to WebAssembly: loaded once per process (tens of milliseconds; the .wasm
 * file ships in node_modules/highs, nothing is fetched). Server-only, so the browser bundle never
 * carries it.
 */
let loading: Promise<Highs> | null = null;

export function loadSolver(): Promise<Highs> {
  loading ??= highsLoader();
  return loading;
}
