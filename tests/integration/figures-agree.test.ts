import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConsultationDefinitionInput } from "~/definition/definition";
import type { Answers } from "~/responding/answers";
import { createConsultation, getConsultationBySlug, setResultsPublished } from "~/models/consultation.server";
import { createIndicator, ensureDefaultSections, listSections } from "~/models/evidence.server";
import { submitResponse } from "~/models/response.server";
import { buildOnce, freePort, ROOT, startApp, stopApp, type AppProcess } from "./helpers/app-server";
import { serverDatabase, serverDatabaseKinds, type ServerDatabase } from "./helpers/databases";
import { htmlText } from "./helpers/html";
import { staffSession } from "./helpers/staff";

/**
 * Figures you can defend (issue 11): the same figure, read the way each reader reads it (the
 * public page and the staff page "as published" as HTML, results.csv and results.xlsx as files,
 * `npm run results -- --published` on the console, the evidence API and its sentence, the
 * chart's caption), is the same digits everywhere, equal to a figure computed here from the
 * answers submitted (half away from zero, in integers), and every output withholds the same
 * cells. A page about a subgroup shows that subgroup's own response totals.
 *
 * The answers: 80 residents, 76 online and 4 on paper (a channel total that must be withheld);
 * 51, 13 and 11 of 80 are exact halves in tenths of a per cent (63.75, 16.25, 13.75), and 5 of
 * 80 must be withheld, so at least one more cell of that table must be too.
 */

const SLUG = "figures-you-can-defend";
const THRESHOLD = 10;
const run = promisify(execFile);

const definition: ConsultationDefinitionInput = {
  pages: [
    {
      id: "p1",
      title: "Priorities",
      questions: [
        {
          id: "priority",
          type: "single_choice",
          title: "Which should be the top priority",
          options: [
            { id: "neighbourhood", label: "Neighbourhood policing" },
            { id: "roads", label: "Road safety" },
            { id: "online_crime", label: "Online crime" },
            { id: "other", label: "Something else" },
          ],
        },
        { id: "victim", type: "single_choice", title: "Have you been a victim of crime", options: [{ id: "yes", label: "Yes" }, { id: "no", label: "No" }] },
      ],
    },
  ],
};
const LABELS: Record<string, string> = { neighbourhood: "Neighbourhood policing", roads: "Road safety", online_crime: "Online crime", other: "Something else", yes: "Yes", no: "No" };

/** Who answered what: [victim, priority, channel, how many]. */
const GROUPS: ["yes" | "no", string, "online" | "paper", number][] = [
  ["yes", "neighbourhood", "online", 25],
  ["yes", "roads", "online", 7],
  ["yes", "online_crime", "online", 5],
  ["yes", "other", "online", 3],
  ["no", "neighbourhood", "online", 26],
  ["no", "roads", "online", 2],
  ["no", "roads", "paper", 4],
  ["no", "online_crime", "online", 6],
  ["no", "other", "online", 2],
];

