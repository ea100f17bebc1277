import { parse } from "csv-parse/sync";
import { assertNever, type ConsultationDefinition } from "../definition/definition";
import { responseColumns, responsesHeader, type ResponseColumn } from "../exports/responses-csv";
import type { Answers } from "../responding/answers";
import { fieldNames } from "../responding/validation";
import { fieldName, type FormValues } from "../responding/form-values";
import { visibleQuestions } from "../responding/routing";
import { validatePage, type ValidationContext } from "../responding/validation";
import type { PaperChannel } from "../responding/channels";
import { PAPER_CHANNEL_LABELS } from "./channels";

/**
 * Many paper, event or phone responses at once, from a spreadsheet saved as CSV. The columns are
 * those of the responses export (ids, or the labelled export's headings), so a file laid out like
 * an export comes back in; coded answers may be ids or labels. Each row goes through the same
 * validation as an answer typed on the question pages, page by page along its route; a blank
 * required question is an error unless its cell says "Not answered", as on the pages. All or
 * nothing: any error and no row is stored; each error names its line in the file.
 */

export const NOT_ANSWERED = "not answered";
export const MAX_ROWS = 5000;

export interface ImportedResponse {
  line: number;
  channel: PaperChannel;
  answers: Answers;
  notAnswered: string[];
}

export interface ImportError {
  line: number;
  message: string;
}

export type ImportResult = { ok: true; responses: ImportedResponse[] } | { ok: false; errors: ImportError[] };

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");
const SELECTED = new Set(["1", "selected", "yes", "y", "x", "✓", "✔", "true", "ticked"]);
const NOT_SELECTED = new Set(["0", "not selected", "no", "n", "false", ""]);

/** The header a file may use for each column: its id, or its heading in the labelled export. */
function headerIndex(columns: ResponseColumn[]): Map<string, ResponseColumn> {
  const byHeader = new Map<string, ResponseColumn>();
  const labelled = responsesHeader(columns, { labels: true }).slice(4);
  columns.forEach((c, i) => {
    byHeader.set(norm(c.name), c);
    if (!byHeader.has(norm(labelled[i]))) byHeader.set(norm(labelled[i]), c);
  });
  return byHeader;
}

const IGNORED = new Set(["response", "version", "submitted_on", "submitted on"]);

function channelFrom(text: string, fallback: PaperChannel | null): PaperChannel | null | "bad" {
  const t = norm(text);
  if (!t) return fallback;
  for (const [id, labels] of Object.entries(PAPER_CHANNEL_LABELS)) if (t === id || labels.some((l) => norm(l) === t)) return id as PaperChannel;
  return "bad";
}

/** A coded cell as the id the form would send: the id itself, or the label of one. */
function codeOf(column: ResponseColumn, cell: string): string | { error: string } {
  const t = norm(cell);
  const found = column.values.find((v) => norm(v.id) === t) ?? column.values.find((v) => norm(v.label) === t);
  if (found) return found.id;
  return { error: `"${cell.trim()}" is not an answer to "${column.label}"; use one of: ${column.values.map((v) => v.label).join(", ")}` };
}

