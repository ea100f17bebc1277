import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { headingsAtFoot, printToPdf, readPdf } from "./pdf";
import { signIn } from "./staff-accounts";

/**
 * The printed Panel pack, as Chromium prints it to PDF: a cover, contents, numbered pages, a
 * method and caveats page, no heading alone at the foot of a page, and none of the site's
 * navigation or "go to the table" links.
 */
test("an analyst prints the Panel pack", async ({ page }) => {
  await signIn(page, "analyst");
  await page.goto("/staff");
  await page.getByRole("table", { name: "All consultations" }).getByRole("link", { name: "Police and Crime Survey", exact: true }).click();
  await page.getByRole("link", { name: "Results", exact: true }).click();
  await page.getByRole("link", { name: "Panel pack (printable)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Police and Crime Survey: consultation results" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Contents" })).toBeVisible();
  // Charts drawn (the download buttons appear once they are) before printing.
  await expect(page.getByRole("button", { name: /Download chart as PNG/ }).first()).toBeVisible();
  await expectNoAxeViolations(page);

  const headings = await page.locator(".app-pack").locator("h1, h2, h3").allInnerTexts();
  const pdf = await readPdf(await printToPdf(page));
  const pages = pdf.map((lines) => lines.map((l) => l.text));
  expect(pdf.length).toBeGreaterThanOrEqual(4);
  // Numbered "Page n of N" on every page.
  pages.forEach((lines, i) => expect(lines).toContain(`Page ${i + 1} of ${pdf.length}`));
  // The cover has a page of its own, then the contents.
  expect(pages[0].join(" ")).toContain("Report to the Police and Crime Panel");
  expect(pages[0].join(" ")).not.toContain("Contents");
  expect(pages[1][0]).toBe("Contents");
  // The method and caveats begin a page.
  const method = pages.findIndex((lines) => lines[0]?.endsWith("Method and caveats"));
  expect(method).toBeGreaterThan(1);
  expect(pages[method].join(" ")).toContain("not a random sample");
  // None of the site's chrome, and no links that only work on screen.
  const all = pages.flat().join("\n");
  for (const chrome of ["Signed in as", "Sign out", "Back to the results", "Print or save as PDF", "go to the table", "Download chart as PNG", "Accessibility statement", "Your Say is run by"]) {
    expect(all).not.toContain(chrome);
  }
  expect(headingsAtFoot(pdf, headings)).toEqual([]);
});