/** Percent to one decimal place, half away from zero, from the integers (not from a float). */
function percentText(count: number, base: number): string {
  const tenths = Math.floor((2000 * count + base) / (2 * base));
  return tenths % 10 === 0 ? String(tenths / 10) : `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/** What a reader sees of one figure: its count and percentage as printed, or "[c]". */
type Shown = { count: string; percent: string };
type Output = Map<string, Shown>;

function expected(filter: "victims" | null) {
  const rows = GROUPS.filter(([v]) => filter === null || v === "yes");
  const sum = (f: (g: (typeof GROUPS)[number]) => boolean) => rows.filter(f).reduce((a, g) => a + g[3], 0);
  const total = sum(() => true);
  const cells = new Map<string, { count: number; percent: string }>();
  for (const o of ["neighbourhood", "roads", "online_crime", "other"]) cells.set(`priority|${o}`, { count: sum((g) => g[1] === o), percent: percentText(sum((g) => g[1] === o), total) });
  for (const o of ["yes", "no"]) cells.set(`victim|${o}`, { count: sum((g) => g[0] === o), percent: percentText(sum((g) => g[0] === o), total) });
  const channels = new Map<string, number>([
    ["online", sum((g) => g[2] === "online")],
    ["paper", sum((g) => g[2] === "paper")],
    ["total", total],
  ]);
  return { total, cells, channels };
}

/** The rows of the HTML table with this id: each row's cells as text. */
function htmlTable(html: string, id: string): string[][] {
  const start = html.indexOf(`id="${id}"`);
  expect(start, `no table ${id}`).toBeGreaterThan(-1);
  const table = html.slice(start, html.indexOf("</table>", start));
  const body = table.slice(table.indexOf("<tbody"));
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => htmlText(c[1])));
}

const idOf = (label: string) => Object.entries(LABELS).find(([, l]) => l === label)?.[0] ?? label;
const pct = (text: string) => (text === "[c]" ? "[c]" : text.replace(/%$/, ""));

/** The figures of a results page (public, or staff "as published"): answers and response totals. */
function fromPage(html: string): { cells: Output; channels: Map<string, string>; caption: string } {
  const cells: Output = new Map();
  // Each answer's share and count share one cell, "63.8% (51)" or "[c] ([c])", as a phone shows them.
  for (const q of ["priority", "victim"]) {
    for (const [label, both] of htmlTable(html, `table-${q}`)) {
      const [, percent, count] = both.match(/^(\S+) \((\S+)\)$/)!;
      cells.set(`${q}|${idOf(label)}`, { count, percent: pct(percent) });
    }
  }
  const channels = new Map<string, string>();
  for (const [label, n] of htmlTable(html, "response-totals")) channels.set(label === "Total" ? "total" : label === "Online" ? "online" : label === "On paper" ? "paper" : label, n);
  const caption = htmlText(html.match(/<caption[^>]*>([\s\S]*?)<\/caption>/)![1]);
  return { cells, channels, caption };
}

function fromCsv(text: string): Output {
  const rows: Record<string, string>[] = parse(text, { columns: true, bom: true });
  return new Map(rows.filter((r) => ["priority", "victim"].includes(r.question_id)).map((r) => [`${r.question_id}|${r.option_id}`, { count: r.count, percent: r.percent }]));
}

async function fromWorkbook(bytes: Buffer): Promise<{ cells: Output; channels: Map<string, string> }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.read(Readable.from(bytes));
  const cells: Output = new Map();
  for (const sheet of wb.worksheets) {
    const head = (sheet.getRow(1).values as unknown[]).map(String);
    const at = (name: string) => head.indexOf(name);
    if (["question_id", "option_id", "count", "percent"].some((h) => at(h) < 0)) continue;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const v = (name: string) => String(row.getCell(at(name)).value ?? "");
      if (["priority", "victim"].includes(v("question_id"))) cells.set(`${v("question_id")}|${v("option_id")}`, { count: v("count"), percent: v("percent") });
    });
  }
  const channels = new Map<string, string>();
  wb.getWorksheet("Summary")!.eachRow((row) => {
    const [label, n] = [String(row.getCell(1).value ?? "").trim(), String(row.getCell(2).value ?? "")];
    if (label === "Responses counted") channels.set("total", n);
    if (label === "Online") channels.set("online", n);
    if (label === "On paper") channels.set("paper", n);
  });
  return { cells, channels };
}

/** `npm run results` prints each table as columns separated by two or more spaces. */
function fromConsole(text: string): { cells: Output; channels: Map<string, string> } {
  const cells: Output = new Map();
  const lines = text.split("\n");
  for (const [q, title] of [
    ["priority", "Which should be the top priority"],
    ["victim", "Have you been a victim of crime"],
  ]) {
    const start = lines.indexOf(title);
    expect(start, `no table "${title}" in:\n${text}`).toBeGreaterThan(-1);
    for (const line of lines.slice(start + 2)) {
      if (!line.trim() || line.trim().startsWith("Base:")) break;
      const [label, count, percent] = line.trim().split(/\s{2,}/);
      cells.set(`${q}|${idOf(label)}`, { count, percent: pct(percent) });
    }
  }
  // "80 responses counted (Online [c], On paper [c])"
  const [, total, parts] = lines[1].match(/^(\S+) responses counted \((.*)\)$/)!;
  const channels = new Map(parts.split(", ").map((p) => [p.startsWith("On paper") ? "paper" : p.startsWith("Online") ? "online" : p, p.split(" ").at(-1)!] as [string, string]));
  channels.set("total", total);
  return { cells, channels };
}

const withheld = (o: Output) => [...o].filter(([, s]) => s.count === "[c]").map(([k]) => k).sort();

/** Checks one output against the figures computed here: shown ones to the digit, small ones withheld. */
function checkAgainst(name: string, shown: Output, want: ReturnType<typeof expected>["cells"]) {
  expect([...shown.keys()].sort(), name).toEqual([...want.keys()].sort());
  for (const [key, w] of want) {
    const s = shown.get(key)!;
    if (s.count === "[c]") {
      expect(s.percent, `${name} ${key}: a withheld count's percentage is withheld too`).toBe("[c]");
      continue;
    }
    expect({ key, ...s }, name).toEqual({ key, count: String(w.count), percent: w.count === 0 ? "0" : w.percent });
    expect(w.count === 0 || w.count >= THRESHOLD, `${name} shows ${key} = ${w.count}`).toBe(true);
  }
  // With the base published, one withheld count in a table would be the base less the others.
  for (const q of ["priority", "victim"]) {
    const hidden = [...want].filter(([k, w]) => k.startsWith(`${q}|`) && w.count > 0 && shown.get(k)!.count === "[c]");
    expect(hidden.length === 1, `${name}: ${q} withholds only ${hidden.map(([k]) => k).join()}, which its base gives back`).toBe(false);
  }
}

