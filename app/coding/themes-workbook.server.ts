import ExcelJS from "exceljs";
import { THEMES_CSV_HEADER, THEMES_NOTE } from "./themes-export";

/** Coded themes as an Excel workbook: a note sheet and one sheet of figures. Small (aggregates only). */
export async function themesWorkbook(title: string, rows: string[][], note: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const about = workbook.addWorksheet("About");
  about.columns = [{ width: 120 }];
  for (const line of [title, note, THEMES_NOTE]) about.addRow([line]);
  about.getRow(1).font = { bold: true };
  const sheet = workbook.addWorksheet("Coded themes");
  sheet.columns = THEMES_CSV_HEADER.map((h) => ({ header: h, key: h, width: h === "question" || h === "code" ? 40 : 14 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((v, c) => (c >= 5 && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
