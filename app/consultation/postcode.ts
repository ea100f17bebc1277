/**
 * "Where you live": the resident types a postcode, and only its outward code (DH1, DL3…) is
 * ever kept. Full postcodes can single a household out; districts cannot.
 */

const FULL = /^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$/;
const OUTWARD_ONLY = /^([A-Z]{1,2}[0-9][A-Z0-9]?)$/;

export type PostcodeParse = { ok: true; outward: string } | { ok: false };

export function outwardCode(input: string): PostcodeParse {
  const cleaned = input.toUpperCase().replace(/[^A-Z0-9]/g, "");
  const full = FULL.exec(cleaned);
  if (full) return { ok: true, outward: full[1] };
  const outward = OUTWARD_ONLY.exec(cleaned);
  return outward ? { ok: true, outward: outward[1] } : { ok: false };
}

export interface District {
  outward: string;
  authority: string;
  area: string;
}

export const AUTHORITIES: Record<string, string> = {
  durham: "Durham County Council",
  darlington: "Darlington Borough Council",
  outside: "Outside County Durham and Darlington",
};

/** Parses the lookup CSV that staff can replace: `outward,authority,area` with a header row. */
export function parseDistrictCsv(csv: string): { districts: District[]; errors: string[] } {
  const districts: District[] = [];
  const errors: string[] = [];
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = lines.shift()?.toLowerCase().replace(/\s/g, "");
  if (header !== "outward,authority,area") errors.push('The first line must be "outward,authority,area"');
  lines.forEach((line, i) => {
    const [outward = "", authority = "", area = ""] = line.split(",").map((s) => s.trim());
    const parsed = outwardCode(outward);
    if (!parsed.ok || parsed.outward !== outward.toUpperCase()) errors.push(`Line ${i + 2}: "${outward}" is not an outward code`);
    else if (!(authority in AUTHORITIES)) errors.push(`Line ${i + 2}: authority must be one of ${Object.keys(AUTHORITIES).join(", ")}`);
    else if (!area) errors.push(`Line ${i + 2}: enter an area name`);
    else districts.push({ outward: parsed.outward, authority, area });
  });
  return { districts, errors };
}
