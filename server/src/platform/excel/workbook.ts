import ExcelJS from 'exceljs';
import { LOCAL_OFFSET_MIN } from '../time';

export interface Column<T> {
  key: string;
  /** Header in the user's language. */
  header: string;
  width?: number;
  /**
   * A time (`datetime`: an instant, a Date or an ISO string, shown with the time of day) or a calendar day (`date`:
   * YYYY-MM-DD, no time): written as a real date cell in China time, which a spreadsheet sorts and filters as dates.
   * A Date in a column without a kind is a `datetime`.
   */
  kind?: 'date' | 'datetime';
  value: (row: T) => string | number | boolean | Date | null | undefined;
}

const DATETIME_FMT = 'yyyy-mm-dd hh:mm';
const DATE_FMT = 'yyyy-mm-dd';

/**
 * A cell value as written: instants shifted to China time (exceljs writes a Date's UTC fields, and a spreadsheet has
 * no time zones — 01:00 in Chongqing would show as 17:00 the day before), days as midnight of that day.
 */
export function cellValue(kind: Column<unknown>['kind'], v: string | number | boolean | Date | null): string | number | boolean | Date | null {
  if (v === null) return null;
  if (kind === 'date') {
    const day = v instanceof Date ? new Date(v.getTime() + LOCAL_OFFSET_MIN * 60_000).toISOString().slice(0, 10) : String(v).slice(0, 10);
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
    return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : v;
  }
  if (kind === 'datetime' || v instanceof Date) {
    const ms = v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : Number.NaN;
    return Number.isFinite(ms) ? new Date(ms + LOCAL_OFFSET_MIN * 60_000) : v;
  }
  return v;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One sheet with a bold, frozen header row and an auto-filter: what people expect of an exported list. */
export async function toXlsx<T>(sheetName: string, columns: Column<T>[], rows: Iterable<T>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gearbridge';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? (c.kind === 'date' ? 12 : 18) }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const row = ws.addRow(Object.fromEntries(columns.map((c) => [c.key, neutralise(cellValue(c.kind, c.value(r) ?? null))])));
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (cell.value instanceof Date) cell.numFmt = c.kind === 'date' ? DATE_FMT : DATETIME_FMT;
    });
  }
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
