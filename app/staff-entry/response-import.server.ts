import { randomUUID } from "node:crypto";
import { stringify } from "csv-stringify/sync";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { allQuestions } from "../definition/definition";
import { BOM } from "../exports/responses-stream.server";
import type { ConsultationForStaff } from "../models/consultation.server";
import { districtLookup } from "../models/district.server";
import { submitResponses } from "../models/response.server";
import type { PaperChannel } from "../responding/channels";
import { importTemplate, parseResponsesCsv, type ImportError } from "./response-import";

/**
 * Imports a spreadsheet of paper, event or phone responses into the version residents answer now:
 * parsed and validated whole first, then stored in one transaction. Nothing is stored unless
 * every line is right.
 */
export async function importResponses(
  db: Kysely<Database>,
  { consultation: c, csv, channel }: { consultation: ConsultationForStaff; csv: string; channel: PaperChannel | null },
): Promise<{ ok: true; count: number; byChannel: Record<string, number> } | { ok: false; errors: ImportError[] }> {
  if (!c.currentVersion) return { ok: false, errors: [{ line: 1, message: "Responses can be imported only once the consultation has opened" }] };
  const def = c.currentVersion.definition;
  const parsed = parseResponsesCsv(csv, def, await districtLookup(db, allQuestions(def)), { channel });
  if (!parsed.ok) return parsed;
  const expires = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString();
  const count = await submitResponses(
    db,
    parsed.responses.map((r) => ({ consultationId: c.id, versionId: c.currentVersion!.id, channel: r.channel, answers: r.answers, nonce: randomUUID(), tokenExpiresAt: expires })),
  );
  const byChannel: Record<string, number> = {};
  for (const r of parsed.responses) byChannel[r.channel] = (byChannel[r.channel] ?? 0) + 1;
  return { ok: true, count, byChannel };
}

/** A file to fill in: the header line the import reads, for the version residents answer now. */
export function importTemplateCsv(c: ConsultationForStaff): string {
  return BOM + stringify([importTemplate(c.currentVersion?.definition ?? c.draftDefinition)]);
}
