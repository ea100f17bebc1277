import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDistrictCsv } from "./district-csv";
import { outwardCode } from "./postcode";

describe("outward code", () => {
  it.each([
    ["DH1 3HP", "DH1"],
    ["dh13hp", "DH1"],
    [" dl14 6aa ", "DL14"],
    ["SW1A 1AA", "SW1A"],
    ["M1 1AE", "M1"],
    ["DL3", "DL3"],
    ["d-h-1 3hp", "DH1"],
  ])("%s → %s", (input, outward) => {
    expect(outwardCode(input)).toEqual({ ok: true, outward });
  });

  it.each(["", "not a postcode", "123", "DH1 3H", "DHH1 3HP", "1DH 3HP"])("rejects %j", (input) => {
    expect(outwardCode(input)).toEqual({ ok: false });
  });
});

describe("district lookup CSV", () => {
  it("parses the shipped table", () => {
    const { districts, errors } = parseDistrictCsv(fs.readFileSync(new URL("../../db/postcode-districts.csv", import.meta.url), "utf8"));
    expect(errors).toEqual([]);
    expect(districts.find((d) => d.outward === "DH1")).toEqual({ outward: "DH1", authority: "durham", area: "Durham City" });
    expect(new Set(districts.map((d) => d.authority))).toEqual(new Set(["durham", "darlington", "outside"]));
  });

  it("reads quoted areas with commas and a byte-order mark", () => {
    const csv = '\ufeffoutward,authority,area\r\nDL1,darlington,"Darlington town, east"\r\n';
    expect(parseDistrictCsv(csv)).toEqual({ districts: [{ outward: "DL1", authority: "darlington", area: "Darlington town, east" }], errors: [] });
  });

  it("says which line is wrong and how to fix it", () => {
    const csv = ["postcode,council,area", "DH1 3HP,durham,Durham", "DH2,leeds,Chester-le-Street", "DH3,durham,", "DH2,durham,Again", "DH2,durham,Twice", "DL1,darlington"].join("\n");
    expect(parseDistrictCsv(csv).errors).toEqual([
      'Line 1 must be the header "outward,authority,area"',
      'Line 2: "DH1 3HP" is not an outward code; use the first part of a postcode, like DH1',
      'Line 3: authority "leeds" must be one of durham, darlington, outside',
      "Line 4: enter an area name for DH3",
      "Line 6: DH2 is already on line 5; list each outward code once",
      "Line 7: expected 3 columns (outward,authority,area) but found 2",
    ]);
  });

  it("rejects an empty table and text that is not CSV", () => {
    expect(parseDistrictCsv("outward,authority,area\n").errors).toEqual(["The file has no districts after the header line"]);
    expect(parseDistrictCsv('outward,authority,area\nDH1,durham,"unclosed').errors[0]).toMatch(/^The file is not valid CSV: /);
  });
});
