import { parse } from "csv-parse/sync";
import { z } from "zod";
import { CodeFieldsSchema, fromCsvRows, parseFile, type CodebookFile, type CodeFields } from "./codebook";

/** The codebook pages' forms, parsed with the codebook schema so the rules live in one place. */

const lines = (v: FormDataEntryValue | null) =>
  String(v ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** A code's fields from a form: examples and keyword rules one a line. */
export function codeFieldsFromForm(form: FormData): { ok: true; fields: CodeFields } | { ok: false; errors: { field: string; message: string }[] } {
  const parsed = CodeFieldsSchema.safeParse({
    name: form.get("name") ?? "",
    definition: form.get("definition") ?? "",
    include: form.get("include") ?? "",
    exclude: form.get("exclude") ?? "",
    examples: lines(form.get("examples")),
    rules: lines(form.get("rules")),
    planSection: String(form.get("planSection") ?? "").trim() || null,
  });
  if (parsed.success) return { ok: true, fields: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? "name"), message: i.message })) };
}

export const ParentSchema = z.preprocess((v) => (v === "" || v === undefined || v === null ? null : v), z.string().nullable());

/** An uploaded codebook: JSON (as exported) or CSV (one row a code). */
export function codebookFromUpload(text: string, fallbackName: string): { ok: true; file: CodebookFile } | { ok: false; errors: string[] } {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (!trimmed) return { ok: false, errors: ["The file is empty"] };
  if (trimmed.startsWith("{")) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      return { ok: false, errors: ["The file is not valid JSON"] };
    }
    return parseFile(json);
  }
  let records: Record<string, string>[];
  try {
    records = parse(trimmed, { columns: true, skip_empty_lines: true, trim: false }) as Record<string, string>[];
  } catch (e) {
    return { ok: false, errors: [`The CSV could not be read: ${(e as Error).message}`] };
  }
  return fromCsvRows(fallbackName, records);
}
