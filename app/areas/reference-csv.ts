import { parse } from "csv-parse/sync";

/**
 * The records of a reference-data file (the postcode lookup, population figures) after its one
 * fixed header line, with the errors that refuse the whole file: not CSV at all, or the wrong
 * header. The callers check each record and number their errors by line (record i is line i + 2).
 */
export function referenceCsvRecords(csv: string, header: readonly string[]): { records: string[][]; errors: string[] } {
  let records: string[][];
  try {
    records = parse(csv, { skip_empty_lines: true, trim: true, relax_column_count: true, bom: true });
  } catch (e) {
    return { records: [], errors: [`The file is not valid CSV: ${(e as Error).message}`] };
  }
  const first = records.shift()?.map((h) => h.toLowerCase());
  const errors = first?.join(",") === header.join(",") ? [] : [`Line 1 must be the header "${header.join(",")}"`];
  return { records, errors };
}
