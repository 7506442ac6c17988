import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { compoundFileOf, ooxml } from '../test/files';
import { zip } from '../test/zip';
import { cleanFileName, contentDisposition, extensionMatches, sniffFileKind, zipEntryNames } from './files';

describe('sniffFileKind: a file by its content', () => {
  it('recognises drawings and pictures by their magic bytes or header', () => {
    expect(sniffFileKind(Buffer.from('%PDF-1.4\n'))).toBe('pdf');
    expect(sniffFileKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(sniffFileKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('jpeg');
    expect(sniffFileKind(Buffer.from('RIFF\x10\0\0\0WEBPVP8 ', 'latin1'))).toBe('webp');
    expect(sniffFileKind(Buffer.from('AC1018\0\0\0\0'))).toBe('dwg');
    expect(sniffFileKind(Buffer.from('  0\r\nSECTION\r\n'))).toBe('dxf');
    expect(sniffFileKind(Buffer.from('ISO-10303-21;\nHEADER;'))).toBe('step');
  });
  it('recognises Office files: docx, xlsx, pptx by their parts, doc, xls, ppt by their streams', async () => {
    expect(sniffFileKind(ooxml('word/document.xml'))).toBe('docx');
    expect(sniffFileKind(ooxml('xl/workbook.xml'))).toBe('xlsx');
    expect(sniffFileKind(ooxml('ppt/presentation.xml'))).toBe('pptx');
    // A workbook as a real writer makes it (deflated entries, data descriptors).
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('评审').addRow(['条目', 10]);
    expect(sniffFileKind(Buffer.from(await wb.xlsx.writeBuffer()))).toBe('xlsx');
    expect(sniffFileKind(compoundFileOf('WordDocument'))).toBe('doc');
    expect(sniffFileKind(compoundFileOf('Workbook'))).toBe('xls');
    expect(sniffFileKind(compoundFileOf('PowerPoint Document'))).toBe('ppt');
  });
  it('refuses anything else: a plain ZIP, a truncated one, an encrypted Office file, text, programs', () => {
    expect(sniffFileKind(zip([{ name: 'a.txt', data: 'hello' }]))).toBeNull();
    expect(
      sniffFileKind(
        zip([
          { name: '[Content_Types].xml', data: '<Types/>' },
          { name: 'other/x.xml', data: '<x/>' },
        ]),
      ),
    ).toBeNull();
    const docx = ooxml('word/document.xml');
    expect(sniffFileKind(docx.subarray(0, docx.length - 30))).toBeNull();
    expect(zipEntryNames(docx)).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    expect(sniffFileKind(compoundFileOf('EncryptedPackage'))).toBeNull();
    expect(sniffFileKind(compoundFileOf('Contents'))).toBeNull();
    for (const s of ['', 'hello', '<svg xmlns="http://www.w3.org/2000/svg"/>', '<html></html>', 'MZ\x90\0', 'PK\x03\x04', '%PD'])
      expect(sniffFileKind(Buffer.from(s, 'latin1')), s).toBeNull();
  });
  it('keeps to the kinds a caller allows', () => {
    expect(sniffFileKind(ooxml('word/document.xml'), ['pdf', 'docx'])).toBe('docx');
    expect(sniffFileKind(ooxml('word/document.xml'), ['pdf', 'png'])).toBeNull();
    expect(sniffFileKind(Buffer.from('AC1018\0'), ['pdf', 'docx'])).toBeNull();
  });
});

describe('file names', () => {
  it('checks the name against the kind, case-insensitively', () => {
    expect(extensionMatches('申请表.DOCX', 'docx')).toBe(true);
    expect(extensionMatches('评审.xls', 'xls')).toBe(true);
    expect(extensionMatches('评审.xlsx', 'xls')).toBe(false);
    expect(extensionMatches('docx', 'docx')).toBe(false);
  });
  it('cleans a name and sends it as UTF-8 with an ASCII stand-in', () => {
    expect(cleanFileName('C:\\认定\\申请表 (1).docx')).toBe('申请表 (1).docx');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName(' a\u0000b\r\n.pdf ')).toBe('ab.pdf');
    expect(contentDisposition('评审报告.pdf')).toBe(`attachment; filename="____.pdf"; filename*=UTF-8''%E8%AF%84%E5%AE%A1%E6%8A%A5%E5%91%8A.pdf`);
  });
});
