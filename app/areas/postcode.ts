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
