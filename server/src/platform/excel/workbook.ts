import ExcelJS from 'exceljs';
import { pm, type Msg } from '../errors';

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
  for (const r of rows) ws.addRow(Object.fromEntries(columns.map((c) => [c.key, c.value(r) ?? null])));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A cell's value as trimmed text ('' for empty), whatever Excel stored: number, rich text, formula, hyperlink. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in v && typeof v.text === 'string') return v.text.trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  }
  return String(v).trim();
}

export class WorkbookError extends Error {
  constructor(readonly msg: Msg) {
    super(msg.text);
  }
}

/** A read sheet: its header texts and each row's cell texts. */
export interface Sheet {
  headers: string[];
  rows: { row: number; cells: string[] }[];
}

/** Reads the first sheet into header → text records, with the 1-based sheet row number of each. */
export async function readSheet(buf: Buffer, maxRows: number): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new WorkbookError(pm('platform.import.unreadable'));
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new WorkbookError(pm('platform.import.no_sheet'));
  const headerRow = ws.getRow(1);
  const headers: string[] = [];
  for (let c = 1; c <= headerRow.cellCount; c++) headers.push(cellText(headerRow.getCell(c).value));
  const rows: { row: number; cells: string[] }[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells = headers.map((_, i) => cellText(row.getCell(i + 1).value));
    if (cells.every((c) => c === '')) continue; // blank lines people leave in sheets
    rows.push({ row: r, cells });
    if (rows.length > maxRows) throw new WorkbookError(pm('platform.import.too_many_rows', { max: maxRows }));
  }
  return { headers, rows };
}
