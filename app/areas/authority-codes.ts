/**
 * The ONS GSS codes of the two local authorities the Commissioner serves (ONS Register of
 * Geographic Codes): population figures are loaded by these codes and mapped to the authority a
 * resident's postcode district gives (AUTHORITIES in postcode.ts).
 */
export const AUTHORITY_GSS_CODES = {
  durham: "E06000047",
  darlington: "E06000005",
} as const;

export type PopulationAuthority = keyof typeof AUTHORITY_GSS_CODES;

export function authorityOfGssCode(code: string): PopulationAuthority | null {
  const found = (Object.keys(AUTHORITY_GSS_CODES) as PopulationAuthority[]).find((a) => AUTHORITY_GSS_CODES[a] === code.toUpperCase());
  return found ?? null;
}

/** The areas the population figures describe, as people name them. */
export const AUTHORITY_AREA_NAMES: Record<PopulationAuthority, string> = {
  durham: "County Durham",
  darlington: "Darlington",
};

export const POPULATION_AUTHORITIES = Object.keys(AUTHORITY_GSS_CODES) as PopulationAuthority[];
