import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toXlsx, type Column } from './workbook';

interface Row {
  at: string;
  day: string;
  when: Date | null;
}

const columns: Column<Row>[] = [
  { key: 'at', header: 'At', kind: 'datetime', value: (r) => r.at },
  { key: 'day', header: 'Day', kind: 'date', value: (r) => r.day },
  { key: 'when', header: 'When', value: (r) => r.when },
];

async function cells(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const row = wb.worksheets[0].getRow(2);
  return [1, 2, 3].map((i) => ({ value: row.getCell(i).value, numFmt: row.getCell(i).numFmt }));
}

describe('toXlsx dates', () => {
  it('writes instants as date cells in China time with the time of day, and days as dates', async () => {
    // 17:30 UTC on 1 January is 01:30 on 2 January in Chongqing: the sheet must say the 2nd, not the 1st.
    const [at, day, when] = await cells(await toXlsx('S', columns, [{ at: '2026-01-01T17:30:00.000Z', day: '2026-03-05', when: new Date('2026-06-30T23:59:00Z') }]));
    expect(at.value).toBeInstanceOf(Date);
    expect((at.value as Date).toISOString()).toBe('2026-01-02T01:30:00.000Z');
    expect(at.numFmt).toBe('yyyy-mm-dd hh:mm');
    expect((day.value as Date).toISOString()).toBe('2026-03-05T00:00:00.000Z');
    expect(day.numFmt).toBe('yyyy-mm-dd');
    expect((when.value as Date).toISOString()).toBe('2026-07-01T07:59:00.000Z');
    expect(when.numFmt).toBe('yyyy-mm-dd hh:mm');
  });

  it('leaves an empty time empty and a text that is no time as text', async () => {
    const [at, , when] = await cells(await toXlsx('S', columns, [{ at: 'not a time', day: '2026-03-05', when: null }]));
    expect(at.value).toBe('not a time');
    expect(when.value).toBeNull();
  });
});
