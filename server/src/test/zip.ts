import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Hand-made zips and .xlsx files for the tests of the bounded sheet reader, hostile ones included: a part may
 * declare a size it does not have, and a part may be given already deflated (a zip bomb built in a few
 * milliseconds and a megabyte, without ever holding its gigabyte).
 */
export interface Deflated {
  deflated: Buffer;
  /** Inflated size. */
  size: number;
  crc: number;
}

export interface ZipPart {
  name: string;
  data?: Buffer | string;
  /** The part already deflated (see `deflatedRuns`). */
  raw?: Deflated;
  /** The uncompressed size written in the headers, when it should lie. */
  declaredSize?: number;
}

/**
 * Deflates `runs` (each `data` repeated `times`) into one raw DEFLATE stream without holding the inflated whole:
 * each run is compressed once on its own (a full flush, so it refers to nothing before it) and its bytes repeated.
 * 1 MiB of zeros deflates to about 1 KiB, so 1 GiB of zeros costs about 1 MiB.
 */
export function deflatedRuns(runs: { data: Buffer | string; times?: number }[]): Deflated {
  const pieces: Buffer[] = [];
  let size = 0;
  let crc = 0;
  for (const run of runs) {
    const data = typeof run.data === 'string' ? Buffer.from(run.data) : run.data;
    const block = deflateRawSync(data, { finishFlush: constants.Z_FULL_FLUSH });
    for (let i = 0; i < (run.times ?? 1); i++) {
      pieces.push(block);
      crc = crc32(data, crc);
      size += data.length;
    }
  }
  pieces.push(Buffer.from([0x03, 0x00])); // a final, empty fixed-Huffman block
  return { deflated: Buffer.concat(pieces), size, crc };
}

export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const data = p.raw ? undefined : typeof p.data === 'string' ? Buffer.from(p.data) : (p.data ?? Buffer.alloc(0));
    const body = p.raw ? p.raw.deflated : deflateRawSync(data!);
    const size = p.raw ? p.raw.size : data!.length;
    const crc = p.raw ? p.raw.crc : crc32(data!);
    const declared = p.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A minimal .xlsx (one sheet) that Excel, ExcelJS and readSheet all open. `sheet`: the rows as `<row>` XML, or the
 * whole sheet part (for a bomb); `strings`: the shared strings as `<si>` XML, or the whole part; `styles`: cellXfs
 * and numFmts XML; `extra`: more parts.
 */
export function xlsx(opts: { sheet: string | Omit<ZipPart, 'name'>; strings?: string | Omit<ZipPart, 'name'>; styles?: string; extra?: ZipPart[] }): Buffer {
  const part = (name: string, content: string | Omit<ZipPart, 'name'>, wrap: (s: string) => string): ZipPart =>
    typeof content === 'string' ? { name, data: wrap(content) } : { name, ...content };
  const parts: ZipPart[] = [
    {
      name: '[Content_Types].xml',
      data:
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        (opts.strings !== undefined
          ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
          : '') +
        (opts.styles !== undefined ? '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' : '') +
        '</Types>',
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data:
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
        (opts.strings !== undefined ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : '') +
        (opts.styles !== undefined ? `<Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/>` : '') +
        '</Relationships>',
    },
    part('xl/worksheets/sheet1.xml', opts.sheet, (rows) => `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${rows}</sheetData></worksheet>`),
  ];
  if (opts.strings !== undefined) parts.push(part('xl/sharedStrings.xml', opts.strings, (si) => `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}">${si}</sst>`));
  if (opts.styles !== undefined) parts.push({ name: 'xl/styles.xml', data: `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${NS}">${opts.styles}</styleSheet>` });
  return zip([...parts, ...(opts.extra ?? [])]);
}

/** One `<row>` of inline-string cells (A, B, C, …). */
export function inlineRow(r: number, cells: string[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<row r="${r}">${cells.map((c, i) => `<c r="${String.fromCharCode(65 + i)}${r}" t="inlineStr"><is><t>${esc(c)}</t></is></c>`).join('')}</row>`;
}
