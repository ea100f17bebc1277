/**
 * npm run consultation:export -- <slug> [--version N] [--out file.json]
 *
 * Writes a consultation's definition document (the version residents answer now, or the
 * working copy of a draft) as JSON that consultation:import reads back unchanged.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { loadEnv } from "../app/server/env.server";
import { exportDefinition } from "../app/models/consultation.server";
import { createDb } from "../db/connection";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { version: { type: "string" }, out: { type: "string" } } });
if (positionals.length !== 1) {
  console.error("Usage: npm run consultation:export -- <slug> [--version N] [--out file.json]");
  process.exit(1);
}
const [slug] = positionals;
const version = values.version === undefined ? undefined : Number(values.version);
if (version !== undefined && !(Number.isInteger(version) && version > 0)) {
  console.error(`--version: "${values.version}" must be a version number, like 2`);
  process.exit(1);
}

const handle = createDb(loadEnv().DATABASE_URL);
try {
  const found = await exportDefinition(handle.db, { slug, version });
  if (!found) {
    console.error(version === undefined ? `There is no consultation "${slug}"; check the slug in its web address` : `"${slug}" has no version ${version}`);
    process.exitCode = 1;
  } else {
    const json = `${JSON.stringify(found.definition, null, 2)}\n`;
    if (values.out) {
      fs.writeFileSync(values.out, json);
      console.error(`Wrote ${found.version === null ? "the draft definition" : `version ${found.version}`} of "${slug}" to ${values.out}`);
    } else process.stdout.write(json);
  }
} finally {
  await handle.close();
}
