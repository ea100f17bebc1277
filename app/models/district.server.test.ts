import { expect, it } from "vitest";
import type { Question } from "~/definition/definition";
import { describeEachDatabase } from "../../tests/databases";
import { districtLookup } from "./district.server";

const postcode = { id: "where", type: "postcode", title: "Postcode", required: false } as Question;
const other = { id: "comments", type: "free_text", title: "Comments", required: false, maxLength: 100 } as Question;

describeEachDatabase("postcode district lookup", (ctx) => {
  it("maps outward codes from the shipped table when a question asks for a postcode", async () => {
    const lookup = await districtLookup(ctx().handle.db, [other, postcode]);
    expect(lookup.lookupDistrict("DL3")).toEqual({ authority: "darlington", area: "Darlington west" });
    expect(lookup.lookupDistrict("ZZ9")).toBeNull();
  });

  it("does not read the table for questions that ask for no postcode", async () => {
    const lookup = await districtLookup(ctx().handle.db, [other]);
    expect(lookup.lookupDistrict("DL3")).toBeNull();
  });
});
