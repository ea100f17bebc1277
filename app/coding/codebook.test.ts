import { describe, expect, it } from "vitest";
import { activeInOrder, applyMoves, codesFromFile, fromCsvRows, parseFile, planChange, toCsvRows, toFile, CODEBOOK_CSV_HEADER, type Code } from "./codebook";
import { POLICING_CODEBOOK } from "./policing-codebook";

let n = 0;
const newId = () => `id${++n}`;
const start = () => codesFromFile(POLICING_CODEBOOK, newId);
const byKey = (codes: Code[], key: string) => codes.find((c) => c.key === key)!;

function apply(codes: Code[], change: Parameters<typeof planChange>[1]) {
  const r = planChange(codes, change, newId);
  if (!r.ok) throw new Error(r.message);
  return r.plan;
}

describe("starting codebook", () => {
  it("is a valid two-level codebook that covers the plan's themes", () => {
    expect(parseFile(POLICING_CODEBOOK).ok).toBe(true);
    const codes = start();
    for (const key of ["asb", "drugs", "speeding", "visible", "vawg", "burglary", "rural", "online", "contact", "response"])
      expect(byKey(codes, key)).toBeTruthy();
    expect(codes.every((c) => c.parentId === null || codes.find((p) => p.id === c.parentId)!.parentId === null)).toBe(true);
  });
});

describe("codebook changes", () => {
  it("merging moves codings to the target and retires the source", () => {
    const codes = start();
    const plan = apply(codes, { kind: "merge", sourceIds: [byKey(codes, "parking").id], targetId: byKey(codes, "speeding").id });
    expect(byKey(plan.codes, "parking")).toMatchObject({ status: "retired", replacedBy: [byKey(codes, "speeding").id] });
    expect(plan.moves).toEqual([{ from: byKey(codes, "parking").id, to: byKey(codes, "speeding").id }]);
    // An answer coded with both keeps one.
    expect(applyMoves([byKey(codes, "parking").id, byKey(codes, "speeding").id], plan.moves)).toEqual([byKey(codes, "speeding").id]);
    expect(plan.summary).toBe('Merged "Parking" into "Speeding and road safety"');
  });

  it("splitting creates the new codes beside the old one and moves codings to the one chosen", () => {
    const codes = start();
    const asb = byKey(codes, "asb");
    const plan = apply(codes, { kind: "split", id: asb.id, into: ["Off-road bikes", "Groups of youths"], keepWith: 1 });
    const created = plan.codes.filter((c) => plan.created.includes(c.id));
    expect(created.map((c) => [c.name, c.parentId])).toEqual([
      ["Off-road bikes", asb.parentId],
      ["Groups of youths", asb.parentId],
    ]);
    expect(created[1].definition).toBe(asb.definition);
    expect(plan.moves).toEqual([{ from: asb.id, to: created[1].id }]);
    expect(byKey(plan.codes, "asb").status).toBe("retired");
    // A split code cannot come back: its codings have gone.
    expect(planChange(plan.codes, { kind: "restore", id: asb.id }, newId).ok).toBe(false);
  });

  it("renaming and retiring keep every coding where it was", () => {
    const codes = start();
    const drugs = byKey(codes, "drugs");
    const renamed = apply(codes, { kind: "edit", id: drugs.id, fields: { ...drugs, name: "Drug dealing and use" } });
    expect(renamed.moves).toEqual([]);
    expect(renamed.summary).toBe('Renamed "Drugs" to "Drug dealing and use"');
    const retired = apply(renamed.codes, { kind: "retire", id: drugs.id });
    expect(retired.moves).toEqual([]);
    expect(activeInOrder(retired.codes).some((c) => c.id === drugs.id)).toBe(false);
    expect(apply(retired.codes, { kind: "restore", id: drugs.id }).codes.find((c) => c.id === drugs.id)!.status).toBe("active");
  });

  it("refuses a third level, a duplicate name and retiring a group with codes", () => {
    const codes = start();
    const r1 = planChange(
      codes,
      {
        kind: "add",
        parentId: byKey(codes, "drugs").id,
        fields: { name: "X", definition: "", include: "", exclude: "", examples: [], rules: [], planSection: null },
      },
      newId
    );
    expect(r1).toMatchObject({ ok: false, field: "parentId" });
    const r2 = planChange(
      codes,
      {
        kind: "add",
        parentId: byKey(codes, "crime").id,
        fields: { name: "drugs", definition: "", include: "", exclude: "", examples: [], rules: [], planSection: null },
      },
      newId
    );
    expect(r2).toMatchObject({ ok: false, field: "name" });
    expect(planChange(codes, { kind: "retire", id: byKey(codes, "crime").id }, newId)).toMatchObject({ ok: false });
  });
});

describe("codebook files", () => {
  it("round-trips through JSON and CSV", () => {
    const codes = start();
    const file = toFile("Policing", codes);
    expect(parseFile(JSON.parse(JSON.stringify(file)))).toEqual({ ok: true, file });
    const rows = toCsvRows(file);
    const records = rows.map((r) => Object.fromEntries(CODEBOOK_CSV_HEADER.map((h, i) => [h, r[i]])));
    expect(fromCsvRows("Policing", records)).toEqual({ ok: true, file });
  });

  it("names the row of a bad CSV and the path of a bad JSON", () => {
    expect(fromCsvRows("x", [{ key: "a", parent_key: "nope", name: "A" }])).toEqual({
      ok: false,
      errors: ['Row 2: parent_key "nope" is not the key of a top-level code'],
    });
    const bad = parseFile({ ...POLICING_CODEBOOK, codes: [{ ...POLICING_CODEBOOK.codes[0], name: "" }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]).toBe("codes.0.name: Enter a name for the code");
  });
});
