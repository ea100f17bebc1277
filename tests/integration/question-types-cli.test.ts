import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";
import { allQuestionTypes, allQuestionTypesInput, ALL_QUESTION_TYPES_FILE } from "../fixtures";
import { describeEachDatabase } from "../databases";

/** The three commands, run as staff run them, against the suite's database. */
const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yoursay-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return file;
}

describeEachDatabase("consultation and district commands", (ctx) => {
  const cli = async (script: string, args: string[]) => {
    try {
      // node --import tsx, as npm run would via tsx, without npx's start-up cost.
      const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", `scripts/${script}.ts`, ...args], { env: { ...process.env, DATABASE_URL: ctx().url } });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };

  it("imports a new consultation, says so, and refuses one without a title", async () => {
    const missing = await cli("consultation-import", [ALL_QUESTION_TYPES_FILE]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('slug: There is no consultation "all-question-types" yet; to create it, give it a title (--title "…")');
    const created = await cli("consultation-import", [ALL_QUESTION_TYPES_FILE, "--slug", "cli-test", "--title", "CLI test", "--live", "--kind", "survey"]);
    expect(created).toMatchObject({ code: 0, stdout: 'Created "cli-test" and published it as version 1.\n' });
  });

  it("names the path and the fix, and changes nothing, for an invalid document", async () => {
    const broken = allQuestionTypesInput();
    broken.pages[2].questions[0] = { id: "issues", type: "multiple_choice", title: "Issues", options: ["asb", "drugs", "speeding", "asb"].map((id) => ({ id, label: id })) };
    const result = await cli("consultation-import", [write("broken.json", broken), "--slug", "cli-test"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('pages[2].questions[0].options[3].id: "asb" is used twice in this question');
    const notJson = await cli("consultation-import", [write("not.json", "{ pages: "), "--slug", "cli-test"]);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(/not\.json: not valid JSON \(.*\); check for a missing comma or quote there/);
    const exported = await cli("consultation-export", ["cli-test"]);
    expect(JSON.parse(exported.stdout)).toEqual(allQuestionTypes());
  });

  it("publishes a changed document as a new version, and exports either version", async () => {
    const changed = allQuestionTypesInput();
    changed.pages[0].questions[0].title = "Where do you hear about policing?";
    const result = await cli("consultation-import", [write("v2.json", changed), "--slug", "cli-test"]);
    expect(result.stdout).toMatch(/^Published version 2 of "cli-test"\. The 0 response\(s\) given so far keep the version they answered/);
    const v2 = await cli("consultation-export", ["cli-test"]);
    expect(JSON.parse(v2.stdout).pages[0].questions[0].title).toBe("Where do you hear about policing?");
    const out = path.join(dir, "v1.json");
    const v1 = await cli("consultation-export", ["cli-test", "--version", "1", "--out", out]);
    expect(v1.stderr).toContain(`Wrote version 1 of "cli-test" to ${out}`);
    // An export reads back unchanged: importing it is "nothing to do" for the same version's content.
    const again = await cli("consultation-import", [write("v2-again.json", v2.stdout), "--slug", "cli-test"]);
    expect(again.stdout).toBe('"cli-test" already has this definition (version 2); nothing to do.\n');
    expect((await cli("consultation-export", ["nope"])).stderr).toContain('There is no consultation "nope"');
  });

  it("replaces the postcode lookup from CSV, or leaves it alone with line-by-line errors", async () => {
    const good = await cli("districts-import", [write("districts.csv", 'outward,authority,area\nDH1,durham,"Durham City, centre"\nDL3,darlington,Darlington west\n')]);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/districts before, 2 now\.$/m);
    const bad = await cli("districts-import", [write("bad.csv", "outward,authority,area\nDH1 3HP,durham,Durham\nDL3,leeds,West\n")]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Line 2: "DH1 3HP" is not an outward code; use the first part of a postcode, like DH1');
    expect(bad.stderr).toContain('Line 3: authority "leeds" must be one of durham, darlington, outside');
    const rows = await ctx().handle.db.selectFrom("postcode_districts").select(["outward", "area"]).orderBy("outward").execute();
    expect(rows).toEqual([
      { outward: "DH1", area: "Durham City, centre" },
      { outward: "DL3", area: "Darlington west" },
    ]);
  });
});
