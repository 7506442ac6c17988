import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { inflateRawSync } from 'node:zlib';
import { deflatedRuns, inlineRow, xlsx, zip } from '../../test/zip';
import { readSheet, WorkbookError } from './read-sheet';
import { neutralise, toXlsx } from './workbook';

/** The message key readSheet refuses a file with ('' when it reads it). */
async function refusal(buf: Buffer, maxRows = 100, limits = {}): Promise<string> {
  try {
    await readSheet(buf, maxRows, limits);
    return '';
  } catch (err) {
    if (err instanceof WorkbookError) return err.msg.key;
    throw err;
  }
}

describe('the test zips', () => {
  it('deflate runs into one valid stream of the declared size and CRC', () => {
    const d = deflatedRuns([{ data: '<a>' }, { data: Buffer.alloc(1024, 0x61), times: 3 }, { data: '</a>' }]);
    const out = inflateRawSync(d.deflated);
    expect(out.length).toBe(d.size);
    expect(out.toString()).toBe(`<a>${'a'.repeat(3072)}</a>`);
  });
});

describe('readSheet', () => {
  it('reads what ExcelJS writes: headers, texts, numbers, dates, booleans; skips blank rows; drops what has no header', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['名称*', ' Kind ', 'Born', 'Ok']);
    ws.addRow(['  甲 ', 42, new Date(Date.UTC(1990, 2, 7)), true, 'beyond the header']);
    ws.addRow([]);
    ws.addRow(['乙', { richText: [{ text: 'rich ' }, { text: 'text', font: { bold: true } }] }, null, false]);
    ws.addRow(['丙', { formula: '1+1', result: 2 }, '2026-03-01', { text: 'link', hyperlink: 'https://example.org' }]);
    ws.getCell('C2').numFmt = 'yyyy-mm-dd';
    const sheet = await readSheet(Buffer.from(await wb.xlsx.writeBuffer()), 100);
    expect(sheet.headers).toEqual(['名称*', 'Kind', 'Born', 'Ok']);
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['甲', '42', '1990-03-07', 'true'] },
      { row: 4, cells: ['乙', 'rich text', '', 'false'] },
      { row: 5, cells: ['丙', '2', '2026-03-01', 'link'] },
    ]);
  });

  it('reads the first sheet of a workbook with pictures, a frozen header and a second sheet, as Excel saves them', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据', { views: [{ state: 'frozen', ySplit: 1 }] });
    wb.addWorksheet('说明').addRow(['not this one']);
    ws.addRow(['名称', '类型']);
    ws.addRow(['甲', '企业']);
    // A 1×1 PNG, as a logo in a template would be.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    ws.addImage(wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' }), 'D1:E3');
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await readSheet(buf, 10)).toEqual({ headers: ['名称', '类型'], rows: [{ row: 2, cells: ['甲', '企业'] }] });
  });

  it('reads shared strings with runs but without phonetic guides, built-in date formats and the 1904 date system', async () => {
    const buf = xlsx({
      strings: '<si><t>Name</t></si><si><r><t>王</t></r><r><t>启久</t></r><rPh sb="0" eb="1"><t>wang</t></rPh></si><si><t xml:space="preserve"> Date </t></si>',
      styles: '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>',
      sheet: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>2</v></c></row><row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" s="1"><v>46082</v></c></row>',
    });
    expect(await readSheet(buf, 10)).toEqual({ headers: ['Name', 'Date'], rows: [{ row: 3, cells: ['王启久', '2026-03-01'] }] });
  });

  it('refuses more data rows than the limit while reading', async () => {
    const rows = [inlineRow(1, ['a'])];
    for (let r = 2; r <= 12; r++) rows.push(inlineRow(r, [`v${r}`]));
    expect(await refusal(xlsx({ sheet: rows.join('') }), 11)).toBe('');
    expect(await refusal(xlsx({ sheet: rows.join('') }), 10)).toBe('platform.import.too_many_rows');
  });

  it('refuses a header row wider than the column limit, and a cell longer than the cell limit', async () => {
    const wide = `<row r="1">${Array.from({ length: 6 }, (_, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>h${i}</t></is></c>`).join('')}</row>`;
    expect(await refusal(xlsx({ sheet: wide }), 10, { maxColumns: 5 })).toBe('platform.import.too_many_columns');
    expect(await refusal(xlsx({ sheet: inlineRow(1, ['a']) + inlineRow(2, ['x'.repeat(101)]) }), 10, { maxCellChars: 100 })).toBe('platform.import.cell_too_long');
    expect(await refusal(xlsx({ sheet: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', strings: `<si><t>${'x'.repeat(101)}</t></si>` }), 10, { maxCellChars: 100 })).toBe(
      'platform.import.cell_too_long',
    );
  });

  it('refuses a text of hundreds of megabytes early, whatever size its part declares', async () => {
    const huge = (declaredSize?: number) =>
      xlsx({
        sheet: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
        strings: { raw: deflatedRuns([{ data: '<sst><si><t>' }, { data: Buffer.alloc(1024 * 1024, 0x61), times: 300 }, { data: '</t></si></sst>' }]), declaredSize },
      });
    expect(await refusal(huge())).toBe('platform.import.part_too_large');
    // Declared small enough to pass: refused by the length of the text, long before the declared size.
    expect(await refusal(huge(60 * 1024 * 1024))).toBe('platform.import.cell_too_long');
  });

  it('refuses by the central directory alone: too many entries, a part or the whole too large', async () => {
    const base = { sheet: inlineRow(1, ['a']) };
    const many = Array.from({ length: 10 }, (_, i) => ({ name: `xl/media/image${i}.png`, data: 'png' }));
    expect(await refusal(xlsx({ ...base, extra: many }), 10, { maxEntries: 14 })).toBe('platform.import.too_many_parts');
    expect(await refusal(xlsx({ ...base, extra: many }), 10, { maxEntries: 15 })).toBe('');
    // A bomb: 1 GiB of zeros in about a megabyte, declared honestly. Refused before a byte is inflated.
    const bomb = deflatedRuns([{ data: Buffer.alloc(1024 * 1024), times: 1024 }]);
    expect(bomb.deflated.length).toBeLessThan(2 * 1024 * 1024);
    expect(await refusal(xlsx({ sheet: { raw: bomb } }))).toBe('platform.import.part_too_large');
    expect(
      await refusal(
        xlsx({
          ...base,
          extra: [
            { name: 'xl/media/a.png', data: 'x'.repeat(600) },
            { name: 'xl/media/b.png', data: 'x'.repeat(600) },
          ],
        }),
        10,
        { maxTotalBytes: 1000 },
      ),
    ).toBe('platform.import.too_large');
  });

  it('refuses a part that inflates past the size it declares', async () => {
    const bomb = deflatedRuns([{ data: Buffer.alloc(1024 * 1024), times: 1024 }]);
    expect(await refusal(xlsx({ sheet: { raw: bomb, declaredSize: 1000 } }))).toBe('platform.import.damaged');
  });

  it('refuses parts an .xlsx has no business holding: a nested workbook or zip, a path out of the archive, a DTD', async () => {
    const base = { sheet: inlineRow(1, ['a']) };
    expect(await refusal(xlsx({ ...base, extra: [{ name: 'xl/embeddings/Workbook1.xlsx', data: 'PK' }] }))).toBe('platform.import.unexpected_part');
    expect(await refusal(xlsx({ ...base, extra: [{ name: 'payload.zip', data: 'PK' }] }))).toBe('platform.import.unexpected_part');
    expect(await refusal(xlsx({ ...base, extra: [{ name: '../../etc/cron.d/x.xml', data: '<a/>' }] }))).toBe('platform.import.unexpected_part');
    expect(await refusal(xlsx({ ...base, extra: [{ name: 'xl/run.exe', data: 'MZ' }] }))).toBe('platform.import.unexpected_part');
    const laughs = '<!DOCTYPE s [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><sst><si><t>&b;</t></si></sst>';
    expect(await refusal(xlsx({ ...base, strings: { data: laughs } }))).toBe('platform.import.unreadable');
    expect(await refusal(Buffer.from('not a zip'))).toBe('platform.import.unreadable');
    expect(await refusal(zip([{ name: 'hello.xml', data: '<a/>' }]))).toBe('platform.import.unreadable');
  });
});

describe('exported cells', () => {
  const texts = ['=HYPERLINK("http://evil","x")', '+86 138 0000 0000', '-5', '@SUM(A1:A2)', '\tcmd', '\rcmd', 'plain', "'quoted"];

  it('that a spreadsheet would read as a formula get a leading apostrophe; numbers stay numbers', async () => {
    expect(texts.map(neutralise)).toEqual(['\'=HYPERLINK("http://evil","x")', "'+86 138 0000 0000", "'-5", "'@SUM(A1:A2)", "'\tcmd", "'\rcmd", 'plain', "'quoted"]);
    expect([neutralise(-5), neutralise(0), neutralise(null), neutralise(true)]).toEqual([-5, 0, null, true]);
    const buf = await toXlsx('S', [{ key: 'v', header: 'Value', value: (r: { v: string | number }) => r.v }], [...texts.map((v) => ({ v })), { v: -5 }, { v: 3.5 }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const cells = wb.worksheets[0].getColumn(1).values.slice(2);
    // (XML reads a carriage return as a line feed.)
    expect(cells).toEqual([...texts.map((v) => neutralise(v).replace('\r', '\n')), -5, 3.5]);
    expect(cells.some((c) => typeof c === 'object')).toBe(false); // no formula among them
  });

  it('read back by the importers as they were exported', async () => {
    const buf = await toXlsx('S', [{ key: 'v', header: 'Value', value: (r: { v: string | number }) => r.v }], [...texts.map((v) => ({ v })), { v: -5 }]);
    const sheet = await readSheet(buf, 100);
    // Cells are trimmed on reading, as before: a leading tab or carriage return was never kept.
    expect(sheet.rows.map((r) => r.cells[0])).toEqual([...texts.map((t) => t.trim()), '-5']);
  });
});
