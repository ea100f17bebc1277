import { describe, expect, it } from "vitest";
import { categoryLabel, collapseCategories, missingFigures, prepareWeighting, rakeMargins, weightingColumns, type Cell } from "./margins";
import { parsePopulationCsv } from "./population-csv";

const cat = (label: string, respondents: number, population = 100) => ({ label, optionIds: [label], population, respondents });

describe("collapsing small categories by the declared rule", () => {
  it("merges the smallest category below the minimum with the neighbour that has fewer respondents, until none is below", () => {
    const { categories, merges } = collapseCategories([cat("a", 5), cat("b", 30), cat("c", 12), cat("d", 40)], 20);
    expect(categories.map((c) => [c.label, c.respondents, c.population, c.optionIds])).toEqual([
      ["a or b or c", 47, 300, ["a", "b", "c"]],
      ["d", 40, 100, ["d"]],
    ]);
    expect(merges).toEqual(['"a" (5 respondents) merged with "b" (30)', '"c" (12 respondents) merged with "a or b" (35)']);
  });

  it("leaves one category when there are too few respondents in all", () => {
    expect(collapseCategories([cat("a", 3), cat("b", 4)], 20).categories).toHaveLength(1);
    expect(collapseCategories([cat("a", 30), cat("b", 40)], 20).merges).toEqual([]);
  });
});

const csv = `geography,variable,category,count,source,reference_date,universe
E06000047,sex,female,266901,"ONS Census 2021, TS008 Sex",2021-03-21,All usual residents
E06000047,sex,male,255477,"ONS Census 2021, TS008 Sex",2021-03-21,All usual residents
E06000047,total,all,522378,"ONS Census 2021, TS008 Sex",2021-03-21,All usual residents
E06000005,total,all,107836,"ONS Census 2021, TS001",2021-03-21,All usual residents
`;

describe("preparing the margins", () => {
  const { figures } = parsePopulationCsv(csv);
  const cells: Cell[] = [
    { values: { authority: "durham", sex: "female" }, n: 60 },
    { values: { authority: "durham", sex: "male" }, n: 30 },
    { values: { authority: "durham", sex: "prefer_not_to_say" }, n: 5 },
    { values: { authority: "darlington", sex: "male" }, n: 40 },
    { values: { sex: "female" }, n: 7 },
  ];

  it("uses sex where it has figures, names what is missing, and gives each cell its category", () => {
    const p = prepareWeighting(figures, cells, ["authority", "sex", "age"]);
    expect(p.margins.map((m) => m.name)).toEqual(["Local authority (from the postcode)", "Sex (County Durham)"]);
    expect(p.margins[0].categories.map((c) => [c.label, c.population, c.respondents])).toEqual([
      ["County Durham", 522378, 95],
      ["Darlington", 107836, 40],
    ]);
    expect(p.unusable).toEqual([{ variable: "age", reason: "no figures for County Durham; no figures for Darlington" }]);
    expect(p.notes).toContain("Sex: no figures for Darlington, so respondents there keep their weight in this margin.");
    expect(p.notes).toContain('Sex (County Durham): 5 respondents chose "prefer not to say" or an answer the figures do not cover; they keep their weight.');
    expect(p.notes).toContain("Local authority: 7 respondents gave no postcode, one outside the area or one not recognised; they keep their weight.");
    const [authority, sex] = rakeMargins(p.margins, cells);
    expect(Array.from(authority.category)).toEqual([0, 0, 0, 1, -1]);
    expect(Array.from(sex.category)).toEqual([0, 1, -1, -1, -1]);
    expect(sex.targets).toEqual([266901, 255477]);
  });

  it("names a variable that cannot be used because too few respondents are left in a category", () => {
    const few: Cell[] = [
      { values: { authority: "durham", sex: "female" }, n: 60 },
      { values: { authority: "durham", sex: "male" }, n: 3 },
    ];
    const p = prepareWeighting(figures, few, ["sex"]);
    expect(p.margins).toEqual([]);
    expect(p.unusable[0].reason).toContain('too few respondents in County Durham to keep two categories ("Male" (3 respondents) merged with "Female" (60))');
  });
});

describe("saying which figures are missing", () => {
  it("names every variable and area without figures", () => {
    const { figures } = parsePopulationCsv(csv);
    expect(missingFigures(figures)).toEqual([
      "Age: none loaded",
      "Sex: none for Darlington",
      "Gender identity: none loaded",
      "Long-term health condition or illness: none loaded",
      "Ethnic group: none loaded",
    ]);
    expect(missingFigures([])[0]).toBe("Population totals (to compare and weight by local authority): none loaded");
  });
});

describe("category labels", () => {
  it("names a category of all answers but a few by what it leaves out", () => {
    expect(categoryLabel("ethnicity", ["asian", "black", "mixed", "other"])).toBe("Other than White");
    expect(categoryLabel("age", ["16_24", "25_34"])).toBe("16 to 24 or 25 to 34");
    expect(categoryLabel("sex", ["female"])).toBe("Female");
  });
});

describe("the weighting variables a consultation asks", () => {
  it("finds the postcode for the authority and the about-you items with population figures, never the victim item", () => {
    const definition = {
      pages: [
        { id: "a", title: "A", questions: [{ id: "where", type: "postcode", title: "Postcode" }] },
        { id: "b", title: "B", questions: [{ id: "you", type: "about_you", title: "About you", fields: ["victim", "sex", "age"] }] },
      ],
    };
    expect(weightingColumns(definition as never)).toEqual({
      authority: { questionId: "where", itemId: "" },
      sex: { questionId: "you", itemId: "sex" },
      age: { questionId: "you", itemId: "age" },
    });
  });
});