export function parseResponsesCsv(text: string, def: ConsultationDefinition, ctx: ValidationContext, { channel: defaultChannel }: { channel: PaperChannel | null }): ImportResult {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    return { ok: false, errors: [{ line: (e as { lines?: number }).lines ?? 1, message: `The file is not a CSV file we can read (${(e as Error).message})` }] };
  }
  if (records.length === 0) return { ok: false, errors: [{ line: 1, message: "The file is empty: it needs a header line and a line for each response" }] };
  const columns = responseColumns([def]);
  const byHeader = headerIndex(columns);
  const header = records[0].record;
  const errors: ImportError[] = [];
  let channelAt = -1;
  const mapped: (ResponseColumn | null)[] = header.map((h, i) => {
    const key = norm(h);
    if (key === "channel") {
      channelAt = i;
      return null;
    }
    if (IGNORED.has(key) || key === "") return null;
    const column = byHeader.get(key);
    if (!column) errors.push({ line: 1, message: `Column ${i + 1}, "${h.trim()}", is not a question of this consultation; download the template for the columns it has` });
    return column ?? null;
  });
  const seen = new Set<string>();
  mapped.forEach((c, i) => {
    if (!c) return;
    if (seen.has(c.name)) errors.push({ line: 1, message: `Column ${i + 1}, "${header[i].trim()}", repeats a column` });
    seen.add(c.name);
  });
  if (channelAt < 0 && !defaultChannel) errors.push({ line: 1, message: "Say how these responses came in: choose a channel, or add a channel column" });
  if (records.length - 1 > MAX_ROWS) errors.push({ line: 1, message: `The file has ${records.length - 1} responses; import at most ${MAX_ROWS.toLocaleString("en-GB")} at a time` });
  if (records.length === 1) errors.push({ line: 1, message: "The file has a header line but no responses" });
  if (errors.length) return { ok: false, errors };

  const responses: ImportedResponse[] = [];
  let previousEnd = records[0].info.lines;
  for (const { record, info } of records.slice(1)) {
    const line = previousEnd + 1;
    previousEnd = info.lines;
    const rowErrors: string[] = [];
    const channel = channelFrom(channelAt >= 0 ? (record[channelAt] ?? "") : "", defaultChannel);
    if (channel === "bad" || channel === null) rowErrors.push(`channel "${record[channelAt] ?? ""}" is not paper, event or phone`);
    const values: FormValues = Object.create(null);
    const notAnswered = new Set<string>();
    const multiple = new Map<string, string[]>();
    mapped.forEach((column, i) => {
      if (!column) return;
      const cell = (record[i] ?? "").trim();
      if (norm(cell) === NOT_ANSWERED) {
        notAnswered.add(column.questionId);
        return;
      }
      if (cell === "") return;
      const q = column.questionId;
      switch (column.type) {
        case "multiple_choice": {
          const t = norm(cell);
          if (SELECTED.has(t)) multiple.set(q, [...(multiple.get(q) ?? []), column.itemId]);
          else if (NOT_SELECTED.has(t)) multiple.set(q, multiple.get(q) ?? []);
          else rowErrors.push(`"${cell}" under "${column.label}": write 1 (ticked) or 0 (not ticked)`);
          return;
        }
        case "postcode":
          // The outward code is what is entered; the authority and area follow from it.
          if (column.itemId === "district") values[q] = [cell];
          return;
        case "free_text":
        case "number":
          values[q] = [cell];
          return;
        case "ranking":
          values[fieldName(q, column.itemId)] = [cell];
          return;
        case "single_choice":
        case "scale":
        case "matrix":
        case "precept":
        case "about_you": {
          if (column.type === "single_choice" && column.itemId === "other") {
            values[fieldName(q, "other")] = [cell];
            return;
          }
          const code = codeOf(column, cell);
          if (typeof code !== "string") rowErrors.push(code.error);
          else values[column.itemId && column.type !== "single_choice" ? fieldName(q, column.itemId) : q] = [code];
          return;
        }
        default:
          return assertNever(column.type);
      }
    });
    for (const [q, ids] of multiple) values[q] = ids;
    if (rowErrors.length) {
      errors.push(...rowErrors.map((message) => ({ line, message })));
      continue;
    }
    // Page by page along the route, exactly as the question pages check it.
    let running: Answers = {};
    for (const page of def.pages) {
      const shown = visibleQuestions(page, running);
      const allowed = new Set(shown.flatMap(fieldNames));
      const pageValues: FormValues = Object.create(null);
      for (const [name, v] of Object.entries(values)) if (allowed.has(name)) pageValues[name] = v;
      const result = validatePage(def, page, pageValues, running, { ...ctx, notAnswered });
      errors.push(...result.errors.map((e) => ({ line, message: e.message })));
      running = result.answers;
    }
    const asked = new Set(def.pages.flatMap((p) => visibleQuestions(p, running).map((q) => q.id)));
    responses.push({ line, channel: channel as PaperChannel, answers: running, notAnswered: [...notAnswered].filter((id) => asked.has(id)) });
  }
  return errors.length ? { ok: false, errors } : { ok: true, responses };
}

/** The header line of a file to fill in: how each response came in, then a column per answer. */
export function importTemplate(def: ConsultationDefinition): string[] {
  return ["channel", ...responseColumns([def]).filter((c) => !(c.type === "postcode" && c.itemId !== "district")).map((c) => c.name)];
}
