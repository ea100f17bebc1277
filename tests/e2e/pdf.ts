import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Page } from "@playwright/test";

/**
 * Reads a PDF that Chromium printed, page by page, as lines of text (items at the same height
 * joined left to right), each marked bold when its font is. Used to check what a printed page
 * really holds: page numbers, what ends each page, and that no site chrome is printed.
 */

export interface PdfLine {
  text: string;
  bold: boolean;
}

export async function printToPdf(page: Page): Promise<Buffer> {
  return page.pdf({ preferCSSPageSize: true, printBackground: true });
}

export async function readPdf(data: Buffer): Promise<PdfLine[][]> {
  const doc = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PdfLine[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    // Fonts are loaded (into commonObjs) by the operator list; their names say whether they are bold.
    await page.getOperatorList();
    const content = await page.getTextContent();
    const rows = new Map<number, { x: number; text: string; bold: boolean }[]>();
    for (const item of content.items) {
      if (!("str" in item) || !item.str.trim()) continue;
      const y = Math.round(item.transform[5]);
      const font = page.commonObjs.has(item.fontName) ? (page.commonObjs.get(item.fontName) as { name?: string; bold?: boolean; black?: boolean }) : {};
      const bold = Boolean(font.bold || font.black || /bold|black|heavy/i.test(font.name ?? ""));
      const key = [...rows.keys()].find((k) => Math.abs(k - y) <= 2) ?? y;
      rows.set(key, [...(rows.get(key) ?? []), { x: item.transform[4], text: item.str, bold }]);
    }
    pages.push(
      [...rows.entries()]
        .sort((a, b) => b[0] - a[0])
        .map(([, items]) => {
          const sorted = items.sort((a, b) => a.x - b.x);
          return { text: sorted.map((i) => i.text).join(" ").replace(/\s+/g, " ").trim(), bold: sorted.every((i) => i.bold) };
        }),
    );
    page.cleanup();
  }
  await doc.destroy();
  return pages;
}

const words = (s: string) => s.toLowerCase().replace(/[^a-z0-9£%]+/g, " ").trim();

/**
 * The last line of each page above its page number, when that line is (part of) a heading:
 * a heading left alone at the foot of a page. `headings` are the page's heading texts.
 */
export function headingsAtFoot(pages: PdfLine[][], headings: string[]): { page: number; text: string }[] {
  const known = headings.map(words);
  const found: { page: number; text: string }[] = [];
  pages.forEach((lines, i) => {
    const body = lines.filter((l) => !/^Page \d+ of \d+$/.test(l.text));
    const last = body[body.length - 1];
    if (!last || !last.bold) return;
    const w = words(last.text);
    if (w && known.some((h) => ` ${h} `.includes(` ${w} `))) found.push({ page: i + 1, text: last.text });
  });
  return found;
}
