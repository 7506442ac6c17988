import { describe, expect, it } from 'vitest';
import { cleanFileName, contentDisposition, extensionMatches } from '../../platform/files';
import { drawingKind } from './drawing-type';

describe('drawingKind: a drawing by its content', () => {
  it('recognises each format by its magic bytes or header', () => {
    expect(drawingKind(Buffer.from('%PDF-1.4\n'))).toBe('pdf');
    expect(drawingKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(drawingKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('jpeg');
    expect(drawingKind(Buffer.from('RIFF\x10\0\0\0WEBPVP8 ', 'latin1'))).toBe('webp');
    expect(drawingKind(Buffer.from('AC1018\0\0\0\0'))).toBe('dwg');
    expect(drawingKind(Buffer.from('AutoCAD Binary DXF\r\n\x1a\0\0', 'latin1'))).toBe('dxf');
    expect(drawingKind(Buffer.from('  0\r\nSECTION\r\n  2\r\nHEADER\r\n'))).toBe('dxf');
    expect(drawingKind(Buffer.from('999\r\nmade by CAD\r\n0\nSECTION\n'))).toBe('dxf');
    expect(drawingKind(Buffer.from('\uFEFFISO-10303-21;\nHEADER;'))).toBe('step');
    expect(drawingKind(Buffer.from('  ISO-10303-21;\r\n'))).toBe('step');
  });
  it('refuses anything else, whatever it is called', () => {
    for (const s of ['', 'hello', '<svg xmlns="http://www.w3.org/2000/svg"/>', '<html></html>', 'MZ\x90\0', 'PK\x03\x04', 'AC1X18', '0\nSECTIONS\n', '%PD'])
      expect(drawingKind(Buffer.from(s, 'latin1')), s).toBeNull();
    expect(drawingKind(Buffer.from('0\nSECTION\n\0binary', 'latin1'))).toBeNull();
  });
  it('checks the name against the kind, case-insensitively', () => {
    expect(extensionMatches('a.STP', 'step')).toBe(true);
    expect(extensionMatches('a.step', 'step')).toBe(true);
    expect(extensionMatches('a.jpeg', 'jpeg')).toBe(true);
    expect(extensionMatches('a.pdf', 'png')).toBe(false);
    expect(extensionMatches('pdf', 'pdf')).toBe(false);
  });
  it('cleans a name and sends it as UTF-8 with an ASCII stand-in', () => {
    expect(cleanFileName('C:\\drawings\\齿轮 A-01.pdf')).toBe('齿轮 A-01.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\r\n.pdf ')).toBe('ab.pdf');
    expect(contentDisposition('齿轮 (1).pdf')).toBe(`attachment; filename="__ (1).pdf"; filename*=UTF-8''%E9%BD%BF%E8%BD%AE%20%281%29.pdf`);
    expect(contentDisposition('a"b\\c.pdf')).toBe(`attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`);
  });
});
