import { zip } from './zip';

/** Office files made by hand for the tests of uploads (platform/files.ts recognises them by their content). */

/** A docx, xlsx or pptx as far as the sniffer looks: `[Content_Types].xml`, the package's relations and one part. */
export const ooxml = (part: string) =>
  zip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: '_rels/.rels', data: '<Relationships/>' },
    { name: part, data: '<x/>' },
  ]);

/** An OLE compound file's header and a directory sector naming one stream (UTF-16LE), as Office 97–2003 writes them. */
export function compoundFileOf(stream: string): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  const dir = Buffer.alloc(512);
  Buffer.from('Root Entry\0', 'utf16le').copy(dir, 0);
  Buffer.from(`${stream}\0`, 'utf16le').copy(dir, 128);
  return Buffer.concat([header, dir]);
}
