import ExcelJS from 'exceljs';

export interface Column<T> {
  key: string;
  /** Header in the user's language. */
  header: string;
  width?: number;
  value: (row: T) => string | number | boolean | Date | null | undefined;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One sheet with a bold, frozen header row and an auto-filter: what people expect of an exported list. */
export async function toXlsx<T>(sheetName: string, columns: Column<T>[], rows: Iterable<T>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gearbridge';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 18 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(Object.fromEntries(columns.map((c) => [c.key, neutralise(c.value(r) ?? null)])));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A text that a spreadsheet would read as a formula when the sheet is saved as CSV or its cells are pasted
 * elsewhere (starting with = + - @, tab or carriage return; OWASP's "CSV injection") gets a leading apostrophe.
 * Numbers stay numbers: -5 is a number, not text. readSheet takes the apostrophe off again (`unneutralise`).
 */
export function neutralise<V>(value: V): V | string {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
