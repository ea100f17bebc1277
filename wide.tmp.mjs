import { chromium } from "playwright-core";
const base = "http://127.0.0.1:3204";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 320, height: 900 } });
await page.goto(base + "/staff/login");
await page.getByLabel("Email address").fill("analyst@e2e.example");
await page.getByLabel("Password").fill("e2e analyst long password");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL(/\/staff(?!\/login)/);
await page.getByRole("link", { name: "Police and Crime Survey", exact: true }).click();
await page.waitForURL(/consultations\/[^/]+$/);
const id = new URL(page.url()).pathname.split("/")[3];
for (const p of process.argv.slice(2)) {
  await page.goto(base + `/staff/consultations/${id}/coding${p}`);
  const wide = await page.evaluate(() => [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > 321 && !e.closest(".app-table-scroll")).slice(0, 5).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`));
  console.log(p, wide);
}
await browser.close();