for (const kind of serverDatabaseKinds()) {
  describe(`the same figures in every output [${kind}]`, () => {
    let database: ServerDatabase;
    let app: AppProcess | undefined;
    let cookie: string;
    let consultationId: string;
    let get: (path: string) => Promise<Response>;

    beforeAll(async () => {
      database = await serverDatabase(kind);
      const handle = database.open();
      try {
        const db = handle.db;
        await createConsultation(db, { slug: SLUG, title: "Figures you can defend", summary: "Priorities.", kind: "survey", status: "live", opensAt: null, closesAt: null, definition });
        const c = (await getConsultationBySlug(db, { slug: SLUG }))!;
        consultationId = c.id;
        for (const [victim, priority, channel, n] of GROUPS) {
          const answers: Answers = { priority: { type: "single_choice", option: priority }, victim: { type: "single_choice", option: victim } };
          for (let i = 0; i < n; i++) await submitResponse(db, { consultationId: c.id, versionId: c.versionId, channel, answers, nonce: randomUUID(), tokenExpiresAt: "2099-01-01T00:00:00.000Z" });
        }
        await ensureDefaultSections(db);
        const [section] = await listSections(db);
        const indicator = { consultationId: c.id, sectionId: section.id, questionId: "priority", itemId: "", optionIds: ["neighbourhood"], previousIndicatorId: null };
        await createIndicator(db, { ...indicator, filter: null, template: "{percent} want neighbourhood policing first" });
        await createIndicator(db, { ...indicator, filter: { questionId: "victim", itemId: "", optionIds: ["yes"] }, template: "{percent} of victims want neighbourhood policing first" });
        await setResultsPublished(db, { id: c.id, whatWeDid: "We listened.", published: true });
      } finally {
        await handle.close();
      }
      app = await startApp({ buildDir: buildOnce(), databaseUrl: database.url, port: await freePort(), script: "server.ts", env: { SUPPRESSION_THRESHOLD: String(THRESHOLD) } });
      cookie = await staffSession(app.url, database.url, "analyst");
      get = async (path) => {
        const res = await fetch(`${app!.url}${path}`, { headers: { cookie } });
        expect(res.status, path).toBe(200);
        return res;
      };
    }, 300_000);

    afterAll(async () => {
      await stopApp(app);
      await database?.drop();
    });

    it("public page, staff page as published, results.csv, results.xlsx, npm run results, the evidence API and sentence and the chart agree, digit for digit, and withhold the same cells", async () => {
      const want = expected(null);
      const staffPath = `/staff/consultations/${consultationId}`;
      const publicPage = fromPage(await (await get(`/consultations/${SLUG}/results`)).text());
      const publicHtml = await (await get(`/consultations/${SLUG}/results`)).text();
      const staffPage = fromPage(await (await get(`${staffPath}/results?published=1`)).text());
      const csv = fromCsv(await (await get(`${staffPath}/export/results.csv?published=1`)).text());
      const xlsx = await fromWorkbook(Buffer.from(await (await get(`${staffPath}/export/results.xlsx?published=1`)).arrayBuffer()));
      const cli = await run(process.execPath, ["--import", "tsx", "scripts/results.ts", SLUG, "--published"], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", DATABASE_URL: database.url, SESSION_SECRET: "cli-secret-cli-secret-cli-secret-0123", SUPPRESSION_THRESHOLD: String(THRESHOLD) },
      });
      const console_ = fromConsole(cli.stdout);

      const outputs: [string, Output][] = [
        ["public page", publicPage.cells],
        ["staff page as published", staffPage.cells],
        ["results.csv", csv],
        ["results.xlsx", xlsx.cells],
        ["npm run results", console_.cells],
      ];
      for (const [name, o] of outputs) checkAgainst(name, o, want.cells);
      // The small count is withheld, and with it at least one more, the same ones everywhere.
      expect(withheld(publicPage.cells)).toContain("priority|other");
      for (const [name, o] of outputs) expect(withheld(o), name).toEqual(withheld(publicPage.cells));
      // The exact halves, as every output prints them.
      for (const [name, o] of outputs) for (const [key, digits] of [["priority|neighbourhood", "63.8"]] as const) if (o.get(key)!.count !== "[c]") expect(o.get(key)!.percent, name).toBe(digits);

      // Response totals: 4 on paper is withheld, and so is whatever would give it back.
      const channelOutputs: [string, Map<string, string>][] = [
        ["public page", publicPage.channels],
        ["staff page as published", staffPage.channels],
        ["results.xlsx summary", xlsx.channels],
        ["npm run results", console_.channels],
      ];
      for (const [name, ch] of channelOutputs) {
        expect(ch.get("paper"), name).toBe("[c]");
        expect([ch.get("online"), ch.get("total")].filter((n) => n !== "[c]").length, `${name}: paper would be total − online`).toBeLessThan(2);
        for (const [k, n] of ch) if (n !== "[c]") expect(n, `${name} ${k}`).toBe(String(want.channels.get(k)));
        expect(ch, name).toEqual(publicPage.channels);
      }

      // The chart says which bars it leaves out: the same answers the table withholds.
      const priorityChart = publicHtml.slice(publicHtml.indexOf('data-chart="chart-priority"'));
      const caption = htmlText(priorityChart.slice(0, priorityChart.indexOf("</figcaption>")));
      const notDrawn = caption.match(/Not drawn, because withheld to protect respondents \(\[c\]\): ([^.]*)\./)?.[1].split("; ") ?? [];
      expect(notDrawn.map(idOf).map((o) => `priority|${o}`).sort()).toEqual(withheld(publicPage.cells).filter((k) => k.startsWith("priority|")));

      // Evidence: the API's figure and sentence, and the page's sentence, are the table's.
      const api = (await (await get("/api/evidence.json")).json()) as { statements: { consultation: { slug: string }; statement: string | null; figure: { count: number; base: number; percent: number } | null; base: { n: number | null } }[] };
      const mine = api.statements.filter((s) => s.consultation.slug === SLUG);
      const all = mine.find((s) => s.statement?.startsWith("63.8%"));
      expect(all?.figure).toMatchObject({ count: 51, base: 80, percent: 63.8 });
      expect(all?.statement).toBe(`${publicPage.cells.get("priority|neighbourhood")!.percent}% want neighbourhood policing first`);
      expect(htmlText(publicHtml)).toContain("63.8% want neighbourhood policing first");
    }, 300_000);

    it("a page about a subgroup (victims) shows the subgroup's own figures and response totals, agreeing with its download and evidence statement", async () => {
      const want = expected("victims");
      const staffPath = `/staff/consultations/${consultationId}`;
      const filter = `filter=${encodeURIComponent("victim||yes")}`;
      const page = fromPage(await (await get(`${staffPath}/results?published=1&${filter}`)).text());
      const raw = fromPage(await (await get(`${staffPath}/results?${filter}`)).text());
      const csv = fromCsv(await (await get(`${staffPath}/export/results.csv?published=1&${filter}`)).text());
      const xlsx = await fromWorkbook(Buffer.from(await (await get(`${staffPath}/export/results.xlsx?published=1&${filter}`)).arrayBuffer()));
      // Staff's own figures: the victims' totals as counted, not the whole consultation's.
      expect(raw.caption).toMatch(/How people in this group responded/);
      expect(raw.channels.get("total")).toBe(String(want.total));
      expect(raw.channels.get("online")).toBe(String(want.channels.get("online")));
      expect(raw.cells.get("priority|neighbourhood")).toEqual({ count: "25", percent: "62.5" });
      for (const [name, o] of [
        ["staff page as published", page.cells],
        ["results.csv", csv],
        ["results.xlsx", xlsx.cells],
      ] as const) {
        checkAgainst(`victims: ${name}`, o, want.cells);
        expect(withheld(o), name).toEqual(withheld(page.cells));
      }
      expect(page.caption).toMatch(/How people in this group responded/);
      for (const ch of [page.channels, xlsx.channels]) {
        expect(ch.get("total")).not.toBe("80");
        for (const [k, n] of ch) if (n !== "[c]") expect(n, k).toBe(String(want.channels.get(k)));
      }
      const api = (await (await get("/api/evidence.json")).json()) as { statements: { consultation: { slug: string }; statement: string | null; figure: { count: number; base: number; percent: number } | null }[] };
      const victims = api.statements.find((s) => s.consultation.slug === SLUG && s.statement?.includes("of victims"));
      if (page.cells.get("priority|neighbourhood")!.count === "[c]") expect(victims).toBeUndefined();
      else expect(victims?.statement).toBe(`${page.cells.get("priority|neighbourhood")!.percent}% of victims want neighbourhood policing first`);
    }, 300_000);
    it("a breakdown (by victim) shows the same cells on the page and in breakdown.csv, the groups' counts as counted, and never gives back what the whole table withholds", async () => {
      const staffPath = `/staff/consultations/${consultationId}`;
      const by = `by=${encodeURIComponent("victim|")}`;
      const html = await (await get(`${staffPath}/results?published=1&${by}`)).text();
      const whole = fromPage(await (await get(`/consultations/${SLUG}/results`)).text()).cells;
      const csvRows: Record<string, string>[] = parse(await (await get(`${staffPath}/export/breakdown.csv?published=1&${by}`)).text(), { columns: true, bom: true });
      const groups = ["yes", "no", "_all"];
      const page = new Map<string, Shown>();
      for (const [label, ...cells] of htmlTable(html, "table-priority")) {
        if (label.startsWith("Base")) continue;
        cells.forEach((cell, i) => {
          const [, percent, count] = cell.match(/^(\S+) \((\S+)\)$/)!;
          page.set(`${idOf(label)}|${groups[i]}`, { count, percent: pct(percent) });
        });
      }
      const csv = new Map(csvRows.filter((r) => r.question_id === "priority").map((r) => [`${r.option_id}|${r.group_id}`, { count: r.count, percent: r.column_percent }]));
      expect(csv).toEqual(page);
      const counted = (option: string, group: string) => GROUPS.filter(([v, o]) => o === option && (group === "_all" || v === group)).reduce((a, g) => a + g[3], 0);
      const base = (group: string) => GROUPS.filter(([v]) => group === "_all" || v === group).reduce((a, g) => a + g[3], 0);
      for (const [key, shown] of page) {
        const [option, group] = key.split("|");
        if (shown.count === "[c]") continue;
        const n = counted(option, group);
        expect({ key, ...shown }).toEqual({ key, count: String(n), percent: n === 0 ? "0" : percentText(n, base(group)) });
        expect(n === 0 || n >= THRESHOLD, `${key} = ${n}`).toBe(true);
      }
      // 3 victims said "Something else": withheld, and not given back by its row or column.
      expect(page.get("other|yes")!.count).toBe("[c]");
      for (const group of groups) {
        const hidden = ["neighbourhood", "roads", "online_crime", "other"].filter((o) => counted(o, group) > 0 && page.get(`${o}|${group}`)!.count === "[c]");
        expect(hidden.length, `column ${group}`).not.toBe(1);
      }
      for (const option of ["neighbourhood", "roads", "online_crime", "other"]) {
        const hidden = groups.filter((g) => counted(option, g) > 0 && page.get(`${option}|${g}`)!.count === "[c]");
        expect(hidden.length, `row ${option}`).not.toBe(1);
        // Everyone answered "victim", so "All in these groups" is the whole table's figure.
        if (whole.get(`priority|${option}`)!.count === "[c]") expect(page.get(`${option}|_all`)!.count, option).toBe("[c]");
      }
    }, 300_000);
  });
}
