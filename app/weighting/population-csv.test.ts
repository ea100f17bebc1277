import { describe, expect, it } from "vitest";
import { parsePopulationCsv, populationCsvRows } from "./population-csv";
import { POPULATION_CSV_HEADER } from "./population-variables";

const HEADER = POPULATION_CSV_HEADER.join(",");
const good = [
  HEADER,
  'E06000047,sex,female,266901,"ONS Census 2021, TS008 Sex",2021-03-21,All usual residents',
  'E06000047,sex,male,255477,"ONS Census 2021, TS008 Sex",2021-03-21,All usual residents',
  'E06000047,ethnicity,asian+black+mixed+other,16558,"ONS Census 2021, TS021 Ethnic group",2021-03-21,All usual residents',
  'E06000005,total,all,107836,"ONS Census 2021, TS001",2021-03-21,All usual residents',
  'E06000047,ethnicity,white,505464,"ONS Census 2021, TS021 Ethnic group",2021-03-21,All usual residents',
].join("\n");

describe("population figures CSV", () => {
  it("reads figures mapped to the about-you answers and the authority", () => {
    const { figures, errors } = parsePopulationCsv(good);
    expect(errors).toEqual([]);
    expect(figures).toHaveLength(5);
    expect(figures[0]).toEqual({ line: 2, geography: "durham", variable: "sex", optionIds: ["female"], count: 266901, source: "ONS Census 2021, TS008 Sex", referenceDate: "2021-03-21", universe: "All usual residents" });
    expect(figures[2].optionIds).toEqual(["asian", "black", "mixed", "other"]);
    expect(figures[3]).toMatchObject({ geography: "darlington", variable: "total", optionIds: ["all"] });
    // And back again.
    expect(populationCsvRows(figures)[2].slice(0, 4)).toEqual(["E06000047", "ethnicity", "asian+black+mixed+other", "16558"]);
  });

  it("refuses the whole file with a message per wrong line", () => {
    const bad = [
      HEADER,
      "E06000047,sex,female,266901,Census,2021-03-21,All",
      "E09999999,sex,male,1,Census,2021-03-21,All",
      "E06000047,shoe_size,large,1,Census,2021-03-21,All",
      "E06000047,age,16_24+dog,1,Census,2021-03-21,All",
      "E06000047,sex,male,\"255,477\",Census,2021-03-21,All",
      "E06000047,sex,male,5,,2021-03-21,All",
      "E06000047,sex,male,5,Census,21/03/2021,All",
      "E06000047,sex,male,5,Census,2021-02-30,All",
      "E06000047,sex,male,5,Census,2021-03-21,",
      "E06000047,sex,female+male,5,Census,2021-03-21,All",
      "E06000047,sex,prefer_not_to_say,5,Census,2021-03-21,All",
      "E06000047,total,everyone,5,Census,2021-03-21,All",
      "E06000047,sex,male",
    ].join("\n");
    const { figures, errors } = parsePopulationCsv(bad);
    expect(figures).toEqual([]);
    expect(errors).toEqual([
      'Line 3: geography "E09999999" must be the ONS code of County Durham (E06000047) or Darlington (E06000005)',
      'Line 4: variable "shoe_size" must be one of total, age, sex, gender_identity, disability, ethnicity',
      'Line 5: category "16_24+dog" of age must be one of under_16, 16_24, 25_34, 35_44, 45_54, 55_64, 65_74, 75_plus, or several joined with "+"',
      'Line 6: count "255,477" must be a whole number of people from 1 to 100,000,000, without commas',
      'Line 7: enter the source, for example "ONS Census 2021, TS008 Sex"',
      'Line 8: reference date "21/03/2021" must be a date written as YYYY-MM-DD, for example 2021-03-21',
      'Line 9: reference date "2021-02-30" must be a date written as YYYY-MM-DD, for example 2021-03-21',
      'Line 10: enter the universe the count is of, for example "All usual residents"',
      'Line 11: E06000047 sex "female" is already counted on line 2; count each answer once per geography',
      'Line 12: "prefer_not_to_say" has no population figure; leave it out',
      'Line 13: the category of a total must be "all"',
      "Line 14: expected 7 columns (geography,variable,category,count,source,reference_date,universe) but found 3",
      "Line 2: E06000047 has only one category of sex; give at least two, or leave the variable out",
    ]);
  });

  it("needs the header, and at least one figure", () => {
    expect(parsePopulationCsv("a,b\n").errors[0]).toBe(`Line 1 must be the header "${HEADER}"`);
    expect(parsePopulationCsv(`${HEADER}\n`).errors).toEqual(["The file has no figures after the header line"]);
    expect(parsePopulationCsv('x,"y').errors[0]).toMatch(/^The file is not valid CSV/);
  });
});
