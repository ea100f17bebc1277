/**
 * npm run consultation:import -- file.json [--slug s] [--title t] [--summary s] [--kind k]
 *   [--opens ISO] [--closes ISO] [--live]
 *
 * Imports a definition document (docs/definition-format.md). A new slug creates the consultation
 * (as a draft unless --live); an existing draft takes the definition as its working copy; a
 * published consultation gets a new version, keeping the old ones. Errors name the path and the
 * fix, and nothing is written unless the whole document is valid.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadEnv } from "../app/server/env.server";
import { CONSULTATION_KINDS, isConsultationKind } from "../app/lifecycle/lifecycle";
import { saveDefinition } from "../app/models/consultation.server";
import { createDb } from "../db/connection";
import { migrateToLatest } from "../db/migrate";

const USAGE = "Usage: npm run consultation:import -- file.json [--slug slug] [--title \"Title\"] [--summary \"…\"] [--kind precept|priorities|survey] [--opens ISO-date] [--closes ISO-date] [--live]";

function fail(lines: string[]): never {
  for (const line of lines) console.error(line);
  process.exit(1);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    slug: { type: "string" },
    title: { type: "string" },
    summary: { type: "string" },
    kind: { type: "string" },
    opens: { type: "string" },
    closes: { type: "string" },
    live: { type: "boolean", default: false },
  },
});
if (positionals.length !== 1) fail([USAGE]);
const file = positionals[0];

let text: string;
try {
  text = fs.readFileSync(file, "utf8");
} catch {
  fail([`${file}: cannot read the file; check the path`]);
}
let json: unknown;
try {
  json = JSON.parse(text);
} catch (e) {
  fail([`${file}: not valid JSON (${(e as Error).message}); check for a missing comma or quote there`]);
}

const slug = values.slug ?? path.basename(file).replace(/\.json$/i, "");
if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) fail([`--slug: "${slug}" must be lower-case letters and digits joined by single hyphens, like police-precept-2027-28`]);
const kind = values.kind ?? "survey";
if (!isConsultationKind(kind)) fail([`--kind: use one of ${CONSULTATION_KINDS.join(", ")}`]);
const date = (name: "opens" | "closes") => {
  const v = values[name];
  if (v === undefined) return null;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) fail([`--${name}: "${v}" is not a date; use ISO 8601, like 2027-01-04T09:00:00Z`]);
  return d.toISOString();
};
const opensAt = date("opens");
const closesAt = date("closes");

const env = loadEnv();
const handle = createDb(env.DATABASE_URL);
try {
  await migrateToLatest(handle.db);
  const result = await saveDefinition(handle.db, {
    slug,
    definition: json,
    details: values.title
      ? { title: values.title, summary: values.summary ?? "", kind, opensAt, closesAt, status: values.live ? "live" : "draft" }
      : undefined,
  });
  switch (result.outcome) {
    case "invalid":
      fail([`${file} was not imported; nothing has changed:`, ...result.errors.map((e) => `  ${e.path || "(document)"}: ${e.message}`)]);
      break;
    case "created":
      console.log(`Created "${slug}"${result.version ? ` and published it as version ${result.version}` : " as a draft"}.`);
      break;
    case "draft_saved":
      console.log(`Saved the definition of draft "${slug}". It is published when staff publish it.`);
      break;
    case "unchanged":
      console.log(`"${slug}" already has this definition (version ${result.version}); nothing to do.`);
      break;
    case "new_version":
      console.log(
        `Published version ${result.version} of "${slug}". The ${result.responses} response(s) given so far keep the version they answered; results combine versions by question and option id.`,
      );
      break;
    default:
      result satisfies never;
  }
} finally {
  await handle.close();
}
