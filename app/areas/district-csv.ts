import { referenceCsvRecords } from "./reference-csv";
import { AUTHORITIES, outwardCode, type District } from "./postcode";

/**
 * The postcode lookup that ships as db/postcode-districts.csv and that staff can replace:
 * `outward,authority,area` with a header row. Kept out of postcode.ts so the CSV parser never
 * reaches the browser bundle (the question components import postcode.ts).
 */

const HEADER = ["outward", "authority", "area"];

export function parseDistrictCsv(csv: string): { districts: District[]; errors: string[] } {
  const { records, errors } = referenceCsvRecords(csv, HEADER);
  const districts: District[] = [];
  const seen = new Map<string, number>();
  records.forEach((record, i) => {
    const line = i + 2;
    const [outward = "", authority = "", area = ""] = record;
    const parsed = outwardCode(outward);
    if (record.length !== 3) errors.push(`Line ${line}: expected 3 columns (outward,authority,area) but found ${record.length}`);
    else if (!parsed.ok || parsed.outward !== outward.toUpperCase()) errors.push(`Line ${line}: "${outward}" is not an outward code; use the first part of a postcode, like DH1`);
    else if (!(authority in AUTHORITIES)) errors.push(`Line ${line}: authority "${authority}" must be one of ${Object.keys(AUTHORITIES).join(", ")}`);
    else if (!area) errors.push(`Line ${line}: enter an area name for ${parsed.outward}`);
    else if (seen.has(parsed.outward)) errors.push(`Line ${line}: ${parsed.outward} is already on line ${seen.get(parsed.outward)}; list each outward code once`);
    else {
      seen.set(parsed.outward, line);
      districts.push({ outward: parsed.outward, authority, area });
    }
  });
  if (!errors.length && districts.length === 0) errors.push("The file has no districts after the header line");
  return { districts, errors };
}
